/**
 * The 1.26 differential suite: every pipeline of the 1.26 corpus (gst126.ts) negotiated by capsflow with
 * `gstVersion: '1.26'` (the embedded 1.26 registry and the models' 1.26 behaviour) against GStreamer 1.26.
 * With the Debian 13 root: each pipeline runs live (`chroot ROOT gst-launch-1.0 -v`), must still answer
 * as recorded in expected-1.26.json, and capsflow must give what this run printed. Without the root: a
 * failure in CI; locally a warning, and capsflow is held to the recording. Pipelines in
 * known-gaps-1.26.txt are where 1.26 differs and capsflow does not model it yet: each must still
 * disagree (an entry that starts agreeing fails, so the list only shrinks).
 */
import { describe, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { isCI, oracleMode } from './available.js';
import { readCorpus126, readExpected126, readGaps126, root126Problem, ROOT_126 } from './gst126.js';
import type { LaunchResult } from './gst-launch.js';
import { launcher, LIVE_TEST_TIMEOUT_MS } from './live.js';
import { compareWithGStreamer, type RecordedPipeline } from './pipeline-corpus.js';

const corpus = readCorpus126();
const recorded = new Map<string, RecordedPipeline>(readExpected126().pipelines.map((p) => [p.pipeline, p]));
const gaps = readGaps126();
const problem = root126Problem();
const mode = oracleMode(problem, isCI);
if (mode === 'skip') console.warn(`[oracle] GStreamer 1.26 root missing (${String(problem)}): holding capsflow to the 1.26 recording only`);
const launch = launcher(2, ROOT_126);

/** capsflow --gst 1.26 against one GStreamer answer: the differences (none: they agree) */
function differences(gst: LaunchResult, pipeline: string): string[] {
  const ours = negotiate(pipeline, { gstVersion: '1.26' });
  const d = compareWithGStreamer(gst, ours).filter((x) => !(gst.ok && / capsflow gives .*GStreamer printed no caps for it$/.test(x)));
  const then = recorded.get(pipeline);
  if (gst.ok && ours.ok && then !== undefined) {
    for (const pad of Object.keys(ours.pads)) {
      if (!Object.hasOwn(then.pads, pad) && !Object.hasOwn(then.nested, pad)) d.push(`${pad}: capsflow gives caps, GStreamer 1.26 never prints any`);
    }
  }
  return d;
}

describe('known-gaps-1.26.txt', () => {
  it('names only pipelines of the 1.26 corpus', ({ expect }) => {
    expect([...gaps.keys()].filter((g) => !corpus.includes(g))).toEqual([]);
  });
});

describe(`capsflow --gst 1.26 against GStreamer 1.26 (${mode === 'run' ? 'live in the Debian 13 root' : 'recorded'})`, () => {
  if (mode === 'fail') {
    it('needs the GStreamer 1.26 oracle (the Debian 13 root), which CI must provide', () => {
      throw new Error(`GStreamer 1.26 oracle missing in CI: ${String(problem)}`);
    });
    return;
  }
  it.concurrent.for(corpus)('%s', { timeout: LIVE_TEST_TIMEOUT_MS }, async (pipeline, { expect }) => {
    const then = recorded.get(pipeline);
    if (then === undefined) throw new Error('not recorded (CAPSFLOW_RECORD=1.26 npx vitest run spec/oracle/record-pipelines-1.26.spec.ts)');
    let gst: LaunchResult = then;
    if (mode === 'run') {
      const now = await launch(pipeline);
      const drift: string[] = [];
      if (now.ok !== then.ok || now.errorKind !== then.errorKind) drift.push(`live ${String(now.ok)}/${String(now.errorKind)} (${now.message}), recorded ${String(then.ok)}/${String(then.errorKind)}`);
      if (now.ok) for (const [pad, caps] of Object.entries(now.pads)) if (then.pads[pad] !== caps) drift.push(`${pad} live ${caps}, recorded ${then.pads[pad] ?? 'nothing'}`);
      expect(drift, 'GStreamer 1.26 now against the recording').toEqual([]);
      gst = now;
    }
    const d = differences(gst, pipeline);
    const gap = gaps.get(pipeline);
    if (gap === undefined) expect(d, `capsflow --gst 1.26 against GStreamer 1.26:\n${d.join('\n')}`).toEqual([]);
    else expect(d.length, `listed in known-gaps-1.26.txt (${gap}) but capsflow now agrees: remove the entry`).toBeGreaterThan(0);
  });
});
