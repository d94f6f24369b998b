/**
 * GstVideoEncoder subclasses (the caps they hand to set_output_state) and GstVideoDecoder subclasses
 * (the raw format they hand back for the format their stream was encoded from), from their 1.22 sources.
 */
import { setField, type Structure, type Value } from '../../../caps/index.js';
import { i, str } from '../fields.js';
import { videoFormatInfo, VIDEO_FLAG } from '../../media/formats.js';
import { VideoEncoder, VideoDecoder } from '../../base/videocodec.js';

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
