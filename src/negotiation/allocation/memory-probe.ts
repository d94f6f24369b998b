/**
 * The one place negotiation reaches src/memory, through its probe interface: an exporter's buffer is
 * allocated as its memory spec says, probed for a READWRITE map and freed (allocateAndProbe), leaving
 * no fd and no mapping behind.
 *
 * The exporter wraps its fds in a GstDmaBufAllocator (v4l2src io-mode=dmabuf, a dma-heap or udmabuf
 * allocator), so importers' gst_is_dmabuf_memory() is TRUE for its memory; except `shm`, whose
 * GstShmAllocator is a plain fd allocator (fd memory, not dmabuf memory, §6.4/§6.6).
 */
import { allocateAndProbe, parseMemorySpec } from '../../memory/index.js';
import type { ProbeReport } from '../types.js';

export type ExporterProbe =
  | {
      readonly ok: true;
      readonly report: ProbeReport;
      /** gst_is_dmabuf_memory() on this exporter's memory */
      readonly dmabuf: boolean;
      /** the allocator's mem_type as GStreamer names it */
      readonly allocator: string;
      /** bytes allocated and probed */
      readonly size: number;
    }
  | { readonly ok: false; readonly reason: 'invalid' | 'unavailable' | 'bad-fd' | 'failed'; readonly message: string };

/** Is `spec` a memory spec allocateAndProbe takes (memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME, fd:N)? */
export function isMemorySpec(spec: string): boolean {
  return parseMemorySpec(spec) !== null;
}

function allocatorOf(spec: string): string {
  if (spec === 'shm') return 'shm';
  if (spec === 'udmabuf') return 'udmabuf';
  if (spec.startsWith('dma-heap:')) return 'dmaheap';
  return 'dmabuf';
}

/** Allocate `size` bytes (default: a probe-sized buffer) of `element`'s memory, probe the maps, free it. */
export function probeExporter(element: string, spec: string, size?: number): ExporterProbe {
  const parsed = parseMemorySpec(spec);
  if (parsed === null) return { ok: false, reason: 'invalid', message: `${element}: '${spec}' is not memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N` };
  const dmabuf = parsed !== 'shm';
  const outcome = allocateAndProbe(parsed, size, { asDmabuf: dmabuf });
  if (!outcome.ok) return { ok: false, reason: outcome.reason, message: `${element}: ${outcome.source}: ${outcome.message}` };
  const p = outcome.probe;
  return {
    ok: true,
    dmabuf: p.dmabuf,
    allocator: allocatorOf(parsed),
    size: p.size,
    report: { element, source: outcome.source, kind: p.kind, readwrite: p.readwrite, read: p.read, errno: p.errno, feature: p.feature },
  };
}
