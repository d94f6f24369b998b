// probeMappable and the probe interface: real fds in, the kernel's answer out.
import { closeSync, openSync, readlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ErrnoError,
  MemoryError,
  allocateAndProbe,
  assertInheritedFd,
  createMemfd,
  inspectFd,
  parseMemorySpec,
  probeMappable,
  probeMemory,
} from '../../src/memory/index.js';
import { memfdMappings, openFds, pipe, readOnlyFile } from './kernel.js';

let fdsBefore: Set<number>;
beforeEach(() => {
  fdsBefore = openFds();
});
afterEach(() => {
  expect([...openFds()].filter((fd) => !fdsBefore.has(fd))).toEqual([]);
  expect(memfdMappings('capsflow')).toEqual([]);
});

function withFd<T>(open: () => { fd: number; cleanup: () => void }, f: (fd: number) => T): T {
  const { fd, cleanup } = open();
  try {
    return f(fd);
  } finally {
    cleanup();
  }
}

const memfd = (seal?: 'write' | 'future-write') => () => {
  const fd = createMemfd(4096, seal === undefined ? {} : { seal }).take();
  return { fd, cleanup: () => closeSync(fd) };
};
const pipeEnd = (end: 0 | 1) => () => {
  const fds = pipe();
  return { fd: fds[end], cleanup: () => fds.forEach((f) => closeSync(f)) };
};
const devZero = () => {
  const fd = openSync('/dev/zero', 'r+');
  return { fd, cleanup: () => closeSync(fd) };
};

describe('probeMappable: fd → { kind, readwrite, read, errno, readErrno, feature }', () => {
  const table = [
    { name: 'memfd', open: memfd(), kind: 'memfd', readwrite: true, read: true, errno: null, readErrno: null },
    { name: 'memfd F_SEAL_WRITE', open: memfd('write'), kind: 'memfd', readwrite: false, read: true, errno: 'EPERM', readErrno: null },
    { name: 'memfd F_SEAL_FUTURE_WRITE', open: memfd('future-write'), kind: 'memfd', readwrite: false, read: true, errno: 'EPERM', readErrno: null },
    { name: 'read-only regular file', open: () => readOnlyFile(4096), kind: 'file', readwrite: false, read: true, errno: 'EACCES', readErrno: null },
    { name: "pipe's read end", open: pipeEnd(0), kind: 'pipe', readwrite: false, read: false, errno: 'EACCES', readErrno: 'ENODEV' },
    { name: "pipe's write end", open: pipeEnd(1), kind: 'pipe', readwrite: false, read: false, errno: 'EACCES', readErrno: 'EACCES' },
    { name: '/dev/zero read-write', open: devZero, kind: 'char-device', readwrite: true, read: true, errno: null, readErrno: null },
  ] as const;

  for (const row of table) {
    it(`${row.name}: READWRITE ${row.errno ?? 'maps'}, READ ${row.readErrno ?? 'maps'}`, () => {
      withFd(row.open, (fd) => {
        const plain = probeMappable(fd, 4096);
        expect(plain).toEqual({
          kind: row.kind,
          size: 4096,
          readwrite: row.readwrite,
          read: row.read,
          errno: row.errno,
          readErrno: row.readErrno,
          dmabuf: false,
          feature: null, // not a dma-buf: the feature never applies
        });
        // treated as a dma-buf, the feature is due exactly when READWRITE was refused
        const asDmabuf = probeMappable(fd, 4096, { asDmabuf: true });
        expect(asDmabuf.dmabuf).toBe(true);
        expect(asDmabuf.feature).toBe(row.readwrite ? null : 'memory:DMABuf');
      });
    });
  }

  it('a closed fd throws EBADF; a bad size is a MemoryError', () => {
    expect(() => probeMappable(987654, 4096)).toThrow(ErrnoError);
    expect(() => probeMappable(987654, 4096)).toThrow(/EBADF/);
    withFd(memfd(), (fd) => {
      expect(() => probeMappable(fd, 0)).toThrow(MemoryError);
      expect(() => probeMappable(fd, 1.5)).toThrow(MemoryError);
    });
  });

  it('inspectFd: kind, size, access mode and seals', () => {
    withFd(memfd('write'), (fd) => {
      const info = inspectFd(fd);
      expect(info).toMatchObject({ fd, kind: 'memfd', size: 4096, access: 'readwrite' });
      expect(info.link).toMatch(/^\/memfd:capsflow/);
      expect(info.seals! & 0x8).toBe(0x8);
    });
    withFd(pipeEnd(0), (fd) => {
      expect(inspectFd(fd)).toMatchObject({ kind: 'pipe', access: 'read', seals: null });
    });
  });
});

describe('the probe interface: allocateAndProbe and probeMemory', () => {
  it.each([
    ['memfd', { ok: true, probe: { kind: 'memfd', readwrite: true, read: true, feature: null, dmabuf: false } }],
    ['sealed-memfd', { ok: true, probe: { kind: 'memfd', readwrite: false, errno: 'EPERM', read: true, feature: 'memory:DMABuf', dmabuf: true } }],
    ['shm', { ok: true, probe: { kind: 'memfd', readwrite: true, feature: null } }],
  ] as const)('%s → %j, and nothing left behind', (spec, expected) => {
    expect(allocateAndProbe(spec, 65536)).toMatchObject({ source: spec, ...expected });
  });

  it('sealed-memfd with asDmabuf: false is just a memfd that refuses READWRITE', () => {
    expect(allocateAndProbe('sealed-memfd', 4096, { asDmabuf: false })).toMatchObject({ ok: true, probe: { feature: null, dmabuf: false } });
  });

  it('missing devices are "unavailable" results', () => {
    expect(allocateAndProbe('dma-heap:capsflow-none', 4096)).toMatchObject({ ok: false, reason: 'unavailable', errno: 'ENOENT' });
    const u = allocateAndProbe('udmabuf', 4096);
    if (!u.ok) expect(u.reason).toBe('unavailable');
    else expect(u.probe.dmabuf).toBe(true);
  });

  it('fd:N is for fds passed from outside (or a memfd / dma-buf): a file this process opened is bad-fd (EBADF), as is a closed one', () => {
    withFd(() => readOnlyFile(4096), (fd) => {
      expect(allocateAndProbe(`fd:${fd}`)).toMatchObject({ ok: false, source: `fd:${fd}`, reason: 'bad-fd', errno: 'EBADF', message: expect.stringContaining('not passed to this process from outside') });
      expect(() => assertInheritedFd(fd)).toThrow(/EBADF/);
      // the caller's own fd, handed over as an fd (not a number): probed
      expect(probeMemory({ fd, label: 'exporter' })).toMatchObject({ ok: true, source: 'exporter', probe: { readwrite: false, size: 4096 } });
    });
    // a memfd is never one of the runtime's own: a program's memfd may be named by number
    withFd(memfd('future-write'), (fd) => {
      expect(allocateAndProbe(`fd:${fd}`)).toMatchObject({ ok: true, source: `fd:${fd}`, probe: { readwrite: false, size: 4096 } });
      expect(allocateAndProbe(`fd:${fd}`, undefined, { asDmabuf: true })).toMatchObject({ probe: { feature: 'memory:DMABuf' } });
    });
    expect(allocateAndProbe('fd:987654')).toEqual({
      ok: false,
      source: 'fd:987654',
      reason: 'bad-fd',
      errno: 'EBADF',
      message: expect.stringContaining('EBADF'),
    });
  });

  it("Node's own descriptors (epoll, eventfd, its pipes) are never probed by number", () => {
    for (const fd of openFds()) {
      let link = '';
      try {
        link = readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        continue;
      }
      if (link.startsWith('anon_inode:[eventpoll]') || link.startsWith('anon_inode:[eventfd]')) {
        expect(allocateAndProbe(`fd:${fd}`), link).toMatchObject({ ok: false, reason: 'bad-fd', errno: 'EBADF' });
      }
    }
  });

  it('a file of 0 bytes has nothing to probe; a size past the end is refused (the kernel would map it, access would be a SIGBUS)', () => {
    withFd(() => readOnlyFile(0), (fd) => {
      expect(probeMemory({ fd })).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('holds 0 bytes') });
    });
    withFd(memfd(), (fd) => {
      expect(probeMemory({ fd, size: 8192 })).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('past its end') });
      expect(probeMemory({ fd, size: 4096 })).toMatchObject({ ok: true });
    });
    // /dev/zero has no end: a page by default
    withFd(devZero, (fd) => expect(probeMemory({ fd })).toMatchObject({ ok: true, probe: { size: 4096 } }));
    expect(allocateAndProbe('memfd', 2 ** 33)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('too large') });
  });

  it('malformed specs and sizes are "invalid" results', () => {
    expect(allocateAndProbe('floppy' as never)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(allocateAndProbe('memfd', 0)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(allocateAndProbe('memfd', -5)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(probeMemory({ fd: 0, size: 0 })).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('parseMemorySpec', () => {
    expect(['memfd', 'sealed-memfd', 'shm', 'udmabuf', 'dma-heap:system', 'fd:3'].map(parseMemorySpec)).toEqual([
      'memfd',
      'sealed-memfd',
      'shm',
      'udmabuf',
      'dma-heap:system',
      'fd:3',
    ]);
    expect(['', 'dma-heap:', 'dma-heap:a/b', 'fd:', 'fd:-1', 'fd:99999999999', 'MEMFD'].map(parseMemorySpec)).toEqual(Array(7).fill(null));
  });
});
