/**
 * Behaviour profiles: what an element does to caps beyond its pad templates, as data validated with zod.
 * A profile names the GStreamer base class whose negotiation code the element runs (basesrc, basesink,
 * basetransform, ...) and the element's own hooks: a source's fixation preferences, a transform's
 * transform_caps / fixate_caps algorithm. The algorithms themselves live in elements.ts; the profile
 * only selects and parameterises them, so adding an element that reuses an algorithm is a data change.
 */
import { z } from 'zod';
import { VIDEO_PROFILES, VIDEO_TRANSFORM_ALGORITHMS } from './elements-video.js';
import { GENERIC_PROFILES, GENERIC_TRANSFORM_ALGORITHMS } from './elements-generic.js';
import { AUDIO_PROFILES, AUDIO_TRANSFORM_ALGORITHMS } from './elements-audio.js';

/** One step of a source's fixate hook, applied to the first structure before gst_caps_fixate. */
const fixateRule = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('nearest-int'),
    field: z.string(),
    target: z.number().int(),
    /** target = max(target, property × factor) (audiotestsrc: rate ≥ 2 × freq) */
    atLeastProperty: z.strictObject({ name: z.string(), factor: z.number() }).optional(),
  }),
  z.strictObject({ op: z.literal('nearest-fraction'), field: z.string(), num: z.number().int(), den: z.number().int(), setIfMissing: z.boolean() }),
  z.strictObject({ op: z.literal('string'), field: z.string(), target: z.string(), setIfMissing: z.boolean() }),
  /** audiotestsrc: more than `above` channels and no channel-mask → the fallback channel mask */
  z.strictObject({ op: z.literal('channel-mask'), above: z.number().int() }),
  /**
   * videotestsrc: a translucent colour property (its top byte below 255) keeps only the formats with an
   * alpha channel in every structure, when there are any
   */
  z.strictObject({ op: z.literal('alpha-formats'), property: z.string(), opaque: z.number().int() }),
]);

export type FixateRule = z.infer<typeof fixateRule>;

export const TRANSFORM_ALGORITHMS = [
  'identity',
  'capsfilter',
  'videoconvert',
  'videoscale',
  'videoconvertscale',
  'videorate',
  'audioconvert',
  'audioresample',
  'videoflip',
  'videocrop',
  'videobox',
  ...VIDEO_TRANSFORM_ALGORITHMS,
  ...GENERIC_TRANSFORM_ALGORITHMS,
  ...AUDIO_TRANSFORM_ALGORITHMS,
] as const;
export type TransformAlgorithm = (typeof TRANSFORM_ALGORITHMS)[number];

const profileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('source'), fixate: z.array(fixateRule).readonly() }),
  /** basesink; `capsProperty`: a caps property that replaces the template in CAPS queries (appsink's get_caps) */
  z.strictObject({ kind: z.literal('sink'), capsProperty: z.string().optional() }),
  /** queue-like: both pads PROXY_CAPS, one sink one src */
  z.strictObject({
    kind: z.literal('proxy'),
    /**
     * which pads a query or CAPS event crosses to: every pad of the other direction (queue,
     * output-selector), sink to src only (funnel: its src pad does not proxy CAPS queries), sink_N ↔ src_N
     * (multiqueue, streamsynchronizer), or only the active sink pad — the first — in and out
     * (input-selector; it has none while pads are linked, so its src pad answers its template then)
     */
    pads: z.enum(['all', 'sink-to-src', 'pairs', 'active-sink']).optional(),
    /** the name GstObject gives a request pad asked for without one, numbered per process (funnel: funnelpad0) */
    defaultPadName: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('tee') }),
  z.strictObject({
    kind: z.literal('transform'),
    algorithm: z.enum(TRANSFORM_ALGORITHMS),
    /** basetransform prefer_passthrough (capsfilter turns it off) */
    preferPassthrough: z.boolean(),
    /** identity: ACCEPT_CAPS asks the peer on the other side */
    acceptProxy: z.boolean().optional(),
    /** the subclass has set_caps: a buffer without negotiated caps is not-negotiated */
    needsCaps: z.boolean(),
    /** not a basetransform (imagefreeze): its output is what it fixates, never the input handed on as it came */
    ownOutput: z.boolean().optional(),
  }),
  /** GstVideoEncoder / GstVideoDecoder subclasses with a fixed output built from the input */
  z.strictObject({ kind: z.literal('video-codec'), role: z.enum(['encoder', 'decoder']), algorithm: z.enum(['jpegenc', 'jpegdec']) }),
]);

export type BehaviourProfile = z.infer<typeof profileSchema>;

export const profilesSchema = z.record(z.string(), profileSchema);

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

const transform = (algorithm: TransformAlgorithm, needsCaps = true): BehaviourProfile => ({
  kind: 'transform',
  algorithm,
  preferPassthrough: true,
  needsCaps,
});

/** The built-in profiles, keyed by factory name; validated on first use. */
const BUILTIN: Record<string, unknown> = {
  videotestsrc: { kind: 'source', fixate: videoTestSrcFixate },
  audiotestsrc: {
    kind: 'source',
    fixate: [
      // 1.22: rate = MAX (GST_AUDIO_DEF_RATE, 2 * freq) (later releases use 4 * freq)
      { op: 'nearest-int', field: 'rate', target: 44100, atLeastProperty: { name: 'freq', factor: 2 } },
      { op: 'nearest-int', field: 'channels', target: 1 },
      { op: 'channel-mask', above: 2 },
    ],
  },
  fakesrc: { kind: 'source', fixate: [] },
  fakesink: { kind: 'sink' },
  fakevideosink: { kind: 'sink' },
  fakeaudiosink: { kind: 'sink' },
  appsink: { kind: 'sink', capsProperty: 'caps' },
  filesink: { kind: 'sink' },
  queue: { kind: 'proxy' },
  queue2: { kind: 'proxy' },
  funnel: { kind: 'proxy', pads: 'sink-to-src', defaultPadName: 'funnelpad' },
  'input-selector': { kind: 'proxy', pads: 'active-sink' },
  'output-selector': { kind: 'proxy' },
  multiqueue: { kind: 'proxy', pads: 'pairs' },
  streamsynchronizer: { kind: 'proxy', pads: 'pairs' },
  tee: { kind: 'tee' },
  capsfilter: { kind: 'transform', algorithm: 'capsfilter', preferPassthrough: false, needsCaps: false },
  identity: { kind: 'transform', algorithm: 'identity', preferPassthrough: true, acceptProxy: true, needsCaps: false },
  videoconvert: transform('videoconvert'),
  videoscale: transform('videoscale'),
  videoconvertscale: transform('videoconvertscale'),
  videorate: transform('videorate'),
  audioconvert: transform('audioconvert'),
  audioresample: transform('audioresample'),
  videoflip: transform('videoflip'),
  videocrop: transform('videocrop'),
  videobox: transform('videobox'),
  jpegenc: { kind: 'video-codec', role: 'encoder', algorithm: 'jpegenc' },
  jpegdec: { kind: 'video-codec', role: 'decoder', algorithm: 'jpegdec' },
  ...VIDEO_PROFILES,
  ...GENERIC_PROFILES,
  ...AUDIO_PROFILES,
};

let builtin: Readonly<Record<string, BehaviourProfile>> | undefined;

/** The built-in behaviour profiles (validated once with zod). */
export function builtinProfiles(): Readonly<Record<string, BehaviourProfile>> {
  builtin ??= profilesSchema.parse(BUILTIN);
  return builtin;
}

/** Validate user-supplied profiles (e.g. from a JSON file); issues carry the JSON path. */
export function parseProfiles(json: unknown): { ok: true; profiles: Record<string, BehaviourProfile> } | { ok: false; issues: { path: (string | number)[]; message: string }[] } {
  const r = profilesSchema.safeParse(json);
  if (r.success) return { ok: true, profiles: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message })) };
}
