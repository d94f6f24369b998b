/**
 * Honest answers on published-style pipelines: for every kind of source, the verdict, what cannot be
 * known (and why), what is assumed (and on what), and never caps invented from a template. Pipelines are
 * written as READMEs and Q&A threads write them (real-world.md); the board elements come from
 * board-registry.ts (facts as their own registries publish them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/index.js';
import { defaultRegistry, negotiate, sourceReason, type Declaration, type NegotiateOptions, type TracedNegotiationResult } from '../../src/negotiation/index.js';
import { boardRegistry } from './board-registry.js';

type Row = readonly [pipeline: string, verdict: 'negotiated' | 'undetermined' | 'failed', unknowns: readonly string[], assumptions: readonly string[]];

/** Template fixation leaves these behind: 1x1, rate 1, framerate 0/1 on a source nobody declared */
const INVENTED = /width=\(int\)1,|height=\(int\)1,|rate=\(int\)1,|framerate=\(fraction\)0\/1/;

function check(pipeline: string, options: NegotiateOptions = {}): TracedNegotiationResult {
  // the files these pipelines name are not given (media: false): reading them is spec/negotiation/media-in.spec.ts
  const r = negotiate(pipeline, { registry: boardRegistry(), media: false, ...options });
  // the contract: ok ⇔ negotiated, an error ⇔ failed
  expect(r.ok).toBe(r.verdict === 'negotiated');
  expect(r.error !== null).toBe(r.verdict === 'failed');
  // nothing downstream of an unknown pad is reported (a field unknown leaves its pad reported without the field)
  for (const u of r.unknowns.filter((x) => x.fields === undefined)) {
    const start = `${u.element}.${u.pad}`;
    expect(r.pads[start], start).toBeUndefined();
    for (const l of r.links) if (l.src === start) expect(l.caps, `${l.src} ! ${l.sink}`).toBeNull();
  }
  for (const [pad, caps] of Object.entries(r.pads)) expect(caps, `${pad} in ${pipeline}`).not.toMatch(INVENTED);
  return r;
}

const rows: readonly Row[] = [
  // cameras and capture
  ['v4l2src ! videoconvert ! autovideosink', 'undetermined', ['v4l2src0.src device'], []],
  ['v4l2src device=/dev/video0 ! video/x-raw,width=1280,height=720,framerate=30/1 ! videoconvert ! xvimagesink', 'undetermined', ['v4l2src0.src device'], []],
  ['v4l2src device=/dev/video0 ! video/x-raw,format=YUY2,width=640,height=480,framerate=30/1 ! videoconvert ! fakesink', 'negotiated', [], ['v4l2src0.src downstream']],
  ['v4l2src ! videoconvert ! video/x-raw,format=I420,width=640,height=480,framerate=30/1 ! fakesink', 'undetermined', ['v4l2src0.src device'], []],
  ['libcamerasrc ! video/x-raw,width=1280,height=720 ! videoconvert ! fakesink', 'undetermined', ['libcamerasrc0.src device'], []],
  ['nvarguscamerasrc sensor-id=0 ! fakesink', 'undetermined', ['nvarguscamerasrc0.src device'], []],
  ['nvarguscamerasrc ! video/x-raw(memory:NVMM),width=1920,height=1080,format=NV12,framerate=30/1 ! fakesink', 'negotiated', [], ['nvarguscamerasrc0.src downstream']],
  ['autovideosrc ! videoconvert ! fakesink', 'undetermined', ['autovideosrc0.src device'], []],
  ['ximagesrc use-damage=false ! videoconvert ! fakesink', 'undetermined', ['ximagesrc0.src device'], []],
  ['decklinkvideosrc mode=1080p30 ! videoconvert ! fakesink', 'undetermined', ['decklinkvideosrc0.src device'], []],
  // audio capture
  ['alsasrc device=hw:1,0 ! audioconvert ! audioresample ! fakesink', 'undetermined', ['alsasrc0.src device'], []],
  ['pulsesrc ! audioconvert ! opusenc ! fakesink', 'undetermined', ['pulsesrc0.src device'], []],
  ['autoaudiosrc ! audioconvert ! fakesink', 'undetermined', ['autoaudiosrc0.src device'], []],
  ['alsasrc ! audio/x-raw,format=S16LE,rate=48000,channels=2,layout=interleaved ! audioconvert ! fakesink', 'negotiated', [], ['alsasrc0.src downstream']],
  // network
  ['rtspsrc location=rtsp://127.0.0.1:8554/test latency=0 ! rtph264depay ! h264parse ! fakesink', 'undetermined', ['rtspsrc0.stream_0 network'], []],
  ['udpsrc port=5000 ! rtph264depay ! h264parse ! fakesink', 'undetermined', ['udpsrc0.src network'], []],
  ['udpsrc port=5000 caps="application/x-rtp, media=(string)video, clock-rate=(int)90000, encoding-name=(string)H264, payload=(int)96" ! queue ! fakesink', 'negotiated', [], ['udpsrc0.src property']],
  ['souphttpsrc location=https://example.com/video.mp4 ! qtdemux ! h264parse ! fakesink', 'undetermined', ['souphttpsrc0.src network', 'qtdemux0.video_0 stream'], []],
  ['tcpclientsrc host=127.0.0.1 port=5000 ! fakesink', 'undetermined', ['tcpclientsrc0.src network'], []],
  ['srtsrc uri=srt://127.0.0.1:7001 ! fakesink', 'undetermined', ['srtsrc0.src network'], []],
  // another process, the application, files
  ['shmsrc socket-path=/tmp/foo ! videoconvert ! fakesink', 'undetermined', ['shmsrc0.src stream'], []],
  ['shmsrc socket-path=/tmp/foo ! video/x-raw,format=I420,width=640,height=480,framerate=30/1 ! videoconvert ! fakesink', 'negotiated', [], ['shmsrc0.src downstream']],
  ['appsrc name=src ! videoconvert ! fakesink', 'undetermined', ['src.src stream'], []],
  ['appsrc caps="video/x-raw,format=RGB,width=320,height=240,framerate=30/1" ! videoconvert ! fakesink', 'negotiated', [], ['appsrc0.src property']],
  ['filesrc location=video.mp4 ! qtdemux ! h264parse ! openh264dec ! videoconvert ! fakesink', 'undetermined', ['filesrc0.src stream', 'qtdemux0.video_0 stream'], []],
  ['filesrc location=movie.mkv ! decodebin ! videoconvert ! autovideosink', 'undetermined', ['filesrc0.src stream', 'decodebin0.src_0 stream'], []],
  ['uridecodebin uri=file:///tmp/a.mp4 ! videoconvert ! fakesink', 'undetermined', ['uridecodebin0.src_0 stream'], []],
  ['uridecodebin uri=rtsp://camera.local/stream ! videoconvert ! fakesink', 'undetermined', ['uridecodebin0.src_0 network'], []],
  // a demuxer after known data is still the stream's business
  ['videotestsrc num-buffers=1 ! jpegenc ! matroskamux ! matroskademux ! fakesink', 'undetermined', ['matroskademux0.video_0 stream', 'matroskamux0.src stream'], []],
  // known sources, assumptions from the elements capsflow only knows by their templates or defaults
  ['videotestsrc ! textoverlay font-desc="Sans, 48" text=hello ! videoconvert ! fakesink', 'negotiated', [], []],
  ['videotestsrc ! autovideosink', 'negotiated', [], ['autovideosink0.sink default']],
  // an X display: a documented default (24-bit TrueColor, square pixels), checked under xvfb-run (spec/oracle/x-sinks.spec.ts)
  ['videotestsrc ! ximagesink', 'negotiated', [], ['ximagesink0.sink default']],
  // fields an encoder makes from its data: named per field, the pads still reported without them, the verdict kept
  ['audiotestsrc ! vorbisenc ! fakesink', 'negotiated', ['vorbisenc0.src stream'], []],
  ['videotestsrc ! x264enc ! rtph264pay ! fakesink', 'negotiated', ['x264enc0.src stream', 'rtph264pay0.src stream'], []],
  ['videotestsrc ! valve ! fakesink', 'negotiated', [], []],
  ['videotestsrc ! errorignore ! fakesink', 'negotiated', [], ['errorignore0.src template-only']],
  // a fact is a fact: a camera cannot feed an audio converter, whatever it produces
  ['v4l2src ! audioconvert ! fakesink', 'failed', [], []],
];

describe('every source kind: verdict, unknowns with their reason, assumptions with their source', () => {
  it.each(rows)('%s → %s', (pipeline, verdict, unknowns, assumptions) => {
    const r = check(pipeline);
    expect(r.verdict, JSON.stringify(r.error)).toBe(verdict);
    expect(r.unknowns.map((u) => `${u.element}.${u.pad} ${u.reason}`)).toEqual(unknowns);
    expect(r.assumptions.map((a) => `${a.element}.${a.pad} ${a.source}`)).toEqual(assumptions);
    for (const u of r.unknowns) expect(u.hint).toMatch(u.fields === undefined ? /--caps|--devices|caps=/ : /gst-launch-1.0 -v/);
  });

  it('a fixed filter after a camera: the camera is assumed to produce exactly that, and the pads follow', () => {
    const r = check('v4l2src ! video/x-raw,format=YUY2,width=640,height=480,framerate=30/1 ! videoconvert ! fakesink');
    const caps = 'video/x-raw, format=(string)YUY2, width=(int)640, height=(int)480, framerate=(fraction)30/1';
    expect(r.assumptions[0]).toMatchObject({ element: 'v4l2src0', pad: 'src', caps, source: 'downstream' });
    expect(r.assumptions[0]!.message).toContain('assuming v4l2src0 can produce');
    expect(r.pads['fakesink0.sink']).toBe(caps);
  });

  it('udpsrc caps=: its own property, pushed as it is', () => {
    const r = check('udpsrc port=5000 caps="application/x-rtp, media=(string)video, clock-rate=(int)90000, encoding-name=(string)H264, payload=(int)96" ! queue ! fakesink');
    expect(r.pads['fakesink0.sink']).toBe('application/x-rtp, media=(string)video, clock-rate=(int)90000, encoding-name=(string)H264, payload=(int)96');
  });

  it('a not-modelled element after a known stream: its output is unknown, not its template fixated', () => {
    const r = check('udpsrc port=5000 caps="application/x-rtp, media=(string)video, clock-rate=(int)90000, encoding-name=(string)H264, payload=(int)96" ! rtph264depay ! h264parse ! fakesink');
    expect(r.verdict).toBe('undetermined');
    expect(r.unknowns.map((u) => `${u.element}.${u.pad} ${u.reason}`)).toEqual(['rtph264depay0.src not-modelled']);
    expect(r.pads['rtph264depay0.sink']).toBe('application/x-rtp, media=(string)video, clock-rate=(int)90000, encoding-name=(string)H264, payload=(int)96');
    expect(r.pads['h264parse0.src']).toBeUndefined();
  });

  it('a mixer with one camera input: its output waits for the camera, the test source side is known', () => {
    const r = check('compositor name=c ! videoconvert ! fakesink videotestsrc ! c. v4l2src ! c.');
    expect(r.verdict).toBe('undetermined');
    expect(r.pads['videotestsrc0.src']).toBeDefined();
    expect(Object.keys(r.pads).filter((p) => p.startsWith('c.src') || p.startsWith('videoconvert0') || p.startsWith('fakesink0'))).toEqual([]);
  });
});

describe('the registry facts decide, not the names', () => {
  const reg = boardRegistry();
  it.each([
    ['v4l2src', 'device'],
    ['nvarguscamerasrc', 'device'],
    ['libcamerasrc', 'device'],
    ['alsasrc', 'device'],
    ['pulsesrc', 'device'],
    ['decklinkaudiosrc', 'device'],
    ['udpsrc', 'network'],
    ['souphttpsrc', 'network'],
    ['rtmpsrc', 'stream'],
    // a CD drive: klass Source/File, but it has a device to pick
    ['cdparanoiasrc', 'device'],
    ['filesrc', 'stream'],
    ['appsrc', 'stream'],
    ['shmsrc', 'stream'],
    // a generator capsflow has no model of: it can be told not to be live, so it is no device
    ['gltestsrc', 'not-modelled'],
  ] as const)('%s: %s', (name, reason) => {
    expect(sourceReason(reg.get(name)!, false)).toBe(reason);
  });

  it('the same facts under another name give the same answer', () => {
    const v4l2 = reg.get('v4l2src')!;
    expect(sourceReason({ ...v4l2, name: 'vendorcamsrc' }, false)).toBe('device');
    expect(sourceReason({ ...v4l2, klass: 'Source/Network' }, false)).toBe('network');
    // a vendor source that says only "Source" but picks a device by property
    expect(sourceReason({ ...reg.get('appsrc')!, name: 'vendorsrc', klass: 'Source', properties: [{ name: 'device-number', type: 'gint', default: 0 }] }, false)).toBe('device');
  });

  it('the modelled test sources are known', () => {
    for (const name of ['videotestsrc', 'audiotestsrc', 'fakesrc']) expect(sourceReason(defaultRegistry().get(name)!, true)).toBeNull();
  });
});

describe('declarations', () => {
  const standIn: Declaration = {
    caps: Caps.fromString('video/x-raw, format=(string)YUY2, width=(int)640, height=(int)480, framerate=(fraction)30/1; video/x-raw, format=(string)YUY2, width=(int)1280, height=(int)720, framerate=(fraction)10/1'),
    source: 'declared',
    message: 'the camera as declared',
  };
  const declared = (element: string, pad: string): Declaration | undefined => (element === 'v4l2src0' && pad === 'src' ? standIn : undefined);

  it('a declared camera negotiates, the declaration listed as an assumption', () => {
    const r = check('v4l2src ! videoconvert ! fakesink', { declared });
    expect(r.verdict).toBe('negotiated');
    expect(r.assumptions).toEqual([expect.objectContaining({ element: 'v4l2src0', pad: 'src', source: 'declared' })]);
    // the first declared structure, fixated as basesrc does (field order as the engine's query gives it)
    expect(Caps.fromString(r.pads['v4l2src0.src']!).isEqual(Caps.fromString('video/x-raw, format=(string)YUY2, width=(int)640, height=(int)480, framerate=(fraction)30/1'))).toBe(true);
  });

  it('a filter that asks for what the declared camera does not offer fails, as the device would', () => {
    const r = check('v4l2src ! video/x-raw,format=NV12 ! fakesink', { declared });
    expect(r.verdict).toBe('failed');
  });

  it('a declared demuxer pad negotiates like a source pad', () => {
    const caps = 'video/x-h264, stream-format=(string)avc, alignment=(string)au, width=(int)1280, height=(int)720, framerate=(fraction)30/1';
    const r = check('filesrc location=a.mp4 ! qtdemux ! queue ! fakesink', {
      declared: (e, p) => (e === 'qtdemux0' && p === 'video_0' ? { caps: Caps.fromString(caps), source: 'declared', message: 'from the file' } : undefined),
    });
    expect(r.unknowns.map((u) => `${u.element}.${u.pad}`)).toEqual(['filesrc0.src']);
    expect(r.pads['fakesink0.sink']).toBe(caps);
  });
});

/** random pipelines over modelled elements with unknown sources among the known ones */
const UNKNOWN_SOURCES = ['v4l2src', 'pulsesrc', 'udpsrc', 'appsrc', 'filesrc', 'souphttpsrc', 'autovideosrc'];
const KNOWN_SOURCES = ['videotestsrc', 'audiotestsrc'];
const MIDDLE = ['queue', 'identity', 'videoconvert', 'videoscale', 'audioconvert', 'audioresample', 'tee', 'video/x-raw,format=I420', 'video/x-raw,width=320,height=240,framerate=30/1,format=NV12', 'audio/x-raw,rate=48000'];
const SINKS = ['fakesink', 'fakevideosink', 'autovideosink'];

const branch = fc.tuple(fc.constantFrom(...UNKNOWN_SOURCES, ...KNOWN_SOURCES), fc.array(fc.constantFrom(...MIDDLE), { maxLength: 4 }), fc.constantFrom(...SINKS)).map(([src, mid, sink]) => {
  const items: string[] = [src];
  for (const m of mid) {
    if (m.includes('/') && items[items.length - 1]!.includes('/')) items.push('identity');
    items.push(m);
  }
  return [...items, sink].join(' ! ');
});

describe('laws over random pipelines with unknown sources', () => {
  it('no pad downstream of an unknown appears in pads', () => {
    fc.assert(
      fc.property(fc.array(branch, { minLength: 1, maxLength: 3 }), (branches) => {
        const text = branches.join('  ');
        const r = negotiate(text);
        expect(r.ok).toBe(r.verdict === 'negotiated');
        // walk the links from every unknown pad: no pad on the way has caps
        const next = new Map<string, string[]>();
        for (const l of r.links) next.set(l.src, [...(next.get(l.src) ?? []), l.sink]);
        const work = r.unknowns.map((u) => `${u.element}.${u.pad}`);
        const seen = new Set<string>();
        while (work.length > 0) {
          const pad = work.pop()!;
          if (seen.has(pad)) continue;
          seen.add(pad);
          expect(r.pads[pad], `${pad} in ${text}`).toBeUndefined();
          for (const sink of next.get(pad) ?? []) {
            work.push(sink);
            const el = sink.slice(0, sink.lastIndexOf('.'));
            for (const l of r.links) if (l.src.startsWith(`${el}.`)) work.push(l.src);
          }
        }
      }),
    );
  });

  it('adding a declaration never turns a negotiated verdict into an undetermined one', () => {
    fc.assert(
      fc.property(branch, fc.constantFrom('video/x-raw, format=(string)NV12, width=(int)320, height=(int)240, framerate=(fraction)30/1', 'audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)48000, channels=(int)2'), (text, caps) => {
        const before = negotiate(text);
        const after = negotiate(text, { declared: (_e, p) => (p === 'src' ? { caps: Caps.fromString(caps), source: 'declared', message: 'declared' } : undefined) });
        if (before.verdict === 'negotiated') expect(after.verdict, text).not.toBe('undetermined');
        // a declaration only settles: it never adds an unknown
        expect(after.unknowns.length).toBeLessThanOrEqual(before.unknowns.length);
      }),
    );
  });
});
