/**
 * The element models (src/negotiation/elements/): one registration table, each model saying which
 * GStreamer releases it restates. What each model produces is checked pad for pad against
 * gst-launch-1.0 -v by the recorded corpus and spec/oracle/pipelines.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { ELEMENT_MODELS, Registry, builtinProfiles, defaultRegistry, negotiate } from '../../src/negotiation/index.js';

const registry = defaultRegistry();

describe('the registration table', () => {
  it('registers factories the 1.22 registry holds, each model restating 1.22', () => {
    for (const [factory, model] of Object.entries(ELEMENT_MODELS)) {
      expect(registry.get(factory), factory).toBeDefined();
      expect(model.versions, factory).toContain('1.22');
    }
  });

  it('the built-in profiles are the registered models\' own', () => {
    const profiled = Object.entries(ELEMENT_MODELS).filter(([, m]) => m.profile !== null);
    expect(Object.keys(builtinProfiles()).sort()).toEqual(profiled.map(([f]) => f).sort());
    for (const [factory, model] of profiled) expect(builtinProfiles()[factory], factory).toEqual(model.profile);
  });
});

describe('a registry of another release', () => {
  const json = { ...structuredClone(registry.snapshot), gstreamer: '1.26.2' };
  const other = Registry.fromJSON(json);

  it.each([
    // a profiled model, a registered base-class model, a base class's defaults
    ['audiotestsrc num-buffers=1 ! fakesink', 'audiotestsrc0 (audiotestsrc): its model restates GStreamer 1.22, not 1.26'],
    ['videotestsrc num-buffers=1 ! vp8enc ! fakesink', 'vp8enc0 (vp8enc): no behaviour profile, modelled as its base class: GstVideoEncoder base class'],
    ['audiotestsrc num-buffers=1 ! alawenc ! fakesink', 'alawenc0 (alawenc): no behaviour profile, modelled as its base class: GstAudioEncoder base class'],
  ])('%s: the result says the model restates 1.22', (pipeline, note) => {
    const notes = negotiate(pipeline, { registry: other }).notes;
    const n = notes.find((x) => x.startsWith(note));
    expect(n, notes.join('\n')).toBeDefined();
    expect(n).toContain('its model restates GStreamer 1.22, not 1.26');
    // the same pipeline on the 1.22 registry says nothing of the kind
    expect(negotiate(pipeline).notes.some((x) => x.includes('restates'))).toBe(false);
  });

  it.each(['videotestsrc', 'videoflip', 'videoconvert', 'videoscale', 'videoconvertscale'])('%s has a 1.26 model (VERSIONED_MODELS): no note on 1.26', (factory) => {
    const pipeline = factory === 'videotestsrc' ? 'videotestsrc num-buffers=1 ! fakesink' : `videotestsrc num-buffers=1 ! ${factory} ! fakesink`;
    const notes = negotiate(pipeline, { registry: other }).notes;
    expect(notes.filter((x) => x.startsWith(`${factory}0 (${factory})`) && x.includes('restates')), notes.join('\n')).toEqual([]);
  });
});
