/**
 * Behaviour profiles: the data spelling of the simplest element models (a basesrc's fixation
 * preferences, a basesink's caps property, a queue's pads, a basetransform's transform_caps named by
 * algorithm), validated with zod. Built-in models carry theirs (elements/); users may hand in their own
 * (NegotiateOptions.profiles), which base/profile-model.ts turns into models.
 */
import { z } from 'zod';

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

/** The name of a transform algorithm: a registered transform element model (elements/index.ts). */
export type TransformAlgorithm = string;

/** The profile schema; `algorithms` are the transform and codec algorithms the registered models provide. */
export function profileSchema(transforms: readonly [string, ...string[]], codecs: readonly [string, ...string[]]) {
  return z.discriminatedUnion('kind', [
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
      algorithm: z.enum(transforms),
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
    z.strictObject({ kind: z.literal('video-codec'), role: z.enum(['encoder', 'decoder']), algorithm: z.enum(codecs) }),
  ]);
}

export type BehaviourProfile = z.infer<ReturnType<typeof profileSchema>>;
