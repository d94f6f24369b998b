/**
 * Records GStreamer's answers for the corpus: `CAPSFLOW_RECORD=1 npx vitest run spec/oracle/record-pipelines.spec.ts`
 * runs every corpus pipeline through `gst-launch-1.0 -v` and writes fixtures/pipelines/expected.json.
 * Without CAPSFLOW_RECORD it checks that expected.json answers exactly the corpus, in order.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeOracle } from './available.js';
import { gstLaunchAll } from './gst-launch.js';
import { EXPECTED_URL, readCorpus, readExpected, recordCorpus, type RecordedCorpus } from './pipeline-corpus.js';

const recording = process.env.CAPSFLOW_RECORD === '1';

if (recording) {
  describeOracle('record GStreamer answers for fixtures/pipelines/corpus.txt', () => {
    it('runs every pipeline through gst-launch-1.0 -v and writes expected.json', async () => {
      const corpus = readCorpus();
      expect(new Set(corpus).size, 'duplicate pipelines in the corpus').toBe(corpus.length);
      // CAPSFLOW_RECORD_NEW=1 runs only the pipelines expected.json lacks and keeps the recorded answers of the rest
      const kept = new Map(process.env.CAPSFLOW_RECORD_NEW === '1' ? readExpected().pipelines.map((p) => [p.pipeline, p] as const) : []);
      const { pipelines, unstable, unclassified } = await recordCorpus(corpus, kept, (ps) => gstLaunchAll(ps, 2));
      expect(unstable).toEqual([]);
      expect(unclassified).toEqual([]);
      const version = execFileSync('gst-launch-1.0', ['--version'], { encoding: 'utf8' }).match(/GStreamer (\S+)/)?.[1] ?? 'unknown';
      const out: RecordedCorpus = {
        format: 'capsflow-pipelines/1',
        gstreamer: version,
        command: 'gst-launch-1.0 -v PIPELINE (LC_ALL=C, GST_DEBUG unset), via spec/oracle/gst-launch.ts; pads are the union of 2 runs (8 with queue/tee)',
        generated: new Date().toISOString(),
        pipelines,
      };
      writeFileSync(fileURLToPath(EXPECTED_URL), `${JSON.stringify(out, null, 1)}\n`);
    });
  });
} else {
  describe('fixtures/pipelines/expected.json', () => {
    it('answers exactly the corpus, in order, each answer classified', () => {
      const expected = readExpected();
      expect(expected.pipelines.map((p) => p.pipeline)).toEqual(readCorpus());
      for (const p of expected.pipelines) {
        expect(p.ok || p.errorKind !== null, p.pipeline).toBe(true);
        if (p.ok) expect(Object.keys(p.pads).length + Object.keys(p.nested).length, p.pipeline).toBeGreaterThanOrEqual(0);
      }
    });
  });
}
