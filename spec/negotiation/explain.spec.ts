import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';
import { findConflict, formatExplanation } from '../../src/negotiation/report/explain.js';
import type { Explanation } from '../../src/negotiation/types.js';
import { COMPATIBLE, CONFLICTS } from './explain-cases.js';

describe('findConflict: what made the intersection EMPTY', () => {
  it.each(CONFLICTS)('%s', (_name, left, right, field, l, r) => {
    expect(findConflict(Caps.fromString(left), Caps.fromString(right))).toEqual({ field, left: l, right: r });
  });

  it.each(COMPATIBLE)('null when they intersect: %s', (_name, left, right) => {
    expect(findConflict(Caps.fromString(left), Caps.fromString(right))).toBeNull();
  });
});

describe('formatExplanation', () => {
  it('summary, conflict, then the steps with the caps offered and accepted', () => {
    const explain: Explanation = {
      summary: 'not negotiated: capsfilter0 and capsfilter1 have no format in common',
      conflict: { element: 'capsfilter1', pad: 'sink', field: 'format', left: { value: 'RGBA', from: 'capsfilter0' }, right: { value: 'NV12', from: 'capsfilter1' } },
      steps: [
        { element: 'capsfilter0', pad: 'src', offered: 'video/x-raw, format=(string)RGBA', note: 'caps filter restricts the source' },
        { element: 'capsfilter1', pad: 'sink', accepted: 'video/x-raw, format=(string)NV12', note: 'intersection is EMPTY' },
      ],
    };
    expect(formatExplanation(explain)).toBe(
      [
        'not negotiated: capsfilter0 and capsfilter1 have no format in common',
        '  conflict: format: RGBA (capsfilter0) vs NV12 (capsfilter1) at capsfilter1.sink',
        '  how it got there:',
        '    1. capsfilter0.src: caps filter restricts the source',
        '         offered:  video/x-raw, format=(string)RGBA',
        '    2. capsfilter1.sink: intersection is EMPTY',
        '         accepted: video/x-raw, format=(string)NV12',
        '',
      ].join('\n'),
    );
  });

  it('a policy explanation without a conflict', () => {
    expect(formatExplanation({ summary: 'policy: videoflip0 maps protected memory', steps: [{ element: 'videoflip0', note: 'not passthrough' }] })).toBe(
      'policy: videoflip0 maps protected memory\n  how it got there:\n    1. videoflip0: not passthrough\n',
    );
  });
});
