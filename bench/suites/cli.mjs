// Cold start from the shell (issue 15): `capsflow negotiate PIPELINE` as a new process against
// `gst-launch-1.0 PIPELINE` running the same pipeline to EOS, and `capsflow caps intersect A B`
// against bench/c/caps-once.c (gst_init, one gst_caps_intersect, print). Target: capsflow's time at
// most 1.5× GStreamer's (the row's ratio is GStreamer's time / capsflow's, so ≥ 0.67). capsflow is the
// package's bin, executed as a user's shell does; one row runs the plain bundle (no startup snapshot),
// one row is the floor (`capsflow --version`: starting, no work). Then `capsflow check` over the corpus
// with one job per core against --jobs 1 (target 1.7×), with its CPU-time efficiency.
//
// Each case runs both sides alternately (GStreamer, capsflow, GStreamer, ...) RUNS times; a side's
// number is its median run. Wall time is measured around the spawn; CPU time (user + system of the
// child, from wait4 through bench/c/rusage.c) is the steadier number on a loaded machine.
// NODE_EXTRA_CA_CERTS is removed from both environments: Node reads those certificates at every start
// (3× `node -e 0` here), and users' machines do not set it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, compileC, op } from '../lib.mjs';

// what users run: package.json's bin, executed itself (an sh script: node from the CLI's startup snapshot
// when npm run build made one with this Node, else the plain bundle; scripts/bundle-cli.mjs)
const BIN = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.capsflow);
// the plain bundle, without the snapshot: the fallback, and the number before issue 15's snapshot
const PLAIN = join(ROOT, 'dist', 'cli', 'bundle', 'capsflow.js');
const BLOB = join(ROOT, 'dist', 'cli', 'bundle', 'capsflow.blob');
const MEDIA = join(ROOT, 'fixtures', 'media');
const TARGET_TIME_RATIO = 1.5;

const PIPELINES = [
  { name: 'video', pipeline: 'videotestsrc num-buffers=1 ! videoconvert ! videoscale ! video/x-raw,width=320,height=240 ! fakesink' },
  { name: 'audio', pipeline: 'audiotestsrc num-buffers=1 ! audioconvert ! audioresample ! audio/x-raw,rate=16000,channels=2 ! fakesink' },
  { name: 'tee', pipeline: 'videotestsrc num-buffers=1 ! tee name=t t. ! queue ! videoconvert ! fakesink t. ! queue ! fakesink' },
  { name: 'encoder', pipeline: 'videotestsrc num-buffers=1 ! video/x-raw,width=320,height=240 ! videoconvert ! jpegenc ! fakesink' },
  { name: 'file (decodebin)', pipeline: `filesrc location=${join(MEDIA, 'vorbis.ogg')} ! decodebin ! audioconvert ! fakesink` },
];

const CAPS = ['video/x-raw, format=(string){ I420, NV12, YUY2 }, width=(int)[ 1, 4096 ], height=(int)[ 1, 4096 ], framerate=(fraction)[ 0/1, 2147483647/1 ]', 'video/x-raw, format=(string)NV12, width=(int)1920, height=(int)1080, framerate=(fraction)30/1'];

function cleanEnv() {
  const env = { ...process.env, GST_DEBUG: '' };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  return env;
}

/** One fresh process: wall seconds around the spawn, CPU seconds of the child (wait4's rusage through bench/c/rusage.c). */
function runOnce(argv, env, dir, rusage) {
  const out = join(dir, 'rusage.txt');
  const [cmd, args] = rusage ? [rusage, [out, ...argv]] : [argv[0], argv.slice(1)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu = null;
  if (rusage) {
    try {
      const [u, s] = readFileSync(out, 'utf8').trim().split(' ').map(Number);
      cpu = (u + s) / 1e6;
    } catch {}
  }
  return { wall, cpu, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Alternate the two sides `runs` times each (GStreamer first, so its page cache is as warm as ours). */
function alternate(gst, cf, runs, env, dir, rusage) {
  const g = [];
  const c = [];
  // one untimed run each: the first touch of the plugin registry cache and of dist/ is not a cold start users repeat
  runOnce(gst, env, dir, rusage);
  runOnce(cf, env, dir, rusage);
  for (let i = 0; i < runs; i++) {
    g.push(runOnce(gst, env, dir, rusage));
    c.push(runOnce(cf, env, dir, rusage));
  }
  return { g, c };
}

function row(name, { g, c }, check, note, target = +(1 / TARGET_TIME_RATIO).toFixed(2)) {
  const gw = median(g.map((r) => r.wall));
  const cw = median(c.map((r) => r.wall));
  const gc = g.every((r) => r.cpu != null) ? median(g.map((r) => r.cpu)) : null;
  const cc = c.every((r) => r.cpu != null) ? median(c.map((r) => r.cpu)) : null;
  const side = (w, cpu, rs) => ({ opsPerSec: 1 / w, medianOpsPerSec: 1 / w, cpuOpsPerSec: cpu ? 1 / cpu : null, medianWallSeconds: w, medianCpuSeconds: cpu, runs: rs.map((r) => ({ wall: r.wall, cpu: r.cpu })) });
  const o = op({
    name,
    unit: 'runs/s',
    capsflow: 1 / cw,
    gstreamer: 1 / gw,
    target,
    checks: check,
    note: `median wall ${ms(cw)} vs ${ms(gw)} (${(cw / gw).toFixed(2)}× GStreamer's time), CPU ${cc == null ? '?' : ms(cc)} vs ${gc == null ? '?' : ms(gc)}${cc && gc ? ` (${(cc / gc).toFixed(2)}×)` : ''}${note ? `; ${note}` : ''}`,
    timing: { capsflow: side(cw, cc, c), gstreamer: side(gw, gc, g) },
  });
  return o;
}

const ms = (s) => `${(s * 1000).toFixed(0)} ms`;

export async function run({ quick }) {
  const runs = quick ? 7 : 11;
  const env = cleanEnv();
  const dir = mkdtempSync(join(tmpdir(), 'capsflow-cli-bench-'));
  const ru = compileC('rusage');
  const rusage = ru.ok ? ru.path : null;
  const notes = [
    `fresh processes, alternating GStreamer/capsflow, ${runs} runs each after one untimed run each; median per side; NODE_EXTRA_CA_CERTS unset`,
    `ratio = GStreamer's time / capsflow's (target ≥ ${(1 / TARGET_TIME_RATIO).toFixed(2)}, i.e. capsflow ≤ ${TARGET_TIME_RATIO}× GStreamer's time); CPU time (user + system) from wait4 (bench/c/rusage.c)${rusage ? '' : `: not measured, ${ru.reason}`}`,
  ];
  const ops = [];
  try {
    const snapshot = existsSync(BLOB);
    let way = 'no snapshot (the bin runs the plain bundle)';
    try {
      const r = spawnSync('sh', ['-x', BIN, '--version'], { env, encoding: 'utf8' });
      const exec = (r.stderr ?? '').split('\n').filter((l) => l.startsWith('+ exec ')).at(-1) ?? '';
      way = exec.includes('--snapshot-blob') ? 'the bin starts node from the startup snapshot' : `the bin runs the plain bundle${snapshot ? ' (a snapshot exists but its stamp does not match this Node or folder)' : ' (no snapshot: npm run build did not make one)'}`;
    } catch {}
    notes.push(`capsflow = the package's bin, executed (${way})`);
    const node0 = alternate(['gst-launch-1.0', '-q', 'fakesrc', 'num-buffers=1', '!', 'fakesink'], [process.execPath, '-e', '0'], runs, env, dir, rusage);
    notes.push(`floor: \`node -e 0\` median ${ms(median(node0.c.map((r) => r.wall)))} wall / ${ms(median(node0.c.map((r) => r.cpu ?? 0)))} CPU; \`gst-launch-1.0 fakesrc num-buffers=1 ! fakesink\` ${ms(median(node0.g.map((r) => r.wall)))} / ${ms(median(node0.g.map((r) => r.cpu ?? 0)))}`);
    // the floor of a capsflow answer: the bin starting node (from the snapshot) and printing its version, no work
    ops.push(row('floor: capsflow --version (start only)', alternate(['gst-launch-1.0', '-q', 'fakesrc', 'num-buffers=1', '!', 'fakesink'], [BIN, '--version'], runs, env, dir, rusage), { equal: null }, 'against gst-launch-1.0 fakesrc num-buffers=1 ! fakesink; no target: the floor of every row below', null));
    for (const p of PIPELINES) {
      const words = p.pipeline.split(' ');
      const res = alternate(['gst-launch-1.0', '-q', ...words], [BIN, 'negotiate', p.pipeline], runs, env, dir, rusage);
      // verdicts: gst-launch exit 0 ran to EOS; capsflow exit 0 negotiated, 1 failed, 3 undetermined
      const gOk = res.g.map((r) => r.status === 0);
      const cStatus = res.c.map((r) => r.status);
      const consistent = gOk.every((x) => x === gOk[0]) && cStatus.every((x) => x === cStatus[0]);
      let check;
      let note = '';
      if (!consistent) check = { equal: false, capsflow: cStatus, gstreamer: gOk };
      else if (cStatus[0] === 3) {
        check = { equal: null, capsflow: 'undetermined', gstreamer: gOk[0] ? 'ran to EOS' : 'failed' };
        note = 'capsflow answers undetermined (caps that need the data), so there is nothing to compare';
      } else {
        const cf = cStatus[0] === 0 ? 'negotiated' : cStatus[0] === 1 ? 'failed' : `exit ${cStatus[0]}: ${res.c[0].stderr.trim().slice(0, 200)}`;
        check = { equal: (cStatus[0] === 0) === gOk[0] && (cStatus[0] === 0 || cStatus[0] === 1), capsflow: cf, gstreamer: gOk[0] ? 'ran to EOS' : `failed: ${res.g[0].stderr.trim().slice(0, 200)}` };
      }
      ops.push(row(`negotiate: ${p.name}`, res, check, note));
    }
    // the same first pipeline without the snapshot (CAPSFLOW_NO_SNAPSHOT: the plain bundle, as before issue 15's snapshot)
    {
      const p = PIPELINES[0];
      const res = alternate(['gst-launch-1.0', '-q', ...p.pipeline.split(' ')], [process.execPath, PLAIN, 'negotiate', p.pipeline], runs, env, dir, rusage);
      ops.push(row(`negotiate: ${p.name}, plain bundle (no snapshot)`, res, { equal: res.c.every((r) => r.status === 0) && res.g.every((r) => r.status === 0) }, 'no target: the fallback path, node dist/cli/bundle/capsflow.js', null));
    }
    const c = compileC('caps-once');
    if (!c.ok) {
      ops.push(op({ name: 'caps intersect', unit: 'runs/s', capsflow: null, gstreamer: null, checks: { equal: null }, note: `C baseline skipped: ${c.reason}` }));
    } else {
      const res = alternate([c.path, ...CAPS], [BIN, 'caps', 'intersect', ...CAPS], runs, env, dir, rusage);
      const gOut = res.g[0].stdout.trim();
      const cOut = res.c[0].stdout.trim();
      const same = res.g.every((r) => r.stdout.trim() === gOut) && res.c.every((r) => r.stdout.trim() === cOut);
      ops.push(row('caps intersect', res, { equal: same && gOut === cOut, capsflow: cOut, gstreamer: gOut }));
    }
    // many at once: the corpus through `capsflow check`, default jobs (one worker per core) against --jobs 1
    const corpus = join(ROOT, 'fixtures', 'pipelines', 'corpus.txt');
    const checkRuns = quick ? 3 : 5;
    const jobs = cpus().length;
    const par = alternate([BIN, 'check', '--jobs', '1', corpus], [BIN, 'check', '--jobs', String(jobs), corpus], checkRuns, env, dir, rusage);
    const one = median(par.g.map((r) => r.wall));
    const many = median(par.c.map((r) => r.wall));
    const oneCpu = median(par.g.map((r) => r.cpu ?? 0));
    const manyCpu = median(par.c.map((r) => r.cpu ?? 0));
    // on a loaded machine the wall ratio depends on the share of the cores each run got; the CPU-time
    // efficiency does not: the speed-up the jobs would give on idle cores is jobs × (CPU of one job / CPU of all)
    const efficiency = manyCpu > 0 ? oneCpu / manyCpu : null;
    // lines come in the order pipelines finish: the same set of lines, and the same summary
    const report = (r) => r.stdout.split('\n').sort().join('\n');
    const sameOut = [...par.g, ...par.c].every((r) => report(r) === report(par.g[0]));
    ops.push(
      op({
        name: `check corpus: --jobs ${jobs} vs --jobs 1 (${jobs} cores)`,
        unit: 'runs/s',
        capsflow: 1 / many,
        gstreamer: 1 / one,
        target: 1.7,
        checks: { equal: sameOut, capsflow: par.c[0].status, gstreamer: par.g[0].status },
        note: `not GStreamer: the "GStreamer C" column is capsflow check --jobs 1; median wall ${ms(many)} vs ${ms(one)} over ${checkRuns} runs each; CPU (all threads) ${ms(manyCpu)} vs ${ms(oneCpu)}: CPU efficiency ${efficiency == null ? '?' : efficiency.toFixed(2)} (CPU of --jobs 1 / CPU of --jobs ${jobs}), so ${efficiency == null ? '?' : (jobs * efficiency).toFixed(2)}× on ${jobs} idle cores; the reports must hold the same lines (their order is the order pipelines finish)`,
        timing: {
          capsflow: { opsPerSec: 1 / many, cpuOpsPerSec: manyCpu > 0 ? 1 / manyCpu : null, runs: par.c.map((r) => ({ wall: r.wall, cpu: r.cpu })) },
          gstreamer: { opsPerSec: 1 / one, cpuOpsPerSec: oneCpu > 0 ? 1 / oneCpu : null, runs: par.g.map((r) => ({ wall: r.wall, cpu: r.cpu })) },
          cpuEfficiency: efficiency,
          idleSpeedup: efficiency == null ? null : jobs * efficiency,
        },
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { suite: 'cli', ops, notes };
}
