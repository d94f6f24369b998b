/**
 * One differential question ("op on these caps strings") and capsflow's answer to it, in the
 * form GStreamer answers: a printed caps string, a boolean, or null for "does not parse".
 * No GStreamer here: the regression replay (spec/regressions/caps.spec.ts) imports this on
 * machines without the oracle.
 */
import { Caps } from '../../src/index.js';
import {
  type CapsRelease,
  type Structure,
  fixateField,
  fixateFieldBoolean,
  fixateFieldNearestDouble,
  fixateFieldNearestFraction,
  fixateFieldNearestInt,
  fixateFieldString,
} from '../../src/caps/index.js';

export type BinaryOp =
  | 'intersect'
  | 'intersectFirst'
  | 'canIntersect'
  | 'isSubset'
  | 'isEqual'
  | 'isStrictlyEqual'
  | 'subtract'
  | 'merge'
  | 'append';
export type UnaryOp = 'parse' | 'isAny' | 'normalize' | 'simplify' | 'fixate' | 'truncate' | 'isFixed' | SelfOp;
/** A binary op with ONE caps object as both operands (GStreamer short-cuts some on pointer identity). */
export type SelfOp = 'intersectSelf' | 'canIntersectSelf' | 'isSubsetSelf' | 'isEqualSelf' | 'isStrictlyEqualSelf' | 'subtractSelf';
export const SELF_OPS: readonly SelfOp[] = ['intersectSelf', 'canIntersectSelf', 'isSubsetSelf', 'isEqualSelf', 'isStrictlyEqualSelf', 'subtractSelf'];

export type FixateHow =
  | { readonly helper: 'nearestInt'; readonly target: number }
  | { readonly helper: 'nearestDouble'; readonly target: number }
  | { readonly helper: 'nearestFraction'; readonly num: number; readonly den: number }
  | { readonly helper: 'string'; readonly target: string }
  | { readonly helper: 'boolean'; readonly target: boolean }
  | { readonly helper: 'field' };

export type CapsCase =
  | { readonly op: UnaryOp; readonly a: string }
  | { readonly op: BinaryOp; readonly a: string; readonly b: string }
  | { readonly op: 'fixateField'; readonly a: string; readonly field: string; readonly how: FixateHow };

/** `{ changed, caps }` for fixateField: the helper's gboolean and the structure printed as caps. */
export type Answer = string | boolean | null | { readonly changed: boolean; readonly caps: string };

/** A pinned counterexample: the question and GStreamer 1.22's answer, recorded from the oracle. */
export type Regression = CapsCase & { readonly expected: Answer; readonly note?: string };

/** What capsflow says (as `release` answers; default 1.22); a thrown error becomes a string that can never equal GStreamer's answer. */
export function capsflowAnswer(c: CapsCase, release: CapsRelease = '1.22'): Answer {
  try {
    return ask(c, release);
  } catch (e) {
    return `<capsflow threw ${(e as Error).name}: ${(e as Error).message}>`;
  }
}

function ask(c: CapsCase, release: CapsRelease): Answer {
  switch (c.op) {
    case 'parse': {
      const r = Caps.parse(c.a);
      return r.ok ? r.caps.toString() : null;
    }
    case 'isAny': return Caps.fromString(c.a).isAny();
    case 'normalize': return Caps.fromString(c.a).normalize().toString();
    case 'simplify': return Caps.fromString(c.a).simplify(release).toString();
    case 'fixate': return Caps.fromString(c.a).fixate().toString();
    case 'truncate': return Caps.fromString(c.a).truncate().toString();
    case 'isFixed': return Caps.fromString(c.a).isFixed();
    case 'fixateField': return askFixateField(c.a, c.field, c.how);
    case 'intersectSelf': { const a = Caps.fromString(c.a); return a.intersect(a).toString(); }
    case 'canIntersectSelf': { const a = Caps.fromString(c.a); return a.canIntersect(a); }
    case 'isSubsetSelf': { const a = Caps.fromString(c.a); return a.isSubset(a); }
    case 'isEqualSelf': { const a = Caps.fromString(c.a); return a.isEqual(a); }
    case 'isStrictlyEqualSelf': { const a = Caps.fromString(c.a); return a.isStrictlyEqual(a); }
    case 'subtractSelf': { const a = Caps.fromString(c.a); return a.subtract(a).toString(); }
    default: {
      const a = Caps.fromString(c.a);
      const b = Caps.fromString(c.b);
      switch (c.op) {
        case 'intersect': return a.intersect(b, 'zigzag').toString();
        case 'intersectFirst': return a.intersect(b, 'first').toString();
        case 'canIntersect': return a.canIntersect(b);
        case 'isSubset': return a.isSubset(b);
        case 'isEqual': return a.isEqual(b);
        case 'isStrictlyEqual': return a.isStrictlyEqual(b);
        case 'subtract': return a.subtract(b).toString();
        case 'merge': return a.merge(b).toString();
        case 'append': return a.append(b).toString();
      }
    }
  }
}

function askFixateField(text: string, field: string, how: FixateHow): Answer {
  const caps = Caps.fromString(text);
  if (caps.size !== 1) throw new Error(`fixateField wants one structure, got ${caps.size}`);
  const s = caps.structure(0);
  let r: Structure | null;
  switch (how.helper) {
    case 'nearestInt': r = fixateFieldNearestInt(s, field, how.target); break;
    case 'nearestDouble': r = fixateFieldNearestDouble(s, field, how.target); break;
    case 'nearestFraction': r = fixateFieldNearestFraction(s, field, how.num, how.den); break;
    case 'string': r = fixateFieldString(s, field, how.target); break;
    case 'boolean': r = fixateFieldBoolean(s, field, how.target); break;
    case 'field': r = fixateField(s, field); break;
  }
  return { changed: r !== null, caps: Caps.fromStructures(r ?? s).toString() };
}

/** One line naming the question, for test titles and failure messages. */
export function describeCase(c: CapsCase): string {
  const q = (s: string): string => JSON.stringify(s);
  switch (c.op) {
    case 'fixateField': return `fixateField(${q(c.a)}, ${q(c.field)}, ${JSON.stringify(c.how)})`;
    default: return 'b' in c ? `${c.op}(${q(c.a)}, ${q(c.b)})` : `${c.op}(${q(c.a)})`;
  }
}
