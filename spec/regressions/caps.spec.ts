/**
 * Pinned differential answers, replayed through capsflow WITHOUT GStreamer, so machines with no
 * oracle are guarded too: fixtures/caps/regressions.json (counterexamples the differential specs
 * in spec/oracle/ found, with GStreamer 1.22's answer recorded from the oracle) and the verified
 * table of caps-semantics.md §14 (fixtures/caps/semantics-table.json).
 *
 * Each case is asked once cold and then again in many rounds: V8 may canonicalise a NaN's sign
 * once code is optimised, so `-nan` survived cold runs and became `nan` after ~25 rounds.
 */
import { describe, expect, it } from 'vitest';
import regressions from '../../fixtures/caps/regressions.json' with { type: 'json' };
import { type Regression, capsflowAnswer, describeCase } from '../oracle/cases.js';
import { TABLE } from '../oracle/table.js';

const cases = (regressions as { cases: Regression[] }).cases;
const WARM_ROUNDS = 200;

describe('caps regressions pinned from the GStreamer 1.22 oracle', () => {
  it('has pinned cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [describeCase(c), c] as const))('%s', (_title, c) => {
    expect(capsflowAnswer(c)).toEqual(c.expected);
  });
});

describe('caps-semantics.md §14, the verified 1.22 table', () => {
  it.each(TABLE.map((r) => [r.n, describeCase(r), r] as const))('row %i: %s', (_n, _title, r) => {
    expect(capsflowAnswer(r)).toEqual(r.expected);
  });
});

describe('the same answers once the engine is JIT-optimised', () => {
  it(`all pinned cases and table rows, ${WARM_ROUNDS} rounds`, () => {
    const all: readonly Regression[] = [...cases, ...TABLE];
    const wrong = new Map<string, { round: number; got: unknown; expected: unknown }>();
    for (let round = 0; round < WARM_ROUNDS; round++) {
      for (const c of all) {
        const got = capsflowAnswer(c);
        const key = describeCase(c);
        if (!wrong.has(key) && JSON.stringify(got) !== JSON.stringify(c.expected)) wrong.set(key, { round, got, expected: c.expected });
      }
    }
    const lines = [...wrong].map(([k, w]) => `${k} (round ${w.round})\n  GStreamer 1.22: ${JSON.stringify(w.expected)}\n  capsflow:       ${JSON.stringify(w.got)}`);
    expect(lines, lines.join('\n')).toEqual([]);
  });
});
