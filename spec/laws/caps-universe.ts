/**
 * A caps universe restricted to where GStreamer 1.22 itself satisfies the lattice laws of
 * spec/laws/lattice.ts (each restriction is a 1.22 quirk that would otherwise break one):
 * - no NaN (never equal to itself), no empty lists (`x,a={} ∩ x,a={}` is EMPTY);
 * - double ranges never just touch (`[0.5,2] ∩ [2,2.5]` is `(double)0`, a value outside both);
 * - int ranges with step 1 only (the step-divisibility subset bug makes `[0,20,2] ⊆ [0,20,4]`);
 * - lists hold unique scalars of one type and never share a field with ranges (a range is a subset
 *   of a list only if it equals one element, so `[2,3] ⊆ {1,2,3}` is false while the
 *   intersection gives back `[2,3]`'s values);
 * - no flagsets (`0:1 ⊆ 2:2` holds but their intersection is `2:3`), no arrays (`<1> ⊆ <[1,2]>` is
 *   false, so fixate would not stay a subset), no int64 ranges (fixate leaves them as they are).
 * spec/oracle/caps-laws.spec.ts checks that GStreamer satisfies the laws on this universe.
 * @internal
 */
import fc from 'fast-check';
import { ANY_CAPS, EMPTY_CAPS, double, doubleRange, fraction, fractionRange, int, intRange, list, string } from '../../src/caps/value.js';
import type { CapsData, CapsEntry, CapsFeatures, Field, Value } from '../../src/caps/types.js';

const uniqueList = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string): fc.Arbitrary<T[]> =>
  fc.uniqueArray(arb, { minLength: 1, maxLength: 3, selector: key });

/** enumerated ints: a scalar or a list of them */
const enumInt: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: 0, max: 4 }).map(int),
  uniqueList(fc.integer({ min: 0, max: 4 }), String).map((xs) => list(xs.map(int))),
);
const enumString: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom('I420', 'NV12', 'YUY2').map(string),
  uniqueList(fc.constantFrom('I420', 'NV12', 'YUY2'), (s) => s).map((xs) => list(xs.map(string))),
);
const ordered = (max: number): fc.Arbitrary<[number, number]> =>
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).filter(([x, y]) => x !== y).map(([x, y]) => (x < y ? [x, y] : [y, x]));
/** an interval family: scalars and ranges, never lists */
const intervalInt: fc.Arbitrary<Value> = fc.oneof(fc.integer({ min: 0, max: 10 }).map(int), ordered(10).map(([x, y]) => intRange(x, y)));
const intervalFraction: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: 0, max: 8 }).map((n) => fraction(n, 2)),
  ordered(8).map(([x, y]) => fractionRange(fraction(x, 2), fraction(y, 2))),
);
/** double ranges start on whole numbers and end on halves, so two of them never just touch (→ `(double)0`) */
const intervalDouble: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: 0, max: 8 }).map((n) => double(n / 2)),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([x, y]) => doubleRange(Math.min(x, y), Math.max(x, y) + 0.5)),
);

const FIELDS: readonly (readonly [string, fc.Arbitrary<Value>])[] = [
  ['format', enumString],
  ['a', enumInt],
  ['width', intervalInt],
  ['framerate', intervalFraction],
  ['rate', intervalDouble],
];

const fieldsArb: fc.Arbitrary<Field[]> = fc
  .subarray(FIELDS.map((_, i) => i), { maxLength: 3 })
  .chain((idx) => fc.tuple(...idx.map((i) => FIELDS[i]![1].map((value): Field => ({ name: FIELDS[i]![0], value })))));

export const DMABUF_FEATURES: CapsFeatures = { any: false, names: ['memory:DMABuf'] };
export const ANY_FEATURES: CapsFeatures = { any: true, names: [] };
const featuresArb: fc.Arbitrary<CapsFeatures | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constant(DMABUF_FEATURES) },
  { weight: 1, arbitrary: fc.constant(ANY_FEATURES) },
);

const entryArb: fc.Arbitrary<CapsEntry> = fc.record({
  structure: fc.record({ name: fc.constantFrom('video/x-raw', 'audio/x-raw'), fields: fieldsArb }),
  features: featuresArb,
});

/** non-empty, non-ANY caps of 1–3 structures */
export const plainCapsArb: fc.Arbitrary<CapsData> = fc.array(entryArb, { minLength: 1, maxLength: 3 }).map((entries) => ({ any: false, entries }));
/** plainCapsArb plus ANY and EMPTY */
export const capsArb: fc.Arbitrary<CapsData> = fc.oneof(
  { weight: 10, arbitrary: plainCapsArb },
  { weight: 1, arbitrary: fc.constant(ANY_CAPS) },
  { weight: 1, arbitrary: fc.constant(EMPTY_CAPS) },
);

/** (a, b) where b is often a loosened or tightened copy of a, so both answers of isSubset occur */
export const pairArb: fc.Arbitrary<readonly [CapsData, CapsData]> = fc.oneof(
  fc.tuple(capsArb, capsArb),
  fc.tuple(plainCapsArb, plainCapsArb).map(([a, extra]): readonly [CapsData, CapsData] => [a, { any: false, entries: [...extra.entries, ...a.entries] }]),
  fc.tuple(plainCapsArb, fc.nat()).map(([a, n]): readonly [CapsData, CapsData] => {
    // b drops one field of each structure of a: a superset unless features get in the way
    const entries = a.entries.map((e) => ({ ...e, structure: { ...e.structure, fields: e.structure.fields.filter((_, i) => i !== n % 3) } }));
    return [a, { any: false, entries }];
  }),
);
