/**
 * The JSON form of a pipeline graph (for programs and editors), validated with zod. Errors point at the
 * JSON path; property values are typed by the registry exactly as gst-launch text values are.
 */
import { z } from 'zod';
import { Caps } from '../../caps/index.js';
import { buildGraph, type Graph, type GraphElement, type GraphLink, type PropertyValue } from './graph.js';
import { typePropertyValue } from '../launch/launch.js';
import type { Registry } from '../registry/registry.js';
import { ElementNamer } from '../launch/type-names.js';
import { isValidRequestPadName } from '../engine/pad-names.js';
import type { NegotiationError } from '../types.js';

const padRef = z.union([
  z.string().min(1),
  z.strictObject({ element: z.string().min(1), pad: z.string().min(1).optional() }),
]);

export const graphJsonSchema = z.strictObject({
  elements: z.array(
    z.strictObject({
      name: z.string().min(1).optional(),
      factory: z.string().min(1),
      properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  ),
  links: z.array(z.strictObject({ src: padRef, sink: padRef, caps: z.string().optional() })).optional(),
});

/** `{ elements: [{ factory, name?, properties? }], links: [{ src: "a" | "a.pad" | {element, pad?}, sink, caps? }] }` */
export type GraphJson = z.input<typeof graphJsonSchema>;

export type GraphJsonResult = { ok: true; graph: Graph } | { ok: false; error: NegotiationError };

const fail = (path: (string | number)[], message: string, kind: NegotiationError['kind'] = 'syntax'): GraphJsonResult => ({
  ok: false,
  error: { kind, message: `${formatJsonPath(path)}: ${message}`, path },
});

/** A pad name a template can give: the template name itself, or its %u/%d/%s pattern filled in. */
export function padMatchesTemplate(pad: string, template: string): boolean {
  return isValidRequestPadName(template, pad);
}

export function formatJsonPath(path: readonly (string | number)[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

/** Validate and type a JSON graph; names are given as gst-launch would (per-type counters). */
export function parseGraphJson(json: unknown, registry: Registry): GraphJsonResult {
  const r = graphJsonSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return fail(issue.path.map((p) => (typeof p === 'number' ? p : String(p))), issue.message);
  }
  const namer = new ElementNamer();
  const next = (factory: string): string => namer.next(factory);
  const elements: GraphElement[] = [];
  // name → factory (a Set plus a find per named pad would be quadratic in a long JSON chain)
  const names = new Map<string, string>();
  for (const [i, e] of r.data.elements.entries()) {
    const factory = registry.get(e.factory);
    if (factory === undefined) return fail(['elements', i, 'factory'], `no element "${e.factory}"`, 'no-element');
    const properties = Object.create(null) as Record<string, PropertyValue>;
    // zod's record drops a `__proto__` key (it assigns it): look at the input's own keys for it
    const given = (json as { elements: { properties?: object }[] }).elements[i]?.properties;
    if (given !== undefined && Object.hasOwn(given, '__proto__')) return fail(['elements', i, 'properties', '__proto__'], `no property "__proto__" in element "${e.factory}"`);
    for (const [key, raw] of Object.entries(e.properties ?? {})) {
      const spec = factory.properties.find((p) => p.name === key);
      if (spec === undefined) return fail(['elements', i, 'properties', key], `no property "${key}" in element "${e.factory}"`);
      const value = typePropertyValue(spec, String(raw));
      if (value === undefined) return fail(['elements', i, 'properties', key], `could not set property "${key}" in element "${e.factory}" to "${String(raw)}"`);
      properties[key] = value;
    }
    const name = e.name ?? next(e.factory);
    if (names.has(name)) return fail(['elements', i, 'name'], `an element named "${name}" already exists`);
    names.set(name, e.factory);
    elements.push({ name, factory: e.factory, properties });
  }
  const links: GraphLink[] = [];
  const filters: GraphElement[] = [];
  const ref = (v: z.infer<typeof padRef>): { element: string; pad?: string } => {
    if (typeof v !== 'string') return v.pad === undefined ? { element: v.element } : { element: v.element, pad: v.pad };
    const dot = v.indexOf('.');
    return dot < 0 ? { element: v } : { element: v.slice(0, dot), pad: v.slice(dot + 1) };
  };
  for (const [i, l] of (r.data.links ?? []).entries()) {
    const src = ref(l.src);
    const sink = ref(l.sink);
    if (!names.has(src.element)) return fail(['links', i, 'src'], `no element named "${src.element}"`, 'no-element');
    if (!names.has(sink.element)) return fail(['links', i, 'sink'], `no element named "${sink.element}"`, 'no-element');
    for (const [side, ref_] of [
      ['src', src],
      ['sink', sink],
    ] as const) {
      if (ref_.pad === undefined) continue;
      const factory = registry.get(names.get(ref_.element)!)!;
      if (!factory.padTemplates.some((t) => t.direction === side && padMatchesTemplate(ref_.pad!, t.name))) {
        const known = factory.padTemplates.filter((t) => t.direction === side).map((t) => t.name);
        return fail(['links', i, side], `${ref_.element} has no ${side} pad "${ref_.pad}" (its ${side} templates: ${known.join(', ') || 'none'})`, 'no-pad');
      }
    }
    if (l.caps === undefined) {
      links.push({ src, sink });
      continue;
    }
    if (!Caps.parse(l.caps).ok) return fail(['links', i, 'caps'], `could not parse caps "${l.caps}"`);
    const name = next('capsfilter');
    filters.push({ name, factory: 'capsfilter', properties: { caps: l.caps }, filterFor: { src: src.element, sink: sink.element } });
    links.push({ src, sink: { element: name } }, { src: { element: name }, sink });
  }
  return { ok: true, graph: buildGraph([...elements, ...filters], links) };
}
