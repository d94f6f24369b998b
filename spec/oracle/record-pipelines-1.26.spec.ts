/**
 * Records GStreamer 1.26's answers for its corpus (gst126.ts): `CAPSFLOW_RECORD=1.26 npx vitest run
 * spec/oracle/record-pipelines-1.26.spec.ts` runs each pipeline with `chroot ROOT gst-launch-1.0 -v` and
 * writes fixtures/pipelines/expected-1.26.json. Without it, checks that the recording answers exactly the
 * 1.26 corpus, in order, each failure classified.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeOracle126, EXPECTED_126_URL, readCorpus126, readExpected126, ROOT_126 } from './gst126.js';
import { gstLaunchAll } from './gst-launch.js';
import { recordCorpus, type RecordedCorpus } from './pipeline-corpus.js';

const recording = process.env.CAPSFLOW_RECORD === '1.26';

if (recording) {
  describeOracle126('record GStreamer 1.26 answers for the 1.26 corpus', () => {
    it('runs every pipeline through chroot ROOT gst-launch-1.0 -v and writes expected-1.26.json', async () => {
      const corpus = readCorpus126();
      expect(new Set(corpus).size, 'duplicate pipelines in the 1.26 corpus').toBe(corpus.length);
      // CAPSFLOW_RECORD_NEW=1 runs only the pipelines expected-1.26.json lacks and keeps the recorded answers of the rest
      const kept = new Map(process.env.CAPSFLOW_RECORD_NEW === '1' ? readExpected126().pipelines.map((p) => [p.pipeline, p] as const) : []);
      const { pipelines, unstable, unclassified } = await recordCorpus(corpus, kept, (ps) => gstLaunchAll(ps, 2, { root: ROOT_126, timeoutMs: 60_000 }));
      expect(unstable).toEqual([]);
      expect(unclassified).toEqual([]);
      const version = execFileSync('chroot', [ROOT_126, 'gst-launch-1.0', '--version'], { encoding: 'utf8' }).match(/GStreamer (\S+)/)?.[1] ?? 'unknown';
      const out: RecordedCorpus = {
        format: 'capsflow-pipelines/1',
        gstreamer: version,
        command: 'chroot ROOT gst-launch-1.0 -v PIPELINE (Debian 13 root, LC_ALL=C, GST_DEBUG unset), via spec/oracle/gst-launch.ts; pads are the union of 2 runs (8 with queue/tee)',
        generated: new Date().toISOString(),
        pipelines,
      };
      writeFileSync(fileURLToPath(EXPECTED_126_URL), `${JSON.stringify(out, null, 1)}\n`);
    });
  });
} else {
  describe('fixtures/pipelines/expected-1.26.json', () => {
    it('answers exactly the 1.26 corpus, in order, each failure classified, recorded with 1.26', () => {
      const expected = readExpected126();
      expect(expected.gstreamer).toMatch(/^1\.26\./);
      expect(expected.pipelines.map((p) => p.pipeline)).toEqual(readCorpus126());
      for (const p of expected.pipelines) expect(p.ok || p.errorKind !== null, p.pipeline).toBe(true);
    });
  });
}
