// Run by safety.spec.ts in a child process (a crash there must not take the test runner down).
// argv: <dist/memory/index.js> <scenario>. Prints "ok <details>" and exits 0 when the scenario survived.
import { pathToFileURL } from 'node:url';

const [distIndex, scenario] = process.argv.slice(2);
const m = await import(pathToFileURL(distIndex).href);
const { FdAllocator, DmaBufAllocator, FdMemoryFlags, MapFlags, createMemfd, mappingStats } = m;
const fdAlloc = new FdAllocator();
const tick = () => new Promise((r) => setImmediate(r));
async function collect() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await tick();
  }
}
function check(cond, what) {
  if (!cond) {
    console.log(`FAIL ${what}`);
    process.exit(3);
  }
}
function touchAll(data, value) {
  let sum = 0;
  for (let i = 0; i < data.length; i += 512) {
    sum += data[i];
    data[i] = value;
  }
  return sum;
}

const scenarios = {
  // the naive design, to show the test can fail: a koffi view over a munmapped range
  async 'naive-koffi-view'() {
    const koffi = (await import('koffi')).default;
    const libc = koffi.load('libc.so.6');
    const mmap = libc.func('mmap', 'intptr_t', ['intptr_t', 'size_t', 'int', 'int', 'int', 'int64_t']);
    const munmap = libc.func('munmap', 'int', ['intptr_t', 'size_t']);
    const fd = createMemfd(65536);
    const addr = mmap(0, 65536, 3, 1, fd.fd, 0);
    const data = new Uint8Array(koffi.view(addr, 65536));
    data[0] = 1;
    munmap(addr, 65536);
    data[0] = 2; // SIGSEGV
    return 'survived?!';
  },

  async 'after-unmap'() {
    const mem = fdAlloc.alloc(createMemfd(65536), 65536);
    const info = mem.map(MapFlags.READWRITE);
    check(info.ok, 'maps');
    touchAll(info.data, 0xaa);
    mem.unmap(info);
    const sum = touchAll(info.data, 0x55);
    check(sum === 0, 'stale view reads zeros after unmap');
    mem.free();
    touchAll(info.data, 0x11);
    return `sum ${sum}`;
  },

  async 'after-free-while-mapped'() {
    const results = [];
    for (const flags of [FdMemoryFlags.NONE, FdMemoryFlags.KEEP_MAPPED, FdMemoryFlags.MAP_PRIVATE, FdMemoryFlags.DONT_CLOSE]) {
      const fd = createMemfd(8192);
      const raw = fd.fd;
      const mem = fdAlloc.alloc(fd, 8192, flags);
      const rw = mem.map(MapFlags.READWRITE);
      const r = mem.map(MapFlags.READ);
      mem.free();
      results.push(touchAll(rw.data, 1) + touchAll(r.data, 2));
      if (flags === FdMemoryFlags.DONT_CLOSE) createMemfd(0).close(), (await import('node:fs')).closeSync(raw);
    }
    return `sums ${results.join(',')}`;
  },

  // KEEP_MAPPED: WRITE, unmap, then READ (GStreamer mprotects to PROT_READ): the kept WRITE view
  // neither faults nor reaches the memory any more; GStreamer's decisions are kept
  async 'keep-mapped-after-prot-change'() {
    const fd = createMemfd(8192);
    const mem = fdAlloc.alloc(fd, 8192, FdMemoryFlags.KEEP_MAPPED);
    const w = mem.map(MapFlags.WRITE);
    check(w.ok, 'WRITE maps');
    w.data[0] = 5;
    mem.unmap(w);
    const r = mem.map(MapFlags.READ);
    check(r.ok, 'READ after WRITE maps (an upgrade, as GStreamer decides)');
    check(r.data[0] === 5, 'the READ map sees what the WRITE map wrote');
    w.data[0] = 9;
    check(r.data[0] === 5, 'the stale WRITE view no longer writes the memory');
    r.data[1] = 7; // a READ view takes writes without faulting
    mem.unmap(r);
    mem.free();
    w.data[1] = 1;
    return `byte ${r.data[0]}`;
  },

  async 'sub-memory-views'() {
    const mem = new DmaBufAllocator().alloc(createMemfd(16384), 16384);
    const sub = mem.share(4096, 100);
    const info = sub.map(MapFlags.READ);
    const whole = new Uint8Array(info.data.buffer); // a view the library never handed out
    sub.unmap(info);
    sub.free();
    mem.free();
    await collect();
    touchAll(info.data, 0);
    const at = info.data.byteOffset;
    whole[at] = 1;
    return `byte ${info.data[0]}`;
  },

  // address space goes back to the arena at free(), with no GC: a steady stream of maps stays in
  // one chunk, and a stale view reads zeros right after unmap
  async 'address-space-back-at-free'() {
    const stale = [];
    for (let i = 0; i < 20000; i++) {
      const mem = fdAlloc.alloc(createMemfd(65536), 65536);
      const info = mem.map(MapFlags.READWRITE);
      check(info.ok, `map ${i}: ${info.message}`);
      info.data.fill(0x77);
      mem.unmap(info);
      check(info.data[0] === 0 && info.data[65535] === 0, 'a stale view reads zeros after unmap');
      mem.free();
      if (i < 50) stale.push(info.data);
    }
    // 20,000 × 64 KiB is five times a 256 MiB chunk: the ranges came round again, in one chunk
    const stats = mappingStats();
    check(stats.mapped === 0 && stats.chunks === 1, `one chunk, nothing mapped (${JSON.stringify(stats)})`);
    for (const data of stale) touchAll(data, 3); // stale views stay harmless
    return JSON.stringify(stats);
  },

  // run under `ulimit -v`: chunks shrink to what the kernel grants, and a map that cannot get
  // address space fails as a map (ENOMEM), not as an exception
  async 'tight-address-space'() {
    const mem = fdAlloc.alloc(createMemfd(65536), 65536);
    const info = mem.map(MapFlags.READWRITE);
    check(info.ok, 'a small map works');
    info.data[0] = 1;
    mem.unmap(info);
    mem.free();
    const stats = mappingStats();
    check(stats.reservedBytes < 2 ** 32, `the chunk shrank (${stats.reservedBytes})`);
    const huge = 4 * 2 ** 30 - 65536;
    const big = fdAlloc.alloc(createMemfd(huge), huge);
    const none = big.map(MapFlags.READ);
    check(!none.ok && none.errno === 'ENOMEM', `no address space: ${JSON.stringify(none)}`);
    big.free();
    return JSON.stringify(stats);
  },

  // a burst of live memories grows the arena; freed, the extra chunks are retired at once and go
  // back to the kernel once their ArrayBuffers are collected
  async 'burst-then-release'() {
    const size = 4 << 20;
    const burst = () => {
      const live = [];
      for (let i = 0; i < 200; i++) {
        const mem = fdAlloc.alloc(createMemfd(size), size);
        const info = mem.map(MapFlags.READWRITE);
        check(info.ok, `burst map ${i}`);
        info.data[size - 1] = 1;
        live.push([mem, info]);
      }
      const grown = mappingStats();
      for (const [mem, info] of live) {
        mem.unmap(info);
        mem.free();
      }
      return grown;
    };
    const grown = burst();
    await collect();
    await collect();
    const settled = mappingStats();
    check(grown.chunks >= 3, `800 MiB live at once takes several 256 MiB chunks (${grown.chunks})`);
    check(settled.mapped === 0 && settled.chunks === 1 && settled.releasedChunks >= 2, `spare chunks released (${JSON.stringify(settled)})`);
    return JSON.stringify({ grown: grown.chunks, settled });
  },
};

const run = scenarios[scenario];
if (run === undefined) {
  console.log(`FAIL unknown scenario ${scenario}`);
  process.exit(4);
}
console.log(`ok ${await run()}`);
