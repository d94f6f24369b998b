/**
 * videomixer (GstVideoMixer2, gst-plugins-good 1.22: a GstElement on collectpads, not a GstVideoAggregator).
 *
 * - sink getcaps: the src pad's current caps (or its template) with any size and rate, pixel-aspect-ratio
 *   1/1 where it has none, no format, colorimetry or chroma-site, ∩ filter, ∩ the src template (which
 *   gives the format list back, after the other fields); accept-caps: can intersect the same without the
 *   template.
 * - setcaps on a sink pad refuses a pixel aspect ratio or interlacing other than the mix's; then
 *   update_converters picks the output format from the configured pads, in pad order: the first with
 *   alpha wins, else the format most pads have (the first to reach the count), among those downstream
 *   accepts; none: downstream's fixated caps. update_src_caps: that pad's format at the largest
 *   xpos + width / ypos + height, the fastest framerate (25/1 without one) and the pad's aspect ratio,
 *   as gst_video_info_set_format + gst_video_info_to_caps write it (default colorimetry for the size).
 * - collectpads pushes the caps with the first buffer: once every sink pad has caps.
 */
import { Caps, fraction, fixateFieldNearestInt, fractionRange, getField, intRange, setField, type Structure, type Value } from '../../../caps/index.js';
import type { ElementNode, ModelHost, Op, PadNode } from '../../engine/model.js';
import { intersectFirst, intersectZigzag, peerQueryCaps, run } from '../../engine/query.js';
import { Aggregator } from '../../base/aggregator.js';
import type { RequestPadNaming } from '../../base/element.js';
import { firstString, single, sval, type Output } from '../../base/output.js';
import { videoFormatInfo, VIDEO_FLAG } from '../../media/formats.js';
import { videoInfoColour } from '../../media/colour.js';

const ANY_SIZE: readonly [string, Value][] = [
  ['width', intRange(1, 2147483647)],
  ['height', intRange(1, 2147483647)],
  ['framerate', fractionRange({ num: 0, den: 1 }, { num: 2147483647, den: 1 })],
];

/** the src caps (current or template) as the sink pads take them */
function loosened(caps: Caps): Caps {
  return Caps.fromEntries(
    caps.entries.map((e) => {
      let s: Structure = e.structure;
      for (const [n, v] of ANY_SIZE) s = setField(s, n, v);
      if (getField(s, 'pixel-aspect-ratio') === undefined) s = setField(s, 'pixel-aspect-ratio', fraction(1, 1));
      s = { name: s.name, fields: s.fields.filter((f) => f.name !== 'colorimetry' && f.name !== 'chroma-site' && f.name !== 'format') };
      return { structure: s, features: e.features };
    }),
  );
}

const padNumber = (el: ElementNode, pad: string, prop: string): number => {
  const raw = el.padProperties[pad]?.[prop];
  const n = raw === undefined ? 0 : Number(raw.trim());
  return Number.isFinite(n) ? Math.trunc(n) : 0;
};

interface PadInfo {
  readonly pad: PadNode;
  readonly s: Structure;
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly fps: { num: number; den: number };
  readonly par: Value;
  readonly interlace: string;
}

function padInfo(pad: PadNode, caps: Caps): PadInfo | null {
  if (caps.size !== 1) return null;
  const s = caps.structure(0);
  const format = firstString(getField(s, 'format'));
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  if (format === null || w?.kind !== 'int' || h?.kind !== 'int') return null;
  const fps = getField(s, 'framerate');
  const im = getField(s, 'interlace-mode');
  return {
    pad,
    s,
    format,
    width: w.value,
    height: h.value,
    fps: fps?.kind === 'fraction' ? { num: fps.num, den: fps.den } : { num: 0, den: 1 },
    par: getField(s, 'pixel-aspect-ratio') ?? fraction(1, 1),
    interlace: im?.kind === 'string' && im.value !== null ? im.value : 'progressive',
  };
}

const hasAlpha = (format: string): boolean => ((videoFormatInfo(format)?.flags ?? 0) & VIDEO_FLAG.ALPHA) !== 0;

/** gst_video_info_to_caps of gst_video_info_set_format(format, w, h) with the fps and par set afterwards */
function infoCaps(format: string, width: number, height: number, par: Value, fps: { num: number; den: number }): Caps {
  const colour = videoInfoColour(format, height, undefined, undefined);
  const fields: { name: string; value: Value }[] = [
    { name: 'format', value: sval(format) },
    { name: 'width', value: { kind: 'int', value: width } },
    { name: 'height', value: { kind: 'int', value: height } },
    { name: 'interlace-mode', value: sval('progressive') },
    { name: 'pixel-aspect-ratio', value: par },
  ];
  if (colour.chromaSite !== null) fields.push({ name: 'chroma-site', value: sval(colour.chromaSite) });
  if (colour.colorimetry !== null) fields.push({ name: 'colorimetry', value: sval(colour.colorimetry) });
  fields.push({ name: 'framerate', value: fraction(fps.num, fps.den) });
  return single({ name: 'video/x-raw', fields }, null);
}

class VideoMixer2 extends Aggregator {
  override readonly pure = { caps: false, accept: false };

  protected override *sinkQueryCaps(_host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    const src = pad.element.srcPads()[0];
    const templ = src?.template ?? pad.template;
    const srccaps = loosened(src?.caps ?? templ);
    const filtered = filter === null ? srccaps : intersectZigzag(srccaps, filter);
    return intersectZigzag(filtered, templ);
  }

  override *acceptCaps(host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    if (pad.direction === 'src') return yield* super.acceptCaps(host, pad, caps);
    const src = pad.element.srcPads()[0];
    return caps.canIntersect(loosened(src?.caps ?? src?.template ?? pad.template));
  }

  protected override output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const el = sink.element;
    const current = (p: PadNode): Caps | null => (p === sink ? caps : p.caps);
    const infos: PadInfo[] = [];
    for (const p of el.sinkPads()) {
      const c = current(p);
      if (c === null) continue;
      const info = padInfo(p, c);
      if (info === null) return null;
      infos.push(info);
    }
    // setcaps: the mix keeps one pixel aspect ratio and interlacing
    const mine = infos.find((i) => i.pad === sink);
    const first = infos.find((i) => i.pad !== sink);
    if (mine !== undefined && first !== undefined && (mine.interlace !== first.interlace || JSON.stringify(mine.par) !== JSON.stringify(first.par))) {
      return { ok: false, error: host.notNegotiated(sink, `${el.name}: ${sink.name}'s pixel-aspect-ratio or interlace-mode differs from the mix's`) };
    }
    // collectpads: nothing is pushed before every sink pad has caps
    if (el.sinkPads().some((p) => current(p) === null)) return { ok: true, pushes: [] };
    // update_converters
    const downstream = src.peer === null ? src.template : intersectFirst(run(host, peerQueryCaps(src, src.template)), src.template);
    if (downstream.isEmpty()) return Caps.EMPTY;
    let needAlpha = false;
    let atLeastOneAlpha = false;
    let best: PadInfo | null = null;
    let bestCount = 0;
    const counts = new Map<string, number>();
    for (const i of infos) {
      const alpha = hasAlpha(i.format);
      if (alpha) atLeastOneAlpha = true;
      if (needAlpha && !alpha) continue;
      const colour = videoInfoColour(i.format, i.height, getField(i.s, 'colorimetry'), getField(i.s, 'chroma-site'));
      const possible: { name: string; value: Value }[] = [{ name: 'format', value: sval(i.format) }];
      if (colour.chromaSite !== null) possible.push({ name: 'chroma-site', value: sval(colour.chromaSite) });
      if (colour.colorimetry !== null) possible.push({ name: 'colorimetry', value: sval(colour.colorimetry) });
      if (!downstream.canIntersect(single({ name: 'video/x-raw', fields: possible }, null))) continue;
      const n = (counts.get(i.format) ?? 0) + 1;
      counts.set(i.format, n);
      if (!needAlpha && alpha) {
        needAlpha = true;
        best = i;
        bestCount = n;
      } else if (n > bestCount) {
        best = i;
        bestCount = n;
      }
    }
    let format: string | null = best?.format ?? null;
    let par: Value = best?.par ?? fraction(1, 1);
    if (best === null) {
      const fixed = downstream.isAny() ? null : downstream.fixate();
      if (fixed === null || fixed.isEmpty()) return null;
      format = firstString(getField(fixed.structure(0), 'format'));
      par = getField(fixed.structure(0), 'pixel-aspect-ratio') ?? fraction(1, 1);
    }
    if (format === null) return null;
    if (atLeastOneAlpha && !hasAlpha(format)) return { ok: false, error: host.notNegotiated(src, `${el.name}: at least one of the input pads contains alpha, but downstream can't support alpha`) };
    // update_src_caps
    let width = -1;
    let height = -1;
    let fps = { num: -1, den: -1 };
    let bestFps = -1;
    for (const i of infos) {
      if (i.width === 0 || i.height === 0) continue;
      width = Math.max(width, i.width + Math.max(padNumber(el, i.pad.name, 'xpos'), 0));
      height = Math.max(height, i.height + Math.max(padNumber(el, i.pad.name, 'ypos'), 0));
      const cur = i.fps.den === 0 ? 0 : i.fps.num / i.fps.den;
      if (bestFps < cur) {
        bestFps = cur;
        fps = i.fps;
      }
    }
    if (fps.num <= 0 || fps.den <= 0 || bestFps === 0) fps = { num: 25, den: 1 };
    if (width <= 0 || height <= 0) return { ok: true, pushes: [] };
    let out = infoCaps(format, width, height, par, fps);
    const peer = src.peer === null ? null : run(host, peerQueryCaps(src, null));
    if (peer !== null && !peer.canIntersect(out)) {
      let loose = out.structure(0);
      for (const [n, v] of ANY_SIZE) loose = setField(loose, n, v);
      const met = single(loose, null).intersect(peer, 'zigzag');
      if (met.isEmpty()) return Caps.EMPTY;
      let s: Structure | null = met.structure(0);
      s = fixateFieldNearestInt(s, 'width', width) ?? s;
      s = fixateFieldNearestInt(s, 'height', height) ?? s;
      const w = getField(s, 'width');
      const h = getField(s, 'height');
      // the framerate is read from a field named "fraction": it stays the chosen one
      out = infoCaps(format, w?.kind === 'int' ? w.value : width, h?.kind === 'int' ? h.value : height, par, fps);
    }
    return out;
  }
}

/**
 * gst_videomixer2_request_new_pad: sink_N with N from next_sinkpad, or the number a `sink_N` request asks for
 * (which raises next_sinkpad past it): `m.sink_4` then `m.` gives sink_4, sink_5
 */
const mixerPadName: RequestPadNaming = (el, _template, requested) => {
  const next = el.requestCounters.get('\0next_sinkpad') ?? 0;
  if (requested === null || requested.length < 6 || !requested.startsWith('sink_')) {
    el.requestCounters.set('\0next_sinkpad', next + 1);
    return `sink_${String(next)}`;
  }
  // g_ascii_strtoull: the leading digits (none: 0)
  const serial = Number(/^\d*/.exec(requested.slice(5))?.[0] || '0');
  if (serial >= next) el.requestCounters.set('\0next_sinkpad', serial + 1);
  return `sink_${String(serial)}`;
};

/** collectpads on every sink pad */
export const videomixer = new VideoMixer2({ collect: true, standalone: true, requestPadName: mixerPadName });
