/**
 * `capsflow check` over a directory of 1,000 generated pipelines: the summary counts and the exit status
 * are right, progress shows only on a TTY, and the worker-thread path gives the same outcomes.
 * Each kind of generated line is one GStreamer 1.22 answers the same way (checked with gst-launch-1.0):
 * capsfilters that fix width/height negotiate; tee branches filtered to RGBA and NV12 stop with
 * not-negotiated (-4); an RGBA filter, identity, then an NV12 filter cannot link; an unknown element or a
 * dangling '!' is an erroneous pipeline.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import checkCommand, { checkItems, collectInputs, type CheckVerdict } from '../../src/cli/commands/check.js';
import { ensureBuilt, ROOT, runCli } from './dist.js';
import { fakeIo } from './fake-io.js';

type Kind = 'ok' | 'not-negotiated' | 'link-failed' | 'no-element' | 'syntax';
const EXPECTED: Record<Kind, CheckVerdict> = { ok: 'negotiated', 'not-negotiated': 'failed', 'link-failed': 'failed', 'no-element': 'invalid', syntax: 'invalid' };

function pipeline(kind: Kind, i: number): string {
  const w = 16 + 2 * (i % 200);
  const h = 16 + 2 * ((i * 7) % 150);
  switch (kind) {
    case 'ok':
      return i % 2 === 0
        ? `videotestsrc ! video/x-raw,width=${w},height=${h} ! videoconvert ! fakesink`
        : `videotestsrc ! video/x-raw,width=${w},height=${h},framerate=${1 + (i % 60)}/1 ! queue ! fakesink`;
    case 'not-negotiated':
      return `videotestsrc ! tee name=t t. ! queue ! video/x-raw,format=RGBA,width=${w} ! fakesink t. ! queue ! video/x-raw,format=NV12 ! fakesink`;
    case 'link-failed':
      return i % 2 === 0 ? 'audiotestsrc ! video/x-raw ! fakesink' : `videotestsrc ! video/x-raw,format=RGBA,width=${w} ! identity ! video/x-raw,format=NV12 ! fakesink`;
    case 'no-element':
      return `videotestsrc ! nosuchelement${i} ! fakesink`;
    case 'syntax':
      return 'videotestsrc ! ! fakesink';
  }
}

// 1,000 pipelines in 10 files over two directory levels, comments and blank lines in between
function generate(dir: string, kinds: (i: number) => Kind): Record<CheckVerdict, number> {
  const counts: Record<CheckVerdict, number> = { negotiated: 0, undetermined: 0, failed: 0, violations: 0, invalid: 0 };
  for (let f = 0; f < 10; f++) {
    const sub = join(dir, f < 5 ? 'a' : 'b/c');
    mkdirSync(sub, { recursive: true });
    const lines = ['# generated for spec/cli/check.spec.ts', ''];
    for (let j = 0; j < 100; j++) {
      const i = f * 100 + j;
      const kind = kinds(i);
      counts[EXPECTED[kind]]++;
      lines.push(pipeline(kind, i));
      if (j % 17 === 0) lines.push('   # a comment', '');
    }
    writeFileSync(join(sub, `pipelines-${f}.txt`), `${lines.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'a', 'ignored.md'), 'not a pipeline file\n');
  return counts;
}

const generated = new Map<string, Record<CheckVerdict, number>>();
/** the directory `name` under the spec's temp root, generated once whichever test asks first */
function corpus(name: string, kinds: (i: number) => Kind): Record<CheckVerdict, number> {
  let counts = generated.get(name);
  if (counts === undefined) {
    counts = generate(join(root, name), kinds);
    generated.set(name, counts);
  }
  return counts;
}

const mixed = (i: number): Kind => (i % 50 === 7 ? 'not-negotiated' : i % 100 === 13 ? 'link-failed' : 'ok');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'capsflow-check-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('capsflow check on 1,000 generated pipelines', () => {
  it('finds them all, in a stable order', () => {
    const dir = join(root, 'order');
    corpus('order', mixed);
    const { items, unreadable } = collectInputs([dir], root);
    expect(unreadable).toEqual([]);
    expect(items).toHaveLength(1000);
    expect(items[0]).toMatchObject({ file: 'order/a/pipelines-0.txt', line: 3 });
    expect(items[999]?.file).toBe('order/b/c/pipelines-9.txt');
  });

  it('all negotiate: exit 0, plain lines when not a TTY, summary table', async () => {
    const expected = corpus('clean', () => 'ok');
    const io = fakeIo({ cwd: root, isTTY: false });
    expect(await checkCommand(['clean', '--jobs', '1'], io)).toBe(0);
    const out = io.out();
    expect(out).not.toContain('\r');
    expect(out.match(/^negotiated {9}clean\//gm)).toHaveLength(1000);
    expect(out.endsWith(
      [
        '',
        'result             pipelines',
        '-----------------  ---------',
        'negotiated              1000',
        'undetermined               0',
        'failed                     0',
        'policy violations          0',
        'invalid input              0',
        'total                   1000',
        '',
      ].join('\n'),
    )).toBe(true);
    expect(expected.negotiated).toBe(1000);
  });

  it('some fail: exit 1, the right counts, and a progress bar only on a TTY', async () => {
    const expected = corpus('mixed', mixed);
    const io = fakeIo({ cwd: root, isTTY: true });
    expect(await checkCommand(['mixed', '--jobs', '1'], io)).toBe(1);
    const out = io.out();
    expect(out).toMatch(/\r\[#{30}\] 1000\/1000 {2}negotiated \d+ {2}undetermined 0 {2}failed \d+/);
    expect(out).not.toMatch(/^negotiated {9}mixed\//m);
    expect(out).toContain(`\nnegotiated               ${expected.negotiated}\n`);
    expect(out).toMatch(new RegExp(`\\nfailed +${expected.failed}\\n`));
    expect(out).toMatch(/\nfailed {2}mixed\/a\/pipelines-0\.txt:\d+ {2}not-negotiated/);
  });

  it('bad input wins: exit 2, counted as invalid input; --json gives every outcome', async () => {
    const kinds = (i: number): Kind => (i === 500 ? 'syntax' : i === 501 ? 'no-element' : mixed(i));
    const expected = corpus('bad', kinds);
    const io = fakeIo({ cwd: root, isTTY: true });
    expect(await checkCommand(['bad', '--json', '--jobs', '1'], io)).toBe(2);
    const json = JSON.parse(io.out()) as { summary: Record<string, number>; status: number; results: { verdict: string; kind?: string; line?: number; file: string }[] };
    expect(json.summary).toEqual({ total: 1000, ...expected, unreadable: 0, skipped: 0 });
    expect(json.status).toBe(2);
    expect(json.results.filter((r) => r.verdict === 'invalid').map((r) => r.kind).sort()).toEqual(['no-element', 'syntax']);
    // no progress bar with --json, even on a TTY
    expect(io.out()).not.toContain('\r');
  });

  it('an unreadable path is exit 2 with the reason on stderr, the rest still checked', async () => {
    const io = fakeIo({ cwd: root });
    writeFileSync(join(root, 'one.txt'), 'videotestsrc ! fakesink\n');
    expect(await checkCommand(['one.txt', 'no-such-dir'], io)).toBe(2);
    expect(io.err()).toMatch(/cannot read no-such-dir: ENOENT/);
    expect(io.out()).toMatch(/^negotiated {9}one\.txt:1\n/);
  });

  it('JSON graphs: one graph or an array of them a file; a file that is not JSON is invalid input', async () => {
    const dir = join(root, 'graphs');
    mkdirSync(dir, { recursive: true });
    const graph = (factory: string) => ({ elements: [{ factory: 'videotestsrc' }, { factory }], links: [{ src: 'videotestsrc0', sink: `${factory}0` }] });
    writeFileSync(join(dir, 'one.json'), JSON.stringify(graph('fakesink')));
    writeFileSync(join(dir, 'many.json'), JSON.stringify([graph('fakesink'), graph('nosuchsink'), { elements: [{ factory: 'audiotestsrc' }, { factory: 'capsfilter', properties: { caps: 'video/x-raw' } }, { factory: 'fakesink' }], links: [{ src: 'audiotestsrc0', sink: 'capsfilter0' }, { src: 'capsfilter0', sink: 'fakesink0' }] }]));
    writeFileSync(join(dir, 'broken.json'), '{ "elements": [');
    const io = fakeIo({ cwd: root });
    expect(await checkCommand(['graphs', '--json'], io)).toBe(2);
    const json = JSON.parse(io.out()) as { summary: Record<string, number>; results: { file: string; index?: number; verdict: string; kind?: string }[] };
    expect(json.summary).toEqual({ total: 5, negotiated: 2, undetermined: 0, failed: 1, violations: 0, invalid: 2, unreadable: 0, skipped: 0 });
    expect(json.results.map((r) => [r.file, r.index, r.verdict, r.kind])).toEqual([
      ['graphs/broken.json', undefined, 'invalid', 'json'],
      ['graphs/many.json', 0, 'negotiated', undefined],
      ['graphs/many.json', 1, 'invalid', 'no-element'],
      ['graphs/many.json', 2, 'failed', 'link-failed'],
      ['graphs/one.json', undefined, 'negotiated', undefined],
    ]);
  });

  describe('on worker threads (the built worker)', () => {
    beforeAll(() => ensureBuilt());

    it('gives every pipeline its verdict, with both cores', async () => {
      const workerUrl = pathToFileURL(join(ROOT, 'dist/cli/check-worker.js'));
      expect(existsSync(workerUrl)).toBe(true);
      corpus('mixed', mixed);
      const { items } = collectInputs([join(root, 'mixed')], root);
      const threaded = await checkItems(items, { jobs: 2, workerUrl });
      expect(threaded.size).toBe(1000);
      // the kind of each generated line is readable from its text
      const kindOf = (p: string): Kind => (p.includes(' tee ') ? 'not-negotiated' : p.includes('audiotestsrc') || p.includes('identity') ? 'link-failed' : 'ok');
      for (const item of items) expect([item.pipeline, threaded.get(item.id)?.verdict]).toEqual([item.pipeline, EXPECTED[kindOf(item.pipeline ?? '')]]);
    });

    it('a registry that does not validate ends the check (exit 2), on workers as on the main thread', async () => {
      corpus('mixed', mixed);
      writeFileSync(join(root, 'bad-registry.json'), '{"format": "nope"}');
      const io = fakeIo({ cwd: root });
      expect(await checkCommand(['mixed', '--registry', 'bad-registry.json', '--jobs', '1'], io)).toBe(2);
      expect(io.err()).toMatch(/^capsflow check: .*bad-registry\.json/);
      const workerUrl = pathToFileURL(join(ROOT, 'dist/cli/check-worker.js'));
      const { items } = collectInputs([join(root, 'mixed')], root);
      await expect(checkItems(items, { jobs: 2, workerUrl, registry: join(root, 'bad-registry.json') })).rejects.toThrow(/bad-registry\.json/);
    });

    it('the built CLI: summary and exit status from a child process', () => {
      corpus('mixed', mixed);
      const r = runCli(['check', join(root, 'mixed')]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/\ntotal +1000\n$/);
      expect(r.stdout).not.toContain('\r');
    });
  });
});
