/**
 * Every pad caps line `gst-launch-1.0 -v` printed for the recorded pipelines (GStreamer 1.22.0:
 * fixtures/pipelines/expected.json and fixtures/negotiation/cases.json) must parse and print back
 * character for character: users paste these lines into capsflow. Among them are encoder caps with
 * `multiview-flags=(GstVideoMultiviewFlagsSet)0:ffffffff:/right-view-first/…`, a GstFlagSet subtype.
 * Needs no GStreamer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';

interface Recorded {
  readonly pipelines: readonly {
    readonly pipeline: string;
    readonly pads: Readonly<Record<string, string>>;
    /** pads inside bins (fakevideosink's proxy pads …) */
    readonly nested?: Readonly<Record<string, string>>;
  }[];
}

const FILES = ['../../fixtures/pipelines/expected.json', '../../fixtures/negotiation/cases.json'];

/** distinct printed caps, each with the first pad that printed it */
function printedCaps(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of FILES) {
    const json = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Recorded;
    for (const p of json.pipelines) {
      for (const [pad, caps] of [...Object.entries(p.pads), ...Object.entries(p.nested ?? {})]) {
        if (!out.has(caps)) out.set(caps, `${p.pipeline} → ${pad}`);
      }
    }
  }
  return out;
}

describe('caps printed by gst-launch-1.0 -v round-trip', () => {
  const caps = printedCaps();

  it('the recordings hold the caps this spec is about', () => {
    expect(caps.size).toBeGreaterThan(100);
    expect([...caps.keys()].some((c) => c.includes('=(GstVideoMultiviewFlagsSet)'))).toBe(true);
  });

  it('every printed caps line parses and prints back identically', () => {
    const wrong: string[] = [];
    for (const [text, where] of caps) {
      const r = Caps.parse(text);
      const back = r.ok ? r.caps.toString() : `parse failed: ${r.issues[0]?.message ?? '?'}`;
      if (back !== text) wrong.push(`${where}\n  printed: ${text}\n  capsflow: ${back}`);
    }
    expect(wrong).toEqual([]);
  });
});
