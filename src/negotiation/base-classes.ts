/**
 * Elements without a behaviour profile negotiate as their GStreamer base class does. The registry records
 * each factory's GType ancestry (`typeChain`); the first known base class in it picks one of the generic
 * models below (a table, so a new base class is a data change):
 *
 * - GstBaseTransform / GstAudioFilter / GstVideoFilter: the default transform_caps (identity, clipped by
 *   the other template), prefer_passthrough — run by the engine's transform code with algorithm 'identity';
 * - GstAudioEncoder / GstAudioDecoder / GstVideoEncoder / GstVideoDecoder: the sink pad answers CAPS with
 *   the proxy getcaps (__gst_audio_element_proxy_getcaps / __gst_video_element_proxy_getcaps: the fields
 *   downstream constrains, grafted onto the sink template), the src pad with its template; the output is
 *   the state the base class builds from the input (set_output_state / set_output_format);
 * - GstBaseParse: template answers; the output is the input clipped by the src template (what a parser
 *   passes on before the data says more);
 * - GstAggregator and elements with several always sink pads (collectpads): output only once every sink
 *   pad has caps, built from the src template and the first sink pad's caps;
 * - GstBaseSrc / GstBaseSink: template answers, gst_caps_fixate at the source (what the engine does for
 *   any element without a profile).
 *
 * What a subclass adds on top (its own transform_caps, codec headers such as streamheader, values a parser
 * reads from the data) cannot be known from the registry; results say which model was used.
 */
import { Caps, fraction, fractionRange, getField, intRange, setField, type CapsEntry, type Structure, type Value } from '../caps/index.js';
import {
  intersectFirst,
  intersectZigzag,
  peerQueryCaps,
  queryCaps,
  run,
  type ElementNode,
  type Handlers,
  type Intersections,
  type Op,
  type PadNode,
} from './engine.js';
import { MULTIVIEW_FLAGS } from './codecs.js';
import { compositorFrame } from './elements-mixers.js';
import { VIDEO_DECODERS, VIDEO_ENCODERS, VIDEO_PARSERS, knownChromaSite, videoInfoColour, videoStreamOf, withVideoStream, type VideoEncoderCaps } from './elements-video.js';
import { AUDIO_ELEMENTS, formatForDepth, rawAudio, streamDepth, streamOf, upstreamTags, withStream, type RawAudio, type TagWalkElement } from './elements-audio.js';
import { videoFormatInfo, VIDEO_FLAG } from './formats.js';
import type { BehaviourProfile } from './profiles.js';
import type { ElementFactory } from './registry/registry.js';
import { colorimetryToString, fallbackChannelMask, parseColorimetry } from './transforms.js';
import type { NegotiationError } from './types.js';

export type BaseClassKind =
  | 'transform'
  | 'audio-encoder'
  | 'audio-decoder'
  | 'video-encoder'
  | 'video-decoder'
  | 'parse'
  | 'aggregator'
  | 'video-aggregator'
  | 'audio-aggregator'
  | 'text-overlay'
  | 'source'
  | 'sink';

/** GType name → model, most specific first where a chain holds several (GstAudioFilter before GstBaseTransform). */
export const BASE_CLASS_MODELS: Readonly<Record<string, BaseClassKind>> = {
  GstBaseTextOverlay: 'text-overlay',
  GstAudioEncoder: 'audio-encoder',
  GstAudioDecoder: 'audio-decoder',
  GstVideoEncoder: 'video-encoder',
  GstVideoDecoder: 'video-decoder',
  GstBaseParse: 'parse',
  GstVideoAggregator: 'video-aggregator',
  GstAudioAggregator: 'audio-aggregator',
  GstAggregator: 'aggregator',
  GstAudioFilter: 'transform',
  GstVideoFilter: 'transform',
  GstBaseTransform: 'transform',
  GstBaseSrc: 'source',
  GstBaseSink: 'sink',
};

/** The model an element runs, and what its report says about it. */
export interface BaseClassModel {
  readonly kind: BaseClassKind | 'collect';
  /** the GType whose behaviour is modelled (GstAudioEncoder), or 'GstElement' for collectpads-like elements */
  readonly baseClass: string;
  /** the hooks in this module run the element (codecs, parsers, aggregators); else the engine's own code does */
  readonly hooked: boolean;
}

export interface BaseClassChoice {
  /** an engine behaviour that runs the model (basetransform defaults), or null for the hooks below */
  readonly behaviour: BehaviourProfile | null;
  readonly model: BaseClassModel;
  readonly note: string;
}

/** basetransform with the default (identity) transform_caps; GstAudioFilter / GstVideoFilter have set_caps */
const identityTransform = (needsCaps: boolean): BehaviourProfile => ({ kind: 'transform', algorithm: 'identity', preferPassthrough: true, needsCaps });

const NOTES: Record<BaseClassKind | 'collect', string> = {
  transform: 'default transform_caps (identity within the templates), prefer passthrough',
  'audio-encoder': 'sink caps from downstream via proxy getcaps (rate, channels), output = src template with the input rate/channels, fixated',
  'audio-decoder': 'sink caps from downstream via proxy getcaps (rate, channels), output = raw audio info (first template format) with the input rate/channels',
  'video-encoder': 'sink caps from downstream via proxy getcaps (width, height, framerate, pixel-aspect-ratio), output state copied from the input',
  'video-decoder': 'sink caps from downstream via proxy getcaps (width, height, framerate, pixel-aspect-ratio), output = raw video info (first template format) from the input',
  parse: 'template caps answers, output = input clipped by the src template (what the data adds is not known)',
  aggregator: 'output once every sink pad has caps: src template with the first sink pad\'s fields, fixated',
  'audio-aggregator':
    'sink caps = template with only the rate downstream allows (convert pads, as audiomixer); output once every sink pad has caps: src template with the first input\'s fields, fixated',
  'video-aggregator':
    'sink caps = src caps without format/colour/par, framerate open; output once every sink pad has caps: src template with the first input\'s fields, fixated, its colorimetry and chroma-site',
  'text-overlay':
    'video passes from video_sink to src unchanged (the overlay meta is dropped again when downstream does not propose it in the allocation query); the text pad only adds what is drawn',
  collect: 'several always sink pads: output once every sink pad has caps, from the src template and the first input',
  source: 'default basesrc negotiation: template, then gst_caps_fixate',
  sink: 'default basesink: template caps, accepts subsets',
};

/**
 * The base-class model for a factory without a profile, or null when its ancestry is unknown (an old
 * snapshot) and nothing else says how it behaves.
 */
export function chooseBaseClassModel(factory: ElementFactory, templateCaps: (template: string) => Caps): BaseClassChoice | null {
  const chain = factory.typeChain ?? [];
  const sinks = factory.padTemplates.filter((t) => t.direction === 'sink');
  const srcs = factory.padTemplates.filter((t) => t.direction === 'src');
  const alwaysSinks = sinks.filter((t) => t.presence === 'always');
  const alwaysSrcs = srcs.filter((t) => t.presence === 'always');
  let baseClass: string | undefined;
  let kind: BaseClassKind | 'collect' | undefined;
  for (const t of chain.slice(1)) {
    const k = BASE_CLASS_MODELS[t];
    if (k !== undefined) {
      baseClass = t;
      kind = k;
      break;
    }
  }
  // elements outside the base classes whose own code elements-audio.ts models (wavenc, wavparse)
  const own = AUDIO_ELEMENTS[factory.name]?.model;
  if (kind === undefined && own !== undefined) {
    kind = own;
    baseClass = chain[0] ?? factory.name;
  }
  // a bin around a parser modelled in elements-video.ts (videoparse around rawvideoparse)
  if (kind === undefined && VIDEO_PARSERS[factory.name] !== undefined) {
    kind = 'parse';
    baseClass = chain[0] ?? factory.name;
  }
  if (kind === undefined && chain.length > 0 && alwaysSinks.length >= 2 && srcs.length >= 1) {
    kind = 'collect';
    baseClass = chain[chain.length - 1] ?? 'GstElement';
  }
  if (kind === undefined || baseClass === undefined) return null;
  const hooked = kind !== 'transform' && kind !== 'source' && kind !== 'sink';
  const model: BaseClassModel = { kind, baseClass, hooked };
  const note = `${baseClass} base class: ${NOTES[kind]}`;
  switch (kind) {
    case 'transform': {
      // basetransform's own pads are one always sink and one always src (request pads such as
      // timecodestamper's ltc_sink are the subclass's business)
      const sinkT = alwaysSinks[0];
      const srcT = alwaysSrcs[0];
      if (sinkT === undefined || srcT === undefined || alwaysSinks.length !== 1 || alwaysSrcs.length !== 1) return null;
      // the identity transform needs both sides to carry the same media types; a converter between
      // types (bayer2rgb, ccconverter) overrides transform_caps, which the registry cannot tell
      if (mediaKinds(templateCaps(sinkT.name)) !== mediaKinds(templateCaps(srcT.name))) return null;
      return { behaviour: identityTransform(baseClass !== 'GstBaseTransform'), model, note };
    }
    case 'source':
    case 'sink':
      return { behaviour: null, model, note };
    default:
      if (srcs.length === 0 || sinks.length === 0) return null;
      return { behaviour: null, model, note };
  }
}

/** media types and features of caps, for "the same kind of data on both sides" */
function mediaKinds(c: Caps): string {
  if (c.isAny()) return 'ANY';
  const names = new Set(c.entries.map((e) => `${e.structure.name}(${e.features === null ? '' : e.features.any ? 'ANY' : [...e.features.names].sort().join(',')})`));
  return [...names].sort().join(';');
}

// ---- the hooks the engine calls for hooked models ----------------------------------------------------

/** What the hooks need from the negotiation session. */
export interface BaseClassHost extends Handlers {
  readonly inter: Intersections;
  readonly notes: string[];
  notNegotiated(pad: PadNode, message: string): NegotiationError;
}

export type CapsEventResult = { ok: true; pushes: { pad: PadNode; caps: Caps }[] } | { ok: false; error: NegotiationError };

const AUDIO_PROXY_FIELDS = ['rate', 'channels', 'channels-mask'] as const; // sic: 1.22 copies "channels-mask", so channel-mask never goes across
const VIDEO_PROXY_FIELDS = ['width', 'height', 'framerate', 'pixel-aspect-ratio'] as const;

const isAudioCodec = (k: BaseClassModel['kind']): boolean => k === 'audio-encoder' || k === 'audio-decoder';
const isCodec = (k: BaseClassModel['kind']): boolean => k === 'audio-encoder' || k === 'audio-decoder' || k === 'video-encoder' || k === 'video-decoder';

/**
 * __gst_{audio,video}_element_proxy_caps: for each template structure, for each caps structure, the
 * template's name and features with only the proxied fields of the caps (set in the fixed order), merged.
 */
function proxyCaps(templ: Caps, caps: Caps, fields: readonly string[]): Caps {
  let result = Caps.EMPTY;
  for (const t of templ.entries) {
    for (const c of caps.entries) {
      const out: { name: string; value: Value }[] = [];
      for (const f of fields) {
        const v = getField(c.structure, f);
        if (v !== undefined) out.push({ name: f, value: v });
      }
      result = result.merge(Caps.fromEntries([{ structure: { name: t.structure.name, fields: out }, features: t.features }]));
    }
  }
  return result;
}

/** the codec sink pad's CAPS answer (__gst_*_element_proxy_getcaps) */
function* proxyGetcaps(host: BaseClassHost, el: ElementNode, sink: PadNode, filter: Caps | null, fields: readonly string[], templ = sink.template): Op<Caps> {
  const src = el.srcPads()[0];
  if (src === undefined) return filter === null ? templ : intersectFirst(filter, templ);
  const srcTempl = src.template;
  const peer = filter !== null && !filter.isAny() ? yield* peerQueryCaps(src, proxyCaps(srcTempl, filter, fields)) : yield* peerQueryCaps(src, null);
  const allowed = intersectFirst(peer, srcTempl);
  if (allowed.isAny()) return templ;
  if (allowed.isEmpty()) return allowed;
  let fcaps = intersectZigzag(proxyCaps(templ, allowed, fields), templ);
  if (filter !== null) fcaps = host.inter.zigzag(sink, fcaps, `${sink.id} (what downstream of ${el.name} allows)`, filter, 'filter');
  return fcaps;
}

/** CAPS query on a pad of a hooked element */
export function* baseClassQueryCaps(host: BaseClassHost, model: BaseClassModel, pad: PadNode, filter: Caps | null): Op<Caps> {
  const el = pad.element;
  const sinkCaps = pad.direction === 'sink' ? AUDIO_ELEMENTS[el.factory]?.sinkCaps : undefined;
  if (sinkCaps !== undefined) {
    const src = el.srcPads()[0];
    const down = filter !== null && AUDIO_ELEMENTS[el.factory]?.sinkCapsFilterDownstream === true ? intersectFirst(filter, pad.template) : null;
    const peer = src === undefined || src.peer === null ? null : yield* peerQueryCaps(src, down);
    const configured = el.sinkPads().find((p) => p !== pad && p.caps !== null)?.caps ?? null;
    const caps = sinkCaps(pad.template, peer, configured);
    return filter === null ? caps : host.inter.first1(pad, filter, 'filter', caps, `${el.name} sink caps`);
  }
  if (pad.direction === 'sink' && isCodec(model.kind)) {
    // a subclass's getcaps may hand its own caps to the proxy getcaps (opusenc's per-channel masks)
    const templ = AUDIO_ELEMENTS[el.factory]?.sinkTemplate?.() ?? pad.template;
    return yield* proxyGetcaps(host, el, pad, filter, isAudioCodec(model.kind) ? AUDIO_PROXY_FIELDS : VIDEO_PROXY_FIELDS, templ);
  }
  if (pad.direction === 'sink' && model.kind === 'video-aggregator') return yield* videoAggregatorSinkCaps(host, pad, filter);
  if (pad.direction === 'sink' && model.kind === 'audio-aggregator') return yield* audioAggregatorSinkCaps(host, pad, filter);
  if (model.kind === 'text-overlay') {
    const other = pad.direction === 'src' ? overlayVideoSink(el) : pad === overlayVideoSink(el) ? el.srcPads()[0] : undefined;
    if (other !== undefined) return yield* overlayQueryCaps(host, pad, other, filter);
  }
  // the default handler: template ∩ filter (baseparse without get_sink_caps, codec src pads, aggregator pads)
  return filter === null ? pad.template : host.inter.first1(pad, filter, 'filter', pad.template, `${pad.id} template`);
}

/** ACCEPT_CAPS on a pad of a hooked element */
export function* baseClassAcceptCaps(_host: BaseClassHost, model: BaseClassModel, pad: PadNode, caps: Caps): Op<boolean> {
  if (pad.direction === 'sink' && isCodec(model.kind)) {
    // the codec base classes: within the template and compatible with what the sink pad answers now.
    // An encoder modelled here leaves out the fields its subclass adds (streamheader, mapping
    // families), so its caps only need to fit the template, not to fill it.
    if (PARTIAL.has(caps) ? !caps.canIntersect(pad.template) : !caps.isSubset(pad.template)) return false;
    const q = yield* queryCaps(pad, caps);
    return caps.canIntersect(q);
  }
  const allowed = yield* queryCaps(pad, null);
  return caps.isSubset(allowed);
}

/** A CAPS event arriving on `sink` of a hooked element: the caps it sets on its src pads. */
export function baseClassCapsEvent(host: BaseClassHost, model: BaseClassModel, sink: PadNode, caps: Caps): CapsEventResult {
  const el = sink.element;
  const src = el.srcPads()[0];
  if (src === undefined) return { ok: true, pushes: [] };
  let out: Caps | null;
  switch (model.kind) {
    case 'audio-encoder': {
      const raw = rawAudio(caps.structure(0)) ?? undefined;
      const encode = AUDIO_ELEMENTS[el.factory]?.encode;
      // gst_pad_get_allowed_caps, for subclasses that pick a stream format from it
      const allowed = encode === undefined || src.peer === null ? src.template : intersectFirst(run(host, peerQueryCaps(src, src.template)), src.template);
      const own = encode !== undefined && raw !== undefined ? encode(raw, el.properties, allowed, upstreamTags(tagWalk(sink.peer?.element))) : null;
      if (own !== null) out = own.complete ? own.caps : partial(own.caps);
      else out = partial(audioEncoderOutput(src.template, caps));
      out = withStream(out, raw);
      break;
    }
    case 'audio-decoder': {
      const hooks = AUDIO_ELEMENTS[el.factory];
      // the subclass picks its sample format from what downstream allows of its template
      const allowed = hooks?.decodeAllowedFormat === true && src.peer !== null ? intersectFirst(run(host, peerQueryCaps(src, src.template)), src.template) : src.template;
      if (allowed.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts none of its output formats`) };
      out = audioDecoderOutput(allowed.isAny() ? src.template : allowed, caps, streamOf(caps), hooks?.decodeDepth === true);
      break;
    }
    case 'video-encoder': {
      // the subclass starts from what downstream allows of its template (profiles, stream formats)
      const allowed = src.peer === null ? src.template : run(host, peerQueryCaps(src, src.template));
      const own = VIDEO_ENCODERS[el.factory];
      out = videoEncoderOutput(allowed.isEmpty() ? src.template : allowed, caps, own);
      if (own === undefined) out = partial(out);
      // the raw format behind the stream, for a decoder further down that restores it
      out = withVideoStream(out, firstString(getField(caps.structure(0), 'format')));
      break;
    }
    case 'video-decoder':
      out = videoDecoderOutput(src.template, caps, VIDEO_DECODERS[el.factory]?.(videoStreamOf(caps) ?? null) ?? null);
      break;
    case 'parse': {
      // a parser (or a muxer/demuxer of raw audio) modelled in elements-audio.ts builds its caps as the
      // element does; the stream behind the caps goes on with them
      const video = VIDEO_PARSERS[el.factory];
      const own = video !== undefined ? video(caps.structure(0), el.properties, videoStreamOf(caps) ?? null) : AUDIO_ELEMENTS[el.factory]?.parse?.(caps.structure(0), streamOf(caps), el.properties);
      out = own === undefined ? parseOutput(host, src, caps) : own;
      const fixateOutput = AUDIO_ELEMENTS[el.factory]?.fixateOutput;
      if (fixateOutput !== undefined) {
        // its output is its own (a visualiser's video): downstream's caps (unfiltered) ∩ the src template
        const allowed = src.peer === null ? src.template : intersectZigzag(run(host, peerQueryCaps(src, null)), src.template);
        if (allowed.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts nothing of its src template`) };
        out = fixateOutput(allowed);
      }
      // what a modelled encoder left out, the parser passes on missing too
      if (PARTIAL.has(caps)) out = partial(out);
      out = withStream(out, streamOf(caps) ?? rawAudio(caps.structure(0)) ?? undefined);
      out = withVideoStream(out, videoStreamOf(caps) ?? null);
      break;
    }
    case 'text-overlay':
      if (sink !== overlayVideoSink(el)) return { ok: true, pushes: [] };
      out = caps;
      break;
    case 'aggregator':
    case 'audio-aggregator':
    case 'video-aggregator':
    case 'collect': {
      // nothing flows out until every sink pad that takes part has caps (collectpads / aggregator wait)
      const waiting = el.sinkPads().filter((p) => p !== sink && (p.peer !== null || model.kind === 'collect') && p.caps === null);
      if (waiting.length > 0) return { ok: true, pushes: [] };
      const first = el.sinkPads().find((p) => p !== sink && p.caps !== null)?.caps ?? caps;
      const aggregate = AUDIO_ELEMENTS[el.factory]?.aggregate;
      const inputs = el.sinkPads().filter((p) => p.peer !== null).length;
      out = aggregate !== undefined ? aggregate(first, inputs) : aggregatorOutput(host, src, first);
      if (model.kind === 'video-aggregator') out = videoAggregatorOutput(host, src, first, { pad: sink, caps });
      break;
    }
    default:
      return { ok: true, pushes: [] };
  }
  if (out === null) {
    // the caps say too little (an encoded stream without its size, say): the element decides from the
    // data, which a static answer cannot see, so nothing is claimed for its output
    host.notes.push(`${el.name}: its output caps depend on the stream (${model.baseClass} cannot build them from ${caps.toString()}); none given`);
    return { ok: true, pushes: [] };
  }
  if (out.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts none of the outputs for ${caps.toString()}`) };
  el.passthrough = out.isEqual(caps);
  return { ok: true, pushes: [{ pad: src, caps: out }] };
}

/** aggregators and collectpads elements hold buffers until every input has data */
export const baseClassWaitsForInputs = (model: BaseClassModel): boolean =>
  model.kind === 'aggregator' || model.kind === 'audio-aggregator' || model.kind === 'video-aggregator' || model.kind === 'collect';

/** an element as the upstream tag walk sees it: profiled queues, tees and transforms and basetransform filters add no tags */
function tagWalk(el: ElementNode | undefined): TagWalkElement | null {
  if (el === undefined) return null;
  const kind = el.behaviour?.kind;
  return {
    factory: el.factory,
    isSource: el.sinkPads().length === 0,
    tagNeutral: el.baseClass !== null ? el.baseClass.kind === 'transform' : !el.templateOnly && (kind === 'proxy' || kind === 'tee' || kind === 'transform'),
    upstream: () => tagWalk(el.sinkPads()[0]?.peer?.element),
  };
}

/** codecs refuse buffers before caps; parsers and aggregators pass nothing on without caps either */
export const baseClassNeedsCaps = (model: BaseClassModel): boolean => model.kind !== 'parse';

// ---- output states -----------------------------------------------------------------------------------

/** encoder outputs built here: the subclass's own fields are missing from them */
const PARTIAL = new WeakSet<Caps>();

const partial = (c: Caps | null): Caps | null => {
  if (c !== null) PARTIAL.add(c);
  return c;
};

const sval = (value: string): Value => ({ kind: 'string', value });
const single = (structure: Structure, features: CapsEntry['features']): Caps => Caps.fromEntries([{ structure, features }]);

/** gst_audio_encoder_set_output_format with the caps a typical subclass builds: its src template with the input's rate and channels */
function audioEncoderOutput(srcTempl: Caps, incaps: Caps): Caps | null {
  if (srcTempl.isAny() || srcTempl.size === 0 || incaps.size === 0) return null;
  const entry = srcTempl.entries[0]!;
  const inS = incaps.structure(0);
  let s = entry.structure;
  for (const f of ['rate', 'channels'] as const) {
    const v = getField(inS, f);
    if (v !== undefined) s = setField(s, f, v);
  }
  const out = single(s, entry.features);
  if (!out.canIntersect(srcTempl)) return null;
  return out.fixate();
}

/**
 * gst_audio_info_to_caps of the decoder's output info: the first format its src template offers (a
 * lossless decoder: the format of the stream's bit depth), the input rate and channels (else the
 * stream's, for codecs whose caps carry neither)
 */
function audioDecoderOutput(srcTempl: Caps, incaps: Caps, stream: RawAudio | undefined, depthFormat: boolean): Caps | null {
  if (srcTempl.isAny() || srcTempl.size === 0 || incaps.size === 0) return null;
  const t = srcTempl.entries[0]!;
  const inS = incaps.structure(0);
  let rate = getField(inS, 'rate');
  let channels = getField(inS, 'channels');
  if (stream !== undefined) {
    if (rate?.kind !== 'int') rate = { kind: 'int', value: stream.rate };
    if (channels?.kind !== 'int') channels = { kind: 'int', value: stream.channels };
  }
  if (rate?.kind !== 'int' || channels?.kind !== 'int') return null;
  const depth = depthFormat ? streamDepth(inS, stream) : null;
  const format = depth !== null ? formatForDepth(depth) : firstString(getField(t.structure, 'format'));
  if (format === null) return null;
  const layout = firstString(getField(t.structure, 'layout')) ?? 'interleaved';
  const fields: { name: string; value: Value }[] = [
    { name: 'format', value: sval(format) },
    { name: 'layout', value: sval(layout) },
    { name: 'rate', value: rate },
    { name: 'channels', value: channels },
  ];
  if (channels.value > 1) fields.push({ name: 'channel-mask', value: { kind: 'bitmask', value: fallbackChannelMask(channels.value) } });
  return single({ name: t.structure.name, fields }, t.features);
}

interface InputVideo {
  readonly width: Value;
  readonly height: number;
  readonly heightValue: Value;
  readonly par: Value;
  readonly fps: Value;
  readonly interlace: string;
  readonly colorimetry: string | null;
  readonly chromaSite: string | null;
}

/** the GstVideoInfo a raw (or encoded, sized) input carries: sizes, rates, interlacing, colour */
function inputVideo(s: Structure): InputVideo | null {
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  if (w?.kind !== 'int' || h?.kind !== 'int') return null;
  const par = getField(s, 'pixel-aspect-ratio');
  const fps = getField(s, 'framerate');
  const im = getField(s, 'interlace-mode');
  const format = firstString(getField(s, 'format'));
  const c = getField(s, 'colorimetry');
  const cs = getField(s, 'chroma-site');
  const colour = format === null ? { colorimetry: c?.kind === 'string' ? c.value : null, chromaSite: cs?.kind === 'string' ? cs.value : null } : videoInfoColour(format, h.value, c, cs);
  return {
    width: w,
    height: h.value,
    heightValue: h,
    par: par?.kind === 'fraction' ? par : fraction(1, 1),
    fps: fps?.kind === 'fraction' ? fps : fraction(0, 1),
    interlace: im?.kind === 'string' && im.value !== null ? im.value : 'progressive',
    ...colour,
  };
}

/**
 * gst_video_encoder_set_output_state(caps, reference = input state) then negotiate_default: the
 * subclass's caps (its src template's name and fixed fields), then width, height, pixel-aspect-ratio,
 * framerate, interlace-mode, colorimetry, chroma-site and multiview fields from the input.
 */
function videoEncoderOutput(allowed: Caps, incaps: Caps, own: VideoEncoderCaps | undefined): Caps | null {
  if (allowed.isAny() || allowed.size === 0 || incaps.size === 0) return null;
  const t = allowed.entries[0]!;
  const inS = incaps.structure(0);
  const v = inputVideo(inS);
  if (v === null) return null;
  const state = new Set(['width', 'height', 'pixel-aspect-ratio', 'framerate', 'interlace-mode', 'colorimetry', 'chroma-site', 'multiview-mode', 'multiview-flags']);
  // gst_caps_fixate of the fields the subclass itself decides (a profile list gives its first)
  const own0: Structure = { name: t.structure.name, fields: t.structure.fields.filter((f) => !state.has(f.name)) };
  let s = single(own0, t.features).fixate().structure(0);
  if (own !== undefined) {
    const fmt = firstString(getField(inS, 'format'));
    const frac = (x: Value): { num: number; den: number } => (x.kind === 'fraction' ? { num: x.num, den: x.den } : { num: 0, den: 1 });
    const w = v.width.kind === 'int' ? v.width.value : 0;
    const mine = own({ format: fmt, width: w, height: v.height, par: frac(v.par), fps: frac(v.fps) }, s);
    if (mine === null) return null;
    s = mine;
  }
  s = setField(s, 'width', v.width);
  s = setField(s, 'height', v.heightValue);
  s = setField(s, 'pixel-aspect-ratio', v.par);
  s = setField(s, 'framerate', v.fps);
  s = setField(s, 'interlace-mode', sval(v.interlace));
  if (v.colorimetry !== null) s = setField(s, 'colorimetry', sval(v.colorimetry));
  if (v.chromaSite !== null) s = setField(s, 'chroma-site', sval(v.chromaSite));
  s = setField(s, 'multiview-mode', sval('mono'));
  s = setField(s, 'multiview-flags', MULTIVIEW_FLAGS);
  return single(s, t.features);
}

/**
 * gst_video_decoder_set_output_state(format, width, height, reference = input state) → gst_video_info_to_caps:
 * the first format the src template offers, the input's size, par and framerate, default colour.
 */
function videoDecoderOutput(srcTempl: Caps, incaps: Caps, streamFormat: string | null): Caps | null {
  if (srcTempl.isAny() || srcTempl.size === 0 || incaps.size === 0) return null;
  const t = srcTempl.entries[0]!;
  const format = streamFormat ?? firstString(getField(t.structure, 'format'));
  const inS = incaps.structure(0);
  const v = inputVideo(inS);
  if (format === null || v === null) return null;
  const info = videoFormatInfo(format);
  // _new_output_state copies the reference's chroma siting and colorimetry (unknown when the encoded
  // caps have none); gst_video_info_to_caps gives RGB formats the RGB matrix and leaves out what is unknown
  const inChroma = getField(inS, 'chroma-site');
  const inColorimetry = getField(inS, 'colorimetry');
  const colour = (inColorimetry?.kind === 'string' && inColorimetry.value !== null ? parseColorimetry(inColorimetry.value) : null) ?? [0, 0, 0, 0];
  if (((info?.flags ?? 0) & VIDEO_FLAG.RGB) !== 0) colour[1] = 1;
  const fields: { name: string; value: Value }[] = [
    { name: 'format', value: sval(format) },
    { name: 'width', value: v.width },
    { name: 'height', value: v.heightValue },
    { name: 'interlace-mode', value: sval(v.interlace) },
    { name: 'multiview-mode', value: sval('mono') },
    { name: 'multiview-flags', value: MULTIVIEW_FLAGS },
    { name: 'pixel-aspect-ratio', value: v.par },
  ];
  const site = knownChromaSite(inChroma);
  if (site !== null) fields.push({ name: 'chroma-site', value: sval(site) });
  if (colour.some((c) => c !== 0)) fields.push({ name: 'colorimetry', value: sval(colorimetryToString(colour)) });
  fields.push({ name: 'framerate', value: v.fps });
  return single({ name: t.structure.name, fields }, t.features);
}

/** a parser passes its input on, clipped by its src template and fixated (parsed=true and friends) */
function parseOutput(host: BaseClassHost, src: PadNode, incaps: Caps): Caps | null {
  let out = intersectFirst(incaps, src.template);
  if (out.isEmpty()) return null;
  if (!out.isFixed() && src.peer !== null) {
    const peer = run(host, queryCaps(src.peer, out));
    if (!peer.isEmpty()) out = intersectFirst(out, peer);
  }
  out = out.fixate();
  return out.isFixed() ? out : null;
}

/**
 * An aggregator's src caps: what downstream allows of its template, with the first input's values where
 * they fit (a mixer keeps its input's rate, format and size), then gst_caps_fixate.
 */
function aggregatorOutput(host: BaseClassHost, src: PadNode, first: Caps): Caps | null {
  const allowed = src.peer === null ? src.template : run(host, peerQueryCaps(src, src.template));
  if (allowed.isEmpty()) return Caps.EMPTY;
  if (allowed.isAny()) return first;
  return fitInput(allowed, first.structure(0));
}

/** the first structure of `allowed` that fixates, with the input's values where they fit */
function fitInput(allowed: Caps, inS: Structure): Caps | null {
  for (const e of allowed.entries) {
    let s = e.structure;
    for (const f of s.fields) {
      const v = getField(inS, f.name);
      if (v === undefined) continue;
      const candidate = setField(s, f.name, v);
      if (single(candidate, e.features).canIntersect(single(s, e.features))) s = candidate;
    }
    const fixed = single(s, e.features).fixate();
    if (fixed.isFixed()) return fixed;
  }
  return null;
}

/**
 * GstVideoAggregator's sink pad CAPS answer: what downstream allows of the src template, with format,
 * colorimetry, chroma-site and pixel-aspect-ratio removed and any framerate allowed, ∩ filter, ∩ the
 * sink template — without its alpha formats when nothing downstream takes alpha (_get_non_alpha_caps).
 */
function* videoAggregatorSinkCaps(host: BaseClassHost, pad: PadNode, filter: Caps | null): Op<Caps> {
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
function* audioAggregatorSinkCaps(host: BaseClassHost, pad: PadNode, filter: Caps | null): Op<Caps> {
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
function videoAggregatorOutput(host: BaseClassHost, src: PadNode, first: Caps, arriving: { pad: PadNode; caps: Caps }): Caps | null {
  let allowed = src.peer === null ? src.template : run(host, peerQueryCaps(src, src.template));
  if (allowed.isEmpty()) return Caps.EMPTY;
  if (allowed.isAny()) return first;
  const inS = first.structure(0);
  const v = inputVideo(inS);
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
    if (format !== null) colour = videoInfoColour(format, h?.kind === 'int' ? h.value : 1, getField(s0, 'colorimetry'), getField(s0, 'chroma-site'));
  }
  if (format !== null) {
    const f = format;
    const chosen = Caps.fromEntries(allowed.entries.map((e) => ({ structure: setField(e.structure, 'format', sval(f)), features: e.features })));
    allowed = chosen.merge(allowed);
  }
  const out = fitInput(allowed, src.element.factory === 'compositor' ? compositorFrame(src.element, inS, arriving) : inS);
  if (out === null || out.isEmpty()) return out;
  let s = out.structure(0);
  if (colour.chromaSite !== null) s = setField(s, 'chroma-site', sval(colour.chromaSite));
  if (colour.colorimetry !== null) s = setField(s, 'colorimetry', sval(colour.colorimetry));
  return single(s, out.entries[0]!.features);
}

/** the overlay's video input: video_sink (GstBaseTextOverlay), else the first sink taking raw video */
function overlayVideoSink(el: ElementNode): PadNode | undefined {
  const sinks = el.sinkPads();
  return sinks.find((p) => p.name === 'video_sink') ?? sinks.find((p) => !p.template.isAny() && p.template.entries.some((e) => e.structure.name === 'video/x-raw'));
}

/**
 * gst_base_text_overlay_get_videosink_caps / get_src_caps: what the other side's peer allows (its
 * template when that is ANY), filtered. The overlay-meta variants they add meet no caps without that
 * feature, so they are left out.
 */
function* overlayQueryCaps(host: BaseClassHost, pad: PadNode, other: PadNode, filter: Caps | null): Op<Caps> {
  const peer = yield* peerQueryCaps(other, filter);
  const caps = peer.isAny() ? other.template : peer;
  return filter === null ? caps : host.inter.first1(pad, filter, 'filter', caps, `${pad.element.name} (what its other side allows)`);
}

/** a string field's value, or the first of a list */
function firstString(v: Value | undefined): string | null {
  if (v === undefined) return null;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'list') {
    const first = v.items[0];
    return first?.kind === 'string' ? first.value : null;
  }
  return null;
}
