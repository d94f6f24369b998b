/**
 * Pinned differential answers, replayed through capsflow WITHOUT GStreamer, so machines with no
 * oracle are guarded too: fixtures/caps/regressions.json (counterexamples the differential specs
 * in spec/oracle/ found, with GStreamer 1.22's answer recorded from the oracle) and the verified
 * table of caps-semantics.md §14 (fixtures/caps/semantics-table.json).
 */
import { describe, expect, it } from 'vitest';
import regressions from '../../fixtures/caps/regressions.json' with { type: 'json' };
import { type Regression, capsflowAnswer, describeCase } from '../oracle/cases.js';
import { TABLE } from '../oracle/table.js';

const cases = (regressions as { cases: Regression[] }).cases;

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
