/**
 * Records GStreamer's answers for the runnable entries of the real-world corpus:
 * `CAPSFLOW_RECORD=1 npx vitest run spec/oracle/record-real-world.spec.ts` runs each substituted argv 3 times
 * through `gst-launch-1.0 -v` (spec/oracle/real-world.ts) and writes fixtures/pipelines/real-world-expected.json:
 * the union of the printed pads, pads whose caps differed between runs listed as `random`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeOracle } from './available.js';
import { gstLaunchWordsAll, mergeEntryRuns, readRealWorld, REAL_WORLD_EXPECTED_URL, runArgv, type RecordedRealWorld } from './real-world.js';

const RUNS = 3;

if (process.env.CAPSFLOW_RECORD === '1') {
  describeOracle('record GStreamer answers for fixtures/pipelines/real-world.json', () => {
    it('runs every runnable entry 3 times through gst-launch-1.0 -v and writes real-world-expected.json', { timeout: 3_600_000 }, async () => {
      const runnable = readRealWorld().entries.filter((e) => e.class === 'runnable');
      const jobs = runnable.flatMap((e) => Array.from({ length: RUNS }, () => e));
      const raw = await gstLaunchWordsAll(
        jobs.map((e) => runArgv(e).slice(1)),
        2,
      );
      const entries = runnable.map((e) => mergeEntryRuns(e.id, raw.filter((_r, k) => jobs[k] === e)));
      expect(entries.length).toBe(runnable.length);
      const version = execFileSync('gst-launch-1.0', ['--version'], { encoding: 'utf8' }).match(/GStreamer (\S+)/)?.[1] ?? 'unknown';
      const out: RecordedRealWorld = {
        format: 'capsflow-real-world-expected/1',
        gstreamer: version,
        command: `gst-launch-1.0 -v RUN-ARGV (LC_ALL=C, GST_DEBUG, DISPLAY and WAYLAND_DISPLAY unset, an empty scratch directory), via spec/oracle/real-world.ts; ${RUNS} runs, pads are their union`,
        generated: new Date().toISOString(),
        entries,
      };
      writeFileSync(fileURLToPath(REAL_WORLD_EXPECTED_URL), `${JSON.stringify(out, null, 1)}\n`);
    });
  });
} else {
  it.skip('records only with CAPSFLOW_RECORD=1 (real-world.spec.ts checks the recording)', () => {});
}
