/** Small caps helpers the transform_caps / fixate_caps of many element models share. */
import { Caps, fixateFieldNearestFraction, fixateFieldNearestInt, getField, type CapsEntry, type CapsFeatures, type Structure } from '../../caps/index.js';
import { intersectFirst } from '../engine/query.js';

export const applyFilter = (ret: Caps, filter: Caps | null): Caps => (filter === null ? ret : intersectFirst(filter, ret));

/** gst_caps_is_subset_structure_full */
export function entryIsSubset(entries: readonly CapsEntry[], e: CapsEntry): boolean {
  if (entries.length === 0) return false;
  return Caps.fromEntries([e]).isSubset(Caps.fromEntries(entries));
}

/** Rewrite every structure (features kept), skipping ones already expressed by earlier results. */
export function mapStructures(caps: Caps, f: (s: Structure, features: CapsFeatures | null) => Structure | Structure[] | null, skipSubsets = true): Caps {
  if (caps.isAny() || caps.isEmpty()) return caps;
  const out: CapsEntry[] = [];
  caps.entries.forEach((e, i) => {
    if (skipSubsets && i > 0 && entryIsSubset(out, e)) return;
    const r = f(e.structure, e.features);
    if (r === null) return;
    for (const s of Array.isArray(r) ? r : [r]) out.push({ structure: s, features: e.features });
  });
  return Caps.fromEntries(out);
}

/** gst_caps_merge_structure: append unless already a subset of what is there */
export function mergeEntry(out: CapsEntry[], e: CapsEntry): void {
  if (!entryIsSubset(out, e)) out.push(e);
}

export const intOf = (s: Structure, f: string): number | null => {
  const v = getField(s, f);
  return v !== undefined && v.kind === 'int' ? v.value : null;
};
export const fracOf = (s: Structure, f: string): { num: number; den: number } | null => {
  const v = getField(s, f);
  return v !== undefined && v.kind === 'fraction' ? { num: v.num, den: v.den } : null;
};
export const strOf = (s: Structure, f: string): string | null => {
  const v = getField(s, f);
  return v !== undefined && v.kind === 'string' ? v.value : null;
};
export const nearestInt = (s: Structure, f: string, t: number): Structure => fixateFieldNearestInt(s, f, t) ?? s;
export const nearestFraction = (s: Structure, f: string, n: number, d: number): Structure => fixateFieldNearestFraction(s, f, n, d) ?? s;
