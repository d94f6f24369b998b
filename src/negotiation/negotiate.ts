/**
 * negotiate(): a gst-launch pipeline (or a JSON graph) negotiated statically, pad for pad as GStreamer
 * 1.22 does. The folders in the order a pipeline goes through them: launch/ (text → graph) or graph/
 * (JSON → graph) → engine/ (build each element with the model elements/ registers for its factory or
 * base/ picks from its ancestry, link, negotiate caps from every source) → allocation/ (ALLOCATION
 * queries, the memory:DMABuf policy) → report/ (explain a failure).
 */
import type { Caps } from '../caps/index.js';
import { buildElements, linkAll, NegotiationFailure, notLinked } from './engine/link.js';
import type { PendingStep } from './engine/model.js';
import type { ElementNode, PadNode } from './engine/model.js';
import { peerQueryCaps, run } from './engine/query.js';
import type { BehaviourProfile } from './engine/profile.js';
import { Session } from './engine/session.js';
import { modelResolver } from './elements/resolve.js';
import { findConflict } from './report/explain.js';
import { topologyOf, type Topology } from './report/topology.js';
import type { Graph, TraceStep } from './graph/graph.js';
import { parseLaunch } from './launch/launch.js';
import { defaultRegistry, type GstVersion, type Registry } from './registry/registry.js';
import { parseGraphJson, type GraphJson } from './graph/schema.js';
import { PolicyRun, type PolicyResult } from './allocation/policy.js';
import type { Assumption, ElementReport, ExplainStep, Explanation, LinkReport, NegotiationError, NegotiationOutcome, NegotiationResult, NegotiationVerdict } from './types.js';
import { Honesty, type DeclaredCaps } from './declare/honesty.js';
import type { DeviceDescription } from './declare/devices.js';
import { mediaPads, readMedia, type MediaFacts } from './elements/media/read-media.js';
import { fsReader, type MediaReader } from './elements/media/reader.js';

export interface NegotiateOptions {
  readonly registry?: Registry;
  /** without `registry`: which embedded full-install registry to use, GStreamer '1.22' (the default) or '1.26' */
  readonly gstVersion?: GstVersion;
  /** element → memory spec (memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME, fd:N): that element exports real memory (policy.ts) */
  readonly memory?: Record<string, string>;
  /** exporter → drm-format list (`NV12:0x0100000000000002,NV12`): it negotiates DMA_DRM caps (1.24+) */
  readonly drm?: Record<string, string>;
  /** 'element.pad' → caps: that pad offers exactly these caps, as a declared device would (declare/declarations.ts) */
  readonly caps?: Readonly<Record<string, string>>;
  /** record each negotiation step as immer patches in `trace` */
  readonly trace?: boolean;
  /** behaviour profiles replacing the built-in ones (validated with parseProfiles) */
  readonly profiles?: Readonly<Record<string, BehaviourProfile>>;
  /** device descriptions (gst-device-monitor-1.0 output, parseDevices): a described device's formats are its source's getcaps */
  readonly devices?: readonly DeviceDescription[];
  /** per-pad declared getcaps (element, pad) → caps: an assumption with source 'declared' */
  readonly declared?: DeclaredCaps;
  /**
   * the files the pipeline names (filesrc location=): read through this reader (default: the file system,
   * relative to the working directory, only when the pipeline names a file); false: never read, their caps
   * stay unknown
   */
  readonly media?: MediaReader | false;
}

export type TracedNegotiationResult = NegotiationResult & {
  /** present with `trace: true`: every step as the immer patches it applied to the pad caps state */
  readonly trace?: readonly TraceStep[];
};

/** A phase that runs after caps negotiation (allocation, the memory:DMABuf policy); fills its own parts. */
export interface NegotiationPhase {
  (ctx: PhaseContext): void;
}

export interface PhaseContext {
  readonly elements: readonly ElementNode[];
  readonly options: NegotiateOptions;
  readonly result: { allocation: unknown[]; probes: unknown[]; violations: unknown[]; notes: string[] };
}

const phases: NegotiationPhase[] = [];

/** Register a phase that runs after caps negotiation succeeded (allocation, policy). */
export function addNegotiationPhase(phase: NegotiationPhase): void {
  phases.push(phase);
}

const printStep = (p: PendingStep): ExplainStep => ({
  element: p.element,
  ...(p.pad === undefined ? {} : { pad: p.pad }),
  ...(p.offered === undefined ? {} : { offered: p.offered.toString() }),
  ...(p.accepted === undefined ? {} : { accepted: p.accepted.toString() }),
  note: p.note,
});

// ---- the public entry point ------------------------------------------------------------------------

function emptyResult(error: NegotiationError, notes: string[] = [], explain: Explanation | null = null): NegotiationResult {
  return { ok: false, verdict: 'failed', unknowns: [], assumptions: [], error, pads: {}, elements: [], links: [], allocation: [], probes: [], violations: [], explain, notes };
}

/**
 * The pipeline as pictures draw it (report/topology.ts): every element and link the description asks for,
 * whether or not negotiation reached them; null when it does not parse (there is nothing to draw).
 */
export function pipelineTopology(pipeline: string | GraphJson, options: Pick<NegotiateOptions, 'registry' | 'gstVersion'> = {}): Topology | null {
  const registry = options.registry ?? defaultRegistry(options.gstVersion);
  const parsed = typeof pipeline === 'string' ? parseLaunch(pipeline, registry) : parseGraphJson(pipeline, registry);
  return parsed.ok ? topologyOf(parsed.graph, registry) : null;
}

/** Negotiate a gst-launch description or a JSON graph statically, as GStreamer 1.22 would. */
export function negotiate(pipeline: string | GraphJson, options: NegotiateOptions = {}): TracedNegotiationResult {
  const registry = options.registry ?? defaultRegistry(options.gstVersion);
  let graph: Graph;
  if (typeof pipeline === 'string') {
    const parsed = parseLaunch(pipeline, registry);
    if (!parsed.ok) return emptyResult(parsed.error, [], { summary: parsed.error.message, steps: [] });
    graph = parsed.graph;
  } else {
    const parsed = parseGraphJson(pipeline, registry);
    if (!parsed.ok) return emptyResult(parsed.error, [], { summary: parsed.error.message, steps: [] });
    graph = parsed.graph;
  }
  const s = new Session(registry, options.trace === true);
  const honesty = new Honesty(registry, {
    ...(options.devices !== undefined ? { devices: options.devices } : {}),
    ...(options.declared !== undefined ? { declared: options.declared } : {}),
    // exporters (--memory, --drm) and elements with declared caps (--caps) stand in for their devices
    exporters: [...Object.keys(options.memory ?? {}), ...Object.keys(options.drm ?? {}), ...Object.keys(options.caps ?? {}).map((k) => k.slice(0, k.indexOf('.')))],
  });
  s.honesty = honesty;
  // the memory:DMABuf policy: probes exporters and gives protected ones their DMABuf template before linking
  // the policy and the ALLOCATION queries read the facts of the registry the pipeline is negotiated with (--gst 1.26: 1.26's)
  const policy = new PolicyRun(graph, { ...options, registry });
  let links: LinkReport[];
  let media: MediaFacts | null = null;
  let unprinted: ReadonlySet<string> = new Set();
  try {
    buildElements(s, graph, modelResolver(options.profiles, registry.snapshot.gstreamer));
    // the files the pipeline names, headers only, through a bounded reader: a demuxer's pads come from them
    if (options.media !== false && Object.values(graph.elements).some((e) => e.factory === 'filesrc' || e.factory === 'uridecodebin')) {
      const read = readMedia(graph, s.byName, registry, options.media ?? fsReader());
      if (!read.ok) throw new NegotiationFailure(read.error);
      media = read.facts;
      for (const n of media.notes) s.notes.push(n);
    }
    const refused = policy.prepare(s.elements);
    if (refused !== null) throw new NegotiationFailure(refused);
    for (const el of s.elements) el.linking = true;
    links = linkAll(s, graph);
    for (const el of s.elements) el.linking = false;
    if (media !== null) {
      const m = mediaPads(s.elements, media);
      honesty.setMedia(m.known);
      unprinted = m.unprinted;
    }
    // what every source pad and sometimes pad rests on; declared caps replace answers cached while linking
    if (honesty.prepare(s.elements, (pad, filter) => run(s, peerQueryCaps(pad, filter)))) s.unfiltered.clear();
    // the links are final: query answers depend on caps values alone from here on
    s.answers.enabled = true;
  } catch (e) {
    if (!(e instanceof NegotiationFailure)) throw e;
    return finish(s, honesty, e.error, [], e.conflict, options, policy, unprinted);
  }
  let error: NegotiationError | null = null;
  for (const el of s.elements) {
    const isSource = el.sinkPads().length === 0 && el.srcPads().length > 0;
    if (!isSource) continue;
    error = s.negotiateSource(el);
    if (error !== null) break;
  }
  // a declared pad of an element that is no source (a demuxer's) negotiates like a source's
  for (const pad of honesty.declaredNonSourcePads()) {
    const read = honesty.readFromMedia(pad);
    error ??= read !== undefined ? s.pushDecided(pad, read) : s.negotiateSource(pad.element, pad);
  }
  error ??= notLinked(s);
  return finish(s, honesty, error, links, null, options, policy, unprinted);
}

function finish(
  s: Session,
  honesty: Honesty,
  error: NegotiationError | null,
  links: LinkReport[],
  linkConflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null,
  options: NegotiateOptions,
  policy: PolicyRun | null = null,
  unprinted: ReadonlySet<string> = new Set(),
): TracedNegotiationResult {
  const result: PolicyResult = { allocation: [], probes: [], violations: [], notes: s.notes };
  // allocation, exporters' probes and the passthrough walk (policy.ts); a failure may become an explained policy error
  if (policy !== null) error = policy.finish(s.elements, error, result, (pad, filter) => run(s, peerQueryCaps(pad, filter)));
  const recorded = s.recorder.finish();
  // pads that depend on caps capsflow cannot know are no answer; the verdict says what the rest rests on
  const honest = honesty.report(s.elements, recorded.pads, error, false);
  error = honest.error;
  const hidden = honest.hidden;
  const state = hidden.size === 0 ? recorded : { ...recorded, pads: Object.fromEntries(Object.entries(recorded.pads).filter(([k]) => !hidden.has(k))) };
  // the pads that got caps before a failure are kept, as gst-launch -v printed them (none when linking failed)
  const pads: Record<string, string> = s.binOf.size === 0 ? { ...state.pads } : inBins(s, state.pads);
  // a demuxer sets caps on its pads before adding them: gst-launch -v prints nothing for them
  for (const id of unprinted) delete pads[id];
  for (const id of result.unset ?? []) delete pads[id];
  const elements: ElementReport[] = s.elements.map((el) => ({
    name: el.name,
    factory: el.factory,
    model: el.modelKind,
    passthrough: el.passthrough,
  }));
  // links name pads by element (names are unique); pads in bins are keyed by their path in `pads`
  const linkReports = links.map((l) => ({ ...l, caps: state.pads[l.src] ?? null }));
  if (error === null) for (const phase of phases) phase({ elements: s.elements, options, result });
  // no allocation answer over a link whose caps are unknown
  if (hidden.size > 0) result.allocation = result.allocation.filter((a) => !hidden.has((a as { src: string }).src) && !hidden.has((a as { sink: string }).sink));
  for (const n of honest.notes) result.notes.push(n);
  const explain = error === null ? null : explainFailure(s, error, linkConflict);
  const verdict = honest.verdict;
  const out: TracedNegotiationResult = {
    ...outcome(verdict, error),
    unknowns: honest.unknowns,
    assumptions: mergeAssumptions(policy?.assumptions ?? [], honest.assumptions),
    pads,
    elements,
    links: linkReports,
    allocation: result.allocation as NegotiationResult['allocation'],
    probes: result.probes as NegotiationResult['probes'],
    violations: result.violations as NegotiationResult['violations'],
    ...(policy !== null && policy.active ? { imports: policy.importReports() } : {}),
    explain,
    notes: result.notes,
    ...(options.trace === true ? { trace: s.recorder.steps } : {}),
  };
  return out;
}

/** honesty gives an error with 'failed' only; the union lets users narrow on it */
function outcome(verdict: NegotiationVerdict, error: NegotiationError | null): NegotiationOutcome {
  if (verdict === 'failed' && error !== null) return { ok: false, verdict, error };
  if (verdict === 'undetermined' && error === null) return { ok: false, verdict, error };
  if (verdict === 'negotiated' && error === null) return { ok: true, verdict, error };
  throw new Error(`internal: verdict ${verdict} with error ${error === null ? 'null' : error.kind}`);
}

/** declared caps (--caps, allocation/policy.ts) say more than the stand-in note honesty gives the same pad */
function mergeAssumptions(declared: readonly Assumption[], rest: readonly Assumption[]): Assumption[] {
  const key = (a: Assumption): string => `${a.element}.${a.pad}`;
  const seen = new Set(declared.map(key));
  return [...declared, ...rest.filter((a) => !seen.has(key(a)))];
}

/** pad caps keyed as gst-launch -v shows them in bins: 'b/identity0.src', and the bins' ghost pads 'b.ghost0' */
function inBins(s: Session, flat: Readonly<Record<string, string>>): Record<string, string> {
  const pads: Record<string, string> = {};
  for (const [key, caps] of Object.entries(flat)) {
    const dot = key.lastIndexOf('.');
    const bin = s.binOf.get(key.slice(0, dot));
    pads[bin === undefined ? key : `${bin}/${key}`] = caps;
  }
  for (const g of s.ghosts) {
    const caps = flat[g.pad.id];
    if (caps !== undefined) pads[g.key] = caps;
  }
  return pads;
}

function explainFailure(s: Session, error: NegotiationError, linkConflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null): Explanation {
  const steps = s.steps.slice(-30).map(printStep);
  let conflict: Explanation['conflict'];
  if (linkConflict !== null) {
    const c = findConflict(linkConflict.srcCaps, linkConflict.sinkCaps);
    if (c !== null) {
      conflict = {
        element: linkConflict.sink.element.name,
        pad: linkConflict.sink.name,
        field: c.field,
        left: { value: c.left, from: linkConflict.src.id },
        right: { value: c.right, from: linkConflict.sink.id },
        ...(c.detail === undefined ? {} : { detail: c.detail }),
      };
    }
  } else if (s.inter.first !== null) {
    const f = s.inter.first;
    const c = findConflict(f.left, f.right);
    if (c !== null) conflict = { element: f.pad.element.name, pad: f.pad.name, field: c.field, left: { value: c.left, from: f.leftFrom }, right: { value: c.right, from: f.rightFrom }, ...(c.detail === undefined ? {} : { detail: c.detail }) };
  }
  return { summary: error.message, ...(conflict === undefined ? {} : { conflict }), steps };
}
