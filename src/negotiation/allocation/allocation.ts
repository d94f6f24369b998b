/**
 * The ALLOCATION query, simulated once caps are set (negotiation-allocation.md §4, §3.5–3.7): every
 * element that allocates (basesrc, a basetransform that is neither passthrough nor in-place, a codec, an
 * aggregator) sends a query with its src caps downstream; proposers answer (§4.3), forwarders pass the
 * same query on, tee aggregates its branches; then the sender runs decide_allocation (§4.4).
 *
 * What an element does is its model's: the allocation vmethods of ElementModel (engine/model.ts), whose
 * defaults the base-class models in base/ implement and element models under elements/ override. Which
 * model answers is the base class the registry's ancestry names (base/choose.ts allocationModel); the
 * base classes read the facts the registry importer recorded for the factory (gst-binding.ts): which class
 * installed decide_allocation / propose_allocation / filter_meta / transform_frame, whether a fresh instance
 * is in place or passthrough, and whether its sink pad is PROXY_ALLOCATION. This file drives the queries
 * and names no factory.
 *
 * As in GStreamer, the most downstream allocator decides first (each basetransform's setcaps runs its
 * query before returning, §3.10 #3), so a converter's proposal upstream can use what survived its own
 * decide. Checked against GStreamer 1.22's queries in spec/oracle/allocation.spec.ts.
 */
import { allocationModel } from '../base/choose.js';
import { newAllocationQuery, paramsOf } from '../base/allocation.js';
import type { AllocationDecision, AllocationHost, AllocationQuery, AllocOp, BufferHandling, ElementModel, ElementNode, PadNode } from '../engine/model.js';
import type { Caps } from '../../caps/index.js';
import type { ElementFactory, GstVersion } from '../registry/registry.js';
import type { AllocationReport } from '../types.js';

/** The factory's registry record (for its typeChain and allocation facts); undefined when unknown. */
export type FactoryLookup = (factory: string) => ElementFactory | undefined;

/** gst_pad_peer_query_caps(pad, filter) on the negotiated graph (the engine's CAPS query). */
export type PeerQueryCaps = (pad: PadNode, filter: Caps) => Caps;

export type Decision = AllocationDecision;

/**
 * What an exporter does at decide_allocation (policy.ts): it allocates its buffer of `size` bytes from its
 * own allocator and probes it. Returns the allocator's name ('' for an element that exports nothing).
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

const clear = (q: AllocationQuery): void => {
  q.pools = [];
  q.params = [];
  q.metas = [];
};

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

/** The host the allocation vmethods run in: registry facts, notes once each, per-element state. */
class Host implements AllocationHost {
  readonly notes: string[] = [];
  readonly refused = new Map<ElementNode, string>();
  private readonly noted = new Set<string>();
  private readonly states = new Map<ElementNode, unknown>();
  private readonly factories = new Map<ElementNode, ElementFactory | undefined>();

  constructor(
    private readonly lookup: FactoryLookup | null,
    readonly peerCaps: PeerQueryCaps | null,
    private readonly exporterDecide: ExporterDecide | null,
    readonly release: GstVersion = '1.22',
  ) {}

  facts(el: ElementNode): ElementFactory | undefined {
    let f = this.factories.get(el);
    if (f === undefined && !this.factories.has(el)) {
      // a bin modelled by the element inside it (audioparse → rawaudioparse) has that element's facts
      f = this.lookup?.(el.model.child ?? el.factory);
      this.factories.set(el, f);
    }
    return f;
  }

  note(text: string): void {
    if (this.noted.has(text)) return;
    this.noted.add(text);
    this.notes.push(text);
  }

  state<T>(el: ElementNode, make: (host: AllocationHost, el: ElementNode) => T): T {
    const known = this.states.get(el);
    if (known !== undefined) return known as T;
    const made = make(this, el);
    this.states.set(el, made);
    return made;
  }

  refuse(el: ElementNode, message: string): void {
    if (!this.refused.has(el)) this.refused.set(el, message);
  }

  exporterAllocator(el: ElementNode, size: number | null): string | null {
    if (this.exporterDecide === null) return null;
    const exported = this.exporterDecide(el, size);
    return exported === '' ? null : exported;
  }
}

class Simulation {
  readonly reports: AllocationReport[] = [];
  readonly decisions = new Map<string, Decision>();
  private readonly models = new Map<ElementNode, ElementModel>();

  constructor(readonly host: Host) {}

  /** the model answering for `el`, its set_caps state made at the first ask */
  private model(el: ElementNode): ElementModel {
    let model = this.models.get(el);
    if (model === undefined) {
      model = allocationModel(el, this.host.facts(el));
      this.models.set(el, model);
      model.setupAllocation(this.host, el);
    }
    return model;
  }

  /**
   * gst_pad_peer_query(srcpad, ALLOCATION): the answer, and one report per link the query crossed. Elements
   * that forward the very query (queue, in-place or passthrough transforms) are followed in a loop, not by
   * recursion, so a chain of thousands of them costs no stack; each link's report is the query as it came
   * back through that link. A tee asks each branch with a query of its own: those nested queries are
   * yielded to an explicit stack here, so tees nested thousands deep cost heap, not native stack.
   */
  send(src: PadNode, q: AllocationQuery, from: ElementNode): boolean {
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

  private *sendOp(src: PadNode, q: AllocationQuery, from: ElementNode): AllocOp<boolean> {
    const crossed: PadNode[] = [];
    /** the models of the elements that forwarded it: forwarders[i] passed it from crossed[i] to crossed[i + 1] */
    const forwarders: ElementModel[] = [];
    let pad = src;
    let answered = false;
    for (;;) {
      crossed.push(pad);
      const peer = pad.peer;
      if (peer === null) break;
      const model = this.model(peer.element);
      const next = model.queryAllocation(this.host, peer);
      if (next === 'refuse') break;
      if (next === 'propose') {
        answered = yield* model.proposeAllocation(this.host, peer, q);
        break;
      }
      forwarders.push(model);
      pad = next;
    }
    if (!answered) clear(q);
    for (let i = crossed.length - 1; i >= 0; i--) {
      const link = crossed[i]!;
      // an element the answer came back through may change it (videorate keeps one buffer back)
      const through = crossed[i + 1];
      if (answered && through !== undefined) forwarders[i]!.forwardedAllocation(this.host, through.element, q);
      if (link.peer !== null) this.report(link, link.peer, q, answered, from);
    }
    return answered;
  }

  private report(src: PadNode, sink: PadNode, q: AllocationQuery, answered: boolean, from: ElementNode): void {
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

  /** the elements that pass on the buffers they receive, as their models decided during the run */
  forwarding(elements: readonly ElementNode[]): Set<ElementNode> {
    const out = new Set<ElementNode>();
    for (const el of elements) if (this.model(el).bufferHandling(this.host, el) === 'forwards') out.add(el);
    return out;
  }

  run(elements: readonly ElementNode[]): void {
    const order = topological(elements);
    for (const el of order.slice().reverse()) {
      const model = this.model(el);
      for (const src of el.srcPads()) {
        if (src.peer === null) continue;
        const sends = model.sendsAllocation(this.host, src);
        if (sends === null) continue;
        const q = newAllocationQuery(sends.caps, sends.needPool);
        this.send(src, q, el);
        if (!sends.decide) continue;
        // the sender's own link is reported last: the answer reaches it last
        const own = this.reports.length - 1;
        const decision = model.decideAllocation(this.host, el, q);
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
      if (r.decided === null && el !== undefined && this.model(el).forwardingKeepsNothing) this.reports[i] = { ...r, decided: { pool: null, allocator: null } };
    }
  }
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
  release: GstVersion = '1.22',
): AllocationRun {
  const host = new Host(lookup, peerCaps, exporterDecide, release);
  const sim = new Simulation(host);
  sim.run(elements);
  return { reports: sim.reports, notes: host.notes, decisions: sim.decisions, forwarding: sim.forwarding(elements), refused: host.refused };
}

/**
 * The metas an ALLOCATION query (need_pool FALSE) from `src` with `caps` comes back with: what an element
 * asking downstream while it negotiates learns (a text overlay: does downstream take the overlay meta).
 */
export function allocationMetas(src: PadNode, caps: Caps, lookup: FactoryLookup | null): readonly string[] {
  const q = newAllocationQuery(caps, false);
  const sim = new Simulation(new Host(lookup, null, null));
  return sim.send(src, q, src.element) ? q.metas : [];
}

/** What `el` does with the buffers it receives, as its allocation model says (policy.ts walks protected paths with it). */
export function bufferHandling(el: ElementNode, factory: ElementFactory | undefined): BufferHandling {
  const host = new Host(() => factory, null, null);
  return allocationModel(el, factory).bufferHandling(host, el);
}
