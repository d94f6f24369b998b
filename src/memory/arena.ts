/**
 * Where fd memory is mapped, and why touching `data` after unmap or free cannot crash.
 *
 * A Uint8Array over a munmapped range is a SIGSEGV in Node, and an ArrayBuffer over external memory
 * cannot be detached. So a mapping never leaves a hole behind, and its address is never reused while
 * anything can still see it:
 * - address space is reserved in large anonymous chunks (PROT_READ|PROT_WRITE, MAP_NORESERVE: no
 *   memory is committed), each with ONE ArrayBuffer over it made once by koffi;
 * - an fd is mapped with MAP_FIXED at the next free address of the current chunk (addresses only go
 *   up), and `data` is a Uint8Array over that range of the chunk's buffer: no koffi call and no
 *   external-memory accounting per map;
 * - unmapping maps a private anonymous range over it with MAP_FIXED: the fd mapping is gone in the one
 *   syscall munmap would cost, and a stale view reads zeros and writes into nothing shared;
 * - a full chunk is let go: it is munmapped when its ArrayBuffer is garbage-collected, that is when
 *   no view over any of its ranges is left, not even one built from `data.buffer`. Until then no
 *   address in it is handed out again, so a stale view never sees another memory's bytes.
 * The cost is address space, not memory: a chunk stays reserved while any view into it lives.
 * Each new chunk's ArrayBuffer counts as external memory to V8, which makes it collect old ones.
 * @internal
 */
import { constants as bufferConstants } from 'node:buffer';
import { libc, sys } from './libc.js';
import { warn } from './warnings.js';

const PAGE = libc.getpagesize();
/**
 * The largest ArrayBuffer Node makes (4 GiB here; koffi.view beyond it is a fatal error), so the
 * largest fd mapping capsflow can hand out as a view.
 * @internal
 */
export const MAX_MAPPING: number = Math.min(bufferConstants.MAX_LENGTH, 2 ** 32);
/**
 * Address space per chunk: 4 GiB by default, because each new chunk's view is external memory V8
 * answers with a full GC. CAPSFLOW_ARENA_CHUNK_MB (1 to 4096) makes it smaller: less address space
 * pinned by a forgotten view, more GCs. A range larger than a chunk gets a chunk of its own.
 */
const CHUNK_SIZE = chunkSize(process.env.CAPSFLOW_ARENA_CHUNK_MB);

function chunkSize(mb: string | undefined): number {
  const n = mb === undefined || mb === '' ? NaN : Number(mb);
  return Number.isInteger(n) && n >= 1 && n * 2 ** 20 <= MAX_MAPPING ? n * 2 ** 20 : MAX_MAPPING;
}
const PLACEHOLDER = sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_FIXED | sys.MAP_NORESERVE;
const RW = sys.PROT_READ | sys.PROT_WRITE;

class Chunk {
  readonly base: number;
  readonly size: number;
  readonly buffer: ArrayBuffer;
  bump = 0;
  /** `base`: an anonymous reservation of `size` bytes this chunk takes over */
  constructor(base: number, size: number) {
    this.base = base;
    this.size = size;
    this.buffer = libc.view(base, size);
    liveChunks++;
    reservedBytes += size;
    // the address space goes back once nothing, not even a view built from `data.buffer`, reaches it
    chunkRegistry.register(this.buffer, [base, size]);
  }
}

/** One page-aligned range of a chunk holding one fd mapping; never reused. @internal */
export class Slot {
  readonly chunk: Chunk;
  readonly offset: number;
  readonly length: number;
  readonly address: number;
  constructor(chunk: Chunk, offset: number, length: number) {
    this.chunk = chunk;
    this.offset = offset;
    this.length = length;
    this.address = chunk.base + offset;
  }
}

let current: Chunk | null = null;
let liveChunks = 0;
let reservedBytes = 0;
let releasedChunks = 0;
let mappedSlots = 0;
const chunkRegistry = new FinalizationRegistry<readonly [number, number]>(([base, size]) => {
  libc.munmap(base, size);
  liveChunks--;
  reservedBytes -= size;
  releasedChunks++;
});

/**
 * Reserve a chunk of `size` bytes, or less when the kernel refuses (strict overcommit ignores
 * MAP_NORESERVE and charges the whole range): halving down to `need`. Null when even that fails.
 */
function reserve(size: number, need: number): Chunk | null {
  for (let n = size; ; n = Math.max(need, Math.ceil(n / 2 / PAGE) * PAGE)) {
    const base = libc.mmap(0, n, RW, sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_NORESERVE, -1, 0);
    if (base !== -1) return new Chunk(base, n);
    if (n === need) return null;
  }
}

function takeSlot(length: number): Slot | null {
  if (length > CHUNK_SIZE) {
    const own = reserve(length, length);
    if (own === null) return null;
    own.bump = length;
    return new Slot(own, 0, length);
  }
  let chunk = current;
  if (chunk === null || chunk.bump + length > chunk.size) {
    // the old chunk is now reachable only through its slots and views
    chunk = reserve(CHUNK_SIZE, length);
    if (chunk === null) return null;
    current = chunk;
  }
  const slot = new Slot(chunk, chunk.bump, length);
  chunk.bump += length;
  return slot;
}

/**
 * mmap `fd` at a fresh range of the arena. Returns the slot, or the errno number of the failed mmap.
 * @internal
 */
export function mapFd(length: number, prot: number, shareFlags: number, fd: number): Slot | number {
  if (!(length > 0)) return 22; // EINVAL, as mmap answers for length 0
  const rounded = Math.ceil(length / PAGE) * PAGE;
  if (rounded > MAX_MAPPING) return 27; // EFBIG: no Uint8Array could cover it (callers check first)
  const slot = takeSlot(rounded);
  if (slot === null) return libc.errno(); // no address space to reserve (ENOMEM)
  if (libc.mmapFixed(slot.address, slot.length, prot, shareFlags | sys.MAP_FIXED, fd, 0) === -1) {
    const errnum = libc.errno();
    // a MAP_FIXED mmap that fails late may already have removed what was there
    libc.mmapFixed(slot.address, slot.length, RW, PLACEHOLDER, -1, 0);
    return errnum;
  }
  mappedSlots++;
  return slot;
}

/** mprotect the fd mapping of a slot; returns 0 or the errno number. @internal */
export function protectSlot(slot: Slot, prot: number): number {
  return libc.mprotect(slot.address, slot.length, prot) === 0 ? 0 : libc.errno();
}

/** A Uint8Array over part of a slot; it keeps the slot's chunk reserved while it lives. @internal */
export function viewSlot(slot: Slot, offset: number, length: number): Uint8Array {
  return new Uint8Array(slot.chunk.buffer, slot.offset + offset, length);
}

/**
 * Drop the fd mapping of a slot: an anonymous range takes its place in one syscall, so the views
 * handed out stay harmless. `fd` only names the fd in the warning when that fails.
 * @internal
 */
export function unmapSlot(slot: Slot, fd: number): void {
  mappedSlots--;
  if (libc.mmapFixed(slot.address, slot.length, RW, PLACEHOLDER, -1, 0) === -1) {
    // the fd mapping stays (a leak, not a crash) until the chunk goes
    warn('placeholder-failed', fd, null, `could not replace the mapping of fd ${fd} (errno ${libc.errno()}); it stays mapped`);
  }
}

/** What the mapping arena holds now. @public */
export interface MappingStats {
  /** ranges with an fd mapped */
  readonly mapped: number;
  /** reserved chunks of address space (anonymous, no memory committed), current one included */
  readonly chunks: number;
  readonly reservedBytes: number;
  /** chunks whose address space went back to the kernel after their views were collected */
  readonly releasedChunks: number;
  readonly pageSize: number;
}

/** @public */
export function mappingStats(): MappingStats {
  return { mapped: mappedSlots, chunks: liveChunks, reservedBytes, releasedChunks, pageSize: PAGE };
}

/** @internal */
export const pageSize: number = PAGE;
