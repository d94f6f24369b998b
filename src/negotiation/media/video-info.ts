/**
 * GstVideoInfo's frame size for a format and a size (video-info.c fill_planes, progressive frames, no
 * alignment): what pools are sized with in the ALLOCATION query. Checked against
 * gst_video_info_set_format of libgstvideo 1.22 in spec/oracle/video-info.spec.ts, and of 1.26 (the formats
 * added since, A444_16LE that 1.26's videotestsrc picks first among them) in video-info-1.26.spec.ts.
 */
import { getField, type Caps } from '../../caps/index.js';

const ru2 = (n: number): number => (n + 1) & ~1;
const ru4 = (n: number): number => (n + 3) & ~3;
const ru8 = (n: number): number => (n + 7) & ~7;
const ru16 = (n: number): number => (n + 15) & ~15;

type SizeFn = (w: number, h: number) => number;

/** a packed single plane of `stride(w)` bytes per row */
const packed =
  (stride: (w: number) => number): SizeFn =>
  (w, h) =>
    stride(w) * h;

/** 4:2:0 three planes (I420 family): luma `ys(w)`, chroma `cs(w)` bytes per row, chroma height ⌈h/2⌉ */
const planar420 =
  (ys: (w: number) => number, cs: (w: number) => number, alpha = false): SizeFn =>
  (w, h) => {
    const luma = ys(w) * ru2(h);
    const chroma = 2 * cs(w) * (ru2(h) / 2);
    return luma + chroma + (alpha ? ys(w) * ru2(h) : 0);
  };

/** full-height planes: `planes` of `stride(w)` bytes per row, plus extra chroma planes */
const fullPlanes =
  (planes: number, stride: (w: number) => number): SizeFn =>
  (w, h) =>
    planes * stride(w) * h;

/** semi-planar 4:2:0 (NV12 family): luma rows of `s(w)`, one interleaved chroma plane of half height */
const semi420 =
  (s: (w: number) => number): SizeFn =>
  (w, h) =>
    s(w) * ru2(h) + s(w) * (ru2(h) / 2);

const SIZES: Readonly<Record<string, SizeFn>> = (() => {
  const table: Record<string, SizeFn> = {};
  const add = (names: string[], fn: SizeFn): void => {
    for (const n of names) table[n] = fn;
  };
  add(['I420', 'YV12'], planar420(ru4, (w) => ru4(ru2(w) / 2)));
  add(['A420'], planar420(ru4, (w) => ru4(ru2(w) / 2), true));
  add(['I420_10LE', 'I420_10BE', 'I420_12LE', 'I420_12BE'], planar420((w) => ru4(w * 2), (w) => ru4(w)));
  add(['YUY2', 'YVYU', 'UYVY', 'VYUY'], packed((w) => ru4(w * 2)));
  add(
    ['AYUV', 'RGBx', 'RGBA', 'BGRx', 'BGRA', 'xRGB', 'ARGB', 'xBGR', 'ABGR', 'r210', 'Y410', 'VUYA', 'BGR10A2_LE', 'RGB10A2_LE'],
    packed((w) => w * 4),
  );
  add(['RGB16', 'BGR16', 'RGB15', 'BGR15'], packed((w) => ru4(w * 2)));
  add(['RGB', 'BGR', 'v308', 'IYU2'], packed((w) => ru4(w * 3)));
  add(['v210'], packed((w) => Math.floor((w + 47) / 48) * 128));
  add(['v216', 'Y210', 'Y212_LE', 'Y212_BE'], packed((w) => ru8(w * 4)));
  add(
    ['ARGB64', 'AYUV64', 'ARGB64_LE', 'ARGB64_BE', 'RGBA64_LE', 'RGBA64_BE', 'BGRA64_LE', 'BGRA64_BE', 'ABGR64_LE', 'ABGR64_BE', 'Y412_LE', 'Y412_BE'],
    packed((w) => w * 8),
  );
  add(['GRAY8'], packed(ru4));
  add(['GRAY16_LE', 'GRAY16_BE'], packed((w) => ru4(w * 2)));
  add(['Y41B'], (w, h) => ru4(w) * h + 2 * (ru16(w) / 4) * h);
  add(['Y42B'], (w, h) => ru4(w) * h + 2 * (ru8(w) / 2) * h);
  // 1.22 shares the I420_10 code path: full-height chroma, but heights rounded up to even
  add(['I422_10LE', 'I422_10BE', 'I422_12LE', 'I422_12BE'], (w, h) => ru4(w * 2) * ru2(h) + 2 * ru4(w) * ru2(h));
  add(['Y444', 'GBR', 'RGBP', 'BGRP'], fullPlanes(3, ru4));
  add(['GBRA'], fullPlanes(4, ru4));
  add(['Y444_10LE', 'Y444_10BE', 'Y444_12LE', 'Y444_12BE', 'Y444_16LE', 'Y444_16BE', 'GBR_10LE', 'GBR_10BE', 'GBR_12LE', 'GBR_12BE'], fullPlanes(3, (w) => ru4(w * 2)));
  add(['GBRA_10LE', 'GBRA_10BE', 'GBRA_12LE', 'GBRA_12BE'], fullPlanes(4, (w) => ru4(w * 2)));
  add(['NV12', 'NV21'], semi420(ru4));
  add(['P010_10LE', 'P010_10BE', 'P012_LE', 'P012_BE', 'P016_LE', 'P016_BE'], semi420((w) => ru4(w * 2)));
  add(['NV16', 'NV61'], (w, h) => 2 * ru4(w) * h);
  add(['NV24'], (w, h) => ru4(w) * h + ru4(w * 2) * h);
  // alpha planes: 8-bit A444/A422 round the height up to even; the 10/12/16-bit ones are I420_10/I422_10 and Y444_16 plus alpha
  add(['A444'], (w, h) => 4 * ru4(w) * ru2(h));
  add(['A422'], (w, h) => 2 * ru4(w) * ru2(h) + 2 * ru4(ru2(w) / 2) * ru2(h));
  add(['A420_10LE', 'A420_10BE', 'A420_12LE', 'A420_12BE', 'A420_16LE', 'A420_16BE'], planar420((w) => ru4(w * 2), (w) => ru4(w), true));
  add(['A422_10LE', 'A422_10BE', 'A422_12LE', 'A422_12BE', 'A422_16LE', 'A422_16BE'], (w, h) => 2 * ru4(w * 2) * ru2(h) + 2 * ru4(w) * ru2(h));
  add(['A444_10LE', 'A444_10BE', 'A444_12LE', 'A444_12BE', 'A444_16LE', 'A444_16BE'], fullPlanes(4, (w) => ru4(w * 2)));
  add(['GBR_16LE', 'GBR_16BE'], fullPlanes(3, (w) => ru4(w * 2)));
  add(['RBGA'], packed((w) => w * 4));
  add(['Y216_LE', 'Y216_BE'], packed((w) => ru8(w * 4)));
  add(['Y416_LE', 'Y416_BE'], packed((w) => w * 8));
  add(['GRAY10_LE16'], packed((w) => ru4(w * 2)));
  return table;
})();

/** The formats videoFrameSize knows. */
export const VIDEO_SIZE_FORMATS: readonly string[] = Object.keys(SIZES);

/** GstVideoInfo.size for `format` at w×h, or null when capsflow does not know the format's layout. */
export function videoFrameSize(format: string, width: number, height: number): number | null {
  const fn = SIZES[format];
  if (fn === undefined || !(width > 0) || !(height > 0)) return null;
  return fn(width, height);
}

/**
 * The frame size fixed raw-video caps describe (structure 0), or null: not video/x-raw, unfixed
 * width/height, or a format whose layout is not known. DMA_DRM caps map a linear drm-format to its
 * video format first (gst_video_info_dma_drm_to_video_info's linear guess).
 */
export function capsFrameSize(caps: Caps): number | null {
  if (caps.isAny() || caps.isEmpty() || caps.size < 1) return null;
  const s = caps.structure(0);
  if (s.name !== 'video/x-raw') return null;
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  const f = getField(s, 'format');
  if (w?.kind !== 'int' || h?.kind !== 'int' || f?.kind !== 'string' || f.value === null) return null;
  let format = f.value;
  if (format === 'DMA_DRM') {
    const d = getField(s, 'drm-format');
    if (d?.kind !== 'string' || d.value === null || d.value.includes(':')) return null;
    format = DRM_TO_VIDEO[d.value] ?? '';
  }
  return videoFrameSize(format, w.value, h.value);
}

/** linear DRM fourccs → GStreamer formats (video-info-dma.c's table, the common entries) */
const DRM_TO_VIDEO: Readonly<Record<string, string>> = {
  NV12: 'NV12',
  NV21: 'NV21',
  NV16: 'NV16',
  NV61: 'NV61',
  NV24: 'NV24',
  YUYV: 'YUY2',
  YVYU: 'YVYU',
  UYVY: 'UYVY',
  VYUY: 'VYUY',
  YU12: 'I420',
  YV12: 'YV12',
  YU16: 'Y42B',
  YU24: 'Y444',
  AR24: 'BGRA',
  AB24: 'RGBA',
  RA24: 'ABGR',
  BA24: 'ARGB',
  XR24: 'BGRx',
  XB24: 'RGBx',
  RX24: 'xBGR',
  BX24: 'xRGB',
  RG24: 'BGR',
  BG24: 'RGB',
  'R8  ': 'GRAY8',
  P010: 'P010_10LE',
};
