/**
 * negotiate(): a gst-launch pipeline (or a JSON graph) negotiated statically, pad for pad as GStreamer
 * 1.22 does. Phases: parse → build pads → link (with gst_pad_link's caps check on the live pads) →
 * negotiate caps (each source: CAPS query, fixate, CAPS events flowing downstream through every
 * element's handler) → [allocation / policy phase hook] → report.
 */
import { Caps, getField, setField, fraction, fixateFieldNearestFraction, fixateFieldNearestInt, fixateFieldString, type Structure, type Value } from '../caps/index.js';
import { videoFormatInfo, VIDEO_FLAG } from './formats.js';
import {
  AnswerMemo,
  ElementNode,
  Intersections,
  PadNode,
  intersectFirst,
  intersectZigzag,
  invalidateUnfiltered,
  peerAcceptCaps,
  peerQueryCaps,
  queryAcceptCaps,
  queryCaps,
  run,
  withStructure,
  type Handlers,
  type Op,
} from './engine.js';
import { baseClassAcceptCaps, baseClassCapsEvent, baseClassNeedsCaps, baseClassQueryCaps, baseClassWaitsForInputs, chooseBaseClassModel } from './base-classes.js';
import { findConflict } from './report/explain.js';
import { PadCapsRecorder, type Graph, type TraceStep } from './graph/graph.js';
import { parseLaunch } from './launch/launch.js';
import { builtinProfiles, type BehaviourProfile } from './profiles.js';
import { defaultRegistry, type Registry } from './registry/registry.js';
import { parseGraphJson, type GraphJson } from './graph/schema.js';
import { PolicyRun } from './allocation/policy.js';
import { fallbackChannelMask, transformImpl, type TransformContext } from './transforms.js';
import { PROXY_FIELDS, jpegdecOutput, jpegencOutput } from './codecs.js';
import { firstFormat, videoInfoRefusal, withVideoStream } from './elements-video.js';
import type { ElementReport, ExplainStep, Explanation, LinkReport, NegotiationError, NegotiationResult } from './types.js';

export interface NegotiateOptions {
  readonly registry?: Registry;
  /** element → memory spec (memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME, fd:N): that element exports real memory (policy.ts) */
  readonly memory?: Record<string, string>;
  /** exporter → drm-format list (`NV12:0x0100000000000002,NV12`): it negotiates DMA_DRM caps (1.24+) */
  readonly drm?: Record<string, string>;
  /** record each negotiation step as immer patches in `trace` */
  readonly trace?: boolean;
  /** behaviour profiles replacing the built-in ones (validated with parseProfiles) */
  readonly profiles?: Readonly<Record<string, BehaviourProfile>>;
}

export interface TracedNegotiationResult extends NegotiationResult {
  /** present with `trace: true`: every step as the immer patches it applied to the pad caps state */
  readonly trace?: readonly TraceStep[];
}

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

/** An explanation step before printing: caps stay objects until a failure needs the text. */
interface PendingStep {
  readonly element: string;
  readonly pad?: string;
  readonly offered?: Caps;
  readonly accepted?: Caps;
  readonly note: string;
}

const printStep = (p: PendingStep): ExplainStep => ({
  element: p.element,
  ...(p.pad === undefined ? {} : { pad: p.pad }),
  ...(p.offered === undefined ? {} : { offered: p.offered.toString() }),
  ...(p.accepted === undefined ? {} : { accepted: p.accepted.toString() }),
  note: p.note,
});

class NegotiationFailure extends Error {
  constructor(
    readonly error: NegotiationError,
    readonly conflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null = null,
  ) {
    super(error.message);
  }
}

/** Everything one negotiate() call works on. */
class Session implements Handlers {
  readonly elements: ElementNode[] = [];
  readonly byName = new Map<string, ElementNode>();
  readonly recorder: PadCapsRecorder;
  readonly inter = new Intersections();
  /** the last steps of the run, caps kept as objects: printed only when a failure is explained */
  readonly steps: PendingStep[] = [];
  readonly notes: string[] = [];
  readonly unfiltered = new Map<PadNode, Caps>();
  /** element → the bins around it ('b', 'outer/inner'): its pads report as 'b/element.pad' */
  readonly binOf = new Map<string, string>();
  /** GstObject's default names per type (funnelpad0, funnelpad1 …) */
  readonly padNameCounters = new Map<string, number>();
  /** ghost pads gst_element_link made on bins for links across them ('b.ghost0'), with the pad whose caps they carry */
  readonly ghosts: { key: string; pad: PadNode }[] = [];
  readonly answers = new AnswerMemo();
  /**
   * accept-caps answers per pad, by caps object and then by caps text: a chain of proxying elements
   * asks every pad downstream, and equal caps arrive as new objects, so only the text keeps it linear
   */
  private acceptMemo = new Map<PadNode, { readonly byObject: Map<Caps, boolean>; readonly byText: Map<string, boolean> }>();

  constructor(
    readonly registry: Registry,
    readonly profiles: Readonly<Record<string, BehaviourProfile>>,
    tracing: boolean,
  ) {
    this.recorder = new PadCapsRecorder(tracing);
  }

  step(step: PendingStep): void {
    this.steps.push(step);
    if (this.steps.length > 400) this.steps.splice(0, 200);
  }

  // ---- queries -------------------------------------------------------------------------------

  *queryCaps(pad: PadNode, filter: Caps | null): Op<Caps> {
    const el = pad.element;
    if (el.baseClass?.hooked === true) return yield* baseClassQueryCaps(this, el.baseClass, pad, filter);
    const p = el.behaviour;
    if (p !== null && p.kind === 'sink' && p.capsProperty !== undefined && el.propertyCaps !== null) {
      // appsink's get_caps: its caps property instead of the template
      return filter === null ? el.propertyCaps : this.inter.first1(pad, filter, 'filter', el.propertyCaps, `${el.name} ${p.capsProperty} property`);
    }
    if (p === null || p.kind === 'source' || p.kind === 'sink') return this.templateQuery(pad, filter);
    switch (p.kind) {
      case 'proxy':
      case 'tee':
        return yield* this.proxyQuery(pad, filter);
      case 'transform':
        return yield* this.transformQuery(el, pad, filter);
      case 'video-codec':
        return yield* this.codecQuery(el, pad, filter);
    }
  }

  /** the default handler: the template, filtered (`filter ∩₁ template`) */
  private templateQuery(pad: PadNode, filter: Caps | null): Caps {
    return filter === null ? pad.template : this.inter.first1(pad, filter, 'filter', pad.template, `${pad.id} template`);
  }

  /** gst_pad_proxy_query_caps (queue, tee): the intersection over the linked internal pads' peers */
  private *proxyQuery(pad: PadNode, filter: Caps | null): Op<Caps> {
    let acc = filter ?? Caps.ANY;
    let accFrom = 'filter';
    for (const p of pad.element.internalLinks(pad)) {
      if (p.peer === null) continue;
      const answer = yield* peerQueryCaps(p, filter);
      acc = this.inter.zigzag(pad, acc, accFrom, answer, p.peer.id);
      accFrom = accFrom === 'filter' ? p.peer.id : `${accFrom} ∩ ${p.peer.id}`;
      if (acc.isEmpty()) break;
    }
    return intersectZigzag(pad.template, acc);
  }

  transformContext(el: ElementNode): TransformContext {
    return {
      properties: el.properties,
      filterCaps: el.filterCaps ?? Caps.ANY,
      templates: { sink: el.sinkPads()[0]?.template ?? Caps.ANY, src: el.srcPads()[0]?.template ?? Caps.ANY },
    };
  }

  /** gst_base_transform_query_caps (§3.2) */
  private *transformQuery(el: ElementNode, pad: PadNode, filter: Caps | null): Op<Caps> {
    const p = el.behaviour as Extract<BehaviourProfile, { kind: 'transform' }>;
    const impl = transformImpl(p.algorithm);
    const ctx = this.transformContext(el);
    const other = el.internalLinks(pad)[0];
    if (other === undefined) return this.templateQuery(pad, filter);
    const templ = pad.template;
    const otempl = other.template;
    let peerfilter: Caps | null = null;
    if (filter !== null) {
      const f1 = intersectFirst(filter, templ);
      peerfilter = impl.transformCaps(ctx, pad.direction, f1, null);
      if (peerfilter.isEmpty()) {
        this.inter.first1(pad, filter, 'filter', templ, `${pad.id} template`);
        return peerfilter;
      }
      peerfilter = intersectFirst(peerfilter, otempl);
    }
    const peercaps = yield* peerQueryCaps(other, peerfilter);
    const t = intersectFirst(peercaps, otempl);
    let caps = impl.transformCaps(ctx, other.direction, t, filter);
    if (caps.isEmpty()) return caps;
    caps = intersectFirst(caps, templ);
    if (p.preferPassthrough) {
      const pt = intersectFirst(peercaps, caps);
      // merging caps into themselves changes nothing (an ANY peer hands back the same object)
      if (!pt.isEmpty() && pt !== caps) caps = pt.merge(caps);
    }
    return caps;
  }

  /**
   * GstVideoEncoder / GstVideoDecoder sink query: __gst_video_element_proxy_getcaps (§3.8). The filter's
   * size/rate fields go downstream under the src template's names; what comes back is grafted onto the
   * sink template's names. The src pad answers with its template.
   */
  private *codecQuery(el: ElementNode, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (pad.direction === 'src') return this.templateQuery(pad, filter);
    const src = el.srcPads()[0];
    if (src === undefined) return this.templateQuery(pad, filter);
    const templ = pad.template;
    const graft = (from: Caps, onto: Caps): Caps => {
      const entries = [];
      for (const a of from.entries) {
        const fields = a.structure.fields.filter((f) => PROXY_FIELDS.has(f.name));
        for (const t of onto.entries) entries.push({ structure: { name: t.structure.name, fields }, features: t.features });
      }
      return Caps.fromEntries(entries);
    };
    const fcaps = filter === null || filter.isAny() ? null : intersectFirst(graft(filter, src.template), src.template);
    const peer = yield* peerQueryCaps(src, fcaps);
    let caps: Caps;
    if (peer.isAny()) caps = templ;
    else if (peer.isEmpty()) return peer;
    else caps = intersectZigzag(graft(peer, templ), templ);
    if (filter !== null) caps = this.inter.first1(pad, caps, `${pad.id} (what downstream of ${el.name} allows)`, filter, 'filter');
    return caps;
  }

  *acceptCaps(pad: PadNode, caps: Caps): Op<boolean> {
    let memo = this.acceptMemo.get(pad);
    if (memo === undefined) this.acceptMemo.set(pad, (memo = { byObject: new Map(), byText: new Map() }));
    const hit = memo.byObject.get(caps);
    if (hit !== undefined) return hit;
    const text = caps.toString();
    let r = memo.byText.get(text);
    if (r === undefined) {
      r = yield* this.acceptCapsUncached(pad, caps);
      memo.byText.set(text, r);
    }
    memo.byObject.set(caps, r);
    return r;
  }

  private *acceptCapsUncached(pad: PadNode, caps: Caps): Op<boolean> {
    const el = pad.element;
    if (el.baseClass?.hooked === true) return yield* baseClassAcceptCaps(this, el.baseClass, pad, caps);
    const p = el.behaviour;
    if (p === null || p.kind === 'source' || p.kind === 'sink') {
      const allowed = yield* queryCaps(pad, null);
      return caps.isSubset(allowed);
    }
    switch (p.kind) {
      case 'proxy':
      case 'tee': {
        for (const o of el.internalLinks(pad)) {
          if (o.peer === null) continue;
          if (!(yield* peerAcceptCaps(o, caps))) return false;
        }
        return caps.isSubset(pad.template);
      }
      case 'transform': {
        const impl = transformImpl(p.algorithm);
        const other = el.internalLinks(pad)[0];
        if (p.algorithm === 'capsfilter') return caps.canIntersect(el.filterCaps ?? Caps.ANY);
        if (p.acceptProxy === true && other !== undefined) {
          if (!caps.canIntersect(pad.template)) return false;
          return yield* peerAcceptCaps(other, caps);
        }
        if (!caps.canIntersect(pad.template)) return false;
        if (other === undefined) return true;
        const ocaps = impl.transformCaps(this.transformContext(el), pad.direction, caps, null);
        return !intersectFirst(ocaps, other.template).isEmpty();
      }
      case 'video-codec': {
        if (!caps.isSubset(pad.template)) return false;
        const q = yield* queryCaps(pad, caps);
        return caps.canIntersect(q);
      }
    }
  }

  // ---- CAPS events ---------------------------------------------------------------------------

  /**
   * gst_pad_push_event(srcpad, CAPS) and everything it sets off downstream, iteratively: the srcpad
   * stores the caps first; the peer sinkpad stores them only if ACCEPT_CAPS and the element's handler
   * agree. Returns the first refusal (GStreamer reports it on the next buffer push).
   */
  pushCaps(srcpad: PadNode, caps: Caps): NegotiationError | null {
    let failure: NegotiationError | null = null;
    const work: { pad: PadNode; caps: Caps }[] = [{ pad: srcpad, caps }];
    while (work.length > 0) {
      const { pad, caps: c } = work.pop()!;
      this.setPadCaps(pad, c, 'pushes CAPS');
      const peer = pad.peer;
      if (peer === null) continue;
      const accepted = run(this, queryAcceptCaps(peer, c));
      if (!accepted) {
        const allowed = run(this, queryCaps(peer, null));
        // the refusal is where negotiation broke: it outranks any EMPTY seen while probing
        this.inter.first = { pad: peer, left: c, leftFrom: pad.id, right: allowed, rightFrom: `${peer.id} (what it accepts)` };
        this.step({ element: peer.element.name, pad: peer.name, offered: c, accepted: allowed, note: 'ACCEPT_CAPS refused the CAPS event' });
        failure ??= this.notNegotiated(peer, `${peer.id} did not accept caps ${c.toString()}`);
        continue;
      }
      const r = this.handleCapsEvent(peer, c);
      if (!r.ok) {
        failure ??= r.error;
        continue;
      }
      this.setPadCaps(peer, c, 'accepts CAPS');
      // push in reverse so the first src pad is handled first (depth-first, like GStreamer)
      for (let i = r.pushes.length - 1; i >= 0; i--) work.push(r.pushes[i]!);
    }
    return failure;
  }

  private setPadCaps(pad: PadNode, caps: Caps, what: string): void {
    if (pad.caps !== null && pad.caps.isStrictlyEqual(caps)) return;
    pad.caps = caps;
    // chains hand one caps object on from pad to pad: print it once
    if (caps !== this.printedCaps) {
      this.printedCaps = caps;
      this.printed = caps.toString();
    }
    const id = pad.id;
    this.recorder.setPad(this.recorder.tracing ? `${id} ${what}` : '', id, this.printed);
  }
  private printedCaps: Caps | null = null;
  private printed = '';

  notNegotiated(pad: PadNode, message: string): NegotiationError {
    return { kind: 'not-negotiated', message, element: pad.element.name, pad: pad.name };
  }

  /** An element's CAPS event handler on a sinkpad: what it pushes on its src pads, or a refusal. */
  private handleCapsEvent(pad: PadNode, caps: Caps): { ok: true; pushes: { pad: PadNode; caps: Caps }[] } | { ok: false; error: NegotiationError } {
    const el = pad.element;
    if (el.baseClass?.hooked === true) return baseClassCapsEvent(this, el.baseClass, pad, caps);
    const p = el.behaviour;
    if (p === null) return this.templateOnlyCaps(el, caps);
    switch (p.kind) {
      case 'sink':
      case 'source':
        return { ok: true, pushes: [] };
      case 'proxy':
      case 'tee':
        return { ok: true, pushes: el.internalLinks(pad).map((s) => ({ pad: s, caps })) };
      case 'transform':
        return this.transformSetCaps(el, pad, caps, p);
      case 'video-codec':
        return this.codecSetCaps(el, pad, caps, p);
    }
  }

  /** basetransform setcaps → find_transform (§3.2) */
  private transformSetCaps(
    el: ElementNode,
    sink: PadNode,
    incaps: Caps,
    p: Extract<BehaviourProfile, { kind: 'transform' }>,
  ): { ok: true; pushes: { pad: PadNode; caps: Caps }[] } | { ok: false; error: NegotiationError } {
    const src = el.srcPads()[0];
    if (src === undefined) return { ok: true, pushes: [] };
    const impl = transformImpl(p.algorithm);
    const ctx = this.transformContext(el);
    let other = impl.transformCaps(ctx, 'sink', incaps, null);
    if (!other.isEmpty()) other = intersectFirst(other, src.template);
    if (other.isEmpty()) {
      this.inter.first1(sink, incaps, `${sink.id} caps`, src.template, `${src.id} template`);
      return { ok: false, error: this.notNegotiated(sink, `${el.name} cannot transform ${incaps.toString()}`) };
    }
    if (!other.isFixed()) {
      if (src.peer !== null) {
        const peercaps = run(this, queryCaps(src.peer, other));
        if (!peercaps.isEmpty()) other = intersectFirst(intersectFirst(peercaps, src.template), other);
        else {
          this.inter.first1(src, other, `${el.name} output`, peercaps, src.peer.id);
          other = peercaps;
        }
      } else other = incaps;
      if (other.isEmpty()) {
        this.step({ element: el.name, pad: 'src', offered: impl.transformCaps(ctx, 'sink', incaps, null), accepted: Caps.EMPTY, note: 'downstream accepts none of the possible outputs' });
        return { ok: false, error: this.notNegotiated(src, `${el.name}: downstream accepts none of the outputs for ${incaps.toString()}`) };
      }
    }
    other = impl.fixateCaps !== undefined ? impl.fixateCaps(ctx, 'sink', incaps, other) : other.fixate();
    if (!other.isFixed()) return { ok: false, error: this.notNegotiated(src, `${el.name}: could not fixate ${other.toString()}`) };
    if (src.peer !== null && !run(this, queryAcceptCaps(src.peer, other))) {
      return { ok: false, error: this.notNegotiated(src.peer, `${src.peer.id} does not accept ${other.toString()}`) };
    }
    if (p.ownOutput !== true && other.isEqual(incaps)) other = incaps;
    el.passthrough = other === incaps;
    this.step({ element: el.name, pad: 'src', offered: incaps, accepted: other, note: el.passthrough ? 'passthrough' : 'transforms' });
    return { ok: true, pushes: [{ pad: src, caps: other }] };
  }

  /** jpegenc / jpegdec: output state built from the input (set_format → set_output_state) */
  private codecSetCaps(
    el: ElementNode,
    _sink: PadNode,
    incaps: Caps,
    p: Extract<BehaviourProfile, { kind: 'video-codec' }>,
  ): { ok: true; pushes: { pad: PadNode; caps: Caps }[] } | { ok: false; error: NegotiationError } {
    const src = el.srcPads()[0];
    if (src === undefined) return { ok: true, pushes: [] };
    // the raw format behind jpegenc's stream, for a parser further down that reads the frame header
    const out = p.algorithm === 'jpegenc' ? withVideoStream(jpegencOutput(incaps), firstFormat(incaps)) : jpegdecOutput(incaps);
    if (out === null) return { ok: false, error: this.notNegotiated(src, `${el.name} cannot handle ${incaps.toString()}`) };
    el.passthrough = false;
    return { ok: true, pushes: [{ pad: src, caps: out }] };
  }

  /** An element known only by its templates: its src pads fixate what downstream allows of their template. */
  private templateOnlyCaps(el: ElementNode, _caps: Caps): { ok: true; pushes: { pad: PadNode; caps: Caps }[] } | { ok: false; error: NegotiationError } {
    const pushes: { pad: PadNode; caps: Caps }[] = [];
    for (const src of el.srcPads()) {
      const peer = run(this, peerQueryCaps(src, src.template));
      if (peer.isEmpty()) return { ok: false, error: this.notNegotiated(src, `${src.id}: downstream accepts nothing of the template`) };
      if (peer.isAny()) continue;
      const fixed = peer.fixate();
      if (!fixed.isFixed()) continue;
      pushes.push({ pad: src, caps: fixed });
    }
    return { ok: true, pushes };
  }

  // ---- sources -------------------------------------------------------------------------------

  /** gst_base_src_negotiate for one source (§3.1); null when it negotiated or needs no caps. */
  negotiateSource(el: ElementNode): NegotiationError | null {
    for (const src of el.srcPads()) {
      const mine = run(this, queryCaps(src, null));
      if (mine.isAny()) {
        const e = this.capslessBuffer(src);
        if (e !== null) return e;
        continue;
      }
      if (mine.isEmpty()) return this.notNegotiated(src, `${el.name}: No supported formats found`);
      const peer = run(this, peerQueryCaps(src, mine));
      this.step({ element: el.name, pad: src.name, offered: mine, accepted: peer, note: 'CAPS query downstream (peer caps)' });
      if (peer.isEmpty()) return this.notNegotiated(src, `${el.name}: no common caps (peer caps EMPTY)`);
      if (peer.isAny()) {
        const e = this.capslessBuffer(src);
        if (e !== null) return e;
        continue;
      }
      const fixed = this.fixateSource(el, peer);
      if (!fixed.isFixed()) return this.notNegotiated(src, `${el.name}: caps could not be fixated: ${fixed.toString()}`);
      const refusal = videoInfoRefusal(el.factory, fixed);
      if (refusal !== null) return this.notNegotiated(src, `${el.name}: set_caps refused ${fixed.toString()} (${refusal})`);
      this.step({ element: el.name, pad: src.name, accepted: fixed, note: 'fixated and pushed CAPS' });
      const e = this.pushCaps(src, fixed);
      if (e !== null) return e;
      // the first buffer follows the caps; where an element sent no caps on, it arrives caps-less
      const b = this.capslessDownstream(src);
      if (b !== null) return b;
    }
    return null;
  }

  /** the source's fixate hook (profile rules on structure 0), then gst_caps_fixate */
  private fixateSource(el: ElementNode, caps: Caps): Caps {
    const p = el.behaviour;
    if (p !== null && p.kind === 'source' && caps.size > 0) {
      for (const r of p.fixate) if (r.op === 'alpha-formats') caps = this.alphaFormatsOnly(el, caps, r.property, r.opaque);
      let s: Structure = caps.structure(0);
      for (const r of p.fixate) {
        switch (r.op) {
          case 'alpha-formats':
            break;
          case 'nearest-int': {
            let target = r.target;
            if (r.atLeastProperty !== undefined) {
              const v = el.properties[r.atLeastProperty.name];
              const base = typeof v === 'number' ? v : Number(this.registry.property(el.factory, r.atLeastProperty.name)?.default ?? 0);
              target = Math.max(target, Math.trunc(base * r.atLeastProperty.factor));
            }
            s = fixateFieldNearestInt(s, r.field, target) ?? s;
            break;
          }
          case 'nearest-fraction':
            if (getField(s, r.field) !== undefined) s = fixateFieldNearestFraction(s, r.field, r.num, r.den) ?? s;
            else if (r.setIfMissing) s = setField(s, r.field, fraction(r.num, r.den));
            break;
          case 'string':
            if (getField(s, r.field) !== undefined) s = fixateFieldString(s, r.field, r.target) ?? s;
            else if (r.setIfMissing) s = setField(s, r.field, { kind: 'string', value: r.target });
            break;
          case 'channel-mask': {
            const ch = getField(s, 'channels');
            if (ch !== undefined && ch.kind === 'int' && ch.value > r.above) {
              const m = getField(s, 'channel-mask');
              if (m === undefined || m.kind !== 'bitmask') s = setField(s, 'channel-mask', { kind: 'bitmask', value: fallbackChannelMask(ch.value) });
            }
            break;
          }
        }
      }
      caps = withStructure(caps, 0, s);
    }
    return caps.fixate();
  }

  /** videotestsrc's fixate: with a translucent colour keep only formats with alpha, if any remain */
  private alphaFormatsOnly(el: ElementNode, caps: Caps, property: string, opaque: number): Caps {
    const v = el.properties[property] ?? this.registry.property(el.factory, property)?.default;
    if (typeof v !== 'number' || v >>> 24 === opaque) return caps;
    const hasAlpha = (f: Value): boolean => f.kind === 'string' && f.value !== null && ((videoFormatInfo(f.value)?.flags ?? 0) & VIDEO_FLAG.ALPHA) !== 0;
    const entries = [];
    for (const e of caps.entries) {
      const formats = getField(e.structure, 'format');
      if (formats === undefined) continue;
      if (formats.kind === 'list') {
        const items = formats.items.filter(hasAlpha);
        if (items.length > 0) entries.push({ structure: setField(e.structure, 'format', { kind: 'list', items }), features: e.features });
      } else if (hasAlpha(formats)) entries.push(e);
    }
    return entries.length === 0 ? caps : Caps.fromEntries(entries);
  }

  /**
   * Buffers without caps flow from `srcpad` (an ANY source): capsfilter sets its caps from what
   * downstream allows (§3.4), transforms that need caps refuse (§7.3 #5), proxies pass them on.
   */
  private capslessBuffer(srcpad: PadNode): NegotiationError | null {
    const work: PadNode[] = [srcpad];
    while (work.length > 0) {
      const pad = work.pop()!;
      const peer = pad.peer;
      if (peer === null || peer.caps !== null) continue;
      const el = peer.element;
      if (el.baseClass?.hooked === true) {
        if (baseClassNeedsCaps(el.baseClass)) return this.notNegotiated(peer, `${el.name} received a buffer before any caps (not negotiated)`);
        continue;
      }
      const p = el.behaviour;
      if (p === null) continue;
      if (p.kind === 'proxy' || p.kind === 'tee') work.push(...el.srcPads());
      else if (p.kind === 'transform') {
        const src = el.srcPads()[0];
        if (src === undefined) continue;
        if (p.algorithm === 'capsfilter') {
          const mine = run(this, queryCaps(src, null));
          const allowed = src.peer === null ? mine : run(this, peerQueryCaps(src, mine));
          const simple = allowed.simplify();
          if (simple.isEmpty() || !simple.isFixed()) {
            return this.notNegotiated(src, `${el.name}: Filter caps do not completely specify the output format (Output caps are unfixed: ${simple.toString()})`);
          }
          const e = this.pushCaps(src, simple);
          if (e !== null) return e;
        } else if (p.needsCaps) {
          return this.notNegotiated(peer, `${el.name} received a buffer before any caps (not negotiated)`);
        } else work.push(src);
      } else if (p.kind === 'video-codec') {
        return this.notNegotiated(peer, `${el.name} received a buffer before any caps (not negotiated)`);
      }
    }
    return null;
  }

  /** after CAPS flowed from `src`: src pads that got no caps while their element did feed buffers on */
  private capslessDownstream(src: PadNode): NegotiationError | null {
    const work: PadNode[] = [src];
    const seen = new Set<PadNode>();
    while (work.length > 0) {
      const pad = work.pop()!;
      if (seen.has(pad)) continue;
      seen.add(pad);
      if (pad.caps === null) {
        const e = this.capslessBuffer(pad);
        if (e !== null) return e;
        continue;
      }
      if (pad.peer === null) continue;
      const next = pad.peer.element;
      // a mixer holds its input until every sink pad has data: nothing flows on before its output has caps
      if (next.baseClass !== null && baseClassWaitsForInputs(next.baseClass)) continue;
      work.push(...next.srcPads());
    }
    return null;
  }
}

// ---- building and linking ------------------------------------------------------------------------

/** the behaviour assumed for an unprofiled element with one sink and one src pad */
const TEMPLATE_ONLY_FILTER: BehaviourProfile = { kind: 'transform', algorithm: 'identity', preferPassthrough: true, needsCaps: false };

/** A pad template's caps; a template the caps engine cannot read counts as ANY (and the result says so). */
function templateCaps(s: Session, factory: string, template: string): Caps {
  try {
    return s.registry.templateCaps(factory, template);
  } catch (e) {
    s.notes.push(`${factory}: template '${template}' is unreadable (${(e as Error).message}); treated as ANY`);
    return Caps.ANY;
  }
}

function buildElements(s: Session, graph: Graph): void {
  for (const name of graph.order) {
    const g = graph.elements[name]!;
    const factory = s.registry.get(g.factory);
    if (factory === undefined) throw new NegotiationFailure({ kind: 'no-element', message: `no element "${g.factory}"`, element: name });
    const profile = s.profiles[g.factory] ?? null;
    let behaviour = profile;
    // no profile: the base class in the registry's typeChain says how it negotiates (base-classes.ts)
    const choice = profile === null ? chooseBaseClassModel(factory, (t) => templateCaps(s, g.factory, t)) : null;
    if (choice !== null) {
      behaviour = choice.behaviour;
      s.notes.push(`${name} (${g.factory}): no behaviour profile, modelled as its base class: ${choice.note}`);
    } else if (profile === null) {
      // one always sink and one always src pad of the same media type: most likely an in-place filter
      // (GstBaseTransform's default transform_caps is the identity); anything else answers with its templates
      const fixedPads = factory.padTemplates.every((t) => t.presence === 'always');
      const count = (d: 'src' | 'sink'): number => factory.padTemplates.filter((t) => t.direction === d).length;
      const sinkT = factory.padTemplates.find((t) => t.direction === 'sink');
      const srcT = factory.padTemplates.find((t) => t.direction === 'src');
      // the same media types and memory features on both sides (fields may differ: audiopanorama's channels)
      const kinds = (c: Caps): string =>
        c.isAny() ? 'ANY' : [...new Set(c.entries.map((e) => `${e.structure.name}(${e.features === null ? '' : e.features.any ? 'ANY' : [...e.features.names].sort().join(',')})`))].sort().join(';');
      const sameTemplates = sinkT !== undefined && srcT !== undefined && kinds(templateCaps(s, g.factory, sinkT.name)) === kinds(templateCaps(s, g.factory, srcT.name));
      if (fixedPads && count('sink') === 1 && count('src') === 1 && sameTemplates) {
        behaviour = TEMPLATE_ONLY_FILTER;
        s.notes.push(`${name} (${g.factory}): no behaviour profile, modelled from its pad templates only, as a filter that passes caps through (basetransform defaults)`);
      } else s.notes.push(`${name} (${g.factory}): no behaviour profile, modelled from its pad templates only`);
    }
    const el = new ElementNode(name, g.factory, g.properties, profile);
    el.templateOnly = profile === null;
    el.behaviour = behaviour;
    el.baseClass = choice?.model ?? null;
    if (g.factory === 'capsfilter') {
      const c = g.properties['caps'];
      el.filterCaps = typeof c === 'string' ? Caps.fromString(c) : Caps.ANY;
    }
    if (profile?.kind === 'sink' && profile.capsProperty !== undefined) {
      const c = g.properties[profile.capsProperty];
      if (typeof c === 'string') el.propertyCaps = Caps.fromString(c);
    }
    for (const t of factory.padTemplates) {
      if (t.presence !== 'always') continue;
      el.pads.push(new PadNode(el, t.name, t.direction, templateCaps(s, g.factory, t.name), t.name));
    }
    s.elements.push(el);
    s.byName.set(name, el);
    if (g.bin !== undefined) s.binOf.set(name, g.bin);
    if (g.padProperties !== undefined) el.padProperties = g.padProperties;
  }
}

/** A named pad, or a new request / sometimes pad from a matching template (src_%u → src_N). */
function findOrRequestPad(s: Session, el: ElementNode, name: string): PadNode | null {
  const existing = el.pads.find((p) => p.name === name);
  if (existing !== undefined) return existing;
  const factory = s.registry.get(el.factory)!;
  for (const t of factory.padTemplates) {
    if (t.presence === 'always') continue;
    const re = new RegExp(`^${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%[ud]/g, '(\\d+)').replace(/%s/g, '(.+)')}$`);
    let padName = name;
    if (name === t.name && /%[uds]/.test(t.name)) padName = nextRequestName(s, el, t.name);
    else if (!re.test(name)) continue;
    const pad = new PadNode(el, padName, t.direction, templateCaps(s, el.factory, t.name), t.name);
    el.pads.push(pad);
    return pad;
  }
  return null;
}

function nextRequestName(s: Session, el: ElementNode, template: string): string {
  const b = el.behaviour;
  if (b?.kind === 'proxy' && b.defaultPadName !== undefined) {
    // the element leaves the name to GstObject: the pad type's name and a counter for the whole process
    const k = s.padNameCounters.get(b.defaultPadName) ?? 0;
    s.padNameCounters.set(b.defaultPadName, k + 1);
    return `${b.defaultPadName}${k}`;
  }
  let n = el.requestCounters.get(template) ?? 0;
  const taken = new Set(el.pads.map((p) => p.name));
  let name = template.replace(/%[ud]/, String(n));
  while (taken.has(name)) name = template.replace(/%[ud]/, String(++n));
  el.requestCounters.set(template, n + 1);
  return name;
}

/** Candidate pads of one direction for gst_element_link_pads with no pad name: free pads, then a request. */
function candidatePads(s: Session, el: ElementNode, direction: 'src' | 'sink'): PadNode[] {
  const free = el.pads.filter((p) => p.direction === direction && p.peer === null);
  if (free.length > 0) return free;
  const factory = s.registry.get(el.factory)!;
  const t = factory.padTemplates.find((p) => p.direction === direction && p.presence !== 'always');
  if (t === undefined) return [];
  const name = /%[uds]/.test(t.name) ? nextRequestName(s, el, t.name) : t.name;
  if (el.pads.some((p) => p.name === name)) return [];
  const pad = new PadNode(el, name, direction, templateCaps(s, el.factory, t.name), t.name);
  if (t.presence === 'sometimes') s.notes.push(`${pad.id}: a 'sometimes' pad, assumed to appear`);
  return [pad];
}

/** gst_pad_link's caps check on the live pads: can_intersect(query_caps(src), query_caps(sink)). */
function canLink(s: Session, src: PadNode, sink: PadNode): { ok: boolean; srcCaps: Caps; sinkCaps: Caps } {
  const srcCaps = run(s, queryCaps(src, null));
  const sinkCaps = run(s, queryCaps(sink, null));
  return { ok: srcCaps.canIntersect(sinkCaps), srcCaps, sinkCaps };
}

function linkAll(s: Session, graph: Graph): LinkReport[] {
  const reports: { src: PadNode; sink: PadNode }[] = [];
  for (const link of graph.links) {
    // gst-launch could not even try this link (an unknown reference, an element outside its bin)
    if (link.failure !== undefined) throw new NegotiationFailure(link.failure);
    const srcEl = s.byName.get(link.src.element);
    const sinkEl = s.byName.get(link.sink.element);
    if (srcEl === undefined || sinkEl === undefined) {
      const missing = srcEl === undefined ? link.src.element : link.sink.element;
      throw new NegotiationFailure({ kind: 'no-element', message: `no element named "${missing}"`, element: missing });
    }
    // the capsfilter gst-launch inserted for `a ! caps ! b` reports as a link from a to b
    const filterEl = graph.elements[sinkEl.name]?.filterFor !== undefined ? sinkEl : graph.elements[srcEl.name]?.filterFor !== undefined ? srcEl : null;
    const failure = (extra: string, conflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null): never => {
      let message = `could not link ${srcEl.name} to ${sinkEl.name}`;
      let element = srcEl.name;
      if (filterEl !== null && filterEl.filterCaps !== null) {
        const f = graph.elements[filterEl.name]!.filterFor!;
        const culprit = filterEl === sinkEl ? f.src : f.sink;
        message = `could not link ${f.src} to ${f.sink}, ${culprit} can't handle caps ${filterEl.filterCaps.toString()}`;
        element = culprit;
      }
      const err: NegotiationError = { kind: 'link-failed', message: message + extra, element };
      throw new NegotiationFailure(err, conflict);
    };
    const srcPads = link.src.pad !== undefined ? [findOrRequestPad(s, srcEl, link.src.pad)] : candidatePads(s, srcEl, 'src');
    const sinkPads = link.sink.pad !== undefined ? [findOrRequestPad(s, sinkEl, link.sink.pad)] : candidatePads(s, sinkEl, 'sink');
    let linked = false;
    let last: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null = null;
    for (const sp of srcPads) {
      if (sp === null || sp.direction !== 'src' || sp.peer !== null) continue;
      for (const kp of sinkPads) {
        if (kp === null || kp.direction !== 'sink' || kp.peer !== null) continue;
        const c = canLink(s, sp, kp);
        last = { src: sp, sink: kp, srcCaps: c.srcCaps, sinkCaps: c.sinkCaps };
        if (!c.ok) continue;
        if (!srcEl.pads.includes(sp)) srcEl.pads.push(sp);
        if (!sinkEl.pads.includes(kp)) sinkEl.pads.push(kp);
        sp.peer = kp;
        kp.peer = sp;
        invalidateUnfiltered(s.unfiltered, sp, kp);
        reports.push({ src: sp, sink: kp });
        addGhostPads(s, sp, kp);
        linked = true;
        break;
      }
      if (linked) break;
    }
    if (!linked) failure('', last);
  }
  detectLoops(s);
  return reports.map(({ src, sink }) => ({ src: src.id, sink: sink.id, caps: null }));
}

/**
 * gst_element_link across bins ghosts the pads up to the bins' common ancestor, source side first, the
 * innermost bin first; GStreamer names them ghost0, ghost1 … with one counter for the whole process.
 */
function addGhostPads(s: Session, src: PadNode, sink: PadNode): void {
  const a = s.binOf.get(src.element.name)?.split('/') ?? [];
  const b = s.binOf.get(sink.element.name)?.split('/') ?? [];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  for (const path of [a, b]) {
    for (let j = path.length - 1; j >= common; j--) s.ghosts.push({ key: `${path.slice(0, j + 1).join('/')}.ghost${s.ghosts.length}`, pad: src });
  }
}

/**
 * Data reaching an unlinked src pad stops the stream with NOT_LINKED (gst-launch: "Internal data stream
 * error ... reason not-linked (-1)"): an always src pad left unlinked, or a tee with no branch at all.
 */
function notLinked(s: Session): NegotiationError | null {
  const reached = new Set<ElementNode>();
  const work = s.elements.filter((el) => el.sinkPads().length === 0 && el.srcPads().length > 0);
  while (work.length > 0) {
    const el = work.pop()!;
    if (reached.has(el)) continue;
    reached.add(el);
    for (const p of el.srcPads()) if (p.peer !== null) work.push(p.peer.element);
  }
  for (const el of s.elements) {
    if (!reached.has(el)) continue;
    const factory = s.registry.get(el.factory);
    const dangling = el.srcPads().find((p) => p.peer === null && factory?.padTemplates.find((t) => t.name === p.templateName)?.presence === 'always');
    const emptyTee = el.behaviour?.kind === 'tee' && el.srcPads().length === 0 && el.properties['allow-not-linked'] !== true;
    if (dangling === undefined && !emptyTee) continue;
    const pad = dangling?.name ?? 'src';
    return { kind: 'link-failed', message: `${el.name}.${pad} is not linked: Internal data stream error (streaming stopped, reason not-linked (-1))`, element: el.name, pad };
  }
  return null;
}

/** Links must form a DAG: a loop would make every query run forever (GStreamer deadlocks). */
function detectLoops(s: Session): void {
  const state = new Map<ElementNode, 1 | 2>();
  for (const start of s.elements) {
    if (state.has(start)) continue;
    const stack: { el: ElementNode; next: number }[] = [{ el: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const outs = top.el.srcPads().filter((p) => p.peer !== null);
      if (top.next >= outs.length) {
        state.set(top.el, 2);
        stack.pop();
        continue;
      }
      const nextEl = outs[top.next++]!.peer!.element;
      const st = state.get(nextEl);
      if (st === 1) {
        const cycle = [...stack.slice(stack.findIndex((f) => f.el === nextEl)).map((f) => f.el.name), nextEl.name];
        throw new NegotiationFailure({ kind: 'link-failed', message: `the links form a loop: ${cycle.join(' → ')}`, element: nextEl.name });
      }
      if (st === undefined) {
        state.set(nextEl, 1);
        stack.push({ el: nextEl, next: 0 });
      }
    }
  }
}

// ---- the public entry point ------------------------------------------------------------------------

function emptyResult(error: NegotiationError, notes: string[] = [], explain: Explanation | null = null): NegotiationResult {
  return { ok: false, error, pads: {}, elements: [], links: [], allocation: [], probes: [], violations: [], explain, notes };
}

/** Negotiate a gst-launch description or a JSON graph statically, as GStreamer 1.22 would. */
export function negotiate(pipeline: string | GraphJson, options: NegotiateOptions = {}): TracedNegotiationResult {
  const registry = options.registry ?? defaultRegistry();
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
  const s = new Session(registry, options.profiles ?? builtinProfiles(), options.trace === true);
  // the memory:DMABuf policy: probes exporters and gives protected ones their DMABuf template before linking
  const policy = new PolicyRun(graph, options);
  let links: LinkReport[];
  try {
    buildElements(s, graph);
    const refused = policy.prepare(s.elements);
    if (refused !== null) throw new NegotiationFailure(refused);
    for (const el of s.elements) el.linking = true;
    links = linkAll(s, graph);
    for (const el of s.elements) el.linking = false;
    // the links are final: query answers depend on caps values alone from here on
    s.answers.enabled = true;
  } catch (e) {
    if (!(e instanceof NegotiationFailure)) throw e;
    return finish(s, e.error, [], e.conflict, options, policy);
  }
  let error: NegotiationError | null = null;
  for (const el of s.elements) {
    const isSource = el.sinkPads().length === 0 && el.srcPads().length > 0;
    if (!isSource) continue;
    error = s.negotiateSource(el);
    if (error !== null) break;
  }
  error ??= notLinked(s);
  return finish(s, error, links, null, options, policy);
}

function finish(
  s: Session,
  error: NegotiationError | null,
  links: LinkReport[],
  linkConflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null,
  options: NegotiateOptions,
  policy: PolicyRun | null = null,
): TracedNegotiationResult {
  const result = { allocation: [] as unknown[], probes: [] as unknown[], violations: [] as unknown[], notes: s.notes };
  // allocation, exporters' probes and the passthrough walk (policy.ts); a failure may become an explained policy error
  if (policy !== null) error = policy.finish(s.elements, error, result, (pad, filter) => run(s, peerQueryCaps(pad, filter)));
  const state = s.recorder.finish();
  // the pads that got caps before a failure are kept, as gst-launch -v printed them (none when linking failed)
  const pads: Record<string, string> = s.binOf.size === 0 ? { ...state.pads } : inBins(s, state.pads);
  const elements: ElementReport[] = s.elements.map((el) => ({
    name: el.name,
    factory: el.factory,
    model: el.baseClass !== null ? 'base-class' : el.templateOnly ? 'template-only' : 'profile',
    passthrough: el.passthrough,
  }));
  // links name pads by element (names are unique); pads in bins are keyed by their path in `pads`
  const linkReports = links.map((l) => ({ ...l, caps: state.pads[l.src] ?? null }));
  if (error === null) for (const phase of phases) phase({ elements: s.elements, options, result });
  const explain = error === null ? null : explainFailure(s, error, linkConflict);
  const out: TracedNegotiationResult = {
    ok: error === null,
    error,
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
      };
    }
  } else if (s.inter.first !== null) {
    const f = s.inter.first;
    const c = findConflict(f.left, f.right);
    if (c !== null) conflict = { element: f.pad.element.name, pad: f.pad.name, field: c.field, left: { value: c.left, from: f.leftFrom }, right: { value: c.right, from: f.rightFrom } };
  }
  return { summary: error.message, ...(conflict === undefined ? {} : { conflict }), steps };
}
