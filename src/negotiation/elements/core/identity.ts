/**
 * identity (GstBaseTransform): basetransform's defaults (identity transform_caps, prefer passthrough),
 * and its ACCEPT_CAPS asks the peer on the other side; it never refuses a buffer before caps.
 */
import { propertyIs } from '../../base/allocation.js';
import { BaseTransform } from '../../base/basetransform.js';

export const identity = new BaseTransform({
  algorithm: 'identity',
  acceptProxy: true,
  needsCaps: false,
  // transform_ip only; with drop-allocation its query handler answers FALSE
  allocation: { inPlace: true, refusesAllocation: (el) => propertyIs(el, 'drop-allocation', true) },
  // with dump=TRUE its transform_ip maps every buffer to print it (gst_util_dump_buffer)
  mapsBuffers: (el) => propertyIs(el, 'dump', true),
});
