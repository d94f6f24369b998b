/**
 * The value algebra, differentially: caps of one to four `x` structures whose one or two fields
 * are drawn from a dense universe of the values where 1.22's quirks live — stepped and negative
 * int ranges (C truncation, the step subset bug, the union sign-extension bug), ranges at
 * INT_MIN/INT_MAX (neighbour removal), touching double ranges (`(double)0`), fraction ranges,
 * flagsets, int64 scalars and ranges, lists of one kind. simplify and subtract run value
 * subtraction and union on them, intersect/isSubset/merge run intersection, compare and subset.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeOracle } from './available.js';
import type { CapsCase } from './cases.js';
import { assertSameAsGStreamer, runs } from './differential.js';

const step = fc.constantFrom(1, 1, 1, 2, 3, 4);
const int = fc.oneof(fc.integer({ min: -6, max: 24 }).map(String), fc.constantFrom('2147483647', '-2147483648', '2147483646'));
const range = fc.oneof(
  fc
    .tuple(fc.integer({ min: -3, max: 6 }), fc.integer({ min: 1, max: 6 }), step)
    .map(([a, len, s]) => (s === 1 ? `[${a},${a + len}]` : `[${a * s},${(a + len) * s},${s}]`)),
  fc.constantFrom('[min,max]', '[2147483640,max]', '[min,-2147483640]'),
);
const uniformList = <T extends string>(arb: fc.Arbitrary<T>): fc.Arbitrary<string> =>
  fc.array(arb, { minLength: 1, maxLength: 3 }).map((xs) => `{${xs.join(',')}}`);
const fraction = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom(1, 2, 3)).map(([n, d]) => `${n}/${d}`);
const fractionRange = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 })).map(([a, l]) => `[${a}/2,${a + l}/2]`);
const double = fc.integer({ min: 0, max: 8 }).map((n) => (n / 2).toFixed(1));
const doubleRange = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([a, l]) => `[${(a / 2).toFixed(1)},${((a + l) / 2).toFixed(1)}]`);
const flagset = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })).map(([f, m]) => `(flagset)${(f & m).toString(16)}:${m.toString(16)}`);
const int64 = fc.oneof(
  fc.integer({ min: -3, max: 9 }).map((n) => `(gint64)${n}`),
  fc.tuple(fc.integer({ min: -3, max: 6 }), fc.integer({ min: 1, max: 6 }), step).map(([a, l, s]) => `(gint64)[${a * s},${(a + l) * s},${s}]`),
);
const string = fc.constantFrom('I420', 'NV12', 'YUY2');

const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(int, range, uniformList(int), uniformList(range)) },
  { weight: 1, arbitrary: fc.oneof(fraction, fractionRange, uniformList(fraction)) },
  { weight: 1, arbitrary: fc.oneof(double, doubleRange) },
  { weight: 1, arbitrary: flagset },
  { weight: 1, arbitrary: int64 },
  { weight: 1, arbitrary: fc.oneof(string, uniformList(string)) },
);
const structure = fc.tuple(value, fc.option(value, { nil: undefined })).map(([a, b]) => (b === undefined ? `x,a=${a}` : `x,a=${a},b=${b}`));
const caps = fc.array(structure, { minLength: 1, maxLength: 4 }).map((xs) => xs.join(';'));

/**
 * 1.22 aborts when a subtraction inside a list removes an INT_MAX/INT_MIN endpoint and leaves
 * nothing (it returns TRUE with an unset value); spec/caps/algebra.spec.ts pins capsflow's answer.
 * The shared hazard filter does not know this one yet, so subtracting ops keep limits out of lists.
 */
const LIMIT_IN_LIST_HAZARD = (op: string, texts: readonly string[]): boolean =>
  (op === 'subtract' || op === 'simplify') && texts.some((t) => t.includes('{')) && texts.some((t) => /max|min|214748364[678]/.test(t));

/**
 * simplify's union concatenates a scalar with a range of the same family when 1.22 has no union
 * rule for them (int64, fraction, double); the mixed-type list it builds then crashes 1.22's own
 * list comparison later in the same simplify. Keep those families apart for simplify/subtract.
 */
const CONCAT_HAZARD = (op: string, texts: readonly string[]): boolean => {
  if (op !== 'subtract' && op !== 'simplify') return false;
  const t = texts.join(';');
  const both = (scalar: RegExp, range: RegExp): boolean => scalar.test(t) && range.test(t);
  return (
    both(/\(gint64\)-?\d/, /\(gint64\)\[/) || both(/[={]\d+\/\d+/, /=\[\d+\/\d/) || both(/=\d+\.\d/, /=\[\d+\.\d/)
  );
};
const hazard = (op: string, texts: readonly string[]): boolean => LIMIT_IN_LIST_HAZARD(op, texts) || CONCAT_HAZARD(op, texts);

const UNARY = ['simplify', 'normalize', 'fixate'] as const;
const BINARY = ['subtract', 'intersect', 'intersectFirst', 'isSubset', 'isEqual', 'canIntersect', 'merge'] as const;

describeOracle('value algebra on quirk-dense values agrees with GStreamer 1.22', () => {
  it.each(UNARY)('%s', (op) => {
    const arb = caps.filter((a) => !hazard(op, [a])).map((a): CapsCase => ({ op, a }));
    const { asked, skipped } = assertSameAsGStreamer(arb, { numRuns: runs(300), inputsParse: true });
    expect(asked).toBeGreaterThan(skipped);
  });

  it.each(BINARY)('%s', (op) => {
    const arb = fc
      .tuple(caps, caps)
      .filter(([a, b]) => !hazard(op, [a, b]))
      .map(([a, b]): CapsCase => ({ op, a, b }));
    const { asked, skipped } = assertSameAsGStreamer(arb, { numRuns: runs(300), inputsParse: true });
    expect(asked).toBeGreaterThan(skipped);
  });
});
