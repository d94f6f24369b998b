/**
 * typefind's src caps for the formats whose typefind functions (gsttypefindfunctions.c) decide from a
 * fixed signature at the start of the file with MAXIMUM probability: no other function can outrank them.
 * Formats found by scanning (MPEG-TS, ADTS, MPEG audio, H.264/H.265 byte-stream) or by reading on into the
 * stream (Ogg's and Matroska's media type) are not decided here: null, the caps stay unknown.
 */
import type { InputBytes } from '../../engine/model.js';

const ascii = (b: Uint8Array, o: number, n: number): string => String.fromCharCode(...b.subarray(o, o + n));
const u32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;

/** qt_type_find: the ftyp major brand says iso (isom, iso2, mp41, mp42, avc1, M4A …) or plain QuickTime */
const ISO_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4A ', 'M4V ', 'dash']);

export function typefindCaps(f: InputBytes): string | null {
  const b = f.read(0, 4096);
  if (b.length < 12) return null;
  if (ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 4);
    return form === 'WAVE' ? 'audio/x-wav' : form === 'AVI ' ? 'video/x-msvideo' : null;
  }
  if (ascii(b, 0, 4) === 'fLaC') return 'audio/x-flac';
  if (ascii(b, 0, 3) === 'ID3') return 'application/x-id3';
  if (ascii(b, 0, 3) === 'FLV' && b[3] === 1) return 'video/x-flv';
  if (b[0] === 0x89 && ascii(b, 1, 7) === 'PNG\r\n\x1a\n') return 'image/png';
  if (ascii(b, 0, 10) === 'YUV4MPEG2 ') return 'application/x-yuv4mpeg, y4mversion=(int)2';
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand === 'qt  ') return 'video/quicktime';
    return ISO_BRANDS.has(brand) && u32(b, 0) >= 16 ? 'video/quicktime, variant=(string)iso' : null;
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  return null;
}

/** jpeg_type_find: the first SOF marker gives width, height and which SOF it was */
function jpeg(b: Uint8Array): string | null {
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return null;
    const m = b[o + 1]!;
    if (m === 0xff) {
      o++;
      continue;
    }
    const len = (b[o + 2]! << 8) + b[o + 3]!;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      const h = (b[o + 5]! << 8) + b[o + 6]!;
      const w = (b[o + 7]! << 8) + b[o + 8]!;
      return `image/jpeg, width=(int)${String(w)}, height=(int)${String(h)}, sof-marker=(int)${String(m - 0xc0)}`;
    }
    if (m === 0xda || len < 2) return null;
    o += 2 + len;
  }
  return null;
}
