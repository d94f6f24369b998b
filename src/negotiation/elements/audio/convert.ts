/**
 * audioconvert and audioresample (GstBaseTransform): transform_caps frees format, layout and channels,
 * or the rate; fixate_caps keeps as much of the input as downstream allows (gstaudioconvert.c,
 * gstaudioresample.c, 1.22).
 */
import { Caps, INT_MAX, getField, intRange, isEqualValue, removeField, setField, type Structure, type Value } from '../../../caps/index.js';
import { withStructure } from '../../engine/query.js';
import { BaseTransform, type TransformAllocation, type TransformImpl } from '../../base/basetransform.js';
import { str } from '../fields.js';
import { applyFilter, mapStructures, intOf, strOf, nearestInt } from '../transform-util.js';
import { audioFormatInfo } from '../../media/formats.js';
import { fallbackChannelMask } from '../../media/audio.js';

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
/** a structure's channel-mask, or for two channels without one the stereo mask (front left and right) */
function channelMask(s: Structure, channels: number): { has: boolean; mask: bigint } {
  const m = getField(s, 'channel-mask');
  if (m !== undefined) return { has: true, mask: m.kind === 'bitmask' ? m.value : 0n };
  return channels === 2 ? { has: true, mask: 0x3n } : { has: false, mask: 0n };
}

function audioFixateChannels(ins: Structure, outs: Structure): Structure {
  const inChans = intOf(ins, 'channels');
  if (inChans === null) return outs;
  if (getField(outs, 'channels') === undefined) return removeField(outs, 'channel-mask');
  outs = nearestInt(outs, 'channels', inChans);
  const outChans = intOf(outs, 'channels');
  if (outChans === null) return removeField(outs, 'channel-mask');
  const { has: hasOutMask, mask: outMask } = channelMask(outs, outChans);
  // two output channels without a mask get the stereo one set
  if (getField(outs, 'channel-mask') === undefined && outChans === 2) outs = setField(outs, 'channel-mask', bitmask(outMask));
  const { has: hasInMask, mask: inMask } = channelMask(ins, inChans);
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


// Filter/Converter/Audio, as audioconvert
export const audioresample = new BaseTransform({ algorithm: 'audioresample', ...audioresampleImpl, converter: true });
/**
 * gst_audio_converter_supports_inplace: the channel mix passes through (no channel-mask: the default positions,
 * mono or front left/right, for one or two channels), same sample format, no resampling
 */
function audioConvertsInPlace(incaps: Caps | null, outcaps: Caps | null): boolean {
  const a = incaps?.structure(0);
  const b = outcaps?.structure(0);
  if (a === undefined || b === undefined) return false;
  const same = (field: string): boolean => {
    const x = getField(a, field);
    const y = getField(b, field);
    return x !== undefined && y !== undefined && isEqualValue(x, y);
  };
  if (!['format', 'rate', 'channels', 'layout'].every(same)) return false;
  const channels = getField(a, 'channels');
  const n = channels?.kind === 'int' ? channels.value : 0;
  const mask = (v: Value | undefined): bigint | null => (v?.kind === 'bitmask' ? v.value : n === 1 ? 0n : n === 2 ? 3n : null);
  const ma = mask(getField(a, 'channel-mask'));
  const mb = mask(getField(b, 'channel-mask'));
  return ma !== null && ma === mb;
}

/** its set_caps: passthrough as gst_audio_converter_is_passthrough says (equal caps), in place for some conversions */
const audioconvertAllocation: TransformAllocation = {
  passthroughOnSetCaps: () => true,
  inPlaceOnSetCaps: (el) => audioConvertsInPlace(el.sinkPads()[0]?.caps ?? null, el.srcPads()[0]?.caps ?? null),
};

export const audioconvert = new BaseTransform({ algorithm: 'audioconvert', ...audioconvertImpl, allocation: audioconvertAllocation, converter: true });
