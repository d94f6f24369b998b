/**
 * `capsflow check FILE|DIR...`: negotiate many pipelines (one a line in .txt files, JSON graphs in .json
 * files), on worker threads when there are many, and end with a summary a CI job can act on.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { MAX_INPUT_BYTES, readInputFile, type ReadInputResult } from '../../negotiation/read-input.js';
import { availableParallelism } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { style, table } from '../format.js';
import { UsageError, type Command, parseCommandArgs } from '../io.js';
import type { GstVersion } from '../../negotiation/registry/registry.js';
import { chooseRegistry } from '../settings.js';
import { findGstLaunch, launchDescription, pipelineWords, shellWords } from '../../negotiation/launch/launchv.js';
import type { CheckItem, CheckOutcome, CheckVerdict } from './check-one.js';

const HELP = `usage: capsflow check [options] FILE|DIR...

Negotiates every pipeline found: .txt files hold one gst-launch pipeline a line ('#' starts a comment),
.json files hold a JSON graph or an array of them; directories are searched recursively for both.
A line that starts with gst-launch-1.0 is a command line as a shell reads it (quotes removed, a
trailing backslash continues it on the next line; options like -v ignored; each word one token, as
gst_parse_launchv); any other line is one gst_parse_launch description.
More than 500 pipelines are spread over one thread per core: the main thread and worker threads
(fewer are quicker on one thread: a worker starts by loading the registry, which costs about as much as
250 negotiations). With --timeout every pipeline runs on a worker thread, which can be stopped.

Shows a progress bar on a terminal; otherwise (or with --json) plain lines. Ends with a summary table:
negotiated, undetermined (caps that need the device, the network peer or the data), failed, policy
violations, invalid input.

options:
  --json             one JSON document: the summary and every pipeline's outcome
  --jobs N           worker threads (default: one per core when there are more than 500 pipelines;
                     1 negotiates on the main thread)
  --registry FILE    element templates from this snapshot instead of the embedded GStreamer 1.22 one
  --gst VERSION      the embedded registry of GStreamer 1.22 (the default) or 1.26 (without either:
                     CAPSFLOW_REGISTRY / CAPSFLOW_GST, else package.json's "capsflow" key)
  --timeout SECONDS  time one pipeline may take (default 60 on worker threads); past it the pipeline is
                     reported failed (timeout) and the rest go on; given, it runs even one job on a worker
  -h, --help         this help

FILE may be '-' for stdin (pipelines one a line, or a JSON graph or array). Only regular files are read
(at most 64 MiB each); symbolic links, FIFOs and devices met in a directory are skipped and listed.

examples:
  capsflow check pipelines/
  capsflow check --json ci/pipelines.txt graphs/*.json > report.json
  capsflow check --jobs 1 one-pipeline.txt

exit status:
  0  every pipeline negotiated, no policy violation
  1  some did not negotiate, or have policy violations
  3  all negotiated or undetermined, and some are undetermined
  2  bad input: a pipeline that does not parse or names an unknown element, an unreadable file or
     directory, invalid JSON, or nothing to check
`;

/**
 * Pipelines above this count go to worker threads. Measured here: one thread negotiates ~1,300 simple
 * pipelines/s and a worker spends ~0.2 s CPU starting (loading the embedded registry), so two workers
 * only win past ~500.
 */
export const PARALLEL_THRESHOLD = 500;

/** --timeout's default where pipelines already run on worker threads */
export const DEFAULT_TIMEOUT_MS = 60_000;

export type { CheckItem, CheckOutcome, CheckVerdict } from './check-one.js';

export interface CheckBatch {
  readonly batch: number;
  readonly items: readonly CheckItem[];
}

export type CheckReply =
  | { readonly id: number; readonly outcome: CheckOutcome; readonly done?: never; readonly fatal?: never; readonly start?: never }
  | { readonly start: number; readonly id?: never; readonly outcome?: never; readonly done?: never; readonly fatal?: never }
  | { readonly done: number; readonly id?: never; readonly fatal?: never; readonly start?: never }
  | { readonly fatal: string; readonly id?: never; readonly done?: never; readonly start?: never };

/** A set-up problem that ends the whole check (exit 2), as opposed to one pipeline failing. */
export class CheckSetupError extends Error {
  override readonly name = 'CheckSetupError';
}

export interface Unreadable {
  readonly path: string;
  readonly message: string;
}

export interface CollectedInputs {
  items: CheckItem[];
  unreadable: Unreadable[];
  /** directory entries not read (symbolic links, FIFOs, devices, sockets), with why */
  skipped: Unreadable[];
  invalid: { item: CheckItem; outcome: CheckOutcome }[];
}

/**
 * The pipelines in FILE|DIR paths, in a stable order (paths as given, directory entries sorted). Only
 * regular files are read (a FIFO or /dev/zero named on the command line is unreadable, one met in a
 * directory is skipped and reported); `-` is stdin, given as `stdin`.
 */
export function collectInputs(paths: readonly string[], cwd: string, stdin?: ReadInputResult): CollectedInputs {
  const items: CheckItem[] = [];
  const unreadable: Unreadable[] = [];
  const skipped: Unreadable[] = [];
  const invalid: { item: CheckItem; outcome: CheckOutcome }[] = [];
  let id = 0;
  const readFile = (file: string, shown: string): void => {
    const read = file === '-' ? (stdin ?? { ok: false, message: 'no stdin here' }) : readInputFile(file);
    if (!read.ok) {
      unreadable.push({ path: shown, message: read.message });
      return;
    }
    const text = read.text;
    if (file === '-' ? /^\s*[[{]/.test(text) : extname(file) === '.json') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        invalid.push({ item: { id: id++, file: shown }, outcome: { verdict: 'invalid', kind: 'json', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` } });
        return;
      }
      if (Array.isArray(json)) json.forEach((graph: unknown, index) => items.push({ id: id++, file: shown, index, graph }));
      else items.push({ id: id++, file: shown, graph: json });
      return;
    }
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const pipeline = lines[i]!.trim();
      if (pipeline === '' || pipeline.startsWith('#')) continue;
      const first = shellWords(pipeline);
      if (!first.ok || findGstLaunch(first.words) < 0) {
        items.push({ id: id++, file: shown, line: i + 1, pipeline });
        continue;
      }
      // a pasted command: continued lines joined, quoting removed as a shell would
      let command = pipeline;
      const line = i + 1;
      while (/(^|[^\\])(\\\\)*\\$/.test(command) && i + 1 < lines.length) command = command.slice(0, -1) + lines[++i]!.trimEnd(); // backslash-newline vanishes, as in sh
      const split = shellWords(command);
      const words = split.ok ? pipelineWords(split.words) : null;
      if (!split.ok || words === null || !words.ok) {
        const message = !split.ok ? `${split.message} at column ${split.offset + 1}` : words !== null && !words.ok ? words.message : 'not a command line';
        invalid.push({ item: { id: id++, file: shown, line, command }, outcome: { verdict: 'invalid', kind: 'syntax', message } });
        continue;
      }
      items.push({ id: id++, file: shown, line, command, pipeline: launchDescription(words.words, true) });
    }
  };
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      unreadable.push({ path: relative(cwd, dir) || '.', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        if (e.name.endsWith('.txt') || e.name.endsWith('.json')) readFile(full, relative(cwd, full));
      } else if (e.isSymbolicLink()) skipped.push({ path: relative(cwd, full), message: 'a symbolic link (not followed)' });
      else {
        const kind = e.isFIFO() ? 'a FIFO' : e.isSocket() ? 'a socket' : e.isCharacterDevice() ? 'a character device' : e.isBlockDevice() ? 'a block device' : 'not a regular file';
        skipped.push({ path: relative(cwd, full), message: `${kind} (only regular files are read)` });
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      readFile('-', 'stdin');
      continue;
    }
    const full = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch (e) {
      unreadable.push({ path: p, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (isDir) walk(full);
    else readFile(full, p);
  }
  return { items, unreadable, skipped, invalid };
}

export interface CheckRunOptions {
  readonly jobs?: number;
  readonly registry?: string;
  /** the embedded registry to use without `registry` */
  readonly gst?: GstVersion;
  /**
   * Milliseconds one pipeline may take; past it the worker negotiating it is stopped, the pipeline is
   * reported (kind 'timeout') and the others go on in a fresh worker. Needs worker threads: with a
   * timeout, even one job runs on a worker.
   */
  readonly timeoutMs?: number;
  /** the worker module; defaults to check-worker.js next to the built CLI */
  readonly workerUrl?: URL;
  readonly onOutcome?: (item: CheckItem, outcome: CheckOutcome) => void;
}

// bundled (dist/cli/bundle/, scripts/bundle-cli.mjs) the worker is a sibling chunk; tsc's is one folder up
const defaultWorkerUrl = (): URL => {
  const bundled = new URL('./check-worker.js', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('../check-worker.js', import.meta.url);
};

/** Negotiate all items, on worker threads when asked for more than one job (or a timeout) and the worker is built. */
export async function checkItems(items: readonly CheckItem[], options: CheckRunOptions = {}): Promise<Map<number, CheckOutcome>> {
  const outcomes = new Map<number, CheckOutcome>();
  const record = (item: CheckItem, outcome: CheckOutcome): void => {
    if (outcomes.has(item.id)) return;
    outcomes.set(item.id, outcome);
    options.onOutcome?.(item, outcome);
  };
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const timeoutMs = options.timeoutMs;
  const jobs = Math.max(timeoutMs !== undefined && items.length > 0 ? 1 : 0, Math.min(options.jobs ?? 1, Math.ceil(items.length / 10)));
  const useWorkers = (jobs > 1 || (timeoutMs !== undefined && jobs >= 1)) && existsSync(fileURLToPath(workerUrl));
  // running from TypeScript sources (tests) there is no worker module to start: negotiate here
  if (!useWorkers) {
    // the engine loads only where it runs: with workers, the main thread only reads, hands out and prints
    const { checkOne } = await import('./check-one.js');
    for (const item of items) record(item, await checkOne(item, options.registry, options.gst));
    return outcomes;
  }

  const byId = new Map(items.map((i) => [i.id, i]));
  // small batches keep both cores busy to the end and the progress bar moving
  const batchSize = Math.max(1, Math.min(20, Math.ceil(items.length / (jobs * 8))));
  // what is left to hand out; a stopped worker's unfinished items go back to the front
  const queue: CheckItem[][] = [];
  for (let i = 0; i < items.length; i += batchSize) queue.push(items.slice(i, i + batchSize));
  let batchNo = 0;
  let fatal: CheckSetupError | null = null;

  // one slot per job: a worker, replaced when it is stopped (timeout) or lost (crash)
  const slot = (): Promise<void> =>
    new Promise<void>((resolveSlot) => {
      const start = (): void => {
        const batch = queue.shift();
        if (batch === undefined || fatal !== null) {
          resolveSlot();
          return;
        }
        // execArgv: [] so a worker never inherits the parent's --snapshot-blob (the CLI's startup snapshot, scripts/bundle-cli.mjs)
        const worker = new Worker(workerUrl, { workerData: { registry: options.registry, gst: options.gst }, execArgv: [] });
        let current: readonly CheckItem[] = batch;
        let running: number | null = null;
        let timer: NodeJS.Timeout | undefined;
        let ended = false;
        const end = (requeue: boolean): void => {
          if (ended) return;
          ended = true;
          clearTimeout(timer);
          const left = current.filter((i) => !outcomes.has(i.id));
          if (requeue && left.length > 0) queue.unshift(left);
          void worker.terminate().finally(start);
        };
        const feed = (batch: readonly CheckItem[]): void => {
          current = batch;
          worker.postMessage({ batch: batchNo++, items: batch } satisfies CheckBatch);
        };
        worker.on('message', (reply: CheckReply) => {
          if (reply.fatal !== undefined) {
            fatal ??= new CheckSetupError(reply.fatal);
            end(false);
          } else if (reply.start !== undefined) {
            running = reply.start;
            if (timeoutMs !== undefined) {
              clearTimeout(timer);
              timer = setTimeout(() => {
                const item = byId.get(reply.start);
                if (item !== undefined) record(item, { verdict: 'failed', kind: 'timeout', message: `no answer within ${timeoutMs} ms (--timeout): stopped` });
                end(true);
              }, timeoutMs);
            }
          } else if (reply.done !== undefined) {
            clearTimeout(timer);
            const next = queue.shift();
            if (next === undefined) end(false);
            else feed(next);
          } else {
            clearTimeout(timer);
            running = null;
            const item = byId.get(reply.id);
            if (item !== undefined) record(item, reply.outcome);
          }
        });
        const lost = (message: string): void => {
          if (ended) return;
          // a crashed worker: the pipeline it was on failed, the rest of its batch goes to a new one
          const item = running === null ? undefined : byId.get(running);
          if (item !== undefined) record(item, { verdict: 'failed', kind: 'internal-error', message });
          else for (const i of current) record(i, { verdict: 'failed', kind: 'internal-error', message });
          end(true);
        };
        worker.on('error', (e) => lost(e.message));
        worker.on('exit', (code) => {
          if (!ended) lost(`worker thread exited with code ${code}`);
        });
        feed(batch);
      };
      start();
    });

  // Without --timeout the main thread is one of the jobs: it would only wait otherwise, and it saves a
  // worker's start (loading the engine and the registry; from the CLI's startup snapshot the main thread
  // has both already). It yields to the event loop after every pipeline, so the workers' messages (a
  // finished batch, the next one handed out) wait at most one negotiation. With --timeout every pipeline
  // runs on a worker, which can be stopped.
  const local = async (): Promise<void> => {
    const { checkOne } = await import('./check-one.js');
    for (let batch = queue.shift(); batch !== undefined && fatal === null; batch = queue.shift()) {
      for (const item of batch) {
        try {
          record(item, await checkOne(item, options.registry, options.gst));
        } catch (e) {
          // set-up errors (a registry that does not validate) end the whole check, as from a worker
          fatal ??= new CheckSetupError(e instanceof Error ? e.message : String(e));
          return;
        }
        await new Promise<void>((go) => setImmediate(go));
      }
    }
  };
  const workers = timeoutMs === undefined ? jobs - 1 : jobs;
  await Promise.all([...Array.from({ length: workers }, slot), ...(workers < jobs ? [local()] : [])]);
  if (fatal !== null) throw fatal;
  return outcomes;
}

const LABEL: Record<CheckVerdict, string> = {
  negotiated: 'negotiated',
  undetermined: 'undetermined',
  failed: 'failed',
  violations: 'policy violations',
  invalid: 'invalid input',
};

function where(item: CheckItem): string {
  if (item.line !== undefined) return `${item.file}:${item.line}`;
  if (item.index !== undefined) return `${item.file}[${item.index}]`;
  return item.file;
}

function describe(o: CheckOutcome): string {
  if (o.verdict === 'negotiated') return '';
  if (o.verdict === 'undetermined') return `cannot be known: ${(o.unknowns ?? []).join(', ')}`;
  const at = o.element !== undefined ? ` at ${o.element}${o.pad !== undefined ? `.${o.pad}` : ''}` : '';
  return `${o.kind ?? ''}${at}: ${o.message ?? ''}`;
}

function progressBar(done: number, total: number, counts: Record<CheckVerdict, number>, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  negotiated ${counts.negotiated}  undetermined ${counts.undetermined}  failed ${counts.failed}  violations ${counts.violations}  invalid ${counts.invalid}`;
}

const run: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, {
    json: { type: 'boolean' },
    jobs: { type: 'string' },
    registry: { type: 'string' },
    gst: { type: 'string' },
    timeout: { type: 'string' },
  });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('missing FILE or DIR');
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256, not '${values.jobs}'`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86400) throw new UsageError(`--timeout takes seconds, more than 0 and at most 86400, not '${values.timeout}'`);
    timeoutMs = Math.ceil(seconds * 1000);
  }
  // --registry/--gst, else CAPSFLOW_REGISTRY/CAPSFLOW_GST, else package.json's "capsflow" key (settings.ts)
  const choice = chooseRegistry({ registry: values.registry, gst: values.gst }, io);
  const json = values.json === true;
  const st = style({ color: io.color && !json });
  let stdin: ReadInputResult | undefined;
  if (positionals.includes('-')) stdin = io.readStdin === undefined ? { ok: false, code: 'io', message: 'no stdin here' } : await io.readStdin(MAX_INPUT_BYTES);
  const { items, unreadable, skipped, invalid } = collectInputs(positionals, io.cwd, stdin);
  for (const u of unreadable) io.stderr(`capsflow check: cannot read ${u.path}: ${u.message}\n`);
  for (const u of skipped) io.stderr(`capsflow check: skipped ${u.path}: ${u.message}\n`);

  const total = items.length + invalid.length;
  const counts: Record<CheckVerdict, number> = { negotiated: 0, undetermined: 0, failed: 0, violations: 0, invalid: 0 };
  const rows: { item: CheckItem; outcome: CheckOutcome }[] = [];
  const progress = io.isTTY && !json;
  let lastDraw = 0;
  const onOutcome = (item: CheckItem, outcome: CheckOutcome): void => {
    counts[outcome.verdict]++;
    rows.push({ item, outcome });
    if (json) return;
    if (progress) {
      const now = Date.now();
      if (now - lastDraw >= 80 || rows.length === total) {
        lastDraw = now;
        io.stdout(progressBar(rows.length, total, counts));
      }
    } else {
      const text = describe(outcome);
      io.stdout(`${LABEL[outcome.verdict].padEnd(17)}  ${where(item)}${text !== '' ? `  ${text}` : ''}\n`);
    }
  };
  for (const x of invalid) onOutcome(x.item, x.outcome);

  const auto = items.length > PARALLEL_THRESHOLD ? availableParallelism() : 1;
  const effectiveJobs = jobs ?? auto;
  try {
    await checkItems(items, {
      jobs: effectiveJobs,
      // on worker threads a stuck pipeline costs nothing to stop: a default limit there
      ...(timeoutMs !== undefined ? { timeoutMs } : effectiveJobs > 1 ? { timeoutMs: DEFAULT_TIMEOUT_MS } : {}),
      ...(choice.registry !== undefined ? { registry: choice.registry } : {}),
      ...(choice.gst !== undefined ? { gst: choice.gst } : {}),
      onOutcome,
    });
  } catch (e) {
    if (progress) io.stdout('\n');
    io.stderr(`capsflow check: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (progress && total > 0) io.stdout('\n');

  rows.sort((a, b) => a.item.id - b.item.id);
  const status = unreadable.length > 0 || counts.invalid > 0 || total === 0 ? 2 : counts.failed > 0 || counts.violations > 0 ? 1 : counts.undetermined > 0 ? 3 : 0;

  if (json) {
    const results = rows.map(({ item, outcome }) => ({
      file: item.file,
      ...(item.line !== undefined ? { line: item.line } : {}),
      ...(item.index !== undefined ? { index: item.index } : {}),
      ...(item.command !== undefined ? { command: item.command } : {}),
      ...(item.pipeline !== undefined ? { pipeline: item.pipeline } : {}),
      ...outcome,
    }));
    io.stdout(`${JSON.stringify({ summary: { total, ...counts, unreadable: unreadable.length, skipped: skipped.length }, status, results, unreadable, skipped }, null, 2)}\n`);
    return status;
  }

  // a terminal saw only the bar: list what did not negotiate cleanly
  if (progress) {
    const bad = rows.filter((r) => r.outcome.verdict !== 'negotiated');
    const shown = bad.slice(0, 50);
    for (const { item, outcome } of shown) io.stdout(`${st.red(LABEL[outcome.verdict])}  ${where(item)}  ${describe(outcome)}\n`);
    if (bad.length > shown.length) io.stdout(`... and ${bad.length - shown.length} more (--json lists them all)\n`);
  }
  if (total === 0 && unreadable.length === 0) io.stderr('capsflow check: no pipelines found\n');
  const summary: string[][] = [
    [st.green('negotiated'), String(counts.negotiated)],
    [counts.undetermined > 0 ? st.yellow('undetermined') : 'undetermined', String(counts.undetermined)],
    [counts.failed > 0 ? st.red('failed') : 'failed', String(counts.failed)],
    [counts.violations > 0 ? st.yellow('policy violations') : 'policy violations', String(counts.violations)],
    [counts.invalid > 0 ? st.red('invalid input') : 'invalid input', String(counts.invalid)],
  ];
  if (unreadable.length > 0) summary.push([st.red('unreadable paths'), String(unreadable.length)]);
  if (skipped.length > 0) summary.push([st.yellow('skipped paths'), String(skipped.length)]);
  summary.push([st.bold('total'), String(total)]);
  io.stdout(`\n${table(['result', 'pipelines'], summary, { right: [1] })}`);
  return status;
};

export default run;
