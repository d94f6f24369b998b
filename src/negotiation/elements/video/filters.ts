/**
 * Video filters whose transform_caps / fixate_caps differ from basetransform's identity, restated from
 * their GStreamer 1.22 sources (gst-plugins-good alpha, gst-plugins-bad ivtc).
 */
import { Caps, fixateFieldNearestFraction, fraction, getField, removeField, setField, type CapsEntry, type Structure, type Value } from '../../../caps/index.js';
import { intersectFirst, intersectZigzag } from '../../engine/query.js';
import type { AllocationClass, AllocationDecision, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling, Direction, ElementNode, PadNode } from '../../engine/model.js';
import { firstParams, offerVideoPool, OPTION_VIDEO_META, VIDEO_BUFFER_POOL } from '../../base/allocation.js';
import { BaseTransform, type TransformContext, type TransformImpl } from '../../base/basetransform.js';
import { capsFrameSize } from '../../media/video-info.js';
import { i, str } from '../fields.js';

/** GST_VIDEO_CAPS_MAKE (formats): system-memory raw video of any size and rate */
const videoCapsMake = (formats: readonly string[]): Caps =>
  Caps.fromString(`video/x-raw, format=(string){ ${formats.join(', ')} }, width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]`);


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

/**
 * gst_aspect_ratio_transform_structure: a fixed size is cropped (top and bottom, or left and right,
 * equally) to the aspect-ratio property; the inner videocrop gets these crops when the caps arrive.
 */
function aspectRatioCrop(ctx: TransformContext, s: Structure): Structure {
  const m = /^(-?\d+)\/(\d+)$/.exec(String(ctx.properties['aspect-ratio'] ?? '0/1'));
  const arN = m === null ? 0 : Number(m[1]);
  const arD = m === null ? 1 : Number(m[2]);
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  if (arN < 1 || w?.kind !== 'int' || h?.kind !== 'int') return s;
  const par = getField(s, 'pixel-aspect-ratio');
  const [parN, parD] = par?.kind === 'fraction' ? [par.num, par.den] : [1, 1];
  const width = w.value;
  const height = h.value;
  const incoming = (width * parN) / (height * parD);
  const requested = arN / arD;
  if (requested === incoming) return s;
  if (requested > incoming) {
    const crop = Math.abs(Math.trunc(((arD / arN) * (parN / parD) * width - height) / 2));
    return crop >= Math.trunc(height / 2) ? s : setField(s, 'height', i(height - crop * 2));
  }
  const crop = Math.abs(Math.trunc(((arN / arD) * (parD / parN) * height - width) / 2));
  return crop >= Math.trunc(width / 2) ? s : setField(s, 'width', i(width - crop * 2));
}

/**
 * aspectratiocrop (a bin around videocrop): queries see videocrop without crops (caps pass); the
 * caps that arrive set the crops, so the output is the input cropped
 */
const aspectratiocropImpl: TransformImpl = {
  transformCaps: (_ctx, _direction, caps, filter) => filterFirst(caps, filter),
  fixateCaps(ctx, direction, _caps, othercaps) {
    const fixed = othercaps.fixate();
    if (direction !== 'sink' || fixed.isEmpty() || fixed.isAny()) return fixed;
    return mapEntries(fixed, (s) => aspectRatioCrop(ctx, s));
  },
};

let balanceCaps: Caps | undefined;

/**
 * gst_video_balance_transform_caps: with any property off its neutral value the element processes the
 * frames, so only the formats it can process (PROCESSING_CAPS, system memory) remain
 */
const videobalanceImpl: TransformImpl = {
  transformCaps(ctx, _direction, caps, filter) {
    const num = (name: string, neutral: number): number => {
      const v = ctx.properties[name];
      return typeof v === 'number' ? v : neutral;
    };
    const passthrough = num('contrast', 1) === 1 && num('brightness', 0) === 0 && num('hue', 0) === 0 && num('saturation', 1) === 1;
    if (passthrough) return filterFirst(caps, filter);
    balanceCaps ??= videoCapsMake(['AYUV', 'ARGB', 'BGRA', 'ABGR', 'RGBA', 'Y444', 'xRGB', 'RGBx', 'xBGR', 'BGRx', 'RGB', 'BGR', 'Y42B', 'YUY2', 'UYVY', 'YVYU', 'I420', 'YV12', 'IYUV', 'Y41B', 'NV12', 'NV21']);
    return filterFirst(intersectZigzag(caps, balanceCaps), filter);
  },
};

const ANY_RATE: Value = { kind: 'fraction-range', min: { num: 0, den: 1 }, max: { num: 2147483647, den: 1 } };

/** gst_image_freeze_remove_fps: any framerate (the field moves to the end) */
const anyRate = (s: Structure): Structure => setField(removeField(s, 'framerate'), 'framerate', ANY_RATE);

/**
 * imagefreeze (a GstElement, modelled on basetransform without passthrough): both pads answer what the
 * other side's peer allows with any framerate; the output keeps a fixed framerate downstream insists
 * on, else the nearest to 25/1 (gst_image_freeze_sink_setcaps)
 */
const imagefreezeImpl: TransformImpl = {
  // gst_image_freeze_query_caps hands the filter (any framerate) to the peer and does not apply it again
  transformCaps: (_ctx, _direction, caps) => mapEntries(caps, anyRate),
  fixateCaps(_ctx, _direction, _caps, othercaps) {
    if (othercaps.isAny() || othercaps.isEmpty()) return othercaps.fixate();
    const s = othercaps.structure(0);
    const fps = getField(s, 'framerate');
    const fixed = fps?.kind === 'fraction' ? s : (fixateFieldNearestFraction(s, 'framerate', 25, 1) ?? s);
    return Caps.fromEntries([{ structure: fixed, features: othercaps.entries[0]!.features }]).fixate();
  },
};

/** gst_fraction_double: a rate doubled (or halved), saturating at G_MAXINT */
function doubleRate(v: Value, half: boolean): Value {
  const one = (n: number, d: number): { num: number; den: number } => {
    if (d === 0 || n === 0) return { num: n, den: d };
    if (half) return 1073741823 >= d ? { num: n, den: d * 2 } : n >= 2 && n !== 2147483647 ? { num: Math.trunc(n / 2), den: d } : { num: n, den: 2147483647 };
    return 1073741823 >= n ? { num: n * 2, den: d } : d >= 2 && d !== 2147483647 ? { num: n, den: Math.trunc(d / 2) } : { num: 2147483647, den: d };
  };
  if (v.kind === 'fraction') {
    const r = one(v.num, v.den);
    return fraction(r.num, r.den);
  }
  if (v.kind === 'fraction-range') return { kind: 'fraction-range', min: one(v.min.num, v.min.den), max: one(v.max.num, v.max.den) };
  if (v.kind === 'list') return { kind: 'list', items: v.items.map((i) => doubleRate(i, half)) };
  return v;
}

/** the deinterlace property `mode` (GstDeinterlaceMode: auto, interlaced, disabled, auto-strict) */
function deinterlaceMode(ctx: TransformContext): 'auto' | 'interlaced' | 'disabled' {
  const v = String(ctx.properties['mode'] ?? 'auto');
  return v === 'interlaced' || v === '1' ? 'interlaced' : v === 'disabled' || v === '2' ? 'disabled' : 'auto';
}

/** DEINTERLACE_CAPS: the formats it deinterlaces, in system memory (its template's structures without features) */
const deinterlaceCaps = (ctx: TransformContext): Caps =>
  ctx.templates.sink.isAny() ? ctx.templates.sink : Caps.fromEntries(ctx.templates.sink.entries.filter((e) => e.features === null));

/**
 * deinterlace (gst_deinterlace_getcaps / gst_deinterlace_setcaps, 1.22). mode=auto (fields all): progressive
 * input passes through; interlaced input comes out progressive at twice the rate; its sink pad answers the
 * progressive caps first, then the interlaced ones at half the rate. mode=disabled: everything passes
 * through. mode=interlaced: both pads answer only what it deinterlaces (system memory, its formats: a
 * memory:DMABuf stream does not link), and the output is always deinterlaced: the input made progressive,
 * field-order dropped, at twice the rate unless `fields` picks top or bottom fields (fields=auto, which
 * chooses from downstream's caps, is taken as all).
 */
const deinterlaceImpl: TransformImpl = {
  fixateCaps(ctx, direction, caps, othercaps) {
    if (direction !== 'sink' || deinterlaceMode(ctx) !== 'interlaced' || caps.isAny() || caps.isEmpty()) return othercaps.fixate();
    const fields = String(ctx.properties['fields'] ?? 'all');
    const single = fields === 'top' || fields === 'bottom' || fields === '1' || fields === '2';
    const e = caps.entries[0]!;
    let st = e.structure;
    const fps = getField(st, 'framerate');
    if (!single && fps !== undefined) st = setField(st, 'framerate', doubleRate(fps, false));
    st = removeField(setField(st, 'interlace-mode', str('progressive')), 'field-order');
    return Caps.fromEntries([{ structure: st, features: e.features }]);
  },
  transformCaps(ctx, direction, caps, filter) {
    const mode = deinterlaceMode(ctx);
    if (mode === 'disabled') return filterFirst(caps, filter);
    if (mode === 'interlaced') return filterFirst(intersectFirst(caps, deinterlaceCaps(ctx)), filter);
    if (caps.isAny() || caps.isEmpty()) return filterFirst(caps, filter);
    const out: CapsEntry[] = [];
    for (const e of caps.entries) {
      const s = e.structure;
      if (direction === 'src') {
        out.push({ structure: setField(s, 'interlace-mode', str('progressive')), features: e.features });
        let il = setField(s, 'interlace-mode', { kind: 'list', items: [str('interleaved'), str('mixed')] });
        const fps = getField(il, 'framerate');
        if (fps !== undefined) il = setField(il, 'framerate', doubleRate(fps, true));
        out.push({ structure: il, features: e.features });
      } else {
        const im = getField(s, 'interlace-mode');
        if (im === undefined || (im.kind === 'string' && im.value === 'progressive')) {
          out.push(e);
          continue;
        }
        let p = setField(s, 'interlace-mode', str('progressive'));
        const fps = getField(p, 'framerate');
        if (fps !== undefined) p = setField(p, 'framerate', doubleRate(fps, false));
        out.push({ structure: p, features: e.features });
      }
    }
    return filterFirst(Caps.fromEntries(out), filter);
  },
};


// GstVideoFilter / GstBaseTransform subclasses with set_caps; deinterlace and imagefreeze are plain
// GstElements that do the same (imagefreeze's output is its own: nothing prefers passthrough)
/**
 * deinterlace: a plain GstElement with its own ALLOCATION code (gstdeinterlace.c): in passthrough its sink
 * pad forwards the query, else it proposes a video pool; its setcaps queries downstream either way.
 */
class Deinterlace extends BaseTransform {
  override get allocationClass(): AllocationClass {
    return 'GstElement';
  }
  override readonly forwardingKeepsNothing: boolean = false;

  override setupAllocation(): void {}

  override queryAllocation(_host: AllocationHost, sink: PadNode): PadNode | 'refuse' | 'propose' {
    return deinterlacePassthrough(sink.element) ? (sink.element.srcPads()[0] ?? 'refuse') : 'propose';
  }

  /** gst_deinterlace_propose_allocation: a video pool (size, 0, 0) and GstVideoMeta, no params */
  override *proposeAllocation(host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean> {
    offerVideoPool(host, sink.element, q, false);
    return true;
  }

  override forwardedAllocation(): void {}

  override sendsAllocation(_host: AllocationHost, src: PadNode): AllocationSend | null {
    return src.caps === null ? null : { caps: src.caps, needPool: true, decide: true };
  }

  /**
   * gst_deinterlace_do_bufferpool: downstream's first pool or a video pool of its own (at least 4 buffers,
   * for the fields the method looks at), always with the VideoMeta option; none in passthrough
   */
  override decideAllocation(_host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision {
    const { allocator, params } = firstParams(q);
    if (deinterlacePassthrough(el)) return { pool: null, allocator, params };
    const entry = q.pools[0];
    const size = entry?.size ?? capsFrameSize(q.caps) ?? 0;
    return { pool: { pool: entry?.pool ?? VIDEO_BUFFER_POOL, size, min: entry?.min ?? 4, max: entry?.max ?? 0, options: [OPTION_VIDEO_META] }, allocator, params };
  }

  override bufferHandling(_host: AllocationHost, el: ElementNode): BufferHandling {
    return deinterlacePassthrough(el) ? 'forwards' : 'allocates';
  }
}

/** gst_deinterlace_update_passthrough: mode disabled, or auto on progressive input */
function deinterlacePassthrough(el: ElementNode): boolean {
  const mode = String(el.properties['mode'] ?? 'auto');
  if (mode === 'disabled' || mode === '2') return true;
  if (mode === 'interlaced' || mode === '1') return false;
  const s = el.sinkPads()[0]?.caps?.structure(0);
  const interlace = s === undefined ? undefined : getField(s, 'interlace-mode');
  return interlace === undefined || (interlace.kind === 'string' && interlace.value === 'progressive');
}

export const deinterlace = new Deinterlace({ algorithm: 'deinterlace', baseClass: 'GstElement', preferPassthrough: false, ...deinterlaceImpl });
export const imagefreeze = new BaseTransform({ algorithm: 'imagefreeze', baseClass: 'GstElement', preferPassthrough: false, ownOutput: true, ...imagefreezeImpl });
export const videobalance = new BaseTransform({ algorithm: 'videobalance', baseClass: 'GstVideoFilter', ...videobalanceImpl });
export const alpha = new BaseTransform({ algorithm: 'alpha', baseClass: 'GstVideoFilter', ...alphaImpl });
export const alphacolor = new BaseTransform({ algorithm: 'alphacolor', baseClass: 'GstVideoFilter', ...alphacolorImpl });
export const smptealpha = new BaseTransform({ algorithm: 'smptealpha', baseClass: 'GstVideoFilter', ...smptealphaImpl });
export const combdetect = new BaseTransform({ algorithm: 'combdetect', baseClass: 'GstVideoFilter', transformCaps: deinterlaceTransform(false) });
export const ivtc = new BaseTransform({ algorithm: 'ivtc', ...ivtcImpl });
export const aspectratiocrop = new BaseTransform({ algorithm: 'aspectratiocrop', baseClass: 'GstBin', ...aspectratiocropImpl });
