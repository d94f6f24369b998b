/**
 * The embedded full-install registries (fixtures/registry/gstreamer-1.22.json and -1.26.json): they are
 * loaded without the zod schema at run time, so the schema checks them here; `gstVersion` / `--gst`
 * pick one (1.22 by default).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import registryCommand from '../../src/cli/commands/registry.js';
import { negotiate } from '../../src/negotiation/index.js';
import { DEFAULT_GST_VERSION, GST_VERSIONS, Registry, defaultRegistry, embeddedRegistryUrl, type GstVersion } from '../../src/negotiation/registry/registry.js';
import { fakeIo } from '../cli/fake-io.js';

const provenance = (v: GstVersion): { gstreamer: string; plugins: Record<string, string> } =>
  JSON.parse(readFileSync(new URL(`../../fixtures/registry/gstreamer-${v}.packages.json`, import.meta.url), 'utf8')) as { gstreamer: string; plugins: Record<string, string> };

describe('embedded registries', () => {
  it.each(GST_VERSIONS)('%s: the file passes the schema, and the unvalidated load is the same snapshot', (v) => {
    const path = fileURLToPath(embeddedRegistryUrl(v));
    const validated = Registry.fromJSON(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
    expect(defaultRegistry(v).snapshot).toEqual(validated.snapshot);
    expect(validated.snapshot.gstreamer.startsWith(`${v}.`)).toBe(true);
  });

  it.each(GST_VERSIONS)('%s: the embedded load parses a factory when first asked for, and gives the same JSON as parsing the whole file', async (v) => {
    const text = readFileSync(fileURLToPath(embeddedRegistryUrl(v)), 'utf8');
    // a fresh module: the other tests have asked for every factory of the loaded one
    vi.resetModules();
    const fresh = await import('../../src/negotiation/registry/registry.js');
    const r = fresh.defaultRegistry(v);
    // the lazy index is what runs (not the whole-file fallback): a factory nobody asked for is still unparsed
    const untouched = r.names().filter((n) => typeof Object.getOwnPropertyDescriptor(r.snapshot.elements, n)?.get === 'function');
    expect(untouched.length).toBeGreaterThan(0);
    // same keys in the same order, same values (the files hold non-ASCII text, decoded per factory)
    expect(JSON.stringify(r.snapshot)).toBe(JSON.stringify(JSON.parse(text)));
    expect(/[^\x00-\x7f]/.test(text)).toBe(true);
  });

  it.each(GST_VERSIONS)('%s: the provenance is of the same GStreamer and names the package of every plugin', (v) => {
    const p = provenance(v);
    const r = defaultRegistry(v);
    expect(p.gstreamer).toBe(r.snapshot.gstreamer);
    expect(r.names().filter((n) => p.plugins[r.get(n)!.plugin] === undefined)).toEqual([]);
  });

  it('the default is 1.22', () => {
    expect(DEFAULT_GST_VERSION).toBe('1.22');
    expect(defaultRegistry()).toBe(defaultRegistry('1.22'));
  });

  it('an unknown version is a clear error', () => {
    expect(() => defaultRegistry('1.24' as GstVersion)).toThrow(/no embedded registry for GStreamer '1\.24' \(there are 1\.22, 1\.26\)/);
  });
});

// elements that only one of the two versions registers (unixfdsink is new in 1.24; the kate plugin was removed)
describe.each([
  ['fakesrc ! unixfdsink', { '1.22': 'no-element', '1.26': 'found' }],
  ['fakesrc ! katedec ! fakesink', { '1.22': 'found', '1.26': 'no-element' }],
] as const)('negotiate(%j) with gstVersion', (pipeline, expected) => {
  it.each(GST_VERSIONS)('%s', (v) => {
    const r = negotiate(pipeline, { gstVersion: v });
    expect(r.error?.kind === 'no-element' ? 'no-element' : 'found').toBe(expected[v]);
  });
});

describe('--gst on the command line', () => {
  it.each([
    [['inspect', 'unixfdsink'], 1],
    [['inspect', 'unixfdsink', '--gst', '1.26'], 0],
    [['inspect', 'katedec', '--gst', '1.22'], 0],
    [['inspect', 'katedec', '--gst', '1.26'], 1],
  ] as const)('capsflow registry %j → exit %i', async (args, status) => {
    expect(await registryCommand([...args], fakeIo())).toBe(status);
  });

  it.each([
    [[], 2],
    [['--gst', '1.22'], 2],
    [['--gst', '1.26'], 0],
  ] as const)("capsflow negotiate %j 'fakesrc ! unixfdsink' → exit %i", async (args, status) => {
    expect(await negotiateCommand([...args, 'fakesrc ! unixfdsink'], fakeIo())).toBe(status);
  });

  it.each([
    [['--gst', '1.24'], /--gst takes 1\.22 or 1\.26, got '1\.24'/],
    [['--gst', '1.26', '--registry', 'x.json'], /either --gst VERSION .* or --registry FILE, not both/],
  ])('%j is a usage error', async (args, message) => {
    await expect(negotiateCommand([...args, 'fakesrc ! fakesink'], fakeIo())).rejects.toThrow(message);
    await expect(registryCommand(['list', ...args], fakeIo())).rejects.toThrow(message);
  });
});
