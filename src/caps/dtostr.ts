/**
 * glibc `printf("%.17g")` for doubles, which is what `g_ascii_dtostr` (and so every printed
 * GStreamer double) uses. The exact binary value is rounded to 17 significant digits with
 * round-half-even on exact ties; JS `toPrecision` rounds ties away from zero and switches to
 * exponent form at other thresholds, so it is only used where no tie is possible.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// little-endian hosts: the high word holds the sign and exponent
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** true for -0, -inf and NaNs with the sign bit set (glibc prints those as `-nan`) */
export function signBit(x: number): boolean {
  f64[0] = x;
  return u32[HI]! >>> 31 === 1;
}

/** `%.17g` of `x`, e.g. `0.10000000000000001`, `1e+17`, `-nan` */
export function dtostr(x: number): string {
  if (x !== x) return signBit(x) ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return signBit(x) ? '-0' : '0';
  // safe integers print exactly in JS and have at most 16 digits
  if (Number.isInteger(x) && x <= 9007199254740991 && x >= -9007199254740991) return String(x);
  // 18 digits tell whether the 17-digit rounding can be a tie; only then take the exact path
  const e18 = x.toExponential(17);
  const mark = e18.indexOf('e');
  if (e18.charCodeAt(mark - 1) !== 53 /* '5' */) {
    const e17 = x.toExponential(16);
    const m = e17.indexOf('e');
    const negative = e17.charCodeAt(0) === 45;
    const digits = negative ? e17.slice(1, 2) + e17.slice(3, m) : e17.slice(0, 1) + e17.slice(2, m);
    return format(negative, digits, Number(e17.slice(m + 1)));
  }
  return exact(x);
}

/** `%.17g` layout from 17 significant digits and the decimal exponent of the first one */
function format(negative: boolean, digits: string, exp: number): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  const sig = digits.slice(0, end);
  let body: string;
  if (exp < -4 || exp >= 17) {
    const mant = sig.length > 1 ? `${sig[0]}.${sig.slice(1)}` : sig;
    const ae = exp < 0 ? -exp : exp;
    body = `${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else if (exp < 0) {
    body = `0.${'0'.repeat(-exp - 1)}${sig}`;
  } else if (sig.length <= exp + 1) {
    body = sig + '0'.repeat(exp + 1 - sig.length);
  } else {
    body = `${sig.slice(0, exp + 1)}.${sig.slice(exp + 1)}`;
  }
  return negative ? `-${body}` : body;
}

/** exact decimal expansion via BigInt, rounded half-even to 17 digits */
function exact(x: number): string {
  const negative = x < 0;
  f64[0] = negative ? -x : x;
  const hi = u32[HI]!;
  const lo = u32[LO]!;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) {
    e2 = -1074;
  } else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  // value = mant * 2^e2 = digits * 10^scale
  let digits: string;
  let scale: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    scale = 0;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    scale = e2;
  }
  // decimal exponent of the leading digit
  let exp = digits.length - 1 + scale;
  if (digits.length > 17) {
    const head = digits.slice(0, 17);
    const next = digits.charCodeAt(17) - 48;
    let roundUp = false;
    if (next > 5) roundUp = true;
    else if (next === 5) {
      let rest = false;
      for (let i = 18; i < digits.length; i++) {
        if (digits.charCodeAt(i) !== 48) {
          rest = true;
          break;
        }
      }
      roundUp = rest || (head.charCodeAt(16) - 48) % 2 === 1;
    }
    if (roundUp) {
      const up = (BigInt(head) + 1n).toString();
      if (up.length > 17) {
        exp++;
        digits = up.slice(0, 17);
      } else digits = up;
    } else digits = head;
  } else {
    digits = digits.padEnd(17, '0');
  }
  return format(negative, digits, exp);
}
