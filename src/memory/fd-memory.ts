/**
 * GstFdAllocator / GstFdMemory in TypeScript: memory over an fd, mapped lazily on the first map.
 *
 * The rules are GStreamer's (gstfdmemory.c and the GstMemory lock of gstminiobject.c), step for step:
 * - the memory-level lock comes first: WRITE on READONLY memory fails; a nested map must ask for a
 *   subset of the outstanding access mode; writing is refused while the memory is shared twice;
 * - the fd-level map: already mapped → reuse when the prot is a subset, else mprotect when
 *   KEEP_MAPPED and nothing is mapped, else fail; not mapped → mmap(maxsize, prot, SHARED|PRIVATE);
 * - unmap: KEEP_MAPPED only counts down; otherwise the last unmap drops the mapping;
 * - share: a READONLY sub-memory of the root that maps through it and never closes the fd.
 *
 * Deliberate differences, each for safety: map(flags) needs READ and/or WRITE (GStreamer would mmap
 * PROT_NONE for 0, and touching that crashes); the KEEP_MAPPED mprotect never takes rights away from
 * the kernel mapping (GStreamer's would make a kept WRITE view fault); free() of memory with
 * outstanding maps releases them (GStreamer refuses with a critical and leaks); out-of-range share()
 * throws. Map success and failure are GStreamer's in every case (spec/oracle/fd-allocator.spec.ts).
 */
import { MAX_MAPPING, type Slot, mapFd, protectSlot, unmapSlot, viewSlot } from './arena.js';
import { type ErrnoCode, MemoryError, errnoName } from './errors.js';
import { OwnedFd } from './fd.js';
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

/** Why the last map() returned null. @public */
export interface MapFailure {
  /**
   * 'lock': the memory-level lock refused (READONLY, not a subset of the outstanding access, shared);
   * 'prot': mapped already with fewer rights and no mprotect allowed; 'mmap' / 'mprotect': the kernel
   * refused (see errno); 'no-fd': the memory has fd -1; 'too-large': maxsize is beyond the largest
   * ArrayBuffer Node makes (4 GiB), so no `data` view could cover it (GStreamer would map it)
   */
  readonly reason: 'lock' | 'prot' | 'mmap' | 'mprotect' | 'no-fd' | 'too-large';
  readonly errno: ErrnoCode | null;
}

/** A successful map: `data` covers the memory's `size` bytes. Give it back with `memory.unmap(info)`. @public */
export class MapInfo {
  readonly memory: FdMemory;
  readonly flags: MapFlags;
  /**
   * The mapped bytes. After unmap or free it stays safe to touch (it then reads zeros and writes go
   * nowhere), but it is no longer the memory. A READ-only map is PROT_READ, exactly as in C: write
   * through `data` only when the map asked for WRITE.
   */
  readonly data: Uint8Array;
  readonly size: number;
  readonly maxsize: number;
  /** @internal */
  live = true;
  /** Made by map(); not for direct use. */
  constructor(memory: FdMemory, flags: MapFlags, data: Uint8Array) {
    this.memory = memory;
    this.flags = flags;
    this.data = data;
    this.size = memory.size;
    this.maxsize = memory.maxsize - memory.offset;
  }
}

function protOf(flags: number): number {
  return (flags & MapFlags.READ ? sys.PROT_READ : 0) | (flags & MapFlags.WRITE ? sys.PROT_WRITE : 0);
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
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
  #lastMapFailure: MapFailure | null = null;
  #lockstate = 0;
  #refcount = 1;
  #released = false;
  /** outstanding maps of this memory, made on the first map */
  #infos: MapInfo[] | null = null;
  // fd-level mapping state, used on roots only
  #slot: Slot | null = null;
  /** the prot GStreamer's rules see (mmapping_flags) */
  #prot = 0;
  /** the prot the kernel mapping has: it only grows, see fdMap */
  #kprot = 0;
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

  /** Why the last map() on this memory returned null (null after a successful map). */
  get lastMapFailure(): MapFailure | null {
    return this.#lastMapFailure;
  }

  /** Map the memory: null when GStreamer's rules or the kernel refuse (see lastMapFailure). */
  map(flags: MapFlags): MapInfo | null {
    this.#assertUsable('map');
    if (flags !== 1 && flags !== 2 && flags !== 3) {
      throw new MemoryError('invalid-argument', `map flags must be MapFlags.READ, WRITE or READWRITE, got ${String(flags)}`);
    }
    if (!this.#lock(flags)) {
      this.#lastMapFailure = { reason: 'lock', errno: null };
      return null;
    }
    const failure = this.allocator.memMap(this, flags);
    if (failure !== null) {
      this.#lastMapFailure = failure;
      this.#unlock(flags);
      return null;
    }
    this.#lastMapFailure = null;
    const root = this.parent ?? this;
    // root.#slot is set: the fd-level map just succeeded
    const info = new MapInfo(this, flags, viewSlot(root.#slot as Slot, this.offset, this.size));
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
    const slot = this.#slot;
    if (slot !== null) {
      // do not mmap twice: reuse when the prot is a subset of the mapping's
      if ((this.#prot & prot) === prot) {
        this.#count++;
        return null;
      }
      if (this.flags & FdMemoryFlags.KEEP_MAPPED && this.#count === 0) {
        // GStreamer mprotects to exactly `prot`, dropping rights; the kernel mapping here keeps the
        // rights it had, so a view kept from an earlier WRITE map cannot fault on a write. Decisions
        // still follow `#prot`, and mprotect fails exactly when GStreamer's would (adding rights).
        if ((this.#kprot & prot) !== prot) {
          const errnum = protectSlot(slot, this.#kprot | prot);
          if (errnum !== 0) return { reason: 'mprotect', errno: errnoName(errnum) };
          this.#kprot |= prot;
        }
        this.#prot = prot;
        this.#count++;
        return null;
      }
      return { reason: 'prot', errno: null };
    }
    if (this.#fd === -1) return { reason: 'no-fd', errno: null };
    if (this.maxsize > MAX_MAPPING) return { reason: 'too-large', errno: 'EFBIG' };
    const share = this.flags & FdMemoryFlags.MAP_PRIVATE ? sys.MAP_PRIVATE : sys.MAP_SHARED;
    const r = mapFd(this.maxsize, prot, share, this.#fd);
    if (typeof r === 'number') return { reason: 'mmap', errno: errnoName(r) };
    this.#slot = r;
    this.#prot = prot;
    this.#kprot = prot;
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
      this.#count--;
      return;
    }
    const slot = this.#slot;
    if (slot !== null && --this.#count === 0) {
      unmapSlot(slot, this.#fd);
      this.#slot = null;
      this.#prot = 0;
      this.#kprot = 0;
    }
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
    const slot = this.#slot;
    if (slot !== null) {
      if (!(this.flags & FdMemoryFlags.KEEP_MAPPED)) warn('still-mapped', fd, null, `freeing fd memory (fd ${fd}) still mapped`);
      unmapSlot(slot, fd);
      this.#slot = null;
      this.#prot = 0;
      this.#kprot = 0;
      this.#count = 0;
    }
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
   * checked or mapped yet, as in GStreamer: a bad fd shows at map time.
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
