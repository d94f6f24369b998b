/**
 * `capsflow caps`: each operation prints GStreamer's answer. The expected column was taken from
 * GStreamer 1.22 through the oracle binding (spec/oracle/gst.ts); the caps engine's own differential
 * suite covers the algebra at large, this covers the command around it.
 */
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/caps.js';
import capsCommand from '../../src/cli/commands/caps.js';
import { formatIssues } from '../../src/caps/issues.js';
import { fakeIo } from './fake-io.js';

const LISTS = 'video/x-raw,format={NV12,I420}; video/x-raw,format=RGBA';
const LISTS_REVERSED = 'video/x-raw,format=RGBA; video/x-raw,format={I420,NV12}';

describe('capsflow caps: input → GStreamer 1.22 answer and exit status', () => {
  it.each([
    [['parse', 'video/x-raw,width=320,height=240'], 'video/x-raw, width=(int)320, height=(int)240', 0],
    [['parse', 'EMPTY'], 'EMPTY', 1],
    [['parse', 'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000002'], 'video/x-raw(memory:DMABuf), format=(string)DMA_DRM, drm-format=(string)NV12:0x0100000000000002', 0],
    [['intersect', 'video/x-raw,format={NV12,I420}', 'video/x-raw,format=I420'], 'video/x-raw, format=(string)I420', 0],
    [['intersect', LISTS, LISTS_REVERSED], 'video/x-raw, format=(string)RGBA; video/x-raw, format=(string){ NV12, I420 }', 0],
    [['intersect', '--mode', 'first', LISTS, LISTS_REVERSED], 'video/x-raw, format=(string){ NV12, I420 }; video/x-raw, format=(string)RGBA', 0],
    [['intersect', 'video/x-raw,format=RGBA', 'video/x-raw,format=NV12'], 'EMPTY', 1],
    [['subset', 'video/x-raw,width=320', 'video/x-raw,width=[1,4096]'], 'true', 0],
    [['subset', 'video/x-raw,width=[1,4096]', 'video/x-raw,width=320'], 'false', 1],
    [['equal', 'video/x-raw,width=320,height=240', 'video/x-raw,height=240,width=320'], 'true', 0],
    [['subtract', 'video/x-raw,format={NV12,I420}', 'video/x-raw,format=NV12'], 'video/x-raw, format=(string)I420', 0],
    [['subtract', 'video/x-raw,format=NV12', 'video/x-raw'], 'EMPTY', 1],
    [['merge', 'video/x-raw,format=NV12', 'video/x-raw,format=I420; video/x-raw,format=NV12'], 'video/x-raw, format=(string)NV12; video/x-raw, format=(string)I420', 0],
    [['normalize', 'video/x-raw,format={NV12,I420}'], 'video/x-raw, format=(string)NV12; video/x-raw, format=(string)I420', 0],
    [['simplify', 'video/x-raw,format=NV12,width=1; video/x-raw,format=NV12,width=2'], 'video/x-raw, format=(string)NV12, width=(int){ 1, 2 }', 0],
    // releases differ (fixtures/caps/releases.json): 1.26 passes over a field without a union
    [['simplify', 'x, c=7, m=a; x, c=[9,255], m=b'], 'x, c=(int)7, m=(string)a; x, c=(int)[ 9, 255 ], m=(string)b', 0],
    [['simplify', '--gst', '1.26', 'x, c=7, m=a; x, c=[9,255], m=b'], 'x, c=(int)7, m=(string){ a, b }', 0],
    [['fixate', 'video/x-raw,width=[1,4096],framerate=[0/1,60/1],format={NV12,I420}'], 'video/x-raw, width=(int)1, framerate=(fraction)0/1, format=(string)NV12', 0],
  ])('%j → %s (exit %i)', async (args, expected, status) => {
    const io = fakeIo();
    expect(await capsCommand(args, io)).toBe(status);
    expect(io.out()).toBe(`${expected}\n`);
    expect(io.err()).toBe('');
  });

  it('--gst takes 1.22 or 1.26 only', async () => {
    const io = fakeIo();
    await expect(capsCommand(['simplify', '--gst', '1.24', 'x'], io)).rejects.toThrow("--gst takes 1.22 or 1.26, got '1.24'");
  });

  it('--json gives the answer with its properties', async () => {
    const io = fakeIo();
    expect(await capsCommand(['fixate', 'video/x-raw,width=[1,4096]', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      operation: 'fixate',
      inputs: ['video/x-raw, width=(int)[ 1, 4096 ]'],
      result: 'video/x-raw, width=(int)1',
      any: false,
      empty: false,
      fixed: true,
      size: 1,
    });
    const sub = fakeIo();
    expect(await capsCommand(['subset', 'ANY', 'video/x-raw', '--json'], sub)).toBe(1);
    expect(JSON.parse(sub.out())).toEqual({ operation: 'subset', inputs: ['ANY', 'video/x-raw'], result: false });
  });

  it('fixating ANY is refused, as gst_caps_fixate refuses it', async () => {
    const io = fakeIo();
    expect(await capsCommand(['fixate', 'ANY'], io)).toBe(2);
    expect(io.err()).toMatch(/ANY caps cannot be fixated/);
  });
});

describe('unparsable caps: exit 2, the caret under the offending character, on stderr', () => {
  it.each([
    ['video/x-raw, width=(int)abc'],
    ['video/x-raw, format={ NV12, I420'],
    ['video/x-raw,, width=1'],
    ['video/x-raw, width=[ 1, 2'],
    ['video/x-raw(memory:DMABuf), width=1, height'],
  ])('%s', async (text) => {
    const parsed = Caps.parse(text);
    expect(parsed.ok).toBe(false);
    const issue = parsed.issues?.[0];
    if (issue === undefined) throw new Error('no issue reported');
    const io = fakeIo();
    expect(await capsCommand(['intersect', 'video/x-raw', text], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(`error: caps argument 2 does not parse:\n${formatIssues(text, parsed.issues ?? [])}\n`);
    // the caret line sits under the offending character
    const lines = io.err().split('\n');
    const caretLine = lines.findIndex((l) => /^ +\^+$/.test(l));
    const shown = lines[caretLine - 1] ?? '';
    const col = (lines[caretLine] ?? '').indexOf('^');
    expect(shown.slice(col).replace(/…$/, '')).toBe(text.slice(issue.offset, issue.offset + Math.max(0, shown.length - col)).replace(/…$/, ''));
  });

  it('--json also prints the issues as JSON on stdout', async () => {
    const io = fakeIo();
    expect(await capsCommand(['parse', 'video/x-raw, width=(int)abc', '--json'], io)).toBe(2);
    const json = JSON.parse(io.out()) as { ok: boolean; error: { kind: string; arguments: { argument: number; issues: { offset: number }[] }[] } };
    expect(json.ok).toBe(false);
    expect(json.error.kind).toBe('parse');
    expect(json.error.arguments[0]?.argument).toBe(1);
    expect(json.error.arguments[0]?.issues[0]?.offset).toBeGreaterThanOrEqual(12);
  });
});

describe('capsflow caps check-drm: the DMA_DRM rules (GStreamer 1.24 dmabuf design), caret under each issue', () => {
  it.each([
    // caps, exit status, [code, the text the caret marks] per issue
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0100000000000002', 0, []],
    ['video/x-raw, format=NV12', 0, []],
    [
      'video/x-raw, format=DMA_DRM, drm-format=NV12',
      1,
      [
        ['dmabuf-feature-expected', 'DMA_DRM'],
        ['dmabuf-feature-expected', 'NV12'],
      ],
    ],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0000000000000000', 1, [['linear-modifier-omission-expected', ':0x0000000000000000']]],
    ['video/x-raw(memory:DMABuf), format=NV12, drm-format=NV12', 1, [['dma-drm-format-expected', 'NV12']]],
  ] as const)('%s → exit %i', async (text, status, issues) => {
    const io = fakeIo();
    expect(await capsCommand(['check-drm', text], io)).toBe(status);
    if (issues.length === 0) {
      expect(io.out()).toBe('ok: follows the DMA_DRM rules\n');
      return;
    }
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(issues.length * 3);
    issues.forEach(([code, marked], i) => {
      expect(lines[i * 3]).toMatch(new RegExp(`^✖ .* \\(${code}\\)$`));
      expect(lines[i * 3 + 1]).toBe(`  ${text}`);
      const mark = lines[i * 3 + 2] ?? '';
      const col = mark.indexOf('^');
      expect(text.slice(col - 2, col - 2 + mark.length - col)).toBe(marked);
    });
  });

  it('--json lists the issues with their offsets', async () => {
    const io = fakeIo();
    expect(await capsCommand(['check-drm', '--json', 'video/x-raw, format=DMA_DRM'], io)).toBe(1);
    const json = JSON.parse(io.out()) as { ok: boolean; issues: { code: string; offset: number; length: number }[] };
    expect(json.ok).toBe(false);
    expect(json.issues).toMatchObject([{ code: 'dmabuf-feature-expected', offset: 20, length: 7 }]);
  });
});
