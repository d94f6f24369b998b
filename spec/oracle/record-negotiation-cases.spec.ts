/**
 * Records GStreamer's answers for the negotiation cases: `CAPSFLOW_RECORD=1 npx vitest run
 * spec/oracle/record-negotiation-cases.spec.ts` runs every line of fixtures/negotiation/cases.txt through
 * `gst-launch-1.0 -v` (several runs merged, see mergeRuns) and writes fixtures/negotiation/cases.json.
 * Without CAPSFLOW_RECORD it compares negotiate() with one live gst-launch run of each case.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { describeOracle } from './available.js';
import { gstLaunchAll, mergeRuns, recordRuns } from './gst-launch.js';
import { launcher, LIVE_TEST_TIMEOUT_MS } from './live.js';
import { compareWithGStreamer, type RecordedPipeline } from './pipeline-corpus.js';

const CASES_URL = new URL('../../fixtures/negotiation/cases.txt', import.meta.url);
const JSON_URL = new URL('../../fixtures/negotiation/cases.json', import.meta.url);

const readCases = (): string[] =>
  readFileSync(CASES_URL, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

async function askGStreamer(cases: readonly string[]): Promise<{ runs: RecordedPipeline[]; unstable: string[] }> {
  const jobs = cases.flatMap((p, i) => Array.from({ length: recordRuns(p) }, () => ({ p, i })));
  const raw = await gstLaunchAll(jobs.map((j) => j.p), 2, { timeoutMs: 20_000 });
  const merged = cases.map((_, i) => mergeRuns(raw.filter((_r, k) => jobs[k]?.i === i)));
  return {
    runs: merged.map((m, i) => ({ ...m.result, pipeline: cases[i]! })),
    unstable: merged.flatMap((m, i) => m.unstable.map((u) => `${cases[i]}: ${u}`)),
  };
}

const recording = process.env.CAPSFLOW_RECORD === '1';
const launch = launcher(2);

describeOracle('negotiation cases against live gst-launch-1.0 -v', () => {
  if (recording) {
    it('records fixtures/negotiation/cases.json', async () => {
      const { runs, unstable } = await askGStreamer(readCases());
      expect(unstable).toEqual([]);
      const pipelines = runs.map((r) => ({ pipeline: r.pipeline, ok: r.ok, errorKind: r.errorKind, message: r.message, pads: Object.fromEntries(Object.entries(r.pads).sort()) }));
      writeFileSync(fileURLToPath(JSON_URL), `${JSON.stringify({ format: 'capsflow-negotiation-cases/1', command: 'gst-launch-1.0 -v PIPELINE via spec/oracle/gst-launch.ts, runs merged', pipelines }, null, 1)}\n`);
    }, 3_600_000);
    return;
  }
  // one live run per case, each its own test; -v may drop lines of multi-threaded pipelines, so a pad
  // GStreamer did not print is not a difference here (the recorded table, merged over runs, checks the full set)
  it.concurrent.for(readCases())(
    '%s',
    { timeout: LIVE_TEST_TIMEOUT_MS },
    async (pipeline, { expect }) => {
      const run = await launch(pipeline);
      const ours = negotiate(pipeline);
      expect(compareWithGStreamer(run, { ...ours, pads: Object.fromEntries(Object.entries(ours.pads).filter(([pad]) => pad in run.pads)) })).toEqual([]);
    },
  );
});
