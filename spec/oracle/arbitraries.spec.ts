/**
 * The caps arbitraries keep their promise, checked against real GStreamer: every string they
 * generate parses, `fixedOnly` strings are fixed, and damaged strings really do break the parser
 * most of the time (otherwise the parse-failure agreement tests would test little).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { type CapsStringConstraints, capsPairArb, capsStringArb, damagedCapsStringArb, structureStringArb } from '../arbitraries/caps.js';
import { describeOracle } from './available.js';
import { gst, oracleHazard } from './gst.js';

const bags: readonly [string, CapsStringConstraints][] = [
  ['defaults', {}],
  ['quirks', { quirks: true }],
  ['deep', { depth: 3, maxStructures: 2 }],
  ['int family only', { kinds: ['int', 'int-range', 'list', 'array'] }],
  ['no features', { withFeatures: false, withAnyEmpty: false }],
  ['wide', { wide: true, quirks: true, depth: 3 }],
  ['enums', { enums: true, quirks: true, kinds: ['opaque', 'list', 'array', 'int'] }],
];

describeOracle('caps arbitraries are valid by construction (GStreamer parses them)', () => {
  it.each(bags)('capsStringArb(%s) always parses', (_name, bag) => {
    fc.assert(fc.property(capsStringArb(bag), (s) => gst.parse(s) !== null), { numRuns: 1000 });
  });

  it('capsPairArb gives pairs that both parse, often equal or overlapping', () => {
    let overlapping = 0;
    fc.assert(
      fc.property(capsPairArb({ quirks: true }), ([a, b]) => {
        if (gst.parse(a) === null || gst.parse(b) === null) return false;
        if (oracleHazard('canIntersect', a, b) === null && gst.canIntersect(a, b)) overlapping++;
        return true;
      }),
      { numRuns: 1000 },
    );
    expect(overlapping).toBeGreaterThan(300);
  });

  it('capsStringArb({ fixedOnly }) is always fixed', () => {
    fc.assert(fc.property(capsStringArb({ fixedOnly: true, depth: 3 }), (s) => gst.isFixed(s)), { numRuns: 1000 });
  });

  it('structureStringArb parses as a structure', () => {
    fc.assert(fc.property(structureStringArb({ quirks: true }), (s) => gst.parseStructure(s) !== null), { numRuns: 500 });
  });

  it('damaged strings mostly fail to parse, and not all of them', () => {
    const sample = fc.sample(damagedCapsStringArb(), 1000);
    const failing = sample.filter((s) => gst.parse(s) === null).length;
    expect(failing).toBeGreaterThan(300);
    expect(failing).toBeLessThan(1000);
  });
});
