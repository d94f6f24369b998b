/**
 * oggdemux's pads from the first pages of an Ogg file (hand-written page reader: a page header and its
 * lacing table; no npm package gives the header packets as oggdemux hands them on). The logical streams
 * begin in BOS page order; each is a pad `src_%08x` named by its serial. Its caps are the stream mapper's
 * (gstoggstream.c: Vorbis, Theora, Opus) with the header packets as streamheader, as oggdemux sets them
 * once it has every header packet. Any other stream (FLAC, Speex, Skeleton …) stays unknown.
 */
import type { InputBytes } from '../../engine/model.js';

export interface OggPad {
  readonly pad: string;
  readonly caps: string | null;
  readonly why?: string;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const u32le = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u24be = (b: Uint8Array, o: number): number => (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
const u32be = (b: Uint8Array, o: number): number => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
const ascii = (b: Uint8Array, o: number, n: number): string => String.fromCharCode(...b.subarray(o, o + n));

interface Stream {
  readonly serial: number;
  readonly packets: Uint8Array[];
  /** the packet being continued on the next page */
  partial: number[] | null;
  /** header packets the mapper needs (null: a codec capsflow does not map) */
  needed: number | null;
}

/** how much of the file the header pages may take (the setup headers of Vorbis are a few KB) */
const HEAD_BYTES = 512 * 1024;

/** oggdemux's pads from the file's first pages; null: not an Ogg file capsflow can read. */
export function oggdemuxPads(f: InputBytes): OggPad[] | null {
  const b = f.read(0, Math.min(f.size, HEAD_BYTES));
  if (b.length < 27 || ascii(b, 0, 4) !== 'OggS') return null;
  const streams: Stream[] = [];
  let o = 0;
  while (o + 27 <= b.length && ascii(b, o, 4) === 'OggS') {
    const type = b[o + 5]!;
    const serial = u32le(b, o + 14);
    const nsegs = b[o + 26]!;
    if (o + 27 + nsegs > b.length) break;
    const lacing = b.subarray(o + 27, o + 27 + nsegs);
    let data = o + 27 + nsegs;
    const end = data + lacing.reduce((n, x) => n + x, 0);
    if (end > b.length) break;
    let s = streams.find((x) => x.serial === serial);
    if (s === undefined) {
      // a stream begins only on a BOS page, and every BOS page comes before any other page of the chain
      if ((type & 2) === 0) break;
      s = { serial, packets: [], partial: null, needed: null };
      streams.push(s);
    }
    let cur = (type & 1) !== 0 ? s.partial : null;
    if (cur === null) cur = [];
    for (const len of lacing) {
      for (let k = 0; k < len; k++) cur.push(b[data + k]!);
      data += len;
      if (len < 255) {
        s.packets.push(Uint8Array.from(cur));
        cur = [];
      }
    }
    s.partial = cur.length > 0 ? cur : null;
    o = end;
    if (streams.every((x) => headersDone(x))) break;
  }
  if (streams.length === 0) return null;
  return streams.map((s) => ({ pad: `src_${s.serial.toString(16).padStart(8, '0')}`, ...streamCaps(s) }));
}

/** the header packets each mapped codec has (n_header_packets) */
function headerCount(first: Uint8Array | undefined): number | null {
  if (first === undefined) return null;
  if (first.length >= 30 && first[0] === 1 && ascii(first, 1, 6) === 'vorbis') return 3;
  if (first.length >= 42 && first[0] === 0x80 && ascii(first, 1, 6) === 'theora') return 3;
  if (first.length >= 19 && ascii(first, 0, 8) === 'OpusHead') return 2;
  return null;
}

function headersDone(s: Stream): boolean {
  s.needed ??= headerCount(s.packets[0]);
  return s.needed === null ? s.packets.length > 0 : s.packets.length >= s.needed;
}

const streamheader = (packets: readonly Uint8Array[]): string => `streamheader=(buffer)< ${packets.map(hex).join(', ')} >`;

function streamCaps(s: Stream): { caps: string | null; why?: string } {
  const first = s.packets[0];
  const n = headerCount(first);
  if (first === undefined || n === null) return { caps: null, why: 'an Ogg stream capsflow does not map' };
  if (s.packets.length < n) return { caps: null, why: 'the header packets are incomplete' };
  const headers = s.packets.slice(0, n);
  if (first[0] === 1) {
    // setup_vorbis_mapper: rate and channels of the identification header
    const channels = first[11]!;
    const rate = u32le(first, 12);
    if (rate === 0) return { caps: null, why: 'a Vorbis stream without a rate' };
    return { caps: `audio/x-vorbis, rate=(int)${String(rate)}, channels=(int)${String(channels)}, ${streamheader(headers)}` };
  }
  if (first[0] === 0x80) {
    // setup_theora_mapper: picture size, frame rate, aspect ratio (0 parts mean 1:1)
    const w = u24be(first, 14);
    const h = u24be(first, 17);
    const fpsN = u32be(first, 22);
    const fpsD = u32be(first, 26);
    let parN = u24be(first, 30);
    let parD = u24be(first, 33);
    if (fpsN === 0 || fpsD === 0) return { caps: null, why: 'a Theora stream without a frame rate' };
    if (parN === 0 || parD === 0) parN = parD = 1;
    const g = (a: number, c: number): number => (c === 0 ? a : g(c, a % c));
    const size = w > 0 && h > 0 ? `, width=(int)${String(w)}, height=(int)${String(h)}` : '';
    const fg = g(fpsN, fpsD);
    const pg = g(parN, parD);
    return { caps: `video/x-theora${size}, framerate=(fraction)${String(fpsN / fg)}/${String(fpsD / fg)}, pixel-aspect-ratio=(fraction)${String(parN / pg)}/${String(parD / pg)}, ${streamheader(headers)}` };
  }
  // gst_codec_utils_opus_create_caps_from_header: mapping family 0 only (others carry a channel-mapping array)
  const channels = first[9]!;
  const rate = u32le(first, 12) || 48000;
  const family = first[18]!;
  if (family !== 0 || channels > 2) return { caps: null, why: `Opus channel mapping family ${String(family)} is not modelled` };
  const ch = channels === 0 ? 2 : channels;
  return { caps: `audio/x-opus, rate=(int)${String(rate)}, channels=(int)${String(ch)}, channel-mapping-family=(int)0, stream-count=(int)1, coupled-count=(int)${ch === 2 ? '1' : '0'}, ${streamheader(headers)}` };
}
