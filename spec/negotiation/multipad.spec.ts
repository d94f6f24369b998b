/**
 * Elements with several pads of one direction: which pads a query or CAPS event crosses (funnel,
 * input-selector, output-selector, multiqueue, streamsynchronizer) and how their request pads are named.
 * Each row is what gst-launch-1.0 -v printed (GStreamer 1.22): the pads that got caps, and the width the
 * src side carries.
 */
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';

const width = (caps: string | undefined): string | undefined => /width=\(int\)(\d+)/.exec(caps ?? '')?.[1];

describe('multi-pad proxies (recorded with gst-launch-1.0 -v)', () => {
  it.each([
    // funnel leaves an unnamed request pad's name to GstObject: funnelpad0
    ['funnel name=f ! fakesink videotestsrc num-buffers=1 ! video/x-raw,width=64,height=48 ! f.', ['capsfilter0.sink', 'capsfilter0.src', 'f.funnelpad0', 'f.src', 'fakesink0.sink', 'videotestsrc0.src'], 'f.src', '64'],
    ['funnel name=f ! fakesink videotestsrc num-buffers=1 ! f.sink_3', ['f.sink_3', 'f.src', 'fakesink0.sink', 'videotestsrc0.src'], 'f.src', '320'],
    // only the active (first) sink pad's caps go out
    [
      'input-selector name=s ! fakesink videotestsrc num-buffers=1 ! video/x-raw,width=64,height=48 ! s. videotestsrc num-buffers=1 ! video/x-raw,width=32,height=24 ! s.',
      ['capsfilter0.sink', 'capsfilter0.src', 'capsfilter1.sink', 'capsfilter1.src', 'fakesink0.sink', 's.sink_0', 's.sink_1', 's.src', 'videotestsrc0.src', 'videotestsrc1.src'],
      's.src',
      '64',
    ],
    // requesting sink_0 gives src_0: one queue
    ['videotestsrc num-buffers=1 ! video/x-raw,width=64,height=48 ! multiqueue ! fakesink', ['capsfilter0.sink', 'capsfilter0.src', 'fakesink0.sink', 'multiqueue0.sink_0', 'multiqueue0.src_0', 'videotestsrc0.src'], 'multiqueue0.src_0', '64'],
    ['videotestsrc num-buffers=1 ! output-selector name=o o.src_0 ! fakesink', ['fakesink0.sink', 'o.sink', 'o.src_0', 'videotestsrc0.src'], 'o.src_0', '320'],
  ])('%s', (text, pads, out, w) => {
    const r = negotiate(text);
    expect(r.error).toBeNull();
    expect(Object.keys(r.pads).sort()).toEqual(pads);
    expect(width(r.pads[out])).toBe(w);
  });

  it.each([
    // funnel's src pad does not proxy CAPS queries, input-selector has no active pad while linking:
    // the link is made and negotiation fails when data flows
    'videotestsrc num-buffers=1 ! funnel ! audioconvert ! fakesink',
    'videotestsrc num-buffers=1 ! input-selector ! audioconvert ! fakesink',
  ])('links, then not-negotiated: %s', (text) => {
    expect(negotiate(text).error?.kind).toBe('not-negotiated');
  });
});
