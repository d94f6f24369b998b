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
