/**
 * Parse → print, differentially: for generated caps strings (all value kinds and spellings) and for
 * damaged ones, capsflow's `Caps.parse(s)` then `toString()` must equal
 * gst_caps_to_string(gst_caps_from_string(s)) character for character, and both must refuse the
 * same strings.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ENUM_TEXTS, capsStringArb, damagedCapsStringArb } from '../arbitraries/caps.js';
import { Caps } from '../../src/index.js';
import { describeOracle } from './available.js';
import type { CapsCase } from './cases.js';
import { assertSameAsGStreamer, pinnedCases, runs } from './differential.js';
import { gst } from './gst.js';
import { tableCases } from './table.js';

const parseCase = (a: string): CapsCase => ({ op: 'parse', a });

describeOracle('parse and print agree with GStreamer 1.22', () => {
  it('valid caps strings print identically', () => {
    const arb = fc.oneof(
      capsStringArb({ quirks: true, depth: 3 }),
      capsStringArb({ maxStructures: 4, maxFields: 5 }),
      capsStringArb({ wide: true, quirks: true, depth: 2 }),
    );
    const { asked } = assertSameAsGStreamer(arb.map(parseCase), { numRuns: runs(2500), inputsParse: true });
    expect(asked).toBeGreaterThan(runs(2500) / 2);
  });

  it('damaged caps strings fail (or parse) exactly when GStreamer says so', () => {
    const damaged = fc.oneof(damagedCapsStringArb(), damagedCapsStringArb({ wide: true }));
    assertSameAsGStreamer(damaged.map(parseCase), { numRuns: runs(2500), examples: [...tableCases('parse'), ...pinnedCases('parse')] });
  });

  it('random printable strings: both refuse the same ones', () => {
    const noise = fc.string({ unit: fc.constantFrom(...'xa=,;(){}[]<>"\\ 1/.:-+_ANYEMPTYtru\t'.split('')), maxLength: 24 });
    assertSameAsGStreamer(noise.map(parseCase), { numRuns: runs(1000) });
  });

  it('values of registered enum and flags types (GstFormat, GstSeekFlags, …) parse and print as GStreamer does', () => {
    const arb = fc.oneof(
      fc.constantFrom(...ENUM_TEXTS).map((v) => `x,a=${v}`),
      capsStringArb({ quirks: true, enums: true, kinds: ['opaque', 'list', 'array'], withAnyEmpty: false }),
    );
    assertSameAsGStreamer(arb.map(parseCase), { numRuns: runs(200), inputsParse: true });
  });

  it('ANY caps versus a structure named ANY', () => {
    const arb = fc.oneof(fc.constantFrom('ANY', ' ANY', 'ANY ', 'any', 'ANY;', 'EMPTY', 'NONE', ''), capsStringArb());
    assertSameAsGStreamer(arb.map((a): CapsCase => ({ op: 'isAny', a })), { numRuns: runs(200) });
  });

  const nested = (depth: number): CapsCase[] => [
    parseCase(`x,a=${'{'.repeat(depth)}1${'}'.repeat(depth)}`),
    parseCase(`x,a=${'<'.repeat(depth)}1,2${'>'.repeat(depth)}`),
    parseCase(`x,a=${'{<'.repeat(Math.max(1, depth / 2))}1${'>}'.repeat(Math.max(1, depth / 2))}`),
    parseCase(`x,a=${'{'.repeat(depth)}${'}'.repeat(depth)}`),
    parseCase(`x,a=${'{'.repeat(depth)}1${'}'.repeat(depth - 1)}`), // unbalanced: both must refuse
    // nested structures recurse through the structure parser at each level
    parseCase(`x,a=${'[s,a='.repeat(depth)}1${']'.repeat(depth)}`),
  ];

  it.each([1, 2, 3, 10, 100, 250])('lists, arrays and structures nested %i deep print identically', (depth) => {
    const cases = nested(depth);
    assertSameAsGStreamer(fc.constantFrom(...cases), { numRuns: cases.length * 3 });
  });

  // GStreamer recurses per level (about 30,000 levels overflow its stack); capsflow may refuse very
  // deep nesting, but only with a positioned `nesting-too-deep` issue, never a crash or another answer
  it.each([1000, 2000])('nested %i deep: GStreamer parses, capsflow agrees or refuses with nesting-too-deep', (depth) => {
    for (const c of nested(depth).slice(0, 4)) {
      const want = gst.parse(c.a);
      expect(want).not.toBeNull();
      const r = Caps.parse(c.a);
      if (r.ok) expect(r.caps.toString()).toBe(want);
      else expect(r.issues.map((i) => i.code)).toContain('nesting-too-deep');
    }
  });
});
