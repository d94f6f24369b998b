/**
 * The importer against the live GStreamer: on every factory the machine and the embedded snapshot both
 * have, a fresh import is the snapshot byte for byte; a factory only one side has is explained by the
 * packages installed (the snapshot's provenance names the package of each plugin); and gst-inspect-1.0
 * (an independent reader of the same registry) agrees with the snapshot.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import main from '../../src/cli/commands/registry.js';
import { importRegistry, snapshotToJSON, type ImportResult } from '../../src/negotiation/registry/registry-import.js';
import { defaultRegistry, loadRegistryFile, type ElementFactory } from '../../src/negotiation/registry/registry.js';
import { describeOracle } from './available.js';
import { differencesFromInspect, gstInspect } from './gst-inspect.js';
import { installedVersion, pluginPackage, readProvenance } from './registry-packages.js';

/** The elements the negotiation engine models, plus the sources and sinks around them. */
const CORE = [
  'videotestsrc', 'audiotestsrc', 'fakesrc', 'fakesink', 'fakevideosink', 'capsfilter', 'identity', 'queue', 'tee',
  'videoconvert', 'videoscale', 'videorate', 'audioconvert', 'audioresample', 'videoflip', 'videocrop', 'videobox',
  'jpegenc', 'jpegdec', 'textoverlay',
];

/**
 * Plugins that register one factory per device they find (v4l2 mem2mem converters and codecs, VA,
 * NVIDIA, Vulkan, Intel): a machine with such hardware has factories the snapshot, made without
 * hardware, cannot have, from the same packages.
 */
const PER_DEVICE_PLUGINS: ReadonlySet<string> = new Set(['video4linux2', 'v4l2codecs', 'va', 'nvcodec', 'vulkan', 'qsv', 'msdk', 'amfcodec']);

// CAPSFLOW_INSPECT_ALL=1 checks every factory of the snapshot against gst-inspect (about 10 s), defaults aside
const ALL = process.env.CAPSFLOW_INSPECT_ALL === '1';

/**
 * Known, explained differences. videoflip's class init adds MUTABLE_PLAYING to the GstVideoDirection
 * interface's "video-direction" spec, which glvideoflip then overrides: a process that loaded videoflip
 * first (the importer loads everything) sees the flag on glvideoflip too; gst-inspect loads glvideoflip alone.
 */
const KNOWN: readonly string[] = [
  'glvideoflip: property video-direction flags: snapshot ["controllable","mutable-playing","readable","writable"], gst-inspect ["controllable","readable","writable"]',
];

/**
 * gst-inspect prints an instance's current value as "Default"; these properties are set in instance init
 * (or from the environment) and differ from the class default the snapshot records.
 */
const INSTANCE_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  audiotestsrc: ['blocksize'], // set to -1 (4294967295) in instance init
  fakesrc: ['filltype'], // the pspec says 2 (zero), the instance starts at 1 (nothing)
  fakesink: ['sync'], // basesink's default is TRUE, fakesink turns it off
  fakevideosink: ['max-lateness', 'qos', 'processing-deadline'], // video sink defaults on the inner sink
  videoconvert: ['qos'], // GstVideoFilter turns QoS on for every instance
  videoscale: ['qos'],
  videoflip: ['qos'],
  videocrop: ['qos'],
  videobox: ['qos'],
};

// one full import (every plugin loaded, a few seconds) shared by the tests that need it; no hook, so
// no hook timeout: the first test that asks waits for it under its own timeout
let full: Promise<ImportResult> | undefined;
const fullImport = async (): Promise<Extract<ImportResult, { ok: true }>> => {
  const r = await (full ??= importRegistry());
  if (!r.ok) throw new Error(r.message);
  return r;
};

const embedded = defaultRegistry();
const provenance = readProvenance('1.22');

/** Why a factory only the snapshot has is missing here, or null when nothing explains it. */
async function whyOnlyEmbedded(f: ElementFactory): Promise<string | null> {
  const pkg = provenance.plugins[f.plugin];
  if (pkg === undefined) return null;
  const here = await installedVersion(pkg);
  return here === null ? `${pkg} is not installed here` : null;
}

/** Why a factory only this machine has is not in the snapshot, or null when nothing explains it. */
async function whyOnlyHere(f: ElementFactory): Promise<string | null> {
  if (PER_DEVICE_PLUGINS.has(f.plugin)) return `plugin ${f.plugin} registers a factory per device found`;
  const from = await pluginPackage(f.plugin);
  if ('why' in from) return from.why;
  return Object.hasOwn(provenance.packages, from.pkg) ? null : `${from.pkg} is not part of the snapshot's install`;
}

describeOracle('registry importer against the installed GStreamer', () => {
  it('imports the GStreamer version the snapshot was made from', async () => {
    expect((await fullImport()).snapshot.gstreamer).toBe(embedded.snapshot.gstreamer);
    expect(provenance.gstreamer).toBe(embedded.snapshot.gstreamer);
  });

  it('reproduces the embedded snapshot for the core elements this machine has, byte for byte', async () => {
    const r = await importRegistry({ names: CORE });
    if (!r.ok) throw new Error(r.message);
    expect(r.warnings).toEqual([]);
    const here = Object.keys(r.snapshot.elements);
    expect(here.length).toBeGreaterThan(0);
    for (const name of here) expect(r.snapshot.elements[name], name).toEqual(embedded.get(name));
  });

  it('a full import is the embedded file, byte for byte, on every factory both have', async () => {
    const r = await fullImport();
    // one factory per line: compare the lines of the factories both have, not a 5 MB diff
    const lines = (text: string): Map<string, string> =>
      new Map(text.split('\n').flatMap((l) => /^ {4}"([^"]+)": \{/.exec(l)?.slice(1, 2).map((n) => [n, l.replace(/,$/, '')] as [string, string]) ?? []));
    const live = lines(snapshotToJSON(r.snapshot));
    const file = lines(readFileSync(new URL('../../fixtures/registry/gstreamer-1.22.json', import.meta.url), 'utf8'));
    expect(file.size).toBe(embedded.names().length);
    const differing = [...live].filter(([name, line]) => file.has(name) && file.get(name) !== line).map(([name, line]) => `${name}: ${line.slice(0, 200)}`);
    expect(differing).toEqual([]);
  });

  it('a factory only the machine or only the snapshot has is explained by the installed packages', async () => {
    const r = await fullImport();
    const unexplained: string[] = [];
    const explained: string[] = [];
    for (const name of embedded.names()) {
      if (Object.hasOwn(r.snapshot.elements, name)) continue;
      const why = await whyOnlyEmbedded(embedded.get(name)!);
      (why === null ? unexplained : explained).push(`only in the snapshot: ${name} (plugin ${embedded.get(name)!.plugin})${why === null ? '' : `: ${why}`}`);
    }
    for (const [name, f] of Object.entries(r.snapshot.elements)) {
      if (embedded.has(name)) continue;
      const why = await whyOnlyHere(f);
      (why === null ? unexplained : explained).push(`only on this machine: ${name} (plugin ${f.plugin})${why === null ? '' : `: ${why}`}`);
    }
    if (explained.length > 0) console.info(`[registry] ${explained.length} factories differ by the installed packages:\n  ${explained.join('\n  ')}`);
    expect(unexplained).toEqual([]);
  });

  it('capsflow registry import --out writes the snapshot of this machine, which loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsflow-import-'));
    try {
      let err = '';
      const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), isTTY: false, color: false, env: {}, cwd: dir };
      expect(await main(['import', '--out', 'r.json'], io)).toBe(0);
      const count = Object.keys((await fullImport()).snapshot.elements).length;
      expect(err).toBe(`imported ${count} element factories from GStreamer ${embedded.snapshot.gstreamer} into r.json\n`);
      const loaded = loadRegistryFile(join(dir, 'r.json'));
      expect(loaded.snapshot.gstreamer).toBe(embedded.snapshot.gstreamer);
      expect(loaded.get('videoscale')).toEqual(embedded.get('videoscale'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`gst-inspect-1.0 agrees with the snapshot on ${ALL ? 'every factory both have' : 'the core factories'} (details, templates and caps, properties)`, async () => {
    const live = (await fullImport()).snapshot.elements;
    const inspected = (ALL ? embedded.names() : CORE).filter((n) => Object.hasOwn(live, n));
    const differences: string[] = [];
    const queue = [...inspected];
    const worker = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const skip = ALL ? 'all' : ['name', ...(INSTANCE_DEFAULTS[name] ?? [])];
        differences.push(...differencesFromInspect(name, embedded.get(name)!, await gstInspect(name), skip).filter((d) => !KNOWN.includes(d)));
      }
    };
    await Promise.all([worker(), worker()]);
    expect(differences).toEqual([]);
  });
});
