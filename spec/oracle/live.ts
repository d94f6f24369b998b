/**
 * Live oracle runs as their own tests: each pipeline is one concurrent test that runs its own
 * gst-launch-1.0, so a slow machine makes a test slower, never a hook time out and the comparisons
 * that depend on it show as skipped. `slots` bounds the gst-launch processes one file runs at a time.
 */
import { gstLaunch, type LaunchRun } from './gst-launch.js';

/**
 * gst-launch's own kill timer for the live suites: the corpus pipelines end in well under a second on
 * an idle machine; a minute leaves room for a machine many times slower than that.
 */
export const LIVE_LAUNCH_TIMEOUT_MS = 60_000;
/**
 * A test's timeout: its wait for a slot (vitest starts at most maxConcurrency tests of a file at once,
 * each waits for at most a few runs ahead of it) plus its own run, bounded by the kill timer above.
 */
export const LIVE_TEST_TIMEOUT_MS = 10 * LIVE_LAUNCH_TIMEOUT_MS;

/** Run jobs with at most `n` of them at a time, in the order they asked. */
export function slots(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next === undefined) running--;
      else next();
    }
  };
}

/** One live `gst-launch-1.0 -v` run through a file's slots. */
export function launcher(concurrency: number, root?: string): (pipeline: string) => Promise<LaunchRun> {
  const slot = slots(concurrency);
  return (pipeline) => slot(() => gstLaunch(pipeline, { timeoutMs: LIVE_LAUNCH_TIMEOUT_MS, ...(root === undefined ? {} : { root }) }));
}
