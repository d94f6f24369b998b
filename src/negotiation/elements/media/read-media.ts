/**
 * What the files a pipeline names say about its pads. A filesrc with location= is opened through the
 * MediaReader (a missing or unreadable file is GStreamer's resource error, naming the element and the
 * path); the element after it reads the file's headers through a bounded Budget: qtdemux (moov), wavparse
 * (fmt chunk), typefind (signature). The pads whose caps this settles are known, not assumed; a pad the
 * headers do not settle stays unknown with reason `stream`, as without the file.
 */
import { Caps } from '../../../caps/index.js';
import type { ElementNode, InputPads, PadNode } from '../../engine/model.js';
import type { Graph } from '../../graph/graph.js';
import type { Registry } from '../../registry/registry.js';
import type { NegotiationError } from '../../types.js';
import { Budget, BoundExceeded, MEDIA_READ_BOUND, type MediaReader } from './reader.js';

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
  /** the file comes from a filesrc (pushing caps-less buffers), not from the reading element itself */
  readonly source: boolean;
}

/** elements that read a `uri=file://` themselves */
const URI_READERS = new Set(['uridecodebin']);

/** the path of a file:// URI (percent-escapes decoded), or undefined for any other */
function fileUri(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || !uri.startsWith('file://')) return undefined;
  try {
    return decodeURIComponent(uri.slice('file://'.length));
  } catch {
    return undefined;
  }
}

export interface MediaFacts {
  /** by filesrc element name */
  readonly files: Map<string, FileStreams>;
  readonly notes: string[];
}

export type MediaRead = { readonly ok: true; readonly facts: MediaFacts } | { readonly ok: false; readonly error: NegotiationError };

/**
 * Read the files the graph's filesrc elements name (after building, before linking: a demuxer's pads come
 * from the file). The element after each filesrc reads what it needs (ElementModel.padsFromInput); the pads
 * it adds go on the element (ElementNode.appeared) for the linker.
 */
export function readMedia(graph: Graph, byName: ReadonlyMap<string, ElementNode>, registry: Registry, reader: MediaReader, bound: number = MEDIA_READ_BOUND): MediaRead {
  const facts: MediaFacts = { files: new Map(), notes: [] };
  for (const name of graph.order) {
    const el = graph.elements[name];
    if (el === undefined) continue;
    // uridecodebin reads a file:// URI itself (its filesrc inside); filesrc hands its file to the next element
    const own = URI_READERS.has(el.factory);
    const location = own ? fileUri(el.properties['uri']) : el.factory === 'filesrc' ? el.properties['location'] : undefined;
    if (typeof location !== 'string' || location === '') continue;
    const opened = reader.open(location);
    if (!opened.ok) {
      const what = opened.reason === 'not-found' ? 'Resource not found' : 'Could not open resource for reading';
      return { ok: false, error: { kind: 'resource', element: name, message: `${name}: ${what}: ${location} (${opened.message})` } };
    }
    const budget = new Budget(opened.file, bound);
    try {
      const link = own ? undefined : graph.links.find((l) => l.src.element === name);
      const next = own ? byName.get(name) : link === undefined ? undefined : byName.get(link.sink.element);
      let read: InputPads | null = null;
      let beyond = false;
      try {
        read = next === undefined ? null : next.model.padsFromInput(next, budget, registry);
      } catch (e) {
        if (!(e instanceof BoundExceeded)) throw e;
        beyond = true;
      }
      if (next === undefined || (read === null && !beyond)) {
        facts.files.set(name, { location, reader: null, pads: null, printed: true, bytesRead: budget.used, source: !own });
        continue;
      }
      facts.notes.push(...(read?.notes ?? []));
      if (beyond) facts.notes.push(`${next.name}: the headers of ${location} lie beyond the first ${String(bound)} bytes capsflow reads; its caps are left unknown`);
      else if (read?.pads === null) facts.notes.push(`${next.name}: capsflow cannot identify ${location} as ${next.factory} input; its caps are left unknown`);
      const parsed = read?.pads?.map((p) => {
        if (p.caps === null) facts.notes.push(`${next.name}.${p.pad}: ${p.why ?? 'not modelled'} (${location}); its caps are left unknown`);
        const c = p.caps === null ? null : Caps.parse(p.caps);
        return { pad: p.pad, caps: c !== null && c.ok ? c.caps : null, ...(p.why === undefined ? {} : { why: p.why }) };
      });
      if (parsed !== undefined) next.appeared = parsed.map((p) => ({ pad: p.pad, caps: p.caps }));
      facts.files.set(name, { location, reader: next.name, pads: parsed ?? null, printed: read?.printed ?? true, bytesRead: budget.used, source: !own });
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
    const src = f.source ? byName.get(name)?.srcPads()[0] : undefined;
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
