/**
 * The memory:DMABuf policy through the public API, with real memory: each exporter's buffer is a real
 * memfd (sealed against writing: the kernel refuses a shared READWRITE map with EPERM, the stand-in for
 * protected dma-bufs), a shm allocation or a caller's fd, probed at negotiation time. Elements come from
 * the GStreamer 1.22 registry snapshot (v4l2src, waylandsink, glupload have no behaviour profile: they
 * are modelled from their templates, and waylandsink / glupload list memory:DMABuf on their sink).
 *
 * Every negotiate() here is checked for leaks: no fd and no mapping may be left, whatever the outcome.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DmaBufAllocator, MapFlags, ShmAllocator, createMemfd, isDmabufMemory, mappingStats, type FdMemory } from '../../src/memory/index.js';
import { probeExporter } from '../../src/negotiation/allocation/memory-probe.js';
import { negotiate, type NegotiateOptions, type TracedNegotiationResult } from '../../src/negotiation/index.js';
import { defaultRegistry } from '../../src/negotiation/registry/registry.js';
import { exporterTemplate } from '../../src/negotiation/allocation/policy.js';
import { Caps } from '../../src/caps/index.js';
import { maps, openFds } from '../memory/kernel.js';

/** negotiate, and fail if an fd or a mapping outlives the call */
function run(pipeline: string, options: NegotiateOptions = {}): TracedNegotiationResult {
  const fds = openFds();
  const mapped = mappingStats().mapped;
  const r = negotiate(pipeline, options);
  const leaked = [...openFds()].filter((fd) => !fds.has(fd));
  expect(leaked, `fds left open by negotiate(${pipeline})`).toEqual([]);
  expect(mappingStats().mapped).toBe(mapped);
  expect(maps().filter((m) => m.path.startsWith('/memfd:capsflow'))).toEqual([]);
  return r;
}

const DMABUF = 'memory:DMABuf';

/** glupload's output (GL memory, also inside its bin) and the fakesinks are past the importer */
const downstreamOfImporter = (pad: string): boolean => (pad.startsWith('glupload') && !/^glupload\d+\.sink$/.test(pad)) || pad.startsWith('fakesink');
const NV12 = 'video/x-raw(memory:DMABuf),format=NV12,width=640,height=480,framerate=30/1';
const NV12_SYS = 'video/x-raw,format=NV12,width=640,height=480,framerate=30/1';

describe('the exporter probe decides the feature', () => {
  it.each([
    // spec, READWRITE maps, errno, feature on every pad from exporter to importer
    ['sealed-memfd', false, 'EPERM', DMABUF],
    ['memfd', true, null, null],
    ['shm', true, null, null],
  ] as const)('v4l2src (%s) ! waylandsink: readwrite %s, errno %s → %s', (spec, readwrite, errno, feature) => {
    const r = run('v4l2src ! waylandsink', { memory: { v4l2src0: spec } });
    expect(r.ok).toBe(true);
    expect(r.probes).toEqual([expect.objectContaining({ element: 'v4l2src0', source: spec, readwrite, read: true, errno, feature })]);
    for (const pad of ['v4l2src0.src', 'waylandsink0.sink']) expect(r.pads[pad]!.includes(DMABUF)).toBe(feature !== null);
    expect(r.violations).toEqual([]);
  });

  it('without --memory nothing is probed, and the camera is no simulated exporter: its caps are unknown, not invented', () => {
    const r = run('v4l2src ! waylandsink');
    expect(r.verdict).toBe('undetermined');
    expect(r.probes).toEqual([]);
    expect(r.unknowns).toEqual([expect.objectContaining({ element: 'v4l2src0', pad: 'src', reason: 'device' })]);
    expect(r.pads['v4l2src0.src']).toBeUndefined();
    expect(r.imports).toBeUndefined();
  });

  it('a caller fd: a sealed memfd passed as fd:N is probed where it is, and stays open', () => {
    const fd = createMemfd(4096, { seal: 'write' });
    try {
      const r = run(`v4l2src ! ${NV12} ! waylandsink`, { memory: { v4l2src0: `fd:${fd.fd}` } });
      expect(r.ok).toBe(true);
      expect(r.probes[0]).toMatchObject({ source: `fd:${fd.fd}`, kind: 'memfd', readwrite: false, errno: 'EPERM', feature: DMABUF });
      expect(openFds().has(fd.fd)).toBe(true);
    } finally {
      fd.close();
    }
  });

  it("the DMABuf variant replaces memory features and keeps the others (the exporter's template answer)", () => {
    const t = Caps.fromString('video/x-raw, format=NV12; video/x-raw(format:Interlaced), format=NV12; image/jpeg');
    expect(exporterTemplate(t, true, null).toString()).toBe(
      'video/x-raw(memory:DMABuf), format=(string)NV12; video/x-raw(memory:DMABuf, format:Interlaced), format=(string)NV12; image/jpeg(memory:DMABuf)',
    );
    expect(exporterTemplate(t, false, null)).toBe(t);
  });
});

describe('protected paths: passthrough allowed, converting or mapping elements named', () => {
  // pipeline, exporter memory, ok, [element, rule] violations
  const rows: [string, string, boolean, [string, string][]][] = [
    ['v4l2src ! queue ! identity ! videoconvert ! waylandsink', 'sealed-memfd', true, []],
    [`v4l2src ! ${NV12} ! capsfilter caps="video/x-raw(ANY)" ! waylandsink`, 'sealed-memfd', true, []],
    ['v4l2src ! videoflip method=rotate-180 ! waylandsink', 'sealed-memfd', false, [['videoflip0', 'rejects-dmabuf']]],
    ['v4l2src ! videoflip method=rotate-180 ! waylandsink', 'memfd', true, []],
    [`v4l2src ! ${NV12} ! videoconvert ! video/x-raw(memory:DMABuf),format=I420 ! waylandsink`, 'sealed-memfd', false, [['videoconvert0', 'not-passthrough']]],
    [`v4l2src ! ${NV12_SYS} ! videoconvert ! video/x-raw,format=I420 ! waylandsink`, 'memfd', true, []],
    [`v4l2src ! ${NV12} ! videobox top=2 ! waylandsink`, 'sealed-memfd', false, [['videobox0', 'rejects-dmabuf']]],
    // a system-memory capsfilter right after a protected exporter: explained, not just "could not link"
    [`v4l2src ! ${NV12_SYS} ! waylandsink`, 'sealed-memfd', false, [['capsfilter0', 'rejects-dmabuf']]],
    ['v4l2src ! kmssink', 'sealed-memfd', false, [['kmssink0', 'rejects-dmabuf']]],
    // tee: each branch on its own; only the bad one is blamed
    [`v4l2src ! ${NV12} ! tee name=t t. ! queue ! waylandsink t. ! queue ! appsink`, 'sealed-memfd', false, [['appsink0', 'maps-protected-memory']]],
    [`v4l2src ! ${NV12} ! tee name=t t. ! queue ! fakesink dump=true t. ! queue ! glupload ! fakesink`, 'sealed-memfd', false, [['fakesink0', 'maps-protected-memory']]],
    [`v4l2src ! ${NV12} ! tee name=t t. ! queue ! waylandsink t. ! queue ! fakevideosink`, 'sealed-memfd', true, []],
    [`v4l2src ! ${NV12_SYS} ! tee name=t t. ! queue ! waylandsink t. ! queue ! appsink`, 'memfd', true, []],
  ];

  it.each(rows)('%s (%s)', (pipeline, spec, ok, violations) => {
    const r = run(pipeline, { memory: { v4l2src0: spec } });
    expect(r.violations.map((v) => [v.element, v.rule])).toEqual(violations);
    expect(r.ok).toBe(ok);
    if (!ok) {
      // GStreamer's own refusal is the answer (a rule-following exporter's DMABuf caps: "could not link");
      // a sink that maps what it receives is the policy's own finding
      const [element, rule] = violations[0]!;
      expect(r.error!.kind).toBe(rule === 'maps-protected-memory' ? 'policy' : 'link-failed');
      if (rule === 'maps-protected-memory') expect(r.error!.element).toBe(element);
      // the explanation beside it names the element and the feature, and says why the feature is there
      const v = r.violations[0]!;
      expect(v.message).toContain(element);
      expect(v.message).toContain(DMABUF);
      expect(v.message).toMatch(/EPERM/);
      expect(r.violations.every((x) => x.exporter === 'v4l2src0')).toBe(true);
    }
    if (ok && spec === 'sealed-memfd') {
      // every negotiated pad from the exporter to the importer carries the feature
      for (const [pad, caps] of Object.entries(r.pads)) if (!downstreamOfImporter(pad)) expect(caps, pad).toContain(DMABUF);
    }
  });

  it('glupload after a protected path: no violation up to it; its own output is not modelled, so undetermined', () => {
    const r = run(`v4l2src ! ${NV12} ! queue ! videoconvert ! videoscale ! glupload ! fakesink`, { memory: { v4l2src0: 'sealed-memfd' } });
    expect(r.violations).toEqual([]);
    expect(r.verdict).toBe('undetermined');
    expect(r.unknowns.map((u) => [u.reason, u.pad])).toEqual([['not-modelled', 'src']]);
    for (const [pad, caps] of Object.entries(r.pads)) if (!downstreamOfImporter(pad)) expect(caps, pad).toContain(DMABUF);
    expect(Object.keys(r.pads).some((p) => p.startsWith('fakesink'))).toBe(false);
  });

  it('the capsfilter conflict: GStreamer\'s words, the policy explanation beside them', () => {
    const r = run(`v4l2src ! ${NV12_SYS} ! waylandsink`, { memory: { v4l2src0: 'sealed-memfd' } });
    expect(r.error).toMatchObject({
      kind: 'link-failed',
      message: "could not link v4l2src0 to waylandsink0, v4l2src0 can't handle caps video/x-raw, format=(string)NV12, width=(int)640, height=(int)480, framerate=(fraction)30/1",
    });
    expect(r.violations).toEqual([expect.objectContaining({ element: 'capsfilter0', rule: 'rejects-dmabuf' })]);
    expect(r.notes.some((n) => n.startsWith('policy: capsfilter0 (capsfilter) cannot take memory:DMABuf'))).toBe(true);
  });

  it('passthrough elements on a protected path are reported in passthrough', () => {
    const r = run('v4l2src ! queue ! identity ! videoconvert ! waylandsink', { memory: { v4l2src0: 'sealed-memfd' } });
    expect(r.elements.find((e) => e.name === 'videoconvert0')?.passthrough).toBe(true);
    expect(r.imports).toEqual([expect.objectContaining({ importer: 'waylandsink0', exporter: 'v4l2src0', dmabuf: true, zeroCopy: true })]);
  });
});

describe('on a protected path an element is judged by what it does with these caps (GStreamer: dmabuf-exporter.spec.ts)', () => {
  const caps = { 'v4l2src0.src': 'video/x-raw,format=NV12,width=320,height=240,framerate=30/1' };
  it.each([
    // element, ok, violation, what the walk had to assume (a note), or null
    ['deinterlace', true, null, null], // progressive input: passthrough
    ['videocrop', true, null, null], // nothing to crop: passthrough at decide_allocation
    ['videobalance', true, null, null], // neutral properties: passthrough
    ['progressreport', true, null, null], // passthrough from construction
    ['valve', true, null, null],
    ['taginject', true, null, 'assumed to leave the buffers\' contents alone'],
    ['videocrop top=2', false, 'not-passthrough', null], // it crops: buffers of its own
    ['videobalance saturation=0.5', false, 'rejects-dmabuf', null], // GStreamer: could not link
  ] as const)('%s: ok %s, violation %s, assumption %s', (element, ok, rule, note) => {
    const r = run(`v4l2src ! ${element} ! fakesink`, { memory: { v4l2src0: 'sealed-memfd' }, caps });
    expect(r.ok).toBe(ok);
    expect(r.violations[0]?.rule ?? null).toBe(rule);
    const said = r.notes.filter((n) => n.includes('is on a protected path'));
    if (note === null) expect(said).toEqual([]);
    else expect(said).toEqual([expect.stringContaining(note)]);
  });
});

describe('importers check what arrives (gst_is_dmabuf_memory)', () => {
  it.each([
    // exporter memory, pipeline, dma-buf memory arrives at the importer
    ['memfd', 'v4l2src ! waylandsink', true],
    ['sealed-memfd', 'v4l2src ! queue ! waylandsink', true],
    // GstShmAllocator is an fd allocator, not a dmabuf one: the importer copies
    ['shm', 'v4l2src ! waylandsink', false],
    // a converting element in between hands over its own system memory
    ['memfd', `v4l2src ! ${NV12_SYS} ! videoconvert ! video/x-raw,format=I420 ! waylandsink`, false],
  ] as const)('%s: %s → dmabuf %s', (spec, pipeline, dmabuf) => {
    const r = run(pipeline, { memory: { v4l2src0: spec } });
    expect(r.ok).toBe(true);
    expect(r.imports).toEqual([expect.objectContaining({ importer: 'waylandsink0', dmabuf, zeroCopy: dmabuf })]);
  });
});

describe('the exporter allocates its real buffer at decide_allocation', () => {
  it('the allocator is the exporter\'s, the probe maps the negotiated frame size', () => {
    const r = run(`v4l2src ! ${NV12} ! waylandsink`, { memory: { v4l2src0: 'sealed-memfd' } });
    const own = r.allocation.find((a) => a.src === 'v4l2src0.src');
    expect(own?.decided?.allocator).toBe('dmabuf');
    expect(r.probes[0]).toMatchObject({ feature: DMABUF, readwrite: false });
  });
});

describe('DMA_DRM (1.24+ caps on a 1.22 registry)', () => {
  it.each([
    // exporter drm-formats, spec, downstream caps, ok, first violation
    ['NV12:0x0100000000000002', 'memfd', 'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000002', true, null],
    ['NV12:0x0100000000000002', 'memfd', 'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000001', false, 'drm-modifier-mismatch'],
    ['NV12:0x0100000000000002', 'memfd', 'video/x-raw,format=NV12', false, 'rejects-dmabuf'],
    // linear and mappable: may flow as system memory
    ['NV12', 'memfd', 'video/x-raw,format=NV12', true, null],
    // linear but protected: the feature after all
    ['NV12', 'sealed-memfd', 'video/x-raw,format=NV12', false, 'rejects-dmabuf'],
    ['NV12', 'sealed-memfd', 'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12', true, null],
  ] as const)('v4l2src drm-format=%s (%s) ! queue ! %s', (drm, spec, caps, ok, rule) => {
    const r = run(`v4l2src ! queue ! capsfilter caps="${caps}" ! fakesink`, { memory: { v4l2src0: spec }, drm: { v4l2src0: drm } });
    expect(r.ok).toBe(ok);
    expect(r.violations[0]?.rule ?? null).toBe(rule);
    if (ok && caps.includes('DMA_DRM')) expect(r.pads['v4l2src0.src']).toContain(`drm-format=(string)${caps.split('drm-format=')[1]}`);
  });

  it('a malformed drm-format is bad input, with the reason', () => {
    const r = run('v4l2src ! fakesink', { memory: { v4l2src0: 'memfd' }, drm: { v4l2src0: 'NV12:0x0000000000000000' } });
    expect(r.error).toMatchObject({ kind: 'declaration', element: 'v4l2src0', declaredWith: 'drm', declared: 'NV12:0x0000000000000000', offset: 4, length: 19 });
    expect(r.error!.message).toMatch(/linear modifier is written by leaving it out/);
  });

  // --drm alone: the element exports dma-bufs as DMA_DRM caps, its memory not probed (an assumption)
  it.each([
    // drm-formats, downstream, ok, first violation
    ['NV12:0x0100000000000002', 'fakesink', true, null],
    ['NV12:0x0100000000000002', 'capsfilter caps="video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000002" ! fakesink', true, null],
    ['NV12:0x0100000000000002', 'capsfilter caps="video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000001" ! fakesink', false, 'drm-modifier-mismatch'],
    ['NV12:0x0100000000000002', 'capsfilter caps="video/x-raw,format=NV12" ! fakesink', false, 'rejects-dmabuf'],
    // linear but not probed: nothing says it maps, so no system-memory NV12 is offered
    ['NV12', 'capsfilter caps="video/x-raw,format=NV12" ! fakesink', false, null],
    ['NV12', 'capsfilter caps="video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12" ! fakesink', true, null],
  ] as const)('--drm v4l2src0=%s alone ! queue ! %s', (drm, rest, ok, rule) => {
    const r = run(`v4l2src ! queue ! ${rest}`, { drm: { v4l2src0: drm } });
    expect(r.ok).toBe(ok);
    expect(r.violations[0]?.rule ?? null).toBe(rule);
    expect(r.probes).toEqual([]);
    expect(r.assumptions).toEqual([expect.objectContaining({ element: 'v4l2src0', pad: 'src', source: 'declared' })]);
    if (ok) expect(r.pads['queue0.src']).toMatch(new RegExp(`^video/x-raw\\(memory:DMABuf\\), format=\\(string\\)DMA_DRM, .*drm-format=\\(string\\)${drm}`));
    if (!ok) expect(r.error?.kind).toBe('link-failed');
  });

  it.each([
    // pipeline, drm, kind, offset, length, message
    ['v4l2src ! fakesink', 'NV12,NV1:0x1', 'declaration', 5, 3, /'NV1' is not a DRM fourcc/],
    ['v4l2src ! fakesink', 'NV12:zz', 'declaration', 5, 2, /'zz' is not a DRM modifier/],
    ['v4l2src ! fakesink', 'NV12,,YUYV', 'declaration', 5, 1, /empty entry/],
    ['v4l2src ! queue ! fakesink', 'NV12', 'declaration', 0, 4, /queue0 \(queue\) cannot be an exporter/],
    ['alsasrc ! fakesink', 'NV12', 'declaration', 0, 4, /no video\/x-raw/],
  ] as const)('--drm alone on %s with %s: %s error at %i+%i', (pipeline, drm, kind, offset, length, message) => {
    const element = pipeline.includes('queue') ? 'queue0' : pipeline.startsWith('alsasrc') ? 'alsasrc0' : 'v4l2src0';
    const r = run(pipeline, { drm: { [element]: drm } });
    expect(r.error).toMatchObject({ kind, element, declaredWith: 'drm', declared: drm, offset, length });
    expect(r.error!.message).toMatch(message);
  });

  it('--drm alone for an element the pipeline does not have: no-element, naming it', () => {
    const r = run('v4l2src ! fakesink', { drm: { v4l2src1: 'NV12' } });
    expect(r.error).toMatchObject({ kind: 'no-element', element: 'v4l2src1' });
    expect(r.error!.message).toContain('it has v4l2src0, fakesink0');
  });
});

describe('bad memory options are clear errors', () => {
  it.each([
    [{ v4l2src1: 'sealed-memfd' }, 'no-element', 'v4l2src1'],
    [{ v4l2src0: 'sealed' }, 'syntax', 'v4l2src0'],
    [{ waylandsink0: 'memfd' }, 'no-pad', 'waylandsink0'],
    [{ queue0: 'memfd' }, 'memory', 'queue0'],
    [{ v4l2src0: 'fd:999999' }, 'memory', 'v4l2src0'],
  ] as const)('%j → %s naming %s', (memory, kind, element) => {
    const r = run('v4l2src ! queue ! waylandsink', { memory });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ kind, element });
    expect(r.error!.message).toContain(element);
  });

  it('udmabuf / dma-heap: allocated when the device is here, a clear memory error when it is not', () => {
    for (const spec of ['udmabuf', 'dma-heap:system']) {
      const r = run('v4l2src ! waylandsink', { memory: { v4l2src0: spec } });
      if (r.ok) expect(r.probes[0]).toMatchObject({ kind: 'dma-buf' });
      else expect(r.error).toMatchObject({ kind: 'memory', element: 'v4l2src0' });
    }
  });
});

describe('properties over random pipelines and exporter memory', () => {
  const middles = [
    'queue',
    'identity',
    'videoconvert',
    'videoscale',
    'capsfilter caps="video/x-raw(ANY)"',
    'videoflip method=rotate-180',
    'videobox top=2',
    'capsfilter caps="video/x-raw,format=I420"',
    'videoconvert ! capsfilter caps="video/x-raw,format=I420"',
    'identity dump=true',
  ];
  const sinks = ['waylandsink', 'glupload ! fakesink', 'fakesink', 'fakevideosink', 'appsink'];
  const pipelineArb = fc.record({
    middle: fc.array(fc.constantFrom(...middles), { maxLength: 4 }),
    tee: fc.option(fc.tuple(fc.constantFrom(...sinks), fc.constantFrom(...middles)), { nil: undefined }),
    sink: fc.constantFrom(...sinks),
    spec: fc.constantFrom('memfd', 'sealed-memfd', 'shm'),
  });
  /** elements that map or rewrite buffers whatever their caps */
  const mapping = new Set(['videoflip', 'videobox', 'videocrop', 'appsink', 'jpegenc']);
  const converters = new Set(['videoconvert', 'videoscale']);

  it('the feature appears iff the probe refused READWRITE; no violation-free protected path has a non-passthrough element; nothing leaks', () => {
    const registry = defaultRegistry();
    fc.assert(
      fc.property(pipelineArb, ({ middle, tee, sink, spec }) => {
        let text = ['v4l2src', 'capsfilter caps="video/x-raw(ANY),format=NV12,width=320,height=240,framerate=30/1"', ...middle].join(' ! ');
        text += tee === undefined ? ` ! ${sink}` : ` ! tee name=t t. ! queue ! ${sink} t. ! queue ! ${tee[1]} ! ${tee[0]}`;
        const r = run(text, { memory: { v4l2src0: spec }, registry });
        expect(r.error?.kind, r.error?.message).not.toBe('syntax');
        const probe = r.probes.find((p) => p.element === 'v4l2src0');
        expect(probe).toBeDefined();
        expect(probe!.feature !== null).toBe(!probe!.readwrite);
        const src = r.pads['v4l2src0.src'];
        if (src !== undefined) expect(src.includes(DMABUF)).toBe(!probe!.readwrite);
        if (r.error?.kind === 'policy') expect(r.violations.length).toBeGreaterThan(0);
        if (r.ok && r.violations.length === 0 && !probe!.readwrite) {
          for (const e of r.elements) {
            expect(mapping.has(e.factory), `${e.name} maps protected memory`).toBe(false);
            if (converters.has(e.factory)) expect(e.passthrough, `${e.name} passthrough`).toBe(true);
            if (e.factory === 'identity' || e.factory === 'fakesink') expect(text.includes('dump=true')).toBe(false);
          }
          // and the feature is on every pad the negotiation set, up to the importers
          for (const [pad, caps] of Object.entries(r.pads)) if (!downstreamOfImporter(pad)) expect(caps, pad).toContain(DMABUF);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('real-world pipelines (users-and-peers.md §3)', () => {
  it('#1 linear NV12 from v4l2src into v4l2sink: mappable → system memory, no feature; protected → v4l2sink cannot take it', () => {
    const mappable = run('v4l2src ! v4l2sink', { memory: { v4l2src0: 'memfd' }, drm: { v4l2src0: 'NV12' } });
    expect(mappable.ok).toBe(true);
    expect(mappable.pads['v4l2src0.src']).toMatch(/^video\/x-raw, format=\(string\)NV12/);
    const sealed = run('v4l2src ! v4l2sink', { memory: { v4l2src0: 'sealed-memfd' }, drm: { v4l2src0: 'NV12' } });
    expect(sealed.violations.map((v) => [v.element, v.rule])).toEqual([['v4l2sink0', 'rejects-dmabuf']]);
  });

  it('#2 format=DMA_DRM without the feature: could not link, and the caps are flagged', () => {
    const r = run('v4l2src ! capsfilter caps="video/x-raw,format=DMA_DRM,width=640,height=360,framerate=30/1" ! videoscale ! appsink');
    expect(r.ok).toBe(false);
    expect(r.notes.some((n) => n.startsWith('capsfilter0: caps') && n.includes('memory:DMABuf'))).toBe(true);
  });

  it('#3 an explicit linear modifier (XR24:0x0…0) is refused with the canonical spelling', () => {
    const r = run('v4l2src ! fakesink', { memory: { v4l2src0: 'memfd' }, drm: { v4l2src0: 'XR24:0x0000000000000000' } });
    expect(r.error).toMatchObject({ kind: 'declaration', element: 'v4l2src0', declaredWith: 'drm' });
    expect(r.error!.message).toContain('XR24:0x0000000000000000');
  });

  it('#5 a DMABuf-only filter into an element whose template lacks the feature fails to link, explained', () => {
    const r = run(`v4l2src ! ${NV12} ! jpegenc ! fakesink`, { memory: { v4l2src0: 'sealed-memfd' } });
    expect(r.violations.map((v) => [v.element, v.rule])).toEqual([['jpegenc0', 'rejects-dmabuf']]);
  });

  it('#19 no CPU-touching element downstream of protected memory: an appsink after a passthrough queue is named', () => {
    const r = run(`v4l2src ! ${NV12} ! queue ! appsink`, { memory: { v4l2src0: 'sealed-memfd' } });
    expect(r.violations.map((v) => [v.element, v.rule])).toEqual([['appsink0', 'maps-protected-memory']]);
  });
});

describe("the exporter model is src/memory's own GstDmaBufAllocator / GstShmAllocator", () => {
  /** the memory the exporter hands downstream, made the way GStreamer's exporters make it */
  function exporterMemory(spec: 'memfd' | 'sealed-memfd' | 'shm'): FdMemory {
    if (spec === 'shm') {
      const r = new ShmAllocator().allocate(65536);
      if (!r.ok) throw new Error(r.message);
      return r.memory;
    }
    return new DmaBufAllocator().alloc(createMemfd(65536, spec === 'sealed-memfd' ? { seal: 'write' } : {}), 65536);
  }

  it.each(['memfd', 'sealed-memfd', 'shm'] as const)('%s: gst_is_dmabuf_memory and the READWRITE map agree with the probe', (spec) => {
    const fds = openFds();
    const memory = exporterMemory(spec);
    let rw: boolean;
    try {
      const info = memory.map(MapFlags.READWRITE);
      rw = info.ok;
      if (info.ok) memory.unmap(info);
      expect(isDmabufMemory(memory)).toBe(probeExporter('x', spec).ok && (probeExporter('x', spec) as { dmabuf: boolean }).dmabuf);
    } finally {
      memory.free();
    }
    const probe = probeExporter('x', spec);
    expect(probe.ok && probe.report.readwrite).toBe(rw);
    expect([...openFds()].filter((fd) => !fds.has(fd))).toEqual([]);
  });
});
