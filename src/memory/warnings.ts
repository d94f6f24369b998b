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
  /** the last reference went while still mmapped (GStreamer: "Freeing memory … still mapped") */
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
interface WarningRecord {
  code: MemoryWarningCode;
  fd: number;
  errno: ErrnoCode | null;
  detail: string;
}
// preallocated and overwritten in place: a stream of failed syncs allocates nothing here
const ring: WarningRecord[] = Array.from({ length: RING }, () => ({ code: 'dmabuf-sync-failed', fd: -1, errno: null, detail: '' }));
let next = 0;
let total = 0;
const byCode: Record<MemoryWarningCode, number> = {
  'dmabuf-sync-failed': 0,
  'freed-while-mapped': 0,
  'still-mapped': 0,
  'placeholder-failed': 0,
};
const listeners = new Set<(w: MemoryWarning) => void>();

function toWarning(r: WarningRecord): MemoryWarning {
  const message =
    r.code === 'dmabuf-sync-failed'
      ? `Failed to synchronize DMABuf (fd ${r.fd}, ${r.detail}): ${r.errno ?? 'unknown error'}`
      : r.detail;
  return { code: r.code, message, fd: r.fd, errno: r.errno };
}

/**
 * Record a warning. `detail` is the whole message, except for 'dmabuf-sync-failed' where it names
 * the sync (SYNC_START / SYNC_END) and the message is made when someone reads it.
 * @internal
 */
export function warn(code: MemoryWarningCode, fd: number, errno: ErrnoCode | null, detail: string): void {
  total++;
  byCode[code]++;
  const r = ring[next] as WarningRecord;
  r.code = code;
  r.fd = fd;
  r.errno = errno;
  r.detail = detail;
  next = (next + 1) % RING;
  if (listeners.size > 0) {
    const w = toWarning(r);
    for (const l of listeners) l(w);
  }
}

/** Counts and the most recent warnings of the memory area. @public */
export function memoryWarnings(): MemoryWarningStats {
  const kept = Math.min(total, RING);
  const recent: MemoryWarning[] = [];
  for (let i = kept; i > 0; i--) recent.push(toWarning(ring[(next - i + RING) % RING] as WarningRecord));
  return { total, byCode: { ...byCode }, recent };
}

/** Forget all recorded warnings (tests, or a new session). @public */
export function clearMemoryWarnings(): void {
  next = 0;
  total = 0;
  for (const k of Object.keys(byCode) as MemoryWarningCode[]) byCode[k] = 0;
}

/** Be told about each warning as it happens; returns the unsubscribe function. @public */
export function onMemoryWarning(listener: (w: MemoryWarning) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
