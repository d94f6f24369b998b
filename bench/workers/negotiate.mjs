// capsflow's side of bench/suites/negotiate.mjs, in a worker thread: a negotiate() that runs away
// (quadratic in length, a loop) is then terminated by the suite instead of hanging the whole bench.
// Messages in: { id, cmd, ...args }; out: { id, ok: true, value } or { id, ok: false, error, notImplemented }.
import { PerformanceObserver } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { negotiate } = await import(pathToFileURL(workerData.dist).href);
let pipelines = [];

// GC pauses of this thread, to tell allocation pressure from algorithmic growth in the length test
const gcPauses = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, ms: e.duration });
}).observe({ entryTypes: ['gc'] });
const gcMsSince = (t) => gcPauses.filter((g) => g.start >= t).reduce((n, g) => n + g.ms, 0);
// observer entries arrive on a later turn of the event loop
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function verdictOf(p) {
  try {
    return negotiate(p).ok ? 'N' : 'F';
  } catch (e) {
    if (/not implemented/i.test(e?.message ?? '')) throw e;
    return 'X'; // an exception is a defect: negotiate answers errors as values
  }
}

const pass = () => pipelines.map(verdictOf).join('');
let first = null;

const commands = {
  available: () => typeof negotiate === 'function',
  init: ({ list }) => {
    pipelines = list;
    first = pass();
    return first;
  },
  // both bounds: V8 optimises after enough work, which takes longer than `seconds` on a loaded machine
  warmup: ({ seconds, passes }) => {
    const end = performance.now() + seconds * 1000;
    let n = 0;
    do {
      pass();
      n++;
    } while (performance.now() < end || n < passes);
    return null;
  },
  round: ({ seconds }) => {
    const ns = BigInt(Math.round(seconds * 1e9));
    let passes = 0;
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    let elapsed;
    do {
      const v = pass();
      if (v !== first) throw new Error(`a pass gave verdicts ${v}, the first ${first}`);
      passes++;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < ns);
    const cpu = process.cpuUsage(cpu0);
    return { passes, seconds: Number(elapsed) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
  },
  errors: ({ list }) =>
    list.map((p) => {
      try {
        return negotiate(p).error;
      } catch (e) {
        return { kind: 'exception', message: String(e?.message ?? e) };
      }
    }),
  // one length of `videotestsrc ! identity ×N ! fakesink`: runs until `seconds`, at least twice
  length: async ({ n, seconds }) => {
    const pipeline = `videotestsrc ! ${'identity ! '.repeat(n)}fakesink`;
    const windowMs = performance.now();
    const t0 = process.hrtime.bigint();
    const r = negotiate(pipeline);
    const firstUs = Number(process.hrtime.bigint() - t0) / 1e3;
    if (!r.ok) throw new Error(`N=${n} did not negotiate: ${r.error?.kind}: ${r.error?.message}`);
    const ns = BigInt(Math.round(seconds * 1e9));
    let runs = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    // one run already took the whole budget: that one is the measurement
    if (firstUs < seconds * 1e6) {
      do {
        negotiate(pipeline);
        runs++;
        elapsed = process.hrtime.bigint() - start;
      } while (elapsed < ns || runs < 2);
    }
    const windowEnd = performance.now();
    await settle();
    // share of the whole measurement (first run included) spent in GC pauses
    const gcShare = Math.min(1, gcMsSince(windowMs) / (windowEnd - windowMs));
    if (runs === 0) return { n, elements: n + 2, runs: 1, firstUs, usPerPipeline: firstUs, gcShare };
    return { n, elements: n + 2, runs, firstUs, usPerPipeline: Number(elapsed) / 1e3 / runs, gcShare };
  },
};

parentPort.on('message', async ({ id, cmd, ...args }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: await commands[cmd](args) });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: e?.stack ?? String(e), notImplemented: /not implemented/i.test(e?.message ?? '') });
  }
});
