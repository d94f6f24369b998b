/**
 * The differential suite, live: every corpus pipeline runs through gst-launch-1.0 -v now (two at a
 * time), and negotiate() must give each pad exactly the caps GStreamer printed, or fail with the same
 * kind. gst-launch -v can drop a pad's line in multi-threaded pipelines (see mergeRuns), so the full
 * pad set comes from the recording (the union of several runs), and each live run must agree with it.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeOracle } from './available.js';
import { gstLaunchAll, type LaunchRun } from './gst-launch.js';
import { compareWithGStreamer, loadNegotiate, readCorpus, readExpected, type NegotiationLike, type RecordedPipeline } from './pipeline-corpus.js';

const corpus = readCorpus();
const recorded = new Map<string, RecordedPipeline>(readExpected().pipelines.map((p) => [p.pipeline, p]));

describeOracle('differential suite: negotiate() against live gst-launch-1.0 -v', () => {
  const live = new Map<string, LaunchRun>();
  let negotiate: ((pipeline: string) => NegotiationLike) | null = null;

  beforeAll(async () => {
    const runs = await gstLaunchAll(corpus, 2);
    runs.forEach((r, i) => live.set(corpus[i] as string, r));
    negotiate = await loadNegotiate();
  });

  it('live GStreamer agrees with the recording (same outcome; every printed pad as recorded)', () => {
    const drift: string[] = [];
    for (const pipeline of corpus) {
      const now = live.get(pipeline);
      const then = recorded.get(pipeline);
      if (now === undefined || then === undefined) {
        drift.push(`${pipeline}: ${now === undefined ? 'no live run' : 'not recorded (re-record expected.json)'}`);
        continue;
      }
      if (now.ok !== then.ok || now.errorKind !== then.errorKind) {
        drift.push(`${pipeline}: live ${String(now.ok)}/${String(now.errorKind)} (${now.message}), recorded ${String(then.ok)}/${String(then.errorKind)}`);
      }
      if (!now.ok) continue;
      for (const [pad, caps] of Object.entries(now.pads)) {
        if (then.pads[pad] !== caps) drift.push(`${pipeline}: ${pad} live ${caps}, recorded ${then.pads[pad] ?? 'nothing'}`);
      }
    }
    expect(drift).toEqual([]);
  });

  it.each(corpus)('%s', (pipeline) => {
    if (negotiate === null) throw new Error('negotiate() is not exported from src/negotiation/index.ts yet');
    const now = live.get(pipeline);
    if (now === undefined) throw new Error('gst-launch did not run');
    const ours = negotiate(pipeline);
    // exactly what GStreamer printed in this run ...
    const differences = compareWithGStreamer(now, ours).filter((d) => !(now.ok && / capsflow gives .*GStreamer printed no caps for it$/.test(d)));
    // ... and no pad GStreamer never gives caps to (the recorded union)
    const union = recorded.get(pipeline);
    if (now.ok && ours.ok && union !== undefined) {
      for (const pad of Object.keys(ours.pads)) {
        // a pad inside a bin ('bin0/videotestsrc0.src') is among the nested ones GStreamer printed
        if (!Object.hasOwn(union.pads, pad) && !Object.hasOwn(union.nested, pad)) differences.push(`${pad}: capsflow gives caps, GStreamer never prints any`);
      }
    }
    expect(differences).toEqual([]);
  });
});
