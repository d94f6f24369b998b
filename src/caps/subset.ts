/**
 * Value subset (`gst_value_is_subset`, GStreamer 1.22), asked only when compare says UNORDERED.
 * Ranges, flagsets, structures and lists on the superset side have direct tests; everything else
 * goes through subtraction: `a − b` empty and `b − a` non-empty.
 */
import { isEqualValue, sameStructureObject } from './compare.js';
import { isStructureSubset } from './structure-ops.js';
import { canSubtractNonEmpty, fractionMinusFractionRange, intMinusIntRange, intRangeMinusInt } from './subtract.js';
import type { FlagSetValue, Value } from './types.js';
import { gcd, gcd64 } from './value.js';

type IntRange = Extract<Value, { kind: 'int-range' }>;
type Int64Range = Extract<Value, { kind: 'int64-range' }>;

/**
 * int range ⊆ int range. 1.22 bug kept: the divisibility direction is not checked, so
 * `[0,20,2] ⊆ [0,20,4]` and `[1,10] ⊆ [0,10,2]` are true.
 */
export function isIntRangeSubset(a: IntRange, b: IntRange): boolean {
  if (a.min < b.min || a.max > b.max) return false;
  if (Math.trunc(b.min / b.step) === Math.trunc(b.max / b.step)) return Math.imul(Math.trunc(b.min / b.step), b.step) % a.step === 0;
  return gcd(a.step, b.step) === Math.min(a.step, b.step);
}

/** int64 range ⊆ int64 range: the same shape, bounds compared in step units. */
function isInt64RangeSubset(a: Int64Range, b: Int64Range): boolean {
  if (a.min / a.step < b.min / b.step || a.max / a.step > b.max / b.step) return false;
  const bmin = b.min / b.step;
  if (bmin === b.max / b.step) return BigInt.asIntN(64, bmin * b.step) % a.step === 0n;
  const g = gcd64(a.step, b.step);
  return g === (a.step < b.step ? a.step : b.step);
}

/** The superset's masked bits must agree: both `1:3 ⊆ 1:1` and `1:1 ⊆ 1:3` hold. */
function isFlagsetSubset(a: FlagSetValue, b: FlagSetValue): boolean {
  return (a.flags & a.mask) >>> 0 === (b.flags & a.mask & b.mask) >>> 0;
}

/** @see gst_value_is_subset */
export function isValueSubset(a: Value, b: Value): boolean {
  const ka = a.kind;
  const kb = b.kind;
  // scalar vs its range, the bulk of template subset tests: the subtraction path below, with the
  // table's subtractors called directly
  if (ka === 'int' && kb === 'int-range') return intMinusIntRange(a, b, false) === null && intRangeMinusInt(b, a, false) !== null;
  if (ka === 'int-range' && kb === 'int') return intRangeMinusInt(a, b, false) === null && intMinusIntRange(b, a, false) !== null;
  if (ka === 'fraction' && kb === 'fraction-range') return fractionMinusFractionRange(a, b, false) === null;
  if (ka === 'fraction-range' && kb === 'fraction') return false;
  if (ka === 'int-range' && kb === 'int-range') return isIntRangeSubset(a, b);
  if (a.kind === 'int64-range' && b.kind === 'int64-range') return isInt64RangeSubset(a, b);
  if (a.kind === 'flagset' && b.kind === 'flagset') return isFlagsetSubset(a, b);
  // `x,a=[y,b=nan]` is a subset of itself though `nan` alone is not (sameStructureObject)
  if (a.kind === 'structure' && b.kind === 'structure') return sameStructureObject(a.value, b.value) || isStructureSubset(a.value, b.value);
  if (b.kind === 'list') {
    const ys = b.items;
    if (a.kind === 'list') {
      const xs = a.items;
      if (xs.length > ys.length) return false;
      outer: for (let i = 0; i < xs.length; i++) {
        for (let j = 0; j < ys.length; j++) if (isEqualValue(xs[i]!, ys[j]!)) continue outer;
        return false;
      }
      return true;
    }
    for (let j = 0; j < ys.length; j++) if (isEqualValue(a, ys[j]!)) return true;
    return false;
  }
  return !canSubtractNonEmpty(a, b) && canSubtractNonEmpty(b, a);
}
