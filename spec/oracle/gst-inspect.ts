/**
 * Parse `gst-inspect-1.0 NAME` (GStreamer 1.22) into plain data, an importer-independent view of the
 * registry to check the snapshot against. Only what the snapshot records is read: the factory details,
 * the pad templates and the "Element Properties" section.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface InspectTemplate {
  readonly name: string;
  readonly direction: 'src' | 'sink';
  readonly presence: 'always' | 'sometimes' | 'request';
  /** one entry per structure: "name(features)" and "field: value" lines, as printed */
  readonly structures: readonly { readonly name: string; readonly fields: readonly string[] }[];
}

export interface InspectProperty {
  readonly name: string;
  readonly flags: readonly string[];
  /** the type line, e.g. 'Integer. Range: -1 - 2147483647 Default: -1' or 'Enum "GstVideoFlipMethod" Default: 0, "none"' */
  readonly typeLine: string;
  /** enum or flags values: [value, nick] */
  readonly values: readonly (readonly [number, string])[];
}

export interface InspectFactory {
  readonly longName: string;
  readonly klass: string;
  readonly description: string;
  readonly rank: number;
  readonly plugin: string;
  readonly templates: readonly InspectTemplate[];
  readonly properties: readonly InspectProperty[];
}

export async function gstInspect(name: string): Promise<InspectFactory> {
  const { stdout } = await run('gst-inspect-1.0', [name], {
    env: { ...process.env, LC_ALL: 'C', GST_DEBUG: '', NO_COLOR: '1' },
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseInspect(stdout);
}

const PRESENCE: Record<string, InspectTemplate['presence']> = { Always: 'always', Sometimes: 'sometimes', 'On request': 'request' };

// the flag words of gst-inspect's print_element_properties_info, mapped to the snapshot's flag names
const FLAG_WORDS: readonly (readonly [string, string])[] = [
  ['changeable in NULL, READY, PAUSED or PLAYING state', 'mutable-playing'],
  ['changeable only in NULL, READY or PAUSED state', 'mutable-paused'],
  ['changeable only in NULL or READY state', 'mutable-ready'],
  ['conditionally available', 'conditionally-available'],
  ['controllable', 'controllable'],
  ['deprecated', 'deprecated'],
  ['readable', 'readable'],
  ['writable', 'writable'],
];

function flagList(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (const [words, flag] of FLAG_WORDS) {
    if (rest.includes(words)) {
      out.push(flag);
      rest = rest.replace(words, '');
    }
  }
  return out.sort();
}

export function parseInspect(text: string): InspectFactory {
  const lines = text.split('\n');
  const detail = (key: string): string => {
    const l = lines.find((x) => x.startsWith(`  ${key} `));
    return l === undefined ? '' : l.slice(key.length + 2).trim();
  };
  const rankText = detail('Rank');
  const rank = Number(/\((\d+)\)/.exec(rankText)?.[1] ?? NaN);
  const pluginLine = lines.findIndex((l) => l === 'Plugin Details:');
  const plugin = pluginLine < 0 ? '' : (lines[pluginLine + 1] ?? '').replace(/^ {2}Name +/, '').trim();

  const templates: InspectTemplate[] = [];
  const start = lines.indexOf('Pad Templates:');
  if (start >= 0) {
    let current: { name: string; direction: 'src' | 'sink'; presence: InspectTemplate['presence']; structures: { name: string; fields: string[] }[] } | null = null;
    let inCaps = false;
    for (let i = start + 1; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l !== '' && !l.startsWith('  ')) break;
      const head = /^ {2}(SRC|SINK) template: '([^']*)'$/.exec(l);
      if (head !== null) {
        current = { name: head[2] ?? '', direction: head[1] === 'SRC' ? 'src' : 'sink', presence: 'always', structures: [] };
        templates.push(current);
        continue;
      }
      if (current === null) continue;
      // a template block: Availability, Capabilities (the caps), then maybe Type and Pad Properties
      if (/^ {4}\S/.test(l)) {
        inCaps = l === '    Capabilities:';
        const avail = /^ {4}Availability: (.*)$/.exec(l);
        if (avail !== null) current.presence = PRESENCE[avail[1] ?? ''] ?? 'always';
      } else if (inCaps && /^ {6}\S/.test(l)) current.structures.push({ name: l.trim(), fields: [] });
      else if (inCaps && /^ {7,}\S/.test(l)) {
        const colon = l.indexOf(': ');
        current.structures.at(-1)?.fields.push(`${l.slice(0, colon).trim()}: ${untyped(l.slice(colon + 2).trim())}`);
      }
    }
  }

  const properties: InspectProperty[] = [];
  const ps = lines.indexOf('Element Properties:');
  if (ps >= 0) {
    let current: { name: string; flags: string[]; typeLine: string; values: [number, string][] } | null = null;
    for (let i = ps + 1; i < lines.length; i++) {
      const l = lines[i] ?? '';
      // the section ends at the next header; a multi-line default can start lines at column 0
      if (/^[A-Z][A-Za-z ]+:$/.test(l)) break;
      if (l === '') continue;
      const head = /^ {2}(\S+)\s*: /.exec(l);
      if (head !== null && !l.startsWith('   ')) {
        current = { name: head[1] ?? '', flags: [], typeLine: '', values: [] };
        properties.push(current);
        continue;
      }
      if (current === null) continue;
      const fl = /^ {24}flags: (.*)$/.exec(l);
      if (fl !== null) {
        current.flags = flagList(fl[1] ?? '');
        continue;
      }
      const v = /^ {27}\((-?\d+|0x[0-9a-f]+)\): (.+?) +- /.exec(l);
      if (v !== null) {
        current.values.push([Number(v[1]), v[2] ?? '']);
        continue;
      }
      // GstValueArray properties print their "Default:" line before the type line
      if (current.typeLine === '' && /^ {24}\S/.test(l) && !l.startsWith(' '.repeat(24) + 'Default: ')) current.typeLine = l.trim();
    }
  }
  return {
    longName: detail('Long-name'),
    klass: detail('Klass'),
    description: detail('Description'),
    rank,
    plugin,
    templates,
    properties,
  };
}

/** Split at `sep` outside quotes and brackets (caps strings as gst_caps_to_string prints them). */
function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(text.slice(from).trim());
  return out.filter((s) => s !== '');
}

const untyped = (value: string): string => value.replace(/\([A-Za-z0-9_]+\)(?=\S)/g, '');

/** A printed caps string in gst-inspect's shape: structure heads and `field: value` without type casts. */
export function capsAsInspect(caps: string): { name: string; fields: string[] }[] {
  return splitTopLevel(caps, ';').map((s) => {
    const [head = '', ...fields] = splitTopLevel(s, ',');
    return {
      name: head,
      fields: fields.map((f) => {
        const eq = f.indexOf('=');
        return `${f.slice(0, eq).trim()}: ${untyped(f.slice(eq + 1).trim())}`;
      }),
    };
  });
}

export interface SnapshotFactoryLike {
  readonly klass: string;
  readonly rank: number;
  readonly plugin: string;
  readonly description: string;
  readonly padTemplates: readonly { readonly name: string; readonly direction: string; readonly presence: string; readonly caps: string }[];
  readonly properties: readonly {
    readonly name: string;
    readonly type: string;
    readonly default?: string | number | boolean | null;
    readonly min?: number;
    readonly max?: number;
    readonly enum?: readonly { readonly value: number; readonly nick: string }[];
    readonly flags?: readonly string[];
  }[];
}

const INT_TYPES: Record<string, string> = {
  'Integer': 'gint',
  'Unsigned Integer': 'guint',
  'Integer64': 'gint64',
  'Unsigned Integer64': 'guint64',
  'Long': 'glong',
  'Unsigned Long': 'gulong',
};

const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Where a snapshot factory and gst-inspect disagree, one line per difference. gst-inspect prints an
 * instance's current value as "Default"; `instanceDefaults` names the properties where that is known to
 * differ from the class default the snapshot records ('all' skips defaults).
 */
export function differencesFromInspect(
  name: string,
  f: SnapshotFactoryLike,
  i: InspectFactory,
  instanceDefaults: readonly string[] | 'all' = ['name'],
): string[] {
  const d: string[] = [];
  const eq = (what: string, ours: unknown, theirs: unknown): void => {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) d.push(`${name}: ${what}: snapshot ${JSON.stringify(ours)}, gst-inspect ${JSON.stringify(theirs)}`);
  };
  // gst-inspect's own trailing blanks are lost in parsing (sirenenc's klass ends in a space)
  eq('klass', f.klass.trim(), i.klass);
  eq('rank', f.rank, i.rank);
  eq('plugin', f.plugin, i.plugin);
  eq('description', f.description.trim(), i.description);
  // gst-inspect 1.22 prints the templates sorted by name
  const ours = [...f.padTemplates].sort((a, b) => (a.name < b.name ? -1 : 1));
  eq('templates', ours.map((t) => t.name), i.templates.map((t) => t.name));
  for (const t of ours) {
    const it = i.templates.find((x) => x.name === t.name);
    if (it === undefined) continue;
    eq(`template ${t.name} direction`, t.direction, it.direction);
    eq(`template ${t.name} presence`, t.presence, it.presence);
    eq(`template ${t.name} caps`, capsAsInspect(t.caps), it.structures);
  }
  eq('properties', f.properties.map((p) => p.name).sort(), i.properties.map((p) => p.name).sort());
  for (const p of f.properties) {
    const ip = i.properties.find((x) => x.name === p.name);
    if (ip === undefined) continue;
    const what = (k: string): string => `property ${p.name} ${k}`;
    const shown = ['readable', 'writable', 'controllable', 'deprecated', 'mutable-ready', 'mutable-paused', 'mutable-playing', 'conditionally-available'];
    eq(what('flags'), (p.flags ?? []).filter((x) => shown.includes(x)).sort(), ip.flags);
    const checkDefault = instanceDefaults !== 'all' && !instanceDefaults.includes(p.name);
    const line = ip.typeLine;
    let m: RegExpExecArray | null;
    if ((m = /^(Unsigned Integer64|Unsigned Integer|Unsigned Long|Integer64|Integer|Long)\. Range: (-?\d+) - (-?\d+) Default: (-?\d+)/.exec(line))) {
      eq(what('type'), p.type, INT_TYPES[m[1] ?? '']);
      eq(what('range'), [p.min, p.max], [Number(m[2]), Number(m[3])]);
      if (checkDefault) eq(what('default'), p.default, Number(m[4]));
    } else if ((m = /^(Float|Double)\. Range: +(\S+) - +(\S+) Default: +(\S+)/.exec(line))) {
      eq(what('type'), p.type, m[1] === 'Float' ? 'gfloat' : 'gdouble');
      const [min, max, dflt] = [Number(m[2]), Number(m[3]), Number(m[4])];
      if (!(p.min !== undefined && close(p.min, min) && p.max !== undefined && close(p.max, max))) eq(what('range'), [p.min, p.max], [min, max]);
      if (checkDefault && !(typeof p.default === 'number' && close(p.default, dflt))) eq(what('default'), p.default, dflt);
    } else if ((m = /^Boolean\. Default: (true|false)/.exec(line))) {
      eq(what('type'), p.type, 'gboolean');
      if (checkDefault) eq(what('default'), p.default, m[1] === 'true');
    } else if ((m = /^String\. Default: (null$|"(.*)"$)?/.exec(line))) {
      eq(what('type'), p.type, 'gchararray');
      // a multi-line default (a PEM certificate) is not compared
      if (checkDefault && m[1] !== undefined) eq(what('default'), p.default, m[1] === 'null' ? null : m[2]);
    } else if ((m = /^(Enum|Flags) "([^"]+)" Default: (0x[0-9a-f]+|-?\d+)/.exec(line))) {
      eq(what('type'), p.type, m[2]);
      if (checkDefault) eq(what('default'), p.default, Number(m[3]));
      eq(what('values'), (p.enum ?? []).map((v) => [v.value, v.nick]), ip.values);
    } else if ((m = /^(?:Object|Boxed pointer) of type "([^"]+)"/.exec(line))) {
      eq(what('type'), p.type, m[1]);
    } else if ((m = /^Fraction\. Range: (-?\d+)\/(\d+) - (-?\d+)\/(\d+) Default: (-?\d+\/\d+)/.exec(line))) {
      eq(what('type'), p.type, 'GstFraction');
      if (checkDefault) eq(what('default'), p.default, m[5]);
    } else if ((m = /^(GstValueArray|Array) of GValues of type "([^"]+)"/.exec(line))) {
      eq(what('type'), p.type, m[1] === 'Array' ? 'GValueArray' : 'GstValueArray');
    } else if (/^Pointer\./.test(line)) {
      eq(what('type'), p.type, 'gpointer');
    } else if (p.type !== 'GstCaps') {
      d.push(`${name}: property ${p.name}: unrecognised gst-inspect type line '${line}' for ${p.type}`);
    }
  }
  return d;
}
