/**
 * GstVideoEncoder / GstVideoDecoder: the sink pad answers CAPS with the proxy getcaps
 * (__gst_video_element_proxy_getcaps: the size, rate and aspect downstream allows, grafted onto the sink
 * template), the src pad with its template. An encoder's output is set_output_state with the input as
 * reference (the subclass's own fields: `outputCaps`); a decoder's is gst_video_info_to_caps of the
 * first format it offers (or `outputFormat` of the stream's raw format) with the input's size and rate.
 */
import { Caps, getField, setField, type Structure, type Value } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';
import type { AllocationClass, CapsEventResult, ModelHost } from '../engine/model.js';
import type { Op, PadNode } from '../engine/model.js';
import { intersectFirst, intersectZigzag, peerQueryCaps, queryCaps, run } from '../engine/query.js';
import type { BehaviourProfile } from '../engine/profile.js';
import { colorimetryToString, knownChromaSite, MULTIVIEW_FLAGS, parseColorimetry } from '../media/colour.js';
import { videoFormats, VIDEO_FLAG } from '../media/formats.js';
import { gstRelease, type GstVersion } from '../registry/registry.js';
import { videoStreamOf, withVideoStream } from '../media/video.js';
import type { NegotiationError } from '../types.js';
import { GstElementModel, templateAnswer, type ModelOptions } from './element.js';
import { CodecModel } from './codec.js';
import { firstString, inputVideo, partial, proxyGetcaps, single, sval, type Output } from './output.js';

const VIDEO_PROXY_FIELDS = ['width', 'height', 'framerate', 'pixel-aspect-ratio'] as const;

/** the GstVideoInfo of the encoder's input, as far as the subclasses below read it */
export interface EncoderInput {
  readonly format: string | null;
  readonly width: number;
  readonly height: number;
  readonly par: { readonly num: number; readonly den: number };
  readonly fps: { readonly num: number; readonly den: number };
}

/**
 * A subclass's output caps before the base class adds the input state (width, height, ...). `allowed` is
 * what the generic model offers: the first structure downstream allows of the src template, its other
 * fields fixated (gst_caps_fixate of gst_pad_get_allowed_caps, what most subclasses start from).
 */
export type VideoEncoderCaps = (input: EncoderInput, allowed: Structure) => Structure | null;

/** A decoder's output format for the raw format its stream was encoded from (null: the stream says nothing). */
export type VideoDecoderFormat = (streamFormat: string | null) => string | null;

abstract class VideoCodec<O extends ModelOptions> extends CodecModel<O> {
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (pad.direction === 'src') return templateAnswer(host, pad, filter);
    return yield* proxyGetcaps(host, pad.element, pad, filter, VIDEO_PROXY_FIELDS);
  }
}

/** What a subclass's set_format reads: its input, gst_pad_get_allowed_caps of its src pad, its properties. */
export interface EncoderContext {
  readonly input: EncoderInput;
  /** gst_pad_get_allowed_caps of the src pad (the template itself when downstream takes ANY) */
  readonly allowed: Caps;
  /** downstream answered ANY: gst_pad_get_allowed_caps hands back the template caps object itself */
  readonly downstreamAny: boolean;
  readonly props: Readonly<Record<string, PropertyValue>>;
}

/** A subclass's own caps and the fields it makes from its data that are not built here (unknown, reason `stream`). */
export interface EncoderCaps {
  readonly structure: Structure;
  readonly missing: readonly string[];
}

export interface VideoEncoderOptions extends ModelOptions {
  /** the caps the subclass hands to set_output_state (before the base class adds the input state) */
  readonly outputCaps?: VideoEncoderCaps;
  /** the same, for a subclass that reads its properties and downstream's caps, and leaves fields to the data */
  readonly encode?: (ctx: EncoderContext) => EncoderCaps | null;
}

export interface VideoDecoderOptions extends ModelOptions {
  /** the raw format it hands back for the format its stream was encoded from */
  readonly outputFormat?: VideoDecoderFormat;
  /** the whole output state the subclass sets from what its input caps carry (codec_data); undefined: the base class's */
  readonly outputState?: (incaps: Caps) => Caps | null | undefined;
}

export class VideoEncoder extends VideoCodec<VideoEncoderOptions> {
  override readonly baseClass: string = 'GstVideoEncoder';
  readonly kind = 'video-encoder';

  protected output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    // the subclass starts from what downstream allows of its template (profiles, stream formats)
    const allowed = src.peer === null ? src.template : run(host, peerQueryCaps(src, src.template));
    const encode = this.options.encode;
    let missing: readonly string[] = [];
    let own = this.options.outputCaps;
    if (encode !== undefined) {
      const downstreamAny = src.peer !== null && run(host, peerQueryCaps(src, null)).isAny();
      const props = sink.element.properties;
      own = (input) => {
        const mine = encode({ input, allowed, downstreamAny, props });
        if (mine === null) return null;
        missing = mine.missing;
        return mine.structure;
      };
    }
    let out = videoEncoderOutput(allowed.isEmpty() ? src.template : allowed, caps, own, gstRelease(host.registry));
    if (own === undefined) out = partial(out);
    else if (missing.length > 0) out = partial(out, missing);
    // the raw format behind the stream, for a decoder further down that restores it
    return withVideoStream(out, firstString(getField(caps.structure(0), 'format')));
  }
}

export class VideoDecoder extends VideoCodec<VideoDecoderOptions> {
  override readonly baseClass: string = 'GstVideoDecoder';
  readonly kind = 'video-decoder';

  protected output(host: ModelHost, _sink: PadNode, src: PadNode, caps: Caps): Output {
    const own = this.options.outputState?.(caps);
    if (own !== undefined) return own;
    return videoDecoderOutput(src.template, caps, this.options.outputFormat?.(videoStreamOf(caps) ?? null) ?? null, gstRelease(host.registry));
  }
}

/**
 * The multiview fields an output state copies from its reference (the input's GstVideoInfo):
 * gst_video_info_from_caps reads multiview-mode only when the caps have it (else MODE_NONE, and
 * gst_video_info_to_caps writes neither field); multiview-flags default to 0.
 */
export function inputMultiview(s: Structure): [string, Value][] {
  const mode = getField(s, 'multiview-mode');
  if (mode === undefined || mode.kind !== 'string' || mode.value === null || mode.value === 'none') return [];
  const flags = getField(s, 'multiview-flags');
  return [['multiview-mode', mode], ['multiview-flags', flags ?? MULTIVIEW_FLAGS]];
}

/**
 * gst_video_encoder_set_output_state(caps, reference = input state) then negotiate_default: the
 * subclass's caps (its src template's name and fixed fields), then width, height, pixel-aspect-ratio,
 * framerate, interlace-mode, colorimetry, chroma-site and multiview fields from the input.
 */
function videoEncoderOutput(allowed: Caps, incaps: Caps, own: VideoEncoderCaps | undefined, release: GstVersion): Caps | null {
  if (allowed.isAny() || allowed.size === 0 || incaps.size === 0) return null;
  const t = allowed.entries[0]!;
  const inS = incaps.structure(0);
  const v = inputVideo(inS, release);
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
  for (const [name, value] of inputMultiview(inS)) s = setField(s, name, value);
  return single(s, t.features);
}

/**
 * gst_video_decoder_set_output_state(format, width, height, reference = input state) → gst_video_info_to_caps:
 * the first format the src template offers, the input's size, par and framerate, default colour.
 */
function videoDecoderOutput(srcTempl: Caps, incaps: Caps, streamFormat: string | null, release: GstVersion): Caps | null {
  if (srcTempl.isAny() || srcTempl.size === 0 || incaps.size === 0) return null;
  const t = srcTempl.entries[0]!;
  const format = streamFormat ?? firstString(getField(t.structure, 'format'));
  const inS = incaps.structure(0);
  const v = inputVideo(inS);
  if (format === null || v === null) return null;
  const info = videoFormats(release)(format);
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
  // 1.26 prints no chroma-site on a GstVideoDecoder's output (vp8dec, vp9dec, openjpegdec, openh264dec, webpdec, y4mdec measured)
  const site = release === '1.26' ? null : knownChromaSite(inChroma);
  if (site !== null) fields.push({ name: 'chroma-site', value: sval(site) });
  if (colour.some((c) => c !== 0)) fields.push({ name: 'colorimetry', value: sval(colorimetryToString(colour)) });
  fields.push({ name: 'framerate', value: v.fps });
  return single({ name: t.structure.name, fields }, t.features);
}


// ---- codecs whose output the profile names (jpegenc, jpegdec) ---------------------------------------

/** fields __gst_video_element_proxy_getcaps carries between a codec's two sides */
const PROXY_FIELDS = new Set(['width', 'height', 'framerate', 'pixel-aspect-ratio', 'colorimetry', 'chroma-site']);

export interface FixedOutputCodecOptions extends ModelOptions {
  readonly role: 'encoder' | 'decoder';
  /** the profile's name for it (its factory's) */
  readonly algorithm: string;
  /** the output state set_format builds from the input caps (null: it cannot handle them) */
  readonly output: (incaps: Caps) => Caps | null;
}

/**
 * A GstVideoEncoder / GstVideoDecoder subclass with a profile: the sink pad's proxy getcaps carries
 * colorimetry and chroma-site as well (§3.8); the output state is the element's own function of the
 * input.
 */
export class FixedOutputVideoCodec extends GstElementModel {
  override readonly baseClass: string;
  override readonly profile: BehaviourProfile;
  private readonly build: (incaps: Caps) => Caps | null;

  constructor(options: FixedOutputCodecOptions) {
    super(options);
    this.baseClass = options.role === 'encoder' ? 'GstVideoEncoder' : 'GstVideoDecoder';
    this.profile = { kind: 'video-codec', role: options.role, algorithm: options.algorithm };
    this.build = options.output;
  }

  /** its allocation is its base class's (the registry says which class installed each vmethod) */
  override get allocationClass(): AllocationClass {
    return null;
  }

  /** the same codec under a user's profile */
  withProfile(profile: Extract<BehaviourProfile, { kind: 'video-codec' }>): FixedOutputVideoCodec {
    return new FixedOutputVideoCodec({ versions: this.versions, role: profile.role, algorithm: profile.algorithm, output: this.build });
  }

  /**
   * __gst_video_element_proxy_getcaps (§3.8). The filter's size/rate fields go downstream under the src
   * template's names; what comes back is grafted onto the sink template's names.
   */
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (pad.direction === 'src') return templateAnswer(host, pad, filter);
    const el = pad.element;
    const src = el.srcPads()[0];
    if (src === undefined) return templateAnswer(host, pad, filter);
    const templ = pad.template;
    const graft = (from: Caps, onto: Caps): Caps => {
      const entries = [];
      for (const a of from.entries) {
        const fields = a.structure.fields.filter((f) => PROXY_FIELDS.has(f.name));
        for (const t of onto.entries) entries.push({ structure: { name: t.structure.name, fields }, features: t.features });
      }
      return Caps.fromEntries(entries);
    };
    const fcaps = filter === null || filter.isAny() ? null : intersectFirst(graft(filter, src.template), src.template);
    const peer = yield* peerQueryCaps(src, fcaps);
    let caps: Caps;
    if (peer.isAny()) caps = templ;
    else if (peer.isEmpty()) return peer;
    else caps = intersectZigzag(graft(peer, templ), templ);
    if (filter !== null) caps = host.inter.first1(pad, caps, `${pad.id} (what downstream of ${el.name} allows)`, filter, 'filter');
    return caps;
  }

  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    if (!caps.isSubset(pad.template)) return false;
    const q = yield* queryCaps(pad, caps);
    return caps.canIntersect(q);
  }

  /** output state built from the input (set_format → set_output_state) */
  override setCaps(host: ModelHost, sink: PadNode, incaps: Caps): CapsEventResult {
    const el = sink.element;
    const src = el.srcPads()[0];
    if (src === undefined) return { ok: true, pushes: [] };
    const out = this.build(incaps);
    if (out === null) return { ok: false, error: host.notNegotiated(src, `${el.name} cannot handle ${incaps.toString()}`) };
    el.passthrough = false;
    return { ok: true, pushes: [{ pad: src, caps: out }] };
  }

  override bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[] {
    return host.notNegotiated(sink, `${sink.element.name} received a buffer before any caps (not negotiated)`);
  }
}
