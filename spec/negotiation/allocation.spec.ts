/**
 * The ALLOCATION query as negotiate() reports it, as tables of the answers GStreamer 1.22 gave
 * (negotiation-allocation.md §4.3, §3.5 and the probes of §11, re-checked live by
 * spec/oracle/allocation.spec.ts). Frame sizes are GstVideoInfo's (spec/oracle/video-info.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { videoFrameSize } from '../../src/negotiation/media/video-info.js';
import type { AllocationReport } from '../../src/negotiation/types.js';

const METAS3 = ['GstVideoMetaAPI', 'GstVideoCropMetaAPI', 'GstVideoOverlayCompositionMetaAPI'];

function query(pipeline: string, src: string): AllocationReport {
  const r = negotiate(pipeline);
  expect(r.error).toBeNull();
  const q = r.allocation.find((a) => a.src === src);
  expect(q, `no ALLOCATION query on ${src}`).toBeDefined();
  return q!;
}

/** one table row: the query on `src` came back answered or not, with these pools, align and metas */
function expectQuery(
  pipeline: string,
  src: string,
  answered: boolean,
  pools: readonly (readonly [string | null, number, number, number])[],
  align: number | null,
  metas: readonly string[],
): void {
  const q = query(pipeline, src);
  expect(q.answered).toBe(answered);
  expect(q.pools.map((p) => [p.pool, p.size, p.min, p.max])).toEqual(pools);
  expect(q.params?.align ?? null).toBe(align);
  expect(q.metas).toEqual(metas);
}

describe('frame sizes (GstVideoInfo.size)', () => {
  it.each([
    ['I420', 320, 240, 115200],
    ['NV12', 320, 240, 115200],
    ['GRAY8', 320, 240, 76800],
    ['YUY2', 320, 240, 153600],
    ['RGB', 320, 240, 230400],
    ['BGRA', 320, 240, 307200],
    ['ABGR64_LE', 320, 240, 614400],
    ['I420', 3, 5, 48],
    ['RGB', 3, 1, 12],
    ['NOT_A_FORMAT', 320, 240, null],
  ] as const)('%s %ix%i = %s', (format, w, h, size) => {
    expect(videoFrameSize(format, w, h)).toBe(size);
  });
});

describe('what downstream proposes (§4.3)', () => {
  it.each([
    // pipeline, the src pad whose query is shown, answered, pools [pool, size, min, max], align, metas
    ['videotestsrc ! video/x-raw,format=I420 ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 2, 0]], null, METAS3],
    ['videotestsrc ! video/x-raw,format=I420 ! fakevideosink enable-last-sample=false', 'videotestsrc0.src', true, [[null, 115200, 1, 0]], null, METAS3],
    ['videotestsrc ! video/x-raw,format=I420 ! fakesink', 'videotestsrc0.src', false, [], null, []],
    ['videotestsrc ! video/x-raw,format=I420 ! appsink', 'videotestsrc0.src', false, [], null, []],
    ['videotestsrc ! video/x-raw,format=GRAY8 ! queue ! fakevideosink', 'videotestsrc0.src', true, [[null, 76800, 2, 0]], null, METAS3],
    // videoconvert converting: its own query goes unanswered (fakesink); upstream gets its GstVideoBufferPool proposal
    ['videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakesink', 'videoconvert0.src', false, [], null, []],
    ['videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakesink', 'videotestsrc0.src', true, [['GstVideoBufferPool', 115200, 0, 0]], 15, ['GstVideoMetaAPI']],
    // ... and with fakevideosink its decide keeps the overlay meta (not GstVideoMeta: memory tag; not crop: filter_meta)
    ['videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakevideosink', 'videotestsrc0.src', true, [['GstVideoBufferPool', 115200, 0, 0]], 15, ['GstVideoOverlayCompositionMetaAPI', 'GstVideoMetaAPI']],
    // passthrough and in-place transforms forward the very query
    ['videotestsrc ! video/x-raw,format=I420 ! videoconvert ! identity ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 2, 0]], null, METAS3],
    ['videotestsrc ! video/x-raw,format=I420 ! identity drop-allocation=true ! fakevideosink', 'videotestsrc0.src', false, [], null, []],
    // videorate holds one buffer back
    ['videotestsrc ! video/x-raw,format=I420,framerate=30/1 ! videorate ! video/x-raw,framerate=10/1 ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 3, 0]], null, METAS3],
    // tee: need_pool FALSE to each branch, min + 1, NULL pool; one failing branch fails it all
    ['videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 3, 0]], null, METAS3],
    ['videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! fakesink', 'videotestsrc0.src', false, [], null, []],
    ['videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 2, 0]], null, METAS3],
    // tee: metas are the intersection of the branches, params the maxima
    ['videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! videoconvert ! video/x-raw,format=RGB ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 3, 0]], 15, ['GstVideoMetaAPI', 'GstVideoOverlayCompositionMetaAPI']],
    ['audiotestsrc ! audioconvert ! audio/x-raw,format=F32LE ! fakesink', 'audiotestsrc0.src', false, [], null, []],
  ] as const)('%s: %s', expectQuery);

  it('tee asks each branch with need_pool FALSE; the query a queue forwards is the same one', () => {
    const r = negotiate('videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! fakevideosink');
    const branch = r.allocation.filter((a) => a.from === 't');
    expect(branch.map((a) => [a.src, a.needPool])).toEqual([
      ['queue0.src', false],
      ['t.src_0', false],
      ['queue1.src', false],
      ['t.src_1', false],
    ]);
    expect(r.allocation.find((a) => a.src === 'videotestsrc0.src')?.needPool).toBe(true);
  });
});

describe('elements without a profile: the registry facts say how they take part', () => {
  const VP = (size: number) => [['GstVideoBufferPool', size, 0, 0]] as const;
  it.each([
    // pipeline, src pad, answered, pools [pool, size, min, max], align, metas (GStreamer 1.22's answers)
    // GstVideoFilter without transform_frame (videobalance, gamma): in place, the query passes to fakevideosink
    ['videotestsrc ! videobalance saturation=0 ! fakevideosink', 'videotestsrc0.src', true, [[null, 307200, 2, 0]], null, METAS3],
    ['videotestsrc ! gamma gamma=2 ! fakevideosink', 'videotestsrc0.src', true, [[null, 307200, 2, 0]], null, METAS3],
    // with transform_frame: GstVideoFilter's proposal upstream (its decide kept no meta: no filter_meta)
    ['videotestsrc ! video/x-raw,format=I420 ! alpha ! fakevideosink', 'videotestsrc0.src', true, VP(115200), 15, ['GstVideoMetaAPI']],
    ['videotestsrc ! videoconvert ! agingtv ! fakevideosink', 'videoconvert0.src', true, VP(307200), 15, ['GstVideoMetaAPI']],
    // GstBaseTransform: transform_ip only → in place (volume); transform → its own query, TRUE upstream
    ['audiotestsrc ! volume volume=0.5 ! fakesink', 'audiotestsrc0.src', false, [], null, []],
    ['audiotestsrc ! audioconvert ! audiowsinclimit ! audioconvert ! fakesink', 'audioconvert0.src', true, [], null, []],
    // a PROXY_ALLOCATION sink pad forwards (valve, parsers); deinterlace passes through on progressive input
    ['videotestsrc ! video/x-raw,format=I420 ! valve ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 2, 0]], null, METAS3],
    ['videotestsrc ! video/x-raw,format=I420 ! deinterlace ! fakevideosink', 'videotestsrc0.src', true, [[null, 115200, 2, 0]], null, METAS3],
    ['videotestsrc ! video/x-raw,format=I420 ! deinterlace mode=interlaced ! fakevideosink', 'videotestsrc0.src', true, VP(115200), null, ['GstVideoMetaAPI']],
    // GstVideoEncoder's own proposal; a subclass's propose_allocation lists GstVideoMeta first (vp8enc)
    ['videotestsrc ! video/x-raw,format=I420 ! y4menc ! fakesink', 'videotestsrc0.src', true, VP(115200), 15, ['GstVideoMetaAPI']],
    ['videotestsrc ! video/x-raw,format=I420 ! vp8enc ! fakesink', 'videotestsrc0.src', true, VP(115200), 15, ['GstVideoMetaAPI', 'GstVideoMetaAPI']],
    // decoders and audio encoders answer TRUE with nothing; GstVideoAggregator a pool without params
    ['videotestsrc ! video/x-raw,format=I420 ! vp8enc ! vp8dec ! fakesink', 'vp8enc0.src', true, [], null, []],
    ['audiotestsrc ! alawenc ! fakesink', 'audiotestsrc0.src', true, [], null, []],
    ['videotestsrc ! video/x-raw,format=I420 ! compositor ! fakevideosink', 'videotestsrc0.src', true, VP(115200), null, ['GstVideoMetaAPI']],
  ] as const)('%s: %s', expectQuery);

  it('videocrop queries with its cropped caps, then goes in place on the crop meta and forwards the query from upstream', () => {
    const r = negotiate('videotestsrc ! video/x-raw,format=I420 ! videocrop top=10 ! fakevideosink');
    expect(r.allocation.filter((a) => a.src === 'videocrop0.src').map((a) => [a.from, a.pools[0]?.size])).toEqual([
      ['videocrop0', 110400],
      ['videotestsrc0', 115200],
    ]);
    expect(r.allocation.find((a) => a.src === 'videocrop0.src')?.decided?.pool).toBeNull();
  });

  it('a text overlay asks downstream with need_pool FALSE and decides nothing; its video pad forwards', () => {
    const r = negotiate('videotestsrc ! video/x-raw,format=I420 ! clockoverlay ! fakevideosink');
    expect(r.allocation.filter((a) => a.src === 'clockoverlay0.src').map((a) => [a.from, a.needPool, a.answered])).toEqual([
      ['clockoverlay0', false, true],
      ['videotestsrc0', true, true],
    ]);
    expect(r.allocation.find((a) => a.src === 'videotestsrc0.src')?.metas).toEqual(METAS3);
  });

  it('a subclass vmethod the model does not know is named in the notes', () => {
    const r = negotiate('videotestsrc ! video/x-raw,format=I420 ! vp8enc ! fakesink');
    expect(r.notes.some((n) => n.includes('propose_allocation of GstVPXEnc'))).toBe(true);
  });
});

describe('what upstream decides (§4.4)', () => {
  it.each([
    // pipeline, element's src pad, [pool type, size, min, max, options], allocator, align
    ['videotestsrc ! video/x-raw,format=I420 ! fakevideosink', 'videotestsrc0.src', ['GstVideoBufferPool', 115200, 2, 0, ['GstBufferPoolOptionVideoMeta']], 0],
    // nothing offered: videotestsrc makes its own video pool of info.size, no VideoMeta option (downstream listed none)
    ['videotestsrc ! fakesink', 'videotestsrc0.src', ['GstVideoBufferPool', 614400, 0, 0, []], 0],
    ['videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakesink', 'videoconvert0.src', ['GstVideoBufferPool', 230400, 0, 0, ['GstBufferPoolOptionVideoMeta']], 0],
    ['videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakesink', 'videotestsrc0.src', ['GstVideoBufferPool', 115200, 0, 0, ['GstBufferPoolOptionVideoMeta']], 15],
    ['videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! fakevideosink', 'videotestsrc0.src', ['GstVideoBufferPool', 115200, 3, 0, ['GstBufferPoolOptionVideoMeta']], 0],
    // basesrc default with no pool entry: no pool at all
    ['audiotestsrc ! fakesink', 'audiotestsrc0.src', null, 0],
    // decoders: GstVideoDecoder's pool; vp8dec's own decide adds the VideoMeta option when downstream lists the meta
    ['videotestsrc ! video/x-raw,format=I420 ! vp8enc ! vp8dec ! fakesink', 'vp8dec0.src', ['GstVideoBufferPool', 115200, 0, 0, []], 0],
    ['videotestsrc ! video/x-raw,format=I420 ! vp8enc ! vp8dec ! fakevideosink', 'vp8dec0.src', ['GstVideoBufferPool', 115200, 2, 0, ['GstBufferPoolOptionVideoMeta']], 0],
    ['videotestsrc ! video/x-raw,format=RGB ! pnmenc ! pnmdec ! fakevideosink', 'pnmdec0.src', ['GstVideoBufferPool', 230400, 2, 0, []], 0],
    // GstVideoAggregator: a video pool for fakevideosink's NULL one, align 15
    ['videotestsrc ! video/x-raw,format=I420 ! compositor ! fakevideosink', 'compositor0.src', ['GstVideoBufferPool', 115200, 2, 0, ['GstBufferPoolOptionVideoMeta']], 15],
  ] as const)('%s: %s', (pipeline, src, pool, align) => {
    const d = query(pipeline, src).decided;
    expect(d).not.toBeNull();
    expect(d!.pool === null ? null : [d!.pool.pool, d!.pool.size, d!.pool.min, d!.pool.max, d!.pool.options]).toEqual(pool);
    expect(d!.allocator).toBeNull();
    expect(d!.params?.align ?? 0).toBe(align);
  });

  it('forwarding elements decide nothing: basetransforms in place keep no pool, queues and tees none at all', () => {
    const r = negotiate('videotestsrc ! video/x-raw,format=I420 ! queue ! identity ! fakevideosink');
    expect(r.allocation.find((a) => a.src === 'capsfilter0.src')?.decided).toEqual({ pool: null, allocator: null });
    expect(r.allocation.find((a) => a.src === 'identity0.src')?.decided).toEqual({ pool: null, allocator: null });
    expect(r.allocation.find((a) => a.src === 'queue0.src')?.decided).toBeNull();
  });

  it('a failed negotiation runs no ALLOCATION query', () => {
    const r = negotiate('videotestsrc ! video/x-raw,format=I420 ! video/x-raw,format=NV12 ! fakesink');
    expect(r.ok).toBe(false);
    expect(r.allocation).toEqual([]);
  });
});
