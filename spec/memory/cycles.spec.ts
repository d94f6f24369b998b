// 100,000 alloc / map / write / unmap / free cycles leave zero fds and no mapping of any freed fd, and
// the arena takes each range back at free(): the whole run lives in one chunk, with no GC involved.
import { expect, it } from 'vitest';
import { maps, memfdMappings, openFds } from './kernel.js';

// 64 MiB arena chunks (read when the module loads), so 100,000 cycles go through several of them
process.env.CAPSFLOW_ARENA_CHUNK_MB = '64';
const {
  DmaBufAllocator,
  FdAllocator,
  FdMemoryFlags,
  MapFlags,
  ShmAllocator,
  clearMemoryWarnings,
  createMemfd,
  mappingStats,
  memoryWarnings,
} = await import('../../src/memory/index.js');

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

it('100,000 cycles: zero fds and no fd mapping left, one chunk of address space throughout', async () => {
  const fdsBefore = openFds();
  const fileMappingsBefore = maps().filter((m) => m.inode !== 0).length;
  clearMemoryWarnings();
  const allocators = [new FdAllocator(), new DmaBufAllocator()];
  const shm = new ShmAllocator();
  const flagsCycle = [FdMemoryFlags.NONE, FdMemoryFlags.KEEP_MAPPED, FdMemoryFlags.MAP_PRIVATE, FdMemoryFlags.NONE];
  let sum = 0;
  const CYCLES = 100_000;
  for (let i = 0; i < CYCLES; i++) {
    let mem;
    if (i % 10 === 9) {
      const res = shm.allocate(4096);
      if (!res.ok) throw new Error(res.message);
      mem = res.memory;
    } else {
      mem = allocators[i & 1]!.alloc(createMemfd(4096, { name: 'cycles' }), 4096, flagsCycle[(i >> 1) & 3]!);
    }
    // (shared before the write map: GStreamer refuses to share write-mapped memory)
    const sub = i % 7 === 0 ? mem.share(0, 100)! : null;
    const info = mem.map(MapFlags.READWRITE);
    if (!info.ok) throw new Error(info.message);
    info.data[i & 4095] = i & 0xff;
    sum += info.data[i & 4095]!;
    if (sub !== null) {
      const r = sub.map(MapFlags.READ);
      if (!r.ok) throw new Error(r.message);
      sum += r.data[0]!;
      sub.unmap(r);
      sub.free();
    }
    mem.unmap(info);
    mem.free();
    if (i % 1000 === 999) {
      // deterministic: no GC needed to get address space back
      expect(mappingStats()).toMatchObject({ mapped: 0, chunks: 1 });
      await tick();
    }
  }
  expect(sum).toBeGreaterThan(0);
  expect([...openFds()].filter((fd) => !fdsBefore.has(fd))).toEqual([]);
  expect(memfdMappings('cycles')).toEqual([]);
  expect(memfdMappings('capsflow-shm')).toEqual([]);
  expect(maps().filter((m) => m.inode !== 0).length).toBeLessThanOrEqual(fileMappingsBefore);
  expect(mappingStats().mapped).toBe(0);
  // dmabuf over memfd: one ENOTTY warning per map and per unmap, counted, not printed
  expect(memoryWarnings().byCode['dmabuf-sync-failed']).toBeGreaterThan(0);
  const settled = mappingStats();
  expect(settled.chunks).toBe(1);
  expect(settled.releasedChunks).toBe(0);
});
