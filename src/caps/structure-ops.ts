/**
 * Structure algebra (`gststructure.c` / `gstcaps.c`, GStreamer 1.22): intersect, can-intersect,
 * subset, equality and the structure subtraction that caps subtract and simplify build on.
 * Names are compared before any field is touched.
 */
import { addWork } from './work.js';
import { EQUAL, UNORDERED, compareValues } from './compare.js';
import { canIntersectValues, intersectValues } from './intersect.js';
import { isValueSubset } from './subset.js';
import { UNSET, subtractValuesOrUnset } from './subtract.js';
import type { Field, Structure, Value } from './types.js';

function find(fields: readonly Field[], name: string): Value | undefined {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.name === name) return f.value;
  }
  return undefined;
}

/**
 * @see gst_structure_intersect — named after s1; s1's fields in s1's order (intersected where s2
 * has them too), then s2's extra fields in s2's order. `null` when a shared field is empty.
 */
export function intersectStructures(s1: Structure, s2: Structure): Structure | null {
  addWork();
  if (s1.name !== s2.name) return null;
  const f1 = s1.fields;
  const f2 = s2.fields;
  const n2 = f2.length;
  const out: Field[] = [];
  let matched = 0;
  for (let i = 0; i < f1.length; i++) {
    const a = f1[i]!;
    const name = a.name;
    // same position first (templates mostly agree on field order), then a scan
    let j = i;
    if (i >= n2 || f2[i]!.name !== name) for (j = 0; j < n2; j++) if (f2[j]!.name === name) break;
    if (j === n2) {
      out.push(a);
      continue;
    }
    const r = intersectValues(a.value, f2[j]!.value);
    if (r === null) return null;
    matched++;
    out.push(r === a.value ? a : { name, value: r });
  }
  if (matched !== n2) {
    for (let j = 0; j < n2; j++) {
      const b = f2[j]!;
      if (find(f1, b.name) === undefined) out.push(b);
    }
  }
  return { name: s1.name, fields: out };
}

/**
 * @see gst_structure_can_intersect — every shared field compares EQUAL, or UNORDERED with a
 * non-empty intersection (LESS / GREATER say no).
 */
export function canIntersectStructures(s1: Structure, s2: Structure): boolean {
  if (s1.name !== s2.name) return false;
  const f1 = s1.fields;
  const f2 = s2.fields;
  for (let i = 0; i < f1.length; i++) {
    const a = f1[i]!;
    const v2 = find(f2, a.name);
    if (v2 === undefined) continue;
    const c = compareValues(a.value, v2);
    if (c === EQUAL) continue;
    if (c !== UNORDERED || !canIntersectValues(a.value, v2)) return false;
  }
  return true;
}

/**
 * @see gst_structure_is_subset — every field of the superset must be in sub (sub may have more),
 * compared EQUAL, or UNORDERED and a value subset.
 */
export function isStructureSubset(sub: Structure, superset: Structure): boolean {
  if (sub.name !== superset.name) return false;
  const sup = superset.fields;
  const fs = sub.fields;
  if (sup.length > fs.length) return false;
  const n = sup.length;
  for (let i = 0; i < n; i++) {
    const f = sup[i]!;
    // templates mostly list fields in the same order: try the same position first
    const same = fs[i]!;
    let v: Value | undefined = same.value;
    if (same.name !== f.name) {
      v = find(fs, f.name);
      if (v === undefined) return false;
    }
    const w = f.value;
    const kind = v.kind;
    // same-kind int/string: only EQUAL makes a subset (LESS/GREATER say no; unequal strings never subtract to empty)
    if (kind === w.kind && (kind === 'int' || kind === 'string')) {
      if (v.value !== (w as typeof v).value) return false;
      continue;
    }
    if (!isFieldSubset(v, w)) return false;
  }
  return true;
}

/** One field of gst_structure_is_subset: EQUAL, or UNORDERED and a value subset. */
function isFieldSubset(v: Value, sup: Value): boolean {
  const c = compareValues(v, sup);
  return c === EQUAL || (c === UNORDERED && isValueSubset(v, sup));
}

/**
 * @see gst_structure_is_equal — same name, same field count, each field EQUAL (order irrelevant).
 * No same-object shortcut: GStreamer copies structures where we share them, so a NaN field must
 * still make a structure unequal to "itself".
 */
export function isStructureEqual(a: Structure, b: Structure): boolean {
  if (a.name !== b.name) return false;
  const fa = a.fields;
  const fb = b.fields;
  if (fa.length !== fb.length) return false;
  for (let i = 0; i < fa.length; i++) {
    const f = fa[i]!;
    const v = find(fb, f.name);
    if (v === undefined || compareValues(f.value, v) !== EQUAL) return false;
  }
  return true;
}

/**
 * `gst_caps_structure_subtract(m, s)` — walks s's fields: a field m lacks, or a difference that
 * compares EQUAL to m's value, makes it impossible (`null`: keep m); an empty difference adds
 * nothing; otherwise a copy of m with the difference is *prepended*, so pieces come out in
 * reverse field order. Zero pieces mean s covers m.
 */
export function subtractStructures(m: Structure, s: Structure): Structure[] | null {
  const fs = s.fields;
  const fm = m.fields;
  const pieces: Structure[] = [];
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]!;
    let k = 0;
    for (; k < fm.length; k++) if (fm[k]!.name === f.name) break;
    if (k === fm.length) return null;
    const mine = fm[k]!.value;
    const r = subtractValuesOrUnset(mine, f.value);
    if (r === null) continue;
    if (r === UNSET) {
      // 1.22 compares the unset value (a critical, LESS), then fails to store it: the piece is m as it is
      pieces.push(m);
      continue;
    }
    if (compareValues(r, mine) === EQUAL) return null;
    const copy = fm.slice();
    copy[k] = { name: f.name, value: r };
    pieces.push({ name: m.name, fields: copy });
  }
  return pieces.reverse();
}
