/**
 * Bins that pick their inside at run time (1.22):
 * - autovideoconvert (gstautovideoconvert.c): a GstBin around autoconvert, which picks among the factories
 *   whose klass holds Filter, Converter and Video. In 1.22's registry these are all GstBaseTransforms
 *   (videoconvert, videoscale, videoconvertscale, glcolorconvert, bayer2rgb, rgb2bayer), so the caps stay
 *   the identity within the templates (as before), and with the same caps on both sides the child runs in
 *   passthrough: the buffers go on untouched (what a memory:DMABuf path needs).
 * - subtitleoverlay: below.
 * - switchbin (gstswitchbin.c): its caps come from its paths; with none (num-paths=0, the default) its CAPS
 *   query fails, so the peer sees ANY, and the caps event finds no compatible path: not-negotiated.
 */
import { Caps } from '../../../caps/index.js';
import type { AllocationHost, BufferHandling, CapsEventResult, ElementNode, ModelHost, Op, PadNode } from '../../engine/model.js';
import { BaseTransform } from '../../base/basetransform.js';
import { templateAnswer } from '../../base/element.js';
import { ProxyPads } from '../../base/proxy.js';
import { intersectZigzag, peerAcceptCaps, peerQueryCaps } from '../../engine/query.js';

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

/**
 * subtitleoverlay (gstsubtitleoverlay.c): a GstBin. Until subtitle caps arrive it links video_sink to src
 * through an identity (_setup_passthrough): queries, caps and buffers go through unchanged. With its
 * subtitle pad linked it plugs a parser and renderer for the subtitle caps, which is not modelled: the
 * video path still answers as the passthrough, and what it does with buffers is unknown.
 */
class SubtitleOverlayBin extends ProxyPads {
  override readonly baseClass: string = 'GstBin';

  private static video(pad: PadNode): boolean {
    return pad.name !== 'subtitle_sink';
  }

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (!SubtitleOverlayBin.video(pad)) return templateAnswer(host, pad, filter);
    const other = pad.direction === 'src' ? pad.element.sinkPads().find(SubtitleOverlayBin.video) : pad.element.srcPads()[0];
    if (other === undefined || other.peer === null) return templateAnswer(host, pad, filter);
    return intersectZigzag(pad.template, yield* peerQueryCaps(other, filter));
  }

  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    const other = !SubtitleOverlayBin.video(pad) ? undefined : pad.direction === 'src' ? pad.element.sinkPads().find(SubtitleOverlayBin.video) : pad.element.srcPads()[0];
    if (other !== undefined && other.peer !== null && !(yield* peerAcceptCaps(other, caps))) return false;
    return caps.isSubset(pad.template);
  }

  override setCaps(_host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult {
    if (!SubtitleOverlayBin.video(sink)) return { ok: true, pushes: [] };
    return { ok: true, pushes: sink.element.srcPads().map((s) => ({ pad: s, caps })) };
  }

  override bufferHandling(_host: AllocationHost, el: ElementNode): BufferHandling {
    return el.sinkPads().some((p) => !SubtitleOverlayBin.video(p) && p.peer !== null) ? 'unknown' : 'forwards';
  }
}

export const subtitleoverlay = new SubtitleOverlayBin();
