/**
 * The pipeline as drawn: every element with its GType name, the properties GStreamer's dot dump would show
 * for it and its always pads, and every link the description asks for, made or not. A failed negotiation
 * reports only the links it made; pictures draw the rest from this (dashed: never reached).
 * Pure: no I/O.
 */
import { Caps } from '../../caps/index.js';
import type { Graph, PropertyValue } from '../graph/graph.js';
import type { ElementFactory, PropertySpec, Registry } from '../registry/registry.js';

export interface TopologyPad {
  readonly name: string;
  readonly direction: 'src' | 'sink';
  readonly presence: 'always' | 'sometimes' | 'request';
}

export interface TopologyElement {
  readonly name: string;
  readonly factory: string;
  /** the GType name (GstVideoTestSrc) from the registry's type chain, null when the registry has none */
  readonly typeName: string | null;
  /** `name=value` lines for the properties the pipeline sets to a value other than the default, as
   *  gst_debug_bin_to_dot_data prints them (enum nicks, flags nick+nick, TRUE/FALSE, %f doubles, quoted
   *  strings, values over 80 characters cut with …) */
  readonly params: readonly string[];
  /** its always pads, in template order */
  readonly pads: readonly TopologyPad[];
  /** the pad templates a link may still request or wait for (request and sometimes) */
  readonly templates: readonly TopologyPad[];
}

export interface TopologyLink {
  readonly src: { readonly element: string; readonly pad: string | null };
  readonly sink: { readonly element: string; readonly pad: string | null };
}

export interface Topology {
  readonly elements: readonly TopologyElement[];
  /** in the order gst-launch performs them */
  readonly links: readonly TopologyLink[];
}

// gstdebugutils.c PARAM_MAX_LENGTH
const PARAM_MAX_LENGTH = 80;

/** g_strescape, as the dump applies it to every value */
const gStrescape = (s: string): string =>
  s.replace(/[\\"\b\f\n\r\t\v]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' })[c] as string);

const INTEGERS = new Set(['gint', 'guint', 'glong', 'gulong', 'gint64', 'guint64', 'guchar', 'gchar']);

/** A value as g_strdup_value_contents / the dump's own enum and flags code print it, before g_strescape. */
function valueContents(spec: PropertySpec, value: PropertyValue): string {
  if (spec.type === 'gboolean') return value === true ? 'TRUE' : 'FALSE';
  if (spec.type === 'gdouble' || spec.type === 'gfloat') {
    const n = Number(value);
    return Number.isNaN(n) ? 'nan' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : n.toFixed(6);
  }
  if (INTEGERS.has(spec.type)) return String(value);
  if (spec.type === 'gchararray') return `"${gStrescape(String(value))}"`;
  if (spec.type === 'GstCaps') {
    const parsed = Caps.parse(String(value));
    return parsed.ok ? Caps.from(parsed.caps).toString() : String(value);
  }
  if (spec.enum !== undefined && spec.kind === 'flags') {
    // the dump's loop: highest value first, each one prepended, so the text reads lowest first
    let left = Number(value);
    const parts: string[] = [];
    for (let i = spec.enum.length - 1; i >= 0 && left !== 0; i--) {
      const v = spec.enum[i]!;
      if (v.value !== 0 && (left & v.value) === v.value) {
        parts.unshift(v.nick);
        left -= v.value;
      }
    }
    return parts.length === 0 ? '(none)' : parts.join('+');
  }
  return String(value);
}

/** g_param_value_defaults: the value the property has on a fresh GParamSpec */
function isDefault(spec: PropertySpec, value: PropertyValue): boolean {
  const d = spec.default;
  if (d === undefined) return false;
  if (d === null) return spec.type === 'gchararray' ? false : value === null;
  if (spec.enum !== undefined && spec.kind !== 'flags') return spec.enum.find((e) => e.value === d)?.nick === value;
  if (typeof d === 'number') return Number(value) === d;
  if (typeof d === 'boolean') return value === d;
  if (spec.type === 'gdouble' || spec.type === 'gfloat') return Number(value) === Number(d === 'inf' ? Infinity : d === '-inf' ? -Infinity : d);
  return String(value) === d;
}

/** The `name=value` lines the dump shows for the properties set on an element (registry order). */
export function dumpParams(factory: ElementFactory | undefined, properties: Readonly<Record<string, PropertyValue>>): string[] {
  const out: string[] = [];
  const set = Object.keys(properties);
  if (set.length === 0) return out;
  const specs = factory?.properties ?? [];
  const ordered = [...specs.filter((s) => Object.hasOwn(properties, s.name)), ...set.filter((n) => !specs.some((s) => s.name === n)).map((name): PropertySpec => ({ name, type: 'gchararray' }))];
  for (const spec of ordered) {
    if (spec.name === 'name' || spec.name === 'parent') continue;
    if (spec.flags !== undefined && !spec.flags.includes('readable')) continue;
    const value = properties[spec.name]!;
    if (isDefault(spec, value)) continue;
    const text = gStrescape(valueContents(spec, value));
    out.push(`${spec.name}=${text.length > PARAM_MAX_LENGTH ? `${text.slice(0, PARAM_MAX_LENGTH)}…` : text}`);
  }
  return out;
}

/** The topology of a parsed graph, with the registry the pipeline is negotiated with. */
export function topologyOf(graph: Graph, registry: Registry): Topology {
  const elements = graph.order.flatMap((name): TopologyElement[] => {
    const e = graph.elements[name];
    if (e === undefined) return [];
    const factory = registry.get(e.factory);
    const templates = (factory?.padTemplates ?? []).map((t): TopologyPad => ({ name: t.name, direction: t.direction === 'sink' ? 'sink' : 'src', presence: t.presence === 'request' ? 'request' : t.presence === 'sometimes' ? 'sometimes' : 'always' }));
    return [
      {
        name,
        factory: e.factory,
        typeName: factory?.typeChain?.[0] ?? null,
        params: dumpParams(factory, e.properties),
        pads: templates.filter((t) => t.presence === 'always'),
        templates: templates.filter((t) => t.presence !== 'always'),
      },
    ];
  });
  const links = graph.links.map((l): TopologyLink => ({ src: { element: l.src.element, pad: l.src.pad ?? null }, sink: { element: l.sink.element, pad: l.sink.pad ?? null } }));
  return { elements, links };
}
