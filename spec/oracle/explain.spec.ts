/**
 * The findConflict table (spec/negotiation/explain-cases.ts) against real GStreamer: every conflict pair is
 * EMPTY for gst_caps_intersect, every compatible pair is not, and each value named is spelled as
 * gst_caps_to_string spells that field.
 */
import { expect, it } from 'vitest';
import { COMPATIBLE, CONFLICTS } from '../negotiation/explain-cases.js';
import { describeOracle } from './available.js';
import * as gst from './gst.js';

function printedField(caps: string, field: string): string | undefined {
  // the first structure holding the field; the value runs to the next top-level ", name=" or the end
  const printed = gst.parse(caps) ?? '';
  const m = new RegExp(`[ ,]${field.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}=\\([a-z0-9_]+\\)(.*?)(?:, [a-z][a-z0-9-]*=|;|$)`, 'i').exec(printed);
  return m?.[1];
}

describeOracle('findConflict cases against GStreamer', () => {
  it.each(CONFLICTS)('%s: EMPTY in GStreamer, values as it prints them', (_name, left, right, field, l, r) => {
    expect(gst.intersect(left, right)).toBe('EMPTY');
    if (field === 'name' || field === 'caps') {
      expect((gst.parse(left) ?? '').startsWith(l)).toBe(true);
      expect((gst.parse(right) ?? '').startsWith(r)).toBe(true);
    } else if (field === 'features') {
      for (const [caps, value] of [[left, l], [right, r]] as const) {
        const printed = gst.parse(caps) ?? '';
        if (value === 'system memory') expect(printed).toMatch(/^[^(;]+(,|$)/m);
        else expect(printed).toContain(`(${value})`);
      }
    } else {
      expect(printedField(left, field)).toBe(l);
      expect(printedField(right, field)).toBe(r);
    }
  });

  it.each(COMPATIBLE)('%s: not EMPTY in GStreamer', (_name, left, right) => {
    expect(gst.intersect(left, right)).not.toBe('EMPTY');
  });
});
