/**
 * Request pads as gst_element_link picks them: the template by the caps of what is linked
 * (gst_element_get_compatible_pad → gst_element_get_compatible_pad_template, in the class's template
 * order), and the name the element's request_new_pad gives (qtmux/matroskamux/avimux count per kind,
 * GstAggregator 1.22 numbers every pad sink_N, mpegtsmux by PID from 0x41). Table: pipeline → the muxer's
 * sink pads as gst-launch-1.0 -v prints them; each row is also checked against live GStreamer, so the
 * table cannot drift from it. The muxers' caps need codec fields capsflow does not build yet (codec_data,
 * streamheader), so these rows compare pad names, not caps; the mixers' rows are in the corpus pad for pad.
 */
import { expect, it } from 'vitest';
import { describeOracle } from './available.js';
import { launcher, LIVE_TEST_TIMEOUT_MS } from './live.js';
import { loadNegotiate } from './pipeline-corpus.js';

interface Row {
  readonly pipeline: string;
  /** the sink pads of the element named m, sorted */
  readonly pads: readonly string[];
  /** oggmux numbers its pads by a random serial: only the template (audio_%u) is compared */
  readonly randomNumber?: true;
}

const TABLE: readonly Row[] = [
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! qtmux name=m ! fakesink', pads: ['video_0'] },
  { pipeline: 'videotestsrc num-buffers=1 ! openh264enc ! h264parse ! mp4mux name=m ! fakesink', pads: ['video_0'] },
  { pipeline: 'audiotestsrc num-buffers=1 ! avenc_aac ! mp4mux name=m ! fakesink', pads: ['audio_0'] },
  { pipeline: 'audiotestsrc num-buffers=1 ! vorbisenc ! oggmux name=m ! fakesink', pads: ['audio_%u'], randomNumber: true },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! matroskamux name=m ! fakesink audiotestsrc num-buffers=1 ! lamemp3enc ! m.', pads: ['audio_0', 'video_0'] },
  { pipeline: 'videotestsrc num-buffers=1 ! vp8enc ! webmmux name=m ! fakesink audiotestsrc num-buffers=1 ! vorbisenc ! m.', pads: ['audio_0', 'video_0'] },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! flvmux name=m ! fakesink', pads: ['sink_0'] },
  { pipeline: 'flvmux name=m ! fakesink videotestsrc num-buffers=1 ! x264enc ! m.video', pads: ['sink_0'] },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! avimux name=m ! fakesink audiotestsrc num-buffers=1 ! lamemp3enc ! m.', pads: ['audio_0', 'video_0'] },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! mpegtsmux name=m ! fakesink audiotestsrc num-buffers=1 ! avenc_ac3 ! m.', pads: ['sink_65', 'sink_66'] },
  { pipeline: 'mpegtsmux name=m ! fakesink videotestsrc num-buffers=1 ! x264enc ! m.sink_300 audiotestsrc num-buffers=1 ! avenc_ac3 ! m.', pads: ['sink_300', 'sink_65'] },
];

const templateOf = (name: string): string => name.replace(/_\d+$/, '_%u');
const launch = launcher(2);

describeOracle('request pads: the template by caps and the element’s numbering, as gst-launch-1.0 -v', () => {
  it.concurrent.for(TABLE)('$pipeline', { timeout: LIVE_TEST_TIMEOUT_MS }, async (row, { expect: ex }) => {
    const negotiate = await loadNegotiate();
    if (negotiate === null) throw new Error('negotiate() is not exported');
    const norm = (names: readonly string[]): string[] => [...new Set(names.map((n) => (row.randomNumber === true ? templateOf(n) : n)))].sort();
    const gst = await launch(row.pipeline);
    ex(gst.ok, `GStreamer: ${gst.message}`).toBe(true);
    const gstPads = Object.keys(gst.pads).filter((k) => k.startsWith('m.') && k !== 'm.src').map((k) => k.slice(2));
    ex(norm(gstPads), 'GStreamer against the table').toEqual([...row.pads]);
    const ours = negotiate(row.pipeline) as { links?: readonly { sink: string }[] };
    const linked = (ours.links ?? []).map((l) => l.sink).filter((s) => s.startsWith('m.')).map((s) => s.slice(2));
    ex(norm(linked), 'capsflow against the table').toEqual([...row.pads]);
  });
});

it('the table has a row per muxer family', () => {
  expect(new Set(TABLE.map((r) => /(\w+mux)\b/.exec(r.pipeline)?.[1])).size).toBeGreaterThanOrEqual(8);
});
