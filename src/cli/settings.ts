/**
 * The registry a project uses, so `--registry`/`--gst` need not be repeated on every call. Precedence:
 * the command line, then the environment (`CAPSFLOW_REGISTRY=FILE`, `CAPSFLOW_GST=1.26`), then the
 * `"capsflow": { "registry": "FILE", "gst": "1.26" }` key of the nearest package.json above the working
 * directory (a registry path there is relative to that package.json). One source gives one of the two:
 * the nearer setting replaces the farther one whole, so a project's registry and a `--gst 1.26` flag never
 * meet as a conflict.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readInputFile } from '../negotiation/read-input.js';
import { GST_VERSIONS, isGstVersion, type GstVersion } from '../negotiation/registry/registry.js';
import { UsageError, type CliIo } from './io.js';

export interface RegistryChoice {
  /** an absolute registry file path, or none for an embedded registry */
  readonly registry?: string;
  readonly gst?: GstVersion;
  /** where the choice came from, for messages: '--registry', 'CAPSFLOW_REGISTRY', '/p/package.json' … */
  readonly from: string;
}

/** The nearest package.json at or above `cwd`, or null. */
function nearestPackageJson(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) return null;
  }
}

function gstFrom(value: unknown, from: string): GstVersion {
  if (!isGstVersion(value)) throw new UsageError(`${from} takes ${GST_VERSIONS.join(' or ')}, got '${String(value)}'`);
  return value;
}

/**
 * `--registry`/`--gst` as given, else the environment, else package.json's "capsflow" key, else the
 * default embedded registry (an empty choice).
 */
export function chooseRegistry(flags: { readonly registry?: string | undefined; readonly gst?: string | undefined }, io: CliIo): RegistryChoice {
  if (flags.registry !== undefined && flags.gst !== undefined) throw new UsageError('give either --gst VERSION (an embedded registry) or --registry FILE, not both');
  if (flags.registry !== undefined) return { registry: resolve(io.cwd, flags.registry), from: '--registry' };
  if (flags.gst !== undefined) return { gst: gstFrom(flags.gst, '--gst'), from: '--gst' };
  const envRegistry = io.env.CAPSFLOW_REGISTRY;
  const envGst = io.env.CAPSFLOW_GST;
  const hasRegistry = envRegistry !== undefined && envRegistry !== '';
  const hasGst = envGst !== undefined && envGst !== '';
  if (hasRegistry && hasGst) throw new UsageError('set either CAPSFLOW_REGISTRY or CAPSFLOW_GST, not both');
  if (hasRegistry) return { registry: resolve(io.cwd, envRegistry), from: 'CAPSFLOW_REGISTRY' };
  if (hasGst) return { gst: gstFrom(envGst, 'CAPSFLOW_GST'), from: 'CAPSFLOW_GST' };
  const pkg = nearestPackageJson(io.cwd);
  if (pkg === null) return { from: 'default' };
  const read = readInputFile(pkg);
  if (!read.ok) return { from: 'default' };
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    // not ours to judge: npm reports a broken package.json
    return { from: 'default' };
  }
  const own = (json as { capsflow?: unknown } | null)?.capsflow;
  if (own === undefined) return { from: 'default' };
  if (own === null || typeof own !== 'object' || Array.isArray(own)) throw new UsageError(`${pkg}: "capsflow" must be an object like { "registry": "FILE" } or { "gst": "1.26" }`);
  const { registry, gst, ...rest } = own as { registry?: unknown; gst?: unknown };
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new UsageError(`${pkg}: "capsflow" has unknown key "${extra[0]!}" (registry, gst)`);
  if (registry !== undefined && gst !== undefined) throw new UsageError(`${pkg}: "capsflow" gives both "registry" and "gst"; give one`);
  if (registry !== undefined) {
    if (typeof registry !== 'string' || registry === '') throw new UsageError(`${pkg}: "capsflow.registry" must be a file path`);
    return { registry: resolve(dirname(pkg), registry), from: pkg };
  }
  if (gst !== undefined) return { gst: gstFrom(gst, `${pkg}: "capsflow.gst"`), from: pkg };
  return { from: 'default' };
}
