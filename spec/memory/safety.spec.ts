// Touching `data` after unmap or free never crashes: proven in child processes, where a SIGSEGV would
// show as a signal instead of killing the test runner. The first row shows such a crash is real.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../cli/dist.js';

const CHILD = join(import.meta.dirname, 'safety-child.mjs');
const DIST_MEMORY = join(ROOT, 'dist/memory/index.js');

function child(scenario: string) {
  // 256 MiB arena chunks, so the scenarios cross chunk boundaries quickly
  const env = { ...process.env, CAPSFLOW_ARENA_CHUNK_MB: '256' };
  const r = spawnSync(process.execPath, ['--expose-gc', CHILD, DIST_MEMORY, scenario], { encoding: 'utf8', timeout: 120_000, cwd: ROOT, env });
  return { status: r.status, signal: r.signal, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

describe('stale views are safe (child processes)', () => {
  it('tight-address-space (ulimit -v 3 GB): smaller chunks, ENOMEM as a map failure', () => {
    const env = { ...process.env, CHILD, DIST_MEMORY };
    const r = spawnSync('sh', ['-c', 'ulimit -v 3000000 && exec "$0" "$CHILD" "$DIST_MEMORY" tight-address-space', process.execPath], { encoding: 'utf8', timeout: 120_000, cwd: ROOT, env });
    expect({ status: r.status, signal: r.signal, stderr: r.stderr.trim() }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(r.stdout).toMatch(/^ok /);
  });

  beforeAll(() => ensureBuilt());

  it('control: a koffi view over a munmapped range is a SIGSEGV', () => {
    const r = child('naive-koffi-view');
    expect(r.signal).toBe('SIGSEGV');
    expect(r.stdout).not.toContain('ok');
  });

  it.each(['after-unmap', 'after-free-while-mapped', 'keep-mapped-after-prot-change', 'sub-memory-views', 'address-space-back-at-free', 'burst-then-release'])(
    '%s: the process survives and the checks hold',
    (scenario) => {
      const r = child(scenario);
      expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
      expect(r.stdout).toMatch(/^ok /);
    },
  );
});
