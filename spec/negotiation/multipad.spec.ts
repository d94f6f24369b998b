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

describe('compositor: the output frame holds every pad at its place (pad properties; recorded)', () => {
  const frame = (caps: string | undefined): string => {
    const f = (name: string): string => new RegExp(`${name}=\\((?:int|fraction)\\)([0-9/]+)`).exec(caps ?? '')?.[1] ?? '?';
    return `${f('width')}x${f('height')}@${f('framerate')}`;
  };
  it.each([
    ['compositor name=m sink_0::xpos=10 ! fakesink videotestsrc num-buffers=1 ! m.sink_0', '330x240@30/1'],
    ['compositor name=m sink_0::xpos=10 sink_0::ypos=20 ! fakesink videotestsrc num-buffers=1 ! m.sink_0', '330x260@30/1'],
    ['compositor name=m sink_0::xpos=-50 ! fakesink videotestsrc num-buffers=1 ! m.sink_0', '320x240@30/1'],
    ['compositor name=m sink_0::width=100 sink_0::height=50 ! fakesink videotestsrc num-buffers=1 ! m.sink_0', '100x50@30/1'],
    ['compositor name=m sink_0::width=64 ! fakesink videotestsrc num-buffers=1 ! m.sink_0', '64x240@30/1'],
    ['videotestsrc num-buffers=1 ! compositor sink_0::ypos=7 ! fakesink', '320x247@30/1'],
    // a pad's size at square pixels
    ['compositor name=m ! fakesink videotestsrc num-buffers=1 ! video/x-raw,pixel-aspect-ratio=2/1,width=100,height=100 ! m.', '200x100@30/1'],
    // several inputs: the largest extent, the fastest rate
    ['compositor name=m ! fakesink videotestsrc num-buffers=1 ! video/x-raw,width=100,height=100 ! m. videotestsrc num-buffers=1 ! video/x-raw,width=200,height=50 ! m.', '200x100@30/1'],
    ['compositor name=m sink_1::xpos=150 ! fakesink videotestsrc num-buffers=1 ! video/x-raw,width=100,height=100 ! m.sink_0 videotestsrc num-buffers=1 ! video/x-raw,width=200,height=50 ! m.sink_1', '350x100@30/1'],
    ['compositor name=m ! fakesink videotestsrc num-buffers=1 ! video/x-raw,framerate=10/1 ! m. videotestsrc num-buffers=1 ! video/x-raw,framerate=20/1 ! m.', '320x240@20/1'],
    // downstream decides when it fixes the size
    ['compositor name=m sink_0::xpos=10 ! video/x-raw,width=640,height=480 ! fakesink videotestsrc num-buffers=1 ! m.sink_0', '640x480@30/1'],
  ])('%s', (text, expected) => {
    const r = negotiate(text);
    const src = Object.keys(r.pads).find((k) => /^(m|compositor0)\.src$/.test(k));
    expect(frame(r.pads[src ?? ''])).toBe(expected);
  });
});
