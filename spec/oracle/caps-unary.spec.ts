/**
 * The unary caps operations, differentially: normalize, simplify, fixate, truncate and isFixed on
 * generated caps print (or answer) exactly as GStreamer 1.22 does.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { capsStringArb } from '../arbitraries/caps.js';
import { describeOracle } from './available.js';
import type { CapsCase, UnaryOp } from './cases.js';
import { assertSameAsGStreamer, pinnedCases, runs } from './differential.js';
import { tableCases } from './table.js';

const OPS: readonly UnaryOp[] = ['normalize', 'simplify', 'fixate', 'truncate', 'isFixed'];

const caps = fc.oneof(
  { arbitrary: capsStringArb({ quirks: true, uniformLists: true, depth: 2, maxStructures: 4 }), weight: 4 },
  { arbitrary: capsStringArb({ quirks: true, uniformLists: true, depth: 2, maxStructures: 4, wide: true }), weight: 2 },
  { arbitrary: capsStringArb({ quirks: true, depth: 2, maxStructures: 4 }), weight: 1 },
  { arbitrary: capsStringArb({ fixedOnly: true, depth: 3 }), weight: 1 },
);

describeOracle('unary caps operations agree with GStreamer 1.22', () => {
  it.each(OPS)('%s', (op) => {
    const arb = caps.map((a): CapsCase => ({ op, a }));
    const { asked, skipped } = assertSameAsGStreamer(arb, { numRuns: runs(700), inputsParse: true, examples: [...tableCases(op), ...pinnedCases(op)] });
    expect(asked).toBeGreaterThan(skipped);
  });
});
