/**
 * The lattice laws hold in GStreamer 1.22 itself on the lawful universe of
 * spec/laws/caps-universe.ts: the restrictions spec/caps/laws.spec.ts relies on are not a way of
 * hiding capsflow bugs, they are exactly where the oracle keeps the laws. Each generated caps is
 * printed by capsflow and handed to GStreamer as a string.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';
import type { CapsData } from '../../src/caps/types.js';
import { capsArb, pairArb, plainCapsArb } from '../laws/caps-universe.js';
import { describeOracle } from './available.js';
import { gst } from './gst.js';
import { runs } from './differential.js';

const text = (c: CapsData): string => Caps.from(c).toString();

describeOracle('GStreamer 1.22 keeps the lattice laws on the lawful universe', () => {
  it('intersection is commutative as sets and idempotent', () => {
    fc.assert(
      fc.property(capsArb, capsArb, (x, y) => {
        const a = text(x);
        const b = text(y);
        expect(gst.isEqual(gst.intersect(a, b), gst.intersect(b, a))).toBe(true);
        expect(gst.isEqual(gst.intersect(a, a), a)).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });

  it('isSubset(a, b) ⇔ (a ∩ b).isEqual(a)', () => {
    fc.assert(
      fc.property(pairArb, ([x, y]) => {
        const a = text(x);
        const b = text(y);
        expect(gst.isEqual(gst.intersect(a, b), a)).toBe(gst.isSubset(a, b));
      }),
      { numRuns: runs(300) },
    );
  });

  it('fixate gives fixed caps that are a subset of the input', () => {
    fc.assert(
      fc.property(plainCapsArb, (x) => {
        const a = text(x);
        const f = gst.fixate(a);
        expect(gst.isFixed(f)).toBe(true);
        expect(gst.isSubset(f, a)).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });
});
