/**
 * What the files a pipeline names say about its pads. A filesrc with location= is opened through the
 * MediaReader (a missing or unreadable file is GStreamer's resource error, naming the element and the
 * path); the element after it reads the file's headers through a bounded Budget: qtdemux (moov), wavparse
 * (fmt chunk), typefind (signature). The pads whose caps this settles are known, not assumed; a pad the
 * headers do not settle stays unknown with reason `stream`, as without the file.
 */
import { Caps } from '../../../caps/index.js';
import type { ElementNode, PadNode } from '../../engine/model.js';
import type { NegotiationError } from '../../types.js';
import { qtdemuxPads } from './isobmff.js';
import { Budget, BoundExceeded, MEDIA_READ_BOUND, type MediaReader } from './reader.js';
import { wavparseCaps } from './riff.js';
import { typefindCaps } from './typefind.js';

export interface MediaFacts {
  /** pads whose caps the file settles; null caps: a pad that pushes no caps (filesrc) but is not unknown */
  readonly known: Map<PadNode, { readonly caps: Caps | null; readonly message: string }>;
  readonly notes: string[];
  /** bytes read, per filesrc element */
  readonly read: Map<string, number>;
}

export type MediaRead = { readonly ok: true; readonly facts: MediaFacts } | { readonly ok: false; readonly error: NegotiationError };

/** the element after a filesrc whose headers capsflow reads */
const READERS: Record<string, (f: Budget, el: ElementNode) => Map<string, { caps: string | null; why?: string }> | null> = {
  qtdemux: (f) => {
    const pads = qtdemuxPads(f);
    return pads === null ? null : new Map(pads.map((p) => [p.pad, p.why === undefined ? { caps: p.caps } : { caps: p.caps, why: p.why }]));
  },
  wavparse: (f) => {
    const c = wavparseCaps(f);
    return c === null ? null : new Map([['src', c.caps === null ? { caps: null, why: c.why } : { caps: c.caps }]]);
  },
  typefind: (f) => {
    const c = typefindCaps(f);
    return c === null ? null : new Map([['src', { caps: c }]]);
  },
};

export function readMedia(elements: readonly ElementNode[], reader: MediaReader, bound: number = MEDIA_READ_BOUND): MediaRead {
  const facts: MediaFacts = { known: new Map(), notes: [], read: new Map() };
  for (const el of elements) {
    if (el.factory !== 'filesrc') continue;
    const location = el.properties['location'];
    if (typeof location !== 'string' || location === '') continue;
    const opened = reader.open(location);
    if (!opened.ok) {
      const what = opened.reason === 'not-found' ? 'Resource not found' : 'Could not open resource for reading';
      return { ok: false, error: { kind: 'resource', element: el.name, message: `${el.name}: ${what}: ${location} (${opened.message})` } };
    }
    const budget = new Budget(opened.file, bound);
    try {
      const src = el.srcPads()[0];
      if (src === undefined) continue;
      // filesrc pushes buffers without caps: its pad is not unknown once the file is there
      facts.known.set(src, { caps: null, message: `${el.name} reads ${location}` });
      const next = src.peer?.element;
      const read = next === undefined ? undefined : READERS[next.factory];
      if (next === undefined || read === undefined) continue;
      let pads: ReturnType<typeof read>;
      try {
        pads = read(budget, next);
      } catch (e) {
        if (!(e instanceof BoundExceeded)) throw e;
        facts.notes.push(`${next.name}: the headers of ${location} lie beyond the first ${String(bound)} bytes capsflow reads; its caps are left unknown`);
        continue;
      }
      if (pads === null) {
        facts.notes.push(`${next.name}: capsflow cannot identify ${location} as ${next.factory} input; its caps are left unknown`);
        continue;
      }
      for (const pad of next.srcPads()) {
        const p = pads.get(pad.name);
        if (p === undefined) continue;
        if (p.caps === null) {
          facts.notes.push(`${pad.id}: ${p.why ?? 'not modelled'} (${location}); its caps are left unknown`);
          continue;
        }
        const parsed = Caps.parse(p.caps);
        if (parsed.ok) facts.known.set(pad, { caps: parsed.caps, message: `${pad.id}: read from ${location}` });
      }
    } finally {
      facts.read.set(el.name, budget.used);
      opened.file.close();
    }
  }
  return { ok: true, facts };
}
