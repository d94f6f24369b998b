/** audiopanorama (GstBaseTransform): mono or stereo in, stereo out, no channel mask. */
import { Caps, type Value } from '../../../caps/index.js';
import { BaseTransform, type TransformImpl } from '../../base/basetransform.js';
import { i, setOrAppend } from '../fields.js';

/**
 * gst_audio_panorama_transform_caps: towards the src pad the output is stereo, towards the sink pad
 * mono or stereo; either way without a channel mask
 */
const audiopanoramaImpl: TransformImpl = {
  transformCaps(_ctx, direction, input, filter) {
    if (input.isAny()) return filter ?? input;
    const channels: Value = direction === 'sink' ? i(2) : { kind: 'int-range', min: 1, max: 2, step: 1 };
    const out = Caps.fromEntries(
      input.entries.map((e) => ({
        structure: { name: e.structure.name, fields: setOrAppend(e.structure, 'channels', channels).fields.filter((f) => f.name !== 'channel-mask') },
        features: e.features,
      })),
    );
    return filter === null ? out : filter.intersect(out, 'first');
  },
};


export const audiopanorama = new BaseTransform({ algorithm: 'audiopanorama', ...audiopanoramaImpl });
