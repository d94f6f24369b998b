/**
 * The binary caps operations, differentially: for generated pairs (independent, drawn from a shared
 * pool of structures, or identical), capsflow prints exactly what GStreamer 1.22 prints (or answers
 * the same boolean) for intersect (zig-zag and first), canIntersect, isSubset, isEqual,
 * isStrictlyEqual, subtract, merge and append. Also each op with one caps object as both operands:
 * GStreamer short-cuts intersect, can_intersect, is_equal and is_strictly_equal on pointer
 * identity, so `a.intersect(a)` must answer as gst_caps_intersect(c, c) does.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { capsPairArb, capsStringArb } from '../arbitraries/caps.js';
import { describeOracle } from './available.js';
import { type BinaryOp, type CapsCase, SELF_OPS } from './cases.js';
import { assertSameAsGStreamer, pinnedCases, runs } from './differential.js';
import { tableCases } from './table.js';

const OPS: readonly BinaryOp[] = [
  'intersect', 'intersectFirst', 'canIntersect', 'isSubset', 'isEqual', 'isStrictlyEqual', 'subtract', 'merge', 'append',
];

// uniform lists: lists mixing element types crash 1.22's comparison, so most of those draws would be skipped;
// the wide universe exercises printing and arithmetic, the small one overlaps
const pairs = fc.oneof(
  { arbitrary: capsPairArb({ quirks: true, uniformLists: true, depth: 2 }), weight: 3 },
  { arbitrary: capsPairArb({ quirks: true, uniformLists: true, depth: 2, wide: true }), weight: 1 },
  // mixed lists: the safe mixes (`{ [ 1, 4 ], 5 }`) are asked, the rest are skipped by the hazard filter
  { arbitrary: capsPairArb({ quirks: true, depth: 2 }), weight: 1 },
);
const singles = fc.oneof(
  capsStringArb({ quirks: true, uniformLists: true, depth: 2 }),
  capsStringArb({ quirks: true, uniformLists: true, depth: 2, wide: true }),
);

describeOracle('binary caps algebra agrees with GStreamer 1.22', () => {
  it.each(OPS)('%s', (op) => {
    const arb = pairs.map(([a, b]): CapsCase => ({ op, a, b }));
    const { asked, skipped } = assertSameAsGStreamer(arb, { numRuns: runs(700), inputsParse: true, examples: [...tableCases(op), ...pinnedCases(op)] });
    // the hazard filter must not quietly eat the property
    expect(asked).toBeGreaterThan(skipped);
  });

  it.each(SELF_OPS)('%s (one caps object as both operands)', (op) => {
    const arb = singles.map((a): CapsCase => ({ op, a }));
    const { asked, skipped } = assertSameAsGStreamer(arb, { numRuns: runs(300), inputsParse: true, examples: pinnedCases(op) });
    expect(asked).toBeGreaterThan(skipped);
  });
});
