/**
 * Elements without a model of their own negotiate as their GStreamer base class does. The registry
 * records each factory's GType ancestry (`typeChain`); the first known base class in it picks the
 * base-class model (a table, so a new base class is one line here and one model in this folder):
 *
 * - GstBaseTransform / GstAudioFilter / GstVideoFilter: the default transform_caps (identity, clipped by
 *   the other template), prefer_passthrough;
 * - GstAudioEncoder / GstAudioDecoder / GstVideoEncoder / GstVideoDecoder: proxy getcaps on the sink pad,
 *   template on the src pad, the output state built from the input;
 * - GstBaseParse: template answers; the output is the input clipped by the src template;
 * - GstAggregator and elements with several always sink pads (collectpads): output only once every sink
 *   pad has caps, built from the src template and the first sink pad's caps;
 * - GstBaseSrc / GstBaseSink: template answers, gst_caps_fixate at the source.
 *
 * An element model registered for the factory (elements/) replaces the default model when it is a model
 * of the same base class.
 */
import type { Caps } from '../../caps/index.js';
import type { AllocationClass, ElementModel, ElementNode } from '../engine/model.js';
import type { ElementFactory } from '../registry/registry.js';
import { AudioDecoder, AudioEncoder } from './audiocodec.js';
import { Aggregator, AudioAggregator, VideoAggregator } from './aggregator.js';
import { BaseParse } from './baseparse.js';
import { BaseSink } from './basesink.js';
import { BaseSrc } from './basesrc.js';
import { BaseTransform } from './basetransform.js';
import { GstElementModel } from './element.js';
import type { BaseClassKind } from './output.js';
import { BaseTextOverlay } from './textoverlay.js';
import { VideoDecoder, VideoEncoder } from './videocodec.js';
import { RtpBasePayload } from './rtppayload.js';

/** GType name → model, most specific first where a chain holds several (GstAudioFilter before GstBaseTransform). */
export const BASE_CLASS_MODELS: Readonly<Record<string, BaseClassKind>> = {
  GstBaseTextOverlay: 'text-overlay',
  GstRTPBasePayload: 'rtp-payload',
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

export interface BaseClassPick {
  readonly kind: BaseClassKind | 'collect';
  /** the GType whose behaviour is modelled (GstAudioEncoder), or the element's own type for one outside the base classes */
  readonly baseClass: string;
  readonly note: string;
}

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
  'rtp-payload': 'set_outcaps of media, clock-rate and encoding-name with the template and downstream; payload type fixated, ssrc/timestamp-offset/seqnum-offset random unless set; the subclass\'s own fields not modelled',
  collect: 'several always sink pads: output once every sink pad has caps, from the src template and the first input',
  source: 'default basesrc negotiation: template, then gst_caps_fixate',
  sink: 'default basesink: template caps, accepts subsets',
};

/**
 * The base class a factory without a profile negotiates as, or null when its ancestry is unknown (an old
 * snapshot) and nothing else says how it behaves. `standalone`: the kind of the element's registered
 * model when that element is outside the base classes (a plain GstElement modelled as a parser or
 * collectpads element).
 */
export function chooseBaseClass(factory: ElementFactory, templateCaps: (template: string) => Caps, standalone: BaseClassKind | 'collect' | undefined): BaseClassPick | null {
  const chain = factory.typeChain ?? [];
  const sinks = factory.padTemplates.filter((t) => t.direction === 'sink');
  const srcs = factory.padTemplates.filter((t) => t.direction === 'src');
  const alwaysSinks = sinks.filter((t) => t.presence === 'always');
  const alwaysSrcs = srcs.filter((t) => t.presence === 'always');
  let baseClass: string | undefined;
  let kind: BaseClassKind | 'collect' | undefined;
  for (const t of chain.slice(1)) {
    const k = Object.hasOwn(BASE_CLASS_MODELS, t) ? BASE_CLASS_MODELS[t] : undefined; // type names come from the registry file
    if (k !== undefined) {
      baseClass = t;
      kind = k;
      break;
    }
  }
  // elements outside the base classes whose own code a registered model restates (wavenc, videoparse)
  if (kind === undefined && standalone !== undefined) {
    kind = standalone;
    baseClass = chain[0] ?? factory.name;
  }
  if (kind === undefined && chain.length > 0 && alwaysSinks.length >= 2 && srcs.length >= 1) {
    kind = 'collect';
    baseClass = chain[chain.length - 1] ?? 'GstElement';
  }
  if (kind === undefined || baseClass === undefined) return null;
  const choice: BaseClassPick = { kind, baseClass, note: `${baseClass} base class: ${NOTES[kind]}` };
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
      return choice;
    }
    case 'source':
    case 'sink':
      return choice;
    default:
      if (srcs.length === 0 || sinks.length === 0) return null;
      return choice;
  }
}

/** media types and features of caps, for "the same kind of data on both sides" */
export function mediaKinds(c: Caps): string {
  if (c.isAny()) return 'ANY';
  const names = new Set(c.entries.map((e) => `${e.structure.name}(${e.features === null ? '' : e.features.any ? 'ANY' : [...e.features.names].sort().join(',')})`));
  return [...names].sort().join(';');
}

const defaults = new Map<string, GstElementModel>();

/** The base class's own model (GStreamer's defaults, no subclass vmethods), one per kind and GType name. */
export function baseClassModel(choice: BaseClassPick): GstElementModel {
  const key = `${choice.kind} ${choice.baseClass}`;
  let model = defaults.get(key);
  if (model === undefined) {
    model = DEFAULTS[choice.kind](choice.baseClass);
    defaults.set(key, model);
  }
  return model;
}

/** each kind's model with GStreamer's defaults only */
const DEFAULTS: Readonly<Record<BaseClassKind | 'collect', (baseClass: string) => GstElementModel>> = {
  // GstAudioFilter / GstVideoFilter have set_caps: they refuse buffers before caps
  transform: (baseClass) => new BaseTransform({ algorithm: 'identity', baseClass, needsCaps: baseClass !== 'GstBaseTransform', unprofiled: true }),
  source: () => new BaseSrc(),
  sink: () => new BaseSink(),
  'audio-encoder': (baseClass) => new AudioEncoder().named(baseClass),
  'audio-decoder': (baseClass) => new AudioDecoder().named(baseClass),
  'video-encoder': (baseClass) => new VideoEncoder().named(baseClass),
  'video-decoder': (baseClass) => new VideoDecoder().named(baseClass),
  parse: (baseClass) => new BaseParse().named(baseClass),
  aggregator: (baseClass) => new Aggregator().named(baseClass),
  collect: (baseClass) => new Aggregator({ collect: true }).named(baseClass),
  'audio-aggregator': (baseClass) => new AudioAggregator().named(baseClass),
  'video-aggregator': (baseClass) => new VideoAggregator().named(baseClass),
  'text-overlay': (baseClass) => new BaseTextOverlay().named(baseClass),
  'rtp-payload': (baseClass) => new RtpBasePayload().named(baseClass),
};

// ---- which model answers the ALLOCATION query ------------------------------------------------------------

/** the base classes that handle ALLOCATION themselves, as the registry's typeChain names them (the first found wins) */
const ALLOCATION_CLASSES = ['GstBaseTransform', 'GstVideoEncoder', 'GstVideoDecoder', 'GstAudioEncoder', 'GstAudioDecoder', 'GstAggregator', 'GstBaseSrc', 'GstBaseSink'] as const;

let allocationDefaults: ReadonlyMap<AllocationClass, ElementModel> | undefined;

/** each allocation class's defaults, with no subclass code (what the registry's facts say is read by them) */
function allocationDefault(cls: Exclude<AllocationClass, null>): ElementModel {
  allocationDefaults ??= new Map<AllocationClass, ElementModel>([
    ['GstElement', new GstElementModel()],
    ['GstBaseSrc', new BaseSrc()],
    ['GstBaseSink', new BaseSink()],
    ['GstBaseTransform', new BaseTransform({ algorithm: 'identity', unprofiled: true })],
    ['GstVideoEncoder', new VideoEncoder()],
    ['GstVideoDecoder', new VideoDecoder()],
    ['GstAudioEncoder', new AudioEncoder()],
    ['GstAudioDecoder', new AudioDecoder()],
    ['GstAggregator', new Aggregator()],
  ]);
  return allocationDefaults.get(cls)!;
}

/**
 * The model whose allocation vmethods run for `el`: the base class that handles ALLOCATION in the registry's
 * ancestry (else, without ancestry or for a bin around one, the base class its profile names; else GstElement),
 * with the element's own model when that model is one of that class — its overrides then run — and the
 * class's defaults when it is not (an element known by its templates, a model of another base class).
 * Queues and tee proxy the query whatever their class.
 */
export function allocationModel(el: ElementNode, factory: ElementFactory | undefined): ElementModel {
  const model = el.model;
  const p = el.profile;
  if (p?.kind === 'proxy' || p?.kind === 'tee') return model;
  const chain = factory?.typeChain ?? [];
  let cls: Exclude<AllocationClass, null> | undefined = ALLOCATION_CLASSES.find((t) => chain.includes(t));
  // a profile says how the element negotiates caps, not which base class it is: it stands in only when
  // the ancestry is unknown, or for a bin whose inside it models (fakevideosink)
  if (cls === undefined && p !== null && (chain.length === 0 || chain.includes('GstBin'))) {
    cls = p.kind === 'video-codec' ? (p.role === 'encoder' ? 'GstVideoEncoder' : 'GstVideoDecoder') : PROFILE_ALLOCATION_CLASS[p.kind];
  }
  cls ??= 'GstElement';
  return model?.allocationClass === cls ? model : allocationDefault(cls);
}

const PROFILE_ALLOCATION_CLASS = { source: 'GstBaseSrc', sink: 'GstBaseSink', transform: 'GstBaseTransform' } as const;
