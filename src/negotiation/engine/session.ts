/**
 * One negotiation run over a built graph: the CAPS / ACCEPT_CAPS query handlers and the CAPS events,
 * each handed to the element's model (model.ts), and basesrc's negotiate for every source
 * (negotiation-allocation.md §2–3). Nothing here knows an element: what differs between elements is
 * in their models.
 */
import { allocationMetas } from '../allocation/allocation.js';
import { Caps } from '../../caps/index.js';
import { PadCapsRecorder } from '../graph/graph.js';
import type { Registry } from '../registry/registry.js';
import type { NegotiationError } from '../types.js';
import type { CapsEventResult, HonestyHooks, ModelHost, PendingStep } from './model.js';
import { ElementNode, PadNode, type Op } from './model.js';
import { AnswerMemo, Intersections, peerQueryCaps, queryAcceptCaps, queryCaps, run } from './query.js';

/** Everything one negotiate() call works on. */
export class Session implements ModelHost {
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
  /** known, declared, assumed and unknown caps (declare/honesty.ts) */
  honesty: HonestyHooks | null = null;

  constructor(
    readonly registry: Registry,
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
    // a declared pad (a device's formats, a caps property, a fixed filter's caps) answers with them
    const declared = this.honesty?.declared(pad);
    if (declared !== undefined) return filter === null ? declared : this.inter.first1(pad, filter, 'filter', declared, `${pad.id} (declared caps)`);
    return yield* pad.element.model.queryCaps(this, pad, filter);
  }

  *acceptCaps(pad: PadNode, caps: Caps): Op<boolean> {
    let memo = this.acceptMemo.get(pad);
    if (memo === undefined) this.acceptMemo.set(pad, (memo = { byObject: new Map(), byText: new Map() }));
    const hit = memo.byObject.get(caps);
    if (hit !== undefined) return hit;
    const text = caps.toString();
    let r = memo.byText.get(text);
    if (r === undefined) {
      const answer = yield* pad.element.model.acceptCaps(this, pad, caps);
      memo.byText.set(text, answer);
      r = answer;
    }
    memo.byObject.set(caps, r);
    return r;
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
      // a root pad (unknown or declared) gets its caps from its own negotiation, not from its element
      if (pad !== srcpad && this.honesty?.isRoot(pad) === true) continue;
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
      const r: CapsEventResult = peer.element.model.setCaps(this, peer, c);
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

  allocationMetas(src: PadNode, caps: Caps): readonly string[] {
    return allocationMetas(src, caps, (factory) => this.registry.get(factory));
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

  // ---- sources -------------------------------------------------------------------------------

  /** gst_base_src_negotiate for one source (§3.1); null when it negotiated or needs no caps. */
  negotiateSource(el: ElementNode, only?: PadNode): NegotiationError | null {
    for (const src of el.srcPads()) {
      // an unknown pad is not negotiated; `only`: one declared pad of an element that is no source
      if (only !== undefined ? src !== only : this.honesty?.negotiates(src) === false) continue;
      // a source that read a file (uridecodebin) sets the caps it read, as a demuxer does
      const read = only === undefined ? this.honesty?.readFromMedia(src) : undefined;
      if (read !== undefined) {
        const e = this.pushDecided(src, read);
        if (e !== null) return e;
        continue;
      }
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
      const fixed = el.model.fixateSrcCaps(this, el, peer);
      if (!fixed.isFixed()) return this.notNegotiated(src, `${el.name}: caps could not be fixated: ${fixed.toString()}`);
      const refusal = el.model.srcCapsRefusal(fixed);
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

  /**
   * A pad whose caps its element decided from what it read (a demuxer's, wavparse's): gst_pad_set_caps
   * with those caps, no CAPS query and no fixation (the field order stays the element's).
   */
  pushDecided(src: PadNode, caps: Caps): NegotiationError | null {
    this.step({ element: src.element.name, pad: src.name, accepted: caps, note: 'caps read from its input, pushed' });
    return this.pushCaps(src, caps) ?? this.capslessDownstream(src);
  }

  /**
   * Buffers without caps flow from `srcpad` (an ANY source): each element's model says whether it
   * refuses them (§7.3 #5), passes them on, or sets caps itself (capsfilter, §3.4).
   */
  private capslessBuffer(srcpad: PadNode): NegotiationError | null {
    const work: PadNode[] = [srcpad];
    while (work.length > 0) {
      const pad = work.pop()!;
      const peer = pad.peer;
      if (peer === null || peer.caps !== null) continue;
      const next = peer.element.model.bufferWithoutCaps(this, peer);
      if (!Array.isArray(next)) return next as NegotiationError;
      for (const p of next as readonly PadNode[]) work.push(p);
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
      if (next.model.waitsForInputs) continue;
      for (const p of next.model.bufferPads(pad.peer)) work.push(p);
    }
    return null;
  }
}
