/**
 * What the files a pipeline names say about its pads. A filesrc with location= is opened through the
 * MediaReader (a missing or unreadable file is GStreamer's resource error, naming the element and the
 * path); the element after it reads the file's headers through a bounded Budget: qtdemux (moov), wavparse
 * (fmt chunk), typefind (signature). The pads whose caps this settles are known, not assumed; a pad the
 * headers do not settle stays unknown with reason `stream`, as without the file.
 */
import { Caps } from '../../../caps/index.js';
import type { ElementNode, PadNode } from '../../engine/model.js';
import type { Graph } from '../../graph/graph.js';
import type { NegotiationError } from '../../types.js';
import { qtdemuxPads } from './isobmff.js';
import { Budget, BoundExceeded, MEDIA_READ_BOUND, type MediaReader } from './reader.js';
import { wavparseCaps } from './riff.js';
import { typefindCaps } from './typefind.js';

/** What the file after one filesrc says about the element reading it: its src pads in order, with caps (null: unknown). */
export interface FileStreams {
  readonly location: string;
  /** the element reading the file (qtdemux, wavparse, typefind), or null: the filesrc alone */
  readonly reader: string | null;
  /** its src pads the file gives, in the order the element adds them; null: the file is not identified */
  readonly pads: readonly { readonly pad: string; readonly caps: Caps | null; readonly why?: string }[] | null;
  /** pads the element sets caps on before adding them (qtdemux): gst-launch -v never prints them */
  readonly printed: boolean;
  readonly bytesRead: number;
}

export interface MediaFacts {
  /** by filesrc element name */
  readonly files: Map<string, FileStreams>;
  readonly notes: string[];
}

export type MediaRead = { readonly ok: true; readonly facts: MediaFacts } | { readonly ok: false; readonly error: NegotiationError };

/** the element after a filesrc whose headers capsflow reads */
const READERS: Record<string, { read: (f: Budget) => { pad: string; caps: string | null; why?: string }[] | null; printed: boolean }> = {
  qtdemux: { read: (f) => qtdemuxPads(f), printed: false },
  wavparse: {
    read: (f) => {
      const c = wavparseCaps(f);
      return c === null ? null : [c.caps === null ? { pad: 'src', caps: null, why: c.why } : { pad: 'src', caps: c.caps }];
    },
    printed: true,
  },
  typefind: {
    read: (f) => {
      const c = typefindCaps(f);
      return c === null ? null : [{ pad: 'src', caps: c }];
    },
    printed: true,
  },
};

/** Read the files the graph's filesrc elements name (before linking: a demuxer's pads come from the file). */
export function readMedia(graph: Graph, reader: MediaReader, bound: number = MEDIA_READ_BOUND): MediaRead {
  const facts: MediaFacts = { files: new Map(), notes: [] };
  for (const name of graph.order) {
    const el = graph.elements[name];
    if (el === undefined || el.factory !== 'filesrc') continue;
    const location = el.properties['location'];
    if (typeof location !== 'string' || location === '') continue;
    const opened = reader.open(location);
    if (!opened.ok) {
      const what = opened.reason === 'not-found' ? 'Resource not found' : 'Could not open resource for reading';
      return { ok: false, error: { kind: 'resource', element: name, message: `${name}: ${what}: ${location} (${opened.message})` } };
    }
    const budget = new Budget(opened.file, bound);
    try {
      const link = graph.links.find((l) => l.src.element === name);
      const next = link === undefined ? undefined : graph.elements[link.sink.element];
      const r = next === undefined ? undefined : READERS[next.factory];
      if (next === undefined || r === undefined) {
        facts.files.set(name, { location, reader: null, pads: null, printed: true, bytesRead: 0 });
        continue;
      }
      let pads: ReturnType<typeof r.read> = null;
      try {
        pads = r.read(budget);
        if (pads === null) facts.notes.push(`${next.name}: capsflow cannot identify ${location} as ${next.factory} input; its caps are left unknown`);
      } catch (e) {
        if (!(e instanceof BoundExceeded)) throw e;
        facts.notes.push(`${next.name}: the headers of ${location} lie beyond the first ${String(bound)} bytes capsflow reads; its caps are left unknown`);
      }
      const parsed = pads?.map((p) => {
        if (p.caps === null) facts.notes.push(`${next.name}.${p.pad}: ${p.why ?? 'not modelled'} (${location}); its caps are left unknown`);
        const c = p.caps === null ? null : Caps.parse(p.caps);
        return { pad: p.pad, caps: c !== null && c.ok ? c.caps : null, ...(p.why === undefined ? {} : { why: p.why }) };
      });
      facts.files.set(name, { location, reader: next.name, pads: parsed ?? null, printed: r.printed, bytesRead: budget.used });
    } finally {
      opened.file.close();
    }
  }
  return { ok: true, facts };
}

/** After linking: the pads the files settle (null caps: a filesrc, known, pushing no caps), and the pads gst-launch -v does not print. */
export function mediaPads(elements: readonly ElementNode[], facts: MediaFacts): { known: Map<PadNode, { caps: Caps | null; message: string }>; unprinted: Set<string> } {
  const known = new Map<PadNode, { caps: Caps | null; message: string }>();
  const unprinted = new Set<string>();
  const byName = new Map(elements.map((e) => [e.name, e]));
  for (const [name, f] of facts.files) {
    const src = byName.get(name)?.srcPads()[0];
    if (src !== undefined) known.set(src, { caps: null, message: `${name} reads ${f.location}` });
    const reader = f.reader === null ? undefined : byName.get(f.reader);
    if (reader === undefined || f.pads === null) continue;
    for (const pad of reader.srcPads()) {
      const p = f.pads.find((x) => x.pad === pad.name);
      if (p === undefined || p.caps === null) continue;
      known.set(pad, { caps: p.caps, message: `${pad.id}: read from ${f.location}` });
      if (!f.printed) unprinted.add(pad.id);
    }
  }
  return { known, unprinted };
}

/** the pads each reading element gets from its file, for the linker (engine/link.ts) */
export function filePadsOf(facts: MediaFacts): Map<string, { pad: string; caps: Caps | null }[]> {
  const out = new Map<string, { pad: string; caps: Caps | null }[]>();
  for (const f of facts.files.values()) if (f.reader !== null && f.pads !== null) out.set(f.reader, f.pads.map((p) => ({ pad: p.pad, caps: p.caps })));
  return out;
}
