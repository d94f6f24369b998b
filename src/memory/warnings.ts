/**
 * Where GStreamer would print a GST_WARNING or a g_warning, the memory area records a warning
 * instead: the library never prints. Counts are kept for ever; the texts of the last few are kept
 * in a ring so a long-running stream of failed syncs costs no memory.
 */
import type { ErrnoCode } from './errors.js';

/** @public */
export type MemoryWarningCode =
  /** DMA_BUF_IOCTL_SYNC failed (a memfd answers ENOTTY); the map or unmap still went ahead */
  | 'dmabuf-sync-failed'
  /** free() of memory that still had outstanding maps: they were released */
  | 'freed-while-mapped'
  /** the last reference went while mmapped and not KEEP_MAPPED (GStreamer: "Freeing memory … still mapped") */
  | 'still-mapped'
  /** the anonymous stand-in could not replace a mapping; the mapping was kept until its views die */
  | 'placeholder-failed';

/** @public */
export interface MemoryWarning {
  readonly code: MemoryWarningCode;
  readonly message: string;
  readonly fd: number;
  readonly errno: ErrnoCode | null;
}

/** @public */
export interface MemoryWarningStats {
  readonly total: number;
  readonly byCode: Readonly<Record<MemoryWarningCode, number>>;
  /** the most recent warnings, oldest first (at most 32) */
  readonly recent: readonly MemoryWarning[];
}

const RING = 32;
const ring: MemoryWarning[] = [];
let next = 0;
let total = 0;
const byCode: Record<MemoryWarningCode, number> = {
  'dmabuf-sync-failed': 0,
  'freed-while-mapped': 0,
  'still-mapped': 0,
  'placeholder-failed': 0,
};
const listeners = new Set<(w: MemoryWarning) => void>();

/** @internal */
export function warn(code: MemoryWarningCode, fd: number, errno: ErrnoCode | null, message: string): void {
  total++;
  byCode[code]++;
  const w: MemoryWarning = { code, message, fd, errno };
  if (ring.length < RING) ring.push(w);
  else ring[next] = w;
  next = (next + 1) % RING;
  for (const l of listeners) l(w);
}

/** Counts and the most recent warnings of the memory area. @public */
export function memoryWarnings(): MemoryWarningStats {
  const recent = ring.length < RING ? ring.slice() : [...ring.slice(next), ...ring.slice(0, next)];
  return { total, byCode: { ...byCode }, recent };
}

/** Forget all recorded warnings (tests, or a new session). @public */
export function clearMemoryWarnings(): void {
  ring.length = 0;
  next = 0;
  total = 0;
  for (const k of Object.keys(byCode) as MemoryWarningCode[]) byCode[k] = 0;
}

/** Be told about each warning as it happens; returns the unsubscribe function. @public */
export function onMemoryWarning(listener: (w: MemoryWarning) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
