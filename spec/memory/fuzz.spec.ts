// fast-check in a child process (fuzz-child.mjs): random fds from a pool (memfds of random sizes,
// memfds and files truncated under the maps, sockets, pipes, eventfds, directories, /dev/zero,
// numbers that are not open) × random sizes, flags and allocators × random map / unmap / write / read
// / share / free / truncate sequences: never a signal, and after every run nothing mapped and no fd
// left. The seed is the suite's (pinned in CI); CAPS_MEMORY_FUZZ_RUNS sets the runs (default 1000).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from '../cli/dist.js';

const CHILD = join(import.meta.dirname, 'fuzz-child.mjs');
const DIST_MEMORY = join(ROOT, 'dist/memory/index.js');
const RUNS = Number(process.env.CAPS_MEMORY_FUZZ_RUNS ?? 1000);

beforeAll(() => ensureBuilt());

it(`${RUNS} random fd / size / flag / command sequences: no signal, nothing mapped and no fd left after free`, () => {
  const seed = fc.readConfigureGlobal().seed ?? 0;
  const env = { ...process.env, FC_SEED: String(seed), RUNS: String(RUNS) };
  const r = spawnSync(process.execPath, [CHILD, DIST_MEMORY], { encoding: 'utf8', timeout: 600_000, cwd: ROOT, env });
  expect({ status: r.status, signal: r.signal, stderr: r.stderr.trim(), stdout: r.stdout.trim().slice(0, 4000) }).toMatchObject({ status: 0, signal: null, stderr: '' });
  expect(r.stdout).toMatch(/^ok \d+ runs/);
  // the pool reached the interesting answers, not only refusals
  expect(r.stdout).toMatch(/"ok":\d+/);
  expect(r.stdout).toMatch(/"unsafe-fd":\d+/);
  expect(r.stdout).toMatch(/"beyond-eof":\d+/);
}, 900_000);
