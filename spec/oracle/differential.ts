/**
 * The differential harness: ask GStreamer and capsflow the same question, demand the same answer.
 *
 * `assertSameAsGStreamer(arb)` runs a fast-check property (global seed from spec/setup.ts) over
 * generated questions. Questions that would abort, crash or hang GStreamer itself are skipped
 * with `fc.pre` (see `oracleHazard` in gst.ts). On a failure the shrunk counterexample is
 * printed as a ready-to-pin regression entry with GStreamer's answer; with
 * CAPSFLOW_RECORD_REGRESSIONS=1 it is also appended to fixtures/caps/regressions.json, which
 * spec/regressions/caps.spec.ts replays without GStreamer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { type Answer, type CapsCase, type Regression, capsflowAnswer, describeCase } from './cases.js';
import { type CapsOp, fixateFieldHazard, gst, oracleHazard } from './gst.js';
import { minimizeDisagreement } from './minimize.js';

export const REGRESSIONS_PATH = new URL('../../fixtures/caps/regressions.json', import.meta.url);

/** GStreamer's answer (the caller has checked `caseHazard` first). */
export function oracleAnswer(c: CapsCase): Answer {
  switch (c.op) {
    case 'parse': return gst.parse(c.a);
    case 'isAny': return gst.isAny(c.a);
    case 'normalize': return gst.normalize(c.a);
    case 'simplify': return gst.simplify(c.a);
    case 'fixate': return gst.fixate(c.a);
    case 'truncate': return gst.truncate(c.a);
    case 'isFixed': return gst.isFixed(c.a);
    case 'fixateField': {
      const r = gst.fixateField(c.a, c.field, c.how);
      return { changed: r.changed, caps: r.caps };
    }
    case 'intersectSelf': return gst.selfOp('intersect', c.a);
    case 'canIntersectSelf': return gst.selfOp('canIntersect', c.a);
    case 'isSubsetSelf': return gst.selfOp('isSubset', c.a);
    case 'isEqualSelf': return gst.selfOp('isEqual', c.a);
    case 'isStrictlyEqualSelf': return gst.selfOp('isStrictlyEqual', c.a);
    case 'subtractSelf': return gst.selfOp('subtract', c.a);
    case 'intersect': return gst.intersect(c.a, c.b, 'zigzag');
    case 'intersectFirst': return gst.intersect(c.a, c.b, 'first');
    case 'canIntersect': return gst.canIntersect(c.a, c.b);
    case 'isSubset': return gst.isSubset(c.a, c.b);
    case 'isEqual': return gst.isEqual(c.a, c.b);
    case 'isStrictlyEqual': return gst.isStrictlyEqual(c.a, c.b);
    case 'subtract': return gst.subtract(c.a, c.b);
    case 'merge': return gst.merge(c.a, c.b);
    case 'append': return gst.append(c.a, c.b);
  }
}

/** Why GStreamer cannot be asked this (it would abort, crash or hang), or null. */
export function caseHazard(c: CapsCase): string | null {
  switch (c.op) {
    case 'fixateField': return fixateFieldHazard(c.a, c.how);
    case 'isAny': return oracleHazard('parse', c.a);
    case 'intersectFirst': return oracleHazard('intersect', c.a, c.b);
    case 'intersectSelf': return oracleHazard('intersect', c.a, c.a);
    case 'canIntersectSelf': return oracleHazard('canIntersect', c.a, c.a);
    case 'isSubsetSelf': return oracleHazard('isSubset', c.a, c.a);
    case 'isEqualSelf': return oracleHazard('isEqual', c.a, c.a);
    case 'isStrictlyEqualSelf': return oracleHazard('isStrictlyEqual', c.a, c.a);
    case 'subtractSelf': return oracleHazard('subtract', c.a, c.a);
    case 'parse': case 'normalize': case 'simplify': case 'fixate': case 'truncate': case 'isFixed':
      return oracleHazard(c.op, c.a);
    default: return oracleHazard(c.op satisfies CapsOp, c.a, c.b);
  }
}

const sameAnswer = (x: Answer, y: Answer): boolean => JSON.stringify(x) === JSON.stringify(y);

/** Scale a run count by FC_NUM_RUNS (default 100), so CI and a local deep run can differ. */
export function runs(base: number): number {
  const global = Number(process.env.FC_NUM_RUNS ?? 100);
  return Math.max(10, Math.round((base * global) / 100));
}

/** The pinned regressions for one op (fast-check `examples`, so every run starts with them). */
export function pinnedCases(op: CapsCase['op']): CapsCase[] {
  const file = JSON.parse(readFileSync(REGRESSIONS_PATH, 'utf8')) as { cases: Regression[] };
  return file.cases.filter((c) => c.op === op).map(({ expected: _e, note: _n, ...c }) => c as CapsCase);
}

/** Every pinned regression, as questions. */
export function pinnedCasesAll(): CapsCase[] {
  const file = JSON.parse(readFileSync(REGRESSIONS_PATH, 'utf8')) as { cases: Regression[] };
  return file.cases.map(({ expected: _e, note: _n, ...c }) => c as CapsCase);
}

/** Appends to fixtures/caps/regressions.json (deduplicated), only when recording is switched on. */
export function recordRegression(r: Regression): boolean {
  if (process.env.CAPSFLOW_RECORD_REGRESSIONS !== '1') return false;
  const file = JSON.parse(readFileSync(REGRESSIONS_PATH, 'utf8')) as { cases: Regression[] };
  const key = (x: Regression): string => describeCase(x);
  if (!file.cases.some((x) => key(x) === key(r))) {
    file.cases.push(r);
    writeFileSync(REGRESSIONS_PATH, `${JSON.stringify(file, null, 2)}\n`);
  }
  return true;
}

export interface DifferentialOptions {
  readonly numRuns: number;
  /** inputs the arbitrary promises GStreamer parses: a parse failure there is a generator bug */
  readonly inputsParse?: boolean;
  /** pinned questions to try first (fast-check `examples`) */
  readonly examples?: readonly CapsCase[];
}

/**
 * Property: for every generated question GStreamer can be asked, capsflow answers the same.
 * Returns the number of questions asked (callers assert it is not trivially small).
 */
export function assertSameAsGStreamer(arb: fc.Arbitrary<CapsCase>, options: DifferentialOptions): { asked: number; skipped: number } {
  let asked = 0;
  let skipped = 0;
  const property = fc.property(arb, (c) => {
    const hazard = caseHazard(c);
    if (hazard !== null) skipped++;
    fc.pre(hazard === null);
    asked++;
    if (options.inputsParse === true) {
      for (const s of 'b' in c ? [c.a, c.b] : [c.a]) {
        if (gst.parse(s) === null) throw new Error(`generator bug: GStreamer cannot parse ${JSON.stringify(s)}`);
      }
    }
    const want = oracleAnswer(c);
    const got = capsflowAnswer(c);
    if (!sameAnswer(want, got)) {
      throw new Error(`${describeCase(c)}\n  GStreamer 1.22: ${JSON.stringify(want)}\n  capsflow:       ${JSON.stringify(got)}`);
    }
  });
  const out = fc.check(property, {
    numRuns: options.numRuns,
    examples: (options.examples ?? []).map((e) => [e] as [CapsCase]),
  });
  if (out.failed) {
    const found = out.counterexample?.[0];
    let pin = '';
    if (found !== undefined && caseHazard(found) === null) {
      const small = minimizeDisagreement(found);
      const regression: Regression = { ...small.case, expected: small.expected };
      const recorded = recordRegression(regression);
      pin = `\n\nMinimized: ${describeCase(small.case)}\n  GStreamer 1.22: ${JSON.stringify(small.expected)}\n  capsflow:       ${JSON.stringify(capsflowAnswer(small.case))}`;
      pin += `\n\nPin it in fixtures/caps/regressions.json${recorded ? ' (recorded)' : ' (or run with CAPSFLOW_RECORD_REGRESSIONS=1)'}:\n${JSON.stringify(regression)}`;
    }
    const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(`${cause}\n\n${fc.defaultReportMessage(out) ?? 'property failed'}${pin}`);
  }
  return { asked, skipped };
}
