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
import type { Direction, ElementNode, Op, PadNode } from '../engine/model.js';
import { intersectFirst, peerAcceptCaps, peerQueryCaps, queryAcceptCaps, queryCaps, run } from '../engine/query.js';
import type { BehaviourProfile } from '../engine/profile.js';
import type { NegotiationError } from '../types.js';
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
}

type TransformProfile = Extract<BehaviourProfile, { kind: 'transform' }>;

export class BaseTransform extends GstElementModel {
  override readonly baseClass: string;
  /** the profile it runs by; `profile` is null when the element has none of its own */
  readonly transform: TransformProfile;
  override readonly profile: BehaviourProfile | null;
  override readonly tagNeutral: boolean;
  private readonly vm: TransformVMethods;

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
}
