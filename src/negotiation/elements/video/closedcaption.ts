/**
 * Closed-caption elements of 1.22 (ext/closedcaption) on the video path:
 * - ccextractor (gstccextractor.c): a GstElement whose always sink and src pads are PROXY_CAPS and
 *   PROXY_ALLOCATION with internal links to each other (the caption pad is a sometimes pad added when
 *   caption meta arrives): queue-like; the video buffers go on (with remove-caption-meta, made writable:
 *   a shallow copy that shares the memory).
 * - cccombiner (gstcccombiner.c): a GstAggregator whose output is its video input; the video buffer it
 *   pushes is that input made writable to attach caption meta (shared memory): it forwards, it does not
 *   allocate.
 */
import type { BufferHandling } from '../../engine/model.js';
import { Aggregator } from '../../base/aggregator.js';
import { ProxyPads } from '../../base/proxy.js';

export const ccextractor = new ProxyPads();

class CCCombiner extends Aggregator {
  override bufferHandling(): BufferHandling {
    return 'forwards';
  }
}

export const cccombiner = new CCCombiner();
