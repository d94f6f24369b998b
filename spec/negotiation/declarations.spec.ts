/**
 * Declared caps (`options.caps`, `--caps ELEMENT.PAD=CAPS`): the pad offers exactly these caps, as a
 * described device would; caps the element's template refuses are a positioned 'declaration' error.
 * The GStreamer side of the exporter rows is spec/oracle/dmabuf-exporter.spec.ts (the same device caps,
 * run in 1.22 behind a rule-following exporter).
 */
import { describe, expect, it } from 'vitest';
import negotiateCommand, { parseDeclaredCaps } from '../../src/cli/commands/negotiate.js';
import { UsageError } from '../../src/cli/io.js';
import { negotiate } from '../../src/negotiation/index.js';
import { fakeIo } from '../cli/fake-io.js';

const DEVICE = 'video/x-raw(memory:DMABuf), format=NV12, width=320, height=240, framerate=30/1; video/x-raw, format=NV12, width=320, height=240, framerate=30/1';
const NV12 = 'video/x-raw, format=(string)NV12, width=(int)320, height=(int)240, framerate=(fraction)30/1';

describe('declared caps are what the pad offers', () => {
  it('a v4l2src declared as the device gives it negotiates those caps, and says it assumed them', () => {
    const r = negotiate('v4l2src ! fakesink', { caps: { 'v4l2src0.src': 'video/x-raw,format=NV12,width=320,height=240,framerate=30/1' } });
    expect(r.ok).toBe(true);
    expect(r.pads).toEqual({ 'v4l2src0.src': NV12, 'fakesink0.sink': NV12 });
    expect(r.assumptions).toEqual([{ element: 'v4l2src0', pad: 'src', caps: NV12, source: 'declared', message: `v4l2src0.src offers ${NV12}, as declared` }]);
  });

  it('without declarations there are no assumptions', () => {
    expect(negotiate('videotestsrc ! fakesink').assumptions).toEqual([]);
  });

  it.each([
    // memory, pipeline after the exporter, GStreamer's verdict (dmabuf-exporter.spec.ts), v4l2src0.src
    ['memfd', 'fakesink', 'negotiated', NV12],
    ['sealed-memfd', 'fakesink', 'negotiated', NV12.replace('video/x-raw,', 'video/x-raw(memory:DMABuf),')],
    // the probe decides whatever the order: a mappable exporter never keeps the feature, even listed first
    ['memfd', 'capsfilter caps="video/x-raw(memory:DMABuf)" ! fakesink', 'link-failed', undefined],
    ['sealed-memfd', 'video/x-raw ! fakesink', 'link-failed', undefined],
  ] as const)('an exporter (%s) declared DMABuf first: ! %s → %s', (memory, rest, verdict, src) => {
    const r = negotiate(`v4l2src ! ${rest}`, { memory: { v4l2src0: memory }, caps: { 'v4l2src0.src': DEVICE } });
    expect(r.ok ? 'negotiated' : r.error!.kind).toBe(verdict);
    expect(r.pads['v4l2src0.src']).toBe(src);
  });
});

describe('bad declarations are clear, positioned errors', () => {
  it.each([
    // key, caps, kind, offset into the caps (declaration errors)
    ['v4l2src0.src', 'audio/x-raw,rate=8000', 'declaration', 0],
    ['v4l2src0.src', 'video/x-raw,format=NV12; audio/x-raw,rate=8000', 'declaration', 25],
    ['v4l2src0.src', 'video/x-raw,width=(int)abc', 'declaration', 23],
    // DMABuf only for an exporter: without --memory v4l2src's template has no such structure
    ['v4l2src0.src', 'video/x-raw(memory:DMABuf),format=NV12', 'declaration', 0],
    ['v4l2src1.src', 'video/x-raw', 'no-element', undefined],
    ['v4l2src0.sink', 'video/x-raw', 'no-pad', undefined],
    ['v4l2src0', 'video/x-raw', 'syntax', undefined],
  ] as const)('%s=%s → %s at %s', (key, caps, kind, offset) => {
    const r = negotiate('v4l2src ! fakesink', { caps: { [key]: caps } });
    expect(r.ok).toBe(false);
    expect(r.error!.kind).toBe(kind);
    expect(r.error!.offset).toBe(offset);
    if (kind === 'declaration') expect(r.error).toMatchObject({ declaration: key, declared: caps, element: 'v4l2src0', pad: 'src' });
  });
});

describe('capsflow negotiate --caps', () => {
  it('declared device caps: exit 0, the assumption listed', async () => {
    const io = fakeIo();
    const status = await negotiateCommand(['--caps', 'v4l2src0.src=video/x-raw,format=NV12,width=320,height=240,framerate=30/1', 'v4l2src ! fakesink'], io);
    expect(status).toBe(0);
    expect(io.out()).toContain('assumptions');
    expect(io.out()).toContain(`v4l2src0.src [declared]: v4l2src0.src offers ${NV12}, as declared\n    ${NV12}`);
  });

  it('refused caps: exit 2, the caret under the refused structure', async () => {
    const io = fakeIo();
    const status = await negotiateCommand(['--caps', 'v4l2src0.src=video/x-raw,format=NV12; audio/x-raw', 'v4l2src ! fakesink'], io);
    expect(status).toBe(2);
    expect(io.err()).toContain('  --caps v4l2src0.src=\n  video/x-raw,format=NV12; audio/x-raw\n                           ^~~~~~~~~~~');
  });

  it.each(['v4l2src0=video/x-raw', 'v4l2src0.src=', 'v4l2src0.src'])('a malformed --caps %s is a usage error', (pair) => {
    expect(() => parseDeclaredCaps([pair])).toThrow(UsageError);
  });

  it('the caps text may hold "=" itself', () => {
    expect(parseDeclaredCaps(['v4l2src0.src=video/x-raw,format=NV12'])).toEqual({ 'v4l2src0.src': 'video/x-raw,format=NV12' });
  });
});
