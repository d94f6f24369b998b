/**
 * GstAggregator (and elements with several always sink pads driven by collectpads): output only once
 * every sink pad that takes part has caps, built from the src template and the first input, fixated.
 * GstAudioAggregator's convert pads take any format at the rate downstream allows; GstVideoAggregator's
 * take any size and rate, and find_best_format picks the output format and colour.
 */
import { Caps, fractionRange, getField, intRange, setField, type CapsEntry, type Structure, type Value } from '../../caps/index.js';
import type { ModelHost } from '../engine/model.js';
import type { AllocationClass, AllocationDecision, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { decided, defaultPool, firstParams, offerVideoPool, videoMetaOption, videoPool } from './allocation.js';
import { intersectFirst, intersectZigzag, peerQueryCaps, run } from '../engine/query.js';
import { videoFormatInfo, VIDEO_FLAG } from '../media/formats.js';
import { videoInfoColour } from '../media/colour.js';
import { gstRelease } from '../registry/registry.js';
import { templateAnswer, type ModelOptions } from './element.js';
import { OutputModel, configuredSibling, firstString, fitInput, inputVideo, single, sval, type Output } from './output.js';

export interface AggregatorOptions extends ModelOptions {
  /** collectpads: every sink pad takes part, linked or not (default: the linked ones, as GstAggregator) */
  readonly collect?: boolean;
  /**
   * a sink pad's CAPS answer from what downstream of the src pad allows (`peer`, null before the src pad
   * is linked) and what a configured sibling pad already holds
   */
  readonly sinkCaps?: (template: Caps, peer: Caps | null, configured: Caps | null) => Caps;
  /** the downstream query of `sinkCaps` carries the CAPS query's filter (∩ the template), as adder's does */
  readonly sinkCapsFilterDownstream?: boolean;
  /** the output once its inputs have caps: from the first input and the number of inputs */
  readonly aggregate?: (first: Caps, inputs: number) => Caps | null;
}

export class Aggregator<O extends AggregatorOptions = AggregatorOptions> extends OutputModel<O> {
  override readonly baseClass: string;
  readonly kind: 'aggregator' | 'collect' | 'audio-aggregator' | 'video-aggregator';
  override readonly waitsForInputs: boolean = true;

  constructor(options: O = {} as O) {
    super(options);
    this.kind = options.collect === true ? 'collect' : 'aggregator';
    this.baseClass = options.collect === true ? 'GstElement' : 'GstAggregator';
  }

  /** GstAggregator's create_new_pad unless the element names its pads itself (collectpads elements do) */
  override requestPadName(el: ElementNode, template: string, requested: string | null): string | null {
    if (this.kind === 'collect' || this.options.requestPadName !== undefined) return super.requestPadName(el, template, requested);
    return aggregatorPadName(el, template, requested);
  }

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    const sinkCaps = pad.direction === 'sink' ? this.options.sinkCaps : undefined;
    if (sinkCaps !== undefined) {
      const el = pad.element;
      const src = el.srcPads()[0];
      const down = filter !== null && this.options.sinkCapsFilterDownstream === true ? intersectFirst(filter, pad.template) : null;
      const peer = src === undefined || src.peer === null ? null : yield* peerQueryCaps(src, down);
      const caps = sinkCaps(pad.template, peer, configuredSibling(el, pad));
      return filter === null ? caps : host.inter.first1(pad, filter, 'filter', caps, `${el.name} sink caps`);
    }
    if (pad.direction === 'sink') return yield* this.sinkQueryCaps(host, pad, filter);
    return templateAnswer(host, pad, filter);
  }

  protected *sinkQueryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    return templateAnswer(host, pad, filter);
  }

  protected output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const el = sink.element;
    // nothing flows out until every sink pad that takes part has caps (collectpads / aggregator wait)
    const waiting = el.sinkPads().filter((p) => p !== sink && (p.peer !== null || this.kind === 'collect') && p.caps === null);
    if (waiting.length > 0) return { ok: true, pushes: [] };
    const first = el.sinkPads().find((p) => p !== sink && p.caps !== null)?.caps ?? caps;
    const aggregate = this.options.aggregate;
    const inputs = el.sinkPads().filter((p) => p.peer !== null).length;
    return aggregate !== undefined ? aggregate(first, inputs) : aggregatorOutput(host, src, first);
  }

  // ---- allocation: GstAggregator allocates its output; GstVideoAggregator proposes and decides a video pool --
  override get allocationClass(): AllocationClass {
    return 'GstAggregator';
  }

  /** whether the class that installed propose_allocation is GstVideoAggregator (a subclass's own is not modelled) */
  private videoAllocation(host: AllocationHost, el: ElementNode): boolean {
    return host.state(el, aggregatorAllocation).video;
  }

  override setupAllocation(host: AllocationHost, el: ElementNode): void {
    this.videoAllocation(host, el);
  }

  override queryAllocation(): 'propose' {
    return 'propose';
  }

  /** GstVideoAggregator: a video pool of the frame size, GstVideoMeta, no allocation params; without propose_allocation FALSE */
  override *proposeAllocation(host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean> {
    if (!this.videoAllocation(host, sink.element)) return false;
    offerVideoPool(host, sink.element, q, false);
    return true;
  }

  override sendsAllocation(_host: AllocationHost, src: PadNode): AllocationSend | null {
    return src.caps === null ? null : { caps: src.caps, needPool: true, decide: true };
  }

  override decideAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision {
    if (this.videoAllocation(host, el)) {
      // gst_video_aggregator_decide_allocation: align at least 15, downstream's first pool or a video pool of
      // its own, at least the frame size, the VideoMeta option when downstream lists GstVideoMeta
      const { allocator, params } = firstParams(q);
      return { pool: videoPool(q, videoMetaOption(q)), allocator, params: { ...params, align: Math.max(params.align, 15) } };
    }
    const decision = decided(host, el, q, defaultPool(q));
    host.note(`${el.name} (${el.factory}): decide_allocation of its GstAggregator not modelled, the basesrc default assumed`);
    return decision;
  }

  override bufferHandling(): BufferHandling {
    return 'allocates';
  }
}

function aggregatorAllocation(host: AllocationHost, el: ElementNode): { video: boolean } {
  const owner = host.facts(el)?.vfuncs?.propose_allocation;
  const video = owner === 'GstVideoAggregator';
  if (!video && owner !== undefined && owner !== null) {
    host.note(`${el.name} (${el.factory}): propose_allocation of ${owner} not modelled, assumed to answer FALSE as GstAggregator does without one`);
  }
  return { video };
}

const MAX_PADSERIAL = '\0max_padserial';

/**
 * GstAggregator's create_new_pad in 1.22: every pad is `sink_N` with one serial for the whole element
 * (max_padserial, from -1). A request named `sink_<digits>` takes that number and raises the serial to
 * it; any other request (none, a template name, `video`) takes the next serial. compositor: `c.sink_5`
 * then `c.` gives sink_6; flvmux's `m.video` is sink_0. (1.24 keeps the template's prefix instead.)
 */
export function aggregatorPadName(el: ElementNode, _template: string, requested: string | null): string {
  const max = el.requestCounters.get(MAX_PADSERIAL) ?? -1;
  const digits = requested !== null && requested.length >= 6 && requested.startsWith('sink_') && !requested.includes('%') ? /^\d+$/.exec(requested.slice(5)) : null;
  const serial = digits !== null ? Number(digits[0]) : max + 1;
  el.requestCounters.set(MAX_PADSERIAL, Math.max(max, serial));
  return `sink_${serial}`;
}

export class AudioAggregator extends Aggregator {
  override readonly baseClass: string = 'GstAudioAggregator';
  override readonly kind = 'audio-aggregator';
  override readonly pure = { caps: false, accept: false };

  protected override *sinkQueryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    return yield* audioAggregatorSinkCaps(host, pad, filter);
  }
}

export interface VideoAggregatorOptions extends AggregatorOptions {
  /** the frame the output fixates to: the first input's structure with what the pads' properties ask (compositor) */
  readonly outputFrame?: (el: ElementNode, input: Structure, arriving: { readonly pad: PadNode; readonly caps: Caps }) => Structure;
}

export class VideoAggregator extends Aggregator<VideoAggregatorOptions> {
  override readonly baseClass: string = 'GstVideoAggregator';
  override readonly kind = 'video-aggregator';
  override readonly pure = { caps: false, accept: false };

  protected override *sinkQueryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    return yield* videoAggregatorSinkCaps(host, pad, filter);
  }

  protected override output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const out = super.output(host, sink, src, caps);
    if (out !== null && !(out instanceof Caps)) return out;
    const first = sink.element.sinkPads().find((p) => p !== sink && p.caps !== null)?.caps ?? caps;
    return videoAggregatorOutput(host, src, first, { pad: sink, caps }, this.options.outputFrame);
  }
}

/**
 * An aggregator's src caps: what downstream allows of its template, with the first input's values where
 * they fit (a mixer keeps its input's rate, format and size), then gst_caps_fixate.
 */
function aggregatorOutput(host: ModelHost, src: PadNode, first: Caps): Caps | null {
  const allowed = src.peer === null ? src.template : run(host, peerQueryCaps(src, src.template));
  if (allowed.isEmpty()) return Caps.EMPTY;
  if (allowed.isAny()) return first;
  return fitInput(allowed, first.structure(0));
}

/**
 * GstVideoAggregator's sink pad CAPS answer: what downstream allows of the src template, with format,
 * colorimetry, chroma-site and pixel-aspect-ratio removed and any framerate allowed, ∩ filter, ∩ the
 * sink template — without its alpha formats when nothing downstream takes alpha (_get_non_alpha_caps).
 */
function* videoAggregatorSinkCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
  const src = pad.element.srcPads()[0];
  const base = src === undefined ? pad.template : src.peer === null ? src.template : yield* peerQueryCaps(src, src.template);
  if (base.isAny()) return filter === null ? pad.template : intersectFirst(filter, pad.template);
  const templ = hasAlphaFormat(base) ? pad.template : withoutAlphaFormats(pad.template);
  const configured = pad.element.sinkPads().find((p) => p !== pad && p.caps !== null)?.caps;
  const interlace = configured === undefined || configured === null ? undefined : getField(configured.structure(0), 'interlace-mode');
  const dropped = new Set(['format', 'colorimetry', 'chroma-site', 'pixel-aspect-ratio']);
  const entries = base.entries.map((e) => {
    let st: Structure = { name: e.structure.name, fields: e.structure.fields.filter((f) => !dropped.has(f.name)) };
    // convert pads scale: any size (compositor)
    st = setField(st, 'width', intRange(1, 2147483647));
    st = setField(st, 'height', intRange(1, 2147483647));
    st = setField(st, 'framerate', fractionRange({ num: 0, den: 1 }, { num: 2147483647, den: 1 }));
    // the sink pads already configured decide the interlace mode (_get_sinkpads_interlace_mode)
    if (interlace !== undefined) st = setField(st, 'interlace-mode', interlace);
    return { structure: st, features: e.features };
  });
  let caps = Caps.fromEntries(entries);
  if (filter !== null) caps = host.inter.zigzag(pad, caps, `${pad.element.name} src caps`, filter, 'filter');
  return intersectZigzag(caps, templ);
}

const formatHasAlpha = (v: Value): boolean => v.kind === 'string' && v.value !== null && ((videoFormatInfo(v.value)?.flags ?? 0) & VIDEO_FLAG.ALPHA) !== 0;

/** _caps_has_alpha: a structure without a format, or with an alpha format among its formats */
function hasAlphaFormat(caps: Caps): boolean {
  return caps.entries.some((e) => {
    const f = getField(e.structure, 'format');
    if (f === undefined) return true;
    return f.kind === 'list' ? f.items.some(formatHasAlpha) : formatHasAlpha(f);
  });
}

/** _get_non_alpha_caps: the alpha formats taken out of each structure's list (structures left without any dropped) */
function withoutAlphaFormats(caps: Caps): Caps {
  if (caps.isAny()) return caps;
  const entries: CapsEntry[] = [];
  for (const e of caps.entries) {
    const f = getField(e.structure, 'format');
    if (f === undefined) continue;
    const items = (f.kind === 'list' ? f.items : [f]).filter((v) => v.kind === 'string' && !formatHasAlpha(v));
    if (items.length === 0) continue;
    entries.push({ structure: setField(e.structure, 'format', f.kind === 'list' ? { kind: 'list', items } : items[0]!), features: e.features });
  }
  return Caps.fromEntries(entries);
}

/**
 * GstAudioAggregator's convert-pad sink CAPS answer: everything but the rate converts, so the template
 * with only the rates downstream allows (pinned to the first configured pad's rate), then filter ∩₁ that.
 */
function* audioAggregatorSinkCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
  const el = pad.element;
  const src = el.srcPads()[0];
  let templ = pad.template;
  const configured = el.sinkPads().find((p) => p !== pad && p.caps !== null)?.caps;
  const rate = configured === undefined || configured === null ? undefined : getField(configured.structure(0), 'rate');
  if (rate !== undefined && !templ.isAny()) templ = Caps.fromEntries(templ.entries.map((e) => ({ structure: setField(e.structure, 'rate', rate), features: e.features })));
  let sinkCaps = templ;
  if (src !== undefined && src.peer !== null && !templ.isAny()) {
    const downstream = yield* peerQueryCaps(src, src.template);
    const tmp = intersectFirst(templ, downstream);
    let rates = Caps.EMPTY;
    for (const e of tmp.entries) {
      const r = getField(e.structure, 'rate');
      rates = rates.merge(single({ name: e.structure.name, fields: r === undefined ? [] : [{ name: 'rate', value: r }] }, null));
    }
    sinkCaps = intersectFirst(templ, rates);
  }
  return filter === null ? sinkCaps : host.inter.first1(pad, filter, 'filter', sinkCaps, `${el.name} sink caps`);
}

/**
 * GstVideoAggregator's update_caps (find_best_format) then fixate: the input's format and colour when
 * downstream takes them, else the first format downstream allows with that format's default colour;
 * format, chroma-site and colorimetry are set on what downstream allows, which is then fixated with
 * the input's size and rate where they fit.
 */
function videoAggregatorOutput(host: ModelHost, src: PadNode, first: Caps, arriving: { pad: PadNode; caps: Caps }, outputFrame: VideoAggregatorOptions['outputFrame']): Caps | null {
  let allowed = src.peer === null ? src.template : run(host, peerQueryCaps(src, src.template));
  if (allowed.isEmpty()) return Caps.EMPTY;
  if (allowed.isAny()) return first;
  const inS = first.structure(0);
  const release = gstRelease(host.registry);
  const v = inputVideo(inS, release);
  const inFormat = firstString(getField(inS, 'format'));
  let format: string | null = null;
  let colour: { colorimetry: string | null; chromaSite: string | null } = { colorimetry: null, chromaSite: null };
  if (inFormat !== null && v !== null) {
    const fields: { name: string; value: Value }[] = [{ name: 'format', value: sval(inFormat) }];
    if (v.chromaSite !== null) fields.push({ name: 'chroma-site', value: sval(v.chromaSite) });
    if (v.colorimetry !== null) fields.push({ name: 'colorimetry', value: sval(v.colorimetry) });
    if (allowed.canIntersect(single({ name: 'video/x-raw', fields }, null))) {
      format = inFormat;
      colour = v;
    }
  }
  if (format === null) {
    const fixed = allowed.fixate();
    if (fixed.isEmpty() || fixed.isAny()) return null;
    const s0 = fixed.structure(0);
    format = firstString(getField(s0, 'format'));
    const h = getField(s0, 'height');
    if (format !== null) colour = videoInfoColour(format, h?.kind === 'int' ? h.value : 1, getField(s0, 'colorimetry'), getField(s0, 'chroma-site'), release);
  }
  if (format !== null) {
    const f = format;
    const chosen = Caps.fromEntries(allowed.entries.map((e) => ({ structure: setField(e.structure, 'format', sval(f)), features: e.features })));
    allowed = chosen.merge(allowed);
  }
  const out = fitInput(allowed, outputFrame !== undefined ? outputFrame(src.element, inS, arriving) : inS);
  if (out === null || out.isEmpty()) return out;
  let s = out.structure(0);
  if (colour.chromaSite !== null) s = setField(s, 'chroma-site', sval(colour.chromaSite));
  if (colour.colorimetry !== null) s = setField(s, 'colorimetry', sval(colour.colorimetry));
  return single(s, out.entries[0]!.features);
}

