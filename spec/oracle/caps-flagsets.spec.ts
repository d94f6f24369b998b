/**
 * GstFlagSet subtypes, differentially: generated GstVideoMultiviewFlagsSet values (hex with and
 * without the nick text, nick lists, lists and arrays of them), next to generic flagsets, must
 * parse, print and take part in every caps op exactly as in GStreamer 1.22 (which has libgstvideo's
 * subtype registered, as in any pipeline with video elements; see gst.ts).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeOracle } from './available.js';
import type { BinaryOp, CapsCase, UnaryOp } from './cases.js';
import { assertSameAsGStreamer, runs } from './differential.js';
import { gst } from './gst.js';

const T = 'GstVideoMultiviewFlagsSet';
const NICKS = ['right-view-first', 'left-flipped', 'left-flopped', 'right-flipped', 'right-flopped', 'half-aspect', 'mixed-mono', 'none'];

// the class's bits, a few it does not know, and the extremes
const word = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 0x1f, 0x4000, 0x8000, 0xc000, 0xc01f, 0xffffffff, 0x20, 0x10000),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.subarray([1, 2, 4, 8, 16, 0x4000, 0x8000]).map((bits) => bits.reduce((x, b) => x | b, 0) >>> 0),
);
const hex = (n: number): string => n.toString(16);
const nickList = fc
  .array(fc.tuple(fc.constantFrom('+', '/'), fc.oneof(fc.constantFrom(...NICKS), fc.constantFrom('GST_VIDEO_MULTIVIEW_FLAGS_LEFT_FLIPPED', '1', '0x4000', ''))), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([d, n]) => d + n).join(''));
/** the text of one flagset value after its cast: F:M, F:M:nicks, F:M:junk, or a nick list */
const flagsetText = fc.oneof(
  fc.tuple(word, word).map(([f, m]) => `${hex(f)}:${hex(m)}`),
  fc.tuple(word, word, nickList).map(([f, m, n]) => `${hex(f)}:${hex(m)}:${n}`),
  fc.tuple(word, word, fc.constantFrom('', 'junk', 'a:b', '+LEFT')).map(([f, m, j]) => `${hex(f)}:${hex(m)}:${j}`),
  nickList,
);
const subtype = flagsetText.map((v) => `(${T})${v}`);
const generic = fc.tuple(word, word).map(([f, m]) => `(flagset)${hex(f)}:${hex(m)}`);
const scalarOrList = fc.oneof(
  { arbitrary: subtype, weight: 4 },
  { arbitrary: generic, weight: 2 },
  { arbitrary: fc.array(flagsetText, { minLength: 1, maxLength: 3 }).map((xs) => `(${T}){${xs.join(',')}}`), weight: 1 },
);
const array = fc.array(flagsetText, { minLength: 1, maxLength: 2 }).map((xs) => `(${T})<${xs.join(',')}>`);
const structureOf = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('x', 'video/x-raw'), value, fc.option(value, { nil: undefined }))
    .map(([name, a, b]) => `${name}, multiview-flags=${a}${b === undefined ? '' : `, b=${b}`}`);
const capsOf = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.array(structureOf(value), { minLength: 1, maxLength: 3 }).map((s) => s.join('; '));
const value = fc.oneof({ arbitrary: scalarOrList, weight: 6 }, { arbitrary: array, weight: 1 });
const anyCaps = capsOf(value);
// the algebra is asked about caps that parse (`+1+…` reads as hex, and then fails)
const structure = structureOf(value).filter((s) => gst.parse(s) !== null);
const caps = anyCaps.filter((s) => gst.parse(s) !== null);
const pair = fc.oneof(
  fc.tuple(caps, caps),
  fc.tuple(structure, structure),
  caps.map((c): [string, string] => [c, c]),
);

const BINARY: readonly BinaryOp[] = ['intersect', 'intersectFirst', 'canIntersect', 'isSubset', 'isEqual', 'isStrictlyEqual', 'subtract', 'merge', 'append'];
const UNARY: readonly UnaryOp[] = ['simplify', 'fixate', 'normalize', 'truncate', 'isFixed'];

describeOracle('GstFlagSet subtypes agree with GStreamer 1.22', () => {
  it('parse and print', () => {
    const { asked } = assertSameAsGStreamer(anyCaps.map((a): CapsCase => ({ op: 'parse', a })), { numRuns: runs(500) });
    expect(asked).toBeGreaterThan(runs(500) / 2);
  });

  it('odd texts after the cast are refused (or read) as GStreamer does', () => {
    const unit = fc.constantFrom(...'0123456789abcdefxX:+/-_ '.split(''), 'left-flipped', 'none', 'ffffffff');
    const text = fc.array(unit, { maxLength: 8 }).map((u) => u.join(''));
    assertSameAsGStreamer(text.map((v): CapsCase => ({ op: 'parse', a: `x,a=(${T})${v}` })), { numRuns: runs(500) });
  });

  it.each(BINARY)('%s', (op) => {
    const { asked, skipped } = assertSameAsGStreamer(pair.map(([a, b]): CapsCase => ({ op, a, b })), { numRuns: runs(200), inputsParse: true });
    expect(asked).toBeGreaterThan(skipped);
  });

  it.each(UNARY)('%s', (op) => {
    assertSameAsGStreamer(caps.map((a): CapsCase => ({ op, a })), { numRuns: runs(200), inputsParse: true });
  });
});
