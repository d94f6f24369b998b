/**
 * The element registry: factories with their pad templates and properties, as a snapshot of a real
 * GStreamer registry (`capsflow registry import`). The package embeds the registries of a full install of
 * GStreamer 1.22 (Debian 12, the default) and 1.26 (Debian 13): fixtures/registry/gstreamer-VERSION.json.
 */
import { MAX_REGISTRY_BYTES, readInputBytes, readInputFile } from '../read-input.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Caps, type CapsRelease } from '../../caps/index.js';
import { elementFactory, registrySnapshotSchema } from './schema.js';

export interface PadTemplate {
  readonly name: string;
  readonly direction: 'src' | 'sink';
  readonly presence: 'always' | 'sometimes' | 'request';
  /** the template caps as the registry stores them (gst_caps_to_string of the template caps) */
  readonly caps: string;
}

export interface PropertySpec {
  readonly name: string;
  /** GType name of the value: gint, guint, gboolean, gchararray, gdouble, GstCaps, enum and flags type names ... */
  readonly type: string;
  /**
   * The GParamSpec default. Enums and flags: the numeric value. GstFraction: "n/d". Boxed, object and
   * pointer types: null. Non-finite doubles: "inf", "-inf", "nan".
   */
  readonly default?: string | number | boolean | null;
  readonly min?: number;
  readonly max?: number;
  /** enum values, or the flag values of a GFlags type */
  readonly enum?: readonly { readonly value: number; readonly nick: string; readonly name?: string }[];
  /** with `enum`: whether the type is a GEnum or a GFlags (values combine with '+') */
  readonly kind?: 'enum' | 'flags';
  /** GParamFlags / GstParamFlags: readable, writable, construct-only, controllable, mutable-playing ... */
  readonly flags?: readonly string[];
  readonly writable?: boolean;
}

export interface ElementFactory {
  readonly name: string;
  readonly klass: string;
  readonly rank: number;
  readonly plugin: string;
  readonly description: string;
  /** in the order GStreamer lists them (gst_element_factory_get_static_pad_templates) */
  readonly padTemplates: readonly PadTemplate[];
  readonly properties: readonly PropertySpec[];
  /**
   * The element's GType name and its ancestors up to GstElement, most derived first
   * (['GstAlawEnc', 'GstAudioEncoder', 'GstElement']): the base class decides how an element without a
   * behaviour profile negotiates. Absent in older snapshots and for types that could not be loaded.
   */
  readonly typeChain?: readonly string[];
  /**
   * Which implementation of each allocation-related vmethod of its base classes the element runs
   * (decide_allocation, propose_allocation, filter_meta, transform, transform_ip, transform_frame, ...): the
   * GType that installed it (the most distant ancestor holding the same function), or null when unset.
   * `{ "propose_allocation": "GstPngEnc", "decide_allocation": "GstVideoEncoder" }`: pngenc overrides the
   * proposal and keeps GstVideoEncoder's decision. Absent in older snapshots.
   */
  readonly vfuncs?: Readonly<Record<string, string | null>>;
  /**
   * GstBaseTransform subclasses: the class flags, and what a fresh instance says right after construction
   * (gst_base_transform_is_passthrough / is_in_place: an element without `transform` is always in place).
   */
  readonly transform?: TransformFacts;
  /** A fresh instance's always pads and their query-passing GstPadFlags (`valve`: sink ['proxy-caps', 'proxy-allocation']). */
  readonly padFlags?: Readonly<Record<string, readonly string[]>>;
}

export interface TransformFacts {
  readonly passthroughOnSameCaps: boolean;
  readonly transformIpOnPassthrough: boolean;
  /** absent when no instance could be made */
  readonly passthrough?: boolean;
  readonly inPlace?: boolean;
}

export interface RegistrySnapshot {
  readonly format: 'capsflow-registry/1';
  /** GStreamer version the snapshot was imported from, e.g. "1.22.0" */
  readonly gstreamer: string;
  /** ISO time of the import */
  readonly generated: string;
  readonly elements: Readonly<Record<string, ElementFactory>>;
}

export type RegistryErrorCode = 'io' | 'invalid-json' | 'schema' | 'unknown-factory' | 'unknown-template' | 'template-caps';

export interface RegistryIssue {
  readonly code: RegistryErrorCode;
  /** JSON path inside the snapshot ([] for the whole document) */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A snapshot that cannot be read or used; each issue carries the JSON path it is about. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly code: RegistryErrorCode;
  readonly issues: readonly RegistryIssue[];
  readonly source: string | undefined;

  constructor(code: RegistryErrorCode, issues: readonly RegistryIssue[], source?: string) {
    super(RegistryError.describe(issues, source));
    this.code = code;
    this.issues = issues;
    this.source = source;
  }

  private static describe(issues: readonly RegistryIssue[], source: string | undefined): string {
    const where = source === undefined ? 'registry' : source;
    const shown = issues.slice(0, 5).map((i) => `${where}: ${formatPath(i.path)}: ${i.message}`);
    if (issues.length > 5) shown.push(`... and ${issues.length - 5} more`);
    return shown.join('\n');
  }
}

/** `$.elements.videotestsrc.padTemplates[0].caps` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

const EMPTY_NAMES: readonly string[] = [];

export class Registry {
  readonly snapshot: RegistrySnapshot;
  readonly source: string | undefined;
  private readonly capsCache = new Map<string, Caps>();
  private sortedNames: readonly string[] = EMPTY_NAMES;

  private constructor(snapshot: RegistrySnapshot, source: string | undefined) {
    this.snapshot = snapshot;
    this.source = source;
  }

  /** Validate a parsed JSON snapshot; throws `RegistryError` (code 'schema') with JSON paths. */
  static fromJSON(json: unknown, source?: string, options: { readonly checkTemplateCaps?: boolean } = {}): Registry {
    const r = registrySnapshotSchema.safeParse(json);
    if (!r.success) {
      const issues = r.error.issues.map(
        (i): RegistryIssue => ({
          code: 'schema',
          path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
          message: i.message,
        }),
      );
      throw new RegistryError('schema', issues, source);
    }
    // factory names are keys: keep them off Object.prototype (zod's record drops a `__proto__` key,
    // and `constructor` must not find Object)
    const elements = Object.create(null) as Record<string, ElementFactory>;
    for (const [name, factory] of Object.entries(r.data.elements)) elements[name] = factory as ElementFactory;
    const raw = (json as { elements: Record<string, unknown> }).elements;
    if (Object.hasOwn(raw, '__proto__')) {
      const one = elementFactory.safeParse(raw['__proto__']);
      const issue = one.success ? (one.data.name === '__proto__' ? null : { path: ['name'], message: `factory name '${one.data.name}' differs from its key '__proto__'` }) : one.error.issues[0]!;
      if (issue !== null) {
        throw new RegistryError('schema', [{ code: 'schema', path: ['elements', '__proto__', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))], message: issue.message }], source);
      }
      elements['__proto__'] = one.data as ElementFactory;
    }
    const registry = new Registry({ ...(r.data as RegistrySnapshot), elements }, source);
    if (options.checkTemplateCaps !== false) registry.checkTemplateCaps();
    return registry;
  }

  /**
   * Every pad template's caps must parse: a snapshot with caps GStreamer could not have written is refused
   * at load, with the JSON path of each (not when a pipeline first reaches that template).
   */
  private checkTemplateCaps(): void {
    const issues: RegistryIssue[] = [];
    for (const [name, f] of Object.entries(this.snapshot.elements)) {
      f.padTemplates.forEach((t, i) => {
        const parsed = Caps.parse(t.caps);
        if (parsed.ok) this.capsCache.set(`${name}\u0000${t.name}`, parsed.caps);
        else {
          const first = parsed.issues[0];
          issues.push({ code: 'template-caps', path: ['elements', name, 'padTemplates', i, 'caps'], message: `template caps do not parse${first === undefined ? '' : `: ${first.message}`}` });
        }
      });
    }
    if (issues.length > 0) throw new RegistryError('template-caps', issues, this.source);
  }

  /**
   * A registry over a snapshot that is not validated again: only for the embedded snapshots, which the
   * schema checks where they are made and in the suite (spec/negotiation/registry-embedded.spec.ts).
   * @internal
   */
  static trusted(snapshot: RegistrySnapshot, source: string): Registry {
    // factory names are keys: `constructor` must not find Object (fromJSON does the same for user files)
    Object.setPrototypeOf(snapshot.elements, null);
    return new Registry(snapshot, source);
  }

  /** A registry over an already-validated snapshot (the importer's output). */
  static fromSnapshot(snapshot: RegistrySnapshot, source?: string): Registry {
    return Registry.fromJSON(snapshot, source);
  }

  get(factory: string): ElementFactory | undefined {
    return Object.hasOwn(this.snapshot.elements, factory) ? this.snapshot.elements[factory] : undefined;
  }

  has(factory: string): boolean {
    return Object.hasOwn(this.snapshot.elements, factory);
  }

  /** Factory names, sorted. */
  names(): string[] {
    if (this.sortedNames === EMPTY_NAMES) this.sortedNames = Object.keys(this.snapshot.elements).sort();
    return [...this.sortedNames];
  }

  padTemplate(factory: string, template: string): PadTemplate | undefined {
    return this.get(factory)?.padTemplates.find((t) => t.name === template);
  }

  property(factory: string, name: string): PropertySpec | undefined {
    return this.get(factory)?.properties.find((p) => p.name === name);
  }

  /**
   * The template's caps, parsed on first use. Throws `RegistryError` for an unknown factory or template,
   * or template caps that do not parse (with the JSON path of the caps string).
   */
  templateCaps(factory: string, template: string): Caps {
    const key = `${factory}\u0000${template}`;
    const hit = this.capsCache.get(key);
    if (hit !== undefined) return hit;
    const f = this.get(factory);
    if (f === undefined) {
      throw new RegistryError('unknown-factory', [{ code: 'unknown-factory', path: ['elements', factory], message: `no element factory '${factory}'` }], this.source);
    }
    const index = f.padTemplates.findIndex((t) => t.name === template);
    const t = f.padTemplates[index];
    if (t === undefined) {
      const known = f.padTemplates.map((p) => p.name).join(', ');
      throw new RegistryError(
        'unknown-template',
        [{ code: 'unknown-template', path: ['elements', factory, 'padTemplates'], message: `${factory} has no pad template '${template}' (it has: ${known || 'none'})` }],
        this.source,
      );
    }
    const parsed = Caps.parse(t.caps);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      throw new RegistryError(
        'template-caps',
        [
          {
            code: 'template-caps',
            path: ['elements', factory, 'padTemplates', index, 'caps'],
            message: `template caps do not parse${first === undefined ? '' : `: ${first.message}`}`,
          },
        ],
        this.source,
      );
    }
    this.capsCache.set(key, parsed.caps);
    return parsed.caps;
  }
}

/** The GStreamer versions whose full-install registries the package embeds (fixtures/registry/gstreamer-VERSION.json). */
export const GST_VERSIONS = ['1.22', '1.26'] as const;
export type GstVersion = (typeof GST_VERSIONS)[number];
/**
 * Whose behaviour a registry's GStreamer has where capsflow knows releases differ: 1.26 and later as 1.26
 * (measured in the Debian 13 root), older releases as 1.22.
 */
export function gstRelease(registry: Registry): GstVersion {
  const m = /^1\.(\d+)/.exec(registry.snapshot.gstreamer);
  return m !== null && Number(m[1]) >= 26 ? '1.26' : '1.22';
}

/** Whose caps algebra a registry's GStreamer runs (caps/ops.ts CapsRelease: 1.26 simplifies differently). */
export const capsRelease = (registry: Registry): CapsRelease => gstRelease(registry);

/** The embedded registry used when neither a registry nor a version is given. */
export const DEFAULT_GST_VERSION: GstVersion = '1.22';

export function isGstVersion(v: unknown): v is GstVersion {
  return typeof v === 'string' && (GST_VERSIONS as readonly string[]).includes(v);
}

/** An embedded snapshot's location; `../../../fixtures` works from both src/negotiation/registry and dist/negotiation/registry. */
export function embeddedRegistryUrl(version: GstVersion): URL {
  return new URL(`../../../fixtures/registry/gstreamer-${version}.json`, import.meta.url);
}

/** The embedded GStreamer 1.22 snapshot's location. */
export const DEFAULT_REGISTRY_URL = embeddedRegistryUrl(DEFAULT_GST_VERSION);

const embedded = new Map<GstVersion, Registry>();

/**
 * The embedded full-install registry of a GStreamer version (default 1.22), loaded once. It is not run
 * through the zod schema at every start (that took ~0.3 s for 1.22's 1,402 factories): the suite
 * validates the embedded files, which are only ever written by `capsflow registry import`.
 */
export function defaultRegistry(version: GstVersion = DEFAULT_GST_VERSION): Registry {
  if (!isGstVersion(version)) throw new RangeError(`no embedded registry for GStreamer '${String(version)}' (there are ${GST_VERSIONS.join(', ')})`);
  let r = embedded.get(version);
  if (r === undefined) {
    const path = fileURLToPath(embeddedRegistryUrl(version));
    const read = readInputBytes(path, MAX_REGISTRY_BYTES);
    if (!read.ok) throw new RegistryError('io', [{ code: 'io', path: [], message: `cannot read registry file: ${read.message}` }], path);
    const json = lazySnapshot(read.bytes, path) ?? parseJson(read.bytes.toString('utf8'), path);
    const snap = json as Partial<RegistrySnapshot> | null;
    // a damaged install, not a user's file: say so rather than fail later on a missing field
    if (snap === null || typeof snap !== 'object' || snap.format !== 'capsflow-registry/1' || typeof snap.elements !== 'object' || snap.elements === null) {
      throw new RegistryError('schema', [{ code: 'schema', path: [], message: 'the embedded registry is not a capsflow-registry/1 snapshot (damaged install?)' }], path);
    }
    r = Registry.trusted(json as RegistrySnapshot, path);
    embedded.set(version, r);
  }
  return r;
}

/** Read and validate a snapshot file; throws `RegistryError` ('io', 'invalid-json', 'schema' or 'template-caps'). */
export function loadRegistryFile(path: string, options: { readonly checkTemplateCaps?: boolean } = {}): Registry {
  return Registry.fromJSON(readJsonFile(path), path, options);
}

/** A registry file's JSON: only a regular file, at most MAX_REGISTRY_BYTES (read-input.ts). */
function readJsonFile(path: string): unknown {
  const read = readInputFile(path, MAX_REGISTRY_BYTES);
  if (!read.ok) throw new RegistryError('io', [{ code: 'io', path: [], message: `cannot read registry file: ${read.message}` }], path);
  return parseJson(read.text, path);
}

/**
 * An embedded snapshot as snapshotToJSON (registry-import.ts) writes it, one factory per line, with each
 * factory's JSON parsed when it is first asked for: a pipeline names a few of 1,402 factories, and
 * parsing all of them was most of a `capsflow negotiate`'s start (issue 15; ~40 ms cold, measured with
 * bench/suites/cli.mjs). The bytes are indexed as latin1 (a byte per character, no 5 MB UTF-8 decode):
 * the delimiters are ASCII, which never occur inside a UTF-8 sequence, so the byte offsets hold and each
 * factory is decoded as UTF-8 on its own. Any line not in that layout answers null and the whole file is
 * parsed instead, so the result is the same object either way.
 */
function lazySnapshot(bytes: Buffer, path: string): unknown {
  const text = bytes.toString('latin1');
  const open = '\n  "elements": {\n';
  const start = text.indexOf(open);
  const close = text.lastIndexOf('\n  }\n}');
  if (start < 0 || close < start + open.length - 1 || text.slice(close).trim() !== '}\n}') return null;
  let head: unknown;
  try {
    head = JSON.parse(`${bytes.toString('utf8', 0, start)}\n  "elements": {}\n}`);
  } catch {
    return null;
  }
  if (head === null || typeof head !== 'object' || Array.isArray(head)) return null;
  const elements: Record<string, ElementFactory> = Object.create(null) as Record<string, ElementFactory>;
  for (let i = start + open.length; i < close; ) {
    let end = text.indexOf('\n', i);
    if (end < 0 || end > close) end = close;
    const colon = text.indexOf('": {', i);
    // '    "NAME": {...},' (the last without the comma)
    if (!text.startsWith('    "', i) || colon < 0 || colon > end) return null;
    const stop = end === close ? end : end - 1;
    if (stop !== end && text.charCodeAt(stop) !== 44 /* , */) return null;
    if (text.charCodeAt(stop - 1) !== 125 /* } */) return null;
    const keyText = bytes.toString('utf8', i + 4, colon + 1);
    let key: unknown;
    try {
      key = JSON.parse(keyText);
    } catch {
      return null;
    }
    if (typeof key !== 'string' || JSON.stringify(key) !== keyText) return null;
    const from = colon + 3;
    Object.defineProperty(elements, key, {
      enumerable: true,
      configurable: true,
      get(): ElementFactory {
        const value = parseJson(readSlice(path, from, stop, key), path) as ElementFactory;
        if (value.name !== key) {
          throw new RegistryError('io', [{ code: 'io', path: ['elements', key], message: 'the registry file changed since it was indexed (reinstall, or run npm run build)' }], path);
        }
        Object.defineProperty(elements, key, { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    });
    i = end + 1;
  }
  return { ...head, elements };
}

/**
 * One factory's JSON, read from the file when first asked for: the index keeps offsets, not the 5 MB,
 * so the CLI's startup snapshot (src/cli/snapshot.ts) does not carry the file. A file that no longer
 * has `{...}` there (replaced since it was indexed) is an 'io' error, never another factory.
 */
function readSlice(path: string, from: number, stop: number, key: string): string {
  const buf = Buffer.alloc(stop - from);
  let fd: number | undefined;
  let n = 0;
  try {
    fd = openSync(path, 'r');
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, from + n);
      if (got === 0) break;
      n += got;
    }
  } catch (e) {
    throw new RegistryError('io', [{ code: 'io', path: ['elements', key], message: `cannot read registry file: ${e instanceof Error ? e.message : String(e)}` }], path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (n !== buf.length || buf[0] !== 123 /* { */ || buf[n - 1] !== 125 /* } */) {
    throw new RegistryError('io', [{ code: 'io', path: ['elements', key], message: 'the registry file changed since it was indexed (reinstall, or run npm run build)' }], path);
  }
  return buf.toString('utf8');
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RegistryError('invalid-json', [{ code: 'invalid-json', path: [], message: `not JSON: ${why}` }], path);
  }
}
