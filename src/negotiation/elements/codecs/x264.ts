/**
 * x264enc (gst-plugins-ugly 1.22, libx264 0.164): set_format reads the stream format, profile and level
 * downstream allows (fixated), init_encoder builds x264's parameters (speed preset, tunings, the properties
 * the user set, rate control), and set_src_caps writes stream-format, alignment and then the level and
 * profile gst_codec_utils_h264_caps_set_level_and_profile reads back from the SPS x264 wrote. That SPS's
 * profile_idc and level_idc follow from the parameters (x264_sps_init, and validate_parameters' automatic
 * level: the first of x264_levels whose limits the frame size, DPB, VBV and macroblock rate fit); they are
 * computed here. codec_data (avc) holds the SPS/PPS bytes themselves: left to the data (unknown).
 * Properties whose effect on the SPS is not modelled (option-string, interlaced, intra-refresh …) leave
 * level and profile unknown instead of guessed.
 */
import { Caps, fixateFieldString, getField, type Structure, type Value } from '../../../caps/index.js';
import type { PropertyValue } from '../../graph/graph.js';
import { videoFormatInfo, VIDEO_FLAG } from '../../media/formats.js';
import { VideoEncoder, type EncoderCaps, type EncoderContext } from '../../base/videocodec.js';
import { firstString } from '../../base/output.js';
import type { ModelHost, Op, PadNode } from '../../engine/model.js';
import { intersectFirst, intersectZigzag, peerQueryCaps } from '../../engine/query.js';
import { str } from '../fields.js';

type Props = Readonly<Record<string, PropertyValue>>;

/** x264_levels: level_idc, max macroblocks/s, frame size and DPB in macroblocks, bitrate and CPB (kbit), frame only */
const LEVELS: readonly (readonly [idc: number, mbps: number, frameSize: number, dpb: number, bitrate: number, cpb: number, frameOnly: number])[] = [
  [10, 1485, 99, 396, 64, 175, 1],
  [9, 1485, 99, 396, 128, 350, 1],
  [11, 3000, 396, 900, 192, 500, 1],
  [12, 6000, 396, 2376, 384, 1000, 1],
  [13, 11880, 396, 2376, 768, 2000, 1],
  [20, 11880, 396, 2376, 2000, 2000, 1],
  [21, 19800, 792, 4752, 4000, 4000, 0],
  [22, 20250, 1620, 8100, 4000, 4000, 0],
  [30, 40500, 1620, 8100, 10000, 10000, 0],
  [31, 108000, 3600, 18000, 14000, 14000, 0],
  [32, 216000, 5120, 20480, 20000, 20000, 0],
  [40, 245760, 8192, 32768, 20000, 25000, 0],
  [41, 245760, 8192, 32768, 50000, 62500, 0],
  [42, 522240, 8704, 34816, 50000, 62500, 1],
  [50, 589824, 22080, 110400, 135000, 135000, 1],
  [51, 983040, 36864, 184320, 240000, 240000, 1],
  [52, 2073600, 36864, 184320, 240000, 240000, 1],
  [60, 4177920, 139264, 696320, 240000, 240000, 1],
  [61, 8355840, 139264, 696320, 480000, 480000, 1],
  [62, 16711680, 139264, 696320, 800000, 800000, 1],
];

const PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'] as const;
const PASSES: Readonly<Record<string, number>> = { cbr: 0, quant: 4, qual: 5, pass1: 17, pass2: 18, pass3: 19 };
const PROFILE = { BASELINE: 66, MAIN: 77, HIGH: 100, HIGH10: 110, HIGH422: 122, HIGH444: 244 } as const;

/** the x264 parameters the SPS's profile and level follow from */
interface Params {
  ref: number;
  bframes: number;
  pyramid: number; // 0 none, 1 strict, 2 normal
  dct8x8: boolean;
  cabac: boolean;
  weightp: number;
  keyintMax: number;
  rc: 'abr' | 'cqp' | 'crf';
  qp: number;
  vbvMax: number;
  vbvBuffer: number;
  bitrate: number;
}

/** x264_param_default then param_apply_preset (common/base.c) */
function presetParams(preset: string): Params | null {
  const p: Params = { ref: 3, bframes: 3, pyramid: 2, dct8x8: true, cabac: true, weightp: 2, keyintMax: 250, rc: 'crf', qp: 23, vbvMax: 0, vbvBuffer: 0, bitrate: 0 };
  switch (preset) {
    case 'ultrafast':
      return { ...p, ref: 1, cabac: false, bframes: 0, dct8x8: false, weightp: 0 };
    case 'superfast':
    case 'veryfast':
      return { ...p, ref: 1, weightp: 1 };
    case 'faster':
    case 'fast':
      return { ...p, ref: 2, weightp: 1 };
    case 'medium':
      return p;
    case 'slow':
      return { ...p, ref: 5 };
    case 'slower':
      return { ...p, ref: 8 };
    case 'veryslow':
      return { ...p, ref: 16, bframes: 8 };
    case 'placebo':
      return { ...p, ref: 16, bframes: 16 };
    default:
      return null;
  }
}

const enumNick = (v: PropertyValue | undefined, nicks: readonly string[], dflt: string): string | null => {
  if (v === undefined) return dflt;
  if (typeof v === 'number') return nicks[v] ?? null;
  return typeof v === 'string' && nicks.includes(v) ? v : null;
};
const bool = (v: PropertyValue | undefined): boolean | null => (typeof v === 'boolean' ? v : v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null);
const uint = (v: PropertyValue | undefined): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** properties that change nothing the SPS's profile and level read */
const NEUTRAL = new Set(['name', 'threads', 'sliced-threads', 'sync-lookahead', 'byte-stream', 'me', 'subme', 'analyse', 'b-adapt', 'weightbp', 'sps-id', 'aud', 'trellis', 'qp-min', 'qp-max', 'qp-step', 'ip-factor', 'pb-factor', 'mb-tree', 'rc-lookahead', 'noise-reduction', 'insert-vui', 'nal-hrd', 'psy-tune', 'multipass-cache-file', 'frame-packing', 'parent', 'qos', 'min-force-key-unit-interval']);

/** init_encoder's parameters from the properties the user set, or null when one is not modelled */
function x264Params(props: Props, fps: { num: number; den: number }): Params | null {
  for (const k of Object.keys(props)) {
    if (!NEUTRAL.has(k) && !['speed-preset', 'tune', 'pass', 'quantizer', 'bitrate', 'vbv-buf-capacity', 'ref', 'bframes', 'b-pyramid', 'dct8x8', 'cabac', 'key-int-max'].includes(k)) return null;
  }
  const psy = enumNick(props['psy-tune'], ['none', 'film', 'animation', 'grain', 'psnr', 'ssim'], 'none');
  if (psy === null || psy === 'animation') return null; // animation doubles the references and adds B-frames
  const preset = enumNick(props['speed-preset'], ['None', ...PRESETS], 'medium');
  if (preset === null || preset === 'None') return null; // without a preset x264enc applies its own defaults string
  const p = presetParams(preset);
  if (p === null) return null;
  // tune flags: stillimage 1, fastdecode 2, zerolatency 4
  const tuneRaw = props['tune'];
  let tune = 0;
  if (typeof tuneRaw === 'number') tune = tuneRaw;
  else if (typeof tuneRaw === 'string') {
    for (const t of tuneRaw.split(/[+|,\s]+/).filter((x) => x !== '')) {
      const bit = { stillimage: 1, fastdecode: 2, zerolatency: 4 }[t];
      if (bit === undefined) return null;
      tune |= bit;
    }
  }
  if ((tune & 1) !== 0) return null; // stillimage changes references (not modelled)
  if ((tune & 2) !== 0) {
    p.cabac = false;
    p.weightp = 0;
  }
  if ((tune & 4) !== 0) p.bframes = 0;
  // the user-set options, in the option string after the preset
  if (props['ref'] !== undefined) p.ref = uint(props['ref']) ?? NaN;
  if (props['bframes'] !== undefined) p.bframes = uint(props['bframes']) ?? NaN;
  if (props['b-pyramid'] !== undefined) p.pyramid = bool(props['b-pyramid']) === true ? 1 : 0;
  if (props['dct8x8'] !== undefined) p.dct8x8 = bool(props['dct8x8']) === true;
  if (props['cabac'] !== undefined) p.cabac = bool(props['cabac']) === true;
  const keyint = props['key-int-max'] === undefined ? 0 : uint(props['key-int-max']);
  if (keyint === null || Number.isNaN(p.ref) || Number.isNaN(p.bframes)) return null;
  if (fps.num !== 0 && fps.den !== 0) p.keyintMax = keyint !== 0 ? keyint : Math.trunc((10 * fps.num) / fps.den);
  else if (keyint !== 0) p.keyintMax = keyint;
  // rate control (init_encoder's pass switch)
  const passRaw = props['pass'];
  const pass = passRaw === undefined ? 0 : typeof passRaw === 'number' ? passRaw : typeof passRaw === 'string' ? PASSES[passRaw] : undefined;
  if (pass === undefined) return null;
  const bitrate = props['bitrate'] === undefined ? 2048 : uint(props['bitrate']);
  const capacity = props['vbv-buf-capacity'] === undefined ? 600 : uint(props['vbv-buf-capacity']);
  const quantizer = props['quantizer'] === undefined ? 21 : uint(props['quantizer']);
  if (bitrate === null || capacity === null || quantizer === null) return null;
  if (pass === 4) {
    p.rc = 'cqp';
    p.qp = quantizer;
  } else if (pass === 5) {
    p.rc = 'crf';
    p.qp = quantizer;
    p.vbvMax = bitrate;
    p.vbvBuffer = Math.trunc((bitrate * capacity) / 1000);
  } else {
    p.rc = 'abr';
    p.bitrate = bitrate;
    p.vbvMax = bitrate;
    p.vbvBuffer = Math.trunc((bitrate * capacity) / 1000);
  }
  return p;
}

/** the input's chroma format and bit depth as x264 sees them (i_csp, i_bitdepth) */
function chromaOf(format: string | null): { chroma: 400 | 420 | 422 | 444; depth: number } | null {
  const info = format === null ? undefined : videoFormatInfo(format);
  if (info === undefined) return null;
  if ((info.flags & VIDEO_FLAG.GRAY) !== 0) return { chroma: 400, depth: info.bits };
  const w = info.wSub[1] ?? 0;
  const h = info.hSub[1] ?? 0;
  return { chroma: w === 0 && h === 0 ? 444 : w === 1 && h === 0 ? 422 : 420, depth: info.bits };
}

/** gst_codec_utils_h264_get_profile for what x264 writes (constraint_set1 up to Main, set3 for intra High profiles) */
function profileName(idc: number, intra: boolean): string {
  switch (idc) {
    case PROFILE.BASELINE:
      return 'constrained-baseline';
    case PROFILE.MAIN:
      return 'main';
    case PROFILE.HIGH:
      return 'high';
    case PROFILE.HIGH10:
      return intra ? 'high-10-intra' : 'high-10';
    case PROFILE.HIGH422:
      return intra ? 'high-4:2:2-intra' : 'high-4:2:2';
    default:
      return intra ? 'high-4:4:4-intra' : 'high-4:4:4';
  }
}

/** the peer profile string set_format maps to x264's profile names */
function peerProfile(profile: string | null): number | null {
  if (profile === null) return null;
  if (profile === 'constrained-baseline' || profile === 'baseline') return PROFILE.BASELINE;
  if (profile.startsWith('high-10')) return PROFILE.HIGH10;
  if (profile.startsWith('high-4:2:2')) return PROFILE.HIGH422;
  if (profile.startsWith('high-4:4:4')) return PROFILE.HIGH444;
  if (profile.startsWith('high')) return PROFILE.HIGH;
  if (profile === 'main') return PROFILE.MAIN;
  return null;
}

/** profile_idc and level_idc of x264's SPS (encoder.c validate_parameters, set.c x264_sps_init / x264_validate_levels) */
function x264Sps(p: Params, v: EncoderContext['input'], chroma: { chroma: number; depth: number }, peer: number | null): { profile: number; level: number; intra: boolean } | null {
  // x264_param_apply_profile: refused (a warning) when the input does not fit the profile, else it trims the tools
  if (peer !== null) {
    const lossless = (p.rc === 'cqp' && p.qp <= 0) || (p.rc === 'crf' && p.qp + 6 * (chroma.depth - 8) <= 0);
    const refused =
      (peer < PROFILE.HIGH444 && (lossless || chroma.chroma === 444)) || (peer < PROFILE.HIGH422 && chroma.chroma === 422) || (peer < PROFILE.HIGH10 && chroma.depth > 8) || (peer < PROFILE.HIGH && chroma.chroma === 400);
    if (!refused && peer === PROFILE.BASELINE) Object.assign(p, { dct8x8: false, cabac: false, bframes: 0, weightp: 0 });
    if (!refused && peer === PROFILE.MAIN) p.dct8x8 = false;
  }
  // validate_parameters
  p.keyintMax = Math.max(1, p.keyintMax);
  let dpbSize = 1;
  if (p.keyintMax === 1) {
    p.weightp = 0;
    p.ref = 1;
    dpbSize = 1;
  }
  const lossless = p.rc === 'cqp' && p.qp === 0;
  if (lossless) {
    p.bframes = 0;
    // 8x8dct needs RD in CAVLC lossless: subme < 6 only with the fastest presets, not modelled
    if (!p.cabac) return null;
  }
  p.ref = Math.min(Math.max(p.ref, 1), 16);
  p.bframes = Math.min(Math.max(p.bframes, 0), Math.min(16, p.keyintMax - 1));
  if (p.bframes <= 1) p.pyramid = 0;
  // x264_sps_init
  const profile =
    lossless || chroma.chroma === 444
      ? PROFILE.HIGH444
      : chroma.chroma === 422
        ? PROFILE.HIGH422
        : chroma.depth > 8
          ? PROFILE.HIGH10
          : p.dct8x8 || chroma.chroma === 400
            ? PROFILE.HIGH
            : p.cabac || p.bframes > 0 || p.weightp > 0
              ? PROFILE.MAIN
              : PROFILE.BASELINE;
  const reorder = p.pyramid !== 0 ? 2 : p.bframes > 0 ? 1 : 0;
  let maxDecFrameBuffering = Math.min(16, Math.max(p.ref, 1 + reorder, p.pyramid !== 0 ? 4 : 1, dpbSize));
  if (p.keyintMax === 1) maxDecFrameBuffering = 0;
  const mbWidth = Math.trunc((v.width + 15) / 16);
  const mbHeight = Math.trunc((v.height + 15) / 16);
  const mbs = mbWidth * mbHeight;
  const dpb = mbs * maxDecFrameBuffering;
  const cbp = profile >= PROFILE.HIGH422 ? 16 : profile === PROFILE.HIGH10 ? 12 : profile === PROFILE.HIGH ? 5 : 4;
  // the automatic level: ABR without a VBV buffer counts twice the bitrate
  const vbvMax = p.rc === 'abr' && p.vbvBuffer <= 0 ? p.bitrate * 2 : p.vbvMax;
  const [fpsNum, fpsDen] = v.fps.num !== 0 && v.fps.den !== 0 ? [v.fps.num, v.fps.den] : [25, 1];
  const fits = (l: (typeof LEVELS)[number]): boolean => {
    const [, mbps, frameSize, maxDpb, bitrate, cpb] = l;
    if (frameSize < mbs || frameSize * 8 < mbWidth * mbWidth || frameSize * 8 < mbHeight * mbHeight) return false;
    if (dpb > maxDpb) return false;
    if (vbvMax > Math.trunc((bitrate * cbp) / 4) || p.vbvBuffer > Math.trunc((cpb * cbp) / 4)) return false;
    return Math.trunc((mbs * fpsNum) / fpsDen) <= mbps;
  };
  let level = LEVELS[LEVELS.length - 1]![0];
  for (const l of LEVELS) {
    if (fits(l)) {
      level = l[0];
      break;
    }
  }
  return { profile, level, intra: p.keyintMax === 1 && profile >= PROFILE.HIGH };
}

/** gst_codec_utils_h264_get_level: level_idc 9 (and 11 with constraint_set3) is 1b */
const levelName = (idc: number): string => (idc === 9 ? '1b' : idc % 10 === 0 ? String(idc / 10) : `${Math.trunc(idc / 10)}.${idc % 10}`);

function x264Caps(ctx: EncoderContext): EncoderCaps | null {
  const v = ctx.input;
  // set_format: byte-stream for ANY downstream, else what the fixated allowed caps say
  let streamFormat: string;
  let profileWanted: string | null = null;
  let levelWanted: string | null = null;
  if (ctx.downstreamAny) streamFormat = 'byte-stream';
  else {
    if (ctx.allowed.isEmpty()) return null;
    const fixed = ctx.allowed.fixate().structure(0);
    profileWanted = firstString(getField(fixed, 'profile'));
    levelWanted = firstString(getField(fixed, 'level'));
    const sf = firstString(getField(fixed, 'stream-format'));
    const byteStreamProp = ctx.props['byte-stream'] === true || ctx.props['byte-stream'] === 'true';
    streamFormat = sf === 'avc' || sf === 'byte-stream' ? sf : byteStreamProp ? 'byte-stream' : 'avc';
  }
  const fields: { name: string; value: Value }[] = [];
  const missing: string[] = [];
  if (streamFormat === 'avc') missing.push('codec_data');
  fields.push({ name: 'stream-format', value: str(streamFormat) }, { name: 'alignment', value: str('au') });
  const chroma = chromaOf(v.format);
  const params = chroma === null || levelWanted !== null ? null : x264Params(ctx.props, v.fps);
  const sps = params === null || chroma === null ? null : x264Sps(params, v, chroma, peerProfile(profileWanted));
  if (sps === null) {
    // a level from downstream caps the rate control, or properties not modelled: left to the data
    missing.push('level', 'profile');
    return { structure: { name: 'video/x-h264', fields }, missing };
  }
  let profile = profileName(sps.profile, sps.intra);
  fields.push({ name: 'level', value: str(levelName(sps.level)) }, { name: 'profile', value: str(profile) });
  // set_profile_and_level: a subset profile is renamed to what downstream asked for
  if (!ctx.downstreamAny && !ctx.allowed.canIntersect(Caps.fromEntries([{ structure: { name: 'video/x-h264', fields }, features: null }]))) {
    const first: Structure = ctx.allowed.structure(0);
    // gst_structure_fixate_field_string: a list gives the wanted profile if it holds it; a string stays
    const fixedProfile = fixateFieldString(first, 'profile', profile) ?? first;
    const allowedProfile = firstString(getField(fixedProfile, 'profile'));
    const sub = (from: readonly string[], to: string): void => {
      if (from.includes(profile)) profile = to;
    };
    if (allowedProfile === 'high') sub(['constrained-baseline', 'baseline', 'main'], 'high');
    else if (allowedProfile === 'main') sub(['constrained-baseline', 'baseline'], 'main');
    else if (allowedProfile === 'baseline') sub(['constrained-baseline'], 'baseline');
    fields[fields.length - 1] = { name: 'profile', value: str(profile) };
  }
  return { structure: { name: 'video/x-h264', fields }, missing };
}

/** check_formats / add_x264_chroma_format: the input formats a profile allows (8- and 10-bit builds both present) */
function formatsFor(profiles: readonly string[]): string[] {
  const has = (p: string): boolean => profiles.some((x) => x.startsWith(p));
  const has444 = has('high-4:4:4');
  const has422 = has('high-4:2:2');
  const has10 = has('high-10');
  const has8 = profiles.some((x) => !x.startsWith('high-4:4:4') && !x.startsWith('high-4:2:2') && !x.startsWith('high-10'));
  return [...(has444 ? ['Y444'] : []), ...(has422 ? ['Y42B'] : []), ...(has8 ? ['I420', 'YV12', 'NV12'] : []), ...(has444 ? ['Y444_10LE'] : []), ...(has422 ? ['I422_10LE'] : []), ...(has10 ? ['I420_10LE'] : [])];
}

const SINK_COPIED = ['width', 'height', 'framerate', 'pixel-aspect-ratio', 'colorimetry', 'chroma-site'] as const;

/** GstX264Enc: GstVideoEncoder with its own sink getcaps (the formats the profiles downstream allows take) */
class X264Enc extends VideoEncoder {
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (pad.direction === 'src') return yield* super.queryCaps(host, pad, filter);
    const src = pad.element.srcPads()[0];
    const templ = pad.template;
    // gst_pad_get_allowed_caps on the src pad
    const allowed = src === undefined || src.peer === null ? null : intersectFirst(yield* peerQueryCaps(src, src.template), src.template);
    let fcaps: Caps;
    if (allowed === null || allowed.isEmpty() || allowed.isAny()) fcaps = templ;
    else {
      let filterCaps = Caps.EMPTY;
      for (const t of templ.entries) {
        for (const a of allowed.entries) {
          const fields: { name: string; value: Value }[] = [];
          for (const n of SINK_COPIED) {
            const v = getField(a.structure, n);
            if (v !== undefined) fields.push({ name: n, value: v });
          }
          const profile = getField(a.structure, 'profile');
          if (profile !== undefined) {
            const names = profile.kind === 'string' ? [profile.value] : profile.kind === 'list' ? profile.items.flatMap((x) => (x.kind === 'string' ? [x.value] : [])) : [];
            const formats = formatsFor(names.filter((x): x is string => x !== null));
            if (formats.length > 0) fields.push({ name: 'format', value: formats.length === 1 ? str(formats[0]!) : { kind: 'list', items: formats.map(str) } });
          }
          filterCaps = filterCaps.merge(Caps.fromEntries([{ structure: { name: t.structure.name, fields }, features: null }]));
        }
      }
      fcaps = intersectZigzag(filterCaps, templ);
    }
    if (filter !== null) fcaps = host.inter.zigzag(pad, fcaps, `${pad.id} (what the profiles downstream of ${pad.element.name} take)`, filter, 'filter');
    return fcaps;
  }
}

export const x264enc = new X264Enc({ encode: x264Caps });
