// Memory: per cycle a 64 KiB memfd → wrap (fd allocator, then dmabuf allocator) → map READWRITE →
// write one byte → unmap → free; capsflow (the built package, over koffi) against GStreamer's C
// allocators in the same run. The checksum is the sum of the bytes read back, per pass.
import { checks, compileC, isNotImplemented, loadPackage, op, rate, runC, timing } from '../lib.mjs';

const SIZE = 64 * 1024;
const CYCLES = 1000;

/**
 * Time whole passes of `pass` like timePasses does, but yield to the event loop between passes: a
 * real stream yields, and capsflow gives address space back only when a finalizer saw its views go.
 */
async function timePassesYielding(pass, { opsPerPass, minSeconds, warmupSeconds }) {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  let checksum = pass();
  const warmEnd = performance.now() + warmupSeconds * 1000;
  while (performance.now() < warmEnd) {
    pass();
    await tick();
  }
  let passes = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsed;
  do {
    const c = pass();
    if (c !== checksum) throw new Error(`pass ${passes} gave checksum ${c}, the first ${checksum}`);
    passes++;
    await tick();
    elapsed = performance.now() - start;
  } while (elapsed < minSeconds * 1000);
  const seconds = elapsed / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const ops = passes * opsPerPass;
  // CPU time of the whole process (V8's GC threads included), as the C side's getrusage
  return { passes, ops, seconds, opsPerSec: ops / seconds, cpuNsPerOp: ((cpu.user + cpu.system) * 1000) / ops, checksum };
}

function makePass(mod, kind) {
  const { FdAllocator, DmaBufAllocator, MapFlags, createMemfd } = mod;
  const allocator = kind === 'dmabuf' ? new DmaBufAllocator() : new FdAllocator();
  const READWRITE = MapFlags.READWRITE;
  return () => {
    let sum = 0;
    for (let i = 0; i < CYCLES; i++) {
      const mem = allocator.alloc(createMemfd(SIZE), SIZE);
      const info = mem.map(READWRITE);
      if (info === null) throw new Error(`map failed: ${JSON.stringify(mem.lastMapFailure)}`);
      info.data[0] = i & 0xff;
      sum += info.data[0];
      mem.unmap(info);
      mem.free();
    }
    return sum;
  };
}

export async function run({ quick }) {
  // The machine is shared and syscall-bound: C and capsflow run in alternating rounds, and each side
  // keeps its best round, so a burst of load elsewhere does not decide the ratio.
  const rounds = quick ? 2 : 5;
  const minSeconds = quick ? 0.25 : 0.6;
  const warmupSeconds = quick ? 0.1 : 0.2;
  const notes = [
    `cycle: memfd_create + ftruncate(${SIZE}) → alloc → map(READWRITE) → write 1 byte → unmap → free; ${CYCLES} cycles per pass`,
    `${rounds} alternating rounds of ≥${minSeconds}s per side; each side's best round is reported`,
  ];
  const cbin = compileC('memory');
  if (!cbin.ok) notes.push(`GStreamer C baseline skipped: ${cbin.reason}`);
  const pkg = await loadPackage();
  if (!pkg.ok) notes.push(`capsflow not available: ${pkg.reason}`);

  const ops = [];
  for (const kind of ['fd', 'dmabuf']) {
    const name = `${kind}-alloc-map-free`;
    let c = null;
    let js = null;
    let error;
    let note;
    // rounds as lib.mjs's rate() reads them: { passes, seconds, cpu }
    const cRounds = [];
    const jsRounds = [];
    const warningsBefore = pkg.ok ? pkg.mod.memoryWarnings().total : 0;
    for (let r = 0; r < rounds && error === undefined; r++) {
      if (cbin.ok) {
        try {
          const res = runC(cbin.path, [kind, String(SIZE), String(CYCLES), String(minSeconds)])[0];
          cRounds.push({ passes: res.passes, seconds: res.seconds, cpu: (res.cpuNsPerOp * res.ops) / 1e9 });
          if (c === null || res.opsPerSec > c.opsPerSec) c = res;
        } catch (e) {
          error = `C: ${e.message}`;
        }
      }
      if (pkg.ok) {
        try {
          const res = await timePassesYielding(makePass(pkg.mod, kind), { opsPerPass: CYCLES, minSeconds, warmupSeconds });
          jsRounds.push({ passes: res.passes, seconds: res.seconds, cpu: (res.cpuNsPerOp * res.ops) / 1e9 });
          if (js === null || res.opsPerSec > js.opsPerSec) js = res;
        } catch (e) {
          if (isNotImplemented(e)) note = `capsflow: not available (${e.message})`;
          else error = `capsflow: ${e.stack ?? e.message}`;
        }
      }
    }
    const cRate = cRounds.length ? rate({ opsPerPass: CYCLES, rounds: cRounds }) : null;
    const jsRate = jsRounds.length ? rate({ opsPerPass: CYCLES, rounds: jsRounds }) : null;
    const perRound = (rs) => rs.map((r) => Math.round((r.passes * CYCLES) / r.seconds)).join(' ');
    const parts = [`wall rounds (cycles/s) C ${perRound(cRounds)} | capsflow ${perRound(jsRounds)}`];
    if (cRate?.cpuOpsPerSec && jsRate?.cpuOpsPerSec) {
      // a second, load-independent view: CPU time per cycle (whole process, V8's threads included)
      parts.push(`best CPU per cycle C ${Math.round(1e9 / cRate.cpuOpsPerSec)} ns | capsflow ${Math.round(1e9 / jsRate.cpuOpsPerSec)} ns`);
    }
    if (kind === 'dmabuf' && pkg.ok) {
      // GStreamer's GST_WARNING on each failed sync (a memfd answers ENOTTY) is a recorded warning here
      parts.push(`${pkg.mod.memoryWarnings().total - warningsBefore} DMA_BUF_IOCTL_SYNC failures recorded as warnings (ENOTTY on a memfd, as in GStreamer)`);
    }
    if (note) parts.push(note);
    ops.push({
      ...op({
        name,
        unit: 'cycles/s',
        capsflow: js?.opsPerSec ?? null,
        gstreamer: c?.opsPerSec ?? null,
        target: 1.0,
        checks: checks(js?.checksum, c?.checksum),
        note: parts.join('; '),
        timing: timing(jsRate, cRate),
      }),
      ...(error ? { error } : {}),
    });
  }
  if (cbin.ok) {
    // the price of crash-proof views in the kernel alone: capsflow's syscall pattern, in C
    try {
      const plain = runC(cbin.path, ['fd', String(SIZE), String(CYCLES), String(minSeconds)])[0];
      const arena = runC(cbin.path, ['arena', String(SIZE), String(CYCLES), String(minSeconds)])[0];
      notes.push(
        `kernel cost of the arena (C, no GStreamer, no JS): ${Math.round(arena.cpuNsPerOp)} ns CPU per cycle for MAP_FIXED + anonymous ` +
          `stand-in, against ${Math.round(plain.cpuNsPerOp)} ns for GStreamer's mmap/munmap cycle`,
      );
    } catch (e) {
      notes.push(`arena pattern in C not measured: ${e.message}`);
    }
  }
  if (pkg.ok) {
    const s = pkg.mod.mappingStats();
    notes.push(`after the runs: ${s.mapped} ranges mapped, ${s.chunks} arena chunk(s) reserved, ${s.releasedChunks} released after their views were collected`);
  }
  return { suite: 'memory', ops, notes };
}
