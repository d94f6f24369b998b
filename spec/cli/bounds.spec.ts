/**
 * The built CLI on hostile input (issue 17), in child processes with a deadline so a hang fails instead of
 * stalling the suite: only regular files are read (FIFOs, /dev/zero, symlinks to them are refused at
 * once with a clear error), files are bounded in size, `-` reads stdin, `check DIR` lists what it skips,
 * deep bins give the same answer on worker threads and on one thread, names equal to Object.prototype
 * members are names, and `check --timeout` reports a pipeline that takes too long and goes on.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, style } from '../../src/cli/format.js';
import { negotiate } from '../../src/negotiation/index.js';
import { DEFAULT_REGISTRY_URL } from '../../src/negotiation/registry/registry.js';
import { CLI, ensureBuilt, ROOT } from './dist.js';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** the CLI with a deadline: a child that blocks is killed and the test fails on `timedOut` */
function cli(args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input: options.input ?? '', timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined && /ETIMEDOUT/.test(String(r.error)) };
}

let dir = '';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'capsflow-bounds-'));
  spawnSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync('/dev/zero', join(dir, 'zero.txt'));
  // a sparse file one byte over the 64 MiB limit
  const fd = openSync(join(dir, 'big.json'), 'w');
  ftruncateSync(fd, 64 * 1024 * 1024 + 1);
  closeSync(fd);
  mkdirSync(join(dir, 'tree'));
  writeFileSync(join(dir, 'tree', 'a.txt'), 'videotestsrc ! fakesink\n');
  spawnSync('mkfifo', [join(dir, 'tree', 'pipe.txt')]);
  symlinkSync('/dev/zero', join(dir, 'tree', 'zero.txt'));
  symlinkSync(join(dir, 'tree'), join(dir, 'tree', 'loop'));
}, 180_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('only regular files are read, at once', () => {
  it.each([
    [['negotiate', '--graph', '/dev/zero'], '/dev/zero is a character device: only regular files are read'],
    [['negotiate', '--graph', 'FIFO'], 'is a FIFO: only regular files are read'],
    [['negotiate', '--registry', '/dev/zero', 'videotestsrc ! fakesink'], '/dev/zero is a character device: only regular files are read'],
    [['negotiate', '--registry', 'FIFO', 'videotestsrc ! fakesink'], 'is a FIFO: only regular files are read'],
    [['check', 'FIFO'], 'is a FIFO: only regular files are read'],
    [['check', 'ZERO'], 'zero.txt is a character device: only regular files are read'],
    [['negotiate', '--graph', 'BIG'], 'big.json is 64.0 MiB, more than the 64 MiB read'],
  ])('%j', (args, message) => {
    const real = args.map((a) => (a === 'FIFO' ? join(dir, 'fifo') : a === 'ZERO' ? join(dir, 'zero.txt') : a === 'BIG' ? join(dir, 'big.json') : a));
    const r = cli(real);
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('internal error');
  });

  it('check DIR reads the regular files and lists the FIFO and symbolic links it skipped', () => {
    const r = cli(['check', '--json', join(dir, 'tree')]);
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { summary: { total: number; skipped: number }; skipped: { path: string; message: string }[] };
    expect(report.summary.total).toBe(1);
    expect(report.skipped.map((s) => [s.path.split('/').pop(), s.message])).toEqual([
      ['loop', 'a symbolic link (not followed)'],
      ['pipe.txt', 'a FIFO (only regular files are read)'],
      ['zero.txt', 'a symbolic link (not followed)'],
    ]);
    expect(r.stderr).toContain('skipped');
  });
});

describe("'-' reads stdin", () => {
  it('check - : pipelines one a line', () => {
    const r = cli(['check', '--json', '-'], { input: 'videotestsrc ! fakesink\nvideotestsrc ! nosuchelement ! fakesink\n' });
    expect(r.timedOut).toBe(false);
    const report = JSON.parse(r.stdout) as { results: { file: string; line: number; verdict: string }[] };
    expect(report.results.map((x) => [x.file, x.line, x.verdict])).toEqual([
      ['stdin', 1, 'negotiated'],
      ['stdin', 2, 'invalid'],
    ]);
    expect(r.status).toBe(2);
  });

  it('negotiate - : the pipeline, or a JSON graph', () => {
    const text = cli(['negotiate', '--json', '-'], { input: 'videotestsrc ! video/x-raw,width=64 ! fakesink\n' });
    expect(text.status).toBe(0);
    expect((JSON.parse(text.stdout) as { pads: Record<string, string> }).pads['fakesink0.sink']).toMatch(/width=\(int\)64/);
    const graph = cli(['negotiate', '--json', '-'], { input: JSON.stringify({ elements: [{ factory: 'videotestsrc' }, { factory: 'fakesink' }], links: [{ src: 'videotestsrc0', sink: 'fakesink0' }] }) });
    expect(graph.status).toBe(0);
  });
});

describe('deep bins: one answer on worker threads and on one thread', () => {
  it('1,500 nested bins ×12 lines: invalid (too deep) with --jobs 1 and --jobs 2 alike', () => {
    const line = `videotestsrc ! ${'( '.repeat(1_500)}identity${' )'.repeat(1_500)} ! fakesink`;
    const file = join(dir, 'deep.txt');
    writeFileSync(file, `${Array<string>(12).fill(line).join('\n')}\n`);
    const outcomes = (jobs: string): string[] => {
      const r = cli(['check', '--json', '--jobs', jobs, file]);
      expect(r.timedOut).toBe(false);
      expect(r.stderr).not.toContain('internal error');
      return (JSON.parse(r.stdout) as { results: { verdict: string; kind: string; message: string; offset: number }[] }).results.map((x) => `${x.verdict} ${x.kind} ${x.offset} ${x.message}`);
    };
    const one = outcomes('1');
    expect(one).toHaveLength(12);
    expect(new Set(one).size).toBe(1);
    expect(one[0]).toBe(`invalid syntax ${'videotestsrc ! '.length + 512} bins nested deeper than 256 levels: too deep for capsflow`);
    expect(outcomes('2')).toEqual(one);
  });
});

describe('names equal to Object.prototype members', () => {
  let registry = '';
  beforeAll(() => {
    const full = JSON.parse(readFileSync(DEFAULT_REGISTRY_URL, 'utf8')) as { elements: Record<string, { name: string }> };
    const elements: Record<string, unknown> = {};
    for (const k of ['videotestsrc', 'fakesink', 'identity', 'v4l2src', 'waylandsink', 'capsfilter']) elements[k] = full.elements[k];
    for (const name of ['constructor', 'toString', 'valueOf']) elements[name] = { ...full.elements.identity, name };
    registry = join(dir, 'proto-registry.json');
    writeFileSync(registry, JSON.stringify({ ...full, elements }));
  });

  it.each(['constructor', 'toString', 'valueOf'])('a registry element named %s negotiates (exit 0)', (name) => {
    const r = cli(['negotiate', '--registry', registry, `videotestsrc ! ${name} ! fakesink`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('--memory __proto__=memfd is one exporter, not "given twice"', () => {
    const r = cli(['negotiate', '--json', '--memory', '__proto__=memfd', 'v4l2src name=__proto__ ! fakesink']);
    expect(r.stderr).not.toContain('given twice');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { probes: { element: string }[] }).probes.map((p) => p.element)).toEqual(['__proto__']);
  });

  it('--drm __proto__=… makes that element the exporter', () => {
    const r = cli(['negotiate', '--json', '--drm', '__proto__=NV12', 'v4l2src name=__proto__ ! fakesink']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { pads: Record<string, string> }).pads['__proto__.src']).toContain('drm-format=(string)NV12');
  });
});

describe('report tables with a huge element name', () => {
  it('a 100 MB name prints shortened, in every table', () => {
    const name = 'a'.repeat(100 * 1024 * 1024);
    const result = negotiate({ elements: [{ factory: 'videotestsrc' }, { factory: 'tee', name }, { factory: 'fakesink' }, { factory: 'fakesink' }, { factory: 'fakesink' }], links: [{ src: 'videotestsrc0', sink: name }, { src: name, sink: 'fakesink0' }, { src: name, sink: 'fakesink1' }, { src: name, sink: 'fakesink2' }] });
    expect(result.error).toBeNull();
    const report = formatReport(result, style({ color: false }));
    expect(report).toContain(`… (${name.length} characters) …`);
    // each mention of the name in the tables is shortened; the links section names pads in full once per link
    expect(report.length).toBeLessThan(10 * name.length);
  });
});

describe('check --timeout', () => {
  it('a pipeline that takes too long is reported (timeout) and the next ones still negotiate', () => {
    const slow = `videotestsrc ! tee name=t ${Array<string>(200_000).fill('t. ! queue ! fakesink').join(' ')}`;
    const file = join(dir, 'slow.txt');
    writeFileSync(file, `${slow}\nvideotestsrc ! fakesink\nvideotestsrc ! identity ! fakesink\n`);
    const r = cli(['check', '--json', '--timeout', '5', file], { timeoutMs: 170_000 });
    expect(r.timedOut).toBe(false);
    const report = JSON.parse(r.stdout) as { results: { line: number; verdict: string; kind?: string; message?: string }[] };
    expect(report.results.map((x) => [x.line, x.verdict, x.kind ?? null])).toEqual([
      [1, 'failed', 'timeout'],
      [2, 'negotiated', null],
      [3, 'negotiated', null],
    ]);
    expect(report.results[0]!.message).toBe('no answer within 5000 ms (--timeout): stopped');
    expect(r.status).toBe(1);
  }, 180_000);

  it('--timeout takes seconds', () => {
    const r = cli(['check', '--timeout', 'soon', join(dir, 'tree', 'a.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--timeout takes seconds, more than 0 and at most 86400, not 'soon'");
  });
});
