/**
 * `capsflow registry import|list|inspect`: make a registry snapshot from the installed GStreamer, and look
 * into one (the embedded GStreamer 1.22 snapshot unless --registry says otherwise).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitCapsForDisplay } from '../../negotiation/report/dot.js';
import { importRegistry, snapshotToJSON } from '../../negotiation/registry/registry-import.js';
import { chooseRegistry } from '../settings.js';
import { suggestions } from '../hints.js';
import { defaultRegistry, loadRegistryFile, RegistryError, type ElementFactory, type PropertySpec, type Registry } from '../../negotiation/registry/registry.js';
import { style, table, type Style } from '../format.js';
import { UsageError, type CliIo, type Command, parseCommandArgs } from '../io.js';

const HELP = `usage: capsflow registry import [--out FILE] [--library LIB]
       capsflow registry list [--klass SUBSTR] [--json] [--registry FILE | --gst VERSION]
       capsflow registry inspect NAME [--json] [--registry FILE | --gst VERSION]

Element factories with their pad templates and properties, as a snapshot of a real GStreamer registry.
Without --registry, list and inspect read the embedded snapshot of a full GStreamer 1.22 install
(--gst 1.26: the 1.26 one).

subcommands:
  import              read the locally installed GStreamer (libgstreamer-1.0.so.0) into a snapshot
                      (it records the GStreamer version found); prints the JSON, or writes it to --out FILE
  list                factory names, ranks and classes (--klass filters on a substring of the class)
  inspect NAME        one factory: pad templates with their caps, properties with types, ranges, defaults

options:
  --out FILE          (import) write the snapshot here instead of stdout
  --library LIB       (import) read this libgstreamer-1.0 (a path or soname) instead of the system's
  --klass SUBSTR      (list) only factories whose class contains SUBSTR, case-insensitive (e.g. Converter/Video)
  --registry FILE     read this snapshot instead of the embedded one
  --gst VERSION       read the embedded snapshot of GStreamer 1.22 (the default) or 1.26
                      (without either: CAPSFLOW_REGISTRY / CAPSFLOW_GST, else package.json "capsflow")
  --json              print JSON
  -h, --help          this help

examples:
  capsflow registry import --out my-registry.json
  capsflow registry list --klass Filter/Converter
  capsflow registry inspect videoscale
  capsflow registry inspect videotestsrc --json --registry my-registry.json

exit status:
  0  done
  1  no such element, nothing matched, or GStreamer is not installed (import)
  2  bad usage, or a snapshot file that cannot be read or validated
`;

const run: Command = async (args, io) => {
  const parsed = parseCommandArgs(args, {
    out: { type: 'string' },
    library: { type: 'string' },
    klass: { type: 'string' },
    registry: { type: 'string' },
    gst: { type: 'string' },
    json: { type: 'boolean' },
  });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  const [sub, ...rest] = positionals;
  const only = (allowed: readonly string[]): void => {
    for (const opt of ['out', 'library', 'klass', 'registry', 'gst', 'json'] as const) {
      if (values[opt] !== undefined && !allowed.includes(opt)) throw new UsageError(`--${opt} does not apply to '${sub}'`);
    }
  };
  switch (sub) {
    case 'import':
      only(['out', 'library']);
      if (rest.length > 0) throw new UsageError(`'import' takes no arguments, got '${rest.join(' ')}'`);
      return runImport(values.out, values.library, io);
    case 'list': {
      only(['klass', 'registry', 'gst', 'json']);
      if (rest.length > 0) throw new UsageError(`'list' takes no arguments, got '${rest.join(' ')}'`);
      const registry = open(values.registry, values.gst, io);
      return registry === null ? 2 : list(registry, values.klass, values.json === true, io);
    }
    case 'inspect': {
      only(['registry', 'gst', 'json']);
      const [name, ...extra] = rest;
      if (name === undefined) throw new UsageError("'inspect' needs an element factory NAME");
      if (extra.length > 0) throw new UsageError(`'inspect' takes one NAME, got '${rest.join(' ')}'`);
      const registry = open(values.registry, values.gst, io);
      return registry === null ? 2 : inspect(registry, name, values.json === true, io);
    }
    case undefined:
      throw new UsageError('missing subcommand (import, list, inspect)');
    default:
      throw new UsageError(`unknown subcommand '${sub}' (import, list, inspect)`);
  }
};
export default run;

function open(file: string | undefined, gst: string | undefined, io: CliIo): Registry | null {
  // --registry/--gst, else CAPSFLOW_REGISTRY/CAPSFLOW_GST, else package.json's "capsflow" key (settings.ts)
  const choice = chooseRegistry({ registry: file, gst }, io);
  try {
    return choice.registry === undefined ? defaultRegistry(choice.gst) : loadRegistryFile(choice.registry);
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    io.stderr(`${style(io).red('error')}: ${e.message}\n`);
    return null;
  }
}

async function runImport(out: string | undefined, library: string | undefined, io: CliIo): Promise<number> {
  const st = style(io);
  const r = await importRegistry(library === undefined ? undefined : { library });
  if (!r.ok) {
    io.stderr(`${st.red('error')}: ${r.message}\n`);
    return 1;
  }
  for (const w of r.warnings) io.stderr(`${st.yellow('warning')}: ${w}\n`);
  const text = snapshotToJSON(r.snapshot);
  const count = Object.keys(r.snapshot.elements).length;
  if (out === undefined) {
    io.stdout(text);
  } else {
    const path = resolve(io.cwd, out);
    try {
      writeFileSync(path, text);
    } catch (e) {
      io.stderr(`${st.red('error')}: cannot write ${path}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  io.stderr(`imported ${count} element factories from GStreamer ${r.snapshot.gstreamer}${out === undefined ? '' : ` into ${out}`}\n`);
  return 0;
}

const RANKS: readonly (readonly [number, string])[] = [
  [256, 'primary'],
  [128, 'secondary'],
  [64, 'marginal'],
  [0, 'none'],
];
/** As gst-inspect names ranks: "primary", "primary + 1", "marginal - 1" is "none + 63". */
function rankName(rank: number): string {
  const [base, name] = RANKS.find(([r]) => rank >= r) ?? [0, 'none'];
  return rank === base ? name : `${name} + ${rank - base}`;
}

function list(registry: Registry, klass: string | undefined, json: boolean, io: CliIo): number {
  const needle = klass?.toLowerCase();
  const factories = registry
    .names()
    .map((n) => registry.get(n) as ElementFactory)
    .filter((f) => needle === undefined || f.klass.toLowerCase().includes(needle));
  if (json) {
    const rows = factories.map((f) => ({ name: f.name, klass: f.klass, rank: f.rank, plugin: f.plugin, description: f.description }));
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (factories.length > 0) {
    io.stdout(
      table(
        ['NAME', 'RANK', 'KLASS', 'DESCRIPTION'],
        factories.map((f) => [f.name, rankName(f.rank), f.klass, f.description]),
      ),
    );
  }
  if (factories.length === 0) {
    io.stderr(needle === undefined ? 'the registry is empty\n' : `no element factory has a class containing '${klass}'\n`);
    return 1;
  }
  return 0;
}

function inspect(registry: Registry, name: string, json: boolean, io: CliIo): number {
  const f = registry.get(name);
  if (f === undefined) {
    const near = suggestions(registry.names(), name);
    io.stderr(`no element '${name}'${near.length > 0 ? ` (did you mean ${near.map((n) => `'${n}'`).join(', ')}?)` : ''}\n`);
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: { kind: 'no-element', message: `no element '${name}'` } }, null, 2)}\n`);
    return 1;
  }
  io.stdout(json ? `${JSON.stringify(f, null, 2)}\n` : describeFactory(f, style(io)));
  return 0;
}

function describeFactory(f: ElementFactory, st: Style): string {
  const out: string[] = [];
  out.push(`${st.bold(f.name)}: ${f.description}`);
  out.push(`  klass ${f.klass}, rank ${rankName(f.rank)} (${f.rank}), plugin ${f.plugin}`);
  // the base classes decide how an element without a behaviour profile negotiates
  if (f.typeChain !== undefined) out.push(`  type ${f.typeChain.join(' → ')}`);
  out.push('');
  out.push(st.bold('Pad templates:'));
  if (f.padTemplates.length === 0) out.push('  none');
  for (const t of f.padTemplates) {
    out.push(`  ${st.cyan(t.name)}  ${t.direction}, ${t.presence}`);
    for (const s of splitCapsForDisplay(t.caps)) {
      out.push(`    ${s.features === null ? s.name : `${s.name}(${s.features})`}`);
      const width = Math.max(0, ...s.fields.map((x) => x.name.length));
      for (const field of s.fields) out.push(`      ${field.name.padStart(width)}: ${field.value}`);
    }
  }
  out.push('');
  out.push(st.bold('Properties:'));
  if (f.properties.length === 0) out.push('  none');
  const width = Math.max(0, ...f.properties.map((p) => p.name.length));
  for (const p of f.properties) out.push(...describeProperty(p, width, st));
  return `${out.join('\n')}\n`;
}

function describeProperty(p: PropertySpec, width: number, st: Style): string[] {
  const parts = [p.type];
  if (p.min !== undefined && p.max !== undefined) parts.push(`[${p.min}, ${p.max}]`);
  if (p.default !== undefined) {
    const named = p.enum?.find((v) => v.value === p.default);
    parts.push(`default ${named !== undefined ? `${named.nick} (${named.value})` : JSON.stringify(p.default)}`);
  }
  const flags = (p.flags ?? []).filter((x) => x !== 'readable' && x !== 'writable');
  const access = `${p.flags?.includes('readable') === true ? 'r' : ''}${p.writable === true ? 'w' : ''}`;
  const lines = [`  ${p.name.padEnd(width)}  ${parts.join(', ')}  ${st.dim(`[${[access || '-', ...flags].join(', ')}]`)}`];
  if (p.enum !== undefined && p.enum.length > 0) {
    lines.push(`  ${' '.repeat(width)}    ${st.dim(p.enum.map((v) => `${v.value} ${v.nick}`).join(', '))}`);
  }
  return lines;
}
