// capsflow probe: argument handling through a fake CliIo, and real fds handed over by a parent process.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { pipe } from '../memory/kernel.js';
import { CLI, ensureBuilt } from './dist.js';
import { fakeIo } from './fake-io.js';

async function probe(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo();
  const code = await main(['probe', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('capsflow probe (in process)', () => {
  it('--help shows usage and examples', async () => {
    const r = await probe('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('usage: capsflow probe');
    expect(r.out).toContain('capsflow probe --fd 3 3<some.file');
    expect(r.out).toContain('exit status');
  });

  it.each([
    // args → exit status, what the text says
    [['--alloc', 'memfd'], 0, /READWRITE\s+mapped[\s\S]*feature\s+none: mapping READWRITE works/],
    [['--alloc', 'shm', '--size', '4K'], 0, /kind\s+memfd/],
    [['--alloc', 'sealed-memfd'], 1, /READWRITE\s+refused: EPERM[\s\S]*READ\s+mapped[\s\S]*feature\s+memory:DMABuf/],
    [['--alloc', 'memfd', '--as', 'dmabuf'], 0, /dma-buf\s+treated as one \(--as dmabuf\)/],
  ] as const)('%j → exit %i', async (args, code, text) => {
    const r = await probe(...args);
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
    expect(r.out).toMatch(text);
  });

  it('--json prints the ProbeOutcome', async () => {
    const r = await probe('--json', '--alloc', 'sealed-memfd', '--size', '8192');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: true,
      source: 'sealed-memfd',
      probe: { kind: 'memfd', size: 8192, readwrite: false, read: true, errno: 'EPERM', readErrno: null, dmabuf: true, feature: 'memory:DMABuf' },
    });
  });

  it('a device this machine lacks is an "unavailable" answer (exit 1), not a crash', async () => {
    const r = await probe('--alloc', 'dma-heap:capsflow-no-such-heap');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/dma-heap:capsflow-no-such-heap: unavailable: .*ENOENT/);
  });

  it('a closed fd: EBADF on stderr, exit 2', async () => {
    const r = await probe('--fd', '987654');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('fd 987654 is not an open file descriptor (EBADF');
  });

  it.each([
    [[], /exactly one of --alloc KIND or --fd N/],
    [['--alloc', 'memfd', '--fd', '3'], /exactly one of/],
    [['--alloc', 'floppy'], /--alloc wants memfd/],
    [['--alloc', 'fd:3'], /--alloc wants memfd/],
    [['--alloc', 'dma-heap:../x'], /--alloc wants memfd/],
    [['--fd', '-1'], /--fd wants a non-negative integer/],
    [['--fd', 'three'], /--fd wants a non-negative integer/],
    [['--alloc', 'memfd', '--size', '0'], /--size must be at least 1 byte/],
    [['--alloc', 'memfd', '--size', '9999999999M'], /--size 9999999999M is too large: the largest mapping is 4096M/],
    [['--alloc', 'memfd', '--size', '4097M'], /too large/],
    [['--alloc', 'memfd', '--size', '12Q'], /--size wants a positive integer/],
    [['--alloc', 'memfd', '--as', 'sysmem'], /--as knows only 'dmabuf'/],
    [['--alloc'], /--alloc needs a value/],
    [['--bogus'], /unknown argument '--bogus'/],
  ] as const)('bad input %j → exit 2', async (args, message) => {
    const r = await probe(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('capsflow probe (built CLI, fds passed by the parent)', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'capsflow-probe-'));
    writeFileSync(join(dir, 'data.bin'), Buffer.alloc(8192, 1));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[], fd3: number | 'ignore') {
    const r = spawnSync(process.execPath, [CLI, 'probe', ...args], { stdio: ['ignore', 'pipe', 'pipe', fd3], encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('3<file (read-only): READWRITE refused with EACCES, READ maps', () => {
    const fd = openSync(join(dir, 'data.bin'), 'r');
    const r = run(['--fd', '3', '--json'], fd);
    closeSync(fd);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).probe).toMatchObject({ kind: 'file', size: 8192, readwrite: false, errno: 'EACCES', read: true, feature: null });
  });

  it('3<>file --as dmabuf: READWRITE maps, so no memory:DMABuf', () => {
    const fd = openSync(join(dir, 'data.bin'), 'r+');
    const r = run(['--fd', '3', '--as', 'dmabuf'], fd);
    closeSync(fd);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/READWRITE\s+mapped/);
    expect(r.stdout).toMatch(/feature\s+none/);
  });

  it("a pipe's read end: EACCES, then ENODEV", () => {
    const [readEnd, writeEnd] = pipe();
    writeSync(writeEnd, 'x');
    const r = run(['--fd', '3', '--json'], readEnd);
    closeSync(readEnd);
    closeSync(writeEnd);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).probe).toMatchObject({ kind: 'pipe', readwrite: false, errno: 'EACCES', read: false, readErrno: 'ENODEV' });
  });

  it('an fd the parent did not pass: EBADF on stderr, exit 2', () => {
    const r = run(['--fd', '250'], 'ignore');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('fd 250 is not an open file descriptor (EBADF');
  });

  it("no fd 3 from the shell: fd 3 is Node's own (epoll, eventfd), so EBADF, exit 2", () => {
    const r = run(['--fd', '3'], 'ignore');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fd 3 is not an open file descriptor (EBADF');
  });

  it('negotiate --memory v4l2src0=fd:3 with no fd 3 from the shell: a bad-fd memory error, no feature attached', () => {
    const r = spawnSync(process.execPath, [CLI, 'negotiate', '--memory', 'v4l2src0=fd:3', 'v4l2src ! queue ! waylandsink'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/EBADF/);
    expect(r.stdout).not.toContain('memory:DMABuf');
  });

  it('3<empty file: 0 bytes, nothing to map (not a page of it), exit 2', () => {
    writeFileSync(join(dir, 'empty.bin'), '');
    const fd = openSync(join(dir, 'empty.bin'), 'r+');
    const r = run(['--fd', '3'], fd);
    closeSync(fd);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds 0 bytes: there is nothing to map/);
  });

  it('3<file --size past its end: refused, exit 2', () => {
    const fd = openSync(join(dir, 'data.bin'), 'r');
    const r = run(['--fd', '3', '--size', '1M'], fd);
    closeSync(fd);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds 8192 bytes: a probe of 1048576 bytes would reach past its end/);
  });

  it('--alloc sealed-memfd in a real process', () => {
    const r = run(['--alloc', 'sealed-memfd'], 'ignore');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/feature\s+memory:DMABuf/);
  });
});
