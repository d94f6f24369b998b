/**
 * Bins that pick their inside at run time (1.22):
 * - autovideoconvert (gstautovideoconvert.c): a GstBin around autoconvert, which picks among the factories
 *   whose klass holds Filter, Converter and Video. In 1.22's registry these are all GstBaseTransforms
 *   (videoconvert, videoscale, videoconvertscale, glcolorconvert, bayer2rgb, rgb2bayer), so the caps stay
 *   the identity within the templates (as before), and with the same caps on both sides the child runs in
 *   passthrough: the buffers go on untouched (what a memory:DMABuf path needs).
 * - switchbin (gstswitchbin.c): its caps come from its paths; with none (num-paths=0, the default) its CAPS
 *   query fails, so the peer sees ANY, and the caps event finds no compatible path: not-negotiated.
 */
import { Caps } from '../../../caps/index.js';
import type { AllocationHost, BufferHandling, CapsEventResult, ElementNode, ModelHost, Op, PadNode } from '../../engine/model.js';
import { BaseTransform } from '../../base/basetransform.js';

/** a GstBin whose inside (the child autoconvert picks) is a GstBaseTransform: ALLOCATION and caps are its */
class AutoConvertBin extends BaseTransform {
  /** the child is a GstBaseTransform: passthrough on equal caps; otherwise which child converts is not known */
  override bufferHandling(_host: AllocationHost, el: ElementNode): BufferHandling {
    const sink = el.sinkPads()[0]?.caps;
    const src = el.srcPads()[0]?.caps;
    return sink != null && src != null && sink.isEqual(src) ? 'forwards' : 'unknown';
  }
}

export const autovideoconvert = new AutoConvertBin({ algorithm: 'identity', baseClass: 'GstBin', needsCaps: false, tagNeutral: false });

/**
 * With no path configured. Paths (pathN::caps and their elements) are not modelled: then it answers as
 * before, the identity within its templates, and what it does with buffers is unknown.
 */
class SwitchBin extends BaseTransform {
  override bufferHandling(): BufferHandling {
    return 'unknown';
  }

  private static noPaths(el: ElementNode): boolean {
    return Number(el.properties['num-paths'] ?? 0) === 0;
  }

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    // gst_pad_query_caps of a failed query: the filter, else ANY
    if (SwitchBin.noPaths(pad.element)) return filter ?? Caps.ANY;
    return yield* super.queryCaps(host, pad, filter);
  }

  override setCaps(host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult {
    if (SwitchBin.noPaths(sink.element)) return { ok: false, error: host.notNegotiated(sink, `${sink.element.name}: could not find compatible path (it has no paths)`) };
    return super.setCaps(host, sink, caps);
  }
}

export const switchbin = new SwitchBin({ algorithm: 'identity', baseClass: 'GstBin', needsCaps: false, tagNeutral: false });
