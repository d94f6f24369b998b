/**
 * Properties of negotiate() over random linear pipelines drawn from the real registry snapshot: it never
 * throws, and wherever both ends of a link carry caps they carry the same caps (a CAPS event is stored
 * on the sink pad only as the src pad pushed it). Uses the global seed from spec/setup.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRegistry, negotiate, type NegotiateOptions } from '../../src/negotiation/index.js';

const registry = defaultRegistry();
const factories = registry.names().map((n) => registry.get(n)!);
const always = (f: (typeof factories)[number], dir: 'src' | 'sink'): number => f.padTemplates.filter((t) => t.direction === dir && t.presence === 'always').length;

/** sources, filters (one always sink and one always src) and sinks of the registry */
const sources = factories.filter((f) => always(f, 'src') >= 1 && f.padTemplates.every((t) => t.direction === 'src')).map((f) => f.name);
const filters = factories.filter((f) => always(f, 'src') === 1 && always(f, 'sink') === 1).map((f) => f.name);
const sinks = factories.filter((f) => always(f, 'sink') >= 1 && f.padTemplates.every((t) => t.direction === 'sink')).map((f) => f.name);

/** the modelled elements, so most pipelines negotiate rather than fail at the first link */
const modelledSources = ['videotestsrc', 'audiotestsrc', 'fakesrc'];
const modelledFilters = ['identity', 'queue', 'videoconvert', 'videoscale', 'videorate', 'audioconvert', 'audioresample', 'videoflip', 'videocrop', 'videobox', 'jpegenc', 'jpegdec', 'tee'];
const modelledSinks = ['fakesink', 'fakevideosink'];
const capsFilters = [
  'video/x-raw,format=I420',
  'video/x-raw,format={NV12,RGB}',
  'video/x-raw,width=[16,640],height=[16,480]',
  'video/x-raw,framerate=15/1',
  'video/x-raw,pixel-aspect-ratio=4/3',
  'audio/x-raw,rate=16000',
  'audio/x-raw,channels=2,format=F32LE',
  'video/x-raw(memory:DMABuf)',
  'image/jpeg',
];

const linearPipeline = (modelled: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...(modelled ? modelledSources : sources)),
      fc.array(fc.oneof(fc.constantFrom(...(modelled ? modelledFilters : filters)), fc.constantFrom(...capsFilters)), { maxLength: 6 }),
      fc.constantFrom(...(modelled ? modelledSinks : sinks)),
    )
    .map(([src, middle, sink]) => {
      // a caps string must sit between two elements: put an identity between two in a row
      const items: string[] = [];
      for (const m of middle) {
        const isCaps = m.includes('/');
        if (isCaps && items.length > 0 && items[items.length - 1]!.includes('/')) items.push('identity');
        items.push(m);
      }
      return [`${src} num-buffers=1`, ...items, sink].join(' ! ').replace('fakesrc num-buffers=1', 'fakesrc num-buffers=1');
    });

function assertLinkedPadsAgree(text: string, options?: NegotiateOptions): void {
  const r = negotiate(text, options);
  expect(typeof r.ok).toBe('boolean');
  expect(r.ok).toBe(r.verdict === 'negotiated');
  expect(r.verdict === 'failed').toBe(r.error !== null);
  for (const l of r.links) {
    const a = r.pads[l.src];
    const b = r.pads[l.sink];
    if (a !== undefined && b !== undefined) expect(b, `${l.src} -> ${l.sink} in ${text}`).toBe(a);
    // a negotiated pipeline: what the src pushed, the sink stored
    if (r.ok && a !== undefined) expect(b, `${l.sink} in ${text}`).toBe(a);
  }
}

describe('random linear pipelines', () => {
  it('over the modelled elements: never throw, linked pads carry identical caps', () => {
    fc.assert(fc.property(linearPipeline(true), (text) => assertLinkedPadsAgree(text)));
  });

  it('over any registry factory (template-only fallbacks): never throw, linked pads carry identical caps', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(filters.length).toBeGreaterThan(50);
    fc.assert(fc.property(linearPipeline(false), (text) => assertLinkedPadsAgree(text)));
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'videotsrc !.=,/()[]{}"\' 0123'.split('')), maxLength: 60 }), (text) => {
        const r = negotiate(text);
        expect(r.ok).toBe(r.verdict === 'negotiated');
        expect(r.verdict === 'failed').toBe(r.error !== null);
      }),
    );
  });
});
