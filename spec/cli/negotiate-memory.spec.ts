/**
 * `capsflow negotiate --memory ELEMENT=SPEC` end to end, in-process: the exporter's real memory is
 * allocated and probed by the engine, and the report shows the probe, the allocation and the policy
 * violations with their evidence. Exit status 0 negotiated, 1 a policy answer, 2 bad input.
 */
import { describe, expect, it } from 'vitest';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { mappingStats } from '../../src/memory/index.js';
import { openFds } from '../memory/kernel.js';
import { fakeIo } from './fake-io.js';

async function cli(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const fds = openFds();
  const mapped = mappingStats().mapped;
  const io = fakeIo();
  const status = await negotiateCommand(args, io);
  expect([...openFds()].filter((fd) => !fds.has(fd))).toEqual([]);
  expect(mappingStats().mapped).toBe(mapped);
  return { status, out: io.out(), err: io.err() };
}

const NV12 = 'video/x-raw(memory:DMABuf),format=NV12,width=640,height=480,framerate=30/1';

describe('capsflow negotiate --memory', () => {
  it('sealed memfd into waylandsink through passthrough elements: exit 0, the feature on the links, the probe printed', async () => {
    const r = await cli(['--memory', 'v4l2src0=sealed-memfd', 'v4l2src ! queue ! identity ! waylandsink']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('memory probes');
    expect(r.out).toMatch(/v4l2src0\s+sealed-memfd\s+memfd\s+yes\s+no\s+EPERM\s+memory:DMABuf/);
    expect(r.out).toContain('allocation');
    expect(r.out).toMatch(/v4l2src0\.src ! queue0\.sink\s/);
    expect(r.out).toContain('video/x-raw(memory:DMABuf)');
  });

  it('memfd: READWRITE maps, no feature', async () => {
    const r = await cli(['--memory', 'v4l2src0=memfd', 'v4l2src ! videoflip method=rotate-180 ! waylandsink']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/v4l2src0\s+memfd\s+memfd\s+yes\s+yes\s+-\s+-/);
    expect(r.out).not.toContain('memory:DMABuf');
  });

  it.each([
    ['v4l2src ! videoflip method=rotate-180 ! waylandsink', 'videoflip0', 'rejects-dmabuf'],
    [`v4l2src ! ${NV12} ! videoconvert ! video/x-raw(memory:DMABuf),format=I420 ! waylandsink`, 'videoconvert0', 'not-passthrough'],
    ['v4l2src ! video/x-raw,format=NV12 ! waylandsink', 'capsfilter0', 'rejects-dmabuf'],
    [`v4l2src ! ${NV12} ! tee name=t t. ! queue ! waylandsink t. ! queue ! appsink`, 'appsink0', 'maps-protected-memory'],
  ])('a sealed memfd into %s: exit 1 naming %s [%s] with the probe as evidence', async (pipeline, element, rule) => {
    const r = await cli(['--memory', 'v4l2src0=sealed-memfd', pipeline]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`${element} [${rule}]`);
    expect(r.out).toMatch(/evidence: v4l2src0 \(sealed-memfd, memfd\): READWRITE map refused \(EPERM\), memory:DMABuf attached/);
    // only the bad element is blamed
    expect(r.out.match(/\[(rejects-dmabuf|not-passthrough|maps-protected-memory)\]/g)).toHaveLength(1);
  });

  it('--json carries probes, allocation and violations', async () => {
    const r = await cli(['--json', '--memory', 'v4l2src0=sealed-memfd', `v4l2src ! ${NV12} ! queue ! waylandsink`]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out) as { probes: unknown[]; allocation: { src: string; decided: { allocator: string } | null }[]; violations: unknown[] };
    expect(json.probes).toEqual([expect.objectContaining({ element: 'v4l2src0', readwrite: false, feature: 'memory:DMABuf' })]);
    expect(json.allocation.find((a) => a.src === 'v4l2src0.src')?.decided?.allocator).toBe('dmabuf');
    expect(json.violations).toEqual([]);
  });

  it('a policy violation is printed once, in its table (the notes do not repeat it)', async () => {
    const r = await cli(['--memory', 'v4l2src0=sealed-memfd', '--caps', `v4l2src0.src=${NV12}`, 'v4l2src ! videoconvert ! video/x-raw,format=I420 ! fakesink']);
    expect(r.status).toBe(1);
    const text = r.out + r.err;
    expect(text).toContain('policy violations');
    expect(text.split('cannot take memory:DMABuf: its caps video/x-raw, format=(string)I420 ask for system memory only')).toHaveLength(2);
  });

  it('an element that is not in the pipeline is bad input naming it', async () => {
    const r = await cli(['--memory', 'v4l2src9=sealed-memfd', 'v4l2src ! waylandsink']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('v4l2src9');
  });
});

describe('capsflow negotiate --drm', () => {
  it('a DRM modifier the downstream caps do not ask for: exit 1, drm-modifier-mismatch naming the capsfilter', async () => {
    const r = await cli([
      '--memory',
      'v4l2src0=memfd',
      '--drm',
      'v4l2src0=NV12:0x0100000000000002',
      'v4l2src ! queue ! capsfilter caps="video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000001" ! fakesink',
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('capsfilter0 [drm-modifier-mismatch]');
  });

  it('the matching modifier negotiates DMA_DRM caps', async () => {
    const r = await cli(['--memory', 'v4l2src0=memfd', '--drm', 'v4l2src0=NV12:0x0100000000000002', 'v4l2src ! queue ! fakesink']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('format=(string)DMA_DRM');
    expect(r.out).toContain('drm-format=(string)NV12:0x0100000000000002');
  });

  it('--drm alone (no --memory): the element exports DMA_DRM dma-bufs, unprobed, as an assumption: exit 0', async () => {
    const r = await cli(['--drm', 'v4l2src0=NV12:0x0100000000000002', 'v4l2src ! queue ! fakesink']);
    expect(r.status).toBe(0);
    expect(r.out.split('\n')[0]).toBe('negotiated, assuming one thing (see assumptions)');
    expect(r.out).toContain('v4l2src0.src [declared]: assuming v4l2src0 exports dma-bufs as DMA_DRM caps with drm-format NV12:0x0100000000000002 (--drm)');
    expect(r.out).toContain('drm-format=(string)NV12:0x0100000000000002');
    expect(r.out).not.toContain('memory probes');
  });

  it('--drm alone into a system-memory sink: exit 1, the element that cannot take memory:DMABuf named', async () => {
    const r = await cli(['--drm', 'v4l2src0=NV12:0x0100000000000002', 'v4l2src ! queue ! waylandsink']);
    expect(r.status).toBe(1);
    expect(r.out).toContain('waylandsink0 [rejects-dmabuf]');
    expect(r.out).toContain('v4l2src0 exports non-linear DRM modifiers');
  });

  it.each([
    // --drm value, report lines: the error, then the caret under the bad part
    ['v4l2src0=NV12,NV1:0x1', 'v4l2src ! fakesink', ["not negotiated (declaration) at v4l2src0: drm-format for v4l2src0: 'NV1' is not a DRM fourcc (4 characters such as NV12 or AR24, or XXXX_BE)", '  --drm v4l2src0=', '  NV12,NV1:0x1', '       ^~~']],
    ['v4l2src0=NV12:0x0000000000000000', 'v4l2src ! fakesink', ["not negotiated (declaration) at v4l2src0: drm-format for v4l2src0: a linear modifier is written by leaving it out: 'NV12', not 'NV12:0x0000000000000000'", '  --drm v4l2src0=', '  NV12:0x0000000000000000', '      ^~~~~~~~~~~~~~~~~~~']],
    ['queue0=NV12', 'v4l2src ! queue ! fakesink', ['not negotiated (declaration) at queue0: drm-format given for queue0, but queue0 (queue) cannot be an exporter here: capsflow models exporters as sources or elements known by their templates (a v4l2 device, a hardware decoder), not proxy elements', '  --drm queue0=', '  NV12', '  ^~~~']],
  ])('--drm %s on %s: bad input (exit 2), the caret in the --drm text', async (drm, pipeline, lines) => {
    const r = await cli(['--drm', drm, pipeline]);
    expect(r.status).toBe(2);
    expect(r.err.split('\n').slice(0, 4)).toEqual(lines);
  });

  it('--drm for an element the pipeline does not have: no-element, exit 2', async () => {
    const r = await cli(['--drm', 'v4l2src1=NV12', 'v4l2src ! fakesink']);
    expect(r.status).toBe(2);
    expect(r.err.split('\n')[0]).toBe('not negotiated (no-element) at v4l2src1: drm-format given for "v4l2src1", but the pipeline has no element named "v4l2src1" (it has v4l2src0, fakesink0)');
  });

  it('a malformed --drm pair is a usage error', async () => {
    await expect(negotiateCommand(['--drm', 'v4l2src0', 'v4l2src ! fakesink'], fakeIo())).rejects.toThrow(/--drm takes ELEMENT=FORMATS/);
  });
});
