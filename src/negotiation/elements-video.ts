/**
 * Video filters whose transform_caps / fixate_caps differ from basetransform's identity, restated from
 * their GStreamer 1.22 sources (gst-plugins-good alpha, gst-plugins-bad ivtc). Each is registered as a
 * transform algorithm (transforms.ts) and selected by a built-in profile (profiles.ts).
 */
import { Caps, fraction, getField, removeField, setField, type CapsEntry, type Structure, type Value } from '../caps/index.js';
import type { Direction } from './engine.js';
import { intersectFirst, intersectZigzag } from './engine.js';
import type { TransformContext, TransformImpl } from './transforms.js';

/** GST_VIDEO_CAPS_MAKE (formats): system-memory raw video of any size and rate */
const videoCapsMake = (formats: readonly string[]): Caps =>
  Caps.fromString(`video/x-raw, format=(string){ ${formats.join(', ')} }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]`);

const str = (value: string): Value => ({ kind: 'string', value });

function mapEntries(caps: Caps, f: (s: Structure) => Structure): Caps {
  if (caps.isAny() || caps.isEmpty()) return caps;
  return Caps.fromEntries(caps.entries.map((e: CapsEntry) => ({ structure: f(e.structure), features: e.features })));
}

/** the fields a format conversion makes meaningless (gst_structure_remove_field × 3) */
const withoutFormat = (s: Structure): Structure => removeField(removeField(removeField(s, 'format'), 'colorimetry'), 'chroma-site');

const filterFirst = (ret: Caps, filter: Caps | null): Caps => (filter === null ? ret : intersectFirst(filter, ret));

let alphaCaps: Caps | undefined;

/**
 * gst_alpha_transform_caps: any input format becomes one of the alpha formats; towards the sink any
 * format is possible. prefer-passthrough (with method=set, alpha=1.0) offers the input caps first.
 */
const alphaImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny()) return filterFirst(caps, filter);
    const stripped = mapEntries(caps, withoutFormat);
    let ret = stripped;
    if (direction === 'sink') {
      alphaCaps ??= videoCapsMake(['AYUV', 'ARGB', 'BGRA', 'ABGR', 'RGBA']);
      ret = intersectZigzag(stripped, alphaCaps);
      const method = ctx.properties['method'];
      const alpha = ctx.properties['alpha'];
      const passthrough = ctx.properties['prefer-passthrough'] === true && (method === undefined || method === 'set') && (alpha === undefined || alpha === 1);
      if (passthrough) ret = caps.append(ret);
    }
    return filterFirst(ret, filter);
  },
};

/** gst_alpha_color_transform_caps: formats open up to the other pad's template (RGBA, BGRA, ARGB, ABGR, AYUV) */
const alphacolorImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny()) return filterFirst(caps, filter);
    const local = mapEntries(caps, (s) => ({ ...withoutFormat(s), name: 'video/x-raw' }));
    const templ = direction === 'sink' ? ctx.templates.src : ctx.templates.sink;
    return filterFirst(intersectZigzag(local, templ).simplify(), filter);
  },
};

/** smptealpha's format step: I420 and AYUV stand for each other (it converts I420 into AYUV) */
function smpteAlphaFormat(s: Structure): Structure {
  const v = getField(s, 'format');
  if (v?.kind === 'list') {
    const has = (f: string): boolean => v.items.some((i) => i.kind === 'string' && i.value === f);
    const ayuv = has('AYUV');
    const i420 = has('I420');
    if (ayuv !== i420) return setField(s, 'format', { kind: 'list', items: [...v.items, str(ayuv ? 'I420' : 'AYUV')] });
    return s;
  }
  if (v?.kind === 'string') {
    if (v.value === 'AYUV' || v.value === 'I420') return setField(s, 'format', { kind: 'list', items: [str('AYUV'), str('I420')] });
    return s;
  }
  return removeField(s, 'format');
}

/** gst_smpte_alpha_transform_caps: the format step, then the other pad's template, simplified */
const smptealphaImpl: TransformImpl = {
  transformCaps(ctx, direction, caps, filter) {
    if (caps.isAny()) return filterFirst(caps, filter);
    const tmp = mapEntries(caps, (s) => removeField(removeField(smpteAlphaFormat(s), 'colorimetry'), 'chroma-site'));
    const templ = direction === 'sink' ? ctx.templates.src : ctx.templates.sink;
    return filterFirst(intersectZigzag(tmp, templ).simplify(), filter);
  },
};

const INTERLACE_MODES: Value = { kind: 'list', items: [str('interleaved'), str('mixed'), str('progressive')] };

/**
 * gst_comb_detect_transform_caps / gst_ivtc_transform_caps: the output is progressive, the input any of
 * interleaved, mixed, progressive; ivtc also frees the framerate (it decides its own, fixate below).
 */
function deinterlaceTransform(dropsFramerate: boolean): TransformImpl['transformCaps'] {
  return (_ctx: TransformContext, direction: Direction, caps: Caps, filter: Caps | null) => {
    if (caps.isAny()) return filter === null ? caps : intersectZigzag(caps, filter);
    const ret = mapEntries(caps, (s) => {
      s = setField(s, 'interlace-mode', direction === 'src' ? INTERLACE_MODES : str('progressive'));
      return dropsFramerate ? removeField(s, 'framerate') : s;
    });
    return filter === null ? ret : intersectZigzag(ret, filter);
  };
}

/** gst_ivtc_fixate_caps: towards src the framerate is film rate, 24000/1001 for NTSC input, else 24/1 */
const ivtcImpl: TransformImpl = {
  transformCaps: deinterlaceTransform(true),
  fixateCaps(_ctx, direction, caps, othercaps) {
    if (direction === 'sink' && !othercaps.isAny() && !othercaps.isEmpty()) {
      const fps = getField(caps.structure(0), 'framerate');
      const ntsc = fps?.kind === 'fraction' && fps.num === 30000 && fps.den === 1001;
      const rate = ntsc ? fraction(24000, 1001) : fraction(24, 1);
      othercaps = mapEntries(othercaps, (s) => setField(s, 'framerate', rate));
    }
    return othercaps.fixate();
  },
};

export const VIDEO_TRANSFORM_ALGORITHMS = ['alpha', 'alphacolor', 'smptealpha', 'combdetect', 'ivtc'] as const;
export type VideoTransformAlgorithm = (typeof VIDEO_TRANSFORM_ALGORITHMS)[number];

export const VIDEO_TRANSFORMS: Record<VideoTransformAlgorithm, TransformImpl> = {
  alpha: alphaImpl,
  alphacolor: alphacolorImpl,
  smptealpha: smptealphaImpl,
  combdetect: { transformCaps: deinterlaceTransform(false) },
  ivtc: ivtcImpl,
};

/** the built-in profiles of these elements (GstVideoFilter / GstBaseTransform subclasses with set_caps) */
export const VIDEO_PROFILES: Record<string, unknown> = Object.fromEntries(
  VIDEO_TRANSFORM_ALGORITHMS.map((a) => [a, { kind: 'transform', algorithm: a, preferPassthrough: true, needsCaps: true }]),
);
