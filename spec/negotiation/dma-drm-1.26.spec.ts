/**
 * DMA_DRM as GStreamer 1.26 negotiates it, with `gstVersion: '1.26'`: explanations that say whether a
 * drm-format conflict is a fourcc or a modifier mismatch, DMA_DRM through videoconvert/videoscale only in
 * passthrough (their 1.26 templates' `video/x-raw(ANY)` structure), and what 1.26 refuses at link time
 * or in set_caps held to its recorded answers (fixtures/pipelines/expected-1.26.json, recorded in the
 * Debian 13 root; the live comparison is spec/oracle/pipelines-1.26.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/index.js';
import { negotiate } from '../../src/negotiation/index.js';
import { drmFormatMismatch } from '../../src/negotiation/report/explain.js';
import { readExpected126 } from '../oracle/gst126.js';

const drmValue = (text: string) => {
  const p = Caps.parse(`video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=${text}`);
  if (!p.ok) throw new Error(text);
  const f = p.caps.structure(0).fields.find((x) => x.name === 'drm-format');
  if (f === undefined) throw new Error(text);
  return f.value;
};

describe('drm-format mismatches, named', () => {
  it.each([
    ['NV12:0x0100000000000002', 'NV12:0x0300000000000001', 'modifier mismatch: NV12 with 0x0100000000000002 vs 0x0300000000000001'],
    ['NV12', 'NV12:0x0100000000000002', 'modifier mismatch: NV12 with linear vs 0x0100000000000002'],
    ['NV12:0x0100000000000002', 'YUYV', 'fourcc mismatch: NV12 vs YUYV'],
    ['{NV12:0x0100000000000002,P010}', '{YUYV,AR24}', 'fourcc mismatch: NV12, P010 vs YUYV, AR24'],
    ['{NV12:0x0100000000000002,YUYV:0x0100000000000002}', '{NV12,AR24}', 'modifier mismatch: NV12 with 0x0100000000000002 vs linear'],
  ])('%s vs %s: %s', (a, b, said) => {
    expect(drmFormatMismatch(drmValue(a), drmValue(b))).toBe(said);
  });
});

/** a --drm exporter (v4l2src exporting sealed memfd memory as DMA_DRM) into a capsfilter */
const exporter = (drm: string, rest: string) =>
  negotiate(`v4l2src num-buffers=1 ! ${rest}`, { gstVersion: '1.26', memory: { v4l2src0: 'sealed-memfd' }, drm: { v4l2src0: drm } });

describe('an exporter of DMA_DRM caps on 1.26', () => {
  it.each([
    ['NV12:0x0100000000000002', 'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0300000000000001 ! fakevideosink', 'modifier mismatch: NV12 with 0x0100000000000002 vs 0x0300000000000001'],
    ['NV12:0x0100000000000002', 'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=YUYV ! fakevideosink', 'fourcc mismatch: NV12 vs YUYV'],
  ])('%s into %s: link-failed, conflict on drm-format (%s)', (drm, rest, detail) => {
    const r = exporter(drm, rest);
    expect(r.error?.kind).toBe('link-failed');
    expect(r.explain?.conflict?.field).toBe('drm-format');
    expect(r.explain?.conflict?.detail).toBe(detail);
  });

  it('videoconvert and videoscale pass DMA_DRM through unchanged (their (ANY) structure), every pad the exporter caps', () => {
    const r = exporter('NV12:0x0100000000000002', 'videoconvert ! videoscale ! fakevideosink');
    expect(r.verdict).toBe('negotiated');
    const caps = new Set(Object.values(r.pads));
    expect(caps.size).toBe(1);
    expect([...caps][0]).toMatch(/^video\/x-raw\(memory:DMABuf\), format=\(string\)DMA_DRM, drm-format=\(string\)NV12:0x0100000000000002,/);
  });

  it('videoconvert cannot turn DMA_DRM into system memory: link-failed', () => {
    expect(exporter('NV12:0x0100000000000002', 'videoconvert ! video/x-raw,format=NV12 ! fakevideosink').error?.kind).toBe('link-failed');
  });
});

describe('DMA_DRM after a test source, as GStreamer 1.26 answered (recorded)', () => {
  const recorded = readExpected126().pipelines.filter((p) => p.pipeline.includes('DMA_DRM'));
  it.each(recorded.map((p) => [p.pipeline, p] as const))('%s', (pipeline, gst) => {
    const r = negotiate(pipeline, { gstVersion: '1.26' });
    expect(r.ok).toBe(gst.ok);
    expect(r.error?.kind ?? null).toBe(gst.errorKind);
    // a DMA_DRM output videoconvert would have to make from system memory: its set_info says why
    if (gst.errorKind === 'not-negotiated') expect(r.error?.message).toMatch(/format DMA_DRM without memory:DMABuf/);
  });
});
