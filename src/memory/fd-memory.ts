/**
 * GstFdAllocator / GstFdMemory in TypeScript: memory over an fd, mapped lazily on the first map.
 *
 * The rules are GStreamer's (gstfdmemory.c and the GstMemory lock of gstminiobject.c), step for step:
 * - the memory-level lock comes first: WRITE on READONLY memory fails; a nested map must ask for a
 *   subset of the outstanding access mode; writing is refused while the memory is shared twice;
 * - the fd-level map: already mapped → reuse when the prot is a subset, else "mprotect" when
 *   KEEP_MAPPED and nothing is mapped, else fail; not mapped → map the fd;
 * - unmap: KEEP_MAPPED only counts down; otherwise the last unmap drops the mapping;
 * - share: a READONLY sub-memory of the root that maps through it and never closes the fd.
 *
 * Where GStreamer's C would let the process die, capsflow refuses or changes the mapping, never the
 * decision (spec/oracle/fd-allocator.spec.ts holds map success and failure to GStreamer's):
 * - what is mapped is decided by fd-safety.ts: no mapping past the end of the file, no fd kind whose
 *   mapping can fault, no file another fd can truncate under a shared mapping (see there). These
 *   refusals ('beyond-eof', 'unsafe-fd', 'may-shrink') are the only answers that differ from C;
 * - the kernel mapping is always PROT_READ|PROT_WRITE, so no access through `data` faults. A map
 *   that asks READ only never writes the memory: the mapping it creates is copy-on-write
 *   (MAP_PRIVATE) or a copy, and when the memory is already mapped shared and writable it gets a
 *   copy of its bytes (a snapshot taken at map time);
 * - KEEP_MAPPED keeps GStreamer's decisions (the kept prot, the mprotect upgrade when nothing is
 *   mapped), but the kernel mapping goes with the last unmap like any other: after unmap, every
 *   `data` reads zeros and writes nowhere, KEEP_MAPPED or not. An upgrade that C does with mprotect
 *   is a fresh mmap here (so its errno is mmap's);
 * - map(flags) needs READ and/or WRITE (GStreamer would mmap PROT_NONE for 0); free() of memory with
 *   outstanding maps releases them (GStreamer refuses with a critical and leaks); out-of-range
 *   share() throws.
 */
import { MAX_MAPPING, Slot, anonymousSlot, mapFd, unmapSlot, viewSlot } from './arena.js';
import { type ErrnoCode, MemoryError, errnoName } from './errors.js';
import { OwnedFd } from './fd.js';
import { type FdRefusal, K_FILE, K_HUGE, K_SHMEM, K_ZERO, classify } from './fd-safety.js';
import { libc, sys } from './libc.js';
import { warn } from './warnings.js';

/** GstMapFlags. @public */
export const MapFlags = { READ: 1, WRITE: 2, READWRITE: 3 } as const;
/** @public */
export type MapFlags = (typeof MapFlags)[keyof typeof MapFlags];

/** GstFdMemoryFlags. @public */
export const FdMemoryFlags = { NONE: 0, KEEP_MAPPED: 1, MAP_PRIVATE: 2, DONT_CLOSE: 4 } as const;
/** A bitwise or of FdMemoryFlags values. @public */
export type FdMemoryFlags = number;

// GstLockFlags and the lockstate layout of gstminiobject.c
const LOCK_WRITE = 2;
const LOCK_EXCLUSIVE = 4;
const FLAG_MASK = 0xff;
const LOCK_ONE = 0x100;
const SHARE_ONE = 0x10000;
const SHARE_TWO = 0x20000;
const LOCK_FLAG_MASK = SHARE_ONE - 1;

/** Why map() refused. @public */
export type MapFailureReason =
  /** the memory-level lock refused (READONLY, not a subset of the outstanding access, shared) */
  | 'lock'
  /** mapped already with fewer rights, and no upgrade allowed (not KEEP_MAPPED, or still mapped) */
  | 'prot'
  /** the kernel refused (see errno), or there was no address space left (ENOMEM) */
  | 'mmap'
  /** the memory has fd -1 */
  | 'no-fd'
  /** maxsize is beyond the largest ArrayBuffer Node makes (4 GiB): no `data` could cover it */
  | 'too-large'
  /** the memory reaches past the end of the file: C would map it and die of SIGBUS on access */
  | 'beyond-eof'
  /** the fd is of a kind whose mapping can fault (socket, pipe, directory, eventfd, device, …) */
  | 'unsafe-fd'
  /** a shared WRITE map of a file another fd could truncate under it (use a memfd) */
  | 'may-shrink'
  /** reading the copy of a file failed (see errno) */
  | 'read';

/** A refused map: map() answers this instead of a MapInfo. @public */
export interface MapFailure {
  readonly ok: false;
  readonly reason: MapFailureReason;
  readonly errno: ErrnoCode | null;
  readonly message: string;
}

/** What map() answers: narrow on `ok`. @public */
export type MapResult = MapInfo | MapFailure;

function failure(reason: MapFailureReason, errno: ErrnoCode | null, message: string): MapFailure {
  return { ok: false, reason, errno, message };
}
const LOCK_FAILURE: MapFailure = Object.freeze(
  failure('lock', null, 'the memory is locked against this access (read-only, a nested map asking for more than the outer one, or shared while writing)'),
);
const PROT_FAILURE: MapFailure = Object.freeze(failure('prot', null, 'the memory is mapped with fewer rights and cannot be upgraded while mapped'));
const NO_FD_FAILURE: MapFailure = Object.freeze(failure('no-fd', null, 'the memory has no fd (-1)'));

/** A successful map: `data` covers the memory's `size` bytes. Give it back with `memory.unmap(info)`. @public */
export class MapInfo {
  readonly ok: true = true;
  readonly memory: FdMemory;
  readonly flags: MapFlags;
  /**
   * The mapped bytes; no access to it can fault. A READ-only map's writes never reach the memory.
   * After unmap or free it is no longer the memory: it reads zeros and writes go nowhere (until
   * its range of the arena is handed out again: keep no `data` past unmap).
   */
  readonly data: Uint8Array;
  readonly size: number;
  readonly maxsize: number;
  /** @internal */
  live = true;
  /** @internal a copy this READ map got of a shared writable mapping */
  shadow: Slot | null;
  /** Made by map(); not for direct use. */
  constructor(memory: FdMemory, flags: MapFlags, data: Uint8Array, shadow: Slot | null) {
    this.memory = memory;
    this.flags = flags;
    this.data = data;
    this.size = memory.size;
    this.maxsize = memory.maxsize - memory.offset;
    this.shadow = shadow;
  }
}

function protOf(flags: number): number {
  return (flags & MapFlags.READ ? sys.PROT_READ : 0) | (flags & MapFlags.WRITE ? sys.PROT_WRITE : 0);
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function refusal(r: FdRefusal): MapFailure {
  return failure(r.reason, r.errno, r.message);
}

/** mmap `fd` into the arena */
function mapped(fd: number, length: number, prot: number, share: number): Slot | MapFailure {
  const r = mapFd(length, prot, share, fd);
  return typeof r === 'number' ? failure('mmap', errnoName(r), `mmap of fd ${fd} (${length} bytes): ${errnoName(r)}`) : r;
}

/** a copy of a file's first `length` bytes, read with pread: a truncation meanwhile only reads short */
function readCopy(fd: number, length: number): Slot | MapFailure {
  // as mmap would: a write-only fd cannot be read (EACCES)
  const fl = libc.fcntl(fd, sys.F_GETFL);
  if (fl !== -1 && (fl & sys.O_ACCMODE) === sys.O_WRONLY) return failure('mmap', 'EACCES', `fd ${fd} is open for writing only: EACCES`);
  const slot = anonymousSlot(length);
  if (typeof slot === 'number') return failure('mmap', errnoName(slot), `no address space for a copy of ${length} bytes (${errnoName(slot)})`);
  let done = 0;
  while (done < length) {
    const n = libc.preadAt(fd, slot.address + done, length - done, done);
    if (n < 0) {
      const errnum = libc.errno();
      if (errnum === 4) continue; // EINTR
      unmapSlot(slot, fd);
      return failure('read', errnoName(errnum), `pread of fd ${fd}: ${errnoName(errnum)}`);
    }
    if (n === 0) break; // truncated meanwhile: the rest stays zeros
    done += n;
  }
  return slot;
}

/** a copy through a short-lived shared READ mapping (dma-bufs and hugetlb memfds, which cannot shrink) */
function mappedCopy(fd: number, length: number): Slot | MapFailure {
  const source = mapped(fd, length, sys.PROT_READ, sys.MAP_SHARED);
  if (!(source instanceof Slot)) return source;
  const slot = anonymousSlot(length);
  if (typeof slot === 'number') {
    unmapSlot(source, fd);
    return failure('mmap', errnoName(slot), `no address space for a copy of ${length} bytes (${errnoName(slot)})`);
  }
  viewSlot(slot, 0, length).set(viewSlot(source, 0, length));
  unmapSlot(source, fd);
  return slot;
}

/** Memory backed by an fd (GstFdMemory). Made by an allocator's `alloc`; it owns its fd. @public */
export class FdMemory {
  readonly allocator: FdAllocator;
  /** the root memory this one was shared from, or null */
  readonly parent: FdMemory | null;
  readonly maxsize: number;
  readonly offset: number;
  readonly size: number;
  readonly align: number = 0;
  /** GST_MEMORY_FLAG_READONLY: every shared sub-memory is read-only */
  readonly readonly: boolean;
  /** the FdMemoryFlags given to alloc (a sub-memory has none of its own) */
  readonly flags: FdMemoryFlags;
  #fd: number;
  #lockstate = 0;
  #refcount = 1;
  #released = false;
  /** outstanding maps of this memory, made on the first map */
  #infos: MapInfo[] | null = null;
  // fd-level mapping state, used on roots only
  /** the kernel mapping (or copy) `data` views: present exactly while a map is outstanding */
  #slot: Slot | null = null;
  /** #slot is a MAP_SHARED mapping: writes through it reach the memory */
  #shared = false;
  /** GStreamer's `data != NULL`: with KEEP_MAPPED it stays set after the last unmap */
  #gstMapped = false;
  /** the prot GStreamer's rules see (mmapping_flags) */
  #prot = 0;
  #count = 0;

  /** Made by the allocators (alloc, share); not for direct use. */
  constructor(allocator: FdAllocator, fd: number, maxsize: number, offset: number, size: number, flags: number, parent: FdMemory | null) {
    this.allocator = allocator;
    this.#fd = fd;
    this.maxsize = maxsize;
    this.offset = offset;
    this.size = size;
    this.flags = flags;
    this.parent = parent;
    this.readonly = parent !== null;
    if (parent !== null) {
      // gst_memory_init: the sub-memory holds an exclusive lock and a reference on its parent
      // (the lock can fail when the parent is write-mapped; GStreamer ignores that, and so do we)
      parent.#lock(LOCK_EXCLUSIVE);
      parent.#refcount++;
    }
  }

  /** The fd, still owned by the memory (dupFd it to keep it); -1 once the memory is gone. */
  get fd(): number {
    return this.#fd;
  }

  /** free() was called on this handle */
  get freed(): boolean {
    return this.#released;
  }

  /**
   * Map the memory: a MapInfo (`ok: true`), or a MapFailure (`ok: false`) when GStreamer's rules,
   * the kernel or capsflow's safety checks refuse (GStreamer's gst_memory_map returns FALSE).
   */
  map(flags: MapFlags): MapResult {
    this.#assertUsable('map');
    if (flags !== 1 && flags !== 2 && flags !== 3) {
      throw new MemoryError('invalid-argument', `map flags must be MapFlags.READ, WRITE or READWRITE, got ${String(flags)}`);
    }
    if (!this.#lock(flags)) return LOCK_FAILURE;
    const refused = this.allocator.memMap(this, flags);
    if (refused !== null) {
      this.#unlock(flags);
      return refused;
    }
    const root = this.parent ?? this;
    // root.#slot is set: the fd-level map just succeeded
    const slot = root.#slot as Slot;
    let data: Uint8Array;
    let shadow: Slot | null = null;
    if (flags === MapFlags.READ && root.#shared && this.size > 0) {
      // a READ map never writes the memory: it reads a copy of the shared writable mapping
      const copy = anonymousSlot(this.size);
      if (typeof copy === 'number') {
        this.allocator.memUnmap(this, flags);
        this.#unlock(flags);
        return failure('mmap', errnoName(copy), `no address space for the copy a READ map gets (${errnoName(copy)})`);
      }
      shadow = copy;
      data = viewSlot(copy, 0, this.size);
      data.set(viewSlot(slot, this.offset, this.size));
    } else {
      data = viewSlot(slot, this.offset, this.size);
    }
    const info = new MapInfo(this, flags, data, shadow);
    if (this.#infos === null) this.#infos = [info];
    else this.#infos.push(info);
    return info;
  }

  /** Give back a map; `data` of the info must not be relied on afterwards. */
  unmap(info: MapInfo): void {
    if (!(info instanceof MapInfo) || info.memory !== this || !info.live) {
      throw new MemoryError('not-mapped', 'unmap of an info that is not an outstanding map of this memory');
    }
    info.live = false;
    // a live info of this memory is in #infos
    const infos = this.#infos as MapInfo[];
    if (infos[infos.length - 1] === info) infos.pop();
    else infos.splice(infos.lastIndexOf(info), 1);
    if (info.shadow !== null) {
      unmapSlot(info.shadow, this.#fd);
      info.shadow = null;
    }
    this.allocator.memUnmap(this, info.flags);
    this.#unlock(info.flags);
  }

  /**
   * A read-only sub-memory of `size` bytes at `offset` (GstFdMemory share): it maps through the root
   * memory and never closes the fd. Null when the memory is mapped for writing (GStreamer's double
   * exclusive lock). `size` defaults to the rest of this memory.
   */
  share(offset = 0, size?: number): FdMemory | null {
    this.#assertUsable('share');
    const length = size ?? this.size - offset;
    if (!isSize(offset) || !isSize(length) || this.offset + offset + length > this.maxsize) {
      throw new MemoryError(
        'invalid-argument',
        `share(${String(offset)}, ${String(size)}) leaves the memory (offset ${this.offset}, maxsize ${this.maxsize})`,
      );
    }
    if (!this.#lock(LOCK_EXCLUSIVE)) return null;
    if (!this.#lock(LOCK_EXCLUSIVE)) {
      this.#unlock(LOCK_EXCLUSIVE);
      return null;
    }
    const root = this.parent ?? this;
    const sub = new FdMemory(this.allocator, root.#fd, root.maxsize, this.offset + offset, length, 0, root);
    this.#unlock(LOCK_EXCLUSIVE);
    this.#unlock(LOCK_EXCLUSIVE);
    return sub;
  }

  /** The two are contiguous parts of one parent (GStreamer 1.28's fd is_span). */
  isSpan(other: FdMemory): boolean {
    return (
      this.allocator === other.allocator &&
      this.parent !== null &&
      this.parent === other.parent &&
      this.#fd === other.#fd &&
      this.offset + this.size === other.offset
    );
  }

  /**
   * Drop this handle. The last reference (sub-memories hold one on their parent) unmaps and closes
   * the fd, unless DONT_CLOSE or a sub-memory. Outstanding maps are released first. Idempotent.
   */
  free(): void {
    if (this.#released) return;
    const infos = this.#infos;
    if (infos !== null && infos.length > 0) {
      warn('freed-while-mapped', this.#fd, null, `fd memory (fd ${this.#fd}) freed with ${infos.length} outstanding map(s)`);
      for (const info of infos.slice().reverse()) this.unmap(info);
    }
    this.#released = true;
    this.#unref();
  }

  [Symbol.dispose](): void {
    this.free();
  }

  /** `{ fd, size, offset, maxsize, align, flags }`, as gstreamer-rs prints FdMemoryRef */
  toJSON(): { fd: number; size: number; offset: number; maxsize: number; align: number; flags: number; readonly: boolean } {
    return { fd: this.#fd, size: this.size, offset: this.offset, maxsize: this.maxsize, align: this.align, flags: this.flags, readonly: this.readonly };
  }

  /** gst_fd_mem_map: null on success, else why. @internal */
  fdMap(prot: number): MapFailure | null {
    if (this.parent !== null) return this.parent.fdMap(prot);
    if (this.#gstMapped) {
      // do not mmap twice: reuse when the prot is a subset of the mapping's
      if ((this.#prot & prot) === prot) {
        if (this.#count === 0) {
          // KEEP_MAPPED with nothing mapped: C reuses its kept mapping, capsflow maps again
          const refused = this.#attach(this.#prot);
          if (refused !== null) return refused;
        }
        this.#count++;
        return null;
      }
      if (this.flags & FdMemoryFlags.KEEP_MAPPED && this.#count === 0) {
        // C: mprotect(prot) of the kept mapping; here a fresh mapping with those rights
        const refused = this.#attach(prot);
        if (refused !== null) return refused;
        this.#prot = prot;
        this.#count++;
        return null;
      }
      return PROT_FAILURE;
    }
    if (this.#fd === -1) return NO_FD_FAILURE;
    const refused = this.#attach(prot);
    if (refused !== null) return refused;
    this.#gstMapped = true;
    this.#prot = prot;
    this.#count++;
    return null;
  }

  /** gst_fd_mem_unmap. @internal */
  fdUnmap(): void {
    if (this.parent !== null) {
      this.parent.fdUnmap();
      return;
    }
    if (this.flags & FdMemoryFlags.KEEP_MAPPED) {
      // GStreamer's mapping stays (#gstMapped, #prot); the kernel one goes, so stale views are harmless
      if (--this.#count === 0) this.#detach();
      return;
    }
    if (this.#gstMapped && --this.#count === 0) {
      this.#detach();
      this.#gstMapped = false;
      this.#prot = 0;
    }
  }

  /**
   * Make the kernel mapping (or copy) `data` will view, for GStreamer's `prot`, as fd-safety.ts
   * allows: null, or why not.
   */
  #attach(prot: number): MapFailure | null {
    const fd = this.#fd;
    const length = this.maxsize;
    if (length > MAX_MAPPING) return failure('too-large', 'EFBIG', `${length} bytes is beyond the largest view Node makes (${MAX_MAPPING})`);
    if (length === 0) return failure('mmap', 'EINVAL', 'mmap of 0 bytes: EINVAL');
    const kind = classify(fd, length);
    if (typeof kind !== 'number') return refusal(kind);
    const rw = sys.PROT_READ | sys.PROT_WRITE;
    let result: Slot | MapFailure;
    let shared = false;
    if (this.flags & FdMemoryFlags.MAP_PRIVATE) {
      // copy-on-write as C asks; a file that can shrink or a hugetlb page that may fail to copy: a copy
      result = kind === K_FILE ? readCopy(fd, length) : kind === K_HUGE ? mappedCopy(fd, length) : mapped(fd, length, rw, sys.MAP_PRIVATE);
    } else if (prot & sys.PROT_WRITE) {
      if (kind === K_FILE) {
        return failure('may-shrink', null, `fd ${fd} is a file another fd can truncate under a shared mapping (a SIGBUS): not mapped for writing; use a memfd`);
      }
      result = mapped(fd, length, rw, sys.MAP_SHARED);
      shared = true;
    } else {
      // READ only: copy-on-write, so a write through `data` never reaches the memory
      result =
        kind === K_SHMEM || kind === K_ZERO
          ? mapped(fd, length, rw, sys.MAP_PRIVATE)
          : kind === K_FILE
            ? readCopy(fd, length)
            : mappedCopy(fd, length); // a dma-buf (shared mappings only) or a hugetlb memfd
    }
    if (!(result instanceof Slot)) return result;
    this.#slot = result;
    this.#shared = shared;
    return null;
  }

  #detach(): void {
    const slot = this.#slot;
    if (slot === null) return;
    unmapSlot(slot, this.#fd);
    this.#slot = null;
    this.#shared = false;
  }

  /** The fd-level state, for tests and the CLI: prot and count of the root mapping. @internal */
  mappingState(): { mapped: boolean; prot: number; count: number; address: number } {
    const root = this.parent ?? this;
    const slot = root.#slot;
    return { mapped: slot !== null, prot: root.#prot, count: root.#count, address: slot === null ? 0 : slot.address };
  }

  #assertUsable(op: string): void {
    if (this.#released) throw new MemoryError('freed', `${op}() on fd memory that was freed`);
  }

  // gst_mini_object_lock
  #lock(flags: number): boolean {
    if (this.readonly && flags & LOCK_WRITE) return false;
    const state = this.#lockstate;
    let newstate = state;
    let access = flags & FLAG_MASK;
    if (access & LOCK_EXCLUSIVE) {
      newstate += SHARE_ONE;
      access &= ~LOCK_EXCLUSIVE;
    }
    // shared twice: no write access
    if ((state & LOCK_WRITE || access & LOCK_WRITE) && newstate >= SHARE_TWO) return false;
    if (access) {
      if ((state & LOCK_FLAG_MASK) === 0) newstate |= access;
      else if ((state & access) !== access) return false;
      newstate += LOCK_ONE;
    }
    this.#lockstate = newstate;
    return true;
  }

  // gst_mini_object_unlock
  #unlock(flags: number): void {
    const state = this.#lockstate;
    let newstate = state;
    let access = flags & FLAG_MASK;
    if (access & LOCK_EXCLUSIVE) {
      if (state < SHARE_ONE) return; // g_return_if_fail
      newstate -= SHARE_ONE;
      access &= ~LOCK_EXCLUSIVE;
    }
    if (access) {
      if ((state & access) !== access) return; // g_return_if_fail
      newstate -= LOCK_ONE;
      if ((newstate & LOCK_FLAG_MASK) === access) newstate &= ~LOCK_FLAG_MASK;
    }
    this.#lockstate = newstate;
  }

  #unref(): void {
    if (--this.#refcount > 0) return;
    const parent = this.parent;
    if (parent !== null) {
      this.#fd = -1;
      parent.#unlock(LOCK_EXCLUSIVE);
      parent.#unref();
      return;
    }
    // gst_fd_mem_free
    const fd = this.#fd;
    if (this.#slot !== null) {
      warn('still-mapped', fd, null, `freeing fd memory (fd ${fd}) still mapped`);
      this.#detach();
    }
    this.#gstMapped = false;
    this.#prot = 0;
    this.#count = 0;
    if (fd >= 0 && !(this.flags & FdMemoryFlags.DONT_CLOSE)) libc.close(fd);
    this.#fd = -1;
  }
}

/** GstFdAllocator: wraps fds into FdMemory (it cannot allocate by itself). @public */
export class FdAllocator {
  /** GstAllocator mem_type */
  readonly memType: string = 'fd';

  /**
   * Wrap `fd` (taken over: closed on free unless DONT_CLOSE) as `size` bytes of memory. Nothing is
   * checked or mapped yet, as in GStreamer: a bad fd, or a size past the file's end, shows at map
   * time as a MapFailure.
   */
  alloc(fd: number | OwnedFd, size: number, flags: FdMemoryFlags = FdMemoryFlags.NONE): FdMemory {
    const n = fd instanceof OwnedFd ? fd.fd : fd;
    if (!Number.isInteger(n) || n < -1 || n > 0x7fffffff) throw new MemoryError('invalid-argument', `fd must be an integer ≥ -1, got ${String(n)}`);
    if (!isSize(size)) throw new MemoryError('invalid-argument', `size must be a non-negative safe integer, got ${String(size)}`);
    if (!Number.isInteger(flags) || flags < 0 || flags > 7) throw new MemoryError('invalid-argument', `flags must be FdMemoryFlags, got ${String(flags)}`);
    if (fd instanceof OwnedFd) fd.take();
    return new FdMemory(this, n, size, 0, size, flags, null);
  }

  /** mem_map(_full): the fd-level map. @internal */
  memMap(memory: FdMemory, flags: number): MapFailure | null {
    return memory.fdMap(protOf(flags));
  }

  /** mem_unmap(_full). @internal */
  memUnmap(memory: FdMemory, _flags: number): void {
    memory.fdUnmap();
  }
}

/** gst_is_fd_memory: the memory's allocator is an FdAllocator (or a subclass). @public */
export function isFdMemory(memory: unknown): memory is FdMemory {
  return memory instanceof FdMemory && memory.allocator instanceof FdAllocator;
}

/** gst_fd_memory_get_fd: the fd, still owned by the memory; -1 when not fd memory. @public */
export function fdMemoryGetFd(memory: unknown): number {
  return isFdMemory(memory) ? memory.fd : -1;
}
