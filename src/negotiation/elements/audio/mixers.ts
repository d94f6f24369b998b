/** Audio mixers and interleavers: collectpads elements (adder, interleave) and GstAudioAggregator (audiointerleave). */
import { Caps } from '../../../caps/index.js';
import { i, str, mask, setOrAppend } from '../fields.js';
import { Aggregator, AudioAggregator } from '../../base/aggregator.js';
import { counterIgnoringName } from '../../base/element.js';

/**
 * interleave / audiointerleave sink caps: once a pad is configured, its caps; else downstream's caps
 * and the template, both without channels and channel-mask, intersected, with channels=1
 */
function interleaveSinkCaps(template: Caps, peer: Caps | null, configured: Caps | null): Caps {
  if (configured !== null) return configured;
  const withoutChannels = (c: Caps): Caps =>
    Caps.fromEntries(c.entries.map((e) => ({ structure: { name: e.structure.name, fields: e.structure.fields.filter((f) => f.name !== 'channels' && f.name !== 'channel-mask') }, features: e.features })));
  const templ = withoutChannels(template);
  const result = peer === null || peer.isAny() ? templ : withoutChannels(peer).intersect(templ, 'zigzag');
  return Caps.fromEntries(result.entries.map((e) => ({ structure: setOrAppend(e.structure, 'channels', i(1)), features: e.features })));
}

/** interleave's src caps: the input with one channel per input, interleaved and unpositioned */
function interleaveOutput(first: Caps, inputs: number): Caps | null {
  if (first.size === 0) return null;
  let st = first.structure(0);
  st = setOrAppend(st, 'channels', i(inputs));
  st = setOrAppend(st, 'layout', str('interleaved'));
  st = setOrAppend(st, 'channel-mask', mask(0n));
  return Caps.fromEntries([{ structure: st, features: first.entries[0]!.features }]);
}

/** adder: a configured pad's caps, else what downstream allows ∩ the template (gst_caps_intersect) */
function adderSinkCaps(template: Caps, peer: Caps | null, configured: Caps | null): Caps {
  if (configured !== null) return configured;
  return peer === null || peer.isAny() ? template : peer.intersect(template, 'zigzag');
}


// collectpads with request pads: waits for every input, one channel each
export const interleave = new Aggregator({ collect: true, standalone: true, requestPadName: counterIgnoringName, sinkCaps: interleaveSinkCaps, aggregate: interleaveOutput });

export const audiointerleave = new AudioAggregator({ sinkCaps: interleaveSinkCaps, aggregate: interleaveOutput });

// collectpads: every input must carry the same caps, which go out unchanged
export const adder = new Aggregator({ collect: true, standalone: true, sinkCaps: adderSinkCaps, sinkCapsFilterDownstream: true, aggregate: (first) => first });
