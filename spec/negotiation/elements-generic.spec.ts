/**
 * capssetter as a table: pipeline → the caps gst-launch-1.0 -v printed (GStreamer 1.22) on the source's
 * src pad and the sink's sink pad. The changed caps come first in capssetter's sink answer
 * (prefer_passthrough), so the source fixates to them.
 */
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';

const REST = 'height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive';

describe('capssetter (recorded)', () => {
  it.each([
    ['videotestsrc num-buffers=1 ! capssetter caps=video/x-raw,width=10 ! fakesink', `video/x-raw, format=(string)ABGR64_LE, width=(int)10, ${REST}`, `video/x-raw, format=(string)ABGR64_LE, width=(int)10, ${REST}`],
    ['videotestsrc num-buffers=1 ! capssetter caps="video/x-raw,width=10" replace=true ! fakesink', `video/x-raw, width=(int)10, format=(string)ABGR64_LE, ${REST}`, 'video/x-raw, width=(int)10'],
    [
      'videotestsrc num-buffers=1 ! capssetter caps="image/x-foo,foo=bar" join=false ! fakesink',
      `video/x-raw, format=(string)ABGR64_LE, width=(int)320, ${REST}`,
      `image/x-foo, format=(string)ABGR64_LE, width=(int)320, ${REST}, foo=(string)bar`,
    ],
  ])('%s', (text, src, sink) => {
    const r = negotiate(text);
    expect(r.pads['videotestsrc0.src']).toBe(src);
    expect(r.pads['fakesink0.sink']).toBe(sink);
  });
});
