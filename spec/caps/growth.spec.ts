/**
 * Caps work grows linearly with the number of features in a structure (issue 17: 32,000 features took
 * 20.9 s, 100,000 took 8.4 min). The inner-loop step counter (workDone) is read around parse and every
 * operation at 10^3, 10^4 and 10^5 features; the log-log slope must stay at most 1.2. A count, not a clock.
 */
import { describe, expect, it } from 'vitest';
import { Caps, workDone } from '../../src/caps/index.js';

/** distinct valid feature names: memory:F + base-26 letters */
const feature = (i: number): string => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  } while (i > 0);
  return `memory:F${s}`;
};

const features = (n: number, reversed = false): string =>
  Array.from({ length: n }, (_, i) => feature(reversed ? n - 1 - i : i)).join(', ');

const OPERATIONS: Readonly<Record<string, (a: Caps, b: Caps) => unknown>> = {
  parse: () => undefined,
  print: (a) => a.toString(),
  intersect: (a, b) => a.intersect(b),
  subset: (a, b) => a.isSubset(b),
  equal: (a, b) => a.isEqual(b),
  subtract: (a, b) => a.subtract(b),
  merge: (a, b) => a.merge(b),
  simplify: (a, b) => a.append(b).simplify(),
};

describe('caps features: work linear in the number of features', () => {
  it.each(Object.keys(OPERATIONS))('%s', (op) => {
    const points: [number, number][] = [];
    for (const n of [1_000, 10_000, 100_000]) {
      const before = workDone();
      // the same set in the opposite order: equality must not depend on a positional match
      const a = Caps.fromString(`video/x-raw(${features(n)}), width=(int)1`);
      const b = Caps.fromString(`video/x-raw(${features(n, true)}), width=(int)[ 1, 2 ]`);
      expect(a.features(0)?.names).toHaveLength(n);
      OPERATIONS[op]!(a, b);
      points.push([n, workDone() - before]);
    }
    const slope = Math.log(points[2]![1] / points[0]![1]) / Math.log(100);
    expect(slope, JSON.stringify(points)).toBeLessThanOrEqual(1.2);
  });

  it('answers stay GStreamer\'s: the same set in any order is equal, and intersect keeps the first order', () => {
    const a = Caps.fromString(`video/x-raw(${features(2_000)}), width=(int)1`);
    const b = Caps.fromString(`video/x-raw(${features(2_000, true)}), width=(int)[ 1, 2 ]`);
    expect(a.isEqual(b)).toBe(false);
    expect(a.isSubset(b)).toBe(true);
    expect(a.intersect(b).toString()).toBe(a.toString());
    const c = Caps.fromString(`video/x-raw(${features(2_000)}, ${features(2_000)}), width=(int)1`);
    expect(c.toString()).toBe(a.toString());
  });
});

/**
 * simplify of n structures (issue 17: 3,000 took 25 s; GStreamer's own walk tries every pair of a run).
 * The pairs tried, the index's filings and the candidates it passes over are counted at 10^3, 10^4 and
 * 10^5 structures of one name; the log-log slope must stay at most 1.2. Answers stay GStreamer's:
 * spec/oracle/caps-simplify.spec.ts and spec/caps/simplify-index.spec.ts.
 */
const SIMPLIFY_SHAPES: Readonly<Record<string, { make: (i: number) => string; left: (n: number) => number }>> = {
  // nothing merges: every pair differs in two fields
  'two fields differ': { make: (i) => `x, a=(int)${i}, b=(int)${i}`, left: (n) => n },
  // one field differs within blocks of 10: each block becomes one structure with a list (blocks differ in two fields)
  'one field differs (blocks of 10)': { make: (i) => `x, a=(int)${i % 10}, b=(int)${Math.floor(i / 10)}, c=(int)${Math.floor(i / 10)}`, left: (n) => n / 10 },
  // touching ranges: all join one range, each union with the one before
  'touching ranges': { make: (i) => `x, a=(int)[ ${2 * i}, ${2 * i + 1} ], b=(int)1`, left: () => 1 },
  // formats with their own width range: template-like, nothing merges
  'formats and ranges': { make: (i) => `video/x-raw, format=(string)F${i}, width=(int)[ 1, ${i + 2} ], height=(int)[ 1, 100 ]`, left: (n) => n },
  // fewer fields cover more: 100 one-field structures gather into a list that takes every other one out
  'covered by fewer fields': { make: (i) => (i < 100 ? `x, a=(int)${i}` : `x, a=(int)${i % 100}, b=(int)${i}`), left: () => 1 },
};

describe('simplify: work grows linearly with the number of structures', () => {
  it.each(Object.keys(SIMPLIFY_SHAPES))('%s', (shape) => {
    const { make, left } = SIMPLIFY_SHAPES[shape]!;
    const points: [number, number][] = [];
    for (const n of [1_000, 10_000, 100_000]) {
      const caps = Caps.fromString(Array.from({ length: n }, (_, i) => make(i)).join('; '));
      const before = workDone();
      const simple = caps.simplify();
      points.push([n, workDone() - before]);
      expect(simple.size).toBe(left(n));
    }
    const slope = Math.log(points[2]![1] / points[0]![1]) / Math.log(100);
    expect(slope, JSON.stringify(points)).toBeLessThanOrEqual(1.2);
  });
});
