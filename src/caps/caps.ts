/**
 * The public, immutable `Caps` handle. All logic lives in pure functions over `CapsData`
 * (parse.ts, print.ts, ops.ts); this class is the thin skin users hold.
 */
import { CapsParseError, type CapsIssue } from './issues.js';
import {
  appendCaps,
  canIntersectCaps,
  fixateCaps,
  intersectCaps,
  isEqualCaps,
  isFixedCaps,
  isStrictlyEqualCaps,
  isSubsetCaps,
  mergeCaps,
  normalizeCaps,
  truncateCaps,
  type CapsRelease,
  type IntersectMode,
} from './ops.js';
import { parseCaps } from './parse.js';
import { simplifyCaps, subtractCaps } from './simplify.js';
import { capsToString } from './print.js';
import type { CapsData, CapsEntry, CapsFeatures, Structure } from './types.js';
import { EMPTY_CAPS } from './value.js';

export type CapsParseResult =
  | { readonly ok: true; readonly caps: Caps; readonly issues?: never }
  | { readonly ok: false; readonly caps?: never; readonly issues: readonly CapsIssue[] };

export class Caps implements CapsData {
  readonly any: boolean;
  readonly entries: readonly CapsEntry[];

  private constructor(data: CapsData) {
    this.any = data.any;
    this.entries = data.entries;
  }

  static readonly ANY: Caps = new Caps({ any: true, entries: [] });
  static readonly EMPTY: Caps = new Caps({ any: false, entries: [] });

  /** Wrap caps data (no copy: the data must not be mutated afterwards). */
  static from(data: CapsData): Caps {
    if (data instanceof Caps) return data;
    if (data.any) return Caps.ANY;
    // a fresh object per EMPTY: 1.22 answers can_intersect(c, c) TRUE for the very same caps, even
    // EMPTY ones, and two separately made EMPTY caps must not look like one
    return new Caps(data);
  }

  static fromEntries(entries: readonly CapsEntry[]): Caps {
    return Caps.from({ any: false, entries });
  }

  static fromStructures(...structures: Structure[]): Caps {
    return Caps.fromEntries(structures.map((structure) => ({ structure, features: null })));
  }

  /** @see gst_caps_from_string — throws `CapsParseError` */
  static fromString(text: string): Caps {
    const r = parseCaps(text);
    if (!r.ok) throw new CapsParseError(text, r.issues);
    return Caps.from(r.caps);
  }

  /** Non-throwing `fromString`. */
  static parse(text: string): CapsParseResult {
    const r = parseCaps(text);
    return r.ok ? { ok: true, caps: Caps.from(r.caps) } : { ok: false, issues: r.issues };
  }

  /** @see gst_caps_to_string */
  toString(): string {
    return capsToString(this);
  }

  /** @see gst_caps_get_size */
  get size(): number {
    return this.entries.length;
  }

  structure(index: number): Structure {
    const e = this.entries[index];
    if (e === undefined) throw new RangeError(`caps have ${this.entries.length} structures, no index ${index}`);
    return e.structure;
  }

  features(index: number): CapsFeatures | null {
    const e = this.entries[index];
    if (e === undefined) throw new RangeError(`caps have ${this.entries.length} structures, no index ${index}`);
    return e.features;
  }

  isAny(): boolean {
    return this.any;
  }

  isEmpty(): boolean {
    return !this.any && this.entries.length === 0;
  }

  /** @see gst_caps_is_fixed */
  isFixed(): boolean {
    return isFixedCaps(this);
  }

  /**
   * One bit per structure name (a 32-bit Bloom filter), computed on first use (caps never change).
   * Structures only pair up by equal names, so caps whose bits do not meet cannot intersect, and a
   * name of `this` whose bit the other lacks keeps `this` from being its subset: GStreamer's answer
   * without walking the pairs. -1 until computed.
   */
  #names = -1;

  /** @internal the name bits (see #names) */
  nameBits(): number {
    let bits = this.#names;
    if (bits !== -1) return bits;
    bits = 0;
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const name = entries[i]!.structure.name;
      let h = 0x811c9dc5;
      for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 0x01000193);
      bits |= 1 << (h >>> 27);
    }
    return (this.#names = bits >>> 0);
  }

  /** Both plain caps (not ANY) with no structure name in common: no pair can meet. */
  private disjoint(other: CapsData): boolean {
    return other instanceof Caps && !this.any && !other.any && (this.nameBits() & other.nameBits()) === 0;
  }

  /** @see gst_caps_intersect_full — zig-zag by default, as gst_caps_intersect */
  intersect(other: CapsData, mode: IntersectMode = 'zigzag'): Caps {
    if (other !== this && this.disjoint(other)) return Caps.from(EMPTY_CAPS);
    return Caps.from(intersectCaps(this, other, mode));
  }

  /** @see gst_caps_can_intersect */
  canIntersect(other: CapsData): boolean {
    if (other !== this && this.disjoint(other)) return false;
    return canIntersectCaps(this, other);
  }

  /** @see gst_caps_is_subset */
  isSubset(superset: CapsData): boolean {
    if (superset instanceof Caps && !this.any && !superset.any && (this.nameBits() & ~superset.nameBits()) !== 0) return false;
    return isSubsetCaps(this, superset);
  }

  /** @see gst_caps_is_equal */
  isEqual(other: CapsData): boolean {
    return isEqualCaps(this, other);
  }

  /** @see gst_caps_is_strictly_equal */
  isStrictlyEqual(other: CapsData): boolean {
    return isStrictlyEqualCaps(this, other);
  }

  /** @see gst_caps_subtract */
  subtract(subtrahend: CapsData): Caps {
    return Caps.from(subtractCaps(this, subtrahend));
  }

  /** @see gst_caps_merge */
  merge(other: CapsData): Caps {
    return Caps.from(mergeCaps(this, other));
  }

  /** @see gst_caps_append */
  append(other: CapsData): Caps {
    return Caps.from(appendCaps(this, other));
  }

  /** @see gst_caps_normalize */
  normalize(): Caps {
    return Caps.from(normalizeCaps(this));
  }

  /** @see gst_caps_simplify — as `release` does it (default 1.22; 1.26 merges more, see ops.ts simplifyPair) */
  simplify(release: CapsRelease = '1.22'): Caps {
    return Caps.from(simplifyCaps(this, release));
  }

  /** @see gst_caps_fixate */
  fixate(): Caps {
    return Caps.from(fixateCaps(this));
  }

  /** @see gst_caps_truncate */
  truncate(): Caps {
    return Caps.from(truncateCaps(this));
  }
}
