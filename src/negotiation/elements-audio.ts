/**
 * Audio codec and parser subclasses whose caps the base classes cannot guess from the registry: the
 * caps a GstAudioEncoder subclass hands to gst_audio_encoder_set_output_format (its own fields, in its
 * own order), what a GstBaseParse subclass reads from the frames, and the sample format a lossless
 * decoder gets back from the stream (read from the 1.22 sources of each element, checked with
 * gst-launch-1.0 -v).
 *
 * An encoded stream's caps do not say everything that is in the data (a WAV or FLAC header, the bit
 * depth), so the raw audio an encoder was given travels with the caps object it produced
 * (`streamOf`), parsers hand it on, and decoders and demuxers read it back.
 */
import { Caps, getField, type CapsEntry, type Structure, type Value } from '../caps/index.js';
import { audioFormatInfo } from './formats.js';
import type { BaseClassKind } from './base-classes.js';
import type { PropertyValue } from './graph.js';
import { fallbackChannelMask } from './transforms.js';

/** The raw audio behind an encoded stream (GstAudioInfo as far as caps go). */
export interface RawAudio {
  readonly format: string | null;
  readonly rate: number;
  readonly channels: number;
  /** the channel-mask field, when the caps had one */
  readonly mask: bigint | null;
}

const STREAM = new WeakMap<Caps, RawAudio>();

/** the raw audio an encoded stream was made from, when an encoder modelled here produced it */
export const streamOf = (caps: Caps): RawAudio | undefined => STREAM.get(caps);

/** tie `raw` to caps built for an encoded stream (returns the caps) */
export function withStream<C extends Caps | null>(caps: C, raw: RawAudio | undefined): C {
  if (caps !== null && raw !== undefined) STREAM.set(caps, raw);
  return caps;
}

/** GstAudioInfo of fixed raw caps, or null when rate or channels are missing */
export function rawAudio(s: Structure): RawAudio | null {
  if (s.name !== 'audio/x-raw') return null;
  const rate = getField(s, 'rate');
  const channels = getField(s, 'channels');
  if (rate?.kind !== 'int' || channels?.kind !== 'int') return null;
  const f = getField(s, 'format');
  const m = getField(s, 'channel-mask');
  return { format: f?.kind === 'string' ? f.value : null, rate: rate.value, channels: channels.value, mask: m?.kind === 'bitmask' ? m.value : null };
}

type Props = Readonly<Record<string, PropertyValue>>;

/** An encoder's output: complete when it holds every field the element sets (no streamheader left out). */
export interface EncoderOutput {
  readonly caps: Caps;
  readonly complete: boolean;
}

export interface AudioElementHooks {
  /** the base-class model of an element outside the base classes (a plain GstElement) */
  readonly model?: BaseClassKind;
  /** set_format → set_output_format: the caps built from the input */
  readonly encode?: (raw: RawAudio, props: Props) => EncoderOutput | null;
  /**
   * a parser's caps from its input caps and the stream behind them; null when only the data can tell,
   * undefined for the generic parser model (the input clipped by the src template)
   */
  readonly parse?: (input: Structure, raw: RawAudio | undefined) => Caps | null | undefined;
  /** a decoder whose output sample format follows the stream's bit depth (lossless codecs) */
  readonly decodeDepth?: true;
}

const i = (value: number): Value => ({ kind: 'int', value });
const str = (value: string): Value => ({ kind: 'string', value });
const yes: Value = { kind: 'boolean', value: true };
const mask = (value: bigint): Value => ({ kind: 'bitmask', value });

const caps = (name: string, fields: readonly (readonly [string, Value])[]): Caps =>
  Caps.fromEntries([{ structure: { name, fields: fields.map(([n, value]) => ({ name: n, value })) }, features: null } satisfies CapsEntry]);

const done = (c: Caps): EncoderOutput => ({ caps: c, complete: true });
/** the element also puts a streamheader (codec headers, tags) in its caps, which is not built here */
const withoutHeaders = (c: Caps): EncoderOutput => ({ caps: c, complete: false });

const intProp = (props: Props, name: string, dflt: number): number => {
  const v = props[name];
  return typeof v === 'number' ? v : dflt;
};

/** MPEG audio version for a sample rate: 1 (32 kHz and up), 2 (16–24 kHz), 3 (2.5: 8–12 kHz) */
const mpegAudioVersion = (rate: number): number => (rate >= 32000 ? 1 : rate >= 16000 ? 2 : 3);

const formatDepth = (format: string | null): number | null => (format === null ? null : (audioFormatInfo(format)?.depth ?? null));

/** gst_audio_info_to_caps' channel-mask: the stream's, else the fallback mask above one channel */
const streamMask = (raw: RawAudio): bigint | null => raw.mask ?? (raw.channels > 1 ? fallbackChannelMask(raw.channels) : null);

export const AUDIO_ELEMENTS: Readonly<Record<string, AudioElementHooks>> = {
  // gst_lamemp3enc_set_format: lame_get_version() is 1 for MPEG-1 and 0 for both MPEG-2 and 2.5
  lamemp3enc: {
    encode: (raw, props) =>
      done(
        caps('audio/mpeg', [
          ['mpegversion', i(1)],
          ['mpegaudioversion', i(raw.rate >= 32000 ? 1 : 2)],
          ['layer', i(3)],
          ['channels', i(props['mono'] === true ? 1 : raw.channels)],
          ['rate', i(raw.rate)],
        ]),
      ),
  },
  // gst_twolame_set_format: twolame_get_version() MPEG-1 or MPEG-2 (LSF)
  twolamemp2enc: {
    encode: (raw) =>
      done(
        caps('audio/mpeg', [
          ['mpegversion', i(1)],
          ['mpegaudioversion', i(raw.rate >= 32000 ? 1 : 2)],
          ['layer', i(2)],
          ['channels', i(raw.channels)],
          ['rate', i(raw.rate)],
        ]),
      ),
  },
  voamrwbenc: { encode: (raw) => done(caps('audio/AMR-WB', [['channels', i(raw.channels)], ['rate', i(raw.rate)]])) },
  // the codec's one mode: its src template as it stands
  sirenenc: { encode: () => done(caps('audio/x-siren', [['dct-length', i(320)]])) },
  wavpackenc: {
    encode: (raw) => {
      const depth = formatDepth(raw.format);
      if (depth === null) return null;
      return done(caps('audio/x-wavpack', [['channels', i(raw.channels)], ['rate', i(raw.rate)], ['depth', i(depth)], ['framed', yes]]));
    },
  },
  flacenc: { encode: (raw) => withoutHeaders(caps('audio/x-flac', [['channels', i(raw.channels)], ['rate', i(raw.rate)]])) },
  speexenc: { encode: (raw) => withoutHeaders(caps('audio/x-speex', [['rate', i(raw.rate)], ['channels', i(raw.channels)]])) },
  vorbisenc: { encode: (raw) => withoutHeaders(caps('audio/x-vorbis', [['rate', i(raw.rate)], ['channels', i(raw.channels)]])) },
  // gst_codec_utils_opus_create_caps_from_header: mapping family 0 for positioned mono/stereo
  opusenc: {
    encode: (raw) => {
      if (raw.channels > 2) return null;
      return withoutHeaders(
        caps('audio/x-opus', [
          ['rate', i(raw.rate)],
          ['channels', i(raw.channels)],
          ['channel-mapping-family', i(0)],
          ['stream-count', i(1)],
          ['coupled-count', i(raw.channels === 2 ? 1 : 0)],
        ]),
      );
    },
  },
  adpcmenc: {
    encode: (raw, props) => {
      const layout = props['layout'];
      return done(
        caps('audio/x-adpcm', [
          ['rate', i(raw.rate)],
          ['channels', i(raw.channels)],
          ['layout', str(typeof layout === 'string' ? layout : 'dvi')],
          ['block_align', i(intProp(props, 'blockalign', 1024))],
        ]),
      );
    },
  },
  // the frame header: version from the sample rate, then rate before channels
  mpegaudioparse: {
    parse: (input) => {
      const get = (n: string): number | null => {
        const v = getField(input, n);
        return v?.kind === 'int' ? v.value : null;
      };
      const rate = get('rate');
      const channels = get('channels');
      const layer = get('layer');
      if (input.name !== 'audio/mpeg' || get('mpegversion') !== 1 || rate === null || channels === null || layer === null) return undefined;
      return caps('audio/mpeg', [
        ['mpegversion', i(1)],
        ['mpegaudioversion', i(mpegAudioVersion(rate))],
        ['layer', i(layer)],
        ['rate', i(rate)],
        ['channels', i(channels)],
        ['parsed', yes],
      ]);
    },
  },
  // the WavPack block header: a stereo stream's channel mask goes on the caps (what wavpackparse
  // makes of a multichannel mask is left to the data)
  wavpackparse: {
    parse: (input) => {
      const ch = getField(input, 'channels');
      if (input.name !== 'audio/x-wavpack' || ch?.kind !== 'int') return undefined;
      if (ch.value > 2) return null;
      const fields = input.fields.filter((f) => f.name !== 'channel-mask');
      if (ch.value === 2) fields.push({ name: 'channel-mask', value: mask(3n) });
      return Caps.fromEntries([{ structure: { name: input.name, fields }, features: null }]);
    },
  },
  // a plain GstElement: template answers, and the RIFF stream it writes is all the caps say
  wavenc: { model: 'parse', parse: () => caps('audio/x-wav', []) },
  // the RIFF header: gst_riff_create_audio_caps puts a stereo mask after channels; the
  // WAVE_FORMAT_EXTENSIBLE mask of more channels comes last
  wavparse: {
    model: 'parse',
    parse: (_input, raw) => {
      if (raw === undefined || raw.format === null) return null;
      const fields: [string, Value][] = [
        ['format', str(raw.format)],
        ['layout', str('interleaved')],
        ['channels', i(raw.channels)],
      ];
      const m = streamMask(raw);
      if (raw.channels === 2 && m !== null) fields.push(['channel-mask', mask(m)]);
      fields.push(['rate', i(raw.rate)]);
      if (raw.channels > 2 && m !== null) fields.push(['channel-mask', mask(m)]);
      return caps('audio/x-raw', fields);
    },
  },
  flacdec: { decodeDepth: true },
  wavpackdec: { decodeDepth: true },
};

/** the sample format a decoder of a `depth`-bit integer stream outputs (flacdec, wavpackdec) */
export function formatForDepth(depth: number): string | null {
  switch (depth) {
    case 8:
      return 'S8';
    case 16:
      return 'S16LE';
    case 24:
      return 'S24_32LE';
    case 32:
      return 'S32LE';
    default:
      return null;
  }
}

/** the bit depth of an encoded stream: its caps' depth field, else the raw format it was made from */
export function streamDepth(input: Structure, raw: RawAudio | undefined): number | null {
  const d = getField(input, 'depth');
  if (d?.kind === 'int') return d.value;
  return raw === undefined ? null : formatDepth(raw.format);
}
