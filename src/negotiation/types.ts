/**
 * The result contract of `negotiate()`: what the CLI prints, what `--json` emits, what explain, DOT and
 * HTML render. Plain JSON-serialisable data (caps as GStreamer's strings).
 */

export type NegotiationErrorKind = 'syntax' | 'no-element' | 'no-pad' | 'link-failed' | 'not-negotiated' | 'policy' | 'memory' | 'declaration' | 'resource';

export interface NegotiationError {
  readonly kind: NegotiationErrorKind;
  readonly message: string;
  /** element name as gst-launch names it (videotestsrc0, capsfilter1, t) */
  readonly element?: string;
  readonly pad?: string;
  /** offset into the pipeline text (syntax, no-element); for 'declaration', into the declared caps text */
  readonly offset?: number;
  readonly length?: number;
  /** JSON path when the graph came as JSON */
  readonly path?: readonly (string | number)[];
  /**
   * 'declaration': what was declared, the declared pad ('v4l2src0.src') for caps or the exporter for a
   * drm-format list, and the text `offset` points into
   */
  readonly declaration?: string;
  readonly declared?: string;
  /** 'declaration': the option that declared it, caps (default) or drm (`options.drm`, --drm) */
  readonly declaredWith?: 'caps' | 'drm';
}

export interface ElementReport {
  readonly name: string;
  readonly factory: string;
  /**
   * 'profile': a behaviour profile modelled it; 'base-class': no profile, its GStreamer base class's generic
   * behaviour (from the registry's typeChain, see `notes`); 'template-only': only its pad templates were known
   */
  readonly model: 'profile' | 'base-class' | 'template-only';
  /** true when the element ended in passthrough (same caps on its sink and src pads) */
  readonly passthrough: boolean | null;
}

export interface LinkReport {
  /** "element.pad" */
  readonly src: string;
  readonly sink: string;
  /** the caps that flowed over the link, or null when negotiation did not reach it */
  readonly caps: string | null;
}

export interface AllocationPool {
  readonly size: number;
  readonly min: number;
  readonly max: number;
  /** the pool object's type (GstVideoBufferPool, GstBufferPool); null: "use these numbers with your own pool" */
  readonly pool?: string | null;
  /** decided pools: the config options (GstBufferPoolOptionVideoMeta, ...) */
  readonly options?: readonly string[];
}

export interface AllocationParams {
  readonly flags: number;
  readonly align: number;
  readonly prefix: number;
  readonly padding: number;
}

/** One allocation-param entry of the query: an allocator (null = the default) and its GstAllocationParams. */
export interface AllocationParamEntry extends AllocationParams {
  readonly allocator: string | null;
}

/** The ALLOCATION query answered over one link. */
export interface AllocationReport {
  readonly src: string;
  readonly sink: string;
  readonly needPool: boolean;
  /** false: downstream answered FALSE (fakesink, a failing tee branch); pools, params and metas are then empty */
  readonly answered?: boolean;
  /** which element sent the query (the one that decides with the answer) */
  readonly from?: string;
  /** every param entry, allocator included (`params` is entry 0) */
  readonly paramEntries?: readonly AllocationParamEntry[];
  readonly pools: readonly AllocationPool[];
  /** allocator names as GStreamer's (SystemMemory, dmabuf, fd, ...) */
  readonly allocators: readonly string[];
  readonly params: AllocationParams | null;
  readonly metas: readonly string[];
  /** what decide_allocation on the upstream element chose; null when it forwards the query (queue, tee, passthrough) */
  readonly decided: { readonly pool: AllocationPool | null; readonly allocator: string | null; readonly params?: AllocationParams } | null;
}

/** A runtime READWRITE map probe of an exporter's memory. */
export interface ProbeReport {
  readonly element: string;
  readonly source: string;
  readonly kind: string;
  readonly readwrite: boolean;
  readonly read: boolean;
  readonly errno: string | null;
  readonly feature: 'memory:DMABuf' | null;
}

export type ViolationRule = 'not-passthrough' | 'maps-protected-memory' | 'rejects-dmabuf' | 'drm-modifier-mismatch';

export interface Violation {
  readonly element: string;
  readonly rule: ViolationRule;
  readonly message: string;
  /** the exporter whose protected memory is at stake */
  readonly exporter?: string;
}

/** Why a negotiation failed or a violation happened, step by step. */
export interface ExplainStep {
  readonly element: string;
  readonly pad?: string;
  readonly offered?: string;
  readonly accepted?: string;
  readonly note: string;
}

export interface Explanation {
  readonly summary: string;
  /** where the intersection became EMPTY, if it did */
  readonly conflict?: {
    readonly element: string;
    readonly pad?: string;
    /** field name, or 'features' or 'name' */
    readonly field: string;
    readonly left: { readonly value: string; readonly from: string };
    readonly right: { readonly value: string; readonly from: string };
    /** drm-format: whether the fourcc or only the modifier differs */
    readonly detail?: string;
  };
  readonly steps: readonly ExplainStep[];
}

/** What an importer finds on what arrives (gst_is_dmabuf_memory per memory, §6.1 rule 5). */
export interface ImportReport {
  readonly importer: string;
  readonly exporter: string;
  /** the memory that arrives comes from a GstDmaBufAllocator (the exporter's, through passthrough elements) */
  readonly dmabuf: boolean;
  /** imported by fd; false: the importer copies or uploads */
  readonly zeroCopy: boolean;
  readonly message: string;
}

/**
 * negotiated: every reported pad follows from the graph, the registry and what was declared; failed:
 * GStreamer would refuse it; undetermined: some caps depend on a device, a peer or data capsflow was not given.
 */
export type NegotiationVerdict = 'negotiated' | 'failed' | 'undetermined';

/** Why caps cannot be known: a device, a network peer, data not given, or an element whose caps logic is not modelled. */
export type UnknownReason = 'device' | 'network' | 'stream' | 'not-modelled';

/**
 * Caps capsflow cannot know; the pads that depend on them are left out of `pads`. With `fields`, only those
 * fields of the pad's caps are unknown (an encoder's streamheader, codec_data): the pad and the pads that
 * carry them on are reported with the fields capsflow knows, GStreamer prints these as well, and the
 * verdict does not rest on them. An empty `fields`: the element adds fields from its data that capsflow
 * does not model, so which ones is not known either.
 */
export interface UnknownCaps {
  readonly element: string;
  readonly pad?: string;
  readonly fields?: readonly string[];
  readonly reason: UnknownReason;
  readonly message: string;
  /** the declaration that would settle it */
  readonly hint: string;
}

/** Where assumed caps come from: the user, the element's own caps property, a fixed filter after a device, a documented default, templates only. */
export type AssumptionSource = 'declared' | 'property' | 'downstream' | 'default' | 'template-only';

/** Caps taken as given (reported in `pads` like known ones), and why. */
export interface Assumption {
  readonly element: string;
  readonly pad: string;
  readonly caps: string;
  readonly source: AssumptionSource;
  readonly message: string;
}

/**
 * The verdict and the error together, so `if (!result.ok)` narrows: a failure always has its error, a
 * negotiated result none, and an undetermined one none either (a refusal that rests on caps capsflow cannot
 * know is no verdict; honesty moves it to the notes).
 */
export type NegotiationOutcome =
  | { readonly ok: true; readonly verdict: 'negotiated'; readonly error: null }
  | { readonly ok: false; readonly verdict: 'failed'; readonly error: NegotiationError }
  | { readonly ok: false; readonly verdict: 'undetermined'; readonly error: null };

/** Everything a result holds besides its outcome. */
export interface NegotiationDetails {
  /** caps that depend on what capsflow was not given (empty when everything is known or assumed) */
  readonly unknowns: readonly UnknownCaps[];
  /** caps taken as given: declared, set by a property, narrowed by a filter, defaults, templates only */
  readonly assumptions: readonly Assumption[];
  /** "element.pad" → the caps string GStreamer prints for that pad (the set gst-launch-1.0 -v prints) */
  readonly pads: Readonly<Record<string, string>>;
  readonly elements: readonly ElementReport[];
  readonly links: readonly LinkReport[];
  readonly allocation: readonly AllocationReport[];
  readonly probes: readonly ProbeReport[];
  readonly violations: readonly Violation[];
  /** importers reached by an exporter's memory; absent when no exporter was declared */
  readonly imports?: readonly ImportReport[];
  readonly explain: Explanation | null;
  /** human notes: fallbacks to template-only behaviour, assumptions made */
  readonly notes: readonly string[];
}

/** Narrow on `ok` or `verdict`: `if (!r.ok && r.verdict === 'failed') r.error.kind` needs no `?`. */
export type NegotiationResult = NegotiationOutcome & NegotiationDetails;
