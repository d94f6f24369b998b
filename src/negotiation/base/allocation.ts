/**
 * What the base classes' allocation vmethods share (negotiation-allocation.md §4): the ALLOCATION query's
 * helpers (gst_query_add_allocation_pool / _param / _meta), GstVideoFilter's and its kin's video pool
 * proposal, and the two decide_allocation endings GStreamer's base classes have (downstream's first pool, or
 * a GstVideoBufferPool of at least the frame size).
 */
import type { Caps } from '../../caps/index.js';
import type { AllocationDecision, AllocationHost, AllocationQuery, ElementNode } from '../engine/model.js';
import { capsFrameSize } from '../media/video-info.js';
import type { AllocationParamEntry, AllocationParams, AllocationPool } from '../types.js';

export const VIDEO_META = 'GstVideoMetaAPI';
export const VIDEO_CROP_META = 'GstVideoCropMetaAPI';
export const OVERLAY_COMPOSITION_META = 'GstVideoOverlayCompositionMetaAPI';
export const VIDEO_BUFFER_POOL = 'GstVideoBufferPool';
export const BUFFER_POOL = 'GstBufferPool';
export const OPTION_VIDEO_META = 'GstBufferPoolOptionVideoMeta';

export const ZERO_PARAMS: AllocationParams = { flags: 0, align: 0, prefix: 0, padding: 0 };

export const newAllocationQuery = (caps: Caps, needPool: boolean): AllocationQuery => ({ caps, needPool, pools: [], params: [], metas: [] });

export function paramsOf(p: AllocationParamEntry): AllocationParams {
  return { flags: p.flags, align: p.align, prefix: p.prefix, padding: p.padding };
}

export function propertyIs(el: ElementNode, name: string, value: boolean): boolean {
  return el.properties[name] === value || el.properties[name] === String(value);
}

/** The nearest implementation a model exists for: the element's own one, or the ancestor it chains up to. */
export function knownOwner<T extends string>(owner: string | null | undefined, chain: readonly string[], models: readonly T[]): T | null {
  if (owner === null || owner === undefined) return null;
  for (const t of chain.slice(Math.max(0, chain.indexOf(owner)))) if ((models as readonly string[]).includes(t)) return t as T;
  return null;
}

/** GstVideoFilter / GstVideoEncoder / GstVideoAggregator: a GstVideoBufferPool (caps, info.size, 0, 0), align 15 (not the aggregator), GstVideoMeta */
export function offerVideoPool(host: AllocationHost, el: ElementNode, q: AllocationQuery, params: boolean): void {
  if (q.pools.length === 0) {
    if (params && q.params.length === 0) q.params.push({ allocator: null, flags: 0, align: 15, prefix: 0, padding: 0 });
    const size = capsFrameSize(q.caps);
    if (size !== null) q.pools.push({ pool: VIDEO_BUFFER_POOL, size, min: 0, max: 0 });
    else host.note(`${el.name}: frame size of ${q.caps.toString()} unknown, no pool proposed`);
  }
  q.metas.push(VIDEO_META);
}

/** The answered query's first allocation param: its allocator and params (none: the default allocator, zero params). */
export function firstParams(q: AllocationQuery): { allocator: string | null; params: AllocationParams } {
  const param = q.params[0];
  return { allocator: param?.allocator ?? null, params: param === undefined ? ZERO_PARAMS : paramsOf(param) };
}

/** the VideoMeta option when downstream lists GstVideoMeta */
export const videoMetaOption = (q: AllocationQuery): string[] => (q.metas.includes(VIDEO_META) ? [OPTION_VIDEO_META] : []);

/** downstream's first pool, else a GstVideoBufferPool; at least the frame size */
export function videoPool(q: AllocationQuery, options: string[]): AllocationPool {
  const entry = q.pools[0];
  const size = Math.max(entry?.size ?? 0, capsFrameSize(q.caps) ?? 0);
  return { pool: entry?.pool ?? VIDEO_BUFFER_POOL, size, min: entry?.min ?? 0, max: entry?.max ?? 0, options };
}

/** basesrc / basetransform default: entry 0, a NULL pool becomes a generic GstBufferPool; no entry: no pool (gst_buffer_new_allocate) */
export function defaultPool(q: AllocationQuery): AllocationPool | null {
  const entry = q.pools[0];
  return entry === undefined ? null : { pool: entry.pool ?? BUFFER_POOL, size: entry.size, min: entry.min, max: entry.max, options: [] };
}

/** The end of decide_allocation: the pool chosen, the first param's allocator unless the element exports its own memory. */
export function decided(host: AllocationHost, el: ElementNode, q: AllocationQuery, pool: AllocationPool | null): AllocationDecision {
  const { allocator, params } = firstParams(q);
  const exported = host.exporterAllocator(el, pool?.size ?? capsFrameSize(q.caps));
  return { pool, allocator: exported ?? allocator, params };
}
