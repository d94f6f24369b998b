/**
 * Raw video facts that travel with caps: the raw format behind an encoded stream (what an encoder
 * modelled here was given, for a parser or decoder further down that reads the frame headers), and
 * whether gst_video_info_from_caps reads fixed caps.
 */
import { getField, type Caps } from '../../caps/index.js';
import { videoFormatInfo, type VideoFormatTable } from './formats.js';
import { sideTable } from './side-table.js';

const STREAM = sideTable<string>();

/** the raw video format an encoded stream was made from, when an encoder modelled here produced it */
export const videoStreamOf = (caps: Caps): string | undefined => STREAM.get(caps);

/** tie the raw `format` to caps built for an encoded stream (returns the caps) */
export const withVideoStream = <C extends Caps | null>(caps: C, format: string | null): C => STREAM.tie(caps, format);

/** the format string of fixed raw caps, or null */
export function firstFormat(caps: Caps): string | null {
  if (caps.isAny() || caps.isEmpty()) return null;
  const f = getField(caps.structure(0), 'format');
  return f?.kind === 'string' ? f.value : null;
}

/**
 * Why gst_video_info_from_caps refuses fixed raw video caps (null: it accepts them, or they are not
 * video/x-raw): an unknown or missing format, a missing size, or interlace-mode=alternate without the
 * format:Interlaced feature.
 */
export function videoInfoRefusal(caps: Caps, formats: VideoFormatTable = videoFormatInfo): string | null {
  if (caps.isAny() || caps.isEmpty()) return null;
  const e = caps.entries[0]!;
  const s = e.structure;
  if (s.name !== 'video/x-raw') return null;
  const f = getField(s, 'format');
  if (f?.kind !== 'string' || f.value === null || formats(f.value) === undefined) return 'no known format';
  // 1.24+: DMA_DRM caps are read by gst_video_info_dma_drm_from_caps, and only with memory:DMABuf
  if (f.value === 'DMA_DRM') return dmaDrmRefusal(caps);
  if (getField(s, 'width')?.kind !== 'int' || getField(s, 'height')?.kind !== 'int') return 'no width or height';
  const im = getField(s, 'interlace-mode');
  const interlaced = e.features !== null && !e.features.any && e.features.names.includes('format:Interlaced');
  if (im?.kind === 'string' && im.value === 'alternate' && !interlaced) return "interlace-mode 'alternate' without the format:Interlaced feature";
  return null;
}

/** gst_video_info_dma_drm_from_caps (1.24+): memory:DMABuf, format=DMA_DRM and one fixed drm-format */
export function dmaDrmRefusal(caps: Caps): string | null {
  const e = caps.entries[0];
  if (e === undefined) return null;
  const dmabuf = e.features !== null && !e.features.any && e.features.names.includes('memory:DMABuf');
  if (!dmabuf) return 'format DMA_DRM without memory:DMABuf (gst_video_info_from_caps refuses it)';
  const d = getField(e.structure, 'drm-format');
  if (d?.kind !== 'string' || d.value === null) return 'format DMA_DRM without a fixed drm-format';
  return null;
}
