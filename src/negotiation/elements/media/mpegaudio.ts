/**
 * The first MPEG audio frame of a file as mpegaudioparse locks onto it (hand-written: a 4-byte header):
 * an ID3v2 tag skipped, then a frame header whose next frame also starts with a valid header (the parser
 * needs a following frame to trust a sync). Gives the caps mpegaudioparse sets: MPEG version, layer, rate,
 * channels. Free-format bitrates and anything else stay unknown (null).
 */
import type { InputBytes } from '../../engine/model.js';

const RATES: Readonly<Record<number, readonly number[]>> = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 3: [11025, 12000, 8000] };
const KBPS: Readonly<Record<string, readonly number[]>> = {
  '1/1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1/2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1/3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2/1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2/2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2/3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

export interface MpegAudioFrame {
  /** mpegaudioversion: 1 (MPEG-1), 2 (MPEG-2), 3 (MPEG-2.5) */
  readonly version: number;
  readonly layer: number;
  readonly rate: number;
  readonly channels: number;
  readonly length: number;
}

function header(b: Uint8Array, o: number): MpegAudioFrame | null {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) return null;
  const v = (b[o + 1]! >> 3) & 3;
  const l = (b[o + 1]! >> 1) & 3;
  const br = b[o + 2]! >> 4;
  const sr = (b[o + 2]! >> 2) & 3;
  const pad = (b[o + 2]! >> 1) & 1;
  const mode = b[o + 3]! >> 6;
  if (v === 1 || l === 0 || br === 0 || br === 15 || sr === 3) return null;
  const version = v === 3 ? 1 : v === 2 ? 2 : 3;
  const layer = 4 - l;
  const rate = RATES[version]![sr]!;
  const kbps = KBPS[`${version === 1 ? 1 : 2}/${String(layer)}`]![br]!;
  const bits = kbps * 1000;
  const length = layer === 1 ? (Math.floor((12 * bits) / rate) + pad) * 4 : Math.floor(((layer === 3 && version !== 1 ? 72 : 144) * bits) / rate) + pad;
  return { version, layer, rate, channels: mode === 3 ? 1 : 2, length };
}

/** the first frame mpegaudioparse trusts in the first bytes of `f`; null: none there */
export function firstMpegAudioFrame(f: InputBytes): MpegAudioFrame | null {
  const b = f.read(0, Math.min(f.size, 256 * 1024));
  let o = 0;
  // an ID3v2 tag (id3demux's part) is skipped: syncsafe size after the 10-byte header, and a footer flag
  if (b.length >= 10 && b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33) {
    const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
    o = 10 + size + ((b[5]! & 0x10) !== 0 ? 10 : 0);
  }
  for (let scan = 0; scan < 4096 && o + 4 <= b.length; scan++, o++) {
    const h = header(b, o);
    if (h === null || h.length < 4) continue;
    const next = header(b, o + h.length);
    if (next !== null && next.version === h.version && next.layer === h.layer && next.rate === h.rate) return h;
  }
  return null;
}

/** mpegaudioparse's src caps for that frame */
export function mpegAudioCaps(h: MpegAudioFrame): string {
  return `audio/mpeg, mpegversion=(int)1, mpegaudioversion=(int)${String(h.version)}, layer=(int)${String(h.layer)}, rate=(int)${String(h.rate)}, channels=(int)${String(h.channels)}, parsed=(boolean)true`;
}
