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
import type { LaunchRun } from './gst-launch.js';
import {
  gstLaunchWords,
  mergeEntryRuns,
  readRealWorld,
  readRealWorldExpected,
  REAL_WORLD_EXPECTED_URL,
  runArgv,
  type RealWorldEntry,
  type RecordedEntry,
  type RecordedRealWorld,
} from './real-world.js';

const RUNS = 3;

/** An entry's runs, one after the other; a run that timed out is not repeated (it would time out again). */
async function runEntry(entry: RealWorldEntry): Promise<LaunchRun[]> {
  const runs: LaunchRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await gstLaunchWords(runArgv(entry).slice(1), { timeoutMs: 20_000 });
    runs.push(run);
    if (run.timedOut) break;
  }
  return runs;
}

/** Two entries at a time; entries that open a port run one at a time, so two never bind the same port. */
async function runAll(entries: readonly RealWorldEntry[]): Promise<LaunchRun[][]> {
  const results: LaunchRun[][] = new Array(entries.length);
  let next = 0;
  let portLock: Promise<void> = Promise.resolve();
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const i = next++;
      const entry = entries[i] as RealWorldEntry;
      if (entry.run?.argv.some((w) => /^port=|^(tcpserversink|tcpserversrc|udpsrc)$/.test(w)) === true) {
        const before = portLock;
        let release = (): void => {};
        portLock = new Promise<void>((r) => (release = r));
        await before;
        try {
          results[i] = await runEntry(entry);
        } finally {
          release();
        }
      } else results[i] = await runEntry(entry);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

if (process.env.CAPSFLOW_RECORD === '1') {
  describeOracle('record GStreamer answers for fixtures/pipelines/real-world.json', () => {
    it('runs every runnable entry 3 times through gst-launch-1.0 -v and writes real-world-expected.json', { timeout: 3_600_000 }, async () => {
      const runnable = readRealWorld().entries.filter((e) => e.class === 'runnable');
      // CAPSFLOW_RECORD_ONLY=rw0001,rw0002 re-records those entries and keeps the others' recorded answers
      const only = process.env.CAPSFLOW_RECORD_ONLY?.split(',').filter((id) => id !== '');
      const kept = only === undefined ? new Map<string, RecordedEntry>() : new Map(readRealWorldExpected().entries.map((e) => [e.id, e]));
      const todo = runnable.filter((e) => only === undefined || only.includes(e.id) || !kept.has(e.id));
      const raw = await runAll(todo);
      const fresh = new Map(todo.map((e, i) => [e.id, mergeEntryRuns(e.id, raw[i] as LaunchRun[])]));
      const entries = runnable.map((e) => (fresh.get(e.id) ?? kept.get(e.id)) as RecordedEntry);
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
  // recording runs only with CAPSFLOW_RECORD=1; real-world.spec.ts compares capsflow with the recording
  it('the recording says how it was made: this recorder, its runs, GStreamer 1.22', () => {
    const recorded = readRealWorldExpected();
    expect(recorded.format).toBe('capsflow-real-world-expected/1');
    expect(recorded.gstreamer).toMatch(/^1\.22\./);
    expect(recorded.command).toContain(`${RUNS} runs, pads are their union`);
  });
}
