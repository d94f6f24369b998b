/**
 * The memory:DMABuf policy (negotiation-allocation.md §6.1, §6.8; users-and-peers.md §0):
 *
 * - An exporter (`options.memory[element] = spec`) allocates real memory (memory-probe.ts) and tries a
 *   READWRITE map. Refused → its buffers are protected: its src caps carry `memory:DMABuf`, which
 *   changes caps negotiation itself (the template answer becomes the DMABuf variant, so an element that
 *   cannot take the feature fails to link or negotiate, and that failure is explained as a policy error).
 *   Mapped → no feature, and elements may process the buffers.
 * - On a protected path every element between exporter and importer must be in passthrough (same caps
 *   in and out) and must not map or rewrite buffers: converters and scalers only in passthrough; flips,
 *   crops, borders, codecs never; sinks that hand buffers to the application or write them out never.
 *   Tee branches are walked separately, so only the bad branch is blamed.
 * - Importers (a sink template that lists memory:DMABuf) are checked the way GStreamer's are: what
 *   arrives is dmabuf memory (gst_is_dmabuf_memory) only when it is still the exporter's.
 * - DMA_DRM (1.24+, `options.drm[element] = 'NV12:0x…,NV12'`): the exporter's DMABuf structure is
 *   `format=DMA_DRM, drm-format={…}`; linear modifiers may also flow as system memory when mappable;
 *   an element asking for another modifier is explained as 'drm-modifier-mismatch'.
 *
 * The probe that decides the feature runs before caps negotiation: GStreamer's exporter probes at
 * decide_allocation and renegotiates with the feature; capsflow computes that end state directly, then
 * allocates and probes the exporter's real buffer again at decide_allocation (allocation.ts).
 */
import { Caps, getField, setField, type CapsEntry, type CapsFeatures, type Structure, type Value } from '../../caps/index.js';
import { DMABUF } from '../../caps/index.js';
import { checkDrmCaps, drmFormatToString, parseDrmFormat, type DrmFormat } from '../../caps/index.js';
import { bufferHandling, simulateAllocation, type PeerQueryCaps } from './allocation.js';
import { PadNode, type ElementNode } from '../engine/model.js';
import type { Graph } from '../graph/graph.js';
import { applyDeclaredCaps } from '../declare/declarations.js';
import { isMemorySpec, probeExporter, type ExporterProbe } from './memory-probe.js';
import { defaultRegistry, gstRelease, type Registry } from '../registry/registry.js';
import type { AllocationReport, Assumption, ImportReport, NegotiationError, ProbeReport, Violation } from '../types.js';

export interface PolicyOptions {
  /** the registry the pipeline was negotiated with: its allocation facts drive the ALLOCATION query */
  readonly registry?: Registry;
  /** element name → memory spec: that element exports real memory of this kind */
  readonly memory?: Readonly<Record<string, string>>;
  /** element name → drm-format list (`NV12:0x0100000000000002,NV12`): the exporter negotiates DMA_DRM caps */
  readonly drm?: Readonly<Record<string, string>>;
  /** 'element.pad' → caps the pad offers, as declared (declarations.ts): applied before the exporters' probes */
  readonly caps?: Readonly<Record<string, string>>;
}

interface Exporter {
  readonly element: ElementNode;
  /** its --memory spec; null for a --drm exporter whose memory is not probed */
  readonly spec: string | null;
  readonly probe: Extract<ExporterProbe, { ok: true }> | null;
  /** the probe at decide_allocation, with the negotiated buffer size */
  decided: Extract<ExporterProbe, { ok: true }> | null;
  readonly drm: readonly DrmFormat[] | null;
  /** its src caps carry memory:DMABuf */
  readonly protectedCaps: boolean;
}

/** What the negotiation result gets from the policy run. */
export interface PolicyResult {
  allocation: unknown[];
  probes: unknown[];
  violations: unknown[];
  notes: string[];
  /** pads whose CAPS event failed after all (a decide_allocation inside set_caps refused): they keep no caps */
  unset?: string[];
}

type PathClass = 'importer' | 'forward' | 'end' | 'not-passthrough' | 'maps';

const hasDmabuf = (f: CapsFeatures | null): boolean => f !== null && !f.any && f.names.includes(DMABUF);
const takesDmabuf = (c: Caps): boolean => c.isAny() || c.entries.some((e) => e.features !== null && (e.features.any || e.features.names.includes(DMABUF)));
const listsDmabuf = (c: Caps): boolean => !c.isAny() && c.entries.some((e) => hasDmabuf(e.features));

/** memory:DMABuf in place of any memory feature; other features (format:Interlaced, meta:…) stay */
function dmabufFeatures(f: CapsFeatures | null): CapsFeatures {
  const rest = f === null || f.any ? [] : f.names.filter((n) => !n.startsWith('memory:'));
  return { any: false, names: [DMABUF, ...rest] };
}

/** memory:DMABuf dropped (system memory); other features stay */
function withoutDmabuf(f: CapsFeatures | null): CapsFeatures | null {
  if (f === null || f.any) return f;
  const rest = f.names.filter((n) => n !== DMABUF);
  return rest.length === 0 ? null : { any: false, names: rest };
}

const str = (value: string): Value => ({ kind: 'string', value });
const strList = (values: readonly string[]): Value => (values.length === 1 ? str(values[0]!) : { kind: 'list', items: values.map(str) });

/**
 * drm-format (as GStreamer prints it: FOURCC, FOURCC:0xMODIFIER) → GStreamer video format, the table of
 * gst_video_dma_drm_format_to_gst_format in 1.26.2 (dumped in the Debian 13 root): what a mappable exporter's
 * DMA_DRM structure is in system memory. Tiled modifiers with a GStreamer format of their own are in it.
 */
const DRM_TO_GST: Readonly<Record<string, string>> = {
  YU12: 'I420', YV12: 'YV12', YUYV: 'YUY2', UYVY: 'UYVY', XB24: 'RGBx', XR24: 'BGRx', BX24: 'xRGB', RX24: 'xBGR', AB24: 'RGBA',
  AR24: 'BGRA', BA24: 'ARGB', RA24: 'ABGR', BG24: 'RGB', RG24: 'BGR', YU11: 'Y41B', YU16: 'Y42B', YVYU: 'YVYU', YU24: 'Y444',
  NV12: 'NV12', NV21: 'NV21', 'R8  ': 'GRAY8', 'R16 ': 'GRAY16_LE', RG16: 'RGB16', BG16: 'BGR16', XR15: 'RGB15', YUV9: 'YUV9',
  YVU9: 'YVU9', NV16: 'NV16', NV24: 'NV24', NV61: 'NV61', P010: 'P010_10LE', VYUY: 'VYUY', NV15: 'NV12_10LE40', Y210: 'Y210',
  Y410: 'Y410', AYUV: 'VUYA', AR30: 'BGR10A2_LE', P012: 'P012_LE', Y212: 'Y212_LE', Y412: 'Y412_LE',
  'NV12:0x0400000000000001': 'NV12_64Z32', 'NV12:0x0600000000000001': 'NV12_4L4', 'NV12:0x0b00000000000001': 'NV12_16L32S',
  'NV15:0x0600000000000001': 'NV12_10LE40_4L4', 'NV15:0x0b00000000010001': 'MT2110T', 'NV15:0x0b00000000020001': 'MT2110R',
};

/** a DMA_DRM structure as a mappable exporter offers it in system memory (null: no drm-format has a GStreamer format); others unchanged */
function systemMemoryStructure(s: Structure): Structure | null {
  const f = getField(s, 'format');
  if (f?.kind !== 'string' || f.value !== 'DMA_DRM') return s;
  const d = getField(s, 'drm-format');
  const items = d === undefined ? [] : d.kind === 'list' ? d.items : [d];
  const formats: string[] = [];
  for (const item of items) {
    const parsed = item.kind === 'string' && item.value !== null ? parseDrmFormat(item.value) : null;
    const format = parsed === null ? undefined : DRM_TO_GST[drmFormatToString(parsed)];
    if (format !== undefined && !formats.includes(format)) formats.push(format);
  }
  if (formats.length === 0) return null;
  return setField({ ...s, fields: s.fields.filter((x) => x.name !== 'drm-format') }, 'format', strList(formats));
}

/**
 * The exporter's src template as the policy makes it: protected → every structure in its DMABuf variant;
 * DMA_DRM mode → video/x-raw as `format=DMA_DRM, drm-format={…}` under the feature, plus system memory for
 * linear formats when the memory maps.
 */
export function exporterTemplate(template: Caps, protectedCaps: boolean, drm: readonly DrmFormat[] | null): Caps {
  if (drm === null) {
    if (template.isAny()) return protectedCaps ? Caps.fromString(`video/x-raw(${DMABUF})`) : template;
    // the probe decides the feature whatever the order the device lists it in: mapped → the feature is not
    // used (its structures in system memory), refused → memory:DMABuf only; a structure already offered is not repeated
    if (!protectedCaps && !template.entries.some((e) => hasDmabuf(e.features))) return template;
    return template.entries.reduce((acc, e) => {
      // mapped: a DMA_DRM structure becomes the GStreamer formats its drm-format entries stand for (1.24+ exporters)
      const structure = protectedCaps ? e.structure : systemMemoryStructure(e.structure);
      return structure === null ? acc : acc.merge(Caps.fromEntries([{ structure, features: protectedCaps ? dmabufFeatures(e.features) : withoutDmabuf(e.features) }]));
    }, Caps.EMPTY);
  }
  const raw = template.isAny() ? [{ structure: { name: 'video/x-raw', fields: [] }, features: null } as CapsEntry] : template.entries.filter((e) => e.structure.name === 'video/x-raw');
  const drmText = drm.map(drmFormatToString);
  const linear = protectedCaps ? [] : drm.filter((d) => d.modifier === 0n && !d.bigEndian).map((d) => DRM_TO_GST[d.fourcc]).filter((f): f is string => f !== undefined);
  const entries: CapsEntry[] = [];
  for (const e of raw) {
    if (linear.length > 0) entries.push({ structure: setField(e.structure, 'format', strList(linear)), features: null });
    let s: Structure = setField(e.structure, 'format', str('DMA_DRM'));
    s = setField(s, 'drm-format', strList(drmText));
    entries.push({ structure: s, features: dmabufFeatures(e.features) });
  }
  return Caps.fromEntries(entries);
}

/** `NV12:0x…,NV12` into formats; a part that is no drm-format is a 'declaration' error pointing into the text */
function parseDrmList(element: string, text: string): readonly DrmFormat[] | NegotiationError {
  const refuse = (offset: number, length: number, message: string): NegotiationError => ({
    kind: 'declaration',
    element,
    declaredWith: 'drm',
    declaration: element,
    declared: text,
    offset,
    length: Math.max(1, length),
    message: `drm-format for ${element}: ${message}`,
  });
  const out: DrmFormat[] = [];
  let at = 0;
  for (const raw of text.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const part = raw.trim();
    const offset = at + lead;
    at += raw.length + 1;
    if (part === '') return refuse(Math.min(offset, Math.max(0, text.length - 1)), 1, text.trim() === '' ? 'empty: give FOURCC[:0xMODIFIER], e.g. NV12:0x0100000000000002' : 'an empty entry between commas');
    // the caps engine's DMA_DRM checks say what is wrong with the part, and where
    const prefix = 'video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=';
    const issue = /[{}<>()\[\];"=]/.test(part) ? null : checkDrmCaps(prefix + part)[0];
    const f = parseDrmFormat(part);
    if (issue !== undefined || f === null) {
      const where = issue === undefined || issue === null ? { offset: 0, length: part.length } : { offset: Math.max(0, issue.offset - prefix.length), length: issue.length };
      return refuse(offset + where.offset, where.length, issue?.message ?? `'${part}' is not FOURCC[:0xMODIFIER] (a linear modifier is written by leaving it out)`);
    }
    out.push(f);
  }
  return out;
}

const probeText = (p: ProbeReport): string =>
  p.readwrite ? `${p.source} maps READWRITE` : `${p.source} refused a READWRITE map${p.errno !== null ? ` (${p.errno})` : ''}`;

/** One negotiate() call's policy: prepare() before linking, finish() after caps negotiation. */
export class PolicyRun {
  private readonly exporters: Exporter[] = [];
  private imports: ImportReport[] = [];
  /** elements on a protected path assumed to forward the exporter's buffers untouched, and why */
  private readonly assumedForwarding = new Map<ElementNode, string>();
  /** declared caps the answer rests on */
  assumptions: Assumption[] = [];
  /** transforms passing on the buffers they receive, as their decide_allocation settled it */
  private forwarded: ReadonlySet<ElementNode> = new Set();

  constructor(
    private readonly graph: Graph,
    private readonly options: PolicyOptions,
  ) {}

  get active(): boolean {
    return this.exporters.length > 0;
  }

  /** Validate the memory option, probe each exporter, and give protected exporters their DMABuf template. */
  prepare(elements: readonly ElementNode[]): NegotiationError | null {
    const memory = this.options.memory ?? {};
    const drm = this.options.drm ?? {};
    if (typeof memory !== 'object' || memory === null) return { kind: 'syntax', message: 'memory must map element names to memory specs' };
    if (this.options.caps !== undefined) {
      const declared = applyDeclaredCaps(elements, this.options.caps, new Set([...Object.keys(memory), ...Object.keys(drm)]));
      if (!declared.ok) return declared.error;
      this.assumptions = declared.assumptions;
    }
    const names = elements.map((e) => e.name);
    // --memory exporters, then exporters named by --drm alone (dma-bufs whose memory is not probed)
    const exporterNames = [...Object.keys(memory), ...Object.keys(drm).filter((n) => !Object.hasOwn(memory, n))];
    for (const name of exporterNames) {
      const spec = Object.hasOwn(memory, name) ? memory[name] : undefined;
      const drmText = Object.hasOwn(drm, name) ? drm[name] : undefined;
      const option = spec !== undefined ? 'memory' : 'drm-format';
      const el = elements.find((e) => e.name === name);
      if (el === undefined) {
        return { kind: 'no-element', element: name, message: `${option} given for "${name}", but the pipeline has no element named "${name}" (it has ${names.join(', ')})` };
      }
      if (spec !== undefined && (typeof spec !== 'string' || !isMemorySpec(spec))) {
        return { kind: 'syntax', element: name, message: `memory for ${name}: '${String(spec)}' is not memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N` };
      }
      let formats: readonly DrmFormat[] | null = null;
      if (drmText !== undefined) {
        const parsed = parseDrmList(name, drmText);
        if (!Array.isArray(parsed)) return parsed as NegotiationError;
        formats = parsed as readonly DrmFormat[];
      }
      // a drm-format alone is a declaration of what the element exports: refusals point into its text
      const refuse = (kind: 'no-pad' | 'memory', message: string, pad?: string): NegotiationError =>
        spec !== undefined || drmText === undefined
          ? { kind, element: name, ...(pad !== undefined ? { pad } : {}), message }
          : { kind: 'declaration', element: name, declaredWith: 'drm', declaration: name, declared: drmText, offset: 0, length: drmText.length, message: `drm-format given for ${name}, but ${message}` };
      if (el.srcPads().length === 0) return refuse('no-pad', `${name} (${el.factory}) has no src pad: only an element that produces buffers can export memory`, 'src');
      const kind = el.profile?.kind;
      if (kind === 'transform' || kind === 'video-codec' || kind === 'proxy' || kind === 'tee') {
        return refuse('memory', `${name} (${el.factory}) cannot be an exporter here: capsflow models exporters as sources or elements known by their templates (a v4l2 device, a hardware decoder), not ${kind} elements`);
      }
      if (formats !== null && drmText !== undefined && !el.srcPads().some((p) => p.template.isAny() || p.template.entries.some((e) => e.structure.name === 'video/x-raw'))) {
        return { kind: 'declaration', element: name, declaredWith: 'drm', declaration: name, declared: drmText, offset: 0, length: drmText.length, message: `drm-format given for ${name} (${el.factory}), whose src template has no video/x-raw: DMA_DRM is a video/x-raw format` };
      }
      let probe: Extract<ExporterProbe, { ok: true }> | null = null;
      if (spec !== undefined) {
        const p = probeExporter(name, spec);
        if (!p.ok) return { kind: 'memory', element: name, message: `cannot allocate ${name}'s memory: ${p.message}` };
        probe = p;
      }
      const refused = probe === null || probe.report.feature !== null;
      const protectedCaps = (probe !== null && probe.report.feature !== null) || (formats !== null && formats.some((f) => f.modifier !== 0n));
      // the exporter's pads have no peers yet: swap them for pads with the policy's template. Without a probe
      // nothing says the dma-bufs map, so no linear format is offered as system memory beside DMA_DRM
      el.pads.forEach((pad, i) => {
        if (pad.direction !== 'src') return;
        const t = exporterTemplate(pad.template, refused, formats);
        if (t !== pad.template) {
          el.pads[i] = new PadNode(el, pad.name, pad.direction, t, pad.templateName);
          el.padsReplaced();
          if (probe === null) {
            this.assumptions.push({
              element: name,
              pad: pad.name,
              caps: t.toString(),
              source: 'declared',
              message: `assuming ${name} exports dma-bufs as DMA_DRM caps with drm-format ${drmText ?? ''} (--drm); its memory is not probed (--memory ${name}=SPEC would say whether linear formats may also flow as system memory)`,
            });
          }
        }
      });
      this.exporters.push({ element: el, spec: spec ?? null, probe, decided: null, drm: formats, protectedCaps });
    }
    return null;
  }

  /** After caps negotiation: allocation, probes, the passthrough walk; may turn a failure into an explained policy error. */
  finish(elements: readonly ElementNode[], error: NegotiationError | null, result: PolicyResult, peerCaps: PeerQueryCaps | null = null): NegotiationError | null {
    const built = new Map(elements.map((e) => [e.name, e]));
    for (const [name, el] of Object.entries(this.graph.elements)) {
      const caps = el.properties['caps'];
      // a caps property that filters (capsfilter's: its configure parsed it into filterCaps); only caps that
      // use the DMA_DRM scheme: the check re-parses the text
      if ((built.get(name)?.filterCaps ?? null) === null || typeof caps !== 'string' || !/DMA_DRM|drm-format/.test(caps)) continue;
      for (const issue of checkDrmCaps(caps)) result.notes.push(`${name}: caps ${issue.message}`);
    }
    if (error !== null) {
      for (const x of this.exporters) if (x.probe !== null) result.probes.push(x.probe.report);
      return this.explainFailure(elements, error, result);
    }
    const byElement = new Map(this.exporters.map((x) => [x.element, x]));
    const run = simulateAllocation(elements, (el, size) => {
      const x = byElement.get(el);
      if (x === undefined) return '';
      // DMA_DRM caps carry memory:DMABuf: a --drm exporter's buffers are dma-buf memory, allocated unprobed
      if (x.spec === null || x.probe === null) return 'dmabuf';
      const p = probeExporter(el.name, x.spec, size ?? undefined);
      if (!p.ok) {
        result.notes.push(`${el.name}: decide_allocation could not allocate its buffer: ${p.message}`);
        return x.probe.allocator;
      }
      x.decided = p;
      if ((p.report.feature === null) !== (x.probe.report.feature === null)) {
        result.notes.push(`${el.name}: the buffer allocated at decide_allocation (${p.size} bytes) ${probeText(p.report)}, unlike the first probe; caps were negotiated from the first`);
      }
      return p.allocator;
    }, (factory) => (this.options.registry ?? defaultRegistry()).get(factory), peerCaps, gstRelease(this.options.registry ?? defaultRegistry()));
    // loops, not push(...): a spread of 100,000 reports overflows the stack
    for (const r of run.reports as AllocationReport[]) result.allocation.push(r);
    this.forwarded = run.forwarding;
    for (const [el, message] of run.refused) {
      result.notes.push(`${el.name}: decide_allocation failed (${message}); its set_caps fails, so its sink pad keeps no caps`);
      const unset = (result.unset ??= []);
      for (const p of el.sinkPads()) unset.push(p.id);
    }
    for (const n of run.notes) result.notes.push(n);
    for (const x of this.exporters) {
      const evidence = x.decided ?? x.probe;
      if (evidence !== null) result.probes.push(evidence.report);
    }

    const violations: Violation[] = [];
    for (const x of this.exporters) this.walk(x, violations);
    for (const [el, why] of this.assumedForwarding) result.notes.push(`${el.name} (${el.factory}) is on a protected path: ${why}`);
    for (const v of violations) result.violations.push(v);
    const first = violations[0];
    if (first === undefined) return null;
    const names = [...new Set(violations.map((v) => v.element))];
    return {
      kind: 'policy',
      element: first.element,
      message: `protected memory:DMABuf path broken by ${names.join(', ')}: ${first.message}`,
    };
  }

  /** importer reports (gst_is_dmabuf_memory on what arrives), for the result */
  importReports(): readonly ImportReport[] {
    return this.imports;
  }

  /**
   * What an element does to the exporter's buffers arriving on `pad`: decided from what it does with these
   * caps (allocation.ts bufferHandling: passthrough or in place forwards the same buffers, a transform or a
   * codec writes buffers of its own), not from the kind of element it is.
   */
  private classify(pad: PadNode): PathClass {
    const el = pad.element;
    const p = el.profile;
    if (listsDmabuf(pad.template) && (p === null || p.kind === 'sink')) return 'importer';
    // a sink's render maps what it hands to the application, writes out or dumps (its model says so)
    if (p?.kind === 'sink' || (p === null && el.srcPads().length === 0)) return el.model.mapsBuffers(el) ? 'maps' : 'end';
    if (p?.kind === 'source') return 'end';
    if (el.model.writesBuffers !== null) return 'maps';
    if (p?.kind === 'proxy' || p?.kind === 'tee' || el.model.passesBuffersUntouched) return 'forward';
    if (el.model.mapsBuffers(el)) return 'maps';
    const factory = (this.options.registry ?? defaultRegistry()).get(el.model.child ?? el.factory);
    const handling = bufferHandling(el, factory);
    switch (handling) {
      case 'forwards':
        // in place without being passthrough (a fresh instance says so): its transform_ip may read or write,
        // and a write would copy the protected memory (GstBuffer's map copies what it cannot map writable)
        if (p === null && factory?.transform?.inPlace === true && factory.transform.passthrough === false) {
          this.assumedForwarding.set(el, "it works in place, assumed to leave the buffers' contents alone (a write would copy the protected memory)");
        }
        return 'forward';
      case 'pushes':
        this.assumedForwarding.set(el, 'no base class of its allocates buffers, so it is assumed to push the buffers it receives');
        return 'forward';
      case 'end':
        return 'end';
      case 'allocates':
        // its decide_allocation put it in place after all (videocrop with crop meta downstream)
        if (this.forwarded.has(el)) return 'forward';
        return p?.kind === 'video-codec' ? 'maps' : 'not-passthrough';
      case 'unknown':
        return 'maps';
    }
  }

  /** Walk every path from the exporter to the importers (tee branches separately). */
  private walk(x: Exporter, violations: Violation[]): void {
    const exporter = x.element.name;
    const evidence = x.decided ?? x.probe;
    const why =
      evidence !== null && evidence.report.feature !== null
        ? `${exporter}'s memory is protected (${probeText(evidence.report)}), so it flows as ${DMABUF}`
        : `${exporter} exports non-linear DRM modifiers, which only a dma-buf importer can read, so they flow as ${DMABUF}`;
    // an unprobed --drm exporter: its DMA_DRM caps say its buffers are dma-buf memory
    const dmabufMemory = evidence === null ? true : evidence.dmabuf;
    const allocatorName = evidence === null ? 'dmabuf' : evidence.allocator;
    const stack: { pad: PadNode; intact: boolean }[] = x.element.srcPads().flatMap((s) => (s.peer === null ? [] : [{ pad: s.peer, intact: true }]));
    const seen = new Set<PadNode>();
    while (stack.length > 0) {
      const { pad, intact } = stack.pop()!;
      if (seen.has(pad)) continue;
      seen.add(pad);
      const el = pad.element;
      const c = this.classify(pad);
      const carriesFeature = pad.caps !== null && pad.caps.entries.some((e) => hasDmabuf(e.features));
      if (c === 'importer') {
        const dmabuf = intact && dmabufMemory;
        this.imports.push({
          importer: el.name,
          exporter,
          dmabuf,
          zeroCopy: dmabuf,
          message: dmabuf
            ? `${el.name} imports ${exporter}'s ${allocatorName} memory by fd (gst_is_dmabuf_memory TRUE)`
            : intact
              ? `${el.name} receives ${exporter}'s ${allocatorName} memory, which is not dmabuf memory: it copies`
              : `${el.name} receives system memory from a converting element upstream, not ${exporter}'s dmabufs: it copies`,
        });
        continue;
      }
      if (x.protectedCaps && intact && (c === 'maps' || c === 'not-passthrough')) {
        const inCaps = pad.caps?.toString() ?? '(none)';
        const outCaps = el.srcPads()[0]?.caps?.toString() ?? inCaps;
        violations.push({
          element: el.name,
          exporter,
          rule: c === 'not-passthrough' ? 'not-passthrough' : 'maps-protected-memory',
          message:
            c === 'not-passthrough'
              ? `${el.name} (${el.factory}) is not in passthrough on the protected path from ${exporter} (${inCaps} → ${outCaps}); ${why}, which no element may convert`
              : el.profile === null
                ? `${el.name} (${el.factory}) is known only by its templates: nothing says it leaves the buffers on the protected path from ${exporter} untouched; ${why}`
                : `${el.name} (${el.factory}) maps or rewrites buffers${el.model.writesBuffers !== null ? ` (${el.model.writesBuffers})` : ''}, which it may not do on the protected path from ${exporter}${carriesFeature ? '' : ' (it was reached by memory:DMABuf buffers)'}; ${why}`,
        });
        continue; // past it, the buffers are that element's own
      }
      if (c === 'end') continue;
      const stillIntact = intact && c === 'forward';
      for (const s of el.model.bufferPads(pad)) if (s.peer !== null) stack.push({ pad: s.peer, intact: stillIntact });
    }
    this.imports.sort((a, b) => a.importer.localeCompare(b.importer));
  }

  /**
   * A failed negotiation downstream of a protected exporter: find the first element on its paths that
   * cannot take memory:DMABuf (or asks for another DRM modifier) and say so as a policy error.
   */
  private explainFailure(elements: readonly ElementNode[], error: NegotiationError, result: PolicyResult): NegotiationError {
    const byName = new Map(elements.map((e) => [e.name, e]));
    for (const x of this.exporters) {
      if (!x.protectedCaps) continue;
      const exporter = x.element.name;
      const why = x.probe !== null && x.probe.report.feature !== null ? `${exporter}'s memory is protected (${probeText(x.probe.report)})` : `${exporter} exports non-linear DRM modifiers`;
      const queue = [exporter];
      const seen = new Set(queue);
      while (queue.length > 0) {
        const from = queue.shift()!;
        for (const link of this.graph.links) {
          if (link.src.element !== from || seen.has(link.sink.element)) continue;
          const next = link.sink.element;
          seen.add(next);
          const el = byName.get(next);
          if (el === undefined) continue;
          const accepts = el.filterCaps ?? (el.sinkPads().length > 0 ? el.sinkPads().reduce((acc, p) => acc.merge(p.template), Caps.EMPTY) : Caps.ANY);
          const violation = this.checkTakes(el, accepts, x, why);
          if (violation !== null) {
            // GStreamer's own refusal stays the answer (could not link, not-negotiated); the policy says why
            result.violations.push(violation);
            result.notes.push(`policy: ${violation.message}`);
            return error;
          }
          if (!(listsDmabuf(accepts) && (el.profile === null || el.profile.kind === 'sink'))) queue.push(next);
        }
      }
      // every element takes the feature, yet negotiation failed: a converter on the path would have to
      // convert memory:DMABuf (it only copies such structures, §3.9), so it is the one to blame
      const converter = this.converterUpstreamOf(error.element, exporter, byName);
      if (converter !== null) {
        const message = `${converter.name} (${converter.factory}) would have to convert ${DMABUF} buffers from ${exporter} to what downstream asks for; ${why}, so converters on its path may only pass through`;
        result.violations.push({ element: converter.name, exporter, rule: 'not-passthrough', message });
        result.notes.push(`policy: ${message}`);
        return error;
      }
      // a link GStreamer refuses although the template takes the feature: the element's caps query drops
      // it as the element is set up here (videobalance with a changed property would process the frames)
      const refused = error.kind === 'link-failed' ? /^could not link \S+ to ([^\s,]+)/.exec(error.message)?.[1] : undefined;
      const el = refused === undefined ? undefined : byName.get(refused);
      if (el !== undefined) {
        const message = `${el.name} (${el.factory}) cannot take ${DMABUF} as it is set up here: its caps answer offers the feature only when it passes frames through; ${why}, so its buffers carry ${DMABUF} and must reach an importer through passthrough elements`;
        result.violations.push({ element: el.name, exporter, rule: 'rejects-dmabuf', message });
        result.notes.push(`policy: ${message}`);
        return error;
      }
      result.notes.push(`policy: ${why}: its caps carry ${DMABUF}`);
      return error;
    }
    return error;
  }

  /** the converter nearest upstream of `failing` (itself included) on a path from `exporter`, or null */
  private converterUpstreamOf(failing: string | undefined, exporter: string, byName: ReadonlyMap<string, ElementNode>): ElementNode | null {
    if (failing === undefined) return null;
    const parent = new Map<string, string>();
    const queue = [exporter];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const link of this.graph.links) {
        if (link.src.element !== from || parent.has(link.sink.element) || link.sink.element === exporter) continue;
        parent.set(link.sink.element, from);
        queue.push(link.sink.element);
      }
    }
    // the failing element may be the converter, or the capsfilter / sink right after it
    const downstream = this.graph.links.filter((l) => l.src.element === failing).map((l) => l.sink.element);
    for (const start of [failing, ...downstream]) {
      if (start !== exporter && !parent.has(start)) continue;
      for (let at: string | undefined = start; at !== undefined && at !== exporter; at = parent.get(at)) {
        const el = byName.get(at);
        if (el !== undefined && el.model.converter) return el;
      }
    }
    return null;
  }

  private checkTakes(el: ElementNode, accepts: Caps, x: Exporter, why: string): Violation | null {
    const exporter = x.element.name;
    const what = el.filterCaps !== null ? `its caps ${el.filterCaps.toString()}` : `its sink template`;
    if (!takesDmabuf(accepts)) {
      return {
        element: el.name,
        exporter,
        rule: 'rejects-dmabuf',
        message: `${el.name} (${el.factory}) cannot take ${DMABUF}: ${what} ${el.filterCaps !== null ? 'ask for' : 'offers'} system memory only; ${why}, so its buffers carry ${DMABUF} and must reach an importer through passthrough elements`,
      };
    }
    if (x.drm === null) return null;
    const wanted = drmFormatsOf(accepts);
    if (wanted === null) return null;
    const offered = x.drm.map(drmFormatToString);
    if (wanted.some((w) => offered.includes(w))) return null;
    const sameFourcc = wanted.filter((w) => x.drm!.some((d) => parseDrmFormat(w)?.fourcc === d.fourcc));
    return {
      element: el.name,
      exporter,
      rule: 'drm-modifier-mismatch',
      message: `${el.name} (${el.factory}) asks for drm-format ${wanted.join(', ')}, ${exporter} exports ${offered.join(', ')}${sameFourcc.length > 0 ? ': same fourcc, another modifier (a different memory layout, not a subset)' : ''}`,
    };
  }
}

/** the drm-format strings DMABuf structures of `caps` ask for, or null when none restricts them */
function drmFormatsOf(caps: Caps): string[] | null {
  if (caps.isAny()) return null;
  const out: string[] = [];
  for (const e of caps.entries) {
    if (!hasDmabuf(e.features)) continue;
    const v = getField(e.structure, 'drm-format');
    if (v === undefined) return null; // missing drm-format means any
    if (v.kind === 'string' && v.value !== null) out.push(v.value);
    else if (v.kind === 'list') for (const i of v.items) if (i.kind === 'string' && i.value !== null) out.push(i.value);
  }
  return out.length === 0 ? null : out;
}
