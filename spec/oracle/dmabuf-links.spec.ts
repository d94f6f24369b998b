/**
 * Which elements can take memory:DMABuf buffers at all, against GStreamer 1.22 itself: gst-launch links a
 * fixed `video/x-raw(memory:DMABuf)` capsfilter (fed by fakesrc) to each element. "could not link" in
 * GStreamer ⟺ capsflow names that element 'rejects-dmabuf' when a protected exporter feeds it; an element
 * GStreamer links is never blamed for the feature itself (it may still be blamed for mapping buffers).
 * Where it links, the caps GStreamer prints on every pad after the capsfilter (the feature carried through
 * queue, identity, tee, videoconvert and videoscale in passthrough) are capsflow's.
 */
import { expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { describeOracle } from './available.js';
import { gstLaunchAll } from './gst-launch.js';

const DMABUF_NV12 = 'video/x-raw(memory:DMABuf),format=NV12,width=64,height=48,framerate=30/1';

// element (as gst-launch text), and whether a sink ends the pipeline itself
const ELEMENTS: readonly [string, boolean][] = [
  ['queue', false],
  ['identity', false],
  ['videoconvert', false],
  ['videoscale', false],
  ['capsfilter caps="video/x-raw(ANY)"', false],
  ['capsfilter caps="video/x-raw"', false],
  ['tee', false],
  ['videoflip method=rotate-180', false],
  ['videobox top=2', false],
  ['videocrop top=2', false],
  ['jpegenc', false],
  ['kmssink', true],
  ['v4l2sink', true],
  ['appsink wait-on-eos=false', true],
  ['fakevideosink', true],
];

describeOracle('memory:DMABuf link checks = GStreamer 1.22', () => {
  it('could not link ⟺ rejects-dmabuf', async () => {
    const texts = ELEMENTS.map(([e, sink]) => `fakesrc num-buffers=1 ! capsfilter caps="${DMABUF_NV12}" ! ${e}${sink ? '' : ' ! fakesink'}`);
    const runs = await gstLaunchAll(texts, 2, { timeoutMs: 15_000 });
    const rows = ELEMENTS.map(([e, sink], i) => {
      const gstRefuses = runs[i]!.errorKind === 'link-failed';
      const mine = negotiate(`v4l2src ! capsfilter caps="${DMABUF_NV12}" ! ${e}${sink ? '' : ' ! fakesink'}`, { memory: { v4l2src0: 'sealed-memfd' } });
      const factory = e.split(' ')[0]!;
      const blamed = mine.violations.some((v) => v.rule === 'rejects-dmabuf' && v.element.startsWith(factory));
      // the pads GStreamer printed (fakesrc's and the capsfilter's sink have none: fakesrc has no caps)
      const pads = Object.fromEntries(Object.keys(runs[i]!.pads).map((k) => [k, mine.pads[k] ?? '(none)']));
      return {
        element: e,
        gstreamer: gstRefuses ? 'could not link' : 'links',
        capsflow: blamed ? 'could not link' : 'links',
        gstPads: runs[i]!.pads,
        pads,
      };
    });
    expect(rows.filter((r) => r.gstreamer !== r.capsflow || JSON.stringify(r.pads) !== JSON.stringify(r.gstPads))).toEqual([]);
    expect(rows.filter((r) => Object.values(r.gstPads).some((c) => c.includes('memory:DMABuf'))).length).toBeGreaterThanOrEqual(6);
    // the table is not vacuous: both answers occur
    expect(new Set(rows.map((r) => r.gstreamer))).toEqual(new Set(['links', 'could not link']));
  });
});
