/**
 * GstElement's defaults, the root of every base-class model: a pad answers CAPS with its template
 * (gst_pad_query_caps_default), accepts caps that are a subset of its CAPS answer
 * (gst_pad_query_accept_caps_default), and an element known by nothing more than its templates sends,
 * on each src pad, what downstream allows of the template, fixated.
 */
import type { Caps } from '../../caps/index.js';
import type { CapsEventResult, ElementModel, GstVersion, InputBytes, InputPads, ModelHost } from '../engine/model.js';
import type { AllocationClass, AllocationDecision, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { decided, defaultPool } from './allocation.js';
import { hasPadNamed } from '../engine/pad-names.js';
import { peerQueryCaps, queryCaps, run } from '../engine/query.js';
import type { BehaviourProfile } from '../engine/profile.js';
import type { Registry } from '../registry/registry.js';
import type { NegotiationError } from '../types.js';

/** the releases the models here were checked against with gst-launch-1.0 -v */
export const GST_1_22: readonly GstVersion[] = ['1.22'];

/** What every model may be told when it is made. */
export interface ModelOptions {
  /** the GStreamer releases the model restates (default: 1.22) */
  readonly versions?: readonly GstVersion[];
  /** a plain GstElement (outside the base classes) whose own code negotiates as this base class does (wavenc, videoparse) */
  readonly standalone?: boolean;
  /**
   * request_new_pad's naming when the element does not keep the default (template counter, or the name
   * asked for): the pad name for a request on `template` (`requested` null when gst-launch asked for none),
   * or null when the element refuses the request
   */
  readonly requestPadName?: RequestPadNaming;
  /** why its buffers are written into or made anew where its base class does not say so (ElementModel.writesBuffers) */
  readonly writesBuffers?: string;
  /** a GstBin whose ghost pads lead to a child of this factory (ElementModel.child) */
  readonly child?: string;
  /** a Filter/Converter (ElementModel.converter) */
  readonly converter?: boolean;
  /** hands every buffer on untouched whatever set_caps decided (ElementModel.passesBuffersUntouched) */
  readonly passesBuffersUntouched?: boolean;
  /** as set up, it maps the buffers it receives (ElementModel.mapsBuffers; default: never) */
  readonly mapsBuffers?: (el: ElementNode) => boolean;
}

export type RequestPadNaming = (el: ElementNode, template: string, requested: string | null) => string | null;

/**
 * The common request_new_pad: the name asked for, or the template's `%u`/`%d` with a counter per
 * template that skips names already taken (qtmux, matroskamux, tee …).
 */
export function templateCounterName(el: ElementNode, template: string, requested: string | null): string {
  if (requested !== null) return requested;
  if (!/%[ud]/.test(template)) return template;
  let n = el.requestCounters.get(template) ?? 0;
  let name = template.replace(/%[ud]/, String(n));
  while (hasPadNamed(el.pads, name)) name = template.replace(/%[ud]/, String(++n));
  el.requestCounters.set(template, n + 1);
  return name;
}

/** Elements that name every request pad `sink_N` from their own counter, whatever name was asked (input-selector, interleave). */
export const counterIgnoringName: RequestPadNaming = (el, template) => {
  const n = el.requestCounters.get(template) ?? 0;
  el.requestCounters.set(template, n + 1);
  return template.replace(/%[ud]/, String(n));
};

/** the default handler: the template, filtered (`filter ∩₁ template`) */
export function templateAnswer(host: ModelHost, pad: PadNode, filter: Caps | null): Caps {
  return filter === null ? pad.template : host.inter.first1(pad, filter, 'filter', pad.template, `${pad.id} template`);
}

export const NO_PUSHES: CapsEventResult = { ok: true, pushes: [] };

/** the sink pads flagged PROXY_ALLOCATION in the registry; null: nothing known (no pad flags, or a bin) */
function proxyAllocationPads(host: AllocationHost, el: ElementNode): { proxy: readonly string[] | null } {
  const f = host.facts(el);
  if (f?.padFlags === undefined || (f.typeChain ?? []).includes('GstBin')) return { proxy: null };
  return { proxy: Object.entries(f.padFlags).filter(([, flags]) => flags.includes('proxy-allocation')).map(([pad]) => pad) };
}

export class GstElementModel implements ElementModel {
  readonly baseClass: string = 'GstElement';
  readonly versions: readonly GstVersion[];
  readonly profile: BehaviourProfile | null = null;
  readonly pure: { readonly caps: boolean; readonly accept: boolean } = { caps: true, accept: true };
  readonly waitsForInputs: boolean = false;
  readonly tagNeutral: boolean = false;
  readonly sourceTags: readonly (readonly [string, string])[] | null = null;
  readonly writesBuffers: string | null;
  readonly child: string | null;
  readonly converter: boolean;
  readonly passesBuffersUntouched: boolean;

  private readonly naming: RequestPadNaming | undefined;
  private readonly maps: ((el: ElementNode) => boolean) | undefined;

  constructor(options: ModelOptions = {}) {
    this.versions = options.versions ?? GST_1_22;
    this.naming = options.requestPadName;
    this.writesBuffers = options.writesBuffers ?? null;
    this.child = options.child ?? null;
    this.converter = options.converter === true;
    this.passesBuffersUntouched = options.passesBuffersUntouched === true;
    this.maps = options.mapsBuffers;
  }

  /** see ElementModel.mapsBuffers: the model's own answer, else GstElement maps nothing */
  mapsBuffers(el: ElementNode): boolean {
    return this.maps !== undefined && this.maps(el);
  }

  /** request_new_pad's name for the pad (see ModelOptions.requestPadName); null: refused */
  requestPadName(el: ElementNode, template: string, requested: string | null): string | null {
    return this.naming !== undefined ? this.naming(el, template, requested) : templateCounterName(el, template, requested);
  }

  configure(_el: ElementNode): void {}

  notLinkedWithoutBranches(_el: ElementNode): boolean {
    return false;
  }

  *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    return templateAnswer(host, pad, filter);
  }

  *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    const allowed = yield* queryCaps(pad, null);
    return caps.isSubset(allowed);
  }

  /** an element known only by its templates: its src pads fixate what downstream allows of their template */
  setCaps(host: ModelHost, sink: PadNode, _caps: Caps): CapsEventResult {
    const pushes: { pad: PadNode; caps: Caps }[] = [];
    for (const src of sink.element.srcPads()) {
      if (host.honesty?.isRoot(src) === true) continue; // negotiated as a root (declare/honesty.ts)
      const peer = run(host, peerQueryCaps(src, src.template));
      if (peer.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${src.id}: downstream accepts nothing of the template`) };
      if (host.honesty !== null && !host.honesty.templateFixation(src, peer)) continue; // a choice it does not model
      if (peer.isAny()) continue;
      const fixed = peer.fixate();
      if (!fixed.isFixed()) continue;
      pushes.push({ pad: src, caps: fixed });
    }
    return { ok: true, pushes };
  }

  fixateSrcCaps(_host: ModelHost, _el: ElementNode, caps: Caps): Caps {
    return caps.fixate();
  }

  srcCapsRefusal(_caps: Caps): string | null {
    return null;
  }

  bufferWithoutCaps(_host: ModelHost, _sink: PadNode): NegotiationError | readonly PadNode[] {
    return [];
  }

  // ---- allocation: gst_pad_query_default (no base class that handles ALLOCATION) ----------------------------
  get allocationClass(): AllocationClass {
    return 'GstElement';
  }
  readonly forwardingKeepsNothing: boolean = false;

  /**
   * The sink pads that forward the query (GST_PAD_FLAG_PROXY_ALLOCATION, from the registry's pad flags); null
   * when nothing is known (no pad flags recorded, or a bin's ghost pads into unknown children): then the
   * basesrc/basetransform defaults are assumed.
   */
  protected proxyAllocation(host: AllocationHost, el: ElementNode): readonly string[] | null {
    return host.state(el, proxyAllocationPads).proxy;
  }

  setupAllocation(host: AllocationHost, el: ElementNode): void {
    this.proxyAllocation(host, el);
  }

  /** forwarded to the internally linked pads only from a PROXY_ALLOCATION pad */
  queryAllocation(host: AllocationHost, sink: PadNode): PadNode | 'refuse' | 'propose' {
    const el = sink.element;
    const proxy = this.proxyAllocation(host, el);
    if (proxy === null) return 'propose';
    return proxy.includes(sink.templateName) ? (el.srcPads()[0] ?? 'refuse') : 'refuse';
  }

  *proposeAllocation(host: AllocationHost, sink: PadNode, _q: AllocationQuery): AllocOp<boolean> {
    const el = sink.element;
    if (this.proxyAllocation(host, el) === null) host.note(`${el.name} (${el.factory}): propose_allocation not modelled (known by its templates only), assumed to answer FALSE`);
    return false;
  }

  forwardedAllocation(_host: AllocationHost, _el: ElementNode, _q: AllocationQuery): void {}

  sendsAllocation(host: AllocationHost, src: PadNode): AllocationSend | null {
    if (src.caps === null || this.proxyAllocation(host, src.element) !== null) return null;
    return { caps: src.caps, needPool: true, decide: true };
  }

  decideAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision {
    const decision = decided(host, el, q, defaultPool(q));
    host.note(`${el.name} (${el.factory}): decide_allocation not modelled, the basesrc/basetransform default assumed`);
    return decision;
  }

  bufferHandling(host: AllocationHost, el: ElementNode): BufferHandling {
    return this.proxyAllocation(host, el) === null ? 'unknown' : 'pushes';
  }

  bufferPads(sink: PadNode): readonly PadNode[] {
    return sink.element.srcPads();
  }

  // ---- media in (issue 12) ----
  /** most elements read nothing capsflow models from their input */
  padsFromInput(_el: ElementNode, _input: InputBytes, _registry: Registry): InputPads | null {
    return null;
  }
  // ---- end media in ----
}
