/**
 * GstBaseTextOverlay (and overlaycomposition, which negotiates with the same code): video passes from
 * video_sink to src, with meta:GstVideoOverlayComposition added when it attaches the overlay instead of
 * blending it (gst_base_text_overlay_negotiate); the text pad only adds what is drawn.
 */
import { Caps } from '../../caps/index.js';
import type { AllocationHost, AllocationSend, ModelHost } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { peerQueryCaps, run } from '../engine/query.js';
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

  /**
   * gst_base_text_overlay_negotiate: caps that already carry the overlay meta go on (attach). Else, when
   * downstream's CAPS answer for the caps with the meta added is not empty, those caps are set at once and an
   * ALLOCATION query asks whether downstream takes the meta: attach when it does, or when the overlay cannot
   * blend into these caps (not system memory in a blend format: memory:DMABuf), else the plain caps replace
   * them. Without the meta downstream, caps it cannot blend into fail.
   */
  protected output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    if (sink !== overlayVideoSink(sink.element)) return { ok: true, pushes: [] };
    const first = caps.entries[0];
    if (first === undefined) return caps;
    if (first.features !== null && !first.features.any && first.features.names.includes(OVERLAY_META_FEATURE)) return caps;
    const overlayCaps = withOverlayMeta(caps);
    const canBlend = caps.isSubset(blendCaps(sink));
    if (run(host, peerQueryCaps(src, overlayCaps)).isEmpty()) {
      return canBlend ? caps : { ok: false, error: host.notNegotiated(src, `${sink.element.name}: cannot blend into ${caps.toString()} and downstream does not take ${OVERLAY_META_FEATURE}`) };
    }
    const refused = host.pushCaps(src, overlayCaps);
    if (host.allocationMetas(src, overlayCaps).includes(OVERLAY_META_API) || !canBlend) {
      return refused === null ? { ok: true, pushes: [] } : { ok: false, error: refused };
    }
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
    const withMeta = withFeature(src.caps, OVERLAY_META_FEATURE);
    if (withMeta !== src.caps && host.peerCaps !== null && host.peerCaps(src, withMeta).isEmpty()) return null;
    return { caps: withMeta, needPool: false, decide: false };
  }
}

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

export const OVERLAY_META_FEATURE = 'meta:GstVideoOverlayComposition';
export const OVERLAY_META_API = 'GstVideoOverlayCompositionMetaAPI';
const SYSTEM_MEMORY = 'memory:SystemMemory';

/** whether the first structure already carries the overlay meta (upstream uses it: the overlay can only attach) */
export function hasOverlayMeta(caps: Caps): boolean {
  const f = caps.entries[0]?.features;
  return f !== null && f !== undefined && !f.any && f.names.includes(OVERLAY_META_FEATURE);
}

/** gst_caps_features_add on the first structure's features (NULL features are memory:SystemMemory) */
export function withOverlayMeta(caps: Caps): Caps {
  const first = caps.entries[0];
  if (first === undefined) return caps;
  const names = first.features === null || first.features.any ? [SYSTEM_MEMORY] : first.features.names;
  return Caps.fromEntries([{ structure: first.structure, features: { any: false, names: [...names, OVERLAY_META_FEATURE] } }, ...caps.entries.slice(1)]);
}

/** the caps it blends into: its video sink template's system-memory structures (the blend formats) */
export function blendCaps(sink: PadNode): Caps {
  const t = sink.template;
  if (t.isAny()) return t;
  return Caps.fromEntries(t.entries.filter((e) => e.features === null || (!e.features.any && e.features.names.every((n) => n === SYSTEM_MEMORY))));
}

/** the overlay's video input: video_sink (GstBaseTextOverlay), else the first sink taking raw video */
export function overlayVideoSink(el: ElementNode): PadNode | undefined {
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

