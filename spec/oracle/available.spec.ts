/**
 * describeOracle never lets a CI run pass without GStreamer: the decision table, and one real
 * child run of an oracle spec with gst-launch-1.0 hidden from PATH, in CI mode and locally.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oracleMode } from './available.js';

describe('describeOracle', () => {
  it.each([
    [null, false, 'run'],
    [null, true, 'run'],
    ['gst-launch-1.0 is not on PATH', false, 'skip'],
    ['gst-launch-1.0 is not on PATH', true, 'fail'],
    ['libgstreamer-1.0.so.0 cannot be loaded', true, 'fail'],
  ] as const)('problem %s, CI %s → %s', (problem, ci, mode) => {
    expect(oracleMode(problem, ci)).toBe(mode);
  });

  it('fails in CI and skips visibly locally when gst-launch-1.0 is missing (child vitest run)', () => {
    const bin = mkdtempSync(join(tmpdir(), 'capsflow-nogst-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    // a clean env (no VITEST_* of this run), and the default reporter so CI's json report is not overwritten
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    const run = (ci: string) =>
      spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', 'spec/oracle/caps-unary.spec.ts'], {
        env: { ...env, PATH: bin, CI: ci, FC_NUM_RUNS: '10' },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ci = run('true');
    expect(ci.status).not.toBe(0);
    expect(ci.stdout + ci.stderr).toContain('GStreamer oracle missing in CI');
    const local = run('');
    expect(local.status).toBe(0);
    expect(local.stdout + local.stderr).toContain('[oracle] SKIPPING');
  });
});
