/**
 * GstVideoEncoder subclasses (the caps they hand to set_output_state) and GstVideoDecoder subclasses
 * (the raw format they hand back for the format their stream was encoded from), from their 1.22 sources.
 */
import { fraction, getField, setField, type Caps, type Structure, type Value } from '../../../caps/index.js';
import { caps, i, str } from '../fields.js';
import { colorimetryToString, MULTIVIEW_FLAGS } from '../../media/colour.js';
import { videoFormatInfo, VIDEO_FLAG } from '../../media/formats.js';
import { VideoEncoder, VideoDecoder } from '../../base/videocodec.js';
import { BaseParse } from '../../base/baseparse.js';

const fieldsOf = (s: Structure, keep: (name: string) => boolean): Structure => ({ name: s.name, fields: s.fields.filter((f) => keep(f.name)) });
const hex = (n: number, bytes: number): string => (n >>> 0).toString(16).padStart(bytes * 2, '0').slice(-bytes * 2);

/** gst_vp9_enc set_format: the libvpx profile follows from bit depth and chroma subsampling */
function vp9Profile(format: string | null): string | null {
  const info = format === null ? undefined : videoFormatInfo(format);
  if (info === undefined) return null;
  const subsampled = (info.wSub[1] ?? 0) > 0 || (info.hSub[1] ?? 0) > 0;
  const is420 = (info.wSub[1] ?? 0) > 0 && (info.hSub[1] ?? 0) > 0;
  if (info.bits > 8) return is420 ? '2' : '3';
  return subsampled && is420 ? '0' : '1';
}

/** openjpegenc's colorspace / sampling / num-components for an input format */
function j2kFields(format: string | null): [string, Value][] | null {
  const info = format === null ? undefined : videoFormatInfo(format);
  if (info === undefined) return null;
  const alpha = (info.flags & VIDEO_FLAG.ALPHA) !== 0;
  let colorspace: string;
  let sampling: string;
  if ((info.flags & VIDEO_FLAG.RGB) !== 0) {
    colorspace = 'sRGB';
    sampling = alpha ? 'RGBA' : 'RGB';
  } else if ((info.flags & VIDEO_FLAG.GRAY) !== 0) {
    colorspace = 'GRAY';
    sampling = 'GRAYSCALE';
  } else {
    colorspace = 'sYUV';
    const w = info.wSub[1] ?? 0;
    const h = info.hSub[1] ?? 0;
    const subsampling = w === 0 ? '4:4:4' : w === 1 ? (h === 0 ? '4:2:2' : '4:2:0') : h === 0 ? '4:1:1' : '4:1:0';
    sampling = alpha ? 'YCbCrA-4:4:4:4' : `YCbCr-${subsampling}`;
  }
  return [
    ['colorspace', str(colorspace)],
    ['sampling', str(sampling)],
    ['num-components', i(info.nComponents)],
  ];
}


// gst_vp8_enc_set_format: the profile downstream allows, then the OggVP8 stream header built from
// the input size, pixel aspect ratio and framerate
export const vp8enc = new VideoEncoder({
  outputCaps: (v, allowed) => {
    const header = `4f56503830` + `0101` + `00` + hex(v.width, 2) + hex(v.height, 2) + hex(v.par.num, 3) + hex(v.par.den, 3) + hex(v.fps.num, 4) + hex(v.fps.den, 4);
    const streamheader: Value = { kind: 'array', items: [{ kind: 'opaque', type: 'buffer', text: header }] };
    return setField(fieldsOf(allowed, (n) => n === 'profile'), 'streamheader', streamheader);
  },
});

export const vp9enc = new VideoEncoder({
  outputCaps: (v, allowed) => {
    const profile = vp9Profile(v.format);
    return profile === null ? null : setField(fieldsOf(allowed, () => false), 'profile', str(profile));
  },
});

// gst_openjpeg_enc_set_format: the codestream's colour model from the input format
export const openjpegenc = new VideoEncoder({
  outputCaps: (v, allowed) => {
    const fields = j2kFields(v.format);
    if (fields === null) return null;
    let s = fieldsOf(allowed, () => false);
    for (const [n, value] of fields) s = setField(s, n, value);
    return s;
  },
});

// gst_pnmenc_set_format: graymap for grey input, pixmap for RGB
export const pnmenc = new VideoEncoder({
  outputCaps: (v) => {
    const info = v.format === null ? undefined : videoFormatInfo(v.format);
    if (info === undefined) return null;
    return { name: (info.flags & VIDEO_FLAG.GRAY) !== 0 ? 'image/x-portable-graymap' : 'image/x-portable-pixmap', fields: [] };
  },
});

// libvpx hands back its image format: YV12 comes back as I420, the rest as encoded
export const vp9dec = new VideoDecoder({ outputFormat: (f) => (f === 'YV12' ? 'I420' : f) });

// the codestream's components: xRGB's padding is not one of them
export const openjpegdec = new VideoDecoder({ outputFormat: (f) => (f === 'xRGB' ? 'RGB' : f) });

// the image's own depth and colour type
export const pngdec = new VideoDecoder({ outputFormat: (f) => f });

// PNM samples are big-endian
export const pnmdec = new VideoDecoder({ outputFormat: (f) => (f === 'GRAY16_LE' ? 'GRAY16_BE' : f) });

// theoradec (theora_handle_type_packet): the identification header's pixel format and picture size, its
// frame rate, its aspect ratio where the caps say 1/1, and the colour Theora fixes: JPEG siting, BT.601
// matrix, BT.709 transfer, studio range, primaries from the header's colour space
export function theoraOutput(incaps: Caps): Caps | null | undefined {
  if (incaps.size !== 1) return undefined;
  const s = incaps.structure(0);
  const sh = getField(s, 'streamheader');
  const first = sh?.kind === 'array' ? sh.items[0] : undefined;
  if (first?.kind !== 'opaque' || first.type !== 'buffer') return undefined;
  const h = Uint8Array.from(first.text.match(/../g) ?? [], (x) => parseInt(x, 16));
  if (h.length < 42 || h[0] !== 0x80) return null;
  const u24 = (o: number): number => (h[o]! << 16) | (h[o + 1]! << 8) | h[o + 2]!;
  const u32 = (o: number): number => ((h[o]! << 24) >>> 0) + (h[o + 1]! << 16) + (h[o + 2]! << 8) + h[o + 3]!;
  const pf = (h[41]! >> 3) & 3;
  const format = ({ 0: 'I420', 2: 'Y42B', 3: 'Y444' } as Record<number, string>)[pf];
  if (format === undefined) return null;
  let width = u24(14);
  let height = u24(17);
  if ((h[20]! & 1) === 1 && pf !== 3) width++;
  // PICY counts from the bottom; libtheora's pic_y is the offset from the top
  const picYTop = ((h[12]! << 8) | h[13]!) * 16 - height - h[21]!;
  if ((picYTop & 1) === 1 && pf === 0) height++;
  const fpsN = u32(22);
  const fpsD = u32(26);
  if (width === 0 || height === 0 || fpsN === 0 || fpsD === 0) return null;
  const parIn = getField(s, 'pixel-aspect-ratio');
  let par = parIn?.kind === 'fraction' ? { n: parIn.num, d: parIn.den } : { n: 1, d: 1 };
  const hn = u24(30);
  const hd = u24(33);
  if (par.n === 1 && par.d === 1 && hn !== 0 && hd !== 0) par = { n: hn, d: hd };
  const primaries = h[36] === 1 ? 2 : h[36] === 2 ? 3 : 0;
  return caps('video/x-raw', [
    ['format', str(format)],
    ['width', i(width)],
    ['height', i(height)],
    ['interlace-mode', str('progressive')],
    ['multiview-mode', str('mono')],
    ['multiview-flags', MULTIVIEW_FLAGS],
    ['pixel-aspect-ratio', fraction(par.n, par.d)],
    ['chroma-site', str('jpeg')],
    ['colorimetry', str(colorimetryToString([2, 4, 5, primaries]))],
    ['framerate', fraction(fpsN, fpsD)],
  ]);
}

export const theoradec = new VideoDecoder({ outputState: theoraOutput });

// theoraparse (a plain GstElement) sets caps of its own: the media type and the header packets it read
export const theoraparse = new BaseParse({
  standalone: true,
  parse: (input) => {
    const sh = input.size === 1 ? getField(input.structure(0), 'streamheader') : undefined;
    return sh === undefined ? undefined : caps('video/x-theora', [['streamheader', sh]]);
  },
});
