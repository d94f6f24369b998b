/**
 * matroskademux's pads from the Tracks of a Matroska/WebM file (hand-written EBML reader: variable-length
 * IDs and sizes, the few elements the demuxer reads for caps; it stops at the first Cluster). Tracks in
 * order → `video_%u` / `audio_%u` / `subtitle_%u` counted per kind. Video caps as matroska-demux.c builds
 * them for V_VP8, V_VP9 and V_MPEG4/ISO/AVC (level and profile as codec-utils names them, codec_data, then
 * width, height, the framerate gst_video_guess_framerate makes of DefaultDuration, interlace-mode from
 * FlagInterlaced, colorimetry from Colour). Other codecs, audio tracks and display sizes other than the
 * pixel size stay unknown. matroskademux sets caps before adding a pad: gst-launch -v prints none.
 */
import type { InputBytes } from '../../engine/model.js';
import { matrixFromIso, primariesFromIso, transferFromIso } from '../parsers/h264-sps.js';
import { colorimetryToString } from '../../media/colour.js';
import { guessFramerate, h264Level, h264Profile } from './isobmff.js';

export interface MatroskaPad {
  readonly pad: string;
  readonly caps: string | null;
  readonly why?: string;
}

interface El {
  readonly id: number;
  readonly start: number;
  /** -1: unknown size (runs to the end of its parent) */
  readonly end: number;
}

class Malformed extends Error {}

/** an EBML variable-length integer at o: its value (marker bit removed unless `keepMarker`) and length */
function vint(b: Uint8Array, o: number, keepMarker: boolean): { value: number; len: number; unknown: boolean } {
  const first = b[o];
  if (first === undefined || first === 0) throw new Malformed('bad EBML length');
  let len = 1;
  while ((first & (0x80 >> (len - 1))) === 0) len++;
  if (len > 8 || o + len > b.length) throw new Malformed('EBML integer past the end');
  let value = keepMarker ? first : first & (0xff >> len);
  let allOnes = value === 0xff >> len;
  for (let k = 1; k < len; k++) {
    value = value * 256 + b[o + k]!;
    if (b[o + k] !== 0xff) allOnes = false;
  }
  return { value, len, unknown: !keepMarker && allOnes };
}

function children(b: Uint8Array, start: number, end: number): El[] {
  const out: El[] = [];
  let o = start;
  while (o < end) {
    const id = vint(b, o, true);
    const size = vint(b, o + id.len, false);
    const s = o + id.len + size.len;
    const e = size.unknown ? end : s + size.value;
    if (e > end && !size.unknown) throw new Malformed('element past its parent');
    out.push({ id: id.value, start: s, end: e });
    o = e;
  }
  return out;
}

const uint = (b: Uint8Array, e: El): number => {
  let v = 0;
  for (let k = e.start; k < e.end; k++) v = v * 256 + b[k]!;
  return v;
};
const text = (b: Uint8Array, e: El): string => String.fromCharCode(...b.subarray(e.start, e.end)).replace(/\0+$/, '');
const find = (list: readonly El[], id: number): El | undefined => list.find((x) => x.id === id);

const HEAD_BYTES = 1024 * 1024;

/** matroskademux's pads from the Tracks; null: not a Matroska file capsflow can read. */
export function matroskademuxPads(f: InputBytes): MatroskaPad[] | null {
  const b = f.read(0, Math.min(f.size, HEAD_BYTES));
  try {
    const top = children(b, 0, b.length);
    if (top[0]?.id !== 0x1a45dfa3) return null;
    const segment = find(top, 0x18538067);
    if (segment === undefined) return null;
    // the Segment's children up to the first Cluster (the Tracks come before it in what muxers write)
    const seg: El[] = [];
    let o = segment.start;
    while (o < Math.min(segment.end, b.length)) {
      const id = vint(b, o, true);
      const size = vint(b, o + id.len, false);
      const s = o + id.len + size.len;
      if (id.value === 0x1f43b675 || size.unknown) break;
      seg.push({ id: id.value, start: s, end: s + size.value });
      o = s + size.value;
    }
    const tracks = find(seg, 0x1654ae6b);
    if (tracks === undefined || tracks.end > b.length) return null;
    const counters: Record<string, number> = { video: 0, audio: 0, subtitle: 0 };
    const out: MatroskaPad[] = [];
    for (const entry of children(b, tracks.start, tracks.end).filter((x) => x.id === 0xae)) {
      const kids = children(b, entry.start, entry.end);
      const type = find(kids, 0x83);
      const kind = type === undefined ? null : ({ 1: 'video', 2: 'audio', 17: 'subtitle' } as Record<number, string>)[uint(b, type)];
      if (kind === undefined || kind === null) return null;
      const pad = `${kind}_${String(counters[kind]!++)}`;
      out.push({ pad, ...(kind === 'video' ? videoCaps(b, kids) : { caps: null, why: `a Matroska ${kind} track is not modelled` }) });
    }
    return out;
  } catch (e) {
    if (e instanceof Malformed || e instanceof RangeError) return null;
    throw e;
  }
}

function videoCaps(b: Uint8Array, kids: readonly El[]): { caps: string | null; why?: string } {
  const codecEl = find(kids, 0x86);
  const codec = codecEl === undefined ? '' : text(b, codecEl);
  const video = find(kids, 0xe0);
  if (video === undefined) return { caps: null, why: 'a video track without Video settings' };
  const v = children(b, video.start, video.end);
  const w = find(v, 0xb0);
  const h = find(v, 0xba);
  if (w === undefined || h === undefined) return { caps: null, why: 'a video track without a pixel size' };
  const width = uint(b, w);
  const height = uint(b, h);
  const dw = find(v, 0x54b0);
  const dh = find(v, 0x54ba);
  if ((dw !== undefined && uint(b, dw) !== width) || (dh !== undefined && uint(b, dh) !== height)) return { caps: null, why: 'a display size capsflow has not verified' };
  if (find(v, 0x53b8) !== undefined) return { caps: null, why: 'a stereo mode capsflow has not verified' };
  let head: string;
  if (codec === 'V_VP8') head = 'video/x-vp8';
  else if (codec === 'V_VP9') head = 'video/x-vp9';
  else if (codec === 'V_MPEG4/ISO/AVC') {
    const cp = find(kids, 0x63a2);
    if (cp === undefined || cp.end - cp.start < 7) return { caps: null, why: 'an AVC track without codec private data' };
    const cd = b.subarray(cp.start, cp.end);
    const level = h264Level(cd[1]!, cd[2]!, cd[3]!);
    const profile = h264Profile(cd[1]!, cd[2]!);
    const hex = Array.from(cd, (x) => x.toString(16).padStart(2, '0')).join('');
    head = `video/x-h264${level === null ? '' : `, level=(string)${level}`}${profile === null ? '' : `, profile=(string)${profile}`}, codec_data=(buffer)${hex}, stream-format=(string)avc, alignment=(string)au`;
  } else return { caps: null, why: `codec ${codec} is not modelled` };
  let caps = `${head}, width=(int)${String(width)}, height=(int)${String(height)}`;
  const dd = find(kids, 0x23e383);
  if (dd !== undefined) {
    const fps = guessFramerate(BigInt(uint(b, dd)));
    if (fps === null) return { caps: null, why: 'a frame duration capsflow does not model' };
    caps += `, framerate=(fraction)${fps}`;
  }
  const il = find(v, 0x9a);
  const interlaced = il === undefined ? 0 : uint(b, il);
  if (interlaced === 2) caps += ', interlace-mode=(string)progressive';
  else if (interlaced !== 0) return { caps: null, why: 'an interlaced track capsflow has not verified' };
  const colour = find(v, 0x55b0);
  if (colour !== undefined) {
    const c = children(b, colour.start, colour.end);
    const get = (id: number): number | null => {
      const e = find(c, id);
      return e === undefined ? null : uint(b, e);
    };
    const range = get(0x55b9);
    const parts = [range === 1 ? 2 : range === 2 ? 1 : 0, matrixFromIso(get(0x55b1) ?? 2), transferFromIso(get(0x55ba) ?? 2), primariesFromIso(get(0x55bb) ?? 2)];
    if (parts.some((x) => x !== 0)) caps += `, colorimetry=(string)${colorimetryToString(parts)}`;
  }
  return { caps };
}
