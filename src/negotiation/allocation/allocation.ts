/**
 * The ALLOCATION query, simulated once caps are set (negotiation-allocation.md §4, §3.5–3.7): every
 * element that allocates (basesrc, a basetransform that is neither passthrough nor in-place, a codec, an
 * aggregator) sends a query with its src caps downstream; proposers answer (§4.3), forwarders pass the
 * same query on, tee aggregates its branches; then the sender runs decide_allocation (§4.4).
 *
 * What an element does is read from its base class and from the facts the registry importer recorded for
 * its factory (gst-binding.ts): which implementation of decide_allocation / propose_allocation /
 * filter_meta / transform_frame its class holds, whether a fresh instance is in place or passthrough, and
 * whether its sink pad is PROXY_ALLOCATION. Only what a subclass's own vmethod does is element-specific.
 *
 * As in GStreamer, the most downstream allocator decides first (each basetransform's setcaps runs its
 * query before returning, §3.10 #3), so a converter's proposal upstream can use what survived its own
 * decide. Checked against GStreamer 1.22's queries in spec/oracle/allocation.spec.ts.
 */
import { Caps, getField, isEqualValue, type Value } from '../../caps/index.js';
import type { ElementNode, PadNode } from '../engine/model.js';
import type { ElementFactory } from '../registry/registry.js';
import { capsFrameSize } from '../media/video-info.js';
import type { AllocationParamEntry, AllocationParams, AllocationPool, AllocationReport } from '../types.js';

export const VIDEO_META = 'GstVideoMetaAPI';
export const VIDEO_CROP_META = 'GstVideoCropMetaAPI';
export const OVERLAY_COMPOSITION_META = 'GstVideoOverlayCompositionMetaAPI';
export const VIDEO_BUFFER_POOL = 'GstVideoBufferPool';
export const BUFFER_POOL = 'GstBufferPool';
export const OPTION_VIDEO_META = 'GstBufferPoolOptionVideoMeta';

/** meta APIs carrying the `memory` tag: dropped by every transform's decide (§4.4, §4.7) */
const MEMORY_TAGGED = new Set([VIDEO_META]);

/** The factory's registry record (for its typeChain and allocation facts); undefined when unknown. */
export type FactoryLookup = (factory: string) => ElementFactory | undefined;

/** gst_pad_peer_query_caps(pad, filter) on the negotiated graph (the engine's CAPS query). */
export type PeerQueryCaps = (pad: PadNode, filter: Caps) => Caps;

export const OVERLAY_COMPOSITION_FEATURE = 'meta:GstVideoOverlayComposition';

/**
 * What a basetransform's own filter_meta keeps (the GType that installed it → rule). Without filter_meta
 * the default decide removes every meta (gstbasetransform.c default_decide_allocation).
 */
const FILTER_META: Readonly<Record<string, (api: string) => boolean>> = {
  // video-converter elements: everything but the crop meta (they apply the crop when converting)
  GstVideoConvertScale: (api) => api !== VIDEO_CROP_META,
};
// looked up by names from the input (factories, GTypes): nothing may come from Object.prototype
Object.setPrototypeOf(FILTER_META, null);

/**
 * Elements whose own set_caps / set_info turns passthrough on (their class flag passthrough_on_same_caps is
 * FALSE): whether they do, given equal caps on both pads. Anything else is passthrough only as the registry
 * says (class flag on equal caps, or a fresh instance that is passthrough).
 */
const OWN_PASSTHROUGH: Readonly<Record<string, (el: ElementNode) => boolean>> = {
  // GstVideoConvertScale's set_info: passthrough when the input and output video infos are equal
  videoconvert: () => true,
  videoscale: () => true,
  videoconvertscale: () => true,
  // set_info: passthrough without borders on any side
  videobox: (el) => ['left', 'right', 'top', 'bottom'].every((p) => Number(el.properties[p] ?? 0) === 0),
  // set_info sets passthrough from the method active at setcaps (the property applies from the first buffer)
  videoflip: () => true,
  // set_caps: gst_audio_converter_is_passthrough
  audioconvert: () => true,
};
// looked up by names from the input (factories, GTypes): nothing may come from Object.prototype
Object.setPrototypeOf(OWN_PASSTHROUGH, null);

/** Elements whose own set_caps puts them in place for some conversions. */
const OWN_IN_PLACE: Readonly<Record<string, (el: ElementNode) => boolean>> = {
  // gst_audio_converter_supports_inplace: the channel mix passes through, same sample format, no resampling
  audioconvert: (el) => audioConvertsInPlace(el.sinkPads()[0]?.caps ?? null, el.srcPads()[0]?.caps ?? null),
};
// looked up by names from the input (factories, GTypes): nothing may come from Object.prototype
Object.setPrototypeOf(OWN_IN_PLACE, null);

function audioConvertsInPlace(incaps: Caps | null, outcaps: Caps | null): boolean {
  const a = incaps?.structure(0);
  const b = outcaps?.structure(0);
  if (a === undefined || b === undefined) return false;
  const same = (field: string): boolean => {
    const x = getField(a, field);
    const y = getField(b, field);
    return x !== undefined && y !== undefined && isEqualValue(x, y);
  };
  if (!['format', 'rate', 'channels', 'layout'].every(same)) return false;
  // no channel-mask: the default positions (mono, or front left/right) for one or two channels
  const channels = getField(a, 'channels');
  const n = channels?.kind === 'int' ? channels.value : 0;
  const mask = (v: Value | undefined): bigint | null => (v?.kind === 'bitmask' ? v.value : n === 1 ? 0n : n === 2 ? 3n : null);
  const ma = mask(getField(a, 'channel-mask'));
  const mb = mask(getField(b, 'channel-mask'));
  return ma !== null && ma === mb;
}

/**
 * Snapshots imported before the importer recorded instance facts: the in-place elements the built-in
 * profiles cover (their GstBaseTransform has transform_ip only), so allocation still follows GStreamer.
 */
const IN_PLACE_WITHOUT_FACTS = new Set(['capsfilter', 'identity', 'videorate']);

/** How one basetransform takes part (gstbasetransform.c, gstvideofilter.c). */
interface TransformPart {
  readonly kind: 'transform';
  /** passthrough or always in place at setcaps: no query of its own, upstream queries are forwarded */
  readonly forwards: boolean;
  /** decide_allocation: GstBaseTransform's default, GstVideoFilter's (a video pool with VideoMeta), videocrop's */
  readonly decide: 'base' | 'video-filter' | 'video-crop';
  /** propose_allocation when it allocates: the kept metas; GstVideoFilter adds a video pool; videocrop its metas first */
  readonly propose: 'base' | 'video-filter' | 'video-crop';
  /** which metas its decide keeps (filter_meta); null: none (no filter_meta) */
  readonly keeps: ((api: string) => boolean) | null;
}

/** How an element takes part in the ALLOCATION query. */
type Part =
  | TransformPart
  | { readonly kind: 'source' }
  /** basesink: its propose_allocation (fakevideosink's, videocodectestsink's, none = FALSE) */
  | { readonly kind: 'sink'; readonly propose: 'fakevideosink' | 'video-meta' | 'none' }
  | { readonly kind: 'queue' }
  | { readonly kind: 'tee' }
  /**
   * GstVideoEncoder / GstVideoDecoder / GstAudioEncoder / GstAudioDecoder. `metaFirst`: the encoder's own
   * propose_allocation lists GstVideoMeta, then chains up; `ownDecide`: the decoder's own decide_allocation
   * adds the VideoMeta option to GstVideoDecoder's pool when downstream lists GstVideoMeta
   */
  | { readonly kind: 'codec'; readonly media: 'video' | 'audio'; readonly role: 'encoder' | 'decoder'; readonly metaFirst: boolean; readonly ownDecide: boolean }
  /** GstAggregator: GstVideoAggregator proposes a video pool with GstVideoMeta; without propose_allocation FALSE */
  | { readonly kind: 'aggregator'; readonly video: boolean }
  /** deinterlace (a plain GstElement with its own ALLOCATION code): forwards in passthrough, else proposes and allocates a video pool */
  | { readonly kind: 'deinterlace'; readonly passthrough: boolean }
  /**
   * no base class that answers: gst_pad_query_default forwards only from a PROXY_ALLOCATION sink pad (these);
   * `asks`: GstBaseTextOverlay, which queries downstream (need_pool FALSE) only to learn whether the
   * overlay composition meta is supported, and decides nothing
   */
  | { readonly kind: 'element'; readonly proxy: readonly string[]; readonly asks: boolean }
  /** nothing known (a template-only element of an old snapshot): the basesrc/basetransform defaults assumed */
  | { readonly kind: 'unknown' };

const BASE_PARTS: readonly (readonly [string, 'source' | 'sink' | 'transform' | 'video-encoder' | 'video-decoder' | 'audio-encoder' | 'audio-decoder' | 'aggregator'])[] = [
  ['GstBaseTransform', 'transform'],
  ['GstVideoEncoder', 'video-encoder'],
  ['GstVideoDecoder', 'video-decoder'],
  ['GstAudioEncoder', 'audio-encoder'],
  ['GstAudioDecoder', 'audio-decoder'],
  ['GstAggregator', 'aggregator'],
  ['GstBaseSrc', 'source'],
  ['GstBaseSink', 'sink'],
];

interface PoolEntry {
  pool: string | null;
  size: number;
  min: number;
  max: number;
}

/** One ALLOCATION query object: what travels downstream and what proposers fill. */
interface Query {
  readonly caps: Caps;
  readonly needPool: boolean;
  pools: PoolEntry[];
  params: AllocationParamEntry[];
  metas: string[];
}

export interface Decision {
  readonly pool: AllocationPool | null;
  readonly allocator: string | null;
  readonly params: AllocationParams;
}

/**
 * What an exporter does at decide_allocation (policy.ts): it allocates its buffer of `size` bytes from its
 * own allocator and probes it. Returns the allocator's name.
 */
export type ExporterDecide = (element: ElementNode, size: number | null) => string;

export interface AllocationRun {
  readonly reports: AllocationReport[];
  readonly notes: string[];
  /** per allocating element: what its decide_allocation chose */
  readonly decisions: ReadonlyMap<string, Decision>;
  /** transforms that pass on the buffers they receive once allocation is decided (passthrough, or in place: videocrop with crop meta) */
  readonly forwarding: ReadonlySet<ElementNode>;
  /**
   * elements whose decide_allocation failed, with GStreamer's message: basetransform runs it inside its
   * set_caps (after setting the src caps), so the sink pad's CAPS event fails and the sink pad keeps no caps
   */
  readonly refused: ReadonlyMap<ElementNode, string>;
}

const ZERO_PARAMS: AllocationParams = { flags: 0, align: 0, prefix: 0, padding: 0 };

const newQuery = (caps: Caps, needPool: boolean): Query => ({ caps, needPool, pools: [], params: [], metas: [] });

const clear = (q: Query): void => {
  q.pools = [];
  q.params = [];
  q.metas = [];
};

function propertyIs(el: ElementNode, name: string, value: boolean): boolean {
  return el.properties[name] === value || el.properties[name] === String(value);
}

/** The nearest implementation a model exists for: the element's own one, or the ancestor it chains up to. */
function known<T extends string>(owner: string | null | undefined, chain: readonly string[], models: readonly T[]): T | null {
  if (owner === null || owner === undefined) return null;
  for (const t of chain.slice(Math.max(0, chain.indexOf(owner)))) if ((models as readonly string[]).includes(t)) return t as T;
  return null;
}

/**
 * How `el` takes part, from its base class (the registry's typeChain, else its profile) and the facts the
 * importer recorded. `note` collects what is assumed where a subclass's own vmethod is not modelled.
 */
function partOf(el: ElementNode, factory: ElementFactory | undefined, note: (text: string) => void): Part {
  const p = el.profile;
  if (p?.kind === 'proxy') return { kind: 'queue' };
  if (p?.kind === 'tee') return { kind: 'tee' };
  const chain = factory?.typeChain ?? [];
  const v = factory?.vfuncs;
  const own = (vfunc: string, base: string, assumed: string): void => {
    const owner = v?.[vfunc];
    if (owner !== undefined && owner !== null && owner !== base) note(`${el.name} (${el.factory}): ${vfunc} of ${owner} not modelled, ${assumed}`);
  };
  let base = BASE_PARTS.find(([t]) => chain.includes(t))?.[1];
  // a profile says how the element negotiates caps, not which base class it is: it stands in only when
  // the ancestry is unknown, or for a bin whose inside it models (fakevideosink)
  if (base === undefined && p !== null && (chain.length === 0 || chain.includes('GstBin'))) {
    base = p.kind === 'video-codec' ? (p.role === 'encoder' ? 'video-encoder' : 'video-decoder') : p.kind;
  }
  switch (base) {
    case 'source':
      return { kind: 'source' };
    case 'sink': {
      if (el.factory === 'fakevideosink') return { kind: 'sink', propose: 'fakevideosink' };
      const owner = v?.propose_allocation;
      // videocodectestsink lists GstVideoMeta only (it maps frames with their video meta)
      if (owner === 'GstVideoCodecTestSink') return { kind: 'sink', propose: 'video-meta' };
      own('propose_allocation', 'GstVideoCodecTestSink', 'assumed to answer FALSE as GstBaseSink does without one');
      return { kind: 'sink', propose: 'none' };
    }
    case 'transform':
      return transformPart(el, factory, chain, note);
    case 'video-encoder':
    case 'video-decoder':
    case 'audio-encoder':
    case 'audio-decoder': {
      const [media, role] = base.split('-') as ['video' | 'audio', 'encoder' | 'decoder'];
      const baseType = media === 'video' ? (role === 'encoder' ? 'GstVideoEncoder' : 'GstVideoDecoder') : role === 'encoder' ? 'GstAudioEncoder' : 'GstAudioDecoder';
      // a video encoder's own propose_allocation lists GstVideoMeta and chains up (jpegenc, pngenc, vp8enc, ...)
      const owner = v?.propose_allocation;
      const metaFirst = media === 'video' && role === 'encoder' && (owner === undefined ? p?.kind === 'video-codec' : owner !== null && owner !== baseType);
      if (metaFirst && owner !== undefined && owner !== 'GstJpegEnc') note(`${el.name} (${el.factory}): propose_allocation of ${owner} assumed to list GstVideoMeta and chain up to GstVideoEncoder's, as jpegenc, pngenc and vp8enc do`);
      else own('propose_allocation', baseType, `assumed to chain up to ${baseType}'s`);
      const decideOwner = v?.decide_allocation;
      const ownDecide = media === 'video' && role === 'decoder' && (decideOwner === undefined ? p?.kind === 'video-codec' : decideOwner !== null && decideOwner !== baseType);
      if (ownDecide && decideOwner !== undefined && !['GstJpegDec', 'GstPngDec', 'GstVPXDec', 'GstTheoraDec', 'GstWebPDec', 'GstOpenJPEGDec'].includes(decideOwner ?? '')) {
        note(`${el.name} (${el.factory}): decide_allocation of ${decideOwner} assumed to add the VideoMeta option when downstream lists GstVideoMeta, as jpegdec, vp8dec and theoradec do`);
      }
      return { kind: 'codec', media, role, metaFirst, ownDecide };
    }
    case 'aggregator': {
      const owner = v?.propose_allocation;
      const video = owner === 'GstVideoAggregator';
      if (!video) own('propose_allocation', 'GstVideoAggregator', 'assumed to answer FALSE as GstAggregator does without one');
      return { kind: 'aggregator', video };
    }
    default:
      break;
  }
  if (el.factory === 'deinterlace') return { kind: 'deinterlace', passthrough: deinterlacePassthrough(el) };
  // no base class that handles ALLOCATION: gst_pad_query_default (or a bin's ghost pads into unknown children)
  if (factory?.padFlags !== undefined && !chain.includes('GstBin')) {
    const proxy = new Set(Object.entries(factory.padFlags).filter(([, flags]) => flags.includes('proxy-allocation')).map(([pad]) => pad));
    // the text overlays and overlaycomposition ask downstream at negotiation whether it takes the overlay meta
    return { kind: 'element', proxy: [...proxy], asks: chain.includes('GstBaseTextOverlay') || chain.includes('GstOverlayComposition') };
  }
  return { kind: 'unknown' };
}

/** gst_deinterlace_update_passthrough: mode disabled, or auto on progressive input */
function deinterlacePassthrough(el: ElementNode): boolean {
  const mode = String(el.properties['mode'] ?? 'auto');
  if (mode === 'disabled' || mode === '2') return true;
  if (mode === 'interlaced' || mode === '1') return false;
  const s = el.sinkPads()[0]?.caps?.structure(0);
  const interlace = s === undefined ? undefined : getField(s, 'interlace-mode');
  return interlace === undefined || (interlace.kind === 'string' && interlace.value === 'progressive');
}

function transformPart(el: ElementNode, factory: ElementFactory | undefined, chain: readonly string[], note: (text: string) => void): TransformPart {
  const v = factory?.vfuncs;
  const t = factory?.transform;
  const video = chain.includes('GstVideoFilter');
  const equalCaps = el.passthrough === true;
  const ownPassthrough = OWN_PASSTHROUGH[el.factory];
  let forwards: boolean;
  if (t?.inPlace === undefined) forwards = IN_PLACE_WITHOUT_FACTS.has(el.factory) || (equalCaps && el.factory !== 'videocrop');
  else {
    // GstVideoFilter's set_caps puts a subclass without transform_frame in place
    const inPlace = t.inPlace || (video && v?.transform_frame === null) || OWN_IN_PLACE[el.factory]?.(el) === true;
    // passthrough: the class flag on equal caps, the element's own set_caps, or what a fresh instance is
    // (elements passthrough at their default properties: videobalance, gamma, the equalizers)
    const passthrough = t.passthrough === true || (equalCaps && (t.passthroughOnSameCaps || ownPassthrough?.(el) === true));
    forwards = inPlace || passthrough;
    if (t.passthrough === true && !inPlace && Object.keys(el.properties).some((k) => k !== 'name')) {
      note(`${el.name} (${el.factory}): passthrough at its default properties; whether the properties set here change that is not modelled`);
    }
  }
  const decideOwner = known(v?.decide_allocation, chain, ['GstVideoCrop', 'GstVideoFilter', 'GstBaseTransform'] as const);
  const proposeOwner = known(v?.propose_allocation, chain, ['GstVideoCrop', 'GstVideoRate', 'GstVideoFilter', 'GstBaseTransform'] as const);
  const decide = decideOwner === 'GstVideoCrop' ? 'video-crop' : decideOwner === 'GstVideoFilter' || (decideOwner === null && video) ? 'video-filter' : 'base';
  const propose = proposeOwner === 'GstVideoCrop' ? 'video-crop' : proposeOwner === 'GstVideoFilter' || (proposeOwner === null && video) ? 'video-filter' : 'base';
  for (const [vfunc, owner] of [['decide_allocation', v?.decide_allocation], ['propose_allocation', v?.propose_allocation]] as const) {
    if (owner !== undefined && owner !== null && !['GstVideoCrop', 'GstVideoRate', 'GstVideoFilter', 'GstBaseTransform'].includes(owner)) {
      note(`${el.name} (${el.factory}): ${vfunc} of ${owner} not modelled, assumed to chain up to ${video ? 'GstVideoFilter' : 'GstBaseTransform'}'s`);
    }
  }
  const filterOwner = v?.filter_meta;
  let keeps: ((api: string) => boolean) | null = null;
  if (filterOwner !== undefined && filterOwner !== null) {
    keeps = FILTER_META[filterOwner] ?? (() => true);
    if (FILTER_META[filterOwner] === undefined) note(`${el.name} (${el.factory}): filter_meta of ${filterOwner} not modelled, assumed to keep every meta without the memory tag`);
  }
  return { kind: 'transform', forwards, decide, propose, keeps };
}

/** Elements in link order (upstream first): a DFS over src pads' peers. */
function topological(elements: readonly ElementNode[]): ElementNode[] {
  const seen = new Set<ElementNode>();
  const order: ElementNode[] = [];
  const visit = (start: ElementNode): void => {
    const stack: { el: ElementNode; i: number }[] = [{ el: start, i: 0 }];
    seen.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const outs = top.el.srcPads();
      if (top.i >= outs.length) {
        order.push(top.el);
        stack.pop();
        continue;
      }
      const next = outs[top.i++]!.peer?.element;
      if (next !== undefined && !seen.has(next)) {
        seen.add(next);
        stack.push({ el: next, i: 0 });
      }
    }
  };
  for (const el of elements) if (!seen.has(el)) visit(el);
  return order.reverse();
}

/** a query a tee sends down one branch while answering its own (driven by Simulation.send) */
interface SendAsk {
  readonly src: PadNode;
  readonly q: Query;
  readonly from: ElementNode;
}
type AllocOp<T> = Generator<SendAsk, T, boolean>;

class Simulation {
  readonly reports: AllocationReport[] = [];
  readonly notes: string[] = [];
  readonly decisions = new Map<string, Decision>();
  /** the metas that survived a transform's own decide: what its propose_allocation copies upstream */
  private readonly kept = new Map<ElementNode, string[]>();
  private readonly parts = new Map<ElementNode, Part>();
  /** transforms that forward upstream queries: passthrough or in place at setcaps, or after their decide (videocrop) */
  readonly forwarding = new Set<ElementNode>();
  readonly refused = new Map<ElementNode, string>();
  private readonly noted = new Set<string>();

  constructor(
    private readonly exporterDecide: ExporterDecide | null,
    private readonly lookup: FactoryLookup | null,
    private readonly peerCaps: PeerQueryCaps | null,
  ) {}

  private note(text: string): void {
    if (this.noted.has(text)) return;
    this.noted.add(text);
    this.notes.push(text);
  }

  private part(el: ElementNode): Part {
    let part = this.parts.get(el);
    if (part === undefined) {
      part = partOf(el, this.lookup?.(el.model.child ?? el.factory), (t) => this.note(t));
      this.parts.set(el, part);
      if (part.kind === 'transform' && part.forwards) this.forwarding.add(el);
    }
    return part;
  }

  /** Does this element run decide_allocation for its src pads? */
  private allocates(el: ElementNode): boolean {
    if (el.srcPads().length === 0) return false;
    const part = this.part(el);
    switch (part.kind) {
      case 'source':
      case 'codec':
      case 'aggregator':
      case 'unknown':
        return true;
      case 'transform':
        return !this.forwarding.has(el);
      case 'deinterlace':
        return true; // its setcaps queries downstream, passthrough or not
      default:
        return false;
    }
  }

  /**
   * gst_pad_peer_query(srcpad, ALLOCATION): the answer, and one report per link the query crossed. Elements
   * that forward the very query (queue, in-place or passthrough transforms) are followed in a loop, not by
   * recursion, so a chain of thousands of them costs no stack; each link's report is the query as it came
   * back through that link. A tee asks each branch with a query of its own: those nested queries are
   * yielded to an explicit stack here, so tees nested thousands deep cost heap, not native stack.
   */
  send(src: PadNode, q: Query, from: ElementNode): boolean {
    const stack: AllocOp<boolean>[] = [this.sendOp(src, q, from)];
    let input: boolean | undefined = undefined;
    for (;;) {
      const r = stack[stack.length - 1]!.next(input as boolean);
      if (r.done === true) {
        stack.pop();
        if (stack.length === 0) return r.value;
        input = r.value;
        continue;
      }
      stack.push(this.sendOp(r.value.src, r.value.q, r.value.from));
      input = undefined;
    }
  }

  private *sendOp(src: PadNode, q: Query, from: ElementNode): AllocOp<boolean> {
    const crossed: PadNode[] = [];
    let pad = src;
    let answered = false;
    for (;;) {
      crossed.push(pad);
      const peer = pad.peer;
      if (peer === null) break;
      const next = this.forwardsTo(peer);
      if (next === 'refuse') break;
      if (next === null) {
        answered = yield* this.answer(peer, q);
        break;
      }
      pad = next;
    }
    if (!answered) clear(q);
    for (let i = crossed.length - 1; i >= 0; i--) {
      const link = crossed[i]!;
      // videorate keeps one buffer back: one more in every pool downstream asked for
      const through = crossed[i + 1]?.element;
      if (answered && through?.factory === 'videorate') videoRateProposal(q);
      if (link.peer !== null) this.report(link, link.peer, q, answered, from);
    }
    return answered;
  }

  private report(src: PadNode, sink: PadNode, q: Query, answered: boolean, from: ElementNode): void {
    this.reports.push({
      src: src.id,
      sink: sink.id,
      needPool: q.needPool,
      answered,
      from: from.name,
      pools: q.pools.map((p) => ({ size: p.size, min: p.min, max: p.max, pool: p.pool })),
      allocators: q.params.filter((p) => p.allocator !== null).map((p) => p.allocator!),
      params: q.params[0] === undefined ? null : paramsOf(q.params[0]),
      paramEntries: q.params.map((p) => ({ ...p })),
      metas: [...q.metas],
      decided: null,
    });
  }

  /** The src pad an element forwards the query through, 'refuse' when it answers FALSE at once, null when it answers itself. */
  private forwardsTo(pad: PadNode): PadNode | 'refuse' | null {
    const el = pad.element;
    const part = this.part(el);
    switch (part.kind) {
      case 'queue':
        return pairedSrc(pad) ?? 'refuse'; // serialized: answered in data order downstream
      case 'transform':
        if (el.factory === 'identity' && propertyIs(el, 'drop-allocation', true)) return 'refuse';
        return this.forwarding.has(el) ? (el.srcPads()[0] ?? 'refuse') : null;
      case 'deinterlace':
        return part.passthrough ? (el.srcPads()[0] ?? 'refuse') : null;
      case 'element':
        // gst_pad_query_default: forwarded to the internally linked pads only from a PROXY_ALLOCATION pad
        return part.proxy.includes(pad.templateName) ? (el.srcPads()[0] ?? 'refuse') : 'refuse';
      default:
        return null;
    }
  }

  /** An element's own answer to a query arriving on its sink pad `pad` (§4.3). */
  private *answer(pad: PadNode, q: Query): AllocOp<boolean> {
    const el = pad.element;
    const part = this.part(el);
    switch (part.kind) {
      case 'source':
      case 'queue':
      case 'element':
        return false;
      case 'unknown':
        this.note(`${el.name} (${el.factory}): propose_allocation not modelled (known by its templates only), assumed to answer FALSE`);
        return false;
      case 'sink':
        if (part.propose === 'fakevideosink') return this.fakeVideoSinkPropose(el, q);
        if (part.propose === 'video-meta') q.metas.push(VIDEO_META);
        return part.propose !== 'none';
      case 'tee':
        return yield* this.teePropose(el, q);
      case 'transform':
        // videocrop lists the metas it can apply itself, then chains up to GstVideoFilter's
        if (part.propose === 'video-crop') q.metas.push(VIDEO_META, VIDEO_CROP_META);
        // basetransform default: the metas its own decide kept; GstVideoFilter adds a pool of its own
        for (const m of this.kept.get(el) ?? []) q.metas.push(m);
        if (part.propose !== 'base') this.offerVideoPool(el, q, true);
        return true;
      case 'codec':
        // GstAudioEncoder/Decoder and GstVideoDecoder propose nothing and answer TRUE
        if (part.media === 'video' && part.role === 'encoder') {
          if (part.metaFirst) q.metas.push(VIDEO_META);
          this.offerVideoPool(el, q, true);
        }
        return true;
      case 'aggregator':
        // GstVideoAggregator: a video pool of the frame size, GstVideoMeta, no allocation params
        if (!part.video) return false;
        this.offerVideoPool(el, q, false);
        return true;
      case 'deinterlace':
        // gst_deinterlace_propose_allocation: a video pool (size, 0, 0) and GstVideoMeta, no params
        this.offerVideoPool(el, q, false);
        return true;
    }
  }

  /** GstVideoFilter / GstVideoEncoder / GstVideoAggregator: a GstVideoBufferPool (caps, info.size, 0, 0), align 15 (not the aggregator), GstVideoMeta */
  private offerVideoPool(el: ElementNode, q: Query, params: boolean): void {
    if (q.pools.length === 0) {
      if (params && q.params.length === 0) q.params.push({ allocator: null, flags: 0, align: 15, prefix: 0, padding: 0 });
      const size = capsFrameSize(q.caps);
      if (size !== null) q.pools.push({ pool: VIDEO_BUFFER_POOL, size, min: 0, max: 0 });
      else this.note(`${el.name}: frame size of ${q.caps.toString()} unknown, no pool proposed`);
    }
    q.metas.push(VIDEO_META);
  }

  private fakeVideoSinkPropose(el: ElementNode, q: Query): boolean {
    const size = capsFrameSize(q.caps);
    if (size === null) {
      this.note(`${el.name}: frame size of ${q.caps.toString()} unknown, no pool proposed`);
      return false;
    }
    // min = 1 + one more when the last sample is kept (enable-last-sample, TRUE by default)
    q.pools.push({ pool: null, size, min: propertyIs(el, 'enable-last-sample', false) ? 1 : 2, max: 0 });
    q.metas.push(VIDEO_META, VIDEO_CROP_META, OVERLAY_COMPOSITION_META);
    return true;
  }

  /** tee's own aggregation over its branches (§3.5) */
  private *teePropose(el: ElementNode, q: Query): AllocOp<boolean> {
    let size = 0;
    let min = 0;
    let align = 0;
    let prefix = 0;
    let padding = 0;
    let metas: string[] | null = null;
    let answered = 0;
    for (const src of el.srcPads()) {
      if (src.peer === null) {
        if (propertyIs(el, 'allow-not-linked', true)) continue;
        return false;
      }
      const sub = newQuery(q.caps, false);
      if (!(yield { src, q: sub, from: el })) return false;
      answered++;
      for (const p of sub.params) {
        align = Math.max(align, p.align);
        prefix = Math.max(prefix, p.prefix);
        padding = Math.max(padding, p.padding);
      }
      const first = sub.pools[0];
      if (first !== undefined) {
        size = Math.max(size, first.size);
        min = Math.max(min, first.min);
      }
      metas = metas === null ? [...sub.metas] : metas.filter((m) => sub.metas.includes(m));
    }
    if (answered > 1) min += 1;
    if (align !== 0 || prefix !== 0 || padding !== 0) q.params.push({ allocator: null, flags: 0, align, prefix, padding });
    if (size !== 0) q.pools.push({ pool: null, size, min, max: 0 });
    for (const m of metas ?? []) q.metas.push(m);
    return true;
  }

  /** decide_allocation of `el` on the answered (or unanswered) query of its src pad (§4.4). */
  decide(el: ElementNode, q: Query): Decision {
    const part = this.part(el);
    const param = q.params[0];
    const allocator = param?.allocator ?? null;
    const params = param === undefined ? ZERO_PARAMS : paramsOf(param);
    const entry = q.pools[0];
    const frame = capsFrameSize(q.caps);
    let pool: AllocationPool | null;

    if (part.kind === 'transform') {
      // videocrop: nothing to crop → passthrough; downstream that takes crop and video metas gets the
      // buffer in place, cropped by meta; either way upstream queries are forwarded from now on
      if (part.decide === 'video-crop' && (el.passthrough === true || (q.metas.includes(VIDEO_CROP_META) && q.metas.includes(VIDEO_META)))) {
        this.forwarding.add(el);
        return { pool: null, allocator: null, params: ZERO_PARAMS };
      }
      // gst_video_crop_decide_allocation: cropping, no crop meta downstream, and caps not in system memory
      const f = q.caps.entries[0]?.features ?? null;
      const raw = f === null || (!f.any && f.names.length === 1 && f.names[0] === 'memory:SystemMemory');
      if (part.decide === 'video-crop' && !raw) this.refused.set(el, "Dowstream doesn't support crop for non-raw caps");
      // drop the memory-tagged metas, then what filter_meta refuses (without filter_meta: everything)
      const keeps = part.keeps;
      this.kept.set(el, keeps === null ? [] : q.metas.filter((m) => !MEMORY_TAGGED.has(m) && keeps(m)));
    }

    if (part.kind === 'deinterlace') {
      // gst_deinterlace_do_bufferpool: downstream's first pool or a video pool of its own (at least 4
      // buffers, for the fields the method looks at), always with the VideoMeta option
      const size = entry?.size ?? frame ?? 0;
      const decided: AllocationPool = { pool: entry?.pool ?? VIDEO_BUFFER_POOL, size, min: entry?.min ?? 4, max: entry?.max ?? 0, options: [OPTION_VIDEO_META] };
      return { pool: part.passthrough ? null : decided, allocator, params };
    }
    const listsVideoMeta = q.metas.includes(VIDEO_META) ? [OPTION_VIDEO_META] : [];
    if (part.kind === 'aggregator' && part.video) {
      // gst_video_aggregator_decide_allocation: align at least 15, downstream's first pool or a video pool of
      // its own, at least the frame size, the VideoMeta option when downstream lists GstVideoMeta
      const size = Math.max(entry?.size ?? 0, frame ?? 0);
      const aligned = { ...params, align: Math.max(params.align, 15) };
      return { pool: { pool: entry?.pool ?? VIDEO_BUFFER_POOL, size, min: entry?.min ?? 0, max: entry?.max ?? 0, options: listsVideoMeta }, allocator, params: aligned };
    }
    if (
      (part.kind === 'source' && el.factory === 'videotestsrc') ||
      (part.kind === 'transform' && part.decide !== 'base') ||
      (part.kind === 'codec' && part.media === 'video' && part.role === 'decoder')
    ) {
      // these always end with a GstVideoBufferPool, sized at least to the frame; GstVideoFilter always
      // sets the VideoMeta option, videotestsrc and the decoders' own decide when downstream lists the meta
      const size = Math.max(entry?.size ?? 0, frame ?? 0);
      const options = part.kind === 'transform' ? [OPTION_VIDEO_META] : part.kind === 'codec' && !part.ownDecide ? [] : listsVideoMeta;
      pool = { pool: entry?.pool ?? VIDEO_BUFFER_POOL, size, min: entry?.min ?? 0, max: entry?.max ?? 0, options };
    } else if (part.kind === 'codec') {
      pool = null; // GstVideoEncoder, GstAudioEncoder/Decoder: allocator and params only
    } else if (entry !== undefined) {
      // basesrc / basetransform default: entry 0, a NULL pool becomes a generic GstBufferPool
      pool = { pool: entry.pool ?? BUFFER_POOL, size: entry.size, min: entry.min, max: entry.max, options: [] };
    } else pool = null; // no entry: no pool, buffers from gst_buffer_new_allocate

    let chosen = allocator;
    if (this.exporterDecide !== null) {
      const exported = this.exporterDecide(el, pool?.size ?? frame);
      if (exported !== '') chosen = exported;
    }
    if (part.kind === 'unknown') this.note(`${el.name} (${el.factory}): decide_allocation not modelled, the basesrc/basetransform default assumed`);
    if (part.kind === 'aggregator') this.note(`${el.name} (${el.factory}): decide_allocation of its GstAggregator not modelled, the basesrc default assumed`);
    return { pool, allocator: chosen, params };
  }

  run(elements: readonly ElementNode[]): void {
    const order = topological(elements);
    for (const el of order.slice().reverse()) {
      const part = this.part(el);
      if (part.kind === 'element' && part.asks) {
        // gst_base_text_overlay_negotiate: only when the caps carry the overlay composition feature or
        // downstream's CAPS answer for them with it added is not empty
        for (const src of el.srcPads()) {
          if (src.caps === null || src.peer === null) continue;
          const withMeta = withFeature(src.caps, OVERLAY_COMPOSITION_FEATURE);
          if (withMeta === src.caps || this.peerCaps === null || !this.peerCaps(src, withMeta).isEmpty()) this.send(src, newQuery(withMeta, false), el);
        }
        continue;
      }
      if (!this.allocates(el)) continue;
      for (const src of el.srcPads()) {
        // a basesrc whose caps stay ANY sets none, yet still queries (with NULL caps, shown here as ANY)
        const caps = src.caps ?? (part.kind === 'source' ? Caps.ANY : null);
        if (caps === null || src.peer === null) continue;
        const q = newQuery(caps, true);
        this.send(src, q, el);
        // the sender's own link is reported last: the answer reaches it last
        const own = this.reports.length - 1;
        const decision = this.decide(el, q);
        this.decisions.set(el.name, decision);
        if (this.reports[own]?.src === src.id) this.reports[own] = { ...this.reports[own]!, decided: { pool: decision.pool, allocator: decision.allocator, params: decision.params } };
      }
    }
    // forwarding basetransforms keep no pool, allocator or query (§4.4): say so on their links
    const owner = new Map<string, ElementNode>();
    for (const el of elements) for (const s of el.srcPads()) owner.set(s.id, el);
    for (let i = 0; i < this.reports.length; i++) {
      const r = this.reports[i]!;
      const el = owner.get(r.src);
      if (r.decided === null && el !== undefined && this.part(el).kind === 'transform') this.reports[i] = { ...r, decided: { pool: null, allocator: null } };
    }
  }
}

function paramsOf(p: AllocationParamEntry): AllocationParams {
  return { flags: p.flags, align: p.align, prefix: p.prefix, padding: p.padding };
}

/** The src pad a queue-like element passes a sink pad's data to: its only one, or src_N for sink_N (multiqueue). */
function pairedSrc(sink: PadNode): PadNode | undefined {
  const srcs = sink.element.srcPads();
  if (srcs.length <= 1) return srcs[0];
  const n = /_(\d+)$/.exec(sink.name)?.[1];
  return (n === undefined ? undefined : srcs.find((p) => p.name.endsWith(`_${n}`))) ?? srcs[0];
}

/**
 * gst_video_rate_propose_allocation on the answer it forwarded: a pool whose min equals its max is
 * dropped (remembering that min), the others ask one buffer more; with none left, a NULL pool of the
 * frame size with one more than the largest dropped min.
 */
function videoRateProposal(q: Query): void {
  let downMin = 0;
  q.pools = q.pools.filter((e) => {
    if (e.min !== e.max) return true;
    downMin = Math.max(downMin, e.min);
    return false;
  });
  for (const e of q.pools) e.min += 1;
  if (q.pools.length === 0) q.pools.push({ pool: null, size: capsFrameSize(q.caps) ?? 0, min: downMin + 1, max: 0 });
}

/** `caps` with `feature` added to every entry that has no ANY features (the same object when all have it). */
function withFeature(caps: Caps, feature: string): Caps {
  let changed = false;
  const entries = caps.entries.map((e) => {
    if (e.features?.any === true || e.features?.names.includes(feature) === true) return e;
    changed = true;
    return { structure: e.structure, features: { any: false, names: [...(e.features?.names ?? []), feature] } };
  });
  return changed ? Caps.fromEntries(entries) : caps;
}

/**
 * Run the ALLOCATION queries and decisions of a negotiated graph. `lookup` gives each factory's registry
 * record (typeChain and allocation facts); without it only the built-in profiles are known. `peerCaps`
 * answers the CAPS queries some elements make before they ask (a text overlay); without it they ask.
 */
export function simulateAllocation(
  elements: readonly ElementNode[],
  exporterDecide: ExporterDecide | null = null,
  lookup: FactoryLookup | null = null,
  peerCaps: PeerQueryCaps | null = null,
): AllocationRun {
  const sim = new Simulation(exporterDecide, lookup, peerCaps);
  sim.run(elements);
  return { reports: sim.reports, notes: sim.notes, decisions: sim.decisions, forwarding: sim.forwarding, refused: sim.refused };
}

/**
 * The metas an ALLOCATION query (need_pool FALSE) from `src` with `caps` comes back with: what an element
 * asking downstream while it negotiates learns (a text overlay: does downstream take the overlay meta).
 */
export function allocationMetas(src: PadNode, caps: Caps, lookup: FactoryLookup | null): readonly string[] {
  const q = newQuery(caps, false);
  const sim = new Simulation(null, lookup, null);
  return sim.send(src, q, src.element) ? q.metas : [];
}

/**
 * What `el` does with the buffers it receives, as its ALLOCATION part says (policy.ts walks protected
 * paths with it): 'forwards' (passthrough or in place: the same buffers go on), 'allocates' (it writes its
 * output into buffers of its own: a transform, a codec, an aggregator), 'pushes' (a plain GstElement
 * without a base class that allocates: assumed to push what it receives), 'end' (sources, sinks) or
 * 'unknown' (nothing known about it).
 */
export type BufferHandling = 'forwards' | 'allocates' | 'pushes' | 'end' | 'unknown';

export function bufferHandling(el: ElementNode, factory: ElementFactory | undefined): BufferHandling {
  const part = partOf(el, factory, () => {});
  switch (part.kind) {
    case 'transform':
      // videocrop with nothing to crop goes passthrough at its decide_allocation
      return part.forwards || (part.decide === 'video-crop' && el.passthrough === true) ? 'forwards' : 'allocates';
    case 'queue':
    case 'tee':
      return 'forwards';
    case 'deinterlace':
      return part.passthrough ? 'forwards' : 'allocates';
    case 'codec':
    case 'aggregator':
      return 'allocates';
    case 'element':
      return 'pushes';
    case 'source':
    case 'sink':
      return 'end';
    default:
      return 'unknown';
  }
}
