/**
 * RTP payloaders against live gst-launch-1.0 -v. Their src caps carry values chosen at random when the
 * element runs (ssrc, timestamp-offset, seqnum-offset, unless set as properties) and fields the subclass
 * makes from the stream (sprop-parameter-sets, profile-level-id, an AAC config): capsflow names those fields
 * in `unknowns` and prints the rest. Table: pipeline → the fields capsflow must name unknown on the
 * payloader's src pad; each row checks live that GStreamer's caps with exactly those fields taken out are
 * capsflow's caps, byte for byte.
 */
import { expect, it } from 'vitest';
import { Caps } from '../../src/caps/index.js';
import { describeOracle } from './available.js';
import { launcher, LIVE_TEST_TIMEOUT_MS } from './live.js';
import { loadNegotiate } from './pipeline-corpus.js';

interface Row {
  readonly pipeline: string;
  /** the fields named unknown on p.src */
  readonly unknown: readonly string[];
}

const RANDOM = ['ssrc', 'timestamp-offset', 'seqnum-offset'];

const TABLE: readonly Row[] = [
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! mpegtsmux ! rtpmp2tpay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'videotestsrc num-buffers=1 ! vp8enc ! rtpvp8pay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'videotestsrc num-buffers=1 ! vp9enc ! rtpvp9pay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'videotestsrc num-buffers=1 ! vp8enc ! rtpvp8pay name=p pt=100 ssrc=1234 timestamp-offset=5 seqnum-offset=7 ! fakesink', unknown: [] },
  { pipeline: 'audiotestsrc num-buffers=1 ! alawenc ! rtppcmapay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'audiotestsrc num-buffers=1 ! mulawenc ! rtppcmupay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'audiotestsrc num-buffers=1 ! audioconvert ! rtpL16pay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'audiotestsrc num-buffers=1 ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! rtpL24pay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'audiotestsrc num-buffers=1 ! opusenc ! rtpopuspay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'audiotestsrc num-buffers=1 ! audio/x-raw,channels=2 ! opusenc ! rtpopuspay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'videotestsrc num-buffers=1 ! jpegenc ! rtpjpegpay name=p ! fakesink', unknown: RANDOM },
  { pipeline: 'audiotestsrc num-buffers=1 ! voaacenc ! rtpmp4apay name=p ! fakesink', unknown: ['config', ...RANDOM] },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! rtph264pay name=p ! fakesink', unknown: ['packetization-mode', 'sprop-parameter-sets', 'profile-level-id', 'profile', ...RANDOM] },
  { pipeline: 'videotestsrc num-buffers=1 ! x264enc ! video/x-h264,profile=baseline ! rtph264pay name=p pt=98 ! fakesink', unknown: ['packetization-mode', 'sprop-parameter-sets', 'profile-level-id', 'profile', ...RANDOM] },
];

/** caps without the named fields, printed */
function without(text: string, fields: readonly string[]): string {
  const parsed = Caps.parse(text);
  if (!parsed.ok) throw new Error(`GStreamer's caps do not parse: ${text}`);
  const drop = new Set(fields);
  return Caps.fromEntries(parsed.caps.entries.map((e) => ({ structure: { name: e.structure.name, fields: e.structure.fields.filter((f) => !drop.has(f.name)) }, features: e.features }))).toString();
}

const launch = launcher(2);

describeOracle('RTP payloaders: GStreamer’s src caps less the fields capsflow names unknown are capsflow’s', () => {
  it.concurrent.for(TABLE)('$pipeline', { timeout: LIVE_TEST_TIMEOUT_MS }, async (row, { expect: ex }) => {
    const negotiate = await loadNegotiate();
    if (negotiate === null) throw new Error('negotiate() is not exported');
    const ours = negotiate(row.pipeline) as unknown as { verdict: string; pads: Record<string, string>; unknowns: readonly { element: string; pad?: string; fields?: readonly string[] }[] };
    ex(ours.verdict).toBe('negotiated');
    const named = ours.unknowns.filter((u) => u.element === 'p' && u.pad === 'src').flatMap((u) => u.fields ?? []);
    ex([...named].sort(), 'the fields capsflow names unknown').toEqual([...row.unknown].sort());
    const gst = await launch(row.pipeline);
    ex(gst.ok, `GStreamer: ${gst.message}`).toBe(true);
    const theirs = gst.pads['p.src'];
    if (theirs === undefined) throw new Error('GStreamer printed no caps for p.src');
    ex(ours.pads['p.src']).toBe(without(theirs, named));
  });
});

it('the table covers the payloaders the issue names', () => {
  const covered = new Set(TABLE.map((r) => /(rtp\w+pay)\b/.exec(r.pipeline)?.[1]));
  for (const p of ['rtph264pay', 'rtpvp8pay', 'rtpvp9pay', 'rtpopuspay', 'rtpL16pay', 'rtpL24pay', 'rtpjpegpay', 'rtpmp4apay', 'rtpmp2tpay']) expect(covered.has(p), p).toBe(true);
});
