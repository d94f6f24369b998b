/**
 * The READWRITE map probe GStreamer's exporters run at decide_allocation, and what the negotiation
 * engine sees of it. `memory:DMABuf` is due exactly when the memory is a dma-buf (or is treated as
 * one) and the kernel refuses to map it READ|WRITE (negotiation-allocation.md §6.1).
 */
import { fstatSync, readdirSync, readlinkSync } from 'node:fs';
import { type ErrnoCode, ErrnoError, MemoryError, errnoName, fromNodeError, isErrnoError } from './errors.js';
import { MAX_MAPPING, pageSize } from './arena.js';
import { assertOpenFd } from './fd.js';
import type { FdMemory } from './fd-memory.js';
import { libc, sys } from './libc.js';
import { type AllocResult, DmaHeapAllocator, ShmAllocator, UdmabufAllocator, createMemfd } from './sources.js';

/** What an fd refers to. @public */
export type FdKind =
  | 'memfd'
  | 'dma-buf'
  | 'file'
  | 'pipe'
  | 'socket'
  | 'char-device'
  | 'block-device'
  | 'directory'
  | 'anon-inode'
  | 'other';

/** @public */
export interface FdInfo {
  readonly fd: number;
  readonly kind: FdKind;
  /** the /proc/self/fd link ("/memfd:capsflow (deleted)", "anon_inode:dmabuf", "pipe:[123]", a path) */
  readonly link: string | null;
  /** st_size; for a dma-buf, its size from lseek(SEEK_END) */
  readonly size: number;
  readonly access: 'read' | 'write' | 'readwrite';
  /** F_GET_SEALS, null when the fd cannot carry seals */
  readonly seals: number | null;
}

/** What probeMappable found. @public */
export interface MapProbe {
  readonly kind: FdKind;
  /** bytes the probe tried to map */
  readonly size: number;
  /** mmap(PROT_READ|PROT_WRITE, MAP_SHARED) succeeded */
  readonly readwrite: boolean;
  /** mmap(PROT_READ, MAP_SHARED) succeeded */
  readonly read: boolean;
  /** why READWRITE was refused (null when it mapped) */
  readonly errno: ErrnoCode | null;
  /** why READ was refused (null when it mapped) */
  readonly readErrno: ErrnoCode | null;
  /** a dma-buf, or treated as one (asDmabuf) */
  readonly dmabuf: boolean;
  /** 'memory:DMABuf' iff dmabuf and READWRITE was refused */
  readonly feature: 'memory:DMABuf' | null;
}

/** @public */
export interface ProbeOptions {
  /** decide the feature as if the fd were a dma-buf (a sealed memfd standing in for protected memory) */
  readonly asDmabuf?: boolean;
}

function kindOf(link: string | null, mode: number, fd: number): FdKind {
  if (link !== null) {
    if (link.startsWith('/memfd:')) return 'memfd';
    // older kernels: anon_inode:dmabuf; newer ones name the file on the dmabuf pseudo-fs /dmabuf:NAME
    if (link.startsWith('anon_inode:dmabuf') || link.startsWith('/dmabuf:')) return 'dma-buf';
    if (link.startsWith('pipe:[')) return 'pipe';
    if (link.startsWith('socket:[')) return 'socket';
    if (link.startsWith('anon_inode:')) return fsMagic(fd) === sys.DMA_BUF_MAGIC ? 'dma-buf' : 'anon-inode';
  }
  switch (mode & 0o170000) {
    case 0o100000:
      return fsMagic(fd) === sys.DMA_BUF_MAGIC ? 'dma-buf' : 'file';
    case 0o010000:
      return 'pipe';
    case 0o140000:
      return 'socket';
    case 0o020000:
      return 'char-device';
    case 0o060000:
      return 'block-device';
    case 0o040000:
      return 'directory';
    default:
      return fsMagic(fd) === sys.DMA_BUF_MAGIC ? 'dma-buf' : 'other';
  }
}

const statfsBuf = new Uint8Array(sys.STATFS_SIZE);

/** fstatfs f_type, or -1 */
function fsMagic(fd: number): number {
  if (libc.fstatfs(fd, statfsBuf) !== 0) return -1;
  return new DataView(statfsBuf.buffer).getUint32(0, true);
}

/** Classify an open fd. Throws ErrnoError (EBADF) when it is not open. @public */
export function inspectFd(fd: number): FdInfo {
  assertOpenFd(fd);
  let link: string | null = null;
  try {
    link = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    // no /proc: the fstat mode still classifies it
  }
  let st;
  try {
    st = fstatSync(fd);
  } catch (e) {
    throw fromNodeError(e, 'fstat', `fd ${fd}`);
  }
  const kind = kindOf(link, st.mode, fd);
  let size = st.size;
  if (kind === 'dma-buf') {
    const end = libc.lseek(fd, 0, sys.SEEK_END);
    if (end > 0) {
      size = end;
      libc.lseek(fd, 0, sys.SEEK_SET);
    }
  }
  const fl = libc.fcntl(fd, sys.F_GETFL);
  const mode = fl === -1 ? sys.O_RDONLY : fl & sys.O_ACCMODE;
  const access = mode === sys.O_RDWR ? 'readwrite' : mode === sys.O_WRONLY ? 'write' : 'read';
  const seals = libc.fcntl(fd, sys.F_GET_SEALS);
  return { fd, kind, link, size, access, seals: seals === -1 ? null : seals };
}

/** kinds whose size is an end: mapping past it is a SIGBUS on access */
function hasEnd(kind: FdKind): boolean {
  return kind === 'memfd' || kind === 'file' || kind === 'dma-buf';
}

/**
 * The size a probe maps when none is given: the fd's size; a page for a device without one
 * (/dev/zero). A file or memfd of 0 bytes has nothing to map: MemoryError 'invalid-argument'.
 * @public
 */
export function defaultProbeSize(info: FdInfo): number {
  if (info.size > 0) return Math.min(info.size, MAX_MAPPING);
  if (hasEnd(info.kind)) throw new MemoryError('invalid-argument', `fd ${info.fd} (${info.kind}) holds 0 bytes: there is nothing to map`);
  return pageSize();
}

/** mmap and munmap at once (no view is ever made): 0 or the errno number */
function tryMap(fd: number, size: number, prot: number): number {
  const addr = libc.mmap(0, size, prot, sys.MAP_SHARED, fd, 0);
  if (addr === -1) return libc.errno();
  libc.munmap(addr, size);
  return 0;
}

/**
 * Try mmap(READ|WRITE, MAP_SHARED) then mmap(READ, MAP_SHARED) of `size` bytes of `fd`, unmapping
 * at once. The fd stays the caller's. Throws ErrnoError (EBADF) when `fd` is not open.
 * @public
 */
export function probeMappable(fd: number, size: number, options: ProbeOptions = {}): MapProbe {
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0) {
    throw new MemoryError('invalid-argument', `probe size must be a positive safe integer, got ${String(size)}`);
  }
  if (size > MAX_MAPPING) throw new MemoryError('invalid-argument', `probe size ${size} is too large: the largest mapping is ${MAX_MAPPING} bytes`);
  const info = inspectFd(fd);
  if (hasEnd(info.kind) && size > info.size) {
    // the kernel would map it, and the first access past the end would be a SIGBUS
    throw new MemoryError('invalid-argument', `fd ${fd} (${info.kind}) holds ${info.size} bytes: a probe of ${size} bytes would reach past its end`);
  }
  const rw = tryMap(fd, size, sys.PROT_READ | sys.PROT_WRITE);
  const r = tryMap(fd, size, sys.PROT_READ);
  const dmabuf = info.kind === 'dma-buf' || options.asDmabuf === true;
  return {
    kind: info.kind,
    size,
    readwrite: rw === 0,
    read: r === 0,
    errno: rw === 0 ? null : errnoName(rw),
    readErrno: r === 0 ? null : errnoName(r),
    dmabuf,
    feature: dmabuf && rw !== 0 ? 'memory:DMABuf' : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The probe interface the negotiation engine uses

/** Memory to probe: an fd the caller keeps owning. @public */
export interface MemorySource {
  readonly fd: number;
  /** bytes to map; default: the fd's size (at least a page) */
  readonly size?: number;
  readonly asDmabuf?: boolean;
  /** how the outcome names the source (default `fd:N`) */
  readonly label?: string;
}

/** A probe's answer, or why there was none. @public */
export type ProbeOutcome =
  | { readonly ok: true; readonly source: string; readonly probe: MapProbe }
  | {
      readonly ok: false;
      readonly source: string;
      /**
       * 'unavailable': the device (udmabuf, a dma heap) is not on this machine; 'bad-fd': the fd is
       * not open; 'invalid': a malformed spec or size; 'failed': allocation failed
       */
      readonly reason: 'unavailable' | 'bad-fd' | 'invalid' | 'failed';
      readonly errno: ErrnoCode | null;
      readonly message: string;
    };

/** How the negotiation engine asks whether an exporter's memory maps READWRITE. @public */
export type MemoryProbe = (source: MemorySource) => ProbeOutcome;

function outcomeOfError(source: string, e: unknown): ProbeOutcome {
  if (isErrnoError(e)) {
    return { ok: false, source, reason: e.errno === 'EBADF' ? 'bad-fd' : 'failed', errno: e.errno, message: e.message };
  }
  if (e instanceof MemoryError) return { ok: false, source, reason: 'invalid', errno: null, message: e.message };
  throw e;
}

// ---------------------------------------------------------------------------------------------
// Fds given by number (`fd:N`) must come from outside: inherited when the process started

interface Identity {
  readonly dev: number;
  readonly ino: number;
}

/**
 * The fds this process held when this module loaded (at start, for the CLI), by identity, minus
 * the ones the runtime opens for itself: anonymous inodes that are no dma-buf (libuv's epoll and
 * eventfds) and pipes with both ends here (libuv's signal and wake-up pipes). A number that names
 * anything else later was opened by the process itself, not passed from outside.
 */
const inherited: ReadonlyMap<number, Identity> = snapshotInherited();

function snapshotInherited(): Map<number, Identity> {
  const out = new Map<number, Identity>();
  let names: string[];
  try {
    names = readdirSync('/proc/self/fd');
  } catch {
    return out; // no /proc: nothing can be shown to be inherited
  }
  const pipes = new Map<string, number>();
  const links = new Map<number, string>();
  for (const name of names) {
    const fd = Number(name);
    try {
      const link = readlinkSync(`/proc/self/fd/${fd}`);
      const st = fstatSync(fd, { bigint: true });
      links.set(fd, link);
      out.set(fd, { dev: Number(st.dev), ino: Number(st.ino) });
      if (link.startsWith('pipe:[')) pipes.set(link, (pipes.get(link) ?? 0) + 1);
    } catch {
      // closed meanwhile (the fd readdir itself used)
    }
  }
  for (const [fd, link] of links) {
    const ownPipe = link.startsWith('pipe:[') && (pipes.get(link) ?? 0) > 1;
    const ownAnon = link.startsWith('anon_inode:') && !link.startsWith('anon_inode:dmabuf');
    if (ownPipe || ownAnon) out.delete(fd);
  }
  return out;
}

/**
 * Throw EBADF (as an ErrnoError) unless `fd` was handed to this process from outside: open when
 * capsflow loaded and still the same file, and not one of the runtime's own descriptors; or a
 * memfd or dma-buf, which the runtime never opens for itself (a program's own memfd, as
 * createMemfd makes, may be named by number). Anything else the process opened is refused.
 * @public
 */
export function assertInheritedFd(fd: number): void {
  assertOpenFd(fd);
  const was = inherited.get(fd);
  let same = false;
  if (was !== undefined) {
    try {
      const st = fstatSync(fd, { bigint: true });
      same = Number(st.dev) === was.dev && Number(st.ino) === was.ino;
    } catch {
      same = false;
    }
  }
  if (same) return;
  const kind = inspectFd(fd).kind;
  if (kind === 'memfd' || kind === 'dma-buf') return;
  throw new ErrnoError('fd', 9, `fd ${fd} was not passed to this process from outside: the process opened it itself`);
}

/** The MemoryProbe over real fds: never throws for bad fds or sizes, never closes the fd. @public */
export const probeMemory: MemoryProbe = (source) => {
  const label = source.label ?? `fd:${source.fd}`;
  try {
    const size = source.size ?? defaultProbeSize(inspectFd(source.fd));
    return { ok: true, source: label, probe: probeMappable(source.fd, size, { asDmabuf: source.asDmabuf === true }) };
  } catch (e) {
    return outcomeOfError(label, e);
  }
};

/** What allocateAndProbe can allocate (or adopt). @public */
export type MemorySpec = 'memfd' | 'sealed-memfd' | 'shm' | 'udmabuf' | `dma-heap:${string}` | `fd:${number}`;

/** Parse a MemorySpec written as text, or null. @public */
export function parseMemorySpec(text: string): MemorySpec | null {
  if (text === 'memfd' || text === 'sealed-memfd' || text === 'shm' || text === 'udmabuf') return text;
  if (/^dma-heap:[A-Za-z0-9_.-]+$/.test(text)) return text as MemorySpec;
  if (/^fd:\d{1,10}$/.test(text) && Number(text.slice(3)) <= 0x7fffffff) return text as MemorySpec;
  return null;
}

/** The default size allocateAndProbe allocates. @public */
export const DEFAULT_PROBE_SIZE = 65536;

function fromAlloc(source: string, result: AllocResult, asDmabuf: boolean, size: number): ProbeOutcome {
  if (!result.ok) return { ok: false, source, reason: result.reason, errno: result.errno, message: result.message };
  const memory: FdMemory = result.memory;
  try {
    return { ok: true, source, probe: probeMappable(memory.fd, Math.max(size, 1), { asDmabuf }) };
  } finally {
    memory.free();
  }
}

/**
 * Allocate memory as `spec` says, probe it and free it: no fd and no mapping is left behind.
 * `fd:N` probes the caller's fd N instead (and leaves it open). A sealed memfd is treated as a
 * dma-buf unless `asDmabuf: false`, since it stands in for protected dma-bufs; the others follow
 * their kind unless `asDmabuf: true`.
 * @public
 */
export function allocateAndProbe(spec: MemorySpec, size?: number, options: ProbeOptions = {}): ProbeOutcome {
  if (parseMemorySpec(spec) === null) {
    return { ok: false, source: String(spec), reason: 'invalid', errno: null, message: `unknown memory spec ${JSON.stringify(spec)}` };
  }
  if (size !== undefined && (!Number.isSafeInteger(size) || size <= 0)) {
    return { ok: false, source: spec, reason: 'invalid', errno: null, message: `size must be a positive safe integer, got ${String(size)}` };
  }
  if (size !== undefined && size > MAX_MAPPING) {
    return { ok: false, source: spec, reason: 'invalid', errno: null, message: `size ${size} is too large: the largest mapping is ${MAX_MAPPING} bytes` };
  }
  const bytes = size ?? DEFAULT_PROBE_SIZE;
  try {
    if (spec.startsWith('fd:')) {
      const fd = Number(spec.slice(3));
      // a number names an fd handed over from outside, as gst-launch's pipelines get theirs
      assertInheritedFd(fd);
      return probeMemory({ fd, ...(size === undefined ? {} : { size }), asDmabuf: options.asDmabuf === true, label: spec });
    }
    if (spec === 'memfd' || spec === 'sealed-memfd') {
      const sealed = spec === 'sealed-memfd';
      using fd = createMemfd(bytes, { name: `capsflow-probe`, ...(sealed ? { seal: 'write' as const } : {}) });
      return { ok: true, source: spec, probe: probeMappable(fd.fd, bytes, { asDmabuf: options.asDmabuf ?? sealed }) };
    }
    if (spec === 'shm') return fromAlloc(spec, new ShmAllocator().allocate(bytes), options.asDmabuf === true, bytes);
    if (spec === 'udmabuf') return fromAlloc(spec, new UdmabufAllocator().allocate(bytes), options.asDmabuf !== false, bytes);
    const heap = spec.slice('dma-heap:'.length);
    return fromAlloc(spec, new DmaHeapAllocator(heap).allocate(bytes), options.asDmabuf !== false, bytes);
  } catch (e) {
    return outcomeOfError(spec, e);
  }
}
