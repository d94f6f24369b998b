// GstFdMemory's rules on real fds, each checked against the kernel's view (/proc/self/maps, /proc/self/fd).
import { closeSync, existsSync, readSync, writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DmaBufAllocator,
  DmaHeapAllocator,
  ErrnoError,
  FdAllocator,
  FdMemory,
  FdMemoryFlags,
  MapFlags,
  type MapInfo,
  type MapResult,
  MemoryError,
  ShmAllocator,
  UdmabufAllocator,
  adoptFd,
  clearMemoryWarnings,
  createMemfd,
  dmabufMemoryGetFd,
  dupFd,
  fdMemoryGetFd,
  isDmabufMemory,
  isFdMemory,
  isPhysMemory,
  mappingStats,
  memfdSeals,
  memoryWarnings,
  onMemoryWarning,
  physMemoryGetPhysAddr,
  unwrapAllocResult,
} from '../../src/memory/index.js';
import { inodeOf, isOpen, mappingAt, mappingsOfInode, openFds, pipe, readOnlyFile } from './kernel.js';

const PAGE = mappingStats().pageSize;

/** the MapInfo of a map that must succeed */
function mapOk(r: MapResult): MapInfo {
  if (!r.ok) throw new Error(`map refused: ${r.reason} ${r.errno}: ${r.message}`);
  return r;
}
const fdAlloc = new FdAllocator();
const dmaAlloc = new DmaBufAllocator();

/** a memfd of `size` bytes wrapped by `allocator`, with its inode for /proc/self/maps */
function memfdMemory(size = 2 * PAGE, flags: number = FdMemoryFlags.NONE, allocator: FdAllocator = fdAlloc, seal?: 'write' | 'future-write') {
  const owned = createMemfd(size, seal === undefined ? { name: 'spec' } : { name: 'spec', seal });
  const fd = owned.fd;
  const inode = inodeOf(fd);
  const mem = allocator.alloc(owned, size, flags);
  return { mem, fd, inode };
}

let fdsBefore: Set<number>;
beforeEach(() => {
  fdsBefore = openFds();
  clearMemoryWarnings();
});
afterEach(() => {
  // every test frees what it made: no fd is left open
  expect([...openFds()].filter((fd) => !fdsBefore.has(fd))).toEqual([]);
});

describe('map on real fds: input → what the kernel answers', () => {
  it('memfd: READWRITE maps, writes reach the file', () => {
    const { mem, fd, inode } = memfdMemory();
    const info = mapOk(mem.map(MapFlags.READWRITE));
    info.data[0] = 0x5a;
    info.data[PAGE + 1] = 0xa5;
    const back = Buffer.alloc(2);
    readSync(fd, back, 0, 1, 0);
    readSync(fd, back, 1, 1, PAGE + 1);
    expect([...back]).toEqual([0x5a, 0xa5]);
    expect(mappingsOfInode(inode).map((m) => m.perms)).toEqual(['rw-s']);
    mem.unmap(info);
    mem.free();
  });

  it('memfd: READ maps copy-on-write: writes through data never reach the file, and never fault', () => {
    const { mem, fd, inode } = memfdMemory();
    writeSync(fd, Buffer.from([7]), 0, 1, 0);
    const info = mapOk(mem.map(MapFlags.READ));
    expect(info.data[0]).toBe(7);
    expect(mappingsOfInode(inode).map((m) => m.perms)).toEqual(['rw-p']);
    info.data[0] = 9;
    const back = Buffer.alloc(1);
    readSync(fd, back, 0, 1, 0);
    expect(back[0]).toBe(7);
    mem.unmap(info);
    mem.free();
  });

  type Failure = { reason: string; errno: string | null };
  const refusals: Array<{ name: string; make: () => { fd: number; cleanup: () => void }; rw: Failure; read: Failure | null }> = [
    {
      name: 'memfd sealed F_SEAL_WRITE',
      make: () => ({ fd: createMemfd(PAGE, { seal: 'write' }).take(), cleanup: () => {} }),
      rw: { reason: 'mmap', errno: 'EPERM' },
      read: null,
    },
    {
      name: 'memfd sealed F_SEAL_FUTURE_WRITE',
      make: () => ({ fd: createMemfd(PAGE, { seal: 'future-write' }).take(), cleanup: () => {} }),
      rw: { reason: 'mmap', errno: 'EPERM' },
      read: null,
    },
    // a file anyone may truncate: READ is a copy, a shared WRITE map is refused (GStreamer: EACCES here)
    { name: 'regular file opened read-only', make: () => readOnlyFile(PAGE), rw: { reason: 'may-shrink', errno: null }, read: null },
    {
      name: "pipe's read end",
      make: () => {
        const [r, w] = pipe();
        return { fd: r, cleanup: () => closeSync(w) };
      },
      // GStreamer: EACCES, then ENODEV; capsflow refuses pipes by kind before any mmap
      rw: { reason: 'unsafe-fd', errno: null },
      read: { reason: 'unsafe-fd', errno: null },
    },
  ];
  for (const c of refusals) {
    it(`${c.name}: READWRITE refused (${c.rw.reason} ${c.rw.errno}), READ ${c.read?.reason ?? 'maps'}`, () => {
      const { fd, cleanup } = c.make();
      const mem = fdAlloc.alloc(fd, PAGE);
      expect(mem.map(MapFlags.READWRITE)).toMatchObject({ ok: false, ...c.rw });
      const info = mem.map(MapFlags.READ);
      if (c.read === null) {
        expect(info.ok).toBe(true);
        expect(mappingAt(mem.mappingState().address)?.perms).toMatch(/^rw-p$/);
        mem.unmap(info as MapInfo);
      } else {
        expect(info).toMatchObject({ ok: false, ...c.read });
      }
      mem.free();
      cleanup();
    });
  }

  it('a sealed memfd carries its seals', () => {
    using fd = createMemfd(PAGE, { seal: 'write' });
    expect(memfdSeals(fd.fd)! & 0x8).toBe(0x8);
    using sealed = createMemfd(PAGE, { seal: true });
    expect(memfdSeals(sealed.fd)! & 0x8).toBe(0x8);
    using future = createMemfd(PAGE, { seal: 'future-write' });
    expect(memfdSeals(future.fd)! & 0x18).toBe(0x10);
    using plain = createMemfd(PAGE);
    expect(memfdSeals(plain.fd)).toBe(0);
  });

  it('fd -1: map fails with no-fd, as GStreamer', () => {
    const mem = fdAlloc.alloc(-1, PAGE);
    expect(mem.map(MapFlags.READ)).toMatchObject({ ok: false, reason: 'no-fd', errno: null });
    mem.free();
  });

  it('beyond 4 GiB: refused as too-large (no ArrayBuffer could cover it), not a crash', () => {
    const owned = createMemfd(PAGE);
    const mem = fdAlloc.alloc(owned, 2 ** 33);
    expect(mem.map(MapFlags.READ)).toMatchObject({ ok: false, reason: 'too-large', errno: 'EFBIG' });
    mem.free();
  });

  it('size 0: mmap says EINVAL', () => {
    const { mem } = memfdMemory(PAGE);
    const zero = fdAlloc.alloc(dupFd(mem.fd), 0);
    expect(zero.map(MapFlags.READ)).toMatchObject({ ok: false, reason: 'mmap', errno: 'EINVAL' });
    zero.free();
    mem.free();
  });
});

describe('GstFdMemory rules, seen in /proc/self/maps', () => {
  it('maps are reference-counted: one mmap, dropped at the last unmap', () => {
    const { mem, inode } = memfdMemory();
    const a = mapOk(mem.map(MapFlags.READ));
    const b = mapOk(mem.map(MapFlags.READ));
    expect(mem.mappingState()).toMatchObject({ mapped: true, count: 2 });
    expect(mappingsOfInode(inode)).toHaveLength(1);
    expect(a.data.byteOffset).toBe(b.data.byteOffset);
    mem.unmap(a);
    expect(mappingsOfInode(inode)).toHaveLength(1);
    mem.unmap(b);
    expect(mappingsOfInode(inode)).toHaveLength(0);
    expect(mem.mappingState()).toMatchObject({ mapped: false, count: 0 });
    mem.free();
  });

  it('a nested map must be a subset: READ inside READWRITE maps (a copy: it cannot write), READWRITE inside READ fails', () => {
    const { mem, inode, fd } = memfdMemory();
    const rw = mapOk(mem.map(MapFlags.READWRITE));
    rw.data[5] = 55;
    const r = mapOk(mem.map(MapFlags.READ));
    // GStreamer hands out the same pointer; here the READ map reads a snapshot and writes nowhere
    expect(r.data[5]).toBe(55);
    r.data[5] = 66;
    const back = Buffer.alloc(1);
    readSync(fd, back, 0, 1, 5);
    expect(back[0]).toBe(55);
    expect(rw.data[5]).toBe(55);
    expect(mappingsOfInode(inode).map((m) => m.perms)).toEqual(['rw-s']);
    mem.unmap(r);
    mem.unmap(rw);
    const ro = mapOk(mem.map(MapFlags.READ));
    expect(mem.map(MapFlags.READWRITE)).toMatchObject({ ok: false, reason: 'lock' });
    expect(mem.map(MapFlags.WRITE).ok).toBe(false);
    mem.unmap(ro);
    // after the unmap READWRITE is fine again (mapped afresh)
    const again = mapOk(mem.map(MapFlags.READWRITE));
    expect(mappingsOfInode(inode).map((m) => m.perms)).toEqual(['rw-s']);
    mem.unmap(again);
    mem.free();
  });

  it('KEEP_MAPPED: GStreamer\'s decisions (an upgrade with nothing mapped), but the kernel mapping goes with the last unmap', () => {
    const { mem, inode, fd } = memfdMemory(PAGE, FdMemoryFlags.KEEP_MAPPED);
    const r = mapOk(mem.map(MapFlags.READ));
    expect(mappingsOfInode(inode).map((m) => m.perms)).toEqual(['rw-p']);
    mem.unmap(r);
    expect(mappingsOfInode(inode)).toEqual([]);
    expect(mem.mappingState()).toMatchObject({ mapped: false, prot: 1, count: 0 });
    // C: mprotect of the kept mapping; here a fresh shared mapping
    const rw = mapOk(mem.map(MapFlags.READWRITE));
    expect(mappingsOfInode(inode).map((m) => m.perms)).toEqual(['rw-s']);
    rw.data[0] = 1;
    mem.unmap(rw);
    // the stale view no longer reaches the memory
    rw.data[0] = 2;
    const back = Buffer.alloc(1);
    readSync(fd, back, 0, 1, 0);
    expect(back[0]).toBe(1);
    // READ is a subset of the kept READWRITE: it maps, as a copy that cannot write
    const r2 = mapOk(mem.map(MapFlags.READ));
    expect(r2.data[0]).toBe(1);
    expect(mem.mappingState()).toMatchObject({ mapped: true, prot: 3, count: 1 });
    mem.unmap(r2);
    mem.free();
    expect(mappingsOfInode(inode)).toHaveLength(0);
  });

  it('KEEP_MAPPED: WRITE then READ, as GStreamer decides (READ is no subset of WRITE: an upgrade)', () => {
    const { mem } = memfdMemory(PAGE, FdMemoryFlags.KEEP_MAPPED);
    const w = mapOk(mem.map(MapFlags.WRITE));
    w.data[0] = 3;
    expect(w.data[0]).toBe(3); // a WRITE map reads too: no fault
    mem.unmap(w);
    const r = mapOk(mem.map(MapFlags.READ));
    expect(r.data[0]).toBe(3);
    expect(mem.mappingState().prot).toBe(1);
    // the rules see READ: a nested WRITE is refused by the lock, as in GStreamer
    expect(mem.map(MapFlags.WRITE).ok).toBe(false);
    mem.unmap(r);
    mem.free();
  });

  it('KEEP_MAPPED on a sealed memfd: the upgrade is refused by the kernel (C: mprotect EACCES; here mmap EPERM)', () => {
    const { mem } = memfdMemory(PAGE, FdMemoryFlags.KEEP_MAPPED, fdAlloc, 'write');
    const r = mapOk(mem.map(MapFlags.READ));
    mem.unmap(r);
    expect(mem.map(MapFlags.READWRITE)).toMatchObject({ ok: false, reason: 'mmap', errno: 'EPERM' });
    mem.free();
  });

  it('mapped with fewer rights through a sub-memory: a wider map fails at the fd level (prot), KEEP_MAPPED or not', () => {
    for (const flags of [FdMemoryFlags.NONE, FdMemoryFlags.KEEP_MAPPED]) {
      const { mem } = memfdMemory(PAGE, flags);
      const sub = mem.share(0, 16)!;
      const r = mapOk(sub.map(MapFlags.READ));
      expect(mem.map(MapFlags.READWRITE)).toMatchObject({ ok: false, reason: 'prot', errno: null });
      sub.unmap(r);
      sub.free();
      mem.free();
    }
  });

  it('MAP_PRIVATE maps copy-on-write: writes stay out of the file', () => {
    const { mem, fd, inode } = memfdMemory(PAGE, FdMemoryFlags.MAP_PRIVATE);
    const rw = mapOk(mem.map(MapFlags.READWRITE));
    rw.data[0] = 9;
    expect(mappingsOfInode(inode)[0]?.perms).toBe('rw-p');
    const back = Buffer.alloc(1);
    readSync(fd, back, 0, 1, 0);
    expect(back[0]).toBe(0);
    mem.unmap(rw);
    mem.free();
  });

  it('share: a READONLY sub-memory mapping through the root at its offset', () => {
    const { mem, inode } = memfdMemory(2 * PAGE);
    const w = mapOk(mem.map(MapFlags.WRITE));
    w.data[PAGE + 3] = 42;
    // shared twice while write-mapped: GStreamer's double exclusive lock refuses
    expect(mem.share(PAGE, 100)).toBeNull();
    mem.unmap(w);
    const sub = mem.share(PAGE, 100)!;
    expect(sub).toMatchObject({ offset: PAGE, size: 100, maxsize: 2 * PAGE, readonly: true, parent: mem });
    expect(sub.fd).toBe(mem.fd);
    expect(sub.map(MapFlags.WRITE)).toMatchObject({ ok: false, reason: 'lock' });
    const r = mapOk(sub.map(MapFlags.READ));
    expect(r.size).toBe(100);
    expect(r.maxsize).toBe(PAGE);
    expect(r.data[3]).toBe(42);
    expect(mappingsOfInode(inode)).toHaveLength(1);
    // a share of a share is a sub-memory of the root, offsets add up
    const subsub = sub.share(10, 20)!;
    expect(subsub.parent).toBe(mem);
    expect(subsub.offset).toBe(PAGE + 10);
    sub.unmap(r);
    expect(mappingsOfInode(inode)).toHaveLength(0);
    subsub.free();
    sub.free();
    mem.free();
  });

  it('two live sub-memories make the root shared: WRITE maps on it are refused', () => {
    const { mem } = memfdMemory();
    const a = mem.share(0, 10)!;
    const rw1 = mapOk(mem.map(MapFlags.READWRITE)); // one share: still writable
    mem.unmap(rw1);
    const b = mem.share(10, 10)!;
    expect(mem.map(MapFlags.READWRITE).ok).toBe(false);
    expect(mem.map(MapFlags.READ).ok).toBe(true);
    a.free();
    b.free();
    mem.free();
  });

  it('isSpan: adjacent sub-memories of one parent (1.28 semantics)', () => {
    const { mem } = memfdMemory();
    const a = mem.share(0, 100)!;
    const b = mem.share(100, 50)!;
    const c = mem.share(200, 10)!;
    expect(a.isSpan(b)).toBe(true);
    expect(b.isSpan(a)).toBe(false);
    expect(a.isSpan(c)).toBe(false);
    expect(mem.isSpan(a)).toBe(false); // the root has no parent
    for (const m of [a, b, c, mem]) m.free();
  });

  it('free closes the fd and drops the mapping; DONT_CLOSE leaves the fd open', () => {
    const closing = memfdMemory(PAGE, FdMemoryFlags.KEEP_MAPPED);
    closing.mem.unmap(mapOk(closing.mem.map(MapFlags.READ)));
    // KEEP_MAPPED keeps GStreamer's decisions, not the kernel mapping
    expect(mappingsOfInode(closing.inode)).toHaveLength(0);
    closing.mem.free();
    expect(isOpen(closing.fd)).toBe(false);
    expect(mappingsOfInode(closing.inode)).toHaveLength(0);
    expect(closing.mem.fd).toBe(-1);

    const kept = memfdMemory(PAGE, FdMemoryFlags.KEEP_MAPPED | FdMemoryFlags.DONT_CLOSE);
    kept.mem.unmap(mapOk(kept.mem.map(MapFlags.READ)));
    kept.mem.free();
    expect(isOpen(kept.fd)).toBe(true);
    expect(mappingsOfInode(kept.inode)).toHaveLength(0);
    closeSync(kept.fd);
  });

  it('sub-memories never close the fd; the root closes it when the last sub goes', () => {
    const { mem, fd } = memfdMemory();
    const sub = mem.share(0, 10)!;
    mem.free();
    expect(() => mem.map(MapFlags.READ)).toThrow(MemoryError);
    expect(isOpen(fd)).toBe(true);
    const r = mapOk(sub.map(MapFlags.READ));
    expect(r.data.length).toBe(10);
    sub.unmap(r);
    sub.free();
    expect(isOpen(fd)).toBe(false);
  });

  it('free with outstanding maps releases them (and records a warning); free twice is a no-op', () => {
    const { mem, inode } = memfdMemory();
    const info = mapOk(mem.map(MapFlags.READWRITE));
    mem.free();
    mem.free();
    expect(mappingsOfInode(inode)).toHaveLength(0);
    expect(memoryWarnings().byCode['freed-while-mapped']).toBe(1);
    expect(() => mem.unmap(info)).toThrow(MemoryError);
    // the stale view is an anonymous stand-in now: reads zeros, writes go nowhere
    expect(info.data[0]).toBe(0);
    info.data[0] = 1;
  });

  it('toJSON describes memory as gstreamer-rs prints FdMemoryRef', () => {
    const { mem, fd } = memfdMemory(2 * PAGE, FdMemoryFlags.KEEP_MAPPED);
    const sub = mem.share(10, 20)!;
    expect(JSON.parse(JSON.stringify(sub))).toEqual({ fd, size: 20, offset: 10, maxsize: 2 * PAGE, align: 0, flags: 0, readonly: true });
    expect(mem.toJSON()).toMatchObject({ fd, size: 2 * PAGE, offset: 0, flags: FdMemoryFlags.KEEP_MAPPED, readonly: false });
    sub.free();
    mem.free();
  });

  it('OwnedFd: using closes, take hands the fd over, close twice is fine', () => {
    let n = -1;
    {
      using owned = createMemfd(PAGE);
      n = owned.fd;
      expect(isOpen(n)).toBe(true);
    }
    expect(isOpen(n)).toBe(false);
    const o = createMemfd(PAGE);
    const raw = o.take();
    expect(o.closed).toBe(true);
    expect(() => o.take()).toThrow(MemoryError);
    o.close();
    expect(isOpen(raw)).toBe(true);
    closeSync(raw);
  });

  it('using / Symbol.dispose frees', () => {
    let fd = -1;
    {
      using mem = memfdMemory().mem;
      fd = mem.fd;
      mem.unmap(mapOk(mem.map(MapFlags.READ)));
    }
    expect(isOpen(fd)).toBe(false);
  });

  it('after unmap the data view reads zeros and takes writes without reaching the file', () => {
    const { mem, fd, inode } = memfdMemory();
    const info = mapOk(mem.map(MapFlags.READWRITE));
    info.data[0] = 7;
    const address = mem.mappingState().address;
    mem.unmap(info);
    expect(mappingsOfInode(inode)).toHaveLength(0);
    const stand = mappingAt(address);
    expect(stand?.inode).toBe(0); // anonymous
    expect(info.data[0]).toBe(0);
    info.data[0] = 99;
    const back = Buffer.alloc(1);
    readSync(fd, back, 0, 1, 0);
    expect(back[0]).toBe(7);
    mem.free();
  });

  it('misuse throws MemoryError with a code', () => {
    const { mem } = memfdMemory();
    expect(() => mem.map(0 as MapFlags)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => mem.map(7 as MapFlags)).toThrow(MemoryError);
    expect(() => mem.share(0, 3 * PAGE)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => fdAlloc.alloc(1.5, 10)).toThrow(MemoryError);
    expect(() => fdAlloc.alloc(3, -1)).toThrow(MemoryError);
    const other = memfdMemory().mem;
    const info = mapOk(other.map(MapFlags.READ));
    expect(() => mem.unmap(info)).toThrow(expect.objectContaining({ code: 'not-mapped' }));
    other.unmap(info);
    expect(() => other.unmap(info)).toThrow(expect.objectContaining({ code: 'not-mapped' }));
    other.free();
    mem.free();
  });
});

describe('DmaBufAllocator', () => {
  it('a memfd under the dmabuf allocator: map works, each failed DMA_BUF_IOCTL_SYNC is a recorded ENOTTY warning', () => {
    const { mem } = memfdMemory(PAGE, FdMemoryFlags.NONE, dmaAlloc);
    expect(isDmabufMemory(mem)).toBe(true);
    expect(isFdMemory(mem)).toBe(true);
    expect(dmabufMemoryGetFd(mem)).toBe(mem.fd);
    const rw = mapOk(mem.map(MapFlags.READWRITE));
    expect(rw).not.toBeNull();
    const nested = mapOk(mem.map(MapFlags.READ)); // nested maps sync too
    mem.unmap(nested);
    mem.unmap(rw);
    const w = memoryWarnings();
    expect(w.byCode['dmabuf-sync-failed']).toBe(4);
    expect(w.recent.map((x) => x.errno)).toEqual(['ENOTTY', 'ENOTTY', 'ENOTTY', 'ENOTTY']);
    mem.free();
  });

  it('warnings reach listeners as they happen, with GStreamer\'s text', () => {
    const seen: string[] = [];
    const stop = onMemoryWarning((w) => seen.push(`${w.code} ${w.errno} ${w.message}`));
    const { mem } = memfdMemory(PAGE, FdMemoryFlags.NONE, dmaAlloc);
    mem.unmap(mapOk(mem.map(MapFlags.READ)));
    stop();
    mem.unmap(mapOk(mem.map(MapFlags.READ)));
    expect(seen).toEqual([
      `dmabuf-sync-failed ENOTTY Failed to synchronize DMABuf (fd ${mem.fd}, SYNC_START): ENOTTY`,
      `dmabuf-sync-failed ENOTTY Failed to synchronize DMABuf (fd ${mem.fd}, SYNC_END): ENOTTY`,
    ]);
    expect(memoryWarnings().total).toBe(4);
    mem.free();
  });

  it('fd memory is not dmabuf memory; neither is phys memory unless the allocator says so', () => {
    const { mem } = memfdMemory();
    expect(isFdMemory(mem)).toBe(true);
    expect(isDmabufMemory(mem)).toBe(false);
    expect(dmabufMemoryGetFd(mem)).toBe(-1);
    expect(fdMemoryGetFd(mem)).toBe(mem.fd);
    expect(isPhysMemory(mem)).toBe(false);
    expect(physMemoryGetPhysAddr(mem)).toBe(0n);
    expect(isFdMemory({})).toBe(false);
    expect(fdMemoryGetFd({})).toBe(-1);
    mem.free();

    class PhysAllocator extends DmaBufAllocator {
      getPhysAddr(m: FdMemory): bigint {
        return 0x1000_0000n + BigInt(m.offset);
      }
    }
    const phys = memfdMemory(PAGE, FdMemoryFlags.NONE, new PhysAllocator()).mem;
    expect(isPhysMemory(phys)).toBe(true);
    expect(physMemoryGetPhysAddr(phys)).toBe(0x1000_0000n);
    phys.free();
  });
});

describe('fd sources', () => {
  it('ShmAllocator: page-rounded memfd, KEEP_MAPPED and already mapped READWRITE (GStreamer\'s state; no kernel mapping until a map)', () => {
    const shm = new ShmAllocator();
    const res = shm.allocate(1000);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const mem = res.memory;
    expect(mem).toMatchObject({ size: 1000, maxsize: PAGE, flags: FdMemoryFlags.KEEP_MAPPED });
    expect(mem.allocator.memType).toBe('shm');
    expect(isFdMemory(mem)).toBe(true);
    expect(mem.mappingState()).toMatchObject({ mapped: false, count: 0, prot: 3 });
    const r = mapOk(mem.map(MapFlags.READWRITE));
    r.data[999] = 1;
    mem.unmap(r);
    mem.free();
  });

  it.runIf(!isOpenPath('/dev/udmabuf'))('udmabuf without /dev/udmabuf: an unavailable result', () => {
    const res = new UdmabufAllocator().allocate(PAGE);
    expect(res).toMatchObject({ ok: false, reason: 'unavailable', device: '/dev/udmabuf', errno: 'ENOENT' });
  });

  it.runIf(!isOpenPath('/dev/dma_heap/system'))('dma-heap without the heap: an unavailable result', () => {
    const res = new DmaHeapAllocator('system').allocate(PAGE);
    expect(res).toMatchObject({ ok: false, reason: 'unavailable', device: '/dev/dma_heap/system' });
  });

  it('unwrapAllocResult: the memory, or UnsupportedError naming the device', () => {
    const shm = unwrapAllocResult(new ShmAllocator().allocate(100));
    expect(shm.size).toBe(100);
    shm.free();
    const missing = new DmaHeapAllocator('capsflow-none').allocate(PAGE);
    expect(() => unwrapAllocResult(missing)).toThrow(expect.objectContaining({ name: 'UnsupportedError', feature: '/dev/dma_heap/capsflow-none' }));
  });

  it('dma-heap names cannot walk the filesystem', () => {
    expect(() => new DmaHeapAllocator('../../etc/passwd')).toThrow(MemoryError);
    expect(() => new DmaHeapAllocator('..')).toThrow(MemoryError);
  });

  it('adoptFd takes an open fd over; a closed one is EBADF', () => {
    using owned = createMemfd(PAGE);
    const copy = dupFd(owned.fd);
    const adopted = adoptFd(copy.take());
    const mem = fdAlloc.alloc(adopted, PAGE);
    expect(adopted.closed).toBe(true); // the memory owns it now
    mem.free();
    expect(() => adoptFd(1_000_000)).toThrow(ErrnoError);
    try {
      adoptFd(1_000_000);
    } catch (e) {
      expect(e).toMatchObject({ errno: 'EBADF', syscall: 'fcntl' });
    }
  });

  it('createMemfd rejects bad names and sizes', () => {
    expect(() => createMemfd(-1)).toThrow(MemoryError);
    expect(() => createMemfd(10, { name: 'a\0b' })).toThrow(MemoryError);
    expect(() => createMemfd(10, { name: 'x'.repeat(300) })).toThrow(MemoryError);
  });
});

function isOpenPath(path: string): boolean {
  return existsSync(path);
}
