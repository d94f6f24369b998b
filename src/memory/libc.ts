/**
 * The thin libc binding: the only module of the memory area that imports koffi.
 *
 * Every function is declared once at load time with plain integer types (addresses are `intptr_t`
 * numbers, buffers are `void *`), so a call costs one FFI crossing and no type conversion. Functions
 * return the raw C result; callers read `errno()` right after a failure (koffi restores the callee's
 * errno when the call returns, and nothing in between runs libc).
 *
 * koffi and libc.so.6 load on the first call, not at import: negotiating a pipeline that names no
 * memory spec never loads the native module (it cost ~15 ms of every `capsflow negotiate`, issue 15),
 * and the CLI's V8 startup snapshot (scripts/bundle-cli.mjs) cannot hold a native module at all.
 * @internal
 */
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';

function bind() {
  const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
  const lib = koffi.load('libc.so.6');
  // fcntl is variadic in C; its optional third argument is an int for every command used here.
  const fcntlVariadic = lib.func('int fcntl(int fd, int cmd, ...)');
  return {
    memfdCreate: lib.func('memfd_create', 'int', ['void *', 'uint']) as (name: Uint8Array, flags: number) => number,
    /** memfd_create with the name at a C address (see cBuffer): no typed-array lookup per call */
    memfdCreateAt: lib.func('memfd_create', 'int', ['intptr_t', 'uint']) as (name: number, flags: number) => number,
    ftruncate: lib.func('ftruncate', 'int', ['int', 'int64_t']) as (fd: number, length: number) => number,
    mmap: lib.func('mmap', 'intptr_t', ['intptr_t', 'size_t', 'int', 'int', 'int', 'int64_t']) as (
      addr: number,
      length: number,
      prot: number,
      flags: number,
      fd: number,
      offset: number,
    ) => number,
    /**
     * mmap for MAP_FIXED calls, whose address the caller knows: only success or MAP_FAILED matters,
     * and the low 32 bits of a page-aligned address are never -1, so an int return tells them apart
     * without a heap number per call.
     */
    mmapFixed: lib.func('mmap', 'int', ['intptr_t', 'size_t', 'int', 'int', 'int', 'int64_t']) as (
      addr: number,
      length: number,
      prot: number,
      flags: number,
      fd: number,
      offset: number,
    ) => number,
    munmap: lib.func('munmap', 'int', ['intptr_t', 'size_t']) as (addr: number, length: number) => number,
    mprotect: lib.func('mprotect', 'int', ['intptr_t', 'size_t', 'int']) as (addr: number, length: number, prot: number) => number,
    // ioctl is variadic in glibc, but its third argument is passed like a fixed one on the Linux ABIs
    // koffi supports; declaring it fixed keeps the per-map DMA_BUF_IOCTL_SYNC at one cheap call.
    ioctl: lib.func('ioctl', 'int', ['int', 'ulong', 'void *']) as (fd: number, request: number, arg: Uint8Array) => number,
    ioctlAt: lib.func('ioctl', 'int', ['int', 'ulong', 'intptr_t']) as (fd: number, request: number, arg: number) => number,
    /** fcntl with an int argument declared fixed, as ioctl above: one cheap call for F_ADD_SEALS per map */
    fcntlInt: lib.func('fcntl', 'int', ['int', 'int', 'int']) as (fd: number, cmd: number, arg: number) => number,
    dup: lib.func('dup', 'int', ['int']) as (fd: number) => number,
    close: lib.func('close', 'int', ['int']) as (fd: number) => number,
    fstatfs: lib.func('fstatfs', 'int', ['int', 'void *']) as (fd: number, buf: Uint8Array) => number,
    /** fstat into C memory at `buf` (see statLayout for the fields this binding reads) */
    fstatAt: lib.func('fstat', 'int', ['int', 'intptr_t']) as (fd: number, buf: number) => number,
    /** pread into C memory at `buf` (a slot of the arena) */
    preadAt: lib.func('pread', 'intptr_t', ['int', 'intptr_t', 'size_t', 'int64_t']) as (fd: number, buf: number, count: number, offset: number) => number,
    lseek: lib.func('lseek', 'int64_t', ['int', 'int64_t', 'int']) as (fd: number, offset: number, whence: number) => number,
    getpagesize: lib.func('getpagesize', 'int', []) as () => number,
    fcntl(fd: number, cmd: number, arg = 0): number {
      return fcntlVariadic(fd, cmd, 'int', arg) as number;
    },
    /** errno of the last failed call on this thread */
    errno(): number {
      return koffi.errno();
    },
    /**
     * `size` bytes of C memory for the life of the process, as an address for the *At functions and
     * bytes to fill it through.
     */
    cBuffer(size: number): { readonly address: number; readonly bytes: Uint8Array } {
      const ptr = koffi.alloc('uint8', size);
      return { address: Number(koffi.address(ptr)), bytes: new Uint8Array(koffi.view(ptr, size)) };
    },
    /** An ArrayBuffer over [address, address + length): memory the caller keeps mapped while it lives. */
    view(address: number, length: number): ArrayBuffer {
      return koffi.view(address, length);
    },
  };
}

type Libc = ReturnType<typeof bind>;

// every member of Libc, spelled out so the stubs exist before anything is bound (checked below)
const NAMES = ['memfdCreate', 'memfdCreateAt', 'ftruncate', 'mmap', 'mmapFixed', 'munmap', 'mprotect', 'ioctl', 'ioctlAt', 'fcntlInt', 'dup', 'close', 'fstatfs', 'fstatAt', 'preadAt', 'lseek', 'getpagesize', 'fcntl', 'errno', 'cBuffer', 'view'] as const;
type Missing = Exclude<keyof Libc, (typeof NAMES)[number]>;
const allNamed: [Missing] extends [never] ? true : Missing = true;
void allNamed;

/**
 * The libc functions. Until the first call each member is a stub that binds them all (loading koffi)
 * and hands the call on; binding assigns the real functions to the same writable properties, so the
 * object keeps its shape and later calls go straight to koffi.
 * @internal
 */
export const libc = {} as Libc;
function bindAll(): void {
  Object.assign(libc, bind());
}
for (const name of NAMES) {
  (libc as Record<string, unknown>)[name] = function stub(this: unknown, ...args: unknown[]): unknown {
    if ((libc as Record<string, unknown>)[name] === stub) bindAll();
    return ((libc as Record<string, unknown>)[name] as (...a: unknown[]) => unknown)(...args);
  };
}

/** Linux constants (x86_64 and aarch64 agree on all of these). @internal */
export const sys = {
  PROT_NONE: 0,
  PROT_READ: 1,
  PROT_WRITE: 2,
  MAP_SHARED: 0x01,
  MAP_PRIVATE: 0x02,
  MAP_FIXED: 0x10,
  MAP_ANONYMOUS: 0x20,
  MAP_NORESERVE: 0x4000,
  MFD_CLOEXEC: 0x1,
  MFD_ALLOW_SEALING: 0x2,
  F_GETFD: 1,
  F_GETFL: 3,
  F_DUPFD_CLOEXEC: 1030,
  F_ADD_SEALS: 1033,
  F_GET_SEALS: 1034,
  F_SEAL_SEAL: 0x1,
  F_SEAL_SHRINK: 0x2,
  F_SEAL_GROW: 0x4,
  F_SEAL_WRITE: 0x8,
  F_SEAL_FUTURE_WRITE: 0x10,
  O_ACCMODE: 3,
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  SEEK_SET: 0,
  SEEK_END: 2,
  /** _IOW('b', 0, struct dma_buf_sync) */
  DMA_BUF_IOCTL_SYNC: 0x40086200,
  DMA_BUF_SYNC_READ: 1,
  DMA_BUF_SYNC_WRITE: 2,
  DMA_BUF_SYNC_START: 0,
  DMA_BUF_SYNC_END: 4,
  /** _IOW('u', 0x42, struct udmabuf_create) */
  UDMABUF_CREATE: 0x40187542,
  UDMABUF_FLAGS_CLOEXEC: 1,
  /** _IOWR('H', 0, struct dma_heap_allocation_data) */
  DMA_HEAP_IOCTL_ALLOC: 0xc0184800,
  /** fstatfs f_type of the dma-buf pseudo filesystem */
  DMA_BUF_MAGIC: 0x444d4142,
  /** sizeof(struct statfs) on 64-bit Linux */
  STATFS_SIZE: 120,
  S_IFMT: 0o170000,
  S_IFREG: 0o100000,
  S_IFCHR: 0o020000,
} as const;

/**
 * Byte offsets in struct stat of the fields read here: x86_64 has its own layout, aarch64 (and the
 * other 64-bit ports) the asm-generic one. st_dev/st_ino/st_rdev are 64-bit, st_mode 32, st_size 64.
 * @internal
 */
export const statLayout =
  process.arch === 'x64'
    ? { size: 144, dev: 0, ino: 8, mode: 24, rdev: 40, st_size: 48 }
    : { size: 128, dev: 0, ino: 8, mode: 16, rdev: 32, st_size: 48 };
