// 100,000 alloc / map / write / unmap / free cycles leave zero fds and no mapping of any freed fd, and
// the arena gives its address space back once the views are collected.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

it('100,000 cycles: zero fds and no fd mapping left, address space returned', async () => {
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
    const info = mem.map(MapFlags.READWRITE)!;
    info.data[i & 4095] = i & 0xff;
    sum += info.data[i & 4095]!;
    if (sub !== null) {
      const r = sub.map(MapFlags.READ)!;
      sum += r.data[0]!;
      sub.unmap(r);
      sub.free();
    }
    mem.unmap(info);
    mem.free();
    if (i % 1000 === 999) await tick();
  }
  expect(sum).toBeGreaterThan(0);
  expect([...openFds()].filter((fd) => !fdsBefore.has(fd))).toEqual([]);
  expect(memfdMappings('cycles')).toEqual([]);
  expect(memfdMappings('capsflow-shm')).toEqual([]);
  expect(maps().filter((m) => m.inode !== 0).length).toBeLessThanOrEqual(fileMappingsBefore);
  expect(mappingStats().mapped).toBe(0);
  // dmabuf over memfd: one ENOTTY warning per map and per unmap, counted, not printed
  expect(memoryWarnings().byCode['dmabuf-sync-failed']).toBeGreaterThan(0);
  for (let i = 0; i < 4; i++) {
    gc();
    await tick();
  }
  const settled = mappingStats();
  expect(settled.chunks).toBe(1);
  expect(settled.releasedChunks).toBeGreaterThanOrEqual(5);
});
