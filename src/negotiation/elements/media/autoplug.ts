/**
 * decodebin / uridecodebin (GstDecodeBin, decodebin2 of 1.22): the pads they expose once they have read a
 * file, and the raw caps on them. The factories come from the registry as decodebin chooses them: the
 * decodable ones (klass Demuxer, Decoder, Parser, Depayloader, Decryptor) of rank marginal or more whose
 * sink template intersects the caps, highest rank first and then by name; one parser per chain; a chain
 * ends at raw caps (decodebin's `caps`). The first factory is the one used: where capsflow does not model
 * it (or the stream), that pad stays unknown with the reason — it never falls back to a guess.
 *
 * The container is read by the demuxer's own reader (qtdemux, oggdemux, wavparse: their padsFromInput);
 * each stream then goes through the modelled parsers and decoders below, as pure functions of the caps
 * (the same functions their element models use). Exposed pads are src_0, src_1 … in decodebin's order
 * (raw video, other video, images, raw audio, other audio, the rest; then stream order), with caps set
 * before they are exposed: gst-launch -v prints none for them.
 */
import { Caps, getField, type Structure } from '../../../caps/index.js';
import type { ElementNode, InputBytes, InputPad, InputPads } from '../../engine/model.js';
import type { ElementFactory, Registry } from '../../registry/registry.js';
import { avdecH264Output } from '../codecs/libav.js';
import { theoraOutput } from '../codecs/video.js';
import { oggdemuxPads } from './ogg.js';
import { matroskademuxPads } from './matroska.js';
import { qtdemuxPads } from './isobmff.js';
import { firstMpegAudioFrame, mpegAudioCaps } from './mpegaudio.js';
import { wavparseCaps } from './riff.js';
import { typefindCaps } from './typefind.js';

const GST_RANK_MARGINAL = 64;
const DECODABLE = /(^|\/)(Demuxer|Decoder|Parser|Depayloader|Decryptor)(\/|$)/;
/** decodebin's default `caps`: where a chain stops */
const RAW = Caps.parse('video/x-raw(ANY); audio/x-raw(ANY); text/x-raw(ANY); subpicture/x-dvd; subpicture/x-dvb; subpicture/x-pgs');

/** a modelled step: the caps a parser or decoder sets for its input caps (null: the stream says what capsflow does not read) */
type Step = (input: Structure) => string | Caps | null;

const sval = (s: Structure, name: string): number | null => {
  const v = getField(s, name);
  return v?.kind === 'int' ? v.value : null;
};

/** an audio decoder's output info: format and layout, the input's rate and channels, the stereo mask */
const audioOut =
  (format: string, layout: string): Step =>
  (s) => {
    const rate = sval(s, 'rate');
    const channels = sval(s, 'channels');
    if (rate === null || channels === null || channels < 1 || channels > 2) return null;
    const mask = channels === 2 ? ', channel-mask=(bitmask)0x0000000000000003' : '';
    return `audio/x-raw, format=(string)${format}, layout=(string)${layout}, rate=(int)${String(rate)}, channels=(int)${String(channels)}${mask}`;
  };

const single = (s: Structure): Caps => Caps.fromEntries([{ structure: s, features: null }]);

/** the parsers and decoders a decodebin chain runs here, by factory */
const STEPS: Readonly<Record<string, Step>> = {
  // parsers: what a decoder after them reads is the demuxer's caps (the fields they add come from the same headers)
  h264parse: (s) => single(s),
  aacparse: (s) => single(s),
  vorbisparse: (s) => single(s),
  opusparse: (s) => single(s),
  avdec_h264: (s) => avdecH264Output(single(s)) ?? null,
  theoradec: (s) => theoraOutput(single(s)) ?? null,
  vorbisdec: audioOut('F32LE', 'interleaved'),
  opusdec: audioOut('S16LE', 'interleaved'),
  avdec_aac: audioOut('F32LE', 'non-interleaved'),
  mpegaudioparse: (s) => single(s),
  avdec_mp3: audioOut('S16LE', 'non-interleaved'),
  mpg123audiodec: audioOut('F32LE', 'interleaved'),
};

/** the demuxers whose pads capsflow reads from the container, by factory */
const CONTAINERS: Readonly<Record<string, (input: InputBytes) => readonly InputPad[] | null>> = {
  qtdemux: (f) => qtdemuxPads(f),
  oggdemux: (f) => oggdemuxPads(f),
  matroskademux: (f) => matroskademuxPads(f),
  // an elementary MPEG audio stream: mpegaudioparse's caps from the first frame it trusts
  mpegaudioparse: (f) => {
    const h = firstMpegAudioFrame(f);
    return h === null ? null : [{ pad: 'src', caps: mpegAudioCaps(h) }];
  },
  wavparse: (f) => {
    const c = wavparseCaps(f);
    return c === null ? null : [c.caps === null ? { pad: 'src', caps: null, why: c.why } : { pad: 'src', caps: c.caps }];
  },
};

/** gst_element_factory_list_get_elements (DECODABLE, MARGINAL) filtered by sink caps, sorted as decodebin does */
function candidates(registry: Registry, caps: Caps): ElementFactory[] {
  const out: ElementFactory[] = [];
  for (const name of registry.names()) {
    const f = registry.get(name);
    if (f === undefined || f.rank < GST_RANK_MARGINAL || !DECODABLE.test(f.klass)) continue;
    const fits = f.padTemplates.some((t) => {
      if (t.direction !== 'sink') return false;
      try {
        return registry.templateCaps(name, t.name).canIntersect(caps);
      } catch {
        return false;
      }
    });
    if (fits) out.push(f);
  }
  return out.sort((a, b) => b.rank - a.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** the container's caps as typefind decides them, and for Ogg (typefind reads its packets) the demuxer's own type */
function containerCaps(input: InputBytes): Caps | null {
  const head = input.read(0, 4);
  const magic = head.length === 4 ? String.fromCharCode(...head) : '';
  // Ogg and Matroska: typefind reads on into the stream for the exact type; either goes to the same demuxer
  let text = magic === 'OggS' ? 'application/ogg' : magic === '\x1a\x45\xdf\xa3' ? 'video/x-matroska' : typefindCaps(input);
  // typefind's MP3 function scans for frames (an ID3v2 tag first goes to id3demux, which capsflow does not run here)
  if (text === null && head[0] === 0xff && firstMpegAudioFrame(input) !== null) text = 'audio/mpeg, mpegversion=(int)1, layer=(int)3, parsed=(boolean)false';
  if (text === null) return null;
  const c = Caps.parse(text);
  return c.ok ? c.caps : null;
}

interface Chain {
  readonly caps: Caps | null;
  readonly why?: string;
  readonly children: readonly string[];
}

/** one stream from the demuxer on: factory after factory until raw caps */
function decodeChain(registry: Registry, caps: Caps, parsedAlready: boolean): Chain {
  const children: string[] = [];
  let cur = caps;
  let parsed = parsedAlready;
  for (let step = 0; step < 8; step++) {
    if (RAW.ok && cur.canIntersect(RAW.caps) && cur.isSubset(RAW.caps)) return { caps: cur, children };
    const next = candidates(registry, cur).find((f) => !(parsed && /Parser/.test(f.klass)));
    if (next === undefined) return { caps: null, why: `no decodable factory takes ${cur.toString()}`, children };
    const run = STEPS[next.name];
    if (run === undefined) return { caps: null, why: `decodebin would plug ${next.name}, which capsflow does not model there`, children };
    const out = run(cur.structure(0));
    if (out === null) return { caps: null, why: `${next.name}'s output depends on stream data capsflow does not read`, children };
    children.push(next.name);
    // a parser that converts (h264parse) gets a capsfilter after it
    if (/Parser/.test(next.klass) && /Converter/.test(next.klass)) children.push('capsfilter');
    parsed ||= /Parser/.test(next.klass);
    const c = typeof out === 'string' ? Caps.parse(out) : { ok: true as const, caps: out };
    if (!c.ok) return { caps: null, why: 'internal: unparsable step output', children };
    cur = c.caps;
  }
  return { caps: null, why: 'the chain does not end in raw caps', children };
}

/**
 * decodebin2's sort_end_pads: raw video, video, images, raw audio, audio, the rest. A stream capsflow
 * does not decode is placed by the demuxer pad's kind (video_N, audio_N) as the raw stream it would become.
 */
function padOrder(c: Caps | null, demuxPad: string): number {
  if (c === null) return demuxPad.startsWith('video') ? 0 : demuxPad.startsWith('audio') ? 3 : 5;
  const name = c.size === 0 ? '' : c.structure(0).name;
  if (name === 'video/x-raw') return 0;
  if (name.startsWith('video/')) return 1;
  if (name.startsWith('image/')) return 2;
  if (name === 'audio/x-raw') return 3;
  if (name.startsWith('audio/')) return 4;
  return 5;
}

/** The pads decodebin exposes for a file, with the children it plugged (null pads: the file is not identified). */
export function decodebinPads(input: InputBytes, registry: Registry): InputPads & { readonly children: readonly string[]; readonly why?: string } {
  const container = containerCaps(input);
  if (container === null) return { pads: null, printed: false, children: ['typefind'] };
  const children = ['typefind'];
  const first = candidates(registry, container)[0];
  const read = first === undefined ? undefined : CONTAINERS[first.name];
  if (first === undefined || read === undefined) {
    // how many pads it would expose is the container's to say: not identified
    const why = first === undefined ? `no decodable factory takes ${container.toString()}` : `decodebin would plug ${first.name}, whose streams capsflow does not read`;
    return { pads: null, printed: false, children, why };
  }
  // a parser read as the container (mpegaudioparse): its stream goes on from its output, parsed
  const read0 = read(input);
  if (read0 === null) return { pads: null, printed: false, children };
  children.push(first.name);
  const streams = read0;
  // a demuxer's streams go through one multiqueue (wavparse's raw stream does not)
  if (/Demuxer/.test(first.klass) && first.name !== 'wavparse') children.push('multiqueue');
  const chains = streams.map((s, i) => {
    if (s.caps === null) return { i, chain: { caps: null, why: s.why ?? 'not modelled', children: [] } as Chain };
    const c = Caps.parse(s.caps);
    return { i, chain: c.ok ? decodeChain(registry, c.caps, /Parser/.test(first.klass)) : ({ caps: null, why: 'unparsable caps', children: [] } as Chain) };
  });
  for (const { chain } of chains) for (const c of chain.children) children.push(c);
  const ordered = [...chains].sort((a, b) => padOrder(a.chain.caps, streams[a.i]!.pad) - padOrder(b.chain.caps, streams[b.i]!.pad) || a.i - b.i);
  const pads = ordered.map(({ chain }, k): InputPad => (chain.caps === null ? { pad: `src_${String(k)}`, caps: null, why: chain.why ?? 'not modelled' } : { pad: `src_${String(k)}`, caps: chain.caps.toString() }));
  return { pads, printed: false, children };
}

/** the note that says what decodebin holds */
export function childrenNote(el: ElementNode, children: readonly string[]): string {
  return `${el.name} plugs ${children.join(', ')} (factories chosen from the registry by klass and rank, as decodebin does)`;
}
