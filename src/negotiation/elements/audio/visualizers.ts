/** Audio visualisers (GstAudioVisualizer and monoscope): their video output is their own. */
import { Caps, fixateFieldNearestFraction, fixateFieldNearestInt, fixateStructure } from '../../../caps/index.js';
import { BaseParse } from '../../base/baseparse.js';

/**
 * GstAudioVisualizer's src negotiation (monoscope's own does the same): the first structure downstream
 * allows, nearest 320x200 at 25 fps, the rest fixated
 */
function visualizerCaps(allowed: Caps): Caps | null {
  if (allowed.isAny() || allowed.isEmpty()) return null;
  const e = allowed.entries[0]!;
  let st = e.structure;
  st = fixateFieldNearestInt(st, 'width', 320) ?? st;
  st = fixateFieldNearestInt(st, 'height', 200) ?? st;
  st = fixateFieldNearestFraction(st, 'framerate', 25, 1) ?? st;
  return Caps.fromEntries([{ structure: fixateStructure(st), features: e.features }]);
}


/** a plain GstElement outside the base classes: negotiates as a parser whose output is its own */
const visualizer = (): BaseParse => new BaseParse({ standalone: true, fixateOutput: visualizerCaps });

export const wavescope = visualizer();

export const spacescope = visualizer();

export const synaescope = visualizer();

export const goom = visualizer();

export const goom2k1 = visualizer();

export const monoscope = visualizer();
