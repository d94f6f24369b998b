/**
 * qtdemux's sometimes pads from the moov box (hand-written box reader: the few boxes qtdemux reads for
 * caps; no npm ISO-BMFF parser gives the sample entry bytes and stts/mdhd figures more simply).
 * Tracks in file order: video_%u / audio_%u counted per kind, as qtdemux names them. Covered sample
 * entries: avc1/avc3 (avcC → codec_data, profile, level; pasp; colr nclx/nclc; framerate as
 * qtdemux computes it) and mp4a with an AAC esds. Anything else: that pad stays unknown.
 */
import type { InputBytes } from '../../engine/model.js';
import { h264ProfileOf } from '../parsers/h264-sps.js';

export interface DemuxedPad {
  readonly pad: string;
  /** GStreamer's caps text, or null: capsflow does not know this stream's caps */
  readonly caps: string | null;
  readonly why?: string;
}

const u32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
const u16 = (b: Uint8Array, o: number): number => (b[o]! << 8) + b[o + 1]!;
const fourcc = (b: Uint8Array, o: number): string => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

interface Box {
  readonly type: string;
  /** payload start and end, in the buffer the box was read from */
  readonly start: number;
  readonly end: number;
}

class Malformed extends Error {}

/** the boxes in b[start, end) */
function boxes(b: Uint8Array, start: number, end: number): Box[] {
  const out: Box[] = [];
  let o = start;
  while (o + 8 <= end) {
    let size = u32(b, o);
    const type = fourcc(b, o + 4);
    let header = 8;
    if (size === 1) {
      if (o + 16 > end || u32(b, o + 8) !== 0) throw new Malformed('box too large');
      size = u32(b, o + 12);
      header = 16;
    } else if (size === 0) size = end - o;
    if (size < header || o + size > end) throw new Malformed(`box ${type} runs past its parent`);
    out.push({ type, start: o + header, end: o + size });
    o += size;
  }
  return out;
}

const child = (b: Uint8Array, parent: Box, type: string): Box | undefined => boxes(b, parent.start, parent.end).find((x) => x.type === type);

/** The top-level boxes, seeking over mdat; the moov's bytes (within the budget), or null without one. */
export function readMoov(f: InputBytes): Uint8Array | null {
  let o = 0;
  for (let n = 0; n < 1000 && o + 8 <= f.size; n++) {
    const h = f.read(o, 16);
    if (h.length < 8) return null;
    let size = u32(h, 0);
    const type = fourcc(h, 4);
    if (size === 1) {
      if (h.length < 16) return null;
      size = u32(h, 8) * 2 ** 32 + u32(h, 12);
    } else if (size === 0) size = f.size - o;
    if (size < 8) return null;
    if (type === 'moov') return f.read(o, Math.min(size, f.size - o));
    o += size;
  }
  return null;
}

/** qtdemux's pads and their caps from an ISO-BMFF / QuickTime file; null: no moov capsflow can read. */
export function qtdemuxPads(f: InputBytes): DemuxedPad[] | null {
  const moov = readMoov(f);
  if (moov === null || moov.length < 8) return null;
  try {
    const top = boxes(moov, 0, moov.length)[0];
    if (top === undefined) return null;
    const out: DemuxedPad[] = [];
    let video = 0;
    let audio = 0;
    for (const trak of boxes(moov, top.start, top.end).filter((x) => x.type === 'trak')) {
      const mdia = child(moov, trak, 'mdia');
      const hdlr = mdia && child(moov, mdia, 'hdlr');
      const mdhd = mdia && child(moov, mdia, 'mdhd');
      const minf = mdia && child(moov, mdia, 'minf');
      const stbl = minf && child(moov, minf, 'stbl');
      const stsd = stbl && child(moov, stbl, 'stsd');
      if (hdlr === undefined || mdhd === undefined || stbl === undefined || stsd === undefined || hdlr.end - hdlr.start < 12) return null;
      const handler = fourcc(moov, hdlr.start + 8);
      if (handler !== 'vide' && handler !== 'soun') return null; // text, hint, metadata tracks: not covered
      const entry = boxes(moov, stsd.start + 8, stsd.end)[0];
      if (entry === undefined) return null;
      if (handler === 'vide') {
        const pad = `video_${String(video++)}`;
        out.push({ pad, ...videoCaps(moov, entry, mdhd, stbl) });
      } else {
        const pad = `audio_${String(audio++)}`;
        out.push({ pad, ...audioCaps(moov, entry) });
      }
    }
    return out;
  } catch (e) {
    if (e instanceof Malformed || e instanceof RangeError) return null;
    throw e;
  }
}

type Caps = { caps: string | null; why?: string };
const unknown = (why: string): Caps => ({ caps: null, why });

function videoCaps(b: Uint8Array, entry: Box, mdhd: Box, stbl: Box): Caps {
  if (entry.type !== 'avc1' && entry.type !== 'avc3') return unknown(`sample entry ${entry.type} is not modelled`);
  if (entry.end - entry.start < 78) return unknown('short visual sample entry');
  const width = u16(b, entry.start + 24);
  const height = u16(b, entry.start + 26);
  const kids = boxes(b, entry.start + 78, entry.end);
  const avcC = kids.find((k) => k.type === 'avcC');
  if (avcC === undefined || avcC.end - avcC.start < 7) return unknown('no avcC');
  const cd = b.subarray(avcC.start, avcC.end);
  const profile = h264Profile(cd[1]!, cd[2]!);
  const level = h264Level(cd[1]!, cd[2]!, cd[3]!);
  const fps = framerate(b, mdhd, stbl);
  if (fps === null) return unknown('sample durations capsflow does not model');
  const par = '1/1';
  const pasp = kids.find((k) => k.type === 'pasp');
  if (pasp !== undefined && pasp.end - pasp.start >= 8) {
    const n = u32(b, pasp.start);
    const d = u32(b, pasp.start + 4);
    if (n !== d) return unknown('a pixel-aspect-ratio capsflow has not verified');
  }
  let colorimetry = '';
  const colr = kids.find((k) => k.type === 'colr');
  if (colr !== undefined && colr.end - colr.start >= 10) {
    const kind = fourcc(b, colr.start);
    if (kind === 'nclx' || kind === 'nclc') {
      const c = [u16(b, colr.start + 4), u16(b, colr.start + 6), u16(b, colr.start + 8)].join('/');
      const full = kind === 'nclx' && colr.end - colr.start >= 11 ? (b[colr.start + 10]! & 0x80) !== 0 : false;
      // the ISO/IEC 23001-8 triples of the fixtures, as gst_video_colorimetry_to_string names them
      const named = full ? undefined : ({ '6/6/6': 'bt601', '1/1/1': 'bt709' } as Record<string, string>)[c];
      if (named === undefined) return unknown(`colr ${c}${full ? ' full range' : ''} is not modelled`);
      colorimetry = `, colorimetry=(string)${named}`;
    }
  }
  if (profile === null || level === null) return unknown('an H.264 profile or level capsflow does not name');
  return {
    caps:
      `video/x-h264, stream-format=(string)${entry.type === 'avc1' ? 'avc' : 'avc3'}, alignment=(string)au, level=(string)${level}, profile=(string)${profile}, ` +
      `codec_data=(buffer)${hex(cd)}, width=(int)${String(width)}, height=(int)${String(height)}, framerate=(fraction)${fps}, pixel-aspect-ratio=(fraction)${par}${colorimetry}`,
  };
}

/** qtdemux: the mean sample duration without the first sample, through gst_video_guess_framerate */
function framerate(b: Uint8Array, mdhd: Box, stbl: Box): string | null {
  const v = b[mdhd.start]!;
  const timescale = v === 1 ? u32(b, mdhd.start + 20) : u32(b, mdhd.start + 12);
  const duration = v === 1 ? u32(b, mdhd.start + 24) * 2 ** 32 + u32(b, mdhd.start + 28) : u32(b, mdhd.start + 16);
  const stts = child(b, stbl, 'stts');
  if (stts === undefined || timescale === 0) return null;
  const count = u32(b, stts.start + 4);
  let n = 0;
  let first = -1;
  for (let i = 0; i < count; i++) {
    const o = stts.start + 8 + i * 8;
    if (o + 8 > stts.end) throw new Malformed('stts');
    n += u32(b, o);
    if (first < 0 && u32(b, o) > 0) first = u32(b, o + 4);
  }
  if (n < 2 || duration === 0) return null; // qtdemux then says timescale/1 and no framerate: not modelled
  const SECOND = 1_000_000_000n;
  const num = (BigInt(duration) - BigInt(first)) * SECOND;
  const den = BigInt(timescale) * BigInt(n - 1);
  if (num <= 0n) return null;
  const avg = (num + den / 2n) / den;
  return guessFramerate(avg);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** gst_video_guess_framerate */
export function guessFramerate(duration: bigint): string | null {
  const SECOND = 1_000_000_000n;
  if (duration === 0n) return null;
  let bestN = duration > 100000n ? SECOND / 10000n : SECOND;
  let bestD = duration > 100000n ? duration / 10000n : duration;
  let bestError = -1n;
  for (const d of [1n, 2n, 3n, 4n, 1001n]) {
    let n = (d * SECOND + duration / 2n) / duration;
    if (d === 1001n) {
      n += 500n;
      n -= n % 1000n;
    }
    if (n > 0n) {
      let a = (SECOND * d) / n;
      a = a < duration ? duration - a : a - duration;
      if (a < 2n) return `${String(n)}/${String(d)}`;
      if (a * 1000n < duration && (bestError < 0n || a < bestError)) {
        bestError = a;
        bestN = n;
        bestD = d;
      }
    }
  }
  const g = gcd(bestN, bestD);
  return g === 0n ? `${String(bestN)}/${String(bestD)}` : `${String(bestN / g)}/${String(bestD / g)}`;
}

/** gst_codec_utils_h264_get_profile */
export function h264Profile(idc: number, flags: number): string | null {
  // the avcC's profile_compatibility byte: constraint_set0_flag is its top bit
  return h264ProfileOf(idc, [0x80, 0x40, 0x20, 0x10, 0x08, 0x04].map((bit) => (flags & bit) !== 0));
}

/** gst_codec_utils_h264_get_level */
export function h264Level(profile: number, flags: number, idc: number): string | null {
  if (idc === 0) return null;
  if (idc === 11 && (profile === 66 || profile === 77 || profile === 88) && (flags & 0x10) !== 0) return '1b';
  if (idc === 9) return '1b';
  if (idc % 10 === 0) return String(idc / 10);
  return `${String(Math.floor(idc / 10))}.${String(idc % 10)}`;
}

function audioCaps(b: Uint8Array, entry: Box): Caps {
  if (entry.type !== 'mp4a') return unknown(`sample entry ${entry.type} is not modelled`);
  if (entry.end - entry.start < 28) return unknown('short sound sample entry');
  const version = u16(b, entry.start + 8);
  if (version !== 0) return unknown(`QuickTime sound sample entry version ${String(version)} is not modelled`);
  const esds = boxes(b, entry.start + 28, entry.end).find((k) => k.type === 'esds');
  if (esds === undefined) return unknown('no esds');
  const asc = decoderSpecificInfo(b.subarray(esds.start + 4, esds.end));
  if (asc === null || asc.length < 2) return unknown('no AAC AudioSpecificConfig');
  const aot = asc[0]! >> 3;
  const rateIndex = ((asc[0]! & 7) << 1) | (asc[1]! >> 7);
  const channels = (asc[1]! >> 3) & 0xf;
  const rate = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350][rateIndex];
  if (aot !== 2 || rate === undefined || channels < 1 || channels > 6) return unknown('an AAC configuration capsflow has not verified (LC, 1–6 channels only)');
  const level = aacLcLevel(rate, channels);
  if (level === null) return unknown('an AAC level capsflow cannot name');
  // qtdemux gives more than two channels an unpositioned layout
  const mask = channels > 2 ? ', channel-mask=(bitmask)0x0000000000000000' : '';
  return {
    caps: `audio/mpeg, mpegversion=(int)4, framed=(boolean)true, stream-format=(string)raw, level=(string)${level}, base-profile=(string)lc, profile=(string)lc, codec_data=(buffer)${hex(asc)}, rate=(int)${String(rate)}, channels=(int)${String(channels)}${mask}`,
  };
}

/** the ES_Descriptor → DecoderConfigDescriptor → DecoderSpecificInfo bytes of an esds */
function decoderSpecificInfo(d: Uint8Array): Uint8Array | null {
  let o = 0;
  const descriptor = (): { tag: number; start: number; end: number } | null => {
    if (o >= d.length) return null;
    const tag = d[o++]!;
    let len = 0;
    for (let i = 0; i < 4; i++) {
      if (o >= d.length) return null;
      const x = d[o++]!;
      len = (len << 7) | (x & 0x7f);
      if ((x & 0x80) === 0) break;
    }
    return o + len > d.length ? null : { tag, start: o, end: o + len };
  };
  const es = descriptor();
  if (es === null || es.tag !== 3) return null;
  const flags = d[es.start + 2]!;
  o = es.start + 3 + ((flags & 0x80) !== 0 ? 2 : 0);
  if ((flags & 0x40) !== 0) o += 1 + (d[o] ?? 0);
  if ((flags & 0x20) !== 0) o += 2;
  const dc = descriptor();
  if (dc === null || dc.tag !== 4 || d[dc.start] !== 0x40) return null;
  o = dc.start + 13;
  const dsi = descriptor();
  return dsi === null || dsi.tag !== 5 ? null : d.slice(dsi.start, dsi.end);
}

/** gst_codec_utils_aac_get_level for LC, channel configurations 1–6 */
function aacLcLevel(rate: number, config: number): string | null {
  const [sce, cpe, lfe] = ([[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0], [2, 1, 0], [1, 2, 0], [1, 2, 0]] as const)[config]!;
  const pcu = Math.trunc((rate / 48000) * 3 * (2 * cpe + sce + lfe));
  let rcu = 3 * (sce + 0.5 * lfe);
  rcu += cpe < 2 ? (3 + 2) * cpe : 3 + 2 * (2 * cpe - 1);
  rcu = Math.trunc(rcu);
  const ch = sce + 2 * cpe;
  if (ch <= 2 && rate <= 24000 && pcu <= 3 && rcu <= 5) return '1';
  if (ch <= 2 && rate <= 48000 && pcu <= 6 && rcu <= 5) return '2';
  if (ch <= 5 && rate <= 48000 && pcu <= 19 && rcu <= 15) return '4';
  if (ch <= 5 && rate <= 96000 && pcu <= 38 && rcu <= 15) return '5';
  if (ch <= 7 && rate <= 48000 && pcu <= 25 && rcu <= 19) return '6';
  if (ch <= 7 && rate <= 96000 && pcu <= 50 && rcu <= 19) return '7';
  return null;
}
