/**
 * Is the GStreamer oracle on this machine? Oracle specs wrap themselves in `describeOracle`, which
 * skips with a visible message locally and FAILS in CI, so a CI run without GStreamer can never
 * pass by silently testing nothing.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import koffi from 'koffi';
import { describe, it } from 'vitest';
import { GST_LIBRARY } from './gst.js';

export { GST_LIBRARY };

function probeLibrary(): string | null {
  try {
    const lib = koffi.load(GST_LIBRARY);
    try {
      lib.func('void *gst_caps_from_string(const char *s)');
    } finally {
      lib.unload();
    }
    return null;
  } catch (e) {
    return `${GST_LIBRARY} cannot be loaded (${(e as Error).message})`;
  }
}

function probeLaunch(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, 'gst-launch-1.0'), constants.X_OK);
      return null;
    } catch {
      // not in this directory
    }
  }
  return 'gst-launch-1.0 is not on PATH';
}

const libraryProblem = probeLibrary();
const launchProblem = probeLaunch();

/** libgstreamer-1.0.so.0 loads through koffi. */
export const gstAvailable: boolean = libraryProblem === null;
/** gst-launch-1.0 is an executable on PATH. */
export const gstLaunchAvailable: boolean = launchProblem === null;
/** Why the oracle is missing, or null when both parts are there. */
export const oracleProblem: string | null =
  [libraryProblem, launchProblem].filter((p): p is string => p !== null).join('; ') || null;

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

/** A program on PATH (the C harnesses need cc and pkg-config). */
export function tool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What an oracle block does: run, fail (oracle missing in CI), or skip (missing locally). */
export function oracleMode(problem: string | null, ci: boolean): 'run' | 'fail' | 'skip' {
  if (problem === null) return 'run';
  return ci ? 'fail' : 'skip';
}

/**
 * A `describe` for tests that ask real GStreamer. Oracle missing: in CI one failing test says so;
 * locally the block is skipped and a warning names what is missing.
 */
export function describeOracle(name: string, fn: () => void): void {
  const mode = oracleMode(oracleProblem, isCI);
  const problem = oracleProblem ?? '';
  if (mode === 'skip') console.warn(`[oracle] SKIPPING "${name}": ${problem} (install gstreamer1.0 to run the differential tests)`);
  // without the oracle the real body is never collected: it would call into a library that is not there
  const body =
    mode === 'run'
      ? fn
      : mode === 'fail'
        ? () => {
            it('needs the GStreamer 1.22 oracle, which CI must provide', () => {
              throw new Error(`GStreamer oracle missing in CI: ${problem}`);
            });
          }
        : () => {
            it(`GStreamer oracle missing: ${problem}`, () => {});
          };
  describe.skipIf(mode === 'skip')(name, body);
}
