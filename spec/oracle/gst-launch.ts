/**
 * The pipeline oracle: `gst-launch-1.0 -v` runs and their reading live in src/cli/gst-launch.ts (the CLI's
 * --compare uses them too); here are what only the suites need: many runs, and the union of runs.
 */
import { gstLaunch, type LaunchOptions, type LaunchResult, type LaunchRun } from '../../src/cli/gst-launch.js';

export { gstLaunch, gstLaunchArgs, launchArgs, parseLaunchOutput } from '../../src/cli/gst-launch.js';
export type { LaunchErrorKind, LaunchOptions, LaunchResult, LaunchRun } from '../../src/cli/gst-launch.js';

/** Run many pipelines, at most `concurrency` gst-launch processes at a time, results in input order. */
export async function gstLaunchAll(pipelines: readonly string[], concurrency = 2, options: LaunchOptions = {}): Promise<LaunchRun[]> {
  const results: LaunchRun[] = new Array(pipelines.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pipelines.length) {
      const i = next++;
      results[i] = await gstLaunch(pipelines[i] as string, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pipelines.length) }, worker));
  return results;
}

/**
 * gst-launch -v prints pad caps from property-notify messages, and in pipelines with several streaming
 * threads (queue, tee branches) some lines are lost or printed twice (observed on 1.22: about one run in
 * four of a two-branch tee pipeline misses a few pads). A printed line always carries that pad's real
 * caps, so GStreamer's full answer is the union over several runs. `unstable` lists what disagreed
 * between runs: a different outcome, error kind, or two different caps for one pad; such a pad is in
 * `random` and keeps the first run's caps (the recorders refuse unstable lines, the real-world
 * recording keeps the first run's caps and compares only that the pad is printed).
 */
export function mergeRuns(runs: readonly LaunchResult[]): {
  readonly result: LaunchResult;
  readonly unstable: readonly string[];
  readonly random: ReadonlySet<string>;
  readonly unstableOutcome: boolean;
} {
  const [first] = runs;
  if (first === undefined) throw new Error('mergeRuns: no runs');
  const unstable: string[] = [];
  const random = new Set<string>();
  let unstableOutcome = false;
  const pads: Record<string, string> = {};
  const nested: Record<string, string> = {};
  for (const r of runs) {
    if (r.ok !== first.ok || r.errorKind !== first.errorKind) {
      unstableOutcome = true;
      unstable.push(`outcome: ${String(first.ok)}/${String(first.errorKind)} vs ${String(r.ok)}/${String(r.errorKind)} (${r.message})`);
    }
    for (const [into, from] of [
      [pads, r.pads],
      [nested, r.nested],
    ] as const) {
      for (const [pad, caps] of Object.entries(from)) {
        const seen = into[pad];
        if (seen === undefined) into[pad] = caps;
        else if (seen !== caps) {
          random.add(pad);
          unstable.push(`${pad}: ${seen} vs ${caps}`);
        }
      }
    }
  }
  return { result: { ...first, pads, nested }, unstable, random, unstableOutcome };
}

/** Runs per pipeline when recording: enough for the union to catch every pad of a multi-threaded pipeline. */
export const recordRuns = (pipeline: string): number => (/\b(queue|tee)\b/.test(pipeline) ? 8 : 2);
