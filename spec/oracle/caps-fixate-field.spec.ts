/**
 * The structure fixation helpers, differentially: gst_structure_fixate_field_nearest_int,
 * _nearest_double, _nearest_fraction, _string, _boolean and gst_structure_fixate_field against
 * capsflow's fixateField* helpers, on generated structures, fields and targets. The answer is
 * the helper's gboolean plus the structure afterwards, printed as caps.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { structureStringArb } from '../arbitraries/caps.js';
import { describeOracle } from './available.js';
import type { CapsCase, FixateHow } from './cases.js';
import { assertSameAsGStreamer, runs } from './differential.js';

const FIELDS = ['width', 'height', 'format', 'framerate', 'rate', 'a', 'b', 's', 'z', 'missing'];

const howArb: fc.Arbitrary<FixateHow> = fc.oneof(
  fc.record({
    helper: fc.constant('nearestInt' as const),
    target: fc.oneof(fc.integer({ min: -25, max: 40 }), fc.constantFrom(640, 1080, 1920, 4096, 2147483647, -2147483648)),
  }),
  fc.record({
    helper: fc.constant('nearestDouble' as const),
    target: fc.oneof(fc.constantFrom(0, 0.5, 1, 1.25, 1.5, 2, 2.5, 3, 5, 30, -1, 1e100, 0.1), fc.double({ min: -100, max: 100, noNaN: true })),
  }),
  fc.record({
    helper: fc.constant('nearestFraction' as const),
    num: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(30000, 2147483647)),
    den: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1001, 2147483647)),
  }),
  fc.record({ helper: fc.constant('string' as const), target: fc.constantFrom('I420', 'NV12', 'RGB', 'YUY2', 'hello world', '', 'é') }),
  fc.record({ helper: fc.constant('boolean' as const), target: fc.boolean() }),
  fc.record({ helper: fc.constant('field' as const) }),
);

const EXAMPLES: CapsCase[] = [
  { op: 'fixateField', a: 'x,a=[0,20,4]', field: 'a', how: { helper: 'nearestInt', target: 6 } },
  { op: 'fixateField', a: 'x,a=[-20,20,4]', field: 'a', how: { helper: 'nearestInt', target: -7 } },
  { op: 'fixateField', a: 'x,a={9,5,1}', field: 'a', how: { helper: 'nearestInt', target: 3 } },
  { op: 'fixateField', a: 'x,a={[1,3],9}', field: 'a', how: { helper: 'nearestInt', target: 2 } },
  { op: 'fixateField', a: 'x,a=[1/1,60/1]', field: 'a', how: { helper: 'nearestFraction', num: 60, den: 2 } },
  { op: 'fixateField', a: 'x,a={30/1,30000/1001}', field: 'a', how: { helper: 'nearestFraction', num: 30, den: 1 } },
  { op: 'fixateField', a: 'x,a={1.0,2.0,3.0}', field: 'a', how: { helper: 'nearestDouble', target: 1.5 } },
  { op: 'fixateField', a: 'x,a={I420,NV12,YUY2}', field: 'a', how: { helper: 'string', target: 'RGB' } },
  { op: 'fixateField', a: 'x,a={true,true}', field: 'a', how: { helper: 'boolean', target: false } },
  { op: 'fixateField', a: 'x,a=5', field: 'a', how: { helper: 'field' } },
];

describeOracle('structure fixation helpers agree with GStreamer 1.22', () => {
  it('fixateField* on generated structures', () => {
    const arb = fc
      .tuple(
        fc.oneof(structureStringArb({ quirks: true, uniformLists: true, depth: 2, maxFields: 4 }), structureStringArb({ wide: true, uniformLists: true, maxFields: 4 })),
        fc.constantFrom(...FIELDS),
        howArb,
      )
      .map(([a, field, how]): CapsCase => ({ op: 'fixateField', a, field, how }));
    const { asked } = assertSameAsGStreamer(arb, { numRuns: runs(2500), examples: EXAMPLES });
    expect(asked).toBeGreaterThan(runs(2500) / 2);
  });
});
