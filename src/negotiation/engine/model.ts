/**
 * The element model: the vmethods negotiation needs, as GStreamer's base classes call them. The engine
 * (session.ts) calls only these; base/ implements GStreamer's defaults for each base class, and an
 * element model under elements/ is a base-class model with the few vmethods its element overrides.
 *
 *   queryCaps       GST_QUERY_CAPS on a pad (the pad's query function / getcaps / query_caps)
 *   acceptCaps      GST_QUERY_ACCEPT_CAPS on a pad (accept_caps)
 *   setCaps         a CAPS event on a sink pad: set_caps (basetransform: transform_caps → fixate_caps),
 *                   and the caps the element then pushes on its src pads
 *   fixateSrcCaps   basesrc's fixate, before gst_caps_fixate
 *   srcCapsRefusal  a source's set_caps refusing the caps it fixated (gst_video_info_from_caps)
 *   bufferWithoutCaps  what a buffer arriving before any CAPS event does (refused, or passed on)
 *   bufferPads      the src pads a buffer arriving on a sink pad goes out on (the chain function's pushes)
 *   configure       read the properties that shape caps answers (capsfilter caps=, appsink caps=)
 *   notLinkedWithoutBranches  a buffer with no src pad to go to stops the stream (tee)
 *
 * and the allocation vmethods (allocation/allocation.ts drives the ALLOCATION queries with them):
 *
 *   setupAllocation     what set_caps decided for allocation (passthrough, in place …)
 *   queryAllocation     the sink pad's ALLOCATION query handler: forward, refuse, or propose
 *   proposeAllocation   propose_allocation; forwardedAllocation: the answer it forwarded, on its way back
 *   sendsAllocation     the query it sends on a src pad once caps are set; decideAllocation: decide_allocation
 *   bufferHandling      what it does with the buffers it receives (the memory:DMABuf policy's walk)
 *
 * and what it does to the memory of those buffers, for the memory:DMABuf policy (allocation/policy.ts, which
 * names no factory): writesBuffers, mapsBuffers (a sink's render or a dump= that maps), converter,
 * passesBuffersUntouched.
 *
 * Pads (always / sometimes / request) come from the registry's pad templates; which pads a query
 * crosses to (iterate_internal_links) and the names of request pads come from the profile.
 */
import { addWork, type Caps } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';
import type { ElementFactory, GstVersion, Registry } from '../registry/registry.js';
import type { AllocationParamEntry, AllocationParams, AllocationPool, NegotiationError } from '../types.js';
import type { BehaviourProfile } from './profile.js';

// ---- the pads and elements a model works on ---------------------------------------------------------

export type Direction = 'src' | 'sink';

export class PadNode {
  peer: PadNode | null = null;
  /** the sticky CAPS event stored on this pad (what gst-launch -v prints) */
  caps: Caps | null = null;
  constructor(
    readonly element: ElementNode,
    readonly name: string,
    readonly direction: Direction,
    readonly template: Caps,
    readonly templateName: string,
  ) {}

  get id(): string {
    return `${this.element.name}.${this.name}`;
  }
}

export class ElementNode {
  readonly pads: PadNode[] = [];
  /** next index per request template (`src_%u` → src_0, src_1 …) */
  readonly requestCounters = new Map<string, number>();
  passthrough: boolean | null = null;
  /** caps filter of a capsfilter, parsed once */
  filterCaps: Caps | null = null;
  /** a caps property that shapes the element's CAPS answers (appsink caps=), parsed once */
  propertyCaps: Caps | null = null;
  /** no behaviour profile: what it does was inferred from its pad templates */
  templateOnly = false;
  /** the profile of the model it runs (its own, or for a template-only element the one assumed for it) */
  behaviour: BehaviourProfile | null;
  /** the element model whose vmethods the engine calls (set when the element is built) */
  model!: ElementModel;
  /** how the report names the model: the element's own, its base class's, or its templates only */
  modelKind: 'profile' | 'base-class' | 'template-only' = 'template-only';
  /** set while gst-launch links pads (before any data): elements that choose a pad on data have not yet */
  linking = false;
  /** `pad::property=value` of a GstChildProxy (compositor sink_1::xpos=10), by pad name, raw values */
  padProperties: Readonly<Record<string, Readonly<Record<string, string>>>> = {};
  // ---- media in (issue 12) ----
  /**
   * the src pads this element adds once it has read its input (ElementModel.padsFromInput), in the order
   * it adds them, with their caps (null: a stream capsflow does not model); null: nothing was read
   */
  appeared: readonly AppearedPad[] | null = null;
  // ---- end media in ----
  constructor(
    readonly name: string,
    readonly factory: string,
    readonly properties: Readonly<Record<string, PropertyValue>>,
    readonly profile: BehaviourProfile | null,
  ) {
    this.behaviour = profile;
  }

  // the per-direction lists, rebuilt when `pads` changed (queries ask for them at every element, and a
  // fresh filtered array each time was much of the garbage); checking a handful of pads allocates nothing
  private knownCount = 0;
  private sinks: PadNode[] = [];
  private srcs: PadNode[] = [];
  private byDirection(): void {
    // pads are only appended, so the lists grow with them (rebuilding, or comparing every pad, at each
    // call is quadratic in a wide tee); whoever replaces a pad in place calls padsReplaced()
    const pads = this.pads;
    if (pads.length === this.knownCount) return;
    if (pads.length < this.knownCount) this.padsReplaced();
    for (let i = this.knownCount; i < pads.length; i++) {
      addWork();
      const p = pads[i]!;
      (p.direction === 'sink' ? this.sinks : this.srcs).push(p);
    }
    this.knownCount = pads.length;
  }
  /** `pads[i]` was replaced: the per-direction lists are made anew at the next use */
  padsReplaced(): void {
    this.sinks = [];
    this.srcs = [];
    this.knownCount = 0;
  }

  sinkPads(): readonly PadNode[] {
    this.byDirection();
    return this.sinks;
  }
  srcPads(): readonly PadNode[] {
    this.byDirection();
    return this.srcs;
  }
  /** GStreamer's default internal links: every pad of the other direction */
  internalLinks(pad: PadNode): readonly PadNode[] {
    this.byDirection();
    const others = pad.direction === 'sink' ? this.srcs : this.sinks;
    const b = this.behaviour;
    if (b?.kind !== 'proxy' || b.pads === undefined || b.pads === 'all') return others;
    if (b.pads === 'pairs') {
      // multiqueue: sink_N and src_N are one queue
      const n = /_(\d+)$/.exec(pad.name)?.[1];
      return others.filter((o) => /_(\d+)$/.exec(o.name)?.[1] === n);
    }
    if (b.pads === 'sink-to-src') return pad.direction === 'sink' ? others : [];
    // input-selector: only the active sink pad (the first) is connected to the src pad, once data flows
    if (pad.direction === 'src') return this.linking ? [] : others.slice(0, 1);
    return pad === this.sinks[0] ? others : [];
  }
}

export type Ask =
  | { readonly kind: 'caps'; readonly pad: PadNode; readonly filter: Caps | null }
  | { readonly kind: 'accept'; readonly pad: PadNode; readonly caps: Caps };

/** A query handler: yields the queries it needs answered, returns its own answer. */
export type Op<T> = Generator<Ask, T, unknown>;

export interface Handlers {
  queryCaps(pad: PadNode, filter: Caps | null): Op<Caps>;
  acceptCaps(pad: PadNode, caps: Caps): Op<boolean>;
  /**
   * Answers to unfiltered CAPS queries, per pad. They depend only on the links (no handler reads pad
   * state), so they stay valid until a link changes near the pad; this keeps the link-time checks of
   * long chains linear instead of re-walking the chain at every link.
   */
  readonly unfiltered?: Map<PadNode, Caps>;
  /** answers to filtered CAPS and to ACCEPT_CAPS queries once the links are final (see AnswerMemo) */
  readonly answers?: AnswerCache;
}

/** Answers kept per pad and caps value once the links are final (query.ts AnswerMemo). */
export interface AnswerCache {
  enabled: boolean;
  get(ask: Ask): unknown;
  set(ask: Ask, value: unknown): void;
}

/** Intersections that remember the first place a non-empty pair gave EMPTY, for explain (query.ts Intersections). */
export interface IntersectionLog {
  /** `a ∩₁ b` (gst_caps_intersect_full FIRST): a's order wins */
  first1(pad: PadNode, a: Caps, aFrom: string, b: Caps, bFrom: string): Caps;
  zigzag(pad: PadNode, a: Caps, aFrom: string, b: Caps, bFrom: string): Caps;
}

// ---- the model ----------------------------------------------------------------------------------------

/** GStreamer releases a model can describe. */
export type { GstVersion };

/** The caps an element pushes on its src pads after a CAPS event, or why it refused them. */
export type CapsEventResult = { ok: true; pushes: { pad: PadNode; caps: Caps }[] } | { ok: false; error: NegotiationError };

/** An explanation step before printing: caps stay objects until a failure needs the text. */
export interface PendingStep {
  readonly element: string;
  readonly pad?: string;
  readonly offered?: Caps;
  readonly accepted?: Caps;
  readonly note: string;
}

/**
 * What capsflow knows, assumes or cannot know about a pad (declare/honesty.ts): declared caps answer
 * CAPS queries, root pads get their caps from their own negotiation, unknown pads are not negotiated.
 */
export interface HonestyHooks {
  /** the declared getcaps of this pad (CAPS queries are answered with it instead of the element's) */
  declared(pad: PadNode): Caps | undefined;
  /** a pad whose caps come from capsflow's decision, never from an element pushing on it */
  isRoot(pad: PadNode): boolean;
  /** whether a source negotiates this pad itself (false for unknown pads) */
  negotiates(pad: PadNode): boolean;
  /** the caps an element decided for this pad from the file it read (pushed as they are), if so */
  readFromMedia(pad: PadNode): Caps | undefined;
  /** a template-only element fixated `peer` on `pad`: true when that is one fixed caps (an assumption) */
  templateFixation(pad: PadNode, peer: Caps): boolean;
}

/** What a model may ask of the negotiation session running it. */
export interface ModelHost extends Handlers {
  readonly inter: IntersectionLog;
  /** null when nothing is declared or unknown (the hooks then change nothing) */
  readonly honesty: HonestyHooks | null;
  readonly notes: string[];
  readonly registry: Registry;
  notNegotiated(pad: PadNode, message: string): NegotiationError;
  step(step: PendingStep): void;
  /** gst_pad_push_event(src, CAPS) and everything it sets off downstream; the first refusal */
  pushCaps(src: PadNode, caps: Caps): NegotiationError | null;
  /** gst_pad_peer_query(src, ALLOCATION) with need_pool FALSE: the metas downstream lists (none when it answers FALSE) */
  allocationMetas(src: PadNode, caps: Caps): readonly string[];
}

// ---- allocation: the ALLOCATION query the allocation vmethods work on (allocation/allocation.ts drives them) ----

/** One pool entry of an ALLOCATION query (gst_query_add_allocation_pool; a null pool: the allocator's buffers). */
export interface AllocationPoolEntry {
  pool: string | null;
  size: number;
  min: number;
  max: number;
}

/** One ALLOCATION query: what travels downstream and what proposers fill. */
export interface AllocationQuery {
  readonly caps: Caps;
  readonly needPool: boolean;
  pools: AllocationPoolEntry[];
  params: AllocationParamEntry[];
  metas: string[];
}

/** What decide_allocation chose: its pool (with its options), allocator and allocation params. */
export interface AllocationDecision {
  readonly pool: AllocationPool | null;
  readonly allocator: string | null;
  readonly params: AllocationParams;
}

/** a query a model sends down one src pad while answering its own (tee's branches); the answer is TRUE/FALSE */
export interface AllocationAsk {
  readonly src: PadNode;
  readonly q: AllocationQuery;
  readonly from: ElementNode;
}
export type AllocOp<T> = Generator<AllocationAsk, T, boolean>;

/** The ALLOCATION query an element sends on a src pad at setcaps; `decide`: decide_allocation runs on the answer. */
export interface AllocationSend {
  readonly caps: Caps;
  readonly needPool: boolean;
  readonly decide: boolean;
}

/**
 * What an element does with the buffers it receives (the policy walks protected paths with it): 'forwards'
 * (passthrough or in place: the same buffers go on), 'allocates' (it writes its output into buffers of its
 * own), 'pushes' (a plain GstElement without a base class that allocates: assumed to push what it
 * receives), 'end' (sources, sinks) or 'unknown'.
 */
export type BufferHandling = 'forwards' | 'allocates' | 'pushes' | 'end' | 'unknown';

/** What the allocation vmethods may ask of the run driving them. */
export interface AllocationHost {
  /** the factory's registry record: typeChain, the class that installed each vmethod, instance facts, pad flags */
  facts(el: ElementNode): ElementFactory | undefined;
  /** a note for the result (each text once) */
  note(text: string): void;
  /** the element's state for this run (what its set_caps decided), made by `make` at the first ask */
  state<T>(el: ElementNode, make: (host: AllocationHost, el: ElementNode) => T): T;
  /** gst_pad_peer_query_caps on the negotiated graph; null when the run has none */
  readonly peerCaps: ((pad: PadNode, filter: Caps) => Caps) | null;
  /** an exporter's decide_allocation allocates from its own allocator: its name, or null for any other element */
  exporterAllocator(el: ElementNode, size: number | null): string | null;
  /** the release whose element behaviour to follow where it differs (videorate's proposal) */
  readonly release: GstVersion;
  /** decide_allocation failed with GStreamer's message (basetransform's set_caps then fails: the sink pad keeps no caps) */
  refuse(el: ElementNode, message: string): void;
}

/**
 * The base class whose ALLOCATION handling a model runs (base/choose.ts matches it against the registry's
 * ancestry); null: the model adds nothing there, its base class's defaults run.
 */
export type AllocationClass =
  | 'GstElement'
  | 'GstBaseSrc'
  | 'GstBaseSink'
  | 'GstBaseTransform'
  | 'GstVideoEncoder'
  | 'GstVideoDecoder'
  | 'GstAudioEncoder'
  | 'GstAudioDecoder'
  | 'GstAggregator'
  | null;

// ---- end of the allocation types ---------------------------------------------------------------------------

export interface ElementModel {
  /** the GType whose defaults this model runs (GstBaseTransform …; GstElement for none) */
  readonly baseClass: string;
  /** the GStreamer releases whose behaviour this model restates */
  readonly versions: readonly GstVersion[];
  /** the profile (data) this model is spelled as, when it has one (policy and allocation read its kind) */
  readonly profile: BehaviourProfile | null;
  /** answers computed from links, templates and caps values alone, so they may be memoised (AnswerMemo) */
  readonly pure: { readonly caps: boolean; readonly accept: boolean };
  /** holds buffers until every sink pad has data (collectpads, aggregators) */
  readonly waitsForInputs: boolean;
  /** passes TAG events on without adding any (the tag walk of encoders that write tags into caps) */
  readonly tagNeutral: boolean;
  /** the TAG events a source sends before its first buffer, as vorbiscomment name/value pairs */
  readonly sourceTags: readonly (readonly [name: string, value: string])[] | null;
  /**
   * why the buffers it pushes are not the ones it received untouched, where its base class does not say so
   * (breakmydata's transform_ip maps them READWRITE; chopmydata re-chunks them through a GstAdapter); null:
   * as its base class handles buffers. The memory:DMABuf policy reads it: a write map of memory that cannot
   * be mapped writable copies it, and so does an adapter joining pieces of two buffers.
   */
  readonly writesBuffers: string | null;
  /** a GstBin whose ghost pads lead to one child of this factory (audioparse: rawaudioparse): queries and buffers are the child's */
  readonly child: string | null;

  configure(el: ElementNode): void;
  /** a buffer reaching it while it has no src pad at all stops the stream with NOT_LINKED (a tee without branches) */
  notLinkedWithoutBranches(el: ElementNode): boolean;
  queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps>;
  acceptCaps(host: ModelHost, pad: PadNode, caps: Caps): Op<boolean>;
  setCaps(host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult;
  fixateSrcCaps(host: ModelHost, el: ElementNode, caps: Caps): Caps;
  srcCapsRefusal(caps: Caps): string | null;
  /** request_new_pad's name for a pad of `template` (`requested` null: none asked); null: the element refuses */
  requestPadName(el: ElementNode, template: string, requested: string | null): string | null;
  /** a buffer without caps on `sink`: the error it causes, or the src pads it goes on from (none: it stops here) */
  bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[];
  /** the src pads a buffer arriving on `sink` goes out on (every src pad, or a selector's active one) */
  bufferPads(sink: PadNode): readonly PadNode[];

  // ---- allocation vmethods (allocation/allocation.ts asks them; base/ holds GStreamer's defaults) ----------
  /** the base class whose ALLOCATION handling this model runs (see AllocationClass) */
  readonly allocationClass: AllocationClass;
  /** set_caps, as far as allocation sees it: what the element decided (passthrough, in place …); notes what is not modelled */
  setupAllocation(host: AllocationHost, el: ElementNode): void;
  /** the sink pad's ALLOCATION query handler: the src pad it forwards the very query through, 'refuse' (FALSE), or 'propose' */
  queryAllocation(host: AllocationHost, sink: PadNode): PadNode | 'refuse' | 'propose';
  /** propose_allocation: fills the query that arrived on `sink`; TRUE when answered */
  proposeAllocation(host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean>;
  /** the query it forwarded came back answered (basetransform in passthrough: propose_allocation without a decide query) */
  forwardedAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): void;
  /** the ALLOCATION query it sends on `src` once caps are set; null: none */
  sendsAllocation(host: AllocationHost, src: PadNode): AllocationSend | null;
  /** decide_allocation on the query it sent */
  decideAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision;
  /** a link from it that decided nothing reports no pool and no allocator (a forwarding basetransform) */
  readonly forwardingKeepsNothing: boolean;
  /** what it does with the buffers it receives */
  bufferHandling(host: AllocationHost, el: ElementNode): BufferHandling;
  // ---- end of the allocation vmethods ------------------------------------------------------------------------

  // ---- what it does to the memory of the buffers (the memory:DMABuf policy, allocation/policy.ts, reads these) ----
  /**
   * a converter (Filter/Converter: videoconvert, videoscale, videorate, audioconvert, audioresample): its
   * transform_caps offers other formats, sizes or rates; on a protected path it may only pass through, and a
   * negotiation that fails downstream of it is blamed on it (it would have to convert memory:DMABuf)
   */
  readonly converter: boolean;
  /**
   * hands every buffer it receives on untouched, whatever set_caps decided (capsfilter: its transform_ip
   * never looks at the buffer), as a proxy pad does
   */
  readonly passesBuffersUntouched: boolean;
  /**
   * as it is set up, its render (a sink) or its chain / transform_ip maps the buffers it receives: appsink
   * hands them to the application, filesink writes their bytes, `dump=TRUE` prints them (identity, fakesink)
   */
  mapsBuffers(el: ElementNode): boolean;
  // ---- end of the memory facts ----

  // ---- media in (issue 12): what an element learns from the bytes it reads -----------------------------
  /**
   * The src pads the element adds (a demuxer's video_0, wavparse's src) or sets caps on once it has read
   * `input`, the bytes that reach its sink pad from a file, in the order it adds them. null: the element
   * reads nothing capsflow models from its input. The linker offers these pads to delayed `demux ! x`
   * links (first compatible first) and to named ones (`d.video_0`); their caps are known, not assumed.
   */
  padsFromInput(el: ElementNode, input: InputBytes, registry: Registry): InputPads | null;
  // ---- end media in ----
}

// ---- media in (issue 12) -----------------------------------------------------------------------------

/** The bytes an element reads from its input, through a bounded reader (elements/media/reader.ts Budget). */
export interface InputBytes {
  readonly size: number;
  /** up to `length` bytes from `offset`; throws when the read bound is exceeded */
  read(offset: number, length: number): Uint8Array;
}

/** A src pad the input gives: its name, and GStreamer's caps text (null: not modelled, with why). */
export interface InputPad {
  readonly pad: string;
  readonly caps: string | null;
  readonly why?: string;
}

export interface InputPads {
  /** the pads in the order the element adds them; null: the input is not identified as this element's */
  readonly pads: readonly InputPad[] | null;
  /** false: the element sets caps before it adds the pad, so gst-launch -v never prints them (qtdemux) */
  readonly printed: boolean;
  /** what the result's notes say about the reading (the children decodebin plugged) */
  readonly notes?: readonly string[];
}

/** A pad an element added from its input, its caps parsed (null: unknown). */
export interface AppearedPad {
  readonly pad: string;
  readonly caps: Caps | null;
}
// ---- end media in ----

/** How a factory is modelled, as the registration and the base-class choice decided it. */
export interface ResolvedModel {
  readonly model: ElementModel;
  readonly kind: 'profile' | 'base-class' | 'template-only';
  /** what the result's notes say about it (null: nothing) */
  readonly note: string | null;
}
