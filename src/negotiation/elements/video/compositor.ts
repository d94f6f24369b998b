/**
 * What a mixer's pad properties (`compositor sink_1::xpos=150 sink_1::width=64`, kept by the launch parser
 * as the element's padProperties) do to its output caps.
 *
 * compositor's fixate_src_caps: the output frame is the smallest that holds every configured sink pad at
 * its position — max over the pads of (xpos + its width) and (ypos + its height), a pad's size being its
 * width/height property or else its input's size shown at the output's square pixels
 * (_mixer_pad_get_output_size) — and the framerate the fastest input's (25/1 when none has one); these
 * are the values the output fixates nearest to.
 */
import { Caps, fraction, getField, setField, type Structure } from '../../../caps/index.js';
import type { ElementNode, PadNode } from '../../engine/model.js';
import { VideoAggregator } from '../../base/aggregator.js';

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

/** a pad property as a number (what gst_value_deserialize gives an int/double), or the default */
function padNumber(el: ElementNode, pad: string, property: string, fallback: number): number {
  const raw = el.padProperties[pad]?.[property];
  if (raw === undefined) return fallback;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : fallback;
}

/** _mixer_pad_get_output_size at an output of square pixels: [width, height], [0, 0] when unknown */
function padOutputSize(el: ElementNode, pad: string, s: Structure): [number, number] {
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  const par = getField(s, 'pixel-aspect-ratio');
  let width = Math.trunc(padNumber(el, pad, 'width', 0));
  let height = Math.trunc(padNumber(el, pad, 'height', 0));
  if (width <= 0) width = w?.kind === 'int' ? w.value : 0;
  if (height <= 0) height = h?.kind === 'int' ? h.value : 0;
  if (width === 0 || height === 0) return [0, 0];
  const [pn, pd] = par?.kind === 'fraction' ? [par.num, par.den] : [1, 1];
  // gst_video_calculate_display_ratio, then the side that keeps the ratio exact changes
  const n = width * pn;
  const d = height * pd;
  const k = gcd(n, d);
  const [darN, darD] = [n / k, d / k];
  if (height % darN === 0) width = Math.floor((height * darN) / darD);
  else if (width % darD === 0) height = Math.floor((width * darD) / darN);
  else width = Math.floor((height * darN) / darD);
  return [width, height];
}

/**
 * compositor: `input` (the first configured input's structure) with the size every pad needs, square
 * pixels and the fastest framerate, for the output to fixate to; `arriving` is the CAPS event being handled.
 */
export function compositorFrame(el: ElementNode, input: Structure, arriving: { readonly pad: PadNode; readonly caps: Caps }): Structure {
  let bestW = 0;
  let bestH = 0;
  let best: { num: number; den: number; value: number } | null = null;
  for (const pad of el.sinkPads()) {
    // the pad whose CAPS event is being handled stores its caps only afterwards
    const caps = pad === arriving.pad ? arriving.caps : pad.caps;
    if (caps === null || caps.isAny() || caps.isEmpty()) continue;
    const s = caps.structure(0);
    const fps = getField(s, 'framerate');
    if (fps?.kind === 'fraction' && fps.den !== 0) {
      const value = fps.num / fps.den;
      if (best === null || value > best.value) best = { num: fps.num, den: fps.den, value };
    }
    const [w, h] = padOutputSize(el, pad.name, s);
    if (w === 0 || h === 0) continue;
    bestW = Math.max(bestW, w + Math.max(Math.trunc(padNumber(el, pad.name, 'xpos', 0)), 0));
    bestH = Math.max(bestH, h + Math.max(Math.trunc(padNumber(el, pad.name, 'ypos', 0)), 0));
  }
  let out = input;
  if (bestW > 0 && bestH > 0) {
    out = setField(out, 'width', { kind: 'int', value: bestW });
    out = setField(out, 'height', { kind: 'int', value: bestH });
    out = setField(out, 'pixel-aspect-ratio', fraction(1, 1));
  }
  return setField(out, 'framerate', best === null || best.value === 0 ? fraction(25, 1) : fraction(best.num, best.den));
}

/** compositor (GstVideoAggregator): the output frame holds every pad at its position */
export const compositor = new VideoAggregator({ outputFrame: compositorFrame });
