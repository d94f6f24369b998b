/**
 * negotiate() as a table of pipeline → what `gst-launch-1.0 -v` printed for every pad, recorded from real
 * GStreamer 1.22 runs (fixtures/pipelines/expected.json, the differential corpus, and
 * fixtures/negotiation/cases.json, recorded by spec/oracle/record-negotiation-cases.spec.ts). Never typed
 * by hand. Failures must be the same kind. Then the parts of the result contract gst-launch cannot show:
 * explanations, traces, template-only elements, link reports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { compareWithGStreamer, readExpected, type RecordedPipeline } from '../oracle/pipeline-corpus.js';

const corpus = readExpected().pipelines;
const cases = (JSON.parse(readFileSync(new URL('../../fixtures/negotiation/cases.json', import.meta.url), 'utf8')) as { pipelines: RecordedPipeline[] }).pipelines;

describe('every pad as gst-launch-1.0 -v printed it (differential corpus, recorded)', () => {
  it.each(corpus.map((p) => [p.pipeline, p] as const))('%s', (_text, recorded) => {
    expect(compareWithGStreamer(recorded, negotiate(recorded.pipeline))).toEqual([]);
  });
});

describe('every pad as gst-launch-1.0 -v printed it (negotiation cases, recorded)', () => {
  it.each(cases.map((p) => [p.pipeline, p] as const))('%s', (_text, recorded) => {
    expect(compareWithGStreamer(recorded, negotiate(recorded.pipeline))).toEqual([]);
  });
});

describe('failures name the element, the pad and the conflict', () => {
  it.each([
    // tee branches that cannot agree (F1): the source finds no common caps; the branches disagree on format
    [
      'videotestsrc num-buffers=1 ! tee name=t t. ! queue ! video/x-raw,format=I420 ! fakesink t. ! queue ! video/x-raw,format=NV12 ! fakesink',
      { kind: 'not-negotiated', element: 'videotestsrc0', pad: 'src' },
      { element: 't', pad: 'sink', field: 'format', left: { value: 'I420', from: 'queue0.sink' }, right: { value: 'NV12', from: 'queue1.sink' } },
    ],
    // a fixed-output decoder whose output downstream refuses (F2): the capsfilter sink refuses the CAPS event
    [
      'videotestsrc num-buffers=1 ! jpegenc ! jpegdec ! video/x-raw,format=GRAY8 ! fakesink',
      { kind: 'not-negotiated', element: 'capsfilter0', pad: 'sink' },
      { element: 'capsfilter0', pad: 'sink', field: 'format', left: { value: 'I420', from: 'jpegdec0.src' } },
    ],
    // link time (F4), in gst-launch's words
    [
      'audiotestsrc num-buffers=1 ! video/x-raw ! fakesink',
      { kind: 'link-failed', element: 'audiotestsrc0', message: "could not link audiotestsrc0 to fakesink0, audiotestsrc0 can't handle caps video/x-raw" },
      { field: 'name', left: { value: 'audio/x-raw', from: 'audiotestsrc0.src' }, right: { value: 'video/x-raw', from: 'capsfilter0.sink' } },
    ],
    // a memory feature nobody upstream can produce (F6)
    [
      'videotestsrc num-buffers=1 ! videoconvert ! video/x-raw(memory:DMABuf) ! fakesink',
      { kind: 'link-failed', message: "could not link videoconvert0 to fakesink0, videoconvert0 can't handle caps video/x-raw(memory:DMABuf)" },
      { field: 'features', left: { value: 'system memory' }, right: { value: 'memory:DMABuf' } },
    ],
  ])('%s', (text, error, conflict) => {
    const r = negotiate(text);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject(error);
    expect(r.explain?.conflict).toMatchObject(conflict);
  });

  it('a capsfilter fed caps-less buffers says its caps are unfixed (F7)', () => {
    const r = negotiate('fakesrc num-buffers=1 ! video/x-raw,width=[1,2] ! fakesink');
    expect(r.error).toMatchObject({ kind: 'not-negotiated', element: 'capsfilter0', pad: 'src' });
    expect(r.error?.message).toContain('Filter caps do not completely specify the output format');
  });

  it('keeps the pads that got caps before the refusal, as gst-launch prints them (F2)', () => {
    const r = negotiate('videotestsrc num-buffers=1 ! jpegenc ! jpegdec ! video/x-raw,format=GRAY8 ! fakesink');
    expect(Object.keys(r.pads).sort()).toEqual(['jpegdec0.sink', 'jpegdec0.src', 'jpegenc0.sink', 'jpegenc0.src', 'videotestsrc0.src']);
  });

  it('data reaching an unlinked src pad stops with not-linked (gst-launch: "reason not-linked (-1)" from queue0)', () => {
    const r = negotiate('videotestsrc num-buffers=1 ! queue');
    expect(r.error).toMatchObject({ kind: 'link-failed', element: 'queue0', pad: 'src' });
    expect(r.error?.message).toContain('not-linked');
    // the caps had flowed before the first buffer found no peer
    expect(Object.keys(r.pads).sort()).toEqual(['queue0.sink', 'queue0.src', 'videotestsrc0.src']);
  });

  it('parse errors keep their position', () => {
    expect(negotiate('videotestsrc ! nosuchelement ! fakesink').error).toEqual({ kind: 'no-element', message: 'no element "nosuchelement"', offset: 15, length: 13 });
  });
});

describe('the rest of the result contract', () => {
  it('reports links with the caps that flowed and which elements went passthrough', () => {
    const r = negotiate('videotestsrc num-buffers=1 ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=NV12 ! fakesink');
    expect(r.links.map((l) => `${l.src} -> ${l.sink}`)).toEqual([
      'videotestsrc0.src -> capsfilter0.sink',
      'capsfilter0.src -> videoconvert0.sink',
      'videoconvert0.src -> capsfilter1.sink',
      'capsfilter1.src -> fakesink0.sink',
    ]);
    for (const l of r.links) expect(l.caps).toBe(r.pads[l.src]);
    expect(r.elements.find((e) => e.name === 'videoconvert0')).toEqual({ name: 'videoconvert0', factory: 'videoconvert', model: 'profile', passthrough: false });
    expect(r.elements.find((e) => e.name === 'capsfilter0')?.passthrough).toBe(true);
    expect(r.allocation === undefined || Array.isArray(r.allocation)).toBe(true);
  });

  it("appsink's caps property shapes its CAPS answers (lines copied from a gst-launch-1.0 -v run; appsink pipelines time out in the recorder)", () => {
    const caps =
      'video/x-raw, width=(int)100, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, format=(string)RGB, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive';
    expect(negotiate('videotestsrc num-buffers=1 ! videoconvert ! appsink caps=video/x-raw,format=RGB,width=100').pads).toEqual({
      'appsink0.sink': caps,
      'videoconvert0.sink': caps,
      'videoconvert0.src': caps,
      'videotestsrc0.src': caps,
    });
  });

  it('an element without a behaviour profile is modelled generically, and the result says so', () => {
    const r = negotiate('videotestsrc num-buffers=1 ! videomedian ! fakesink');
    expect(r.elements.find((e) => e.name === 'videomedian0')?.model).not.toBe('profile');
    expect(r.notes.some((n) => n.includes('videomedian0') && n.includes('no behaviour profile'))).toBe(true);
  });

  it('with trace: true every negotiation step is an immer patch on the pad caps state', () => {
    const r = negotiate('videotestsrc num-buffers=1 ! videoconvert ! video/x-raw,format=NV12 ! fakesink', { trace: true });
    expect(r.trace?.length).toBe(Object.keys(r.pads).length);
    const first = r.trace?.[0];
    expect(first?.note).toBe('videotestsrc0.src pushes CAPS');
    expect(first?.patches).toEqual([{ op: 'add', path: ['pads', 'videotestsrc0.src'], value: r.pads['videotestsrc0.src'] }]);
    // replaying the patches gives the final pads
    const replayed: Record<string, string> = {};
    for (const step of r.trace ?? []) for (const p of step.patches) replayed[p.path[1] as string] = p.value as string;
    expect(replayed).toEqual(r.pads);
    expect(negotiate('videotestsrc num-buffers=1 ! fakesink').trace).toBeUndefined();
  });

  it('memory options pass through without changing caps negotiation', () => {
    const text = 'videotestsrc num-buffers=1 ! video/x-raw,format=NV12 ! fakesink';
    expect(negotiate(text, { memory: {} }).pads).toEqual(negotiate(text).pads);
  });
});
