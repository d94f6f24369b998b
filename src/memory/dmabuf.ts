/**
 * GstDmaBufAllocator: fd memory whose CPU access is bracketed by DMA_BUF_IOCTL_SYNC, plus
 * GStreamer's physical-memory interface.
 */
import { errnoName } from './errors.js';
import { FdAllocator, type FdMemory, type MapFailure, isFdMemory } from './fd-memory.js';
import { libc, sys } from './libc.js';
import { warn } from './warnings.js';

// struct dma_buf_sync { __u64 flags; }: one C buffer, rewritten per call (single-threaded per isolate)
// (made at the first sync: libc binds koffi on first use)
let syncArg: { readonly address: number; readonly bytes: Uint8Array } | null = null;

function rwBits(flags: number): number {
  return (flags & 1 ? sys.DMA_BUF_SYNC_READ : 0) | (flags & 2 ? sys.DMA_BUF_SYNC_WRITE : 0);
}

function sync(fd: number, flags: number): void {
  syncArg ??= libc.cBuffer(8);
  syncArg.bytes[0] = flags;
  if (libc.ioctlAt(fd, sys.DMA_BUF_IOCTL_SYNC, syncArg.address) < 0) {
    // GStreamer: GST_WARNING "Failed to synchronize DMABuf", and the map goes ahead
    warn('dmabuf-sync-failed', fd, errnoName(libc.errno()), flags & sys.DMA_BUF_SYNC_END ? 'SYNC_END' : 'SYNC_START');
  }
}

/** GstDmaBufAllocator: an FdAllocator whose maps sync the dma-buf for CPU access. @public */
export class DmaBufAllocator extends FdAllocator {
  override readonly memType: string = 'dmabuf';

  /** SYNC_START with the map's READ/WRITE after every successful map, nested ones included. @internal */
  override memMap(memory: FdMemory, flags: number): MapFailure | null {
    const failure = super.memMap(memory, flags);
    if (failure === null) sync(memory.fd, sys.DMA_BUF_SYNC_START | rwBits(flags));
    return failure;
  }

  /** SYNC_END first, then the fd unmap. @internal */
  override memUnmap(memory: FdMemory, flags: number): void {
    sync(memory.fd, sys.DMA_BUF_SYNC_END | rwBits(flags));
    super.memUnmap(memory, flags);
  }
}

/** gst_is_dmabuf_memory: the allocator is a DmaBufAllocator (or subclass); fd memory alone is not. @public */
export function isDmabufMemory(memory: unknown): memory is FdMemory {
  return isFdMemory(memory) && memory.allocator instanceof DmaBufAllocator;
}

/** gst_dmabuf_memory_get_fd: the dma-buf fd, still owned by the memory; -1 when not dmabuf memory. @public */
export function dmabufMemoryGetFd(memory: unknown): number {
  return isDmabufMemory(memory) ? memory.fd : -1;
}

/** GstPhysMemoryAllocator: an allocator that knows the physical address of its memory. @public */
export interface PhysMemoryAllocator {
  /** the physical address, 0n when unknown */
  getPhysAddr(memory: FdMemory): bigint;
}

function isPhysAllocator(a: unknown): a is PhysMemoryAllocator {
  return typeof a === 'object' && a !== null && typeof (a as Partial<PhysMemoryAllocator>).getPhysAddr === 'function';
}

/** gst_is_phys_memory: the memory's allocator implements PhysMemoryAllocator (none of the built-in ones do). @public */
export function isPhysMemory(memory: unknown): memory is FdMemory {
  return isFdMemory(memory) && isPhysAllocator(memory.allocator);
}

/** gst_phys_memory_get_phys_addr: the physical address, 0n when unknown or not phys memory. @public */
export function physMemoryGetPhysAddr(memory: unknown): bigint {
  return isPhysMemory(memory) ? (memory.allocator as unknown as PhysMemoryAllocator).getPhysAddr(memory) : 0n;
}
