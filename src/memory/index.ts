/**
 * The memory area's public surface. Keep this an explicit list.
 *
 * Real memory on real fds with GStreamer's semantics: FdAllocator / DmaBufAllocator wrap an fd
 * (taken over) into FdMemory, whose map / unmap / share / free follow GstFdMemory exactly; sources
 * make fds (memfd, sealed memfd, shm, udmabuf, dma-heap, or one the user passes in).
 *
 * The probe interface for the negotiation engine (it reaches memory only through this):
 *
 *   type MemoryProbe = (source: MemorySource) => ProbeOutcome
 *     probeMemory: MemoryProbe        probes an fd the caller keeps owning
 *   allocateAndProbe(spec: MemorySpec, size?: number, options?: ProbeOptions): ProbeOutcome
 *     spec = 'memfd' | 'sealed-memfd' | 'shm' | 'udmabuf' | `dma-heap:${string}` | `fd:${number}`
 *     allocates (or, for fd:N, borrows), probes and frees; leaves no fd and no mapping behind
 *
 *   ProbeOutcome = { ok: true, source, probe: MapProbe }
 *                | { ok: false, source, reason: 'unavailable' | 'bad-fd' | 'invalid' | 'failed', errno, message }
 *   MapProbe = { kind, size, readwrite, read, errno, readErrno, dmabuf, feature }
 *     feature = 'memory:DMABuf' exactly when dmabuf (a dma-buf, or treated as one) and READWRITE was refused
 *
 * Nothing here prints: GStreamer's warnings (a failed DMA_BUF_IOCTL_SYNC, ...) are recorded, see
 * memoryWarnings().
 *
 * Safety: nothing done with an fd, a size or `MapInfo.data` can fault. map() refuses mappings past
 * the file's end and fd kinds whose mapping can fault, and shields mappings from truncation
 * (fd-safety.ts); `data` is always readable and writable, a READ map's writes never reach the memory
 * (fd-memory.ts); after unmap and free `data` reads zeros and writes nowhere, and the address space
 * goes back to the arena at once (arena.ts). koffi is imported only by libc.ts.
 */
export { FdAllocator, FdMemory, FdMemoryFlags, MapFlags, MapInfo, fdMemoryGetFd, isFdMemory } from './fd-memory.js';
export type { MapFailure, MapFailureReason, MapResult } from './fd-memory.js';
export { DmaBufAllocator, dmabufMemoryGetFd, isDmabufMemory, isPhysMemory, physMemoryGetPhysAddr } from './dmabuf.js';
export type { PhysMemoryAllocator } from './dmabuf.js';
export { DmaHeapAllocator, ShmAllocator, UdmabufAllocator, createMemfd, memfdSeals, unwrapAllocResult } from './sources.js';
export type { AllocResult, MemfdOptions, MemfdSeal } from './sources.js';
export { OwnedFd, adoptFd, assertOpenFd, dupFd } from './fd.js';
export {
  DEFAULT_PROBE_SIZE,
  allocateAndProbe,
  assertInheritedFd,
  defaultProbeSize,
  inspectFd,
  parseMemorySpec,
  probeMappable,
  probeMemory,
} from './probe.js';
export type { FdInfo, FdKind, MapProbe, MemoryProbe, MemorySource, MemorySpec, ProbeOptions, ProbeOutcome } from './probe.js';
export {
  ErrnoError,
  MemoryError,
  UnsupportedError,
  describeErrno,
  errnoName,
  isErrnoError,
  isMemoryError,
} from './errors.js';
export type { ErrnoCode, MemoryErrorCode } from './errors.js';
export { clearMemoryWarnings, memoryWarnings, onMemoryWarning } from './warnings.js';
export type { MemoryWarning, MemoryWarningCode, MemoryWarningStats } from './warnings.js';
export { mappingStats } from './arena.js';
export type { MappingStats } from './arena.js';
