/**
 * Subtitle and caption overlays of 1.22 outside GstBaseTextOverlay (plain GstElements with always video_sink,
 * subtitle sink and src pads) whose video path negotiates with a copy of basetextoverlay's code: the video
 * goes on without subtitle input; the subtitle pad only adds what is drawn. The copies differ in what
 * they do when downstream takes the caps with meta:GstVideoOverlayComposition but does not propose the
 * meta in the ALLOCATION query:
 * - assrender (gst_ass_render_negotiate): basetextoverlay's, as it is;
 * - cc708overlay, ttmlrender (gst_cea_cc_overlay_negotiate, gst_ttml_render_negotiate): the plain caps
 *   replace them, and fail when it cannot blend into them (memory:DMABuf: not-negotiated);
 * - dvbsuboverlay (gst_dvbsub_overlay_negotiate, _setcaps_video): the caps with the meta stay, and fail
 *   when it cannot blend into the input.
 */
import type { Caps } from '../../../caps/index.js';
import type { ModelHost, PadNode } from '../../engine/model.js';
import { peerQueryCaps, run } from '../../engine/query.js';
import type { Output } from '../../base/output.js';
import { BaseTextOverlay, OVERLAY_META_API, blendCaps, hasOverlayMeta, overlayVideoSink, withOverlayMeta } from '../../base/textoverlay.js';

/** the overlay's negotiate up to the ALLOCATION answer: null when it stops there (text pad, or caps refused) */
function negotiateMeta(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): { overlayCaps: Caps; attach: boolean; canBlend: boolean } | Output {
  if (sink !== overlayVideoSink(sink.element)) return { ok: true, pushes: [] };
  if (caps.entries[0] === undefined || hasOverlayMeta(caps)) return caps;
  const canBlend = caps.isSubset(blendCaps(sink));
  const withMeta = withOverlayMeta(caps);
  // downstream's CAPS answer decides whether the meta is tried at all
  const overlayCaps = run(host, peerQueryCaps(src, withMeta)).isEmpty() ? caps : withMeta;
  const refused = host.pushCaps(src, overlayCaps);
  if (refused !== null) return { ok: false, error: refused };
  const attach = overlayCaps !== caps && host.allocationMetas(src, overlayCaps).includes(OVERLAY_META_API);
  return { overlayCaps, attach, canBlend };
}

const isStep = (r: ReturnType<typeof negotiateMeta>): r is { overlayCaps: Caps; attach: boolean; canBlend: boolean } =>
  r !== null && typeof r === 'object' && 'attach' in r;

/** cc708overlay, ttmlrender: without the meta downstream the plain caps replace the meta caps */
export class FallbackOverlay extends BaseTextOverlay {
  protected override output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const step = negotiateMeta(host, sink, src, caps);
    if (!isStep(step)) return step;
    if (step.attach) return { ok: true, pushes: [] };
    if (!step.canBlend) {
      if (step.overlayCaps !== caps) host.pushCaps(src, caps);
      return { ok: false, error: host.notNegotiated(src, `${sink.element.name}: cannot blend into ${caps.toString()} and downstream does not propose the overlay meta`) };
    }
    return caps;
  }
}

/** dvbsuboverlay: the caps set on src stay; without the meta downstream, caps it cannot blend into fail */
export class KeepMetaOverlay extends BaseTextOverlay {
  protected override output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const step = negotiateMeta(host, sink, src, caps);
    if (!isStep(step)) return step;
    if (!step.attach && !step.canBlend) {
      return { ok: false, error: host.notNegotiated(src, `${sink.element.name}: cannot blend into ${caps.toString()} and downstream does not propose the overlay meta`) };
    }
    return { ok: true, pushes: [] };
  }
}

export const assrender = new BaseTextOverlay({ standalone: true });
export const cc708overlay = new FallbackOverlay({ standalone: true });
export const ttmlrender = new FallbackOverlay({ standalone: true });
export const dvbsuboverlay = new KeepMetaOverlay({ standalone: true });
