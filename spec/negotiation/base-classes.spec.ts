/**
 * Elements without a behaviour profile negotiate as their base class, read from the GType ancestry the
 * registry importer recorded from GStreamer 1.22 (typeChain). What each model produces is checked pad for
 * pad against gst-launch-1.0 -v in the recorded corpus (fixtures/pipelines, the "base class" section);
 * here: which model a factory gets, and that results say so.
 */
import { describe, expect, it } from 'vitest';
import { chooseBaseClassModel, defaultRegistry, negotiate, Registry } from '../../src/negotiation/index.js';

const registry = defaultRegistry();
const choose = (factory: string): string | null => {
  const f = registry.get(factory);
  if (f === undefined) throw new Error(`${factory} is not in the snapshot`);
  const c = chooseBaseClassModel(f, (t) => registry.templateCaps(factory, t));
  return c === null ? null : `${c.model.kind} (${c.model.baseClass})`;
};

describe('the base class a factory without a profile negotiates as', () => {
  it.each([
    ['alawenc', 'audio-encoder (GstAudioEncoder)'],
    ['mulawdec', 'audio-decoder (GstAudioDecoder)'],
    ['pngenc', 'video-encoder (GstVideoEncoder)'],
    ['pngdec', 'video-decoder (GstVideoDecoder)'],
    ['flacparse', 'parse (GstBaseParse)'],
    // GstRawVideoParse > GstRawBaseParse > GstBaseParse: the nearest known ancestor wins
    ['rawvideoparse', 'parse (GstBaseParse)'],
    ['compositor', 'video-aggregator (GstVideoAggregator)'],
    ['audiomixer', 'audio-aggregator (GstAudioAggregator)'],
    ['flvmux', 'aggregator (GstAggregator)'],
    ['volume', 'transform (GstAudioFilter)'],
    ['videobalance', 'transform (GstVideoFilter)'],
    ['progressreport', 'transform (GstBaseTransform)'],
    // a request pad of the subclass's own does not change basetransform's pads
    ['timecodestamper', 'transform (GstBaseTransform)'],
    ['v4l2src', 'source (GstBaseSrc)'],
    ['ximagesink', 'sink (GstBaseSink)'],
    // two always sink pads on a plain GstElement: collectpads, waits for both
    ['smpte', 'collect (GstElement)'],
    // basetransform between media types overrides transform_caps: nothing generic fits
    ['bayer2rgb', null],
    // a plain GstElement with one sink pad says nothing about its caps handling
    ['deinterlace', null],
  ])('%s → %s', (factory, expected) => {
    expect(choose(factory)).toBe(expected);
  });
});

describe('results say which model ran', () => {
  it('an encoder reports base-class and names GstAudioEncoder in the notes', () => {
    const r = negotiate('audiotestsrc num-buffers=1 ! audioconvert ! alawenc ! fakesink');
    expect(r.ok).toBe(true);
    expect(r.elements.find((e) => e.name === 'alawenc0')?.model).toBe('base-class');
    expect(r.notes.some((n) => n.startsWith('alawenc0 (alawenc)') && n.includes('GstAudioEncoder'))).toBe(true);
  });

  it('a snapshot without typeChain (older imports) still loads, and the element falls back to its templates', () => {
    const json = structuredClone(registry.snapshot) as unknown as { elements: Record<string, Record<string, unknown>> };
    for (const e of Object.values(json.elements)) delete e.typeChain;
    const old = Registry.fromJSON(json);
    expect(old.get('alawenc')?.typeChain).toBeUndefined();
    const r = negotiate('audiotestsrc num-buffers=1 ! audioconvert ! alawenc ! fakesink', { registry: old });
    expect(r.elements.find((e) => e.name === 'alawenc0')?.model).toBe('template-only');
  });

  it('a collectpads element with an input missing sends nothing on (gst-launch prints only the upstream pads)', () => {
    const r = negotiate('videotestsrc num-buffers=1 ! smpte ! fakesink');
    expect(Object.keys(r.pads).sort()).toEqual(['smpte0.sink1', 'videotestsrc0.src']);
  });
});
