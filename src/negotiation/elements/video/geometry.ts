/**
 * videoflip, videocrop, videobox (GstVideoFilter): transform_caps swaps, shrinks or grows the frame
 * by what their properties say (gstvideoflip.c, gstvideocrop.c, gstvideobox.c, 1.22).
 */
import { Caps, INT_MAX, fraction, getField, intRange, removeField, setField, type CapsEntry, type Value } from '../../../caps/index.js';
import { intersectFirst } from '../../engine/query.js';
import type { Direction } from '../../engine/model.js';
import { VIDEO_CROP_META, VIDEO_META } from '../../base/allocation.js';
import { BaseTransform, type TransformAllocation, type TransformContext, type TransformImpl } from '../../base/basetransform.js';
import { str } from '../fields.js';
import { applyFilter, mapStructures, intOf, fracOf } from '../transform-util.js';

const ROTATING = new Set(['clockwise', 'counterclockwise', 'upper-left-diagonal', 'upper-right-diagonal', '90r', '90l', 'ul-lr', 'ur-ll']);

function flipSwaps(ctx: TransformContext): boolean {
  // 1.22 reads only video-direction here: the deprecated `method` leaves the caps untouched (recorded)
  const dir = ctx.properties['video-direction'];
  return typeof dir === 'string' && ROTATING.has(dir);
}

/** GstVideoOrientationMethod values that turn the frame by 90° (90r, 90l, ul-lr, ur-ll) */
const ROTATING_VALUES = new Set([1, 3, 6, 7]);
const rotates = (v: unknown): boolean => (typeof v === 'string' && (ROTATING.has(v) || ROTATING_VALUES.has(Number(v)))) || (typeof v === 'number' && ROTATING_VALUES.has(v));

/**
 * 1.26: `method` and `video-direction` both set the method; measured in the 1.26 root, `method` decides
 * whenever it is given (video-direction=90r method=none keeps the size, method=clockwise
 * video-direction=horiz swaps; method=automatic without orientation tags is identity), else video-direction.
 */
function flipSwaps126(ctx: TransformContext): boolean {
  const method = ctx.properties['method'];
  return method !== undefined ? rotates(method) : rotates(ctx.properties['video-direction']);
}

const videoflipTransform =
  (swaps: (ctx: TransformContext) => boolean): TransformImpl['transformCaps'] =>
  (ctx, _dir, caps, filter) => {
    if (!swaps(ctx)) return applyFilter(caps, filter);
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


/** videoflip's set_info sets passthrough from the method active at setcaps (the property applies from the first buffer) */
const videoflipAllocation: TransformAllocation = { passthroughOnSetCaps: () => true };

/**
 * videocrop lists the metas it can apply itself, then chains up to GstVideoFilter's propose; its decide goes
 * passthrough with nothing to crop, and in place (cropping by meta) when downstream takes crop and video metas
 */
const videocropAllocation: TransformAllocation = {
  proposeAllocation: (q) => q.metas.push(VIDEO_META, VIDEO_CROP_META),
  decideAllocation: (el, q, host) => {
    if (el.passthrough === true || (q.metas.includes(VIDEO_CROP_META) && q.metas.includes(VIDEO_META))) return true;
    // cropping itself: gst_video_crop_decide_allocation fails when the caps are not in system memory
    const f = q.caps.entries[0]?.features ?? null;
    const raw = f === null || (!f.any && f.names.length === 1 && f.names[0] === 'memory:SystemMemory');
    if (!raw) host.refuse(el, "Dowstream doesn't support crop for non-raw caps");
    return false;
  },
};

/** videobox's set_info: passthrough without borders on any side */
const videoboxAllocation: TransformAllocation = {
  passthroughOnSetCaps: (el) => ['left', 'right', 'top', 'bottom'].every((p) => Number(el.properties[p] ?? 0) === 0),
};

export const videoflip = new BaseTransform({ algorithm: 'videoflip', baseClass: 'GstVideoFilter', transformCaps: videoflipTransform(flipSwaps), allocation: videoflipAllocation });
/** 1.26: the deprecated `method` rotates the caps too (1.22 read only video-direction there) */
export const videoflip126 = new BaseTransform({
  versions: ['1.26'],
  algorithm: 'videoflip126',
  baseClass: 'GstVideoFilter',
  transformCaps: videoflipTransform(flipSwaps126),
  allocation: videoflipAllocation,
});
export const videocrop = new BaseTransform({ algorithm: 'videocrop', baseClass: 'GstVideoFilter', ...videocropImpl, allocation: videocropAllocation });
export const videobox = new BaseTransform({ algorithm: 'videobox', baseClass: 'GstVideoFilter', transformCaps: videoboxTransform(), allocation: videoboxAllocation });
