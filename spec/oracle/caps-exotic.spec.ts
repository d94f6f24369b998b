/**
 * The value types real caps rarely carry but GStreamer 1.22 parses, differentially: GstCapsFeatures
 * values, tag lists, `(type)` names, casts to every registered enum and flags type (with bits no
 * value covers), nested structures holding NaN (asked with one caps object as both operands, where
 * 1.22's pointer short-cuts show), strings with lone surrogates next to escapes, and lists mixing
 * ints with int ranges or doubles with double ranges (compared type-confused by 1.22). Each must
 * parse, print and take part in every caps op exactly as GStreamer does.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ENUM_CLASSES, type EnumClass } from '../../src/caps/enums.js';
import { describeOracle } from './available.js';
import { type BinaryOp, type CapsCase, SELF_OPS, type UnaryOp } from './cases.js';
import { assertSameAsGStreamer, runs } from './differential.js';
import { gst } from './gst.js';

const quote = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

const FEATURE_NAMES = ['memory:DMABuf', 'memory:SystemMemory', 'meta:GstVideoOverlayComposition', 'memory:GLMemory', 'a:b', 'ANY', 'any', 'abc', 'é:a', 'a:b\\,c:d'];
const features = fc
  .tuple(fc.array(fc.constantFrom(...FEATURE_NAMES), { maxLength: 3 }), fc.constantFrom(', ', ','), fc.boolean())
  .map(([names, sep, bare]) => {
    const text = names.join(sep);
    return `(GstCapsFeatures)${bare && /^[A-Za-z0-9_+\-/:.]+$/.test(text) ? text : quote(text)}`;
  });

const TAG_FIELDS = [
  'title=(string)x', 'title=x', 'a=1', 'a=(double)1.0', 'a=(double)1.00000001', 'a=(double)nan', 'b=(uint)5',
  'c=""', 'c=(string)""', 'e={1,2}', 'e={2,1}', 'f=[y,g=1]', 'h=(GstCaps)[z]',
];
const tagList = fc
  .tuple(fc.constantFrom('taglist', 'taglist', 'taglistx', 'tags'), fc.uniqueArray(fc.constantFrom(...TAG_FIELDS), { maxLength: 3, selector: (f) => f.split('=')[0] }), fc.constantFrom('(GstTagList)', '(taglist)'), fc.boolean())
  .map(([name, fields, cast, bare]) => {
    const text = [name, ...fields].join(', ');
    return `${cast}${bare && fields.length === 0 ? name : quote(text)}`;
  });

const GTYPES = ['GstPadTemplate', 'GInitiallyUnowned', 'void', 'gint', 'GstCaps', 'GstBufferPool', 'GstVideoFormat', 'GstDebugLevel', 'GParamInt', 'GstTagList'];
const gtype = fc.constantFrom(...GTYPES).map((n) => `(type)${n}`);

/** a cast to a registered enum or flags type: nick, name, number, flag combinations, unknown bits */
const enumValue = fc.constantFrom(...(Object.keys(ENUM_CLASSES) as (keyof typeof ENUM_CLASSES)[])).chain((type) => {
  const cls: EnumClass = ENUM_CLASSES[type];
  const one = fc.constantFrom(...cls.values).chain(([v, name, nick]) => fc.constantFrom(nick, name, String(v >>> 0)));
  const text =
    cls.kind === 'enum'
      ? one
      : fc.oneof(
          one,
          fc.array(fc.tuple(fc.constantFrom('+', '/'), one), { minLength: 1, maxLength: 3 }).map((ps) => ps.map(([d, p]) => d + p).join('').slice(1)),
          fc.constantFrom('0x10000000', '0x20000000', '0xffffffff', '0'),
        );
  return text.map((t) => `(${type})${t}`);
});

/** nested values whose identity matters: 1.22 short-cuts structure and caps equality on the pointer */
const nested = fc.constantFrom('[y,b=(double)nan]', '[y,b=(double)1.5]', '(GstCaps)[y,b=(double)nan]', '<[y,b=(double)nan]>', '[y,b={(double)nan,1.0}]');

const SURROGATE_PIECES = ['\ud800', '\udfff', '\\', 'a', '\ud83d\ude00', '\\303\\251', ' '];
const surrogateString = fc
  .array(fc.constantFrom(...SURROGATE_PIECES), { minLength: 1, maxLength: 5 })
  .map((ps) => ps.join(''))
  // a trailing lone backslash would escape the closing quote
  .map((s) => `(string)"${s.endsWith('\\') && !s.endsWith('\\\\') ? `${s}a` : s}"`);

/** ints mixed with int ranges (and the `[ 0, 0 ]` placeholder), doubles with double ranges: 1.22 compares such lists type-confused */
const mixed = (items: readonly string[]): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...items), { minLength: 1, maxLength: 3 }).map((xs) => `{${xs.join(',')}}`);
const intMix = fc.oneof(
  mixed(['0', '1', '2', '5', '[1,2]', '[0,2]', '[10,20]', '[5,5]', '[1,5]']),
  mixed(['0.0', '1.0', '-0.0', '-1.0', '(double)nan', '[1.0,2.0]', '[0.0,2.0]', '[-1.0,0.0]', '[1.5,1.5]']),
);

const kinds = [features, tagList, gtype, enumValue, nested, surrogateString, intMix];
/** one value, or a list/array of values of the same generator */
const value = fc.constantFrom(...kinds).chain((k) =>
  fc.oneof(
    { arbitrary: k, weight: 4 },
    { arbitrary: fc.tuple(fc.array(k, { minLength: 1, maxLength: 3 }), fc.constantFrom(['{', '}'], ['<', '>'])).map(([xs, [o, c]]) => `${o}${xs.join(',')}${c}`), weight: 1 },
  ),
);
const structure = fc
  .tuple(fc.constantFrom('x', 'x', 'y'), value, fc.option(value, { nil: undefined }))
  .map(([name, a, b]) => (b === undefined ? `${name},a=${a}` : `${name},a=${a},b=${b}`));
const caps = fc.array(structure, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(';'));
/** the ops want caps both sides can read (refusals are the parse test's business) */
const parses = (s: string): boolean => gst.parse(s) !== null;
const parsed = caps.filter(parses);
/** pairs that share structures, so equality and subset questions are often true */
const pair = fc.oneof(
  fc.tuple(parsed, parsed),
  fc
    .array(structure.filter(parses), { minLength: 1, maxLength: 3 })
    .chain((pool) => fc.tuple(fc.shuffledSubarray(pool, { minLength: 1 }), fc.shuffledSubarray(pool, { minLength: 1 })).map(([a, b]) => [a.join(';'), b.join(';')] as const)),
);

const UNARY: readonly UnaryOp[] = ['normalize', 'simplify', 'fixate', 'truncate', 'isFixed'];
const BINARY: readonly BinaryOp[] = ['intersect', 'intersectFirst', 'canIntersect', 'isSubset', 'isEqual', 'isStrictlyEqual', 'subtract', 'merge', 'append'];

describeOracle('rarely used value types agree with GStreamer 1.22', () => {
  it('parse and print', () => {
    const { asked } = assertSameAsGStreamer(caps.map((a): CapsCase => ({ op: 'parse', a })), { numRuns: runs(800) });
    expect(asked).toBeGreaterThan(runs(800) / 2);
  });

  it.each([...UNARY, ...SELF_OPS])('%s', (op) => {
    const { asked, skipped } = assertSameAsGStreamer(parsed.map((a): CapsCase => ({ op, a })), { numRuns: runs(200) });
    expect(asked).toBeGreaterThan(skipped);
  });

  it.each(BINARY)('%s', (op) => {
    const { asked, skipped } = assertSameAsGStreamer(pair.map(([a, b]): CapsCase => ({ op, a, b })), { numRuns: runs(200) });
    expect(asked).toBeGreaterThan(skipped);
  });
});
