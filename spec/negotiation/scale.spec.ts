/**
 * Long pipelines (issue 4, "Bad input"): 10,000-element chains, deep and wide tee trees, long branches.
 * Each must finish with the verdict GStreamer gives the same shape at a length it can run (checked with
 * gst-launch-1.0 at 3 elements: these pass caps through unchanged, so length does not change the answer),
 * never a thrown "Maximum call stack size exceeded". No timing here: the time against length is measured
 * by `npm run bench -- --suite negotiate` (linearity section).
 */
import { describe, expect, it } from 'vitest';
import { formatExplanation, negotiate, toDot } from '../../src/negotiation/index.js';

const chain = (n: number, element: string): string => Array<string>(n).fill(element).join(' ! ');

/** every link carries caps, and the caps the source fixated reach the sink unchanged */
function expectNegotiatedThrough(result: ReturnType<typeof negotiate>, elements: number): void {
  expect(result.error).toBeNull();
  expect(result.ok).toBe(true);
  expect(result.elements).toHaveLength(elements);
  expect(result.links.every((l) => l.caps !== null)).toBe(true);
  expect(result.pads['fakesink0.sink']).toBe(result.pads['videotestsrc0.src']);
}

describe('10,000-element chains negotiate (linear, iterative: no stack overflow)', () => {
  it.each([
    ['identity', 'identity'],
    ['queue', 'queue'],
    ['tee', 'tee'],
    ['capsfilter', 'capsfilter caps=video/x-raw'],
  ])('videotestsrc ! %s ×10,000 ! fakesink', (_kind, element) => {
    const result = negotiate(`videotestsrc ! ${chain(10_000, element)} ! fakesink`);
    expectNegotiatedThrough(result, 10_002);
    expect(result.links).toHaveLength(10_001);
  });

  it('the allocation query crosses 10,000 tees (each asks its branch with a query of its own)', () => {
    const result = negotiate(`videotestsrc ! ${chain(10_000, 'tee')} ! fakesink`);
    expect(result.ok).toBe(true);
    // one report per link crossed: the source's query and every tee's own
    expect(result.allocation.length).toBeGreaterThanOrEqual(10_001);
  });

  // converters transform and fixate ~80-format lists at every element, and still no n²
  it.each([
    ['videoconvert', 'videoconvert'],
    ['videoscale', 'videoscale'],
    ['mixed', 'identity ! queue ! videoconvert ! capsfilter caps=video/x-raw ! videoscale ! tee'],
  ])('videotestsrc ! %s ×10,000 ! fakesink', (kind, element) => {
    const per = element.split('!').length;
    const n = Math.ceil(10_000 / per);
    const result = negotiate(`videotestsrc ! ${chain(n, element)} ! fakesink`);
    expectNegotiatedThrough(result, n * per + 2);
    if (kind !== 'mixed') expect(result.elements.every((e) => e.passthrough !== false)).toBe(true);
  });
});

describe('codec round trips modelled by their base classes (GstAudioEncoder/Decoder hooks)', () => {
  it('audiotestsrc ! (alawenc ! alawdec) ×5,000 ! fakesink: every decoder puts out what the first one did', () => {
    // gst-launch-1.0 -v with two pairs: each alawdec.src is audio/x-raw S16LE, interleaved, 44100 Hz, mono
    const result = negotiate(`audiotestsrc ! ${chain(5_000, 'alawenc ! alawdec')} ! fakesink`);
    expect(result.error).toBeNull();
    expect(result.pads['alawdec4999.src']).toBe(result.pads['alawdec0.src']);
    expect(result.pads['fakesink0.sink']).toBe(result.pads['alawdec0.src']);
    expect(result.pads['alawenc4999.src']).toBe('audio/x-alaw, rate=(int)44100, channels=(int)1');
  });

  it('audiotestsrc ! identity ×10,000 ! alawenc ! fakesink: the encoder at the end of a proxying chain', () => {
    // every identity proxies accept-caps downstream, with caps that are equal but new objects: the
    // answers are shared by caps text, or this is n² (it took ~10 s at 4,000 before they were)
    const result = negotiate(`audiotestsrc ! ${chain(10_000, 'identity')} ! alawenc ! fakesink`);
    expect(result.error).toBeNull();
    expect(result.pads['identity9999.src']).toBe(result.pads['audiotestsrc0.src']);
    expect(result.pads['alawenc0.src']).toBe('audio/x-alaw, rate=(int)44100, channels=(int)1');
  });
});

describe('a traced 10,000-element chain', () => {
  it('has one immer patch step per pad that got caps, replaying to the reported pads', () => {
    const result = negotiate(`videotestsrc ! ${chain(10_000, 'identity')} ! fakesink`, { trace: true });
    expect(result.ok).toBe(true);
    expect(result.trace).toHaveLength(Object.keys(result.pads).length);
    const replayed: Record<string, unknown> = {};
    for (const step of result.trace ?? []) for (const p of step.patches) replayed[p.path[1] as string] = p.value;
    expect(replayed).toEqual(result.pads);
  });
});

describe('failures at the end of a 10,000-element chain are clear errors, not exceptions', () => {
  it.each([
    // gst-launch-1.0 at n = 3: "could not link identity2 to fakesink0, identity2 can't handle caps audio/x-raw"
    [`videotestsrc ! ${chain(10_000, 'identity')} ! audio/x-raw ! fakesink`, 'link-failed', 'identity9999'],
    [`videotestsrc ! ${chain(10_000, 'queue')} ! video/x-raw,width=0 ! fakesink`, 'link-failed', 'queue9999'],
    [`videotestsrc ! ${chain(10_000, 'identity')} ! nosuchelement ! fakesink`, 'no-element', undefined],
    [`videotestsrc ! ${chain(10_000, 'identity')} ! ! fakesink`, 'syntax', undefined],
  ])('%#: %s', (pipeline, kind, element) => {
    const result = negotiate(pipeline);
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    if (element !== undefined) expect(result.error?.element).toBe(element);
    expect(result.explain).not.toBeNull();
    expect(formatExplanation(result.explain!)).toContain(result.error!.message);
  });
});

describe('deep and wide tee trees, long branches', () => {
  it('2,000 nested tees, each with a queued branch of its own: negotiated, and the DOT dump has every element', () => {
    let main = 'videotestsrc ! ';
    let branches = '';
    for (let i = 0; i < 2_000; i++) {
      main += `tee name=t${i} ! queue ! `;
      branches += ` t${i}. ! queue ! fakesink`;
    }
    const result = negotiate(`${main}fakesink${branches}`);
    expect(result.error).toBeNull();
    expect(result.elements).toHaveLength(1 + 2 * 2_000 + 1 + 2 * 2_000);
    expect(result.links.every((l) => l.caps !== null)).toBe(true);
    const dot = toDot(result);
    for (const name of ['t0', 't1999', 'queue3999', 'fakesink2000']) expect(dot).toContain(`subgraph cluster_${name}_`);
  });

  it('one tee with 2,000 queued branches', () => {
    const result = negotiate(`videotestsrc ! tee name=t${' t. ! queue ! fakesink'.repeat(2_000)}`);
    expect(result.error).toBeNull();
    expect(result.pads['t.src_1999']).toBe(result.pads['videotestsrc0.src']);
  });

  it('a branch of 5,000 identities next to a short one', () => {
    const result = negotiate(`videotestsrc ! tee name=t t. ! queue ! fakesink t. ! queue ! ${chain(5_000, 'identity')} ! fakesink`);
    expect(result.error).toBeNull();
    expect(result.pads['fakesink1.sink']).toBe(result.pads['fakesink0.sink']);
  });

  it('a 10,000-element JSON graph', () => {
    const n = 10_000;
    const elements = [{ name: 'src', factory: 'videotestsrc' }, ...Array.from({ length: n }, (_, i) => ({ name: `q${i}`, factory: 'queue' })), { name: 'sink', factory: 'fakesink' }];
    const links = elements.slice(1).map((e, i) => ({ src: `${elements[i]!.name}.src`, sink: `${e.name}.sink` }));
    const result = negotiate({ elements, links });
    expect(result.error).toBeNull();
    expect(result.pads['sink.sink']).toBe(result.pads['src.src']);
  });
});
