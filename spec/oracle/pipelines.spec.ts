/**
 * The differential suite, live: every corpus pipeline is its own test, which runs it through
 * gst-launch-1.0 -v now (two gst-launch at a time per file) and checks that GStreamer still answers as
 * recorded, and that negotiate() gives each pad exactly the caps GStreamer printed, or fails with the
 * same kind. gst-launch -v can drop a pad's line in multi-threaded pipelines (see mergeRuns), so the
 * full pad set comes from the recording (the union of several runs), and each live run must agree with it.
 */
import { it } from 'vitest';
import { describeOracle } from './available.js';
import { launcher, LIVE_TEST_TIMEOUT_MS } from './live.js';
import { compareWithGStreamer, loadNegotiate, readCorpus, readExpected, type RecordedPipeline } from './pipeline-corpus.js';

const corpus = readCorpus();
const recorded = new Map<string, RecordedPipeline>(readExpected().pipelines.map((p) => [p.pipeline, p]));
const launch = launcher(2);

describeOracle('differential suite: negotiate() against live gst-launch-1.0 -v', () => {
  it.concurrent.for(corpus)(
    '%s',
    { timeout: LIVE_TEST_TIMEOUT_MS },
    async (pipeline, { expect }) => {
      const negotiate = await loadNegotiate();
      if (negotiate === null) throw new Error('negotiate() is not exported from src/negotiation/index.ts yet');
      const now = await launch(pipeline);
      const then = recorded.get(pipeline);
      if (then === undefined) throw new Error('not recorded (re-record expected.json)');

      // live GStreamer agrees with the recording: same outcome, every printed pad as recorded
      const drift: string[] = [];
      if (now.ok !== then.ok || now.errorKind !== then.errorKind) {
        drift.push(`live ${String(now.ok)}/${String(now.errorKind)} (${now.message}${now.timedOut ? ', killed after the timeout' : ''}), recorded ${String(then.ok)}/${String(then.errorKind)}`);
      }
      if (now.ok) {
        for (const [pad, caps] of Object.entries(now.pads)) {
          if (then.pads[pad] !== caps) drift.push(`${pad} live ${caps}, recorded ${then.pads[pad] ?? 'nothing'}`);
        }
      }
      expect(drift, 'GStreamer now against the recording').toEqual([]);

      const ours = negotiate(pipeline);
      // exactly what GStreamer printed in this run ...
      const differences = compareWithGStreamer(now, ours).filter((d) => !(now.ok && / capsflow gives .*GStreamer printed no caps for it$/.test(d)));
      // ... and no pad GStreamer never gives caps to (the recorded union)
      if (now.ok && ours.ok) {
        for (const pad of Object.keys(ours.pads)) {
          // a pad inside a bin ('bin0/videotestsrc0.src') is among the nested ones GStreamer printed
          if (!Object.hasOwn(then.pads, pad) && !Object.hasOwn(then.nested, pad)) differences.push(`${pad}: capsflow gives caps, GStreamer never prints any`);
        }
      }
      expect(differences, 'capsflow against GStreamer').toEqual([]);
    },
  );
});
