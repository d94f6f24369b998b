/**
 * A parser for gst-launch pipeline descriptions, following GStreamer 1.22's gst/parse: the tokens of its
 * flex scanner (launch-lexer.ts) read by its grammar (chains of elements and bins with links, `name.pad`
 * references on either side, several pads per reference, caps on links, `:` links of all pads, `@preset=`),
 * and what gst_parse_launch does with them:
 *
 * - the first error wins (GStreamer keeps only the first GError): element errors (no such factory, no
 *   property, a value that does not deserialize) as each element is complete, link caps as each link is
 *   read, a syntax error where the grammar stops; link-time errors (a reference to no element, an element
 *   whose name was taken, pad lists of different lengths) travel on the link (`failure`) and are raised
 *   in link order, after the links before them;
 * - names: per-type counters in creation order, named after the element's GType (`videotestsrc0`,
 *   `queue2-0`, `inputselector0`); `name=` elements consume no counter, bins always do (they are made
 *   first and named after); link capsfilters are made after every written element, in link order; an
 *   element whose name is taken in its bin is not added (gst_bin_add refuses it), and links to it fail;
 * - `child::property=value` on a GstChildProxy (compositor sink_0::xpos=10) waits for the child, so it is
 *   never an error at parse time: it is kept in `padProperties`;
 * - bins `( … )` / `factory.( … )` are transparent to negotiation; their elements carry the bin path.
 *
 * Never throws on bad input: errors are values with an offset and length into the text. Iterative,
 * linear in the text length.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Caps, deserializeInteger, type IntegerType } from '../../caps/index.js';
import type { Registry, PropertySpec } from '../registry/registry.js';
import { ElementNamer } from './type-names.js';
import { buildGraph, type Graph, type GraphElement, type GraphLink, type PadRef, type PropertyValue, type Span } from '../graph/graph.js';
import { lexLaunch, linkCaps, splitAssignment, type LaunchToken } from './launch-lexer.js';
import type { NegotiationError } from '../types.js';

export type LaunchParseResult =
  | { readonly ok: true; readonly graph: Graph; readonly error?: never }
  | { readonly ok: false; readonly graph?: never; readonly error: NegotiationError };

class LaunchError {
  constructor(readonly error: NegotiationError) {}
}

const syntaxError = (offset: number, length: number, message = 'syntax error'): LaunchError => new LaunchError({ kind: 'syntax', message, offset, length });

/**
 * Bins nested deeper than this are refused with a positioned syntax error rather than overflowing the
 * stack (the grammar recurses once per bin). GStreamer's bison parser gives up later (at about 3,330
 * levels, "Unrecoverable syntax error"); no real pipeline comes near either.
 */
export const MAX_BIN_DEPTH = 256;

let interfaces: { childProxy: ReadonlySet<string>; preset: ReadonlySet<string> } | undefined;

/** fixtures/negotiation/interfaces.json: the factories implementing GstChildProxy / GstPreset (gst-inspect) */
function factoryInterfaces(): { childProxy: ReadonlySet<string>; preset: ReadonlySet<string> } {
  if (interfaces === undefined) {
    const url = new URL('../../../fixtures/negotiation/interfaces.json', import.meta.url);
    const json = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { GstChildProxy: string[]; GstPreset: string[] };
    interfaces = { childProxy: new Set(json.GstChildProxy), preset: new Set(json.GstPreset) };
  }
  return interfaces;
}

/** Type a property value by its PropertySpec the way gst_util_set_object_arg / gst_value_deserialize do. */
export function typePropertyValue(spec: PropertySpec, raw: string): PropertyValue | undefined {
  const v = deserializeProperty(spec, raw);
  return v === OUT_OF_RANGE ? undefined : v;
}

const INTEGER_TYPES: Readonly<Record<'gint' | 'guint' | 'glong' | 'gulong' | 'gint64' | 'guint64' | 'guchar', IntegerType>> = {
  gint: 'int',
  guint: 'uint',
  glong: 'long',
  gulong: 'ulong',
  gint64: 'int64',
  guint64: 'uint64',
  guchar: 'uchar',
};

/** A number the property's GParamSpec refuses: g_object_set only warns and leaves the property as it was. */
export const OUT_OF_RANGE = Symbol('out of range');

/** typePropertyValue, telling a value that does not parse (undefined) from one out of the spec's range. */
export function deserializeProperty(spec: PropertySpec, raw: string): PropertyValue | undefined | typeof OUT_OF_RANGE {
  const type = spec.type;
  const inRange = (n: number): number | typeof OUT_OF_RANGE => ((spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max) ? n : OUT_OF_RANGE);
  switch (type) {
    case 'gint':
    case 'guint':
    case 'glong':
    case 'gulong':
    case 'gint64':
    case 'guint64':
    case 'guchar': {
      // what the type cannot hold (2^64 and more, 2^32 for gint) does not deserialize: "could not set
      // property"; what it holds but the GParamSpec's range refuses is only a warning (OUT_OF_RANGE)
      const v = deserializeInteger(raw, INTEGER_TYPES[type]);
      return v === undefined ? undefined : inRange(Number(v));
    }
    case 'gchar': {
      const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|[0-9]+)\s*$/.exec(raw);
      if (m === null) return undefined;
      const n = Number(m[2]!.toLowerCase().startsWith('0x') ? parseInt(m[2]!, 16) : m[2]) * (m[1] === '-' ? -1 : 1);
      if (type.startsWith('gu') && n < 0) return undefined;
      return inRange(n);
    }
    case 'gdouble':
    case 'gfloat': {
      const t = raw.trim();
      if (t === '' || !/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(t)) return undefined;
      const n = /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
      return inRange(n);
    }
    case 'gboolean': {
      const t = raw.trim().toLowerCase();
      if (t === 'true' || t === 'yes' || t === 't' || t === '1') return true;
      if (t === 'false' || t === 'no' || t === 'f' || t === '0') return false;
      return undefined;
    }
    case 'gchararray':
      // gst_value_deserialize_string: a value in double quotes is unwrapped (and must be well formed)
      return raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? (unwrapString(raw) ?? undefined) : raw;
    case 'GstCaps': {
      const text = raw.startsWith('"') ? unwrapString(raw) : raw;
      return text !== null && Caps.parse(text).ok ? text : undefined;
    }
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
      // flags: "a+b" by nick or name, or a number ('|' is not a separator to gst_value_deserialize)
      const t = raw.trim();
      if (/^(0x[0-9a-f]+|\d+)$/i.test(t)) return Number(t);
      let acc = 0;
      for (const part of t.split('+')) {
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
 * Parse a gst-launch description into a graph. Syntax errors, unknown elements and properties come back
 * as positioned errors; what fails only when gst-launch performs a link travels on that link.
 */
export function parseLaunch(text: string, registry: Registry): LaunchParseResult {
  try {
    return { ok: true, graph: new Parser(text, registry).parse() };
  } catch (e) {
    if (e instanceof LaunchError) return { ok: false, error: e.error };
    throw e;
  }
}

/** One end of a link as the grammar sees it: an element made in the text, or a name to look up, and pads. */
interface Ref {
  readonly element: number | null;
  readonly name: string | null;
  readonly pads: readonly string[];
  readonly span: Span;
}

interface Chain {
  readonly first: Ref;
  readonly last: Ref;
  /** the elements (and bins) this chain made, in text order: what a bin around it adopts */
  readonly elements: readonly number[];
}

interface Node {
  readonly factory: string;
  readonly span: Span;
  readonly properties: Record<string, PropertyValue>;
  readonly padProperties: Record<string, Record<string, string>>;
  name: string;
  readonly isBin: boolean;
  /** the bin holding it (index), null at the top */
  parent: number | null;
  /** gst_bin_add refused it (its name was taken): it is in no pipeline, links to it fail */
  orphan: boolean;
}

interface RawLink {
  readonly src: Ref;
  readonly sink: Ref;
  readonly caps: { readonly text: string; readonly span: Span } | null;
  readonly allPads: boolean;
  readonly span: Span;
}

const NO_REF: Ref = { element: null, name: null, pads: [], span: { offset: 0, length: 0 } };
const spanOf = (t: LaunchToken): Span => ({ offset: t.offset, length: t.length });

class Parser {
  private readonly tokens: LaunchToken[];
  private pos = 0;
  private readonly nodes: Node[] = [];
  private readonly links: RawLink[] = [];
  private readonly namer = new ElementNamer();
  /** bins open around the current token */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly registry: Registry,
  ) {
    this.tokens = lexLaunch(text);
  }

  private peek(): LaunchToken | undefined {
    return this.tokens[this.pos];
  }

  private isOp(t: LaunchToken | undefined, op: string): boolean {
    return t !== undefined && t.kind === 'OPERATOR' && t.text === op;
  }

  private startsElementary(t: LaunchToken | undefined): boolean {
    return t !== undefined && (t.kind === 'IDENTIFIER' || t.kind === 'BINREF' || this.isOp(t, '('));
  }

  private syntaxAt(t: LaunchToken | undefined): LaunchError {
    return t === undefined ? syntaxError(this.text.length, 0) : syntaxError(t.offset, t.length);
  }

  parse(): Graph {
    const top = this.chainlist(false);
    if (top === null) throw syntaxError(0, this.text.length, 'empty pipeline');
    this.addToBin(top.elements, null);
    // a description that is one GstPipeline bin is that pipeline: its elements are the top level
    const only = top.elements.length === 1 ? this.nodes[top.elements[0]!]! : null;
    if (only !== null && only.isBin && (this.registry.get(only.factory)?.typeChain ?? []).includes('GstPipeline')) {
      const idx = top.elements[0]!;
      only.orphan = true;
      for (const n of this.nodes) if (n.parent === idx) n.parent = null;
    }
    return this.build();
  }

  /** chainlist: chains until the end (or the ')' of a bin) */
  private chainlist(inBin: boolean): Chain | null {
    let acc: Chain | null = null;
    for (;;) {
      const t = this.peek();
      if (t === undefined) {
        if (inBin) throw this.syntaxAt(t);
        return acc;
      }
      if (this.isOp(t, ')')) {
        if (inBin) return acc;
        throw this.syntaxAt(t);
      }
      if (!this.startsElementary(t) && t.kind !== 'REF' && t.kind !== 'URL') throw this.syntaxAt(t);
      const chain = this.chain();
      // one growing array: a spread per chain is quadratic in a wide tee (`t. ! queue ! sink` × n)
      if (acc === null) acc = { first: chain.first, last: chain.last, elements: [...chain.elements] };
      else {
        for (const e of chain.elements) (acc.elements as number[]).push(e);
        acc = { first: acc.first, last: chain.last, elements: acc.elements };
      }
    }
  }

  /** chain: an open chain, closed by the end of its links or by a link to a reference or URL */
  private chain(): Chain {
    const t = this.peek()!;
    let first: Ref;
    let last: Ref;
    let elements: number[];
    if (t.kind === 'REF') {
      first = NO_REF;
      last = this.reference();
      elements = [];
    } else if (t.kind === 'URL') {
      this.pos++;
      const idx = this.uriElement(t, 'src');
      first = NO_REF;
      last = { element: idx, name: null, pads: [], span: spanOf(t) };
      elements = [idx];
    } else {
      const e = this.elementary();
      first = e.first;
      last = { ...e.last, pads: [...e.last.pads, ...this.pads()] };
      elements = [...e.elements];
    }
    for (;;) {
      const l = this.peek();
      if (l === undefined || (l.kind !== 'LINK' && l.kind !== 'LINK_ALL')) break;
      this.pos++;
      const caps = this.linkCaps(l);
      const next = this.peek();
      if (next !== undefined && next.kind === 'REF') {
        this.setupLink({ src: last, sink: this.reference(), caps, allPads: l.kind === 'LINK_ALL', span: spanOf(l) });
        return { first, last: NO_REF, elements };
      }
      if (next !== undefined && next.kind === 'URL') {
        this.pos++;
        const idx = this.uriElement(next, 'sink');
        this.setupLink({ src: last, sink: { element: idx, name: null, pads: [], span: spanOf(next) }, caps, allPads: l.kind === 'LINK_ALL', span: spanOf(l) });
        return { first, last: NO_REF, elements: [...elements, idx] };
      }
      const sinkPads = this.pads();
      if (!this.startsElementary(this.peek())) throw this.syntaxAt(this.peek());
      const e = this.elementary();
      const after = this.pads();
      this.setupLink({ src: last, sink: { ...e.first, pads: [...sinkPads, ...e.first.pads] }, caps, allPads: l.kind === 'LINK_ALL', span: spanOf(l) });
      last = { ...e.last, pads: [...e.last.pads, ...after] };
      for (const x of e.elements) elements.push(x);
    }
    // chain: openchain — a reference or pads left dangling at its end are an error
    if (last.name !== null) throw new LaunchError({ kind: 'syntax', message: `unexpected reference "${last.name}" - ignoring`, ...last.span });
    if (last.pads.length > 0) throw new LaunchError({ kind: 'syntax', message: `unexpected pad-reference "${last.pads[0]!}" - ignoring`, ...last.span });
    return { first, last, elements };
  }

  /** pads: '.pad' (',' pad)* after an element or before one */
  private pads(): string[] {
    const t = this.peek();
    if (t === undefined || t.kind !== 'PADREF') return [];
    this.pos++;
    return [t.text.slice(1), ...this.morePads()];
  }

  private morePads(): string[] {
    const pads: string[] = [];
    while (this.isOp(this.peek(), ',') && this.tokens[this.pos + 1]?.kind === 'IDENTIFIER') {
      pads.push(this.tokens[this.pos + 1]!.text);
      this.pos += 2;
    }
    if (this.isOp(this.peek(), ',')) throw this.syntaxAt(this.tokens[this.pos + 1]);
    return pads;
  }

  /** reference: `name.pad` (',' pad)* — `name.` alone lets linking choose */
  private reference(): Ref {
    const t = this.peek()!;
    this.pos++;
    const dot = t.text.indexOf('.');
    const pad = t.text.slice(dot + 1);
    const pads = [...(pad === '' ? [] : [pad]), ...this.morePads()];
    return { element: null, name: t.text.slice(0, dot), pads, span: spanOf(t) };
  }

  private linkCaps(l: LaunchToken): RawLink['caps'] {
    const text = linkCaps(l);
    if (text === null) return null;
    const span = { offset: l.offset + l.text.indexOf(text), length: text.length };
    const parsed = Caps.parse(text);
    if (!parsed.ok) {
      const issue = parsed.issues[0];
      throw new LaunchError({ kind: 'syntax', message: `could not parse caps "${text}"${issue === undefined ? '' : `: ${issue.message}`}`, ...span });
    }
    return { text, span };
  }

  /** TRY_SETUP_LINK: both ends must name something */
  private setupLink(link: RawLink): void {
    if (link.src.element === null && link.src.name === null) throw new LaunchError({ kind: 'link-failed', message: 'link has no source', ...link.span });
    if (link.sink.element === null && link.sink.name === null) throw new LaunchError({ kind: 'link-failed', message: 'link has no sink', ...link.span });
    this.links.push(link);
  }

  /** elementary: an element with its assignments, or a bin */
  private elementary(): Chain {
    const t = this.peek()!;
    if (t.kind === 'IDENTIFIER') {
      this.pos++;
      const assignments: LaunchToken[] = [];
      const presets: LaunchToken[] = [];
      for (let a = this.peek(); a !== undefined && (a.kind === 'ASSIGNMENT' || a.kind === 'PRESET'); a = this.peek()) {
        (a.kind === 'ASSIGNMENT' ? assignments : presets).push(a);
        this.pos++;
      }
      const idx = this.makeElement(t, assignments, presets);
      const ref: Ref = { element: idx, name: null, pads: [], span: spanOf(t) };
      return { first: ref, last: ref, elements: [idx] };
    }
    return this.bin();
  }

  /** gst_parse_element_make */
  private makeElement(t: LaunchToken, assignments: readonly LaunchToken[], presets: readonly LaunchToken[]): number {
    const factoryName = t.text;
    const factory = this.registry.get(factoryName);
    if (factory === undefined) throw new LaunchError({ kind: 'no-element', message: `no element "${factoryName}"`, ...spanOf(t) });
    const isProxy = factoryInterfaces().childProxy.has(factoryName);
    // keys come from the input: no Object.prototype behind them (`__proto__::x=1` must not reach it)
    const properties: Record<string, PropertyValue> = Object.create(null) as Record<string, PropertyValue>;
    const padProperties: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>;
    let explicitName: string | null = null;
    for (const a of assignments) {
      const { name, value } = splitAssignment(a.text);
      const sep = name.lastIndexOf('::');
      if (isProxy && sep >= 0) {
        // the child (a request pad) does not exist yet: GStreamer sets it when the child is added
        const child = name.slice(0, sep);
        (padProperties[child] ??= Object.create(null) as Record<string, string>)[name.slice(sep + 2)] = value;
        continue;
      }
      const spec = factory.properties.find((p) => p.name === name);
      if (spec === undefined) throw new LaunchError({ kind: 'syntax', message: `no property "${name}" in element "${factoryName}"`, ...spanOf(a) });
      const typed = name === 'name' ? value : deserializeProperty(spec, value);
      if (typed === undefined) throw new LaunchError({ kind: 'syntax', message: `could not set property "${name}" in element "${factoryName}" to "${value}"`, ...spanOf(a) });
      // the first name= is the one gst_element_factory_create_with_properties uses
      if (name === 'name') explicitName ??= value === 'NULL' ? null : (unwrapString(value) ?? value);
      else if (typed !== OUT_OF_RANGE) properties[name] = typed;
    }
    const elementName = explicitName ?? this.namer.next(factoryName);
    for (const p of presets) {
      const value = p.text.slice(p.text.indexOf('=') + 1).trim();
      if (!factoryInterfaces().preset.has(factoryName)) throw new LaunchError({ kind: 'syntax', message: `Element "${elementName}" is not a GstPreset`, ...spanOf(p) });
      // presets live in files of the machine GStreamer runs on; none is known here
      if (value !== '') throw new LaunchError({ kind: 'syntax', message: `could not set preset "${value}" in element "${elementName}"`, ...spanOf(p) });
    }
    this.nodes.push({ factory: factoryName, span: spanOf(t), properties, padProperties, name: elementName, isBin: false, parent: null, orphan: false });
    return this.nodes.length - 1;
  }

  /** bin: ('(' | factory '.(') assignments chainlist ')' — made after its children, then named */
  private bin(): Chain {
    const open = this.peek()!;
    if (this.depth >= MAX_BIN_DEPTH) {
      throw new LaunchError({ kind: 'syntax', message: `bins nested deeper than ${MAX_BIN_DEPTH} levels: too deep for capsflow`, offset: open.offset, length: open.length });
    }
    this.depth++;
    this.pos++;
    const factoryName = open.kind === 'BINREF' ? (/^[^\s.]+/.exec(open.text)?.[0] ?? '') : 'bin';
    const assignments: LaunchToken[] = [];
    for (let a = this.peek(); a !== undefined && a.kind === 'ASSIGNMENT'; a = this.peek()) {
      assignments.push(a);
      this.pos++;
    }
    const inner = this.chainlist(true);
    this.depth--;
    const close = this.peek()!;
    this.pos++;
    const span = { offset: open.offset, length: close.offset + close.length - open.offset };
    if (inner === null) throw new LaunchError({ kind: 'syntax', message: `specified empty bin "${factoryName}", not allowed`, ...span });
    const factory = this.registry.get(factoryName);
    if (factory === undefined || !(factory.typeChain ?? []).includes('GstBin')) {
      throw new LaunchError({ kind: 'no-element', message: `no bin "${factoryName}", unpacking elements`, offset: open.offset, length: open.length });
    }
    const name = this.namer.next(factoryName);
    this.nodes.push({ factory: factoryName, span, properties: {}, padProperties: {}, name, isBin: true, parent: null, orphan: false });
    const idx = this.nodes.length - 1;
    this.addToBin(inner.elements, idx);
    const node = this.nodes[idx]!;
    for (const a of assignments) {
      const { name: prop, value } = splitAssignment(a.text);
      if (prop.includes('::')) continue; // set on a child later, if it ever appears
      const spec = factory.properties.find((p) => p.name === prop);
      if (spec === undefined) throw new LaunchError({ kind: 'syntax', message: `no property "${prop}" in element "${node.name}"`, ...spanOf(a) });
      const typed = prop === 'name' ? value : deserializeProperty(spec, value);
      if (typed === undefined) throw new LaunchError({ kind: 'syntax', message: `could not set property "${prop}" in element "${node.name}" to "${value}"`, ...spanOf(a) });
      if (prop === 'name') node.name = value === 'NULL' ? node.name : (unwrapString(value) ?? value);
      else if (typed !== OUT_OF_RANGE) node.properties[prop] = typed;
    }
    return { first: inner.first, last: inner.last, elements: [idx] };
  }

  /** gst_element_make_from_uri: file:// only (filesrc / filesink); anything else has no handler here */
  private uriElement(t: LaunchToken, side: 'src' | 'sink'): number {
    const m = /^file:\/\/(\/.*)$/.exec(t.text);
    const factoryName = side === 'src' ? 'filesrc' : 'filesink';
    if (m === null || this.registry.get(factoryName) === undefined) {
      throw new LaunchError({ kind: 'no-element', message: `no ${side === 'src' ? 'source' : 'sink'} element for URI "${t.text}"`, ...spanOf(t) });
    }
    this.nodes.push({ factory: factoryName, span: spanOf(t), properties: { location: decodeURIComponent(m[1]!) }, padProperties: {}, name: this.namer.next(factoryName), isBin: false, parent: null, orphan: false });
    return this.nodes.length - 1;
  }

  /** gst_bin_add for each element in order: a name already in that bin is refused */
  private addToBin(children: readonly number[], bin: number | null): void {
    // the names already in that bin (kept per bin: a scan of every node per bin is quadratic)
    let taken = this.namesIn.get(bin);
    if (taken === undefined) this.namesIn.set(bin, (taken = new Set<string>()));
    for (const i of children) {
      const n = this.nodes[i]!;
      if (taken.has(n.name)) n.orphan = true;
      else {
        taken.add(n.name);
        n.parent = bin;
      }
      this.placed.add(i);
    }
  }
  private readonly placed = new Set<number>();
  private readonly namesIn = new Map<number | null, Set<string>>();
  private readonly binPaths = new Map<number, string>();

  /** the bin path of a node: 'b' or 'outer/inner', '' at the top */
  private binPath(i: number): string {
    const parent = this.nodes[i]!.parent;
    if (parent === null) return '';
    let path = this.binPaths.get(parent);
    if (path === undefined) {
      // names are final once the graph is built: one path per bin, each from its parent's
      const above = this.binPath(parent);
      path = above === '' ? this.nodes[parent]!.name : `${above}/${this.nodes[parent]!.name}`;
      this.binPaths.set(parent, path);
    }
    return path;
  }

  /** gst_bin_get_by_name_recurse_up from the pipeline: any element in it by name (the first made) */
  private lookup(name: string): number | null {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (let i = 0; i < this.nodes.length; i++) {
        const n = this.nodes[i]!.name;
        if (!this.byName.has(n) && !this.outside(i)) this.byName.set(n, i);
      }
    }
    return this.byName.get(name) ?? null;
  }
  private byName: Map<string, number> | undefined;

  /** refused by gst_bin_add, itself or a bin around it: not in the pipeline */
  private outside(i: number): boolean {
    const known = this.outsideMemo.get(i);
    if (known !== undefined) return known;
    const n = this.nodes[i]!;
    const out = n.orphan || (n.parent !== null && this.outside(n.parent));
    this.outsideMemo.set(i, out);
    return out;
  }
  private readonly outsideMemo = new Map<number, boolean>();

  private build(): Graph {
    const out: GraphElement[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes[i]!;
      if (n.isBin || this.outside(i)) continue;
      const bin = this.binPath(i);
      out.push({
        name: n.name,
        factory: n.factory,
        properties: n.properties,
        span: n.span,
        ...(Object.keys(n.padProperties).length > 0 ? { padProperties: n.padProperties } : {}),
        ...(bin === '' ? {} : { bin }),
      });
    }
    const outLinks: GraphLink[] = [];
    for (const l of this.links) {
      // gst_resolve_reference, in link order (GStreamer reports the sink with the source's name: sic)
      const src = l.src.element ?? (l.src.name === null ? null : this.lookup(l.src.name));
      if (src === null) {
        outLinks.push(this.failed(l, { kind: 'no-element', message: `No src-element named "${l.src.name ?? '(null)'}" - omitting link`, ...l.src.span }));
        continue;
      }
      const sink = l.sink.element ?? (l.sink.name === null ? null : this.lookup(l.sink.name));
      if (sink === null) {
        outLinks.push(this.failed(l, { kind: 'no-element', message: `No sink-element named "${l.src.name ?? '(null)'}" - omitting link`, ...l.sink.span }));
        continue;
      }
      const s = this.nodes[src]!;
      const k = this.nodes[sink]!;
      const couldNot: NegotiationError = { kind: 'link-failed', message: `could not link ${s.name} to ${k.name}`, element: s.name, ...l.span };
      // an element outside the pipeline, or a bin (it has no pads of its own), cannot be linked
      if (this.outside(src) || this.outside(sink) || s.isBin || k.isBin) {
        outLinks.push(this.failed(l, couldNot));
        continue;
      }
      const srcPads = l.src.pads;
      const sinkPads = l.sink.pads;
      const pairs: [string | undefined, string | undefined][] = [];
      if (srcPads.length === 0 || sinkPads.length === 0) pairs.push([srcPads[0], sinkPads[0]]);
      else if (srcPads.length !== sinkPads.length) {
        outLinks.push(this.failed(l, couldNot));
        continue;
      } else srcPads.forEach((p, i) => pairs.push([p, sinkPads[i]]));
      for (const [sp, kp] of pairs) {
        const srcRef: PadRef = sp === undefined ? { element: s.name } : { element: s.name, pad: sp };
        const sinkRef: PadRef = kp === undefined ? { element: k.name } : { element: k.name, pad: kp };
        const extra = l.allPads ? { allPads: true } : {};
        if (l.caps === null) {
          outLinks.push({ src: srcRef, sink: sinkRef, span: l.span, ...extra });
          continue;
        }
        // the capsfilter of a filtered link goes into the source's bin, named when the link is made
        const name = this.namer.next('capsfilter');
        const bin = this.binPath(src);
        out.push({ name, factory: 'capsfilter', properties: { caps: l.caps.text }, filterFor: { src: s.name, sink: k.name }, span: l.caps.span, ...(bin === '' ? {} : { bin }) });
        outLinks.push({ src: srcRef, sink: { element: name }, span: l.span, ...extra });
        outLinks.push({ src: { element: name }, sink: sinkRef, span: l.span, ...extra });
      }
    }
    return buildGraph(out, outLinks);
  }

  private failed(l: RawLink, failure: NegotiationError): GraphLink {
    const name = (r: Ref): string => (r.element !== null ? this.nodes[r.element]!.name : (r.name ?? ''));
    return { src: { element: name(l.src) }, sink: { element: name(l.sink) }, span: l.span, failure };
  }
}

/** gst_string_unwrap for a value in double quotes ("a\"b" → a"b), or null when it is not one */
function unwrapString(s: string): string | null {
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) return null;
  let out = '';
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i]!;
    if (c === '"') return null;
    if (c === '\\' && i + 1 < s.length - 1) out += s[++i];
    else out += c;
  }
  return out;
}
