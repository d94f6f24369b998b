// Static negotiation vs real GStreamer taking the same pipelines to PAUSED in-process, with the same
// verdict per pipeline; then capsflow's time against pipeline length.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT, compileC, ensureDir, isNotImplemented, loadPackage, jsTimer, op, rate, runC, timing } from '../lib.mjs';

const CORPUS = join(ROOT, 'fixtures', 'pipelines', 'corpus.txt');

// Used until fixtures/pipelines/corpus.txt exists: headless pipelines over the profiled elements,
// link-time and run-time failures included (verdicts come from the GStreamer run, never from here).
const FALLBACK = [
  'videotestsrc ! fakesink',
  'videotestsrc ! videoconvert ! fakesink',
  'videotestsrc ! video/x-raw,width=640,height=480 ! fakesink',
  'videotestsrc ! video/x-raw,format=I420,width=1280,height=720,framerate=25/1 ! videoconvert ! video/x-raw,format=RGB ! fakesink',
  'videotestsrc ! videoscale ! video/x-raw,width=333,height=111 ! fakesink',
  'videotestsrc ! video/x-raw,pixel-aspect-ratio=4/3 ! videoscale ! video/x-raw,width=640,height=480,pixel-aspect-ratio=1/1 ! fakesink',
  'videotestsrc ! videorate ! video/x-raw,framerate=5/1 ! fakesink',
  'videotestsrc ! videoflip method=clockwise ! video/x-raw,width=240,height=320 ! fakesink',
  'videotestsrc ! video/x-raw,width=320 ! videoflip method=clockwise ! video/x-raw,height=200 ! fakesink',
  'videotestsrc ! videocrop left=10 right=10 top=20 bottom=20 ! fakesink',
  'videotestsrc ! videobox border-alpha=0 top=-10 bottom=-10 ! fakesink',
  'videotestsrc ! video/x-raw,format={NV12,I420} ! queue ! identity ! fakesink',
  'videotestsrc ! tee name=t ! queue ! fakesink t. ! queue ! videoconvert ! video/x-raw,format=RGBx ! fakesink',
  'videotestsrc ! jpegenc ! jpegdec ! videoconvert ! fakesink',
  'audiotestsrc ! fakesink',
  'audiotestsrc ! audioconvert ! audio/x-raw,format=S16LE,channels=2 ! fakesink',
  'audiotestsrc ! audioresample ! audio/x-raw,rate=8000 ! fakesink',
  'audiotestsrc ! audio/x-raw,rate=48000,channels=1 ! audioconvert ! audioresample ! audio/x-raw,rate=16000,channels=2 ! fakesink',
  'videotestsrc ! audioconvert ! fakesink',
  'audiotestsrc ! videoconvert ! fakesink',
  'videotestsrc ! video/x-raw,format=I420 ! capsfilter caps=video/x-raw,format=RGB ! fakesink',
  'videotestsrc ! video/x-raw,width=[1,100] ! identity ! video/x-raw,width=[200,300] ! fakesink',
  'videotestsrc ! video/x-raw,width=13,height=7,format=I420 ! jpegenc ! jpegdec ! video/x-raw,format=RGB ! fakesink',
  'videotestsrc ! tee name=t ! queue ! video/x-raw,format=I420 ! fakesink t. ! queue ! video/x-raw,format=RGB ! fakesink',
];

/** The factory of the last element in the text (`... ! fakesink sync=false` → fakesink). */
function lastFactory(pipeline) {
  const segments = pipeline.split('!');
  const last = segments[segments.length - 1]?.trim() ?? '';
  return /^[A-Za-z][\w-]*/.exec(last)?.[0] ?? '';
}

function loadPipelines(notes) {
  if (!existsSync(CORPUS)) {
    notes.push(`pipelines: ${FALLBACK.length} built-in (FALLBACK: fixtures/pipelines/corpus.txt does not exist yet)`);
    return FALLBACK;
  }
  const all = readFileSync(CORPUS, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/^gst-launch-1\.0\s+(-v\s+)?/, ''));
  const distinct = [...new Set(all)];
  const sinks = distinct.filter((p) => /sink$/.test(lastFactory(p)));
  notes.push(`pipelines: ${sinks.length} of ${distinct.length} in fixtures/pipelines/corpus.txt end in a sink`);
  return sinks;
}

export async function run({ quick }) {
  const notes = [];
  const ops = [];
  const details = {};
  const timeoutMs = 1500;
  // best of `rounds` rounds per side (see lib.rate)
  const roundSeconds = quick ? 0.1 : 0.4;
  const rounds = quick ? 3 : 5;

  let pipelines = loadPipelines(notes);
  const cbin = compileC('pipelines');
  if (!cbin.ok) notes.push(`GStreamer C baseline skipped: ${cbin.reason}`);
  const pkg = await loadPackage();
  let negotiate = pkg.ok ? pkg.mod.negotiate : undefined;
  if (typeof negotiate !== 'function') {
    notes.push(`capsflow: not available (${pkg.ok ? 'dist/index.js exports no negotiate yet' : pkg.reason})`);
    negotiate = undefined;
  }

  ensureDir(BUILD);
  const write = (name, lines) => {
    const file = join(BUILD, name);
    writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
    return file;
  };

  // GStreamer's verdict per pipeline; a pipeline that reaches neither ASYNC_DONE nor ERROR (a tee
  // without queues deadlocks in preroll) has no verdict to compare and is left out.
  let verdicts = null;
  let messages = [];
  if (cbin.ok) {
    const rows = runC(cbin.path, ['verdicts', write('pipelines-all.txt', pipelines), String(timeoutMs)], { timeoutMs: 600_000 });
    const timedOut = rows.filter((r) => r.verdict === 'timeout').map((r) => pipelines[r.i]);
    if (timedOut.length) {
      notes.push(`${timedOut.length} pipelines left out: GStreamer neither prerolled nor failed within ${timeoutMs} ms:\n      ${timedOut.join('\n      ')}`);
    }
    const kept = rows.filter((r) => r.verdict !== 'timeout');
    pipelines = kept.map((r) => pipelines[r.i]);
    verdicts = kept.map((r) => (r.verdict === 'negotiated' ? 'N' : 'F')).join('');
    messages = kept.map((r) => r.message);
  }
  const file = write('pipelines.txt', pipelines);

  let timer = null;
  let jsVerdicts = null;
  let jsError;
  let cError;
  let note;
  if (negotiate) {
    const verdictOf = (p) => {
      try {
        return negotiate(p).ok ? 'N' : 'F';
      } catch (e) {
        if (isNotImplemented(e)) throw e;
        return 'X'; // an exception is a defect: negotiate answers errors as values
      }
    };
    try {
      timer = jsTimer(() => pipelines.map(verdictOf).join(''), { warmupSeconds: quick ? 0.1 : 0.5 });
      jsVerdicts = timer.checksum;
    } catch (e) {
      if (isNotImplemented(e)) note = `capsflow: not available (${e.message})`;
      else jsError = `capsflow: ${e.stack ?? e.message}`;
    }
  } else {
    note = 'capsflow: not available';
  }

  // C and JS rounds alternate, so both sides see the same background load
  let c = null;
  let js = null;
  const cRounds = [];
  const jsRounds = [];
  for (let r = 0; r < rounds; r++) {
    if (cbin.ok && !cError) {
      try {
        const raw = runC(cbin.path, ['bench', file, String(roundSeconds), String(timeoutMs), '1'], { timeoutMs: 600_000 })[0];
        cRounds.push(...raw.rounds);
        c = { ...rate({ opsPerPass: raw.opsPerPass, rounds: cRounds }), verdicts: raw.verdicts };
        if (raw.verdicts !== verdicts) cError = `GStreamer's verdicts changed between runs: ${verdicts} then ${raw.verdicts}`;
      } catch (e) {
        cError = `C: ${e.message}`;
      }
    }
    if (timer && !jsError) {
      try {
        jsRounds.push(timer.round(roundSeconds));
        js = { ...rate({ opsPerPass: pipelines.length, rounds: jsRounds }), checksum: timer.checksum };
      } catch (e) {
        jsError = `capsflow: ${e.stack ?? e.message}`;
      }
    }
  }

  const equal = jsVerdicts != null && verdicts != null ? jsVerdicts === verdicts : null;
  if (equal === false) {
    details.verdictMismatches = pipelines
      .map((p, i) => ({ pipeline: p, gstreamer: verdicts[i], capsflow: jsVerdicts[i], gstreamerMessage: messages[i] }))
      .filter((m) => m.gstreamer !== m.capsflow)
      .map((m) => {
        let error = null;
        try {
          error = negotiate(m.pipeline).error;
        } catch (e) {
          error = { kind: 'exception', message: String(e?.message ?? e) };
        }
        return { ...m, capsflowError: error };
      });
    notes.push(
      `VERDICTS DIFFER (N negotiated, F failed, X exception) on ${details.verdictMismatches.length} pipelines:\n      ` +
        details.verdictMismatches
          .map((m) => `GStreamer ${m.gstreamer}${m.gstreamerMessage ? ` (${m.gstreamerMessage})` : ''}, capsflow ${m.capsflow}${m.capsflowError ? ` (${m.capsflowError.kind}: ${m.capsflowError.message})` : ''}: ${m.pipeline}`)
          .join('\n      '),
    );
  }
  const error = [cError, jsError].filter(Boolean).join('; ');
  ops.push({
    ...op({
      name: `negotiate (${pipelines.length} pipelines)`,
      unit: 'pipelines/s',
      capsflow: js?.opsPerSec ?? null,
      gstreamer: c?.opsPerSec ?? null,
      target: 10,
      checks: {
        equal,
        capsflow: jsVerdicts,
        gstreamer: verdicts,
        negotiated: { capsflow: countOf(jsVerdicts, 'N'), gstreamer: countOf(verdicts, 'N') },
      },
      note,
      timing: timing(js, c),
    }),
    ...(error ? { error } : {}),
  });

  if (negotiate) {
    try {
      details.linearity = linearity(negotiate, quick);
      const l = details.linearity;
      notes.push(
        `time vs length (videotestsrc ! identity ×N ! fakesink): ` +
          l.points.map((p) => `N=${p.n}: ${p.usPerElement.toPrecision(3)} µs/element`).join(', ') +
          ` → ${l.verdict}`,
      );
    } catch (e) {
      if (isNotImplemented(e)) notes.push(`time vs length: capsflow not available (${e.message})`);
      else {
        notes.push(`time vs length: CRASH ${e.message}`);
        ops[0].error = [ops[0].error, `linearity: ${e.stack ?? e.message}`].filter(Boolean).join('; ');
      }
    }
  }

  return { suite: 'negotiate', ops, notes, details };
}

function countOf(s, ch) {
  return s == null ? null : [...s].filter((x) => x === ch).length;
}

/**
 * µs per element of `videotestsrc ! identity ×N ! fakesink`. Linear when the log-log slope of total
 * time from the second-smallest to the largest N stays under 1.2 (the smallest N is mostly fixed cost).
 */
function linearity(negotiate, quick) {
  const ns = [10, 100, 1000, 5000];
  const points = [];
  for (const n of ns) {
    const pipeline = `videotestsrc ! ${'identity ! '.repeat(n)}fakesink`;
    const elements = n + 2;
    const first = negotiate(pipeline);
    if (!first.ok) throw new Error(`N=${n} did not negotiate: ${first.error?.kind}: ${first.error?.message}`);
    const budgetNs = BigInt(Math.round((quick ? 0.05 : 0.3) * 1e9));
    let runs = 0;
    const start = process.hrtime.bigint();
    let elapsed;
    do {
      negotiate(pipeline);
      runs++;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < budgetNs || runs < 2);
    const us = Number(elapsed) / 1e3 / runs;
    points.push({ n, elements, runs, usPerPipeline: us, usPerElement: us / elements });
  }
  const a = points[1];
  const b = points[points.length - 1];
  const slope = Math.log(b.usPerPipeline / a.usPerPipeline) / Math.log(b.elements / a.elements);
  const verdict =
    slope < 1.2
      ? `linear (log-log slope ${slope.toFixed(2)} from N=${a.n} to N=${b.n})`
      : `NOT LINEAR (log-log slope ${slope.toFixed(2)} from N=${a.n} to N=${b.n}: µs/element grows ×${(b.usPerElement / a.usPerElement).toFixed(1)})`;
  return { points, slope, linear: slope < 1.2, verdict };
}
