/**
 * Value intersection (`gst_value_intersect`, GStreamer 1.22). Lists are special-cased first (their
 * order is kept); every other pair goes through ONE dispatch table keyed by the kind pair in
 * canonical order. `null` is the empty intersection.
 *
 * `build = false` is GStreamer's `dest == NULL`: only "is it non-empty?" is answered, and any
 * non-null value may come back.
 */
import { EQUAL, GREATER, LESS, compareFraction, compareNoList, isEqualValue, isSameType } from './compare.js';
import { claimMarks, isMarked, mark, releaseMarks } from './marks.js';
import { intersectStructures } from './structure-ops.js';
import type { FlagSetValue, Fraction, ListValue, Value, ValueKind } from './types.js';
import { gcd, gcd64 } from './value.js';

const INT32_MAX = 2147483647;
const INT64_MAX = 9223372036854775807n;

type Intersector = (a: Value, b: Value, build: boolean) => Value | null;
type TableKind = Exclude<ValueKind, 'list'>;
type KindPair = `${TableKind}|${TableKind}`;

/** Same-type values with no rule of their own meet only when equal. */
const equalOnly: Intersector = (a, b) => (compareNoList(a, b) === EQUAL ? a : null);

/** A same-type rule runs after the equality shortcut (which returns a copy of `a`). */
function sameType(rule: Intersector): Intersector {
  return (a, b, build) => (compareNoList(a, b) === EQUAL ? a : rule(a, b, build));
}

/** Kinds that never meet another kind. */
const unsupported: Intersector = () => null;

// int × int range: on the range and on its step
const intIntRange: Intersector = (a, b) => {
  const v = (a as Extract<Value, { kind: 'int' }>).value;
  const r = b as Extract<Value, { kind: 'int-range' }>;
  return r.min <= v && r.max >= v && v % r.step === 0 ? a : null;
};

/**
 * int range × int range: lcm step, then C truncating division rounds the bounds onto it, which is
 * why `[-20,20,4] ∩ [-7,-5]` gives -4, outside the second range.
 */
const intRanges: Intersector = (a, b) => {
  const x = a as Extract<Value, { kind: 'int-range' }>;
  const y = b as Extract<Value, { kind: 'int-range' }>;
  let step = x.step / gcd(x.step, y.step);
  if (Math.trunc(INT32_MAX / y.step) < step) return null;
  step *= y.step;
  let min = x.min > y.min ? x.min : y.min;
  min = (Math.trunc(((min + step - 1) | 0) / step) * step) | 0;
  let max = x.max < y.max ? x.max : y.max;
  max = (Math.trunc(max / step) * step) | 0;
  if (min < max) return { kind: 'int-range', min, max, step };
  if (min === max) return { kind: 'int', value: min };
  return null;
};

const int64Int64Range: Intersector = (a, b) => {
  const v = (a as Extract<Value, { kind: 'int64' }>).value;
  const r = b as Extract<Value, { kind: 'int64-range' }>;
  return r.min <= v && r.max >= v && v % r.step === 0n ? a : null;
};

const int64Ranges: Intersector = (a, b) => {
  const x = a as Extract<Value, { kind: 'int64-range' }>;
  const y = b as Extract<Value, { kind: 'int64-range' }>;
  let step = x.step / gcd64(x.step, y.step);
  if (INT64_MAX / y.step < step) return null;
  step *= y.step;
  let min = x.min > y.min ? x.min : y.min;
  min = BigInt.asIntN(64, (BigInt.asIntN(64, min + step - 1n) / step) * step);
  let max = x.max < y.max ? x.max : y.max;
  max = (max / step) * step;
  if (min < max) return { kind: 'int64-range', min, max, step };
  if (min === max) return { kind: 'int64', value: min };
  return null;
};

const doubleDoubleRange: Intersector = (a, b) => {
  const v = (a as Extract<Value, { kind: 'double' }>).value;
  const r = b as Extract<Value, { kind: 'double-range' }>;
  return r.min <= v && r.max >= v ? a : null;
};

/**
 * double range × double range. Touching ranges give `(double)0`: 1.22 writes the meeting point
 * with g_value_set_int into a double, which fails and leaves the 0.
 */
const doubleRanges: Intersector = (a, b) => {
  const x = a as Extract<Value, { kind: 'double-range' }>;
  const y = b as Extract<Value, { kind: 'double-range' }>;
  const min = x.min > y.min ? x.min : y.min;
  const max = x.max < y.max ? x.max : y.max;
  if (min < max) return { kind: 'double-range', min, max };
  if (min === max) return { kind: 'double', value: 0 };
  return null;
};

const fractionFractionRange: Intersector = (a, b) => {
  const v = a as Extract<Value, { kind: 'fraction' }>;
  const r = b as Extract<Value, { kind: 'fraction-range' }>;
  const lo = compareFraction(r.min.num, r.min.den, v.num, v.den);
  const hi = compareFraction(r.max.num, r.max.den, v.num, v.den);
  return (lo === EQUAL || lo === LESS) && (hi === EQUAL || hi === GREATER) ? a : null;
};

/** fraction range × fraction range: max of min, min of max; a single point is that fraction. */
const fractionRanges: Intersector = (a, b) => {
  const x = a as Extract<Value, { kind: 'fraction-range' }>;
  const y = b as Extract<Value, { kind: 'fraction-range' }>;
  const min: Fraction = compareFraction(x.min.num, x.min.den, y.min.num, y.min.den) === LESS ? y.min : x.min;
  const max: Fraction = compareFraction(x.max.num, x.max.den, y.max.num, y.max.den) === GREATER ? y.max : x.max;
  const r = compareFraction(min.num, min.den, max.num, max.den);
  if (r === LESS) return { kind: 'fraction-range', min, max };
  if (r === EQUAL) return { kind: 'fraction', num: min.num, den: min.den };
  return null;
};

/** array × array: same length, element by element, any empty element empties the whole. */
const arrays: Intersector = (a, b, build) => {
  const xs = (a as Extract<Value, { kind: 'array' }>).items;
  const ys = (b as Extract<Value, { kind: 'array' }>).items;
  const n = xs.length;
  if (n !== ys.length) return null;
  if (!build) {
    for (let i = 0; i < n; i++) if (intersect(xs[i]!, ys[i]!, false) === null) return null;
    return a;
  }
  const out: Value[] = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    const r = intersect(xs[i]!, ys[i]!, true);
    if (r === null) return null;
    out[i] = r;
  }
  return { kind: 'array', items: out };
};

/**
 * flagset × flagset: the bits both masks care about must agree; the result cares about both.
 * A subtype meets its own type or the generic GstFlagSet (the result keeps the subtype), never
 * another subtype.
 */
const flagsets: Intersector = (a, b) => {
  const x = a as FlagSetValue;
  const y = b as FlagSetValue;
  const common = x.mask & y.mask;
  if ((x.flags & common) !== (y.flags & common)) return null;
  const flags = ((x.flags & x.mask) | (y.flags & y.mask)) >>> 0;
  const mask = (x.mask | y.mask) >>> 0;
  const type = x.type ?? y.type;
  if (type === undefined) return { kind: 'flagset', flags, mask };
  if (x.type !== undefined && y.type !== undefined && x.type !== y.type) return null;
  return { kind: 'flagset', flags, mask, type };
};

const structures: Intersector = (a, b) => {
  const s = intersectStructures(
    (a as Extract<Value, { kind: 'structure' }>).value,
    (b as Extract<Value, { kind: 'structure' }>).value,
  );
  return s === null ? null : { kind: 'structure', value: s };
};

/**
 * The pair table, keys in canonical order. Same-kind pairs first check equality (and return `a`);
 * the only mixed pairs that meet are scalar × its own range. Lists never get here: they are the
 * special case of `intersect`. Nested caps only meet when equal in 1.22.
 */
const intersectors = {
  'int|int': equalOnly,
  'uint|uint': equalOnly,
  'int64|int64': equalOnly,
  'uint64|uint64': equalOnly,
  'double|double': equalOnly,
  'float|float': equalOnly,
  'boolean|boolean': equalOnly,
  'string|string': equalOnly,
  'fraction|fraction': equalOnly,
  'bitmask|bitmask': equalOnly,
  'caps|caps': equalOnly,
  'opaque|opaque': equalOnly,
  'int-range|int-range': sameType(intRanges),
  'int64-range|int64-range': sameType(int64Ranges),
  'double-range|double-range': sameType(doubleRanges),
  'fraction-range|fraction-range': sameType(fractionRanges),
  'array|array': sameType(arrays),
  'flagset|flagset': sameType(flagsets),
  'structure|structure': sameType(structures),
  'int|int-range': intIntRange,
  'int64|int64-range': int64Int64Range,
  'double|double-range': doubleDoubleRange,
  'fraction|fraction-range': fractionFractionRange,
  // no coercion in 1.22: these look related but never meet
  'int|uint': unsupported,
  'int|int64': unsupported,
  'int|double': unsupported,
  'int|float': unsupported,
  'int|int64-range': unsupported,
  'int64|int-range': unsupported,
  'int|double-range': unsupported,
  'double|int-range': unsupported,
  'int-range|int64-range': unsupported,
  'double|float': unsupported,
  'fraction|double': unsupported,
  'fraction|double-range': unsupported,
  'double|fraction-range': unsupported,
  'double-range|fraction-range': unsupported,
} satisfies Partial<Record<KindPair, Intersector>>;

const KINDS: readonly TableKind[] = [
  'int', 'uint', 'int64', 'uint64', 'double', 'float', 'boolean', 'string', 'fraction', 'int-range',
  'int64-range', 'double-range', 'fraction-range', 'array', 'bitmask', 'flagset', 'structure', 'caps', 'opaque',
];

/** `[a.kind][b.kind]` → intersector with arguments already in table order; every other mixed pair is unsupported. */
const DISPATCH = buildDispatch();

function buildDispatch(): Record<TableKind, Record<TableKind, Intersector>> {
  const table = {} as Record<TableKind, Record<TableKind, Intersector>>;
  const entries = intersectors as Partial<Record<KindPair, Intersector>>;
  for (const k1 of KINDS) {
    const row = {} as Record<TableKind, Intersector>;
    for (const k2 of KINDS) {
      const direct = entries[`${k1}|${k2}`];
      const swapped = entries[`${k2}|${k1}`];
      if (direct !== undefined) row[k2] = direct;
      else if (swapped !== undefined) row[k2] = (a, b, build) => swapped(b, a, build);
      else if (k1 === k2) throw new Error(`intersect table lacks ${k1}|${k1}`);
      else row[k2] = unsupported;
    }
    table[k1] = row;
  }
  return table;
}

/** The type of element 0, looking through nested lists and arrays; `null` for an empty one. */
export function basicType(v: Value): Value | null {
  while (v.kind === 'list' || v.kind === 'array') {
    const first = v.items[0];
    if (first === undefined) return null;
    v = first;
  }
  return v;
}

/**
 * `gst_value_list_merge(dest, acc, r)` with a scalar accumulator: values of `r` equal to `acc` are
 * skipped, and a single survivor stays a scalar.
 */
function mergeIntoScalar(acc: Value, r: Value): Value {
  if (r.kind !== 'list') return isEqualValue(acc, r) ? acc : { kind: 'list', items: [acc, r] };
  const out: Value[] = [acc];
  const items = r.items;
  for (let i = 0; i < items.length; i++) {
    const e = items[i]!;
    if (!isEqualValue(acc, e)) out.push(e);
  }
  return out.length === 1 ? acc : { kind: 'list', items: out };
}


/**
 * list ∩ v (v not a list): walk the list in order. The first hit is the result, the second is
 * merged (dedup against the first), later ones are appended without dedup.
 */
function intersectListValue(list: ListValue, v: Value, build: boolean): Value | null {
  const items = list.items;
  let acc: Value | null = null;
  let accItems: Value[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const r = intersect(items[i]!, v, build);
    if (r === null) continue;
    if (!build) return r;
    if (acc === null) {
      acc = r;
      if (r.kind === 'list') accItems = r.items.slice();
    } else if (accItems !== null) {
      accItems.push(r);
    } else {
      acc = mergeIntoScalar(acc, r);
      if (acc.kind === 'list') accItems = acc.items.slice();
    }
  }
  return accItems !== null ? { kind: 'list', items: accItems } : acc;
}

/**
 * list ∩ list: the basic types must match (else EMPTY even if elements overlap); each element of
 * the second list is used at most once, the result follows the first list's order.
 */
function intersectLists(a: ListValue, b: ListValue, build: boolean): Value | null {
  const t1 = basicType(a);
  const t2 = basicType(b);
  if (t1 === null || t2 === null || !isSameType(t1, t2)) return null;
  const xs = a.items;
  const ys = b.items;
  // lists of strings: the scan below is about linear when both follow the same order (most format lists
  // do); past a budget it hands over to a count of values, which gives the same picks
  let budget = t1.kind === 'string' ? 4 * (xs.length + ys.length) + 64 : Infinity;
  for (;;) {
    const r = scanLists(a, xs, ys, build, budget);
    if (r !== undefined) return r;
    const counted = intersectStringLists(a, xs, ys, build);
    if (counted !== undefined) return counted;
    budget = Infinity;
  }
}

/** the pairwise scan of intersectLists; undefined when it took more than `budget` steps */
function scanLists(a: ListValue, xs: readonly Value[], ys: readonly Value[], build: boolean, budget: number): Value | null | undefined {
  const n1 = xs.length;
  const n2 = ys.length;
  let steps = 0;
  if (!build) {
    for (let i = 0; i < n1; i++) {
      for (let j = 0; j < n2; j++) {
        if (++steps > budget) return undefined;
        if (intersect(xs[i]!, ys[j]!, false) !== null) return a;
      }
    }
    return null;
  }
  const base = claimMarks(n2);
  const out: Value[] = [];
  let start = 0;
  for (let i = 0; i < n1; i++) {
    const x = xs[i]!;
    for (let j = start; j < n2; j++) {
      if (++steps > budget) {
        releaseMarks(base);
        return undefined;
      }
      if (isMarked(base + j)) continue;
      const r = intersect(x, ys[j]!, true);
      if (r !== null) {
        out.push(r);
        mark(base + j);
        if (j === start) start++;
        break;
      }
    }
  }
  releaseMarks(base);
  if (out.length === 0) return null;
  return out.length === 1 ? out[0]! : { kind: 'list', items: out };
}

/**
 * intersectLists for two lists of strings only (format lists: videoconvert's ~80 against a source's):
 * string ∩ string is the first side's value when equal, so counting the second list's values gives the
 * same picks as the pairwise scan without its n1 × n2 compares. undefined: an item is not a string.
 */
function intersectStringLists(a: ListValue, xs: readonly Value[], ys: readonly Value[], build: boolean): Value | null | undefined {
  const counts = new Map<string | null, number>();
  for (const y of ys) {
    if (y.kind !== 'string') return undefined;
    counts.set(y.value, (counts.get(y.value) ?? 0) + 1);
  }
  for (const x of xs) if (x.kind !== 'string') return undefined;
  const out: Value[] = [];
  for (const x of xs) {
    const v = (x as { value: string | null }).value;
    const c = counts.get(v);
    if (c === undefined || c === 0) continue;
    if (!build) return a;
    out.push(x);
    counts.set(v, c - 1);
  }
  if (out.length === 0) return null;
  return out.length === 1 ? out[0]! : { kind: 'list', items: out };
}

function intersect(a: Value, b: Value, build: boolean): Value | null {
  const kind = a.kind;
  if (kind === b.kind) {
    // the bulk of template intersections: the table's equalOnly rows, inlined (equal values or nothing)
    switch (kind) {
      case 'string':
        return a.value === (b as typeof a).value ? a : null;
      case 'int':
        return a.value === (b as typeof a).value ? a : null;
      case 'fraction':
        return a.num === (b as typeof a).num && a.den === (b as typeof a).den ? a : null;
      case 'list':
        return intersectLists(a, b as ListValue, build);
      default:
        return DISPATCH[kind][kind](a, b, build);
    }
  }
  if (kind === 'list') return intersectListValue(a, b, build);
  if (b.kind === 'list') return intersectListValue(b, a, build);
  return DISPATCH[kind][b.kind](a, b, build);
}

/** @see gst_value_intersect — the intersection, or `null` when it is empty. */
export function intersectValues(a: Value, b: Value): Value | null {
  return intersect(a, b, true);
}

/** @see gst_value_intersect with a NULL dest — non-empty? (no value is built) */
export function canIntersectValues(a: Value, b: Value): boolean {
  return intersect(a, b, false) !== null;
}
