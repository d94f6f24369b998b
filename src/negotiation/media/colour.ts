/**
 * GstVideoColorimetry and chroma siting as GstVideoInfo 1.22 reads, defaults and prints them
 * (video-color.c, video-info.c); shared by the converters, the codecs and the mixers.
 */
import type { Value } from '../../caps/index.js';
import type { GstVersion } from '../registry/registry.js';
import { videoFormats, VIDEO_FLAG } from './formats.js';

/** GstVideoColorimetry names of 1.22 as range:matrix:transfer:primaries */
const NAMED_COLORIMETRY: ReadonlyArray<readonly [string, readonly [number, number, number, number]]> = [
  ['bt601', [2, 4, 16, 4]],
  ['bt709', [2, 3, 5, 1]],
  ['smpte240m', [2, 5, 6, 5]],
  ['sRGB', [1, 1, 7, 1]],
  ['bt2020', [2, 6, 11, 7]],
  ['bt2020-10', [2, 6, 13, 7]],
  ['bt2100-pq', [2, 6, 14, 7]],
  ['bt2100-hlg', [2, 6, 15, 7]],
];

export function parseColorimetry(text: string): [number, number, number, number] | null {
  const named = NAMED_COLORIMETRY.find(([n]) => n === text);
  if (named !== undefined) return [...named[1]];
  const m = /^(\d+):(\d+):(\d+):(\d+)$/.exec(text);
  return m === null ? null : [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

export function colorimetryToString(c: readonly number[]): string {
  const named = NAMED_COLORIMETRY.find(([, v]) => v.every((x, i) => x === c[i]));
  return named !== undefined ? named[0] : c.join(':');
}

/** GstVideoInfo's default colorimetry for a format and height (video-info.c set_default_colorimetry) */
export function defaultColorimetryName(format: string, height: number, release: GstVersion = '1.22'): string {
  const flags = videoFormats(release)(format)?.flags ?? 0;
  // 1.22 has no UHD default: 2160 lines and more stay bt709 (observed with gst-launch-1.0 -v)
  if ((flags & VIDEO_FLAG.YUV) !== 0) return height > 576 ? 'bt709' : 'bt601';
  if ((flags & VIDEO_FLAG.GRAY) !== 0) return '1:4:0:0';
  return 'sRGB';
}

/** the chroma-site GstVideoInfo gives YUV by default: co-sited (mpeg2) above SD, else centred (jpeg) */
export const defaultChromaSite = (height: number): string => (height > 576 ? 'mpeg2' : 'jpeg');

/** what GstVideoInfo puts in caps for mono video: no flags, all known bits decided */
export const MULTIVIEW_FLAGS: Value = { kind: 'flagset', flags: 0, mask: 0xffffffff, type: 'GstVideoMultiviewFlagsSet' };

const CHROMA_SITES = new Set(['jpeg', 'mpeg2', 'dv', 'alt-line', 'cosited']);

/** a chroma-site string GstVideoChromaSite knows (others parse as unknown and are not printed back) */
export const knownChromaSite = (v: Value | undefined): string | null => (v?.kind === 'string' && v.value !== null && CHROMA_SITES.has(v.value) ? v.value : null);

/**
 * gst_video_info_from_caps' colour: a colorimetry the format can carry is kept (RGB formats get the RGB
 * matrix) with the caps' chroma-site, if any; a missing or invalid one gives the defaults for format
 * and height, chroma siting included (set_default_colorimetry), whatever the caps said. `release` 1.26: the
 * format's facts from 1.26's table (A444_16LE is YUV), a chroma-site the caps give is kept, and YUV without
 * one gets the default siting even beside a valid colorimetry (measured with vp8enc's output: chroma-site=jpeg
 * after colorimetry=bt709 input, chroma-site=mpeg2 after chroma-site=mpeg2 input without colorimetry).
 */
export function videoInfoColour(format: string, height: number, c: Value | undefined, cs: Value | undefined, release: GstVersion = '1.22'): { colorimetry: string | null; chromaSite: string | null } {
  const flags = videoFormats(release)(format)?.flags ?? 0;
  const parsed = c?.kind === 'string' && c.value !== null ? parseColorimetry(c.value) : null;
  const valid = parsed !== null && !((flags & VIDEO_FLAG.RGB) === 0 && parsed[1] === 1) && !((flags & VIDEO_FLAG.YUV) !== 0 && parsed[1] === 0);
  // 1.26 keeps a chroma-site the caps give beside a missing or invalid colorimetry (1.22 resets it to the default)
  const given = release === '1.26' ? knownChromaSite(cs) : null;
  if (!valid) return { colorimetry: defaultColorimetryName(format, height, release), chromaSite: given ?? ((flags & VIDEO_FLAG.YUV) !== 0 ? defaultChromaSite(height) : null) };
  if ((flags & VIDEO_FLAG.RGB) !== 0) parsed[1] = 1;
  const site = knownChromaSite(cs) ?? (release === '1.26' && (flags & VIDEO_FLAG.YUV) !== 0 ? defaultChromaSite(height) : null);
  return { colorimetry: colorimetryToString(parsed), chromaSite: site };
}

