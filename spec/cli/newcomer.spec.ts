/**
 * A newcomer's first commands (issue 16): a closed pipe, a wrong flag, -v, a misspelt element, a missing
 * '!', an element the registry lacks, and a project's registry set once (environment, package.json).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLI, ensureBuilt, ROOT } from './dist.js';
import { fakeIo } from './fake-io.js';

async function cli(args: readonly string[], options: Parameters<typeof fakeIo>[0] = {}): Promise<{ status: number; out: string; err: string }> {
  const io = fakeIo(options);
  const status = await main(args, io);
  return { status, out: io.out(), err: io.err() };
}

describe('a closed stdout (capsflow … | head)', () => {
  beforeAll(() => ensureBuilt());

  it.each([
    ['registry list', 'registry list'],
    ['registry list --json', 'registry list --json'],
  ])('%s: no stack trace, status 141 as coreutils killed by SIGPIPE', (_name, args) => {
    // pipefail: the status of capsflow itself, not of head
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI}" ${args} | head -3 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });
});

describe('flags and version', () => {
  it.each([
    [['negotiate', '--bogus', 'fakesink'], "capsflow negotiate: unknown option '--bogus'; see 'capsflow negotiate --help'\n"],
    [['negotiate', '--jsn', 'fakesink'], "capsflow negotiate: unknown option '--jsn' (did you mean '--json'?); see 'capsflow negotiate --help'\n"],
    [['negotiate', 'fakesink', '--registry'], "capsflow negotiate: option --registry needs a value; see 'capsflow negotiate --help'\n"],
    [['negotiate', '--json=yes', 'fakesink'], "capsflow negotiate: option --json takes no value; see 'capsflow negotiate --help'\n"],
    [['registry', 'list', '--klas', 'Sink'], "capsflow registry: unknown option '--klas' (did you mean '--klass'?); see 'capsflow registry --help'\n"],
  ])('%j → one line with the help hint', async (args, err) => {
    const r = await cli(args);
    expect(r.err).toBe(err);
    expect(r.status).toBe(2);
  });

  it('-v, -V, --version and version print the same line', async () => {
    const outs = await Promise.all(['-v', '-V', '--version', 'version'].map((a) => cli([a])));
    for (const r of outs) {
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/^capsflow \d+\.\d+\.\d+\n$/);
    }
    expect(new Set(outs.map((r) => r.out)).size).toBe(1);
  });

  it('a misspelt command gets the nearest', async () => {
    const r = await cli(['negotaite', 'fakesink']);
    expect(r.err.split('\n')[0]).toBe("capsflow: unknown command 'negotaite' (did you mean 'negotiate'?)");
    expect(r.status).toBe(2);
  });
});

describe('hints beside GStreamer’s words', () => {
  it.each([
    // pipeline, options, hint lines expected, text that must not appear
    ['videotestsrc ! videoconvrt ! fakesink', [], ["hint: did you mean 'videoconvert'?"], ['registry import']],
    ['videotestsrc ! autovideoflip ! fakesink', [], ['hint: autovideoflip is in the embedded GStreamer 1.26 registry: --gst 1.26'], []],
    ['audiotestsrc ! avdec_8svx_exp ! fakesink', ['--gst', '1.26'], ['hint: avdec_8svx_exp is in the embedded GStreamer 1.22 registry: --gst 1.22'], []],
    ['videotestsrc ! nvh264enc ! fakesink', [], ["hint: nvh264enc is not in the embedded GStreamer 1.22 registry: if it is installed where the pipeline runs, import that machine's registry there (capsflow registry import --out board.json) and use it (--registry board.json, or CAPSFLOW_REGISTRY)"], []],
    ['videotestsrc fakesink', [], ["hint: missing '!' between videotestsrc and fakesink? Without it gst-launch-1.0 makes two unlinked elements"], []],
    ['videotestsrc pattern=ball videoconvert ! fakesink', [], ["hint: missing '!' between pattern=ball and videoconvert? Without it gst-launch-1.0 makes two unlinked elements"], []],
  ] as const)('%s', async (pipeline, options, hints, absent) => {
    const r = await cli(['negotiate', ...options, pipeline]);
    const text = r.out + r.err;
    const lines = text.split('\n').filter((l) => l.startsWith('hint: '));
    for (const h of hints) expect(lines).toContain(h);
    for (const a of absent) expect(text).not.toContain(a);
    expect(r.status).not.toBe(0);
  });

  it('a file source whose file is not here: a resource error naming the element and the path (exit 2); with --no-media the answer stands and a hint says so', async () => {
    const r = await cli(['negotiate', 'filesrc location=/nonexistent/file.mp4 ! decodebin ! fakesink']);
    expect(r.err + r.out).toContain('not negotiated (resource) at filesrc0: filesrc0: Resource not found: /nonexistent/file.mp4 (no such file: /nonexistent/file.mp4)');
    expect(r.err + r.out).not.toContain('hint:');
    expect(r.status).toBe(2);
    const unread = await cli(['negotiate', '--no-media', 'filesrc location=/nonexistent/file.mp4 ! decodebin ! fakesink']);
    expect(unread.out.split('\n').slice(0, 2)).toEqual([
      'undetermined: 2 sources of caps cannot be known without the data',
      'hint: filesrc0\'s location /nonexistent/file.mp4 does not exist here: run here, GStreamer stops with "Resource not found" (No such file "/nonexistent/file.mp4")',
    ]);
    expect(unread.status).toBe(3);
    // an existing file (relative to the working directory) gets no hint
    expect((await cli(['negotiate', 'filesrc location=package.json ! fakesink'], { cwd: ROOT })).out).not.toContain('hint:');
  });

  it('two chains, each linked, get no missing-! hint (a source starts a new chain)', async () => {
    const r = await cli(['negotiate', 'videotestsrc ! fakesink audiotestsrc ! fakesink']);
    expect(r.out + r.err).not.toContain('hint:');
    expect(r.status).toBe(0);
  });

  it('--json keeps stdout the result; the hints go to stderr with the error', async () => {
    const r = await cli(['negotiate', '--json', 'videotestsrc ! videoconvrt ! fakesink']);
    expect(JSON.parse(r.out).error.kind).toBe('no-element');
    expect(r.err).toContain("hint: did you mean 'videoconvert'?");
  });
});

describe('the registry a project uses: flag, then CAPSFLOW_REGISTRY/CAPSFLOW_GST, then package.json "capsflow"', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capsflow-settings-'));
    // a project whose registry is the 1.26 snapshot, named relative to its package.json, used from a subfolder
    mkdirSync(join(dir, 'board'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(join(ROOT, 'fixtures/registry/gstreamer-1.26.json'), join(dir, 'board/registry.json'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', capsflow: { registry: 'board/registry.json' } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // autovideoflip is in 1.26 only: it negotiates exactly when a 1.26 registry is used
  const flip = 'videotestsrc ! autovideoflip ! fakesink';

  it.each([
    ['default: the embedded 1.22', {}, false],
    ['CAPSFLOW_GST=1.26', { env: { CAPSFLOW_GST: '1.26' } }, true],
    ['CAPSFLOW_REGISTRY=file', { env: { CAPSFLOW_REGISTRY: join(ROOT, 'fixtures/registry/gstreamer-1.26.json') } }, true],
  ])('%s', async (_name, options, has) => {
    const r = await cli(['negotiate', flip], options);
    expect(r.err.includes('no element "autovideoflip"')).toBe(!has);
  });

  it('package.json "capsflow": { "registry" } found from a subfolder, relative to the package.json', async () => {
    const r = await cli(['registry', 'inspect', 'autovideoflip'], { cwd: join(dir, 'sub') });
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
  });

  it('the flag wins over the environment, the environment over package.json', async () => {
    expect((await cli(['negotiate', '--gst', '1.22', flip], { cwd: dir })).err).toContain('no element "autovideoflip"');
    expect((await cli(['negotiate', flip], { cwd: dir, env: { CAPSFLOW_GST: '1.22' } })).err).toContain('no element "autovideoflip"');
    expect((await cli(['negotiate', flip], { cwd: dir })).status).not.toBe(2);
  });

  it.each([
    ['CAPSFLOW_GST=1.24', { env: { CAPSFLOW_GST: '1.24' } }, "capsflow negotiate: CAPSFLOW_GST takes 1.22 or 1.26, got '1.24'"],
    ['both variables', { env: { CAPSFLOW_GST: '1.26', CAPSFLOW_REGISTRY: 'x.json' } }, 'capsflow negotiate: set either CAPSFLOW_REGISTRY or CAPSFLOW_GST, not both'],
    ['a registry file that is not there', { env: { CAPSFLOW_REGISTRY: '/nonexistent/r.json' } }, 'capsflow negotiate: registry /nonexistent/r.json (from CAPSFLOW_REGISTRY) is not usable:'],
  ])('%s is bad input, said once', async (_name, options, first) => {
    const r = await cli(['negotiate', 'fakesink'], options);
    expect(r.err.split('\n')[0]).toContain(first);
    expect(r.status).toBe(2);
  });

  it('a bad "capsflow" key names the package.json', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'capsflow-settings-bad-'));
    try {
      writeFileSync(join(bad, 'package.json'), JSON.stringify({ capsflow: { registry: 'a.json', gst: '1.26' } }));
      const r = await cli(['registry', 'list'], { cwd: bad });
      expect(r.err).toBe(`capsflow registry: ${join(bad, 'package.json')}: "capsflow" gives both "registry" and "gst"; give one; see 'capsflow registry --help'\n`);
      expect(r.status).toBe(2);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
