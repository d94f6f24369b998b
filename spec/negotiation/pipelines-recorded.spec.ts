/**
 * capsflow against GStreamer's recorded answers (fixtures/pipelines/expected.json, made by
 * spec/oracle/record-pipelines.spec.ts from real gst-launch-1.0 -v runs), so the differential suite also
 * runs where GStreamer is not installed. Negotiated: the identical `pads` map; failed: the same error kind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithGStreamer, loadNegotiate, readExpected, type NegotiationLike } from '../oracle/pipeline-corpus.js';

const recorded = readExpected();
let negotiate: ((pipeline: string) => NegotiationLike) | null = null;

beforeAll(async () => {
  negotiate = await loadNegotiate();
});

describe(`negotiate() matches GStreamer ${recorded.gstreamer} on the recorded corpus`, () => {
  it.each(recorded.pipelines.map((p) => [p.pipeline, p] as const))('%s', (pipeline, gst) => {
    if (negotiate === null) throw new Error('negotiate() is not exported from src/negotiation/index.ts yet');
    expect(compareWithGStreamer(gst, negotiate(pipeline))).toEqual([]);
  });
});
