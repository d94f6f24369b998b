/**
 * h264parse / h265parse convert to the stream-format and alignment downstream asks for. Table: pipeline →
 * the parser's output stream-format and alignment as gst-launch-1.0 -v prints them, checked against live
 * GStreamer and capsflow. Only these two fields are compared: the rest of the parser's caps comes from the
 * SPS/PPS it reads in the data (level, chroma-format, bit depths, codec_data), which capsflow does not build.
 */
import { it } from 'vitest';
import { describeOracle } from './available.js';
import { launcher, LIVE_TEST_TIMEOUT_MS } from './live.js';
import { loadNegotiate } from './pipeline-corpus.js';

const TABLE: readonly { readonly pipeline: string; readonly pad: string; readonly format: string; readonly alignment: string }[] = [
  { pipeline: 'videotestsrc num-buffers=1 ! openh264enc ! h264parse ! fakesink', pad: 'h264parse0.src', format: 'byte-stream', alignment: 'au' },
  { pipeline: 'videotestsrc num-buffers=1 ! openh264enc ! h264parse ! mp4mux ! fakesink', pad: 'h264parse0.src', format: 'avc', alignment: 'au' },
  { pipeline: 'videotestsrc num-buffers=1 ! openh264enc ! h264parse ! video/x-h264,stream-format=avc3 ! fakesink', pad: 'h264parse0.src', format: 'avc3', alignment: 'au' },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! h264parse ! video/x-h264,stream-format=byte-stream,alignment=nal ! fakesink', pad: 'h264parse0.src', format: 'byte-stream', alignment: 'nal' },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! h264parse ! video/x-h264,stream-format=avc3 ! fakesink', pad: 'h264parse0.src', format: 'avc3', alignment: 'au' },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! h264parse ! mpegtsmux ! fakesink', pad: 'h264parse0.src', format: 'byte-stream', alignment: 'au' },
  { pipeline: 'videotestsrc num-buffers=1 ! x265enc ! h265parse ! video/x-h265,stream-format=hvc1 ! fakesink', pad: 'h265parse0.src', format: 'hvc1', alignment: 'au' },
  { pipeline: 'videotestsrc num-buffers=1 ! x265enc ! h265parse ! fakesink', pad: 'h265parse0.src', format: 'byte-stream', alignment: 'au' },
];

const field = (caps: string | undefined, name: string): string | null => (caps === undefined ? null : (new RegExp(`\\b${name}=\\(string\\)([\\w-]+)`).exec(caps)?.[1] ?? null));
const launch = launcher(2);

describeOracle('h264parse / h265parse: the stream-format and alignment downstream asks for, as gst-launch-1.0 -v', () => {
  it.concurrent.for(TABLE)('$pipeline', { timeout: LIVE_TEST_TIMEOUT_MS }, async (row, { expect }) => {
    const negotiate = await loadNegotiate();
    if (negotiate === null) throw new Error('negotiate() is not exported');
    const gst = await launch(row.pipeline);
    expect(gst.ok, `GStreamer: ${gst.message}`).toBe(true);
    const want = { format: row.format, alignment: row.alignment };
    expect({ format: field(gst.pads[row.pad], 'stream-format'), alignment: field(gst.pads[row.pad], 'alignment') }, 'GStreamer against the table').toEqual(want);
    const ours = negotiate(row.pipeline) as { ok: boolean; pads: Readonly<Record<string, string>> };
    expect({ format: field(ours.pads[row.pad], 'stream-format'), alignment: field(ours.pads[row.pad], 'alignment') }, 'capsflow against the table').toEqual(want);
  });
});
