/**
 * h264parse / h265parse: the stream-format and alignment downstream asks for (gst_h264_parse_negotiate,
 * gst_h265_parse_negotiate). The parser keeps the input's format when downstream allows it; otherwise it
 * takes the first of what downstream allows (fixated), and converts: byte-stream ↔ avc/avc3 (hvc1/hev1),
 * au ↔ nal. What the SPS/PPS (VPS) say is read from the data: the codec_data an avc/hvc1 output needs
 * when the input has none, and the fields the parser adds once it has parsed them (level, profile,
 * chroma-format, bit depths, coded-picture-structure); those are not built here, and the caps carry the
 * partial mark that encoders' caps use for the fields they leave out (base/output.ts).
 */
import { Caps, getField, type Structure } from '../../../caps/index.js';
import type { ModelHost, PadNode } from '../../engine/model.js';
import { intersectZigzag, peerQueryCaps, run } from '../../engine/query.js';
import { streamOf, withStream } from '../../media/audio.js';
import { videoStreamOf, withVideoStream } from '../../media/video.js';
import { BaseParse } from '../../base/baseparse.js';
import { isPartial, missingFields, partial, type Output } from '../../base/output.js';
import { caps, setOrAppend, str, yes } from '../fields.js';

interface Codec {
  readonly media: string;
  /** the packetised formats that carry the parameter sets in codec_data */
  readonly packetised: readonly string[];
}

const sv = (s: Structure, name: string): string | null => {
  const v = getField(s, name);
  return v?.kind === 'string' ? v.value : null;
};

class H26xParse extends BaseParse {
  constructor(private readonly codec: Codec) {
    super({ standalone: false });
  }

  protected override output(host: ModelHost, sink: PadNode, src: PadNode, input: Caps): Output {
    if (input.size !== 1) return null;
    const s = input.structure(0);
    if (s.name !== this.codec.media) return null;
    // without stream-format the parser reads codec_data's presence: packetised, else byte-stream
    const inFormat = sv(s, 'stream-format') ?? (getField(s, 'codec_data') !== undefined ? this.codec.packetised[0]! : 'byte-stream');
    const inAlign = sv(s, 'alignment') ?? (inFormat === 'byte-stream' ? null : 'au');
    // gst_pad_get_allowed_caps on the src pad; the input's own format first when downstream allows it
    let allowed = src.peer === null ? src.template : intersectZigzag(run(host, peerQueryCaps(src, null)), src.template);
    if (allowed.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${sink.element.name}: downstream accepts no ${this.codec.media} stream format`) };
    const fields: [string, ReturnType<typeof str>][] = [['stream-format', str(inFormat)]];
    if (inAlign !== null) fields.push(['alignment', str(inAlign)]);
    const own = caps(this.codec.media, [['parsed', yes], ...fields]);
    if (own.canIntersect(allowed)) allowed = own.intersect(allowed);
    const chosen = allowed.fixate();
    const c = chosen.isEmpty() ? null : chosen.structure(0);
    const format = (c !== null ? sv(c, 'stream-format') : null) ?? 'byte-stream';
    const align = (c !== null ? sv(c, 'alignment') : null) ?? 'au';
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
}

export const h264parse = new H26xParse({ media: 'video/x-h264', packetised: ['avc', 'avc3'] });
export const h265parse = new H26xParse({ media: 'video/x-h265', packetised: ['hvc1', 'hev1'] });
