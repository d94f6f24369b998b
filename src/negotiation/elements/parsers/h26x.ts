/**
 * h264parse / h265parse: the stream-format and alignment downstream asks for (gst_h264_parse_negotiate,
 * gst_h265_parse_negotiate). The parser keeps the input's format when downstream allows it; otherwise it
 * takes the first of what downstream allows (fixated), and converts: byte-stream ↔ avc/avc3 (hvc1/hev1),
 * au ↔ nal. What the SPS/PPS (VPS) say is read from the data: the codec_data an avc/hvc1 output needs
 * when the input has none, and the fields the parser adds once it has parsed them (level, profile,
 * chroma-format, bit depths, coded-picture-structure); those are not built here, and the caps carry the
 * partial mark that encoders' caps use for the fields they leave out (base/output.ts).
 */
import { Caps, fraction, getField, type Structure } from '../../../caps/index.js';
import type { ElementNode, InputBytes, InputPads, ModelHost, PadNode } from '../../engine/model.js';
import type { NegotiationError } from '../../types.js';
import { colorimetryToString } from '../../media/colour.js';
import { intersectZigzag, peerQueryCaps, run } from '../../engine/query.js';
import { streamOf, withStream } from '../../media/audio.js';
import { videoStreamOf, withVideoStream } from '../../media/video.js';
import { BaseParse } from '../../base/baseparse.js';
import { isPartial, missingFields, partial, type Output } from '../../base/output.js';
import { caps, i, setOrAppend, str, yes } from '../fields.js';
import { avcCNals, byteStreamNals, h264LevelName, h264ProfileName, lastById, makeAvcC, matrixFromIso, parseSps, primariesFromIso, transferFromIso, type H264Sps } from './h264-sps.js';

interface Codec {
  readonly media: string;
  /** the packetised formats that carry the parameter sets in codec_data */
  readonly packetised: readonly string[];
}

const sv = (s: Structure, name: string): string | null => {
  const v = getField(s, name);
  return v?.kind === 'string' ? v.value : null;
};

/** What h264parse learnt from a byte-stream file it reads without caps (the parameter sets before the first slice). */
const fileStreams = new WeakMap<ElementNode, { readonly sps: Uint8Array[]; readonly pps: Uint8Array[] }>();

/** how far into a byte-stream file the parameter sets are looked for (they precede the first slice) */
const BYTE_STREAM_HEAD = 256 * 1024;

class H26xParse extends BaseParse {
  constructor(private readonly codec: Codec) {
    super({ standalone: false });
  }

  /** gst_h26x_parse_negotiate: the input's format when downstream accepts it, else the first downstream allows */
  private negotiateFormat(host: ModelHost, sink: PadNode, src: PadNode, inFormat: string, inAlign: string | null, withInput: boolean): { format: string; align: string } | NegotiationError {
    let allowed = src.peer === null ? src.template : intersectZigzag(run(host, peerQueryCaps(src, null)), src.template);
    if (allowed.isEmpty()) return host.notNegotiated(src, `${sink.element.name}: downstream accepts no ${this.codec.media} stream format`);
    if (withInput) {
      const fields: [string, ReturnType<typeof str>][] = [['stream-format', str(inFormat)]];
      if (inAlign !== null) fields.push(['alignment', str(inAlign)]);
      const own = caps(this.codec.media, [['parsed', yes], ...fields]);
      if (own.canIntersect(allowed)) allowed = own.intersect(allowed);
    }
    const chosen = allowed.fixate();
    const c = chosen.isEmpty() ? null : chosen.structure(0);
    return { format: (c !== null ? sv(c, 'stream-format') : null) ?? 'byte-stream', align: (c !== null ? sv(c, 'alignment') : null) ?? 'au' };
  }

  protected override output(host: ModelHost, sink: PadNode, src: PadNode, input: Caps): Output {
    if (input.size !== 1) return null;
    const s = input.structure(0);
    if (s.name !== this.codec.media) return null;
    // without stream-format the parser reads codec_data's presence: packetised, else byte-stream
    const inFormat = sv(s, 'stream-format') ?? (getField(s, 'codec_data') !== undefined ? this.codec.packetised[0]! : 'byte-stream');
    const inAlign = sv(s, 'alignment') ?? (inFormat === 'byte-stream' ? null : 'au');
    // gst_pad_get_allowed_caps on the src pad; the input's own format first when downstream allows it
    const chosen = this.negotiateFormat(host, sink, src, inFormat, inAlign, true);
    if ('kind' in chosen) return { ok: false, error: chosen };
    const { format, align } = chosen;
    // the parameter sets of an avcC codec_data: the parser's caps come from its SPS (update_src_caps)
    const cd = getField(s, 'codec_data');
    if (this.codec.media === 'video/x-h264' && this.codec.packetised.includes(inFormat) && cd?.kind === 'opaque' && cd.type === 'buffer' && !isPartial(input)) {
      const record = avcCNals(hexBytes(cd.text));
      const sps = record === null ? [] : lastById(record.sps, 7);
      const pps = record === null ? [] : lastById(record.pps, 8);
      const built = record === null ? null : h264SrcStructure(s, sps, pps, format, align, record.nalLengthSize);
      if (built !== null) {
        const out = Caps.fromEntries([{ structure: built, features: input.entries[0]!.features }]);
        return withVideoStream(withStream(out, streamOf(input) ?? undefined), videoStreamOf(input) ?? null);
      }
    }
    let out = setOrAppend(setOrAppend(s, 'stream-format', str(format)), 'alignment', str(align));
    let owed = false;
    if (this.codec.packetised.includes(format)) {
      // codec_data is made from the parameter sets the parser finds in a byte-stream
      owed = getField(s, 'codec_data') === undefined;
    } else if (getField(out, 'codec_data') !== undefined) {
      out = { name: out.name, fields: out.fields.filter((f) => f.name !== 'codec_data') };
    }
    out = setOrAppend(out, 'parsed', yes);
    let result: Caps | null = Caps.fromEntries([{ structure: out, features: input.entries[0]!.features }]);
    // what the encoder left unknown stays unknown where the output still carries it (codec_data only in avc/hvc1)
    const inherited = (missingFields(input) ?? []).filter((f) => f !== 'codec_data' || this.codec.packetised.includes(format));
    if (owed || isPartial(input)) result = partial(result, owed ? ['codec_data', ...inherited] : inherited);
    result = withStream(result, streamOf(input) ?? undefined);
    return withVideoStream(result, videoStreamOf(input) ?? null);
  }

  // ---- media in (issue 12): a byte-stream file read without caps ----
  /** the SPS and PPS before the first slice of a byte-stream file (filesrc ! h264parse); no pads of its own */
  override padsFromInput(el: ElementNode, input: InputBytes): InputPads | null {
    if (this.codec.media !== 'video/x-h264') return null;
    const nals = byteStreamNals(input.read(0, Math.min(input.size, BYTE_STREAM_HEAD)));
    const firstSlice = nals.findIndex((n) => n.type === 1 || n.type === 5);
    const head = firstSlice < 0 ? [] : nals.slice(0, firstSlice);
    const sps = lastById(head, 7);
    const pps = lastById(head, 8);
    if (sps.length === 0 || pps.length === 0 || sps.every((x) => parseSps(x) === null)) return { pads: null, printed: true };
    fileStreams.set(el, { sps, pps });
    return { pads: [], printed: true };
  }

  /** buffers without caps: a byte-stream whose parameter sets capsflow read sets the parser's caps from them */
  override bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[] {
    const el = sink.element;
    const stream = fileStreams.get(el);
    const src = el.srcPads()[0];
    if (stream === undefined || src === undefined) return super.bufferWithoutCaps(host, sink);
    const chosen = this.negotiateFormat(host, sink, src, 'byte-stream', null, false);
    if ('kind' in chosen) return chosen;
    const built = h264SrcStructure(null, stream.sps, stream.pps, chosen.format, chosen.align, 4);
    if (built === null) return [];
    el.passthrough = false;
    const e = host.pushCaps(src, Caps.fromEntries([{ structure: built, features: null }]));
    return e ?? [];
  }
  // ---- end media in ----
}

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * gst_h264_parse_update_src_caps on the first caps it sets: the sink caps (or an empty video/x-h264) with
 * what the SPS says, field by field in its order; null when the SPS is one capsflow cannot read or the
 * frame rate depends on slices and SEI it does not read (interlaced coding, pic_struct).
 */
function h264SrcStructure(sinkS: Structure | null, spsNals: readonly Uint8Array[], ppsNals: readonly Uint8Array[], format: string, align: string, nalLengthSize: number): Structure | null {
  // the caps describe the last SPS parsed (streams carry one; with several, the highest id is taken)
  const sps = spsNals.length === 0 ? null : parseSps(spsNals[spsNals.length - 1]!);
  if (sps === null) return null;
  const vui = sps.vui;
  let out: Structure = sinkS ?? { name: 'video/x-h264', fields: [] };
  const has = (name: string): boolean => sinkS !== null && getField(sinkS, name) !== undefined;
  // pixel-aspect-ratio: upstream's, else the VUI's when it names one
  if (!has('pixel-aspect-ratio') && vui?.par != null && vui.par.n !== 0 && vui.par.d !== 0) out = setOrAppend(out, 'pixel-aspect-ratio', fraction(vui.par.n, vui.par.d));
  const w = sinkS !== null ? getField(sinkS, 'width') : undefined;
  const h = sinkS !== null ? getField(sinkS, 'height') : undefined;
  out = setOrAppend(out, 'width', w ?? i(sps.cropWidth));
  out = setOrAppend(out, 'height', h ?? i(sps.cropHeight));
  const upstreamFps = sinkS !== null ? getField(sinkS, 'framerate') : undefined;
  if (upstreamFps !== undefined) out = setOrAppend(out, 'framerate', upstreamFps);
  else {
    // gst_h264_video_calculate_framerate before any slice: field_pic_flag and pic_struct come from the data
    if (!sps.frameMbsOnly || vui?.picStructPresent === true) return null;
    const t = vui?.timing;
    if (t != null && t.timeScale > 0 && t.numUnitsInTick > 0) out = setOrAppend(out, 'framerate', fraction(t.timeScale, t.numUnitsInTick * 2));
  }
  out = setOrAppend(out, 'coded-picture-structure', str(sps.frameMbsOnly ? 'frame' : 'field'));
  const chroma = ['4:0:0', '4:2:0', '4:2:2', '4:4:4'][sps.chromaFormatIdc];
  if (chroma !== undefined) {
    out = setOrAppend(out, 'chroma-format', str(chroma));
    out = setOrAppend(out, 'bit-depth-luma', { kind: 'uint', value: sps.bitDepthLuma });
    out = setOrAppend(out, 'bit-depth-chroma', { kind: 'uint', value: sps.chromaFormatIdc === 0 ? 0 : sps.bitDepthChroma });
  }
  const colorimetry = vuiColorimetry(sps);
  if (colorimetry !== null && !has('colorimetry')) out = setOrAppend(out, 'colorimetry', str(colorimetry));
  out = setOrAppend(out, 'parsed', yes);
  out = setOrAppend(out, 'stream-format', str(format));
  out = setOrAppend(out, 'alignment', str(align));
  const profile = h264ProfileName(sps);
  if (profile !== null) out = setOrAppend(out, 'profile', str(profile));
  const level = h264LevelName(sps);
  if (level !== null) out = setOrAppend(out, 'level', str(level));
  // codec_data only for au-aligned avc/avc3, made from the stored parameter sets
  const record = (format === 'avc' || format === 'avc3') && align === 'au' ? makeAvcC(spsNals, ppsNals, nalLengthSize, format === 'avc3') : null;
  if (record !== null) out = setOrAppend(out, 'codec_data', { kind: 'opaque', type: 'buffer', text: toHex(record) });
  else out = { name: out.name, fields: out.fields.filter((f) => f.name !== 'codec_data') };
  return out;
}

/** the colorimetry update_src_caps reads from the VUI's colour description (null: none there) */
function vuiColorimetry(sps: H264Sps): string | null {
  const c = sps.vui?.colour;
  if (sps.vui === null || c == null) return null;
  const matrix = matrixFromIso(c.matrix);
  const transfer = transferFromIso(c.transfer);
  const primaries = primariesFromIso(c.primaries);
  const range = matrix !== 0 && transfer !== 0 && primaries !== 0 ? (sps.vui.fullRange ? 1 : 2) : 0;
  const all = [range, matrix, transfer, primaries];
  return all.every((x) => x === 0) ? null : colorimetryToString(all);
}

export const h264parse = new H26xParse({ media: 'video/x-h264', packetised: ['avc', 'avc3'] });
export const h265parse = new H26xParse({ media: 'video/x-h265', packetised: ['hvc1', 'hev1'] });
