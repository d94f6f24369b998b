/**
 * GstBaseTextOverlay: video passes from video_sink to src unchanged (the overlay meta is dropped again
 * when downstream does not propose it in the allocation query); the text pad only adds what is drawn.
 */
import { Caps } from '../../caps/index.js';
import type { AllocationHost, AllocationSend, ModelHost } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { peerQueryCaps } from '../engine/query.js';
import { templateAnswer } from './element.js';
import { OutputModel, type Output } from './output.js';

export class BaseTextOverlay extends OutputModel {
  override readonly baseClass: string = 'GstBaseTextOverlay';
  readonly kind = 'text-overlay';

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    const el = pad.element;
    const other = pad.direction === 'src' ? overlayVideoSink(el) : pad === overlayVideoSink(el) ? el.srcPads()[0] : undefined;
    if (other !== undefined) return yield* overlayQueryCaps(host, pad, other, filter);
    return templateAnswer(host, pad, filter);
  }

  protected output(_host: ModelHost, sink: PadNode, _src: PadNode, caps: Caps): Output {
    if (sink !== overlayVideoSink(sink.element)) return { ok: true, pushes: [] };
    return caps;
  }

  /**
   * gst_base_text_overlay_negotiate queries downstream (need_pool FALSE) only to learn whether the overlay
   * composition meta is supported, and decides nothing: only when the caps carry the feature or downstream's
   * CAPS answer for them with it added is not empty
   */
  override sendsAllocation(host: AllocationHost, src: PadNode): AllocationSend | null {
    if (this.proxyAllocation(host, src.element) === null) return super.sendsAllocation(host, src);
    if (src.caps === null) return null;
    const withMeta = withFeature(src.caps, OVERLAY_COMPOSITION_FEATURE);
    if (withMeta !== src.caps && host.peerCaps !== null && host.peerCaps(src, withMeta).isEmpty()) return null;
    return { caps: withMeta, needPool: false, decide: false };
  }
}

const OVERLAY_COMPOSITION_FEATURE = 'meta:GstVideoOverlayComposition';

/** `caps` with `feature` added to every entry that has no ANY features (the same object when all have it). */
function withFeature(caps: Caps, feature: string): Caps {
  let changed = false;
  const entries = caps.entries.map((e) => {
    if (e.features?.any === true || e.features?.names.includes(feature) === true) return e;
    changed = true;
    return { structure: e.structure, features: { any: false, names: [...(e.features?.names ?? []), feature] } };
  });
  return changed ? Caps.fromEntries(entries) : caps;
}

/** the overlay's video input: video_sink (GstBaseTextOverlay), else the first sink taking raw video */
function overlayVideoSink(el: ElementNode): PadNode | undefined {
  const sinks = el.sinkPads();
  return sinks.find((p) => p.name === 'video_sink') ?? sinks.find((p) => !p.template.isAny() && p.template.entries.some((e) => e.structure.name === 'video/x-raw'));
}

/**
 * gst_base_text_overlay_get_videosink_caps / get_src_caps: what the other side's peer allows (its
 * template when that is ANY), filtered. The overlay-meta variants they add meet no caps without that
 * feature, so they are left out.
 */
function* overlayQueryCaps(host: ModelHost, pad: PadNode, other: PadNode, filter: Caps | null): Op<Caps> {
  const peer = yield* peerQueryCaps(other, filter);
  const caps = peer.isAny() ? other.template : peer;
  return filter === null ? caps : host.inter.first1(pad, filter, 'filter', caps, `${pad.element.name} (what its other side allows)`);
}

