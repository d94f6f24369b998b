/**
 * `capsflow check FILE|DIR...`: negotiate many pipelines (one a line in .txt files, JSON graphs in .json
 * files), on worker threads when there are many, and end with a summary a CI job can act on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NegotiationResult } from '../../negotiation/types.js';
import { style, table, verdict } from '../format.js';
import { UsageError, type Command, parseCommandArgs } from '../io.js';
import { RegistryError } from '../../negotiation/registry/registry.js';
import { BAD_INPUT_KINDS, runNegotiation } from './negotiate.js';

const HELP = `usage: capsflow check [options] FILE|DIR...

Negotiates every pipeline found: .txt files hold one gst-launch pipeline a line ('#' starts a comment),
.json files hold a JSON graph or an array of them; directories are searched recursively for both.
More than 500 pipelines are spread over worker threads, one per core (fewer are quicker on one
thread: a worker starts by loading the registry, which costs about as much as 250 negotiations).

Shows a progress bar on a terminal; otherwise (or with --json) plain lines. Ends with a summary table:
negotiated, failed, policy violations, invalid input.

options:
  --json             one JSON document: the summary and every pipeline's outcome
  --jobs N           worker threads (default: one per core when there are more than 500 pipelines;
                     1 negotiates on the main thread)
  --registry FILE    element templates from this snapshot instead of the embedded GStreamer 1.22 one
  -h, --help         this help

examples:
  capsflow check pipelines/
  capsflow check --json ci/pipelines.txt graphs/*.json > report.json
  capsflow check --jobs 1 one-pipeline.txt

exit status:
  0  every pipeline negotiated, no policy violation
  1  some did not negotiate, or have policy violations
  2  bad input: a pipeline that does not parse or names an unknown element, an unreadable file or
     directory, invalid JSON, or nothing to check
`;

/**
 * Pipelines above this count go to worker threads. Measured here: one thread negotiates ~1,300 simple
 * pipelines/s and a worker spends ~0.2 s CPU starting (loading the embedded registry), so two workers
 * only win past ~500.
 */
export const PARALLEL_THRESHOLD = 500;

export interface CheckItem {
  readonly id: number;
  readonly file: string;
  /** 1-based line in a .txt file */
  readonly line?: number;
  /** index in a .json array of graphs */
  readonly index?: number;
  readonly pipeline?: string;
  readonly graph?: unknown;
}

export type CheckVerdict = 'negotiated' | 'failed' | 'violations' | 'invalid';

export interface CheckOutcome {
  readonly verdict: CheckVerdict;
  readonly kind?: string;
  readonly message?: string;
  readonly element?: string;
  readonly pad?: string;
  readonly offset?: number;
  readonly violations?: number;
}

export interface CheckBatch {
  readonly batch: number;
  readonly items: readonly CheckItem[];
}

export type CheckReply =
  | { readonly id: number; readonly outcome: CheckOutcome; readonly done?: never; readonly fatal?: never }
  | { readonly done: number; readonly id?: never; readonly fatal?: never }
  | { readonly fatal: string; readonly id?: never; readonly done?: never };

/** A set-up problem that ends the whole check (exit 2), as opposed to one pipeline failing. */
export class CheckSetupError extends Error {
  override readonly name = 'CheckSetupError';
}

export interface Unreadable {
  readonly path: string;
  readonly message: string;
}

/** The pipelines in FILE|DIR paths, in a stable order (paths as given, directory entries sorted). */
export function collectInputs(paths: readonly string[], cwd: string): { items: CheckItem[]; unreadable: Unreadable[]; invalid: { item: CheckItem; outcome: CheckOutcome }[] } {
  const items: CheckItem[] = [];
  const unreadable: Unreadable[] = [];
  const invalid: { item: CheckItem; outcome: CheckOutcome }[] = [];
  let id = 0;
  const readFile = (file: string, shown: string): void => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      unreadable.push({ path: shown, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (extname(file) === '.json') {
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
    text.split(/\r?\n/).forEach((raw, i) => {
      const pipeline = raw.trim();
      if (pipeline !== '' && !pipeline.startsWith('#')) items.push({ id: id++, file: shown, line: i + 1, pipeline });
    });
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
      else if (e.isFile() && (e.name.endsWith('.txt') || e.name.endsWith('.json'))) readFile(full, relative(cwd, full));
    }
  };
  for (const p of paths) {
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
  return { items, unreadable, invalid };
}

export function summarize(result: NegotiationResult): CheckOutcome {
  const e = result.error;
  const v = verdict(result);
  const base: { -readonly [K in keyof CheckOutcome]: CheckOutcome[K] } = {
    verdict: e !== null && (BAD_INPUT_KINDS.has(e.kind) || e.path !== undefined) ? 'invalid' : v,
  };
  if (e !== null) {
    base.kind = e.kind;
    base.message = e.message;
    if (e.element !== undefined) base.element = e.element;
    if (e.pad !== undefined) base.pad = e.pad;
    if (e.offset !== undefined) base.offset = e.offset;
  }
  if (result.violations.length > 0) {
    base.violations = result.violations.length;
    if (e === null) {
      const first = result.violations[0];
      if (first !== undefined) {
        base.kind = first.rule;
        base.message = first.message;
        base.element = first.element;
      }
    }
  }
  return base;
}

/** Negotiate one item and boil the result down to its outcome; an engine crash is a failure, not a hang. */
export async function checkOne(item: CheckItem, registry: string | undefined): Promise<CheckOutcome> {
  try {
    const result = await runNegotiation({
      ...(item.graph !== undefined ? { graph: item.graph } : { pipeline: item.pipeline ?? '' }),
      ...(registry !== undefined ? { registry } : {}),
    });
    return summarize(result);
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    return { verdict: 'failed', kind: 'internal-error', message: e instanceof Error ? e.message : String(e) };
  }
}

export interface CheckRunOptions {
  readonly jobs?: number;
  readonly registry?: string;
  /** the worker module; defaults to check-worker.js next to the built CLI */
  readonly workerUrl?: URL;
  readonly onOutcome?: (item: CheckItem, outcome: CheckOutcome) => void;
}

const defaultWorkerUrl = (): URL => new URL('../check-worker.js', import.meta.url);

/** Negotiate all items, on worker threads when asked for more than one job and the worker is built. */
export async function checkItems(items: readonly CheckItem[], options: CheckRunOptions = {}): Promise<Map<number, CheckOutcome>> {
  const outcomes = new Map<number, CheckOutcome>();
  const record = (item: CheckItem, outcome: CheckOutcome): void => {
    outcomes.set(item.id, outcome);
    options.onOutcome?.(item, outcome);
  };
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const jobs = Math.min(options.jobs ?? 1, Math.ceil(items.length / 10));
  // running from TypeScript sources (tests) there is no worker module to start: negotiate here
  if (jobs <= 1 || !existsSync(fileURLToPath(workerUrl))) {
    for (const item of items) record(item, await checkOne(item, options.registry));
    return outcomes;
  }

  const byId = new Map(items.map((i) => [i.id, i]));
  // small batches keep both cores busy to the end and the progress bar moving
  const batchSize = Math.max(1, Math.min(50, Math.ceil(items.length / (jobs * 8))));
  const batches: CheckItem[][] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
  let next = 0;

  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerUrl, { workerData: { registry: options.registry } });
        let current: CheckItem[] = [];
        let settled = false;
        const done = (): void => {
          settled = true;
          resolve();
        };
        const fail = (e: Error): void => {
          settled = true;
          reject(e);
        };
        const lost = (message: string): void => {
          // a crashed or exited worker: what it held is reported failed, the others carry on
          for (const item of current) if (!outcomes.has(item.id)) record(item, { verdict: 'failed', kind: 'internal-error', message });
          done();
        };
        const feed = (): void => {
          const batch = batches[next];
          if (batch === undefined) {
            settled = true;
            void worker.terminate().then(() => done());
            return;
          }
          current = batch;
          worker.postMessage({ batch: next++, items: batch } satisfies CheckBatch);
        };
        worker.on('message', (reply: CheckReply) => {
          if (reply.fatal !== undefined) {
            next = batches.length;
            settled = true;
            const error = new CheckSetupError(reply.fatal);
            void worker.terminate().then(() => fail(error));
          } else if (reply.done !== undefined) feed();
          else {
            const item = byId.get(reply.id);
            if (item !== undefined) record(item, reply.outcome);
          }
        });
        worker.on('error', (e) => {
          if (!settled) lost(e.message);
        });
        worker.on('exit', (code) => {
          if (!settled) lost(`worker thread exited with code ${code}`);
        });
        feed();
      }),
    ),
  );
  return outcomes;
}

const LABEL: Record<CheckVerdict, string> = {
  negotiated: 'negotiated',
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
  const at = o.element !== undefined ? ` at ${o.element}${o.pad !== undefined ? `.${o.pad}` : ''}` : '';
  return `${o.kind ?? ''}${at}: ${o.message ?? ''}`;
}

function progressBar(done: number, total: number, counts: Record<CheckVerdict, number>, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  negotiated ${counts.negotiated}  failed ${counts.failed}  violations ${counts.violations}  invalid ${counts.invalid}`;
}

const run: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, {
    json: { type: 'boolean' },
    jobs: { type: 'string' },
    registry: { type: 'string' },
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
  const json = values.json === true;
  const st = style({ color: io.color && !json });
  const { items, unreadable, invalid } = collectInputs(positionals, io.cwd);
  for (const u of unreadable) io.stderr(`capsflow check: cannot read ${u.path}: ${u.message}\n`);

  const total = items.length + invalid.length;
  const counts: Record<CheckVerdict, number> = { negotiated: 0, failed: 0, violations: 0, invalid: 0 };
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
  try {
    await checkItems(items, {
      jobs: jobs ?? auto,
      ...(values.registry !== undefined ? { registry: resolve(io.cwd, values.registry) } : {}),
      onOutcome,
    });
  } catch (e) {
    if (progress) io.stdout('\n');
    io.stderr(`capsflow check: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (progress && total > 0) io.stdout('\n');

  rows.sort((a, b) => a.item.id - b.item.id);
  const status = unreadable.length > 0 || counts.invalid > 0 || total === 0 ? 2 : counts.failed > 0 || counts.violations > 0 ? 1 : 0;

  if (json) {
    const results = rows.map(({ item, outcome }) => ({
      file: item.file,
      ...(item.line !== undefined ? { line: item.line } : {}),
      ...(item.index !== undefined ? { index: item.index } : {}),
      ...(item.pipeline !== undefined ? { pipeline: item.pipeline } : {}),
      ...outcome,
    }));
    io.stdout(`${JSON.stringify({ summary: { total, ...counts, unreadable: unreadable.length }, status, results, unreadable }, null, 2)}\n`);
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
    [counts.failed > 0 ? st.red('failed') : 'failed', String(counts.failed)],
    [counts.violations > 0 ? st.yellow('policy violations') : 'policy violations', String(counts.violations)],
    [counts.invalid > 0 ? st.red('invalid input') : 'invalid input', String(counts.invalid)],
  ];
  if (unreadable.length > 0) summary.push([st.red('unreadable paths'), String(unreadable.length)]);
  summary.push([st.bold('total'), String(total)]);
  io.stdout(`\n${table(['result', 'pipelines'], summary, { right: [1] })}`);
  return status;
};

export default run;
