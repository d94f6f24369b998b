// The arena's free list (which ranges of a chunk are handed out) against a model: the set of ranges
// taken. After every step: taken ranges are disjoint and inside the chunk, the free list is sorted
// and coalesced, free + used = size, and take fails only when no free range is long enough.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeList } from '../../src/memory/arena.js';

function check(list: FreeList, taken: Map<number, number>): void {
  const { starts, ends, size } = list;
  let free = 0;
  for (let i = 0; i < starts.length; i++) {
    expect(starts[i]!, 'a free range is not empty').toBeLessThan(ends[i]!);
    if (i > 0) expect(starts[i]!, 'sorted and coalesced').toBeGreaterThan(ends[i - 1]!);
    free += ends[i]! - starts[i]!;
  }
  let used = 0;
  const ranges = [...taken].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < ranges.length; i++) {
    const [at, length] = ranges[i]!;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at + length).toBeLessThanOrEqual(size);
    if (i > 0) expect(at, 'taken ranges never overlap').toBeGreaterThanOrEqual(ranges[i - 1]![0] + ranges[i - 1]![1]);
    // and no taken byte is free
    for (let j = 0; j < starts.length; j++) expect(at + length <= starts[j]! || at >= ends[j]!).toBe(true);
    used += length;
  }
  expect(list.used).toBe(used);
  expect(free + used).toBe(size);
}

describe('arena free list', () => {
  it('take / give sequences keep ranges disjoint, coalesced and fully accounted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.oneof(fc.record({ take: fc.integer({ min: 1, max: 20 }) }), fc.record({ give: fc.nat(100) })), { maxLength: 200 }),
        (size, steps) => {
          const list = new FreeList(size);
          const taken = new Map<number, number>();
          for (const step of steps) {
            if ('take' in step) {
              const at = list.take(step.take);
              const longest = Math.max(0, ...list.starts.map((s, i) => list.ends[i]! - s));
              if (at < 0) expect(longest, 'take failed although a range was long enough').toBeLessThan(step.take);
              else taken.set(at, step.take);
            } else if (taken.size > 0) {
              const [at, length] = [...taken][step.give % taken.size]!;
              taken.delete(at);
              list.give(at, length);
            }
            check(list, taken);
          }
        },
      ),
    );
  });

  it('next-fit: a freed range comes round again only after the rest of the chunk', () => {
    const list = new FreeList(10);
    const seen: number[] = [];
    for (let i = 0; i < 25; i++) {
      const at = list.take(1);
      seen.push(at);
      list.give(at, 1);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4]);
  });
});
