/**
 * `gst_caps_from_string` of GStreamer 1.22, as a hand-written scanner over `charCodeAt`
 * (the grammar here; the C number readers behind the scalar types in scalars.ts).
 * It accepts exactly what 1.22 accepts and builds the same values (including the legacy quirks
 * listed in caps-semantics.md §3), never throws on bad input, runs in linear time and refuses
 * nesting deeper than `MAX_NESTING` with a positioned issue instead of overflowing the stack.
 *
 * Text is treated as the C string GStreamer would see: a NUL character ends it.
 */
import type { CapsIssue } from './issues.js';
import type {
  CapsData,
  CapsEntry,
  CapsFeatures,
  Field,
  Fraction,
  Structure,
  Value,
} from './types.js';
import { ANY_CAPS, EMPTY_CAPS } from './value.js';
import { GTYPE_NAMES } from './gtypes.js';
import { addWork } from './work.js';
import { featuresToString, structureToString } from './print.js';
import * as chars from './chars.js';
import { ENUM_CLASSES, deserializeEnum, isEnumTypeName, type EnumTypeName } from './enums.js';
import { FLAGSET_CLASSES, isFlagSetTypeName, type FlagSetTypeName } from './flagsets.js';
import { FLT_MAX, INT_MAX, INT_MIN, ScalarReader, scanDate, scanDateTime, tryBoolean } from './scalars.js';

// module-local copies: V8 reads an imported binding through a cell, with a TDZ check, on
// every use, which costs about 10% in the scanning loops
const {
  ALPHA,
  C_BACKSLASH,
  C_COMMA,
  C_EQ,
  C_GT,
  C_LBRACE,
  C_LBRACKET,
  C_LPAREN,
  C_LT,
  C_QUOTE,
  C_RBRACE,
  C_RBRACKET,
  C_RPAREN,
  C_SEMI,
  CC,
  DIGIT,
  HEX,
  SIMPLE,
  SIMPLE_T,
  WS,
  WS_T,
  is,
} = chars;

export type ParseCapsResult =
  | { readonly ok: true; readonly caps: CapsData; readonly issues?: never }
  | { readonly ok: false; readonly caps?: never; readonly issues: readonly CapsIssue[] };

export type ParseStructureResult =
  | { readonly ok: true; readonly structure: Structure; readonly issues?: never }
  | { readonly ok: false; readonly structure?: never; readonly issues: readonly CapsIssue[] };

export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}
/** where a field sits: `name=value` as a whole, and its value */
export interface FieldSpan extends TextSpan {
  readonly name: string;
  readonly value: TextSpan;
}
/** where one top-level caps entry sits, for checks that point into the caps text */
export interface EntrySpan extends TextSpan {
  readonly name: TextSpan;
  readonly features: TextSpan | null;
  readonly fields: readonly FieldSpan[];
}

/** issues a failed parse reports at most (one per broken structure) */
const MAX_ISSUES = 20;

/** deeper `{`/`<`/`[`/quoted nesting is refused with `nesting-too-deep` */
export const MAX_NESTING = 256;

const ANY = ANY_CAPS;
const EMPTY = EMPTY_CAPS;

// ---------------------------------------------------------------------------------------------
// types a cast can name (abbreviations first, then the GType names 1.22 knows)

type TypeId =
  | 'int'
  | 'uint'
  | 'int64'
  | 'uint64'
  | 'long'
  | 'ulong'
  | 'uchar'
  | 'double'
  | 'float'
  | 'boolean'
  | 'string'
  | 'fraction'
  | 'bitmask'
  | 'flagset'
  | 'structure'
  | 'caps'
  | 'date'
  | 'datetime'
  | 'gdatetime'
  | 'buffer'
  | 'caps-features'
  | 'taglist'
  | 'gtype'
  | 'list'
  | 'array'
  | 'int-range'
  | 'int64-range'
  | 'double-range'
  | 'fraction-range'
  | 'no-deserializer'
  | 'unsupported'
  | EnumTypeName
  | FlagSetTypeName;

const TYPES = new Map<string, TypeId>([
  ['int', 'int'], ['i', 'int'], ['uint', 'uint'], ['u', 'uint'], ['float', 'float'], ['f', 'float'],
  ['double', 'double'], ['d', 'double'], ['buffer', 'buffer'], ['fraction', 'fraction'],
  ['boolean', 'boolean'], ['bool', 'boolean'], ['b', 'boolean'], ['string', 'string'], ['str', 'string'],
  ['s', 'string'], ['structure', 'structure'], ['date', 'date'], ['datetime', 'datetime'],
  ['gdatetime', 'gdatetime'], ['bitmask', 'bitmask'], ['flagset', 'flagset'], ['sample', 'unsupported'],
  ['taglist', 'taglist'], ['type', 'gtype'], ['array', 'array'], ['list', 'list'],
  // GType names
  ['gint', 'int'], ['guint', 'uint'], ['gint64', 'int64'], ['guint64', 'uint64'], ['glong', 'long'],
  ['gulong', 'ulong'], ['guchar', 'uchar'], ['gdouble', 'double'], ['gfloat', 'float'],
  ['gboolean', 'boolean'], ['gchararray', 'string'], ['GstFraction', 'fraction'], ['GstBitmask', 'bitmask'],
  ['GstFlagSet', 'flagset'], ['GstStructure', 'structure'], ['GstCaps', 'caps'], ['GType', 'gtype'],
  ['GstBuffer', 'buffer'], ['GDate', 'date'], ['GstDateTime', 'datetime'], ['GDateTime', 'gdatetime'],
  ['GstValueList', 'list'], ['GstValueArray', 'array'], ['GstIntRange', 'int-range'],
  ['GstInt64Range', 'int64-range'], ['GstDoubleRange', 'double-range'], ['GstFractionRange', 'fraction-range'],
  // registered, but without a deserializer: a cast to them always fails
  ['gchar', 'no-deserializer'], ['gpointer', 'no-deserializer'], ['GObject', 'no-deserializer'],
  ['GstObject', 'no-deserializer'], ['GValueArray', 'no-deserializer'],
  // registered and deserializable by GStreamer, not modelled here
  ['GstSample', 'unsupported'], ['GstTagList', 'taglist'], ['GstCapsFeatures', 'caps-features'],
  ['GstSegment', 'unsupported'],
  // registered enum and flags types (enums.ts)
  ...(Object.keys(ENUM_CLASSES) as EnumTypeName[]).map((name): [string, TypeId] => [name, name]),
  // registered GstFlagSet subtypes (flagsets.ts)
  ...(Object.keys(FLAGSET_CLASSES) as FlagSetTypeName[]).map((name): [string, TypeId] => [name, name]),
]);

/** TYPES.get without slicing for the names real caps use */
function lookupType(t: string, s: number, e: number): TypeId | undefined {
  // first letter and length pick the candidate, a char loop confirms it (startsWith is slower)
  let name: string | undefined;
  let id: TypeId | undefined;
  switch (t.charCodeAt(s)) {
    case 105: // i
      if (e - s === 3) (name = 'int'), (id = 'int');
      break;
    case 115: // s
      if (e - s === 6) (name = 'string'), (id = 'string');
      break;
    case 102: // f
      if (e - s === 8) (name = 'fraction'), (id = 'fraction');
      break;
    case 98: // b
      if (e - s === 7) {
        if (t.charCodeAt(s + 1) === 111) (name = 'boolean'), (id = 'boolean');
        else (name = 'bitmask'), (id = 'bitmask');
      }
      break;
    case 117: // u
      if (e - s === 4) (name = 'uint'), (id = 'uint');
      break;
    case 100: // d
      if (e - s === 6) (name = 'double'), (id = 'double');
      break;
  }
  if (name !== undefined) {
    let i = 1;
    while (i < name.length && t.charCodeAt(s + i) === name.charCodeAt(i)) i++;
    if (i === name.length) return id;
  }
  return TYPES.get(t.slice(s, e));
}

const CAST_TYPES: readonly (TypeId | undefined)[] = [undefined, 'int', 'string', 'fraction', 'boolean', 'bitmask', 'double', 'uint'];
/** `(` + name + `)` */
const CAST_LENGTHS: readonly number[] = [0, 5, 8, 10, 9, 9, 8, 6];

/**
 * The casts of printed caps, matched right after the `(` without scanning the name first:
 * the index into CAST_TYPES of a name followed directly by `)`, or 0.
 */
function exactCast(t: string, p: number, e: number): number {
  const c = p < e ? t.charCodeAt(p) : 0;
  let name: string;
  let id: number;
  if (c === 105) (name = 'int)'), (id = 1);
  else if (c === 115) (name = 'string)'), (id = 2);
  else if (c === 102) (name = 'fraction)'), (id = 3);
  else if (c === 98) {
    if (p + 1 < e && t.charCodeAt(p + 1) === 111) (name = 'boolean)'), (id = 4);
    else (name = 'bitmask)'), (id = 5);
  } else if (c === 100) (name = 'double)'), (id = 6);
  else if (c === 117) (name = 'uint)'), (id = 7);
  else return 0;
  if (p + name.length > e) return 0;
  for (let i = 1; i < name.length; i++) if (t.charCodeAt(p + i) !== name.charCodeAt(i)) return 0;
  return id;
}

/** printed `(…)` name of the types the range/typed paths report */
const TYPE_LABEL: Record<Exclude<TypeId, EnumTypeName | FlagSetTypeName>, string> = {
  int: 'int', uint: 'uint', int64: 'gint64', uint64: 'guint64', long: 'glong', ulong: 'gulong', uchar: 'guchar',
  double: 'double', float: 'float', boolean: 'boolean', string: 'string', fraction: 'fraction', bitmask: 'bitmask',
  flagset: 'flagset', structure: 'structure', caps: 'GstCaps', date: 'date', datetime: 'datetime',
  gdatetime: 'gdatetime', buffer: 'buffer', 'caps-features': 'GstCapsFeatures', taglist: 'taglist', gtype: 'type', list: 'list', array: 'array', 'int-range': 'GstIntRange',
  'int64-range': 'GstInt64Range', 'double-range': 'GstDoubleRange', 'fraction-range': 'GstFractionRange',
  'no-deserializer': 'non-deserializable', unsupported: 'unsupported',
};

const typeLabel = (type: TypeId): string => (isEnumTypeName(type) || isFlagSetTypeName(type) ? type : TYPE_LABEL[type]);

/** a < b for reduced fractions with den > 0 */
function fractionLess(a: Fraction, b: Fraction): boolean {
  const l = a.num * b.den;
  const r = b.num * a.den;
  if (Number.isSafeInteger(l) && Number.isSafeInteger(r)) return l < r;
  return BigInt(a.num) * BigInt(b.den) < BigInt(b.num) * BigInt(a.den);
}

/** identity of a value's GType, for the "both bounds of a range have one type" rule */
function typeKey(v: Value): string {
  return v.kind === 'opaque' ? `opaque:${v.type}` : v.kind === 'flagset' && v.type !== undefined ? `flagset:${v.type}` : v.kind;
}

function describe(text: string, pos: number, end: number): string {
  if (pos >= end) return 'end of text';
  const c = text.codePointAt(pos)!;
  return c < 0x20 || c === 0x7f ? `'\\x${c.toString(16).padStart(2, '0')}'` : `'${String.fromCodePoint(c)}'`;
}

// ---------------------------------------------------------------------------------------------
// UTF-8, for strings whose octal escapes produce bytes >= 0x80. A lone surrogate of the JS text
// is U+FFFD, as in every UTF-8 encoding of a JS string (and so in what GStreamer is handed).

function pushUtf8(bytes: number[], text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < to ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) {
        bytes.push(0xef, 0xbf, 0xbd);
        continue;
      }
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      i++;
      bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    } else bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return true;
}

/** g_utf8_validate + decode; undefined when invalid */
function decodeUtf8(bytes: readonly number[]): string | undefined {
  const units: number[] = [];
  let out = '';
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      cp = b;
      need = 0;
      min = 0;
    } else if (b >= 0xc2 && b <= 0xdf) {
      cp = b & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      cp = b & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      cp = b & 0x07;
      need = 3;
      min = 0x10000;
    } else return undefined;
    for (let k = 1; k <= need; k++) {
      const cb = bytes[i + k];
      if (cb === undefined || (cb & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (cb & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
    i += need + 1;
  }
  return out + String.fromCharCode(...units);
}

// ---------------------------------------------------------------------------------------------

class Parser extends ScalarReader {
  pos = 0;
  depth: number;
  readonly issues: CapsIssue[] = [];
  /** where the top-level structure being read starts, for recovery */
  private entryStart = 0;
  /** set to record where each top-level entry and field sits in the text */
  spans: EntrySpan[] | undefined;
  private fieldSpans: FieldSpan[] | undefined;
  /** matching `]` of each `[`, computed on first need */
  private brackets: Brackets | undefined;

  constructor(text: string, end: number, depth: number) {
    super(text, end);
    this.depth = depth;
  }

  // --- issues ---------------------------------------------------------------------------------

  private fail(issue: CapsIssue): undefined {
    this.issues.push(issue);
    return undefined;
  }

  private found(pos = this.pos): string {
    return describe(this.text, pos, this.end);
  }

  // --- whitespace -----------------------------------------------------------------------------

  private skipWs(): void {
    const t = this.text;
    const end = this.end;
    let p = this.pos;
    while (p < end && WS_T[t.charCodeAt(p)] === 1) p++;
    this.pos = p;
  }

  /** WS plus backslash-WS, as around names and field delimiters */
  private skipWsEsc(): void {
    const t = this.text;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = t.charCodeAt(p);
      if (c < 128 && (CC[c]! & WS) !== 0) p++;
      else if (c === C_BACKSLASH && p + 1 < end && is(t.charCodeAt(p + 1), WS)) p++;
      else break;
    }
    this.pos = p;
  }

  private scanSimple(p: number): number {
    const t = this.text;
    const end = this.end;
    while (p < end && SIMPLE_T[t.charCodeAt(p)] === 1) p++;
    return p;
  }

  // --- caps and structures --------------------------------------------------------------------

  /** the loop of gst_caps_from_string (the ANY/EMPTY/NONE check is the caller's) */
  parseCapsBody(): CapsEntry[] | undefined {
    const t = this.text;
    const entries: CapsEntry[] = [];
    const spans = this.depth === 0 ? this.spans : undefined;
    for (;;) {
      this.skipWs();
      if (this.pos >= this.end) break;
      const nameStart = this.pos;
      if (this.depth === 0) this.entryStart = nameStart;
      const name = this.parseStructureName();
      if (name === undefined) return undefined;
      let features: CapsFeatures | null = null;
      let featuresSpan: TextSpan | null = null;
      if (this.pos < this.end && t.charCodeAt(this.pos) === C_LPAREN) {
        const from = this.pos + 1;
        let to = t.indexOf(')', from);
        if (to < 0 || to >= this.end) to = this.end;
        const f = this.parseFeatures(from, to);
        if (f === undefined) return undefined;
        features = f;
        featuresSpan = { offset: from - 1, length: to - from + (to < this.end ? 2 : 1) };
        this.pos = to < this.end ? to + 1 : to;
      }
      const fields: Field[] = [];
      const fieldSpans: FieldSpan[] | undefined = spans === undefined ? undefined : [];
      if (spans !== undefined) this.fieldSpans = fieldSpans;
      if (this.pos < this.end && !this.parseFields(fields, name)) return undefined;
      if (spans !== undefined) this.fieldSpans = undefined;
      entries.push({ structure: { name, fields }, features });
      if (spans !== undefined) {
        spans.push({
          offset: nameStart,
          length: this.pos - nameStart,
          name: { offset: nameStart, length: name.length },
          features: featuresSpan,
          fields: fieldSpans!,
        });
      }
      if (this.pos >= this.end) break;
    }
    return entries;
  }

  /** priv_gst_structure_parse_name + name validation */
  parseStructureName(): string | undefined {
    this.skipWsEsc();
    const t = this.text;
    const start = this.pos;
    if (start >= this.end) {
      return this.fail({
        code: 'structure-name-expected',
        offset: start,
        length: 0,
        found: 'end of text',
        message: 'expected a structure name, found end of text',
      });
    }
    let name: string;
    if (t.charCodeAt(start) === C_QUOTE) {
      const unq = this.scanQuotedSimple(start);
      if (unq === undefined) return undefined;
      name = unq;
    } else {
      const e = this.scanSimple(start);
      if (e === start) {
        return this.fail({
          code: 'structure-name-expected',
          offset: start,
          length: 1,
          found: this.found(start),
          message: `expected a structure name, found ${this.found(start)}`,
        });
      }
      this.pos = e;
      name = t.slice(start, e);
      // a bare token is all name characters; only the first must be a letter
      if (is(t.charCodeAt(start), ALPHA)) return name;
    }
    if (!validStructureName(name)) {
      return this.fail({
        code: 'valid-structure-name-expected',
        offset: start,
        length: this.pos - start,
        name,
        message: `invalid structure name '${name}': it must start with a letter and use only letters, digits and / - _ . : +`,
      });
    }
    return name;
  }

  /** a quoted name: `\` escapes any one character (no octal here) */
  private scanQuotedSimple(start: number): string | undefined {
    const t = this.text;
    const end = this.end;
    let p = start + 1;
    let out = '';
    let seg = p;
    for (;;) {
      if (p >= end) {
        return this.fail({
          code: 'unterminated-string',
          offset: start,
          length: p - start,
          message: 'unterminated quoted string',
        });
      }
      const c = t.charCodeAt(p);
      if (c === C_QUOTE) break;
      if (c === C_BACKSLASH) {
        out += t.slice(seg, p);
        p++;
        if (p >= end) continue;
        seg = p;
      }
      p++;
    }
    out += t.slice(seg, p);
    this.pos = p + 1;
    return out;
  }

  /** gst_caps_features_from_string over text[from, to) */
  private parseFeatures(from: number, to: number): CapsFeatures | undefined {
    const t = this.text;
    if (from === to) return { any: false, names: [] };
    if (to - from === 3 && t.startsWith('ANY', from)) return { any: true, names: [] };
    const names: string[] = [];
    // duplicates are dropped (gst_caps_features_add); past a few names a set keeps that linear
    let seen: Set<string> | null = null;
    let p = from;
    while (p < to && t.charCodeAt(p) === 32) p++;
    let tok = p;
    let escape = false;
    for (;;) {
      const c = p < to ? t.charCodeAt(p) : 0;
      if (c === C_BACKSLASH) {
        escape = true;
        p++;
        continue;
      }
      if ((!escape && c === C_COMMA) || p >= to) {
        const feature = t.slice(tok, p);
        if (feature.length === 0 || feature.includes(' ')) {
          return this.fail({
            code: 'caps-feature-expected',
            offset: tok,
            length: feature.length > 0 ? p - tok : tok < this.end ? 1 : 0,
            feature,
            message:
              feature.length === 0
                ? 'expected a caps feature name, found an empty one'
                : `caps feature '${feature}' contains a space`,
          });
        }
        // invalid names are dropped silently, as 1.22 does (with a g_warning)
        if (validFeatureName(feature)) {
          if (seen === null && names.length >= 8) seen = new Set(names);
          addWork(seen === null ? names.length : 1);
          if (seen === null ? !names.includes(feature) : !seen.has(feature)) {
            names.push(feature);
            seen?.add(feature);
          }
        }
        if (p >= to) break;
        p++;
        while (p < to && t.charCodeAt(p) === 32) p++;
        tok = p;
      } else {
        escape = false;
        p++;
      }
    }
    return { any: false, names };
  }

  /** priv_gst_structure_parse_fields: consumes up to and including the closing `;` */
  parseFields(fields: Field[], structName: string): boolean {
    const t = this.text;
    let index: Map<string, number> | undefined;
    for (;;) {
      this.skipWsEsc();
      if (this.pos >= this.end) return true;
      let c = t.charCodeAt(this.pos);
      if (c === C_SEMI) {
        this.pos++;
        return true;
      }
      if (c !== C_COMMA) {
        this.fail({
          code: 'delimiter-expected',
          offset: this.pos,
          length: 1,
          found: this.found(),
          message: `expected ',' or ';', found ${this.found()}`,
        });
        return false;
      }
      this.pos++;
      this.skipWsEsc();
      if (this.pos >= this.end) return true;
      c = t.charCodeAt(this.pos);
      if (c === C_SEMI) {
        this.pos++;
        return true;
      }
      const nameStart = this.pos;
      const nameEnd = this.scanSimple(nameStart);
      if (nameEnd === nameStart) {
        this.fail({
          code: 'field-name-expected',
          offset: nameStart,
          length: 1,
          found: this.found(),
          message: `expected a field name, found ${this.found()}`,
        });
        return false;
      }
      const name = t.slice(nameStart, nameEnd);
      this.pos = nameEnd;
      this.skipWsEsc();
      if (this.pos >= this.end || t.charCodeAt(this.pos) !== C_EQ) {
        this.fail({
          code: 'equals-expected',
          offset: this.pos,
          length: this.pos < this.end ? 1 : 0,
          field: name,
          found: this.found(),
          message: `expected '=' after field name '${name}', found ${this.found()}`,
        });
        return false;
      }
      this.pos++;
      const valueStart = this.pos;
      const value = this.parseValue(null);
      if (value === undefined) return false;
      const fieldSpans = this.depth === 0 ? this.fieldSpans : undefined;
      if (fieldSpans !== undefined) {
        // skipped WS before the value is not part of it
        let v = valueStart;
        while (v < this.pos && WS_T[t.charCodeAt(v)] === 1) v++;
        const span = { name, offset: nameStart, length: this.pos - nameStart, value: { offset: v, length: this.pos - v } };
        const at = fieldSpans.findIndex((f) => f.name === name);
        if (at >= 0) fieldSpans[at] = span;
        else fieldSpans.push(span);
      }
      // gst_structure_set_field: taglists drop NULL and empty strings
      if (structName === 'taglist' && value.kind === 'string' && (value.value === null || value.value === '')) continue;
      // a re-set field keeps its first position
      if (fields.length < 16) {
        let i = 0;
        for (; i < fields.length; i++) if (fields[i]!.name === name) break;
        if (i < fields.length) fields[i] = { name, value };
        else fields.push({ name, value });
      } else {
        if (index === undefined) {
          index = new Map();
          for (let i = 0; i < fields.length; i++) index.set(fields[i]!.name, i);
        }
        const i = index.get(name);
        if (i !== undefined) fields[i] = { name, value };
        else {
          index.set(name, fields.length);
          fields.push({ name, value });
        }
      }
    }
  }

  // --- values ---------------------------------------------------------------------------------

  /** _priv_gst_value_parse_value: an optional cast, then `[`, `{`, `<` or a scalar token */
  parseValue(defaultType: TypeId | null): Value | undefined {
    const t = this.text;
    this.skipWs();
    let type = defaultType;
    const cast = this.pos < this.end && t.charCodeAt(this.pos) === C_LPAREN ? exactCast(t, this.pos + 1, this.end) : 0;
    if (cast > 0) {
      // `(int)`, `(string)`, … exactly as GStreamer prints them
      type = CAST_TYPES[cast]!;
      this.pos += CAST_LENGTHS[cast]!;
      this.skipWs();
    } else if (this.pos < this.end && t.charCodeAt(this.pos) === C_LPAREN) {
      this.pos++;
      this.skipWs();
      const nameStart = this.pos;
      const nameEnd = this.scanSimple(nameStart);
      if (nameEnd === nameStart) {
        return this.fail({
          code: 'type-name-expected',
          offset: nameStart,
          length: nameStart < this.end ? 1 : 0,
          found: this.found(),
          message: `expected a type name after '(', found ${this.found()}`,
        });
      }
      this.pos = nameEnd;
      this.skipWs();
      if (this.pos >= this.end || t.charCodeAt(this.pos) !== C_RPAREN) {
        return this.fail({
          code: 'close-paren-expected',
          offset: this.pos,
          length: this.pos < this.end ? 1 : 0,
          found: this.found(),
          message: `expected ')' after the type name, found ${this.found()}`,
        });
      }
      this.pos++;
      this.skipWs();
      const id = lookupType(t, nameStart, nameEnd);
      if (id === undefined || id === 'unsupported') {
        const typeName = t.slice(nameStart, nameEnd);
        if (id === undefined) {
        return this.fail({
          code: 'unknown-type',
          offset: nameStart,
          length: nameEnd - nameStart,
          typeName,
          message: `unknown type '${typeName}'${typeName === 'int64' || typeName === 'uint64' ? ` (GStreamer 1.22 spells it 'g${typeName}')` : typeName === 'caps' ? " (GStreamer 1.22 spells it 'GstCaps')" : ''}`,
        });
        }
        return this.fail({
          code: 'unsupported-type',
          offset: nameStart,
          length: nameEnd - nameStart,
          typeName,
          message: `values of type '${typeName}' are not supported by capsflow`,
        });
      }
      type = id;
    }
    if (this.pos >= this.end) {
      return this.fail({
        code: 'field-value-expected',
        offset: this.pos,
        length: 0,
        found: 'end of text',
        message: 'expected a value, found end of text',
      });
    }
    const c = t.charCodeAt(this.pos);
    if (c === C_LBRACKET || c === C_LBRACE || c === C_LT) {
      if (this.depth >= MAX_NESTING) return this.tooDeep(this.pos);
      this.depth++;
      const v =
        c === C_LBRACKET ? this.parseBracket(type) : this.parseList(type, c === C_LBRACE ? C_RBRACE : C_GT);
      this.depth--;
      return v;
    }
    // scalar token: quoted (kept raw) or bare
    const start = this.pos;
    let stop: number;
    if (c === C_QUOTE) {
      const e = this.scanQuotedRaw(start);
      if (e < 0) return undefined;
      stop = e;
    } else {
      stop = this.scanSimple(start);
      if (stop === start) {
        return this.fail({
          code: 'field-value-expected',
          offset: start,
          length: 1,
          found: this.found(),
          message: `expected a value, found ${this.found()}`,
        });
      }
    }
    this.pos = stop;
    return type === null ? this.infer(start, stop) : this.deserialize(type, start, stop);
  }

  /** end of a quoted token (after the closing quote), or -1 */
  private scanQuotedRaw(start: number): number {
    const t = this.text;
    const end = this.end;
    let p = start + 1;
    for (;;) {
      if (p >= end) break;
      const c = t.charCodeAt(p);
      if (c === C_QUOTE) return p + 1;
      if (c === C_BACKSLASH) {
        p++;
        if (p >= end) break;
      }
      p++;
    }
    this.fail({
      code: 'unterminated-string',
      offset: start,
      length: end - start,
      message: 'unterminated quoted string',
    });
    return -1;
  }

  /** untyped token: int → double → fraction → flagset → boolean → string */
  private infer(start: number, stop: number): Value | undefined {
    const t = this.text;
    const quoted = t.charCodeAt(start) === C_QUOTE;
    // the legacy quirk: non-string attempts see a quoted token without its quotes
    const s = quoted ? start + 1 : start;
    const e = quoted ? stop - 1 : stop;
    const c = s < e ? t.charCodeAt(s) : 0;
    // a bare token starting with a letter that no numeric, keyword or hex form can start with
    // is a string: the common case (I420, interleaved, video/x-raw ...)
    if (!quoted && c < 128 && (CC[c]! & ALPHA) !== 0) {
      if (MAYBE_KEYWORD[c] === 0) {
        const str = t.slice(start, stop);
        return { kind: 'string', value: str === 'NULL' ? null : str };
      }
      // a letter cannot start a number: only keywords, inf/nan and hex flagsets remain
      const k = this.intKeyword(s, e);
      if (k !== undefined) {
        return { kind: 'int', value: k === 'min' ? INT_MIN : k === 'max' ? INT_MAX : k === 'little' ? 1234 : 4321 };
      }
      const l = c | 0x20;
      if ((l === 105 || l === 110) && this.strtod(s, e) === e) return { kind: 'double', value: this.dbl };
      if ((CC[c]! & HEX) !== 0) {
        const fs = this.tryFlagset(s, e);
        if (fs !== undefined) return fs;
      }
      const b = tryBoolean(t, s, e);
      if (b !== undefined) return { kind: 'boolean', value: b };
      const str = t.slice(start, stop);
      return { kind: 'string', value: str === 'NULL' ? null : str };
    }
    if (this.tryInt32(s, e)) return { kind: 'int', value: this.i32 };
    if (this.tryDouble(s, e)) return { kind: 'double', value: this.dbl };
    const f = this.tryFraction(s, e);
    if (f !== undefined) return f;
    const fs = this.tryFlagset(s, e);
    if (fs !== undefined) return fs;
    const b = tryBoolean(t, s, e);
    if (b !== undefined) return { kind: 'boolean', value: b };
    return this.deserializeString(start, stop);
  }

  // --- typed deserialisers ----------------------------------------------------------------------

  private deserialize(type: TypeId, start: number, stop: number): Value | undefined {
    const t = this.text;
    switch (type) {
      case 'int':
        if (this.tryInt32(start, stop)) return { kind: 'int', value: this.i32 };
        break;
      case 'uint':
      case 'uchar':
      case 'uint64':
      case 'ulong': {
        const u = this.tryUnsigned(start, stop, type);
        if (u === undefined) break;
        if (type === 'uint') return { kind: 'uint', value: Number(u) };
        if (type === 'uint64') return { kind: 'uint64', value: u };
        return { kind: 'opaque', type: type === 'uchar' ? 'guchar' : 'gulong', text: u.toString() };
      }
      case 'int64':
      case 'long': {
        const v = this.tryInt64(start, stop);
        if (v === undefined) break;
        return type === 'int64' ? { kind: 'int64', value: v } : { kind: 'opaque', type: 'glong', text: v.toString() };
      }
      case 'double':
        if (this.tryDouble(start, stop)) return { kind: 'double', value: this.dbl };
        break;
      case 'float':
        if (this.tryDouble(start, stop, FLT_MAX) && !(this.dbl > FLT_MAX || this.dbl < -FLT_MAX)) {
          return { kind: 'float', value: Math.fround(this.dbl) };
        }
        break;
      case 'boolean': {
        const b = tryBoolean(t, start, stop);
        if (b !== undefined) return { kind: 'boolean', value: b };
        break;
      }
      case 'string':
        return this.deserializeString(start, stop);
      case 'fraction': {
        const f = this.tryFraction(start, stop);
        if (f !== undefined) return f;
        break;
      }
      case 'flagset': {
        const f = this.tryFlagset(start, stop);
        if (f !== undefined) return f;
        break;
      }
      case 'bitmask': {
        // strtoull base 16; the rest of the token is ignored
        if (!this.strtou64(start, stop, 16)) break;
        if (this.overflow) break;
        let v = this.big ? this.u64Big : BigInt(this.u64);
        if (this.neg) v = BigInt.asUintN(64, -v);
        return { kind: 'bitmask', value: v };
      }
      case 'structure':
      case 'caps':
        return this.deserializeNestedToken(type, start, stop);
      case 'date': {
        const d = scanDate(t, start, stop);
        if (d !== undefined) return { kind: 'opaque', type: 'date', text: d };
        break;
      }
      case 'datetime':
      case 'gdatetime': {
        const d = scanDateTime(t.slice(start, stop), type === 'gdatetime');
        if (d !== undefined) return { kind: 'opaque', type, text: d };
        break;
      }
      case 'buffer': {
        const len = stop - start;
        let ok = (len & 1) === 0;
        for (let p = start; ok && p < stop; p++) ok = is(t.charCodeAt(p), HEX);
        if (ok) return { kind: 'opaque', type: 'buffer', text: t.slice(start, stop).toLowerCase() };
        break;
      }
      case 'caps-features': {
        const f = this.deserializeFeatures(start, stop);
        if (f !== undefined) return { kind: 'opaque', type: 'GstCapsFeatures', text: featuresToString(f) };
        if (this.issues.length > 0) return undefined;
        break;
      }
      case 'taglist': {
        const s = this.deserializeTagList(start, stop);
        if (s !== undefined) return { kind: 'opaque', type: 'taglist', text: structureToString(s), structure: s };
        if (this.issues.length > 0) return undefined;
        break;
      }
      case 'gtype': {
        const name = t.slice(start, stop);
        if (GTYPE_NAMES.has(name)) return { kind: 'opaque', type: 'type', text: name };
        break;
      }
      default:
        if (isEnumTypeName(type)) {
          const e = deserializeEnum(type, t.slice(start, stop));
          if (e !== undefined) return e.bits === undefined ? { kind: 'opaque', type, text: e.text } : { kind: 'opaque', type, text: e.text, bits: e.bits };
        } else if (isFlagSetTypeName(type)) {
          const f = this.tryFlagsetOf(type, start, stop);
          if (f !== undefined) return f;
        }
        // list, array, ranges and types without a deserializer never accept a scalar
        break;
    }
    return this.fail({
      code: 'value-of-type-expected',
      offset: start,
      length: stop - start,
      typeName: typeLabel(type),
      text: t.slice(start, stop),
      message:
        type === 'no-deserializer'
          ? `GStreamer cannot read values of this type from text ('${t.slice(start, stop)}')`
          : `'${t.slice(start, stop)}' is not a valid ${typeLabel(type)} value`,
    });
  }

  /** gst_value_deserialize_string: NULL, a quoted (escaped) token, or the token itself */
  private deserializeString(start: number, stop: number): Value | undefined {
    const t = this.text;
    if (t.charCodeAt(start) === C_QUOTE) {
      const s = this.unwrap(start, stop);
      return s === undefined ? undefined : { kind: 'string', value: s };
    }
    const s = t.slice(start, stop);
    return { kind: 'string', value: s === 'NULL' ? null : s };
  }

  /**
   * gst_string_unwrap of the quoted token text[start, stop): `\ddd` (first digit 0–3) is a byte,
   * `\x` is x. The result must be valid UTF-8 (unless `anyBytes`: bad bytes then read as U+FFFD,
   * for callers that only test the text for ASCII names); a `\000` byte ends the C string.
   */
  private unwrap(start: number, stop: number, anyBytes = false): string | undefined {
    const t = this.text;
    const last = stop - 1; // the closing quote
    let p = start + 1;
    let seg = p;
    let out = '';
    let bytes: number[] | undefined; // set once a byte >= 0x80 appears
    let cut = false; // a NUL byte ended the string
    let surrogates = false;
    while (p < last) {
      const c = t.charCodeAt(p);
      if (c !== C_BACKSLASH) {
        if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
        p++;
        continue;
      }
      if (!cut) {
        if (bytes !== undefined) {
          if (!pushUtf8(bytes, t, seg, p)) return this.badUtf8(start, stop);
        } else out += t.slice(seg, p);
      }
      const d = t.charCodeAt(p + 1);
      if (d >= 48 && d <= 51) {
        const d1 = t.charCodeAt(p + 2);
        const d2 = t.charCodeAt(p + 3);
        if (p + 3 >= last || d1 < 48 || d1 > 55 || d2 < 48 || d2 > 55) {
          return this.fail({
            code: 'octal-escape-expected',
            offset: p,
            length: Math.min(4, last - p),
            message: "'\\' followed by 0-3 must start a three-digit octal escape such as \\303",
          });
        }
        const byte = ((d - 48) << 6) | ((d1 - 48) << 3) | (d2 - 48);
        if (!cut) {
          if (byte === 0) cut = true;
          else if (bytes !== undefined) bytes.push(byte);
          else if (byte < 0x80) out += String.fromCharCode(byte);
          else {
            bytes = [];
            if (!pushUtf8(bytes, out, 0, out.length)) return this.badUtf8(start, stop);
            bytes.push(byte);
          }
        }
        p += 4;
      } else {
        // `\x` is x; the raw scan guarantees x exists before the closing quote
        p += 1;
        if (d >= 0xd800 && d <= 0xdfff) surrogates = true;
        seg = p;
        p++;
        continue;
      }
      seg = p;
    }
    if (!cut) {
      if (bytes !== undefined) {
        if (!pushUtf8(bytes, t, seg, last)) return this.badUtf8(start, stop);
      } else out += t.slice(seg, last);
    }
    if (bytes !== undefined) {
      const s = anyBytes ? new TextDecoder().decode(Uint8Array.from(bytes)) : decodeUtf8(bytes);
      return s === undefined ? this.badUtf8(start, stop) : s;
    }
    return surrogates ? wellFormed(out) : out;
  }

  private badUtf8(start: number, stop: number): undefined {
    return this.fail({
      code: 'utf8-expected',
      offset: start,
      length: stop - start,
      message: 'the unescaped string is not valid UTF-8',
    });
  }

  /** the value at `offset` would nest deeper than MAX_NESTING levels */
  private tooDeep(offset: number): undefined {
    return this.fail({
      code: 'nesting-too-deep',
      offset,
      length: 1,
      limit: MAX_NESTING,
      message: `values nested deeper than ${MAX_NESTING} levels are refused`,
    });
  }

  /**
   * gst_value_deserialize_caps_features: gst_caps_features_from_string of the token, unwrapped
   * first when quoted. undefined with an issue when the unwrap fails, without one when the
   * features do not parse.
   */
  private deserializeFeatures(start: number, stop: number): CapsFeatures | undefined {
    let text = this.text.slice(start, stop);
    if (text.charCodeAt(0) === C_QUOTE) {
      // gst_string_unwrap alone does not check UTF-8; a non-ASCII feature name is dropped anyway
      const s = this.unwrap(start, stop, true);
      if (s === undefined) return undefined;
      text = s;
    }
    return new Parser(text, text.length, this.depth + 1).parseFeatures(0, text.length);
  }

  /**
   * gst_value_deserialize_tag_list: gst_tag_list_new_from_string of the token (unwrapped first
   * when quoted), which wants the text to start with `taglist` and reads one structure from it;
   * undefined with an issue saying why not.
   */
  private deserializeTagList(start: number, stop: number): Structure | undefined {
    let text = this.text.slice(start, stop);
    if (text.charCodeAt(0) === C_QUOTE) {
      const s = this.unwrap(start, stop);
      if (s === undefined) return undefined;
      text = s;
    }
    if (!text.startsWith('taglist')) {
      return this.fail({
        code: 'value-of-type-expected',
        offset: start,
        length: stop - start,
        typeName: 'taglist',
        text: this.text.slice(start, stop),
        message: `a tag list must be a structure named 'taglist', found '${text}'`,
      });
    }
    if (this.depth + 1 > MAX_NESTING) return this.tooDeep(start);
    const sub = new Parser(text, text.length, this.depth + 1);
    const s = sub.parseStructureText();
    // report the inner problem at the token
    for (const issue of sub.issues) {
      this.issues.push({ ...issue, offset: start, length: stop - start, message: `in the tag list at offset ${issue.offset}: ${issue.message}` });
    }
    return s;
  }

  /** `(structure)tok`, `(GstCaps)tok`, or their quoted forms */
  private deserializeNestedToken(type: 'structure' | 'caps', start: number, stop: number): Value | undefined {
    const t = this.text;
    if (t.charCodeAt(start) !== C_QUOTE) {
      // a bare token is a lone structure name (or ANY/EMPTY/NONE for caps)
      const name = t.slice(start, stop);
      if (type === 'caps') {
        if (name === 'ANY') return { kind: 'caps', value: ANY };
        if (name === 'EMPTY' || name === 'NONE') return { kind: 'caps', value: EMPTY };
      }
      if (!is(t.charCodeAt(start), ALPHA)) {
        return this.fail({
          code: 'valid-structure-name-expected',
          offset: start,
          length: stop - start,
          name,
          message: `invalid structure name '${name}': it must start with a letter`,
        });
      }
      const structure: Structure = { name, fields: [] };
      return type === 'caps'
        ? { kind: 'caps', value: { any: false, entries: [{ structure, features: null }] } }
        : { kind: 'structure', value: structure };
    }
    const inner = this.unwrap(start, stop);
    if (inner === undefined) return undefined;
    const sub = new Parser(inner, inner.length, this.depth + 1);
    if (this.depth + 1 > MAX_NESTING) return this.tooDeep(start);
    let v: Value | undefined;
    if (type === 'caps') {
      const caps = sub.parseCapsText();
      if (caps !== undefined) v = { kind: 'caps', value: caps };
    } else {
      const s = sub.parseStructureText();
      if (s !== undefined) v = { kind: 'structure', value: s };
    }
    if (v !== undefined) return v;
    // report the inner problem at the quoted token
    for (const issue of sub.issues) {
      this.issues.push({
        ...issue,
        offset: start,
        length: stop - start,
        message: `in the quoted ${type === 'caps' ? 'caps' : 'structure'} at offset ${issue.offset}: ${issue.message}`,
      });
    }
    return undefined;
  }

  /** gst_caps_from_string over the whole text */
  parseCapsText(): CapsData | undefined {
    const t = this.text;
    if (t === 'ANY') return ANY;
    if (t === 'EMPTY' || t === 'NONE') return EMPTY;
    const entries = this.parseCapsBody();
    if (entries === undefined) {
      if (this.depth === 0) this.recover();
      return undefined;
    }
    return entries.length === 0 ? EMPTY : { any: false, entries };
  }

  /**
   * After a failure the caps are refused, as GStreamer refuses them; the structures after the
   * broken one are still read, from the next `;` outside quotes and brackets, so one run reports
   * the problems of every structure.
   */
  private recover(): void {
    while (this.issues.length < MAX_ISSUES) {
      const next = nextStructure(this.text, this.entryStart, this.end);
      if (next < 0) return;
      this.pos = next;
      if (this.parseCapsBody() !== undefined) return;
    }
  }

  /** gst_structure_from_string over the whole text; text after the first `;` is ignored */
  parseStructureText(): Structure | undefined {
    const name = this.parseStructureName();
    if (name === undefined) return undefined;
    const fields: Field[] = [];
    if (!this.parseFields(fields, name)) return undefined;
    return { name, fields };
  }

  // --- [ … ] ----------------------------------------------------------------------------------

  private parseBracket(type: TypeId | null): Value | undefined {
    if (type === 'structure' || type === 'caps') return this.parseNested(type);
    if (type !== null) return this.parseRange(type);
    // untyped: a range first, then a nested structure (or caps)
    const start = this.pos;
    const mark = this.issues.length;
    const range = this.parseRange(null);
    if (range !== undefined) return range;
    const rangeIssue = this.issues[mark];
    this.issues.length = mark;
    this.pos = start;
    const nested = this.parseNested(null);
    if (nested !== undefined) return nested;
    const nestedIssue = this.issues[mark];
    // report the attempt that tells more: a complete range of the wrong types, an unmatched
    // bracket, otherwise whichever got further
    const preferRange =
      rangeIssue !== undefined &&
      (nestedIssue === undefined ||
        rangeIssue.code === 'nesting-too-deep' ||
        (nestedIssue.code !== 'close-bracket-expected' &&
          (rangeIssue.code === 'same-range-types-expected' ||
            rangeIssue.code === 'range-type-expected' ||
            rangeIssue.offset > nestedIssue.offset)));
    if (preferRange) {
      this.issues.length = mark;
      this.issues.push(rangeIssue);
    }
    return undefined;
  }

  private parseRange(type: TypeId | null): Value | undefined {
    const t = this.text;
    const open = this.pos;
    this.pos++;
    const v1 = this.parseValue(type);
    if (v1 === undefined) return undefined;
    this.skipWs();
    if (this.pos >= this.end || t.charCodeAt(this.pos) !== C_COMMA) return this.rangeSeparator();
    this.pos++;
    this.skipWs();
    const v2 = this.parseValue(type);
    if (v2 === undefined) return undefined;
    this.skipWs();
    let v3: Value | undefined;
    if ((v1.kind === 'int' || v1.kind === 'int64') && this.pos < this.end && t.charCodeAt(this.pos) === C_COMMA) {
      this.pos++;
      this.skipWs();
      v3 = this.parseValue(type);
      if (v3 === undefined) return undefined;
      this.skipWs();
    }
    if (this.pos >= this.end || t.charCodeAt(this.pos) !== C_RBRACKET) return this.rangeSeparator();
    this.pos++;
    const k1 = typeKey(v1);
    const k2 = typeKey(v2);
    if (k1 !== k2 || (v3 !== undefined && typeKey(v3) !== k1)) {
      return this.fail({
        code: 'same-range-types-expected',
        offset: open,
        length: this.pos - open,
        minType: k1,
        maxType: k1 !== k2 ? k2 : typeKey(v3!),
        message: `range bounds must have one type, found ${k1} and ${k1 !== k2 ? k2 : typeKey(v3!)}`,
      });
    }
    // invalid bounds log a g_critical in GStreamer and leave the [0, 0] default
    switch (v1.kind) {
      case 'int': {
        const min = v1.value;
        const max = (v2 as typeof v1).value;
        const step = v3 === undefined ? 1 : (v3 as typeof v1).value;
        if (min < max && step > 0 && min % step === 0 && max % step === 0) {
          return { kind: 'int-range', min, max, step };
        }
        return { kind: 'int-range', min: 0, max: 0, step: 1 };
      }
      case 'int64': {
        const min = v1.value;
        const max = (v2 as typeof v1).value;
        const step = v3 === undefined ? 1n : (v3 as typeof v1).value;
        if (min < max && step > 0n && min % step === 0n && max % step === 0n) {
          return { kind: 'int64-range', min, max, step };
        }
        return { kind: 'int64-range', min: 0n, max: 0n, step: 1n };
      }
      case 'double': {
        const min = v1.value;
        const max = (v2 as typeof v1).value;
        return min < max ? { kind: 'double-range', min, max } : { kind: 'double-range', min: 0, max: 0 };
      }
      case 'fraction': {
        const min = { num: v1.num, den: v1.den };
        const max = { num: (v2 as typeof v1).num, den: (v2 as typeof v1).den };
        return fractionLess(min, max)
          ? { kind: 'fraction-range', min, max }
          : { kind: 'fraction-range', min: { num: 0, den: 1 }, max: { num: 0, den: 1 } };
      }
      default:
        return this.fail({
          code: 'range-type-expected',
          offset: open,
          length: this.pos - open,
          typeName: k1,
          message: `ranges exist only for int, gint64, double and fraction, not ${k1}`,
        });
    }
  }

  private rangeSeparator(): undefined {
    return this.fail({
      code: 'range-separator-expected',
      offset: this.pos,
      length: this.pos < this.end ? 1 : 0,
      found: this.found(),
      message: `expected ',' or ']' in a range, found ${this.found()}`,
    });
  }

  /**
   * `[…]` as a nested structure or caps. 1.22 finds the matching `]` by counting brackets
   * (quotes are not honoured) and parses the text in place.
   */
  private parseNested(type: 'structure' | 'caps' | null): Value | undefined {
    const t = this.text;
    const open = this.pos;
    const close = this.matchBracket(open);
    if (close < 0) {
      return this.fail({
        code: 'close-bracket-expected',
        offset: open,
        length: 1,
        message: "no matching ']' for this '['",
      });
    }
    const savedEnd = this.end;
    this.end = close;
    this.pos = open + 1;
    // 1.22 first reads the name to decide, unescaping a quoted one in place; the real parse then
    // sees the damaged text and fails, so a quoted first name never works here
    this.skipWsEsc();
    let v: Value | undefined;
    if (this.pos >= close) {
      this.fail({
        code: 'structure-name-expected',
        offset: this.pos,
        length: 1,
        found: "']'",
        message: "expected a structure name inside '[ ]', found ']'",
      });
    } else if (t.charCodeAt(this.pos) === C_QUOTE) {
      this.fail({
        code: 'bare-nested-name-expected',
        offset: this.pos,
        length: 1,
        message: 'GStreamer 1.22 cannot parse a quoted structure name as the first one inside [ ]',
      });
    } else {
      this.pos = open + 1;
      if (type === 'caps') {
        const inner = close - open - 1;
        if ((inner === 3 || inner === 4 || inner === 5) && isCapsKeyword(t.slice(open + 1, close))) {
          const kw = t.slice(open + 1, close);
          v = { kind: 'caps', value: kw === 'ANY' ? ANY : EMPTY };
        } else {
          const entries = this.parseCapsBody();
          if (entries !== undefined) v = { kind: 'caps', value: { any: false, entries } };
        }
      } else {
        const name = this.parseStructureName();
        if (name !== undefined) {
          if (type === null && this.pos < close && t.charCodeAt(this.pos) === C_LPAREN) {
            // features make the structure parse fail; GStreamer then reads the text as caps
            this.pos = open + 1;
            const entries = this.parseCapsBody();
            if (entries !== undefined) v = { kind: 'caps', value: { any: false, entries } };
          } else {
            const fields: Field[] = [];
            if (this.parseFields(fields, name)) v = { kind: 'structure', value: { name, fields } };
          }
        }
      }
    }
    this.end = savedEnd;
    this.pos = close + 1;
    return v;
  }

  private matchBracket(open: number): number {
    if (this.brackets === undefined) this.brackets = computeBrackets(this.text);
    const m = matchOf(this.brackets, open);
    return m >= 0 && m < this.end ? m : -1;
  }

  // --- { … } and < … > ------------------------------------------------------------------------

  private parseList(type: TypeId | null, close: number): Value | undefined {
    const t = this.text;
    this.pos++;
    this.skipWs();
    const items: Value[] = [];
    for (;;) {
      if (this.pos >= this.end) return this.listSeparator(close);
      const c = t.charCodeAt(this.pos);
      if (c === close) {
        this.pos++;
        break;
      }
      if (c === C_COMMA) {
        this.pos++;
        this.skipWs();
        if (this.pos < this.end && t.charCodeAt(this.pos) === C_COMMA) {
          return this.fail({
            code: 'list-item-expected',
            offset: this.pos,
            length: 1,
            message: 'empty list items (",,") are not allowed',
          });
        }
        continue;
      }
      const v = this.parseValue(type);
      if (v === undefined) return undefined;
      items.push(v);
      this.skipWs();
      if (this.pos >= this.end) return this.listSeparator(close);
      const d = t.charCodeAt(this.pos);
      if (d !== C_COMMA && d !== close) return this.listSeparator(close);
    }
    return close === C_RBRACE ? { kind: 'list', items } : { kind: 'array', items };
  }

  private listSeparator(close: number): undefined {
    const ch = close === C_RBRACE ? '}' : '>';
    return this.fail({
      code: 'list-separator-expected',
      offset: this.pos,
      length: this.pos < this.end ? 1 : 0,
      close: ch,
      found: this.found(),
      message: `expected ',' or '${ch}', found ${this.found()}`,
    });
  }
}

/** first characters of tokens that may be numbers, keywords or hex (see `infer`) */
const MAYBE_KEYWORD = new Uint8Array(128);
for (const ch of 'abcdefABCDEFiInNlLmMtTyY') MAYBE_KEYWORD[ch.charCodeAt(0)] = 1;

function isCapsKeyword(s: string): boolean {
  return s === 'ANY' || s === 'EMPTY' || s === 'NONE';
}

function validStructureName(name: string): boolean {
  if (name.length === 0 || !is(name.charCodeAt(0), ALPHA)) return false;
  for (let i = 1; i < name.length; i++) if (!is(name.charCodeAt(i), SIMPLE)) return false;
  return true;
}

/** `^[A-Za-z]*:[A-Za-z][A-Za-z0-9]*$` */
function validFeatureName(f: string): boolean {
  let i = 0;
  while (i < f.length && is(f.charCodeAt(i), ALPHA)) i++;
  if (i >= f.length || f.charCodeAt(i) !== 58) return false;
  i++;
  if (i >= f.length || !is(f.charCodeAt(i), ALPHA)) return false;
  for (i++; i < f.length; i++) if (!is(f.charCodeAt(i), ALPHA | DIGIT)) return false;
  return true;
}

/** lone surrogates replaced by U+FFFD */
const SURROGATE = /[\ud800-\udfff]/;

function wellFormed(s: string): string {
  // almost every caps string has no surrogate at all: one regex scan instead of a char loop
  if (!SURROGATE.test(s)) return s;
  let out = '';
  let seg = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const d = s.charCodeAt(i + 1);
    if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      i++;
      continue;
    }
    out += s.slice(seg, i) + '\ufffd';
    seg = i + 1;
  }
  return seg === 0 ? s : out + s.slice(seg);
}

/** index after the next `;` outside quotes and brackets, from `from`; -1 if none */
function nextStructure(t: string, from: number, end: number): number {
  let depth = 0;
  for (let p = from; p < end; p++) {
    const c = t.charCodeAt(p);
    if (c === C_QUOTE) {
      for (p++; p < end; p++) {
        const d = t.charCodeAt(p);
        if (d === C_BACKSLASH) p++;
        else if (d === C_QUOTE) break;
      }
    } else if (c === C_LBRACKET || c === C_LBRACE || c === C_LT) depth++;
    else if (c === C_RBRACKET || c === C_RBRACE || c === C_GT) {
      if (depth > 0) depth--;
    } else if (c === C_SEMI && depth === 0) return p + 1;
  }
  return -1;
}

/** matching `]` for every `[` (quotes ignored, as GStreamer counts) */
function computeBrackets(t: string): Brackets {
  let count = 0;
  for (let p = t.indexOf('['); p >= 0; p = t.indexOf('[', p + 1)) count++;
  // memory in proportion to the brackets, not to the text
  const opens = new Int32Array(count);
  const match = new Int32Array(count).fill(-1);
  const stack: number[] = [];
  let k = 0;
  for (let p = count > 0 ? t.indexOf('[') : t.length; p < t.length; p++) {
    const c = t.charCodeAt(p);
    if (c === C_LBRACKET) {
      opens[k] = p;
      stack.push(k++);
    } else if (c === C_RBRACKET) {
      const o = stack.pop();
      if (o !== undefined) match[o] = p;
    }
  }
  return { opens, match };
}

interface Brackets {
  /** positions of every `[`, ascending */
  readonly opens: Int32Array;
  /** the matching `]` of each, -1 if none */
  readonly match: Int32Array;
}

function matchOf(b: Brackets, open: number): number {
  let lo = 0;
  let hi = b.opens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = b.opens[mid]!;
    if (at === open) return b.match[mid]!;
    if (at < open) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The C string GStreamer is handed: cut at the first NUL, lone surrogates already U+FFFD (as any
 * UTF-8 encoding of the JS text makes them), so an escape between two halves cannot pair them.
 */
function cString(text: string): string {
  const nul = text.indexOf('\0');
  return wellFormed(nul < 0 ? text : text.slice(0, nul));
}

/** @see gst_caps_from_string — never throws; issues carry offsets into `text` */
export function parseCaps(text: string): ParseCapsResult {
  const t = cString(text);
  const p = new Parser(t, t.length, 0);
  const caps = p.parseCapsText();
  if (caps === undefined) return { ok: false, issues: p.issues };
  return { ok: true, caps };
}

/** `parseCaps` that also says where each top-level structure and field is in `text` */
export function parseCapsWithSpans(
  text: string,
): { readonly ok: true; readonly caps: CapsData; readonly spans: readonly EntrySpan[] } | { readonly ok: false; readonly issues: readonly CapsIssue[] } {
  const t = cString(text);
  const p = new Parser(t, t.length, 0);
  const spans: EntrySpan[] = [];
  p.spans = spans;
  const caps = p.parseCapsText();
  if (caps === undefined) return { ok: false, issues: p.issues };
  return { ok: true, caps, spans };
}

/** @see gst_structure_from_string — text after the first `;` is ignored, as GStreamer does */
export function parseStructure(text: string): ParseStructureResult {
  const t = cString(text);
  const p = new Parser(t, t.length, 0);
  const s = p.parseStructureText();
  if (s === undefined) return { ok: false, issues: p.issues };
  return { ok: true, structure: s };
}
