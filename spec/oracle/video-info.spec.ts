/**
 * Frame sizes (what pools are sized with) against gst_video_info_set_format of libgstvideo 1.22: every
 * format capsflow knows, at even, odd and awkward sizes.
 */
import koffi from 'koffi';
import { expect, it } from 'vitest';
import { VIDEO_SIZE_FORMATS, videoFrameSize } from '../../src/negotiation/media/video-info.js';
import { describeOracle } from './available.js';

const SIZES: readonly [number, number][] = [
  [320, 240],
  [1, 1],
  [3, 5],
  [17, 9],
  [641, 479],
  [1920, 1080],
  [33, 2],
];

function gstVideoSize(): (format: string, w: number, h: number) => number | null {
  const gst = koffi.load('libgstreamer-1.0.so.0');
  const video = koffi.load('libgstvideo-1.0.so.0');
  gst.func('void gst_init(void *argc, void *argv)')(null, null);
  const fromString = video.func('int gst_video_format_from_string(const char *format)');
  const infoNew = video.func('void *gst_video_info_new(void)');
  const infoFree = video.func('void gst_video_info_free(void *info)');
  const setFormat = video.func('int gst_video_info_set_format(void *info, int format, unsigned int width, unsigned int height)');
  return (format, w, h) => {
    const f = fromString(format) as number;
    if (f === 0) return null;
    const info = infoNew();
    try {
      if (setFormat(info, f, w, h) === 0) return null;
      // GstVideoInfo: finfo (8), interlace_mode (4), flags (4), width (4), height (4), size (gsize at 24)
      return Number(koffi.decode(info, 24, 'uint64'));
    } finally {
      infoFree(info);
    }
  };
}

describeOracle('videoFrameSize = GstVideoInfo.size (libgstvideo 1.22)', () => {
  it('agrees for every known format and size', () => {
    const oracle = gstVideoSize();
    const known = (format: string): boolean => (koffi.load('libgstvideo-1.0.so.0').func('int gst_video_format_from_string(const char *format)')(format) as number) !== 0;
    const rows: string[] = [];
    for (const format of VIDEO_SIZE_FORMATS) {
      for (const [w, h] of SIZES) {
        const want = oracle(format, w, h);
        // formats added after 1.22 (A444_16LE …) are checked by video-info-1.26.spec.ts
        if (want === null && !known(format)) continue;
        const got = videoFrameSize(format, w, h);
        if (want !== got) rows.push(`${format} ${w}x${h}: GStreamer ${String(want)}, capsflow ${String(got)}`);
      }
    }
    expect(rows).toEqual([]);
    expect(oracle('I420', 320, 240)).toBe(115200);
  });
});
