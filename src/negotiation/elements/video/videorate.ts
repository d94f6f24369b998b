/** videorate (GstBaseTransform): any framerate in, the nearest allowed out (gstvideorate.c, 1.22). */
import { Caps, INT_MAX, fraction, fractionRange, getField, setField, type CapsEntry, type Structure, type Value } from '../../../caps/index.js';
import { withStructure } from '../../engine/query.js';
import type { AllocationHost, AllocationQuery } from '../../engine/model.js';
import { BaseTransform, type TransformImpl } from '../../base/basetransform.js';
import { capsFrameSize } from '../../media/video-info.js';
import { applyFilter, mergeEntry, fracOf, nearestFraction } from '../transform-util.js';

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


/**
 * gst_video_rate_propose_allocation on the answer it forwarded (it is in place, transform_ip only): videorate
 * keeps one buffer back, so a pool whose min equals its max is dropped (remembering that min), the others ask
 * one buffer more; with none left, a NULL pool of the frame size with one more than the largest dropped min.
 */
function videoRateProposal(q: AllocationQuery, host: AllocationHost): void {
  let downMin = 0;
  q.pools = q.pools.filter((e) => {
    // a pool of a fixed number of buffers cannot take one more; 1.26 does not take max 0 (no limit) for one
    if (e.min !== e.max || (host.release === '1.26' && e.max === 0)) return true;
    downMin = Math.max(downMin, e.min);
    return false;
  });
  for (const e of q.pools) e.min += 1;
  if (q.pools.length === 0) q.pools.push({ pool: null, size: capsFrameSize(q.caps) ?? 0, min: downMin + 1, max: 0 });
}

// it converts the frame rate: a converter on a protected path (only in passthrough)
export const videorate = new BaseTransform({ algorithm: 'videorate', ...videorateImpl, allocation: { inPlace: true, proposeForwarded: videoRateProposal }, converter: true });
