/**
 * Value subtraction (`gst_value_subtract`, GStreamer 1.22): the set difference `m − s`, or `null`
 * when it is empty. Lists are special cases; the registered (minuend, subtrahend) pairs are the
 * scalar/range combinations of int, int64, double and fraction; anything else is "EMPTY if equal,
 * else the minuend".
 */
import { EQUAL, GREATER, LESS, compareFraction, compareNoList } from './compare.js';
import type { Fraction, ListValue, Value, ValueKind } from './types.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** `build = false` is GStreamer's NULL dest: only non-emptiness counts, `m` stands for any non-empty result. */
type Subtractor = (m: Value, s: Value, build: boolean) => Value | null;
type IntRange = Extract<Value, { kind: 'int-range' }>;

/**
 * "Non-empty, but no value was written": 1.22's range − point returns TRUE with an unset dest when
 * removing an INT_MAX/INT_MIN endpoint leaves nothing. Structure subtraction then keeps the
 * minuend as a piece (see subtractStructures); inside lists 1.22 aborts, and we read it as EMPTY.
 * Never escapes subtractValues.
 */
export const UNSET: Value = Object.freeze({ kind: 'opaque', type: '(unset)', text: '' });
type Int64Range = Extract<Value, { kind: 'int64-range' }>;
type DoubleRange = Extract<Value, { kind: 'double-range' }>;
type FractionRange = Extract<Value, { kind: 'fraction-range' }>;

/** Two pieces `[min1,max1]`, `[min2,max2]`: lo < hi a range, lo == hi a scalar, lo > hi dropped. */
function intPieces(min1: number, max1: number, min2: number, max2: number, step: number, build: boolean, m: Value): Value | null {
  if (min1 % step !== 0 || max1 % step !== 0 || min2 % step !== 0 || max2 % step !== 0) return null;
  if (!build) return min1 <= max1 || min2 <= max2 ? m : null;
  const p1: Value | null = min1 < max1 ? { kind: 'int-range', min: min1, max: max1, step } : min1 === max1 ? { kind: 'int', value: min1 } : null;
  const p2: Value | null = min2 < max2 ? { kind: 'int-range', min: min2, max: max2, step } : min2 === max2 ? { kind: 'int', value: min2 } : null;
  if (p1 !== null && p2 !== null) return { kind: 'list', items: [p1, p2] };
  return p1 ?? p2;
}

function int64Pieces(min1: bigint, max1: bigint, min2: bigint, max2: bigint, step: bigint, build: boolean, m: Value): Value | null {
  if (min1 % step !== 0n || max1 % step !== 0n || min2 % step !== 0n || max2 % step !== 0n) return null;
  if (!build) return min1 <= max1 || min2 <= max2 ? m : null;
  const p1: Value | null = min1 < max1 ? { kind: 'int64-range', min: min1, max: max1, step } : min1 === max1 ? { kind: 'int64', value: min1 } : null;
  const p2: Value | null = min2 < max2 ? { kind: 'int64-range', min: min2, max: max2, step } : min2 === max2 ? { kind: 'int64', value: min2 } : null;
  if (p1 !== null && p2 !== null) return { kind: 'list', items: [p1, p2] };
  return p1 ?? p2;
}

export const intMinusIntRange: Subtractor = (m, s) => {
  const v = (m as Extract<Value, { kind: 'int' }>).value;
  const r = s as IntRange;
  return v < r.min || v > r.max || v % r.step !== 0 ? m : null;
};

/**
 * int range − int: a hole at v. Removing an endpoint at INT_MAX / INT_MIN also removes its
 * neighbour (1.22 shifts both the bound and v by one step there).
 */
export const intRangeMinusInt: Subtractor = (m, s, build) => {
  const r = m as IntRange;
  let min = r.min;
  let max = r.max;
  const step = r.step;
  let v = (s as Extract<Value, { kind: 'int' }>).value;
  if (!(min < max)) return null;
  if (v < min || v > max || v % step !== 0) return m;
  if (v >= INT_MAX - step + 1) {
    max = (max - step) | 0;
    v = (v - step) | 0;
  }
  if (v <= INT_MIN + step - 1) {
    min = (min + step) | 0;
    v = (v + step) | 0;
  }
  // 1.22 answers TRUE here whatever the pieces are: without a dest it never builds them, and
  // with one it ignores that no piece was left (`[INT_MAX-1,INT_MAX] − INT_MAX`) → UNSET
  if (!build) return m;
  return intPieces(min, (v - step) | 0, (v + step) | 0, max, step, true, m) ?? UNSET;
};

/**
 * int range − int range. 1.22 aborts (g_assert) when the steps differ; our defined answer: EMPTY
 * when every value of m lies in s, otherwise m unchanged (the holes have no range form), which
 * callers read as "nothing removed".
 */
const intRanges: Subtractor = (m, s, build) => {
  const a = m as IntRange;
  const b = s as IntRange;
  const step = a.step;
  if (step !== b.step) {
    const covered = a.min >= b.min && a.max <= b.max && a.step % b.step === 0 && a.min % b.step === 0;
    return covered ? null : m;
  }
  if (b.max >= a.max && b.min <= a.min) return null;
  if (b.max >= a.max) return intPieces(a.min, Math.min((b.min - step) | 0, a.max), step, 0, step, build, m);
  if (b.min <= a.min) return intPieces(Math.max((b.max + step) | 0, a.min), a.max, step, 0, step, build, m);
  return intPieces(a.min, Math.min((b.min - step) | 0, a.max), Math.max((b.max + step) | 0, a.min), a.max, step, build, m);
};

const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const min64 = (x: bigint, y: bigint): bigint => (x < y ? x : y);
const max64 = (x: bigint, y: bigint): bigint => (x > y ? x : y);

const int64MinusInt64Range: Subtractor = (m, s) => {
  const v = (m as Extract<Value, { kind: 'int64' }>).value;
  const r = s as Int64Range;
  return v < r.min || v > r.max || v % r.step !== 0n ? m : null;
};

const int64RangeMinusInt64: Subtractor = (m, s, build) => {
  const r = m as Int64Range;
  let min = r.min;
  let max = r.max;
  const step = r.step;
  let v = (s as Extract<Value, { kind: 'int64' }>).value;
  if (!(min < max)) return null;
  if (v < min || v > max || v % step !== 0n) return m;
  if (v >= INT64_MAX - step + 1n) {
    max = wrap64(max - step);
    v = wrap64(v - step);
  }
  if (v <= INT64_MIN + step - 1n) {
    min = wrap64(min + step);
    v = wrap64(v + step);
  }
  // the same unchecked TRUE as for int ranges
  if (!build) return m;
  return int64Pieces(min, wrap64(v - step), wrap64(v + step), max, step, true, m) ?? UNSET;
};

/** Same defined answer as for int ranges when the steps differ (1.22 aborts). */
const int64Ranges: Subtractor = (m, s, build) => {
  const a = m as Int64Range;
  const b = s as Int64Range;
  const step = a.step;
  if (step !== b.step) {
    const covered = a.min >= b.min && a.max <= b.max && a.step % b.step === 0n && a.min % b.step === 0n;
    return covered ? null : m;
  }
  if (b.max >= a.max && b.min <= a.min) return null;
  if (b.max >= a.max) return int64Pieces(a.min, min64(wrap64(b.min - step), a.max), step, 0n, step, build, m);
  if (b.min <= a.min) return int64Pieces(max64(wrap64(b.max + step), a.min), a.max, step, 0n, step, build, m);
  return int64Pieces(a.min, min64(wrap64(b.min - step), a.max), max64(wrap64(b.max + step), a.min), a.max, step, build, m);
};

export const doubleMinusDoubleRange: Subtractor = (m, s) => {
  const v = (m as Extract<Value, { kind: 'double' }>).value;
  const r = s as DoubleRange;
  return v < r.min || v > r.max ? m : null;
};

/** No open intervals exist, so a point cannot be cut out of a range. */
export const rangeMinusPoint: Subtractor = (m) => m;

/** The cut endpoints are kept: `[1,10] − [3,5] → { [1,3], [5,10] }`. */
const doubleRanges: Subtractor = (m, s, build) => {
  const a = m as DoubleRange;
  const b = s as DoubleRange;
  const min1 = a.min;
  const max2 = a.max;
  const max1 = b.min < max2 ? b.min : max2;
  const min2 = b.max > min1 ? b.max : min1;
  if (!build) return min1 < max1 || min2 < max2 ? m : null;
  const p1: Value | null = min1 < max1 ? { kind: 'double-range', min: min1, max: max1 } : null;
  const p2: Value | null = min2 < max2 ? { kind: 'double-range', min: min2, max: max2 } : null;
  if (p1 !== null && p2 !== null) return { kind: 'list', items: [p1, p2] };
  return p1 ?? p2;
};

const cmpF = (x: Fraction, y: Fraction): number => compareFraction(x.num, x.den, y.num, y.den);

export const fractionMinusFractionRange: Subtractor = (m, s) => {
  const v = m as Extract<Value, { kind: 'fraction' }>;
  const r = s as FractionRange;
  return cmpF(v, r.min) === LESS || cmpF(v, r.max) === GREATER ? m : null;
};

const fractionRanges: Subtractor = (m, s, build) => {
  const a = m as FractionRange;
  const b = s as FractionRange;
  const min1 = a.min;
  const max2 = a.max;
  let max1 = b.min;
  let min2 = b.max;
  if (cmpF(max2, max1) === LESS) max1 = max2;
  if (cmpF(min1, min2) === GREATER) min2 = min1;
  if (!build) return cmpF(min1, max1) === LESS || cmpF(min2, max2) === LESS ? m : null;
  const p1: Value | null = cmpF(min1, max1) === LESS ? { kind: 'fraction-range', min: min1, max: max1 } : null;
  const p2: Value | null = cmpF(min2, max2) === LESS ? { kind: 'fraction-range', min: min2, max: max2 } : null;
  if (p1 !== null && p2 !== null) return { kind: 'list', items: [p1, p2] };
  return p1 ?? p2;
};

/** The registered (minuend kind, subtrahend kind) pairs; ordered, not symmetric. */
const subtractors: Partial<Record<`${ValueKind}|${ValueKind}`, Subtractor>> = {
  'int|int-range': intMinusIntRange,
  'int-range|int': intRangeMinusInt,
  'int-range|int-range': intRanges,
  'int64|int64-range': int64MinusInt64Range,
  'int64-range|int64': int64RangeMinusInt64,
  'int64-range|int64-range': int64Ranges,
  'double|double-range': doubleMinusDoubleRange,
  'double-range|double': rangeMinusPoint,
  'double-range|double-range': doubleRanges,
  'fraction|fraction-range': fractionMinusFractionRange,
  'fraction-range|fraction': rangeMinusPoint,
  'fraction-range|fraction-range': fractionRanges,
};

/** `[minuend kind][subtrahend kind]`, built once from the table above. */
const REGISTERED: Partial<Record<ValueKind, Partial<Record<ValueKind, Subtractor>>>> = {};
for (const [pair, f] of Object.entries(subtractors)) {
  const [mk, sk] = pair.split('|') as [ValueKind, ValueKind];
  (REGISTERED[mk] ??= {})[sk] = f;
}

const isRangeKind = (k: ValueKind): boolean => k === 'int-range' || k === 'fraction-range' || k === 'double-range' || k === 'int64-range';

/**
 * m is a list: subtract from each element. After the first piece, a scalar is appended to a list
 * result, anything else is concatenated (one level of lists flattened). No dedup.
 */
function subtractFromList(m: ListValue, s: Value, build: boolean): Value | null {
  const items = m.items;
  let acc: Value | null = null;
  let accItems: Value[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const r = subtract(items[i]!, s, build);
    // (1.22 aborts on an UNSET piece here)
    if (r === null || r === UNSET) continue;
    if (!build) return r;
    if (acc === null) {
      acc = r;
      continue;
    }
    if (accItems === null) accItems = acc.kind === 'list' ? acc.items.slice() : [acc];
    if (r.kind === 'list') for (const e of r.items) accItems.push(e);
    else accItems.push(r);
    acc = { kind: 'list', items: accItems };
  }
  return acc;
}

/** s is a list: subtract its elements one after the other; any empty step empties the result. */
function subtractList(m: Value, s: ListValue): Value | null {
  let result: Value = m;
  const items = s.items;
  for (let i = 0; i < items.length; i++) {
    const r = subtract(result, items[i]!, true);
    // (1.22 aborts on an UNSET step here)
    if (r === null || r === UNSET) return null;
    result = r;
  }
  return result;
}

function subtract(m: Value, s: Value, build: boolean): Value | null {
  if (m.kind === 'list') return subtractFromList(m, s, build);
  if (s.kind === 'list') return subtractList(m, s);
  if (isRangeKind(m.kind) || isRangeKind(s.kind)) {
    const f = REGISTERED[m.kind]?.[s.kind];
    if (f !== undefined) return f(m, s, build);
  }
  return compareNoList(m, s) !== EQUAL ? m : null;
}

/** @see gst_value_subtract — `m − s` as a set, `null` when empty. */
export function subtractValues(m: Value, s: Value): Value | null {
  const r = subtract(m, s, true);
  return r === UNSET ? null : r;
}

/** subtractValues for structure subtraction, which must see UNSET. @internal */
export function subtractValuesOrUnset(m: Value, s: Value): Value | null {
  return subtract(m, s, true);
}

/** @see gst_value_subtract with a NULL dest — is `m − s` non-empty? */
export function canSubtractNonEmpty(m: Value, s: Value): boolean {
  return subtract(m, s, false) !== null;
}
