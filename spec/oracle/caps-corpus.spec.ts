/**
 * The real pad-template corpus: every distinct template caps string of the GStreamer 1.22 registry
 * (fixtures/registry/gstreamer-1.22.json, 1,065 strings of the full install, up to 52 KB) must
 *   - round-trip identically: capsflow `Caps.fromString(s).toString()` ===
 *     gst_caps_to_string(gst_caps_from_string(s));
 *   - intersect (zig-zag) pairwise identically, and
 *   - answer isSubset pairwise identically,
 * over ALL ordered pairs (1,065² = 1,134,225 each, the diagonal included: there both sides pass one
 * caps object twice, where GStreamer short-cuts on identity). Each string is parsed once per side; the pairs
 * then cost one intersect/subset call per side. Set CAPSFLOW_CORPUS_STRIDE=k to check every k-th
 * pair only (pairs with (i·n + j) mod k = 0), for slow machines; the default is 1 = all pairs.
 * Also per template: fixate, simplify, normalize, truncate, isFixed, and per distinct template
 * structure the gst_structure_fixate_field_* helpers negotiation uses (width→1920, framerate→30/1, …).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { Caps } from '../../src/index.js';
import { describeOracle } from './available.js';
import { type CapsCase, type FixateHow, type Regression, capsflowAnswer } from './cases.js';
import { caseHazard, oracleAnswer, recordRegression } from './differential.js';
import { ParsedCaps, gst, holdsMixedList, stepProfile } from './gst.js';
import { minimizeDisagreement, splitTopLevel } from './minimize.js';

interface Registry {
  readonly elements: Record<string, { readonly padTemplates: readonly { readonly caps: string }[] }>;
}

const registry = JSON.parse(readFileSync(new URL('../../fixtures/registry/gstreamer-1.22.json', import.meta.url), 'utf8')) as Registry;
const corpus = [...new Set(Object.values(registry.elements).flatMap((e) => e.padTemplates.map((t) => t.caps)))];
const stride = Number(process.env.CAPSFLOW_CORPUS_STRIDE ?? 1);

interface Mismatch {
  readonly op: string;
  readonly a: string;
  readonly b?: string;
  readonly gstreamer: unknown;
  readonly capsflow: unknown;
}

/** The first few mismatches, each minimized to a small pinnable regression (recorded with CAPSFLOW_RECORD_REGRESSIONS=1). */
function report(ms: readonly Mismatch[], total: number): string {
  if (ms.length === 0) return 'all agree';
  const short = (s: string): string => (s.length > 160 ? `${s.slice(0, 160)}… (${s.length} chars)` : s);
  const lines = ms.slice(0, 5).map((m) => {
    const c = (m.b === undefined ? { op: m.op, a: m.a } : { op: m.op, a: m.a, b: m.b }) as CapsCase;
    // the diagonal pairs one caps object with itself, where GStreamer short-cuts on identity
    const small = minimizeDisagreement(c);
    const pinned: Regression = { ...small.case, expected: small.expected, note: 'found on the 1.22 template corpus' };
    recordRegression(pinned);
    return `  ${m.op}(${short(m.a)}${m.b === undefined ? '' : `, ${short(m.b)}`})\n    GStreamer: ${short(String(m.gstreamer))}\n    capsflow:  ${short(String(m.capsflow))}\n    minimized: ${JSON.stringify(pinned)}`;
  });
  return `${ms.length} of ${total} disagree; first ones:\n${lines.join('\n')}`;
}

describeOracle('the 1.22 pad-template corpus against GStreamer', () => {
  let oracle: ParsedCaps[] = [];
  let ours: (Caps | null)[] = [];
  /** strings the pair checks may send to GStreamer (no list mixing types) */
  let askable: boolean[] = [];
  let profiles: ReturnType<typeof stepProfile>[] = [];

  beforeAll(() => {
    oracle = corpus.map((s) => {
      const p = ParsedCaps.parse(s);
      if (p === null) throw new Error(`GStreamer cannot parse its own template caps ${s}`);
      return p;
    });
    ours = corpus.map((s) => {
      const r = Caps.parse(s);
      return r.ok ? r.caps : null;
    });
    askable = corpus.map((s) => !holdsMixedList(s));
    profiles = corpus.map((s) => stepProfile(gst.parse(s) ?? ''));
    return () => oracle.forEach((p) => p.dispose());
  });

  it('has the corpus', () => {
    expect(corpus.length).toBeGreaterThan(500);
    expect(Math.max(...corpus.map((s) => s.length))).toBeGreaterThan(40_000);
    // none of the real templates needs the hazard filter
    expect(askable.every(Boolean)).toBe(true);
  });

  it('every template caps string round-trips exactly as GStreamer prints it', () => {
    const ms: Mismatch[] = [];
    corpus.forEach((s, i) => {
      const want = oracle[i]!.toString();
      let got: string;
      try {
        got = Caps.fromString(s).toString();
      } catch (e) {
        got = `<threw ${(e as Error).message}>`;
      }
      if (got !== want) ms.push({ op: 'parse', a: s, gstreamer: want, capsflow: got });
    });
    expect(ms.length, ms.length === 0 ? '' : report(ms, corpus.length)).toBe(0);
  });

  /** pairs (i, j) to check and whether GStreamer may be asked (see oracleHazard in gst.ts) */
  function* pairs(): Generator<readonly [number, number]> {
    const n = corpus.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if ((i * n + j) % stride !== 0) continue;
        const a = profiles[i]!;
        const b = profiles[j]!;
        const mixedSteps = new Set([...a.steps, ...b.steps]).size > 1 && (a.listHoldsIntRange || b.listHoldsIntRange);
        if (!askable[i] || !askable[j] || mixedSteps) continue;
        yield [i, j];
      }
    }
  }

  it(`intersects every pair identically (zig-zag), stride ${stride}`, () => {
    const ms: Mismatch[] = [];
    let total = 0;
    for (const [i, j] of pairs()) {
      total++;
      const want = oracle[i]!.intersect(oracle[j]!);
      const x = ours[i] ?? null;
      const y = ours[j] ?? null;
      let got: string;
      try {
        got = x === null || y === null ? '<capsflow cannot parse>' : x.intersect(y).toString();
      } catch (e) {
        got = `<threw ${(e as Error).message}>`;
      }
      if (got !== want) ms.push(i === j ? { op: 'intersectSelf', a: corpus[i]!, gstreamer: want, capsflow: got } : { op: 'intersect', a: corpus[i]!, b: corpus[j]!, gstreamer: want, capsflow: got });
    }
    expect(total).toBeGreaterThan((corpus.length * corpus.length) / stride / 2);
    expect(ms.length, ms.length === 0 ? '' : report(ms, total)).toBe(0);
  });

  it(`answers isSubset for every pair identically, stride ${stride}`, () => {
    const ms: Mismatch[] = [];
    let total = 0;
    for (const [i, j] of pairs()) {
      total++;
      const want = oracle[i]!.isSubset(oracle[j]!);
      const x = ours[i] ?? null;
      const y = ours[j] ?? null;
      let got: boolean | string;
      try {
        got = x === null || y === null ? '<capsflow cannot parse>' : x.isSubset(y);
      } catch (e) {
        got = `<threw ${(e as Error).message}>`;
      }
      if (got !== want) ms.push(i === j ? { op: 'isSubsetSelf', a: corpus[i]!, gstreamer: want, capsflow: got } : { op: 'isSubset', a: corpus[i]!, b: corpus[j]!, gstreamer: want, capsflow: got });
    }
    expect(ms.length, ms.length === 0 ? '' : report(ms, total)).toBe(0);
  });

  it('every template: fixate, simplify, normalize, truncate and isFixed as GStreamer', () => {
    const ms: Mismatch[] = [];
    let total = 0;
    for (const s of corpus) {
      for (const op of ['fixate', 'simplify', 'normalize', 'truncate', 'isFixed'] as const) {
        const c: CapsCase = { op, a: s };
        if (caseHazard(c) !== null) continue;
        total++;
        const want = oracleAnswer(c);
        const got = capsflowAnswer(c);
        if (JSON.stringify(want) !== JSON.stringify(got)) ms.push({ op, a: s, gstreamer: want, capsflow: got });
      }
    }
    expect(total).toBeGreaterThan(corpus.length * 4);
    expect(ms.length, ms.length === 0 ? '' : report(ms, total)).toBe(0);
  });

  it('every template structure: the fixation helpers negotiation uses, as GStreamer', () => {
    const targets: readonly (readonly [string, FixateHow])[] = [
      ['width', { helper: 'nearestInt', target: 1920 }],
      ['height', { helper: 'nearestInt', target: 1080 }],
      ['framerate', { helper: 'nearestFraction', num: 30, den: 1 }],
      ['pixel-aspect-ratio', { helper: 'nearestFraction', num: 1, den: 1 }],
      ['rate', { helper: 'nearestInt', target: 48000 }],
      ['channels', { helper: 'nearestInt', target: 2 }],
      ['format', { helper: 'string', target: 'NV12' }],
      ['layout', { helper: 'string', target: 'interleaved' }],
      ['parsed', { helper: 'boolean', target: true }],
      ['width', { helper: 'field' }],
    ];
    const ms: Mismatch[] = [];
    let total = 0;
    // each printed structure, caps features dropped (structures have none)
    const structures = new Set(
      corpus
        .flatMap((s) => splitTopLevel(gst.parse(s) ?? '', '; '))
        .filter((s) => s !== 'ANY' && s !== 'EMPTY')
        .map((s) => s.replace(/^([^,(]+)\([^)]*\)/, '$1')),
    );
    for (const st of structures) {
      for (const [field, how] of targets) {
        const c: CapsCase = { op: 'fixateField', a: st, field, how };
        if (caseHazard(c) !== null) continue;
        total++;
        const want = oracleAnswer(c);
        const got = capsflowAnswer(c);
        if (JSON.stringify(want) !== JSON.stringify(got)) ms.push({ op: `fixateField ${field} ${JSON.stringify(how)}`, a: st, gstreamer: JSON.stringify(want), capsflow: JSON.stringify(got) });
      }
    }
    expect(structures.size).toBeGreaterThan(500);
    expect(ms.length, ms.length === 0 ? '' : `${ms.length} of ${total} disagree:\n${ms.slice(0, 5).map((m) => `  ${m.op} on ${m.a}\n    GStreamer: ${String(m.gstreamer)}\n    capsflow:  ${String(m.capsflow)}`).join('\n')}`).toBe(0);
  });
});
