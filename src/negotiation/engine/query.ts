/**
 * Running queries: the engine's CAPS / ACCEPT_CAPS queries, following GStreamer's default handlers and
 * base classes (negotiation-allocation.md §2–3, §9).
 *
 * Queries recurse through the graph (a basetransform's answer needs its peer's answer). To stay within
 * the JS stack on 10,000-element chains, every handler is a generator that *yields* the peer query it
 * needs and receives the answer; `run()` drives them with an explicit stack, so depth costs heap, not stack.
 */
import { addWork, Caps, type CapsData, type Structure } from '../../caps/index.js';
import type { AnswerCache, Ask, IntersectionLog, ElementNode, Handlers, Op, PadNode } from './model.js';

/**
 * Answers to filtered CAPS queries and ACCEPT_CAPS queries, per pad and per caps *value* (the same
 * structures, features, fields and values in the same order). Every CAPS event sets off an accept-caps
 * (and for a transform with unfixed output, a filtered CAPS query) that walks the rest of the chain;
 * the caps each element builds are new objects of the same value, so a memo keyed by object would miss
 * at every element and a chain of n elements would cost n². Only answers computed without a handler
 * that reads pad state (the base-class hooks do: aggregators look at their pads' caps) are kept, and
 * only once the links are final (`enabled`).
 */
export class AnswerMemo implements AnswerCache {
  enabled = false;
  private readonly caps = new Map<PadNode, { key: Caps; value: Caps }[]>();
  private readonly accept = new Map<PadNode, { key: Caps; value: boolean }[]>();

  /**
   * The handler on this pad answers from the links, the templates and the caps *value* alone: the
   * model says so (ElementModel.pure); an aggregator's CAPS answers read its pads' current caps, a
   * codec's ACCEPT_CAPS tells an encoder's partial caps by object.
   */
  static isPure(pad: PadNode, kind: Ask['kind']): boolean {
    return pad.element.model.pure[kind];
  }

  get(ask: Ask): unknown {
    const list = ask.kind === 'caps' ? this.caps.get(ask.pad) : this.accept.get(ask.pad);
    if (list === undefined) return undefined;
    const key = ask.kind === 'caps' ? ask.filter! : ask.caps;
    for (const e of list) if (e.key === key) return e.value;
    for (const e of list) if (sameCaps(e.key, key)) return e.value;
    return undefined;
  }

  set(ask: Ask, value: unknown): void {
    const map = ask.kind === 'caps' ? this.caps : this.accept;
    const key = ask.kind === 'caps' ? ask.filter! : ask.caps;
    let list = map.get(ask.pad) as { key: Caps; value: unknown }[] | undefined;
    if (list === undefined) map.set(ask.pad, (list = []));
    // a few values per pad are all a chain needs; bounded so a lookup stays cheap
    if (list.length >= 8) list.shift();
    list.push({ key, value });
  }
}

/** The same caps representation: entries, features, field order and values (NaN equals NaN). */
export function sameCaps(a: CapsData, b: CapsData): boolean {
  if (a === b) return true;
  if (a.any !== b.any) return false;
  const ea = a.entries;
  const eb = b.entries;
  if (ea.length !== eb.length) return false;
  for (let i = 0; i < ea.length; i++) {
    const x = ea[i]!;
    const y = eb[i]!;
    if (!sameData(x.features, y.features)) return false;
    const sx = x.structure;
    const sy = y.structure;
    if (sx.name !== sy.name || sx.fields.length !== sy.fields.length) return false;
    for (let j = 0; j < sx.fields.length; j++) {
      const f = sx.fields[j]!;
      const g = sy.fields[j]!;
      if (f.name !== g.name || !sameData(f.value, g.value)) return false;
    }
  }
  return true;
}

/** deep equality of plain caps data (values, features); Sets compared by content */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set) || a.size !== b.size) return false;
    const xs = [...a];
    const ys = [...b];
    for (let i = 0; i < xs.length; i++) if (!sameData(xs[i], ys[i])) return false;
    return true;
  }
  if (a instanceof Caps || b instanceof Caps || 'entries' in a) {
    return 'entries' in a && 'entries' in b && sameCaps(a as CapsData, b as CapsData);
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Drive a handler to completion with an explicit stack (no native recursion). */
export function run<T>(handlers: Handlers, op: Op<T>): T {
  const memo = handlers.unfiltered;
  const answers = handlers.answers?.enabled === true ? handlers.answers : undefined;
  const stack: Op<unknown>[] = [op as Op<unknown>];
  // per frame: the pad whose unfiltered answer it computes (null: not kept there), the query it
  // answers for the value memo (null: not kept), and whether a handler that reads pad state took part
  const memoPads: (PadNode | null)[] = [null];
  const asks: (Ask | null)[] = [null];
  const impure: boolean[] = [false];
  let input: unknown = undefined;
  for (;;) {
    const top = stack[stack.length - 1]!;
    addWork();
    const r = top.next(input);
    if (r.done === true) {
      stack.pop();
      const pad = memoPads.pop()!;
      const ask = asks.pop()!;
      const dirty = impure.pop()!;
      if (pad !== null) memo!.set(pad, r.value as Caps);
      if (ask !== null && !dirty) answers!.set(ask, r.value);
      if (stack.length === 0) return r.value as T;
      if (dirty) impure[impure.length - 1] = true;
      input = r.value;
      continue;
    }
    const ask = r.value;
    const pure = AnswerMemo.isPure(ask.pad, ask.kind);
    if (!pure) impure[impure.length - 1] = true;
    if (ask.kind === 'caps' && ask.filter === null) {
      if (memo !== undefined) {
        const hit = memo.get(ask.pad);
        if (hit !== undefined) {
          input = hit;
          continue;
        }
        memoPads.push(ask.pad);
      } else memoPads.push(null);
      asks.push(null);
    } else {
      if (answers !== undefined && pure) {
        const hit = answers.get(ask);
        if (hit !== undefined) {
          input = hit;
          continue;
        }
        asks.push(ask);
      } else asks.push(null);
      memoPads.push(null);
    }
    impure.push(!pure);
    stack.push((ask.kind === 'caps' ? handlers.queryCaps(ask.pad, ask.filter) : handlers.acceptCaps(ask.pad, ask.caps)) as Op<unknown>);
    input = undefined;
  }
}

/**
 * Forget the unfiltered answers a new link between `src` and `sink` can change. A src pad's answer looks
 * upstream and a sink pad's downstream (true of every handler here), so only sink pads upstream of the
 * link and src pads downstream of it can change. A pad without an entry ends the walk: every answer
 * computed through it would have left an entry on it.
 */
export function invalidateUnfiltered(memo: Map<PadNode, Caps>, src: PadNode, sink: PadNode): void {
  const walk = (start: ElementNode, direction: 'src' | 'sink'): void => {
    const work: ElementNode[] = [start];
    const seen = new Set<ElementNode>();
    while (work.length > 0) {
      const el = work.pop()!;
      if (seen.has(el)) continue;
      seen.add(el);
      // only this direction's pads (a tee's sink walk must not visit its thousand src pads)
      for (const pad of direction === 'sink' ? el.sinkPads() : el.srcPads()) {
        addWork();
        if (!memo.delete(pad)) continue;
        const next = direction === 'sink' ? el.sinkPads() : el.srcPads();
        for (const p of next) if (p.peer !== null) work.push(p.peer.element);
      }
    }
  };
  walk(src.element, 'sink');
  walk(sink.element, 'src');
}

/** gst_pad_query_caps on a pad itself (its element's handler). */
export function* queryCaps(pad: PadNode, filter: Caps | null): Op<Caps> {
  return (yield { kind: 'caps', pad, filter }) as Caps;
}

/** gst_pad_peer_query_caps: with no peer, the filter (or ANY). */
export function* peerQueryCaps(pad: PadNode, filter: Caps | null): Op<Caps> {
  if (pad.peer === null) return filter ?? Caps.ANY;
  return (yield { kind: 'caps', pad: pad.peer, filter }) as Caps;
}

/** gst_pad_query_accept_caps on a pad itself. */
export function* queryAcceptCaps(pad: PadNode, caps: Caps): Op<boolean> {
  return (yield { kind: 'accept', pad, caps }) as boolean;
}

/** gst_pad_peer_query_accept_caps: TRUE without a peer. */
export function* peerAcceptCaps(pad: PadNode, caps: Caps): Op<boolean> {
  if (pad.peer === null) return true;
  return (yield { kind: 'accept', pad: pad.peer, caps }) as boolean;
}

/** Where an intersection first came out EMPTY from two non-empty sides (the root of a failure). */
export interface EmptyAt {
  readonly pad: PadNode;
  readonly left: Caps;
  readonly leftFrom: string;
  readonly right: Caps;
  readonly rightFrom: string;
}

/** Intersection helpers that remember the first place a non-empty pair gave EMPTY, for explain. */
export class Intersections implements IntersectionLog {
  first: EmptyAt | null = null;

  /** `a ∩₁ b` (gst_caps_intersect_full FIRST): a's order wins */
  first1(pad: PadNode, a: Caps, aFrom: string, b: Caps, bFrom: string): Caps {
    return this.note(pad, a, aFrom, b, bFrom, intersectFirst(a, b));
  }

  zigzag(pad: PadNode, a: Caps, aFrom: string, b: Caps, bFrom: string): Caps {
    return this.note(pad, a, aFrom, b, bFrom, intersectZigzag(a, b));
  }

  private note(pad: PadNode, a: Caps, aFrom: string, b: Caps, bFrom: string, r: Caps): Caps {
    if (this.first === null && r.isEmpty() && !a.isEmpty() && !b.isEmpty()) this.first = { pad, left: a, leftFrom: aFrom, right: b, rightFrom: bFrom };
    return r;
  }
}

/** gst_caps_intersect_full(a, b, FIRST) with the ANY shortcuts GStreamer takes. */
export function intersectFirst(a: Caps, b: Caps): Caps {
  // gst_caps_intersect_full: the same caps object intersects to itself
  if (a === b || b.isAny()) return a;
  if (a.isAny()) return b;
  return a.intersect(b, 'first');
}

/** gst_caps_intersect (zig-zag) with the ANY shortcuts. */
export function intersectZigzag(a: Caps, b: Caps): Caps {
  if (a === b || b.isAny()) return a;
  if (a.isAny()) return b;
  return a.intersect(b, 'zigzag');
}

/** A caps value with one structure replaced (features kept). */
export function withStructure(caps: Caps, index: number, s: Structure): Caps {
  const entries = caps.entries.slice();
  const e = entries[index]!;
  entries[index] = { structure: s, features: e.features };
  return Caps.fromEntries(entries);
}
