/**
 * Caps pairs for findConflict, shared with spec/oracle/explain.spec.ts, which checks against GStreamer that
 * every CONFLICTS pair really intersects to EMPTY, every COMPATIBLE pair does not, and that the values are
 * spelled as gst_caps_to_string spells them.
 */
export type ConflictCase = readonly [name: string, left: string, right: string, field: string, leftValue: string, rightValue: string];
export type CompatibleCase = readonly [name: string, left: string, right: string];

export const CONFLICTS: readonly ConflictCase[] = [
  // left, right → field, left value, right value (values as GStreamer prints them, without the cast)
  ['incompatible caps filters', 'video/x-raw, format=RGBA', 'video/x-raw, format=NV12', 'format', 'RGBA', 'NV12'],
  ['DMABuf-only sink after a system-memory filter', 'video/x-raw, format=NV12', 'video/x-raw(memory:DMABuf)', 'features', 'system memory', 'memory:DMABuf'],
  ['system memory spelled out', 'video/x-raw(memory:SystemMemory), width=1', 'video/x-raw(memory:DMABuf), width=1', 'features', 'system memory', 'memory:DMABuf'],
  ['media types', 'video/x-raw, width=320', 'audio/x-raw, rate=44100', 'name', 'video/x-raw', 'audio/x-raw'],
  ['a list against a value', 'video/x-raw, format={ NV12, I420 }', 'video/x-raw, format=RGBA', 'format', '{ NV12, I420 }', 'RGBA'],
  ['a range against a value', 'video/x-raw, width=[ 1, 100 ]', 'video/x-raw, width=200', 'width', '[ 1, 100 ]', '200'],
  ['fractions', 'video/x-raw, framerate=30/1', 'video/x-raw, framerate=[ 0/1, 25/1 ]', 'framerate', '30/1', '[ 0/1, 25/1 ]'],
  ['the first conflicting field in left order', 'video/x-raw, width=320, height=240', 'video/x-raw, height=480, width=640', 'width', '320', '640'],
  ['a field beats a media type with several structures', 'audio/x-raw; video/x-raw, format=RGBA', 'video/x-raw, format=NV12', 'format', 'RGBA', 'NV12'],
  ['features beat a media type', 'audio/x-raw; video/x-raw(memory:DMABuf)', 'video/x-raw', 'features', 'memory:DMABuf', 'system memory'],
  ['strings keep their quotes', 'application/x-rtp, encoding-name="H 264"', 'application/x-rtp, encoding-name=VP8', 'encoding-name', '"H\\ 264"', 'VP8'],
  ['an EMPTY side', 'EMPTY', 'video/x-raw', 'caps', 'EMPTY', 'video/x-raw'],
];

export const COMPATIBLE: readonly CompatibleCase[] = [
  ['fields on one side only never conflict', 'video/x-raw, width=320', 'video/x-raw, height=240'],
  ['ANY features match any memory', 'video/x-raw(ANY)', 'video/x-raw(memory:DMABuf)'],
  ['ANY caps', 'ANY', 'video/x-raw(memory:DMABuf), format=NV12'],
  ['a value inside a list', 'video/x-raw, format={ NV12, I420 }', 'video/x-raw, format=I420'],
];
