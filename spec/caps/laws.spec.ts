/**
 * The lattice laws of spec/laws/lattice.ts on the caps algebra, over the lawful universe of
 * spec/laws/caps-universe.ts (restricted to where GStreamer 1.22 itself satisfies each law; the
 * restrictions and the 1.22 quirks behind them are listed there).
 */
import { describe, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';
import { featuresEqual } from '../../src/caps/features.js';
import { fixateCaps, intersectCaps, isEqualCaps, isFixedCaps, isStrictlyEqualCaps, isSubsetCaps } from '../../src/caps/ops.js';
import { ANY_CAPS, EMPTY_CAPS } from '../../src/caps/value.js';
import type { CapsData } from '../../src/caps/types.js';
import { ANY_FEATURES, capsArb, pairArb, plainCapsArb } from '../laws/caps-universe.js';
import {
  assertAbsorbing,
  assertCommutativeUpToOrder,
  assertFixateIsFixed,
  assertFixateIsSubset,
  assertIdempotent,
  assertIdentity,
  assertRoundTrip,
  assertSubsetIffIntersectionEquals,
} from '../laws/lattice.js';

const show = (c: CapsData): string => {
  try {
    return Caps.from(c).toString();
  } catch {
    return JSON.stringify(c);
  }
};
const intersect = (a: CapsData, b: CapsData): CapsData => intersectCaps(a, b, 'zigzag');
const intersectFirst = (a: CapsData, b: CapsData): CapsData => intersectCaps(a, b, 'first');
const isEmpty = (c: CapsData): boolean => !c.any && c.entries.length === 0;

describe('caps lattice laws (GStreamer 1.22 semantics, lawful universe)', () => {
  it('intersection is commutative as sets (zig-zag and first)', () => {
    assertCommutativeUpToOrder(capsArb, intersect, isEqualCaps, show);
    assertCommutativeUpToOrder(capsArb, intersectFirst, isEqualCaps, show);
  });

  it('intersection is idempotent', () => {
    assertIdempotent(capsArb, intersect, isEqualCaps, show);
  });

  it('ANY is the identity, returned as is', () => {
    assertIdentity(capsArb, intersect, ANY_CAPS, (x, y) => x === y);
  });

  it('EMPTY absorbs, even ANY', () => {
    assertAbsorbing(capsArb, intersect, EMPTY_CAPS, isEmpty);
  });

  it('isSubset(a, b) ⇔ (a ∩ b).isEqual(a)', () => {
    assertSubsetIffIntersectionEquals(pairArb, isSubsetCaps, intersect, isEqualCaps, show);
  });

  it('fixate gives fixed caps that are a subset of the input', () => {
    assertFixateIsFixed(plainCapsArb, fixateCaps, isFixedCaps, show);
    assertFixateIsSubset(plainCapsArb, fixateCaps, isSubsetCaps, show);
  });

  it('fixate turns ANY features into empty ones, which still sit under (ANY)', () => {
    const c: CapsData = { any: false, entries: [{ structure: { name: 'x', fields: [] }, features: ANY_FEATURES }] };
    const f = fixateCaps(c);
    if (!featuresEqual(f.entries[0]!.features, null) || f.entries[0]!.features?.any) throw new Error(show(f));
  });

  it('parse(print(c)) is the same caps', () => {
    assertRoundTrip(
      capsArb,
      (c) => Caps.from(c).toString(),
      (s) => Caps.fromString(s),
      isStrictlyEqualCaps,
    );
  });
});
