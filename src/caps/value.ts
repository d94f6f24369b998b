/**
 * Smart constructors and small predicates over `Value`. Every producer of values (parser, algebra,
 * negotiation) goes through these so the invariants in `types.ts` hold everywhere.
 */
import type {
  ArrayValue,
  BooleanValue,
  CapsData,
  CapsEntry,
  CapsFeatures,
  DoubleRangeValue,
  DoubleValue,
  Field,
  Fraction,
  FractionRangeValue,
  FractionValue,
  Int64RangeValue,
  IntRangeValue,
  IntValue,
  ListValue,
  StringValue,
  Structure,
  Value,
} from './types.js';

export const INT_MAX = 2147483647;
export const INT_MIN = -2147483648;

/** greatest common divisor, never negative (C's % keeps the dividend's sign, so the sign is dropped at the end) */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

export function gcd64(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a < 0n ? -a : a;
}

/** int32 wrap, as storing a gint does */
export const int = (value: number): IntValue => ({ kind: 'int', value: value | 0 });
export const double = (value: number): DoubleValue => ({ kind: 'double', value });
export const boolean = (value: boolean): BooleanValue => ({ kind: 'boolean', value });
export const string = (value: string | null): StringValue => ({ kind: 'string', value });

/** Reduced, sign on the numerator (gst_value_set_fraction). den must not be 0. */
export function fraction(num: number, den: number): FractionValue {
  if (den === 0) throw new RangeError('fraction denominator must not be 0');
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (num === 0) return { kind: 'fraction', num: 0, den: 1 };
  const g = gcd(num, den);
  return { kind: 'fraction', num: num / g, den: den / g };
}

export const intRange = (min: number, max: number, step = 1): IntRangeValue => ({ kind: 'int-range', min, max, step });
export const int64Range = (min: bigint, max: bigint, step = 1n): Int64RangeValue => ({ kind: 'int64-range', min, max, step });
export const doubleRange = (min: number, max: number): DoubleRangeValue => ({ kind: 'double-range', min, max });
export const fractionRange = (min: Fraction, max: Fraction): FractionRangeValue => ({
  kind: 'fraction-range',
  min: { num: min.num, den: min.den },
  max: { num: max.num, den: max.den },
});
export const list = (items: readonly Value[]): ListValue => ({ kind: 'list', items });
export const array = (items: readonly Value[]): ArrayValue => ({ kind: 'array', items });

export const structure = (name: string, fields: readonly Field[] = []): Structure => ({ name, fields });

export function getField(s: Structure, name: string): Value | undefined {
  const fields = s.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.name === name) return f.value;
  }
  return undefined;
}

/** gst_structure_set_value: a re-set field keeps its position */
export function setField(s: Structure, name: string, value: Value): Structure {
  const fields = s.fields;
  for (let i = 0; i < fields.length; i++) {
    if (fields[i]!.name === name) {
      const copy = fields.slice();
      copy[i] = { name, value };
      return { name: s.name, fields: copy };
    }
  }
  return { name: s.name, fields: [...fields, { name, value }] };
}

export function removeField(s: Structure, name: string): Structure {
  return { name: s.name, fields: s.fields.filter((f) => f.name !== name) };
}

/** gst_value_is_fixed */
export function isFixedValue(v: Value): boolean {
  switch (v.kind) {
    case 'int-range':
    case 'int64-range':
    case 'double-range':
    case 'fraction-range':
    case 'list':
      return false;
    case 'array':
      return v.items.every(isFixedValue);
    case 'flagset':
      return v.mask >>> 0 === 0xffffffff;
    case 'structure':
      return v.value.fields.every((f) => isFixedValue(f.value));
    default:
      return true;
  }
}

export const ANY_FEATURES: CapsFeatures = Object.freeze({ any: true, names: Object.freeze([]) as readonly string[] });
export const SYSTEM_MEMORY = 'memory:SystemMemory';
export const DMABUF = 'memory:DMABuf';

export const ANY_CAPS: CapsData = Object.freeze({ any: true, entries: Object.freeze([]) as readonly CapsEntry[] });
export const EMPTY_CAPS: CapsData = Object.freeze({ any: false, entries: Object.freeze([]) as readonly CapsEntry[] });
