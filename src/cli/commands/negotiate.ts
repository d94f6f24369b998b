/**
 * `capsflow negotiate PIPELINE`: negotiate a gst-launch pipeline (or a JSON graph) statically and report
 * every pad's caps, the allocation, the memory probes and policy violations; optionally draw it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { MAX_INPUT_BYTES, readInputFile } from '../../negotiation/read-input.js';
import { resolve } from 'node:path';
import { toDot } from '../../negotiation/report/dot.js';
import { negotiate, pipelineTopology, type NegotiateOptions, type TracedNegotiationResult } from '../../negotiation/negotiate.js';
import type { Topology } from '../../negotiation/report/topology.js';
import { DEFAULT_GST_VERSION, defaultRegistry, GST_VERSIONS, isGstVersion, loadRegistryFile, RegistryError, type GstVersion, type Registry } from '../../negotiation/registry/registry.js';
import type { GraphJson } from '../../negotiation/graph/schema.js';
import { parseDevices, type DeviceDescription } from '../../negotiation/declare/devices.js';
import { fsReader } from '../../negotiation/elements/media/reader.js';
import { findGstLaunch, launchDescription, pipelineWords } from '../../negotiation/launch/launchv.js';
import { parseLaunch } from '../../negotiation/launch/launch.js';
import type { NegotiationResult } from '../../negotiation/types.js';
import { formatJsonPath, formatReport, style, verdict } from '../format.js';
import { UsageError, type CliIo, type Command, parseCommandArgs } from '../io.js';
import { boundedLaunchArgs, formatCompare, formatGstLines } from '../compare.js';
import { gstLaunch, type LaunchRun } from '../gst-launch.js';
import { chooseRegistry } from '../settings.js';
import { pipelineHints, type HintContext } from '../hints.js';

const HELP = `usage: capsflow negotiate [options] PIPELINE...
       capsflow negotiate [options] gst-launch-1.0 [gst-launch-1.0 options] PIPELINE...
       capsflow negotiate [options] --graph FILE.json

Negotiates a gst-launch-1.0 pipeline statically, pad for pad as GStreamer would, and prints what every pad
gets (the caps gst-launch-1.0 -v prints), or where and why it fails. Several words of PIPELINE are read as
gst-launch-1.0 reads its argv (gst_parse_launchv: each word one token, so font-desc="Sans, 48" stays one
value); a single word is one whole description (gst_parse_launch). A pasted command works as it is: a
leading gst-launch-1.0 and its options (-v, -e, -q, -m …) are accepted and ignored.

Caps that depend on a device, a network peer or data capsflow was not given are never invented: such a
source is settled by a declaration (--devices), its own caps property (udpsrc caps=…), a fixed caps
filter right after it (an assumption), or it is unknown, and everything downstream of it is left out.
PIPELINE '-' reads it from stdin (a JSON graph when it starts with '{'); --graph - reads the graph from
stdin. Files must be regular files of at most 64 MiB.

options:
  --json                   print the NegotiationResult as JSON instead of the report (--format json)
  --format text|json|gst   gst: the pads' caps as gst-launch-1.0 -v prints them
                           (/GstPipeline:pipeline0/GstCapsFilter:capsfilter0.GstPad:src: caps = …), in link
                           order, to diff with a real run; pad types other than ghost and tee pads are GstPad
  --compare                run the pipeline with gst-launch-1.0 -v (on PATH; num-buffers=1 added to sources
                           that do not set it; killed after 30 s) and show capsflow's answer and GStreamer's
                           pad for pad: = same, ≠ different, < capsflow only, > GStreamer only, ? capsflow
                           cannot know it. Exit 0 when they agree, 1 when not, 2 when it cannot run
                           (CAPSFLOW_GST_LAUNCH=PROGRAM runs another gst-launch-1.0)
  --explain                say why: the chain of caps up to the empty intersection, or the probe evidence
                           behind a policy violation
  --trace                  include the negotiation steps (graph patches) in the output
  --no-media               never read the files the pipeline names (filesrc location=…): their caps stay
                           unknown. By default capsflow reads their headers (at most 4 MiB per file,
                           paths relative to the working directory); a missing file is bad input
  --registry FILE          element templates from this snapshot (capsflow registry import), not the
                           embedded GStreamer 1.22 one
  --gst VERSION            use the embedded registry of GStreamer 1.22 (the default) or 1.26
                           (without either: CAPSFLOW_REGISTRY=FILE or CAPSFLOW_GST=VERSION, else the
                           "capsflow": { "registry": FILE } or { "gst": VERSION } key of the nearest
                           package.json, a FILE there relative to it)
  --memory ELEMENT=SPEC    make ELEMENT a dma-buf exporter whose buffers are real memory, probed for a
                           READWRITE map; SPEC is memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N
                           (repeatable)
  --caps ELEMENT.PAD=CAPS  that pad offers exactly these caps, as the device would give them (its getcaps):
                           e.g. --caps 'v4l2src0.src=video/x-raw(memory:DMABuf),format=NV12,width=1920,
                           height=1080,framerate=30/1'; caps its template refuses are bad input (repeatable)
  --drm ELEMENT=FORMATS    ELEMENT exports dma-bufs as DMA_DRM caps (1.24+) with these drm-formats,
                           e.g. NV12:0x0100000000000002,NV12 (a linear modifier is left out). Alone, its
                           memory is not probed (an assumption); with --memory ELEMENT=SPEC it is, and a
                           mappable linear format may also flow as system memory
  --devices [ELEMENT=]FILE device descriptions: the text gst-device-monitor-1.0 prints on the machine with
                           the device (or a JSON list of { caps, launch: { factory, properties } }); a
                           described device's formats become its source's caps. ELEMENT= binds the file's
                           device to that element (v4l2src0=cam.txt); otherwise the monitor's gst-launch
                           line (factory and device=…) picks the element (repeatable)
  --graph FILE.json        read the graph as JSON (elements, properties, links) instead of PIPELINE
  --dot FILE               write the negotiated graph as Graphviz DOT (GStreamer's dump style)
  --svg FILE               write it as SVG (rendered in-process, no system graphviz needed)
  --html FILE              write one self-contained HTML page: the graph plus pad/caps, allocation and
                           violation tables; opens offline
  -h, --help               this help

examples:
  capsflow negotiate videotestsrc ! video/x-raw,format=NV12 ! videoconvert ! fakesink
  capsflow negotiate gst-launch-1.0 -v videotestsrc ! textoverlay font-desc="Sans, 48" ! fakesink
  capsflow negotiate --devices camera.txt v4l2src ! videoconvert ! autovideosink
  capsflow negotiate --explain 'videotestsrc ! video/x-raw,format=RGBA ! identity ! video/x-raw,format=NV12 ! fakesink'
  capsflow negotiate --memory v4l2src0=sealed-memfd --html report.html 'v4l2src ! videoflip method=rotate-180 ! waylandsink'
  capsflow negotiate --json --graph pipeline.json

exit status:
  0  negotiated, no policy violation (the first line says when the answer rests on assumptions)
  1  not negotiated (link failed, not-negotiated) or policy violations
  2  bad input: pipeline syntax, unknown element or pad (the caret marks where), --caps its element's
     template refuses (the caret marks the structure), a --memory exporter that cannot be allocated, an
     unreadable or invalid file (--graph, --registry, --devices)
  3  undetermined: some caps cannot be known without the device, the network peer or the data; the
     report lists them under "cannot be known without …" with the declaration that would settle each
`;

const MEMORY_SPEC = /^(memfd|sealed-memfd|shm|udmabuf|dma-heap:[A-Za-z0-9_.-]+|fd:\d+)$/;

export interface NegotiateRequest {
  readonly pipeline?: string;
  readonly graph?: unknown;
  readonly registry?: string;
  /** the embedded registry to use without `registry` (default 1.22) */
  readonly gstVersion?: GstVersion;
  readonly memory?: Readonly<Record<string, string>>;
  /** exporter → drm-format list (--drm) */
  readonly drm?: Readonly<Record<string, string>>;
  /** 'element.pad' → declared caps (--caps) */
  readonly caps?: Readonly<Record<string, string>>;
  readonly trace?: boolean;
  /** device descriptions (--devices) */
  readonly devices?: readonly DeviceDescription[];
  /** the files the pipeline names: read relative to cwd, or never (--no-media) */
  readonly media?: { readonly cwd: string } | false;
}

/** Error kinds that mean the input itself is wrong (exit 2), not a negative answer. */
export const BAD_INPUT_KINDS: ReadonlySet<string> = new Set(['syntax', 'no-element', 'no-pad', 'memory', 'declaration', 'resource']);

// check negotiates thousands of pipelines against one registry: load and validate it once
const registries = new Map<string, Registry>();

/** Run the engine; a registry file that cannot be read or does not validate throws RegistryError. */
export function runNegotiation(request: NegotiateRequest): TracedNegotiationResult {
  const options: { -readonly [K in keyof NegotiateOptions]: NegotiateOptions[K] } = {};
  if (request.registry !== undefined) options.registry = registryOf(request);
  else if (request.gstVersion !== undefined) options.gstVersion = request.gstVersion;
  if (request.memory !== undefined && Object.keys(request.memory).length > 0) options.memory = { ...request.memory };
  if (request.drm !== undefined && Object.keys(request.drm).length > 0) options.drm = { ...request.drm };
  if (request.caps !== undefined && Object.keys(request.caps).length > 0) options.caps = { ...request.caps };
  if (request.trace === true) options.trace = true;
  if (request.devices !== undefined && request.devices.length > 0) options.devices = request.devices;
  if (request.media !== undefined) options.media = request.media === false ? false : fsReader(request.media.cwd);
  return negotiate(request.graph !== undefined ? (request.graph as GraphJson) : (request.pipeline ?? ''), options);
}

/** The registry a request negotiates with (a file loaded once, or an embedded one); throws RegistryError. */
export function registryOf(request: Pick<NegotiateRequest, 'registry' | 'gstVersion'>): Registry {
  if (request.registry === undefined) return defaultRegistry(request.gstVersion);
  let registry = registries.get(request.registry);
  if (registry === undefined) {
    registry = loadRegistryFile(request.registry);
    registries.set(request.registry, registry);
  }
  return registry;
}

/** 0 negotiated cleanly, 1 a negative answer, 2 the input was wrong, 3 undetermined. */
export function exitStatus(result: NegotiationResult): number {
  if (result.error !== null && (BAD_INPUT_KINDS.has(result.error.kind) || result.error.path !== undefined)) return 2;
  const v = verdict(result);
  return v === 'negotiated' ? 0 : v === 'undetermined' ? 3 : 1;
}

export interface OutputOptions {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly pipeline?: string;
  readonly dot?: string;
  readonly svg?: string;
  readonly html?: string;
  /** what hints (did you mean, --gst, registry import, a missing '!') are judged against */
  readonly hints?: HintContext;
  /** the pipeline as parsed, for pictures that show every element and link (pipelineTopology) */
  readonly topology?: Topology | null;
}

/** Print a result and write the requested pictures; returns the exit status. */
export async function outputResult(result: NegotiationResult, io: CliIo, options: OutputOptions): Promise<number> {
  const st = style({ color: io.color && options.json !== true });
  let status = exitStatus(result);
  const hintLines = options.hints === undefined ? '' : pipelineHints(result, options.hints).map((h) => `${st.cyan('hint')}: ${h}\n`).join('');
  if (options.json === true) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.error !== null && status === 2) io.stderr(`capsflow negotiate: ${result.error.kind}: ${result.error.message}\n${hintLines}`);
  } else {
    const topology = result.links.length === 0 && options.pipeline !== undefined && options.hints !== undefined ? launchTopology(options.pipeline, options.hints.registry) : [];
    const report = formatReport(result, st, { ...(options.pipeline !== undefined ? { pipeline: options.pipeline } : {}), explain: options.explain === true, topology });
    // bad input is an error, not an answer: it goes to stderr; hints go with the first lines, where the eye is
    const gap = report.indexOf('\n\n');
    const at = gap < 0 ? report.length : gap + 1;
    (status === 2 ? io.stderr : io.stdout)(report.slice(0, at) + hintLines + report.slice(at));
  }
  const trace = (result as { trace?: unknown }).trace;
  if (trace !== undefined && options.json !== true) io.stdout(`\ntrace\n${formatTrace(trace)}`);

  const pictures = options.dot !== undefined || options.svg !== undefined || options.html !== undefined;
  if (!pictures) return status;
  // bad input (a pipeline that does not parse, an unknown element, a refused declaration) has nothing true
  // to draw: say so instead of writing a picture of it
  if (exitStatus(result) === 2) {
    const files = [options.dot, options.svg, options.html].filter((f): f is string => f !== undefined);
    io.stderr(`capsflow negotiate: no picture written (${files.join(', ')}): the input is wrong (${result.error?.kind ?? 'bad input'}); fix it and run again\n`);
    return status;
  }
  const topology = options.topology ?? undefined;
  const dotOptions = topology !== undefined ? { topology } : {};
  try {
    if (options.dot !== undefined) writeFileSync(resolve(options.dot), toDot(result, dotOptions));
    if (options.svg !== undefined || options.html !== undefined) {
      // Graphviz's layout time grows much faster than the graph (1,000 elements: 4 s, 2,000: 22 s): refuse
      // rather than hang; the DOT text has no such limit
      if (result.elements.length > MAX_DRAWN_ELEMENTS) {
        throw new Error(`the graph has ${result.elements.length} elements, more than the ${MAX_DRAWN_ELEMENTS} Graphviz can lay out in reasonable time; use --dot FILE`);
      }
      // Graphviz (1.4 MB of WebAssembly) loads only for a picture
      const { renderHtml, renderReadableSvg } = await import('../render.js');
      const svg = await renderReadableSvg(result, dotOptions);
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
  // element names are keys: `__proto__` or `constructor` must be names like any other
  const memory = Object.create(null) as Record<string, string>;
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const element = eq < 0 ? '' : spec.slice(0, eq);
    const what = eq < 0 ? '' : spec.slice(eq + 1);
    if (element === '' || what === '') throw new UsageError(`--memory takes ELEMENT=SPEC, got '${spec}'`);
    if (!MEMORY_SPEC.test(what)) {
      throw new UsageError(`--memory ${element}: '${what}' is not memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N`);
    }
    if (Object.hasOwn(memory, element)) throw new UsageError(`--memory given twice for ${element}`);
    memory[element] = what;
  }
  return memory;
}

/** `--gst VERSION`: one of the embedded registries, and not together with --registry FILE. */
export function parseGstVersion(gst: string | undefined, registry: string | undefined): GstVersion | undefined {
  if (gst === undefined) return undefined;
  if (!isGstVersion(gst)) throw new UsageError(`--gst takes ${GST_VERSIONS.join(' or ')}, got '${gst}'`);
  if (registry !== undefined) throw new UsageError('give either --gst VERSION (an embedded registry) or --registry FILE, not both');
  return gst;
}

/** `ELEMENT.PAD=CAPS` pairs into the engine's caps option (the caps text may hold '=' itself). */
export function parseDeclaredCaps(pairs: readonly string[]): Record<string, string> {
  const caps = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (eq < 0 || !/^[^.=\s]+\.[^.=\s]+$/.test(key) || pair.slice(eq + 1).trim() === '') throw new UsageError(`--caps takes ELEMENT.PAD=CAPS, got '${pair}'`);
    if (Object.hasOwn(caps, key)) throw new UsageError(`--caps given twice for ${key}`);
    caps[key] = pair.slice(eq + 1);
  }
  return caps;
}

/** Read a JSON file (a regular file, bounded in size); positioned error text when it is not JSON. */
export function readJsonFile(path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const read = readInputFile(path);
  if (!read.ok) return { ok: false, message: `cannot read ${path}: ${read.message}` };
  return parseJsonText(read.text, path);
}

export function parseJsonText(text: string, path: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `${path} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** `--devices [ELEMENT=]FILE`: the descriptions in each file, bound to ELEMENT when given. */
export function readDevices(specs: readonly string[], cwd: string): { ok: true; devices: DeviceDescription[] } | { ok: false; message: string } {
  const devices: DeviceDescription[] = [];
  for (const spec of specs) {
    const m = /^([A-Za-z_][A-Za-z0-9_:-]*)=(.+)$/.exec(spec);
    const element = m !== null && !existsSync(resolve(cwd, spec)) ? m[1] : undefined;
    const file = element !== undefined ? m![2]! : spec;
    const read = readInputFile(resolve(cwd, file));
    if (!read.ok) return { ok: false, message: `cannot read ${file}: ${read.message}` };
    const parsed = parseDevices(read.text, file);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    if (element !== undefined) {
      // bound to an element: its source devices (the first one that fits its template is used)
      for (const d of parsed.devices) devices.push({ ...d, element });
    } else devices.push(...parsed.devices);
  }
  return { ok: true, devices };
}

/**
 * A pasted `gst-launch-1.0 [options] PIPELINE...`: capsflow's own options stay before the program word,
 * everything after it is the command's (its options are gst-launch-1.0's, dropped).
 */
const VALUE_OPTIONS = new Set(['--registry', '--gst', '--format', '--memory', '--drm', '--caps', '--graph', '--devices', '--dot', '--svg', '--html']);

function splitPastedCommand(args: readonly string[]): { own: readonly string[]; command: readonly string[] | null } {
  for (let i = 0; i < args.length; i++) {
    if (findGstLaunch(args.slice(i)) >= 0 && (i === 0 || !VALUE_OPTIONS.has(args[i - 1]!))) {
      return { own: args.slice(0, i), command: args.slice(i) };
    }
  }
  return { own: args, command: null };
}

async function readStdinJson(io: CliIo): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  if (io.readStdin === undefined) return { ok: false, message: 'cannot read stdin: no stdin here' };
  const read = await io.readStdin(MAX_INPUT_BYTES);
  return read.ok ? parseJsonText(read.text, 'stdin') : { ok: false, message: `cannot read stdin: ${read.message}` };
}

const run: Command = async (args, io) => {
  const pasted = splitPastedCommand(args);
  args = pasted.own;
  const parsed = parseCommandArgs(args, {
    json: { type: 'boolean' },
    explain: { type: 'boolean' },
    trace: { type: 'boolean' },
    registry: { type: 'string' },
    gst: { type: 'string' },
    memory: { type: 'string', multiple: true },
    drm: { type: 'string', multiple: true },
    caps: { type: 'string', multiple: true },
    graph: { type: 'string' },
    devices: { type: 'string', multiple: true },
    dot: { type: 'string' },
    svg: { type: 'string' },
    html: { type: 'string' },
    format: { type: 'string' },
    compare: { type: 'boolean' },
    'no-media': { type: 'boolean' },
  });
  const { values } = parsed;
  let positionals = parsed.positionals;
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  let program = false;
  if (pasted.command !== null) {
    if (positionals.length > 0) throw new UsageError(`'${positionals[0]!}' before the gst-launch-1.0 command: put capsflow's options first, then the command`);
    const words = pipelineWords(pasted.command);
    if (!words.ok) throw new UsageError(words.message);
    positionals = [...words.words];
    program = true;
  }
  const memory = parseMemory(values.memory ?? []);
  const drm = Object.create(null) as Record<string, string>;
  for (const pair of values.drm ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--drm takes ELEMENT=FORMATS, got '${pair}'`);
    if (Object.hasOwn(drm, pair.slice(0, eq))) throw new UsageError(`--drm given twice for ${pair.slice(0, eq)}`);
    drm[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (values.graph !== undefined && positionals.length > 0) throw new UsageError('give either PIPELINE or --graph FILE.json, not both');
  if (values.graph === undefined && positionals.length === 0) throw new UsageError('missing PIPELINE (or --graph FILE.json)');

  const request: { -readonly [K in keyof NegotiateRequest]: NegotiateRequest[K] } = {
    memory,
    drm,
    caps: parseDeclaredCaps(values.caps ?? []),
    trace: values.trace === true,
    media: values['no-media'] === true ? false : { cwd: io.cwd },
  };
  // --registry/--gst, else CAPSFLOW_REGISTRY/CAPSFLOW_GST, else package.json's "capsflow" key (settings.ts)
  const choice = chooseRegistry({ registry: values.registry, gst: values.gst }, io);
  if (choice.registry !== undefined) request.registry = choice.registry;
  if (choice.gst !== undefined) request.gstVersion = choice.gst;
  if (values.devices !== undefined) {
    const read = readDevices(values.devices, io.cwd);
    if (!read.ok) {
      io.stderr(`capsflow negotiate: --devices: ${read.message}\n`);
      return 2;
    }
    request.devices = read.devices;
  }
  let pipeline: string | undefined;
  if (values.graph !== undefined) {
    const read = values.graph === '-' ? await readStdinJson(io) : readJsonFile(resolve(io.cwd, values.graph));
    if (!read.ok) {
      io.stderr(`capsflow negotiate: ${read.message}\n`);
      return 2;
    }
    request.graph = read.value;
  } else if (positionals.length === 1 && positionals[0] === '-') {
    // `negotiate -`: the pipeline from stdin (a JSON graph when it starts with '{')
    const read = io.readStdin === undefined ? null : await io.readStdin(MAX_INPUT_BYTES);
    if (read === null || !read.ok) {
      io.stderr(`capsflow negotiate: cannot read stdin: ${read === null ? 'no stdin here' : read.message}\n`);
      return 2;
    }
    if (read.text.trimStart().startsWith('{')) {
      const json = parseJsonText(read.text, 'stdin');
      if (!json.ok) {
        io.stderr(`capsflow negotiate: ${json.message}\n`);
        return 2;
      }
      request.graph = json.value;
    } else {
      pipeline = read.text.trim();
      request.pipeline = pipeline;
    }
  } else {
    pipeline = launchDescription(positionals, program);
    request.pipeline = pipeline;
  }

  const format = values.format ?? (values.json === true ? 'json' : 'text');
  if (!['text', 'json', 'gst'].includes(format)) throw new UsageError(`--format takes text, json or gst, got '${format}'`);
  if (values.format !== undefined && values.json === true && format !== 'json') throw new UsageError(`--json and --format ${format} ask for two outputs; give one`);
  if (values.compare === true && pipeline === undefined) throw new UsageError('--compare runs the pipeline text with gst-launch-1.0: give PIPELINE, not a JSON graph');
  if (values.compare === true && format !== 'text') throw new UsageError('--compare prints its own side-by-side report; leave out --json/--format');

  let result: NegotiationResult;
  try {
    result = runNegotiation(request);
  } catch (e) {
    if (e instanceof RegistryError) {
      io.stderr(`capsflow negotiate: registry ${values.registry ?? `${choice.registry ?? ''} (from ${choice.from})`} is not usable:\n${e.issues.map((i) => `  ${formatJsonPath(i.path)}: ${i.message}\n`).join('')}`);
      return 2;
    }
    throw e;
  }
  if (values.compare === true) return compareWithGstLaunch(result, pipeline!, registryOf(request), io);
  if (format === 'gst') {
    // the lines gst-launch-1.0 -v would print for the pads capsflow knows; why there are no more goes to stderr
    io.stdout(formatGstLines(result, registryOf(request)));
    const status = exitStatus(result);
    if (status !== 0) io.stderr(formatReport(result, style({ color: false }), pipeline !== undefined ? { pipeline } : {}).split('\n\n')[0]! + '\n');
    return status;
  }
  const out = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(io.cwd, p));
  const options: { -readonly [K in keyof OutputOptions]: OutputOptions[K] } = {
    hints: { registry: registryOf(request), fileExists: (p) => existsSync(resolve(io.cwd, p)), ...(request.registry === undefined ? { gst: request.gstVersion ?? DEFAULT_GST_VERSION } : {}), ...(pipeline !== undefined ? { pipeline } : {}) },
    json: format === 'json',
    explain: values.explain === true,
    ...(pipeline !== undefined ? { pipeline } : {}),
    ...(values.dot !== undefined ? { dot: out(values.dot) } : {}),
    ...(values.svg !== undefined ? { svg: out(values.svg) } : {}),
    ...(values.html !== undefined ? { html: out(values.html) } : {}),
  };
  if (values.dot !== undefined || values.svg !== undefined || values.html !== undefined) {
    options.topology = pipelineTopology(request.graph !== undefined ? (request.graph as GraphJson) : (pipeline ?? ''), { registry: registryOf(request) });
  }
  return outputResult(result, io, options);
};

export default run;

/** The element pairs a pipeline text links, a capsfilter between the two it joins (for the tables' order). */
function launchTopology(pipeline: string, registry: Registry): [string, string][] {
  const parsed = parseLaunch(pipeline, registry);
  if (!parsed.ok) return [];
  const { graph } = parsed;
  const pairs: [string, string][] = [];
  const filters = Object.values(graph.elements).filter((e) => e.filterFor !== undefined);
  for (const l of graph.links) {
    const filter = filters.find((f) => f.name === l.src.element || f.name === l.sink.element) === undefined ? filters.find((f) => f.filterFor!.src === l.src.element && f.filterFor!.sink === l.sink.element) : undefined;
    if (filter !== undefined) pairs.push([l.src.element, filter.name], [filter.name, l.sink.element]);
    else pairs.push([l.src.element, l.sink.element]);
  }
  return pairs;
}

/** "GStreamer 1.22.0" from `gst-launch-1.0 --version`, or null */
function gstVersionOf(program: string): string | null {
  const r = spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return /^GStreamer (\S+)$/m.exec(r.stdout ?? '')?.[1] ?? null;
}

/** gst-launch-1.0's kill timer for --compare: a pipeline that reaches PLAYING with num-buffers=1 ends in well under a second */
const COMPARE_TIMEOUT_MS = 30_000;

/** `--compare`: run the real pipeline (num-buffers=1 on its sources, bounded time) and set both answers side by side. */
async function compareWithGstLaunch(result: NegotiationResult, pipeline: string, registry: Registry, io: CliIo): Promise<number> {
  const words = boundedLaunchArgs(pipeline, registry);
  const program = io.env.CAPSFLOW_GST_LAUNCH ?? 'gst-launch-1.0';
  let run: LaunchRun;
  try {
    run = await gstLaunch(words.join(' '), { timeoutMs: COMPARE_TIMEOUT_MS, program });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`capsflow negotiate: --compare needs gst-launch-1.0 on PATH${code === 'ENOENT' ? '' : ` (${e instanceof Error ? e.message : String(e)})`}\n`);
    return 2;
  }
  const { text, agree } = formatCompare(result, run, words, style({ color: io.color }), { registry: registry.snapshot.gstreamer, gstreamer: gstVersionOf(program) });
  io.stdout(text);
  return agree ? 0 : 1;
}
