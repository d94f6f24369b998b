/**
 * The published package: `npm pack` ships what the library needs at run time and nothing else (no test
 * fixtures, no source maps of an unshipped src/), and the tarball installed into an empty project runs
 * the README's first examples, through the API and the `capsflow` command, without an npm warning.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/dist.js';

interface Packed {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'capsflow-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let packed: Packed | undefined;
/** npm pack once; dist is built here (ensureBuilt), so pack skips the prepare build; the tarball lands in the temp dir */
function pack(): Packed {
  if (packed === undefined) {
    ensureBuilt();
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    packed = (JSON.parse(out) as Packed[])[0]!;
  }
  return packed;
}

function jsFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(d, e.name)) : e.name.endsWith('.js') ? [join(d, e.name)] : []));
}

describe('npm pack', () => {
  it('ships dist (code and types, the bin script), the run-time fixtures, README and package.json only', () => {
    const unexpected = pack()
      .files.map((f) => f.path)
      .filter((p) => !/^dist\/.*\.(js|d\.ts)$/.test(p) && !['README.md', 'package.json', 'dist/cli/bundle/capsflow'].includes(p) && !/^fixtures\/(registry\/gstreamer-[\d.]+|negotiation\/(formats(-[\d.]+)?|interfaces|type-names))\.json$/.test(p));
    expect(unexpected).toEqual([]);
  });

  it('ships every fixture the built code reads, and no source map', () => {
    const shipped = new Set(pack().files.map((f) => f.path));
    // the fixtures dist/ opens: new URL('../../fixtures/…', import.meta.url), with ${version} for the registries
    const wanted = new Set<string>();
    for (const file of jsFiles(join(ROOT, 'dist'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new URL\(['`](\.\.\/[^'`]*fixtures\/[^'`]+)['`], import\.meta\.url\)/g)) {
        const path = relative(ROOT, join(file, '..', m[1]!));
        for (const v of ['1.22', '1.26']) wanted.add(path.replace('${version}', v));
      }
    }
    expect(wanted.size).toBeGreaterThanOrEqual(5);
    expect([...wanted].filter((p) => !shipped.has(p))).toEqual([]);
    expect([...shipped].filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(jsFiles(join(ROOT, 'dist')).filter((f) => readFileSync(f, 'utf8').includes('sourceMappingURL'))).toEqual([]);
  });

  it("ships type comments without the project's tracking numbers (issue N means nothing to a user)", () => {
    const dts = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? dts(join(d, e.name)) : e.name.endsWith('.d.ts') ? [join(d, e.name)] : []));
    pack();
    expect(dts(join(ROOT, 'dist')).filter((f) => /\bissues? #?\d+/i.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f))).toEqual([]);
  });
});

describe('the packed tarball in an empty project', () => {
  it('installs with koffi approved (no script runs) and runs the README examples', () => {
    const project = join(dir, 'project');
    execFileSync('mkdir', ['-p', project]);
    // a consumer approves koffi's install script (its prebuilt binary), as the README says
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'capsflow-consumer', private: true, type: 'module', allowScripts: { koffi: true } }));
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, pack().filename)], { cwd: project, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    // koffi is approved; npm 11 still lists capsflow's own `prepare` (it builds a development checkout, so
    // `npm ci` sets a clone up in one command), which an install from a tarball or the registry never runs
    const listed = install.stderr.split('\n').filter((l) => /^npm warn install-scripts +\S+@/.test(l));
    expect(listed.every((l) => /capsflow@[^ ]+ \(prepare: npm run build\)/.test(l)), install.stderr).toBe(true);

    writeFileSync(
      join(project, 'example.mjs'),
      `import { Caps, negotiate } from 'capsflow';
const a = Caps.fromString('video/x-raw,format={I420,NV12},width=[1,1920]');
console.log(a.intersect(Caps.fromString('video/x-raw,format=NV12'), 'first').toString());
const r = negotiate('videotestsrc ! videoconvert ! video/x-raw,format=NV12 ! fakesink');
console.log(r.ok, r.pads['videotestsrc0.src']);
console.log(negotiate('fakesrc ! unixfdsink', { gstVersion: '1.26' }).ok);
`,
    );
    const api = spawnSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8' });
    expect(api.stderr).toBe('');
    expect(api.stdout.split('\n')).toEqual([
      'video/x-raw, format=(string)NV12, width=(int)[ 1, 1920 ]',
      'true video/x-raw, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, format=(string)NV12, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive',
      'true',
      '',
    ]);

    const bin = join(project, 'node_modules/.bin/capsflow');
    const cli = spawnSync(bin, ['negotiate', 'videotestsrc ! videoconvert ! video/x-raw,format=NV12 ! fakesink'], { cwd: project, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout.split('\n')[0]).toBe('negotiated');
    // koffi's native module loaded: a real memfd is probed
    const probe = spawnSync(bin, ['probe', '--alloc', 'memfd', '--json'], { cwd: project, encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
  });
});
