/**
 * Fixation (GStreamer 1.22): `gst_value_fixate` (the default: ranges to their minimum, lists to
 * their first element), `gst_structure_fixate`, and the targeted `gst_structure_fixate_field_*`
 * helpers negotiation uses. Helpers return the new Structure, or `null` where GStreamer returns
 * FALSE (field missing, already fixed, or of an unsupported type) and changes nothing.
 */
import { GREATER, LESS, compareFraction } from './compare.js';
import { fraction, setField } from './value.js';
import type { Field, Structure, Value } from './types.js';

const FLAGSET_EXACT = 0xffffffff;

/**
 * @see gst_value_fixate — the fixed value, or `null` when v is already fixed or cannot be fixed
 * (an empty list, int64 ranges and nested caps stay as they are in 1.22).
 */
export function fixateValue(v: Value): Value | null {
  switch (v.kind) {
    case 'int-range':
      return { kind: 'int', value: v.min };
    case 'double-range':
      return { kind: 'double', value: v.min };
    case 'fraction-range':
      return { kind: 'fraction', num: v.min.num, den: v.min.den };
    case 'list': {
      const first = v.items[0];
      if (first === undefined) return null;
      return fixateValue(first) ?? first;
    }
    case 'array': {
      const items = v.items;
      let out: Value[] | null = null;
      for (let i = 0; i < items.length; i++) {
        const f = fixateValue(items[i]!);
        if (f === null) continue;
        if (out === null) out = items.slice();
        out[i] = f;
      }
      return out === null ? null : { kind: 'array', items: out };
    }
    case 'flagset':
      if (v.mask >>> 0 === FLAGSET_EXACT) return null;
      // the subtype stays (g_value_init with the source's GType)
      return { ...v, mask: FLAGSET_EXACT };
    case 'structure':
      return { kind: 'structure', value: fixateStructure(v.value) };
    default:
      return null;
  }
}

/** @see gst_structure_fixate — default-fixate every field in place (positions kept). */
export function fixateStructure(s: Structure): Structure {
  const fields = s.fields;
  let out: Field[] | null = null;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const v = fixateValue(f.value);
    if (v === null) continue;
    if (out === null) out = fields.slice();
    out[i] = { name: f.name, value: v };
  }
  return out === null ? s : { name: s.name, fields: out };
}

function fieldValue(s: Structure, field: string): Value | undefined {
  const fields = s.fields;
  for (let i = 0; i < fields.length; i++) if (fields[i]!.name === field) return fields[i]!.value;
  return undefined;
}

/** C `abs` on an int: wraps, so |INT_MIN| stays negative. */
const absInt = (x: number): number => (x < 0 ? -x | 0 : x);

/**
 * @see gst_structure_fixate_field_nearest_int — an int range clamps the target and rounds it onto
 * the step with C remainder (exact halves round down, negative targets toward zero); a list takes
 * its nearest int element, the first on ties. int64 ranges are not supported.
 */
export function fixateFieldNearestInt(s: Structure, field: string, target: number): Structure | null {
  const v = fieldValue(s, field);
  if (v === undefined) return null;
  target |= 0;
  if (v.kind === 'int-range') {
    // CLAMP (x, low, high): high is tested first
    target = target > v.max ? v.max : target < v.min ? v.min : target;
    const step = v.step;
    if (step !== 1) {
      const rem = target % step;
      target = (target - rem) | 0;
      if (rem > Math.trunc(step / 2)) target = (target + step) | 0;
    }
    return setField(s, field, { kind: 'int', value: target });
  }
  if (v.kind === 'list') {
    let best = 0;
    let found = false;
    const items = v.items;
    for (let i = 0; i < items.length; i++) {
      const e = items[i]!;
      if (e.kind !== 'int') continue;
      const x = e.value;
      if (!found || absInt((target - x) | 0) < absInt((target - best) | 0)) {
        found = true;
        best = x;
      }
    }
    return found ? setField(s, field, { kind: 'int', value: best }) : null;
  }
  return null;
}

/** @see gst_structure_fixate_field_nearest_double — a double range clamps; a list takes its nearest double, the first on ties. */
export function fixateFieldNearestDouble(s: Structure, field: string, target: number): Structure | null {
  const v = fieldValue(s, field);
  if (v === undefined) return null;
  if (v.kind === 'double-range') {
    if (target < v.min) target = v.min;
    if (target > v.max) target = v.max;
    return setField(s, field, { kind: 'double', value: target });
  }
  if (v.kind === 'list') {
    let best = 0;
    let found = false;
    for (const e of v.items) {
      if (e.kind !== 'double') continue;
      const x = e.value;
      if (!found || Math.abs(target - x) < Math.abs(target - best)) {
        found = true;
        best = x;
      }
    }
    return found ? setField(s, field, { kind: 'double', value: best }) : null;
  }
  return null;
}

/**
 * @see gst_structure_fixate_field_nearest_fraction — a fraction range clamps the target exactly; a
 * list takes the element nearest in double arithmetic, the first on ties.
 */
export function fixateFieldNearestFraction(s: Structure, field: string, num: number, den: number): Structure | null {
  const v = fieldValue(s, field);
  if (v === undefined) return null;
  if (v.kind === 'fraction-range') {
    // gst_value_set_fraction refuses a 0 (or < -G_MAXINT) denominator and leaves 0/1
    const t = den === 0 || den < -2147483647 || num < -2147483647 ? fraction(0, 1) : fraction(num | 0, den | 0);
    let pick: { num: number; den: number } = t;
    if (compareFraction(t.num, t.den, v.min.num, v.min.den) === LESS) pick = v.min;
    if (compareFraction(t.num, t.den, v.max.num, v.max.den) === GREATER) pick = v.max;
    return setField(s, field, { kind: 'fraction', num: pick.num, den: pick.den });
  }
  if (v.kind === 'list') {
    const target = num / den;
    let best: Value | null = null;
    let bestDiff = Number.MAX_VALUE;
    for (const e of v.items) {
      if (e.kind !== 'fraction') continue;
      let diff = target - e.num / e.den;
      if (diff < 0) diff = -diff;
      if (best === null || diff < bestDiff) {
        best = e;
        bestDiff = diff;
      }
    }
    return best === null ? null : setField(s, field, best);
  }
  return null;
}

/** @see gst_structure_fixate_field_boolean — in a list: the target if present, else the first boolean. */
export function fixateFieldBoolean(s: Structure, field: string, target: boolean): Structure | null {
  const v = fieldValue(s, field);
  if (v === undefined || v.kind !== 'list') return null;
  let best: boolean | null = null;
  for (const e of v.items) {
    if (e.kind !== 'boolean') continue;
    if (best === null || e.value === target) best = e.value;
  }
  return best === null ? null : setField(s, field, { kind: 'boolean', value: best });
}

/** @see gst_structure_fixate_field_string — in a list: the target if present, else the first string. */
export function fixateFieldString(s: Structure, field: string, target: string): Structure | null {
  const v = fieldValue(s, field);
  if (v === undefined || v.kind !== 'list') return null;
  let best: Value | null = null;
  for (const e of v.items) {
    if (e.kind !== 'string') continue;
    if (best === null || e.value === target) best = e;
  }
  return best === null ? null : setField(s, field, { kind: 'string', value: (best as Extract<Value, { kind: 'string' }>).value });
}

/**
 * @see gst_structure_fixate_field — default fixation of one field; GStreamer answers TRUE whenever
 * the field exists, so this returns the (possibly unchanged) structure then.
 */
export function fixateField(s: Structure, field: string): Structure | null {
  const v = fieldValue(s, field);
  if (v === undefined) return null;
  const f = fixateValue(v);
  return f === null ? s : setField(s, field, f);
}
