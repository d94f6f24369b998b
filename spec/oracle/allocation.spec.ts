/**
 * The ALLOCATION queries negotiate() simulates, against GStreamer 1.22 running the same pipeline to
 * PAUSED: spec/oracle/allocation-probe.c puts a pad probe on every src pad and prints what each query
 * carried when it came back (pools with the pool's type, size, min, max; allocation params; metas), which
 * queries went unanswered, and what each basesrc / basetransform decided (gst_base_*_get_buffer_pool).
 *
 * Every query GStreamer shows must be in capsflow's report with the same answer; every decision too.
 * (capsflow also reports tee's per-branch links, which GStreamer's probe does not see: tee queries the
 * branch peers without going through its src pads' probes.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, it } from 'vitest';
import { describeOracle, isCI, tool } from './available.js';
import { PIPELINES, compareAllocation, pipelineArb, readOracle, type OracleRun } from './allocation-oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'capsflow-allocation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Build the harness; null when the C toolchain or GStreamer's headers are missing (a failure in CI). */
function buildHarness(): { binary: string } | { problem: string } {
  if (!tool('cc') || !tool('pkg-config')) return { problem: 'cc or pkg-config is not on PATH' };
  let flags: string[];
  try {
    flags = execFileSync('pkg-config', ['--cflags', '--libs', 'gstreamer-1.0', 'gstreamer-base-1.0', 'gstreamer-video-1.0', 'gstreamer-audio-1.0'], { encoding: 'utf8' }).trim().split(/\s+/);
  } catch {
    return { problem: 'pkg-config knows no gstreamer-base/video/audio-1.0 (install libgstreamer1.0-dev and libgstreamer-plugins-base1.0-dev)' };
  }
  const binary = join(dir, 'allocation-probe');
  const source = fileURLToPath(new URL('./allocation-probe.c', import.meta.url));
  execFileSync('cc', ['-O1', '-o', binary, source, ...flags], { stdio: 'pipe' });
  return { binary };
}

function runOracle(binary: string, pipeline: string): OracleRun {
  let out: string;
  try {
    out = execFileSync(binary, [pipeline], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, GST_DEBUG: '' } });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  return readOracle(out);
}

describeOracle('ALLOCATION queries and decisions = GStreamer 1.22', () => {
  const harness = buildHarness();
  if ('problem' in harness) {
    it.skipIf(!isCI)(`needs the C harness: ${harness.problem}`, () => {
      throw new Error(`allocation oracle missing in CI: ${harness.problem}`);
    });
    return;
  }
  const binary = harness.binary;

  const compare = (pipeline: string): void => compareAllocation(pipeline, runOracle(binary, pipeline));

  it.each(PIPELINES)('%s', (pipeline) => compare(pipeline));

  it('random pipelines agree with GStreamer', () => {
    fc.assert(fc.property(pipelineArb, (pipeline) => compare(pipeline)), { numRuns: 25 });
  });
});
