// Shared helpers for the benchmark suites: compiling and running the C baselines, timing the JS side,
// comparing checksums. Suites import this; bench/run.mjs drives them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = dirname(BENCH);
export const BUILD = join(BENCH, '.build');
export const OUT = join(BENCH, 'out');
export const C_DIR = join(BENCH, 'c');

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Headers that need a library beyond gstreamer-1.0; a `pkg-config: a b` comment in the file overrides.
const EXTRA_PKGS = [
  ['gst/allocators/', 'gstreamer-allocators-1.0'],
  ['gst/app/', 'gstreamer-app-1.0'],
  ['gst/video/', 'gstreamer-video-1.0'],
  ['gst/audio/', 'gstreamer-audio-1.0'],
  ['gst/base/', 'gstreamer-base-1.0'],
];

function pkgsFor(source) {
  const marker = /pkg-config:\s*([^\n*]+)/.exec(source);
  if (marker) return marker[1].trim().split(/\s+/);
  const pkgs = ['gstreamer-1.0'];
  for (const [header, pkg] of EXTRA_PKGS) if (source.includes(`<${header}`)) pkgs.push(pkg);
  return pkgs;
}

function hasTool(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

const compiled = new Map();

/**
 * Compile bench/c/NAME.c into bench/.build/NAME (only when the source or bench.h is newer).
 * Returns `{ ok: true, path }` or `{ ok: false, reason }`; never throws, so a missing toolchain
 * only skips the baseline.
 */
export function compileC(name) {
  const cached = compiled.get(name);
  if (cached) return cached;
  const result = compileUncached(name);
  compiled.set(name, result);
  return result;
}

function compileUncached(name) {
  const src = join(C_DIR, `${name}.c`);
  if (!existsSync(src)) return { ok: false, reason: `${src} does not exist` };
  for (const tool of ['gcc', 'pkg-config']) {
    if (!hasTool(tool)) return { ok: false, reason: `${tool} is not installed (apt-get install gcc pkg-config)` };
  }
  const source = readFileSync(src, 'utf8');
  const pkgs = pkgsFor(source);
  const flags = spawnSync('pkg-config', ['--cflags', '--libs', ...pkgs], { encoding: 'utf8' });
  if (flags.status !== 0) {
    return {
      ok: false,
      reason: `pkg-config cannot find ${pkgs.join(' ')} (install the dev headers, e.g. libgstreamer1.0-dev` +
        `${pkgs.length > 1 ? ' libgstreamer-plugins-base1.0-dev' : ''}): ${flags.stderr.trim()}`,
    };
  }
  ensureDir(BUILD);
  const bin = join(BUILD, name);
  const header = join(C_DIR, 'bench.h');
  const newest = Math.max(statSync(src).mtimeMs, existsSync(header) ? statSync(header).mtimeMs : 0);
  if (existsSync(bin) && statSync(bin).mtimeMs >= newest) return { ok: true, path: bin, pkgs };
  const args = ['-O2', '-Wall', '-o', bin, src, ...flags.stdout.trim().split(/\s+/)];
  const cc = spawnSync('gcc', args, { encoding: 'utf8' });
  if (cc.status !== 0) return { ok: false, reason: `gcc failed on ${name}.c:\n${cc.stderr.trim()}` };
  return { ok: true, path: bin, pkgs };
}

/** Every bench/c/*.c program, compiled (used by run.mjs to report toolchain problems up front). */
export function compileAllC() {
  if (!existsSync(C_DIR)) return [];
  return readdirSync(C_DIR)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => ({ name: f.slice(0, -2), ...compileC(f.slice(0, -2)) }));
}

/** Run a compiled baseline; its stdout is JSON lines. Throws with its stderr when it fails. */
export function runC(bin, args, opts) {
  return runCText(bin, args, opts)
    .split('\n')
    // only the program's JSON lines: an element may print on stdout too (progressreport's g_print)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/** Run a compiled baseline and return its stdout. */
export function runCText(bin, args, { timeoutMs = 120_000, cwd } = {}) {
  try {
    return execFileSync(bin, args, {
      ...(cwd ? { cwd } : {}),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: timeoutMs,
      stdio: ['ignore', 'pipe', 'pipe'],
      // GStreamer's own debug output would be timed too
      env: { ...process.env, GST_DEBUG: '' },
    });
  } catch (e) {
    const stderr = e.stderr ? String(e.stderr).trim() : '';
    throw new Error(`${bin} ${args.join(' ')} failed (${e.status ?? e.signal ?? e.code}): ${stderr || e.message}`);
  }
}

export function gc() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/**
 * A JS side timed the way the C baselines are: `pass` does one whole pass over the workload and
 * returns its checksum. Creating the timer warms up for `warmupSeconds` and `warmupOps` operations
 * (at least one pass), so the JIT has compiled the hot code; each `round(seconds)` then repeats whole passes until `seconds`
 * have passed. Every pass must give the first pass's checksum.
 */
export function jsTimer(pass, { warmupSeconds, warmupOps = 0, opsPerPass = 1 }) {
  let checksum;
  // V8 tiers code up by the work it has seen, not by wall time: on a loaded machine a time-only
  // warm-up can end before the optimising compiler has run, so both bounds must be reached
  // one GC for the previous op's garbage; none between rounds: a forced GC there cost the parse
  // loop up to 10× in the following rounds (measured), which says more about gc() than the code
  gc();
  const warmEnd = process.hrtime.bigint() + BigInt(Math.round(warmupSeconds * 1e9));
  let ops = 0;
  do {
    checksum = pass();
    ops += opsPerPass;
  } while (process.hrtime.bigint() < warmEnd || ops < warmupOps);
  let n = 0;
  return {
    checksum,
    round(seconds) {
      const roundNs = BigInt(Math.round(seconds * 1e9));
      let passes = 0;
      const cpu0 = process.cpuUsage();
      const start = process.hrtime.bigint();
      let elapsed;
      do {
        const c = pass();
        if (!sameJson(c, checksum)) throw new Error(`pass ${n} gave checksum ${json(c)}, the first ${json(checksum)}`);
        passes++;
        n++;
        elapsed = process.hrtime.bigint() - start;
      } while (elapsed < roundNs);
      const cpu = process.cpuUsage(cpu0);
      return { passes, seconds: Number(elapsed) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
    },
  };
}

/**
 * Ops per second of a timing `{ opsPerPass, rounds: [{ passes, seconds }] }` (either side): the best
 * round, which is the least disturbed by whatever else the machine runs; the median is kept too.
 */
export function rate({ opsPerPass, rounds }) {
  const best = (xs) => (xs.length ? Math.max(...xs) : null);
  const rates = rounds.map((r) => (r.passes * opsPerPass) / r.seconds).sort((a, b) => a - b);
  const mid = rates.length >> 1;
  const median = rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
  // ops per CPU-second of the whole process (all threads), best round
  const cpuOpsPerSec = best(rounds.filter((r) => r.cpu > 0).map((r) => (r.passes * opsPerPass) / r.cpu));
  return { opsPerSec: rates[rates.length - 1], medianOpsPerSec: median, cpuOpsPerSec, opsPerPass, rounds };
}

function json(v) {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

export function sameJson(a, b) {
  return json(a) === json(b);
}

/**
 * One op row as run.mjs expects it. `capsflow` / `gstreamer` are ops per second or null (not
 * available); `checks.equal` is true, false (mismatch: the run fails) or null (nothing to compare).
 */
export function op({ name, unit, capsflow, gstreamer, target = null, checks, note, timing }) {
  const ratio = capsflow != null && gstreamer != null && gstreamer > 0 ? capsflow / gstreamer : null;
  const cf = timing?.capsflow?.cpuOpsPerSec;
  const gs = timing?.gstreamer?.cpuOpsPerSec;
  const cpuRatio = cf != null && gs != null && gs > 0 ? cf / gs : null;
  return {
    name,
    unit,
    capsflow,
    gstreamer,
    ratio,
    target,
    meetsTarget: ratio == null || target == null ? null : ratio >= target,
    cpuRatio,
    checks,
    ...(note ? { note } : {}),
    ...(timing ? { timing } : {}),
  };
}

/** The timing block of an op row: both sides' rounds and medians, for results.json. */
export function timing(js, c) {
  const side = (t) =>
    t ? { opsPerSec: t.opsPerSec, medianOpsPerSec: t.medianOpsPerSec, cpuOpsPerSec: t.cpuOpsPerSec, opsPerPass: t.opsPerPass, rounds: t.rounds } : null;
  return { capsflow: side(js), gstreamer: side(c) };
}

export function checks(capsflowSum, gstreamerSum) {
  const equal = capsflowSum === undefined || gstreamerSum === undefined ? null : sameJson(capsflowSum, gstreamerSum);
  return { equal, capsflow: capsflowSum ?? null, gstreamer: gstreamerSum ?? null };
}

/** The built package, or the reason it cannot be loaded. */
export async function loadPackage() {
  try {
    return { ok: true, mod: await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href) };
  } catch (e) {
    return { ok: false, reason: `dist/index.js does not load: ${e.message}` };
  }
}

/** The placeholders the engine starts from throw this; it means "not there yet", not a crash. */
export function isNotImplemented(e) {
  return e instanceof Error && /not implemented/i.test(e.message);
}
