/**
 * Video parsers and demuxers of raw video (GstBaseParse subclasses, y4mdec, the videoparse bin): the caps
 * they set from what they read in the frames, checked with gst-launch-1.0 -v on 1.22.
 */
import { Caps, fraction, getField, setField, type Structure, type Value } from '../../../caps/index.js';
import type { PropertyValue } from '../../graph/graph.js';
import { i, str } from '../fields.js';
import { parseColorimetry, colorimetryToString, defaultColorimetryName, defaultChromaSite, MULTIVIEW_FLAGS, videoInfoColour } from '../../media/colour.js';
import { videoFormatInfo, VIDEO_FLAG } from '../../media/formats.js';
import { videoStreamOf } from '../../media/video.js';
import { BaseParse } from '../../base/baseparse.js';

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
    ['width', i(v.width)],
    ['height', i(v.height)],
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
type VideoParserCaps = (input: Structure, props: Readonly<Record<string, PropertyValue>>, streamFormat: string | null) => Caps | null;

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


/** a parser's caps from the input's first structure, its properties and the raw format behind the stream */
const videoParser = (f: VideoParserCaps, options: { standalone?: boolean; child?: string } = {}): BaseParse =>
  new BaseParse({ parse: (input, props) => f(input.structure(0), props, videoStreamOf(input) ?? null), ...options });

export const y4mdec = videoParser(y4mDec, { standalone: true });

export const jpegparse = videoParser(jpegParse, { standalone: true });

export const vp9parse = videoParser(vp9Parse, { standalone: true });

export const rawvideoparse = videoParser(rawVideoParse, { standalone: true });

// a GstBin around rawvideoparse: its ghost pads answer with rawvideoparse's templates
export const videoparse = videoParser(rawVideoParse, { standalone: true, child: 'rawvideoparse' });

// gst_png_parse_handle_frame: the IHDR size (the encoder wrote the size its caps carry) and the input framerate
export const pngparse = videoParser((input) => {
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
}, { standalone: true });
