/**
 * Every distinct pad-template caps string of the registry snapshot (608, up to 52 KB) parses and
 * prints exactly as GStreamer 1.22 does. The answers were recorded from libgstreamer-1.0 by
 * spec/oracle/record-template-roundtrip.mjs into fixtures/caps/template-roundtrip.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCaps } from '../../src/caps/parse.js';
import { capsToString } from '../../src/caps/print.js';

interface Recorded {
  readonly gstreamer: string;
  readonly count: number;
  readonly cases: readonly { readonly caps: string; readonly gstreamer: string | null }[];
}
interface Registry {
  readonly elements: Record<string, { readonly padTemplates: readonly { readonly caps: string }[] }>;
}
const load = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
const recorded = load<Recorded>('../../fixtures/caps/template-roundtrip.json');
const registry = load<Registry>('../../fixtures/registry/gstreamer-1.22.json');

const print = (text: string): string | null => {
  const r = parseCaps(text);
  return r.ok ? capsToString(r.caps) : null;
};

describe(`pad-template caps round-trip as ${recorded.gstreamer} prints them`, () => {
  it('the recording covers exactly the distinct template caps of the registry snapshot', () => {
    const distinct = new Set(Object.values(registry.elements).flatMap((e) => e.padTemplates.map((t) => t.caps)));
    expect(recorded.cases.map((c) => c.caps).sort()).toEqual([...distinct].sort());
    expect(recorded.count).toBe(distinct.size);
  });

  it('every string prints as GStreamer printed it', () => {
    const wrong = recorded.cases.filter((c) => print(c.caps) !== c.gstreamer).map((c) => c.caps.slice(0, 120));
    expect(wrong).toEqual([]);
  });

  it('printing is stable: the printed text reads back to the same text', () => {
    for (const c of recorded.cases) {
      if (c.gstreamer !== null) expect(print(c.gstreamer)).toBe(c.gstreamer);
    }
  });
});
