/**
 * Video elements whose caps logic is their own (src/negotiation/elements-video.ts and the GstBaseTextOverlay
 * model in base-classes.ts): pipeline → the caps gst-launch-1.0 -v (GStreamer 1.22) printed last on a pad.
 */
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';

const check = (pipeline: string, pad: string, caps: string): void => {
  const r = negotiate(pipeline);
  expect(r.error).toBeNull();
  expect(r.pads[pad]).toBe(caps);
};

describe('transform_caps of their own (alpha, alphacolor, smptealpha, combdetect, ivtc)', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! alpha ! fakesink', 'videotestsrc0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, format=(string)AYUV, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=64,height=48 ! alpha ! fakesink', 'alpha0.src', 'video/x-raw, width=(int)64, height=(int)48, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, format=(string)AYUV'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420 ! alpha prefer-passthrough=true ! fakesink', 'alpha0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! alpha method=blue ! video/x-raw,format=BGRA ! fakesink', 'videotestsrc0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, format=(string)BGRA, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! alphacolor ! fakesink', 'alphacolor0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, format=(string)RGBA, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=ARGB ! alphacolor ! video/x-raw,format=AYUV ! fakesink', 'alphacolor0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, format=(string)AYUV'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=64,height=48 ! smptealpha ! fakesink', 'smptealpha0.src', 'video/x-raw, format=(string)AYUV, width=(int)64, height=(int)48, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! smptealpha ! video/x-raw,format=BGRA ! fakesink', 'videotestsrc0.src', 'video/x-raw, format=(string)BGRA, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! combdetect ! fakesink', 'videotestsrc0.src', 'video/x-raw, format=(string)Y444, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,interlace-mode=interleaved ! combdetect ! fakesink', 'combdetect0.src', 'video/x-raw, format=(string)Y444, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1'],
    ['videotestsrc num-buffers=1 ! ivtc ! fakesink', 'ivtc0.src', 'video/x-raw, format=(string)Y444, width=(int)320, height=(int)240, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)24/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,framerate=30000/1001 ! ivtc ! fakesink', 'ivtc0.src', 'video/x-raw, format=(string)Y444, width=(int)320, height=(int)240, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)24000/1001'],
  ])('%s: %s', check);
});

describe('GstBaseTextOverlay: video passes from video_sink to src, the unlinked text pad takes no part', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! textoverlay text=hello ! video/x-raw,format=I420 ! fakesink', 'textoverlay0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=NV12,width=640,height=360 ! textoverlay ! fakesink', 'fakesink0.sink', 'video/x-raw, format=(string)NV12, width=(int)640, height=(int)360, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
  ])('%s: %s', check);
});

describe('videoconvert YUV → RGB: an input colorimetry the format cannot carry counts as the default', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,colorimetry=sRGB ! videoconvert ! video/x-raw,format=RGBA ! fakesink', 'videoconvert0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, format=(string)RGBA, colorimetry=(string)1:1:16:4'],
  ])('%s: %s', check);
});
