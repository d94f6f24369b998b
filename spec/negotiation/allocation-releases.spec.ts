/**
 * ALLOCATION answers that differ between GStreamer 1.22 and 1.26 (both measured with spec/oracle/allocation-probe.c:
 * on the system and in the Debian 13 root; allocation.spec.ts and allocation-1.26.spec.ts hold capsflow to each):
 * capsflow answers each release as it behaves.
 */
import { describe, expect, it } from 'vitest';
import { negotiate, type GstVersion } from '../../src/negotiation/index.js';

interface Row {
  readonly pipeline: string;
  readonly pad: string;
  readonly what: string;
  readonly answer: (version: GstVersion) => unknown;
  readonly '1.22': unknown;
  readonly '1.26': unknown;
}

const query = (pipeline: string, pad: string, v: GstVersion) => negotiate(pipeline, { gstVersion: v }).allocation.find((a) => a.src === pad);

const VIDEORATE = 'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videorate ! videoconvert ! video/x-raw,format=RGB ! fakevideosink';
const THEORA = 'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videoconvert ! theoraenc ! theoradec ! fakevideosink';

const ROWS: readonly Row[] = [
  {
    pipeline: VIDEORATE,
    pad: 'videotestsrc0.src',
    what: "videorate's proposal: 1.22 drops downstream's pool of max 0 = min 0 and offers a NULL pool; 1.26 keeps it with one buffer more",
    answer: (v) => query(VIDEORATE, 'videotestsrc0.src', v)?.pools.map((p) => ({ pool: p.pool ?? null, size: p.size, min: p.min, max: p.max })),
    '1.22': [{ pool: null, size: 4608, min: 1, max: 0 }],
    '1.26': [{ pool: 'GstVideoBufferPool', size: 4608, min: 1, max: 0 }],
  },
  {
    pipeline: THEORA,
    pad: 'theoradec0.src',
    what: "theoradec's decide_allocation: 1.22's own adds the VideoMeta option when downstream lists GstVideoMeta; 1.26 has GstVideoDecoder's",
    answer: (v) => {
      const d = query(THEORA, 'theoradec0.src', v)?.decided?.pool;
      return d === null || d === undefined ? null : { pool: d.pool, size: d.size, options: d.options };
    },
    '1.22': { pool: 'GstVideoBufferPool', size: 4608, options: ['GstBufferPoolOptionVideoMeta'] },
    '1.26': { pool: 'GstVideoBufferPool', size: 4608, options: [] },
  },
];

describe('ALLOCATION answers that depend on the GStreamer release', () => {
  it.each(ROWS)('$pad in $pipeline — $what', (r) => {
    expect(r.answer('1.22')).toEqual(r['1.22']);
    expect(r.answer('1.26')).toEqual(r['1.26']);
  });
});
