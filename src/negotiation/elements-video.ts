/**
 * Video filters whose transform_caps / fixate_caps differ from basetransform's identity, restated from
 * their GStreamer 1.22 sources (gst-plugins-good alpha, gst-plugins-bad ivtc). Each is registered as a
 * transform algorithm (transforms.ts) and selected by a built-in profile (profiles.ts).
 */
import { Caps, fixateFieldNearestFraction, fraction, getField, removeField, setField, type CapsEntry, type Structure, type Value } from '../caps/index.js';
import type { Direction } from './engine.js';
import { intersectFirst, intersectZigzag } from './engine.js';
import type { TransformContext, TransformImpl } from './transforms.js';
import { videoFormatInfo, VIDEO_FLAG } from './formats.js';
import { MULTIVIEW_FLAGS } from './codecs.js';
import { colorimetryToString, defaultChromaSite, defaultColorimetryName, parseColorimetry } from './transforms.js';
import type { PropertyValue } from './graph/graph.js';

/** GST_VIDEO_CAPS_MAKE (formats): system-memory raw video of any size and rate */
const videoCapsMake = (formats: readonly string[]): Caps =>
  Caps.fromString(`video/x-raw, format=(string){ ${formats.join(', ')} }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]`);

const str = (value: string): Value => ({ kind: 'string', value });
const ival = (value: number): Value => ({ kind: 'int', value });

function mapEntries(caps: Caps, f: (s: Structure) => Structure): Caps {
  if (caps.isAny() || caps.isEmpty()) return caps;
  return Caps.fromEntries(caps.entries.map((e: CapsEntry) => ({ structure: f(e.structure), features: e.features })));
}

/** the fields a format conversion makes meaningless (gst_structure_remove_field × 3) */
const withoutFormat = (s: Structure): Structure => removeField(removeField(removeField(s, 'format'), 'colorimetry'), 'chroma-site');

const filterFirst = (ret: Caps, filter: Caps | null): Caps => (filter === null ? ret : intersectFirst(filter, ret));

let alphaCaps: Caps | undefined;

/**
 * gst_alpha_transform_caps: any input format becomes one of the alpha formats; towards the sink any
 * format is possible. prefer-passthrough (with method=set, alpha=1.0) offers the input caps first.
 */
const alphaImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny()) return filterFirst(caps, filter);
    const stripped = mapEntries(caps, withoutFormat);
    let ret = stripped;
    if (direction === 'sink') {
      alphaCaps ??= videoCapsMake(['AYUV', 'ARGB', 'BGRA', 'ABGR', 'RGBA']);
      ret = intersectZigzag(stripped, alphaCaps);
      const method = ctx.properties['method'];
      const alpha = ctx.properties['alpha'];
      const passthrough = ctx.properties['prefer-passthrough'] === true && (method === undefined || method === 'set') && (alpha === undefined || alpha === 1);
      if (passthrough) ret = caps.append(ret);
    }
    return filterFirst(ret, filter);
  },
};

/** gst_alpha_color_transform_caps: formats open up to the other pad's template (RGBA, BGRA, ARGB, ABGR, AYUV) */
const alphacolorImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny()) return filterFirst(caps, filter);
    const local = mapEntries(caps, (s) => ({ ...withoutFormat(s), name: 'video/x-raw' }));
    const templ = direction === 'sink' ? ctx.templates.src : ctx.templates.sink;
    return filterFirst(intersectZigzag(local, templ).simplify(), filter);
  },
};

/** smptealpha's format step: I420 and AYUV stand for each other (it converts I420 into AYUV) */
function smpteAlphaFormat(s: Structure): Structure {
  const v = getField(s, 'format');
  if (v?.kind === 'list') {
    const has = (f: string): boolean => v.items.some((i) => i.kind === 'string' && i.value === f);
    const ayuv = has('AYUV');
    const i420 = has('I420');
    if (ayuv !== i420) return setField(s, 'format', { kind: 'list', items: [...v.items, str(ayuv ? 'I420' : 'AYUV')] });
    return s;
  }
  if (v?.kind === 'string') {
    if (v.value === 'AYUV' || v.value === 'I420') return setField(s, 'format', { kind: 'list', items: [str('AYUV'), str('I420')] });
    return s;
  }
  return removeField(s, 'format');
}

/** gst_smpte_alpha_transform_caps: the format step, then the other pad's template, simplified */
const smptealphaImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny()) return filterFirst(caps, filter);
    const tmp = mapEntries(caps, (s) => removeField(removeField(smpteAlphaFormat(s), 'colorimetry'), 'chroma-site'));
    const templ = direction === 'sink' ? ctx.templates.src : ctx.templates.sink;
    return filterFirst(intersectZigzag(tmp, templ).simplify(), filter);
  },
};

const INTERLACE_MODES: Value = { kind: 'list', items: [str('interleaved'), str('mixed'), str('progressive')] };

/**
 * gst_comb_detect_transform_caps / gst_ivtc_transform_caps: the output is progressive, the input any of
 * interleaved, mixed, progressive; ivtc also frees the framerate (it decides its own, fixate below).
 */
function deinterlaceTransform(dropsFramerate: boolean): TransformImpl['transformCaps'] {
  return (_ctx: TransformContext, direction: Direction, caps: Caps, filter: Caps | null) => {
    if (caps.isAny()) return filter === null ? caps : intersectZigzag(caps, filter);
    const ret = mapEntries(caps, (s) => {
      s = setField(s, 'interlace-mode', direction === 'src' ? INTERLACE_MODES : str('progressive'));
      return dropsFramerate ? removeField(s, 'framerate') : s;
    });
    return filter === null ? ret : intersectZigzag(ret, filter);
  };
}

/** gst_ivtc_fixate_caps: towards src the framerate is film rate, 24000/1001 for NTSC input, else 24/1 */
const ivtcImpl: TransformImpl = {
  transformCaps: deinterlaceTransform(true),
  fixateCaps(_ctx, direction, caps, othercaps) {
    if (direction === 'sink' && !othercaps.isAny() && !othercaps.isEmpty()) {
      const fps = getField(caps.structure(0), 'framerate');
      const ntsc = fps?.kind === 'fraction' && fps.num === 30000 && fps.den === 1001;
      const rate = ntsc ? fraction(24000, 1001) : fraction(24, 1);
      othercaps = mapEntries(othercaps, (s) => setField(s, 'framerate', rate));
    }
    return othercaps.fixate();
  },
};

/**
 * gst_aspect_ratio_transform_structure: a fixed size is cropped (top and bottom, or left and right,
 * equally) to the aspect-ratio property; the inner videocrop gets these crops when the caps arrive.
 */
function aspectRatioCrop(ctx: TransformContext, s: Structure): Structure {
  const m = /^(-?\d+)\/(\d+)$/.exec(String(ctx.properties['aspect-ratio'] ?? '0/1'));
  const arN = m === null ? 0 : Number(m[1]);
  const arD = m === null ? 1 : Number(m[2]);
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  if (arN < 1 || w?.kind !== 'int' || h?.kind !== 'int') return s;
  const par = getField(s, 'pixel-aspect-ratio');
  const [parN, parD] = par?.kind === 'fraction' ? [par.num, par.den] : [1, 1];
  const width = w.value;
  const height = h.value;
  const incoming = (width * parN) / (height * parD);
  const requested = arN / arD;
  if (requested === incoming) return s;
  if (requested > incoming) {
    const crop = Math.abs(Math.trunc(((arD / arN) * (parN / parD) * width - height) / 2));
    return crop >= Math.trunc(height / 2) ? s : setField(s, 'height', ival(height - crop * 2));
  }
  const crop = Math.abs(Math.trunc(((arN / arD) * (parD / parN) * height - width) / 2));
  return crop >= Math.trunc(width / 2) ? s : setField(s, 'width', ival(width - crop * 2));
}

/**
 * aspectratiocrop (a bin around videocrop): queries see videocrop without crops (caps pass); the
 * caps that arrive set the crops, so the output is the input cropped
 */
const aspectratiocropImpl: TransformImpl = {
  transformCaps: (_ctx, _direction, caps, filter) => filterFirst(caps, filter),
  fixateCaps(ctx, direction, _caps, othercaps) {
    const fixed = othercaps.fixate();
    if (direction !== 'sink' || fixed.isEmpty() || fixed.isAny()) return fixed;
    return mapEntries(fixed, (s) => aspectRatioCrop(ctx, s));
  },
};

let balanceCaps: Caps | undefined;

/**
 * gst_video_balance_transform_caps: with any property off its neutral value the element processes the
 * frames, so only the formats it can process (PROCESSING_CAPS, system memory) remain
 */
const videobalanceImpl: TransformImpl = {
  transformCaps(ctx, _direction, caps, filter) {
    const num = (name: string, neutral: number): number => {
      const v = ctx.properties[name];
      return typeof v === 'number' ? v : neutral;
    };
    const passthrough = num('contrast', 1) === 1 && num('brightness', 0) === 0 && num('hue', 0) === 0 && num('saturation', 1) === 1;
    if (passthrough) return filterFirst(caps, filter);
    balanceCaps ??= videoCapsMake(['AYUV', 'ARGB', 'BGRA', 'ABGR', 'RGBA', 'Y444', 'xRGB', 'RGBx', 'xBGR', 'BGRx', 'RGB', 'BGR', 'Y42B', 'YUY2', 'UYVY', 'YVYU', 'I420', 'YV12', 'IYUV', 'Y41B', 'NV12', 'NV21']);
    return filterFirst(intersectZigzag(caps, balanceCaps), filter);
  },
};

const ANY_RATE: Value = { kind: 'fraction-range', min: { num: 0, den: 1 }, max: { num: 2147483647, den: 1 } };

/** gst_image_freeze_remove_fps: any framerate (the field moves to the end) */
const anyRate = (s: Structure): Structure => setField(removeField(s, 'framerate'), 'framerate', ANY_RATE);

/**
 * imagefreeze (a GstElement, modelled on basetransform without passthrough): both pads answer what the
 * other side's peer allows with any framerate; the output keeps a fixed framerate downstream insists
 * on, else the nearest to 25/1 (gst_image_freeze_sink_setcaps)
 */
const imagefreezeImpl: TransformImpl = {
  // gst_image_freeze_query_caps hands the filter (any framerate) to the peer and does not apply it again
  transformCaps: (_ctx, _direction, caps) => mapEntries(caps, anyRate),
  fixateCaps(_ctx, _direction, _caps, othercaps) {
    if (othercaps.isAny() || othercaps.isEmpty()) return othercaps.fixate();
    const s = othercaps.structure(0);
    const fps = getField(s, 'framerate');
    const fixed = fps?.kind === 'fraction' ? s : (fixateFieldNearestFraction(s, 'framerate', 25, 1) ?? s);
    return Caps.fromEntries([{ structure: fixed, features: othercaps.entries[0]!.features }]).fixate();
  },
};

/** gst_fraction_double: a rate doubled (or halved), saturating at G_MAXINT */
function doubleRate(v: Value, half: boolean): Value {
  const one = (n: number, d: number): { num: number; den: number } => {
    if (d === 0 || n === 0) return { num: n, den: d };
    if (half) return 1073741823 >= d ? { num: n, den: d * 2 } : n >= 2 && n !== 2147483647 ? { num: Math.trunc(n / 2), den: d } : { num: n, den: 2147483647 };
    return 1073741823 >= n ? { num: n * 2, den: d } : d >= 2 && d !== 2147483647 ? { num: n, den: Math.trunc(d / 2) } : { num: 2147483647, den: d };
  };
  if (v.kind === 'fraction') {
    const r = one(v.num, v.den);
    return fraction(r.num, r.den);
  }
  if (v.kind === 'fraction-range') return { kind: 'fraction-range', min: one(v.min.num, v.min.den), max: one(v.max.num, v.max.den) };
  if (v.kind === 'list') return { kind: 'list', items: v.items.map((i) => doubleRate(i, half)) };
  return v;
}

/**
 * deinterlace (mode auto, fields all): progressive input passes through; interlaced input comes out
 * progressive at twice the rate. Its sink pad answers the progressive caps first, then the interlaced
 * ones at half the rate.
 */
const deinterlaceImpl: TransformImpl = {
  transformCaps(_ctx, direction, caps, filter) {
    if (caps.isAny() || caps.isEmpty()) return filterFirst(caps, filter);
    const out: CapsEntry[] = [];
    for (const e of caps.entries) {
      const s = e.structure;
      if (direction === 'src') {
        out.push({ structure: setField(s, 'interlace-mode', str('progressive')), features: e.features });
        let il = setField(s, 'interlace-mode', { kind: 'list', items: [str('interleaved'), str('mixed')] });
        const fps = getField(il, 'framerate');
        if (fps !== undefined) il = setField(il, 'framerate', doubleRate(fps, true));
        out.push({ structure: il, features: e.features });
      } else {
        const im = getField(s, 'interlace-mode');
        if (im === undefined || (im.kind === 'string' && im.value === 'progressive')) {
          out.push(e);
          continue;
        }
        let p = setField(s, 'interlace-mode', str('progressive'));
        const fps = getField(p, 'framerate');
        if (fps !== undefined) p = setField(p, 'framerate', doubleRate(fps, false));
        out.push({ structure: p, features: e.features });
      }
    }
    return filterFirst(Caps.fromEntries(out), filter);
  },
};

export const VIDEO_TRANSFORM_ALGORITHMS = ['deinterlace', 'imagefreeze', 'videobalance', 'alpha', 'alphacolor', 'smptealpha', 'combdetect', 'ivtc', 'aspectratiocrop'] as const;
export type VideoTransformAlgorithm = (typeof VIDEO_TRANSFORM_ALGORITHMS)[number];

export const VIDEO_TRANSFORMS: Record<VideoTransformAlgorithm, TransformImpl> = {
  deinterlace: deinterlaceImpl,
  imagefreeze: imagefreezeImpl,
  videobalance: videobalanceImpl,
  alpha: alphaImpl,
  alphacolor: alphacolorImpl,
  smptealpha: smptealphaImpl,
  combdetect: { transformCaps: deinterlaceTransform(false) },
  ivtc: ivtcImpl,
  aspectratiocrop: aspectratiocropImpl,
};

/** the built-in profiles of these elements (GstVideoFilter / GstBaseTransform subclasses with set_caps) */
export const VIDEO_PROFILES: Record<string, unknown> = Object.fromEntries(
  // imagefreeze is no basetransform: nothing prefers passthrough, and its output is its own
  VIDEO_TRANSFORM_ALGORITHMS.map((a) => [a, { kind: 'transform', algorithm: a, preferPassthrough: a !== 'imagefreeze' && a !== 'deinterlace', needsCaps: true, ...(a === 'imagefreeze' ? { ownOutput: true } : {}) }]),
);

// ---- GstVideoEncoder subclasses: the caps they hand to set_output_state ---------------------------

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
    ['num-components', ival(info.nComponents)],
  ];
}

export const VIDEO_ENCODERS: Readonly<Record<string, VideoEncoderCaps>> = {
  // gst_vp8_enc_set_format: the profile downstream allows, then the OggVP8 stream header built from
  // the input size, pixel aspect ratio and framerate
  vp8enc: (v, allowed) => {
    const header = `4f56503830` + `0101` + `00` + hex(v.width, 2) + hex(v.height, 2) + hex(v.par.num, 3) + hex(v.par.den, 3) + hex(v.fps.num, 4) + hex(v.fps.den, 4);
    const streamheader: Value = { kind: 'array', items: [{ kind: 'opaque', type: 'buffer', text: header }] };
    return setField(fieldsOf(allowed, (n) => n === 'profile'), 'streamheader', streamheader);
  },
  vp9enc: (v, allowed) => {
    const profile = vp9Profile(v.format);
    return profile === null ? null : setField(fieldsOf(allowed, () => false), 'profile', str(profile));
  },
  // gst_openjpeg_enc_set_format: the codestream's colour model from the input format
  openjpegenc: (v, allowed) => {
    const fields = j2kFields(v.format);
    if (fields === null) return null;
    let s = fieldsOf(allowed, () => false);
    for (const [n, value] of fields) s = setField(s, n, value);
    return s;
  },
  // gst_pnmenc_set_format: graymap for grey input, pixmap for RGB
  pnmenc: (v) => {
    const info = v.format === null ? undefined : videoFormatInfo(v.format);
    if (info === undefined) return null;
    return { name: (info.flags & VIDEO_FLAG.GRAY) !== 0 ? 'image/x-portable-graymap' : 'image/x-portable-pixmap', fields: [] };
  },
};

// ---- the raw format behind an encoded stream, and decoders that restore it ------------------------

const STREAM = new WeakMap<Caps, string>();

/** the raw video format an encoded stream was made from, when an encoder modelled here produced it */
export const videoStreamOf = (caps: Caps): string | undefined => STREAM.get(caps);

/** tie the raw `format` to caps built for an encoded stream (returns the caps) */
export function withVideoStream<C extends Caps | null>(caps: C, format: string | null): C {
  if (caps !== null && format !== null) STREAM.set(caps, format);
  return caps;
}

/** A decoder's output format for the raw format its stream was encoded from (null: the stream says nothing). */
export type VideoDecoderFormat = (streamFormat: string | null) => string | null;

export const VIDEO_DECODERS: Readonly<Record<string, VideoDecoderFormat>> = {
  // libvpx hands back its image format: YV12 comes back as I420, the rest as encoded
  vp9dec: (f) => (f === 'YV12' ? 'I420' : f),
  // the codestream's components: xRGB's padding is not one of them
  openjpegdec: (f) => (f === 'xRGB' ? 'RGB' : f),
  // the image's own depth and colour type
  pngdec: (f) => f,
  // PNM samples are big-endian
  pnmdec: (f) => (f === 'GRAY16_LE' ? 'GRAY16_BE' : f),
};

// ---- GstVideoInfo from caps and back ----------------------------------------------------------------

const CHROMA_SITES = new Set(['jpeg', 'mpeg2', 'dv', 'alt-line', 'cosited']);

/** a chroma-site string GstVideoChromaSite knows (others parse as unknown and are not printed back) */
export const knownChromaSite = (v: Value | undefined): string | null => (v?.kind === 'string' && v.value !== null && CHROMA_SITES.has(v.value) ? v.value : null);

/**
 * gst_video_info_from_caps' colour: a colorimetry the format can carry is kept (RGB formats get the RGB
 * matrix) with the caps' chroma-site, if any; a missing or invalid one gives the defaults for format
 * and height, chroma siting included (set_default_colorimetry), whatever the caps said.
 */
export function videoInfoColour(format: string, height: number, c: Value | undefined, cs: Value | undefined): { colorimetry: string | null; chromaSite: string | null } {
  const flags = videoFormatInfo(format)?.flags ?? 0;
  const parsed = c?.kind === 'string' && c.value !== null ? parseColorimetry(c.value) : null;
  const valid = parsed !== null && !((flags & VIDEO_FLAG.RGB) === 0 && parsed[1] === 1) && !((flags & VIDEO_FLAG.YUV) !== 0 && parsed[1] === 0);
  if (!valid) return { colorimetry: defaultColorimetryName(format, height), chromaSite: (flags & VIDEO_FLAG.YUV) !== 0 ? defaultChromaSite(height) : null };
  if ((flags & VIDEO_FLAG.RGB) !== 0) parsed[1] = 1;
  return { colorimetry: colorimetryToString(parsed), chromaSite: knownChromaSite(cs) };
}

/** gst_video_info_to_caps (progressive or interleaved, mono) of the fields given; null ones are left out */
function videoInfoCaps(v: {
  format: string;
  width: number;
  height: number;
  interlace: string;
  multiview: boolean;
  par: Value;
  chromaSite: string | null;
  colorimetry: string | null;
  fps: Value;
}): Caps {
  const fields: [string, Value][] = [
    ['format', str(v.format)],
    ['width', ival(v.width)],
    ['height', ival(v.height)],
    ['interlace-mode', str(v.interlace)],
  ];
  if (v.multiview) fields.push(['multiview-mode', str('mono')], ['multiview-flags', MULTIVIEW_FLAGS]);
  fields.push(['pixel-aspect-ratio', v.par]);
  if (v.chromaSite !== null) fields.push(['chroma-site', str(v.chromaSite)]);
  if (v.colorimetry !== null) fields.push(['colorimetry', str(v.colorimetry)]);
  fields.push(['framerate', v.fps]);
  return Caps.fromEntries([{ structure: { name: 'video/x-raw', fields: fields.map(([name, value]) => ({ name, value })) }, features: null }]);
}

/** a GstVideoFormat enum nick (i420, xrgb, gray16-le) as the format's name */
function formatFromNick(nick: string): string | null {
  const up = nick.toUpperCase().replace(/-/g, '_');
  const candidates = [up, up.replace(/^X/, 'x'), up.replace(/X$/, 'x'), up.replace(/^V/, 'v'), up.replace(/^R(?=\d)/, 'r')];
  return candidates.find((c) => videoFormatInfo(c) !== undefined) ?? null;
}

/** A parser's output caps from its input caps and properties (null: only the data can tell). */
export type VideoParserCaps = (input: Structure, props: Readonly<Record<string, PropertyValue>>, streamFormat: string | null) => Caps | null;

const fractionProp = (v: PropertyValue | undefined, fallback: Value): Value => {
  const m = typeof v === 'string' ? /^(-?\d+)\/(\d+)$/.exec(v) : null;
  return m === null ? fallback : fraction(Number(m[1]), Number(m[2]));
};

/**
 * rawvideoparse (and the videoparse bin around it): the frames its properties describe (1.22 defaults:
 * i420 320x240 at 25/1), as gst_video_info_to_caps prints a GstVideoInfo whose colorimetry is only what
 * the colorimetry property says; with use-sink-caps, the input caps read back as a GstVideoInfo
 */
const rawVideoParse: VideoParserCaps = (input, props) => {
  if (props['use-sink-caps'] === true) {
    const f = getField(input, 'format');
    const w = getField(input, 'width');
    const h = getField(input, 'height');
    if (input.name !== 'video/x-raw' || f?.kind !== 'string' || f.value === null || w?.kind !== 'int' || h?.kind !== 'int') return null;
    const im = getField(input, 'interlace-mode');
    const colour = videoInfoColour(f.value, h.value, getField(input, 'colorimetry'), getField(input, 'chroma-site'));
    const par = getField(input, 'pixel-aspect-ratio');
    const fps = getField(input, 'framerate');
    return videoInfoCaps({
      format: f.value,
      width: w.value,
      height: h.value,
      interlace: im?.kind === 'string' && im.value !== null ? im.value : 'progressive',
      multiview: true,
      par: par?.kind === 'fraction' ? par : fraction(1, 1),
      fps: fps?.kind === 'fraction' ? fps : fraction(0, 1),
      ...colour,
    });
  }
  const format = formatFromNick(typeof props['format'] === 'string' ? props['format'] : 'i420');
  if (format === null) return null;
  const flags = videoFormatInfo(format)?.flags ?? 0;
  const num = (name: string, fallback: number): number => (typeof props[name] === 'number' ? (props[name] as number) : fallback);
  const height = num('height', 240);
  // the element's initial GstVideoInfo (i420 320x240) carries the default colorimetry; a new format or
  // size rebuilds it without one, with the configured framerate (RGB formats print the RGB matrix anyway)
  const width = num('width', 320);
  const initial = format === 'I420' && width === 320 && height === 240;
  const given = typeof props['colorimetry'] === 'string' ? parseColorimetry(props['colorimetry']) : null;
  const colour = given ?? (initial ? parseColorimetry(defaultColorimetryName(format, height)) : null) ?? [0, 0, 0, 0];
  if ((flags & VIDEO_FLAG.RGB) !== 0) colour[1] = 1;
  return videoInfoCaps({
    format,
    width,
    height,
    interlace: props['interlaced'] === true ? 'interleaved' : 'progressive',
    multiview: false,
    par: fractionProp(props['pixel-aspect-ratio'], fraction(1, 1)),
    chromaSite: (flags & VIDEO_FLAG.YUV) !== 0 ? defaultChromaSite(height) : null,
    colorimetry: colour.every((c) => c === 0) ? null : colorimetryToString(colour),
    // the initial GstVideoInfo has no framerate until the property is set
    fps: fractionProp(props['framerate'], initial ? fraction(0, 1) : fraction(25, 1)),
  });
};

/**
 * y4mdec: the frames the YUV4MPEG2 header describes (the encoder wrote the size, rate, aspect and
 * interlacing its caps carry, and the raw format behind them), with GstVideoInfo's default colour
 */
const y4mDec: VideoParserCaps = (input, _props, streamFormat) => {
  const w = getField(input, 'width');
  const h = getField(input, 'height');
  if (streamFormat === null || w?.kind !== 'int' || h?.kind !== 'int') return null;
  const flags = videoFormatInfo(streamFormat)?.flags ?? 0;
  const im = getField(input, 'interlace-mode');
  const par = getField(input, 'pixel-aspect-ratio');
  const fps = getField(input, 'framerate');
  return videoInfoCaps({
    format: streamFormat,
    width: w.value,
    height: h.value,
    interlace: im?.kind === 'string' && im.value !== null ? im.value : 'progressive',
    multiview: false,
    par: par?.kind === 'fraction' ? par : fraction(1, 1),
    chromaSite: (flags & VIDEO_FLAG.YUV) !== 0 ? defaultChromaSite(h.value) : null,
    colorimetry: defaultColorimetryName(streamFormat, h.value),
    fps: fps?.kind === 'fraction' ? fps : fraction(0, 1),
  });
};

/**
 * vp9parse: the input with what the frame header says about the raw frames (chroma format and bit
 * depths of the format the encoder was given), then parsed, super-frame alignment and no alpha
 */
const vp9Parse: VideoParserCaps = (input, _props, streamFormat) => {
  const info = streamFormat === null ? undefined : videoFormatInfo(streamFormat);
  if (input.name !== 'video/x-vp9' || info === undefined) return null;
  const w = info.wSub[1] ?? 0;
  const h = info.hSub[1] ?? 0;
  const chroma = (info.flags & VIDEO_FLAG.GRAY) !== 0 ? '4:0:0' : w === 0 ? '4:4:4' : h === 0 ? '4:2:2' : '4:2:0';
  const uint = (value: number): Value => ({ kind: 'uint', value });
  let s = input;
  for (const [name, value] of [
    ['chroma-format', str(chroma)],
    ['bit-depth-luma', uint(info.bits)],
    ['bit-depth-chroma', uint(info.bits)],
    ['parsed', { kind: 'boolean', value: true }],
    ['alignment', str('super-frame')],
    ['codec-alpha', { kind: 'boolean', value: false }],
  ] as [string, Value][])
    s = setField(s, name, value);
  return Caps.fromEntries([{ structure: s, features: null }]);
};

/** the format string of fixed raw caps, or null */
export function firstFormat(caps: Caps): string | null {
  if (caps.isAny() || caps.isEmpty()) return null;
  const f = getField(caps.structure(0), 'format');
  return f?.kind === 'string' ? f.value : null;
}

/**
 * jpegparse: what the SOF and APP markers say: size, the sof-marker, the colour model and sampling of
 * the raw format jpegenc was given, the input framerate, and the JFIF 1/1 aspect (no JFIF for RGB)
 */
const jpegParse: VideoParserCaps = (input, _props, streamFormat) => {
  const info = streamFormat === null ? undefined : videoFormatInfo(streamFormat);
  const w = getField(input, 'width');
  const h = getField(input, 'height');
  if (info === undefined || w?.kind !== 'int' || h?.kind !== 'int') return null;
  const rgb = (info.flags & VIDEO_FLAG.RGB) !== 0;
  const gray = (info.flags & VIDEO_FLAG.GRAY) !== 0;
  const ws = info.wSub[1] ?? 0;
  const hs = info.hSub[1] ?? 0;
  const sampling = rgb ? 'RGB' : gray ? 'GRAYSCALE' : `YCbCr-${ws === 0 ? '4:4:4' : ws === 1 ? (hs === 0 ? '4:2:2' : '4:2:0') : '4:1:1'}`;
  const fields: [string, Value][] = [
    ['parsed', { kind: 'boolean', value: true }],
    ['width', w],
    ['height', h],
    // jpegenc writes baseline frames, whatever its caps say
    ['sof-marker', { kind: 'int', value: 0 }],
    ['colorspace', str(rgb ? 'sRGB' : gray ? 'GRAY' : 'sYUV')],
    ['sampling', str(sampling)],
  ];
  const fps = getField(input, 'framerate');
  if (fps?.kind === 'fraction') fields.push(['framerate', fps]);
  if (!rgb) fields.push(['pixel-aspect-ratio', fraction(1, 1)]);
  return Caps.fromEntries([{ structure: { name: 'image/jpeg', fields: fields.map(([name, value]) => ({ name, value })) }, features: null }]);
};

export const VIDEO_PARSERS: Readonly<Record<string, VideoParserCaps>> = {
  y4mdec: y4mDec,
  jpegparse: jpegParse,
  vp9parse: vp9Parse,
  rawvideoparse: rawVideoParse,
  videoparse: rawVideoParse,
  // gst_png_parse_handle_frame: the IHDR size (the encoder wrote the size its caps carry) and the input framerate
  pngparse: (input) => {
    const w = getField(input, 'width');
    const h = getField(input, 'height');
    if (w?.kind !== 'int' || h?.kind !== 'int') return null;
    const fields: [string, Value][] = [
      ['width', w],
      ['height', h],
    ];
    const fps = getField(input, 'framerate');
    if (fps?.kind === 'fraction') fields.push(['framerate', fps]);
    return Caps.fromEntries([{ structure: { name: 'image/png', fields: fields.map(([name, value]) => ({ name, value })) }, features: null }]);
  },
};

/** sources whose set_caps reads the caps into a GstVideoInfo (a refusal there stops them before any CAPS event) */
const VIDEO_INFO_SOURCES = new Set(['videotestsrc']);

/**
 * Why gst_video_info_from_caps refuses fixed raw video caps (null: it accepts them, or they are not
 * video/x-raw): an unknown or missing format, a missing size, or interlace-mode=alternate without the
 * format:Interlaced feature.
 */
export function videoInfoRefusal(factory: string, caps: Caps): string | null {
  if (!VIDEO_INFO_SOURCES.has(factory) || caps.isAny() || caps.isEmpty()) return null;
  const e = caps.entries[0]!;
  const s = e.structure;
  if (s.name !== 'video/x-raw') return null;
  const f = getField(s, 'format');
  if (f?.kind !== 'string' || f.value === null || videoFormatInfo(f.value) === undefined) return 'no known format';
  if (getField(s, 'width')?.kind !== 'int' || getField(s, 'height')?.kind !== 'int') return 'no width or height';
  const im = getField(s, 'interlace-mode');
  const interlaced = e.features !== null && !e.features.any && e.features.names.includes('format:Interlaced');
  if (im?.kind === 'string' && im.value === 'alternate' && !interlaced) return "interlace-mode 'alternate' without the format:Interlaced feature";
  return null;
}
