/**
 * Bad input: the parser never throws (only `Caps.fromString` does, and only `CapsParseError`),
 * every issue has a known code and a position inside the text, and nothing can exhaust the stack
 * or blow up in time: pathological inputs finish while the whole file runs in seconds.
 *
 * Inputs are random strings (any UTF-16, lone surrogates included), strings over the caps
 * alphabet, and real pad-template caps strings of the registry snapshot with random edits.
 *
 * Scale: CAPS_FUZZ_RUNS sets the runs of each property (default 2000, a few seconds in all);
 * `CAPS_FUZZ_RUNS=1000000 npx vitest run spec/caps/robustness.spec.ts` drives a million strings
 * through each property.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';
import { CAPS_ISSUE_CODES, CapsParseError } from '../../src/caps/issues.js';
import { MAX_NESTING, parseCaps } from '../../src/caps/parse.js';
import { capsToString } from '../../src/caps/print.js';

const RUNS = Number(process.env.CAPS_FUZZ_RUNS ?? 2000);
/** vitest's per-test limit, grown with the runs (about 0.1 ms a run, with room for a busy machine) */
const TIMEOUT = 120_000 + RUNS;
const CODES = new Set<string>(CAPS_ISSUE_CODES);

interface Registry {
  readonly elements: Record<string, { readonly padTemplates: readonly { readonly caps: string }[] }>;
}
const registry = JSON.parse(
  readFileSync(new URL('../../fixtures/registry/gstreamer-1.22.json', import.meta.url), 'utf8'),
) as Registry;
const TEMPLATES = [...new Set(Object.values(registry.elements).flatMap((e) => e.padTemplates.map((t) => t.caps)))];

/** parse must return, and its answer must be well-formed (plain checks: this runs a million times) */
function checkParse(text: string): void {
  const r = parseCaps(text);
  if (r.ok) {
    // whatever parsed also prints
    if (typeof capsToString(r.caps) !== 'string') throw new Error(`caps of ${JSON.stringify(text)} do not print`);
    return;
  }
  if (r.issues.length === 0) throw new Error(`no issue for ${JSON.stringify(text)}`);
  for (const issue of r.issues) {
    const wellFormed =
      CODES.has(issue.code) &&
      Number.isInteger(issue.offset) &&
      Number.isInteger(issue.length) &&
      issue.offset >= 0 &&
      issue.length >= 0 &&
      issue.offset + issue.length <= text.length &&
      issue.message.length > 0;
    if (!wellFormed) throw new Error(`malformed issue ${JSON.stringify(issue)} for ${JSON.stringify(text)}`);
  }
}

function checkFromString(text: string): void {
  try {
    Caps.fromString(text);
  } catch (e) {
    if (!(e instanceof CapsParseError) || e.name !== 'CapsParseError') throw e;
  }
}

const CAPS_PIECES = [
  ...' \t\n\r\f\v\\"\'(){}[]<>,;=:/+-._0123456789abcdefxXpPeEn',
  '(int)', '(string)', '(GstCaps)', '(structure)', '(fraction)', '(double)', '(gint64)', '(bitmask)', '(flagset)',
  'video/x-raw', 'memory:DMABuf', 'ANY', 'EMPTY', 'NULL', 'max', 'inf', 'nan', '\\303', '\\000', '\\1', 'é', '😀', '\ud800',
];
const capsAlphabet = fc.array(fc.constantFrom(...CAPS_PIECES), { maxLength: 40 }).map((a) => a.join(''));

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 4 }),
  insert: fc.oneof(fc.constantFrom(...CAPS_PIECES), fc.string({ unit: 'binary', maxLength: 3 })),
});
const mutatedTemplate = fc
  .tuple(fc.constantFrom(...TEMPLATES.filter((t) => t.length < 4000)), fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    for (const { at, remove, insert } of edits) {
      const p = Math.floor(at * text.length);
      text = text.slice(0, p) + insert + text.slice(p + remove);
    }
    return text;
  });

describe('no input makes the parser throw, hang or report a malformed issue', () => {
  it('random strings (any UTF-16 code units)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkParse), { numRuns: RUNS });
  }, TIMEOUT);

  it('strings over the caps alphabet', () => {
    fc.assert(fc.property(capsAlphabet, checkParse), { numRuns: RUNS });
  }, TIMEOUT);

  it('real template caps with random edits', () => {
    fc.assert(fc.property(mutatedTemplate, checkParse), { numRuns: RUNS });
  }, TIMEOUT);

  it('Caps.fromString throws nothing but CapsParseError', () => {
    fc.assert(fc.property(fc.oneof(capsAlphabet, mutatedTemplate), checkFromString), { numRuns: Math.ceil(RUNS / 4) });
  }, TIMEOUT);

  it('every template of the registry parses', () => {
    for (const t of TEMPLATES) expect(parseCaps(t).ok).toBe(true);
  });
});

describe('deep nesting is refused with a positioned issue, never a stack overflow', () => {
  const deep = 100_000;
  it.each([
    ['lists', `x,a=${'{'.repeat(deep)}${'}'.repeat(deep)}`],
    ['arrays', `x,a=${'<'.repeat(deep)}1${'>'.repeat(deep)}`],
    ['ranges', `x,a=${'['.repeat(deep)}1,2${']'.repeat(deep)}`],
    ['unclosed', `x,a=${'{['.repeat(deep)}`],
    ['structures', `x${',a=[b'.repeat(deep)}${']'.repeat(deep)}`],
    ['typed structures', `x${',a=(structure)[b'.repeat(deep)}${']'.repeat(deep)}`],
    ['caps', `x${',a=(GstCaps)[b'.repeat(deep)}${']'.repeat(deep)}`],
  ])('%s', (_what, text) => {
    const r = parseCaps(text);
    expect(r.ok).toBe(false);
    const issue = r.issues![0]!;
    expect(issue.code).toBe('nesting-too-deep');
    expect(issue.offset).toBeGreaterThan(MAX_NESTING);
    expect(issue.offset).toBeLessThan(text.length);
  });

  it('quoted nested structures are parsed level by level', () => {
    // each level escapes the one inside, so the text doubles per level
    let inner = 'z, b=(int)1';
    for (let i = 0; i < 10; i++) inner = `y,a=(structure)"${inner.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    const r = parseCaps(inner);
    expect(r.ok).toBe(true);
    let v = r.caps!.entries[0]!.structure.fields[0]!.value;
    let levels = 0;
    while (v.kind === 'structure') {
      levels++;
      v = v.value.fields[0]!.value;
    }
    expect(levels).toBe(10);
    expect(v).toEqual({ kind: 'int', value: 1 });
  });

  it('nesting up to the bound parses', () => {
    const n = MAX_NESTING;
    const r = parseCaps(`x,a=${'{'.repeat(n)}1${'}'.repeat(n)}`);
    expect(r.ok).toBe(true);
  });
});

describe('inputs that would be slow for a naive backtracking parser finish', () => {
  // each row is linear for this parser; quadratic or exponential work would take minutes
  const n = 200_000;
  it.each([
    ['a structure attempt and a caps attempt at every level', `x,a=${'[a,b='.repeat(200)}@${']'.repeat(200)}`],
    ['many fields with one name', `x${',a=1'.repeat(n)}`],
    ['many distinct fields', `x${Array.from({ length: 50_000 }, (_, i) => `,f${i}=1`).join('')}`],
    ['a long list', `x,a={${'1,'.repeat(n)}}`],
    ['a long quoted string', `x,a="${'\\303\\251'.repeat(n / 4)}"`],
    ['a long number', `x,a=${'9'.repeat(n)}`],
    ['a long hex float', `x,a=0x${'f'.repeat(n)}p-3`],
    ['many unmatched brackets', `x,a=${'[a,'.repeat(50_000)}`],
    ['many structures', 'x;'.repeat(n)],
    ['a long features text', `x(${'meta:A,'.repeat(n / 8)})`],
  ])('%s', (_what, text) => {
    checkParse(text);
  });
});
