/**
 * videoconvert / videoscale / videoconvertscale (GstVideoConvertScale, a GstVideoFilter): transform_caps
 * frees format (and colour) and/or size; fixate_caps picks the format with the least loss and the size
 * that keeps the display aspect ratio (gstvideoconvertscale.c, 1.22).
 */
import { Caps, INT_MAX, fraction, fractionRange, getField, intRange, isAnyFeatures, isFixedValue, removeField, setField, type CapsFeatures, type Structure, type Value } from '../../../caps/index.js';
import { withStructure } from '../../engine/query.js';
import type { Direction } from '../../engine/model.js';
import { VIDEO_CROP_META } from '../../base/allocation.js';
import { BaseTransform, type TransformAllocation, type TransformContext, type TransformOptions, type TransformImpl } from '../../base/basetransform.js';
import { str } from '../fields.js';
import { applyFilter, mapStructures, intOf, fracOf, strOf, nearestInt, nearestFraction } from '../transform-util.js';
import { parseColorimetry, colorimetryToString, defaultColorimetryName } from '../../media/colour.js';
import { videoFormatInfo, videoFormats, VIDEO_FLAG, type VideoFormatTable } from '../../media/formats.js';
import { dmaDrmRefusal, firstFormat, videoInfoRefusal } from '../../media/video.js';

const INTERLACED = 'format:Interlaced';
const SYSMEM = 'memory:SystemMemory';

/** features a converter can process (others are copied unchanged: forced passthrough) */
function convertibleFeatures(f: CapsFeatures | null): boolean {
  if (f === null) return true;
  if (isAnyFeatures(f)) return false;
  const names = f.names.filter((n) => n !== SYSMEM);
  return names.length === 0 || (names.length === 1 && names[0] === INTERLACED);
}

/**
 * 1.22's GstVideoConvertScale without `any_memory` (videoconvertscale itself; videoconvert and videoscale set
 * it): transform_caps then removes every structure with a `memory:` feature other than system memory. The loop
 * steps on after a removal, so the structure that moved into the removed one's place is not looked at.
 */
function dropOtherMemory(ret: Caps): Caps {
  if (ret.isAny()) return ret;
  const entries = [...ret.entries];
  for (let i = 0; i < entries.length; i++) {
    const f = entries[i]!.features;
    if (f === null || isAnyFeatures(f) || (f.names.length === 1 && f.names[0] === SYSMEM)) continue;
    if (f.names.some((n) => n.startsWith('memory:'))) entries.splice(i, 1);
  }
  return Caps.fromEntries(entries);
}

function convertScaleTransform(converts: boolean, scales: boolean, anyMemory = true): TransformImpl['transformCaps'] {
  return (_ctx, _dir, caps, filter) => {
    const ret = mapStructures(caps, (s, features) => {
      if (!convertibleFeatures(features)) return s;
      if (scales) {
        s = setField(s, 'width', intRange(1, INT_MAX));
        s = setField(s, 'height', intRange(1, INT_MAX));
        if (getField(s, 'pixel-aspect-ratio') !== undefined) s = setField(s, 'pixel-aspect-ratio', fractionRange({ num: 1, den: INT_MAX }, { num: INT_MAX, den: 1 }));
      }
      if (converts) {
        s = removeField(removeField(removeField(s, 'format'), 'colorimetry'), 'chroma-site');
      }
      return s;
    });
    const filtered = applyFilter(ret, filter);
    return anyMemory ? filtered : dropOtherMemory(filtered);
  };
}

const SCORE = { formatChange: 1, depthChange: 1, alphaChange: 1, chromaWChange: 1, chromaHChange: 1, paletteChange: 1, colorspaceLoss: 2, depthLoss: 4, alphaLoss: 8, chromaWLoss: 16, chromaHLoss: 32, paletteLoss: 64, colorLoss: 128 };

/** videoconvert's loss score of converting `from` into `to` (score_value) */
function formatLoss(fmt: VideoFormatTable, fromName: string, toName: string): number | null {
  const a = fmt(fromName);
  const b = fmt(toName);
  if (a === undefined || b === undefined) return null;
  if (a.name === b.name) return 0;
  const mask = ~(VIDEO_FLAG.LE | VIDEO_FLAG.COMPLEX | VIDEO_FLAG.UNPACK);
  const inF = a.flags & mask;
  const tF = b.flags & mask;
  const cs = VIDEO_FLAG.YUV | VIDEO_FLAG.RGB | VIDEO_FLAG.GRAY;
  let loss = SCORE.formatChange;
  if ((tF & VIDEO_FLAG.PALETTE) !== (inF & VIDEO_FLAG.PALETTE)) {
    loss += SCORE.paletteChange;
    if ((tF & VIDEO_FLAG.PALETTE) !== 0) loss += SCORE.paletteLoss;
  }
  if ((tF & cs) !== (inF & cs)) {
    loss += SCORE.colorspaceLoss;
    if ((tF & VIDEO_FLAG.GRAY) !== 0) loss += SCORE.colorLoss;
  }
  if ((tF & VIDEO_FLAG.ALPHA) !== (inF & VIDEO_FLAG.ALPHA)) {
    loss += SCORE.alphaChange;
    if ((inF & VIDEO_FLAG.ALPHA) !== 0) loss += SCORE.alphaLoss;
  }
  if (a.hSub[1] !== b.hSub[1]) {
    loss += SCORE.chromaHChange;
    if (a.hSub[1]! < b.hSub[1]!) loss += SCORE.chromaHLoss;
  }
  if (a.wSub[1] !== b.wSub[1]) {
    loss += SCORE.chromaWChange;
    if (a.wSub[1]! < b.wSub[1]!) loss += SCORE.chromaWLoss;
  }
  if (a.bits !== b.bits) {
    loss += SCORE.depthChange;
    if (a.bits > b.bits) loss += SCORE.depthLoss;
  }
  return loss;
}

/** gst_video_convert_scale_fixate_format: pick the least lossy format into structure 0 */
function fixateFormat(fmt: VideoFormatTable, caps: Caps, result: Caps): Caps {
  const inFormat = strOf(caps.structure(0), 'format');
  if (inFormat === null || fmt(inFormat) === undefined) return result;
  let minLoss = Number.MAX_SAFE_INTEGER;
  let best: string | null = null;
  const score = (name: string): void => {
    const loss = formatLoss(fmt, inFormat, name);
    if (loss !== null && loss < minLoss) {
      minLoss = loss;
      best = name;
    }
  };
  const entries = result.entries.map((e) => {
    const format = getField(e.structure, 'format');
    let s = e.structure;
    for (const f of ['height', 'width', 'pixel-aspect-ratio', 'display-aspect-ratio']) s = removeField(s, f);
    if (format !== undefined) {
      if (format.kind === 'list') {
        for (const v of format.items) {
          if (v.kind !== 'string' || v.value === null) continue;
          score(v.value);
          if (minLoss === 0) break;
        }
      } else if (format.kind === 'string' && format.value !== null) score(format.value);
    }
    return { structure: s, features: e.features };
  });
  let out = Caps.fromEntries(entries);
  if (best !== null) out = withStructure(out, 0, setField(out.structure(0), 'format', str(best)));
  return out;
}

const isYuv = (fmt: VideoFormatTable, f: string | null): boolean => f !== null && ((fmt(f)?.flags ?? 0) & VIDEO_FLAG.YUV) !== 0;

function subsamplingUnchanged(fmt: VideoFormatTable, a: string, b: string): boolean {
  const x = fmt(a);
  const y = fmt(b);
  if (x === undefined || y === undefined || x.nComponents !== y.nComponents) return false;
  for (let i = 0; i < x.nComponents; i++) if (x.wSub[i] !== y.wSub[i] || x.hSub[i] !== y.hSub[i]) return false;
  return true;
}

/** transfer_colorimetry_from_input, for the cases that need no colorimetry arithmetic */
function transferColorimetry(fmt: VideoFormatTable, caps: Caps, result: Caps): Caps {
  const ins = caps.structure(0);
  let outs = result.structure(0);
  const haveColorimetry = getField(outs, 'colorimetry') !== undefined;
  const haveChroma = getField(outs, 'chroma-site') !== undefined;
  if (haveColorimetry && haveChroma) return result;
  const inFormat = strOf(ins, 'format');
  const outFormat = strOf(outs, 'format');
  if (inFormat === null || outFormat === null) return result;
  const inInfo = fmt(inFormat);
  const outInfo = fmt(outFormat);
  if (inInfo === undefined || outInfo === undefined) return result;
  const family = (flags: number): number => flags & (VIDEO_FLAG.YUV | VIDEO_FLAG.RGB | VIDEO_FLAG.GRAY);
  const inColorimetry = getField(ins, 'colorimetry');
  if (!haveColorimetry && inColorimetry !== undefined) {
    if (family(inInfo.flags) === family(outInfo.flags)) outs = setField(outs, 'colorimetry', inColorimetry);
    else if (inColorimetry.kind === 'string' && inColorimetry.value !== null) {
      // YUV <-> RGB: keep primaries and transfer, take the output family's range and matrix
      // gst_video_info_from_caps: a colorimetry the format cannot carry falls back to the default
      let from = parseColorimetry(inColorimetry.value);
      const inHeight = intOf(ins, 'height') ?? 0;
      if (from !== null && (((inInfo.flags & VIDEO_FLAG.RGB) === 0 && from[1] === 1) || ((inInfo.flags & VIDEO_FLAG.YUV) !== 0 && from[1] === 0))) {
        from = parseColorimetry(defaultColorimetryName(inFormat, inHeight));
      }
      const height = intOf(outs, 'height') ?? inHeight;
      const to = parseColorimetry(defaultColorimetryName(outFormat, height));
      if (from !== null && to !== null) outs = setField(outs, 'colorimetry', str(colorimetryToString([to[0], to[1], from[2], from[3]])));
    }
  }
  if (!haveChroma && isYuv(fmt, outFormat) && isYuv(fmt, inFormat)) {
    const inChroma = getField(ins, 'chroma-site');
    if (inChroma !== undefined && subsamplingUnchanged(fmt, inFormat, outFormat)) outs = setField(outs, 'chroma-site', inChroma);
  }
  return withStructure(result, 0, outs);
}

function getFixedFormat(fmt: VideoFormatTable, direction: Direction, caps: Caps, othercaps: Caps): Caps {
  let result = othercaps.intersect(caps, 'zigzag');
  if (result.isEmpty()) result = othercaps;
  result = fixateFormat(fmt, caps, result).fixate();
  if (direction === 'sink') {
    if (caps.isSubset(result)) result = caps;
    else result = transferColorimetry(fmt, caps, result);
  }
  return result;
}

/** gst_util_fraction_multiply: reduced product, null on int32 overflow */
function fractionMultiply(an: number, ad: number, bn: number, bd: number): { n: number; d: number } | null {
  const g1 = gcd(an, bd);
  const g2 = gcd(bn, ad);
  const a = an / (g1 || 1);
  const d2 = bd / (g1 || 1);
  const b = bn / (g2 || 1);
  const d1 = ad / (g2 || 1);
  const n = a * b;
  const d = d1 * d2;
  if (Math.abs(n) > INT_MAX || Math.abs(d) > INT_MAX) return null;
  const g = gcd(n, d) || 1;
  let rn = n / g;
  let rd = d / g;
  if (rd < 0) {
    rn = -rn;
    rd = -rd;
  }
  return { n: rn, d: rd };
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** gst_util_uint64_scale_int_round */
const scaleRound = (val: number, num: number, den: number): number => Number((BigInt(val) * BigInt(num) + BigInt(Math.trunc(den / 2))) / BigInt(den));

const FULL_PAR_RANGE: Value = fractionRange({ num: 1, den: INT_MAX }, { num: INT_MAX, den: 1 });

/** gst_video_convert_scale_fixate_size: keep the display aspect ratio (E7, E8) */
function fixateSize(direction: Direction, caps: Caps, othercaps: Caps): Caps {
  othercaps = othercaps.truncate();
  const ins = caps.structure(0);
  let outs = othercaps.structure(0);
  let fromPar: Value | undefined = getField(ins, 'pixel-aspect-ratio');
  let toPar: Value | undefined = getField(outs, 'pixel-aspect-ratio');
  if (direction === 'sink') {
    fromPar ??= fraction(1, 1);
    toPar ??= FULL_PAR_RANGE;
  } else {
    if (toPar === undefined) {
      toPar = fraction(1, 1);
      outs = setField(outs, 'pixel-aspect-ratio', toPar);
    }
    fromPar ??= fraction(1, 1);
  }
  const done = (): Caps => withStructure(othercaps, 0, outs).fixate();
  if (fromPar.kind !== 'fraction') return done();
  const fromParN = fromPar.num;
  const fromParD = fromPar.den;
  const fromW = intOf(ins, 'width') ?? 0;
  const fromH = intOf(ins, 'height') ?? 0;
  let w = intOf(outs, 'width') ?? 0;
  let h = intOf(outs, 'height') ?? 0;
  const hasPar = (s: Structure): boolean => getField(s, 'pixel-aspect-ratio') !== undefined;
  const setPar = (s: Structure, n: number, d: number): Structure => setField(s, 'pixel-aspect-ratio', fraction(n, d));

  if (w !== 0 && h !== 0) {
    if (!isFixedValue(toPar)) {
      const r = fractionMultiply(fromW * fromParN, fromH * fromParD, h, w);
      const dar = r === null ? null : { n: r.n, d: r.d };
      if (dar !== null) {
        if (hasPar(outs)) outs = nearestFraction(outs, 'pixel-aspect-ratio', dar.n, dar.d);
        else if (dar.n !== dar.d) outs = setPar(outs, dar.n, dar.d);
      }
    }
    return done();
  }
  const fromDar = fractionMultiply(fromW, fromH, fromParN, fromParD);
  if (fromDar === null) return done();

  if (h !== 0 || w !== 0) {
    // one dimension fixed: choose the other (and maybe the PAR) to keep the DAR
    const freeDim = h !== 0 ? 'width' : 'height';
    const fixedVal = h !== 0 ? h : w;
    const fromFree = h !== 0 ? fromW : fromH;
    if (isFixedValue(toPar) && toPar.kind === 'fraction') {
      const r = fractionMultiply(fromDar.n, fromDar.d, toPar.den, toPar.num);
      if (r === null) return done();
      const v = h !== 0 ? scaleRound(h, r.n, r.d) : scaleRound(w, r.d, r.n);
      outs = nearestInt(outs, freeDim, v);
      return done();
    }
    let tmp = nearestInt(outs, freeDim, fromFree);
    const setFree = intOf(tmp, freeDim) ?? 0;
    const toParR = h !== 0 ? fractionMultiply(fromDar.n, fromDar.d, fixedVal, setFree) : fractionMultiply(fromDar.n, fromDar.d, setFree, fixedVal);
    if (toParR === null) return done();
    if (getField(tmp, 'pixel-aspect-ratio') === undefined) tmp = setField(tmp, 'pixel-aspect-ratio', toPar);
    tmp = nearestFraction(tmp, 'pixel-aspect-ratio', toParR.n, toParR.d);
    const setPar0 = fracOf(tmp, 'pixel-aspect-ratio') ?? { num: 0, den: 1 };
    if (setPar0.num === toParR.n && setPar0.den === toParR.d) {
      if (hasPar(outs) || setPar0.num !== setPar0.den) {
        outs = setField(outs, freeDim, { kind: 'int', value: setFree });
        outs = setPar(outs, setPar0.num, setPar0.den);
      }
      return done();
    }
    const r = fractionMultiply(fromDar.n, fromDar.d, setPar0.den, setPar0.num);
    if (r === null) return done();
    const v = h !== 0 ? scaleRound(h, r.n, r.d) : scaleRound(w, r.d, r.n);
    outs = nearestInt(outs, freeDim, v);
    if (hasPar(outs) || setPar0.num !== setPar0.den) outs = setPar(outs, setPar0.num, setPar0.den);
    return done();
  }

  if (isFixedValue(toPar) && toPar.kind === 'fraction') {
    const r = fractionMultiply(fromDar.n, fromDar.d, toPar.num, toPar.den);
    if (r === null) return done();
    let tmp = nearestInt(outs, 'height', fromH);
    let setH = intOf(tmp, 'height') ?? 0;
    w = scaleRound(setH, r.n, r.d);
    tmp = nearestInt(tmp, 'width', w);
    let setW = intOf(tmp, 'width') ?? 0;
    if (setW === w) {
      outs = setField(setField(outs, 'width', { kind: 'int', value: setW }), 'height', { kind: 'int', value: setH });
      return done();
    }
    let fH = setH;
    let fW = setW;
    tmp = nearestInt(outs, 'width', fromW);
    setW = intOf(tmp, 'width') ?? 0;
    h = scaleRound(setW, r.d, r.n);
    tmp = nearestInt(tmp, 'height', h);
    setH = intOf(tmp, 'height') ?? 0;
    if (setH === h) {
      outs = setField(setField(outs, 'width', { kind: 'int', value: setW }), 'height', { kind: 'int', value: setH });
      return done();
    }
    if (setW * Math.abs(setH - h) < Math.abs(fW - w) * fH) {
      fH = setH;
      fW = setW;
    }
    outs = setField(setField(outs, 'width', { kind: 'int', value: fW }), 'height', { kind: 'int', value: fH });
    return done();
  }

  // width, height and PAR all free
  let tmp = nearestInt(outs, 'height', fromH);
  const setH = intOf(tmp, 'height') ?? 0;
  tmp = nearestInt(tmp, 'width', fromW);
  const setW = intOf(tmp, 'width') ?? 0;
  const toParR = fractionMultiply(fromDar.n, fromDar.d, setH, setW);
  if (toParR === null) return done();
  if (getField(tmp, 'pixel-aspect-ratio') === undefined) tmp = setField(tmp, 'pixel-aspect-ratio', toPar);
  tmp = nearestFraction(tmp, 'pixel-aspect-ratio', toParR.n, toParR.d);
  const sp = fracOf(tmp, 'pixel-aspect-ratio') ?? { num: 0, den: 1 };
  const setWH = (ww: number, hh: number): void => {
    outs = setField(setField(outs, 'width', { kind: 'int', value: ww }), 'height', { kind: 'int', value: hh });
    if (hasPar(outs) || sp.num !== sp.den) outs = setPar(outs, sp.num, sp.den);
  };
  if (sp.num === toParR.n && sp.den === toParR.d) {
    setWH(setW, setH);
    return done();
  }
  const r = fractionMultiply(fromDar.n, fromDar.d, sp.den, sp.num);
  if (r === null) return done();
  w = scaleRound(setH, r.n, r.d);
  const tw = intOf(nearestInt(outs, 'width', w), 'width') ?? 0;
  if (tw === w) {
    setWH(tw, setH);
    return done();
  }
  h = scaleRound(setW, r.d, r.n);
  const th = intOf(nearestInt(outs, 'height', h), 'height') ?? 0;
  if (th === h) {
    setWH(setW, th);
    return done();
  }
  setWH(setW, setH);
  return done();
}

/** fixate_caps, reading the release's format table (its loss scores and colour transfer) */
const convertScaleFixate = (fmt: VideoFormatTable) => (_ctx: TransformContext, direction: Direction, caps: Caps, othercaps: Caps): Caps => {
  const format = getFixedFormat(fmt, direction, caps, othercaps);
  if (format.isEmpty()) return format;
  let out = fixateSize(direction, caps, othercaps);
  if (out.size === 1) {
    const fs = format.structure(0);
    let s = out.structure(0);
    for (const f of ['format', 'colorimetry', 'chroma-site']) {
      const v = strOf(fs, f);
      s = v !== null ? setField(s, f, str(v)) : removeField(s, f);
    }
    out = withStructure(out, 0, s);
  }
  return out;
};


/**
 * GstVideoConvertScale's set_info: passthrough when the input and output video infos are equal; its
 * filter_meta keeps everything but the crop meta (it applies the crop when converting).
 */
const convertScaleAllocation: TransformAllocation = {
  passthroughOnSetCaps: () => true,
  filterMeta: (api) => api !== VIDEO_CROP_META,
};

const convertScale = (converts: boolean, scales: boolean, fmt: VideoFormatTable = videoFormatInfo, anyMemory = true): TransformOptions => ({
  algorithm: converts && scales ? 'videoconvertscale' : converts ? 'videoconvert' : 'videoscale',
  baseClass: 'GstVideoFilter',
  transformCaps: convertScaleTransform(converts, scales, anyMemory),
  fixateCaps: convertScaleFixate(fmt),
  allocation: convertScaleAllocation,
});

/**
 * 1.26: the same transform_caps and fixate; set_info reads the caps with 1.26's format table, so a
 * DMA_DRM output in system memory is refused (not-negotiated), and DMA_DRM goes through only in
 * passthrough (the src template's `video/x-raw(ANY)` structure; transform_caps copies unconvertible
 * features unchanged).
 */
const videoInfo126 = videoFormats('1.26');
const setInfo126 = (incaps: Caps, outcaps: Caps): string | null => {
  if (incaps.isEqual(outcaps) && firstFormat(incaps) === 'DMA_DRM') return dmaDrmRefusal(incaps);
  return videoInfoRefusal(incaps, videoInfo126) ?? videoInfoRefusal(outcaps, videoInfo126);
};
const convertScale126 = (converts: boolean, scales: boolean): TransformOptions => ({ ...convertScale(converts, scales, videoInfo126), versions: ['1.26'], setInfo: setInfo126, converter: true });
export const videoconvert126 = new BaseTransform(convertScale126(true, false));
export const videoscale126 = new BaseTransform(convertScale126(false, true));
export const videoconvertscale126 = new BaseTransform(convertScale126(true, true));

// converters (Filter/Converter/Video): on a protected path only in passthrough
export const videoconvert = new BaseTransform({ ...convertScale(true, false), converter: true });
export const videoscale = new BaseTransform({ ...convertScale(false, true), converter: true });
/** 1.22: videoconvertscale leaves `any_memory` FALSE (a memory:DMABuf input has no output: could not link) */
export const videoconvertscale = new BaseTransform({ ...convertScale(true, true, videoFormatInfo, false), converter: true });
