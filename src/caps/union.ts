/**
 * Value union (`gst_value_union`, GStreamer 1.22), used only by simplify. Four pairs have a rule
 * of their own and may answer "no union" (`null`); every other compatible pair is concatenated
 * into a list; incompatible basic types (int ∪ string) have no union. 1.26 adds rules for fraction ∪
 * fraction range and fraction range ∪ fraction range (measured in the Debian 13 root, fixtures/caps/releases.json).
 */
import { GREATER, LESS, compareFraction, isSameType } from './compare.js';
import { basicType } from './intersect.js';
import { isIntRangeSubset } from './subset.js';
import { getField } from './value.js';
import type { Field, FlagSetValue, Structure, Value } from './types.js';

type IntRange = Extract<Value, { kind: 'int-range' }>;

// int ranges are stored by GStreamer as min/step and max/step packed into 32 bits each
const packedMin = (r: IntRange): number => Math.trunc(r.min / r.step);
const packedMax = (r: IntRange): number => Math.trunc(r.max / r.step);
const mul = (x: number, y: number): number => Math.imul(x, y);

/** The range built from packed bounds; in int ∪ int range a negative packed max sign-extends over min (min becomes -1). */
function fromPacked(pmin: number, pmax: number, step: number, signExtendBug: boolean): IntRange {
  if (signExtendBug && pmax < 0) pmin = -1;
  return { kind: 'int-range', min: mul(pmin, step), max: mul(pmax, step), step };
}

/** `gst_value_list_or_array_are_compatible`: same basic type, an empty side, or scalar × its range. */
export function areCompatible(a: Value, b: Value): boolean {
  const t1 = basicType(a);
  const t2 = basicType(b);
  if (t1 === null || t2 === null || isSameType(t1, t2)) return true;
  const k1 = t1.kind;
  const k2 = t2.kind;
  const pair = (x: string, y: string): boolean => (k1 === x && k2 === y) || (k1 === y && k2 === x);
  return pair('int', 'int-range') || pair('int64', 'int64-range') || pair('double', 'double-range') || pair('fraction', 'fraction-range');
}

/** int ∪ int range: the range when v is on it, one step longer when v touches an end, else none. */
function unionIntIntRange(v: number, r: IntRange): Value | null {
  if (r.min <= v && r.max >= v && v % r.step === 0) return r;
  const pmin = packedMin(r);
  const pmax = packedMax(r);
  // packed bounds are gint: ±1 wraps at the limits (INT_MIN ∪ [x, INT_MAX] "extends" the range)
  const below = (pmin - 1) | 0;
  const above = (pmax + 1) | 0;
  if (v === mul(below, r.step)) return fromPacked(below, pmax, r.step, true);
  if (v === mul(above, r.step)) return fromPacked(pmin, above, r.step, true);
  return null;
}

/** int range ∪ int range: subset (with 1.22's step bug), overlapping/touching same-step hull, or a single value next to an end. */
function unionIntRanges(a: IntRange, b: IntRange): Value | null {
  if (isIntRangeSubset(a, b)) return b;
  if (isIntRangeSubset(b, a)) return a;
  const amin = packedMin(a);
  const amax = packedMax(a);
  const bmin = packedMin(b);
  const bmax = packedMax(b);
  if (a.step === b.step) {
    if ((amin <= ((bmax + 1) | 0) && amax >= ((bmin - 1) | 0)) || (bmin <= ((amax + 1) | 0) && bmax >= ((amin - 1) | 0))) {
      const step = a.step;
      const min = mul(step, amin < bmin ? amin : bmin);
      const max = mul(step, amax > bmax ? amax : bmax);
      // gst_value_set_int_range_step refuses min >= max and leaves the [0,0] placeholder
      return min < max ? { kind: 'int-range', min, max, step } : { kind: 'int-range', min: 0, max: 0, step: 1 };
    }
  }
  if (a.step !== b.step) {
    const n1 = (amax - amin + 1) | 0;
    const n2 = (bmax - bmin + 1) | 0;
    if (n1 === 1 || n2 === 1) {
      const range = n1 === 1 ? b : a;
      const scalar = n1 === 1 ? mul(amin, a.step) : mul(bmin, b.step);
      const rmin = packedMin(range);
      const rmax = packedMax(range);
      const below = (rmin - 1) | 0;
      const above = (rmax + 1) | 0;
      if (scalar === mul(below, range.step)) return fromPacked(below, rmax, range.step, false);
      if (scalar === mul(above, range.step)) return fromPacked(rmin, above, range.step, false);
    }
  }
  return null;
}

/** flagset ∪ flagset: only when they agree on the shared mask; src2's masked bits win. */
function unionFlagsets(a: FlagSetValue, b: FlagSetValue): Value | null {
  const common = a.mask & b.mask;
  if ((a.flags & common) !== (b.flags & common)) return null;
  const flags = ((a.flags & ~b.mask) | (b.flags & b.mask)) >>> 0;
  const mask = (a.mask | b.mask) >>> 0;
  // gst_value_set_flagset stores flags & mask
  return { kind: 'flagset', flags: (flags & mask) >>> 0, mask };
}

type FractionRange = Extract<Value, { kind: 'fraction-range' }>;
type Fraction = FractionRange['min'];
const cmpF = (x: Fraction, y: Fraction): number => {
  const o = compareFraction(x.num, x.den, y.num, y.den);
  return o === LESS ? -1 : o === GREATER ? 1 : 0;
};

/** 1.26: fraction ∪ fraction range — the range when the fraction is on it (ends included), else none. */
function unionFractionFractionRange(f: Fraction, r: FractionRange): Value | null {
  return cmpF(r.min, f) <= 0 && cmpF(f, r.max) <= 0 ? r : null;
}

/** 1.26: fraction range ∪ fraction range — one range when they overlap or touch, else none. */
function unionFractionRanges(a: FractionRange, b: FractionRange): Value | null {
  if (cmpF(a.min, b.max) > 0 || cmpF(b.min, a.max) > 0) return null;
  return { kind: 'fraction-range', min: cmpF(a.min, b.min) <= 0 ? a.min : b.min, max: cmpF(a.max, b.max) >= 0 ? a.max : b.max };
}

/** structure ∪ structure: different names make a list; same name merges field by field. */
function unionStructures(a: Structure, b: Structure, av: Value, bv: Value, release: '1.22' | '1.26'): Value | null {
  if (a.name !== b.name) return { kind: 'list', items: [av, bv] };
  const fields: Field[] = [];
  for (const f of a.fields) {
    const other = getField(b, f.name);
    if (other === undefined) {
      fields.push(f);
      continue;
    }
    const u = unionValues(f.value, other, release);
    if (u === null) return null;
    fields.push({ name: f.name, value: u });
  }
  for (const f of b.fields) if (getField(a, f.name) === undefined) fields.push(f);
  return { kind: 'structure', value: { name: a.name, fields } };
}

function concat(a: Value, b: Value): Value {
  const items: Value[] = [];
  if (a.kind === 'list') for (const v of a.items) items.push(v);
  else items.push(a);
  if (b.kind === 'list') for (const v of b.items) items.push(v);
  else items.push(b);
  return { kind: 'list', items };
}

/** @see gst_value_union — `null` when no union can be expressed; `release` 1.26 has the fraction rules. */
export function unionValues(a: Value, b: Value, release: '1.22' | '1.26' = '1.22'): Value | null {
  if (!areCompatible(a, b)) return null;
  if (a.kind === 'int' && b.kind === 'int-range') return unionIntIntRange(a.value, b);
  if (a.kind === 'int-range' && b.kind === 'int') return unionIntIntRange(b.value, a);
  if (a.kind === 'int-range' && b.kind === 'int-range') return unionIntRanges(a, b);
  // the flagset rule is registered for the generic GstFlagSet pair only; same subtypes concatenate
  if (a.kind === 'flagset' && b.kind === 'flagset' && a.type === undefined && b.type === undefined) return unionFlagsets(a, b);
  if (release === '1.26') {
    if (a.kind === 'fraction' && b.kind === 'fraction-range') return unionFractionFractionRange(a, b);
    if (a.kind === 'fraction-range' && b.kind === 'fraction') return unionFractionFractionRange(b, a);
    if (a.kind === 'fraction-range' && b.kind === 'fraction-range') return unionFractionRanges(a, b);
  }
  if (a.kind === 'structure' && b.kind === 'structure') return unionStructures(a.value, b.value, a, b, release);
  return concat(a, b);
}
