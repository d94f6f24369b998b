/**
 * The bin and the CLI's V8 startup snapshot (issue 15, scripts/bundle-cli.mjs, src/cli/snapshot.ts): the
 * build makes the snapshot, the bin starts Node from it when it was made by this Node in this folder,
 * and from the plain bundle otherwise (moved, another Node, no blob, CAPSFLOW_NO_SNAPSHOT); both answer
 * byte for byte alike. Which way the bin went is read from `sh -x` (the exec it runs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT } from './dist.js';

const BUNDLE = join(ROOT, 'dist/cli/bundle');
const BIN = join(BUNDLE, 'capsflow');
const tmp = mkdtempSync(join(tmpdir(), 'capsflow-snapshot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 600_000);

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete e.CAPSFLOW_NO_SNAPSHOT;
  delete e.CAPSFLOW_GST;
  delete e.CAPSFLOW_REGISTRY;
  delete e.NODE_OPTIONS;
  return { ...e, ...extra };
};

function run(cmd: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Ran {
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? ROOT, env: env(options.env), encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** the bin run as users run it, and which way it went: the node command `sh -x` shows it exec'd (a second run) */
function traced(bin: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Ran & { readonly way: 'snapshot' | 'plain' | 'none' } {
  const r = run(bin, args, options);
  const exec = run('sh', ['-x', bin, '--version'], options)
    .stderr.split('\n')
    .filter((l) => /^\+ exec /.test(l))
    .at(-1);
  const way = exec === undefined ? 'none' : exec.includes('--snapshot-blob') ? 'snapshot' : exec.includes('capsflow.js') ? 'plain' : 'none';
  return { ...r, way };
}

const CORPUS_LINES = readFileSync(join(ROOT, 'fixtures/pipelines/corpus.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .slice(0, 60);

// argv → the same answer from the snapshot as from `node capsflow.js`
const SAME: readonly { readonly name: string; readonly args: readonly string[]; readonly cwd?: string; readonly env?: Record<string, string> }[] = [
  { name: 'negotiate, text', args: ['negotiate', 'videotestsrc num-buffers=1 ! videoconvert ! videoscale ! video/x-raw,width=320,height=240 ! fakesink'] },
  { name: 'negotiate, a pipeline the warm-up never ran', args: ['negotiate', 'audiotestsrc ! audio/x-raw,rate=44100 ! opusenc ! oggmux ! fakesink'] },
  { name: 'negotiate --format json', args: ['negotiate', '--format', 'json', 'videotestsrc ! x264enc ! h264parse ! fakesink'] },
  { name: 'negotiate, a failure (exit 1)', args: ['negotiate', 'audiotestsrc ! videoconvert ! fakesink'] },
  { name: 'negotiate, bad input (exit 2)', args: ['negotiate', 'videotestsrc ! ! fakesink'] },
  { name: 'negotiate, a file relative to the working directory', args: ['negotiate', 'filesrc location=vorbis.ogg ! decodebin ! audioconvert ! fakesink'], cwd: join(ROOT, 'fixtures/media') },
  { name: 'the environment of this run (CAPSFLOW_GST)', args: ['negotiate', 'fakesrc ! unixfdsink'], env: { CAPSFLOW_GST: '1.26' } },
  { name: 'caps intersect', args: ['caps', 'intersect', 'video/x-raw,format={I420,NV12},width=[1,1920]', 'video/x-raw,format=NV12'] },
  { name: 'a dash option is the CLI\'s, not Node\'s', args: ['--version'] },
  { name: 'unknown command (exit 2)', args: ['negotiat'] },
  { name: 'probe (koffi loads at run time)', args: ['probe', '--alloc', 'memfd', '--json'] },
];

describe('the startup snapshot', () => {
  it('is made by the build, with a stamp of the Node and the folder', () => {
    expect(existsSync(join(BUNDLE, 'capsflow.blob'))).toBe(true);
    const [where, made] = readFileSync(join(BUNDLE, 'capsflow.stamp'), 'utf8').split('\n');
    expect(existsSync(join(where!, 'capsflow.blob'))).toBe(true);
    expect(made).toMatch(/^\d+ /);
  });

  it.each(SAME)('answers as the plain bundle: $name', ({ args, cwd, env: extra }) => {
    const snap = traced(BIN, args, { ...(cwd !== undefined ? { cwd } : {}), ...(extra !== undefined ? { env: extra } : {}) });
    const plain = run(process.execPath, [CLI, ...args], { ...(cwd !== undefined ? { cwd } : {}), ...(extra !== undefined ? { env: extra } : {}) });
    expect(snap.way).toBe('snapshot');
    expect({ status: snap.status, stdout: snap.stdout, stderr: snap.stderr }).toEqual({ status: plain.status, stdout: plain.stdout, stderr: plain.stderr });
  });

  it('check on worker threads from the snapshot gives every pipeline the plain answer', () => {
    const file = join(tmp, 'sixty.txt');
    writeFileSync(file, `${CORPUS_LINES.join('\n')}\n`);
    const sort = (s: string): string => s.split('\n').sort().join('\n');
    const snap = traced(BIN, ['check', '--jobs', '2', file]);
    const plain = run(process.execPath, [CLI, 'check', '--jobs', '1', file]);
    expect(snap.way).toBe('snapshot');
    expect(snap.status).toBe(plain.status);
    expect(sort(snap.stdout)).toBe(sort(plain.stdout));
    expect(snap.stdout).not.toContain('internal-error');
  });

  it('is used through a symlink to the bin (node_modules/.bin/capsflow)', () => {
    const link = join(tmp, 'capsflow-link');
    symlinkSync(BIN, link);
    const r = traced(link, ['--version']);
    expect(r.way).toBe('snapshot');
    expect(r.stdout).toMatch(/^capsflow \d/);
  });
});

describe('the bin falls back to the plain bundle', () => {
  const INTERSECT = ['caps', 'intersect', 'video/x-raw,format={I420,NV12}', 'video/x-raw,format=NV12'];
  const want = 'video/x-raw, format=(string)NV12\n';

  /** a copy of dist/cli/bundle at the same depth (the plain bundle finds package.json three folders up) */
  function copy(name: string, edit: (dir: string) => void): string {
    const root = join(tmp, name);
    cpSync(BUNDLE, join(root, 'dist/cli/bundle'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    const dir = join(root, 'dist/cli/bundle');
    edit(dir);
    return join(dir, 'capsflow');
  }

  it.each([
    { name: 'moved: the stamp names another folder', edit: (): void => {} },
    { name: 'made by another Node', edit: (dir: string): void => writeFileSync(join(dir, 'capsflow.stamp'), `${dir}\n1 -rwxr-xr-x 1 0 0 1 Jan  1  2000\n`) },
    { name: 'no blob', edit: (dir: string): void => rmSync(join(dir, 'capsflow.blob')) },
    { name: 'no stamp', edit: (dir: string): void => rmSync(join(dir, 'capsflow.stamp')) },
  ])('$name', ({ name, edit }) => {
    const r = traced(copy(name.split(':')[0]!.replace(/\W+/g, '-'), edit), INTERSECT);
    expect(r.way).toBe('plain');
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: want, stderr: '' });
  });

  it('with CAPSFLOW_NO_SNAPSHOT set', () => {
    const r = traced(BIN, INTERSECT, { env: { CAPSFLOW_NO_SNAPSHOT: '1' } });
    expect(r.way).toBe('plain');
    expect(r.stdout).toBe(want);
  });
});
