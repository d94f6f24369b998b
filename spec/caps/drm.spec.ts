/**
 * DMA_DRM caps (GStreamer 1.24+, negotiation-allocation.md §6.2), checked on top of caps that
 * GStreamer 1.22 parses as plain strings. The parser itself stays 1.22: it accepts these caps
 * and keeps drm-format a string; the rules live in `checkDrmCaps`.
 */
import { describe, expect, it } from 'vitest';
import {
  DRM_FORMAT_MOD_INVALID,
  checkDrmCaps,
  drmFormatToString,
  parseDrmFormat,
  type DrmIssueCode,
} from '../../src/caps/drm.js';
import { formatIssues } from '../../src/caps/issues.js';
import { parseCaps } from '../../src/caps/parse.js';
import { capsToString } from '../../src/caps/print.js';

const fourcc = (s: string): number =>
  (s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)) >>> 0;

describe('parseDrmFormat', () => {
  it.each([
    ['NV12:0x0100000000000002', { fourcc: 'NV12', bigEndian: false, modifier: 0x0100000000000002n }],
    ['NV12', { fourcc: 'NV12', bigEndian: false, modifier: 0n }],
    ['AR24:0X0100000000000001', { fourcc: 'AR24', bigEndian: false, modifier: 0x0100000000000001n }],
    ['R8  ', { fourcc: 'R8  ', bigEndian: false, modifier: 0n }],
    ['XR24_BE:0x1', { fourcc: 'XR24', bigEndian: true, modifier: 1n }],
    ['NV12:0xffffffffffffffff', { fourcc: 'NV12', bigEndian: false, modifier: 0xffffffffffffffffn }],
  ])('%s', (text, format) => {
    const f = parseDrmFormat(text);
    expect(f).toMatchObject(format);
    expect(f!.code).toBe((fourcc(format.fourcc) | (format.bigEndian ? 0x80000000 : 0)) >>> 0);
  });

  it.each([
    'NV12:0x0000000000000000', // linear is written by omitting the modifier
    'NV12:0x0',
    'NV12:0x00ffffffffffffff', // DRM_FORMAT_MOD_INVALID
    'NV12:0100000000000002', // the modifier must start with 0x
    'NV12:0x',
    'NV12:0x10000000000000000', // more than 64 bits
    'NV12:0x1g',
    'NV1',
    'NV12X',
    'NV12_LE',
    '',
    'NV\x0012',
  ])('%j is malformed', (text) => {
    expect(parseDrmFormat(text)).toBeNull();
  });

  it('prints back with 16 lower-case modifier digits, linear omitted', () => {
    expect(drmFormatToString(parseDrmFormat('NV12:0X1')!)).toBe('NV12:0x0000000000000001');
    expect(drmFormatToString(parseDrmFormat('NV12')!)).toBe('NV12');
    expect(drmFormatToString(parseDrmFormat('AR24_BE:0x0100000000000001')!)).toBe('AR24_BE:0x0100000000000001');
  });

  it('knows DRM_FORMAT_MOD_INVALID', () => {
    expect(DRM_FORMAT_MOD_INVALID).toBe(0x00ffffffffffffffn);
  });
});

describe('the parser keeps GStreamer 1.22 behaviour on DMA_DRM caps', () => {
  it.each([
    [
      'video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0100000000000002, width=1920',
      'video/x-raw(memory:DMABuf), format=(string)DMA_DRM, drm-format=(string)NV12:0x0100000000000002, width=(int)1920',
    ],
    // 1.22 accepts what the DMA_DRM rules reject
    ['video/x-raw, format=DMA_DRM, drm-format=NV12:0x0', 'video/x-raw, format=(string)DMA_DRM, drm-format=(string)NV12:0x0'],
  ])('%s', (input, printed) => {
    const r = parseCaps(input);
    expect(r.ok && capsToString(r.caps)).toBe(printed);
  });
});

describe('checkDrmCaps', () => {
  it.each([
    'video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0100000000000002, width=1920, height=1080',
    'video/x-raw(memory:DMABuf), format=(string)DMA_DRM, drm-format=(string){ NV12:0x0100000000000002, NV12, AR24 }',
    // a template: DMA_DRM without drm-format means any
    'video/x-raw(memory:DMABuf), format=(string)DMA_DRM, width=(int)[ 1, 2147483647 ]',
    'video/x-raw(memory:DMABuf, meta:GstVideoOverlayComposition), drm-format=NV12',
    // caps that do not use the scheme at all
    'video/x-raw, format=NV12; video/x-raw(memory:DMABuf), format=NV12',
    'ANY',
    'EMPTY',
  ])('accepts %s', (text) => {
    expect(checkDrmCaps(text)).toEqual([]);
  });

  // [caps, code, the text the issue points at]
  it.each<readonly [string, DrmIssueCode, string]>([
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0000000000000000', 'linear-modifier-omission-expected', ':0x0000000000000000'],
    ['video/x-raw, format=DMA_DRM', 'dmabuf-feature-expected', 'DMA_DRM'],
    ['video/x-raw(memory:GLMemory), format=DMA_DRM', 'dmabuf-feature-expected', 'DMA_DRM'],
    ['video/x-raw(ANY), format=DMA_DRM', 'dmabuf-feature-expected', 'DMA_DRM'],
    ['video/x-raw(memory:DMABuf), format=NV12, drm-format=NV12', 'dma-drm-format-expected', 'NV12'],
    ['video/x-raw(memory:DMABuf), format={DMA_DRM, NV12}, drm-format=NV12', 'dma-drm-format-expected', '{DMA_DRM, NV12}'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0100000000000002', 'drm-modifier-expected', '0100000000000002'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0xzz', 'drm-modifier-expected', '0xzz'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV1:0x1', 'drm-fourcc-expected', 'NV1'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format={NV12, YUV420:0x1}', 'drm-fourcc-expected', 'YUV420'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x00ffffffffffffff', 'valid-modifier-expected', '0x00ffffffffffffff'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=(int)5', 'drm-format-string-expected', '(int)5'],
    ['video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NULL', 'drm-format-string-expected', 'NULL'],
  ])('%s → %s', (text, code, at) => {
    const issues = checkDrmCaps(text);
    expect(issues.map((i) => i.code)).toContain(code);
    const issue = issues.find((i) => i.code === code)!;
    expect(text.slice(issue.offset, issue.offset + issue.length)).toBe(at);
    expect(issue.message.length).toBeGreaterThan(0);
  });

  it('says which structure an issue is about', () => {
    const issues = checkDrmCaps('video/x-raw(memory:DMABuf), format=DMA_DRM; video/x-raw, format=DMA_DRM, drm-format=NV12');
    expect(issues.map((i) => ['structure' in i ? i.structure : -1, i.code])).toEqual([
      [1, 'dmabuf-feature-expected'],
      [1, 'dmabuf-feature-expected'],
    ]);
  });

  it('reports every broken entry of a drm-format list', () => {
    const issues = checkDrmCaps('video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format={NV12:0x0, NV1, AR24:1}');
    expect(issues.map((i) => i.code)).toEqual(['linear-modifier-omission-expected', 'drm-fourcc-expected', 'drm-modifier-expected']);
  });

  it('checks caps data in its printed form', () => {
    const r = parseCaps('video/x-raw, format=DMA_DRM, drm-format=NV12');
    expect(r.ok).toBe(true);
    const printed = capsToString(r.caps!);
    const issues = checkDrmCaps(r.caps!);
    expect(issues.map((i) => [i.code, printed.slice(i.offset, i.offset + i.length)])).toEqual([
      ['dmabuf-feature-expected', '(string)DMA_DRM'],
      ['dmabuf-feature-expected', '(string)NV12'],
    ]);
  });

  it('renders with formatIssues', () => {
    const text = 'video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0000000000000000';
    expect(formatIssues(text, checkDrmCaps(text)).split('\n').slice(2)).toEqual([
      `  ${text}`,
      `  ${' '.repeat(text.indexOf(':0x'))}${'^'.repeat(':0x0000000000000000'.length)}`,
    ]);
  });

  it('returns the parse issues of text that is not caps', () => {
    expect(checkDrmCaps('video/x-raw, drm-format=').map((i) => i.code)).toEqual(['field-value-expected']);
  });
});
