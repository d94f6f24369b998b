/**
 * The differential pipeline corpus (fixtures/pipelines/corpus.txt) and GStreamer's recorded answers
 * (fixtures/pipelines/expected.json), shared by the recorder and the comparisons.
 */
import { readFileSync } from 'node:fs';
import { mergeRuns, recordRuns, type LaunchErrorKind, type LaunchResult } from './gst-launch.js';

export const CORPUS_URL = new URL('../../fixtures/pipelines/corpus.txt', import.meta.url);
export const EXPECTED_URL = new URL('../../fixtures/pipelines/expected.json', import.meta.url);

/** Pipelines in file order; blank lines and '#' comments skipped. */
export function readCorpus(): string[] {
  return readFileSync(CORPUS_URL, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export interface RecordedPipeline extends LaunchResult {
  readonly pipeline: string;
}

/** One gst-launch answer as the recordings keep it: pads and nested pads sorted by name. */
export function recordedPipeline(pipeline: string, r: LaunchResult): RecordedPipeline {
  const sorted = (map: Readonly<Record<string, string>>): Record<string, string> => Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    pipeline,
    ok: r.ok,
    errorKind: r.errorKind,
    message: r.message,
    ...(r.element === undefined ? {} : { element: r.element }),
    pads: sorted(r.pads),
    nested: sorted(r.nested),
  };
}

/**
 * A corpus recorded: each pipeline run `recordRuns` times by `launch` and merged (mergeRuns), or its
 * recording in `kept` as it is (CAPSFLOW_RECORD_NEW). `unstable` lists what disagreed between runs and
 * `unclassified` the failures negotiate() cannot name: both must be empty for the recording to be kept.
 */
export async function recordCorpus(
  corpus: readonly string[],
  kept: ReadonlyMap<string, RecordedPipeline>,
  launch: (pipelines: string[]) => Promise<readonly LaunchResult[]>,
): Promise<{ readonly pipelines: RecordedPipeline[]; readonly unstable: string[]; readonly unclassified: string[] }> {
  const jobs = corpus.flatMap((p, i) => (kept.has(p) ? [] : Array.from({ length: recordRuns(p) }, () => ({ p, i }))));
  const raw = await launch(jobs.map((j) => j.p));
  const unstable: string[] = [];
  const unclassified: string[] = [];
  const pipelines = corpus.map((p, i) => {
    const recorded = kept.get(p);
    if (recorded !== undefined) return recorded;
    const merged = mergeRuns(raw.filter((_r, k) => jobs[k]?.i === i));
    for (const u of merged.unstable) unstable.push(`${p}: ${u}`);
    const r = merged.result;
    // every failure must be one negotiate() can name; anything else does not belong in the corpus
    if (!r.ok && r.errorKind === null) unclassified.push(`${p}: ${r.message}`);
    return recordedPipeline(p, r);
  });
  return { pipelines, unstable, unclassified };
}

export interface RecordedCorpus {
  readonly format: 'capsflow-pipelines/1';
  readonly gstreamer: string;
  readonly command: string;
  readonly generated: string;
  readonly pipelines: readonly RecordedPipeline[];
}

export function readExpected(): RecordedCorpus {
  const json = JSON.parse(readFileSync(EXPECTED_URL, 'utf8')) as RecordedCorpus;
  if (json.format !== 'capsflow-pipelines/1') throw new Error(`expected.json: unknown format ${String(json.format)}`);
  return json;
}

/** What negotiate() returns, as far as the comparison needs it (the real type lives in src/negotiation/types.ts). */
export interface NegotiationLike {
  readonly ok: boolean;
  readonly error: { readonly kind: string; readonly message: string; readonly element?: string } | null;
  readonly pads: Readonly<Record<string, string>>;
  /** capsflow's three verdicts (undetermined: what it could not know is in `unknowns`) */
  readonly verdict?: 'negotiated' | 'failed' | 'undetermined';
  readonly unknowns?: readonly { readonly element: string; readonly pad?: string; readonly reason: string }[];
}

/**
 * Differences between GStreamer's answer and capsflow's, one line each; none means they agree.
 * Negotiated: the same `pads` map (every pad GStreamer printed, the same caps string, no other pad).
 * Failed: the same error kind.
 */
export function compareWithGStreamer(gst: LaunchResult, ours: NegotiationLike): string[] {
  const d: string[] = [];
  if (!gst.ok) {
    const kind: LaunchErrorKind | null = gst.errorKind;
    if (ours.ok) d.push(`GStreamer fails (${String(kind)}: ${gst.message}) but capsflow negotiated`);
    else if (ours.error?.kind !== kind) d.push(`error kind: GStreamer ${String(kind)} (${gst.message}), capsflow ${String(ours.error?.kind)} (${ours.error?.message ?? ''})`);
    return d;
  }
  if (!ours.ok) {
    d.push(`GStreamer negotiates but capsflow fails: ${ours.error?.kind ?? 'no error'}: ${ours.error?.message ?? ''}`);
    return d;
  }
  for (const [pad, caps] of Object.entries(gst.pads)) {
    const got = ours.pads[pad];
    if (got === undefined) d.push(`${pad}: missing, GStreamer: ${caps}`);
    else if (got !== caps) d.push(`${pad}:\n    GStreamer ${caps}\n    capsflow  ${got}`);
  }
  for (const [pad, caps] of Object.entries(ours.pads)) {
    // pads inside bins ('b/identity0.src') are compared with what GStreamer printed inside them
    if (pad.includes('/')) {
      const nested = gst.nested[pad];
      if (nested !== undefined && nested !== caps) d.push(`${pad}:\n    GStreamer ${nested}\n    capsflow  ${caps}`);
      continue;
    }
    if (!Object.hasOwn(gst.pads, pad)) d.push(`${pad}: capsflow gives ${caps}, GStreamer printed no caps for it`);
  }
  return d;
}

type Negotiate = (pipeline: string) => NegotiationLike;

/**
 * negotiate() from src/negotiation/index.ts, loaded lazily so this file typechecks before the engine
 * exists; null while it is not exported.
 */
export async function loadNegotiate(): Promise<Negotiate | null> {
  const area = (await import('../../src/negotiation/index.js')) as Record<string, unknown>;
  const f = area.negotiate;
  return typeof f === 'function' ? (f as Negotiate) : null;
}
