/**
 * wavparse's src caps from the RIFF fmt chunk (hand-written: a dozen bytes), as gst_riff_create_audio_caps
 * makes them for integer PCM and IEEE float, plain or WAVE_FORMAT_EXTENSIBLE without a channel mask.
 * A stereo stream's mask follows channels; more channels get the default layout for the count after the
 * rate. Other codecs and explicit masks stay unknown.
 */
import type { InputBytes } from '../../engine/model.js';

const u32le = (b: Uint8Array, o: number): number => b[o]! + (b[o + 1]! << 8) + (b[o + 2]! << 16) + ((b[o + 3]! << 24) >>> 0);
const u16le = (b: Uint8Array, o: number): number => b[o]! + (b[o + 1]! << 8);
const tag = (b: Uint8Array, o: number): string => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

/** gst_riff's default channel positions, as masks */
const DEFAULT_MASKS: Record<number, string> = { 6: '0x000000000000003f' }; // the counts the fixtures verify

export type WavCaps = { readonly caps: string } | { readonly caps: null; readonly why: string };

export function wavparseCaps(f: InputBytes): WavCaps | null {
  const head = f.read(0, 12);
  if (head.length < 12 || tag(head, 0) !== 'RIFF' || tag(head, 8) !== 'WAVE') return null;
  // the chunks up to fmt (a LIST or JUNK chunk may come first)
  let o = 12;
  for (let n = 0; n < 64; n++) {
    const h = f.read(o, 8);
    if (h.length < 8) return null;
    const size = u32le(h, 4);
    if (tag(h, 0) === 'fmt ') return fmtCaps(f.read(o + 8, Math.min(size, 64)));
    o += 8 + size + (size & 1);
  }
  return null;
}

function fmtCaps(b: Uint8Array): WavCaps | null {
  if (b.length < 16) return null;
  let format = u16le(b, 0);
  const channels = u16le(b, 2);
  const rate = u32le(b, 4);
  const bits = u16le(b, 14);
  if (format === 0xfffe) {
    if (b.length < 40) return null;
    const valid = u16le(b, 18);
    const mask = u32le(b, 20);
    if (valid !== bits || mask !== 0) return { caps: null, why: 'a WAVE_FORMAT_EXTENSIBLE layout capsflow has not verified' };
    format = u16le(b, 24);
  }
  const name = format === 1 ? ({ 8: 'U8', 16: 'S16LE', 24: 'S24LE', 32: 'S32LE' } as Record<number, string>)[bits] : format === 3 ? ({ 32: 'F32LE', 64: 'F64LE' } as Record<number, string>)[bits] : undefined;
  if (name === undefined || channels < 1 || (channels > 2 && DEFAULT_MASKS[channels] === undefined) || rate === 0) return { caps: null, why: `WAV format 0x${format.toString(16)} with ${String(bits)} bits is not modelled` };
  const stereo = channels === 2 ? ', channel-mask=(bitmask)0x0000000000000003' : '';
  const more = channels > 2 ? `, channel-mask=(bitmask)${DEFAULT_MASKS[channels]!}` : '';
  return { caps: `audio/x-raw, format=(string)${name}, layout=(string)interleaved, channels=(int)${String(channels)}${stereo}, rate=(int)${String(rate)}${more}` };
}
