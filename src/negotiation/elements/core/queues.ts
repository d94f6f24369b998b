/**
 * Elements whose pads proxy CAPS (GST_PAD_FLAG_PROXY_CAPS: queues, selectors, valve) and tee: which pads a
 * query crosses to is all that differs between them.
 */
import { Caps } from '../../../caps/index.js';
import { counterIgnoringName, templateAnswer } from '../../base/element.js';
import { ProxyPads, Tee } from '../../base/proxy.js';
import type { CapsEventResult, ModelHost, Op, PadNode } from '../../engine/model.js';
import { peerQueryCaps, queryCaps } from '../../engine/query.js';

/**
 * output-selector (gstoutputselector.c): only its sink pad has a query function. A CAPS query there asks the
 * peers of every src pad (pad-negotiation-mode=all, the default: gst_pad_proxy_query_caps), the active pad's
 * peer (active), or nobody (none: the query fails, the asker takes its filter). Its src pads are plain pads
 * (neither PROXY_CAPS nor a query function): they answer their ANY template, so what lies upstream never
 * reaches a branch's link check. Every event but EOS, CAPS included, and every buffer go to the active pad
 * only: the first src pad requested.
 */
class OutputSelector extends ProxyPads {
  constructor() {
    super({ pads: 'sink-to-src', requestPadName: counterIgnoringName });
  }

  private static mode(pad: PadNode): 'none' | 'all' | 'active' {
    const v = String(pad.element.properties['pad-negotiation-mode'] ?? 'all');
    return v === 'none' || v === '0' ? 'none' : v === 'active' || v === '2' ? 'active' : 'all';
  }

  private static active(pad: PadNode): PadNode | null {
    return pad.element.srcPads()[0] ?? null;
  }

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    if (pad.direction === 'src') return templateAnswer(host, pad, filter);
    const mode = OutputSelector.mode(pad);
    if (mode === 'all') return yield* super.queryCaps(host, pad, filter);
    const active = OutputSelector.active(pad);
    // a query the handler answers FALSE: gst_pad_peer_query_caps gives the asker its filter, or ANY
    if (mode === 'none' || active === null) return filter ?? Caps.ANY;
    return yield* peerQueryCaps(active, filter);
  }

  /** gst_pad_query_accept_caps_default on a pad without PROXY_CAPS: a subset of its own CAPS answer */
  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    const allowed = yield* queryCaps(pad, caps);
    return caps.isSubset(allowed);
  }

  override setCaps(_host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult {
    const active = OutputSelector.active(sink);
    return { ok: true, pushes: active === null ? [] : [{ pad: active, caps }] };
  }

  override bufferWithoutCaps(_host: ModelHost, sink: PadNode): readonly PadNode[] {
    return this.bufferPads(sink);
  }

  override bufferPads(sink: PadNode): readonly PadNode[] {
    const active = OutputSelector.active(sink);
    return active === null ? [] : [active];
  }
}

export const queue = new ProxyPads();
export const queue2 = new ProxyPads();
// its src pad does not proxy CAPS queries; request pads asked for without a name are funnelpad0, funnelpad1 …
export const funnel = new ProxyPads({ pads: 'sink-to-src', defaultPadName: 'funnelpad' });
export const inputSelector = new ProxyPads({ pads: 'active-sink', requestPadName: counterIgnoringName });
export const outputSelector = new OutputSelector();
// sink_N and src_N are one queue
export const multiqueue = new ProxyPads({ pads: 'pairs' });
export const streamsynchronizer = new ProxyPads({ pads: 'pairs' });
export const tee = new Tee();
// both pads GST_PAD_FLAG_PROXY_CAPS, default query and event handlers (drop=true only fails serialized queries)
export const valve = new ProxyPads();
