/**
 * GstVideoFormatInfo / GstAudioFormatInfo facts the converters' fixation needs (flags, subsampling,
 * depth), dumped from libgstvideo / libgstaudio by fixtures/negotiation/formats.c: formats.json from
 * 1.22, formats-1.26.json from 1.26.2 (26 more video formats, DMA_DRM among them; AV12 gained ALPHA).
 * `videoFormatInfo` is 1.22's table; a model of another release is given that release's table
 * (`videoFormats(version)`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { GstVersion } from '../registry/registry.js';

export interface VideoFormatInfo {
  readonly name: string;
  readonly flags: number;
  readonly bits: number;
  readonly nComponents: number;
  readonly wSub: readonly number[];
  readonly hSub: readonly number[];
}

export interface AudioFormatInfo {
  readonly name: string;
  readonly flags: number;
  readonly endianness: number;
  readonly width: number;
  readonly depth: number;
}

/** GstVideoFormatFlags */
export const VIDEO_FLAG = { YUV: 1, RGB: 2, GRAY: 4, ALPHA: 8, LE: 16, PALETTE: 32, COMPLEX: 64, UNPACK: 128, TILED: 256 } as const;

const schema = z.strictObject({
  video: z.array(z.strictObject({ name: z.string(), flags: z.number().int(), bits: z.number().int(), nComponents: z.number().int(), wSub: z.array(z.number().int()), hSub: z.array(z.number().int()) })),
  audio: z.array(z.strictObject({ name: z.string(), flags: z.number().int(), endianness: z.number().int(), width: z.number().int(), depth: z.number().int() })),
});

interface Tables {
  readonly video: ReadonlyMap<string, VideoFormatInfo>;
  readonly audio: ReadonlyMap<string, AudioFormatInfo>;
}

const FILES: Readonly<Record<GstVersion, URL>> = {
  '1.22': new URL('../../../fixtures/negotiation/formats.json', import.meta.url),
  '1.26': new URL('../../../fixtures/negotiation/formats-1.26.json', import.meta.url),
};
const tables = new Map<GstVersion, Tables>();

function load(version: GstVersion): Tables {
  let t = tables.get(version);
  if (t === undefined) {
    const data = schema.parse(JSON.parse(readFileSync(fileURLToPath(FILES[version]), 'utf8')));
    t = { video: new Map(data.video.map((v) => [v.name, v])), audio: new Map(data.audio.map((a) => [a.name, a])) };
    tables.set(version, t);
  }
  return t;
}

/** One release's GstVideoFormatInfo table (what gst_video_format_from_string knows there). */
export type VideoFormatTable = (name: string) => VideoFormatInfo | undefined;

const videoTables = new Map<GstVersion, VideoFormatTable>();
export function videoFormats(version: GstVersion): VideoFormatTable {
  let f = videoTables.get(version);
  if (f === undefined) {
    f = (name) => load(version).video.get(name);
    videoTables.set(version, f);
  }
  return f;
}

/** 1.22's table, which the 1.22 models read */
export const videoFormatInfo: VideoFormatTable = videoFormats('1.22');
export const audioFormatInfo = (name: string): AudioFormatInfo | undefined => load('1.22').audio.get(name);
