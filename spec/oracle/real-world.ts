/**
 * The real-world corpus (fixtures/pipelines/real-world.json): gst-launch-1.0 command lines people
 * published, with provenance, a classification, and for the runnable ones the substituted argv; and
 * GStreamer's recorded answers for those (real-world-expected.json). Shared by the recorder
 * (record-real-world.spec.ts) and the comparison (real-world.spec.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gstLaunchArgs, mergeRuns, type LaunchResult, type LaunchRun } from './gst-launch.js';
import { recordedPipeline, type NegotiationLike } from './pipeline-corpus.js';

export const REAL_WORLD_URL = new URL('../../fixtures/pipelines/real-world.json', import.meta.url);
export const REAL_WORLD_EXPECTED_URL = new URL('../../fixtures/pipelines/real-world-expected.json', import.meta.url);
export const REAL_WORLD_GAPS_URL = new URL('../../fixtures/pipelines/real-world-gaps.txt', import.meta.url);
/** fixtures/media, where `@MEDIA@` in a substituted argv points (no trailing slash) */
export const MEDIA_DIR = fileURLToPath(new URL('../../fixtures/media', import.meta.url));

export type EntryClass = 'runnable' | 'device' | 'network' | 'vendor' | 'variable' | 'other';
export const ENTRY_CLASSES: readonly EntryClass[] = ['runnable', 'device', 'network', 'vendor', 'variable', 'other'];

export type Provenance =
  | { readonly repo: string; readonly path: string; readonly commit: string; readonly line: number }
  | { readonly url: string; readonly title?: string };

export interface RealWorldEntry {
  readonly id: string;
  readonly source: Provenance;
  /** the command exactly as published (line continuations and quotes as written) */
  readonly text: string;
  /** the argv words a POSIX shell makes of `text` (program name first) */
  readonly argv: readonly string[];
  readonly class: EntryClass;
  /** which device element, network element, missing element, variable or other reason */
  readonly needs: string | null;
  /** the element factories the command names (in `run` when runnable, else as published) */
  readonly elements: readonly string[];
  /** as published it needs a display (its display sink became a fakesink in `run`) */
  readonly display?: boolean;
  /** as published it needs an audio device (its audio sink became a fakesink in `run`) */
  readonly audio?: boolean;
  readonly run?: { readonly argv: readonly string[]; readonly substitutions: readonly string[] };
}

export interface RealWorldCorpus {
  readonly format: 'capsflow-real-world/1';
  readonly note: string;
  readonly entries: readonly RealWorldEntry[];
}

export function readRealWorld(): RealWorldCorpus {
  const json = JSON.parse(readFileSync(REAL_WORLD_URL, 'utf8')) as RealWorldCorpus;
  if (json.format !== 'capsflow-real-world/1') throw new Error(`real-world.json: unknown format ${String(json.format)}`);
  return json;
}

export interface RecordedEntry extends LaunchResult {
  readonly id: string;
  /** pads whose caps differed between runs (random fields: ssrc, serials, timestamps); caps of the first run kept */
  readonly random: readonly string[];
  /** the runs disagreed on the outcome (ok / error kind): not compared */
  readonly unstableOutcome: boolean;
}

export interface RecordedRealWorld {
  readonly format: 'capsflow-real-world-expected/1';
  readonly gstreamer: string;
  readonly command: string;
  readonly generated: string;
  readonly entries: readonly RecordedEntry[];
}

export function readRealWorldExpected(): RecordedRealWorld {
  const json = JSON.parse(readFileSync(REAL_WORLD_EXPECTED_URL, 'utf8')) as RecordedRealWorld;
  if (json.format !== 'capsflow-real-world-expected/1') throw new Error(`real-world-expected.json: unknown format ${String(json.format)}`);
  return json;
}

/** The argv the recorder runs: `@MEDIA@` → this checkout's fixtures/media. */
export function runArgv(entry: RealWorldEntry): string[] {
  if (entry.run === undefined) throw new Error(`${entry.id} is not runnable`);
  return entry.run.argv.map((w) => w.replaceAll('@MEDIA@', MEDIA_DIR));
}

/**
 * The description gst_parse_launchv builds from argv words (gst-launch-1.0 hands it its argv): each word
 * with its spaces outside double quotes escaped by a backslash (_gst_parse_escape), joined by spaces.
 */
export function launchvDescription(words: readonly string[]): string {
  return words
    .map((w) => {
      let out = '';
      let quoted = false;
      for (let i = 0; i < w.length; i++) {
        const c = w[i] as string;
        if (c === '"' && (!quoted || w[i - 1] !== '\\')) quoted = !quoted;
        if (c === ' ' && !quoted) out += '\\';
        out += c;
      }
      return out;
    })
    .join(' ');
}

/** Run `gst-launch-1.0 -v WORDS...` (LC_ALL=C, GST_DEBUG unset, no display) in an empty scratch directory. */
export function gstLaunchWords(words: readonly string[], options: { readonly timeoutMs?: number } = {}): Promise<LaunchRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'capsflow-real-world-'));
  return gstLaunchArgs(words, { timeoutMs: options.timeoutMs ?? 30_000, cwd, headless: true }).finally(() => rmSync(cwd, { recursive: true, force: true }));
}

/** The element factories this machine's GStreamer registry holds (`gst-inspect-1.0`, typefinders aside). */
export function installedFactories(): Set<string> {
  const out = spawnSync('gst-inspect-1.0', [], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 64 * 1024 * 1024 }).stdout ?? '';
  const names = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /^([\w-]+):\s+([\w-]+):/.exec(line);
    if (m !== null && m[1] !== 'typefindfunctions') names.add(m[2] as string);
  }
  return names;
}

/** Many runs, at most `concurrency` at a time, results in input order. */
export async function gstLaunchWordsAll(jobs: readonly (readonly string[])[], concurrency = 2): Promise<LaunchRun[]> {
  const results: LaunchRun[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await gstLaunchWords(jobs[i] as string[]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}

/** Union of several runs of one entry (mergeRuns); pads printed with different caps in different runs are random. */
export function mergeEntryRuns(id: string, runs: readonly LaunchResult[]): RecordedEntry {
  const { result, random, unstableOutcome } = mergeRuns(runs);
  // shaped as the corpus recordings are (pads sorted), with the entry's id for the pipeline
  const { pipeline: _pipeline, ...shaped } = recordedPipeline(id, result);
  return { id, ...shaped, random: [...random].sort(), unstableOutcome };
}

export type GapClass = 'no-element' | 'parse' | 'undetermined' | 'capsflow-fails' | 'gst-fails' | 'error-kind' | 'missing-pads' | 'caps' | 'extra-pads' | 'throws';

export interface Agreement {
  /** the same verdict: both negotiate, or both fail */
  readonly verdict: boolean;
  /** pad for pad: every pad GStreamer printed has capsflow's caps (random pads: present), no other pad; failures of the same kind */
  readonly pads: boolean;
  /** why not, when not: the first class of difference */
  readonly gap: GapClass | null;
  readonly differences: readonly string[];
}

/** Compare capsflow's answer with GStreamer's recorded one for one entry. */
export function compareEntry(gst: RecordedEntry, ours: NegotiationLike): Agreement {
  const verdict = gst.ok === ours.ok;
  const d: string[] = [];
  if (!gst.ok || !ours.ok) {
    if (ours.verdict === 'undetermined') {
      // an honest "cannot know without …": a gap, never a wrong answer
      const what = (ours.unknowns ?? []).map((u) => `${u.element}${u.pad === undefined ? '' : `.${u.pad}`} ${u.reason}`).join(', ');
      d.push(`capsflow undetermined (${what}), GStreamer ${gst.ok ? 'negotiates' : `fails (${String(gst.errorKind)})`}`);
      return { verdict, pads: false, gap: 'undetermined', differences: d };
    }
    if (gst.ok) d.push(`capsflow fails (${ours.error?.kind ?? '?'}: ${ours.error?.message ?? ''}), GStreamer negotiates`);
    else if (ours.ok) d.push(`GStreamer fails (${String(gst.errorKind)}: ${gst.message}), capsflow negotiates`);
    else if (gst.errorKind !== ours.error?.kind) d.push(`error kind: GStreamer ${String(gst.errorKind)} (${gst.message}), capsflow ${String(ours.error?.kind)} (${ours.error?.message ?? ''})`);
    const kind = ours.error?.kind;
    const gap: GapClass | null =
      d.length === 0 ? null : gst.ok ? (kind === 'no-element' ? 'no-element' : kind === 'syntax' ? 'parse' : 'capsflow-fails') : ours.ok ? 'gst-fails' : 'error-kind';
    return { verdict, pads: d.length === 0, gap, differences: d };
  }
  const random = new Set(gst.random);
  let missing = false;
  let differ = false;
  let extra = false;
  for (const [pad, caps] of Object.entries(gst.pads)) {
    const got = ours.pads[pad];
    if (got === undefined) {
      missing = true;
      d.push(`${pad}: missing, GStreamer: ${caps}`);
    } else if (got !== caps && !random.has(pad)) {
      differ = true;
      d.push(`${pad}:\n    GStreamer ${caps}\n    capsflow  ${got}`);
    }
  }
  for (const [pad, caps] of Object.entries(ours.pads)) {
    if (pad.includes('/')) continue; // pads inside bins: GStreamer's nested ones are not compared
    if (!Object.hasOwn(gst.pads, pad)) {
      extra = true;
      d.push(`${pad}: capsflow gives ${caps}, GStreamer printed no caps for it`);
    }
  }
  const gap: GapClass | null = differ ? 'caps' : missing ? 'missing-pads' : extra ? 'extra-pads' : null;
  return { verdict, pads: d.length === 0, gap, differences: d };
}

/**
 * Which area of work a difference belongs to (the issues that cover it): the launch parser, the embedded
 * registry (issue 13), media read from files — typefind, demuxers, parsers, decodebin (issue 12) —,
 * encoders, muxers, payloaders and the parsers/decoders after them (issue 13), sources capsflow fixates
 * from their templates (issue 11), overlays and mixers (issue 13), GStreamer failing at run time where
 * capsflow negotiates, other.
 */
export type GapArea = 'launch-parser' | 'registry' | 'media-in' | 'encoders-muxers' | 'overlays-mixers' | 'sources' | 'gstreamer-runtime' | 'other';
export const GAP_AREAS: readonly GapArea[] = ['launch-parser', 'registry', 'media-in', 'encoders-muxers', 'overlays-mixers', 'sources', 'gstreamer-runtime', 'other'];

/** Where an element named in a difference stands in the command: `name=X`, or the Nth word of factory `f` for `fN`. */
function position(words: readonly string[], element: string): number {
  const named = words.indexOf(`name=${element}`);
  if (named >= 0) return named;
  const m = /^(.*?)-?(\d+)$/.exec(element);
  if (m === null) return Number.POSITIVE_INFINITY;
  let seen = -1;
  for (let i = 0; i < words.length; i++) if (words[i] === m[1] && ++seen === Number(m[2])) return i;
  return Number.POSITIVE_INFINITY;
}

export function gapArea(entry: RealWorldEntry, agreement: Agreement): GapArea | null {
  if (agreement.gap === null) return null;
  if (agreement.gap === 'parse') return 'launch-parser';
  if (agreement.gap === 'no-element' || /capsflow no-element/.test(agreement.differences[0] ?? '')) return 'registry';
  if (agreement.gap === 'gst-fails') return 'gstreamer-runtime';
  const words = entry.run?.argv ?? [];
  if (words.some((w) => w.includes('@MEDIA@'))) return 'media-in';
  // the most upstream element a difference names: where the answers part
  const named = agreement.differences.flatMap((d) => [...d.matchAll(/(?:^|[\s(])([a-z][\w-]*?-?\d+)(?=[.:\s]|$)/g)].map((m) => m[1] as string));
  const first = named.sort((a, b) => position(words, a) - position(words, b))[0];
  const word = first === undefined ? undefined : words[position(words, first)];
  const factory = word === undefined ? '' : word.startsWith('name=') ? (words[words.lastIndexOf('!', words.indexOf(word)) + 1] ?? '') : word;
  if (/(enc|mux|pay|depay|parse|dec)$/.test(factory)) return 'encoders-muxers';
  if (/src$/.test(factory)) return 'sources';
  if (words.some((w) => /(overlay|compositor|mixer|^interleave)$/.test(w))) return 'overlays-mixers';
  return 'other';
}

export interface Gap {
  readonly id: string;
  readonly gap: GapClass;
  readonly area: GapArea;
  readonly note: string;
}

/** fixtures/pipelines/real-world-gaps.txt: `ID  CLASS  AREA  note`, '#' comments. */
export function readGaps(): Gap[] {
  return readFileSync(REAL_WORLD_GAPS_URL, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [id, gap, area, ...rest] = l.split(/\s+/);
      return { id: id as string, gap: gap as GapClass, area: area as GapArea, note: rest.join(' ') };
    });
}
