/**
 * `gst_caps_simplify` (GStreamer 1.22), in GStreamer's exact merge order but without its n² pair walk.
 *
 * GStreamer sorts the structures (name by strcmp, then more fields first, stable) and walks from the end:
 * each structure `simp` is tried against every other structure of its run (the contiguous structures
 * with its name and equal features), in descending position, until a pair does something. A pair
 * (`gst_caps_structure_simplify`) can only do something when
 * - subtraction `simp − cmp` leaves ≤ 1 piece: cmp's fields are all in simp, and no field where both
 *   values are plain scalars differs (for scalars the difference is simp's value itself, which 1.22
 *   reads as "impossible"); or
 * - union: both have the same field names and all but one field compare EQUAL.
 * Runs of more than a few structures keep an index of these necessary conditions (by field-name set,
 * and per field by the value's key), so a structure only visits candidates that pass them, still in
 * descending position. Every candidate is then asked exactly as GStreamer asks it, so the answer and
 * the order of merges are GStreamer's.
 *
 * `gst_caps_subtract` lives here too: its result is simplified (and kept out of ops.ts, whose
 * structure and value helpers import ops.ts back).
 */
import { EQUAL, compareValues, strcmp } from './compare.js';
import { featuresEqual, isAnyFeatures, storedFeatures } from './features.js';
import { subtractStructures } from './structure-ops.js';
import { unionValues } from './union.js';
import { ANY_CAPS, EMPTY_CAPS, setField } from './value.js';
import { addWork } from './work.js';
import type { CapsData, CapsEntry, CapsFeatures, CapsRelease, Structure, Value } from './types.js';

/** simplify's order: name by strcmp, then more fields first (stable). */
function compareForSimplify(x: CapsEntry, y: CapsEntry): number {
  const r = strcmp(x.structure.name, y.structure.name);
  if (r !== 0) return r;
  return y.structure.fields.length - x.structure.fields.length;
}

type PairResult = { readonly kind: 'remove' } | { readonly kind: 'replace'; readonly structure: Structure } | { readonly kind: 'merged'; readonly into: Structure };
const REMOVE: PairResult = { kind: 'remove' };

/**
 * `gst_caps_structure_simplify(simp, cmp)`: first `simp − cmp` (0 pieces: remove simp; 1 piece:
 * replace simp), then a union when exactly one field differs and both have as many fields —
 * cmp takes `union(cmp.f, simp.f)` and simp is removed.
 * 1.26 counts only the fields whose union exists: a differing field without one (`7` and `[ 9, 255 ]`,
 * disjoint int or fraction ranges) is passed over and cmp keeps its value, so
 * `x, c=7, m=a; x, c=[ 9, 255 ], m=b` becomes `x, c=7, m={ a, b }` (1.22 keeps both structures).
 */
function simplifyPair(simp: Structure, cmp: Structure, release: CapsRelease): PairResult | null {
  const pieces = subtractStructures(simp, cmp);
  if (pieces !== null) {
    if (pieces.length === 0) return REMOVE;
    if (pieces.length === 1) return { kind: 'replace', structure: pieces[0]! };
  }
  let unionField: string | null = null;
  let union: Value | null = null;
  const fields = simp.fields;
  const other = cmp.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let v: Value | undefined;
    for (let j = 0; j < other.length; j++) {
      if (other[j]!.name === f.name) {
        v = other[j]!.value;
        break;
      }
    }
    if (v === undefined) return null;
    if (compareValues(v, f.value) === EQUAL) continue;
    if (release === '1.26') {
      if (union !== null) return null;
      union = unionValues(v, f.value, release);
      if (union !== null) unionField = f.name;
      continue;
    }
    if (unionField !== null) return null;
    unionField = f.name;
    union = unionValues(v, f.value);
    if (union === null) return null;
  }
  if (unionField === null || union === null) return null;
  if (fields.length !== other.length) return null;
  return { kind: 'merged', into: setField(cmp, unionField, union) };
}

/**
 * @see gst_caps_subtract — each subtrahend entry is taken out of every minuend entry with the same
 * name and equal features (pieces in reverse field order); the result is simplified, hence sorted.
 *
 * ANY features in the subtrahend equal everything, as in 1.22. Where 1.22 emits a critical and
 * returns NULL we define: an ANY minuend stays ANY (ANY cannot be reduced partially), and a minuend
 * entry with ANY features is kept as it is.
 */
export function subtractCaps(minuend: CapsData, subtrahend: CapsData): CapsData {
  if (isEmpty(minuend) || subtrahend.any) return EMPTY_CAPS;
  if (subtrahend.entries.length === 0) return minuend;
  if (minuend.any) return ANY_CAPS;
  let src: readonly CapsEntry[] = minuend.entries;
  let dest: CapsEntry[] = [];
  const subs = subtrahend.entries;
  for (let i = 0; i < subs.length; i++) {
    const sub = subs[i]!;
    dest = [];
    for (let j = 0; j < src.length; j++) {
      const min = src[j]!;
      const f = storedFeatures(min.features);
      if (min.structure.name === sub.structure.name && featuresEqual(min.features, sub.features) && !isAnyFeatures(min.features)) {
        const pieces = subtractStructures(min.structure, sub.structure);
        if (pieces !== null) {
          for (const p of pieces) dest.push({ structure: p, features: f });
          continue;
        }
      }
      dest.push({ structure: min.structure, features: f });
    }
    if (dest.length === 0) return EMPTY_CAPS;
    src = dest;
  }
  return simplifyCaps({ any: false, entries: dest });
}

/** Runs shorter than this take GStreamer's own loop: an index costs more than it saves there. */
const INDEX_FROM = 8;

/**
 * @see gst_caps_simplify — stable sort (name, then field count descending), then walk from the
 * end, trying each entry against the earlier and later entries of its name/features group. Can
 * give odd lists like `{ [ 1, 4 ], [ 6, 10 ], 5 }` and merges fields of nested structures.
 */
export function simplifyCaps(a: CapsData, release: CapsRelease = '1.22'): CapsData {
  if (a.any || a.entries.length <= 1) return a;
  const arr: CapsEntry[] = a.entries.slice().sort(compareForSimplify);
  // 1.26's union passes over fields without a union, so "all but one field EQUAL" no longer bounds
  // the candidates: its own loop. ANY features equal every features, so runs could overlap: the loop too
  if (release !== '1.22') return wrap(simplifyLoop(arr, release));
  let anyFeatures = false;
  for (let i = 0; i < arr.length; i++) if (isAnyFeatures(arr[i]!.features)) anyFeatures = true;
  if (anyFeatures || arr.length < INDEX_FROM) return wrap(simplifyLoop(arr, release));
  // runs never merge (each keeps at least one structure) and a pair never leaves its run, so each run
  // can be simplified on its own; GStreamer's walk from the end visits them last to first
  const runs: CapsEntry[][] = [];
  for (let end = arr.length; end > 0; ) {
    const last = arr[end - 1]!;
    let begin = end - 1;
    while (begin > 0 && sameRun(arr[begin - 1]!, last)) begin--;
    const run = arr.slice(begin, end);
    runs.push(run.length < INDEX_FROM ? simplifyLoop(run, release) : simplifyIndexed(run));
    end = begin;
  }
  const out: CapsEntry[] = [];
  for (let r = runs.length - 1; r >= 0; r--) for (const e of runs[r]!) out.push(e);
  return wrap(out);
}

const isEmpty = (c: CapsData): boolean => !c.any && c.entries.length === 0;
const wrap = (entries: CapsEntry[]): CapsData => (entries.length === 0 ? EMPTY_CAPS : { any: false, entries });

const sameRun = (x: CapsEntry, y: CapsEntry): boolean => x.structure.name === y.structure.name && featuresEqual(x.features, y.features);

/** GStreamer's loop over a sorted array, in place; every pair of a run is tried. */
function simplifyLoop(arr: CapsEntry[], release: CapsRelease): CapsEntry[] {
  let start = arr.length - 1;
  for (let i = arr.length - 1; i >= 0; i--) {
    let simp = arr[i]!;
    const head = arr[start]!;
    if (head.structure.name !== simp.structure.name || !featuresEqual(head.features, simp.features)) start = i;
    for (let j = start; j >= 0; j--) {
      if (j === i) continue;
      const cmp = arr[j]!;
      addWork();
      if (cmp.structure.name !== simp.structure.name || !featuresEqual(cmp.features, simp.features)) break;
      const r = simplifyPair(simp.structure, cmp.structure, release);
      if (r === null) continue;
      if (r.kind === 'replace') {
        simp = { structure: r.structure, features: simp.features };
        arr[i] = simp;
        continue;
      }
      if (r.kind === 'merged') arr[j] = { structure: r.into, features: cmp.features };
      arr.splice(i, 1);
      start--;
      break;
    }
  }
  return arr;
}

/** @internal GStreamer's pair walk over the whole caps, no index: what tests hold the index to. */
export function simplifyCapsByLoop(a: CapsData): CapsData {
  if (a.any || a.entries.length <= 1) return a;
  return wrap(simplifyLoop(a.entries.slice().sort(compareForSimplify), '1.22'));
}

// ---------------------------------------------------------------------------------------------
// The index. A value's key: `p:` a plain scalar (EQUAL, and an empty difference, exactly when the
// keys are equal), `r:` a range (EQUAL exactly when the keys are equal), `o` anything else.

function valueKey(v: Value): string {
  switch (v.kind) {
    case 'int': return `p:i${v.value}`;
    case 'uint': return `p:u${v.value}`;
    case 'int64': return `p:I${v.value}`;
    case 'uint64': return `p:U${v.value}`;
    case 'bitmask': return `p:m${v.value}`;
    case 'boolean': return v.value ? 'p:b1' : 'p:b0';
    // NaN equals nothing; String(-0) is "0", and -0 == 0 in GStreamer too
    case 'double': return Number.isNaN(v.value) ? 'o' : `p:d${v.value}`;
    case 'float': return Number.isNaN(v.value) ? 'o' : `p:f${v.value}`;
    case 'string': return v.value === null ? 'p:n' : `p:s${v.value}`;
    // stored reduced with den > 0: equal fractions have equal terms
    case 'fraction': return `p:q${v.num}/${v.den}`;
    // a single-value range ignores its step when compared
    case 'int-range': return `r:i${v.min},${v.max},${v.min === v.max ? '' : v.step}`;
    case 'int64-range': return `r:I${v.min},${v.max},${v.min === v.max ? '' : v.step}`;
    case 'double-range': return Number.isNaN(v.min) || Number.isNaN(v.max) ? 'o' : `r:d${v.min},${v.max}`;
    case 'fraction-range': return `r:q${v.min.num}/${v.min.den},${v.max.num}/${v.max.den}`;
    default: return 'o';
  }
}

const PLAIN = 112; // 'p'
const RANGE = 114; // 'r'

/** Positions (ascending, maybe stale or repeated) of the members that had one key for one field. */
interface Bag {
  items: number[];
  /** field index in its group, -1 for the group's "all" bag */
  readonly field: number;
  /** the key, or 'R' (every range) or 'o' (every non-plain, non-range) */
  readonly key: string;
  /** insertions since the last clean-up: items out of order */
  dirty: boolean;
  /** stale items passed over since the last clean-up */
  skipped: number;
}

interface FieldIndex {
  readonly exact: Map<string, Bag>;
  readonly ranges: Bag;
  readonly other: Bag;
}

interface Group {
  /** sorted field names */
  readonly names: readonly string[];
  readonly slot: ReadonlyMap<string, number>;
  readonly all: Bag;
  readonly fields: readonly FieldIndex[];
}

const newBag = (field: number, key: string): Bag => ({ items: [], field, key, dirty: false, skipped: 0 });

function simplifyIndexed(run: readonly CapsEntry[]): CapsEntry[] {
  const m = run.length;
  const cur: Structure[] = new Array<Structure>(m);
  const alive = new Uint8Array(m).fill(1);
  const groupOf: Group[] = new Array<Group>(m);
  const keys: string[][] = new Array<string[]>(m);
  const groups = new Map<string, Group>();
  for (let p = 0; p < m; p++) {
    const s = run[p]!.structure;
    cur[p] = s;
    const names = s.fields.map((f) => f.name).sort();
    for (let k = 1; k < names.length; k++) if (names[k] === names[k - 1]) return simplifyLoop(run.slice(), '1.22'); // a hand-made structure with a repeated field
    const id = names.join('\0');
    let g = groups.get(id);
    if (g === undefined) {
      const slot = new Map<string, number>();
      names.forEach((n, k) => slot.set(n, k));
      g = {
        names,
        slot,
        all: newBag(-1, ''),
        fields: names.map((_, k) => ({ exact: new Map<string, Bag>(), ranges: newBag(k, 'R'), other: newBag(k, 'o') })),
      };
      groups.set(id, g);
    }
    groupOf[p] = g;
    g.all.items.push(p);
    keys[p] = new Array<string>(names.length).fill('');
    index(p, s);
  }
  const groupList = [...groups.values()];

  /** (Re)files position p under the keys of s; an old filing turns stale when its key no longer matches. */
  function index(p: number, s: Structure): void {
    const g = groupOf[p]!;
    const ks = keys[p]!;
    const fields = s.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const k = g.slot.get(f.name)!;
      const key = valueKey(f.value);
      const old = ks[k]!;
      if (key === old) continue;
      ks[k] = key;
      addWork();
      const fi = g.fields[k]!;
      if (key.charCodeAt(0) === PLAIN || key.charCodeAt(0) === RANGE) {
        let bag = fi.exact.get(key);
        if (bag === undefined) fi.exact.set(key, (bag = newBag(k, key)));
        insert(bag, p);
      }
      if (key.charCodeAt(0) === RANGE && old.charCodeAt(0) !== RANGE) insert(fi.ranges, p);
      if (key === 'o') insert(fi.other, p);
    }
  }

  function insert(bag: Bag, p: number): void {
    const items = bag.items;
    if (items.length > 0 && items[items.length - 1]! > p) bag.dirty = true;
    items.push(p);
  }

  function valid(bag: Bag, p: number): boolean {
    if (alive[p] === 0) return false;
    if (bag.field < 0) return true;
    const key = keys[p]![bag.field]!;
    if (bag.key === 'R') return key.charCodeAt(0) === RANGE;
    return key === bag.key;
  }

  /** Drops stale and repeated items and restores the order. */
  function clean(bag: Bag): void {
    addWork(bag.items.length);
    const items = bag.dirty ? bag.items.sort((x, y) => x - y) : bag.items;
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      const p = items[i]!;
      if ((n > 0 && items[n - 1] === p) || !valid(bag, p)) continue;
      items[n++] = p;
    }
    items.length = n;
    bag.dirty = false;
    bag.skipped = 0;
  }

  /**
   * Candidates of an EQUAL field (the union's other fields): the bags holding every member whose
   * value there can compare EQUAL to v; null when any value can.
   */
  function equalBags(fi: FieldIndex, v: Value, key: string, out: Bag[]): boolean {
    const c = key.charCodeAt(0);
    if (c === PLAIN || c === RANGE) {
      // a scalar or range equals the same key, or a list (`{1,1} == 1`, `{1,2} == [1,2]`)
      const bag = fi.exact.get(key);
      if (bag !== undefined) out.push(bag);
      out.push(fi.other);
      return true;
    }
    if (v.kind !== 'list') return false;
    // a list of scalars equals a list, a range (a count-based test), or the scalar all its items equal
    let only: string | null = null;
    for (let i = 0; i < v.items.length; i++) {
      const k = valueKey(v.items[i]!);
      if (k.charCodeAt(0) !== PLAIN) return false;
      if (i === 0) only = k;
      else if (k !== only) only = null;
    }
    if (only !== null) {
      const bag = fi.exact.get(only);
      if (bag !== undefined) out.push(bag);
    }
    out.push(fi.ranges, fi.other);
    return true;
  }

  const size = (bags: readonly Bag[]): number => {
    let n = 0;
    for (const b of bags) n += b.items.length;
    return n;
  };

  /** Every bag whose members may pair with simp (position p, structure s): a superset, never fewer. */
  function gather(p: number, s: Structure): Bag[] {
    const f = groupOf[p]!;
    const out: Bag[] = [];
    const fields = s.fields;
    const own = keys[p]!;
    for (const g of groupList) {
      addWork();
      if (g.names.length > f.names.length) continue;
      let subset = true;
      if (g !== f) {
        addWork(g.names.length);
        for (const n of g.names) if (!f.slot.has(n)) subset = false;
      }
      if (!subset) continue;
      // subtraction: every field where simp holds a scalar needs the same scalar or a non-scalar
      let sBags: Bag[] | null = null;
      let sSize = Infinity;
      for (let k = 0; k < g.names.length; k++) {
        const key = own[f.slot.get(g.names[k]!)!]!;
        if (key.charCodeAt(0) !== PLAIN) continue;
        const fi = g.fields[k]!;
        const exact = fi.exact.get(key);
        const bags = exact === undefined ? [fi.ranges, fi.other] : [exact, fi.ranges, fi.other];
        const n = size(bags);
        if (n < sSize) {
          sBags = bags;
          sSize = n;
        }
      }
      if (sBags === null) {
        out.push(g.all);
        continue;
      }
      if (g !== f) {
        out.push(...sBags);
        continue;
      }
      // union: all fields but one EQUAL, so the two most selective EQUAL fields cover every choice of the one
      let best: Bag[] | null = null;
      let next: Bag[] | null = null;
      let bestSize = Infinity;
      let nextSize = Infinity;
      addWork(fields.length);
      for (let i = 0; i < fields.length; i++) {
        const k = f.slot.get(fields[i]!.name)!;
        const bags: Bag[] = [];
        if (!equalBags(f.fields[k]!, fields[i]!.value, own[k]!, bags)) continue;
        const n = size(bags);
        if (n < bestSize) {
          next = best;
          nextSize = bestSize;
          best = bags;
          bestSize = n;
        } else if (n < nextSize) {
          next = bags;
          nextSize = n;
        }
      }
      if (best === null || next === null) {
        out.push(g.all);
        continue;
      }
      out.push(...sBags, ...best, ...next);
    }
    return out;
  }

  for (let i = m - 1; i >= 0; i--) {
    let simp = cur[i]!;
    let below = m;
    let done = false;
    while (!done) {
      const bags = gather(i, simp);
      // descending positions below `below` over all bags, each position once
      const ptr: number[] = new Array<number>(bags.length);
      for (let b = 0; b < bags.length; b++) {
        const bag = bags[b]!;
        if (bag.dirty || bag.skipped > bag.items.length) clean(bag);
        // merged and removed structures pile up at the top, where every walk starts
        const items = bag.items;
        while (items.length > 0 && !valid(bag, items[items.length - 1]!)) {
          items.pop();
          addWork();
        }
        ptr[b] = lastBelow(items, below);
      }
      let replaced = false;
      let last = -1;
      while (true) {
        let j = -1;
        for (let b = 0; b < bags.length; b++) {
          const q = ptr[b]!;
          if (q >= 0 && bags[b]!.items[q]! > j) j = bags[b]!.items[q]!;
        }
        if (j < 0) break;
        let fit = false;
        for (let b = 0; b < bags.length; b++) {
          const q = ptr[b]!;
          const bag = bags[b]!;
          if (q >= 0 && bag.items[q] === j) {
            ptr[b] = q - 1;
            if (valid(bag, j)) fit = true;
            else bag.skipped++;
          }
        }
        addWork();
        if (j === i || j === last || !fit) continue;
        last = j;
        const r = simplifyPair(simp, cur[j]!, '1.22');
        if (r === null) continue;
        if (r.kind === 'replace') {
          // simp goes on with the next position down, as it is now
          simp = r.structure;
          cur[i] = simp;
          index(i, simp);
          below = j;
          replaced = true;
          break;
        }
        if (r.kind === 'merged') {
          cur[j] = r.into;
          index(j, r.into);
        }
        alive[i] = 0;
        break;
      }
      done = !replaced;
    }
  }
  const out: CapsEntry[] = [];
  for (let p = 0; p < m; p++) {
    if (alive[p] === 0) continue;
    const e = run[p]!;
    out.push(cur[p] === e.structure ? e : { structure: cur[p]!, features: e.features as CapsFeatures | null });
  }
  return out;
}

/** Index of the last item below `bound` in an ascending array, -1 when none. */
function lastBelow(items: readonly number[], bound: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]! < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
