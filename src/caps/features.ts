/**
 * Caps features algebra (`gstcapsfeatures.c`). In an entry, `null` means system memory, and so do
 * an empty set and exactly `{memory:SystemMemory}`; `(ANY)` features equal everything.
 */
import { SYSTEM_MEMORY } from './value.js';
import type { CapsFeatures } from './types.js';
import { addWork } from './work.js';

/** The `(ANY)` flag; `null` (system memory) is not ANY. */
export function isAnyFeatures(f: CapsFeatures | null): boolean {
  return f !== null && f.any;
}

function isSystemMemorySet(f: CapsFeatures): boolean {
  const names = f.names;
  return names.length === 0 || (names.length === 1 && names[0] === SYSTEM_MEMORY);
}

function contains(names: readonly string[], name: string): boolean {
  for (let i = 0; i < names.length; i++) if (names[i] === name) return true;
  return false;
}

/**
 * @see gst_caps_features_is_equal — ANY on either side, both system memory, or the same set
 * (order irrelevant). A `null` entry reads as `{memory:SystemMemory}`.
 */
export function featuresEqual(a: CapsFeatures | null, b: CapsFeatures | null): boolean {
  if (a === b) return true;
  if (a === null) return b!.any || isSystemMemorySet(b!);
  if (b === null) return a.any || isSystemMemorySet(a);
  if (a.any || b.any) return true;
  const x = a.names;
  const y = b.names;
  if (x.length === 0 && y.length === 0) return true;
  if (x.length === 0 && y.length === 1 && y[0] === SYSTEM_MEMORY) return true;
  if (y.length === 0 && x.length === 1 && x[0] === SYSTEM_MEMORY) return true;
  if (x.length !== y.length) return false;
  if (x.length > 8) return containsAll(y, x);
  addWork(x.length * y.length);
  for (let i = 0; i < x.length; i++) if (!contains(y, x[i]!)) return false;
  return true;
}

// many features: one set per names array (features are immutable), so equality stays linear
const nameSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function containsAll(names: readonly string[], wanted: readonly string[]): boolean {
  let set = nameSets.get(names);
  if (set === undefined) {
    nameSets.set(names, (set = new Set(names)));
    addWork(names.length);
  }
  addWork(wanted.length);
  for (let i = 0; i < wanted.length; i++) if (!set.has(wanted[i]!)) return false;
  return true;
}

/**
 * `gst_caps_features_copy_conditional`: what intersect, subtract and normalize store — ANY and
 * non-system-memory features are kept, system memory becomes `null` (invisible when printed).
 */
export function storedFeatures(f: CapsFeatures | null): CapsFeatures | null {
  if (f === null) return null;
  if (f.any || !isSystemMemorySet(f)) return f;
  return null;
}

/** What `gst_caps_fixate` puts in place of ANY features: an empty set, printed as nothing. */
export const EMPTY_FEATURES: CapsFeatures = Object.freeze({ any: false, names: Object.freeze([]) as readonly string[] });
