/**
 * The debug utilities that touch buffers (gst-plugins-good/bad debugutils, 1.22): their caps answers are
 * their base class's, but the buffers they push are not the ones they received, untouched.
 */
import { BaseTransform } from '../../base/basetransform.js';
import { ProxyPads } from '../../base/proxy.js';

/**
 * breakmydata (GstBaseTransform, in place, no set_caps): transform_ip maps every buffer READWRITE, even at
 * probability 0, so memory that cannot be mapped writable is copied into system memory by the map.
 */
export const breakmydata = new BaseTransform({
  algorithm: 'breakmydata',
  needsCaps: false,
  writesBuffers: 'its transform_ip maps every buffer READWRITE (a map of memory that cannot be mapped writable copies it)',
});

const RECHUNKS = 'it re-chunks the stream through a GstAdapter: a chunk that spans two input buffers is a new buffer in system memory';

/** chopmydata (GstElement): both pads GST_PAD_FLAG_PROXY_CAPS; its chain pushes gst_adapter_take_buffer chunks */
export const chopmydata = new ProxyPads({ writesBuffers: RECHUNKS });

/**
 * rndbuffersize (GstElement): both pads PROXY_CAPS (and PROXY_ALLOCATION); in push mode (a live or
 * unseekable upstream) its chain pushes gst_adapter_take_buffer chunks of random sizes
 */
export const rndbuffersize = new ProxyPads({ writesBuffers: RECHUNKS });
