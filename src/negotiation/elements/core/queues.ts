/**
 * Elements whose pads proxy CAPS (GST_PAD_FLAG_PROXY_CAPS: queues, selectors, valve) and tee: which pads a
 * query crosses to is all that differs between them.
 */
import { counterIgnoringName } from '../../base/element.js';
import { ProxyPads, Tee } from '../../base/proxy.js';

export const queue = new ProxyPads();
export const queue2 = new ProxyPads();
// its src pad does not proxy CAPS queries; request pads asked for without a name are funnelpad0, funnelpad1 …
export const funnel = new ProxyPads({ pads: 'sink-to-src', defaultPadName: 'funnelpad' });
export const inputSelector = new ProxyPads({ pads: 'active-sink', requestPadName: counterIgnoringName });
export const outputSelector = new ProxyPads();
// sink_N and src_N are one queue
export const multiqueue = new ProxyPads({ pads: 'pairs' });
export const streamsynchronizer = new ProxyPads({ pads: 'pairs' });
export const tee = new Tee();
// both pads GST_PAD_FLAG_PROXY_CAPS, default query and event handlers (drop=true only fails serialized queries)
export const valve = new ProxyPads();
