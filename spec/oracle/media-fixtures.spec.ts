/**
 * fixtures/media: files made by GStreamer's own encoders and muxers (fixtures/media/make.sh), each with the
 * `gst-discoverer-1.0 -v` text recorded beside it (fixtures/media/discoverer/FILE.txt). The live check
 * (under the oracle) re-runs the discoverer on a sample and compares everything but the Stream ID lines,
 * which hash the file's absolute URI.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOracle } from './available.js';
import { MEDIA_DIR } from './real-world.js';

const files = readdirSync(MEDIA_DIR).filter((f) => statSync(join(MEDIA_DIR, f)).isFile() && !/\.(sh|md|txt)$/.test(f));
const recorded = (f: string): string => readFileSync(join(MEDIA_DIR, 'discoverer', `${f}.txt`), 'utf8');
/**
 * Stream ID lines hash the absolute URI; the top-level Tags block merges the streams' tags in the order the
 * streaming threads deliver them (observed: "nominal bitrate" 128000 or 65536 for one FLV file), so neither
 * is compared.
 */
function comparable(text: string): string {
  const out: string[] = [];
  let inTopTags = false;
  for (const line of text.split('\n')) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (/^ {2}Tags:/.test(line)) {
      inTopTags = true;
      continue;
    }
    if (inTopTags && indent > 2) continue;
    inTopTags = false;
    if (!/^\s*Stream ID: /.test(line)) out.push(line);
  }
  return out.join('\n');
}

describe('fixtures/media', () => {
  it('holds small files (under 3 MB in all), each with its recorded gst-discoverer-1.0 -v text', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const total = files.reduce((n, f) => n + statSync(join(MEDIA_DIR, f)).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
    const unrecorded = files.filter((f) => !/^Done discovering file:\/\/MEDIA\//m.test(recorded(f)));
    expect(unrecorded).toEqual([]);
  });
});

describeOracle('fixtures/media: gst-discoverer-1.0 -v still says what was recorded', () => {
  // a spread sample keeps this quick; CAPSFLOW_MEDIA_ALL=1 checks every file
  const sample = process.env.CAPSFLOW_MEDIA_ALL === '1' ? files : files.filter((_f, i) => i % 8 === 0);
  it.each(sample)('%s', (f) => {
    const run = spawnSync('gst-discoverer-1.0', ['-v', f], { cwd: MEDIA_DIR, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 });
    if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('gst-discoverer-1.0 is missing (package gstreamer1.0-plugins-base-apps)');
    const live = `${run.stdout}${run.stderr}`.replaceAll(`file://${MEDIA_DIR}/`, 'file://MEDIA/');
    expect(comparable(live)).toBe(comparable(recorded(f)));
  });
});
