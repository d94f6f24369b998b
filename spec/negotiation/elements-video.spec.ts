/**
 * Video elements whose caps logic is their own (src/negotiation/elements/video/, elements/codecs/, elements/parsers/ and the GstBaseTextOverlay,
 * video encoder and decoder models in base/): pipeline → the caps gst-launch-1.0 -v (GStreamer 1.22) printed last on a pad.
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

describe('GstVideoEncoder subclasses: the caps they build (what downstream allows, fixated; their own fields), with the input state as gst_video_info_from_caps reads it', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! openh264enc ! video/x-h264,profile=main ! fakesink', 'openh264enc0.src', 'video/x-h264, stream-format=(string)byte-stream, alignment=(string)au, profile=(string)main, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! mpeg2enc ! fakesink', 'mpeg2enc0.src', 'video/mpeg, systemstream=(boolean)false, mpegversion=(int)1, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! video/x-raw,width=640,height=360,framerate=24/1,pixel-aspect-ratio=4/3 ! vp8enc ! fakesink', 'vp8enc0.src', 'video/x-vp8, profile=(string)0, streamheader=(buffer)< 4f56503830010100028001680000040000030000001800000001 >, width=(int)640, height=(int)360, pixel-aspect-ratio=(fraction)4/3, framerate=(fraction)24/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I422_10LE,width=64,height=64 ! vp9enc ! fakesink', 'vp9enc0.src', 'video/x-vp9, profile=(string)3, width=(int)64, height=(int)64, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=GRAY8 ! pnmenc ! fakesink', 'pnmenc0.src', 'image/x-portable-graymap, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)1:4:0:0, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=Y41B ! openjpegenc ! fakesink', 'openjpegenc0.src', 'image/x-j2c, colorspace=(string)sYUV, sampling=(string)YCbCr-4:1:1, num-components=(int)3, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,colorimetry=bt709 ! vp8enc ! fakesink', 'vp8enc0.src', 'video/x-vp8, profile=(string)0, streamheader=(buffer)< 4f56503830010100014000f00000010000010000001e00000001 >, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt709, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,chroma-site=mpeg2 ! vp8enc ! fakesink', 'vp8enc0.src', 'video/x-vp8, profile=(string)0, streamheader=(buffer)< 4f56503830010100014000f00000010000010000001e00000001 >, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
  ])('%s: %s', check);
});

describe('GstVideoDecoder subclasses: the raw format behind the stream, the reference state\'s chroma siting and known colorimetry', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=YV12 ! vp9enc ! vp9dec ! fakesink', 'vp9dec0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420_10LE,width=64,height=64 ! vp9enc ! vp9dec ! fakesink', 'vp9dec0.src', 'video/x-raw, format=(string)I420_10LE, width=(int)64, height=(int)64, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=xRGB,width=64,height=48 ! openjpegenc ! openjpegdec ! fakesink', 'openjpegdec0.src', 'video/x-raw, format=(string)RGB, width=(int)64, height=(int)48, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)sRGB, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=GRAY16_LE ! pnmenc ! pnmdec ! fakesink', 'pnmdec0.src', 'video/x-raw, format=(string)GRAY16_BE, width=(int)320, height=(int)240, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)1:4:0:0, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=GRAY8 ! pngenc ! pngdec ! fakesink', 'pngdec0.src', 'video/x-raw, format=(string)GRAY8, width=(int)320, height=(int)240, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)1:4:0:0, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,colorimetry=bt709 ! vp8enc ! vp8dec ! fakesink', 'vp8dec0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)bt709, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=160,height=120,framerate=10/1 ! webpenc ! webpdec ! fakesink', 'webpdec0.src', 'video/x-raw, format=(string)RGB, width=(int)160, height=(int)120, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)2:1:16:4, framerate=(fraction)10/1'],
  ])('%s: %s', check);
});

describe('aspectratiocrop: the caps that arrive set its videocrop to the aspect-ratio property', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,width=640,height=480 ! aspectratiocrop aspect-ratio=16/9 ! fakesink', 'aspectratiocrop0.src', 'video/x-raw, format=(string)GBRA_12LE, width=(int)640, height=(int)360, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! video/x-raw,width=720,height=576,pixel-aspect-ratio=16/15 ! aspectratiocrop aspect-ratio=16/9 ! fakesink', 'aspectratiocrop0.src', 'video/x-raw, format=(string)GBRA_12LE, width=(int)720, height=(int)432, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)16/15, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! video/x-raw,width=100,height=300 ! aspectratiocrop aspect-ratio=5/1 ! fakesink', 'aspectratiocrop0.src', 'video/x-raw, format=(string)GBRA_12LE, width=(int)100, height=(int)20, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
  ])('%s: %s', check);
});

describe('videobalance: off its neutral values it keeps only the formats it processes', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=GRAY8 ! videobalance ! fakesink', 'videobalance0.src', 'video/x-raw, format=(string)GRAY8, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! videobalance saturation=0.5 ! video/x-raw,format=NV12 ! fakesink', 'videotestsrc0.src', 'video/x-raw, format=(string)NV12, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! videobalance brightness=0.2 ! fakesink', 'videobalance0.src', 'video/x-raw, format=(string)ABGR, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
  ])('%s: %s', check);
});

describe('parsers whose output the caps and properties decide (rawvideoparse, videoparse, pngparse)', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! rawvideoparse format=rgb width=64 height=48 ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)RGB, width=(int)64, height=(int)48, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)0:1:0:0, framerate=(fraction)25/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! rawvideoparse format=nv12 width=64 height=48 framerate=30/1 pixel-aspect-ratio=4/3 ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)NV12, width=(int)64, height=(int)48, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)4/3, chroma-site=(string)jpeg, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! rawvideoparse format=gray8 width=64 height=48 colorimetry=bt709 ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)GRAY8, width=(int)64, height=(int)48, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)bt709, framerate=(fraction)25/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=NV12,width=64,height=48,colorimetry=bt709 ! rawvideoparse use-sink-caps=true ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)NV12, width=(int)64, height=(int)48, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)bt709, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! videoparse format=gray16-le width=64 height=48 framerate=10/1 ! fakesink', 'videoparse0.src', 'video/x-raw, format=(string)GRAY16_LE, width=(int)64, height=(int)48, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)10/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,width=100,height=50 ! videoconvert ! pngenc ! pngparse ! fakesink', 'pngparse0.src', 'image/png, width=(int)100, height=(int)50, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! videoconvert ! pngenc ! pngparse ! pngdec ! fakesink', 'pngdec0.src', 'video/x-raw, format=(string)RGBA, width=(int)320, height=(int)240, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)0:1:0:0, framerate=(fraction)30/1'],
  ])('%s: %s', check);
});

describe('imagefreeze: any framerate on both sides, the output\'s fixed by downstream or nearest 25/1', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! imagefreeze num-buffers=1 ! fakesink', 'imagefreeze0.src', 'video/x-raw, format=(string)ABGR64_LE, width=(int)320, height=(int)240, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, framerate=(fraction)25/1'],
    ['videotestsrc num-buffers=1 ! imagefreeze num-buffers=1 ! fakesink', 'videotestsrc0.src', 'video/x-raw, format=(string)ABGR64_LE, width=(int)320, height=(int)240, multiview-mode=(string)mono, framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! imagefreeze num-buffers=1 ! video/x-raw,framerate=[1/1,5/1] ! fakesink', 'imagefreeze0.src', 'video/x-raw, format=(string)ABGR64_LE, width=(int)320, height=(int)240, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, framerate=(fraction)5/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,framerate=0/1 ! imagefreeze num-buffers=1 ! fakesink', 'imagefreeze0.src', 'video/x-raw, format=(string)ABGR64_LE, width=(int)320, height=(int)240, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, framerate=(fraction)25/1'],
  ])('%s: %s', check);
});

describe('GstVideoAggregator (compositor): sink caps without alpha formats when downstream takes none, any size; the output keeps the input format and colour only where downstream takes them', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! compositor ! video/x-raw,format=I420 ! fakesink', 'videotestsrc0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, format=(string)Y412_LE, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
    ['videotestsrc num-buffers=1 ! compositor ! video/x-raw,format=I420 ! fakesink', 'compositor0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)30/1, chroma-site=(string)jpeg, colorimetry=(string)bt601'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=YUY2,width=200,height=100 ! compositor ! video/x-raw,format=RGB ! fakesink', 'compositor0.src', 'video/x-raw, format=(string)RGB, width=(int)200, height=(int)100, framerate=(fraction)30/1, colorimetry=(string)sRGB'],
    ['videotestsrc num-buffers=1 ! compositor ! videoconvert ! video/x-raw,format=GRAY8 ! fakesink', 'compositor0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, format=(string)ABGR64_LE, colorimetry=(string)sRGB'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,framerate=15/1,pixel-aspect-ratio=2/1 ! compositor ! fakesink', 'compositor0.src', 'video/x-raw, format=(string)I420, width=(int)640, height=(int)240, framerate=(fraction)15/1, chroma-site=(string)jpeg, colorimetry=(string)bt601'],
    ['videotestsrc num-buffers=1 ! compositor ! video/x-raw,width=640,height=480 ! fakesink', 'videotestsrc0.src', 'video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, format=(string)ABGR64_LE, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive'],
  ])('%s: %s', check);
});

describe('y4mdec and vp9parse read what the encoder wrote: the raw format behind the stream', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=Y444,width=64,height=48,colorimetry=bt709 ! y4menc ! y4mdec ! fakesink', 'y4mdec0.src', 'video/x-raw, format=(string)Y444, width=(int)64, height=(int)48, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=Y42B,width=1280,height=720,framerate=25/1 ! y4menc ! y4mdec ! fakesink', 'y4mdec0.src', 'video/x-raw, format=(string)Y42B, width=(int)1280, height=(int)720, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)mpeg2, colorimetry=(string)bt709, framerate=(fraction)25/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=Y444 ! vp9enc ! vp9parse ! fakesink', 'vp9parse0.src', 'video/x-vp9, profile=(string)1, width=(int)320, height=(int)240, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt601, chroma-site=(string)jpeg, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, chroma-format=(string)4:4:4, bit-depth-luma=(uint)8, bit-depth-chroma=(uint)8, parsed=(boolean)true, alignment=(string)super-frame, codec-alpha=(boolean)false'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420_10LE,width=64,height=48 ! vp9enc ! vp9parse ! vp9dec ! fakesink', 'vp9dec0.src', 'video/x-raw, format=(string)I420_10LE, width=(int)64, height=(int)48, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)30/1'],
  ])('%s: %s', check);
});

describe("videotestsrc's set_caps reads a GstVideoInfo: caps it refuses stop it before any CAPS event (gst-launch: not-negotiated, no caps printed)", () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,interlace-mode=alternate ! fakesink', 'not-negotiated'],
    ['videotestsrc num-buffers=1 ! video/x-raw,interlace-mode=alternate ! videoconvert ! fakesink', 'not-negotiated'],
    // its template has no format:Interlaced: the link itself fails
    ['videotestsrc num-buffers=1 ! video/x-raw(format:Interlaced),interlace-mode=alternate ! fakesink', 'link-failed'],
    ['videotestsrc num-buffers=1 ! video/x-raw,interlace-mode=mixed ! fakesink', null],
  ])('%s: %s', (pipeline, error) => {
    const r = negotiate(pipeline);
    expect(r.error?.kind ?? null).toBe(error);
    if (error !== null) expect(r.pads).toEqual({});
  });
});

describe('GstVideoInfo defaults of 1.22: 2160 lines of YUV are still bt709 with co-sited chroma', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=3840,height=2160 ! vp9enc ! vp9dec ! fakesink', 'vp9dec0.src', 'video/x-raw, format=(string)I420, width=(int)3840, height=(int)2160, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)mpeg2, colorimetry=(string)bt709, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=3840,height=2160 ! jpegenc ! fakesink', 'jpegenc0.src', 'image/jpeg, sof-marker=(int)0, width=(int)3840, height=(int)2160, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1, interlace-mode=(string)progressive, colorimetry=(string)bt709, chroma-site=(string)mpeg2, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
  ])('%s: %s', check);
});

describe('rawvideoparse keeps its initial GstVideoInfo (default colorimetry, no framerate) until a format or size property changes it', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! rawvideoparse format=i420 ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)0/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! rawvideoparse width=64 ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)I420, width=(int)64, height=(int)240, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, framerate=(fraction)25/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=I420,width=640,height=480 ! rawvideoparse framerate=10/1 ! fakesink', 'rawvideoparse0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)10/1'],
  ])('%s: %s', check);
});

describe('imagefreeze is no basetransform: an output equal to its input still has the framerate moved last', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! video/x-raw,width=64,height=48,framerate=25/1 ! imagefreeze num-buffers=2 ! fakesink', 'imagefreeze0.src', 'video/x-raw, format=(string)ABGR64_LE, width=(int)64, height=(int)48, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, framerate=(fraction)25/1'],
    ['videotestsrc num-buffers=1 ! imagefreeze num-buffers=1 ! video/x-raw,framerate={15/1,30/1} ! fakesink', 'imagefreeze0.src', 'video/x-raw, format=(string)ABGR64_LE, width=(int)320, height=(int)240, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, framerate=(fraction)30/1'],
  ])('%s: %s', check);
});

describe('deinterlace (auto, all fields): progressive caps pass, interlaced ones come out progressive at twice the rate', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! deinterlace ! fakesink', 'videotestsrc0.src', 'video/x-raw, format=(string)ABGR, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,interlace-mode=interleaved,format=I420 ! deinterlace ! fakesink', 'deinterlace0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)60/1, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,interlace-mode=mixed,format=I420,framerate=25/1 ! deinterlace ! fakesink', 'deinterlace0.src', 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)50/1, multiview-mode=(string)mono, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1'],
  ])('%s: %s', check);
});

describe('jpegparse reads the frame jpegenc wrote (baseline SOF, colour model and sampling of its input, JFIF 1/1 but for RGB); jpegdec takes the colour model from it', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! jpegenc ! jpegparse ! fakesink', 'jpegparse0.src', 'image/jpeg, parsed=(boolean)true, width=(int)320, height=(int)240, sof-marker=(int)0, colorspace=(string)sYUV, sampling=(string)YCbCr-4:2:0, framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=RGB,width=64,height=48 ! jpegenc ! jpegparse ! fakesink', 'jpegparse0.src', 'image/jpeg, parsed=(boolean)true, width=(int)64, height=(int)48, sof-marker=(int)0, colorspace=(string)sRGB, sampling=(string)RGB, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=Y42B,width=64,height=48 ! jpegenc ! jpegparse ! fakesink', 'jpegparse0.src', 'image/jpeg, parsed=(boolean)true, width=(int)64, height=(int)48, sof-marker=(int)0, colorspace=(string)sYUV, sampling=(string)YCbCr-4:2:2, framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=RGB,width=64,height=48 ! jpegenc ! jpegparse ! jpegdec ! fakesink', 'jpegdec0.src', 'video/x-raw, format=(string)RGB, width=(int)64, height=(int)48, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, colorimetry=(string)0:1:0:0, framerate=(fraction)30/1'],
    ['videotestsrc num-buffers=1 ! video/x-raw,format=GRAY8,width=64,height=48 ! jpegenc ! jpegparse ! jpegdec ! fakesink', 'jpegdec0.src', 'video/x-raw, format=(string)GRAY8, width=(int)64, height=(int)48, interlace-mode=(string)progressive, multiview-mode=(string)mono, multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1'],
  ])('%s: %s', check);
});
