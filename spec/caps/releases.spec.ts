/**
 * Where GStreamer releases answer a caps question differently (fixtures/caps/releases.json, both answers
 * measured: spec/oracle/caps-1.26.spec.ts checks every row against 1.26 in the Debian 13 root and 1.22 on the
 * system): capsflow gives each release's answer when asked as that release, and the 1.22 answer by default.
 */
import { describe, expect, it } from 'vitest';
import rows from '../../fixtures/caps/releases.json' with { type: 'json' };
import { capsflowAnswer, type CapsCase } from '../oracle/cases.js';

type Row = { op: CapsCase['op']; a: string; b?: string; '1.22': string; '1.26': string; note: string };
const table = (rows as { rows: Row[] }).rows;

describe('caps questions whose answer depends on the GStreamer release', () => {
  it.each(table)('$op($a) — $note', (r) => {
    const c = (r.b === undefined ? { op: r.op, a: r.a } : { op: r.op, a: r.a, b: r.b }) as CapsCase;
    expect(r['1.22']).not.toBe(r['1.26']);
    expect(capsflowAnswer(c, '1.22')).toBe(r['1.22']);
    expect(capsflowAnswer(c, '1.26')).toBe(r['1.26']);
    expect(capsflowAnswer(c)).toBe(r['1.22']);
  });
});
