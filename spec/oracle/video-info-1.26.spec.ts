/**
 * Frame sizes against gst_video_info_set_format of libgstvideo 1.26 (spec/oracle/video-sizes.c built in the
 * Debian 13 root): every format capsflow knows that 1.26 knows, at even, odd and awkward sizes. Root missing: a
 * failure in CI, locally the recording (fixtures/negotiation/video-sizes-1.26.json, `CAPSFLOW_RECORD=1.26`).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VIDEO_SIZE_FORMATS, videoFrameSize } from '../../src/negotiation/media/video-info.js';
import { isCI, oracleMode } from './available.js';
import { ROOT_126, root126Problem } from './gst126.js';

const FIXTURE = new URL('../../fixtures/negotiation/video-sizes-1.26.json', import.meta.url);
const DIR = '/tmp/capsflow-video-sizes-1.26';
const problem = root126Problem();
const mode = oracleMode(problem, isCI);

/** "FORMAT WxH=SIZE …" lines → format → "WxH" → size (null: refused) */
function measure(): Record<string, Record<string, number | null>> {
  mkdirSync(`${ROOT_126}${DIR}`, { recursive: true });
  copyFileSync(fileURLToPath(new URL('./video-sizes.c', import.meta.url)), `${ROOT_126}${DIR}/video-sizes.c`);
  execFileSync('chroot', [ROOT_126, 'sh', '-c', `cd ${DIR} && cc -O1 -o video-sizes.part video-sizes.c $(pkg-config --cflags --libs gstreamer-video-1.0) && mv video-sizes.part video-sizes`], { stdio: 'pipe' });
  const out = execFileSync('chroot', [ROOT_126, `${DIR}/video-sizes`, ...VIDEO_SIZE_FORMATS], { encoding: 'utf8', env: { ...process.env, GST_DEBUG: '' } });
  const table: Record<string, Record<string, number | null>> = {};
  for (const line of out.trim().split('\n')) {
    const [format, ...cells] = line.split(' ');
    const row: Record<string, number | null> = {};
    for (const c of cells) {
      const m = /^(\d+x\d+)=(\d+)$/.exec(c);
      if (m !== null) row[m[1]!] = Number(m[2]);
    }
    table[format!] = row;
  }
  return table;
}

describe(`videoFrameSize = GstVideoInfo.size (libgstvideo 1.26, ${mode === 'run' ? 'the Debian 13 root' : 'recorded'})`, () => {
  if (mode === 'fail') {
    it('needs the GStreamer 1.26 oracle (the Debian 13 root), which CI must provide', () => {
      throw new Error(`GStreamer 1.26 oracle missing in CI: ${String(problem)}`);
    });
    return;
  }
  it('agrees for every known format and size', () => {
    const table = mode === 'run' ? measure() : (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { sizes: Record<string, Record<string, number | null>> }).sizes;
    if (mode === 'run' && process.env.CAPSFLOW_RECORD === '1.26') writeFileSync(fileURLToPath(FIXTURE), `${JSON.stringify({ about: 'GstVideoInfo.size in GStreamer 1.26.2 (spec/oracle/video-sizes.c in the Debian 13 root)', sizes: table }, null, 1)}\n`);
    const rows: string[] = [];
    let compared = 0;
    for (const [format, sizes] of Object.entries(table)) {
      for (const [wh, want] of Object.entries(sizes)) {
        const [w, h] = wh.split('x').map(Number) as [number, number];
        const got = videoFrameSize(format, w, h);
        compared++;
        if (want !== got) rows.push(`${format} ${wh}: GStreamer 1.26 ${String(want)}, capsflow ${String(got)}`);
      }
    }
    expect(rows).toEqual([]);
    expect(table['A444_16LE']?.['320x240']).toBe(614400);
    expect(compared).toBeGreaterThan(500);
  });
});
