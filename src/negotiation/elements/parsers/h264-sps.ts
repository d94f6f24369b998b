/**
 * H.264 parameter sets as GStreamer's codec parser reads them (gsth264parser.c gst_h264_parse_sps_data and
 * its VUI): the NAL units of a byte-stream or an avcC record, the SPS fields h264parse and the decoders put
 * in caps, and the avcC record h264parse builds (gst_h264_parse_make_codec_data). Hand-written: a bit
 * reader with Exp-Golomb codes over the NAL payload without its emulation-prevention bytes; no npm package
 * reads the VUI as the codec parser does.
 */

export interface H264Sps {
  readonly id: number;
  readonly profileIdc: number;
  /** constraint_set0..5 flags */
  readonly constraints: readonly boolean[];
  readonly levelIdc: number;
  readonly chromaFormatIdc: number;
  readonly separateColourPlane: boolean;
  readonly bitDepthLuma: number;
  readonly bitDepthChroma: number;
  readonly frameMbsOnly: boolean;
  /** the frame size before and after the cropping window */
  readonly width: number;
  readonly height: number;
  readonly cropWidth: number;
  readonly cropHeight: number;
  readonly vui: H264Vui | null;
}

export interface H264Vui {
  /** the pixel aspect ratio of aspect_ratio_idc (0/0 for a reserved index) */
  readonly par: { readonly n: number; readonly d: number } | null;
  readonly fullRange: boolean;
  /** colour_primaries, transfer_characteristics, matrix_coefficients when colour_description is present */
  readonly colour: { readonly primaries: number; readonly transfer: number; readonly matrix: number } | null;
  readonly chromaLocTop: number | null;
  readonly timing: { readonly numUnitsInTick: number; readonly timeScale: number } | null;
  readonly picStructPresent: boolean;
}

/** A NAL unit: its header type and bytes (header included, emulation prevention kept). */
export interface Nal {
  readonly type: number;
  readonly bytes: Uint8Array;
}

/** The NAL units of an Annex B byte-stream, in order (the last one may be cut by the end of `b`). */
export function byteStreamNals(b: Uint8Array): Nal[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < b.length; i++) {
    if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 1) {
      starts.push(i + 3);
      i += 2;
    }
  }
  const out: Nal[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    let e = k + 1 < starts.length ? starts[k + 1]! - 3 : b.length;
    // a 4-byte start code (and trailing zero bytes) belong to neither NAL
    while (e > s && b[e - 1] === 0) e--;
    if (e > s) out.push({ type: b[s]! & 0x1f, bytes: b.subarray(s, e) });
  }
  return out;
}

/** An avcC record's SPS and PPS NAL units and its NAL length size; null when it is not one. */
export function avcCNals(cd: Uint8Array): { sps: Nal[]; pps: Nal[]; nalLengthSize: number } | null {
  if (cd.length < 7 || cd[0] !== 1) return null;
  const nalLengthSize = (cd[4]! & 3) + 1;
  let o = 5;
  const read = (count: number): Nal[] | null => {
    const out: Nal[] = [];
    for (let i = 0; i < count; i++) {
      if (o + 2 > cd.length) return null;
      const len = (cd[o]! << 8) | cd[o + 1]!;
      o += 2;
      if (len === 0 || o + len > cd.length) return null;
      out.push({ type: cd[o]! & 0x1f, bytes: cd.subarray(o, o + len) });
      o += len;
    }
    return out;
  };
  const sps = read(cd[o++]! & 0x1f);
  if (sps === null || o >= cd.length) return null;
  const pps = read(cd[o++]!);
  if (pps === null) return null;
  return { sps, pps, nalLengthSize };
}

class Malformed extends Error {}

/** MSB-first bits of a NAL payload with its emulation-prevention bytes removed. */
class Bits {
  private readonly b: Uint8Array;
  private pos = 0;
  constructor(nal: Uint8Array) {
    const out: number[] = [];
    let zeros = 0;
    for (const x of nal) {
      if (zeros >= 2 && x === 3) {
        zeros = 0;
        continue;
      }
      zeros = x === 0 ? zeros + 1 : 0;
      out.push(x);
    }
    this.b = Uint8Array.from(out);
  }
  u(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.pos >> 3;
      if (byte >= this.b.length) throw new Malformed('past the end of the NAL');
      v = v * 2 + ((this.b[byte]! >> (7 - (this.pos & 7))) & 1);
      this.pos++;
    }
    return v;
  }
  flag(): boolean {
    return this.u(1) === 1;
  }
  ue(max = 0xfffffffe): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros > 31) throw new Malformed('Exp-Golomb code too long');
    const v = 2 ** zeros - 1 + this.u(zeros);
    if (v > max) throw new Malformed(`value ${String(v)} above ${String(max)}`);
    return v;
  }
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}

/** Table E-1: sample aspect ratios for aspect_ratio_idc 0..16 */
const ASPECT: readonly (readonly [number, number])[] = [
  [0, 0], [1, 1], [12, 11], [10, 11], [16, 11], [40, 33], [24, 11], [20, 11], [32, 11], [80, 33], [18, 11], [15, 11], [64, 33], [160, 99], [4, 3], [3, 2], [2, 1],
];

/** the profiles whose SPS carries chroma format, bit depths and scaling matrices */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** The SPS in a NAL unit (header byte first); null when the codec parser would refuse it. */
export function parseSps(nal: Uint8Array): H264Sps | null {
  try {
    const r = new Bits(nal);
    if ((r.u(8) & 0x1f) !== 7) return null;
    const profileIdc = r.u(8);
    const constraints = [r.flag(), r.flag(), r.flag(), r.flag(), r.flag(), r.flag()];
    r.u(2);
    const levelIdc = r.u(8);
    const id = r.ue(31);
    let chromaFormatIdc = 1;
    let separateColourPlane = false;
    let bitDepthLuma = 8;
    let bitDepthChroma = 8;
    if (HIGH_PROFILES.has(profileIdc)) {
      chromaFormatIdc = r.ue(3);
      if (chromaFormatIdc === 3) separateColourPlane = r.flag();
      bitDepthLuma = r.ue(6) + 8;
      bitDepthChroma = r.ue(6) + 8;
      r.flag(); // qpprime_y_zero_transform_bypass
      if (r.flag()) {
        // scaling matrices: only skipped (their values do not reach caps)
        const lists = chromaFormatIdc !== 3 ? 8 : 12;
        for (let i = 0; i < lists; i++) {
          if (!r.flag()) continue;
          const size = i < 6 ? 16 : 64;
          let last = 8;
          let next = 8;
          for (let j = 0; j < size; j++) {
            if (next !== 0) next = (last + r.se() + 256) % 256;
            if (next !== 0) last = next;
          }
        }
      }
    }
    r.ue(12); // log2_max_frame_num_minus4
    const pocType = r.ue(2);
    if (pocType === 0) r.ue(12);
    else if (pocType === 1) {
      r.flag();
      r.se();
      r.se();
      const n = r.ue(255);
      for (let i = 0; i < n; i++) r.se();
    }
    r.ue(); // num_ref_frames
    r.flag(); // gaps_in_frame_num_value_allowed
    const widthMbs = r.ue() + 1;
    const heightMapUnits = r.ue() + 1;
    const frameMbsOnly = r.flag();
    if (!frameMbsOnly) r.flag();
    r.flag(); // direct_8x8_inference
    const width = widthMbs * 16;
    const height = heightMapUnits * 16 * (frameMbsOnly ? 1 : 2);
    let cropWidth = width;
    let cropHeight = height;
    if (r.flag()) {
      const [left, right, top, bottom] = [r.ue(), r.ue(), r.ue(), r.ue()];
      // the codec parser indexes its SubWidthC/SubHeightC tables by chroma_format_idc
      const unitX = [1, 2, 2, 1][chromaFormatIdc]!;
      const unitY = [1, 2, 1, 1][chromaFormatIdc]! * (frameMbsOnly ? 1 : 2);
      cropWidth = width - (left + right) * unitX;
      cropHeight = height - (top + bottom) * unitY;
    }
    const vui = r.flag() ? parseVui(r) : null;
    return { id, profileIdc, constraints, levelIdc, chromaFormatIdc, separateColourPlane, bitDepthLuma, bitDepthChroma, frameMbsOnly, width, height, cropWidth, cropHeight, vui };
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
}

function parseVui(r: Bits): H264Vui {
  let par: { n: number; d: number } | null = null;
  if (r.flag()) {
    const idc = r.u(8);
    if (idc === 255) par = { n: r.u(16), d: r.u(16) };
    else if (idc <= 16) par = { n: ASPECT[idc]![0], d: ASPECT[idc]![1] };
    else par = { n: 0, d: 0 };
  }
  if (r.flag()) r.flag(); // overscan
  let fullRange = false;
  let colour: H264Vui['colour'] = null;
  if (r.flag()) {
    r.u(3);
    fullRange = r.flag();
    if (r.flag()) colour = { primaries: r.u(8), transfer: r.u(8), matrix: r.u(8) };
  }
  let chromaLocTop: number | null = null;
  if (r.flag()) {
    chromaLocTop = r.ue(5);
    r.ue(5);
  }
  let timing: H264Vui['timing'] = null;
  if (r.flag()) {
    const numUnitsInTick = r.u(32);
    const timeScale = r.u(32);
    r.flag();
    timing = { numUnitsInTick, timeScale };
  }
  const hrd = (): void => {
    const cpbCnt = r.ue(31) + 1;
    r.u(4);
    r.u(4);
    for (let i = 0; i < cpbCnt; i++) {
      r.ue();
      r.ue();
      r.flag();
    }
    r.u(20);
  };
  const nalHrd = r.flag();
  if (nalHrd) hrd();
  const vclHrd = r.flag();
  if (vclHrd) hrd();
  if (nalHrd || vclHrd) r.flag();
  const picStructPresent = r.flag();
  return { par, fullRange, colour, chromaLocTop, timing, picStructPresent };
}

/** h264parse's profile name (gsth264parse.c get_profile_string); null for an unknown profile_idc */
export function h264ProfileName(sps: H264Sps): string | null {
  return h264ProfileOf(sps.profileIdc, sps.constraints);
}

/**
 * The profile name of profile_idc and constraint_set0..5_flag: h264parse's get_profile_string and
 * codec-utils' gst_codec_utils_h264_get_profile (qtdemux, matroskademux) name the same profiles (1.22)
 */
export function h264ProfileOf(profileIdc: number, constraints: readonly boolean[]): string | null {
  const [, c1, , c3, c4, c5] = constraints;
  switch (profileIdc) {
    case 66:
      return c1 ? 'constrained-baseline' : 'baseline';
    case 77:
      return 'main';
    case 88:
      return 'extended';
    case 100:
      return c4 ? (c5 ? 'constrained-high' : 'progressive-high') : 'high';
    case 110:
      return c3 ? 'high-10-intra' : c4 ? 'progressive-high-10' : 'high-10';
    case 122:
      return c3 ? 'high-4:2:2-intra' : 'high-4:2:2';
    case 244:
      return c3 ? 'high-4:4:4-intra' : 'high-4:4:4';
    case 44:
      return 'cavlc-4:4:4-intra';
    case 118:
      return 'multiview-high';
    case 128:
      return 'stereo-high';
    case 83:
      return c5 ? 'scalable-constrained-baseline' : 'scalable-baseline';
    case 86:
      return c3 ? 'scalable-high-intra' : c5 ? 'scalable-constrained-high' : 'scalable-high';
    default:
      return null;
  }
}

/** h264parse's level name (get_level_string) */
export function h264LevelName(sps: H264Sps): string | null {
  const idc = sps.levelIdc;
  if (idc === 0) return null;
  if ((idc === 11 && sps.constraints[3] === true) || idc === 9) return '1b';
  if (idc % 10 === 0) return String(idc / 10);
  return `${String(Math.floor(idc / 10))}.${String(idc % 10)}`;
}

/**
 * gst_h264_parse_make_codec_data: an avcC record of the stored SPS and PPS (by id); avc3 keeps the
 * parameter sets in the stream and lists none. null without an SPS, or without a PPS for avc.
 */
export function makeAvcC(sps: readonly Uint8Array[], pps: readonly Uint8Array[], nalLengthSize: number, avc3 = false): Uint8Array | null {
  const first = [...sps].reverse().find((s) => s.length >= 4);
  if (first === undefined || (pps.length === 0 && !avc3)) return null;
  const listed = avc3 ? [] : sps;
  const listedPps = avc3 ? [] : pps;
  const out: number[] = [1, first[1]!, first[2]!, first[3]!, 0xfc | (nalLengthSize - 1), 0xe0 | listed.length];
  for (const s of listed) out.push(s.length >> 8, s.length & 0xff, ...s);
  out.push(listedPps.length);
  for (const p of listedPps) out.push(p.length >> 8, p.length & 0xff, ...p);
  return Uint8Array.from(out);
}

/** the parameter sets by id, the last of each id winning, as h264parse stores them */
export function lastById(nals: readonly Nal[], type: 7 | 8): Uint8Array[] {
  const byId = new Map<number, Uint8Array>();
  for (const n of nals) {
    if (n.type !== type || n.bytes.length < 2) continue;
    let id: number;
    try {
      const r = new Bits(n.bytes);
      r.u(8);
      if (type === 7) r.u(24);
      id = r.ue(type === 7 ? 31 : 255);
    } catch (e) {
      if (e instanceof Malformed) continue;
      throw e;
    }
    byId.set(id, n.bytes);
  }
  return [...byId.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** gst_video_color_matrix_from_iso (GstVideoColorMatrix values) */
export function matrixFromIso(v: number): number {
  return ({ 0: 1, 1: 3, 4: 2, 5: 4, 6: 4, 7: 5, 9: 6 } as Record<number, number>)[v] ?? 0;
}
/** gst_video_transfer_function_from_iso (GstVideoTransferFunction values) */
export function transferFromIso(v: number): number {
  return ({ 1: 5, 4: 4, 5: 8, 6: 16, 7: 6, 8: 1, 9: 9, 10: 10, 13: 7, 14: 13, 15: 11, 16: 14, 18: 15 } as Record<number, number>)[v] ?? 0;
}
/** gst_video_color_primaries_from_iso (GstVideoColorPrimaries values) */
export function primariesFromIso(v: number): number {
  return ({ 1: 1, 4: 2, 5: 3, 6: 4, 7: 5, 8: 6, 9: 7, 10: 9, 11: 10, 12: 11, 22: 12 } as Record<number, number>)[v] ?? 0;
}
