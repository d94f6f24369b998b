/**
 * The elements whose pads come from the bytes they read (ElementModel.padsFromInput): qtdemux's pads from
 * the moov, oggdemux's from the first pages, typefind's caps from the file's signature. wavparse (a GstBaseParse) reads its fmt chunk in
 * codecs/audio.ts.
 */
import type { Caps } from '../../../caps/index.js';
import { Demuxer } from '../../base/demuxer.js';
import type { CapsEventResult, ModelHost, PadNode } from '../../engine/model.js';
import { qtdemuxPads } from './isobmff.js';
import { oggdemuxPads } from './ogg.js';
import { matroskademuxPads } from './matroska.js';
import { childrenNote, decodebinPads } from './autoplug.js';
import { typefindCaps } from './typefind.js';

/** qtdemux sets caps on a pad before adding it: gst-launch -v never prints them */
export const qtdemux = new Demuxer((input) => ({ pads: qtdemuxPads(input), printed: false }));

/** oggdemux too sets a stream's caps (with its header packets) before adding its pad */
export const oggdemux = new Demuxer((input) => ({ pads: oggdemuxPads(input), printed: false }));

/** matroskademux sets caps before adding a pad too */
export const matroskademux = new Demuxer((input) => ({ pads: matroskademuxPads(input), printed: false }));

/** typefind: the file's type from its signature; caps arriving from upstream are the type, passed on as they are */
class TypeFind extends Demuxer {
  override setCaps(_host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult {
    sink.element.passthrough = true;
    return { ok: true, pushes: sink.element.srcPads().map((pad) => ({ pad, caps })) };
  }
}

export const typefind = new TypeFind((input) => {
  const c = typefindCaps(input);
  return { pads: c === null ? null : [{ pad: 'src', caps: c }], printed: true };
});

/** decodebin / uridecodebin: the pads they expose for a file (autoplug.ts), and the note naming what they plugged */
const autoplugging = new Demuxer((input, el, registry) => {
  const r = decodebinPads(input, registry);
  const notes = [childrenNote(el, r.children)];
  if (r.why !== undefined) notes.push(`${el.name}: ${r.why}`);
  return { pads: r.pads, printed: r.printed, notes };
});
export const decodebin = autoplugging;
export const uridecodebin = autoplugging;
