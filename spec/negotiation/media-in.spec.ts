/**
 * Media in (issue 12): the files a pipeline names, read through one MediaReader, bounded. The live
 * pad-for-pad comparison of these pipelines is in fixtures/pipelines/corpus.txt (spec/oracle/pipelines.spec.ts);
 * here: the reader contract (errors name the element and path, bytes instead of paths, no reading when
 * disabled) and damaged files — flipped bytes, cut anywhere — never throw, hang or read past the bound:
 * the answer is GStreamer's (the undamaged file's) or an unknown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesReader, negotiate, type MediaReader, type TracedNegotiationResult } from '../../src/negotiation/index.js';

const MEDIA = join(process.cwd(), 'fixtures/media');

/** what a pipeline over the file gives: pads of the answer, or the unknown pads */
const pipelines: readonly [file: string, pipeline: string][] = [
  ['h264-aac.mp4', 'filesrc location=F ! qtdemux name=d d.video_0 ! queue ! fakesink d.audio_0 ! queue ! fakesink'],
  ['aac-5.1.m4a', 'filesrc location=F ! qtdemux ! aacparse ! fakesink'],
  ['s24-5.1-16000.wav', 'filesrc location=F ! wavparse ! fakesink'],
  ['u8-mono-8000.wav', 'filesrc location=F ! wavparse ! fakesink'],
  ['96x64-422.jpg', 'filesrc location=F ! typefind ! fakesink'],
  ['h264-high444.mp4', 'filesrc location=F ! typefind ! fakesink'],
  ['h264-aac.mp4', 'filesrc location=F ! qtdemux ! h264parse ! avdec_h264 ! fakesink'],
  ['160x120-10fps.h264', 'filesrc location=F ! h264parse ! avdec_h264 ! fakesink'],
  ['theora-vorbis.ogv', 'filesrc location=F ! oggdemux name=d d. ! queue ! theoradec ! fakesink d. ! queue ! vorbisdec ! fakesink'],
  ['opus-mono-16k.ogg', 'filesrc location=F ! oggdemux ! opusdec ! fakesink'],
  ['h264-aac.mp4', 'filesrc location=F ! decodebin name=d d. ! queue ! audioconvert ! fakesink d. ! queue ! videoconvert ! fakesink'],
  ['vorbis.ogg', 'uridecodebin uri=file://F ! audioconvert ! fakesink'],
  ['mono-22050-cbr.mp3', 'filesrc location=F ! mpegaudioparse ! avdec_mp3 ! fakesink'],
  ['stereo-44100.mp3', 'filesrc location=F ! decodebin ! fakesink'],
  ['h264-ac3.mkv', 'filesrc location=F ! matroskademux ! h264parse ! avdec_h264 ! fakesink'],
];

/** a reader over one file's bytes that records the furthest byte and the total read */
function countingReader(bytes: Uint8Array): { reader: MediaReader; total: () => number } {
  let total = 0;
  const inner = bytesReader({ F: bytes });
  return {
    total: () => total,
    reader: {
      open(location) {
        const o = inner.open(location);
        if (!o.ok) return o;
        return { ok: true, file: { size: o.file.size, read: (off, len) => { const b = o.file.read(off, len); total += b.length; return b; }, close: () => o.file.close() } };
      },
    },
  };
}

describe('reading the files a pipeline names', () => {
  it.each([
    ['filesrc location=no-such-file.mp4 ! qtdemux ! fakesink', 'filesrc0', 'no-such-file.mp4'],
    ['filesrc name=in location=fixtures/media ! wavparse ! fakesink', 'in', 'fixtures/media'],
  ])('%s: a resource error naming the element and the path', (pipeline, element, path) => {
    const r = negotiate(pipeline);
    expect(r.verdict).toBe('failed');
    expect(r.error?.kind).toBe('resource');
    expect(r.error?.element).toBe(element);
    expect(r.error?.message).toContain(path);
  });

  it('media: false never reads: the file’s pads are unknown (stream), as without the file', () => {
    const r = negotiate('filesrc location=no-such-file.mp4 ! qtdemux ! h264parse ! fakesink', { media: false });
    expect(r.verdict).toBe('undetermined');
    expect(r.unknowns.map((u) => `${u.element}.${u.pad} ${u.reason}`)).toEqual(['filesrc0.src stream', 'qtdemux0.video_0 stream']);
  });

  it('bytes handed in instead of a path give the same answer as the file', () => {
    const bytes = readFileSync(join(MEDIA, 'h264-aac.mp4'));
    const fromFile = negotiate('filesrc location=fixtures/media/h264-aac.mp4 ! qtdemux ! aacparse ! fakesink');
    const fromBytes = negotiate('filesrc location=movie.mp4 ! qtdemux ! aacparse ! fakesink', { media: bytesReader({ 'movie.mp4': bytes }) });
    expect(fromFile.verdict).toBe('negotiated');
    expect(fromBytes.pads).toEqual(fromFile.pads);
    expect(fromBytes.assumptions).toEqual([]);
  });

  it('a file capsflow cannot identify leaves the pads unknown with reason stream', () => {
    const r = negotiate('filesrc location=F ! qtdemux ! h264parse ! fakesink', { media: bytesReader({ F: new Uint8Array(1000).fill(7) }) });
    expect(r.verdict).toBe('undetermined');
    expect(r.unknowns.map((u) => `${u.element}.${u.pad} ${u.reason}`)).toEqual(['qtdemux0.video_0 stream']);
  });

  it('a stream capsflow does not model stays unknown (H.265 in QuickTime)', () => {
    const r = negotiate('filesrc location=fixtures/media/h265-aac.mov ! qtdemux ! h265parse ! fakesink');
    expect(r.verdict).toBe('undetermined');
    expect(r.unknowns.map((u) => `${u.element}.${u.pad} ${u.reason}`)).toEqual(['qtdemux0.video_0 stream']);
  });

  it('reads headers only: a small bound leaves the caps unknown instead of reading on', () => {
    const { reader, total } = countingReader(readFileSync(join(MEDIA, 's16-stereo-44100.wav')));
    const r = negotiate('filesrc location=F ! wavparse ! fakesink', { media: reader });
    expect(r.verdict).toBe('negotiated');
    expect(total()).toBeLessThan(200);
  });
});

describe('decodebin and uridecodebin: the pads they expose for a file, in decodebin\'s order, linked by caps after the static links', () => {
  const bytes = (f: string): Uint8Array => readFileSync(join(MEDIA, f));
  it.each([
    // pipeline → the pad GStreamer 1.22 gives the element after the bin (gst-launch-1.0 -v, fixtures/media)
    ['filesrc location=F ! decodebin ! audioconvert ! fakesink', 'vorbis.ogg', 'audioconvert0.sink', 'audio/x-raw, format=(string)F32LE, layout=(string)interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
    ['uridecodebin uri=file://F ! audioconvert ! fakesink', 'vorbis.ogg', 'audioconvert0.sink', 'audio/x-raw, format=(string)F32LE, layout=(string)interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
    ['filesrc location=F ! decodebin name=d d. ! queue ! audioconvert ! fakesink d. ! queue ! videoconvert ! fakesink', 'h264-aac.mp4', 'queue0.sink', 'audio/x-raw, format=(string)F32LE, layout=(string)non-interleaved, rate=(int)44100, channels=(int)2, channel-mask=(bitmask)0x0000000000000003'],
    ['filesrc location=F ! decodebin ! fakesink', 'h264-aac.mp4', 'fakesink0.sink', 'video/x-raw, format=(string)I420, width=(int)160, height=(int)120, interlace-mode=(string)progressive, pixel-aspect-ratio=(fraction)1/1, chroma-site=(string)jpeg, colorimetry=(string)bt601, framerate=(fraction)10/1'],
  ])('%s (%s): %s', (pipeline, file, pad, caps) => {
    const r = negotiate(pipeline, { media: bytesReader({ F: bytes(file) }) });
    expect(r.verdict).toBe('negotiated');
    expect(r.pads[pad]).toBe(caps);
    // decodebin sets caps on its pads before it exposes them: gst-launch -v prints none
    expect(Object.keys(r.pads).filter((p) => /decodebin0\.src_/.test(p))).toEqual([]);
    expect(r.notes.some((n) => / plugs typefind, /.test(n))).toBe(true);
  });

  it('a container whose streams capsflow does not read leaves the pads unknown (stream), never a guess', () => {
    const r = negotiate('filesrc location=F ! decodebin name=d d. ! queue ! fakesink d. ! queue ! fakesink', { media: bytesReader({ F: bytes('mjpeg-pcm.avi') }) });
    expect(r.verdict).toBe('undetermined');
    expect(r.unknowns.map((u) => `${u.element}.${String(u.pad)} ${u.reason}`)).toEqual(['d.src_0 stream', 'd.src_1 stream']);
  });

  it('a delayed link no added pad fits is left undone; with no pad linked the stream stops not-linked, as gst-launch does', () => {
    const r = negotiate('filesrc location=F ! decodebin ! videoconvert ! fakesink', { media: bytesReader({ F: bytes('vorbis.ogg') }) });
    expect(r.verdict).toBe('failed');
    expect(r.error?.message).toMatch(/not-linked/);
  });
});

describe('damaged files: never a throw, a hang or a read past the bound; the file’s answer or an unknown', () => {
  const damage = (bytes: Uint8Array, cut: number, flips: readonly [number, number][]): Uint8Array => {
    // a copy: Buffer#slice shares the file's bytes, and a flip would damage the file for the runs after
    const out = Uint8Array.from(bytes.subarray(0, Math.max(0, Math.min(bytes.length, cut))));
    for (const [at, x] of flips) if (out.length > 0) out[at % out.length] = (out[at % out.length] ?? 0) ^ x;
    return out;
  };
  it.each(pipelines)('%s: %s', (file, pipeline) => {
    const bytes = readFileSync(join(MEDIA, file));
    const whole = negotiate(pipeline, { media: bytesReader({ F: bytes }) });
    expect(whole.verdict).toBe('negotiated');
    fc.assert(
      fc.property(fc.nat({ max: bytes.length + 8 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }), (cut, flips) => {
        const { reader, total } = countingReader(damage(bytes, cut, flips));
        let r: TracedNegotiationResult;
        expect(() => (r = negotiate(pipeline, { media: reader }))).not.toThrow();
        expect(total()).toBeLessThanOrEqual(4 * 1024 * 1024);
        // a pad is either the undamaged file's answer or left out (unknown); a different value is a
        // damaged header read as a real one, which GStreamer would also read: allowed only as a negotiated verdict
        expect(['negotiated', 'undetermined', 'failed']).toContain(r!.verdict);
        if (r!.verdict === 'undetermined') for (const u of r!.unknowns) expect(u.reason).toBe('stream');
        // cut only: the headers that are there are the file's, so every pad given is the whole file's answer
        if (flips.length === 0) {
          expect(r!.verdict).not.toBe('failed');
          for (const [pad, caps] of Object.entries(r!.pads)) expect(caps, pad).toBe(whole.pads[pad]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
