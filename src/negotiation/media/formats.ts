/**
 * GstVideoFormatInfo / GstAudioFormatInfo facts the converters' fixation needs (flags, subsampling,
 * depth), dumped from libgstvideo / libgstaudio 1.22 by fixtures/negotiation/formats.c.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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

let tables: { video: Map<string, VideoFormatInfo>; audio: Map<string, AudioFormatInfo> } | undefined;

function load(): NonNullable<typeof tables> {
  if (tables === undefined) {
    const url = new URL('../../../fixtures/negotiation/formats.json', import.meta.url);
    const data = schema.parse(JSON.parse(readFileSync(fileURLToPath(url), 'utf8')));
    tables = { video: new Map(data.video.map((v) => [v.name, v])), audio: new Map(data.audio.map((a) => [a.name, a])) };
  }
  return tables;
}

export const videoFormatInfo = (name: string): VideoFormatInfo | undefined => load().video.get(name);
export const audioFormatInfo = (name: string): AudioFormatInfo | undefined => load().audio.get(name);
