/**
 * `capsflow negotiate PIPELINE`: negotiate a gst-launch pipeline (or a JSON graph) statically and report
 * every pad's caps, the allocation, the memory probes and policy violations; optionally draw it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toDot } from '../../negotiation/report/dot.js';
import { negotiate, type NegotiateOptions, type TracedNegotiationResult } from '../../negotiation/negotiate.js';
import { loadRegistryFile, RegistryError, type Registry } from '../../negotiation/registry/registry.js';
import type { GraphJson } from '../../negotiation/graph/schema.js';
import type { NegotiationResult } from '../../negotiation/types.js';
import { formatJsonPath, formatReport, style, verdict } from '../format.js';
import { UsageError, type CliIo, type Command, parseCommandArgs } from '../io.js';
import { renderHtml, renderSvg } from '../render.js';

const HELP = `usage: capsflow negotiate [options] PIPELINE...
       capsflow negotiate [options] --graph FILE.json

Negotiates a gst-launch-1.0 pipeline statically, pad for pad as GStreamer would, and prints what every pad
gets (the caps gst-launch-1.0 -v prints), or where and why it fails. Words of PIPELINE are joined with spaces,
as gst-launch-1.0 does, so quoting the whole pipeline is optional.

options:
  --json                   print the NegotiationResult as JSON instead of the report
  --explain                say why: the chain of caps up to the empty intersection, or the probe evidence
                           behind a policy violation
  --trace                  include the negotiation steps (graph patches) in the output
  --registry FILE          element templates from this snapshot (capsflow registry import), not the
                           embedded GStreamer 1.22 one
  --memory ELEMENT=SPEC    make ELEMENT a dma-buf exporter whose buffers are real memory, probed for a
                           READWRITE map; SPEC is memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N
                           (repeatable)
  --drm ELEMENT=FORMATS    that exporter negotiates DMA_DRM caps (1.24+) with these drm-formats,
                           e.g. NV12:0x0100000000000002,NV12 (a linear modifier is left out)
  --graph FILE.json        read the graph as JSON (elements, properties, links) instead of PIPELINE
  --dot FILE               write the negotiated graph as Graphviz DOT (GStreamer's dump style)
  --svg FILE               write it as SVG (rendered in-process, no system graphviz needed)
  --html FILE              write one self-contained HTML page: the graph plus pad/caps, allocation and
                           violation tables; opens offline
  -h, --help               this help

examples:
  capsflow negotiate videotestsrc ! video/x-raw,format=NV12 ! videoconvert ! fakesink
  capsflow negotiate --explain 'videotestsrc ! video/x-raw,format=RGBA ! identity ! video/x-raw,format=NV12 ! fakesink'
  capsflow negotiate --memory v4l2src0=sealed-memfd --html report.html 'v4l2src ! videoflip method=rotate-180 ! waylandsink'
  capsflow negotiate --json --graph pipeline.json

exit status:
  0  negotiated, no policy violation
  1  not negotiated (link failed, not-negotiated) or policy violations
  2  bad input: pipeline syntax, unknown element or pad (the caret marks where), a --memory exporter
     that cannot be allocated, an unreadable or invalid file (--graph, --registry)
`;

const MEMORY_SPEC = /^(memfd|sealed-memfd|shm|udmabuf|dma-heap:[A-Za-z0-9_.-]+|fd:\d+)$/;

export interface NegotiateRequest {
  readonly pipeline?: string;
  readonly graph?: unknown;
  readonly registry?: string;
  readonly memory?: Readonly<Record<string, string>>;
  /** exporter → drm-format list (--drm) */
  readonly drm?: Readonly<Record<string, string>>;
  readonly trace?: boolean;
}

/** Error kinds that mean the input itself is wrong (exit 2), not a negative answer. */
export const BAD_INPUT_KINDS: ReadonlySet<string> = new Set(['syntax', 'no-element', 'no-pad', 'memory']);

// check negotiates thousands of pipelines against one registry: load and validate it once
const registries = new Map<string, Registry>();

/** Run the engine; a registry file that cannot be read or does not validate throws RegistryError. */
export function runNegotiation(request: NegotiateRequest): TracedNegotiationResult {
  const options: { -readonly [K in keyof NegotiateOptions]: NegotiateOptions[K] } = {};
  if (request.registry !== undefined) {
    let registry = registries.get(request.registry);
    if (registry === undefined) {
      registry = loadRegistryFile(request.registry);
      registries.set(request.registry, registry);
    }
    options.registry = registry;
  }
  if (request.memory !== undefined && Object.keys(request.memory).length > 0) options.memory = { ...request.memory };
  if (request.drm !== undefined && Object.keys(request.drm).length > 0) options.drm = { ...request.drm };
  if (request.trace === true) options.trace = true;
  return negotiate(request.graph !== undefined ? (request.graph as GraphJson) : (request.pipeline ?? ''), options);
}

/** 0 negotiated cleanly, 1 a negative answer, 2 the input was wrong. */
export function exitStatus(result: NegotiationResult): number {
  if (result.error !== null && (BAD_INPUT_KINDS.has(result.error.kind) || result.error.path !== undefined)) return 2;
  return verdict(result) === 'negotiated' ? 0 : 1;
}

export interface OutputOptions {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly pipeline?: string;
  readonly dot?: string;
  readonly svg?: string;
  readonly html?: string;
}

/** Print a result and write the requested pictures; returns the exit status. */
export async function outputResult(result: NegotiationResult, io: CliIo, options: OutputOptions): Promise<number> {
  const st = style({ color: io.color && options.json !== true });
  let status = exitStatus(result);
  if (options.json === true) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.error !== null && status === 2) io.stderr(`capsflow negotiate: ${result.error.kind}: ${result.error.message}\n`);
  } else {
    const report = formatReport(result, st, { ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}), explain: options.explain === true });
    // bad input is an error, not an answer: it goes to stderr
    (status === 2 ? io.stderr : io.stdout)(report);
  }
  const trace = (result as { trace?: unknown }).trace;
  if (trace !== undefined && options.json !== true) io.stdout(`\ntrace\n${formatTrace(trace)}`);

  const dot = options.dot !== undefined || options.svg !== undefined || options.html !== undefined ? toDot(result) : '';
  try {
    if (options.dot !== undefined) writeFileSync(resolve(options.dot), dot);
    if (options.svg !== undefined || options.html !== undefined) {
      // Graphviz's layout time grows much faster than the graph (1,000 elements: 4 s, 2,000: 22 s): refuse
      // rather than hang; the DOT text has no such limit
      if (result.elements.length > MAX_DRAWN_ELEMENTS) {
        throw new Error(`the graph has ${result.elements.length} elements, more than the ${MAX_DRAWN_ELEMENTS} Graphviz can lay out in reasonable time; use --dot FILE`);
      }
      const svg = await renderSvg(dot);
      if (options.svg !== undefined) writeFileSync(resolve(options.svg), svg);
      if (options.html !== undefined) {
        writeFileSync(resolve(options.html), await renderHtml(result, { svg, ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}) }));
      }
    }
  } catch (e) {
    io.stderr(`capsflow negotiate: cannot write the picture: ${e instanceof Error ? e.message : String(e)}\n`);
    status = 2;
  }
  return status;
}

const MAX_DRAWN_ELEMENTS = 1000;

function formatTrace(trace: unknown): string {
  if (!Array.isArray(trace)) return `  ${JSON.stringify(trace)}\n`;
  return trace
    .map((step: unknown, i) => {
      const s = step as { note?: string; patches?: readonly { op: string; path: readonly (string | number)[]; value?: unknown }[] };
      const lines = [`  ${i + 1}. ${s.note ?? JSON.stringify(step)}`];
      for (const p of s.patches ?? []) {
        lines.push(`       ${p.op} ${p.path.join('.')}${p.value !== undefined ? ` = ${typeof p.value === 'string' ? p.value : JSON.stringify(p.value)}` : ''}`);
      }
      return `${lines.join('\n')}\n`;
    })
    .join('');
}

/** `ELEMENT=SPEC` pairs into the engine's memory option. */
export function parseMemory(specs: readonly string[]): Record<string, string> {
  const memory: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const element = eq < 0 ? '' : spec.slice(0, eq);
    const what = eq < 0 ? '' : spec.slice(eq + 1);
    if (element === '' || what === '') throw new UsageError(`--memory takes ELEMENT=SPEC, got '${spec}'`);
    if (!MEMORY_SPEC.test(what)) {
      throw new UsageError(`--memory ${element}: '${what}' is not memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N`);
    }
    if (memory[element] !== undefined) throw new UsageError(`--memory given twice for ${element}`);
    memory[element] = what;
  }
  return memory;
}

/** Read a JSON file; positioned error text when it is not JSON. */
export function readJsonFile(path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, message: `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `${path} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const run: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, {
    json: { type: 'boolean' },
    explain: { type: 'boolean' },
    trace: { type: 'boolean' },
    registry: { type: 'string' },
    memory: { type: 'string', multiple: true },
    drm: { type: 'string', multiple: true },
    graph: { type: 'string' },
    dot: { type: 'string' },
    svg: { type: 'string' },
    html: { type: 'string' },
  });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  const memory = parseMemory(values.memory ?? []);
  const drm: Record<string, string> = {};
  for (const pair of values.drm ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--drm takes ELEMENT=FORMATS, got '${pair}'`);
    drm[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (values.graph !== undefined && positionals.length > 0) throw new UsageError('give either PIPELINE or --graph FILE.json, not both');
  if (values.graph === undefined && positionals.length === 0) throw new UsageError('missing PIPELINE (or --graph FILE.json)');

  const request: { -readonly [K in keyof NegotiateRequest]: NegotiateRequest[K] } = {
    memory,
    drm,
    trace: values.trace === true,
  };
  if (values.registry !== undefined) request.registry = resolve(io.cwd, values.registry);
  let pipeline: string | undefined;
  if (values.graph !== undefined) {
    const read = readJsonFile(resolve(io.cwd, values.graph));
    if (!read.ok) {
      io.stderr(`capsflow negotiate: ${read.message}\n`);
      return 2;
    }
    request.graph = read.value;
  } else {
    pipeline = positionals.join(' ');
    request.pipeline = pipeline;
  }

  let result: NegotiationResult;
  try {
    result = runNegotiation(request);
  } catch (e) {
    if (e instanceof RegistryError) {
      io.stderr(`capsflow negotiate: registry ${values.registry ?? ''} is not usable:\n${e.issues.map((i) => `  ${formatJsonPath(i.path)}: ${i.message}\n`).join('')}`);
      return 2;
    }
    throw e;
  }
  const out = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(io.cwd, p));
  const options: OutputOptions = {
    json: values.json === true,
    explain: values.explain === true,
    ...(pipeline !== undefined ? { pipeline } : {}),
    ...(values.dot !== undefined ? { dot: out(values.dot) } : {}),
    ...(values.svg !== undefined ? { svg: out(values.svg) } : {}),
    ...(values.html !== undefined ? { html: out(values.html) } : {}),
  };
  return outputResult(result, io, options);
};

export default run;
