/**
 * Doubles print as glibc `%.17g` (g_ascii_dtostr), caps-semantics.md §4.4. The table is glibc's
 * answer; the properties compare with a slow reference written differently (rational arithmetic on
 * x·10^k instead of the full decimal expansion) over any double fast-check draws, with dyadic
 * numbers weighted in because those are where exact ties, and toPrecision's half-up rounding, live.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dtostr, signBit } from '../../src/caps/dtostr.js';

describe('%.17g, as glibc prints it', () => {
  it.each([
    [1, '1'],
    [1.5, '1.5'],
    [0.1, '0.10000000000000001'],
    [123.456, '123.456'],
    [1 / 3, '0.33333333333333331'],
    [1e-4, '0.0001'],
    [1.5e-4, '0.00014999999999999999'],
    [1e-5, '1.0000000000000001e-05'],
    [1e-7, '9.9999999999999995e-08'],
    [1e16, '10000000000000000'],
    [1e17, '1e+17'],
    [12345678901234567, '12345678901234568'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [5e-324, '4.9406564584124654e-324'],
    // exact ties round half to even (toPrecision would round 2^-25 up to …313)
    [2 ** -25, '2.9802322387695312e-08'],
    [2 ** 60, '1.152921504606847e+18'],
    [0.5, '0.5'],
    [54672107342123010, '54672107342123008'],
    [-2.5e-300, '-2.5e-300'],
    [Math.fround(0.1), '0.10000000149011612'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [-NaN, '-nan'],
    [0, '0'],
    [-0, '-0'],
  ])('%d → %s', (x, printed) => {
    expect(dtostr(x)).toBe(printed);
  });

  it('knows the sign bit of NaN', () => {
    expect(signBit(-NaN)).toBe(true);
    expect(signBit(NaN)).toBe(false);
    expect(signBit(-0)).toBe(true);
  });
});

/** slow %.17g: 17 significant digits of x by rational arithmetic, ties to even */
function reference(x: number): string {
  if (Number.isNaN(x)) return signBit(x) ? '-nan' : 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return signBit(x) ? '-0' : '0';
  const negative = x < 0;
  const a = Math.abs(x);
  // a = num / den exactly
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, a);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2 = -1074;
  if (biased !== 0) {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  const num0 = e2 >= 0 ? mant << BigInt(e2) : mant;
  const den0 = e2 >= 0 ? 1n : 1n << BigInt(-e2);
  // decimal exponent X with 10^X <= a < 10^(X+1)
  let X = Math.floor(Math.log10(a));
  const pow = (k: number): bigint => 10n ** BigInt(k);
  const ge = (n: bigint, d: bigint, k: number) => (k >= 0 ? n >= d * pow(k) : n * pow(-k) >= d);
  while (!ge(num0, den0, X)) X--;
  while (ge(num0, den0, X + 1)) X++;
  // q = a * 10^(16 - X), integer part and remainder
  const k = 16 - X;
  const n = k >= 0 ? num0 * pow(k) : num0;
  const d = k >= 0 ? den0 : den0 * pow(-k);
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  let digits = q.toString();
  if (digits.length > 17) {
    digits = digits.slice(0, 17);
    X++;
  }
  const sig = digits.replace(/0+$/, '') || '0';
  let body: string;
  if (X < -4 || X >= 17) {
    const mant = sig.length > 1 ? `${sig[0]}.${sig.slice(1)}` : sig;
    body = `${mant}e${X < 0 ? '-' : '+'}${String(Math.abs(X)).padStart(2, '0')}`;
  } else if (X < 0) body = `0.${'0'.repeat(-X - 1)}${sig}`;
  else if (sig.length <= X + 1) body = sig + '0'.repeat(X + 1 - sig.length);
  else body = `${sig.slice(0, X + 1)}.${sig.slice(X + 1)}`;
  return negative ? `-${body}` : body;
}

const dyadic = fc
  .tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: -80, max: 80 }))
  .map(([m, e]) => m * 2 ** e);

describe('properties', () => {
  it('agrees with the slow reference on any double', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), dyadic), (x) => {
        expect(dtostr(x)).toBe(reference(x));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back as the same double (17 digits are enough)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(dtostr(x)), x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
