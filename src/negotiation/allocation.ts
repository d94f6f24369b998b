/**
 * The ALLOCATION query, simulated once caps are set (negotiation-allocation.md §4, §3.5–3.7): every
 * element that allocates (basesrc, a basetransform that is neither passthrough nor in-place, a video
 * codec) sends a query with its src caps downstream; proposers answer (§4.3), forwarders pass the same
 * query on, tee aggregates its branches; then the sender runs decide_allocation (§4.4).
 *
 * As in GStreamer, the most downstream allocator decides first (each basetransform's setcaps runs its
 * query before returning, §3.10 #3), so a converter's proposal upstream can use what survived its own
 * decide. Checked against GStreamer 1.22's queries in spec/oracle/allocation.spec.ts.
 */
import { Caps } from '../caps/index.js';
import type { ElementNode, PadNode } from './engine.js';
import { capsFrameSize } from './video-info.js';
import type { AllocationParamEntry, AllocationParams, AllocationPool, AllocationReport } from './types.js';

export const VIDEO_META = 'GstVideoMetaAPI';
export const VIDEO_CROP_META = 'GstVideoCropMetaAPI';
export const OVERLAY_COMPOSITION_META = 'GstVideoOverlayCompositionMetaAPI';
export const VIDEO_BUFFER_POOL = 'GstVideoBufferPool';
export const BUFFER_POOL = 'GstBufferPool';
export const OPTION_VIDEO_META = 'GstBufferPoolOptionVideoMeta';

/** meta APIs carrying the `memory` tag: dropped by every transform's decide (§4.4, §4.7) */
const MEMORY_TAGGED = new Set([VIDEO_META]);

/** GstVideoFilter subclasses: their decide makes a GstVideoBufferPool, their propose offers one (§4.3) */
const VIDEO_FILTERS = new Set(['videoconvert', 'videoscale', 'videoconvertscale', 'videoflip', 'videobox', 'videocrop']);
/** transforms whose filter_meta proposes every meta upstream except the crop meta (§3.9) */
const KEEPS_METAS_BUT_CROP = new Set(['videoconvert', 'videoscale', 'videoconvertscale']);
/** basetransforms that are always in place: they never allocate and forward the query (§3.4, §3.7) */
const IN_PLACE = new Set(['capsfilter', 'identity', 'videorate']);

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

/** Does this element run decide_allocation for its src pads? */
function allocates(el: ElementNode): boolean {
  const p = el.profile;
  if (el.srcPads().length === 0) return false;
  if (p === null) return true;
  switch (p.kind) {
    case 'source':
    case 'video-codec':
      return true;
    case 'transform':
      return !IN_PLACE.has(el.factory) && el.passthrough !== true;
    default:
      return false;
  }
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
  private readonly noted = new Set<string>();

  constructor(private readonly exporterDecide: ExporterDecide | null) {}

  private note(text: string): void {
    if (this.noted.has(text)) return;
    this.noted.add(text);
    this.notes.push(text);
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
      if (answered && through?.factory === 'videorate') for (const e of q.pools) e.min += 1;
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
    const p = el.profile;
    if (p === null) return null;
    if (p.kind === 'proxy') return el.srcPads()[0] ?? 'refuse'; // queue: serialized, answered in data order downstream
    if (p.kind !== 'transform') return null;
    if (el.factory === 'identity' && propertyIs(el, 'drop-allocation', true)) return 'refuse';
    if (IN_PLACE.has(el.factory) || el.passthrough === true) return el.srcPads()[0] ?? 'refuse';
    return null;
  }

  /** An element's own answer to a query arriving on its sink pad `pad` (§4.3). */
  private *answer(pad: PadNode, q: Query): AllocOp<boolean> {
    const el = pad.element;
    const p = el.profile;
    if (p === null) {
      this.note(`${el.name} (${el.factory}): propose_allocation not modelled (known by its templates only), assumed to answer FALSE`);
      return false;
    }
    switch (p.kind) {
      case 'source':
      case 'proxy':
        return false;
      case 'sink':
        return this.sinkPropose(el, q);
      case 'tee':
        return yield* this.teePropose(el, q);
      case 'transform':
        // basetransform default: the metas its own decide kept; GstVideoFilter adds a pool of its own
        for (const m of this.kept.get(el) ?? []) q.metas.push(m);
        if (VIDEO_FILTERS.has(el.factory)) this.offerVideoPool(el, q);
        return true;
      case 'video-codec':
        if (p.role === 'decoder') return true;
        // jpegenc lists GstVideoMeta itself, then the GstVideoEncoder default offers a pool and lists it again
        q.metas.push(VIDEO_META);
        this.offerVideoPool(el, q);
        return true;
    }
  }

  /** GstVideoFilter / GstVideoEncoder: a GstVideoBufferPool (caps, info.size, 0, 0), align 15, GstVideoMeta */
  private offerVideoPool(el: ElementNode, q: Query): void {
    if (q.pools.length === 0) {
      if (q.params.length === 0) q.params.push({ allocator: null, flags: 0, align: 15, prefix: 0, padding: 0 });
      const size = capsFrameSize(q.caps);
      if (size !== null) q.pools.push({ pool: VIDEO_BUFFER_POOL, size, min: 0, max: 0 });
      else this.note(`${el.name}: frame size of ${q.caps.toString()} unknown, no pool proposed`);
    }
    q.metas.push(VIDEO_META);
  }

  private sinkPropose(el: ElementNode, q: Query): boolean {
    if (el.factory !== 'fakevideosink') return false; // basesink without propose_allocation: FALSE
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
    const p = el.profile;
    const param = q.params[0];
    const allocator = param?.allocator ?? null;
    const params = param === undefined ? ZERO_PARAMS : paramsOf(param);
    const entry = q.pools[0];
    const frame = capsFrameSize(q.caps);
    let pool: AllocationPool | null;

    if (p !== null && p.kind === 'transform') {
      // drop the memory-tagged metas, then what filter_meta refuses (without filter_meta: everything)
      const keeps = KEEPS_METAS_BUT_CROP.has(el.factory);
      this.kept.set(
        el,
        q.metas.filter((m) => !MEMORY_TAGGED.has(m) && keeps && m !== VIDEO_CROP_META),
      );
    }

    if (el.factory === 'videotestsrc' || (p !== null && p.kind === 'transform' && VIDEO_FILTERS.has(el.factory)) || (p !== null && p.kind === 'video-codec' && p.role === 'decoder')) {
      // these always end with a GstVideoBufferPool, sized at least to the frame
      const size = Math.max(entry?.size ?? 0, frame ?? 0);
      const options = el.factory === 'videotestsrc' ? (q.metas.includes(VIDEO_META) ? [OPTION_VIDEO_META] : []) : [OPTION_VIDEO_META];
      pool = { pool: entry?.pool ?? VIDEO_BUFFER_POOL, size, min: entry?.min ?? 0, max: entry?.max ?? 0, options };
    } else if (p !== null && p.kind === 'video-codec') {
      pool = null; // GstVideoEncoder: allocator and params only
    } else if (entry !== undefined) {
      // basesrc / basetransform default: entry 0, a NULL pool becomes a generic GstBufferPool
      pool = { pool: entry.pool ?? BUFFER_POOL, size: entry.size, min: entry.min, max: entry.max, options: [] };
    } else pool = null; // no entry: no pool, buffers from gst_buffer_new_allocate

    let chosen = allocator;
    if (this.exporterDecide !== null) {
      const exported = this.exporterDecide(el, pool?.size ?? frame);
      if (exported !== '') chosen = exported;
    }
    if (p === null) this.note(`${el.name} (${el.factory}): decide_allocation not modelled, the basesrc/basetransform default assumed`);
    return { pool, allocator: chosen, params };
  }

  run(elements: readonly ElementNode[]): void {
    const order = topological(elements);
    for (const el of order.slice().reverse()) {
      if (!allocates(el)) continue;
      for (const src of el.srcPads()) {
        if (src.caps === null || src.peer === null) continue;
        const q = newQuery(src.caps, true);
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
      if (r.decided === null && owner.get(r.src)?.profile?.kind === 'transform') this.reports[i] = { ...r, decided: { pool: null, allocator: null } };
    }
  }
}

function paramsOf(p: AllocationParamEntry): AllocationParams {
  return { flags: p.flags, align: p.align, prefix: p.prefix, padding: p.padding };
}

/** Run the ALLOCATION queries and decisions of a negotiated graph. */
export function simulateAllocation(elements: readonly ElementNode[], exporterDecide: ExporterDecide | null = null): AllocationRun {
  const sim = new Simulation(exporterDecide);
  sim.run(elements);
  return { reports: sim.reports, notes: sim.notes, decisions: sim.decisions };
}
