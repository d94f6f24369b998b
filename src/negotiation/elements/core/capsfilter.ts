/**
 * capsfilter (GstBaseTransform): transform_caps is `filter ∩ caps property ∩ caps`, no prefer_passthrough;
 * ACCEPT_CAPS is "can intersect the caps property"; a buffer without caps makes it set caps itself from
 * what downstream allows, when that is fixed (§3.4).
 */
import type { ModelHost } from '../../engine/model.js';
import type { Op } from '../../engine/model.js';
import { peerQueryCaps, queryCaps, run } from '../../engine/query.js';
import type { NegotiationError } from '../../types.js';
import { Caps } from '../../../caps/index.js';
import { intersectFirst } from '../../engine/query.js';
import type { ElementNode, PadNode } from '../../engine/model.js';
import { BaseTransform } from '../../base/basetransform.js';
import { capsRelease } from '../../registry/registry.js';

class CapsFilter extends BaseTransform {
  constructor() {
    super({
      algorithm: 'capsfilter',
      preferPassthrough: false,
      needsCaps: false,
      // transform_ip only
      allocation: { inPlace: true },
      // its transform_ip never looks at the buffer: what arrives goes on, as through a proxy pad
      passesBuffersUntouched: true,
      transformCaps(ctx, _dir, caps, filter) {
        const fc = filter === null ? ctx.filterCaps : intersectFirst(filter, ctx.filterCaps);
        return intersectFirst(fc, caps);
      },
    });
  }

  override configure(el: ElementNode): void {
    const c = el.properties['caps'];
    el.filterCaps = typeof c === 'string' ? Caps.fromString(c) : Caps.ANY;
  }

  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    return caps.canIntersect(pad.element.filterCaps ?? Caps.ANY);
  }

  override bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[] {
    const el = sink.element;
    const src = el.srcPads()[0];
    if (src === undefined) return [];
    const mine = run(host, queryCaps(src, null));
    const allowed = src.peer === null ? mine : run(host, peerQueryCaps(src, mine));
    const simple = allowed.simplify(capsRelease(host.registry));
    if (simple.isEmpty() || !simple.isFixed()) {
      return host.notNegotiated(src, `${el.name}: Filter caps do not completely specify the output format (Output caps are unfixed: ${simple.toString()})`);
    }
    const e = host.pushCaps(src, simple);
    return e !== null ? e : [];
  }
}

export const capsfilter = new CapsFilter();
