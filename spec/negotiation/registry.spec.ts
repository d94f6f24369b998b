import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import main from '../../src/cli/commands/registry.js';
import type { CliIo } from '../../src/cli/io.js';
import { openGstreamerLibrary } from '../../src/negotiation/registry/gst-binding.js';
import { DEFAULT_REGISTRY_URL, Registry, RegistryError, defaultRegistry, formatPath, loadRegistryFile } from '../../src/negotiation/registry/registry.js';

const snapshotText = readFileSync(fileURLToPath(DEFAULT_REGISTRY_URL), 'utf8');
const fresh = (): Record<string, unknown> => JSON.parse(snapshotText) as Record<string, unknown>;

const dir = mkdtempSync(join(tmpdir(), 'capsflow-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A minimal valid snapshot with one factory, for the schema cases. */
function tiny(): Record<string, unknown> {
  return {
    format: 'capsflow-registry/1',
    gstreamer: '1.22.0',
    generated: '2026-01-01T00:00:00.000Z',
    elements: {
      identity: {
        name: 'identity',
        klass: 'Generic',
        rank: 0,
        plugin: 'coreelements',
        description: 'Pass data without modification',
        padTemplates: [
          { name: 'sink', direction: 'sink', presence: 'always', caps: 'ANY' },
          { name: 'src', direction: 'src', presence: 'always', caps: 'ANY' },
        ],
        properties: [{ name: 'sleep-time', type: 'guint', default: 0, min: 0, max: 4294967295, flags: ['readable', 'writable'], writable: true }],
      },
    },
  };
}

function issuesOf(json: unknown): { path: readonly (string | number)[]; message: string }[] {
  try {
    Registry.fromJSON(json, 'test.json');
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).code).toBe('schema');
    return [...(e as RegistryError).issues];
  }
  throw new Error('expected a RegistryError');
}

type Mutation = (s: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('registry schema: a bad snapshot is refused with the JSON path of each problem', () => {
  const cases: [string, Mutation, readonly (string | number)[], RegExp][] = [
    ['wrong format tag', (s) => void (s.format = 'capsflow-registry/2'), ['format'], /capsflow-registry\/1/],
    ['direction not src/sink', (s) => void (s.elements.identity.padTemplates[1].direction = 'up'), ['elements', 'identity', 'padTemplates', 1, 'direction'], /src|sink/],
    ['presence misspelt', (s) => void (s.elements.identity.padTemplates[0].presence = 'Always'), ['elements', 'identity', 'padTemplates', 0, 'presence'], /always/],
    ['caps not a string', (s) => void (s.elements.identity.padTemplates[0].caps = 42), ['elements', 'identity', 'padTemplates', 0, 'caps'], /string/],
    ['rank missing', (s) => void delete s.elements.identity.rank, ['elements', 'identity', 'rank'], /number/],
    ['negative rank', (s) => void (s.elements.identity.rank = -1), ['elements', 'identity', 'rank'], />=\s*0|too small/i],
    ['property default an object', (s) => void (s.elements.identity.properties[0].default = {}), ['elements', 'identity', 'properties', 0, 'default'], /invalid/i],
    ['enum value not an integer', (s) => void (s.elements.identity.properties[0].enum = [{ value: 0.5, nick: 'half' }]), ['elements', 'identity', 'properties', 0, 'enum', 0, 'value'], /int/i],
    ['unknown key on a template', (s) => void (s.elements.identity.padTemplates[0].direktion = 'src'), ['elements', 'identity', 'padTemplates', 0], /direktion/],
    ['name differs from its key', (s) => void (s.elements.identity.name = 'queue'), ['elements', 'identity', 'name'], /differs from its key/],
    ['duplicate template', (s) => void s.elements.identity.padTemplates.push({ name: 'src', direction: 'src', presence: 'always', caps: 'ANY' }), ['elements', 'identity', 'padTemplates', 2, 'name'], /duplicate/],
  ];
  it.each(cases)('%s', (_label, mutate, path, message) => {
    const s = tiny();
    mutate(s);
    const issues = issuesOf(s);
    const hit = issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
    expect(hit, `issues were ${JSON.stringify(issues)}`).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  it('not an object at all: the issue is at the root', () => {
    expect(issuesOf('hello').map((i) => i.path)).toEqual([[]]);
  });

  it('the error message names the file and the path', () => {
    const s = tiny();
    (s as any).elements.identity.padTemplates[1].direction = 'up'; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(() => Registry.fromJSON(s, 'mine.json')).toThrow(/^mine\.json: \$\.elements\.identity\.padTemplates\[1\]\.direction: /);
  });

  it('formatPath quotes keys that are not identifiers', () => {
    expect(formatPath(['elements', 'equalizer-10bands', 'padTemplates', 0])).toBe('$.elements.equalizer-10bands.padTemplates[0]');
    expect(formatPath(['elements', '3gppmux'])).toBe('$.elements["3gppmux"]');
    expect(formatPath([])).toBe('$');
  });

  it('a valid snapshot loads', () => {
    const r = Registry.fromJSON(tiny());
    expect(r.names()).toEqual(['identity']);
    expect(r.get('identity')?.properties[0]?.max).toBe(4294967295);
  });
});

describe('loadRegistryFile', () => {
  it.each([
    ['a missing file', null, 'io'],
    ['a file that is not JSON', '{ "format": ', 'invalid-json'],
    ['JSON that is not a snapshot', '{"format":"capsflow-registry/1"}', 'schema'],
  ] as const)('%s → %s', (_label, content, code) => {
    const path = join(dir, `${code}.json`);
    if (content !== null) writeFileSync(path, content);
    let err: unknown;
    try {
      loadRegistryFile(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe(code);
    expect((err as RegistryError).message).toContain(path);
  });

  it('reads a valid file', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify(tiny()));
    expect(loadRegistryFile(path).get('identity')?.plugin).toBe('coreelements');
  });
});

describe('the embedded GStreamer 1.22 registry', () => {
  const registry = defaultRegistry();

  it('is loaded once and is the 1.22 snapshot with every element factory', () => {
    expect(defaultRegistry()).toBe(registry);
    expect(registry.snapshot.gstreamer).toBe('1.22.0');
    const names = registry.names();
    expect(names.length).toBe(1402);
    expect([...names].sort()).toEqual(names);
    expect(Object.keys(fresh().elements as object)).toEqual(names);
  });

  // answers as `gst-inspect-1.0 NAME` gives them on the 1.22.0 install the snapshot was taken from; the
  // template order is gst_element_factory_get_static_pad_templates' (gst-inspect sorts them by name)
  it.each([
    ['videotestsrc', 'Source/Video', 'videotestsrc', 0, [['src', 'src', 'always']]],
    ['audiotestsrc', 'Source/Audio', 'audiotestsrc', 0, [['src', 'src', 'always']]],
    ['capsfilter', 'Generic', 'coreelements', 0, [['src', 'src', 'always'], ['sink', 'sink', 'always']]],
    ['tee', 'Generic', 'coreelements', 0, [['sink', 'sink', 'always'], ['src_%u', 'src', 'request']]],
    ['queue', 'Generic', 'coreelements', 0, [['src', 'src', 'always'], ['sink', 'sink', 'always']]],
    ['videoconvert', 'Filter/Converter/Video/Colorspace', 'videoconvertscale', 64, [['sink', 'sink', 'always'], ['src', 'src', 'always']]],
    ['jpegdec', 'Codec/Decoder/Image', 'jpeg', 256, [['src', 'src', 'always'], ['sink', 'sink', 'always']]],
    ['decodebin', 'Generic/Bin/Decoder', 'playback', 0, [['sink', 'sink', 'always'], ['src_%u', 'src', 'sometimes']]],
  ] as const)('%s: klass %s, plugin %s, rank %d, templates %j', (name, klass, plugin, rank, templates) => {
    const f = registry.get(name);
    expect(f?.klass).toBe(klass);
    expect(f?.plugin).toBe(plugin);
    expect(f?.rank).toBe(rank);
    expect(f?.padTemplates.map((t) => [t.name, t.direction, t.presence])).toEqual(templates);
  });

  it.each([
    ['videoflip', 'method', 'GstVideoFlipMethod', 0, { value: 4, nick: 'horizontal-flip' }],
    ['videotestsrc', 'pattern', 'GstVideoTestSrcPattern', 0, { value: 18, nick: 'ball' }],
    ['capsfilter', 'caps-change-mode', 'GstCapsFilterCapsChangeMode', 0, { value: 1, nick: 'delayed' }],
  ] as const)('%s.%s is an enum %s, default %d, with %j', (factory, prop, type, dflt, value) => {
    const p = registry.property(factory, prop);
    expect(p?.type).toBe(type);
    expect(p?.kind).toBe('enum');
    expect(p?.default).toBe(dflt);
    expect(p?.enum).toContainEqual(expect.objectContaining(value));
  });

  it('GFlags properties say so, whatever their type is called', () => {
    expect(registry.property('fakevideosink', 'allocation-meta-flags')).toMatchObject({ type: 'GstFakeVideoSinkAllocationMetaFlags', kind: 'flags', default: 3 });
    expect(registry.property('rtspsrc', 'protocols')).toMatchObject({ type: 'GstRTSPLowerTrans', kind: 'flags' });
  });

  it.each([
    ['videotestsrc', 'num-buffers', 'gint', -1, -1, 2147483647],
    ['videocrop', 'left', 'gint', 0, -1, 2147483647],
    ['videobox', 'top', 'gint', 0, -2147483648, 2147483647],
    ['audiotestsrc', 'freq', 'gdouble', 440, 0, 1073741823.5],
    ['queue', 'max-size-buffers', 'guint', 200, 0, 4294967295],
  ] as const)('%s.%s: %s default %d in [%d, %d]', (factory, prop, type, dflt, min, max) => {
    expect(registry.property(factory, prop)).toMatchObject({ type, default: dflt, min, max, writable: true });
  });

  it('unknown names are undefined, not errors', () => {
    expect(registry.get('nosuchelement')).toBeUndefined();
    expect(registry.get('toString')).toBeUndefined();
    expect(registry.has('constructor')).toBe(false);
  });
});

describe('templateCaps', () => {
  it('parses the template on first use and reuses it within one registry', () => {
    const r = Registry.fromJSON(fresh());
    const caps = r.templateCaps('videotestsrc', 'src');
    expect(caps.size).toBe(2);
    expect(caps.structure(0).name).toBe('video/x-raw');
    expect(caps.structure(1).name).toBe('video/x-bayer');
    expect(caps.toString()).toBe(r.get('videotestsrc')?.padTemplates[0]?.caps);
    expect(r.templateCaps('videotestsrc', 'src')).toBe(caps);
    // another registry instance has its own cache
    expect(Registry.fromJSON(fresh()).templateCaps('videotestsrc', 'src')).not.toBe(caps);
  });

  it('ANY templates are ANY caps', () => {
    expect(defaultRegistry().templateCaps('tee', 'src_%u').isAny()).toBe(true);
  });

  it('every template of the embedded registry parses and prints back as GStreamer printed it', () => {
    const r = defaultRegistry();
    const bad: string[] = [];
    for (const name of r.names()) {
      for (const t of r.get(name)?.padTemplates ?? []) {
        try {
          const printed = r.templateCaps(name, t.name).toString();
          if (printed !== t.caps) bad.push(`${name}.${t.name}: printed ${printed}`);
        } catch (e) {
          bad.push(`${name}.${t.name}: ${(e as Error).message}`);
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it.each([
    ['nosuchelement', 'src', 'unknown-factory', ['elements', 'nosuchelement']],
    ['videotestsrc', 'sink', 'unknown-template', ['elements', 'videotestsrc', 'padTemplates']],
  ] as const)('%s.%s → %s', (factory, template, code, path) => {
    let err: unknown;
    try {
      defaultRegistry().templateCaps(factory, template);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe(code);
    expect((err as RegistryError).issues[0]?.path).toEqual(path);
  });

  it('template caps that do not parse are reported at the caps string', () => {
    const s = tiny();
    (s as any).elements.identity.padTemplates[1].caps = 'video/x-raw, width=(int)[ 1'; // eslint-disable-line @typescript-eslint/no-explicit-any
    let err: unknown;
    try {
      Registry.fromJSON(s).templateCaps('identity', 'src');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('template-caps');
    expect((err as RegistryError).issues[0]?.path).toEqual(['elements', 'identity', 'padTemplates', 1, 'caps']);
  });
});

describe('importer without libgstreamer', () => {
  it('reports the missing library as a value, with what to install', () => {
    const r = openGstreamerLibrary('libgstreamer-does-not-exist-1.0.so.0');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/cannot load libgstreamer-does-not-exist-1\.0\.so\.0 \(is GStreamer 1\.x installed\?/);
  });
});

describe('capsflow registry (CLI)', () => {
  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false, color: false, env: {}, cwd: dir };
    const code = await main(args, io).catch((e: unknown) => {
      err += String(e);
      return (e as Error).name === 'UsageError' ? 2 : 70;
    });
    return { code, out, err };
  }

  it('inspect prints templates with their caps fields and properties with enum nicks', async () => {
    const r = await cli('inspect', 'videoflip');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^videoflip: Flips and rotates video\n/);
    expect(r.out).toContain('  sink  sink, always\n    video/x-raw\n');
    expect(r.out).toMatch(/ width: \[ 1, 2147483647 \]\n/);
    expect(r.out).toMatch(/ method +GstVideoFlipMethod, default none \(0\)/);
    expect(r.out).toContain('4 horizontal-flip');
  });

  it('inspect --json is the factory as stored', async () => {
    const r = await cli('inspect', 'tee', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual((fresh().elements as Record<string, unknown>).tee);
  });

  it('inspect of an unknown element: exit 1 with a suggestion', async () => {
    const r = await cli('inspect', 'videoflp');
    expect(r.code).toBe(1);
    expect(r.err).toContain("no element 'videoflp' (did you mean 'videoflip'?)");
  });

  it('list --klass filters on the class, case-insensitively; --json gives rows', async () => {
    const r = await cli('list', '--klass', 'converter/video', '--json');
    expect(r.code).toBe(0);
    const names = (JSON.parse(r.out) as { name: string }[]).map((x) => x.name);
    expect(names).toContain('videoconvert');
    expect(names).toContain('videoscale');
    expect(names).not.toContain('videotestsrc');
    expect((await cli('list', '--klass', 'no-such-class')).code).toBe(1);
    expect((await cli('list')).out.split('\n').length).toBeGreaterThan(1402);
  });

  it('--registry reads another snapshot; a bad one is exit 2 with the path', async () => {
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(tiny()));
    expect((await cli('list', '--registry', 'tiny.json')).out).toContain('identity');
    const bad = tiny();
    (bad as any).elements.identity.rank = 'high'; // eslint-disable-line @typescript-eslint/no-explicit-any
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = await cli('inspect', 'identity', '--registry', 'bad.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.elements.identity.rank');
  });

  it.each([[[]], [['frobnicate']], [['inspect']], [['import', '--klass', 'x']], [['list', 'extra']]])('usage error %j → exit 2', async (args) => {
    expect((await cli(...args)).code).toBe(2);
  });

  it('import without a loadable libgstreamer: exit 1 and what to install, no crash', async () => {
    const r = await cli('import', '--library', 'libgstreamer-does-not-exist-1.0.so.0');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: cannot load libgstreamer-does-not-exist-1\.0\.so\.0 \(is GStreamer 1\.x installed\? e\.g\. apt-get install/);
    expect(r.out).toBe('');
  });

  it('--help shows examples', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('capsflow registry inspect videoscale');
  });
});
