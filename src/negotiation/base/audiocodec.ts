/**
 * GstAudioEncoder / GstAudioDecoder: the sink pad answers CAPS with the proxy getcaps
 * (__gst_audio_element_proxy_getcaps: rate and channels downstream allows, grafted onto the sink
 * template), the src pad with its template; the output is what set_output_format gets: for an encoder
 * the subclass's caps (`encode`), else its src template with the input's rate and channels; for a
 * decoder gst_audio_info_to_caps of the first format it offers with the input's rate and channels.
 */
import { getField, setField, type Caps, type Value } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';
import type { ModelHost } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { intersectFirst, peerQueryCaps, run } from '../engine/query.js';
import { fallbackChannelMask, formatForDepth, rawAudio, streamDepth, streamOf, withStream, type RawAudio } from '../media/audio.js';
import { templateAnswer, type ModelOptions } from './element.js';
import { CodecModel } from './codec.js';
import { firstString, partial, proxyGetcaps, single, sval, type Output } from './output.js';

const AUDIO_PROXY_FIELDS = ['rate', 'channels', 'channels-mask'] as const; // sic: 1.22 copies "channels-mask", so channel-mask never goes across

/** a tag as gst_tag_list_to_vorbiscomment_buffer writes it: vorbis name and value */
export type Tag = readonly [name: string, value: string];

/** An encoder's output: complete when it holds every field the element sets (no streamheader left out). */
export interface EncoderOutput {
  readonly caps: Caps;
  readonly complete: boolean;
  /** the fields the element makes from its data that are left out (reported unknown, reason `stream`) */
  readonly missing?: readonly string[];
}

export interface AudioEncoderOptions extends ModelOptions {
  /**
   * set_format → set_output_format: the caps built from the input (`allowed`: gst_pad_get_allowed_caps
   * of the src pad; `tags`: the vorbiscomment-style tags that reached the encoder, null when unknown)
   */
  readonly encode?: (raw: RawAudio, props: Readonly<Record<string, PropertyValue>>, allowed: Caps, tags: readonly Tag[] | null) => EncoderOutput | null;
  /** the caps its sink getcaps hands to the proxy getcaps instead of its pad template */
  readonly sinkTemplate?: () => Caps;
}

/** the tags that reach an element from upstream, or null when something on the way may add its own */
function upstreamTags(first: ElementNode | undefined): readonly Tag[] | null {
  let el = first;
  for (let n = 0; el !== undefined && n < 10000; el = el.sinkPads()[0]?.peer?.element, n++) {
    if (el.sinkPads().length === 0) return el.model.sourceTags;
    if (!el.model.tagNeutral) return null;
  }
  return null;
}

abstract class AudioCodec<O extends ModelOptions> extends CodecModel<O> {
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (pad.direction === 'src') return templateAnswer(host, pad, filter);
    return yield* proxyGetcaps(host, pad.element, pad, filter, AUDIO_PROXY_FIELDS, this.sinkTemplate() ?? pad.template);
  }

  protected sinkTemplate(): Caps | undefined {
    return undefined;
  }
}

export class AudioEncoder extends AudioCodec<AudioEncoderOptions> {
  override readonly baseClass: string = 'GstAudioEncoder';
  readonly kind = 'audio-encoder';

  protected override sinkTemplate(): Caps | undefined {
    return this.options.sinkTemplate?.();
  }

  protected output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const el = sink.element;
    const raw = rawAudio(caps.structure(0)) ?? undefined;
    const encode = this.options.encode;
    // gst_pad_get_allowed_caps, for subclasses that pick a stream format from it
    const allowed = encode === undefined || src.peer === null ? src.template : intersectFirst(run(host, peerQueryCaps(src, src.template)), src.template);
    const own = encode !== undefined && raw !== undefined ? encode(raw, el.properties, allowed, upstreamTags(sink.peer?.element)) : null;
    const out = own !== null ? (own.complete ? own.caps : partial(own.caps, own.missing ?? [])) : partial(audioEncoderOutput(src.template, caps));
    return withStream(out, raw);
  }
}

export interface AudioDecoderOptions extends ModelOptions {
  /** its output sample format follows the stream's bit depth (lossless codecs) */
  readonly decodeDepth?: boolean;
  /** it takes the first format of its allowed src caps (gst_pad_get_allowed_caps) */
  readonly decodeAllowedFormat?: boolean;
  /** the sample format and layout its codec library hands back whatever the template lists (FFmpeg's planar formats) */
  readonly sampleFormat?: { readonly format: string; readonly layout: string };
}

export class AudioDecoder extends AudioCodec<AudioDecoderOptions> {
  override readonly baseClass: string = 'GstAudioDecoder';
  readonly kind = 'audio-decoder';

  protected output(host: ModelHost, _sink: PadNode, src: PadNode, caps: Caps): Output {
    const el = src.element;
    // the subclass picks its sample format from what downstream allows of its template
    const allowed = this.options.decodeAllowedFormat === true && src.peer !== null ? intersectFirst(run(host, peerQueryCaps(src, src.template)), src.template) : src.template;
    if (allowed.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts none of its output formats`) };
    return audioDecoderOutput(allowed.isAny() ? src.template : allowed, caps, streamOf(caps), this.options.decodeDepth === true, this.options.sampleFormat);
  }
}

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
function audioDecoderOutput(srcTempl: Caps, incaps: Caps, stream: RawAudio | undefined, depthFormat: boolean, fixed?: { readonly format: string; readonly layout: string }): Caps | null {
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
  const format = fixed?.format ?? (depth !== null ? formatForDepth(depth) : firstString(getField(t.structure, 'format')));
  if (format === null) return null;
  const layout = fixed?.layout ?? firstString(getField(t.structure, 'layout')) ?? 'interleaved';
  const fields: { name: string; value: Value }[] = [
    { name: 'format', value: sval(format) },
    { name: 'layout', value: sval(layout) },
    { name: 'rate', value: rate },
    { name: 'channels', value: channels },
  ];
  if (channels.value > 1) fields.push({ name: 'channel-mask', value: { kind: 'bitmask', value: fallbackChannelMask(channels.value) } });
  return single({ name: t.structure.name, fields }, t.features);
}

