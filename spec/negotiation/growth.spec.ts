/**
 * Work grows linearly with the pipeline (issue 17): the inner-loop step counter (caps workDone(): queries
 * answered, pads indexed and scanned, structure pairs intersected) is read around negotiate() at three
 * sizes, and the log-log slope from the smallest to the largest must stay at most 1.2. A count, not a
 * clock: a loaded machine cannot fail it. Wall time against length is in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { workDone } from '../../src/caps/index.js';
import { negotiate } from '../../src/negotiation/index.js';

const SIZES = [1_000, 3_000, 10_000] as const;
/** the sweep, 10³…10⁵, for the chain and the tee (about 10 s and 25 s at 10⁵ on a quiet 2-core machine) */
const WIDE = [1_000, 10_000, 100_000] as const;

const SHAPES: Readonly<Record<string, readonly [sizes: readonly number[], make: (n: number) => string]>> = {
  'identity chain': [WIDE, (n) => `videotestsrc ! ${Array<string>(n).fill('identity').join(' ! ')} ! fakesink`],
  // a converter answers each query with real caps work: a decade lower keeps the suite quick
  'videoconvert chain': [[300, 1_000, 3_000], (n) => `videotestsrc ! ${Array<string>(n).fill('videoconvert').join(' ! ')} ! fakesink`],
  'tee width': [WIDE, (n) => `videotestsrc ! tee name=t ${Array<string>(n).fill('t. ! queue ! fakesink').join(' ')}`],
  'funnel width': [SIZES, (n) => `funnel name=f ! fakesink ${Array<string>(n).fill('videotestsrc ! f.').join(' ')}`],
};

/** log-log slope of work against size, first to last */
export function slope(points: readonly (readonly [number, number])[]): number {
  const [n0, w0] = points[0]!;
  const [n1, w1] = points[points.length - 1]!;
  return Math.log(w1 / w0) / Math.log(n1 / n0);
}

describe('negotiation work grows linearly with the pipeline', () => {
  it.each(Object.keys(SHAPES))('%s', (shape) => {
    const [sizes, make] = SHAPES[shape]!;
    const points: [number, number][] = [];
    for (const n of sizes) {
      const before = workDone();
      const r = negotiate(make(n));
      points.push([n, workDone() - before]);
      expect(r.error).toBeNull();
    }
    expect(points.every(([, w]) => w > 0)).toBe(true);
    expect(slope(points), JSON.stringify(points)).toBeLessThanOrEqual(1.2);
  });
});
