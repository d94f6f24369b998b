/**
 * `capsflow registry import`: read the locally installed GStreamer registry (through the koffi binding)
 * into a deterministic `capsflow-registry/1` snapshot. The template caps are gst_caps_to_string of each
 * template's caps, which is also the string the registry stores (checked: a difference is a warning).
 */
import type { RawFactory, RawProperty } from './gst-binding.js';
import type { ElementFactory, PadTemplate, PropertySpec, RegistrySnapshot } from './registry.js';

export type ImportResult =
  | { readonly ok: true; readonly snapshot: RegistrySnapshot; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

const DIRECTIONS: Record<number, PadTemplate['direction']> = { 1: 'src', 2: 'sink' };
const PRESENCES: Record<number, PadTemplate['presence']> = { 0: 'always', 1: 'sometimes', 2: 'request' };

// GParamFlags, then GstParamFlags (G_PARAM_USER_SHIFT = 8). The G_PARAM_STATIC_* bits say nothing
// about the property and are left out.
const PARAM_FLAGS: readonly (readonly [number, string])[] = [
  [1 << 0, 'readable'],
  [1 << 1, 'writable'],
  [1 << 2, 'construct'],
  [1 << 3, 'construct-only'],
  [1 << 4, 'lax-validation'],
  [1 << 9, 'controllable'],
  [1 << 10, 'mutable-ready'],
  [1 << 11, 'mutable-paused'],
  [1 << 12, 'mutable-playing'],
  [1 << 13, 'doc-show-default'],
  [1 << 14, 'conditionally-available'],
  [1 << 30, 'explicit-notify'],
  [2 ** 31, 'deprecated'],
];

function flagNames(bits: number): string[] {
  return PARAM_FLAGS.filter(([bit]) => (bits & bit) >>> 0 === bit).map(([, name]) => name);
}

// JSON has no infinities; a double range bound of ±G_MAXDOUBLE is finite and survives as is
function jsonNumber(n: number): number | string {
  if (Number.isFinite(n)) return n;
  return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
}

function property(p: RawProperty): PropertySpec {
  const flags = flagNames(p.flags);
  const dflt = typeof p.default === 'number' ? jsonNumber(p.default) : p.default;
  const out: { -readonly [K in keyof PropertySpec]: PropertySpec[K] } = { name: p.name, type: p.type, default: dflt };
  if (p.min !== undefined && Number.isFinite(p.min)) out.min = p.min;
  if (p.max !== undefined && Number.isFinite(p.max)) out.max = p.max;
  if (p.enumValues !== undefined) {
    out.enum = p.enumValues.map((v) => ({ value: v.value, nick: v.nick, name: v.name }));
    out.kind = p.specType === 'GParamFlags' ? 'flags' : 'enum';
  }
  out.flags = flags;
  out.writable = flags.includes('writable');
  return out;
}

/** the allocation facts, as optional fields after the older ones (a re-import keeps those byte for byte) */
function facts(raw: RawFactory): Pick<ElementFactory, 'vfuncs' | 'transform' | 'padFlags'> {
  const f = raw.facts;
  if (f === null) return {};
  const out: { -readonly [K in 'vfuncs' | 'transform' | 'padFlags']?: ElementFactory[K] } = {};
  if (Object.keys(f.vfuncs).length > 0) out.vfuncs = f.vfuncs;
  if (f.transformClass !== null) {
    const i = f.instance;
    out.transform = {
      ...f.transformClass,
      ...(i?.passthrough === undefined ? {} : { passthrough: i.passthrough }),
      ...(i?.inPlace === undefined ? {} : { inPlace: i.inPlace }),
    };
  }
  if (f.instance !== null) out.padFlags = f.instance.padFlags;
  return out;
}

function factory(raw: RawFactory, warnings: string[]): ElementFactory {
  const padTemplates = raw.padTemplates.map((t): PadTemplate => {
    const direction = DIRECTIONS[t.direction];
    const presence = PRESENCES[t.presence];
    if (direction === undefined || presence === undefined) {
      throw new Error(`${raw.name}: pad template '${t.name}' has direction ${t.direction}, presence ${t.presence}`);
    }
    if (t.caps !== t.stored) warnings.push(`${raw.name}: template '${t.name}' is stored as '${t.stored}', printed as '${t.caps}'`);
    return { name: t.name, direction, presence, caps: t.caps };
  });
  if (raw.properties === null) warnings.push(`${raw.name}: could not load the element type (plugin ${raw.plugin}); properties left empty`);
  return {
    name: raw.name,
    klass: raw.klass,
    rank: raw.rank,
    plugin: raw.plugin,
    description: raw.description,
    padTemplates,
    properties: (raw.properties ?? []).map(property),
    ...(raw.typeChain === null ? {} : { typeChain: raw.typeChain }),
    ...facts(raw),
  };
}

/**
 * Import element factories from the installed GStreamer. `names` limits the import (the oracle test
 * compares a few core elements); the factories come out sorted by name. A GStreamer that is not
 * installed is an `ok: false` answer saying so, never a crash.
 */
export async function importRegistry(options?: {
  readonly names?: readonly string[];
  readonly now?: Date;
  /** another libgstreamer-1.0 (path or soname) than the system's */
  readonly library?: string;
}): Promise<ImportResult> {
  // koffi loads only when importing, so negotiating never needs the native module
  let binding: typeof import('./gst-binding.js');
  try {
    binding = await import('./gst-binding.js');
  } catch (e) {
    return { ok: false, message: `cannot load the koffi FFI module needed to read GStreamer: ${e instanceof Error ? e.message : String(e)}` };
  }
  const opened = options?.library === undefined ? binding.openGstreamer() : binding.openGstreamerLibrary(options.library);
  if (!opened.ok) return { ok: false, message: opened.message };
  const warnings: string[] = [];
  const raws = opened.gst.elementFactories(options?.names === undefined ? undefined : { names: options.names });
  raws.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const elements: Record<string, ElementFactory> = {};
  for (const raw of raws) {
    if (Object.hasOwn(elements, raw.name)) continue;
    elements[raw.name] = factory(raw, warnings);
  }
  return {
    ok: true,
    snapshot: {
      format: 'capsflow-registry/1',
      gstreamer: opened.gst.version,
      generated: (options?.now ?? new Date()).toISOString(),
      elements,
    },
    warnings,
  };
}

/**
 * The snapshot file text: one factory per block, stable key order, so re-imports diff cleanly.
 * Factories and their fields are written in a fixed order; templates and properties keep GStreamer's.
 */
export function snapshotToJSON(snapshot: RegistrySnapshot): string {
  const names = Object.keys(snapshot.elements).sort();
  const parts = names.map((n) => `    ${JSON.stringify(n)}: ${JSON.stringify(snapshot.elements[n])}`);
  return [
    '{',
    `  "format": ${JSON.stringify(snapshot.format)},`,
    `  "gstreamer": ${JSON.stringify(snapshot.gstreamer)},`,
    `  "generated": ${JSON.stringify(snapshot.generated)},`,
    '  "elements": {',
    parts.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}
