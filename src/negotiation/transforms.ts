/**
 * transform_caps and fixate_caps of the modelled GstBaseTransform subclasses, restated from their
 * GStreamer 1.22 sources (negotiation-allocation.md §3.2–3.9). Directions name the pad the `caps` are
 * on: 'sink' transforms sink caps into src caps, 'src' the other way.
 */
import {
  Caps,
  INT_MAX,
  fixateFieldNearestFraction,
  fixateFieldNearestInt,
  fraction,
  fractionRange,
  getField,
  intRange,
  isAnyFeatures,
  isFixedValue,
  removeField,
  setField,
  type CapsEntry,
  type CapsFeatures,
  type Structure,
  type Value,
} from '../caps/index.js';
import type { Direction } from './engine.js';
import { intersectFirst, withStructure } from './engine.js';
import type { PropertyValue } from './graph/graph.js';
import type { TransformAlgorithm } from './profiles.js';
import { audioFormatInfo, videoFormatInfo, VIDEO_FLAG } from './formats.js';
import { VIDEO_TRANSFORMS, type VideoTransformAlgorithm } from './elements-video.js';
import { GENERIC_TRANSFORMS, type GenericTransformAlgorithm } from './elements-generic.js';
import { AUDIO_TRANSFORMS, type AudioTransformAlgorithm } from './elements-audio.js';

export interface TransformContext {
  readonly properties: Readonly<Record<string, PropertyValue>>;
  /** capsfilter's `caps` (ANY when unset) */
  readonly filterCaps: Caps;
  /** the element's pad templates, for transforms that filter against the other pad's */
  readonly templates: { readonly sink: Caps; readonly src: Caps };
}

export interface TransformImpl {
  transformCaps(ctx: TransformContext, direction: Direction, caps: Caps, filter: Caps | null): Caps;
  /** default: gst_caps_fixate */
  fixateCaps?(ctx: TransformContext, direction: Direction, caps: Caps, othercaps: Caps): Caps;
}

const applyFilter = (ret: Caps, filter: Caps | null): Caps => (filter === null ? ret : intersectFirst(filter, ret));

/** gst_caps_is_subset_structure_full */
function entryIsSubset(entries: readonly CapsEntry[], e: CapsEntry): boolean {
  if (entries.length === 0) return false;
  return Caps.fromEntries([e]).isSubset(Caps.fromEntries(entries));
}

/** Rewrite every structure (features kept), skipping ones already expressed by earlier results. */
function mapStructures(caps: Caps, f: (s: Structure, features: CapsFeatures | null) => Structure | Structure[] | null, skipSubsets = true): Caps {
  if (caps.isAny() || caps.isEmpty()) return caps;
  const out: CapsEntry[] = [];
  caps.entries.forEach((e, i) => {
    if (skipSubsets && i > 0 && entryIsSubset(out, e)) return;
    const r = f(e.structure, e.features);
    if (r === null) return;
    for (const s of Array.isArray(r) ? r : [r]) out.push({ structure: s, features: e.features });
  });
  return Caps.fromEntries(out);
}

/** gst_caps_merge_structure: append unless already a subset of what is there */
function mergeEntry(out: CapsEntry[], e: CapsEntry): void {
  if (!entryIsSubset(out, e)) out.push(e);
}

const str = (value: string): Value => ({ kind: 'string', value });
const intOf = (s: Structure, f: string): number | null => {
  const v = getField(s, f);
  return v !== undefined && v.kind === 'int' ? v.value : null;
};
const fracOf = (s: Structure, f: string): { num: number; den: number } | null => {
  const v = getField(s, f);
  return v !== undefined && v.kind === 'fraction' ? { num: v.num, den: v.den } : null;
};
const strOf = (s: Structure, f: string): string | null => {
  const v = getField(s, f);
  return v !== undefined && v.kind === 'string' ? v.value : null;
};
const nearestInt = (s: Structure, f: string, t: number): Structure => fixateFieldNearestInt(s, f, t) ?? s;
const nearestFraction = (s: Structure, f: string, n: number, d: number): Structure => fixateFieldNearestFraction(s, f, n, d) ?? s;

const identityImpl: TransformImpl = {
  transformCaps: (_ctx, _dir, caps, filter) => applyFilter(caps, filter),
};

const capsfilterImpl: TransformImpl = {
  transformCaps(ctx, _dir, caps, filter) {
    const fc = filter === null ? ctx.filterCaps : intersectFirst(filter, ctx.filterCaps);
    return intersectFirst(fc, caps);
  },
};

// ---------------------------------------------------------------------------------------------
// videoconvert / videoscale / videoconvertscale (gstvideoconvertscale.c)

const INTERLACED = 'format:Interlaced';
const SYSMEM = 'memory:SystemMemory';

/** features a converter can process (others are copied unchanged: forced passthrough) */
function convertibleFeatures(f: CapsFeatures | null): boolean {
  if (f === null) return true;
  if (isAnyFeatures(f)) return false;
  const names = f.names.filter((n) => n !== SYSMEM);
  return names.length === 0 || (names.length === 1 && names[0] === INTERLACED);
}

function convertScaleTransform(converts: boolean, scales: boolean): TransformImpl['transformCaps'] {
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
    return applyFilter(ret, filter);
  };
}

const SCORE = { formatChange: 1, depthChange: 1, alphaChange: 1, chromaWChange: 1, chromaHChange: 1, paletteChange: 1, colorspaceLoss: 2, depthLoss: 4, alphaLoss: 8, chromaWLoss: 16, chromaHLoss: 32, paletteLoss: 64, colorLoss: 128 };

/** videoconvert's loss score of converting `from` into `to` (score_value) */
function formatLoss(fromName: string, toName: string): number | null {
  const a = videoFormatInfo(fromName);
  const b = videoFormatInfo(toName);
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
function fixateFormat(caps: Caps, result: Caps): Caps {
  const inFormat = strOf(caps.structure(0), 'format');
  if (inFormat === null || videoFormatInfo(inFormat) === undefined) return result;
  let minLoss = Number.MAX_SAFE_INTEGER;
  let best: string | null = null;
  const score = (name: string): void => {
    const loss = formatLoss(inFormat, name);
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

const isYuv = (f: string | null): boolean => f !== null && ((videoFormatInfo(f)?.flags ?? 0) & VIDEO_FLAG.YUV) !== 0;

function subsamplingUnchanged(a: string, b: string): boolean {
  const x = videoFormatInfo(a);
  const y = videoFormatInfo(b);
  if (x === undefined || y === undefined || x.nComponents !== y.nComponents) return false;
  for (let i = 0; i < x.nComponents; i++) if (x.wSub[i] !== y.wSub[i] || x.hSub[i] !== y.hSub[i]) return false;
  return true;
}

/** transfer_colorimetry_from_input, for the cases that need no colorimetry arithmetic */
function transferColorimetry(caps: Caps, result: Caps): Caps {
  const ins = caps.structure(0);
  let outs = result.structure(0);
  const haveColorimetry = getField(outs, 'colorimetry') !== undefined;
  const haveChroma = getField(outs, 'chroma-site') !== undefined;
  if (haveColorimetry && haveChroma) return result;
  const inFormat = strOf(ins, 'format');
  const outFormat = strOf(outs, 'format');
  if (inFormat === null || outFormat === null) return result;
  const inInfo = videoFormatInfo(inFormat);
  const outInfo = videoFormatInfo(outFormat);
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
  if (!haveChroma && isYuv(outFormat) && isYuv(inFormat)) {
    const inChroma = getField(ins, 'chroma-site');
    if (inChroma !== undefined && subsamplingUnchanged(inFormat, outFormat)) outs = setField(outs, 'chroma-site', inChroma);
  }
  return withStructure(result, 0, outs);
}

/** GstVideoColorimetry names of 1.22 as range:matrix:transfer:primaries */
const NAMED_COLORIMETRY: ReadonlyArray<readonly [string, readonly [number, number, number, number]]> = [
  ['bt601', [2, 4, 16, 4]],
  ['bt709', [2, 3, 5, 1]],
  ['smpte240m', [2, 5, 6, 5]],
  ['sRGB', [1, 1, 7, 1]],
  ['bt2020', [2, 6, 11, 7]],
  ['bt2020-10', [2, 6, 13, 7]],
  ['bt2100-pq', [2, 6, 14, 7]],
  ['bt2100-hlg', [2, 6, 15, 7]],
];

export function parseColorimetry(text: string): [number, number, number, number] | null {
  const named = NAMED_COLORIMETRY.find(([n]) => n === text);
  if (named !== undefined) return [...named[1]];
  const m = /^(\d+):(\d+):(\d+):(\d+)$/.exec(text);
  return m === null ? null : [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

export function colorimetryToString(c: readonly number[]): string {
  const named = NAMED_COLORIMETRY.find(([, v]) => v.every((x, i) => x === c[i]));
  return named !== undefined ? named[0] : c.join(':');
}

/** GstVideoInfo's default colorimetry for a format and height (video-info.c set_default_colorimetry) */
export function defaultColorimetryName(format: string, height: number): string {
  const flags = videoFormatInfo(format)?.flags ?? 0;
  // 1.22 has no UHD default: 2160 lines and more stay bt709 (observed with gst-launch-1.0 -v)
  if ((flags & VIDEO_FLAG.YUV) !== 0) return height > 576 ? 'bt709' : 'bt601';
  if ((flags & VIDEO_FLAG.GRAY) !== 0) return '1:4:0:0';
  return 'sRGB';
}

/** the chroma-site GstVideoInfo gives YUV by default: co-sited (mpeg2) above SD, else centred (jpeg) */
export const defaultChromaSite = (height: number): string => (height > 576 ? 'mpeg2' : 'jpeg');

function getFixedFormat(direction: Direction, caps: Caps, othercaps: Caps): Caps {
  let result = othercaps.intersect(caps, 'zigzag');
  if (result.isEmpty()) result = othercaps;
  result = fixateFormat(caps, result).fixate();
  if (direction === 'sink') {
    if (caps.isSubset(result)) result = caps;
    else result = transferColorimetry(caps, result);
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

function convertScaleFixate(_ctx: TransformContext, direction: Direction, caps: Caps, othercaps: Caps): Caps {
  const format = getFixedFormat(direction, caps, othercaps);
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
}

// ---------------------------------------------------------------------------------------------
// videorate, audioresample, audioconvert

const FULL_FRAMERATE: Value = fractionRange({ num: 0, den: 1 }, { num: INT_MAX, den: 1 });

type Frac = { num: number; den: number };
const fracCmp = (a: Frac, b: Frac): number => a.num * b.den - b.num * a.den;

/** gst_value_fraction_get_extremes */
function fractionExtremes(v: Value): { min: Frac; max: Frac } | null {
  if (v.kind === 'fraction') return { min: v, max: v };
  if (v.kind === 'fraction-range') return { min: v.min, max: v.max };
  if (v.kind === 'list') {
    let r: { min: Frac; max: Frac } | null = null;
    for (const i of v.items) {
      const e = fractionExtremes(i);
      if (e === null) continue;
      r = r === null ? e : { min: fracCmp(e.min, r.min) < 0 ? e.min : r.min, max: fracCmp(e.max, r.max) > 0 ? e.max : r.max };
    }
    return r;
  }
  return null;
}

/** one field's value intersection, through the caps engine */
function intersectField(name: string, a: Value, b: Value): Value | null {
  const one = (v: Value): Caps => Caps.fromEntries([{ structure: { name: 'x/x', fields: [{ name, value: v }] }, features: null }]);
  const r = one(a).intersect(one(b), 'first');
  return r.isEmpty() ? null : (getField(r.structure(0), name) ?? null);
}

/** gst_video_max_rate_clamp_structure: framerate ∩ [0/1, maxrate/1] and its extremes */
function clampFramerate(s: Structure, maxRate: number): { s: Structure; min: Frac; max: Frac } | null {
  const v = getField(s, 'framerate');
  if (v === undefined) return null;
  const clamped = intersectField('framerate', v, fractionRange({ num: 0, den: 1 }, { num: maxRate, den: 1 }));
  if (clamped === null) return null;
  const ce = fractionExtremes(clamped);
  const ve = fractionExtremes(v);
  if (ce === null || ve === null) return null;
  let max = ve.max;
  if (fracCmp(max, { num: maxRate, den: 1 }) > 0) max = { num: maxRate, den: 1 };
  return { s: setField(s, 'framerate', clamped), min: ce.min, max };
}

const videorateImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny() || caps.isEmpty()) return applyFilter(caps, filter);
    const maxRate = typeof ctx.properties['max-rate'] === 'number' ? (ctx.properties['max-rate'] as number) : INT_MAX;
    const dropOnly = ctx.properties['drop-only'] === true;
    const out: CapsEntry[] = [];
    for (const e of caps.entries) {
      const s = e.structure;
      let s1: Structure | null = s;
      let s2: Structure | null = null;
      let s3: Structure | null = null;
      if (dropOnly) {
        let min: Frac = { num: 0, den: 1 };
        let max: Frac = { num: maxRate, den: 1 };
        const c = clampFramerate(s, maxRate);
        if (c !== null) [s1, min, max] = [c.s, c.min, c.max];
        else if (direction === 'src') s2 = setField(s, 'framerate', FULL_FRAMERATE);
        if (direction === 'src') {
          // anything at least the minimal rate downstream needs, and the unknown rate 0/1
          s1 = setField(s1, 'framerate', fractionRange(min, { num: INT_MAX, den: 1 }));
          if (min.num !== 0 || min.den !== 1) s3 = setField(s, 'framerate', fraction(0, 1));
        } else if (max.num !== 0 || max.den !== 1) {
          s1 = setField(s1, 'framerate', fractionRange({ num: 0, den: 1 }, max));
        }
      } else if (direction === 'sink') {
        s1 = clampFramerate(s, maxRate)?.s ?? null;
        s2 = setField(s, 'framerate', fractionRange({ num: 0, den: 1 }, { num: maxRate, den: 1 }));
      } else {
        s2 = setField(s, 'framerate', FULL_FRAMERATE);
      }
      for (const x of [s1, s2, s3]) if (x !== null) mergeEntry(out, { structure: x, features: e.features });
    }
    return applyFilter(Caps.fromEntries(out), filter);
  },
  fixateCaps(_ctx, _dir, caps, othercaps) {
    const rate = fracOf(caps.structure(0), 'framerate');
    if (rate === null) return othercaps;
    othercaps = othercaps.truncate();
    let s = nearestFraction(othercaps.structure(0), 'framerate', rate.num, rate.den);
    if (getField(s, 'pixel-aspect-ratio') !== undefined) s = nearestFraction(s, 'pixel-aspect-ratio', 1, 1);
    return withStructure(othercaps, 0, s).fixate();
  },
};

const audioresampleImpl: TransformImpl = {
  transformCaps(_ctx, _dir, caps, filter) {
    const ret = mapStructures(caps, (s) => setField(s, 'rate', intRange(1, INT_MAX)));
    return applyFilter(ret, filter);
  },
  fixateCaps(_ctx, _dir, caps, othercaps) {
    const rate = intOf(caps.structure(0), 'rate');
    if (rate === null) return othercaps;
    othercaps = othercaps.truncate();
    return withStructure(othercaps, 0, nearestInt(othercaps.structure(0), 'rate', rate)).fixate();
  },
};

/** remove_format / remove_layout / remove_channels_from_structure of audioconvert */
function audioRemoveFormatInfo(caps: Caps, channels: boolean): Caps {
  if (caps.isAny() || caps.isEmpty()) return caps;
  return Caps.fromEntries(
    caps.entries.map((e) => {
      let s = removeField(removeField(e.structure, 'format'), 'layout');
      if (channels) {
        // only for non-NONE layouts: no mask, a non-zero mask, or mono
        const mask = getField(s, 'channel-mask');
        const ch = intOf(s, 'channels');
        if (mask === undefined || mask.kind !== 'bitmask' || mask.value !== 0n || ch === 1) s = removeField(removeField(s, 'channel-mask'), 'channels');
      }
      return { structure: s, features: e.features };
    }),
  );
}

/** gst_audio_channel_get_fallback_mask */
const FALLBACK_MASK: Readonly<Record<number, bigint>> = { 1: 0n, 2: 0x3n, 3: 0xbn, 4: 0x33n, 5: 0x37n, 6: 0x3fn, 7: 0xd0fn, 8: 0xc3fn };
export const fallbackChannelMask = (channels: number): bigint => FALLBACK_MASK[channels] ?? 0n;

const AUDIO_FLAG_SIGNED = 4;
const AUDIO_FLAG_UNPACK = 32;

/** gst_audio_convert_fixate_format */
function audioFixateFormat(ins: Structure, outs: Structure): Structure {
  const inFormat = strOf(ins, 'format');
  const format = getField(outs, 'format');
  if (inFormat === null || format === undefined || format.kind !== 'list') return outs;
  const inInfo = audioFormatInfo(inFormat);
  if (inInfo === undefined) return outs;
  const strip = (f: number): number => f & ~AUDIO_FLAG_UNPACK & ~AUDIO_FLAG_SIGNED;
  const inFlags = strip(inInfo.flags);
  const inDepth = inInfo.depth;
  let out: string | null = null;
  let outDepth = -1;
  let outFlags = 0;
  for (const v of format.items) {
    if (v.kind !== 'string' || v.value === null) continue;
    const t = audioFormatInfo(v.value);
    if (t === undefined) continue;
    if (v.value === inFormat) {
      out = v.value;
      break;
    }
    const tFlags = strip(t.flags);
    const tDepth = t.depth;
    if (out === null) {
      [out, outDepth, outFlags] = [v.value, tDepth, tFlags];
      continue;
    }
    const tFlagsBetter = tFlags === inFlags && outFlags !== inFlags;
    if (tDepth === inDepth && (outDepth !== inDepth || tFlagsBetter)) [out, outDepth, outFlags] = [v.value, tDepth, tFlags];
    else if (tDepth >= inDepth && (inDepth > outDepth || (outDepth >= inDepth && tFlagsBetter))) [out, outDepth, outFlags] = [v.value, tDepth, tFlags];
    else if ((tDepth > outDepth && outDepth < inDepth) || (tFlagsBetter && outDepth === tDepth)) [out, outDepth, outFlags] = [v.value, tDepth, tFlags];
  }
  return out === null ? outs : setField(outs, 'format', str(out));
}

const nBitsSet = (x: bigint): number => {
  let c = 0;
  for (; x !== 0n; c++) x &= x - 1n;
  return c;
};
const findSuitableMask = (mask: bigint, n: number): bigint => {
  let x = mask;
  for (; x !== 0n && n > 0; n--) x &= x - 1n;
  return mask - x;
};
const bitmask = (value: bigint): Value => ({ kind: 'bitmask', value });

/** gst_audio_convert_fixate_channels */
function audioFixateChannels(ins: Structure, outs: Structure): Structure {
  const inChans = intOf(ins, 'channels');
  if (inChans === null) return outs;
  if (getField(outs, 'channels') === undefined) return removeField(outs, 'channel-mask');
  outs = nearestInt(outs, 'channels', inChans);
  const outChans = intOf(outs, 'channels');
  if (outChans === null) return removeField(outs, 'channel-mask');
  const om = getField(outs, 'channel-mask');
  let hasOutMask = om !== undefined;
  let outMask = om !== undefined && om.kind === 'bitmask' ? om.value : 0n;
  if (!hasOutMask && outChans === 2) {
    outMask = 0x3n;
    hasOutMask = true;
    outs = setField(outs, 'channel-mask', bitmask(outMask));
  }
  const im = getField(ins, 'channel-mask');
  let hasInMask = im !== undefined;
  let inMask = im !== undefined && im.kind === 'bitmask' ? im.value : 0n;
  if (!hasInMask && inChans === 2) {
    inMask = 0x3n;
    hasInMask = true;
  }
  if (!hasOutMask && outChans === 1 && (inChans !== outChans || !hasInMask)) return outs;
  if (inChans === outChans && (hasInMask || inChans === 1)) {
    if (!hasOutMask) return setField(outs, 'channel-mask', bitmask(inMask));
    if (inMask === outMask) return outs;
    if (nBitsSet(outMask) === outChans) return outs;
    if (nBitsSet(outMask) >= inChans) {
      if (nBitsSet(inMask & outMask) >= inChans) return setField(outs, 'channel-mask', bitmask(inMask));
      const m = findSuitableMask(outMask, outChans);
      if (m !== 0n) return setField(outs, 'channel-mask', bitmask(m));
    }
  } else if (nBitsSet(outMask) >= outChans) {
    return setField(outs, 'channel-mask', bitmask(findSuitableMask(outMask, outChans)));
  }
  const fallback = fallbackChannelMask(outChans);
  if (outChans > 1 && fallback !== 0n) outs = setField(outs, 'channel-mask', bitmask(fallback));
  return outs;
}

const audioconvertImpl: TransformImpl = {
  transformCaps(_ctx, _dir, caps, filter) {
    return applyFilter(audioRemoveFormatInfo(caps, true), filter);
  },
  fixateCaps(_ctx, _dir, caps, othercaps) {
    let result = othercaps.intersect(caps, 'zigzag');
    if (result.isEmpty()) {
      result = othercaps.intersect(audioRemoveFormatInfo(caps, false), 'zigzag');
      if (result.isEmpty()) result = othercaps;
    }
    const ins = caps.structure(0);
    let outs = audioFixateChannels(ins, result.structure(0));
    outs = audioFixateFormat(ins, outs);
    return withStructure(result, 0, outs).fixate();
  },
};

// ---------------------------------------------------------------------------------------------
// videoflip, videocrop, videobox

/** videoflip methods that swap width and height */
const ROTATING = new Set(['clockwise', 'counterclockwise', 'upper-left-diagonal', 'upper-right-diagonal', '90r', '90l', 'ul-lr', 'ur-ll']);

function flipSwaps(ctx: TransformContext): boolean {
  // 1.22 reads only video-direction here: the deprecated `method` leaves the caps untouched (recorded)
  const dir = ctx.properties['video-direction'];
  return typeof dir === 'string' && ROTATING.has(dir);
}

const videoflipImpl: TransformImpl = {
  transformCaps(ctx, _dir, caps, filter) {
    if (!flipSwaps(ctx)) return applyFilter(caps, filter);
    // only fixed sizes are swapped: ranges pass unchanged (gst_structure_get_int must succeed for both)
    const ret = mapStructures(caps, (s) => {
      const w = intOf(s, 'width');
      const h = intOf(s, 'height');
      if (w === null || h === null) return s;
      s = setField(setField(s, 'width', { kind: 'int', value: h }), 'height', { kind: 'int', value: w });
      const par = fracOf(s, 'pixel-aspect-ratio');
      if (par !== null && (par.num !== 1 || par.den !== 1)) s = setField(s, 'pixel-aspect-ratio', fraction(par.den, par.num));
      return s;
    }, false);
    return applyFilter(ret, filter);
  },
};

/** gst_video_{crop,box}_transform_dimension: val + delta clamped to [1, G_MAXINT] */
const clampDim = (v: number, delta: number): number => Math.min(INT_MAX, Math.max(1, v + delta));

/**
 * gst_video_crop_transform_dimension_value. `dynamic` (a -1 crop on that axis): towards src the size
 * opens up to G_MAXINT, towards sink down to 1. null: the structure cannot be transformed.
 */
function cropDim(v: Value | undefined, delta: number, direction: Direction, dynamic: boolean): Value | null {
  if (v === undefined) return null;
  if (v.kind === 'int') {
    const n = clampDim(v.value, delta);
    if (!dynamic) return { kind: 'int', value: n };
    if (direction === 'src') return n === INT_MAX ? { kind: 'int', value: n } : intRange(n, INT_MAX);
    return n === 1 ? { kind: 'int', value: n } : intRange(1, n);
  }
  if (v.kind === 'int-range') {
    let min = clampDim(v.min, delta);
    let max = clampDim(v.max, delta);
    if (dynamic) {
      if (direction === 'src') max = INT_MAX;
      else min = 1;
    }
    return min === max ? { kind: 'int', value: min } : intRange(min, max);
  }
  if (v.kind === 'list') {
    const items = v.items.map((i) => cropDim(i, delta, direction, dynamic)).filter((i): i is Value => i !== null);
    return items.length === 0 ? null : { kind: 'list', items };
  }
  return null;
}

const numProp = (ctx: TransformContext, name: string): number => {
  const v = ctx.properties[name];
  return typeof v === 'number' ? v : 0;
};

/** gst_video_crop_transform_caps: structures whose size cannot be transformed are dropped */
const videocropImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny() || caps.isEmpty()) return applyFilter(caps, filter);
    const [l, r, t, b] = ['left', 'right', 'top', 'bottom'].map((n) => numProp(ctx, n));
    const wDynamic = l === -1 || r === -1;
    const hDynamic = t === -1 || b === -1;
    const sum = (a: number, c: number): number => (a === -1 ? 0 : a) + (c === -1 ? 0 : c);
    const sign = direction === 'src' ? 1 : -1;
    const out: CapsEntry[] = [];
    for (const e of caps.entries) {
      const w = cropDim(getField(e.structure, 'width'), sign * sum(l!, r!), direction, wDynamic);
      if (w === null) continue;
      const h = cropDim(getField(e.structure, 'height'), sign * sum(t!, b!), direction, hDynamic);
      if (h === null) continue;
      out.push({ structure: setField(setField(e.structure, 'width', w), 'height', h), features: e.features });
    }
    const ret = Caps.fromEntries(out);
    return ret.isEmpty() || filter === null ? ret : intersectFirst(filter, ret);
  },
};

/** gst_video_box_transform_dimension_value: a range must stay a proper range */
function boxDim(v: Value | undefined, delta: number): Value | null {
  if (v === undefined) return null;
  if (v.kind === 'int') return { kind: 'int', value: clampDim(v.value, delta) };
  if (v.kind === 'int-range') {
    const min = clampDim(v.min, delta);
    const max = clampDim(v.max, delta);
    return min >= max ? null : intRange(min, max);
  }
  if (v.kind === 'list') {
    const items = v.items.map((i) => boxDim(i, delta)).filter((i): i is Value => i !== null);
    return items.length === 0 ? null : { kind: 'list', items };
  }
  return null;
}

const VIDEOBOX_RGB = ['RGBx', 'BGRx', 'xRGB', 'xBGR', 'RGBA', 'BGRA', 'ARGB', 'ABGR', 'RGB', 'BGR'];

/** gst_value_list_merge: the first value's items, then the second's that are not among them */
function mergeStringLists(first: Value, add: readonly string[]): Value {
  const items: Value[] = first.kind === 'list' ? [...first.items] : [first];
  for (const a of add) if (!items.some((i) => i.kind === 'string' && i.value === a)) items.push(str(a));
  return { kind: 'list', items };
}

/** gst_video_box_transform_caps: borders change the size; formats it can convert between open up */
function videoboxTransform(): TransformImpl['transformCaps'] {
  return (ctx, direction, caps, filter) => {
    if (caps.isAny() || caps.isEmpty()) return applyFilter(caps, filter);
    const sign = direction === 'sink' ? -1 : 1;
    const dw = sign * (numProp(ctx, 'left') + numProp(ctx, 'right'));
    const dh = sign * (numProp(ctx, 'top') + numProp(ctx, 'bottom'));
    const entries: CapsEntry[] = [];
    for (const e of caps.entries) {
      let s = e.structure;
      if (ctx.properties['autocrop'] === true) s = removeField(removeField(s, 'width'), 'height');
      else {
        // one structure whose size cannot be transformed empties the whole answer ("bail")
        const w = boxDim(getField(s, 'width'), dw);
        if (w === null) return Caps.EMPTY;
        const h = boxDim(getField(s, 'height'), dh);
        if (h === null) return Caps.EMPTY;
        s = setField(setField(s, 'width', w), 'height', h);
      }
      const fval = getField(s, 'format');
      let yuv = false;
      let rgb = false;
      const see = (v: Value): boolean => {
        if (v.kind !== 'string' || v.value === null) return false;
        if (v.value === 'AYUV') return (yuv = rgb = true);
        if (v.value.includes('RGB') || v.value.includes('BGR')) rgb = true;
        else if (v.value === 'I420' || v.value === 'YV12') yuv = true;
        return false;
      };
      if (fval?.kind === 'list') {
        for (const v of fval.items) if (see(v)) break;
      } else if (fval !== undefined) see(fval);
      if (fval !== undefined && (yuv || rgb)) {
        const add = ['AYUV', ...(yuv ? ['I420', 'YV12'] : []), ...(rgb ? VIDEOBOX_RGB : [])];
        s = setField(s, 'format', mergeStringLists(fval, add));
        s = removeField(removeField(s, 'colorimetry'), 'chroma-site');
      }
      entries.push({ structure: s, features: e.features });
    }
    const to = Caps.fromEntries(entries);
    return applyFilter(to.intersect(direction === 'sink' ? ctx.templates.src : ctx.templates.sink, 'zigzag'), filter);
  };
}

const IMPLS: Record<Exclude<TransformAlgorithm, VideoTransformAlgorithm | GenericTransformAlgorithm | AudioTransformAlgorithm>, TransformImpl> = {
  identity: identityImpl,
  capsfilter: capsfilterImpl,
  videoconvert: { transformCaps: convertScaleTransform(true, false), fixateCaps: convertScaleFixate },
  videoscale: { transformCaps: convertScaleTransform(false, true), fixateCaps: convertScaleFixate },
  videoconvertscale: { transformCaps: convertScaleTransform(true, true), fixateCaps: convertScaleFixate },
  videorate: videorateImpl,
  audioconvert: audioconvertImpl,
  audioresample: audioresampleImpl,
  videoflip: videoflipImpl,
  videocrop: videocropImpl,
  videobox: { transformCaps: videoboxTransform() },
};

export function transformImpl(algorithm: TransformAlgorithm): TransformImpl {
  // looked up when asked: elements-video.ts (which uses this module's colour helpers) may load after it
  if (algorithm in GENERIC_TRANSFORMS) return GENERIC_TRANSFORMS[algorithm as GenericTransformAlgorithm];
  if (algorithm in AUDIO_TRANSFORMS) return AUDIO_TRANSFORMS[algorithm as AudioTransformAlgorithm];
  return algorithm in IMPLS ? IMPLS[algorithm as keyof typeof IMPLS] : VIDEO_TRANSFORMS[algorithm as VideoTransformAlgorithm];
}

