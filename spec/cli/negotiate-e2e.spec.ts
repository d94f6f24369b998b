/**
 * `capsflow negotiate` through the real engine. The failing pipelines are the ones issue 6 names; the
 * verdict column is what gst-launch-1.0 (1.22) answers for the same pipeline: "could not link" is
 * link-failed, "streaming stopped, reason not-negotiated (-4)" is not-negotiated, "no element" and
 * "syntax error" are erroneous input. The explanation columns say which element, field and values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { renderSvg } from '../../src/cli/render.js';
import type { NegotiationResult } from '../../src/negotiation/types.js';
import { fakeIo } from './fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'capsflow-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function json(args: readonly string[]): Promise<{ status: number; result: NegotiationResult; err: string }> {
  const io = fakeIo({ cwd: dir });
  const status = await negotiateCommand(['--json', ...args], io);
  return { status, result: JSON.parse(io.out()) as NegotiationResult, err: io.err() };
}

describe('explanations of failing pipelines', () => {
  it.each([
    // pipeline, gst-launch verdict, where the intersection became EMPTY, field, left, right
    [
      'incompatible caps filters',
      'videotestsrc ! video/x-raw,format=RGBA ! identity ! video/x-raw,format=NV12 ! fakesink',
      'link-failed',
      'capsfilter1.sink',
      'format',
      'RGBA',
      'NV12',
    ],
    [
      'a tee whose branches conflict',
      'videotestsrc ! tee name=t t. ! queue ! video/x-raw,format=RGBA ! fakesink t. ! queue ! video/x-raw,format=NV12 ! fakesink',
      'not-negotiated',
      't.sink',
      'format',
      'RGBA',
      'NV12',
    ],
    [
      'a DMABuf-only filter after a system-memory filter',
      'videotestsrc ! video/x-raw,format=NV12 ! identity ! video/x-raw(memory:DMABuf) ! fakesink',
      'link-failed',
      'capsfilter1.sink',
      'features',
      'system memory',
      'memory:DMABuf',
    ],
  ])('%s', async (_name, pipeline, kind, at, field, left, right) => {
    const { status, result } = await json(['--explain', pipeline]);
    expect(status).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    const c = result.explain?.conflict;
    expect(c === undefined ? undefined : { at: c.pad !== undefined ? `${c.element}.${c.pad}` : c.element, field: c.field, left: c.left.value, right: c.right.value }).toEqual({
      at,
      field,
      left,
      right,
    });

    // the readable form says the same in one line
    const io = fakeIo();
    expect(await negotiateCommand(['--explain', pipeline], io)).toBe(1);
    expect(io.out()).toContain(`conflict: ${field}: ${left} (`);
    expect(io.out()).toContain(`vs ${right} (`);
  });
});

describe('protected memory through videoflip', () => {
  // a sealed memfd refuses a READWRITE map: v4l2src0's caps carry memory:DMABuf, videoflip maps frames
  const pipeline = 'v4l2src ! queue ! videoflip method=rotate-180 ! waylandsink';

  it('names the element, the conflict and the probe evidence', async () => {
    const { status, result } = await json(['--explain', '--memory', 'v4l2src0=sealed-memfd', pipeline]);
    expect(status).toBe(1);
    // GStreamer's own answer (a rule-following exporter, spec/oracle/dmabuf-exporter.spec.ts), the policy beside it
    expect(result.error).toMatchObject({ kind: 'link-failed', message: 'could not link queue0 to videoflip0' });
    expect(result.violations.map((v) => v.element)).toEqual(['videoflip0']);
    expect(result.probes).toMatchObject([{ element: 'v4l2src0', source: 'sealed-memfd', readwrite: false, errno: 'EPERM', feature: 'memory:DMABuf' }]);
    const c = result.explain?.conflict;
    expect(c).toMatchObject({ element: 'videoflip0', pad: 'sink', field: 'features', left: { value: 'memory:DMABuf' }, right: { value: 'system memory' } });

    const io = fakeIo();
    expect(await negotiateCommand(['--explain', '--memory', 'v4l2src0=sealed-memfd', pipeline], io)).toBe(1);
    expect(io.out()).toContain('    evidence: v4l2src0 (sealed-memfd, memfd): READWRITE map refused (EPERM), memory:DMABuf attached\n');
    expect(io.out()).toContain('conflict: features: memory:DMABuf (queue0.src) vs system memory (videoflip0.sink) at videoflip0.sink');
  });

  it('a plain memfd maps READWRITE: no feature, no violation', async () => {
    const { status, result } = await json(['--memory', 'v4l2src0=memfd', pipeline]);
    expect(result.probes).toMatchObject([{ element: 'v4l2src0', readwrite: true, feature: null }]);
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
    expect(status).toBe(0);
  });
});

describe('bad input: exit 2, the caret under the offending text, on stderr', () => {
  it.each([
    ['videotestsrc ! nosuchelement ! fakesink', 'no-element', 'nosuchelement'],
    ['videotestsrc ! ! fakesink', 'syntax', '!'],
    // bad caps inside a pipeline: the caret goes to the character the caps parser names
    ['videotestsrc ! video/x-raw,width=(int)abc ! fakesink', 'syntax', 'abc'],
    ['videotestsrc ! capsfilter caps="video/x-raw,width=(int)abc" ! fakesink', 'syntax', 'abc'],
    ['videotestsrc pattern=nosuch ! fakesink', 'syntax', 'pattern=nosuch'],
  ])('%s', async (pipeline, kind, marked) => {
    const io = fakeIo();
    expect(await negotiateCommand([pipeline], io)).toBe(2);
    expect(io.out()).toBe('');
    const lines = io.err().split('\n');
    expect(lines[0]).toContain(`(${kind})`);
    const at = lines.findIndex((l) => /^ +\^~*$/.test(l));
    const shown = lines[at - 1] ?? '';
    const mark = lines[at] ?? '';
    expect(shown).toBe(`  ${pipeline}`);
    const col = mark.indexOf('^');
    expect(shown.slice(col, col + marked.length)).toBe(marked);
  });

  it('words are joined as gst-launch joins argv, so the caret still lines up', async () => {
    const io = fakeIo();
    expect(await negotiateCommand(['videotestsrc', '!', 'nosuchelement', '!', 'fakesink'], io)).toBe(2);
    expect(io.err()).toContain('  videotestsrc ! nosuchelement ! fakesink\n                 ^~~~~~~~~~~~~\n');
  });
});

describe('outputs on real results', () => {
  const pipeline = 'videotestsrc ! video/x-raw,format=NV12,width=640,height=480 ! videoconvert ! video/x-raw,format=I420 ! fakesink';

  it('--json is the NegotiationResult, pads as gst-launch -v prints them', async () => {
    const { status, result } = await json([pipeline]);
    expect(status).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.pads['fakesink0.sink']).toBe(
      // gst-launch-1.0 -v: videoconvert puts format last
      'video/x-raw, width=(int)640, height=(int)480, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive, format=(string)I420',
    );
  });

  it('--dot, --svg, --html from the same run; the DOT renders with the wasm Graphviz', async () => {
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--dot', 'p.dot', '--svg', 'p.svg', '--html', 'p.html', pipeline], io)).toBe(0);
    const dot = readFileSync(join(dir, 'p.dot'), 'utf8');
    await expect(renderSvg(dot)).resolves.toContain('<svg');
    expect(readFileSync(join(dir, 'p.svg'), 'utf8')).toContain('videoconvert0');
    expect(readFileSync(join(dir, 'p.html'), 'utf8')).toContain(pipeline.replace(/</g, '&lt;'));
  });

  it('--trace lists the negotiation steps with their patches', async () => {
    const io = fakeIo();
    expect(await negotiateCommand(['--trace', 'videotestsrc ! fakesink'], io)).toBe(0);
    expect(io.out()).toMatch(/\ntrace\n {2}1\. .+\n {7}(add|replace) pads\.videotestsrc0\.src = video\/x-raw/);
  });

  it('--graph reads a JSON graph; a bad one is exit 2 naming the JSON path', async () => {
    writeFileSync(join(dir, 'g.json'), JSON.stringify({ elements: [{ factory: 'videotestsrc' }, { factory: 'fakesink' }], links: [{ src: 'videotestsrc0', sink: 'fakesink0' }] }));
    const ok = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--graph', 'g.json'], ok)).toBe(0);
    expect(ok.out()).toContain('videotestsrc0.src ! fakesink0.sink');

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ elements: [{ factory: 'videotestsrc' }, { factory: 'nosuch' }] }));
    const bad = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--graph', 'bad.json'], bad)).toBe(2);
    expect(bad.err()).toContain('$.elements[1].factory');
  });

  it('--registry: a snapshot that does not validate is exit 2 with the JSON path', async () => {
    writeFileSync(join(dir, 'reg.json'), JSON.stringify({ format: 'nope' }));
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--registry', 'reg.json', 'videotestsrc ! fakesink'], io)).toBe(2);
    expect(io.err()).toMatch(/registry reg\.json is not usable:\n {2}\$/);
  });
});
