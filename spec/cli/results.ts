/**
 * Hand-built NegotiationResult objects for testing the renderers (report, DOT, SVG, HTML) apart from the
 * engine. The caps strings are copied from `gst-launch-1.0 -v` output on GStreamer 1.22; the shapes follow
 * src/negotiation/types.ts. They say nothing about what the engine answers: spec/negotiation does that.
 */
import type { NegotiationResult } from '../../src/negotiation/types.js';

/** a failed result: spreading it with another error keeps it one */
export type FailedResult = Extract<NegotiationResult, { verdict: 'failed' }>;

const I420 =
  'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive';

/** videotestsrc ! video/x-raw,format=I420 ! videoconvert ! fakesink */
export const negotiated: NegotiationResult = {
  ok: true,
  verdict: 'negotiated',
  unknowns: [],
  assumptions: [],
  error: null,
  pads: {
    'videotestsrc0.src': I420,
    'capsfilter0.sink': I420,
    'capsfilter0.src': I420,
    'videoconvert0.sink': I420,
    'videoconvert0.src': I420,
    'fakesink0.sink': I420,
  },
  elements: [
    { name: 'videotestsrc0', factory: 'videotestsrc', model: 'profile', passthrough: null },
    { name: 'capsfilter0', factory: 'capsfilter', model: 'profile', passthrough: true },
    { name: 'videoconvert0', factory: 'videoconvert', model: 'profile', passthrough: true },
    { name: 'fakesink0', factory: 'fakesink', model: 'profile', passthrough: null },
  ],
  links: [
    { src: 'videotestsrc0.src', sink: 'capsfilter0.sink', caps: I420 },
    { src: 'capsfilter0.src', sink: 'videoconvert0.sink', caps: I420 },
    { src: 'videoconvert0.src', sink: 'fakesink0.sink', caps: I420 },
  ],
  allocation: [],
  probes: [],
  violations: [],
  explain: null,
  notes: [],
};

/** videotestsrc ! video/x-raw,format=RGBA ! video/x-raw,format=NV12 ! fakesink */
export const notNegotiated: FailedResult = {
  ok: false,
  verdict: 'failed',
  unknowns: [],
  assumptions: [],
  error: {
    kind: 'not-negotiated',
    message: 'capsfilter1: no common caps with capsfilter0',
    element: 'capsfilter1',
    pad: 'sink',
  },
  pads: {},
  elements: [
    { name: 'videotestsrc0', factory: 'videotestsrc', model: 'profile', passthrough: null },
    { name: 'capsfilter0', factory: 'capsfilter', model: 'profile', passthrough: null },
    { name: 'capsfilter1', factory: 'capsfilter', model: 'profile', passthrough: null },
    { name: 'fakesink0', factory: 'fakesink', model: 'profile', passthrough: null },
  ],
  links: [
    { src: 'videotestsrc0.src', sink: 'capsfilter0.sink', caps: null },
    { src: 'capsfilter0.src', sink: 'capsfilter1.sink', caps: null },
    { src: 'capsfilter1.src', sink: 'fakesink0.sink', caps: null },
  ],
  allocation: [],
  probes: [],
  violations: [],
  explain: {
    summary: 'not negotiated: capsfilter0 and capsfilter1 have no format in common',
    conflict: {
      element: 'capsfilter1',
      pad: 'sink',
      field: 'format',
      left: { value: 'RGBA', from: 'capsfilter0' },
      right: { value: 'NV12', from: 'capsfilter1' },
    },
    steps: [
      { element: 'capsfilter0', pad: 'src', offered: 'video/x-raw, format=(string)RGBA', note: 'caps filter restricts the source' },
      { element: 'capsfilter1', pad: 'sink', accepted: 'video/x-raw, format=(string)NV12', note: 'intersection is EMPTY' },
    ],
  },
  notes: [],
};

const DMABUF_NV12 = 'video/x-raw(memory:DMABuf), format=(string)NV12, width=(int)640, height=(int)480, framerate=(fraction)30/1';

/** v4l2src (sealed memfd, READWRITE refused) ! queue ! videoflip method=rotate-180 ! waylandsink */
export const violation: NegotiationResult = {
  ok: true,
  verdict: 'negotiated',
  unknowns: [],
  assumptions: [],
  error: null,
  pads: {
    'v4l2src0.src': DMABUF_NV12,
    'queue0.sink': DMABUF_NV12,
    'queue0.src': DMABUF_NV12,
    'videoflip0.sink': DMABUF_NV12,
    'videoflip0.src': DMABUF_NV12,
    'waylandsink0.sink': DMABUF_NV12,
  },
  elements: [
    { name: 'v4l2src0', factory: 'v4l2src', model: 'template-only', passthrough: null },
    { name: 'queue0', factory: 'queue', model: 'profile', passthrough: true },
    { name: 'videoflip0', factory: 'videoflip', model: 'profile', passthrough: false },
    { name: 'waylandsink0', factory: 'waylandsink', model: 'template-only', passthrough: null },
  ],
  links: [
    { src: 'v4l2src0.src', sink: 'queue0.sink', caps: DMABUF_NV12 },
    { src: 'queue0.src', sink: 'videoflip0.sink', caps: DMABUF_NV12 },
    { src: 'videoflip0.src', sink: 'waylandsink0.sink', caps: DMABUF_NV12 },
  ],
  allocation: [
    {
      src: 'v4l2src0.src',
      sink: 'queue0.sink',
      needPool: true,
      answered: true,
      from: 'v4l2src0',
      pools: [{ size: 460800, min: 2, max: 0, pool: 'GstVideoBufferPool' }],
      allocators: ['dmabuf'],
      params: { flags: 0, align: 63, prefix: 0, padding: 0 },
      metas: ['GstVideoMeta'],
      decided: { pool: { size: 460800, min: 2, max: 0 }, allocator: 'dmabuf' },
    },
  ],
  probes: [
    { element: 'v4l2src0', source: 'sealed-memfd', kind: 'memfd', readwrite: false, read: true, errno: 'EPERM', feature: 'memory:DMABuf' },
  ],
  violations: [
    {
      element: 'videoflip0',
      rule: 'maps-protected-memory',
      message: 'videoflip0 rotates frames, so it maps the protected memory of v4l2src0',
      exporter: 'v4l2src0',
    },
  ],
  imports: [
    { importer: 'waylandsink0', exporter: 'v4l2src0', dmabuf: true, zeroCopy: true, message: 'waylandsink0 receives dmabuf memory from v4l2src0 and imports it by fd' },
  ],
  explain: {
    summary: 'policy: videoflip0 would map memory:DMABuf buffers that v4l2src0 cannot map READWRITE',
    steps: [
      { element: 'v4l2src0', pad: 'src', offered: DMABUF_NV12, note: 'READWRITE map refused (EPERM): memory:DMABuf attached' },
      { element: 'videoflip0', note: 'method rotate-180 rewrites every frame: not passthrough' },
    ],
  },
  notes: ['v4l2src0 and waylandsink0 have no behaviour profile: template-only'],
};

/** A syntax error with a position, for the caret. */
export const syntaxError: FailedResult = {
  ok: false,
  verdict: 'failed',
  unknowns: [],
  assumptions: [],
  error: { kind: 'syntax', message: 'link without a sink element', offset: 15, length: 1 },
  pads: {},
  elements: [],
  links: [],
  allocation: [],
  probes: [],
  violations: [],
  explain: null,
  notes: [],
};

/** v4l2src (sealed memfd) ! queue ! videoflip ! waylandsink: refused at link time, so no link has caps */
export const linkRefused: FailedResult = {
  ok: false,
  verdict: 'failed',
  unknowns: [],
  assumptions: [],
  error: { kind: 'policy', element: 'videoflip0', message: 'videoflip0 (videoflip) cannot take memory:DMABuf: its sink template offers system memory only' },
  pads: {},
  elements: [
    { name: 'v4l2src0', factory: 'v4l2src', model: 'template-only', passthrough: null },
    { name: 'queue0', factory: 'queue', model: 'profile', passthrough: null },
    { name: 'videoflip0', factory: 'videoflip', model: 'profile', passthrough: null },
    { name: 'waylandsink0', factory: 'waylandsink', model: 'template-only', passthrough: null },
  ],
  links: [],
  allocation: [],
  probes: [{ element: 'v4l2src0', source: 'sealed-memfd', kind: 'memfd', readwrite: false, read: true, errno: 'EPERM', feature: 'memory:DMABuf' }],
  violations: [{ element: 'videoflip0', rule: 'rejects-dmabuf', message: 'videoflip0 cannot take memory:DMABuf', exporter: 'v4l2src0' }],
  explain: {
    summary: 'videoflip0 (videoflip) cannot take memory:DMABuf',
    conflict: {
      element: 'videoflip0',
      pad: 'sink',
      field: 'features',
      left: { value: 'memory:DMABuf', from: 'queue0.src' },
      right: { value: 'system memory', from: 'videoflip0.sink' },
    },
    steps: [],
  },
  notes: [],
};
