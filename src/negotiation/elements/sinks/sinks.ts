/** Sinks: GstBaseSink (and bins around one) answering with their templates. */
import { OVERLAY_COMPOSITION_META, propertyIs, VIDEO_CROP_META, VIDEO_META } from '../../base/allocation.js';
import { BaseSink } from '../../base/basesink.js';
import type { AllocationHost, AllocationQuery, ElementNode } from '../../engine/model.js';
import { capsFrameSize } from '../../media/video-info.js';

/**
 * fakevideosink's propose_allocation: a pool of the frame size for 1 buffer, one more when the last sample is
 * kept (enable-last-sample, TRUE by default), and the video, crop and overlay composition metas
 */
function fakeVideoSinkPropose(host: AllocationHost, el: ElementNode, q: AllocationQuery): boolean {
  const size = capsFrameSize(q.caps);
  if (size === null) {
    host.note(`${el.name}: frame size of ${q.caps.toString()} unknown, no pool proposed`);
    return false;
  }
  q.pools.push({ pool: null, size, min: propertyIs(el, 'enable-last-sample', false) ? 1 : 2, max: 0 });
  q.metas.push(VIDEO_META, VIDEO_CROP_META, OVERLAY_COMPOSITION_META);
  return true;
}

export const fakesink = new BaseSink({ profiled: true });
export const fakevideosink = new BaseSink({ profiled: true, proposeAllocation: fakeVideoSinkPropose });
export const fakeaudiosink = new BaseSink({ profiled: true });
// get_caps answers with its caps property
export const appsink = new BaseSink({ profiled: true, capsProperty: 'caps' });
export const filesink = new BaseSink({ profiled: true });
