/**
 * Audio codec subclasses and their parsers, whose caps the base classes cannot guess from the registry:
 * the caps a GstAudioEncoder subclass hands to gst_audio_encoder_set_output_format (its own fields, in
 * its own order), what a GstBaseParse subclass reads from the frames (and the RIFF / AIFF muxers and
 * demuxers, plain GstElements modelled as parsers), and the sample format a lossless decoder gets back
 * from the stream (read from the 1.22 sources of each element, checked with gst-launch-1.0 -v).
 */
import { Caps, fixateFieldNearestInt, fixateFieldString, fixateStructure, getField, type Structure, type Value } from '../../../caps/index.js';
import type { PropertyValue } from '../../graph/graph.js';
import { i, str, yes, mask, caps, intProp, setOrAppend, type Props } from '../fields.js';
import { audioFormatInfo } from '../../media/formats.js';
import { fallbackChannelMask, formatDepth, streamOf, type RawAudio } from '../../media/audio.js';
import { AudioEncoder, AudioDecoder, type EncoderOutput, type Tag } from '../../base/audiocodec.js';
import { BaseParse } from '../../base/baseparse.js';
import type { ElementNode, InputBytes, InputPads, ModelHost, PadNode } from '../../engine/model.js';
import type { NegotiationError } from '../../types.js';
import { firstMpegAudioFrame, mpegAudioCaps } from '../media/mpegaudio.js';
import { wavparseCaps } from '../media/riff.js';

const done = (c: Caps): EncoderOutput => ({ caps: c, complete: true });
/** the element also puts a streamheader (codec headers, tags) in its caps, which is not built here */
const withoutHeaders = (c: Caps): EncoderOutput => ({ caps: c, complete: false, missing: ['streamheader'] });

/** MPEG audio version for a sample rate: 1 (32 kHz and up), 2 (16–24 kHz), 3 (2.5: 8–12 kHz) */
const mpegAudioVersion = (rate: number): number => (rate >= 32000 ? 1 : rate >= 16000 ? 2 : 3);

/**
 * riff-media's default positions for a PCM stream without a mask: FL FR LFE1 (3), FL FR FC LFE1 (4),
 * 5.1 (6), 7.1 with the front centre pair (8); other counts are unpositioned (mask 0)
 */
const RIFF_DEFAULT_MASKS: Readonly<Record<number, bigint>> = { 3: 0xbn, 4: 0xfn, 6: 0x3fn, 8: 0xffn };

/** a GstAudioFormat property value (its nick: "s16", "f32le") as the format name; native endianness is LE here */
function audioFormatProp(v: PropertyValue | undefined, dflt: string): string | null {
  if (v === undefined) return dflt;
  if (typeof v !== 'string') return null;
  const name = v.toUpperCase();
  if (audioFormatInfo(name) !== undefined) return name;
  return audioFormatInfo(name + 'LE') !== undefined ? name + 'LE' : null;
}

/**
 * rawaudioparse (and the audioparse bin around it): without use-sink-caps the caps come from its
 * properties, as gst_audio_info_to_caps writes PCM (the fallback mask above one channel)
 */
function rawAudioParseCaps(props: Props, names: { readonly format: string; readonly pcmFormat: string; readonly rate: string; readonly channels: string; readonly pcm: string }): Caps | null | undefined {
  if (props['use-sink-caps'] === true) return undefined;
  const kind = props[names.format] ?? names.pcm;
  const rate = intProp(props, names.rate, 44100);
  const channels = intProp(props, names.channels, 2);
  const positioned: [string, Value][] = channels > 1 ? [['channel-mask', mask(fallbackChannelMask(channels))]] : [];
  // the A-law / mu-law caps are written by hand, with the mask even for mono
  if (kind === 'alaw' || kind === 'mulaw') return caps(`audio/x-${kind}`, [['rate', i(rate)], ['channels', i(channels)], ['channel-mask', mask(fallbackChannelMask(channels))]]);
  if (kind !== names.pcm) return null;
  const format = audioFormatProp(props[names.pcmFormat], 'S16LE');
  if (format === null) return null;
  return caps('audio/x-raw', [
    ['format', str(format)],
    // 1.22 writes interleaved whatever the interleaved property says
    ['layout', str('interleaved')],
    ['rate', i(rate)],
    ['channels', i(channels)],
    ...positioned,
  ]);
}

/** MPEG-4 sampling frequency index (ISO/IEC 14496-3, 1.6.3.4) */
const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/**
 * voaacenc: AAC-LC, raw with its AudioSpecificConfig as codec_data unless downstream fixes ADTS;
 * gst_codec_utils_aac_caps_set_level_and_profile's level for one or two LC channels: 1 up to 24 kHz,
 * 2 up to 48 kHz, 5 above
 */
function voaacencCaps(raw: RawAudio, allowed: Caps): EncoderOutput | null {
  const index = AAC_RATES.indexOf(raw.rate);
  if (index < 0 || raw.channels < 1 || raw.channels > 2) return null;
  const first = allowed.isAny() || allowed.isEmpty() ? undefined : getField(allowed.structure(0), 'stream-format');
  const adts = first?.kind === 'string' && first.value === 'adts';
  const level = raw.rate <= 24000 ? 1 : raw.rate <= 48000 ? 2 : 5;
  const config = (2 << 11) | (index << 7) | (raw.channels << 3);
  const fields: [string, Value][] = [
    ['mpegversion', i(4)],
    ['channels', i(raw.channels)],
    ['rate', i(raw.rate)],
    ['level', str(String(level))],
    ['base-profile', str('lc')],
    ['profile', str('lc')],
    ['stream-format', str(adts ? 'adts' : 'raw')],
  ];
  fields.push(adts ? ['framed', yes] : ['codec_data', { kind: 'opaque', type: 'buffer', text: config.toString(16).padStart(4, '0') }]);
  return done(caps('audio/mpeg', fields));
}

const hexBytes = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
const le = (value: number, bytes: number): string => {
  let out = '';
  for (let b = 0; b < bytes; b++) out += ((value >>> (8 * b)) & 0xff).toString(16).padStart(2, '0');
  return out;
};

/** gst_tag_list_to_vorbiscomment_buffer: id, vendor, the comments, the framing bit */
function vorbisComment(id: string, vendor: string, tags: readonly Tag[]): string {
  let out = hexBytes(id) + le(Buffer.byteLength(vendor), 4) + hexBytes(vendor) + le(tags.length, 4);
  for (const [name, value] of tags) {
    const c = `${name}=${value}`;
    out += le(Buffer.byteLength(c), 4) + hexBytes(c);
  }
  return out + '01';
}

/**
 * gst_codec_utils_opus_create_header for mapping family 0: version 1, channels, pre-skip (libopus's
 * lookahead in 48 kHz samples: 312, 120 for restricted-lowdelay), the input rate, no gain
 */
const opusHead = (rate: number, channels: number, preSkip: number): string => hexBytes('OpusHead') + '01' + le(channels, 1) + le(preSkip, 2) + le(rate, 4) + '0000' + '00';

const opusFields = (rate: number, channels: number): [string, Value][] => [
  ['rate', i(rate)],
  ['channels', i(channels)],
  ['channel-mapping-family', i(0)],
  ['stream-count', i(1)],
  ['coupled-count', i(channels === 2 ? 1 : 0)],
];

const buffers = (...hex: string[]): Value => ({ kind: 'array', items: hex.map((text) => ({ kind: 'opaque', type: 'buffer', text })) });

/**
 * opusenc's sink getcaps (gst_opus_enc_get_sink_template_caps): 48 kHz and the other Opus rates for
 * mono, each channel count up to 8 with its Vorbis-order mask, then any count unpositioned
 */
function opusencSinkTemplate(): Caps {
  const rates: Value = { kind: 'list', items: [8000, 12000, 16000, 24000].map(i) };
  const s = (rate: Value, channels: Value, m: bigint | null): Structure => ({
    name: 'audio/x-raw',
    fields: [
      { name: 'format', value: str('S16LE') },
      { name: 'layout', value: str('interleaved') },
      { name: 'rate', value: rate },
      { name: 'channels', value: channels },
      ...(m === null ? [] : [{ name: 'channel-mask', value: mask(m) }]),
    ],
  });
  const structures: Structure[] = [s(i(48000), i(1), null), s(rates, i(1), null)];
  for (let c = 2; c <= 8; c++) structures.push(s(i(48000), i(c), fallbackChannelMask(c)), s(rates, i(c), fallbackChannelMask(c)));
  const any: Value = { kind: 'int-range', min: 1, max: 255, step: 1 };
  structures.push(s(i(48000), any, null), s(rates, any, null));
  return Caps.fromStructures(...structures);
}

/**
 * The vendor strings the codec libraries of the recorded GStreamer 1.22 system write into their
 * headers (libFLAC 1.4.2): a property of the installed library, kept with the other snapshot facts
 */
const LIBFLAC_VENDOR = 'reference libFLAC 1.4.2 20221022';
const LIBSPEEX_VERSION = '1.2.1';

/**
 * speex_init_header as speexenc fills it: "Speex   ", the library version, header version 1 and size
 * 80, the rate, the mode its rate picks (narrowband up to 12.5 kHz, wideband up to 25 kHz, else
 * ultra-wideband) with that mode's frame size, bitstream version 4, channels, bitrate -1, the vbr
 * property, one frame per packet
 */
function speexHeader(raw: RawAudio, vbr: boolean): string {
  const mode = raw.rate > 25000 ? 2 : raw.rate > 12500 ? 1 : 0;
  const version = (hexBytes(LIBSPEEX_VERSION) + '00'.repeat(20)).slice(0, 40);
  const ints = [1, 80, raw.rate, mode, 4, raw.channels, -1, 160 << mode, vbr ? 1 : 0, 1, 0, 0, 0];
  return hexBytes('Speex   ') + version + ints.map((v) => le(v, 4)).join('');
}

const be = (value: number, bytes: number): string => value.toString(16).padStart(bytes * 2, '0').slice(-bytes * 2);

/**
 * flacenc's streamheader: the Ogg-FLAC style first packet (0x7F "FLAC" 1.0, two header packets,
 * "fLaC", STREAMINFO: block size, unknown frame sizes, rate / channels / depth, unknown length, no
 * MD5) and the last metadata block, the VORBIS_COMMENT of the tags that reached it
 */
function flacStreamheader(raw: RawAudio, depth: number, blocksize: number, tags: readonly Tag[]): Value {
  const packed = (BigInt(raw.rate) << 44n) | (BigInt(raw.channels - 1) << 41n) | (BigInt(depth - 1) << 36n);
  const streaminfo = be(blocksize, 2) + be(blocksize, 2) + be(0, 3) + be(0, 3) + packed.toString(16).padStart(16, '0') + '00'.repeat(16);
  const first = hexBytes('\x7fFLAC') + '0100' + be(2, 2) + hexBytes('fLaC') + '00' + be(streaminfo.length / 2, 3) + streaminfo;
  // a FLAC VORBIS_COMMENT block has no framing bit
  const comment = vorbisComment('', LIBFLAC_VENDOR, tags).slice(0, -2);
  return buffers(first, '84' + be(comment.length / 2, 3) + comment);
}

/**
 * gst_sbc_enc_set_format: what downstream allows ∩ the input rate and channels, the first structure,
 * channel-mode mono / joint, bitpool nearest 64, 16 blocks, 8 subbands, loudness, then parsed=true
 */
function sbcencCaps(raw: RawAudio, allowed: Caps): EncoderOutput | null {
  const wanted = caps('audio/x-sbc', [['rate', i(raw.rate)], ['channels', i(raw.channels)]]);
  const out = (allowed.isAny() ? wanted : allowed.intersect(wanted, 'zigzag')).truncate();
  if (out.isEmpty()) return null;
  let st = out.structure(0);
  st = fixateFieldString(st, 'channel-mode', raw.channels === 1 ? 'mono' : 'joint') ?? st;
  st = fixateFieldNearestInt(st, 'bitpool', 64) ?? st;
  st = fixateFieldNearestInt(st, 'blocks', 16) ?? st;
  st = fixateFieldNearestInt(st, 'subbands', 8) ?? st;
  st = fixateFieldString(st, 'allocation-method', 'loudness') ?? st;
  st = setOrAppend(fixateStructure(st), 'parsed', yes);
  return done(Caps.fromEntries([{ structure: st, features: out.entries[0]!.features }]));
}


type AudioParse = (input: Structure, raw: RawAudio | undefined, props: Props) => Caps | null | undefined;

/** a parser's caps from the input's first structure, the raw audio behind the stream and its properties */
const audioParser = (f: AudioParse) => (input: Caps, props: Props): Caps | null | undefined => f(input.structure(0), streamOf(input), props);

// gst_lamemp3enc_set_format: lame_get_version() is 1 for MPEG-1 and 0 for both MPEG-2 and 2.5
export const lamemp3enc = new AudioEncoder({
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
});

// gst_twolame_set_format: twolame_get_version() MPEG-1 or MPEG-2 (LSF)
export const twolamemp2enc = new AudioEncoder({
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
});

export const sbcenc = new AudioEncoder({ encode: (raw, _props, allowed) => sbcencCaps(raw, allowed) });

export const voaacenc = new AudioEncoder({ encode: (raw, _props, allowed) => voaacencCaps(raw, allowed) });

/**
 * avenc_ac3: libav's AC-3 caps for the input (channels, rate, and the channel-mask of a stereo layout),
 * then gst_caps_intersect with what downstream allows, so a downstream that asks for framed=true (mpegtsmux)
 * gets it and a fakesink does not; layouts beyond stereo are left to the data
 */
function avencAc3Caps(raw: RawAudio, allowed: Caps): EncoderOutput | null {
  if (raw.channels < 1 || raw.channels > 2) return null;
  const own = caps('audio/x-ac3', [['channels', i(raw.channels)], ['rate', i(raw.rate)], ...(raw.channels === 2 ? [['channel-mask', mask(0x3n)] as const] : [])]);
  if (allowed.isAny()) return done(own);
  // gst_pad_get_allowed_caps lists the src template's fields (channels, rate) before downstream's (framed), and
  // the intersection with libav's caps keeps that order: channel-mask comes last
  const ordered = caps('audio/x-ac3', [['channels', i(raw.channels)], ['rate', i(raw.rate)]]).intersect(allowed);
  const out = ordered.intersect(own);
  if (out.isEmpty()) return null;
  return done(out.fixate());
}

// alawenc / mulawenc: rate and channels, nothing more (no channel-mask)
export const alawenc = new AudioEncoder({ encode: (raw) => done(caps('audio/x-alaw', [['rate', i(raw.rate)], ['channels', i(raw.channels)]])) });
export const mulawenc = new AudioEncoder({ encode: (raw) => done(caps('audio/x-mulaw', [['rate', i(raw.rate)], ['channels', i(raw.channels)]])) });

export const avencAc3 = new AudioEncoder({ encode: (raw, _props, allowed) => avencAc3Caps(raw, allowed) });

export const voamrwbenc = new AudioEncoder({ encode: (raw) => done(caps('audio/AMR-WB', [['channels', i(raw.channels)], ['rate', i(raw.rate)]])) });

// the codec's one mode: its src template as it stands
export const sirenenc = new AudioEncoder({ encode: () => done(caps('audio/x-siren', [['dct-length', i(320)]])) });

export const wavpackenc = new AudioEncoder({
  encode: (raw) => {
    const depth = formatDepth(raw.format);
    if (depth === null) return null;
    return done(caps('audio/x-wavpack', [['channels', i(raw.channels)], ['rate', i(raw.rate)], ['depth', i(depth)], ['framed', yes]]));
  },
});

export const flacenc = new AudioEncoder({
  encode: (raw, props, _allowed, tags) => {
    const fields: [string, Value][] = [['channels', i(raw.channels)], ['rate', i(raw.rate)]];
    const depth = formatDepth(raw.format);
    if (tags === null || depth === null) return withoutHeaders(caps('audio/x-flac', fields));
    fields.push(['streamheader', flacStreamheader(raw, depth, intProp(props, 'blocksize', 4608), tags)]);
    return done(caps('audio/x-flac', fields));
  },
});

// the caps it sets once it has read the headers: channels, framed, rate, the headers as they came
export const flacparse = new BaseParse({
  parse: audioParser((input) => {
    const sh = getField(input, 'streamheader');
    const rate = getField(input, 'rate');
    const ch = getField(input, 'channels');
    if (sh === undefined || rate?.kind !== 'int' || ch?.kind !== 'int') return undefined;
    return caps('audio/x-flac', [['channels', ch], ['framed', yes], ['rate', rate], ['streamheader', sh]]);
  }),
});

export const speexenc = new AudioEncoder({
  encode: (raw, props, _allowed, tags) => {
    const fields: [string, Value][] = [['rate', i(raw.rate)], ['channels', i(raw.channels)]];
    if (tags === null) return withoutHeaders(caps('audio/x-speex', fields));
    fields.push(['streamheader', buffers(speexHeader(raw, props['vbr'] === true), vorbisComment('', 'Encoded with GStreamer Speexenc', tags))]);
    return done(caps('audio/x-speex', fields));
  },
});

export const vorbisenc = new AudioEncoder({ encode: (raw) => withoutHeaders(caps('audio/x-vorbis', [['rate', i(raw.rate)], ['channels', i(raw.channels)]])) });

// gst_opus_enc_setup: the OpusHead and the OpusTags of the tags that reached it (mapping family 0
// for positioned mono and stereo)
export const opusenc = new AudioEncoder({
  sinkTemplate: opusencSinkTemplate,
  encode: (raw, props, _allowed, tags) => {
    if (raw.channels > 2 || (raw.channels === 2 && raw.mask === 0n)) return null;
    const fields = opusFields(raw.rate, raw.channels);
    if (tags === null) return withoutHeaders(caps('audio/x-opus', fields));
    const preSkip = props['audio-type'] === 'restricted-lowdelay' ? 120 : 312;
    fields.push(['streamheader', buffers(opusHead(raw.rate, raw.channels, preSkip), vorbisComment('OpusTags', 'Encoded with GStreamer opusenc', tags))]);
    return done(caps('audio/x-opus', fields));
  },
});

// the caps it makes of the OpusHead it parsed, with an empty OpusTags of its own
export const opusparse = new BaseParse({
  parse: audioParser((input) => {
    const sh = getField(input, 'streamheader');
    const rate = getField(input, 'rate');
    const ch = getField(input, 'channels');
    const family = getField(input, 'channel-mapping-family');
    if (sh?.kind !== 'array' || rate?.kind !== 'int' || ch?.kind !== 'int' || family?.kind !== 'int' || family.value !== 0 || ch.value > 2) return undefined;
    const head = sh.items[0];
    if (head?.kind !== 'opaque') return undefined;
    return caps('audio/x-opus', [...opusFields(rate.value, ch.value), ['streamheader', buffers(head.text, vorbisComment('OpusTags', 'GStreamer encoded vorbiscomment', []))]]);
  }),
});

export const adpcmenc = new AudioEncoder({
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
});

/** what mpegaudioparse read from an MPEG audio file it parses without caps (filesrc ! mpegaudioparse) */
const mpegFiles = new WeakMap<ElementNode, string>();

class MpegAudioParse extends BaseParse {
  // ---- media in (issue 12) ----
  override padsFromInput(el: ElementNode, input: InputBytes): InputPads | null {
    const h = firstMpegAudioFrame(input);
    if (h === null) return { pads: null, printed: true };
    mpegFiles.set(el, mpegAudioCaps(h));
    return { pads: [], printed: true };
  }

  /** buffers without caps: the first frame header it trusts sets its caps */
  override bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[] {
    const text = mpegFiles.get(sink.element);
    const src = sink.element.srcPads()[0];
    if (text === undefined || src === undefined) return super.bufferWithoutCaps(host, sink);
    const c = Caps.parse(text);
    if (!c.ok) return [];
    sink.element.passthrough = false;
    return host.pushCaps(src, c.caps) ?? [];
  }
  // ---- end media in ----
}

// the frame header: version from the sample rate, then rate before channels
export const mpegaudioparse = new MpegAudioParse({
  parse: audioParser((input) => {
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
  }),
});

// the WavPack block header: a stereo stream's channel mask goes on the caps (what wavpackparse
// makes of a multichannel mask is left to the data)
export const wavpackparse = new BaseParse({
  parse: audioParser((input) => {
    const ch = getField(input, 'channels');
    if (input.name !== 'audio/x-wavpack' || ch?.kind !== 'int') return undefined;
    if (ch.value > 2) return null;
    const fields = input.fields.filter((f) => f.name !== 'channel-mask');
    if (ch.value === 2) fields.push({ name: 'channel-mask', value: mask(3n) });
    return Caps.fromEntries([{ structure: { name: input.name, fields }, features: null }]);
  }),
});

// a plain GstElement: template answers, and the RIFF stream it writes is all the caps say
export const wavenc = new BaseParse({ standalone: true, parse: audioParser(() => caps('audio/x-wav', [])) });

// the RIFF header wavenc wrote (plain PCM/float, no channel mask): gst_riff_create_audio_caps puts
// the stereo mask after channels and, for more channels, the default layout for the count last
/** wavparse reads the fmt chunk of the file it parses (media/riff.ts) and adds its src pad with those caps */
class WavParse extends BaseParse {
  override padsFromInput(_el: ElementNode, input: InputBytes): InputPads | null {
    const c = wavparseCaps(input);
    if (c === null) return { pads: null, printed: true };
    return { pads: [c.caps === null ? { pad: 'src', caps: null, why: c.why } : { pad: 'src', caps: c.caps }], printed: true };
  }
}

export const wavparse = new WavParse({
  standalone: true,
  parse: audioParser((_input, raw) => {
    if (raw === undefined || raw.format === null) return null;
    const fields: [string, Value][] = [
      ['format', str(raw.format)],
      ['layout', str('interleaved')],
      ['channels', i(raw.channels)],
    ];
    if (raw.channels === 2) fields.push(['channel-mask', mask(3n)]);
    fields.push(['rate', i(raw.rate)]);
    if (raw.channels > 2) fields.push(['channel-mask', mask(RIFF_DEFAULT_MASKS[raw.channels] ?? 0n)]);
    return caps('audio/x-raw', fields);
  }),
});

export const aiffmux = new BaseParse({ standalone: true, parse: audioParser(() => caps('audio/x-aiff', [])) });

// the COMM chunk: big-endian samples, channels before layout, rate last
export const aiffparse = new BaseParse({
  standalone: true,
  parse: audioParser((_input, raw) => {
    if (raw === undefined || raw.format === null || raw.channels > 2) return null;
    const fields: [string, Value][] = [
      ['format', str(raw.format)],
      ['channels', i(raw.channels)],
      ['layout', str('interleaved')],
      ['rate', i(raw.rate)],
    ];
    if (raw.channels === 2) fields.push(['channel-mask', mask(3n)]);
    return caps('audio/x-raw', fields);
  }),
});

export const rawaudioparse = new BaseParse({ parse: audioParser((_input, _raw, props) => rawAudioParseCaps(props, { format: 'format', pcmFormat: 'pcm-format', rate: 'sample-rate', channels: 'num-channels', pcm: 'pcm' })) });

export const audioparse = new BaseParse({ standalone: true, child: 'rawaudioparse', parse: audioParser((_input, _raw, props) => rawAudioParseCaps(props, { format: 'format', pcmFormat: 'raw-format', rate: 'rate', channels: 'channels', pcm: 'raw' })) });

export const flacdec = new AudioDecoder({ decodeDepth: true });

// gst_mpg123_audio_dec_set_format: the first format of the first allowed structure
export const mpg123audiodec = new AudioDecoder({ decodeAllowedFormat: true });

export const wavpackdec = new AudioDecoder({ decodeDepth: true });
