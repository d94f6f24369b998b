/**
 * identity (GstBaseTransform): basetransform's defaults (identity transform_caps, prefer passthrough),
 * and its ACCEPT_CAPS asks the peer on the other side; it never refuses a buffer before caps.
 */
import { BaseTransform } from '../../base/basetransform.js';

export const identity = new BaseTransform({ algorithm: 'identity', acceptProxy: true, needsCaps: false });
