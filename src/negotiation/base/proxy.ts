/**
 * Elements whose pads proxy CAPS and ACCEPT_CAPS (GST_PAD_FLAG_PROXY_CAPS: queue, queue2, multiqueue,
 * funnel, the selectors) and tee: a query is answered by the peers of the pads it crosses to
 * (gst_pad_proxy_query_caps), a CAPS event goes out on those pads unchanged, and so does a buffer.
 */
import { Caps } from '../../caps/index.js';
import type { CapsEventResult, ModelHost } from '../engine/model.js';
import type { AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { newAllocationQuery, propertyIs } from './allocation.js';
import { intersectZigzag, peerAcceptCaps, peerQueryCaps } from '../engine/query.js';
import type { BehaviourProfile } from '../engine/profile.js';
import { GstElementModel, type ModelOptions } from './element.js';

export interface ProxyOptions extends ModelOptions {
  /** which pads a query or event crosses to (see the profile schema); default: every pad of the other direction */
  readonly pads?: 'all' | 'sink-to-src' | 'pairs' | 'active-sink';
  /** the name GstObject gives a request pad asked for without one (funnel: funnelpad0, funnelpad1 …) */
  readonly defaultPadName?: string;
}

export class ProxyPads extends GstElementModel {
  override readonly profile: BehaviourProfile;
  override readonly tagNeutral: boolean = true;

  constructor(options: ProxyOptions = {}, profile?: BehaviourProfile) {
    super(options);
    this.profile = profile ?? {
      kind: 'proxy',
      ...(options.pads === undefined ? {} : { pads: options.pads }),
      ...(options.defaultPadName === undefined ? {} : { defaultPadName: options.defaultPadName }),
    };
  }

  /** gst_pad_proxy_query_caps: the intersection over the linked internal pads' peers */
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    let acc = filter ?? Caps.ANY;
    let accFrom = 'filter';
    for (const p of pad.element.internalLinks(pad)) {
      if (p.peer === null) continue;
      const answer = yield* peerQueryCaps(p, filter);
      acc = host.inter.zigzag(pad, acc, accFrom, answer, p.peer.id);
      accFrom = accFrom === 'filter' ? p.peer.id : `${accFrom} ∩ ${p.peer.id}`;
      if (acc.isEmpty()) break;
    }
    return intersectZigzag(pad.template, acc);
  }

  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    for (const o of pad.element.internalLinks(pad)) {
      if (o.peer === null) continue;
      if (!(yield* peerAcceptCaps(o, caps))) return false;
    }
    return caps.isSubset(pad.template);
  }

  override setCaps(_host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult {
    return { ok: true, pushes: sink.element.internalLinks(sink).map((s) => ({ pad: s, caps })) };
  }

  override bufferWithoutCaps(_host: ModelHost, sink: PadNode): readonly PadNode[] {
    return sink.element.srcPads();
  }

  // ---- allocation: PROXY_ALLOCATION pads, a serialized query answered in data order downstream ------------
  override setupAllocation(): void {}

  override queryAllocation(_host: AllocationHost, sink: PadNode): PadNode | 'refuse' | 'propose' {
    return pairedSrc(sink) ?? 'refuse';
  }

  override *proposeAllocation(_host: AllocationHost, _sink: PadNode, _q: AllocationQuery): AllocOp<boolean> {
    return false;
  }

  override sendsAllocation(): AllocationSend | null {
    return null;
  }

  override bufferHandling(_host: AllocationHost, _el: ElementNode): BufferHandling {
    return 'forwards';
  }
}

/** The src pad a queue-like element passes a sink pad's data to: its only one, or src_N for sink_N (multiqueue). */
function pairedSrc(sink: PadNode): PadNode | undefined {
  const srcs = sink.element.srcPads();
  if (srcs.length <= 1) return srcs[0];
  const n = /_(\d+)$/.exec(sink.name)?.[1];
  return (n === undefined ? undefined : srcs.find((p) => p.name.endsWith(`_${n}`))) ?? srcs[0];
}

/** tee: a proxy whose src pads are request pads, one branch each */
export class Tee extends ProxyPads {
  constructor(options: ModelOptions = {}) {
    super(options, { kind: 'tee' });
  }

  /** gst_tee_handle_data: no src pad is NOT_LINKED unless allow-not-linked */
  override notLinkedWithoutBranches(el: ElementNode): boolean {
    return el.srcPads().length === 0 && el.properties['allow-not-linked'] !== true;
  }

  override queryAllocation(): 'propose' {
    return 'propose';
  }

  /** gst_tee_sink_query: the query goes down every branch; the answers are aggregated (§3.5) */
  override *proposeAllocation(_host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean> {
    const el = sink.element;
    let size = 0;
    let min = 0;
    let align = 0;
    let prefix = 0;
    let padding = 0;
    let metas: string[] | null = null;
    let answered = 0;
    for (const src of el.srcPads()) {
      if (src.peer === null) {
        if (propertyIs(el, 'allow-not-linked', true)) continue;
        return false;
      }
      const sub = newAllocationQuery(q.caps, false);
      if (!(yield { src, q: sub, from: el })) return false;
      answered++;
      for (const p of sub.params) {
        align = Math.max(align, p.align);
        prefix = Math.max(prefix, p.prefix);
        padding = Math.max(padding, p.padding);
      }
      const first = sub.pools[0];
      if (first !== undefined) {
        size = Math.max(size, first.size);
        min = Math.max(min, first.min);
      }
      metas = metas === null ? [...sub.metas] : metas.filter((m) => sub.metas.includes(m));
    }
    if (answered > 1) min += 1;
    if (align !== 0 || prefix !== 0 || padding !== 0) q.params.push({ allocator: null, flags: 0, align, prefix, padding });
    if (size !== 0) q.pools.push({ pool: null, size, min, max: 0 });
    for (const m of metas ?? []) q.metas.push(m);
    return true;
  }
}
