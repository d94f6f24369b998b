/**
 * Raw audio facts: GstAudioInfo as far as caps go, the raw audio behind an encoded stream (an encoded
 * stream's caps do not say everything that is in the data — a WAV or FLAC header, the bit depth — so
 * the raw audio an encoder was given travels with the caps object it produced: parsers hand it on,
 * decoders and demuxers read it back), and the channel masks GStreamer falls back to.
 */
import { getField, type Caps, type Structure } from '../../caps/index.js';
import { audioFormatInfo } from './formats.js';
import { sideTable } from './side-table.js';

/** The raw audio behind an encoded stream (GstAudioInfo as far as caps go). */
export interface RawAudio {
  readonly format: string | null;
  readonly rate: number;
  readonly channels: number;
  /** the channel-mask field, when the caps had one */
  readonly mask: bigint | null;
}

const STREAM = sideTable<RawAudio>();

/** the raw audio an encoded stream was made from, when an encoder modelled here produced it */
export const streamOf = (caps: Caps): RawAudio | undefined => STREAM.get(caps);

/** tie `raw` to caps built for an encoded stream (returns the caps) */
export const withStream = <C extends Caps | null>(caps: C, raw: RawAudio | undefined): C => STREAM.tie(caps, raw);

/** GstAudioInfo of fixed raw caps, or null when rate or channels are missing */
export function rawAudio(s: Structure): RawAudio | null {
  if (s.name !== 'audio/x-raw') return null;
  const rate = getField(s, 'rate');
  const channels = getField(s, 'channels');
  if (rate?.kind !== 'int' || channels?.kind !== 'int') return null;
  const f = getField(s, 'format');
  const m = getField(s, 'channel-mask');
  return { format: f?.kind === 'string' ? f.value : null, rate: rate.value, channels: channels.value, mask: m?.kind === 'bitmask' ? m.value : null };
}

/** gst_audio_channel_get_fallback_mask */
const FALLBACK_MASK: Readonly<Record<number, bigint>> = { 1: 0n, 2: 0x3n, 3: 0xbn, 4: 0x33n, 5: 0x37n, 6: 0x3fn, 7: 0xd0fn, 8: 0xc3fn };
export const fallbackChannelMask = (channels: number): bigint => FALLBACK_MASK[channels] ?? 0n;

export const formatDepth = (format: string | null): number | null => (format === null ? null : (audioFormatInfo(format)?.depth ?? null));

/** the sample format a decoder of a `depth`-bit integer stream outputs (flacdec, wavpackdec) */
export function formatForDepth(depth: number): string | null {
  switch (depth) {
    case 8:
      return 'S8';
    case 16:
      return 'S16LE';
    case 24:
      return 'S24_32LE';
    case 32:
      return 'S32LE';
    default:
      return null;
  }
}

/** the bit depth of an encoded stream: its caps' depth field, else the raw format it was made from */
export function streamDepth(input: Structure, raw: RawAudio | undefined): number | null {
  const d = getField(input, 'depth');
  if (d?.kind === 'int') return d.value;
  return raw === undefined ? null : formatDepth(raw.format);
}

