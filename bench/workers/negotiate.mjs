// capsflow's side of bench/suites/negotiate.mjs, in a worker thread: a negotiate() that runs away
// (quadratic in length, a loop) is then terminated by the suite instead of hanging the whole bench.
// Messages in: { id, cmd, ...args }; out: { id, ok: true, value } or { id, ok: false, error, notImplemented }.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { negotiate } = await import(pathToFileURL(workerData.dist).href);
let pipelines = [];

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
  length: ({ n, seconds }) => {
    const pipeline = `videotestsrc ! ${'identity ! '.repeat(n)}fakesink`;
    const t0 = process.hrtime.bigint();
    const r = negotiate(pipeline);
    const firstUs = Number(process.hrtime.bigint() - t0) / 1e3;
    if (!r.ok) throw new Error(`N=${n} did not negotiate: ${r.error?.kind}: ${r.error?.message}`);
    // one run already took the whole budget: that one is the measurement
    if (firstUs >= seconds * 1e6) return { n, elements: n + 2, runs: 1, firstUs, usPerPipeline: firstUs };
    const ns = BigInt(Math.round(seconds * 1e9));
    let runs = 0;
    const start = process.hrtime.bigint();
    let elapsed;
    do {
      negotiate(pipeline);
      runs++;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < ns || runs < 2);
    return { n, elements: n + 2, runs, firstUs, usPerPipeline: Number(elapsed) / 1e3 / runs };
  },
};

parentPort.on('message', ({ id, cmd, ...args }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: commands[cmd](args) });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, error: e?.stack ?? String(e), notImplemented: /not implemented/i.test(e?.message ?? '') });
  }
});
