import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/cli/render.js';
import { hasDmaBufFeature, splitCapsForDisplay, toDot } from '../../src/negotiation/report/dot.js';
import type { NegotiationResult } from '../../src/negotiation/types.js';
import { negotiate, pipelineTopology } from '../../src/negotiation/index.js';
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

/** the clusters, pads and edges of a DOT text */
function shape(dot: string): { clusters: string[]; pads: Map<string, string>; edges: { from: string; to: string; attrs: string }[] } {
  const clusters = [...dot.matchAll(/^ {4}label="([^"]*(?:\\"[^"]*)*)";$/gm)].map((m) => m[1]!);
  const pads = new Map([...dot.matchAll(/^ {6}(\S+) \[color=\w+, fillcolor="#\w+", label="([^"]*)", height="0.2", style="([^"]*)"\];$/gm)].map((m) => [m[1]!, m[3]!]));
  const edges = [...dot.matchAll(/^ {2}(\S+) -> (\S+) \[(.*)\]$/gm)].map((m) => ({ from: m[1]!, to: m[2]!, attrs: m[3]! }));
  return { clusters, pads, edges };
}

describe('toDot with the pipeline topology: the whole pipeline, also on failure', () => {
  it.each([
    // pipeline, the clusters' labels (GType, name, properties set, capsflow's marks), edges: made (caps), not reached, the conflict
    [
      'videotestsrc ! video/x-raw,format=RGBA ! identity ! video/x-raw,format=NV12 ! fakesink',
      ['GstVideoTestSrc\\nvideotestsrc0', 'GstIdentity\\nidentity0\\nFAILED: link-failed', 'GstFakeSink\\nfakesink0', 'GstCapsFilter\\ncapsfilter0\\ncaps=video/x-raw, format=(string)RGBA', 'GstCapsFilter\\ncapsfilter1\\ncaps=video/x-raw, format=(string)NV12'],
      { made: 0, notReached: 3, conflict: 1, pads: 8 },
    ],
    [
      'videotestsrc pattern=ball num-buffers=1 ! video/x-raw,format=RGBA ! tee name=t t. ! queue max-size-buffers=3 ! video/x-raw,format=NV12 ! fakesink t. ! queue ! fakesink sync=false',
      ['GstVideoTestSrc\\nvideotestsrc0\\nnum-buffers=1\\npattern=ball', 'GstTee\\nt', 'GstQueue\\nqueue0\\nmax-size-buffers=3\\nFAILED: link-failed', 'GstFakeSink\\nfakesink0', 'GstQueue\\nqueue1', 'GstFakeSink\\nfakesink1\\nsync=FALSE', 'GstCapsFilter\\ncapsfilter0\\ncaps=video/x-raw, format=(string)RGBA', 'GstCapsFilter\\ncapsfilter1\\ncaps=video/x-raw, format=(string)NV12'],
      { made: 0, notReached: 6, conflict: 1, pads: 14 },
    ],
    [
      'videotestsrc num-buffers=1 ! videoconvert ! video/x-raw,format=NV12 ! fakesink',
      ['GstVideoTestSrc\\nvideotestsrc0\\nnum-buffers=1', 'GstVideoConvert\\nvideoconvert0\\n[passthrough]', 'GstFakeSink\\nfakesink0', 'GstCapsFilter\\ncapsfilter0\\ncaps=video/x-raw, format=(string)NV12\\n[passthrough]'],
      { made: 3, notReached: 0, conflict: 0, pads: 6 },
    ],
  ] as const)('%s', (pipeline, clusters, counts) => {
    const dot = toDot(negotiate(pipeline), { topology: pipelineTopology(pipeline)! });
    const drawn = shape(dot);
    expect(drawn.clusters.filter((c) => c !== '')).toEqual(clusters);
    expect(drawn.pads.size).toBe(counts.pads);
    expect(drawn.edges.filter((e) => e.attrs.includes('(not reached)') && e.attrs.includes('style="dashed"')).length).toBe(counts.notReached);
    expect(drawn.edges.filter((e) => e.attrs.startsWith('label="EMPTY: format')).length).toBe(counts.conflict);
    expect(drawn.edges.filter((e) => e.attrs.startsWith('label="video/x-raw')).length).toBe(counts.made);
    // every edge joins two drawn pads
    for (const e of drawn.edges) {
      if (e.attrs === 'style="invis"') continue;
      expect(drawn.pads.has(e.from), e.from).toBe(true);
      expect(drawn.pads.has(e.to), e.to).toBe(true);
    }
  });

  it("a tee's request pads a failure never made are drawn dashed, numbered as GStreamer requests them", () => {
    const pipeline = 'videotestsrc ! video/x-raw,format=RGBA ! tee name=t t. ! queue ! video/x-raw,format=NV12 ! fakesink t. ! queue ! fakesink';
    const drawn = shape(toDot(negotiate(pipeline), { topology: pipelineTopology(pipeline)! }));
    expect(drawn.pads.get('t_1_src_0')).toBe('filled,dashed');
    expect(drawn.pads.get('t_1_src_1')).toBe('filled,dashed');
    expect(drawn.pads.get('t_1_sink')).toBe('filled,solid');
  });

  it("a demuxer's sometimes pad is drawn dotted, as GStreamer draws sometimes pads", () => {
    const pipeline = 'filesrc location=/nonexistent.mp4 ! qtdemux ! fakesink';
    const drawn = shape(toDot(negotiate(pipeline, { media: false }), { topology: pipelineTopology(pipeline)! }));
    expect(drawn.pads.get('qtdemux0_1_video_0')).toBe('filled,dotted');
    expect(drawn.pads.get('qtdemux0_1_sink')).toBe('filled,solid');
  });

  it('does not parse: no topology', () => {
    expect(pipelineTopology('videotestsrc ! ! fakesink')).toBeNull();
    expect(pipelineTopology('videotestsrc ! nosuchelement ! fakesink')).toBeNull();
  });
});
