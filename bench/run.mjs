// `npm run bench`: every bench/suites/*.mjs against its GStreamer C baseline, in one run.
//   node --expose-gc bench/run.mjs [--quick] [--suite NAME]...
// Prints a table per suite and writes bench/out/results.json. Exits 1 on a checksum mismatch or a
// crash; a missed speed target is reported, not failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH, OUT, ROOT, compileAllC, ensureDir } from './lib.mjs';

function parseArgs(argv) {
  const args = { quick: false, suites: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--suite') args.suites.push(argv[++i] ?? '');
    else if (a.startsWith('--suite=')) args.suites.push(a.slice('--suite='.length));
    else if (a === '--help' || a === '-h') args.help = true;
    else {
      console.error(`unknown argument ${a} (try --help)`);
      process.exit(2);
    }
  }
  return args;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** dist/ is what users import; rebuild it when src/ has moved on. */
function ensureBuilt() {
  const index = join(ROOT, 'dist', 'index.js');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  console.log(existsSync(index) ? 'dist/ is older than src/: npx tsc -p tsconfig.build.json' : 'dist/ is missing: npx tsc -p tsconfig.build.json');
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.error) {
    console.log(`  could not run npx tsc (${r.error.message}); benchmarking ${existsSync(index) ? 'the existing' : 'a missing'} dist/`);
  } else if (r.status !== 0) {
    // tsc still emits on type errors; measure what was emitted, but say so
    console.log(`  tsc reported errors (benchmarking the emitted dist/ anyway):\n${indent((r.stdout + r.stderr).trim().split('\n').slice(0, 10).join('\n'), 4)}`);
  }
  // the CLI users run is the bundle made from tsc's output (package.json's build script)
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) console.log(`  bundling the CLI failed (the cli suite measures what is there):\n${indent(((b.stdout ?? '') + (b.stderr ?? '')).trim(), 4)}`);
}

function machine() {
  const gst = spawnSync('pkg-config', ['--modversion', 'gstreamer-1.0'], { encoding: 'utf8' });
  const launch = spawnSync('gst-launch-1.0', ['--version'], { encoding: 'utf8' });
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {}
  return {
    node: process.version,
    gstreamer: gst.status === 0 ? gst.stdout.trim() : (/GStreamer (\S+)/.exec(launch.stdout ?? '')?.[1] ?? null),
    cpu,
    cores: cpus().length,
    platform: `${process.platform} ${release()} ${process.arch}`,
    // other work on the machine skews absolute numbers; alternating rounds keep the ratios fair
    loadavgAtStart: loadavg().map((x) => +x.toFixed(2)),
    commit: commit.status === 0 ? commit.stdout.trim() : null,
  };
}

const indent = (s, n) => s.replace(/^/gm, ' '.repeat(n));

function fmtRate(x) {
  if (x == null) return '—';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(1);
}

function fmtChecks(c) {
  if (!c || c.equal == null) return 'n/a';
  return c.equal ? 'equal' : 'MISMATCH';
}

function table(rows) {
  const header = ['op', 'capsflow', 'GStreamer C', 'unit', 'ratio', 'target', 'CPU ratio', 'checksums'];
  const body = rows.map((o) => [
    o.name,
    fmtRate(o.capsflow),
    fmtRate(o.gstreamer),
    o.unit ?? '',
    o.ratio == null ? '—' : `${o.ratio.toFixed(2)}×`,
    o.target == null ? '' : `≥${o.target}× ${o.meetsTarget == null ? '' : o.meetsTarget ? 'ok' : 'MISSED'}`,
    o.cpuRatio == null ? '—' : `${o.cpuRatio.toFixed(2)}×`,
    o.error ? 'CRASH' : fmtChecks(o.checks),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 || i === 3 || i === 5 || i === 7 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

// A suite's ops may carry `checks` as one object or a list of them; any `equal: false` is a mismatch.
function mismatched(o) {
  const list = Array.isArray(o.checks) ? o.checks : [o.checks];
  return list.some((c) => c && (c.equal === false || c.ok === false));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: npm run bench -- [--quick] [--suite caps|negotiate|memory]...\nwrites bench/out/results.json; see bench/README.md');
    return 0;
  }
  const started = Date.now();
  if (typeof globalThis.gc !== 'function') console.log('note: run with node --expose-gc (npm run bench does) so GC runs between timings');
  ensureBuilt();

  const suitesDir = join(BENCH, 'suites');
  let files = readdirSync(suitesDir).filter((f) => f.endsWith('.mjs')).sort();
  if (args.suites.length) {
    const unknown = args.suites.filter((s) => !files.includes(`${s}.mjs`));
    if (unknown.length) {
      console.error(`no suite ${unknown.join(', ')}; there are: ${files.map((f) => f.slice(0, -4)).join(', ')}`);
      return 2;
    }
    files = files.filter((f) => args.suites.includes(f.slice(0, -4)));
  }

  for (const c of compileAllC()) if (!c.ok) console.log(`C baseline ${c.name}: SKIPPED, ${c.reason}`);

  const info = machine();
  console.log(
    `capsflow bench${args.quick ? ' (quick)' : ''}: node ${info.node}, GStreamer ${info.gstreamer ?? 'not found'}, ${info.cpu} ×${info.cores}, ` +
      `load average ${info.loadavgAtStart[0]}\n`,
  );

  const results = [];
  for (const f of files) {
    const name = f.slice(0, -4);
    const t0 = Date.now();
    let result;
    try {
      const mod = await import(pathToFileURL(join(suitesDir, f)).href);
      result = await mod.run({ quick: args.quick });
    } catch (e) {
      result = { suite: name, ops: [], error: e?.stack ?? String(e) };
    }
    result.seconds = (Date.now() - t0) / 1000;
    results.push(result);

    console.log(`== ${result.suite ?? name} (${result.seconds.toFixed(1)} s)`);
    for (const n of result.notes ?? []) console.log(`  ${n}`);
    if (result.ops?.length) console.log(indent(table(result.ops), 2));
    for (const o of result.ops ?? []) {
      if (o.note) console.log(`  ${o.name}: ${o.note}`);
      if (mismatched(o)) console.log(`  !!! CHECKSUM MISMATCH in ${o.name}: capsflow ${JSON.stringify(o.checks.capsflow ?? o.checks)} vs GStreamer ${JSON.stringify(o.checks.gstreamer ?? '')}`);
      if (o.error) console.log(`  !!! CRASH in ${o.name}:\n${indent(o.error, 6)}`);
    }
    if (result.error) console.log(`  !!! SUITE CRASHED:\n${indent(result.error, 6)}`);
    console.log('');
  }

  const allOps = results.flatMap((r) => (r.ops ?? []).map((o) => ({ suite: r.suite, ...o })));
  const summary = {
    mismatches: allOps.filter(mismatched).map((o) => `${o.suite}: ${o.name}`),
    crashes: [
      ...results.filter((r) => r.error).map((r) => `${r.suite}: suite`),
      ...allOps.filter((o) => o.error).map((o) => `${o.suite}: ${o.name}`),
    ],
    missedTargets: [
      ...allOps.filter((o) => o.meetsTarget === false).map((o) => `${o.suite}: ${o.name} at ${o.ratio.toFixed(2)}× (target ≥${o.target}×)`),
      // targets that are not a ratio (e.g. time linear in pipeline length)
      ...results.flatMap((r) => (r.misses ?? []).map((m) => `${r.suite}: ${m}`)),
    ],
    notMeasured: allOps.filter((o) => o.ratio == null).map((o) => `${o.suite}: ${o.name}${o.capsflow == null ? ' (capsflow n/a)' : ''}${o.gstreamer == null ? ' (GStreamer C n/a)' : ''}`),
  };

  ensureDir(OUT);
  const out = join(OUT, 'results.json');
  info.loadavgAtEnd = loadavg().map((x) => +x.toFixed(2));
  const payload = { date: new Date(started).toISOString(), quick: args.quick, seconds: (Date.now() - started) / 1000, machine: info, suites: results, summary };
  writeFileSync(out, `${JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);

  console.log(`== summary (${payload.seconds.toFixed(1)} s, results in bench/out/results.json)`);
  if (summary.missedTargets.length) console.log(`  speed targets MISSED:\n${indent(summary.missedTargets.join('\n'), 4)}`);
  if (summary.notMeasured.length) console.log(`  no ratio:\n${indent(summary.notMeasured.join('\n'), 4)}`);
  if (summary.mismatches.length) console.log(`  CHECKSUM MISMATCH (capsflow and GStreamer disagree):\n${indent(summary.mismatches.join('\n'), 4)}`);
  if (summary.crashes.length) console.log(`  CRASHED:\n${indent(summary.crashes.join('\n'), 4)}`);
  if (!summary.missedTargets.length && !summary.mismatches.length && !summary.crashes.length && !summary.notMeasured.length) console.log('  every op measured, checksums equal, targets met');
  return summary.mismatches.length || summary.crashes.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e?.stack ?? e);
    process.exitCode = 1;
  },
);
