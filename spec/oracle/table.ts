/**
 * The verified GStreamer 1.22 table of caps-semantics.md §14 (fixtures/caps/semantics-table.json)
 * as differential questions, used as fast-check `examples` and replayed without the oracle.
 */
import table from '../../fixtures/caps/semantics-table.json' with { type: 'json' };
import type { Answer, BinaryOp, CapsCase, Regression, UnaryOp } from './cases.js';

interface Row {
  readonly n: number;
  readonly op: string;
  readonly a: string;
  readonly b?: string;
  readonly expected: string | boolean | null;
}

const OPS: Record<string, BinaryOp | UnaryOp> = {
  parse: 'parse',
  intersect: 'intersect',
  intersect_first: 'intersectFirst',
  can_intersect: 'canIntersect',
  is_subset: 'isSubset',
  is_equal: 'isEqual',
  is_strictly_equal: 'isStrictlyEqual',
  is_fixed: 'isFixed',
  subtract: 'subtract',
  merge: 'merge',
  append: 'append',
  normalize: 'normalize',
  simplify: 'simplify',
  fixate: 'fixate',
  truncate: 'truncate',
};

/** Every §14 row as a question with GStreamer's recorded answer. */
export const TABLE: readonly (Regression & { readonly n: number })[] = (table as Row[]).map((r) => {
  const op = OPS[r.op];
  if (op === undefined) throw new Error(`semantics-table row ${r.n}: unknown op ${r.op}`);
  const expected: Answer = r.expected;
  const c = (r.b === undefined ? { op, a: r.a } : { op, a: r.a, b: r.b }) as CapsCase;
  return { ...c, expected, n: r.n };
});

/** The §14 questions for one op (fast-check examples). */
export function tableCases(op: CapsCase['op']): CapsCase[] {
  return TABLE.filter((r) => r.op === op).map((r): CapsCase => ('b' in r ? { op: r.op, a: r.a, b: r.b } : { op: r.op, a: r.a }) as CapsCase);
}
