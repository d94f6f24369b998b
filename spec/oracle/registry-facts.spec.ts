/**
 * The allocation facts of the embedded registry (vfuncs, transform, padFlags: see fixtures/README.md)
 * against GStreamer itself: spec/oracle/registry-facts.c reads the same facts for every factory through
 * GStreamer's own struct definitions and API (GstBaseTransformClass->decide_allocation, GST_OBJECT_FLAG_IS_SET,
 * gst_base_transform_is_in_place ...), not through the importer's koffi offsets, and must agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/negotiation/registry/registry.js';
import { describeOracle, isCI } from './available.js';

interface Facts {
  name: string;
  missing?: boolean;
  vfuncs: Record<string, string | null>;
  transform?: { passthroughOnSameCaps: boolean; transformIpOnPassthrough: boolean; passthrough: boolean; inPlace: boolean };
  padFlags?: Record<string, string[]>;
}

const dir = mkdtempSync(join(tmpdir(), 'capsflow-registry-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function buildHarness(): { binary: string } | { problem: string } {
  let flags: string[];
  try {
    execFileSync('sh', ['-c', 'command -v cc'], { stdio: 'ignore' });
    flags = execFileSync('pkg-config', ['--cflags', '--libs', 'gstreamer-1.0', 'gstreamer-base-1.0', 'gstreamer-video-1.0', 'gstreamer-audio-1.0'], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
  } catch {
    return { problem: 'cc, pkg-config or the GStreamer base/video/audio development files are missing' };
  }
  const binary = join(dir, 'registry-facts');
  execFileSync('cc', ['-O1', '-o', binary, fileURLToPath(new URL('./registry-facts.c', import.meta.url)), ...flags], { stdio: 'pipe' });
  return { binary };
}

describeOracle('registry allocation facts = what GStreamer 1.22 says through its own structs', () => {
  const harness = buildHarness();
  if ('problem' in harness) {
    it.skipIf(!isCI)(`needs the C harness: ${harness.problem}`, () => {
      throw new Error(`registry facts oracle missing in CI: ${harness.problem}`);
    });
    return;
  }
  const registry = defaultRegistry();
  const names = registry.names();
  const live = new Map<string, Facts>();
  const out = execFileSync(harness.binary, [...names], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GST_DEBUG: '' } });
  for (const line of out.split('\n')) if (line.startsWith('{')) live.set((JSON.parse(line) as Facts).name, JSON.parse(line) as Facts);

  it('every factory of the snapshot was read', () => {
    expect(names.filter((n) => live.get(n) === undefined || live.get(n)!.missing === true)).toEqual([]);
  });

  it('vfunc owners, GstBaseTransform flags and pad flags agree for all factories', () => {
    const differ: string[] = [];
    for (const name of names) {
      const f = registry.get(name)!;
      const g = live.get(name);
      if (g === undefined) continue;
      const mine = { vfuncs: f.vfuncs ?? {}, transform: f.transform, padFlags: f.padFlags };
      const theirs = { vfuncs: g.vfuncs, transform: g.transform, padFlags: g.padFlags };
      if (JSON.stringify(sortKeys(mine)) !== JSON.stringify(sortKeys(theirs))) differ.push(`${name}: snapshot ${JSON.stringify(mine)}, GStreamer ${JSON.stringify(theirs)}`);
    }
    expect(differ).toEqual([]);
  });

  // the facts the allocation model leans on, as a table (the check above covers all of them)
  it.each([
    // factory, fact, GStreamer's answer
    ['videobalance', 'vfuncs.transform_frame', null], // GstVideoFilter's set_caps puts it in place
    ['alpha', 'vfuncs.transform_frame', 'GstAlpha'],
    ['videocrop', 'vfuncs.decide_allocation', 'GstVideoCrop'],
    ['videoconvert', 'vfuncs.filter_meta', 'GstVideoConvertScale'],
    ['pngenc', 'vfuncs.propose_allocation', 'GstPngEnc'],
    ['y4menc', 'vfuncs.propose_allocation', 'GstVideoEncoder'],
    ['compositor', 'vfuncs.propose_allocation', 'GstVideoAggregator'],
    ['fakesink', 'vfuncs.propose_allocation', null],
    ['capsfilter', 'transform.inPlace', true], // transform_ip only
    ['volume', 'transform.inPlace', true],
    ['audiowsinclimit', 'transform.inPlace', false],
    ['gamma', 'transform.passthrough', true], // gamma = 1 at construction
    ['audioresample', 'transform.passthroughOnSameCaps', true],
    ['valve', 'padFlags.sink', ['proxy-caps', 'proxy-allocation']],
    ['jpegparse', 'padFlags.sink', ['proxy-allocation']],
    ['queue', 'padFlags.sink', ['proxy-caps']],
  ] as const)('%s %s = %j', (factory, fact, answer) => {
    const [group, key] = fact.split('.') as ['vfuncs' | 'transform' | 'padFlags', string];
    const value = (live.get(factory)?.[group] as Record<string, unknown> | undefined)?.[key];
    expect(value).toEqual(answer);
    expect((registry.get(factory)?.[group] as Record<string, unknown> | undefined)?.[key]).toEqual(answer);
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => [k, sortKeys(x)]),
  );
}
