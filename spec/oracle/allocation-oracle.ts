/**
 * The ALLOCATION oracle's parts shared by GStreamer 1.22 (allocation.spec.ts, the system's) and 1.26
 * (allocation-1.26.spec.ts, the Debian 13 root's): the pipelines, what spec/oracle/allocation-probe.c prints
 * and how it is read, capsflow's answer to the same, and the random pipeline arbitrary.
 */
import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { expect } from 'vitest';
import { negotiate, type GstVersion } from '../../src/negotiation/index.js';

export interface OracleQuery {
  query: string;
  need_pool: boolean;
  answered: boolean;
  pools?: { pool: string | null; size: number; min: number; max: number }[];
  params?: { allocator: string | null; flags: number; align: number; prefix: number; padding: number }[];
  metas?: string[];
}
export interface OracleDecision {
  decided: string;
  pool: string | null;
  size?: number;
  min?: number;
  max?: number;
  options?: string[];
  allocator: string | null;
  align: number;
  prefix: number;
  padding: number;
}

/** pipeline → GStreamer's answer; the pipelines are the ones §4.3 and §11 describe */
export const PIPELINES: readonly string[] = [
  'videotestsrc ! video/x-raw,format=I420 ! fakevideosink',
  'videotestsrc ! fakevideosink',
  'videotestsrc ! fakesink',
  'videotestsrc ! video/x-raw,format=I420 ! fakevideosink enable-last-sample=false',
  'videotestsrc ! video/x-raw,format=GRAY8 ! queue ! fakevideosink',
  'videotestsrc ! video/x-raw,format=NV12,width=641,height=479 ! queue ! fakevideosink',
  'videotestsrc ! video/x-raw,format=YUY2,width=33,height=17 ! identity ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! videoconvert ! identity ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! identity drop-allocation=true ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakesink',
  'videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGB ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=NV12 ! videoconvert ! video/x-raw,format=RGB ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=640,height=480 ! videoscale ! video/x-raw,width=320,height=240 ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! videobox top=2 ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,framerate=30/1 ! videorate ! video/x-raw,framerate=10/1 ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! fakesink',
  'videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! fakevideosink t. ! queue ! videoconvert ! video/x-raw,format=RGB ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! appsink',
  'videotestsrc ! jpegenc ! jpegdec ! fakevideosink',
  'audiotestsrc ! audioconvert ! audio/x-raw,format=F32LE ! fakesink',
  // elements without a profile: what they do follows from the registry's facts (in place, transform_frame, pad flags)
  // GstVideoFilter subclasses without transform_frame are put in place by set_caps: they forward the query
  'videotestsrc ! videobalance saturation=0 ! fakevideosink',
  'videotestsrc ! gamma gamma=2 ! fakevideosink',
  'videotestsrc ! videobalance ! fakevideosink',
  // ... with transform_frame they allocate: GstVideoFilter's decide (video pool, VideoMeta option) and propose (align 15)
  'videotestsrc ! video/x-raw,format=I420 ! alpha ! fakevideosink',
  'videotestsrc ! videoconvert ! agingtv ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! videomedian ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videoconvert ! edgetv ! videoconvert ! fakevideosink',
  // videocrop queries with its cropped caps, then goes in place on the crop meta (or passthrough with nothing to crop)
  'videotestsrc ! video/x-raw,format=I420 ! videocrop top=10 ! fakevideosink',
  'videotestsrc ! video/x-raw,format=RGBA ! videocrop left=4 ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420 ! videocrop ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videocrop left=2 ! fakesink',
  // GstBaseTransform subclasses with transform_ip only are in place; with transform they allocate (default decide)
  'audiotestsrc ! volume volume=0.5 ! fakesink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! taginject ! fakevideosink',
  'audiotestsrc ! audioconvert ! audiowsinclimit ! audioconvert ! fakesink',
  'audiotestsrc ! audioconvert ! audio/x-raw,format=F32LE ! equalizer-10bands band0=3 ! audioconvert ! fakesink',
  // audioconvert is in place when only the channel-mask is added
  'audiotestsrc ! audioconvert ! stereo ! audioconvert ! fakesink',
  // plain elements: gst_pad_query_default forwards from a PROXY_ALLOCATION sink pad (valve, errorignore, parsers)
  'videotestsrc ! video/x-raw,format=I420 ! valve ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! errorignore ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! jpegenc ! jpegparse ! jpegdec ! fakevideosink',
  'audiotestsrc ! audioconvert ! flacenc ! flacparse ! fakesink',
  // deinterlace: passthrough on progressive input, else its own proposal
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! deinterlace ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! deinterlace mode=interlaced ! fakevideosink',
  // codecs: GstVideoEncoder's proposal (a subclass's own lists GstVideoMeta first), decoders and audio codecs TRUE with nothing
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! y4menc ! fakesink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! vp8enc ! vp8dec ! fakesink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videoconvert ! theoraenc ! theoradec ! fakevideosink',
  'audiotestsrc ! audioconvert ! alawenc ! alawdec ! fakesink',
  // GstVideoAggregator proposes a video pool without params; videocodectestsink lists GstVideoMeta
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! compositor ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videocodectestsink',
  // decisions of decoders and aggregators (the harness prints them too): GstVideoDecoder's pool has no
  // VideoMeta option, a subclass's own decide adds it when downstream lists GstVideoMeta
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! vp8enc ! vp8dec ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! jpegenc ! jpegparse ! jpegdec ! fakesink',
  'videotestsrc ! video/x-raw,format=RGB,width=64,height=48 ! pnmenc ! pnmdec ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! compositor ! queue ! fakevideosink',
  // GstBaseTextOverlay asks downstream (need_pool FALSE) whether it takes the overlay meta; its video pad proxies
  'videotestsrc ! video/x-raw,format=I420,width=160,height=120 ! clockoverlay ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=160,height=120 ! timeoverlay ! fakesink',
  // ... only when downstream's CAPS answer takes the overlay composition feature (not through videoconvert to RGB)
  'videotestsrc ! video/x-raw,format=I420,width=96,height=72 ! timeoverlay ! videoconvert ! video/x-raw,format=RGB ! fakevideosink',
  'videotestsrc ! video/x-raw,format=I420,width=96,height=72 ! clockoverlay ! alpha ! fakevideosink',
  // a basesrc whose caps stay ANY queries all the same; imagefreeze's sink pad proxies the query
  'fakesrc ! identity ! queue ! fakesink',
  'videotestsrc ! video/x-raw,format=I420,width=96,height=72 ! imagefreeze ! fakevideosink',
  // videorate drops a proposed pool whose min equals its max and offers a NULL pool with one buffer more
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videorate ! videoconvert ! video/x-raw,format=RGB ! fakevideosink',
  // multiqueue passes each sink_N's query on through src_N
  'videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! multiqueue name=q ! fakesink videotestsrc ! video/x-raw,format=I420,width=32,height=24 ! q. q. ! fakevideosink',
];


export interface OracleRun {
  readonly queries: OracleQuery[];
  readonly decisions: OracleDecision[];
  readonly state: string;
}

/** the harness's JSON lines → queries, decisions and the state it reached */
export function readOracle(out: string): OracleRun {
  const lines = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    queries: lines.filter((l) => 'query' in l) as unknown as OracleQuery[],
    decisions: lines.filter((l) => 'decided' in l) as unknown as OracleDecision[],
    state: String(lines.find((l) => 'state' in l)?.state ?? 'none'),
  };
}

/** run the harness (`command` is the binary, or chroot and its arguments) on one pipeline */
export function runOracleAsync(command: readonly string[], pipeline: string): Promise<OracleRun> {
  return new Promise((resolve) => {
    execFile(command[0]!, [...command.slice(1), pipeline], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, GST_DEBUG: '' } }, (_err, stdout) => resolve(readOracle(stdout)));
  });
}

/** GStreamer's queries and decisions for `pipeline`, and capsflow's (as `gstVersion`), side by side; asserts they agree */
export function compareAllocation(pipeline: string, gst: OracleRun, gstVersion?: GstVersion): void {
  expect(gst.state, pipeline).toBe('PAUSED');
  expect(gst.queries.length).toBeGreaterThan(0);
  const mine = negotiate(pipeline, gstVersion === undefined ? {} : { gstVersion });
  expect(mine.error, pipeline).toBeNull();

  // a pad can carry several queries (videocrop's own, then upstream's it forwards): matched in order
  const seen = new Map<string, number>();
  for (const q of gst.queries) {
    const n = seen.get(q.query) ?? 0;
    seen.set(q.query, n + 1);
    const r = mine.allocation.filter((a) => a.src === q.query)[n];
    expect(r, `capsflow has no ALLOCATION query number ${n + 1} on ${q.query}`).toBeDefined();
    const want = {
      pad: q.query,
      needPool: q.need_pool,
      answered: q.answered,
      pools: q.pools ?? [],
      params: q.params ?? [],
      metas: q.metas ?? [],
    };
    const got = {
      pad: r!.src,
      needPool: r!.needPool,
      answered: r!.answered,
      pools: r!.pools.map((p) => ({ pool: p.pool ?? null, size: p.size, min: p.min, max: p.max })),
      params: (r!.paramEntries ?? []).map((p) => ({ allocator: p.allocator, flags: p.flags, align: p.align, prefix: p.prefix, padding: p.padding })),
      metas: r!.metas,
    };
    expect(got, pipeline).toEqual(want);
  }

  for (const d of gst.decisions) {
    const own = mine.allocation.find((a) => a.src.startsWith(`${d.decided}.`) && a.decided !== null);
    const decided = own?.decided ?? { pool: null, allocator: null };
    const want = {
      element: d.decided,
      pool: d.pool === null ? null : { pool: d.pool, size: d.size, min: d.min, max: d.max, options: d.options },
      allocator: d.allocator,
      align: d.align,
    };
    const got = {
      element: d.decided,
      pool: decided.pool === null ? null : { pool: decided.pool.pool, size: decided.pool.size, min: decided.pool.min, max: decided.pool.max, options: decided.pool.options },
      allocator: decided.allocator,
      align: decided.params?.align ?? 0,
    };
    expect(got, pipeline).toEqual(want);
  }
}

/** random pipelines of sources, forwarders, converters, scalers, filters and tees */
const FORMATS = ['I420', 'NV12', 'YUY2', 'GRAY8', 'RGB', 'BGRA', 'Y444', 'GRAY16_LE'];
const size = fc.tuple(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 500 }));
const step = fc.oneof(
  fc.constant('queue'),
  fc.constant('identity'),
  fc.constantFrom(...FORMATS).map((f) => `videoconvert ! video/x-raw,format=${f}`),
  size.map(([w, h]) => `videoscale ! video/x-raw,width=${w},height=${h}`),
  // elements without a profile: a PROXY_ALLOCATION pad, an in-place and two allocating GstVideoFilters
  fc.constantFrom(
    'valve',
    'errorignore',
    'videoconvert ! video/x-raw,format=I420 ! videobalance saturation=0.5',
    'videoconvert ! video/x-raw,format=BGRx ! agingtv',
    'videoconvert ! video/x-raw,format=AYUV ! alpha alpha=0.5',
  ),
);
const sink = fc.constantFrom('fakevideosink', 'fakesink', 'fakevideosink enable-last-sample=false');
export const pipelineArb = fc
  .record({
    format: fc.constantFrom(...FORMATS),
    size,
    steps: fc.array(step, { maxLength: 3 }),
    end: fc.oneof(
      sink,
      fc.tuple(sink, sink, fc.array(step, { maxLength: 1 })).map(([a, b, s]) => `tee name=t t. ! queue ! ${a} t. ! queue ! ${[...s, b].join(' ! ')}`),
    ),
  })
  .map(({ format, size: [w, h], steps, end }) => [`videotestsrc ! video/x-raw,format=${format},width=${w},height=${h}`, ...steps, end].join(' ! '));

