/**
 * A parser for gst-launch pipeline descriptions (the subset gst_parse_launch reads that matters for
 * negotiation): elements with properties, `name=`, caps between elements (each becomes a capsfilter),
 * `name.` / `name.pad` references and branches. Names follow GStreamer: per-type counters in creation
 * order, named after the element's GType (`videotestsrc0`, `capsfilter1`, `queue2-0`, `inputselector0`), explicit `name=` elements consume no counter, and
 * the capsfilters of filtered links are created after all written elements, in link order.
 *
 * Never throws on bad input: errors are values with an offset and length into the text. Iterative,
 * linear in the text length.
 */
import { Caps } from '../caps/index.js';
import type { Registry, PropertySpec } from './registry.js';
import { ElementNamer } from './type-names.js';
import { buildGraph, type Graph, type GraphElement, type GraphLink, type PadRef, type PropertyValue, type Span } from './graph.js';
import type { NegotiationError } from './types.js';

export type LaunchParseResult =
  | { readonly ok: true; readonly graph: Graph; readonly error?: never }
  | { readonly ok: false; readonly graph?: never; readonly error: NegotiationError };

interface ElementItem {
  readonly kind: 'element';
  readonly index: number;
}
interface RefItem {
  readonly kind: 'ref';
  readonly element: string;
  readonly pad: string | undefined;
  readonly span: Span;
}
type Item = ElementItem | RefItem;

interface PendingLink {
  readonly src: Item;
  readonly sink: Item;
  readonly caps: { readonly text: string; readonly span: Span } | null;
  readonly span: Span;
}

interface PendingElement {
  readonly factory: string;
  readonly span: Span;
  readonly properties: Record<string, PropertyValue>;
  explicitName: string | null;
  name: string;
}

class LaunchError {
  constructor(readonly error: NegotiationError) {}
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isIdentStart = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_+\-]/.test(c);
const isPadChar = (c: string): boolean => /[A-Za-z0-9_%\-]/.test(c);

const syntaxError = (offset: number, length: number, message = 'syntax error'): LaunchError =>
  new LaunchError({ kind: 'syntax', message, offset, length });

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length && isSpace(t[this.pos]!)) this.pos++;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }
  /** A quoted string starting at pos (the quote char); returns its unescaped content. */
  quoted(): string {
    const t = this.text;
    const quote = t[this.pos]!;
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < t.length && t[this.pos] !== quote) {
      if (t[this.pos] === '\\' && this.pos + 1 < t.length) {
        out += t[this.pos + 1];
        this.pos += 2;
      } else {
        out += t[this.pos];
        this.pos++;
      }
    }
    if (this.pos >= t.length) throw syntaxError(start, t.length - start, 'unterminated quoted string');
    this.pos++;
    return out;
  }
}

/**
 * Does the text at `pos` read as caps rather than an element? Caps begin with a media type
 * (`video/x-raw`), so a '/' comes before any of ' ', '!', '.', '='.
 */
function looksLikeCaps(text: string, pos: number): boolean {
  const c = text[pos];
  if (c === '"' || c === "'") return true;
  for (let i = pos; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '/') return i > pos;
    if (isSpace(ch) || ch === '!' || ch === '.' || ch === '=' || ch === ',' || ch === '(') return false;
  }
  return false;
}

/** Unquoted caps end at the next '!', or at a blank that does not follow ',' / '=' or sit inside (...) {...} [...] <...>. */
function scanCaps(s: Scanner): { text: string; span: Span } {
  const t = s.text;
  const start = s.pos;
  if (t[start] === '"' || t[start] === "'") {
    const text = s.quoted();
    // gst-launch 1.22's lexer takes no parentheses (features, type casts) in quoted link caps: "syntax error"
    if (/[()]/.test(text)) throw syntaxError(start, s.pos - start);
    return { text, span: { offset: start, length: s.pos - start } };
  }
  let depth = 0;
  let lastNonSpace = '';
  let end = start;
  while (s.pos < t.length) {
    const ch = t[s.pos]!;
    if (ch === '!') break;
    if (ch === '"') {
      // a quoted field value inside caps
      s.quoted();
      lastNonSpace = '"';
      end = s.pos;
      continue;
    }
    if (isSpace(ch)) {
      if (depth === 0 && lastNonSpace !== ',' && lastNonSpace !== '=') {
        // a blank that does not continue the caps: they end here unless only blanks lead to '!'
        break;
      }
      s.pos++;
      continue;
    }
    if (ch === '(' || ch === '{' || ch === '[' || ch === '<') depth++;
    else if (ch === ')' || ch === '}' || ch === ']' || ch === '>') depth = Math.max(0, depth - 1);
    lastNonSpace = ch;
    s.pos++;
    end = s.pos;
  }
  return { text: t.slice(start, end), span: { offset: start, length: end - start } };
}

/** Type a property value by its PropertySpec the way gst_util_set_object_arg / gst_value_deserialize do. */
export function typePropertyValue(spec: PropertySpec, raw: string): PropertyValue | undefined {
  const type = spec.type;
  const inRange = (n: number): boolean => (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
  switch (type) {
    case 'gint':
    case 'guint':
    case 'glong':
    case 'gulong':
    case 'gint64':
    case 'guint64':
    case 'guchar':
    case 'gchar': {
      const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|[0-9]+)\s*$/.exec(raw);
      if (m === null) return undefined;
      const n = Number(m[2]!.toLowerCase().startsWith('0x') ? parseInt(m[2]!, 16) : m[2]) * (m[1] === '-' ? -1 : 1);
      if (type.startsWith('gu') && n < 0) return undefined;
      return inRange(n) ? n : undefined;
    }
    case 'gdouble':
    case 'gfloat': {
      const t = raw.trim();
      if (t === '' || !/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(t)) return undefined;
      const n = /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
      return inRange(n) ? n : undefined;
    }
    case 'gboolean': {
      const t = raw.trim().toLowerCase();
      if (t === 'true' || t === 'yes' || t === 't' || t === '1') return true;
      if (t === 'false' || t === 'no' || t === 'f' || t === '0') return false;
      return undefined;
    }
    case 'gchararray':
      return raw;
    case 'GstCaps':
      return Caps.parse(raw).ok ? raw : undefined;
    case 'GstFraction': {
      const m = /^\s*([+-]?\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(raw);
      if (m === null) return undefined;
      return `${m[1]}/${m[2] ?? '1'}`;
    }
    default:
      break;
  }
  if (spec.enum !== undefined) {
    const values = spec.enum;
    if (/Flags$/.test(type)) {
      // flags: "a+b" by nick or name, or a number
      const t = raw.trim();
      if (/^(0x[0-9a-f]+|\d+)$/i.test(t)) return Number(t);
      let acc = 0;
      for (const part of t.split(/[+|]/)) {
        const p = part.trim();
        const v = values.find((e) => e.nick === p || e.name === p);
        if (v === undefined) return undefined;
        acc |= v.value;
      }
      return acc;
    }
    const t = raw.trim();
    const byName = values.find((e) => e.nick === t || e.name === t);
    if (byName !== undefined) return byName.nick;
    if (/^-?\d+$/.test(t)) {
      const byValue = values.find((e) => e.value === Number(t));
      if (byValue !== undefined) return byValue.nick;
    }
    return undefined;
  }
  // GstCaps, GstStructure and other boxed values travel as their text
  return raw;
}

/**
 * Parse a gst-launch description into a graph. Unknown elements and syntax errors come back as
 * positioned errors; unknown properties and bad values name the element.
 */
export function parseLaunch(text: string, registry: Registry): LaunchParseResult {
  try {
    return { ok: true, graph: parse(text, registry) };
  } catch (e) {
    if (e instanceof LaunchError) return { ok: false, error: e.error };
    throw e;
  }
}

function parse(text: string, registry: Registry): Graph {
  const s = new Scanner(text);
  const elements: PendingElement[] = [];
  const links: PendingLink[] = [];

  const readIdent = (): { name: string; span: Span } => {
    const start = s.pos;
    while (s.pos < text.length && isIdentChar(text[s.pos]!)) s.pos++;
    return { name: text.slice(start, s.pos), span: { offset: start, length: s.pos - start } };
  };

  /** An element (with its properties) or a `name.pad` reference, at s.pos. */
  const readItem = (): Item => {
    s.skipSpace();
    const start = s.pos;
    const c = s.peek();
    if (c === '' || c === '!') throw syntaxError(start, c === '' ? 0 : 1);
    if (c === '(' || c === ')') throw syntaxError(start, 1, 'bins ( … ) are not supported');
    if (c === '"' || c === "'" || c === '.') throw syntaxError(start, 1);
    if (!isIdentStart(c)) throw syntaxError(start, 1);
    if (looksLikeCaps(text, start)) {
      // caps where an element belongs: gst-launch reads the media type as an element name
      const slash = text.indexOf('/', start);
      const name = text.slice(start, slash);
      throw new LaunchError({ kind: 'no-element', message: `no element "${name}"`, offset: start, length: name.length });
    }
    const id = readIdent();
    if (s.peek() === '.') {
      s.pos++;
      const padStart = s.pos;
      while (s.pos < text.length && isPadChar(text[s.pos]!)) s.pos++;
      const pad = text.slice(padStart, s.pos);
      return { kind: 'ref', element: id.name, pad: pad === '' ? undefined : pad, span: { offset: start, length: s.pos - start } };
    }
    const next = s.peek();
    if (next !== '' && !isSpace(next) && next !== '!') throw syntaxError(s.pos, 1);
    const factory = registry.get(id.name);
    if (factory === undefined) {
      throw new LaunchError({ kind: 'no-element', message: `no element "${id.name}"`, offset: id.span.offset, length: id.span.length });
    }
    const el: PendingElement = { factory: id.name, span: id.span, properties: {}, explicitName: null, name: '' };
    // properties: blank-separated key=value
    for (;;) {
      const save = s.pos;
      s.skipSpace();
      const keyStart = s.pos;
      if (s.atEnd() || !/[A-Za-z_]/.test(s.peek())) {
        s.pos = save;
        break;
      }
      while (s.pos < text.length && /[A-Za-z0-9_\-]/.test(text[s.pos]!)) s.pos++;
      if (s.peek() !== '=') {
        s.pos = save;
        break;
      }
      const key = text.slice(keyStart, s.pos);
      s.pos++;
      const valueStart = s.pos;
      let raw: string;
      const q = s.peek();
      if (q === '"' || q === "'") raw = s.quoted();
      else {
        while (s.pos < text.length && !isSpace(text[s.pos]!)) s.pos++;
        raw = text.slice(valueStart, s.pos);
      }
      if (raw === '' && q !== '"' && q !== "'") {
        // `key=` with nothing after it: gst-launch's lexer reads the key as an element name
        const known = registry.get(key);
        if (known === undefined) throw new LaunchError({ kind: 'no-element', message: `no element "${key}"`, offset: keyStart, length: key.length });
        throw syntaxError(keyStart, s.pos - keyStart);
      }
      const span: Span = { offset: keyStart, length: s.pos - keyStart };
      if (key === 'name') {
        el.explicitName = raw;
        continue;
      }
      const spec = factory.properties.find((p) => p.name === key);
      if (spec === undefined) {
        throw new LaunchError({ kind: 'syntax', message: `no property "${key}" in element "${id.name}"`, offset: span.offset, length: span.length });
      }
      const value = typePropertyValue(spec, raw);
      if (value === undefined) {
        throw new LaunchError({
          kind: 'syntax',
          message: `could not set property "${key}" in element "${id.name}" to "${raw}"`,
          offset: span.offset,
          length: span.length,
        });
      }
      el.properties[key] = value;
    }
    elements.push(el);
    return { kind: 'element', index: elements.length - 1 };
  };

  s.skipSpace();
  if (s.atEnd()) throw syntaxError(0, 0, 'empty pipeline');
  while (!s.atEnd()) {
    let prev = readItem();
    for (;;) {
      s.skipSpace();
      if (s.peek() !== '!') break;
      const linkStart = s.pos;
      s.pos++;
      s.skipSpace();
      let caps: PendingLink['caps'] = null;
      if (!s.atEnd() && s.peek() !== '!' && looksLikeCaps(text, s.pos)) {
        caps = scanCaps(s);
        s.skipSpace();
        if (s.peek() !== '!') throw syntaxError(s.pos, s.atEnd() ? 0 : 1);
        s.pos++;
      }
      const next = readItem();
      links.push({ src: prev, sink: next, caps, span: { offset: linkStart, length: s.pos - linkStart } });
      prev = next;
    }
    s.skipSpace();
  }

  // names: explicit ones first claim theirs; counters run per type in creation order
  const namer = new ElementNamer();
  const nextName = (factory: string): string => namer.next(factory);
  const byName = new Map<string, PendingElement>();
  for (const el of elements) {
    el.name = el.explicitName ?? nextName(el.factory);
    if (byName.has(el.name)) {
      throw new LaunchError({ kind: 'syntax', message: `an element named "${el.name}" already exists`, offset: el.span.offset, length: el.span.length });
    }
    byName.set(el.name, el);
  }

  const out: GraphElement[] = elements.map((el) => ({ name: el.name, factory: el.factory, properties: el.properties, span: el.span }));
  const outLinks: GraphLink[] = [];
  const resolve = (item: Item, side: 'src' | 'sink'): PadRef => {
    if (item.kind === 'element') return { element: elements[item.index]!.name };
    if (!byName.has(item.element)) {
      throw new LaunchError({
        kind: 'no-element',
        message: `No ${side}-element named "${item.element}" - omitting link`,
        offset: item.span.offset,
        length: item.span.length,
      });
    }
    return item.pad === undefined ? { element: item.element } : { element: item.element, pad: item.pad };
  };
  for (const l of links) {
    const src = resolve(l.src, 'src');
    const sink = resolve(l.sink, 'sink');
    if (l.caps === null) {
      outLinks.push({ src, sink, span: l.span });
      continue;
    }
    const parsed = Caps.parse(l.caps.text);
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      throw new LaunchError({
        kind: 'syntax',
        message: `could not parse caps "${l.caps.text}"${issue === undefined ? '' : `: ${issue.message}`}`,
        offset: l.caps.span.offset,
        length: l.caps.span.length,
      });
    }
    const name = nextName('capsfilter');
    if (byName.has(name)) throw new LaunchError({ kind: 'syntax', message: `an element named "${name}" already exists`, offset: l.span.offset, length: l.span.length });
    out.push({ name, factory: 'capsfilter', properties: { caps: l.caps.text }, filterFor: { src: src.element, sink: sink.element }, span: l.caps.span });
    outLinks.push({ src, sink: { element: name }, span: l.span });
    outLinks.push({ src: { element: name }, sink, span: l.span });
  }
  return buildGraph(out, outLinks);
}
