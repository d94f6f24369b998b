import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/cli/render.js';
import { hasDmaBufFeature, splitCapsForDisplay, toDot } from '../../src/negotiation/report/dot.js';
import type { NegotiationResult } from '../../src/negotiation/types.js';
import { linkRefused, negotiated, notNegotiated, syntaxError, violation } from '../cli/results.js';

describe('splitCapsForDisplay', () => {
  it.each([
    ['video/x-raw, format=(string)I420, width=(int)320', [{ name: 'video/x-raw', features: null, fields: [{ name: 'format', value: 'I420' }, { name: 'width', value: '320' }] }]],
    [
      'video/x-raw(memory:DMABuf), format=(string){ NV12, I420 }, width=(int)[ 1, 4096 ]; audio/x-raw',
      [
        { name: 'video/x-raw', features: 'memory:DMABuf', fields: [{ name: 'format', value: '{ NV12, I420 }' }, { name: 'width', value: '[ 1, 4096 ]' }] },
        { name: 'audio/x-raw', features: null, fields: [] },
      ],
    ],
    ['application/x-rtp, a=(string)"x, y; z", b=(int)< 1, 2 >', [{ name: 'application/x-rtp', features: null, fields: [{ name: 'a', value: '"x, y; z"' }, { name: 'b', value: '< 1, 2 >' }] }]],
    ['ANY', [{ name: 'ANY', features: null, fields: [] }]],
    ['EMPTY', [{ name: 'EMPTY', features: null, fields: [] }]],
  ])('%s', (caps, expected) => {
    expect(splitCapsForDisplay(caps)).toEqual(expected);
  });

  it('finds memory:DMABuf among several features', () => {
    expect(hasDmaBufFeature('video/x-raw(memory:DMABuf, meta:GstVideoOverlayComposition), format=(string)NV12')).toBe(true);
    expect(hasDmaBufFeature('video/x-raw(memory:GLMemory), format=(string)RGBA')).toBe(false);
    expect(hasDmaBufFeature('video/x-raw, note=(string)"memory:DMABuf"')).toBe(false);
  });
});

describe('toDot', () => {
  it('draws elements as clusters with their pads, caps on links one field a line, as GStreamer dumps do', () => {
    const dot = toDot(negotiated);
    expect(dot).toMatch(/^digraph pipeline \{\n {2}rankdir=LR;/);
    expect(dot).toContain('subgraph cluster_capsfilter0_1 {');
    expect(dot).toContain('label="capsfilter\\ncapsfilter0\\n[passthrough]";');
    // source red, sink blue, filters green: GStreamer's element colours
    expect(dot).toMatch(/cluster_videotestsrc0_0 \{[^]*?fillcolor="#ffaaaa";\n {2}\}/);
    expect(dot).toMatch(/cluster_fakesink0_3 \{[^]*?fillcolor="#aaaaff";\n {2}\}/);
    expect(dot).toContain(
      'capsfilter0_1_src -> videoconvert0_2_sink [label="video/x-raw\\l              format: I420\\l               width: 320\\l              height: 240\\l           framerate: 30/1\\l',
    );
  });

  it('marks memory:DMABuf links, violations and the exporter pad', () => {
    const dot = toDot(violation);
    expect(dot).toContain('label="videoflip\\nvideoflip0\\nVIOLATION: maps-protected-memory";');
    expect(dot).toMatch(/cluster_videoflip0_2 \{\n[^]*?color=red;\n {4}penwidth=3;/);
    expect(dot).toMatch(/v4l2src0_0_src -> queue0_1_sink \[label="video\/x-raw\(memory:DMABuf\)\\l[^\]]*color="#dd6600", penwidth=3\]/);
    expect(dot).toContain('label="src\\n[DMABuf]"');
    expect(dot).toContain('label="v4l2src\\nv4l2src0\\n[template-only]\\n[exporter: sealed-memfd, READWRITE refused EPERM]";');
    expect(dot).toContain('label="<capsflow>\\nnegotiated, with policy violations";');
  });

  it('marks the failing element and the links negotiation never reached', () => {
    const dot = toDot(notNegotiated);
    expect(dot).toContain('label="capsfilter\\ncapsfilter1\\nFAILED: not-negotiated";');
    expect(dot).toContain('capsfilter0_1_src -> capsfilter1_2_sink [label="(not negotiated)\\l", style="dashed", color="red"]');
    expect(dot).toContain('videotestsrc0_0_src -> capsfilter0_1_sink [label="(not negotiated)\\l", style="dashed", color="grey50"]');
  });

  it('refused before any link: every element still drawn, the two disagreeing pads joined in red', () => {
    const dot = toDot(linkRefused);
    expect(dot).toContain('    v4l2src0_0_body [label="", shape=box, style="invis", width="0.6", height="0.2"];');
    // colours by role even with pads missing: source red, queue green (only its src pad is known), sink blue
    expect(dot).toMatch(/cluster_v4l2src0_0 \{[^]*?fillcolor="#ffaaaa";\n {2}\}/);
    expect(dot).toMatch(/cluster_queue0_1 \{[^]*?fillcolor="#aaffaa";\n {2}\}/);
    expect(dot).toMatch(/cluster_waylandsink0_3 \{[^]*?fillcolor="#aaaaff";\n {2}\}/);
    expect(dot).toContain('queue0_1_src -> videoflip0_2_sink [label="EMPTY: features\\lmemory:DMABuf\\lvs system memory\\l", style="dashed", color="red", fontcolor="red", penwidth=2]');
  });

  it('escapes quotes and backslashes from names and caps', () => {
    const odd: NegotiationResult = {
      ...negotiated,
      elements: [{ name: 'my "src"', factory: 'appsrc', model: 'template-only', passthrough: null }, { name: 'sink\\x', factory: 'fakesink', model: 'profile', passthrough: null }],
      links: [{ src: 'my "src".src', sink: 'sink\\x.sink', caps: 'text/x-raw, s=(string)"a \\"b\\""' }],
      pads: {},
    };
    const dot = toDot(odd);
    expect(dot).toContain('label="appsrc\\nmy \\"src\\"\\n[template-only]";');
    expect(dot).toContain('my__src__0_src -> sink_x_1_sink');
  });

  it.each([
    ['negotiated', negotiated],
    ['not negotiated', notNegotiated],
    ['policy violation', violation],
    ['syntax error (nothing to draw)', syntaxError],
    ['refused before any link', linkRefused],
  ])('renders with the wasm Graphviz without error: %s', async (_name, result) => {
    const svg = await renderSvg(toDot(result));
    expect(svg).toMatch(/^<\?xml[^]*<svg[^]*<\/svg>\s*$/);
    for (const e of result.elements) expect(svg).toContain(e.name);
  });

  it('renders names and caps that need escaping', async () => {
    const odd: NegotiationResult = {
      ...negotiated,
      elements: [{ name: 'my "src"', factory: 'appsrc', model: 'template-only', passthrough: null }],
      links: [{ src: 'my "src".src', sink: 'x.sink', caps: 'text/x-raw, s=(string)"a \\"b\\" <c> & d"' }],
      pads: {},
    };
    const svg = await renderSvg(toDot(odd));
    expect(svg).toContain('my &quot;src&quot;');
    expect(svg).toContain('&lt;c&gt; &amp; d');
  });
});
