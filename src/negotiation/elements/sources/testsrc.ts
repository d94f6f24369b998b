/** Test sources: GstBaseSrc / GstPushSrc subclasses whose fixate prefers their own defaults. */
import { videoMetaOption, videoPool } from '../../base/allocation.js';
import { BaseSrc } from '../../base/basesrc.js';
import type { AllocationQuery } from '../../engine/model.js';
import type { FixateRule } from '../../engine/profile.js';
import { videoFormats } from '../../media/formats.js';

const videoTestSrcFixate: FixateRule[] = [
  { op: 'alpha-formats', property: 'foreground-color', opaque: 255 },
  { op: 'nearest-int', field: 'width', target: 320 },
  { op: 'nearest-int', field: 'height', target: 240 },
  { op: 'nearest-fraction', field: 'framerate', num: 30, den: 1, setIfMissing: true },
  { op: 'nearest-fraction', field: 'pixel-aspect-ratio', num: 1, den: 1, setIfMissing: true },
  { op: 'string', field: 'colorimetry', target: 'bt601', setIfMissing: false },
  { op: 'string', field: 'chroma-site', target: 'mpeg2', setIfMissing: false },
  { op: 'string', field: 'interlace-mode', target: 'progressive', setIfMissing: true },
  { op: 'string', field: 'multiview-mode', target: 'mono', setIfMissing: true },
];


/** videotestsrc's decide_allocation: always a GstVideoBufferPool of at least the frame size, the VideoMeta option when downstream lists the meta */
const videoTestSrcPool = (q: AllocationQuery) => videoPool(q, videoMetaOption(q));

/** videotestsrc: its set_caps reads the caps into a GstVideoInfo */
export const videotestsrc = new BaseSrc({ fixate: videoTestSrcFixate, readsVideoInfo: true, decidePool: videoTestSrcPool });
/** 1.26: the same fixate; set_caps knows 1.26's formats (its template starts with A444_16LE, unknown to 1.22) */
export const videotestsrc126 = new BaseSrc({ versions: ['1.26'], fixate: videoTestSrcFixate, readsVideoInfo: true, formats: videoFormats('1.26'), decidePool: videoTestSrcPool });

export const audiotestsrc = new BaseSrc({
  fixate: [
    // 1.22: rate = MAX (GST_AUDIO_DEF_RATE, 2 * freq) (later releases use 4 * freq)
    { op: 'nearest-int', field: 'rate', target: 44100, atLeastProperty: { name: 'freq', factor: 2 } },
    { op: 'nearest-int', field: 'channels', target: 1 },
    { op: 'channel-mask', above: 2 },
  ],
  // the TAG event its create sends before the first buffer
  tags: [['DESCRIPTION', 'audiotest wave']],
});

export const fakesrc = new BaseSrc({ fixate: [] });
