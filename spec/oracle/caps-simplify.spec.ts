/**
 * simplify of many structures sharing a name and differing in one field (or two, or in their field
 * names), differentially: where the order of gst_caps_simplify's merges decides the answer, capsflow's
 * indexed simplify (src/caps/simplify.ts) prints exactly what GStreamer 1.22 prints. Runs of 8 or more
 * structures go through the index; the generator keeps most runs that long.
 */
import { expect, it } from 'vitest';
import { sharedNameCapsArb } from '../arbitraries/caps.js';
import { describeOracle } from './available.js';
import type { CapsCase } from './cases.js';
import { assertSameAsGStreamer, runs } from './differential.js';

const ROWS: readonly string[] = [
  // one list grows from the end
  Array.from({ length: 12 }, (_, i) => `x,a=${i},b=1`).join(';'),
  // the range sorts last and is walked first; the scalars are taken out of it, then gather
  `${Array.from({ length: 9 }, (_, i) => `x,a=${i}`).join(';')};x,a=[2,6]`,
  // lists of one field meet scalars of another
  Array.from({ length: 10 }, (_, i) => `x,a=${i % 3},b=${['foo', 'bar', '{foo,bar}'][i % 3]}`).join(';'),
  // fewer fields cover more
  `x,a=1;x,a=2;${Array.from({ length: 10 }, (_, i) => `x,a=${i % 4},b=${i}`).join(';')}`,
  // two names and two features, interleaved by the sort
  Array.from({ length: 16 }, (_, i) => `${['x', 'x(memory:GLMemory)', 'y'][i % 3]},a=${i % 5},c=${['1/2', '30/1'][i % 2]}`).join(';'),
];

describeOracle('simplify of many structures agrees with GStreamer 1.22', () => {
  it('generated caps where the merge order matters', () => {
    const arb = sharedNameCapsArb({ minStructures: 8, maxStructures: 40 }).map((a): CapsCase => ({ op: 'simplify', a }));
    const examples = ROWS.map((a): CapsCase => ({ op: 'simplify', a }));
    const { asked, skipped } = assertSameAsGStreamer(arb, { numRuns: runs(400), inputsParse: true, examples });
    expect(asked).toBeGreaterThan(skipped);
  });
});
