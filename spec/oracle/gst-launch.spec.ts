/**
 * The gst-launch -v reader on output captured from real GStreamer 1.22 runs (no GStreamer needed).
 */
import { describe, expect, it } from 'vitest';
import { launchArgs, mergeRuns, parseLaunchOutput } from './gst-launch.js';
import { mergeEntryRuns } from './real-world.js';

const V = 'video/x-raw, format=(string)ABGR64_LE, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive';

describe('parseLaunchOutput', () => {
  it('keys top-level pads and ghost pads as element.pad; bin children and proxy pads go to nested', () => {
    // gst-launch-1.0 -v videotestsrc num-buffers=1 ! fakevideosink
    const out = [
      'Setting pipeline to PAUSED ...',
      'Pipeline is PREROLLING ...',
      `/GstPipeline:pipeline0/GstVideoTestSrc:videotestsrc0.GstPad:src: caps = ${V}`,
      `/GstPipeline:pipeline0/GstFakeVideoSink:fakevideosink0.GstGhostPad:sink.GstProxyPad:proxypad0: caps = ${V}`,
      `/GstPipeline:pipeline0/GstFakeVideoSink:fakevideosink0/GstFakeSink:sink.GstPad:sink: caps = ${V}`,
      `/GstPipeline:pipeline0/GstFakeVideoSink:fakevideosink0.GstGhostPad:sink: caps = ${V}`,
      'Pipeline is PREROLLED ...',
      'Got EOS from element "pipeline0".',
    ].join('\n');
    expect(parseLaunchOutput(out, '', 0)).toEqual({
      ok: true,
      errorKind: null,
      message: '',
      pads: { 'videotestsrc0.src': V, 'fakevideosink0.sink': V },
      nested: { 'fakevideosink0.sink.proxypad0': V, 'fakevideosink0/sink.sink': V },
    });
  });

  it('tee request pads keep their names; the last caps line of a pad wins', () => {
    const later = V.replace('ABGR64_LE', 'I420');
    const out = [
      `/GstPipeline:pipeline0/GstTee:t.GstTeePad:src_5: caps = ${V}`,
      `/GstPipeline:pipeline0/GstTee:t.GstPad:sink: caps = ${V}`,
      `/GstPipeline:pipeline0/GstTee:t.GstTeePad:src_5: caps = ${later}`,
    ].join('\n');
    expect(parseLaunchOutput(out, '', 0).pads).toEqual({ 't.src_5': later, 't.sink': V });
  });

  it.each([
    ['WARNING: erroneous pipeline: could not link audiotestsrc0 to fakesink0, audiotestsrc0 can\'t handle caps video/x-raw', 'link-failed', 'audiotestsrc0'],
    ['WARNING: erroneous pipeline: could not link i to fakesink0', 'link-failed', 'i'],
    ['WARNING: erroneous pipeline: no element "nosuchelement"', 'no-element', 'nosuchelement'],
    ['WARNING: erroneous pipeline: No src-element named "t" - omitting link', 'no-element', undefined],
    ['WARNING: erroneous pipeline: syntax error', 'syntax', undefined],
    ['WARNING: erroneous pipeline: no property "nosuchproperty" in element "videotestsrc"', 'syntax', undefined],
    ['WARNING: erroneous pipeline: could not set property "pattern" in element "videotestsrc" to "nosuchpattern"', 'syntax', undefined],
    ['WARNING: erroneous pipeline: could not parse caps "video/x-raw width=100"', 'syntax', undefined],
    ['WARNING: erroneous pipeline: unexpected reference "s" - ignoring', 'syntax', undefined],
    ['WARNING: erroneous pipeline: specified empty bin "bin", not allowed', 'syntax', undefined],
    ['WARNING: erroneous pipeline: Element "fakesrc0" is not a GstPreset', 'syntax', undefined],
    ['WARNING: erroneous pipeline: no bin "nosuchbin", unpacking elements', 'no-element', undefined],
  ] as const)('%s → %s', (stderr, kind, element) => {
    const r = parseLaunchOutput('', `${stderr}\n`, 1);
    expect(r.ok).toBe(false);
    expect(r.errorKind).toBe(kind);
    expect(r.element).toBe(element);
    expect(r.message).toBe(stderr.replace('WARNING: erroneous pipeline: ', ''));
  });

  it('gst_parse_launch made no pipeline at all: the same first error, printed as an ERROR', () => {
    const r = parseLaunchOutput('', 'ERROR: pipeline could not be constructed: syntax error.\n', 1);
    expect(r).toMatchObject({ ok: false, errorKind: 'syntax', message: 'syntax error' });
  });

  it('runtime not-negotiated: the first ERROR, its source element and reason', () => {
    const stderr = [
      'ERROR: from element /GstPipeline:pipeline0/GstVideoTestSrc:videotestsrc0: Internal data stream error.',
      'Additional debug info:',
      '../libs/gst/base/gstbasesrc.c(3132): gst_base_src_loop (): /GstPipeline:pipeline0/GstVideoTestSrc:videotestsrc0:',
      'streaming stopped, reason not-negotiated (-4)',
      "ERROR: pipeline doesn't want to preroll.",
    ].join('\n');
    const r = parseLaunchOutput(`/GstPipeline:pipeline0/GstVideoTestSrc:videotestsrc0.GstPad:src: caps = ${V}\n`, stderr, 1);
    expect(r).toMatchObject({ ok: false, errorKind: 'not-negotiated', element: 'videotestsrc0', message: 'Internal data stream error. (streaming stopped, reason not-negotiated (-4))' });
    // pads that got caps before the failure are still reported
    expect(Object.keys(r.pads)).toEqual(['videotestsrc0.src']);
  });

  it('capsfilter with unfixed caps is a negotiation failure', () => {
    const stderr = [
      'ERROR: from element /GstPipeline:pipeline0/GstCapsFilter:capsfilter0: Filter caps do not completely specify the output format',
      'Additional debug info:',
      '../plugins/elements/gstcapsfilter.c(458): gst_capsfilter_prepare_buf (): /GstPipeline:pipeline0/GstCapsFilter:capsfilter0:',
      'Output caps are unfixed: video/x-raw, width=(int)[ 1, 2 ]',
      'ERROR: from element /GstPipeline:pipeline0/GstFakeSrc:fakesrc0: Internal data stream error.',
    ].join('\n');
    expect(parseLaunchOutput('', stderr, 1)).toMatchObject({ ok: false, errorKind: 'not-negotiated', element: 'capsfilter0' });
  });

  it('other failures are not classified', () => {
    expect(parseLaunchOutput('', 'ERROR: from element /GstPipeline:pipeline0/GstFileSrc:filesrc0: Resource not found.\n', 1).errorKind).toBeNull();
    expect(parseLaunchOutput('', '', null, true)).toMatchObject({ ok: false, errorKind: null, message: 'gst-launch-1.0 timed out' });
  });
});

describe('launchArgs', () => {
  it.each([
    ['videotestsrc ! fakesink', ['videotestsrc', '!', 'fakesink']],
    ['a  !\tb', ['a', '!', 'b']],
    ['capsfilter caps="video/x-raw, format=NV12" ! fakesink', ['capsfilter', 'caps="video/x-raw, format=NV12"', '!', 'fakesink']],
    ['x prop="a \\" b" ! y', ['x', 'prop="a \\" b"', '!', 'y']],
  ] as const)('%s', (pipeline, args) => {
    expect(launchArgs(pipeline)).toEqual(args);
  });
});

describe('mergeRuns', () => {
  const run = (pads: Record<string, string>, ok = true) => ({ ok, errorKind: null, message: '', pads, nested: {} });
  it('unions the pads of runs that lost lines', () => {
    const m = mergeRuns([run({ 'a.src': 'X' }), run({ 'a.src': 'X', 'b.sink': 'X' })]);
    expect(m.result.pads).toEqual({ 'a.src': 'X', 'b.sink': 'X' });
    expect(m.unstable).toEqual([]);
  });
  it('reports runs that disagree', () => {
    expect(mergeRuns([run({ 'a.src': 'X' }), run({ 'a.src': 'Y' })]).unstable).toEqual(['a.src: X vs Y']);
    expect(mergeRuns([run({}), run({}, false)]).unstable).toHaveLength(1);
    expect(mergeRuns([run({}), run({}, false)]).unstableOutcome).toBe(true);
  });
  it('keeps the first caps of a pad printed differently, and names it random', () => {
    const m = mergeRuns([run({ 'a.src': 'X', 'b.sink': 'Z' }), run({ 'a.src': 'Y' }), run({ 'a.src': 'X' })]);
    expect(m.result.pads).toEqual({ 'a.src': 'X', 'b.sink': 'Z' });
    expect([...m.random]).toEqual(['a.src']);
    expect(m.unstableOutcome).toBe(false);
  });
  it('a real-world entry: the merged answer as recordings keep it (fields in order, pads sorted), random pads named', () => {
    const e = mergeEntryRuns('rw-x', [run({ 'b.sink': 'Z', 'a.src': 'X' }), run({ 'a.src': 'Y' })]);
    expect(JSON.stringify(e)).toBe(
      JSON.stringify({ id: 'rw-x', ok: true, errorKind: null, message: '', pads: { 'a.src': 'X', 'b.sink': 'Z' }, nested: {}, random: ['a.src'], unstableOutcome: false }),
    );
  });
});
