/**
 * fast-check arbitraries for caps STRINGS, valid by construction (every string parses in
 * GStreamer 1.22), drawn from a small universe of names, field names and values so that
 * intersections and subsets are often non-trivial.
 *
 * The same value is spelled many ways (`8`, `0x8`, `010`, `+8`, `(int)8`, `(i)8`), so a property
 * that holds for one spelling is exercised through all of the parser's inference rules.
 *
 * Usage: `capsStringArb({ maxStructures: 2, kinds: ['int', 'int-range', 'list'] })`.
 * `quirks: true` adds inputs that are valid but break algebraic laws in GStreamer itself (NaN,
 * degenerate `[5,5]` ranges, mixed-type lists, empty lists, duplicate fields); the differential
 * tests want them, law tests usually do not.
 * @internal
 */
import fc from 'fast-check';

/** The value kinds the generator can produce; names follow `ValueKind` in src/caps/types.ts. */
export type CapsValueKind =
  | 'int'
  | 'uint'
  | 'int64'
  | 'uint64'
  | 'double'
  | 'float'
  | 'fraction'
  | 'boolean'
  | 'string'
  | 'int-range'
  | 'int64-range'
  | 'double-range'
  | 'fraction-range'
  | 'list'
  | 'array'
  | 'bitmask'
  | 'flagset'
  | 'structure'
  | 'caps'
  | 'opaque';

export const ALL_VALUE_KINDS: readonly CapsValueKind[] = [
  'int', 'uint', 'int64', 'uint64', 'double', 'float', 'fraction', 'boolean', 'string',
  'int-range', 'int64-range', 'double-range', 'fraction-range', 'list', 'array', 'bitmask',
  'flagset', 'structure', 'caps', 'opaque',
];

/** Kinds whose values are fixed (§1 table); lists and ranges never are. */
const FIXED_KINDS: ReadonlySet<CapsValueKind> = new Set<CapsValueKind>([
  'int', 'uint', 'int64', 'uint64', 'double', 'float', 'fraction', 'boolean', 'string', 'array',
  'bitmask', 'flagset', 'structure', 'caps', 'opaque',
]);

export interface CapsStringConstraints {
  /** default 1 (0 allows `EMPTY`-like strings such as `""`) */
  readonly minStructures?: number;
  /** default 3 */
  readonly maxStructures?: number;
  /** fields per structure, default 3 */
  readonly maxFields?: number;
  /** value kinds allowed anywhere (nested too); default all */
  readonly kinds?: readonly CapsValueKind[];
  /** caps features such as `(memory:DMABuf)` and `(ANY)`; default true */
  readonly withFeatures?: boolean;
  /** also produce the `ANY`, `EMPTY` and `NONE` caps; default true unless fixedOnly */
  readonly withAnyEmpty?: boolean;
  /** only caps that are fixed in the sense of gst_caps_is_fixed; default false */
  readonly fixedOnly?: boolean;
  /** nesting bound for lists, arrays, nested structures and caps; default 2 */
  readonly depth?: number;
  /** valid inputs on which GStreamer's own laws break (see the module comment); default false */
  readonly quirks?: boolean;
  /**
   * every list holds one kind of element (all scalars, all ranges, all lists, …); default false.
   * Lists mixing GTypes crash 1.22's value comparison (spec/oracle/gst.ts), so the differential
   * tests of comparing ops use this to keep most draws askable.
   */
  readonly uniformLists?: boolean;
  /**
   * besides the small universe, draw scalars and ranges from their whole domain (any int32, any
   * double, any reduced fraction, any int64, any UTF-8 string): exercises printing (%.17g, escapes)
   * and arithmetic (gcd, 64-bit cross products) at the cost of fewer overlaps; default false
   */
  readonly wide?: boolean;
  /** with quirks: also values of registered enum/flags types such as `(GstFormat)time`; default false */
  readonly enums?: boolean;
}

interface Ctx {
  readonly kinds: ReadonlySet<CapsValueKind>;
  readonly fixedOnly: boolean;
  readonly withFeatures: boolean;
  readonly quirks: boolean;
  readonly maxFields: number;
  readonly uniformLists: boolean;
  readonly wide: boolean;
  readonly enums: boolean;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

// ---------------------------------------------------------------------------------------------
// Scalars: a small universe of values, each with several spellings GStreamer reads the same way.

const INT_UNIVERSE = [0, 1, 2, 3, 4, 5, 8, 10, 16, 20, 30, -1, -4, 640, 1080, 1920, INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1] as const;

/** Untyped spellings of an int32 that the inference reads as that int (§3.6). */
function intSpellings(v: number): string[] {
  const out = [String(v)];
  if (v >= 0) {
    out.push(`0x${v.toString(16)}`, `+${v}`);
    if (v > 0) out.push(`0${v.toString(8)}`);
  } else {
    out.push(`-0x${(-v).toString(16)}`, String(v + 2 ** 32)); // 4294967295 wraps to -1
  }
  if (v === INT_MAX) out.push('max', 'MAX');
  if (v === INT_MIN) out.push('min');
  if (v === 0) out.push('-0');
  return out;
}

const spelled = (spellings: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...spellings);
const castOr = (casts: readonly string[], bare: fc.Arbitrary<string>, untypedOk = true): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...(untypedOk ? ['', ...casts] : casts)), bare).map(([c, b]) => c + b);

const intValueArb: fc.Arbitrary<number> = fc.constantFrom(...INT_UNIVERSE);
const intTextArb = intValueArb.chain((v) => castOr(['(int)', '(i)', '(gint)'], spelled(intSpellings(v))));

const uintTextArb = fc
  .constantFrom('0', '1', '5', '8', '0x10', '4294967295', '-1', '4294967296', 'max', 'min')
  .chain((b) => castOr(['(uint)', '(u)', '(guint)'], fc.constant(b), false));

const INT64_UNIVERSE = ['0', '5', '10', '-1', '1099511627776', '0x10', '9223372036854775807', '9223372036854775808', 'max', 'min', '9223372036854775806'];
const int64TextArb = fc.constantFrom(...INT64_UNIVERSE).map((b) => `(gint64)${b}`);
const uint64TextArb = fc.constantFrom('0', '5', '10', '-1', '18446744073709551615', '0xff', 'max').map((b) => `(guint64)${b}`);

/** Untyped double spellings must not look like ints, so integral values get a `.0` or `.`. */
const DOUBLE_UNTYPED = [
  '0.0', '0.5', '1.0', '1.5', '2.', '2.5', '5.0', '30.0', '-1.5', '.5', '0.1', '1e100', '1e-5', '1.5e-4',
  '2.98023223876953125e-8', '1e17', '12345678901234567.0', '-0.0', 'inf', '-inf', 'Infinity', '0x1p3', '1e309',
  '4294967296', '08', '1.7976931348623157e308', '5e-324',
];
const DOUBLE_CAST_ONLY = ['1', '5', '0', '30', '2', 'max', 'min'];
const doubleTextArb = fc.oneof(
  castOr(['(double)', '(d)', '(gdouble)'], fc.constantFrom(...DOUBLE_UNTYPED)),
  fc.constantFrom(...DOUBLE_CAST_ONLY).chain((b) => castOr(['(double)', '(d)'], fc.constant(b), false)),
);
const nanTextArb = fc.constantFrom('nan', '-nan', 'NaN', '(double)nan');
const floatTextArb = fc
  .constantFrom('0.1', '1.5', '2', '0.5', '1e10', '-0.0', '3.4028234663852886e38')
  .chain((b) => castOr(['(float)', '(f)', '(gfloat)'], fc.constant(b), false));

type Frac = readonly [number, number];
const FRACTION_UNIVERSE: readonly Frac[] = [
  [0, 1], [1, 2], [1, 1], [2, 1], [5, 1], [25, 1], [30, 1], [60, 1], [30000, 1001], [-3, 2], [2147483647, 1], [1, 2147483647],
];
const fracValue = ([n, d]: Frac): number => n / d;

/** Spellings of a reduced fraction that parse back to it, both untyped (N/D only) and cast. */
function fractionUntyped([n, d]: Frac): string[] {
  const out = [`${n}/${d}`];
  if (Math.abs(n * 2) <= INT_MAX && d * 2 <= INT_MAX) out.push(n < 0 ? `${-n * 2}/-${d * 2}` : `${n * 2}/${d * 2}`);
  if (n > 0) out.push(`+${n}/${d}`);
  if (n === 1 && d === INT_MAX) out.push('1/max', '1/MAX');
  return out;
}
function fractionCastOnly([n, d]: Frac): string[] {
  const out: string[] = [];
  if (d === 1) out.push(String(n));
  if (n === INT_MAX && d === 1) out.push('max');
  return out;
}
const fractionTextArb = fc.constantFrom(...FRACTION_UNIVERSE).chain((f) => {
  const casts = ['(fraction)', '(GstFraction)'];
  const options = [castOr(casts, spelled(fractionUntyped(f)))];
  const castOnly = fractionCastOnly(f);
  if (castOnly.length > 0) options.push(castOr(casts, spelled(castOnly), false));
  return fc.oneof(...options);
});

const booleanTextArb = fc.oneof(
  fc.constantFrom('true', 'false', 'yes', 'no', 't', 'f', 'TRUE', 'False', 'YES'),
  fc.constantFrom('true', 'false', '1', '0', 'yes', 'no').chain((b) => castOr(['(boolean)', '(bool)', '(b)', '(gboolean)'], fc.constant(b), false)),
);

/** String values; the printer's escaping rules (§4.3) are exercised by the non-SIMPLE ones. */
const STRING_UNIVERSE = [
  'I420', 'NV12', 'RGBA', 'YUY2', 'S16LE', 'F32LE', 'interleaved', 'abc', 'a/b:c.d+e-f_g', 'hello world', 'a,b;c=d',
  'a(b)', 'a<b>', "a'b", 'a\\b', 'quote"d', 'tab\té', 'é', '日本', '', 'NULL', '1', '5', 'true', '1/2',
] as const;
const SIMPLE = /^[A-Za-z0-9_+\-/:.]+$/;
/** Strings the untyped inference reads as strings when written bare (§3.5). */
const BARE_SAFE = new Set(['I420', 'NV12', 'RGBA', 'YUY2', 'S16LE', 'F32LE', 'interleaved', 'abc', 'a/b:c.d+e-f_g']);
/** Strings the untyped inference reads as strings even when quoted. */
const QUOTED_SAFE = new Set(['hello world', 'a,b;c=d', 'a(b)', 'a<b>', "a'b", 'quote"d', 'tab\té', 'é', '日本', 'I420']);

/** A quoted token as a user would write it: backslash before `"` and `\`, the rest raw UTF-8. */
const quoteRaw = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
/** A quoted token as GStreamer prints it: SIMPLE bytes raw, control and non-ASCII bytes octal. */
function quoteOctal(s: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (SIMPLE.test(c)) out += c;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += `\\${c}`;
  }
  return `${out}"`;
}

function stringSpellings(s: string): fc.Arbitrary<string> {
  const casts = ['(string)', '(str)', '(s)', '(gchararray)'];
  const options: fc.Arbitrary<string>[] = [];
  if (SIMPLE.test(s) && s !== 'NULL') options.push(castOr(casts, fc.constant(s), BARE_SAFE.has(s)));
  options.push(castOr(casts, fc.constantFrom(quoteRaw(s), quoteOctal(s)), QUOTED_SAFE.has(s)));
  return fc.oneof(...options);
}
const stringTextArb = fc.oneof(
  { arbitrary: fc.constantFrom(...STRING_UNIVERSE).chain(stringSpellings), weight: 10 },
  { arbitrary: fc.constant('NULL'), weight: 1 }, // the null string
);

const bitmaskTextArb = fc
  .constantFrom('0xff', 'ff', '0', '0x3', 'ffffffffffffffff', '0x0000000000000001')
  .chain((b) => castOr(['(bitmask)', '(GstBitmask)'], fc.constant(b), false));

const flagsetTextArb = (fixed: boolean): fc.Arbitrary<string> =>
  fixed
    ? fc.constantFrom('1:ffffffff', '0:ffffffff', '5:ffffffff').chain((b) => castOr(['(flagset)', '(GstFlagSet)'], fc.constant(b)))
    : fc.oneof(
        fc.constantFrom('1:1', '1:3', '4:4', '5:7', '0:1', '2:2', '3:3', '0x3:0x7', '1:ffffffff', 'ab:cd', '1:2:+foo'),
        fc.constantFrom('1:3', '4:4', '0x10:0x20', '1:ffffffff').map((b) => `(flagset)${b}`),
      );

// ---------------------------------------------------------------------------------------------
// Ranges: bounds ordered with `.map`, never filtered, so every draw is valid.

const INT_STEPS = [1, 1, 2, 3, 4, 16] as const;
const intRangeTextArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...INT_STEPS), fc.integer({ min: -6, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.boolean())
    .map(([step, k, len, spaced, cast]) => {
      const lo = k * step;
      const hi = (k + len) * step;
      const parts = step === 1 && len % 2 === 0 ? [lo, hi] : [lo, hi, step];
      const body = spaced ? `[ ${parts.join(', ')} ]` : `[${parts.join(',')}]`;
      return (cast ? '(int)' : '') + body;
    }),
  fc.constantFrom('[1,100]', '[min,max]', '[0,max]', '[1,2147483647]', '[ 16, 4096, 16 ]', '[-20,20,4]', '[0x10,0x20]', '[1,max]'),
  // next to the int32 ends, where subtraction steps around the overflow (§6.2)
  fc.constantFrom('[2147483646,max]', '[2147483645,max]', '[min,-2147483647]', '[min,-2147483646]', '[2147483640,max,1]', '[min,0]'),
);
const int64RangeTextArb = fc
  .tuple(fc.constantFrom(1, 2, 5), fc.integer({ min: -4, max: 6 }), fc.integer({ min: 1, max: 8 }))
  .map(([step, k, len]) => {
    const parts = step === 1 ? [k * step, (k + len) * step] : [k * step, (k + len) * step, step];
    return `(gint64)[${parts.join(',')}]`;
  })
  .chain((t) =>
    fc.constantFrom(t, '(gint64)[min,max]', '(gint64)[0,1099511627776]', '(gint64)[9223372036854775806,max]', '(gint64)[min,-9223372036854775807]'),
  );

const DOUBLE_BOUNDS = [0, 0.5, 1, 1.5, 2, 2.5, 5, 10, 30, -1.5, 0.1] as const;
const doubleBound = (v: number, untyped: boolean): string => (untyped && Number.isInteger(v) ? `${v}.0` : String(v));
const doubleRangeTextArb = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...DOUBLE_BOUNDS), { minLength: 2, maxLength: 2 }), fc.boolean())
  .map(([pair, cast]) => {
    const [a, b] = [...pair].sort((x, y) => x - y) as [number, number];
    return cast ? `(double)[${doubleBound(a, false)},${doubleBound(b, false)}]` : `[${doubleBound(a, true)},${doubleBound(b, true)}]`;
  })
  .chain((t) => fc.oneof({ arbitrary: fc.constant(t), weight: 8 }, { arbitrary: fc.constantFrom('(double)[min,max]', '[ -inf, inf ]', '[0.0,1e100]'), weight: 1 }));

const fractionRangeTextArb = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...FRACTION_UNIVERSE), { minLength: 2, maxLength: 2, selector: (f) => fracValue(f) }), fc.boolean())
  .map(([pair, cast]) => {
    const [a, b] = [...pair].sort((x, y) => fracValue(x) - fracValue(y)) as [Frac, Frac];
    const spell = (f: Frac): string => (cast && f[1] === 1 ? String(f[0]) : `${f[0]}/${f[1]}`);
    return `${cast ? '(fraction)' : ''}[${spell(a)},${spell(b)}]`;
  })
  .chain((t) => fc.oneof({ arbitrary: fc.constant(t), weight: 8 }, { arbitrary: fc.constantFrom('(fraction)[0,max]', '[0/1,2147483647/1]', '[1/max,2147483647/1]', '(fraction)[1/max,max]'), weight: 1 }));

/** Valid strings that GStreamer turns into the `[ 0, 0 ]` placeholder range (§3.7). */
const degenerateRangeTextArb = fc.constantFrom('[5,5]', '[10,1]', '[1,10,3]', '[2,10,0]', '(gint64)[5,5]', '[1.5,1.5]', '(fraction)[1/2,2/4]');

// ---------------------------------------------------------------------------------------------
// The wide universe: whole domains, always with an explicit cast so inference cannot re-type them.

/** A double spelled so that strtod reads it back exactly (shortest round-trip form), sign of zero kept. */
function doubleText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  return String(x);
}

const int32Arb = fc.integer({ min: INT_MIN, max: INT_MAX });
/** Reduced fractions over the whole int32 range, as GStreamer stores them (den > 0, INT_MIN avoided). */
const wideFractionArb: fc.Arbitrary<Frac> = fc
  .tuple(fc.integer({ min: -INT_MAX, max: INT_MAX }), fc.integer({ min: 1, max: INT_MAX }))
  .map(([n, d]) => {
    let a = Math.abs(n);
    let b = d;
    while (b !== 0) [a, b] = [b, a % b];
    const g = a === 0 ? d : a;
    return [n / g, d / g] as const;
  });
const finiteDoubleArb = fc.double({ noNaN: true, noDefaultInfinity: true });
/** any UTF-8 text without NUL or brackets (nested values are scanned for `[`/`]` without honouring quotes) */
const wideStringArb = fc.string({ unit: 'binary', maxLength: 8 }).map((s) => s.replace(/[\0[\]]/g, '_'));

const WIDE_SCALARS: Partial<Record<Family, fc.Arbitrary<string>>> = {
  int: fc.oneof(
    int32Arb.map((v) => `(int)${v}`),
    int32Arb.map((v) => (v < 0 ? `${v + 2 ** 32}` : `0x${v.toString(16)}`)), // untyped: wraps / hex
  ),
  uint: fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((v) => `(uint)${v}`),
  int64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v) => `(gint64)${v}`),
  uint64: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => `(guint64)${v}`),
  double: fc.oneof(finiteDoubleArb, fc.constantFrom(Infinity, -Infinity, -0)).map((x) => `(double)${doubleText(x)}`),
  float: fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => `(float)${doubleText(x)}`),
  fraction: wideFractionArb.map(([n, d]) => `${n}/${d}`),
  string: wideStringArb.chain((s) => fc.constantFrom(`(string)${quoteRaw(s)}`, `(string)${quoteOctal(s)}`)),
  bitmask: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => `(bitmask)0x${v.toString(16)}`),
  flagset: fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map(([f, m]) => `(flagset)${f.toString(16)}:${m.toString(16)}`),
};

const WIDE_RANGES: Partial<Record<CapsValueKind, fc.Arbitrary<string>>> = {
  'int-range': fc
    .tuple(fc.integer({ min: 1, max: 1000 }), int32Arb, int32Arb)
    .map(([step, x, y]) => {
      const lo = Math.trunc(Math.min(x, y) / step);
      const hi = Math.max(lo + 1, Math.trunc(Math.max(x, y) / step));
      const hiClamped = Math.min(hi, Math.trunc(INT_MAX / step));
      const loClamped = Math.min(lo, hiClamped - 1);
      return step === 1 ? `[${loClamped},${hiClamped}]` : `[${loClamped * step},${hiClamped * step},${step}]`;
    }),
  'int64-range': fc
    .tuple(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), fc.bigInt({ min: 1n, max: 2n ** 40n }))
    .map(([step, k, len]) => `(gint64)[${(k / step) * step},${(k / step + len) * step},${step}]`),
  'double-range': fc
    .uniqueArray(finiteDoubleArb, { minLength: 2, maxLength: 2, comparator: (a, b) => a === b })
    .map((p) => {
      const [a, b] = [...p].sort((x, y) => x - y) as [number, number];
      return `(double)[${doubleText(a)},${doubleText(b)}]`;
    }),
  'fraction-range': fc
    .uniqueArray(wideFractionArb, { minLength: 2, maxLength: 2, selector: ([n, d]) => `${n}/${d}` })
    .map((p) => {
      // exact order: n1*d2 vs n2*d1 in BigInt
      const [a, b] = [...p].sort((x, y) => {
        const l = BigInt(x[0]) * BigInt(y[1]);
        const r = BigInt(y[0]) * BigInt(x[1]);
        return l < r ? -1 : l > r ? 1 : 0;
      }) as [Frac, Frac];
      return `[${a[0]}/${a[1]},${b[0]}/${b[1]}]`;
    }),
};

// ---------------------------------------------------------------------------------------------
// Families: a field name prefers one family of kinds, so that two random caps often share a
// field of the same type and intersect non-trivially.

type Family = 'int' | 'int64' | 'uint' | 'uint64' | 'double' | 'float' | 'fraction' | 'boolean' | 'string' | 'bitmask' | 'flagset' | 'structure' | 'caps' | 'opaque';
const FAMILIES: readonly Family[] = ['int', 'int64', 'uint', 'uint64', 'double', 'float', 'fraction', 'boolean', 'string', 'bitmask', 'flagset', 'structure', 'caps', 'opaque'];
const FAMILY_SCALAR: Record<Family, CapsValueKind> = {
  int: 'int', int64: 'int64', uint: 'uint', uint64: 'uint64', double: 'double', float: 'float', fraction: 'fraction',
  boolean: 'boolean', string: 'string', bitmask: 'bitmask', flagset: 'flagset', structure: 'structure', caps: 'caps', opaque: 'opaque',
};
const FAMILY_RANGE: Partial<Record<Family, CapsValueKind>> = {
  int: 'int-range', int64: 'int64-range', double: 'double-range', fraction: 'fraction-range',
};

const FIELDS: readonly { readonly name: string; readonly families: readonly Family[] }[] = [
  { name: 'width', families: ['int'] },
  { name: 'height', families: ['int'] },
  { name: 'format', families: ['string'] },
  { name: 'framerate', families: ['fraction'] },
  { name: 'rate', families: ['int', 'double'] },
  { name: 'a', families: ['int', 'string', 'fraction', 'double', 'boolean'] },
  { name: 'b', families: ['int64', 'uint', 'uint64', 'float', 'bitmask', 'flagset', 'boolean', 'opaque'] },
  { name: 's', families: ['structure', 'caps', 'string'] },
  { name: 'z', families: FAMILIES },
  { name: '1a', families: ['int'] },
  { name: 'x.y:z+w', families: ['string', 'int'] },
];

const STRUCTURE_NAMES = ['video/x-raw', 'audio/x-raw', 'x'] as const;
/** names that parse but are odd: quoted, every SIMPLE character, the deprecated `-yuv` suffix */
const QUIRK_STRUCTURE_NAMES = ['"x"', '"video/x-raw"', 'a.b+c:d_e-f', 'video/x-raw-yuv', 'X'] as const;
/** feature texts that parse but are dropped, deduplicated or trimmed (§3.3) */
const QUIRK_FEATURES = [
  '()', '(memory:foo_bar)', '(:abc)', '(memory:GLMemory,  meta:GstVideoOverlayComposition)',
  '(meta:Foo,memory:GLMemory,meta:Foo)', '(ANY,memory:GLMemory)', '(any)', '( ANY)', '(memory:GLMemory\\,meta:Foo)',
] as const;
const NESTED_NAMES = ['foo', 'bar'] as const;
const FEATURES = [
  'memory:DMABuf', 'memory:GLMemory', 'memory:SystemMemory', 'meta:GstVideoOverlayComposition',
  'memory:DMABuf, meta:GstVideoOverlayComposition', 'memory:SystemMemory, meta:GstVideoOverlayComposition',
  'memory:GLMemory,meta:GstVideoOverlayComposition', 'meta:GstVideoOverlayComposition, memory:DMABuf',
] as const;

type Weighted = { readonly arbitrary: fc.Arbitrary<string>; readonly weight: number; readonly isList?: boolean };
type Cache = Map<string, readonly Weighted[]>;

/** The ways to draw one value of `family` with `depth` levels of nesting left (scalar, range, list, array). */
function familyOptions(ctx: Ctx, family: Family, depth: number, cache: Cache): readonly Weighted[] {
  const key = `${family}/${depth}/${ctx.fixedOnly}/${ctx.maxFields}`; // one cache per capsStringArb call, so the other ctx fields are fixed
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const options: Weighted[] = [];
  const scalar = scalarArb(ctx, family, depth, cache);
  if (scalar !== null) options.push({ arbitrary: scalar, weight: 6 });
  const rangeKind = FAMILY_RANGE[family];
  if (rangeKind !== undefined && !ctx.fixedOnly && ctx.kinds.has(rangeKind)) {
    const r = rangeArb(rangeKind, ctx.wide);
    options.push({ arbitrary: ctx.quirks ? fc.oneof({ arbitrary: r, weight: 9 }, { arbitrary: degenerateRangeTextArb, weight: 1 }) : r, weight: 3 });
  }
  if (depth > 0) {
    const inner = familyOptions(ctx, family, depth - 1, cache);
    const innerFixed = ctx.fixedOnly ? inner : familyOptions({ ...ctx, fixedOnly: true }, family, depth - 1, cache);
    // uniform lists hold no lists: intersecting `{ {1,2}, {3} }` yields the mixed `{ { 1, 2 }, 3 }`
    const listElems = ctx.uniformLists ? inner.filter((o) => !o.isList) : inner;
    if (listElems.length > 0 && ctx.kinds.has('list') && !ctx.fixedOnly) options.push({ arbitrary: listArb(ctx, listElems, '{', '}'), weight: 3, isList: true });
    if (innerFixed.length > 0 && ctx.kinds.has('array')) {
      // arrays of fixed values are fixed; with fixedOnly they must stay so
      const elems = ctx.fixedOnly || inner.length === 0 ? innerFixed : [...innerFixed.map((o) => ({ ...o, weight: o.weight * 3 })), ...inner];
      options.push({ arbitrary: listArb(ctx, elems, '<', '>'), weight: 1 });
    }
  }
  cache.set(key, options);
  return options;
}

function familyValueArb(ctx: Ctx, family: Family, depth: number, cache: Cache): fc.Arbitrary<string> | null {
  const options = familyOptions(ctx, family, depth, cache);
  return options.length === 0 ? null : fc.oneof(...options);
}

/** `{…}` or `<…>`; with `uniformLists` every element of one list is drawn the same way (all scalars, all ranges, …). */
function listArb(ctx: Ctx, elems: readonly Weighted[], open: string, close: string): fc.Arbitrary<string> {
  const minLength = ctx.quirks ? 0 : 1;
  const items = ctx.uniformLists
    ? fc.oneof(...elems.map((o) => ({ arbitrary: fc.array(o.arbitrary, { minLength, maxLength: 4 }), weight: o.weight })))
    : fc.array(fc.oneof(...elems), { minLength, maxLength: 4 });
  return fc
    .tuple(items, fc.constantFrom(', ', ',', ' , '), fc.boolean(), fc.boolean())
    .map(([items, sep, spaced, trailing]) => {
      if (items.length === 0) return `${open}${spaced ? ' ' : ''}${close}`;
      const body = items.join(sep) + (trailing ? ',' : '');
      return spaced ? `${open} ${body} ${close}` : `${open}${body}${close}`;
    });
}

function rangeArb(kind: CapsValueKind, wide: boolean): fc.Arbitrary<string> {
  const w = wide ? WIDE_RANGES[kind] : undefined;
  const small = smallRangeArb(kind);
  return w === undefined ? small : fc.oneof(small, w);
}

function smallRangeArb(kind: CapsValueKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'int-range': return intRangeTextArb;
    case 'int64-range': return int64RangeTextArb;
    case 'double-range': return doubleRangeTextArb;
    default: return fractionRangeTextArb;
  }
}

function scalarArb(ctx: Ctx, family: Family, depth: number, cache: Cache): fc.Arbitrary<string> | null {
  const kind = FAMILY_SCALAR[family];
  if (!ctx.kinds.has(kind) || (ctx.fixedOnly && !FIXED_KINDS.has(kind))) return null;
  const small = smallScalarArb(ctx, family, depth, cache);
  const wide = ctx.wide ? WIDE_SCALARS[family] : undefined;
  if (small === null || wide === undefined) return small;
  return fc.oneof({ arbitrary: small, weight: 1 }, { arbitrary: wide, weight: 1 });
}

/**
 * Spellings that parse to these families only through the legacy or keyword rules (§3.5, §3.6):
 * quoted untyped values, `""` as int 0, endianness words, fraction truncation to 0/1, odd flagsets.
 */
const QUIRK_SCALARS: Partial<Record<Family, fc.Arbitrary<string>>> = {
  int: fc.constantFrom('"2"', '""', '"0x10"', 'little_endian', 'big_endian', 'BIG_ENDIAN', 'MIN'),
  fraction: fc.constantFrom('"1/2"', '2147483648/1', '4294967296/1', '(fraction)1/MAX', '-0/1', '+1/-2'),
  flagset: fc.constantFrom('a-b', '"a b"', '"1 2"', 'ab:cd', '1:2:+foo/bar', '(flagset)1:ffffffff:+x'),
  boolean: fc.constantFrom('"true"', '"no"', 'T', 'F', 'Yes'),
  double: fc.constantFrom('"1.5"', '"inf"', '-Infinity', '0X1P-2', '1E5', '(double)-0'),
  string: fc.constantFrom('00:01:00:00', 'abc:def:ghi', '"a\\ b"', '"\\303\\251"', '(string)0', '(s)+5'),
};

/** Values of the other GTypes (dates, GType, buffers, enums, flags): the engine keeps them opaque. */
const OPAQUE_TEXTS = [
  '(date)2020-01-02', '(date)2020-01-03', '(datetime)2020-01-02T10:11:12.123456+01:00', '(datetime)2020-01-02T10:11:12Z',
  '(type)GstCaps', '(type)gint', '(buffer)0102ff', '(buffer)0102FF',
] as const;
/** Values of GStreamer's registered enum and flags types, by nick, number or full name. */
export const ENUM_TEXTS = [
  '(GstFormat)3', '(GstFormat)time', '(GstFormat)bytes', '(GstFormat)GST_FORMAT_TIME', '(GstSeekFlags)flush+accurate',
  '(GstSeekFlags)GST_SEEK_FLAG_FLUSH', '(GstSeekFlags)0', '(GstPadDirection)src', '(GstState)playing',
] as const;

function smallScalarArb(ctx: Ctx, family: Family, depth: number, cache: Cache): fc.Arbitrary<string> | null {
  const normal = normalScalarArb(ctx, family, depth, cache);
  const quirk = ctx.quirks ? QUIRK_SCALARS[family] : undefined;
  if (normal === null || quirk === undefined) return normal;
  return fc.oneof({ arbitrary: normal, weight: 8 }, { arbitrary: quirk, weight: 1 });
}

function normalScalarArb(ctx: Ctx, family: Family, depth: number, cache: Cache): fc.Arbitrary<string> | null {
  switch (family) {
    case 'int': return intTextArb;
    case 'uint': return uintTextArb;
    case 'int64': return int64TextArb;
    case 'uint64': return uint64TextArb;
    case 'double': return ctx.quirks ? fc.oneof({ arbitrary: doubleTextArb, weight: 12 }, { arbitrary: nanTextArb, weight: 1 }) : doubleTextArb;
    case 'float': return floatTextArb;
    case 'fraction': return fractionTextArb;
    case 'boolean': return booleanTextArb;
    case 'string': return stringTextArb;
    case 'bitmask': return bitmaskTextArb;
    case 'flagset': return flagsetTextArb(ctx.fixedOnly);
    case 'structure': return depth > 0 ? nestedStructureArb(ctx, depth - 1, cache) : null;
    case 'caps': return depth > 0 ? nestedCapsArb(ctx, depth - 1, cache) : null;
    case 'opaque':
      if (!ctx.quirks) return null;
      return ctx.enums ? fc.constantFrom(...OPAQUE_TEXTS, ...ENUM_TEXTS) : fc.constantFrom(...OPAQUE_TEXTS);
  }
}

/** Field text `name=value` for a structure; null when the constraints leave nothing to draw. */
function fieldArb(ctx: Ctx, depth: number, cache: Cache): fc.Arbitrary<readonly [string, string]> | null {
  const options: fc.Arbitrary<readonly [string, string]>[] = [];
  for (const f of FIELDS) {
    const vals = f.families.map((fam) => familyValueArb(ctx, fam, depth, cache)).filter((a): a is fc.Arbitrary<string> => a !== null);
    if (vals.length > 0) options.push(fc.tuple(fc.constant(f.name), fc.oneof(...vals)));
  }
  return options.length === 0 ? null : fc.oneof(...options);
}

function fieldsArb(ctx: Ctx, depth: number, cache: Cache): fc.Arbitrary<string> {
  const field = fieldArb(ctx, depth, cache);
  if (field === null) return fc.constant('');
  const fields = ctx.quirks
    ? fc.array(field, { maxLength: ctx.maxFields }) // duplicates: last value wins, first position
    : fc.uniqueArray(field, { maxLength: ctx.maxFields, selector: ([name]) => name });
  return fc
    // backslash-WS counts as whitespace around field names, but not inside values (§2)
    .tuple(fields, fc.constantFrom(', ', ',', ' ,\t', ',\n ', '\\ ,'), fc.constantFrom('', '', ' ', '\\ '), fc.constantFrom('', '', ' ', '\t'))
    .map(([fs, sep, before, after]) => fs.map(([n, v]) => `${sep}${n}${before}=${after}${v}`).join(''));
}

function nestedStructureArb(ctx: Ctx, depth: number, cache: Cache): fc.Arbitrary<string> {
  // nested structures cannot hold caps features, and `[`/`]` are counted without honouring quotes
  const inner = { ...ctx, maxFields: 2 };
  return fc
    .tuple(fc.constantFrom(...NESTED_NAMES), fieldsArb(inner, depth, cache), fc.constantFrom('', '(structure)', '(GstStructure)'))
    .map(([name, fields, cast]) => `${cast}[${name}${fields}]`);
}

function nestedCapsArb(ctx: Ctx, depth: number, cache: Cache): fc.Arbitrary<string> {
  const inner = { ...ctx, maxFields: 2 };
  const entry = fc
    .tuple(fc.constantFrom(...NESTED_NAMES), featuresArb(inner, false), fieldsArb(inner, depth, cache))
    .map(([name, feat, fields]) => name + feat + fields);
  return fc.oneof(
    { arbitrary: fc.array(entry, { minLength: 1, maxLength: 2 }).map((es) => `(GstCaps)[${es.join('; ')}]`), weight: 6 },
    { arbitrary: fc.constantFrom('(GstCaps)ANY', '(GstCaps)[EMPTY]', '(GstCaps)foo'), weight: 1 },
  );
}

function featuresArb(ctx: Ctx, allowAny: boolean): fc.Arbitrary<string> {
  if (!ctx.withFeatures) return fc.constant('');
  const options: string[] = [...FEATURES.map((f) => `(${f})`)];
  if (allowAny) options.push('(ANY)');
  if (ctx.quirks) options.push(...QUIRK_FEATURES);
  return fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: fc.constantFrom(...options), weight: 2 });
}

function makeCtx(constraints: CapsStringConstraints): Ctx {
  return {
    kinds: new Set(constraints.kinds ?? ALL_VALUE_KINDS),
    fixedOnly: constraints.fixedOnly ?? false,
    withFeatures: constraints.withFeatures ?? true,
    quirks: constraints.quirks ?? false,
    maxFields: constraints.maxFields ?? 3,
    uniformLists: constraints.uniformLists ?? false,
    wide: constraints.wide ?? false,
    enums: constraints.enums ?? false,
  };
}

/** One `name(features), field=value, …` entry, without the `;`. */
function entryArb(constraints: CapsStringConstraints): fc.Arbitrary<string> {
  const ctx = makeCtx(constraints);
  const cache = new Map<string, readonly Weighted[]>();
  const names = ctx.quirks
    ? fc.oneof({ arbitrary: fc.constantFrom(...STRUCTURE_NAMES), weight: 9 }, { arbitrary: fc.constantFrom(...QUIRK_STRUCTURE_NAMES), weight: 1 })
    : fc.constantFrom(...STRUCTURE_NAMES);
  return fc
    .tuple(names, featuresArb(ctx, !ctx.fixedOnly), fieldsArb(ctx, constraints.depth ?? 2, cache))
    .map(([name, feat, fields]) => name + feat + fields);
}

/** Entries joined the ways GStreamer accepts: `; `, `;`, newlines, an optional trailing `;`. */
const joinEntries = (entries: fc.Arbitrary<readonly string[]>): fc.Arbitrary<string> =>
  fc
    .tuple(entries, fc.constantFrom('; ', ';', ' ;\n', ';\t'), fc.constantFrom('', '', '', ';', '; '))
    .map(([es, sep, end]) => es.join(sep) + (es.length > 0 ? end : ''));

const withAnyEmptyArb = (constraints: CapsStringConstraints, structures: fc.Arbitrary<string>): fc.Arbitrary<string> => {
  const fixedOnly = constraints.fixedOnly ?? false;
  if (!(constraints.withAnyEmpty ?? !fixedOnly) || fixedOnly) return structures;
  return fc.oneof({ arbitrary: structures, weight: 12 }, { arbitrary: fc.constantFrom('ANY', 'EMPTY', 'NONE'), weight: 1 });
};

/** Caps strings that GStreamer 1.22 parses; see {@link CapsStringConstraints}. */
export function capsStringArb(constraints: CapsStringConstraints = {}): fc.Arbitrary<string> {
  const fixedOnly = constraints.fixedOnly ?? false;
  const minStructures = fixedOnly ? 1 : (constraints.minStructures ?? 1);
  const maxStructures = fixedOnly ? 1 : Math.max(minStructures, constraints.maxStructures ?? 3);
  const structures = joinEntries(fc.array(entryArb(constraints), { minLength: minStructures, maxLength: maxStructures }));
  return withAnyEmptyArb(constraints, structures);
}

/**
 * Pairs of caps strings for the binary ops. Besides independent pairs, it draws pairs built from
 * one shared pool of entries (reordered, sub-selected, repeated) and identical pairs, so that
 * isEqual, isStrictlyEqual, isSubset, merge and subtract see their `true`/non-trivial cases often.
 */
export function capsPairArb(constraints: CapsStringConstraints = {}): fc.Arbitrary<readonly [string, string]> {
  const single = capsStringArb(constraints);
  const maxStructures = Math.max(1, constraints.maxStructures ?? 3);
  const pool = fc.array(entryArb(constraints), { minLength: 1, maxLength: maxStructures + 1 });
  const fromPool = pool.chain((entries) => {
    const pick = joinEntries(fc.shuffledSubarray(entries, { minLength: 1, maxLength: Math.min(maxStructures, entries.length) }));
    return fc.tuple(withAnyEmptyArb(constraints, pick), withAnyEmptyArb(constraints, pick));
  });
  return fc.oneof(
    { arbitrary: fc.tuple(single, single), weight: 4 },
    { arbitrary: fromPool, weight: 4 },
    { arbitrary: single.map((a) => [a, a] as const), weight: 1 },
  );
}

/** A single structure string (for gst_structure_from_string and the fixation helpers). */
export function structureStringArb(constraints: Omit<CapsStringConstraints, 'minStructures' | 'maxStructures' | 'withFeatures' | 'withAnyEmpty'> = {}): fc.Arbitrary<string> {
  return capsStringArb({ ...constraints, minStructures: 1, maxStructures: 1, withFeatures: false, withAnyEmpty: false });
}

// ---------------------------------------------------------------------------------------------
// Damaged strings, for parse-failure agreement: most fail to parse, some still parse.

type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'duplicate-bracket'; readonly nth: number };

const PUNCTUATION = [',', ';', '=', '(', ')', '[', ']', '{', '}', '<', '>', '"', '\\', ' ', '/', ':', '.', "'", '#', '\t', '\v', '\n', '-', '+', '*', 'é', ',,', ';;', '=='];
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PUNCTUATION), fc.string({ maxLength: 3 })) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-bracket' as const), nth: fc.nat() }),
);

export function applyMutation(s: string, m: Mutation): string {
  const pos = (at: number): number => (s.length === 0 ? 0 : at % (s.length + 1));
  switch (m.op) {
    case 'delete': {
      const at = pos(m.at);
      return s.slice(0, at) + s.slice(at + m.length);
    }
    case 'insert': {
      const at = pos(m.at);
      return s.slice(0, at) + m.text + s.slice(at);
    }
    case 'truncate':
      return s.slice(0, pos(m.at));
    case 'duplicate-bracket': {
      const brackets = [...s.matchAll(/[[\]{}<>()]/g)];
      const hit = brackets.length === 0 ? undefined : brackets[m.nth % brackets.length];
      if (hit === undefined) return s;
      return s.slice(0, hit.index + 1) + hit[0] + s.slice(hit.index + 1);
    }
  }
}

/** Valid caps strings with 1–3 mutations (deletion, punctuation insertion, truncation, doubled bracket). */
export function damagedCapsStringArb(constraints: CapsStringConstraints = {}): fc.Arbitrary<string> {
  return fc
    .tuple(capsStringArb({ quirks: true, ...constraints }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
    .map(([s, ms]) => ms.reduce(applyMutation, s));
}

// ---------------------------------------------------------------------------------------------
// Many structures of one name that differ in a field or two: where simplify's merge order matters.

/**
 * Values per field, one family each, and nothing GStreamer 1.22 crashes on in simplify: int ranges
 * keep step 1 and stay off INT_MAX/INT_MIN, fractions and doubles never meet ranges of their family
 * (the union would build a mixed list 1.22 cannot compare), lists hold one type.
 */
const SIMPLIFY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  a: ['0', '1', '2', '3', '4', '5', '0', '1', '2', '3', '[0,2]', '[1,3]', '[3,5]', '[0,5]', '[6,9]', '{1,2}', '{2,4}', '{3}', '{5,1}'],
  b: ['foo', 'bar', 'baz', 'foo', 'bar', '{foo,bar}', '{baz}', '{bar,baz,foo}'],
  c: ['1/2', '30/1', '25/1', '30/1', '{30/1,25/1}', '{1/2}'],
  d: ['1.5', '2.5', '0.5', '1.5'],
  e: ['true', 'false'],
};

/**
 * Caps strings of `minStructures`…`maxStructures` structures, nearly all named `x`, built from one
 * base record: most differ from it in one field (a scalar, a range or a list of its family), some in
 * none or two, some drop a field or add one; a few carry `(memory:GLMemory)` or another name. These
 * are the inputs where the order in which gst_caps_simplify merges decides the answer.
 */
export function sharedNameCapsArb(constraints: { readonly minStructures?: number; readonly maxStructures?: number } = {}): fc.Arbitrary<string> {
  const names = Object.keys(SIMPLIFY_FIELDS);
  const valueOf = (field: string): fc.Arbitrary<string> => fc.constantFrom(...SIMPLIFY_FIELDS[field]!);
  const base = fc
    .shuffledSubarray(names, { minLength: 1, maxLength: 3 })
    .chain((fs) => fc.tuple(...fs.map((f) => valueOf(f).map((v) => [f, v] as const))));
  type Edit = { readonly kind: 'set'; readonly times: number } | { readonly kind: 'drop' } | { readonly kind: 'add'; readonly field: string };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 8, arbitrary: fc.constant({ kind: 'set', times: 1 } as const) },
    { weight: 1, arbitrary: fc.constant({ kind: 'set', times: 0 } as const) },
    { weight: 1, arbitrary: fc.constant({ kind: 'set', times: 2 } as const) },
    { weight: 1, arbitrary: fc.constant({ kind: 'drop' } as const) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((field) => ({ kind: 'add', field }) as const) },
  );
  const head = fc.oneof({ weight: 12, arbitrary: fc.constant('x') }, { weight: 1, arbitrary: fc.constant('x(memory:GLMemory)') }, { weight: 1, arbitrary: fc.constant('y') });
  const one = (fields: readonly (readonly [string, string])[]): fc.Arbitrary<string> =>
    fc.tuple(head, edit, fc.nat(), fc.nat(), fc.nat()).chain(([h, e, i, j, v]) => {
      const out = fields.map(([f, x]) => [f, x] as [string, string]);
      if (e.kind === 'drop' && out.length > 1) out.splice(i % out.length, 1);
      if (e.kind === 'add' && !out.some(([f]) => f === e.field)) out.push([e.field, SIMPLIFY_FIELDS[e.field]![v % SIMPLIFY_FIELDS[e.field]!.length]!]);
      if (e.kind !== 'set' || e.times === 0) return fc.constant(h + out.map(([f, x]) => `,${f}=${x}`).join(''));
      const at = [i % out.length, j % out.length];
      const picks = at.slice(0, e.times).map((k) => valueOf(out[k]![0]).map((x) => [k, x] as const));
      return fc.tuple(...picks).map((ps) => {
        for (const [k, x] of ps) out[k] = [out[k]![0], x];
        return h + out.map(([f, x]) => `,${f}=${x}`).join('');
      });
    });
  return base.chain((fields) =>
    fc.array(one(fields), { minLength: constraints.minStructures ?? 8, maxLength: constraints.maxStructures ?? 40 }).map((xs) => xs.join('; ')),
  );
}
