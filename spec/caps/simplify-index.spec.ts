/**
 * simplify's index (src/caps/simplify.ts) must replay GStreamer's pair walk exactly: for caps of many
 * structures sharing a name, the indexed simplify prints what the plain walk over every pair prints.
 * spec/oracle/caps-simplify.spec.ts holds both to GStreamer itself; this property runs far more cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';
import { simplifyCaps, simplifyCapsByLoop } from '../../src/caps/simplify.js';
import { sharedNameCapsArb } from '../arbitraries/caps.js';

const both = (s: string): [string, string] => {
  const c = Caps.fromString(s);
  return [Caps.from(simplifyCaps(c)).toString(), Caps.from(simplifyCapsByLoop(c)).toString()];
};

describe('simplify: the index answers as the pair walk', () => {
  it('many structures sharing a name, differing in one field (or two, or in their fields)', () => {
    fc.assert(
      fc.property(sharedNameCapsArb({ minStructures: 8, maxStructures: 80 }), (s) => {
        const [indexed, walked] = both(s);
        expect(indexed).toBe(walked);
      }),
      { numRuns: Number(process.env.SIMPLIFY_RUNS ?? 2_000) },
    );
  });

  it.each([
    // one list grows from the end: each structure joins the one before it
    ['x,a=1,b=1; x,a=2,b=1; x,a=3,b=1; x,a=4,b=1; x,a=5,b=1; x,a=6,b=1; x,a=7,b=1; x,a=8,b=1', 'x, a=(int){ 1, 2, 3, 4, 5, 6, 7, 8 }, b=(int)1'],
    // the range is walked first (it sorts last): 7 joins it, then 6..1 are each taken out of the range
    // (subtraction before union), and the scalars gather into a list
    ['x,a=1; x,a=2; x,a=3; x,a=4; x,a=5; x,a=6; x,a=7; x,a=[2,6]', 'x, a=(int){ 1, 7, 2, 3, 4, 5, 6 }'],
    // nothing merges: every pair differs in two fields
    ['x,a=1,b=1; x,a=2,b=2; x,a=3,b=3; x,a=4,b=4; x,a=5,b=5; x,a=6,b=6; x,a=7,b=7; x,a=8,b=8', 'x, a=(int)1, b=(int)1; x, a=(int)2, b=(int)2; x, a=(int)3, b=(int)3; x, a=(int)4, b=(int)4; x, a=(int)5, b=(int)5; x, a=(int)6, b=(int)6; x, a=(int)7, b=(int)7; x, a=(int)8, b=(int)8'],
    // fewer fields cover more: the structures with b and a=1 or 2 go into the ones without
    ['x,a=1; x,a=2; x,a=1,b=5; x,a=2,b=6; x,a=3,b=7; x,a=1,b=8; x,a=2,b=9; x,a=4,b=1', 'x, a=(int)3, b=(int)7; x, a=(int)4, b=(int)1; x, a=(int){ 1, 2 }'],
  ])('%s (GStreamer 1.22: %s)', (input, expected) => {
    const [indexed, walked] = both(input);
    expect(walked).toBe(expected);
    expect(indexed).toBe(walked);
  });
});
