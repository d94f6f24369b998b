/**
 * Caps algebra (`gstcaps.c`, GStreamer 1.22) over plain `CapsData`: the same sets in the same
 * order as GStreamer. Value, structure and features rules live in compare / intersect / subtract /
 * union / subset / structure-ops / features / fixate; this file is the caps-level loops.
 */
import { withStructureIdentity } from './compare.js';
import { EMPTY_FEATURES, featuresEqual, isAnyFeatures, storedFeatures } from './features.js';
import { fixateStructure } from './fixate.js';
import {
  canIntersectStructures,
  intersectStructures,
  isStructureEqual,
  isStructureSubset,
} from './structure-ops.js';
import { ANY_CAPS, EMPTY_CAPS, isFixedValue } from './value.js';
import type { CapsData, CapsEntry, CapsFeatures, Structure } from './types.js';
export type { CapsRelease } from './types.js';

/** Whose order wins: `'zigzag'` (gst_caps_intersect's default) or `'first'` (A's order). */
export type IntersectMode = 'zigzag' | 'first';

const isEmpty = (c: CapsData): boolean => !c.any && c.entries.length === 0;
const wrap = (entries: CapsEntry[]): CapsData => (entries.length === 0 ? EMPTY_CAPS : { any: false, entries });

/**
 * `gst_caps_merge_structure_full`: drop s when an entry already there (searched from the end)
 * has equal features — ANY s only under ANY — and is a superset of s.
 */
function mergeEntry(out: CapsEntry[], s: Structure, f: CapsFeatures | null): void {
  const fAny = isAnyFeatures(f);
  for (let i = out.length - 1; i >= 0; i--) {
    const e = out[i]!;
    if ((!fAny || isAnyFeatures(e.features)) && featuresEqual(f, e.features) && isStructureSubset(s, e.structure)) return;
  }
  out.push({ structure: s, features: f });
}

/** One (A[j], B[k]) pair: features must be equal; ANY features on A take B's. */
function intersectPair(a: CapsEntry, b: CapsEntry, out: CapsEntry[]): void {
  const sa = a.structure;
  const sb = b.structure;
  if (sa.name !== sb.name) return;
  const fa = a.features;
  const fb = b.features;
  if (!featuresEqual(fa, fb)) return;
  const s = intersectStructures(sa, sb);
  if (s === null) return;
  mergeEntry(out, s, storedFeatures(isAnyFeatures(fa) ? fb : fa));
}

/**
 * @see gst_caps_intersect_full — EMPTY on either side wins over ANY; ANY returns the other side
 * as is. Zig-zag visits pairs by increasing j + k, largest j first on each diagonal; FIRST visits
 * A's entries in order. Each result is merged (a subset of an earlier result is dropped).
 */
export function intersectCaps(a: CapsData, b: CapsData, mode: IntersectMode): CapsData {
  // the very same caps object: GStreamer returns it as is (no merge pass)
  if (a === b) return a;
  if (isEmpty(a) || isEmpty(b)) return EMPTY_CAPS;
  if (a.any) return b;
  if (b.any) return a;
  const ea = a.entries;
  const eb = b.entries;
  const len1 = ea.length;
  const len2 = eb.length;
  const out: CapsEntry[] = [];
  if (mode === 'first') {
    for (let j = 0; j < len1; j++) {
      const x = ea[j]!;
      for (let k = 0; k < len2; k++) intersectPair(x, eb[k]!, out);
    }
    return wrap(out);
  }
  const diagonals = len1 + len2 - 1;
  for (let i = 0; i < diagonals; i++) {
    let j = i < len1 - 1 ? i : len1 - 1;
    let k = i - j;
    while (k < len2) {
      intersectPair(ea[j]!, eb[k]!, out);
      k++;
      if (j === 0) break;
      j--;
    }
  }
  return wrap(out);
}

/** @see gst_caps_can_intersect — some pair with equal features whose structures can intersect. */
export function canIntersectCaps(a: CapsData, b: CapsData): boolean {
  // 1.22 answers TRUE for the very same caps, even EMPTY ones (Caps.from makes each EMPTY anew)
  if (a === b) return true;
  if (isEmpty(a) || isEmpty(b)) return false;
  if (a.any || b.any) return true;
  const ea = a.entries;
  const eb = b.entries;
  for (let j = 0; j < ea.length; j++) {
    const x = ea[j]!;
    const name = x.structure.name;
    for (let k = 0; k < eb.length; k++) {
      const y = eb[k]!;
      if (y.structure.name !== name) continue;
      if (featuresEqual(x.features, y.features) && canIntersectStructures(x.structure, y.structure)) return true;
    }
  }
  return false;
}

/**
 * @see gst_caps_is_subset — every entry of sub needs one entry of the superset with equal
 * features (ANY only under ANY) that is a structure superset. No union across structures:
 * `x,a=[1,2]` is not a subset of `x,a=1; x,a=2`.
 */
export function isSubsetCaps(sub: CapsData, superset: CapsData): boolean {
  if (superset.any || isEmpty(sub)) return true;
  if (sub.any || isEmpty(superset)) return false;
  // one caps object against itself: its nested structures are the same objects (sameStructureObject)
  return sub === superset ? withStructureIdentity(entriesSubset, sub, superset) : entriesSubset(sub, superset);
}

function entriesSubset(sub: CapsData, superset: CapsData): boolean {
  const es = sub.entries;
  const ep = superset.entries;
  for (let i = es.length - 1; i >= 0; i--) {
    const x = es[i]!;
    const s = x.structure;
    const name = s.name;
    const f = x.features;
    const fAny = f !== null && f.any;
    let j = ep.length - 1;
    for (; j >= 0; j--) {
      const y = ep[j]!;
      const t = y.structure;
      // the name first: most pairs differ there, and structure_is_subset would refuse them anyway
      if (t.name !== name) continue;
      const g = y.features;
      if (fAny && (g === null || !g.any)) continue;
      if (f !== g && !featuresEqual(f, g)) continue;
      if (isStructureSubset(s, t)) break;
    }
    if (j < 0) return false;
  }
  return true;
}

/** @see gst_caps_is_fixed — one structure, not ANY, no ANY features, every field fixed. */
export function isFixedCaps(c: CapsData): boolean {
  if (c.any || c.entries.length !== 1) return false;
  const e = c.entries[0]!;
  if (isAnyFeatures(e.features)) return false;
  const fields = e.structure.fields;
  for (let i = 0; i < fields.length; i++) if (!isFixedValue(fields[i]!.value)) return false;
  return true;
}

/** @see gst_caps_is_equal — fixed caps compare their one structure, others are subsets both ways. */
export function isEqualCaps(a: CapsData, b: CapsData): boolean {
  if (a === b) return true;
  if (isFixedCaps(a) && isFixedCaps(b)) {
    const x = a.entries[0]!;
    const y = b.entries[0]!;
    return isStructureEqual(x.structure, y.structure) && featuresEqual(x.features, y.features);
  }
  return isSubsetCaps(a, b) && isSubsetCaps(b, a);
}

/** @see gst_caps_is_strictly_equal — same length, and at each index equal features (and ANY flag) and structures. */
export function isStrictlyEqualCaps(a: CapsData, b: CapsData): boolean {
  if (a === b) return true;
  if (a.any || b.any) return a.any && b.any;
  const ea = a.entries;
  const eb = b.entries;
  if (ea.length !== eb.length) return false;
  for (let i = 0; i < ea.length; i++) {
    const x = ea[i]!;
    const y = eb[i]!;
    if (isAnyFeatures(x.features) !== isAnyFeatures(y.features) || !featuresEqual(x.features, y.features)) return false;
    if (!isStructureEqual(x.structure, y.structure)) return false;
  }
  return true;
}

/**
 * @see gst_caps_merge — B's entries are appended unless already covered by an entry of the
 * result (subset, equal features, ANY only under ANY). ANY on either side is the result.
 */
export function mergeCaps(a: CapsData, b: CapsData): CapsData {
  if (a.any) return a;
  if (b.any) return b;
  const out = a.entries.slice();
  const eb = b.entries;
  for (let i = 0; i < eb.length; i++) mergeEntry(out, eb[i]!.structure, eb[i]!.features);
  return wrap(out);
}

/** @see gst_caps_append — plain concatenation, no dedup; ANY on either side gives ANY. */
export function appendCaps(a: CapsData, b: CapsData): CapsData {
  if (a.any || b.any) return ANY_CAPS;
  return wrap([...a.entries, ...b.entries]);
}

/**
 * @see gst_caps_normalize — per entry, the first list field is expanded: its element 0 stays in
 * place, elements 1.. become copies appended at the END of the caps; repeat until no list is left.
 * 1.22 loops forever on an empty list; our defined answer drops that structure (it describes no
 * value at all).
 */
export function normalizeCaps(a: CapsData): CapsData {
  if (a.any) return a;
  const out: CapsEntry[] = a.entries.slice();
  for (let i = 0; i < out.length; i++) {
    const entry = out[i]!;
    let s = entry.structure;
    let k = 0;
    let dropped = false;
    while (true) {
      const fields = s.fields;
      while (k < fields.length && fields[k]!.value.kind !== 'list') k++;
      if (k === fields.length) break;
      const f = fields[k]!;
      const items = (f.value as Extract<typeof f.value, { kind: 'list' }>).items;
      if (items.length === 0) {
        dropped = true;
        break;
      }
      const stored = storedFeatures(entry.features);
      for (let n = 1; n < items.length; n++) out.push({ structure: replaceAt(s, k, items[n]!), features: stored });
      s = replaceAt(s, k, items[0]!);
    }
    if (dropped) {
      out.splice(i, 1);
      i--;
    } else if (s !== entry.structure) {
      out[i] = { structure: s, features: entry.features };
    }
  }
  return wrap(out);
}

function replaceAt(s: Structure, k: number, value: Structure['fields'][number]['value']): Structure {
  const fields = s.fields.slice();
  fields[k] = { name: fields[k]!.name, value };
  return { name: s.name, fields };
}

/** @see gst_caps_truncate — the first entry; ANY and EMPTY unchanged. */
export function truncateCaps(a: CapsData): CapsData {
  if (a.any || a.entries.length <= 1) return a;
  return { any: false, entries: [a.entries[0]!] };
}

/**
 * @see gst_caps_fixate — truncate, default-fixate every field of the one structure, and turn ANY
 * features into empty ones. EMPTY stays EMPTY; ANY (a critical in 1.22) is returned unchanged.
 */
export function fixateCaps(a: CapsData): CapsData {
  if (a.any || a.entries.length === 0) return a;
  const e = a.entries[0]!;
  const features = isAnyFeatures(e.features) ? EMPTY_FEATURES : e.features;
  return { any: false, entries: [{ structure: fixateStructure(e.structure), features }] };
}
