/**
 * The GStreamer 1.26 oracle: the Debian 13 root ($CAPSFLOW_DEBIAN13_ROOT, default /var/tmp/capsflow-debian13,
 * made by /work/shared/tools/debian13-root.sh), run with `chroot ROOT gst-launch-1.0 -v`. Its pipeline corpus
 * is the simple test-source part of fixtures/pipelines/corpus.txt (only the elements below) plus the
 * 1.26-only lines of fixtures/pipelines/corpus-1.26.txt (DMA_DRM); the answers are in expected-1.26.json
 * and the pipelines capsflow does not model yet for 1.26 in known-gaps-1.26.txt.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { isCI, oracleMode } from './available.js';
import { readCorpus, type RecordedCorpus } from './pipeline-corpus.js';

export const ROOT_126 = process.env.CAPSFLOW_DEBIAN13_ROOT ?? '/var/tmp/capsflow-debian13';

export const EXPECTED_126_URL = new URL('../../fixtures/pipelines/expected-1.26.json', import.meta.url);
export const CORPUS_126_URL = new URL('../../fixtures/pipelines/corpus-1.26.txt', import.meta.url);
export const GAPS_126_URL = new URL('../../fixtures/pipelines/known-gaps-1.26.txt', import.meta.url);

/** Why the 1.26 root cannot run gst-launch-1.0, or null. */
export function root126Problem(): string | null {
  if (!existsSync(`${ROOT_126}/usr/bin/gst-launch-1.0`)) return `no GStreamer 1.26 root at ${ROOT_126} (/work/shared/tools/debian13-root.sh builds it)`;
  try {
    execFileSync('chroot', [ROOT_126, 'true'], { stdio: 'ignore' });
    return null;
  } catch (e) {
    return `cannot chroot into ${ROOT_126} (${(e as Error).message.split('\n')[0] ?? ''})`;
  }
}

/** describeOracle for the 1.26 root: runs, fails in CI when the root is missing, skips with a message locally. */
export function describeOracle126(name: string, fn: () => void): void {
  const problem = root126Problem();
  const mode = oracleMode(problem, isCI);
  if (mode === 'skip') console.warn(`[oracle] SKIPPING "${name}": ${String(problem)}`);
  const body =
    mode === 'run'
      ? fn
      : () => {
          it('needs the GStreamer 1.26 oracle (the Debian 13 root), which CI must provide', () => {
            throw new Error(`GStreamer 1.26 oracle missing in CI: ${String(problem)}`);
          });
        };
  describe.skipIf(mode === 'skip')(name, body);
}

/** The factories of the simple test-source pipelines: sources, sinks and the raw-video/audio transforms. */
export const SIMPLE_FACTORIES: ReadonlySet<string> = new Set([
  'videotestsrc', 'audiotestsrc', 'fakesrc', 'fakesink', 'fakevideosink', 'identity', 'queue', 'tee', 'capsfilter',
  'videoconvert', 'videoscale', 'videoconvertscale', 'videoflip', 'videobox', 'videocrop', 'videorate', 'audioconvert', 'audioresample',
]);

/** A corpus line all of whose elements are simple (caps strings and pad references `t.` are not elements). */
export function isSimplePipeline(pipeline: string): boolean {
  return pipeline
    .split('!')
    .map((s) => s.trim().split(/\s+/)[0] ?? '')
    .every((w) => w === '' || w.includes('/') || w.startsWith('"') || /^[\w-]*\.$/.test(w) || SIMPLE_FACTORIES.has(w));
}

function lines(url: URL): string[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The 1.26 corpus: the simple lines of corpus.txt, then corpus-1.26.txt. */
export function readCorpus126(): string[] {
  return [...readCorpus().filter(isSimplePipeline), ...lines(CORPUS_126_URL)];
}

export function readExpected126(): RecordedCorpus {
  const json = JSON.parse(readFileSync(EXPECTED_126_URL, 'utf8')) as RecordedCorpus;
  if (json.format !== 'capsflow-pipelines/1') throw new Error(`expected-1.26.json: unknown format ${String(json.format)}`);
  return json;
}

/** known-gaps-1.26.txt: `PIPELINE    [reason]` per line. */
export function readGaps126(): Map<string, string> {
  const gaps = new Map<string, string>();
  for (const l of lines(GAPS_126_URL)) {
    const m = /^(.*?)\s{2,}\[(.*)\]$/.exec(l);
    if (m === null) throw new Error(`known-gaps-1.26.txt: no [reason] on: ${l}`);
    gaps.set(m[1] ?? '', m[2] ?? '');
  }
  return gaps;
}
