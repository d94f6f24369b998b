/**
 * Shrinks a disagreement between capsflow and GStreamer to a small input that still disagrees, so
 * that pinned regressions (fixtures/caps/regressions.json) are readable even when found on 50 KB
 * template caps. Greedy delta debugging on GStreamer's printed form: drop whole structures, then
 * fields, then elements of top-level lists, until nothing more can go.
 */
import { type Answer, type CapsCase, capsflowAnswer } from './cases.js';
import { caseHazard, oracleAnswer } from './differential.js';
import { gst } from './gst.js';

/** Splits at `sep` where not inside quotes or brackets. */
export function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '{' || c === '[' || c === '<' || c === '(') {
      depth++;
    } else if (c === '}' || c === ']' || c === '>' || c === ')') {
      depth--;
    } else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

const disagrees = (c: CapsCase): boolean => {
  if (caseHazard(c) !== null) return false;
  if (c.op === 'fixateField' && gst.parseStructure(c.a) === null) return false;
  for (const s of 'b' in c ? [c.a, c.b] : [c.a]) if (c.op !== 'parse' && gst.parse(s) === null) return false;
  try {
    return JSON.stringify(oracleAnswer(c)) !== JSON.stringify(capsflowAnswer(c));
  } catch {
    return false; // a cut GStreamer refuses is not a smaller counterexample
  }
};

/** Smaller variants of one printed caps string, biggest cuts first. */
function* variants(printed: string): Generator<string> {
  if (printed === 'ANY' || printed === 'EMPTY') return;
  const structures = splitTopLevel(printed, '; ');
  if (structures.length > 1) for (let i = 0; i < structures.length; i++) yield structures.filter((_, k) => k !== i).join('; ');
  for (let si = 0; si < structures.length; si++) {
    const fields = splitTopLevel(structures[si]!, ', ');
    const rebuild = (fs: string[]): string => structures.map((s, k) => (k === si ? fs.join(', ') : s)).join('; ');
    for (let fi = 1; fi < fields.length; fi++) yield rebuild(fields.filter((_, k) => k !== fi));
    for (let fi = 1; fi < fields.length; fi++) {
      const m = /^([^=]+=\([^)]*\))\{ (.*) \}$/.exec(fields[fi]!);
      if (m === null) continue;
      const items = splitTopLevel(m[2]!, ', ');
      if (items.length < 2) continue;
      for (let k = 0; k < items.length; k++) {
        const fs = fields.slice();
        fs[fi] = `${m[1]}{ ${items.filter((_, x) => x !== k).join(', ')} }`;
        yield rebuild(fs);
      }
    }
  }
}

/** The smallest disagreeing case reachable by cuts, with GStreamer's answer for it. */
export function minimizeDisagreement(c: CapsCase): { readonly case: CapsCase; readonly expected: Answer } {
  let cur = c;
  // start from the printed form when that still disagrees: it is canonical and splits cleanly
  const canonical = (s: string): string => gst.parse(s) ?? s;
  const canon = ('b' in cur ? { ...cur, a: canonical(cur.a), b: canonical(cur.b) } : { ...cur, a: canonical(cur.a) }) as CapsCase;
  if (cur.op !== 'parse' && disagrees(canon)) cur = canon;
  for (let changed = true; changed; ) {
    changed = false;
    for (const side of 'b' in cur ? (['a', 'b'] as const) : (['a'] as const)) {
      if (cur.op === 'parse') break; // a parse case's input is the thing itself; cuts change the question
      for (const v of variants((cur as Record<'a' | 'b', string>)[side])) {
        const next = { ...cur, [side]: v } as CapsCase;
        if (disagrees(next)) {
          cur = next;
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return { case: cur, expected: oracleAnswer(cur) };
}
