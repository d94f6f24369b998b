/**
 * GstBaseTransform (and GstVideoFilter / GstAudioFilter, which add set_info on top): one always sink
 * and one always src pad; CAPS queries go through transform_caps both ways (§3.2), a CAPS event runs
 * find_transform (transform_caps → what downstream allows → fixate_caps → ACCEPT_CAPS downstream), and
 * prefer_passthrough puts the input first. The default transform_caps is the identity, the default
 * fixate_caps gst_caps_fixate. Directions name the pad the `caps` are on: 'sink' transforms sink caps
 * into src caps, 'src' the other way.
 */
import { Caps } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';
import type { CapsEventResult, ModelHost } from '../engine/model.js';
import type { AllocationClass, AllocationDecision, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { Direction, ElementNode, Op, PadNode } from '../engine/model.js';
import { intersectFirst, peerAcceptCaps, peerQueryCaps, queryAcceptCaps, queryCaps, run } from '../engine/query.js';
import type { BehaviourProfile } from '../engine/profile.js';
import type { NegotiationError } from '../types.js';
import { decided, defaultPool, knownOwner, OPTION_VIDEO_META, offerVideoPool, VIDEO_META, videoPool, ZERO_PARAMS } from './allocation.js';
import { GstElementModel, templateAnswer, type ModelOptions } from './element.js';

export interface TransformContext {
  readonly properties: Readonly<Record<string, PropertyValue>>;
  /** capsfilter's `caps` (ANY when unset) */
  readonly filterCaps: Caps;
  /** the element's pad templates, for transforms that filter against the other pad's */
  readonly templates: { readonly sink: Caps; readonly src: Caps };
}

/** The vmethods a GstBaseTransform subclass overrides for negotiation: transform_caps, and fixate_caps (default gst_caps_fixate). */
export interface TransformImpl {
  transformCaps(ctx: TransformContext, direction: Direction, caps: Caps, filter: Caps | null): Caps;
  fixateCaps?(ctx: TransformContext, direction: Direction, caps: Caps, othercaps: Caps): Caps;
  /** GstVideoFilter's set_caps: why reading the fixed input and output caps (set_info) fails, or null */
  setInfo?(incaps: Caps, outcaps: Caps): string | null;
}

export type TransformVMethods = Partial<TransformImpl>;

/**
 * What a subclass changes in GstBaseTransform's ALLOCATION handling. Whether a fresh instance is in place or
 * passthrough, and which class installed decide_allocation / propose_allocation / filter_meta /
 * transform_frame, are the registry's facts; these are the subclass's own code behind them.
 */
export interface TransformAllocation {
  /** its set_caps / set_info turns passthrough on for equal caps (its class flag passthrough_on_same_caps is FALSE) */
  readonly passthroughOnSetCaps?: (el: ElementNode) => boolean;
  /** its set_caps puts it in place for the caps set */
  readonly inPlaceOnSetCaps?: (el: ElementNode) => boolean;
  /** transform_ip only: in place (what a snapshot without instance facts cannot say) */
  readonly inPlace?: boolean;
  /** its sink pad's query handler answers FALSE to ALLOCATION (identity drop-allocation=true) */
  readonly refusesAllocation?: (el: ElementNode) => boolean;
  /** its propose_allocation on the answer it forwarded in passthrough (no decide query) */
  readonly proposeForwarded?: (q: AllocationQuery, host: AllocationHost) => void;
  /** its own propose_allocation: what it adds before chaining up */
  readonly proposeAllocation?: (q: AllocationQuery) => void;
  /** its own decide_allocation: true when it goes passthrough instead (no pool; upstream queries forwarded from then on), false to chain up */
  readonly decideAllocation?: (el: ElementNode, q: AllocationQuery, host: AllocationHost) => boolean;
  /** its own filter_meta: which metas the default decide keeps */
  readonly filterMeta?: (api: string) => boolean;
}

/** meta APIs carrying the `memory` tag: dropped by every transform's decide (§4.4, §4.7) */
const MEMORY_TAGGED = new Set([VIDEO_META]);

/** How the element takes part after its set_caps (gstbasetransform.c, gstvideofilter.c). */
interface TransformState {
  /** passthrough or in place: no query of its own, upstream queries are forwarded */
  forwards: boolean;
  /** decide_allocation: GstBaseTransform's default or GstVideoFilter's (a video pool with VideoMeta); `ownDecide` runs first */
  readonly decide: 'base' | 'video-filter';
  readonly ownDecide: boolean;
  /** propose_allocation when it allocates: the kept metas, GstVideoFilter adds a video pool; `ownPropose` adds first */
  readonly propose: 'base' | 'video-filter';
  readonly ownPropose: boolean;
  /** which metas its decide keeps (filter_meta); null: none (no filter_meta) */
  readonly keeps: ((api: string) => boolean) | null;
  /** the metas that survived its own decide: what its propose_allocation copies upstream */
  kept: string[];
}

const BASE_IMPLEMENTATIONS = ['GstVideoFilter', 'GstBaseTransform'] as const;

export interface TransformOptions extends ModelOptions, TransformVMethods {
  /** the name its profile gives its transform_caps / fixate_caps (the factory's, by convention) */
  readonly algorithm: string;
  /** the GType whose defaults it runs (default GstBaseTransform) */
  readonly baseClass?: string;
  /** basetransform prefer_passthrough (default true; capsfilter turns it off) */
  readonly preferPassthrough?: boolean;
  /** the subclass has set_caps: a buffer without negotiated caps is not-negotiated (default true) */
  readonly needsCaps?: boolean;
  /** ACCEPT_CAPS asks the peer on the other side (identity) */
  readonly acceptProxy?: boolean;
  /** not a basetransform (imagefreeze): its output is what it fixates, never the input handed on as it came */
  readonly ownOutput?: boolean;
  /** passes TAG events on without adding any (default true; false for a filter assumed from templates) */
  readonly tagNeutral?: boolean;
  /** the model has no profile of its own (a base class chosen from the registry, or a template-only guess) */
  readonly unprofiled?: boolean;
  /** its own allocation code (see TransformAllocation) */
  readonly allocation?: TransformAllocation;
}

type TransformProfile = Extract<BehaviourProfile, { kind: 'transform' }>;

export class BaseTransform extends GstElementModel {
  override readonly baseClass: string;
  /** the profile it runs by; `profile` is null when the element has none of its own */
  readonly transform: TransformProfile;
  override readonly profile: BehaviourProfile | null;
  override readonly tagNeutral: boolean;
  private readonly vm: TransformVMethods;
  private readonly alloc: TransformAllocation;

  constructor(options: TransformOptions) {
    super(options);
    this.baseClass = options.baseClass ?? 'GstBaseTransform';
    this.transform = {
      kind: 'transform',
      algorithm: options.algorithm,
      preferPassthrough: options.preferPassthrough ?? true,
      ...(options.acceptProxy === undefined ? {} : { acceptProxy: options.acceptProxy }),
      needsCaps: options.needsCaps ?? true,
      ...(options.ownOutput === undefined ? {} : { ownOutput: options.ownOutput }),
    };
    this.profile = options.unprofiled === true ? null : this.transform;
    this.tagNeutral = options.tagNeutral ?? true;
    this.vm = { transformCaps: options.transformCaps, fixateCaps: options.fixateCaps, setInfo: options.setInfo } as TransformVMethods;
    this.alloc = options.allocation ?? {};
  }

  /** the same transform_caps and fixate_caps run by another profile's flags (a user's profile naming this algorithm) */
  withProfile(profile: TransformProfile): BaseTransform {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as BaseTransform;
    Object.assign(copy, this, { transform: profile, profile });
    return copy;
  }

  transformCaps(ctx: TransformContext, direction: Direction, caps: Caps, filter: Caps | null): Caps {
    if (this.vm.transformCaps !== undefined) return this.vm.transformCaps(ctx, direction, caps, filter);
    return filter === null ? caps : intersectFirst(filter, caps);
  }

  fixateCaps(ctx: TransformContext, direction: Direction, caps: Caps, othercaps: Caps): Caps {
    return this.vm.fixateCaps !== undefined ? this.vm.fixateCaps(ctx, direction, caps, othercaps) : othercaps.fixate();
  }

  context(el: ElementNode): TransformContext {
    return {
      properties: el.properties,
      filterCaps: el.filterCaps ?? Caps.ANY,
      templates: { sink: el.sinkPads()[0]?.template ?? Caps.ANY, src: el.srcPads()[0]?.template ?? Caps.ANY },
    };
  }

  /** gst_base_transform_query_caps (§3.2) */
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    const el = pad.element;
    const ctx = this.context(el);
    const other = el.internalLinks(pad)[0];
    if (other === undefined) return templateAnswer(host, pad, filter);
    const templ = pad.template;
    const otempl = other.template;
    let peerfilter: Caps | null = null;
    if (filter !== null) {
      const f1 = intersectFirst(filter, templ);
      peerfilter = this.transformCaps(ctx, pad.direction, f1, null);
      if (peerfilter.isEmpty()) {
        host.inter.first1(pad, filter, 'filter', templ, `${pad.id} template`);
        return peerfilter;
      }
      peerfilter = intersectFirst(peerfilter, otempl);
    }
    const peercaps = yield* peerQueryCaps(other, peerfilter);
    const t = intersectFirst(peercaps, otempl);
    let caps = this.transformCaps(ctx, other.direction, t, filter);
    if (caps.isEmpty()) return caps;
    caps = intersectFirst(caps, templ);
    if (this.transform.preferPassthrough) {
      const pt = intersectFirst(peercaps, caps);
      // merging caps into themselves changes nothing (an ANY peer hands back the same object)
      if (!pt.isEmpty() && pt !== caps) caps = pt.merge(caps);
    }
    return caps;
  }

  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    const el = pad.element;
    const other = el.internalLinks(pad)[0];
    if (this.transform.acceptProxy === true && other !== undefined) {
      if (!caps.canIntersect(pad.template)) return false;
      return yield* peerAcceptCaps(other, caps);
    }
    if (!caps.canIntersect(pad.template)) return false;
    if (other === undefined) return true;
    const ocaps = this.transformCaps(this.context(el), pad.direction, caps, null);
    return !intersectFirst(ocaps, other.template).isEmpty();
  }

  /** basetransform setcaps → find_transform (§3.2) */
  override setCaps(host: ModelHost, sink: PadNode, incaps: Caps): CapsEventResult {
    const el = sink.element;
    const src = el.srcPads()[0];
    if (src === undefined) return { ok: true, pushes: [] };
    const ctx = this.context(el);
    let other = this.transformCaps(ctx, 'sink', incaps, null);
    if (!other.isEmpty()) other = intersectFirst(other, src.template);
    if (other.isEmpty()) {
      host.inter.first1(sink, incaps, `${sink.id} caps`, src.template, `${src.id} template`);
      return { ok: false, error: host.notNegotiated(sink, `${el.name} cannot transform ${incaps.toString()}`) };
    }
    if (!other.isFixed()) {
      if (src.peer !== null) {
        const peercaps = run(host, queryCaps(src.peer, other));
        if (!peercaps.isEmpty()) other = intersectFirst(intersectFirst(peercaps, src.template), other);
        else {
          host.inter.first1(src, other, `${el.name} output`, peercaps, src.peer.id);
          other = peercaps;
        }
      } else other = incaps;
      if (other.isEmpty()) {
        host.step({ element: el.name, pad: 'src', offered: this.transformCaps(ctx, 'sink', incaps, null), accepted: Caps.EMPTY, note: 'downstream accepts none of the possible outputs' });
        return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts none of the outputs for ${incaps.toString()}`) };
      }
    }
    other = this.fixateCaps(ctx, 'sink', incaps, other);
    if (!other.isFixed()) return { ok: false, error: host.notNegotiated(src, `${el.name}: could not fixate ${other.toString()}`) };
    if (src.peer !== null && !run(host, queryAcceptCaps(src.peer, other))) {
      return { ok: false, error: host.notNegotiated(src.peer, `${src.peer.id} does not accept ${other.toString()}`) };
    }
    const refusal = this.vm.setInfo?.(incaps, other) ?? null;
    if (refusal !== null) return { ok: false, error: host.notNegotiated(sink, `${el.name}: set_caps refused ${incaps.toString()} -> ${other.toString()} (${refusal})`) };
    if (this.transform.ownOutput !== true && other.isEqual(incaps)) other = incaps;
    el.passthrough = other === incaps;
    host.step({ element: el.name, pad: 'src', offered: incaps, accepted: other, note: el.passthrough ? 'passthrough' : 'transforms' });
    return { ok: true, pushes: [{ pad: src, caps: other }] };
  }

  /** a subclass with set_caps refuses a buffer before caps (§7.3 #5); else the buffer goes on */
  override bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[] {
    const src = sink.element.srcPads()[0];
    if (src === undefined) return [];
    if (this.transform.needsCaps) return host.notNegotiated(sink, `${sink.element.name} received a buffer before any caps (not negotiated)`);
    return [src];
  }

  // ---- allocation: the default query handler, propose_allocation and decide_allocation ------------------
  override get allocationClass(): AllocationClass {
    return 'GstBaseTransform';
  }
  override readonly forwardingKeepsNothing: boolean = true;

  /** what set_caps decided, from the registry's facts and the subclass's own code; notes what is not modelled */
  private allocationState(host: AllocationHost, el: ElementNode): TransformState {
    return host.state(el, this.makeAllocationState);
  }

  private readonly makeAllocationState = (host: AllocationHost, el: ElementNode): TransformState => {
    const factory = host.facts(el);
    const chain = factory?.typeChain ?? [];
    const v = factory?.vfuncs;
    const t = factory?.transform;
    const a = this.alloc;
    const video = chain.includes('GstVideoFilter');
    const equalCaps = el.passthrough === true;
    let forwards: boolean;
    // without instance facts: in place as the model says; on equal caps passthrough, unless its own decide decides that
    if (t?.inPlace === undefined) forwards = a.inPlace === true || (equalCaps && a.decideAllocation === undefined);
    else {
      // GstVideoFilter's set_caps puts a subclass without transform_frame in place
      const inPlace = t.inPlace || (video && v?.transform_frame === null) || a.inPlaceOnSetCaps?.(el) === true;
      // passthrough: the class flag on equal caps, the element's own set_caps, or what a fresh instance is
      // (elements passthrough at their default properties: videobalance, gamma, the equalizers)
      const passthrough = t.passthrough === true || (equalCaps && (t.passthroughOnSameCaps || a.passthroughOnSetCaps?.(el) === true));
      forwards = inPlace || passthrough;
      if (t.passthrough === true && !inPlace && Object.keys(el.properties).some((k) => k !== 'name')) {
        host.note(`${el.name} (${el.factory}): passthrough at its default properties; whether the properties set here change that is not modelled`);
      }
    }
    const ownOf = (owner: string | null | undefined): owner is string => owner !== undefined && owner !== null && !(BASE_IMPLEMENTATIONS as readonly string[]).includes(owner);
    const kind = (owner: string | null | undefined): 'base' | 'video-filter' => {
      const known = knownOwner(owner, chain, BASE_IMPLEMENTATIONS);
      return known === 'GstVideoFilter' || (known === null && video) ? 'video-filter' : 'base';
    };
    const decideOwner = v?.decide_allocation;
    const proposeOwner = v?.propose_allocation;
    const ownDecide = ownOf(decideOwner) && a.decideAllocation !== undefined;
    const ownPropose = ownOf(proposeOwner) && (a.proposeAllocation !== undefined || a.proposeForwarded !== undefined);
    for (const [vfunc, owner, modelled] of [['decide_allocation', decideOwner, ownDecide], ['propose_allocation', proposeOwner, ownPropose]] as const) {
      if (ownOf(owner) && !modelled) note(`${vfunc} of ${owner} not modelled, assumed to chain up to ${video ? 'GstVideoFilter' : 'GstBaseTransform'}'s`);
    }
    const filterOwner = v?.filter_meta;
    let keeps: ((api: string) => boolean) | null = null;
    if (filterOwner !== undefined && filterOwner !== null) {
      keeps = a.filterMeta ?? (() => true);
      if (a.filterMeta === undefined) note(`filter_meta of ${filterOwner} not modelled, assumed to keep every meta without the memory tag`);
    }
    return { forwards, decide: kind(decideOwner), ownDecide, propose: kind(proposeOwner), ownPropose: ownPropose && a.proposeAllocation !== undefined, keeps, kept: [] };

    function note(text: string): void {
      host.note(`${el.name} (${el.factory}): ${text}`);
    }
  };

  override setupAllocation(host: AllocationHost, el: ElementNode): void {
    this.allocationState(host, el);
  }

  /** gst_base_transform_default_query: forwarded in passthrough (or in place), else propose_allocation */
  override queryAllocation(host: AllocationHost, sink: PadNode): PadNode | 'refuse' | 'propose' {
    const el = sink.element;
    if (this.alloc.refusesAllocation?.(el) === true) return 'refuse';
    return this.allocationState(host, el).forwards ? (el.srcPads()[0] ?? 'refuse') : 'propose';
  }

  /** default_propose_allocation: the metas its own decide kept; GstVideoFilter adds a video pool of its own */
  override *proposeAllocation(host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean> {
    const el = sink.element;
    const st = this.allocationState(host, el);
    if (st.ownPropose) this.alloc.proposeAllocation?.(q);
    for (const m of st.kept) q.metas.push(m);
    if (st.propose === 'video-filter') offerVideoPool(host, el, q, true);
    return true;
  }

  override forwardedAllocation(host: AllocationHost, _el: ElementNode, q: AllocationQuery): void {
    this.alloc.proposeForwarded?.(q, host);
  }

  override sendsAllocation(host: AllocationHost, src: PadNode): AllocationSend | null {
    if (src.caps === null || this.allocationState(host, src.element).forwards) return null;
    return { caps: src.caps, needPool: true, decide: true };
  }

  override decideAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision {
    const st = this.allocationState(host, el);
    if (st.ownDecide && this.alloc.decideAllocation?.(el, q, host) === true) {
      st.forwards = true;
      return { pool: null, allocator: null, params: ZERO_PARAMS };
    }
    // drop the memory-tagged metas, then what filter_meta refuses (without filter_meta: everything)
    const keeps = st.keeps;
    st.kept = keeps === null ? [] : q.metas.filter((m) => !MEMORY_TAGGED.has(m) && keeps(m));
    // GstVideoFilter always ends with a GstVideoBufferPool with the VideoMeta option
    return decided(host, el, q, st.decide === 'video-filter' ? videoPool(q, [OPTION_VIDEO_META]) : defaultPool(q));
  }

  override bufferHandling(host: AllocationHost, el: ElementNode): BufferHandling {
    const st = this.allocationState(host, el);
    // an element whose own decide goes passthrough on equal caps (videocrop with nothing to crop)
    return st.forwards || (st.ownDecide && el.passthrough === true) ? 'forwards' : 'allocates';
  }
}
