/**
 * The C readers behind GStreamer 1.22's scalar deserialisers, over text[s, e) with e acting as the
 * NUL: g_ascii_strtoull, strtoul, g_ascii_strtod, sscanf %d, and the int/uint/int64/double/
 * fraction/flagset/boolean/date rules built on them (caps-semantics.md §3.6). Results of the
 * number readers land in fields of the reader instead of fresh objects: they run for nearly every
 * token of a caps string.
 */
import * as chars from './chars.js';
import type { Value } from './types.js';
import { flagsetFromNicks, type FlagSetTypeName } from './flagsets.js';

// module-local copies: V8 reads an imported binding through a cell, with a TDZ check, on
// every use, which costs about 10% in the scanning loops
const { ALPHA, C_LPAREN, C_RPAREN, CC, CSPACE, DIGIT, HEX, WORD, is } = chars;

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
export const UINT_MAX = 4294967295;
export const TWO_64 = 1n << 64n;
export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;
export const UINT64_MAX = TWO_64 - 1n;
export const LONG_MAX = INT64_MAX;
export const FLT_MAX = 3.4028234663852886e38;
export const DBL_MAX = Number.MAX_VALUE;

/**
 * NaN and -NaN, read from a typed array at run time: a NaN written as a constant (`-NaN`) can be
 * folded by the optimiser into the canonical NaN, and then `-nan` prints as `nan`.
 */
const NANS = new Float64Array(2);
new BigUint64Array(NANS.buffer).set([0x7ff8000000000000n, 0xfff8000000000000n]);

export function gcd(a: number, b: number): number {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** gst_value_set_fraction on ints already truncated to 32 bits; INT_MIN leaves the 0/1 default */
export function makeFraction(num: number, den: number): Value {
  if (num === INT_MIN || den === INT_MIN) return { kind: 'fraction', num: 0, den: 1 };
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return { kind: 'fraction', num: num === 0 ? 0 : num, den };
}

/** g_ascii_strtoull, strtoul, g_ascii_strtod and sscanf over one text, as GStreamer uses them */
export class ScalarReader {
  readonly text: string;
  /** the NUL: readers never look at text[end] or beyond */
  end: number;

  // out-parameters of the readers (kept on the instance to avoid allocating)
  protected u64 = 0; // magnitude when !big
  protected u64Big = 0n; // magnitude when big
  protected big = false;
  protected overflow = false;
  protected neg = false;
  protected scanEnd = 0;
  protected i32 = 0;
  protected dbl = 0;

  constructor(text: string, end: number) {
    this.text = text;
    this.end = end;
  }

  /**
   * g_ascii_strtoull over text[s, e) (e acts as the NUL): leading C-space, a sign, `0x`/`0`
   * prefixes for base 0. Returns false when nothing was converted; the magnitude is in
   * u64/u64Big, the sign in neg, the stop position in scanEnd.
   */
  protected strtou64(s: number, e: number, base: number): boolean {
    const t = this.text;
    let p = s;
    while (p < e && is(t.charCodeAt(p), CSPACE)) p++;
    let neg = false;
    if (p < e) {
      const c = t.charCodeAt(p);
      if (c === 45) {
        neg = true;
        p++;
      } else if (c === 43) p++;
    }
    let xAt = -1;
    if (p < e && t.charCodeAt(p) === 48) {
      const x = p + 1 < e ? t.charCodeAt(p + 1) | 0x20 : 0;
      if ((base === 0 || base === 16) && x === 120) {
        xAt = p + 1;
        p += 2;
        base = 16;
      } else if (base === 0) base = 8;
    } else if (base === 0) base = 10;
    const first = p;
    let small = 0;
    let big = 0n;
    let isBig = false;
    let overflow = false;
    const limit = base === 16 ? 13 : base === 10 ? 15 : 17; // digits that surely fit in 2^53
    for (; p < e; p++) {
      const c = t.charCodeAt(p);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else {
        const l = c | 0x20;
        if (l >= 97 && l <= 122) d = l - 87;
        else break;
      }
      if (d >= base) break;
      if (overflow) continue;
      if (!isBig) {
        if (p - first < limit) {
          small = small * base + d;
          continue;
        }
        isBig = true;
        big = BigInt(small);
      }
      big = big * BigInt(base) + BigInt(d);
      if (big > UINT64_MAX) overflow = true;
    }
    if (p === first) {
      // "0x" with no hex digit converts the 0 and stops at the x
      if (xAt >= 0) {
        this.u64 = 0;
        this.big = false;
        this.overflow = false;
        this.neg = neg;
        this.scanEnd = xAt;
        return true;
      }
      this.scanEnd = s;
      return false;
    }
    this.u64 = small;
    this.u64Big = big;
    this.big = isBig;
    this.overflow = overflow;
    this.neg = neg;
    this.scanEnd = p;
    return true;
  }

  /** the int keywords of gst_value_deserialize_int_helper (case-insensitive, whole token) */
  protected intKeyword(s: number, e: number): 'little' | 'big' | 'min' | 'max' | undefined {
    const len = e - s;
    if (len !== 3 && len !== 10 && len !== 13) return undefined;
    const w = this.text.slice(s, e).toLowerCase();
    if (w === 'min') return 'min';
    if (w === 'max') return 'max';
    if (w === 'little_endian' || w === 'byte_order') return 'little';
    if (w === 'big_endian') return 'big';
    return undefined;
  }

  /** gst_value_deserialize_int: -2^31 ≤ v ≤ 2^32-1, the low 32 bits are kept */
  protected tryInt32(s: number, e: number): boolean {
    // plain decimal without a leading zero: the common case
    const t = this.text;
    const len = e - s;
    if (len > 0 && len <= 9) {
      let c = t.charCodeAt(s);
      if (c >= 49 && c <= 57) {
        let v = c - 48;
        let p = s + 1;
        for (; p < e; p++) {
          c = t.charCodeAt(p);
          if (c < 48 || c > 57) break;
          v = v * 10 + c - 48;
        }
        if (p === e) {
          this.i32 = v;
          return true;
        }
      }
    }
    const conv = this.strtou64(s, e, 0);
    if (conv && this.overflow) return false;
    if (!conv || this.scanEnd !== e) {
      // an empty token converts to 0 ("" after the quote quirk)
      if (s === e) {
        this.i32 = 0;
        return true;
      }
      const k = this.intKeyword(s, e);
      if (k === undefined) return false;
      this.i32 = k === 'min' ? INT_MIN : k === 'max' ? INT_MAX : k === 'little' ? 1234 : 4321;
      return true;
    }
    if (!this.big) {
      const u = this.u64;
      if (!this.neg) {
        if (u <= UINT_MAX) {
          this.i32 = u | 0;
          return true;
        }
        return false;
      }
      if (u <= 2147483648) {
        this.i32 = -u | 0;
        return true;
      }
      return false;
    }
    // two's complement of the 64-bit result
    const v = BigInt.asIntN(64, this.neg ? -this.u64Big : this.u64Big);
    if (v >= -2147483648n && v <= 4294967295n) {
      this.i32 = Number(BigInt.asIntN(32, v));
      return true;
    }
    return false;
  }

  protected tryInt64(s: number, e: number): bigint | undefined {
    const conv = this.strtou64(s, e, 0);
    if (conv && this.overflow) return undefined;
    if (!conv || this.scanEnd !== e) {
      if (s === e) return 0n;
      const k = this.intKeyword(s, e);
      if (k === undefined) return undefined;
      return k === 'min' ? INT64_MIN : k === 'max' ? INT64_MAX : k === 'little' ? 1234n : 4321n;
    }
    const m = this.big ? this.u64Big : BigInt(this.u64);
    return BigInt.asIntN(64, this.neg ? -m : m);
  }

  /** the unsigned deserialisers: strtoull then truncation to the type's width */
  protected tryUnsigned(s: number, e: number, type: 'uint' | 'uchar' | 'uint64' | 'ulong'): bigint | undefined {
    const bits = type === 'uint' ? 32 : type === 'uchar' ? 8 : 64;
    const conv = this.strtou64(s, e, 0);
    if (conv && this.overflow) return undefined;
    let v: bigint;
    if (!conv || this.scanEnd !== e) {
      if (s === e) return 0n;
      const k = this.intKeyword(s, e);
      if (k === undefined) return undefined;
      v = k === 'min' ? 0n : k === 'max' ? (1n << BigInt(bits)) - 1n : k === 'little' ? 1234n : 4321n;
    } else {
      const m = this.big ? this.u64Big : BigInt(this.u64);
      v = this.neg ? -m : m;
    }
    return BigInt.asUintN(bits, v);
  }

  /**
   * g_ascii_strtod over text[s, e), which must be consumed whole (or be min/max); maxAbs is the
   * value of the min/max keywords. The result is in dbl.
   */
  protected tryDouble(s: number, e: number, maxAbs = DBL_MAX): boolean {
    const t = this.text;
    const stop = this.strtod(s, e);
    if (stop === e && (stop > s || s === e)) return true;
    if (e - s === 3) {
      const w = t.slice(s, e).toLowerCase();
      if (w === 'min') {
        this.dbl = -maxAbs;
        return true;
      }
      if (w === 'max') {
        this.dbl = maxAbs;
        return true;
      }
    }
    return false;
  }

  /** glibc strtod grammar; returns the stop position (s when nothing converted), value in dbl */
  protected strtod(s: number, e: number): number {
    const t = this.text;
    this.dbl = 0;
    let p = s;
    while (p < e && is(t.charCodeAt(p), CSPACE)) p++;
    const numStart = p;
    let neg = false;
    if (p < e) {
      const c = t.charCodeAt(p);
      if (c === 45 || c === 43) {
        neg = c === 45;
        p++;
      }
    }
    if (p >= e) return s;
    const c0 = t.charCodeAt(p) | 0x20;
    if (c0 === 105 /* i */) {
      if (matchLower(t, p, e, 'inf')) {
        p += 3;
        if (matchLower(t, p, e, 'inity')) p += 5;
        this.dbl = neg ? -Infinity : Infinity;
        return p;
      }
      return s;
    }
    if (c0 === 110 /* n */) {
      if (matchLower(t, p, e, 'nan')) {
        p += 3;
        if (p < e && t.charCodeAt(p) === C_LPAREN) {
          let q = p + 1;
          while (q < e) {
            const c = t.charCodeAt(q);
            if (c < 128 && ((CC[c]! & (ALPHA | DIGIT)) !== 0 || c === 95)) q++;
            else break;
          }
          if (q < e && t.charCodeAt(q) === C_RPAREN) p = q + 1;
        }
        this.dbl = NANS[neg ? 1 : 0]!;
        return p;
      }
      return s;
    }
    // hex float
    if (t.charCodeAt(p) === 48 && p + 1 < e && (t.charCodeAt(p + 1) | 0x20) === 120) {
      const q = p + 2;
      const h = q < e ? t.charCodeAt(q) : 0;
      if (is(h, HEX) || (h === 46 && q + 1 < e && is(t.charCodeAt(q + 1), HEX))) return this.hexFloat(q, e, neg);
    }
    let digits = 0;
    while (p < e && is(t.charCodeAt(p), DIGIT)) {
      p++;
      digits++;
    }
    if (p < e && t.charCodeAt(p) === 46) {
      p++;
      while (p < e && is(t.charCodeAt(p), DIGIT)) {
        p++;
        digits++;
      }
    }
    if (digits === 0) return s;
    if (p < e && (t.charCodeAt(p) | 0x20) === 101) {
      let q = p + 1;
      if (q < e && (t.charCodeAt(q) === 43 || t.charCodeAt(q) === 45)) q++;
      if (q < e && is(t.charCodeAt(q), DIGIT)) {
        while (q < e && is(t.charCodeAt(q), DIGIT)) q++;
        p = q;
      }
    }
    this.dbl = Number(t.slice(numStart, p));
    return p;
  }

  /** exact, correctly rounded value of a hex float mantissa starting at q */
  protected hexFloat(q: number, e: number, neg: boolean): number {
    const t = this.text;
    let m = 0n;
    let exp = 0;
    let p = q;
    let any = false;
    let sticky = false;
    let kept = 0;
    const digit = (c: number): number => (c <= 57 ? c - 48 : (c | 0x20) - 87);
    while (p < e && is(t.charCodeAt(p), HEX)) {
      if (kept < 40) {
        m = (m << 4n) | BigInt(digit(t.charCodeAt(p)));
        if (m !== 0n) kept++;
      } else {
        exp += 4;
        if (digit(t.charCodeAt(p)) !== 0) sticky = true;
      }
      p++;
      any = true;
    }
    if (p < e && t.charCodeAt(p) === 46) {
      p++;
      while (p < e && is(t.charCodeAt(p), HEX)) {
        if (kept < 40) {
          m = (m << 4n) | BigInt(digit(t.charCodeAt(p)));
          if (m !== 0n) kept++;
          exp -= 4;
        } else if (digit(t.charCodeAt(p)) !== 0) sticky = true;
        p++;
        any = true;
      }
    }
    if (!any) return q - 1;
    if (p < e && (t.charCodeAt(p) | 0x20) === 112) {
      let r = p + 1;
      let eneg = false;
      if (r < e && (t.charCodeAt(r) === 43 || t.charCodeAt(r) === 45)) {
        eneg = t.charCodeAt(r) === 45;
        r++;
      }
      if (r < e && is(t.charCodeAt(r), DIGIT)) {
        let pe = 0;
        while (r < e && is(t.charCodeAt(r), DIGIT)) {
          if (pe < 100000) pe = pe * 10 + t.charCodeAt(r) - 48;
          r++;
        }
        exp += eneg ? -pe : pe;
        p = r;
      }
    }
    if (m === 0n) {
      this.dbl = neg ? -0 : 0;
      return p;
    }
    // round m * 2^exp to 53 bits (or fewer for subnormals), half to even with sticky bits
    const bits = m.toString(2).length;
    let shift = bits - 53;
    if (exp + shift < -1074) shift = -1074 - exp;
    if (shift > 0) {
      const sh = BigInt(shift);
      const rem = m & ((1n << sh) - 1n);
      let r = m >> sh;
      const half = 1n << (sh - 1n);
      if (rem > half || (rem === half && (sticky || (r & 1n) === 1n))) r += 1n;
      m = r;
      exp += shift;
    }
    let v = Number(m);
    // scale in two steps so 2^exp never overflows or underflows on its own
    if (exp > 0) {
      const a = Math.min(exp, 1023);
      v *= 2 ** a;
      v *= 2 ** (exp - a);
    } else if (exp < 0) {
      const a = Math.max(exp, -1022);
      v *= 2 ** a;
      v *= 2 ** (exp - a);
    }
    this.dbl = neg ? -v : v;
    return p;
  }

  /** sscanf %d: C-space, sign, digits; the C long is truncated to int. Result in i32. */
  protected scanD(p: number, e: number): number {
    const t = this.text;
    while (p < e && is(t.charCodeAt(p), CSPACE)) p++;
    let neg = false;
    if (p < e) {
      const c = t.charCodeAt(p);
      if (c === 45 || c === 43) {
        neg = c === 45;
        p++;
      }
    }
    const first = p;
    let v = 0;
    while (p < e) {
      const c = t.charCodeAt(p);
      if (c < 48 || c > 57) break;
      p++;
    }
    if (p === first) return -1;
    if (p - first <= 15) {
      for (let i = first; i < p; i++) v = v * 10 + t.charCodeAt(i) - 48;
      if (neg) v = -v;
      this.i32 = v >= INT_MIN && v <= INT_MAX ? v | 0 : Number(BigInt.asIntN(32, BigInt(v)));
      return p;
    }
    let b = BigInt(t.slice(first, p));
    if (neg) b = -b;
    if (b > LONG_MAX) b = LONG_MAX;
    else if (b < -LONG_MAX - 1n) b = -LONG_MAX - 1n;
    this.i32 = Number(BigInt.asIntN(32, b));
    return p;
  }

  /** gst_value_deserialize_fraction */
  protected tryFraction(s: number, e: number): Value | undefined {
    const t = this.text;
    const p = this.scanD(s, e);
    if (p >= 0) {
      const num = this.i32;
      if (p < e && t.charCodeAt(p) === 47) {
        const q = this.scanD(p + 1, e);
        if (q >= 0) {
          if (q !== e || this.i32 === 0) return undefined;
          return makeFraction(num, this.i32);
        }
      }
      if (e - s === 5 && t.slice(s, e).toLowerCase() === '1/max') return makeFraction(1, INT_MAX);
      if (p !== e) return undefined;
      return makeFraction(num, 1);
    }
    if (e - s === 5 && t.slice(s, e).toLowerCase() === '1/max') return makeFraction(1, INT_MAX);
    if (e - s === 3) {
      const w = t.slice(s, e).toLowerCase();
      if (w === 'min') return makeFraction(-INT_MAX, 1);
      if (w === 'max') return makeFraction(INT_MAX, 1);
    }
    return undefined;
  }

  /** strtoul(base 16) truncated to 32 bits: glibc saturates on overflow */
  protected strtoul16(s: number, e: number): number {
    if (!this.strtou64(s, e, 16)) return -1;
    if (this.overflow) return 0xffffffff;
    if (!this.big) {
      const u = this.u64;
      const low = u % 4294967296;
      return this.neg && low !== 0 ? 4294967296 - low : low;
    }
    const v = this.neg ? -this.u64Big : this.u64Big;
    return Number(BigInt.asUintN(32, v));
  }

  /** gst_value_deserialize_flagset for the generic GstFlagSet: `%x[:]%x[:+nick/nick…]` */
  protected tryFlagset(s: number, e: number): Value | undefined {
    const t = this.text;
    const flags = this.strtoul16(s, e);
    if (flags < 0) return undefined;
    let next = this.scanEnd;
    if (next < e && t.charCodeAt(next) === 58) next++;
    const mask = this.strtoul16(next, e);
    if (mask < 0) return undefined;
    next = this.scanEnd;
    if (next < e) {
      if (t.charCodeAt(next) !== 58) return undefined;
      // ^([+/][\w\d-]+)+$
      let p = next + 1;
      if (p >= e) return undefined;
      while (p < e) {
        const c = t.charCodeAt(p);
        if (c !== 43 && c !== 47) return undefined;
        p++;
        const w = p;
        while (p < e && is(t.charCodeAt(p), WORD)) p++;
        if (p === w) return undefined;
      }
    }
    return { kind: 'flagset', flags: (flags & mask) >>> 0, mask };
  }

  /**
   * gst_value_deserialize_flagset for a registered subtype: `%x[:]%x`, and after a `:` anything
   * at all (only the generic type checks the nick text); when no hex pair can be read, the nick
   * list form `+nick/nick…` of its flags class.
   */
  protected tryFlagsetOf(type: FlagSetTypeName, s: number, e: number): Value | undefined {
    const t = this.text;
    const flags = this.strtoul16(s, e);
    if (flags >= 0) {
      let next = this.scanEnd;
      if (next < e && t.charCodeAt(next) === 58) next++;
      const mask = this.strtoul16(next, e);
      if (mask >= 0) {
        next = this.scanEnd;
        if (next < e && t.charCodeAt(next) !== 58) return undefined;
        return { kind: 'flagset', flags: (flags & mask) >>> 0, mask, type };
      }
    }
    const r = flagsetFromNicks(type, t.slice(s, e));
    return r === undefined ? undefined : { kind: 'flagset', flags: r.flags, mask: r.mask, type };
  }
}

/** The integer GTypes gst_value_deserialize reads (what gst-launch sets an integer property from). */
export type IntegerType = 'int' | 'uint' | 'int64' | 'uint64' | 'long' | 'ulong' | 'uchar';

/**
 * gst_value_deserialize of a whole text as one integer GType: the value GStreamer stores (gint keeps the
 * low 32 bits of what fits in 32, so 2147483648 reads as -2147483648), or undefined where it refuses the
 * text: not a number, 2^64 or more (ERANGE), or more bits than the type has.
 */
export function deserializeInteger(text: string, type: IntegerType): bigint | undefined {
  return new IntegerReader(text).read(type);
}

class IntegerReader extends ScalarReader {
  constructor(text: string) {
    super(text, text.length);
  }

  read(type: IntegerType): bigint | undefined {
    switch (type) {
      case 'int':
        return this.tryInt32(0, this.end) ? BigInt(this.i32) : undefined;
      case 'int64':
      case 'long':
        return this.tryInt64(0, this.end);
      default:
        return this.tryUnsigned(0, this.end, type);
    }
  }
}

export function matchLower(t: string, p: number, e: number, word: string): boolean {
  if (e - p < word.length) return false;
  for (let i = 0; i < word.length; i++) if ((t.charCodeAt(p + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

export function tryBoolean(t: string, s: number, e: number): boolean | undefined {
  const len = e - s;
  if (len === 1) {
    const c = t.charCodeAt(s);
    if (c === 49 || (c | 0x20) === 116) return true;
    if (c === 48 || (c | 0x20) === 102) return false;
    return undefined;
  }
  if (len < 2 || len > 5) return undefined;
  const w = t.slice(s, e).toLowerCase();
  if (w === 'true' || w === 'yes') return true;
  if (w === 'false' || w === 'no') return false;
  return undefined;
}

/** sscanf("%04u-%02u-%02u") + g_date_valid_dmy, printed back as `YYYY-MM-DD` */
export function scanDate(t: string, s: number, e: number): string | undefined {
  const parts: number[] = [];
  let p = s;
  const widths = [4, 2, 2];
  for (let k = 0; k < 3; k++) {
    if (k > 0) {
      if (p >= e || t.charCodeAt(p) !== 45) return undefined;
      p++;
    }
    while (p < e && is(t.charCodeAt(p), CSPACE)) p++;
    const first = p;
    let v = 0;
    while (p < e && p - first < widths[k]! && is(t.charCodeAt(p), DIGIT)) v = v * 10 + t.charCodeAt(p++) - 48;
    if (p === first) return undefined;
    parts.push(v);
  }
  const [y, m, d] = parts as [number, number, number];
  if (y < 1 || y > 65535 || m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** sscanf `%Nd` at p (width 0: unbounded): C-space, sign and digits; [value, next] or undefined */
function scanfInt(s: string, p: number, width: number): [number, number] | undefined {
  while (p < s.length && isCSpace(s.charCodeAt(p))) p++;
  const start = p;
  const limit = width > 0 ? Math.min(s.length, p + width) : s.length;
  let q = p;
  if (q < limit && (s[q] === '+' || s[q] === '-')) q++;
  const first = q;
  while (q < limit && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
  if (q === first) return undefined;
  return [Number(BigInt.asIntN(32, BigInt(s.slice(start, q)))), q];
}

const isCSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** g_ascii_strtoull(base 10) at p: [value as bigint, stop]; stop is p when nothing converts */
function strtoull10(s: string, p: number): [bigint, number] {
  let q = p;
  while (q < s.length && isCSpace(s.charCodeAt(q))) q++;
  let neg = false;
  if (q < s.length && (s[q] === '+' || s[q] === '-')) neg = s[q++] === '-';
  const first = q;
  while (q < s.length && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
  if (q === first) return [0n, p];
  let v = BigInt(s.slice(first, q));
  if (v > UINT64_MAX) v = UINT64_MAX;
  else if (neg) v = BigInt.asUintN(64, -v);
  return [v, q];
}

function validDate(y: number, m: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * gst_date_time_new_from_iso8601_string (1.22, lenient: a part that does not read is dropped
 * with everything after it), printed back as gst_value_serialize prints a GstDateTime, or for
 * `gdatetime` as g_date_time_format_iso8601 prints the GDateTime made from it (which needs
 * seconds). A time without a date means "today" in GStreamer; capsflow refuses it.
 */
export function scanDateTime(s: string, gdatetime = false): string | undefined {
  const len = s.length;
  const digit = (i: number): boolean => i < len && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
  if (len < 4 || !digit(0) || !digit(1)) return undefined;
  let year = -1;
  let month = -1;
  let day = -1;
  let hour = -1;
  let minute = -1;
  let second = -1;
  let seconds = -1; // with the fraction, as a C double
  let tzMinutes = 0;
  let p = 0;
  let dateOnly = false;
  read: {
    if (digit(2) && digit(3)) {
      let ret = 0;
      const y = scanfInt(s, 0, 4);
      if (y !== undefined) {
        year = y[0];
        ret = 1;
        if (s[y[1]] === '-') {
          const m = scanfInt(s, y[1] + 1, 2);
          if (m !== undefined) {
            month = m[0];
            ret = 2;
            if (s[m[1]] === '-') {
              const d = scanfInt(s, m[1] + 1, 2);
              if (d !== undefined) {
                day = d[0];
                ret = 3;
              }
            }
          }
        }
      }
      if (ret === 0) return undefined;
      if (ret === 3 && day <= 0) {
        ret = 2;
        day = -1;
      }
      if (ret >= 2 && month <= 0) month = day = -1;
      if (year <= 0 || year > 9999 || month > 12 || day > 31) return undefined;
      // YMD and HM need 16 characters
      if (len < 16 || !(s[10] === 'T' || s[10] === '-' || s[10] === ' ')) {
        dateOnly = true;
        break read;
      }
      p = 11;
    }
    // hour and minute are gint: a 64-bit "-1" becomes -1 and passes these checks
    const h = strtoull10(s, p);
    hour = Number(BigInt.asIntN(32, h[0]));
    if (hour > 24 || s[h[1]] !== ':') {
      hour = -1;
      dateOnly = true;
      break read;
    }
    const m = strtoull10(s, h[1] + 1);
    minute = Number(BigInt.asIntN(32, m[0]));
    if (minute > 59) {
      hour = minute = -1;
      dateOnly = true;
      break read;
    }
    p = m[1];
    if (s[p] === ':') {
      const sec = strtoull10(s, p + 1);
      p = sec[1];
      if (sec[0] <= 59n) {
        second = Number(sec[0]);
        seconds = second;
        if (s[p] === '.' || s[p] === ',') {
          const u = strtoull10(s, p + 1);
          if (u[1] > p + 1 && u[0] !== UINT64_MAX) seconds += Number(u[0]) / 10 ** (u[1] - p - 1);
          p = u[1];
        }
      }
    }
    if (s[p] !== 'Z') {
      const rest = s.slice(p);
      const plus = rest.lastIndexOf('+');
      const neg = rest.lastIndexOf('-');
      const at = plus >= 0 ? plus + 1 : neg >= 0 ? neg + 1 : -1;
      if (at >= 0) {
        let hh: [number, number] | undefined;
        let mm: [number, number] | undefined;
        if (rest[at + 2] === ':') {
          hh = scanfInt(rest, at, 0);
          if (hh !== undefined && rest[hh[1]] === ':') mm = scanfInt(rest, hh[1] + 1, 0);
        } else {
          hh = scanfInt(rest, at, 2);
          if (hh !== undefined) mm = scanfInt(rest, hh[1], 2);
        }
        if (hh !== undefined && mm !== undefined) {
          const sign = plus < 0 && neg + 1 === at ? -1 : 1;
          tzMinutes = sign * (hh[0] * 60 + mm[0]);
        }
      }
    }
  }
  if (dateOnly) {
    // gst_date_time_new_ymd
    if (year === -1 || gdatetime) return undefined;
    if (month === -1) return String(year).padStart(4, '0');
    if (day === -1) return `${String(year).padStart(4, '0')}-${two(month)}`;
    if (!validDate(year, month, day)) return undefined;
    return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
  }
  // gst_date_time_new: a time needs a whole date (GStreamer would take today's)
  const tz = Math.fround(tzMinutes / 60);
  if (year === -1 || month === -1 || day === -1) return undefined;
  if (hour >= 24 || tz < -12 || tz > 12 || !validDate(year, month, day)) return undefined;
  if (seconds !== -1 && !(seconds >= 0 && seconds < 60)) return undefined;
  if (hour < 0 || minute < 0) {
    // only "no time at all" passes gst_date_time_new's checks
    if (!(hour === -1 && minute === -1 && seconds === -1 && tz === 0) || gdatetime) return undefined;
    return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
  }
  // GLib keeps whole microseconds of the double seconds
  let usec = 0;
  if (seconds >= 0) {
    const total = Math.trunc(seconds * 1e6);
    usec = (total + 1) * 1e-6 <= seconds ? total + 1 - second * 1e6 : total - second * 1e6;
  }
  const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}`;
  const absTz = Math.abs(tz);
  const tzHour = Math.trunc(absTz);
  const tzMinute = Math.trunc(Math.fround(Math.fround(absTz - tzHour) * 60));
  if (gdatetime) {
    // g_date_time_format_iso8601
    if (second < 0) return undefined;
    const frac = usec !== 0 ? `.${String(usec).padStart(6, '0')}` : '';
    const zone = tz === 0 ? 'Z' : `${tz >= 0 ? '+' : '-'}${two(tzHour)}:${two(tzMinute)}`;
    return `${date}:${two(second)}${frac}${zone}`;
  }
  const zone = tz === 0 ? 'Z' : `${tz >= 0 ? '+' : '-'}${two(tzHour)}${two(tzMinute)}`;
  if (second < 0) return date + zone;
  const frac = usec !== 0 ? `.${String(usec).padStart(6, '0')}`.replace(/0+$/, '') : '';
  return `${date}:${two(second)}${frac}${zone}`;
}
