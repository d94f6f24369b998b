/**
 * The elements whose pads come from the bytes they read (ElementModel.padsFromInput): qtdemux's pads from
 * the moov, oggdemux's from the first pages, typefind's caps from the file's signature. wavparse (a GstBaseParse) reads its fmt chunk in
 * codecs/audio.ts.
 */
import { Demuxer } from '../../base/demuxer.js';
import { qtdemuxPads } from './isobmff.js';
import { oggdemuxPads } from './ogg.js';
import { childrenNote, decodebinPads } from './autoplug.js';
import { typefindCaps } from './typefind.js';

/** qtdemux sets caps on a pad before adding it: gst-launch -v never prints them */
export const qtdemux = new Demuxer((input) => ({ pads: qtdemuxPads(input), printed: false }));

/** oggdemux too sets a stream's caps (with its header packets) before adding its pad */
export const oggdemux = new Demuxer((input) => ({ pads: oggdemuxPads(input), printed: false }));

export const typefind = new Demuxer((input) => {
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
