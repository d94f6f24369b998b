/**
 * `gst_caps_to_string`, `gst_structure_to_string` and `gst_value_serialize` of GStreamer 1.22,
 * byte for byte (caps-semantics.md §4), including the inverted nested-structure mode: caps print
 * their structures in BRACKET mode, `gst_structure_to_string` in QUOTED mode, and each nested
 * caps value flips the mode.
 */
import { dtostr } from './dtostr.js';
import { flagsetNicks } from './flagsets.js';
import type { CapsData, CapsFeatures, Structure, Value } from './types.js';

/** how a structure prints structure- and caps-valued fields */
const BRACKET = 0;
const QUOTED = 1;
type Mode = typeof BRACKET | typeof QUOTED;

// [A-Za-z0-9_+\-/:.] are printed as they are
const SIMPLE = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9_+\-/:.]/.test(String.fromCharCode(c))) SIMPLE[c] = 1;

const utf8 = new TextEncoder();

/** gst_string_wrap: bare when possible, otherwise quoted with `\` and `\ooo` escapes */
export function wrapString(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || SIMPLE[c] === 0) break;
  }
  if (i === n && n > 0 && s !== 'NULL') return s;
  let out = '"' + s.slice(0, i);
  let seg = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && SIMPLE[c] === 1) continue;
    out += s.slice(seg, i);
    if (c < 0x20 || c === 0x7f) out += octal(c);
    else if (c < 128) out += '\\' + s[i];
    else {
      // every UTF-8 byte of a non-ASCII character is escaped
      const cp = s.codePointAt(i)!;
      const bytes = utf8.encode(String.fromCodePoint(cp));
      for (const b of bytes) out += octal(b);
      if (cp > 0xffff) i++;
    }
    seg = i + 1;
  }
  return out + s.slice(seg) + '"';
}

function octal(b: number): string {
  return '\\' + (b >> 6) + ((b >> 3) & 7) + (b & 7);
}

/** the name `(…)` shows for a value of exactly this kind (list elements below the top level) */
export function typeName(v: Value): string {
  switch (v.kind) {
    case 'int':
    case 'uint':
    case 'double':
    case 'float':
    case 'boolean':
    case 'string':
    case 'fraction':
    case 'bitmask':
    case 'structure':
    case 'list':
    case 'array':
      return v.kind;
    case 'flagset':
      return v.type ?? 'flagset';
    case 'int64':
      return 'gint64';
    case 'uint64':
      return 'guint64';
    case 'caps':
      return 'GstCaps';
    case 'int-range':
      return 'GstIntRange';
    case 'int64-range':
      return 'GstInt64Range';
    case 'double-range':
      return 'GstDoubleRange';
    case 'fraction-range':
      return 'GstFractionRange';
    case 'opaque':
      return v.type;
  }
}

/** the `(…)` of a field: lists and arrays show element 0's type, ranges their element type */
export function fieldTypeName(v: Value): string {
  for (;;) {
    switch (v.kind) {
      case 'list':
      case 'array': {
        const first = v.items[0];
        if (first === undefined) return 'int';
        v = first;
        continue;
      }
      case 'int-range':
        return 'int';
      case 'int64-range':
        return 'gint64';
      case 'double-range':
        return 'double';
      case 'fraction-range':
        return 'fraction';
      default:
        return typeName(v);
    }
  }
}

/**
 * gst_value_serialize: the value without its type; `null` where GStreamer returns NULL
 * (a NULL string), which a field prints as `NULL` and a list skips.
 */
export function serializeValue(v: Value): string | null {
  switch (v.kind) {
    case 'int':
    case 'uint':
      return String(v.value);
    case 'int64':
    case 'uint64':
      return v.value.toString();
    case 'double':
    case 'float':
      return dtostr(v.value);
    case 'boolean':
      return v.value ? 'true' : 'false';
    case 'string':
      return v.value === null ? null : wrapString(v.value);
    case 'fraction':
      return `${v.num}/${v.den}`;
    case 'int-range':
      return v.step === 1 ? `[ ${v.min}, ${v.max} ]` : `[ ${v.min}, ${v.max}, ${v.step} ]`;
    case 'int64-range':
      return v.step === 1n ? `[ ${v.min}, ${v.max} ]` : `[ ${v.min}, ${v.max}, ${v.step} ]`;
    case 'double-range':
      return `[ ${dtostr(v.min)}, ${dtostr(v.max)} ]`;
    case 'fraction-range':
      return `[ ${v.min.num}/${v.min.den}, ${v.max.num}/${v.max.den} ]`;
    case 'list':
      return listToString(v.items, '{ ', ' }', true, QUOTED);
    case 'array':
      return listToString(v.items, '< ', ' >', true, QUOTED);
    case 'bitmask':
      return '0x' + v.value.toString(16).padStart(16, '0');
    case 'flagset': {
      const hex = `${(v.flags >>> 0).toString(16)}:${(v.mask >>> 0).toString(16)}`;
      return v.type === undefined ? hex : hex + flagsetNicks(v.type, v.flags, v.mask);
    }
    case 'structure':
      return wrapString(v.value.name + fieldsToString(v.value, QUOTED) + ';');
    case 'caps':
      return wrapString(capsToStringMode(v.value, BRACKET));
    case 'opaque':
      return v.type === 'datetime' || v.type === 'gdatetime' || v.type === 'GstCapsFeatures' || v.type === 'taglist'
        ? wrapString(v.text)
        : v.text;
  }
}

/**
 * _priv_gst_value_serialize_any_list. `mode` only matters for the top level of a field in
 * BRACKET mode, where structure and caps elements print in brackets.
 */
function listToString(items: readonly Value[], open: string, close: string, printType: boolean, mode: Mode): string {
  let out = open;
  const last = items.length - 1;
  for (let i = 0; i <= last; i++) {
    const v = items[i]!;
    let s: string | null;
    if (mode === BRACKET && v.kind === 'structure') s = '[' + v.value.name + fieldsToString(v.value, BRACKET) + ';]';
    else if (mode === BRACKET && v.kind === 'caps') s = '[' + capsToStringMode(v.value, QUOTED) + ']';
    else s = serializeValue(v);
    // an unserialisable element is skipped, but the separator logic does not notice
    if (s === null) continue;
    if (printType) out += '(' + typeName(v) + ')';
    out += s;
    if (i < last) out += ', ';
  }
  return out + close;
}

/** `=(type)` of a field as one piece: fewer pieces for the final string to gather */
const PREFIX: Readonly<Record<Exclude<Value['kind'], 'list' | 'array' | 'opaque'>, string>> = {
  int: '=(int)',
  uint: '=(uint)',
  int64: '=(gint64)',
  uint64: '=(guint64)',
  double: '=(double)',
  float: '=(float)',
  boolean: '=(boolean)',
  string: '=(string)',
  fraction: '=(fraction)',
  'int-range': '=(int)',
  'int64-range': '=(gint64)',
  'double-range': '=(double)',
  'fraction-range': '=(fraction)',
  bitmask: '=(bitmask)',
  flagset: '=(flagset)',
  structure: '=(structure)',
  caps: '=(GstCaps)',
};

function fieldTypePrefix(v: Value): string {
  for (;;) {
    if (v.kind === 'list' || v.kind === 'array') {
      const first = v.items[0];
      if (first === undefined) return '=(int)';
      v = first;
    } else if (v.kind === 'opaque' || (v.kind === 'flagset' && v.type !== undefined)) return `=(${v.type})`;
    else return PREFIX[v.kind];
  }
}

/** `, name=(type)value` for every field, without the closing `;` */
function fieldsToString(s: Structure, mode: Mode): string {
  let out = '';
  const fields = s.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const v = f.value;
    let text: string | null;
    switch (v.kind) {
      case 'list':
        text = listToString(v.items, '{ ', ' }', false, mode);
        break;
      case 'array':
        text = listToString(v.items, '< ', ' >', false, mode);
        break;
      case 'structure':
        text =
          mode === BRACKET
            ? '[' + v.value.name + fieldsToString(v.value, BRACKET) + ';]'
            : wrapString(v.value.name + fieldsToString(v.value, QUOTED) + ';');
        break;
      case 'caps':
        text =
          mode === BRACKET
            ? '[' + capsToStringMode(v.value, QUOTED) + ']'
            : wrapString(capsToStringMode(v.value, BRACKET));
        break;
      default:
        text = serializeValue(v);
    }
    out += ', ' + f.name + fieldTypePrefix(v) + (text === null ? 'NULL' : text);
  }
  return out;
}

function isSystemMemory(f: CapsFeatures): boolean {
  return !f.any && (f.names.length === 0 || (f.names.length === 1 && f.names[0] === 'memory:SystemMemory'));
}

function capsToStringMode(caps: CapsData, mode: Mode): string {
  if (caps.any) return 'ANY';
  const entries = caps.entries;
  if (entries.length === 0) return 'EMPTY';
  let out = '';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (i > 0) out += ' ';
    out += e.structure.name;
    const f = e.features;
    if (f !== null && !isSystemMemory(f)) out += '(' + featuresToString(f) + ')';
    out += fieldsToString(e.structure, mode);
    // the last structure's `;` is dropped
    if (i < entries.length - 1) out += ';';
  }
  return out;
}

/** gst_caps_features_to_string: `ANY` or the names joined by `, ` */
export function featuresToString(f: CapsFeatures): string {
  return f.any ? 'ANY' : f.names.join(', ');
}

/** @see gst_caps_to_string */
export function capsToString(caps: CapsData): string {
  return capsToStringMode(caps, BRACKET);
}

/** @see gst_structure_to_string — QUOTED mode, with the trailing `;` */
export function structureToString(s: Structure): string {
  return s.name + fieldsToString(s, QUOTED) + ';';
}

/** @see gst_value_serialize — `NULL` for a NULL string */
export function valueToString(v: Value): string {
  return serializeValue(v) ?? 'NULL';
}
