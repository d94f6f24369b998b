/**
 * Value comparison, exactly as `gst_value_compare` (GStreamer 1.22) answers it.
 * Every other operation is built on this: intersection asks "EQUAL?" first, subset asks
 * "UNORDERED?" before trying harder, merge and subtract drop values that compare EQUAL.
 */
import { claimMarks, isMarked, mark, releaseMarks } from './marks.js';
import { isEqualCaps } from './ops.js';
import { isStructureEqual } from './structure-ops.js';
import type { ListValue, Structure, Value } from './types.js';

/** @see GST_VALUE_LESS_THAN */
export const LESS = -1;
/** @see GST_VALUE_EQUAL */
export const EQUAL = 0;
/** @see GST_VALUE_GREATER_THAN */
export const GREATER = 1;
/** @see GST_VALUE_UNORDERED */
export const UNORDERED = 2;
export type ValueOrder = -1 | 0 | 1 | 2;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** `strcmp` on the UTF-8 bytes: code-unit order, except surrogates sort above U+E000..U+FFFF. */
export function strcmp(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        const xs = x <= 0xdfff;
        const ys = y <= 0xdfff;
        // a surrogate pair encodes a code point above U+FFFF: 4 UTF-8 bytes starting 0xF0
        if (xs !== ys) return xs ? 1 : -1;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/**
 * `gst_value_compare_fraction`: both are reduced, so identical pairs are the only equal ones;
 * the cross products can exceed 2^53, then BigInt decides.
 */
export function compareFraction(n1: number, d1: number, n2: number, d2: number): ValueOrder {
  if (n1 === n2 && d1 === d2) return EQUAL;
  if (d1 === 0 && d2 === 0) return UNORDERED;
  if (d1 === 0) return GREATER;
  if (d2 === 0) return LESS;
  const p = n1 * d2;
  const q = n2 * d1;
  // rounding is monotonic, so distinct doubles order the exact products; only a tie needs BigInt
  if (p < q) return LESS;
  if (p > q) return GREATER;
  if (p <= MAX_SAFE && p >= -MAX_SAFE) return EQUAL;
  const bp = BigInt(n1) * BigInt(d2);
  const bq = BigInt(n2) * BigInt(d1);
  return bp < bq ? LESS : bp > bq ? GREATER : EQUAL;
}

/** Same GType: the kind, and for opaque values the type name too. */
export function isSameType(a: Value, b: Value): boolean {
  // opaque values and flagset subtypes are one kind of ours but distinct GTypes
  return a.kind === b.kind && ((a.kind !== 'opaque' && a.kind !== 'flagset') || a.type === (b as typeof a).type);
}

/**
 * `gst_value_list_equals_range`: a count-based test (duplicates are not checked), so
 * `{1,2,3} == [1,3]` and `{2,4} == [2,4,2]`. Non-int elements read as 0, as g_value_get_int does.
 */
function listEqualsRange(list: ListValue, v: Value): boolean {
  const items = list.items;
  const n = items.length;
  if (n === 0) return false;
  const first = items[0]!;
  if (first.kind === 'int' && v.kind === 'int-range') {
    const min = v.min;
    const max = v.max;
    const step = v.step;
    if (step === 0) return false;
    if (n !== ((Math.trunc(max / step) - Math.trunc(min / step) + 1) | 0)) return false;
    for (let i = 0; i < n; i++) {
      const e = items[i]!;
      const x = e.kind === 'int' ? e.value : 0;
      if (x < min || x > max || x % step !== 0) return false;
    }
    return true;
  }
  if (first.kind === 'int64' && v.kind === 'int64-range') {
    const min = v.min;
    const max = v.max;
    const step = v.step;
    if (step === 0n) return false;
    if (BigInt(n) !== BigInt.asIntN(64, max / step - min / step + 1n)) return false;
    for (let i = 0; i < n; i++) {
      const e = items[i]!;
      const x = e.kind === 'int64' ? e.value : 0n;
      if (x < min || x > max || x % step !== 0n) return false;
    }
    return true;
  }
  return false;
}

/**
 * Exactly one side is a list. Each element is compared *as the left operand* (GStreamer does so
 * for both argument orders), so `compare(1, {2})` is GREATER: a quirk kept on purpose.
 */
function compareListWithValue(list: ListValue, v: Value): ValueOrder {
  if (listEqualsRange(list, v)) return EQUAL;
  const items = list.items;
  const n = items.length;
  if (n === 0) return UNORDERED;
  for (let i = 0; i < n; i++) {
    const r = compareValues(items[i]!, v);
    if (r !== EQUAL) return n === 1 ? r : UNORDERED;
  }
  return EQUAL;
}

/**
 * Unordered multiset equality; element 0 must have the same type on both sides. GStreamer then
 * applies element 0's compare function to every pair. For ints with int ranges, the mix 1.22
 * produces itself, that is modelled (compareConfusedIntLists); other mixes crash or read garbage
 * in 1.22 (the oracle never asks them), and we compare their elements properly.
 */
function compareLists(a: ListValue, b: ListValue): ValueOrder {
  const xs = a.items;
  const ys = b.items;
  const n = xs.length;
  if (n !== ys.length) return UNORDERED;
  if (n === 0) return EQUAL;
  if (!isSameType(xs[0]!, ys[0]!)) return UNORDERED;
  if (n === 1) return isEqualValue(xs[0]!, ys[0]!) ? EQUAL : UNORDERED;
  const kind = xs[0]!.kind;
  if (kind === 'string' || kind === 'int') {
    // null: some item is of another kind
    const r = compareScalarLists(xs, ys, kind);
    if (r !== null) return r;
  }
  if ((kind === 'int' || kind === 'int-range') && mixes(xs, ys, 'int', 'int-range')) return compareConfusedIntLists(xs, ys, kind);
  if ((kind === 'double' || kind === 'double-range') && mixes(xs, ys, 'double', 'double-range')) return compareConfusedDoubleLists(xs, ys, kind);
  const base = claimMarks(n);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    let j = 0;
    for (; j < n; j++) {
      if (isMarked(base + j)) continue;
      if (isEqualValue(x, ys[j]!)) {
        mark(base + j);
        break;
      }
    }
    if (j === n) {
      releaseMarks(base);
      return UNORDERED;
    }
  }
  releaseMarks(base);
  return EQUAL;
}

/** Both lists together hold a scalar of `scalar` and a range of `range`. */
function mixes(xs: readonly Value[], ys: readonly Value[], scalar: Value['kind'], range: Value['kind']): boolean {
  let scalars = false;
  let ranges = false;
  for (const v of xs) (v.kind === scalar ? (scalars = true) : v.kind === range ? (ranges = true) : undefined);
  for (const v of ys) (v.kind === scalar ? (scalars = true) : v.kind === range ? (ranges = true) : undefined);
  return scalars && ranges;
}

/**
 * Lists mixing doubles and double ranges, with element 0's compare function as for ints: a double
 * range keeps its bounds in the GValue's two data words, a double its value in the first and 0 in
 * the second. gst_value_compare_double compares first words (a range reads as its min);
 * gst_value_compare_double_range compares both (a double x reads as `[ x, 0 ]`). Both are C `==`
 * on doubles: an equivalence but for NaN, which equals nothing, so a multiset of keys decides.
 */
function compareConfusedDoubleLists(xs: readonly Value[], ys: readonly Value[], lead: 'double' | 'double-range'): ValueOrder {
  const word = (x: number): number | null => (Number.isNaN(x) ? null : x === 0 ? 0 : x);
  const key = (v: Value): string | null => {
    const [a, b] = v.kind === 'double-range' ? [v.min, v.max] : [v.kind === 'double' ? v.value : 0, 0];
    const x = word(a);
    if (lead === 'double') return x === null ? null : String(x);
    const y = word(b);
    return x === null || y === null ? null : `${x}/${y}`;
  };
  const counts = new Map<string, number>();
  for (const v of xs) {
    const k = key(v);
    if (k === null) return UNORDERED;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const v of ys) {
    const k = key(v);
    const c = k === null ? undefined : counts.get(k);
    if (k === null || c === undefined || c === 0) return UNORDERED;
    counts.set(k, c - 1);
  }
  return EQUAL;
}

/**
 * Lists mixing ints and int ranges, as 1.22 compares them: every pair goes through the compare
 * function of the first list's element 0. gst_value_compare_int reads a range with g_value_get_int
 * (0, with a critical), so under an int all ranges are equal to each other and to 0.
 * gst_value_compare_int_range reads an int's GValue as a packed range (min 0, max the int, step
 * 0), so under a range an int equals only the `[ 0, 0 ]` placeholder when it is 0. Both are
 * equivalences, so the lists are equal when the multisets of their keys are.
 */
function compareConfusedIntLists(xs: readonly Value[], ys: readonly Value[], lead: 'int' | 'int-range'): ValueOrder {
  const key = lead === 'int' ? intKey : packedRangeKey;
  const counts = new Map<string | number, number>();
  for (const v of xs) {
    const k = key(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const v of ys) {
    const k = key(v);
    const c = counts.get(k);
    if (c === undefined || c === 0) return UNORDERED;
    counts.set(k, c - 1);
  }
  return EQUAL;
}

const intKey = (v: Value): number => (v.kind === 'int' ? v.value : 0);

/** what gst_value_compare_int_range compares: the value count n, then (n > 1) step and bounds, else the min */
function packedRangeKey(v: Value): string {
  const [min, max, step] = v.kind === 'int-range' ? [(v.min / v.step) | 0, (v.max / v.step) | 0, v.step] : [0, v.kind === 'int' ? v.value : 0, 0];
  const n = (max - min + 1) | 0;
  if (n === 0) return 'empty';
  return n > 1 ? `${n}/${step}/${min}/${max}` : `${n}/${min}`;
}

/**
 * Lists holding only strings (or only ints) on both sides: isEqualValue is `===` on the values there,
 * so the multiset test is a same-position pass (format lists usually come in the same order) and a
 * count of what is left, instead of the n² scan. null: some item is of another kind.
 */
function compareScalarLists(xs: readonly Value[], ys: readonly Value[], kind: 'string' | 'int'): ValueOrder | null {
  const n = xs.length;
  let i = 0;
  for (; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (x.kind !== kind || y.kind !== kind) return null;
    if (x.value !== y.value) break;
  }
  if (i === n) return EQUAL;
  // the first leftover must occur among the other side's leftovers (unequal lists mostly fail here, cheaply)
  const first = (xs[i] as { value: unknown }).value;
  let found = false;
  for (let j = i; j < n; j++) {
    const y = ys[j]!;
    if (y.kind !== kind) return null;
    if (y.value === first) found = true;
  }
  for (let j = i; j < n; j++) if (xs[j]!.kind !== kind) return null;
  if (!found) return UNORDERED;
  const counts = new Map<unknown, number>();
  for (let j = i; j < n; j++) {
    const v = (xs[j] as { value: unknown }).value;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  for (let j = i; j < n; j++) {
    const v = (ys[j] as { value: unknown }).value;
    const c = counts.get(v);
    if (c === undefined || c === 0) return UNORDERED;
    counts.set(v, c - 1);
  }
  return EQUAL;
}

/**
 * gst_tag_list_is_equal: the same tags with equal values, doubles within 1e-7 of each other. A tag
 * list is a refcounted object that copies share, so one list is always equal to itself (NaN too).
 */
function tagListsEqual(x: Structure, y: Structure): boolean {
  if (x === y) return true;
  if (x.fields.length !== y.fields.length) return false;
  for (const f of x.fields) {
    const g = y.fields.find((h) => h.name === f.name);
    if (g === undefined) return false;
    if (compareValues(f.value, g.value) === EQUAL) continue;
    if (f.value.kind !== 'double' || g.value.kind !== 'double' || !(Math.abs(f.value.value - g.value.value) < 0.0000001)) return false;
  }
  return true;
}

/**
 * A nested structure is equal to itself (gst_structure_is_equal short-cuts on the pointer), NaN
 * fields and all. GStreamer copies nested structures wherever it copies caps, so two caps share
 * none of them, and every op builds its result from copies: the short-cut can only fire when one
 * caps object is asked about itself (`gst_caps_is_subset(c, c)`). capsflow shares immutable
 * values freely, so object identity counts only inside `withStructureIdentity`.
 */
let structureIdentity = false;

export function sameStructureObject(a: Structure, b: Structure): boolean {
  return structureIdentity && a === b;
}

/**
 * `f(a, b)` with structure identity on. The arguments are passed through rather than captured: a
 * caller whose parameters a closure captured would allocate a context on every call, the fast path too.
 */
export function withStructureIdentity<A, B, T>(f: (a: A, b: B) => T, a: A, b: B): T {
  const outer = structureIdentity;
  structureIdentity = true;
  try {
    return f(a, b);
  } finally {
    structureIdentity = outer;
  }
}

/** `_gst_value_compare_nolist`: the types must be identical, no coercion at all. */
export function compareNoList(a: Value, b: Value): ValueOrder {
  switch (a.kind) {
    case 'int':
    case 'uint':
    case 'double':
    case 'float': {
      if (b.kind !== a.kind) return UNORDERED;
      const x = a.value;
      const y = (b as typeof a).value;
      // NaN falls through every test: UNORDERED, even against itself
      return x > y ? GREATER : x < y ? LESS : x === y ? EQUAL : UNORDERED;
    }
    case 'string': {
      if (b.kind !== 'string') return UNORDERED;
      const x = a.value;
      const y = b.value;
      if (x === y) return EQUAL;
      if (x === null || y === null) return UNORDERED;
      const r = strcmp(x, y);
      return r < 0 ? LESS : r > 0 ? GREATER : EQUAL;
    }
    case 'boolean':
      if (b.kind !== 'boolean') return UNORDERED;
      return a.value === b.value ? EQUAL : UNORDERED;
    case 'fraction':
      if (b.kind !== 'fraction') return UNORDERED;
      return compareFraction(a.num, a.den, b.num, b.den);
    case 'int64':
    case 'uint64': {
      if (b.kind !== a.kind) return UNORDERED;
      const x = a.value;
      const y = (b as typeof a).value;
      return x > y ? GREATER : x < y ? LESS : EQUAL;
    }
    case 'int-range':
      if (b.kind !== 'int-range') return UNORDERED;
      // a single-value range ignores the step
      return a.min === b.min && a.max === b.max && (a.min === a.max || a.step === b.step) ? EQUAL : UNORDERED;
    case 'int64-range':
      if (b.kind !== 'int64-range') return UNORDERED;
      return a.min === b.min && a.max === b.max && (a.min === a.max || a.step === b.step) ? EQUAL : UNORDERED;
    case 'double-range':
      if (b.kind !== 'double-range') return UNORDERED;
      return a.min === b.min && a.max === b.max ? EQUAL : UNORDERED;
    case 'fraction-range':
      if (b.kind !== 'fraction-range') return UNORDERED;
      return compareFraction(a.min.num, a.min.den, b.min.num, b.min.den) === EQUAL &&
        compareFraction(a.max.num, a.max.den, b.max.num, b.max.den) === EQUAL
        ? EQUAL
        : UNORDERED;
    case 'list':
      if (b.kind !== 'list') return UNORDERED;
      return compareLists(a, b);
    case 'array': {
      if (b.kind !== 'array') return UNORDERED;
      const xs = a.items;
      const ys = b.items;
      if (xs.length !== ys.length) return UNORDERED;
      for (let i = 0; i < xs.length; i++) if (compareValues(xs[i]!, ys[i]!) !== EQUAL) return UNORDERED;
      return EQUAL;
    }
    case 'bitmask':
      if (b.kind !== 'bitmask') return UNORDERED;
      return a.value === b.value ? EQUAL : UNORDERED;
    case 'flagset':
      if (b.kind !== 'flagset' || a.type !== b.type) return UNORDERED;
      return a.flags === b.flags && a.mask === b.mask ? EQUAL : UNORDERED;
    case 'structure':
      if (b.kind !== 'structure') return UNORDERED;
      return sameStructureObject(a.value, b.value) || isStructureEqual(a.value, b.value) ? EQUAL : UNORDERED;
    case 'caps':
      if (b.kind !== 'caps') return UNORDERED;
      return a.value === b.value || isEqualCaps(a.value, b.value) ? EQUAL : UNORDERED;
    case 'opaque':
      // 1.22 registers no compare function for GstCapsFeatures: never equal, not even to itself
      if (b.kind !== 'opaque' || a.type !== b.type || a.type === 'GstCapsFeatures') return UNORDERED;
      if (a.structure !== undefined && b.structure !== undefined) return tagListsEqual(a.structure, b.structure) ? EQUAL : UNORDERED;
      if (a.bits !== undefined && b.bits !== undefined) return a.bits === b.bits ? EQUAL : UNORDERED;
      return a.text === b.text ? EQUAL : UNORDERED;
    default: {
      const never: never = a;
      return never;
    }
  }
}

/**
 * @see gst_value_compare — a list on exactly one side is compared element by element
 * (`{1} == 1`, `{1,1} == 1`, `{1,2} == [1,2]`); otherwise the types must match.
 */
export function compareValues(a: Value, b: Value): ValueOrder {
  const kind = a.kind;
  if (kind === b.kind) {
    // fast paths for the common scalars; same answers as compareNoList
    if (kind === 'string') {
      const x = a.value;
      const y = (b as typeof a).value;
      if (x === y) return EQUAL;
      if (x === null || y === null) return UNORDERED;
      return strcmp(x, y) < 0 ? LESS : GREATER;
    }
    if (kind === 'int') {
      const x = a.value;
      const y = (b as typeof a).value;
      return x > y ? GREATER : x < y ? LESS : EQUAL;
    }
    return compareNoList(a, b);
  }
  const aList = kind === 'list';
  if (aList !== (b.kind === 'list')) return aList ? compareListWithValue(a, b) : compareListWithValue(b as ListValue, a);
  return compareNoList(a, b);
}

/**
 * `compare(a, b) == EQUAL`, without ordering work: equal strings need no strcmp. No identity
 * shortcut: a NaN is not equal to itself.
 */
export function isEqualValue(a: Value, b: Value): boolean {
  const kind = a.kind;
  if (kind === b.kind && (kind === 'string' || kind === 'int')) return a.value === (b as typeof a).value;
  return compareValues(a, b) === EQUAL;
}
