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
      if (!info.ok) throw new Error(`map failed: ${info.reason} ${info.errno}: ${info.message}`);
      info.data[0] = i & 0xff;
      sum += info.data[0];
      mem.unmap(info);
      mem.free();
    }
    return sum;
  };
}

/**
 * The floor of any koffi implementation: the syscalls capsflow makes per cycle (memfd_create,
 * ftruncate, fstat and F_SEAL_SHRINK before mapping, mmap MAP_FIXED into a reserved range, one byte
 * written through a view made once, the anonymous range back, close) straight through capsflow's
 * libc binding, with no allocator, no objects and no checks. What this reaches is the most a JS
 * allocator over koffi can reach.
 */
function makeFloorPass(libcModule) {
  const { libc, sys } = libcModule;
  const name = libc.cBuffer(16);
  name.bytes.set(new TextEncoder().encode('bench\0'));
  const stat = libc.cBuffer(256);
  const RW = sys.PROT_READ | sys.PROT_WRITE;
  const reserve = 2 ** 30;
  const base = libc.mmap(0, reserve, RW, sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_NORESERVE, -1, 0);
  if (base === -1) throw new Error(`reserving ${reserve} bytes failed: errno ${libc.errno()}`);
  const bytes = new Uint8Array(libc.view(base, reserve));
  const flags = sys.MFD_CLOEXEC | sys.MFD_ALLOW_SEALING;
  const placeholder = sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_FIXED | sys.MAP_NORESERVE;
  let bump = 0;
  return () => {
    let sum = 0;
    for (let i = 0; i < CYCLES; i++) {
      const fd = libc.memfdCreateAt(name.address, flags);
      libc.ftruncate(fd, SIZE);
      // what makes the mapping unable to fault: the file's size and kind, and no shrinking under it
      if (libc.fstatAt(fd, stat.address) !== 0 || libc.fcntlInt(fd, sys.F_ADD_SEALS, sys.F_SEAL_SHRINK) !== 0) throw new Error(`fstat / seal: errno ${libc.errno()}`);
      if (bump + SIZE > reserve) bump = 0;
      if (libc.mmapFixed(base + bump, SIZE, RW, sys.MAP_SHARED | sys.MAP_FIXED, fd, 0) === -1) throw new Error(`mmap: errno ${libc.errno()}`);
      bytes[bump] = i & 0xff;
      sum += bytes[bump];
      libc.mmapFixed(base + bump, SIZE, RW, placeholder, -1, 0);
      libc.close(fd);
      bump += SIZE;
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
  let floorPass = null;
  try {
    floorPass = makeFloorPass(await import(new URL('../../dist/memory/libc.js', import.meta.url).href));
  } catch (e) {
    notes.push(`koffi floor not measured: ${e.message}`);
  }

  const ops = [];
  for (const kind of ['fd', 'dmabuf', 'floor']) {
    if (kind === 'floor' && floorPass === null) continue;
    const name = kind === 'floor' ? 'koffi-floor' : `${kind}-alloc-map-free`;
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
          // the floor is held against GStreamer's fd allocator
          const res = runC(cbin.path, [kind === 'floor' ? 'fd' : kind, String(SIZE), String(CYCLES), String(minSeconds)])[0];
          cRounds.push({ passes: res.passes, seconds: res.seconds, cpu: (res.cpuNsPerOp * res.ops) / 1e9 });
          if (c === null || res.opsPerSec > c.opsPerSec) c = res;
        } catch (e) {
          error = `C: ${e.message}`;
        }
      }
      if (pkg.ok) {
        try {
          const pass = kind === 'floor' ? floorPass : makePass(pkg.mod, kind);
          const res = await timePassesYielding(pass, { opsPerPass: CYCLES, minSeconds, warmupSeconds });
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
    if (kind === 'floor') {
      parts.push('the same syscalls straight through the libc binding, no allocator: the most any JS allocator over koffi reaches here');
    }
    if (note) parts.push(note);
    ops.push({
      ...op({
        name,
        unit: 'cycles/s',
        capsflow: js?.opsPerSec ?? null,
        gstreamer: c?.opsPerSec ?? null,
        // the floor is a measurement of koffi itself, not a capsflow target
        target: kind === 'floor' ? null : 1.0,
        checks: checks(js?.checksum, c?.checksum),
        note: parts.join('; '),
        timing: timing(jsRate, cRate),
      }),
      ...(error ? { error } : {}),
    });
  }
  if (cbin.ok) {
    // where a cycle's time goes, in C: the bare syscalls (GStreamer's, and the arena's) against
    // GStreamer's whole cycle. What GStreamer adds on top of its syscalls is all the room a JS
    // allocator has for its FFI crossings and its own work.
    try {
      const cpu = (mode) => runC(cbin.path, [mode, String(SIZE), String(CYCLES), String(minSeconds)])[0].cpuNsPerOp;
      const gst = cpu('fd');
      const raw = cpu('raw');
      const arena = cpu('arena');
      notes.push(
        `CPU per cycle in C: GStreamer's fd allocator ${Math.round(gst)} ns, its syscalls bare ${Math.round(raw)} ns ` +
          `(GStreamer adds ${Math.round(gst - raw)} ns), capsflow's arena syscalls bare ${Math.round(arena)} ns`,
      );
    } catch (e) {
      notes.push(`syscall cost in C not measured: ${e.message}`);
    }
  }
  if (pkg.ok) {
    const s = pkg.mod.mappingStats();
    notes.push(`after the runs: ${s.mapped} ranges mapped, ${s.chunks} arena chunk(s) reserved, ${s.releasedChunks} released after their views were collected`);
  }
  return { suite: 'memory', ops, notes };
}
