/**
 * The memory:DMABuf oracle: spec/oracle/dmabuf-exporter.c (a test exporter that follows the documented rule,
 * and a gst_is_dmabuf_memory probe on every sink) built against the installed GStreamer and run on
 * pipelines; and the same scenarios as capsflow asks them (v4l2src as the exporter, its caps declared as
 * the device gives them, `memory` memfd or sealed-memfd).
 *
 * A scenario is a chain with `$X` where an exporter stands; each `$X` gets its own memory kind.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NegotiateOptions, NegotiationResult } from '../../src/negotiation/index.js';
import { tool } from './available.js';

export type ExporterMemory = 'memfd' | 'sealed-memfd';

/** what the test device offers, memory:DMABuf first (as 1.26's v4l2src lists it); the probe picks the feature */
export const DEVICE_CAPS =
  'video/x-raw(memory:DMABuf), format=NV12, width=320, height=240, framerate=30/1; video/x-raw, format=NV12, width=320, height=240, framerate=30/1';

export interface Scenario {
  /** gst-launch text, `$X` for each exporter */
  readonly chain: string;
  /** one memory kind per `$X`, in order */
  readonly memory: readonly ExporterMemory[];
}

export type Verdict = 'negotiated' | 'not-negotiated' | 'link-failed' | 'syntax' | 'no-element' | 'error' | 'timeout' | 'crashed';

export interface ExporterRun {
  readonly pipeline: string;
  readonly verdict: Verdict;
  readonly message: string | null;
  readonly element: string | null;
  /** "element.pad" → caps, exporters named as capsflow names them (v4l2src0 …) */
  readonly pads: Readonly<Record<string, string>>;
  readonly probes: readonly { readonly element: string; readonly readwrite: boolean; readonly errno: string | null }[];
  /** sink → buffers that arrived, and how many were dmabuf memory (gst_is_dmabuf_memory) */
  readonly imports: Readonly<Record<string, { readonly buffers: number; readonly dmabuf: number; readonly protected: boolean }>>;
}

const NUM_BUFFERS = 3;

export const scenarioKey = (s: Scenario): string => `${s.chain} [${s.memory.join(',')}]`;

/** the text the harness runs: capsflowexporter elements in place of `$X` */
export function gstText(s: Scenario): string {
  let i = 0;
  return s.chain.replace(/\$X/g, () => `capsflowexporter memory=${s.memory[i++] ?? 'memfd'} num-buffers=${NUM_BUFFERS}`);
}

/** capsflow's question: v4l2src in place of `$X`, its memory and its declared caps */
export function capsflowQuestion(s: Scenario): { text: string; options: NegotiateOptions } {
  const memory: Record<string, string> = {};
  const caps: Record<string, string> = {};
  let i = 0;
  const text = s.chain.replace(/\$X/g, () => {
    const name = `v4l2src${i}`;
    memory[name] = s.memory[i++] ?? 'memfd';
    caps[`${name}.src`] = DEVICE_CAPS;
    return 'v4l2src';
  });
  return { text, options: { memory, caps } };
}

/** exporter names in the harness's output as capsflow names them */
const renamed = (key: string): string => key.replace(/^capsflowexporter(\d+)/, 'v4l2src$1');

/**
 * Build the harness once per machine and source: cached in the temp directory under a hash of the source and
 * the compiler flags (written to a temporary name and renamed, so parallel test files never see half a file).
 */
export function buildExporter(): { binary: string } | { problem: string } {
  if (!tool('cc') || !tool('pkg-config')) return { problem: 'cc or pkg-config is not on PATH' };
  let flags: string[];
  try {
    flags = execFileSync('pkg-config', ['--cflags', '--libs', 'gstreamer-1.0', 'gstreamer-base-1.0', 'gstreamer-video-1.0', 'gstreamer-allocators-1.0'], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
  } catch {
    return { problem: 'pkg-config knows no gstreamer-base/video/allocators-1.0 (install libgstreamer1.0-dev and libgstreamer-plugins-base1.0-dev)' };
  }
  const source = fileURLToPath(new URL('./dmabuf-exporter.c', import.meta.url));
  const hash = createHash('sha256').update(readFileSync(source)).update(flags.join(' ')).digest('hex').slice(0, 16);
  const binary = join(tmpdir(), `capsflow-dmabuf-exporter-${hash}`);
  if (existsSync(binary)) return { binary };
  const partial = `${binary}.${process.pid}.tmp`;
  try {
    execFileSync('cc', ['-O1', '-o', partial, source, ...flags], { stdio: 'pipe' });
  } catch (e) {
    return { problem: `the harness does not compile: ${String((e as { stderr?: Buffer }).stderr ?? e)}` };
  }
  renameSync(partial, binary);
  return { binary };
}

function runBatch(binary: string, texts: readonly string[]): Promise<ExporterRun[]> {
  const env: Record<string, string | undefined> = { ...process.env, LC_ALL: 'C' };
  delete env.GST_DEBUG;
  return new Promise((resolve, reject) => {
    // each pipeline has 15 s in its child (alarm); the batch as a whole gets that per pipeline
    execFile(binary, [...texts], { env, encoding: 'utf8', timeout: 20_000 * texts.length, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as ExporterRun);
      if (lines.length !== texts.length) {
        reject(new Error(`dmabuf-exporter answered ${lines.length} of ${texts.length} pipelines${err ? `: ${err.message}` : ''}`));
        return;
      }
      resolve(
        lines.map((r) => ({
          ...r,
          element: r.element === null ? null : renamed(r.element),
          pads: Object.fromEntries(Object.entries(r.pads).map(([k, v]) => [renamed(k), v])),
          probes: r.probes.map((p) => ({ ...p, element: renamed(p.element) })),
        })),
      );
    });
  });
}

/** Run scenarios through the harness: `perProcess` pipelines per process, `concurrency` processes at once. */
export async function runScenarios(binary: string, scenarios: readonly Scenario[], perProcess = 8, concurrency = 2): Promise<ExporterRun[]> {
  const texts = scenarios.map(gstText);
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += perProcess) batches.push(texts.slice(i, i + perProcess));
  const results: ExporterRun[][] = new Array(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const i = next++;
      results[i] = await runBatch(binary, batches[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return results.flat();
}

/**
 * GStreamer's verdict in capsflow's terms. The rule shows at run time in two ways, both 'policy': a sink fed
 * by a protected exporter received memory that is not the exporter's dmabufs (an element copied the protected
 * buffers: GstBuffer's write map copies memory it cannot map writable), or an element on the path stopped
 * with an error of its own (videocrop: "Downstream doesn't support crop for non-raw caps").
 */
export function gstVerdict(run: ExporterRun): string {
  const prot = run.probes.some((p) => !p.readwrite);
  if (run.verdict === 'negotiated') return Object.values(run.imports).some((c) => c.protected && c.dmabuf < c.buffers) ? 'policy' : 'negotiated';
  if (run.verdict === 'error' && prot) return 'policy';
  return run.verdict;
}

/** capsflow's verdict */
export const capsflowVerdict = (r: NegotiationResult): string => (r.ok ? 'negotiated' : (r.error?.kind ?? 'error'));

/** the pads GStreamer printed, with capsflow's caps for each (a pad capsflow left without caps: '(none)') */
export function padsSideBySide(run: ExporterRun, mine: NegotiationResult): { gst: Record<string, string>; capsflow: Record<string, string> } {
  const gst: Record<string, string> = {};
  const capsflow: Record<string, string> = {};
  for (const k of [...new Set([...Object.keys(run.pads), ...Object.keys(mine.pads)])].sort()) {
    gst[k] = run.pads[k] ?? '(none)';
    capsflow[k] = mine.pads[k] ?? '(none)';
  }
  return { gst, capsflow };
}
