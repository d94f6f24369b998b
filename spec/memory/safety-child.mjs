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
  // still takes writes, and they land in the memory, which stays mapped until free
  async 'keep-mapped-after-prot-change'() {
    const fd = createMemfd(8192);
    const mem = fdAlloc.alloc(fd, 8192, FdMemoryFlags.KEEP_MAPPED);
    const w = mem.map(MapFlags.WRITE);
    mem.unmap(w);
    const r = mem.map(MapFlags.READ);
    check(r !== null, 'READ after WRITE maps (mprotect or subset)');
    w.data[0] = 9;
    check(r.data[0] === 9, 'the kept view still writes the memory');
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

  // stale views keep their range: later memories never show through them, even across chunks
  async 'no-aliasing-while-views-live'() {
    const stale = [];
    const fill = (n, value, keep) => {
      for (let i = 0; i < n; i++) {
        const mem = fdAlloc.alloc(createMemfd(65536), 65536);
        const info = mem.map(MapFlags.READWRITE);
        info.data.fill(value);
        mem.unmap(info);
        mem.free();
        if (keep) stale.push(info.data);
      }
    };
    fill(50, 0x77, true);
    for (let round = 0; round < 8; round++) {
      fill(2000, 0xee, false); // 16,000 × 64 KiB: four 256 MiB chunks
      await collect();
    }
    // (a helper: a suspended async frame would keep the loop variable, and so its chunk, alive)
    const checkStale = () => stale.every((data) => touchAll(data, 3) === 0);
    check(checkStale(), 'a stale view never shows another memory');
    const pinned = mappingStats();
    check(pinned.releasedChunks >= 1, `chunks without views go back (${JSON.stringify(pinned)})`);
    stale.length = 0;
    await collect();
    const after = mappingStats();
    check(after.mapped === 0 && after.chunks === 1, `only the current chunk is left once the stale views go (${JSON.stringify(after)})`);
    check(after.releasedChunks > pinned.releasedChunks, 'the chunk the stale views pinned went back');
    return JSON.stringify(after);
  },

  // run under `ulimit -v`: chunks shrink to what the kernel grants, and a map that cannot get
  // address space fails as a map (ENOMEM), not as an exception
  async 'tight-address-space'() {
    const mem = fdAlloc.alloc(createMemfd(65536), 65536);
    const info = mem.map(MapFlags.READWRITE);
    check(info !== null, 'a small map works');
    info.data[0] = 1;
    mem.unmap(info);
    mem.free();
    const stats = mappingStats();
    check(stats.reservedBytes < 2 ** 32, `the chunk shrank (${stats.reservedBytes})`);
    const huge = 4 * 2 ** 30 - 65536;
    const big = fdAlloc.alloc(createMemfd(huge), huge);
    const none = big.map(MapFlags.READ);
    check(none === null && big.lastMapFailure?.errno === 'ENOMEM', `no address space: ${JSON.stringify(big.lastMapFailure)}`);
    big.free();
    return JSON.stringify(stats);
  },

  // a burst of maps without yielding grows the arena; once collected, its chunks go back
  async 'burst-then-release'() {
    const size = 4 << 20;
    const burst = () => {
      for (let i = 0; i < 200; i++) {
        const mem = fdAlloc.alloc(createMemfd(size), size);
        const info = mem.map(MapFlags.READWRITE);
        info.data[size - 1] = 1;
        mem.unmap(info);
        mem.free();
      }
    };
    burst();
    const grown = mappingStats();
    await collect();
    await collect();
    const settled = mappingStats();
    check(grown.chunks >= 3, `an 800 MiB burst takes several 256 MiB chunks (${grown.chunks})`);
    check(settled.mapped === 0 && settled.chunks === 1 && settled.releasedChunks >= 1, `spare chunks released (${JSON.stringify(settled)})`);
    return JSON.stringify({ grown: grown.chunks, settled });
  },
};

const run = scenarios[scenario];
if (run === undefined) {
  console.log(`FAIL unknown scenario ${scenario}`);
  process.exit(4);
}
console.log(`ok ${await run()}`);
