/**
 * The protected-content rule in real GStreamer 1.26: spec/oracle/dmabuf-exporter.c built inside the Debian 13
 * root against 1.26's headers (chroot ROOT cc …), its device offering 1.24+ DMABuf caps
 * (`video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=…`). At decide_allocation it tries a READWRITE map:
 * refused (write-sealed memfd) → it announces the DMA_DRM caps; mapped (memfd) → the feature is not used and the
 * DMA_DRM structure becomes system memory in the GStreamer formats its drm-format entries stand for
 * (gst_video_dma_drm_format_to_gst_format: NV12 → NV12, NV12:0x0400000000000001 → NV12_64Z32). capsflow (v4l2src
 * standing in for the exporter, the same memory and declared caps, `gstVersion: '1.26'`) must give the same
 * verdict, and the same pads where GStreamer negotiated:
 *  - a table of protected chains and one of mappable chains,
 *  - fast-check draws (pinned seed: the same cases everywhere, so they can be recorded) of random exporter
 *    memory, drm-format and chains of passthrough and non-passthrough elements (queue, tee, identity,
 *    videoconvert, videoflip, videoscale, capsfilters with and without the feature) into fakevideosink,
 *    fakesink or waylandsink's sink template (a capsfilter of it before fakesink: no Wayland display here).
 * Live with the root (`CAPSFLOW_RECORD=1.26` also writes fixtures/dmabuf/exporter-1.26.json); root missing: a
 * failure in CI, locally capsflow is held to that recording.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRegistry, negotiate } from '../../src/negotiation/index.js';
import { capsflowVerdict, gstVerdict, type ExporterMemory, type ExporterRun } from './dmabuf-exporter.js';
import { isCI, oracleMode } from './available.js';
import { root126Problem, ROOT_126 } from './gst126.js';

const FIXTURE = new URL('../../fixtures/dmabuf/exporter-1.26.json', import.meta.url);
const SEED = 20261207;

const device = (drm: string): string => `video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=${drm}, width=320, height=240, framerate=30/1`;
const TILED = 'NV12:0x0400000000000001';

interface Case {
  readonly memory: ExporterMemory;
  readonly drm: string;
  /** after the exporter */
  readonly chain: string;
}

/** chain after the exporter → what 1.26 does with protected DMA_DRM memory there */
const PROTECTED: readonly string[] = [
  'fakesink',
  'fakevideosink',
  'queue ! identity ! fakevideosink',
  'videoconvert ! videoscale ! fakevideosink',
  'videoconvertscale ! fakesink',
  'videoconvert ! video/x-raw,format=I420 ! fakesink',
  'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0400000000000001 ! fakesink',
  'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=NV12:0x0100000000000002 ! fakesink',
  'video/x-raw(memory:DMABuf),format=DMA_DRM,drm-format=YUYV ! fakesink',
  'tee name=t t. ! queue ! fakesink t. ! queue ! fakevideosink',
];

/** waylandsink's sink template (memory:DMABuf DMA_DRM first, then system memory), as a capsfilter */
const WAYLAND = `capsfilter caps="${defaultRegistry('1.26').get('waylandsink')?.padTemplates.find((t) => t.direction === 'sink')?.caps ?? 'ANY'}" ! fakesink`;

/** mappable memory: the exporter offers system memory; elements may process the buffers */
const MAPPABLE: readonly string[] = [
  'fakesink',
  'fakevideosink',
  'videoconvert ! video/x-raw,format=I420 ! fakesink',
  'videoflip method=clockwise ! fakevideosink',
  'videoscale ! video/x-raw,width=160,height=120 ! fakesink',
  'video/x-raw(memory:DMABuf) ! fakesink',
  'video/x-raw,format=NV12 ! fakevideosink',
  WAYLAND,
];

const step = fc.constantFrom(
  'queue',
  'identity',
  'videoconvert',
  'videoconvert ! video/x-raw,format=I420',
  'videoflip',
  'videoflip method=rotate-180',
  'videoscale',
  'videoscale ! video/x-raw,width=160,height=120',
  // capsfilter elements: two bare caps in a row do not parse ("no element")
  'capsfilter caps="video/x-raw(memory:DMABuf)"',
  'capsfilter caps="video/x-raw(memory:DMABuf),format=DMA_DRM"',
  'capsfilter caps=video/x-raw',
  'capsfilter caps="video/x-raw(ANY)"',
);
const end = fc.constantFrom('fakevideosink', 'fakesink', WAYLAND);
const chainArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.array(step, { maxLength: 3 }), end).map(([s, e]) => [...s, e].join(' ! ')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(step, { maxLength: 1 }), end, fc.array(step, { maxLength: 2 }), end)
      .map(([a, ea, b, eb]) => `tee name=t t. ! ${['queue', ...a, ea].join(' ! ')} t. ! ${['queue', ...b, eb].join(' ! ')}`),
  },
);
const caseArb: fc.Arbitrary<Case> = fc.record({
  memory: fc.constantFrom<ExporterMemory>('memfd', 'sealed-memfd'),
  drm: fc.constantFrom('NV12', TILED, `{ NV12, ${TILED} }`),
  chain: chainArb,
});
const RANDOM: readonly Case[] = fc.sample(caseArb, { seed: SEED, numRuns: 60 });

const CASES: readonly { group: string; c: Case }[] = [
  ...PROTECTED.map((chain) => ({ group: 'protected', c: { memory: 'sealed-memfd' as const, drm: TILED, chain } })),
  ...MAPPABLE.map((chain) => ({ group: 'mappable', c: { memory: 'memfd' as const, drm: 'NV12', chain } })),
  ...RANDOM.map((c) => ({ group: 'random', c })),
];

const gstText = (c: Case): string => `capsflowexporter memory=${c.memory} num-buffers=3 caps="${device(c.drm)}" ! ${c.chain}`;

const DIR = '/tmp/capsflow-dmabuf-exporter-1.26';
const problem = root126Problem();
const mode = oracleMode(problem, isCI);
if (mode === 'skip') console.warn(`[oracle] GStreamer 1.26 root missing (${String(problem)}): the 1.26 exporter scenarios are compared with their recording`);

/** the harness, `perProcess` pipelines per process, two processes at a time */
async function runLive(texts: readonly string[], perProcess = 8): Promise<ExporterRun[]> {
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += perProcess) batches.push(texts.slice(i, i + perProcess));
  const out: ExporterRun[][] = new Array(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const i = next++;
      const batch = batches[i]!;
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile('chroot', [ROOT_126, `${DIR}/dmabuf-exporter`, ...batch], { env: { ...process.env, LC_ALL: 'C', GST_DEBUG: '' }, encoding: 'utf8', timeout: 30_000 * batch.length, maxBuffer: 16 << 20 }, (err, o) =>
          err !== null && o === '' ? reject(err) : resolve(o),
        ),
      );
      out[i] = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as ExporterRun)
        .map((r) => ({ ...r, pads: Object.fromEntries(Object.entries(r.pads).map(([k, v]) => [k.replace(/^capsflowexporter(\d+)/, 'v4l2src$1'), v])) }));
      if (out[i].length !== batch.length) throw new Error(`dmabuf-exporter answered ${out[i].length} of ${batch.length} pipelines`);
    }
  };
  await Promise.all([worker(), worker()]);
  return out.flat();
}

describe(`the protected-content rule in GStreamer 1.26 (${mode === 'run' ? 'the test exporter built in the Debian 13 root' : 'recorded'})`, () => {
  if (mode === 'fail') {
    it('needs the GStreamer 1.26 oracle (the Debian 13 root), which CI must provide', () => {
      throw new Error(`GStreamer 1.26 oracle missing in CI: ${String(problem)}`);
    });
    return;
  }
  const runs = new Map<string, ExporterRun>();
  beforeAll(async () => {
    if (mode !== 'run') {
      for (const r of (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { runs: ExporterRun[] }).runs) runs.set(r.pipeline, r);
      return;
    }
    mkdirSync(`${ROOT_126}${DIR}`, { recursive: true });
    copyFileSync(fileURLToPath(new URL('./dmabuf-exporter.c', import.meta.url)), `${ROOT_126}${DIR}/dmabuf-exporter.c`);
    execFileSync('chroot', [ROOT_126, 'sh', '-c', `cd ${DIR} && cc -O1 -o dmabuf-exporter.part dmabuf-exporter.c $(pkg-config --cflags --libs gstreamer-1.0 gstreamer-base-1.0 gstreamer-video-1.0 gstreamer-allocators-1.0) && mv dmabuf-exporter.part dmabuf-exporter`], { stdio: 'pipe' });
    const texts = CASES.map((x) => gstText(x.c));
    const live = await runLive(texts);
    live.forEach((r, i) => runs.set(texts[i]!, r));
    if (process.env.CAPSFLOW_RECORD === '1.26') {
      const gstreamer = execFileSync('chroot', [ROOT_126, 'gst-launch-1.0', '--version'], { encoding: 'utf8' }).match(/GStreamer (\S+)/)?.[1] ?? 'unknown';
      writeFileSync(fileURLToPath(FIXTURE), `${JSON.stringify({ gstreamer, seed: SEED, command: 'chroot ROOT dmabuf-exporter PIPELINE... (built in the root)', runs: texts.map((t) => runs.get(t)) }, null, 1)}\n`);
    }
  }, 900_000);

  const check = (c: Case): void => {
    const text = gstText(c);
    const run = runs.get(text);
    if (run === undefined) throw new Error(`no 1.26 run recorded for ${text} (re-record with CAPSFLOW_RECORD=1.26)`);
    // the exporter's probe decided the feature as the memory says (the rule's precondition)
    expect(run.probes.every((p) => p.readwrite === (c.memory === 'memfd')), JSON.stringify(run.probes)).toBe(true);
    const mine = negotiate(`v4l2src ! ${c.chain}`, { gstVersion: '1.26', memory: { v4l2src0: c.memory }, caps: { 'v4l2src0.src': device(c.drm) } });
    expect(capsflowVerdict(mine), `GStreamer 1.26: ${run.verdict}: ${String(run.message)}\ncapsflow: ${String(mine.error?.message)}`).toBe(gstVerdict(run));
    if (run.verdict === 'negotiated') for (const [pad, caps] of Object.entries(run.pads)) expect(mine.pads[pad], pad).toBe(caps);
  };

  it.for(PROTECTED)('$X [sealed-memfd, DMA_DRM] ! %s', (chain) => check({ memory: 'sealed-memfd', drm: TILED, chain }));
  it.for(MAPPABLE)('$X [memfd, DMA_DRM NV12: system memory] ! %s', (chain) => check({ memory: 'memfd', drm: 'NV12', chain }));
  it.for(RANDOM.map((c) => [c] as const))('random: $X [%j]', ([c]) => check(c));

  it('the random cases reach both verdicts and both memory kinds', () => {
    const verdicts = new Set(RANDOM.map((c) => gstVerdict(runs.get(gstText(c))!)));
    expect(verdicts.has('negotiated')).toBe(true);
    expect(verdicts.size).toBeGreaterThan(1);
    expect(new Set(RANDOM.map((c) => c.memory)).size).toBe(2);
  });
});
