/**
 * Where fds come from: memfds (sealed ones stand in for protected memory the kernel will not map
 * writable), a shm allocator over memfds, and the udmabuf / dma-heap devices when this machine has
 * them. A missing device is a result (`reason: 'unavailable'`), never a throw.
 */
import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { type ErrnoCode, ErrnoError, MemoryError, UnsupportedError, fromNodeError } from './errors.js';
import { pageSize } from './arena.js';
import { DmaBufAllocator } from './dmabuf.js';
import { OwnedFd } from './fd.js';
import { FdAllocator, FdMemory, FdMemoryFlags, MapFlags } from './fd-memory.js';
import { libc, sys } from './libc.js';

/** How a memfd is sealed against writing (true means 'write'). @public */
export type MemfdSeal = 'write' | 'future-write' | true;

/** @public */
export interface MemfdOptions {
  /** shown in /proc/self/fd and /proc/self/maps as /memfd:NAME (at most 249 bytes, no NUL) */
  readonly name?: string;
  /**
   * 'write': F_SEAL_WRITE (no writable shared mapping, no write(2)); 'future-write':
   * F_SEAL_FUTURE_WRITE. Either way mmap(PROT_WRITE, MAP_SHARED) answers EPERM while READ maps,
   * which is how capsflow stands in for protected dma-bufs. SHRINK, GROW and SEAL are added too.
   */
  readonly seal?: MemfdSeal;
}

const encoder = new TextEncoder();
// the default name lives in C memory: memfd_create takes its address without a lookup per call
// (made at the first memfd: libc binds koffi on first use)
let defaultName: { readonly address: number; readonly bytes: Uint8Array } | null = null;
function defaultNameAddress(): number {
  if (defaultName === null) {
    defaultName = libc.cBuffer(16);
    defaultName.bytes.set(encoder.encode('capsflow\0'));
  }
  return defaultName.address;
}

function nameBytes(name: string | undefined): Uint8Array | null {
  if (name === undefined) return null;
  const bytes = encoder.encode(`${name}\0`);
  if (name.includes('\0') || bytes.length > 250) {
    throw new MemoryError('invalid-argument', `memfd name must be at most 249 bytes without NUL, got ${JSON.stringify(name)}`);
  }
  return bytes;
}

function checkSize(size: unknown, what: string): number {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new MemoryError('invalid-argument', `${what} must be a non-negative safe integer, got ${String(size)}`);
  }
  return size;
}

/** a memfd of `size` bytes named `name` (null: the default name) */
function newMemfd(size: number, name: Uint8Array | null): number {
  const flags = sys.MFD_CLOEXEC | sys.MFD_ALLOW_SEALING;
  const fd = name === null ? libc.memfdCreateAt(defaultNameAddress(), flags) : libc.memfdCreate(name, flags);
  if (fd < 0) throw new ErrnoError('memfd_create', libc.errno());
  if (libc.ftruncate(fd, size) !== 0) {
    const errnum = libc.errno();
    libc.close(fd);
    throw new ErrnoError('ftruncate', errnum, `memfd of ${size} bytes`);
  }
  return fd;
}

function addSeals(fd: number, seals: number): void {
  if (libc.fcntl(fd, sys.F_ADD_SEALS, seals) === -1) {
    const errnum = libc.errno();
    libc.close(fd);
    throw new ErrnoError('fcntl', errnum, `F_ADD_SEALS 0x${seals.toString(16)}`);
  }
}

/** A new close-on-exec memfd of `size` bytes, optionally sealed against writing. Throws ErrnoError. @public */
export function createMemfd(size: number, options: MemfdOptions = {}): OwnedFd {
  checkSize(size, 'memfd size');
  const fd = newMemfd(size, nameBytes(options.name));
  const seal = options.seal;
  if (seal !== undefined) {
    if (seal !== 'write' && seal !== 'future-write' && seal !== true) {
      libc.close(fd);
      throw new MemoryError('invalid-argument', `seal must be 'write', 'future-write' or true, got ${String(seal)}`);
    }
    const write = seal === 'future-write' ? sys.F_SEAL_FUTURE_WRITE : sys.F_SEAL_WRITE;
    addSeals(fd, write | sys.F_SEAL_SHRINK | sys.F_SEAL_GROW | sys.F_SEAL_SEAL);
  }
  return new OwnedFd(fd);
}

/** The seals of a memfd (F_GET_SEALS), or null when the fd cannot carry seals. @public */
export function memfdSeals(fd: number): number | null {
  const seals = libc.fcntl(fd, sys.F_GET_SEALS);
  return seals === -1 ? null : seals;
}

/** What an allocating allocator answers. @public */
export type AllocResult =
  | { readonly ok: true; readonly memory: FdMemory }
  | {
      readonly ok: false;
      /** 'unavailable': the device is missing or closed to us; 'failed': it refused this allocation */
      readonly reason: 'unavailable' | 'failed';
      readonly device: string | null;
      readonly errno: ErrnoCode;
      readonly syscall: string;
      readonly message: string;
    };

/**
 * The memory of a successful AllocResult; otherwise throws UnsupportedError (feature: the device
 * path) for 'unavailable' and ErrnoError for 'failed'. For callers that treat absence as a bug.
 * @public
 */
export function unwrapAllocResult(result: AllocResult): FdMemory {
  if (result.ok) return result.memory;
  if (result.reason === 'unavailable') throw new UnsupportedError(result.device ?? 'device', result.message);
  const errnum = (osConstants.errno as Record<string, number>)[result.errno] ?? 5;
  throw new ErrnoError(result.syscall, errnum, result.message);
}

function failed(reason: 'unavailable' | 'failed', device: string | null, e: ErrnoError, what: string): AllocResult {
  return { ok: false, reason, device, errno: e.errno, syscall: e.syscall, message: `${what}: ${e.message}` };
}

function pageRound(n: number): number {
  const page = pageSize();
  return Math.max(page, Math.ceil(n / page) * page);
}

/**
 * GstShmAllocator (1.24+): memfd-backed fd memory. The memfd is page-rounded, the memory is
 * KEEP_MAPPED and mapped READWRITE once at allocation, so every later map is a subset.
 * @public
 */
export class ShmAllocator extends FdAllocator {
  override readonly memType: string = 'shm';
  static readonly #name = encoder.encode('capsflow-shm\0');

  allocate(size: number): AllocResult {
    checkSize(size, 'size');
    const maxsize = pageRound(size);
    let fd: number;
    try {
      fd = newMemfd(maxsize, ShmAllocator.#name);
    } catch (e) {
      if (e instanceof ErrnoError) return failed('failed', null, e, 'shm allocation');
      throw e;
    }
    const memory = new FdMemory(this, fd, maxsize, 0, size, FdMemoryFlags.KEEP_MAPPED, null);
    const info = memory.map(MapFlags.READWRITE);
    if (!info.ok) {
      memory.free();
      return { ok: false, reason: 'failed', device: null, errno: info.errno ?? 'EIO', syscall: 'mmap', message: `shm allocation: ${info.message}` };
    }
    memory.unmap(info);
    libc.fcntl(fd, sys.F_ADD_SEALS, sys.F_SEAL_SHRINK);
    return { ok: true, memory };
  }
}

function openDevice(path: string): number | ErrnoError {
  try {
    return openSync(path, fsConstants.O_RDWR);
  } catch (e) {
    return fromNodeError(e, 'open', path);
  }
}

function deviceMissing(e: ErrnoError): boolean {
  return e.errno === 'ENOENT' || e.errno === 'ENODEV' || e.errno === 'ENXIO' || e.errno === 'EACCES' || e.errno === 'EPERM' || e.errno === 'ENOTDIR';
}

/**
 * GstUdmabufAllocator (1.28+): a memfd turned into a dma-buf by /dev/udmabuf, wrapped KEEP_MAPPED.
 * `allocate` answers 'unavailable' when the device is missing.
 * @public
 */
export class UdmabufAllocator extends DmaBufAllocator {
  override readonly memType: string = 'udmabuf';
  static readonly device = '/dev/udmabuf';
  static readonly #name = encoder.encode('capsflow-udmabuf\0');

  allocate(size: number): AllocResult {
    checkSize(size, 'size');
    const device = UdmabufAllocator.device;
    const dev = openDevice(device);
    if (dev instanceof ErrnoError) return failed(deviceMissing(dev) ? 'unavailable' : 'failed', device, dev, 'udmabuf');
    const maxsize = pageRound(size);
    let memfd = -1;
    try {
      memfd = newMemfd(maxsize, UdmabufAllocator.#name);
      if (libc.fcntl(memfd, sys.F_ADD_SEALS, sys.F_SEAL_SHRINK) === -1) {
        return failed('failed', device, new ErrnoError('fcntl', libc.errno(), 'F_ADD_SEALS SHRINK'), 'udmabuf');
      }
      // struct udmabuf_create { __u32 memfd; __u32 flags; __u64 offset; __u64 size; }
      const arg = new Uint8Array(24);
      const view = new DataView(arg.buffer);
      view.setUint32(0, memfd, true);
      view.setUint32(4, sys.UDMABUF_FLAGS_CLOEXEC, true);
      view.setBigUint64(8, 0n, true);
      view.setBigUint64(16, BigInt(maxsize), true);
      const dmabuf = libc.ioctl(dev, sys.UDMABUF_CREATE, arg);
      if (dmabuf < 0) return failed('failed', device, new ErrnoError('ioctl', libc.errno(), 'UDMABUF_CREATE'), 'udmabuf');
      return { ok: true, memory: new FdMemory(this, dmabuf, maxsize, 0, size, FdMemoryFlags.KEEP_MAPPED, null) };
    } catch (e) {
      if (e instanceof ErrnoError) return failed('failed', device, e, 'udmabuf');
      throw e;
    } finally {
      if (memfd >= 0) libc.close(memfd); // the dma-buf keeps its own reference
      closeSync(dev);
    }
  }
}

const HEAP_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * dma-buf memory from a DMA heap (/dev/dma_heap/NAME, e.g. "system"). `allocate` answers
 * 'unavailable' when the heap does not exist here.
 * @public
 */
export class DmaHeapAllocator extends DmaBufAllocator {
  override readonly memType: string = 'dmaheap';
  readonly heap: string;
  readonly device: string;

  constructor(heap: string) {
    super();
    if (!HEAP_NAME.test(heap) || heap === '.' || heap === '..') {
      throw new MemoryError('invalid-argument', `dma-heap name must be letters, digits, '_', '.', '-', got ${JSON.stringify(heap)}`);
    }
    this.heap = heap;
    this.device = `/dev/dma_heap/${heap}`;
  }

  allocate(size: number): AllocResult {
    checkSize(size, 'size');
    const dev = openDevice(this.device);
    if (dev instanceof ErrnoError) return failed(deviceMissing(dev) ? 'unavailable' : 'failed', this.device, dev, `dma-heap ${this.heap}`);
    try {
      const maxsize = pageRound(size);
      // struct dma_heap_allocation_data { __u64 len; __u32 fd; __u32 fd_flags; __u64 heap_flags; }
      const arg = new Uint8Array(24);
      const view = new DataView(arg.buffer);
      view.setBigUint64(0, BigInt(maxsize), true);
      view.setUint32(12, sys.O_RDWR | 0o2000000, true);
      if (libc.ioctl(dev, sys.DMA_HEAP_IOCTL_ALLOC, arg) < 0) {
        return failed('failed', this.device, new ErrnoError('ioctl', libc.errno(), 'DMA_HEAP_IOCTL_ALLOC'), `dma-heap ${this.heap}`);
      }
      return { ok: true, memory: new FdMemory(this, view.getUint32(8, true), maxsize, 0, size, FdMemoryFlags.NONE, null) };
    } finally {
      closeSync(dev);
    }
  }
}
