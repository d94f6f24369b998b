/**
 * jpegenc (GstVideoEncoder) and jpegdec (GstVideoDecoder): the output states they set from their input
 * caps (observed with gst-launch-1.0 -v on 1.22).
 */
import { Caps, fraction, getField, type Structure, type Value } from '../../../caps/index.js';
import { i } from '../fields.js';
import { defaultColorimetryName, defaultChromaSite, MULTIVIEW_FLAGS } from '../../media/colour.js';
import { videoFormatInfo, VIDEO_FLAG } from '../../media/formats.js';
import { withVideoStream, firstFormat } from '../../media/video.js';
import { FixedOutputVideoCodec, inputMultiview } from '../../base/videocodec.js';

const sval = (value: string): Value => ({ kind: 'string', value });

interface RawVideo {
  readonly w: number;
  readonly h: number;
  readonly par: Value;
  readonly fps: Value;
  readonly format: string | null;
  readonly colorimetry: string | null;
}

function rawVideo(s: Structure): RawVideo | null {
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  if (w?.kind !== 'int' || h?.kind !== 'int') return null;
  const par = getField(s, 'pixel-aspect-ratio');
  const fps = getField(s, 'framerate');
  const f = getField(s, 'format');
  const c = getField(s, 'colorimetry');
  return {
    w: w.value,
    h: h.value,
    par: par?.kind === 'fraction' ? par : fraction(1, 1),
    fps: fps?.kind === 'fraction' ? fps : fraction(0, 1),
    format: f?.kind === 'string' ? f.value : null,
    colorimetry: c?.kind === 'string' ? c.value : null,
  };
}

const structureCaps = (name: string, fields: [string, Value][]): Caps =>
  Caps.fromEntries([{ structure: { name, fields: fields.map(([n, value]) => ({ name: n, value })) }, features: null }]);

/** jpegenc's output state: libjpeg writes baseline YCbCr (sof-marker 0) for YUV input, else marker 4 */
function jpegencOutput(incaps: Caps): Caps | null {
  const v = rawVideo(incaps.structure(0));
  if (v === null || v.format === null) return null;
  const yuv = ((videoFormatInfo(v.format)?.flags ?? 0) & VIDEO_FLAG.YUV) !== 0;
  const fields: [string, Value][] = [
    ['sof-marker', i(yuv ? 0 : 4)],
    ['width', i(v.w)],
    ['height', i(v.h)],
    ['pixel-aspect-ratio', v.par],
    ['framerate', v.fps],
    ['interlace-mode', sval('progressive')],
    ['colorimetry', sval(v.colorimetry ?? defaultColorimetryName(v.format, v.h))],
  ];
  if (yuv) fields.push(['chroma-site', sval(defaultChromaSite(v.h))]);
  fields.push(...inputMultiview(incaps.structure(0)));
  return structureCaps('image/jpeg', fields);
}

/** jpegdec's output state: I420 for YCbCr JPEG (chroma siting), RGB for RGB JPEG (sRGB), GRAY8 for grayscale (1:4:0:0) */
function jpegdecOutput(incaps: Caps): Caps | null {
  const s = incaps.structure(0);
  const v = rawVideo(s);
  if (v === null) return null;
  // the stream's colour model, as jpegenc's caps tell it: chroma siting only for YCbCr, sRGB for RGB
  // (jpegparse names it: colorspace)
  const cs = getField(s, 'colorspace');
  const parsed = cs?.kind === 'string' ? (cs.value === 'sRGB' ? 'RGB' : cs.value === 'GRAY' ? 'GRAY8' : 'I420') : null;
  const kind = parsed ?? (getField(s, 'chroma-site') !== undefined ? 'I420' : v.colorimetry === 'sRGB' ? 'RGB' : v.colorimetry === '1:4:0:0' ? 'GRAY8' : 'I420');
  const fields: [string, Value][] = [
    ['format', sval(kind)],
    ['width', i(v.w)],
    ['height', i(v.h)],
    ['interlace-mode', sval('progressive')],
    ['multiview-mode', sval('mono')],
    ['multiview-flags', MULTIVIEW_FLAGS],
    ['pixel-aspect-ratio', v.par],
  ];
  if (kind === 'I420') fields.push(['chroma-site', sval('jpeg')]);
  // YCbCr gets jpegdec's own full-range BT.601; RGB and grey keep the stream's colorimetry (unknown
  // when the caps carry none: RGB then prints only its matrix)
  const colorimetry = kind === 'I420' ? '1:4:0:0' : v.colorimetry !== null ? (kind === 'RGB' ? 'sRGB' : '1:4:0:0') : kind === 'RGB' ? '0:1:0:0' : null;
  if (colorimetry !== null) fields.push(['colorimetry', sval(colorimetry)]);
  fields.push(['framerate', v.fps]);
  return structureCaps('video/x-raw', fields);
}

// the raw format behind jpegenc's stream, for a parser further down that reads the frame header
export const jpegenc = new FixedOutputVideoCodec({ role: 'encoder', algorithm: 'jpegenc', output: (incaps) => withVideoStream(jpegencOutput(incaps), firstFormat(incaps)) });
export const jpegdec = new FixedOutputVideoCodec({ role: 'decoder', algorithm: 'jpegdec', output: jpegdecOutput });
