/**
 * gst-libav's video decoders (gstavviddec.c gst_ffmpegviddec_negotiate): the output state FFmpeg's
 * decoder context gives once it has the parameter sets, over the input state as reference. The format
 * follows FFmpeg's pixel format (chroma format and bit depth), the size is the cropped picture, chroma
 * siting comes from FFmpeg's chroma_sample_location when the caps have none, each colorimetry component
 * from the stream when the caps leave it unknown, and the pixel aspect ratio is the demuxer's unless only
 * the stream's is not 1:1. No multiview fields: avviddec sets its own mode (none) over the base class's.
 * H.264 reads the SPS of the avcC codec_data; anything else stays with the base class's answer.
 */
import { Caps, fraction, getField, type Structure, type Value } from '../../../caps/index.js';
import { colorimetryToString, knownChromaSite, parseColorimetry } from '../../media/colour.js';
import { VideoDecoder } from '../../base/videocodec.js';
import { AudioDecoder } from '../../base/audiocodec.js';
import { str } from '../fields.js';
import { avcCNals, lastById, matrixFromIso, parseSps, primariesFromIso, transferFromIso, type H264Sps } from '../parsers/h264-sps.js';

/** what FFmpeg's context says of the stream, as avviddec reads it */
interface FfmpegPicture {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly interlaced: boolean;
  /** chroma_sample_location as GstVideoChromaSite's name; null: unspecified (nothing set) */
  readonly chromaSite: string | null;
  /** range, matrix, transfer, primaries as GStreamer's enums (0: unspecified) */
  readonly colour: readonly [number, number, number, number];
  /** the stream's sample aspect ratio (null: none) */
  readonly par: { readonly n: number; readonly d: number } | null;
}

/** FFmpeg's H.264 pixel formats as gst_ffmpeg_pixfmt_to_videoformat names them (4:0:0 and RGB coding: not modelled) */
const H264_FORMATS: Readonly<Record<string, string>> = {
  '1/8': 'I420', '1/10': 'I420_10LE', '1/12': 'I420_12LE',
  '2/8': 'Y42B', '2/10': 'I422_10LE', '2/12': 'I422_12LE',
  '3/8': 'Y444', '3/10': 'Y444_10LE', '3/12': 'Y444_12LE',
};

/** AVChromaLocation from chroma_sample_loc_type + 1, as avviddec maps it (LEFT mpeg2, CENTER jpeg, TOPLEFT dv) */
const CHROMA_LOC = ['mpeg2', 'jpeg', 'dv'];

function h264Picture(sps: H264Sps): FfmpegPicture | null {
  const vui = sps.vui;
  if (sps.separateColourPlane || (vui?.colour?.matrix ?? 2) === 0) return null;
  const format = H264_FORMATS[`${String(sps.chromaFormatIdc)}/${String(sps.bitDepthLuma)}`];
  if (format === undefined || sps.bitDepthChroma !== sps.bitDepthLuma) return null;
  // FFmpeg's default siting is LEFT; loc types above 2 have no name avviddec sets that capsflow checked
  const loc = vui?.chromaLocTop ?? 0;
  if (loc > 2) return null;
  const c = vui?.colour;
  // color_range is set only when the VUI has video_signal_type (capsflow reads it with the colour description)
  const colour: [number, number, number, number] = [c != null ? (vui!.fullRange ? 1 : 2) : 0, c != null ? matrixFromIso(c.matrix) : 0, c != null ? transferFromIso(c.transfer) : 0, c != null ? primariesFromIso(c.primaries) : 0];
  const par = vui?.par != null && vui.par.n !== 0 && vui.par.d !== 0 ? vui.par : null;
  return { format, width: sps.cropWidth, height: sps.cropHeight, interlaced: !sps.frameMbsOnly, chromaSite: CHROMA_LOC[loc]!, colour, par };
}

/** gst_ffmpegviddec_negotiate → gst_video_info_to_caps, for the input caps `inS` and FFmpeg's picture */
function negotiate(inS: Structure, pic: FfmpegPicture): Caps | null {
  const fields: { name: string; value: Value }[] = [];
  const set = (name: string, value: Value): void => {
    fields.push({ name, value });
  };
  // interlace-mode: the caps', else progressive for frame-coded streams (interlaced ones depend on the pictures)
  const im = getField(inS, 'interlace-mode');
  if (im === undefined && pic.interlaced) return null;
  const interlace = im?.kind === 'string' && im.value !== null ? im.value : 'progressive';
  if (interlace !== 'progressive') return null;
  // the reference state: gst_video_info_from_caps of the encoded caps (pixel-aspect-ratio 1/1 when absent)
  const parIn = getField(inS, 'pixel-aspect-ratio');
  const demuxer = parIn?.kind === 'fraction' ? { n: parIn.num, d: parIn.den } : { n: 1, d: 1 };
  const dec = pic.par;
  let par = demuxer;
  if (dec !== null && demuxer.n === demuxer.d && dec.n !== dec.d) par = dec;
  const fps = getField(inS, 'framerate');
  if (fps?.kind !== 'fraction' || fps.num === 0) return null; // FFmpeg's time base: not modelled
  const siteIn = knownChromaSite(getField(inS, 'chroma-site'));
  const site = getField(inS, 'chroma-site') !== undefined ? siteIn : pic.chromaSite;
  const cIn = getField(inS, 'colorimetry');
  const ref = cIn?.kind === 'string' && cIn.value !== null ? parseColorimetry(cIn.value) : null;
  // each component from the stream where the caps have none or leave it unknown
  const colour = [0, 1, 2, 3].map((k) => (ref !== null && ref[k] !== 0 ? ref[k]! : pic.colour[k]!));
  set('format', str(pic.format));
  set('width', { kind: 'int', value: pic.width });
  set('height', { kind: 'int', value: pic.height });
  set('interlace-mode', str(interlace));
  set('pixel-aspect-ratio', fraction(par.n, par.d));
  if (site !== null) set('chroma-site', str(site));
  if (colour.some((x) => x !== 0)) set('colorimetry', str(colorimetryToString(colour)));
  set('framerate', fps);
  return Caps.fromEntries([{ structure: { name: 'video/x-raw', fields }, features: null }]);
}

/** avdec_h264: the SPS of the avcC codec_data (a byte-stream's in-band SPS is not in the caps: undefined) */
export function avdecH264Output(incaps: Caps): Caps | null | undefined {
  if (incaps.size !== 1) return undefined;
  const s = incaps.structure(0);
  const cd = getField(s, 'codec_data');
  if (cd?.kind !== 'opaque' || cd.type !== 'buffer') return undefined;
  const record = avcCNals(Uint8Array.from(cd.text.match(/../g) ?? [], (h) => parseInt(h, 16)));
  const spsNals = record === null ? [] : lastById(record.sps, 7);
  const sps = spsNals.length === 0 ? null : parseSps(spsNals[spsNals.length - 1]!);
  const pic = sps === null ? null : h264Picture(sps);
  return pic === null ? null : negotiate(s, pic);
}

export const avdec_h264 = new VideoDecoder({ outputState: avdecH264Output });

// FFmpeg's audio decoders hand back planar samples: gst-libav maps them to non-interleaved layouts
export const avdec_mp3 = new AudioDecoder({ sampleFormat: { format: 'S16LE', layout: 'non-interleaved' } });
export const avdec_mp3float = new AudioDecoder({ sampleFormat: { format: 'F32LE', layout: 'non-interleaved' } });
export const avdec_aac = new AudioDecoder({ sampleFormat: { format: 'F32LE', layout: 'non-interleaved' } });
