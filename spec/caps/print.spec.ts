/**
 * The printer as tables: value or caps → what GStreamer 1.22.0 prints (`gst_value_serialize`,
 * `gst_structure_to_string`, `gst_caps_to_string`). Values are built directly here, so the printer
 * is tested on data the algebra produces too, not only on what the parser makes; each answer comes
 * from caps-semantics.md §4 or was recorded from libgstreamer-1.0 1.22.0.
 */
import { describe, expect, it } from 'vitest';
import { parseCaps, parseStructure } from '../../src/caps/parse.js';
import { capsToString, structureToString, valueToString } from '../../src/caps/print.js';
import type { CapsData, CapsFeatures, Structure, Value } from '../../src/caps/types.js';

const str = (value: string | null): Value => ({ kind: 'string', value });
const int = (value: number): Value => ({ kind: 'int', value });
const s = (name: string, fields: Record<string, Value> = {}): Structure => ({
  name,
  fields: Object.entries(fields).map(([n, value]) => ({ name: n, value })),
});
const caps = (...entries: [Structure, CapsFeatures | null][]): CapsData => ({
  any: false,
  entries: entries.map(([structure, features]) => ({ structure, features })),
});
const features = (...names: string[]): CapsFeatures => ({ any: false, names });

describe('gst_value_serialize of strings (§4.3)', () => {
  it.each([
    ['hello world', '"hello\\ world"'],
    ['a"b', '"a\\"b"'],
    ['a,b;c=d', '"a\\,b\\;c\\=d"'],
    ['a(b)', '"a\\(b\\)"'],
    ['a<b>', '"a\\<b\\>"'],
    ["a'b", '"a\\\'b"'],
    ['a\\b', '"a\\\\b"'],
    ['tab\té', '"tab\\011\\303\\251"'],
    ['', '""'],
    ['NULL', '"NULL"'],
    ['a/b:c.d+e-f_g', 'a/b:c.d+e-f_g'],
    ['\x7f\x01', '"\\177\\001"'],
    ['😀', '"\\360\\237\\230\\200"'],
    ['€', '"\\342\\202\\254"'],
  ])('%j → %s', (value, printed) => {
    expect(valueToString(str(value))).toBe(printed);
  });

  it('a NULL string prints NULL', () => {
    expect(valueToString(str(null))).toBe('NULL');
  });
});

describe('gst_value_serialize of the other kinds (§4.2)', () => {
  it.each<readonly [Value, string]>([
    [int(-2147483648), '-2147483648'],
    [{ kind: 'uint', value: 4294967295 }, '4294967295'],
    [{ kind: 'int64', value: -9223372036854775808n }, '-9223372036854775808'],
    [{ kind: 'uint64', value: 18446744073709551615n }, '18446744073709551615'],
    [{ kind: 'double', value: 0.1 }, '0.10000000000000001'],
    [{ kind: 'double', value: 2 ** -25 }, '2.9802322387695312e-08'],
    [{ kind: 'float', value: Math.fround(0.1) }, '0.10000000149011612'],
    [{ kind: 'boolean', value: false }, 'false'],
    [{ kind: 'fraction', num: 30000, den: 1001 }, '30000/1001'],
    [{ kind: 'fraction', num: 0, den: 1 }, '0/1'],
    [{ kind: 'int-range', min: 1, max: 100, step: 1 }, '[ 1, 100 ]'],
    [{ kind: 'int-range', min: 16, max: 4096, step: 16 }, '[ 16, 4096, 16 ]'],
    [{ kind: 'int64-range', min: 0n, max: 10n, step: 2n }, '[ 0, 10, 2 ]'],
    [{ kind: 'double-range', min: 0.5, max: 1e17 }, '[ 0.5, 1e+17 ]'],
    [{ kind: 'fraction-range', min: { num: 0, den: 1 }, max: { num: 2147483647, den: 1 } }, '[ 0/1, 2147483647/1 ]'],
    [{ kind: 'bitmask', value: 0xffn }, '0x00000000000000ff'],
    [{ kind: 'flagset', flags: 1, mask: 0xffffffff }, '1:ffffffff'],
    // below the top level of a field, every element carries its exact type
    [{ kind: 'list', items: [int(1), str('abc')] }, '{ (int)1, (string)abc }'],
    [{ kind: 'array', items: [] }, '<  >'],
    [
      { kind: 'list', items: [{ kind: 'int-range', min: 1, max: 2, step: 1 }, { kind: 'list', items: [] }, { kind: 'array', items: [] }] },
      '{ (GstIntRange)[ 1, 2 ], (list){  }, (array)<  > }',
    ],
    [{ kind: 'structure', value: s('foo', { c: int(1) }) }, '"foo\\,\\ c\\=\\(int\\)1\\;"'],
    [{ kind: 'caps', value: { any: true, entries: [] } }, 'ANY'],
    [{ kind: 'caps', value: { any: false, entries: [] } }, 'EMPTY'],
    [{ kind: 'caps', value: caps([s('bar'), null]) }, 'bar'],
    [{ kind: 'opaque', type: 'date', text: '2020-02-29' }, '2020-02-29'],
  ])('%o → %s', (value, printed) => {
    expect(valueToString(value)).toBe(printed);
  });
});

describe('gst_caps_to_string (§4.1, §4.2)', () => {
  it.each<readonly [string, CapsData, string]>([
    ['ANY', { any: true, entries: [] }, 'ANY'],
    ['EMPTY', { any: false, entries: [] }, 'EMPTY'],
    ['structures joined by "; "', caps([s('x'), null], [s('y', { a: int(1) }), null]), 'x; y, a=(int)1'],
    ['system memory alone is not printed', caps([s('x'), features('memory:SystemMemory')]), 'x'],
    ['empty features are not printed', caps([s('x'), features()]), 'x'],
    [
      'system memory next to another feature is printed',
      caps([s('x'), features('memory:SystemMemory', 'meta:Foo')]),
      'x(memory:SystemMemory, meta:Foo)',
    ],
    ['ANY features', caps([s('x', { a: int(1) }), { any: true, names: [] }]), 'x(ANY), a=(int)1'],
    ['a mixed list is labelled by its first element', caps([s('x', { a: { kind: 'list', items: [int(1), { kind: 'double', value: 2.5 }] } }), null]), 'x, a=(int){ 1, 2.5 }'],
    ['an empty list is labelled int', caps([s('x', { a: { kind: 'list', items: [] } }), null]), 'x, a=(int){  }'],
    ['a range field is labelled by its element type', caps([s('x', { a: { kind: 'fraction-range', min: { num: 1, den: 2 }, max: { num: 2, den: 1 } } }), null]), 'x, a=(fraction)[ 1/2, 2/1 ]'],
    ['a NULL string field prints NULL', caps([s('x', { a: str(null) }), null]), 'x, a=(string)NULL'],
    // GStreamer skips an unserialisable element but still writes the separator after the one before
    ['NULL strings in a list', caps([s('x', { a: { kind: 'list', items: [str('b'), str(null)] } }), null]), 'x, a=(string){ b,  }'],
    ['int64 and uint64 use GType names', caps([s('x', { a: { kind: 'int64', value: 5n }, b: { kind: 'uint64', value: 5n } }), null]), 'x, a=(gint64)5, b=(guint64)5'],
    ['opaque values print their type', caps([s('x', { a: { kind: 'opaque', type: 'glong', text: '-5' } }), null]), 'x, a=(glong)-5'],
  ])('%s', (_what, data, printed) => {
    expect(capsToString(data)).toBe(printed);
  });
});

describe('the nested-structure mode toggle (§4.5)', () => {
  const nested = s('foo', { a: int(1), b: str('x y') });
  it.each<readonly [string, CapsData, string]>([
    ['caps print structure fields in brackets', caps([s('x', { a: { kind: 'structure', value: nested } }), null]), 'x, a=(structure)[foo, a=(int)1, b=(string)"x\\ y";]'],
    [
      'a caps field flips its structures to QUOTED',
      caps([s('x', { a: { kind: 'caps', value: caps([s('foo', { b: { kind: 'structure', value: s('bar', { c: int(1) }) } }), null]) } }), null]),
      'x, a=(GstCaps)[foo, b=(structure)"bar\\,\\ c\\=\\(int\\)1\\;"]',
    ],
    [
      'structure and caps elements of a top-level list print in brackets',
      caps([s('x', { a: { kind: 'list', items: [{ kind: 'structure', value: s('foo') }, { kind: 'caps', value: caps([s('bar'), features('memory:X')]) }] } }), null]),
      'x, a=(structure){ [foo;], [bar(memory:X)] }',
    ],
    [
      'deeper lists always print QUOTED',
      caps([s('x', { a: { kind: 'list', items: [{ kind: 'list', items: [{ kind: 'structure', value: s('foo', { c: int(1) }) }] }] } }), null]),
      'x, a=(structure){ { (structure)"foo\\,\\ c\\=\\(int\\)1\\;" } }',
    ],
  ])('%s', (_what, data, printed) => {
    expect(capsToString(data)).toBe(printed);
  });

  // recorded from gst_structure_to_string (1.22.0): QUOTED mode, trailing ';'
  it.each([
    ['x', 'x;'],
    ['x,a=[foo,a=1,b="x y"]', 'x, a=(structure)"foo\\,\\ a\\=\\(int\\)1\\,\\ b\\=\\(string\\)\\"x\\\\\\ y\\"\\;";'],
    ['x,a=(GstCaps)[foo,b=[bar,c=1]]', 'x, a=(GstCaps)"foo\\,\\ b\\=\\(structure\\)\\[bar\\,\\ c\\=\\(int\\)1\\;\\]";'],
    ['x,a={[foo,a=1],(GstCaps)[bar]}', 'x, a=(structure){ "foo\\,\\ a\\=\\(int\\)1\\;", bar };'],
    ['x,a=(GstCaps)[foo(memory:X);bar]', 'x, a=(GstCaps)"foo\\(memory:X\\)\\;\\ bar";'],
    ['x,a=NULL,b={NULL,c}', 'x, a=(string)NULL, b=(string){ c };'],
    ['x,a=(GstCaps)ANY,b=(GstCaps)EMPTY', 'x, a=(GstCaps)ANY, b=(GstCaps)EMPTY;'],
  ])('gst_structure_to_string(%j) → %j', (input, printed) => {
    const r = parseStructure(input);
    expect(r.ok && structureToString(r.structure)).toBe(printed);
  });
});

describe('printing is the parser inverse where GStreamer round-trips (§4.6)', () => {
  it.each([
    'video/x-raw(memory:GLMemory, meta:GstVideoOverlayComposition), format=(string){ RGBA, NV12 }, width=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]',
    'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000003',
    'x, a=(structure)[foo, b=(GstCaps)[bar, c=(structure)"baz\\,\\ d\\=\\(int\\)1\\;"];]',
    'x, a=(string)"tab\\011\\303\\251", b=(double)-nan, c=(float)0.10000000149011612, d=(flagset)5:7',
  ])('%s', (text) => {
    const r = parseCaps(text);
    expect(r.ok && capsToString(r.caps)).toBe(text);
  });
});

describe('GstFlagSet subtypes print hex, then their flags by nick (gst_value_serialize_flagset)', () => {
  const T = 'GstVideoMultiviewFlagsSet';
  const fs = (flags: number, mask: number): Value => ({ kind: 'flagset', flags, mask, type: T });
  // recorded from 1.22.0 with libgstvideo's type registered: `+nick` for set bits, `/nick` for cleared ones,
  // in the flags class's order, only bits the mask cares about
  it.each<readonly [Value, string]>([
    [fs(0, 0xffffffff), '0:ffffffff:/right-view-first/left-flipped/left-flopped/right-flipped/right-flopped/half-aspect/mixed-mono'],
    [fs(1, 3), '1:3:+right-view-first/left-flipped'],
    [fs(0x8000, 0xc000), '8000:c000:/half-aspect+mixed-mono'],
    [fs(0, 0xffff0000), '0:ffff0000'],
    [fs(0, 0), '0:0'],
    [fs(0xffffffff, 0xffffffff), 'ffffffff:ffffffff:+right-view-first+left-flipped+left-flopped+right-flipped+right-flopped+half-aspect+mixed-mono'],
    [{ kind: 'flagset', flags: 1, mask: 3 }, '1:3'],
  ])('%j → %s', (v, printed) => {
    expect(valueToString(v)).toBe(printed);
  });

  it('the field and nested list elements carry the subtype name', () => {
    const c = caps([s('x', { a: fs(1, 1), b: { kind: 'list', items: [{ kind: 'list', items: [fs(1, 1)] }] } }), null]);
    expect(capsToString(c)).toBe(
      `x, a=(${T})1:1:+right-view-first, b=(${T}){ { (${T})1:1:+right-view-first } }`,
    );
  });
});
