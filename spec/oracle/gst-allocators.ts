/**
 * A thin koffi binding to GStreamer's fd and dmabuf allocators (libgstallocators-1.0.so.0), the
 * oracle for src/memory. Memories made here are GstMemory pointers; the caller unrefs them with
 * `unref`. A GstMapInfo is a 104-byte buffer owned by the JS side.
 */
import koffi from 'koffi';

export const GST_ALLOCATORS_LIBRARY = 'libgstallocators-1.0.so.0';

type Ptr = unknown;

export interface GstAllocators {
  readonly fdAllocator: Ptr;
  readonly dmabufAllocator: Ptr;
  /** gst_fd_allocator_alloc / gst_dmabuf_allocator_alloc_with_flags; takes the fd over */
  alloc(kind: 'fd' | 'dmabuf', fd: number, size: number, flags: number): Ptr;
  /** gst_memory_map: the info buffer on success, null on failure */
  map(mem: Ptr, flags: number): Buffer | null;
  unmap(mem: Ptr, info: Buffer): void;
  /** gst_memory_share: null when refused */
  share(mem: Ptr, offset: number, size: number): Ptr | null;
  unref(mem: Ptr): void;
  isFdMemory(mem: Ptr): boolean;
  isDmabufMemory(mem: Ptr): boolean;
  /** the data pointer of a successful map */
  dataOf(info: Buffer): bigint;
}

const INFO_SIZE = 104; // sizeof(GstMapInfo) on 64-bit
const INFO_DATA = 16; // offsetof(GstMapInfo, data)

let cached: GstAllocators | null | undefined;

/** The binding, or null when the libraries do not load. */
export function loadGstAllocators(): GstAllocators | null {
  if (cached !== undefined) return cached;
  try {
    const gst = koffi.load('libgstreamer-1.0.so.0');
    const al = koffi.load(GST_ALLOCATORS_LIBRARY);
    const gstInit = gst.func('void gst_init(void *argc, void *argv)');
    gstInit(null, null);
    const memoryMap = gst.func('int gst_memory_map(void *mem, void *info, int flags)');
    const memoryUnmap = gst.func('void gst_memory_unmap(void *mem, void *info)');
    const memoryShare = gst.func('void *gst_memory_share(void *mem, intptr_t offset, intptr_t size)');
    const miniObjectUnref = gst.func('void gst_mini_object_unref(void *obj)');
    const fdAllocatorNew = al.func('void *gst_fd_allocator_new()');
    const dmabufAllocatorNew = al.func('void *gst_dmabuf_allocator_new()');
    const fdAlloc = al.func('void *gst_fd_allocator_alloc(void *allocator, int fd, size_t size, int flags)');
    const dmabufAlloc = al.func('void *gst_dmabuf_allocator_alloc_with_flags(void *allocator, int fd, size_t size, int flags)');
    const isFd = al.func('int gst_is_fd_memory(void *mem)');
    const isDmabuf = al.func('int gst_is_dmabuf_memory(void *mem)');
    const fdAllocator = fdAllocatorNew();
    const dmabufAllocator = dmabufAllocatorNew();
    cached = {
      fdAllocator,
      dmabufAllocator,
      alloc: (kind, fd, size, flags) => (kind === 'fd' ? fdAlloc(fdAllocator, fd, size, flags) : dmabufAlloc(dmabufAllocator, fd, size, flags)),
      map: (mem, flags) => {
        const info = Buffer.alloc(INFO_SIZE);
        return memoryMap(mem, info, flags) !== 0 ? info : null;
      },
      unmap: (mem, info) => memoryUnmap(mem, info),
      share: (mem, offset, size) => memoryShare(mem, offset, size) ?? null,
      unref: (mem) => miniObjectUnref(mem),
      isFdMemory: (mem) => isFd(mem) !== 0,
      isDmabufMemory: (mem) => isDmabuf(mem) !== 0,
      dataOf: (info) => info.readBigUInt64LE(INFO_DATA),
    };
  } catch {
    cached = null;
  }
  return cached;
}
