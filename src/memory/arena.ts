/**
 * Where fd memory is mapped, and why touching `data` after unmap or free cannot crash.
 *
 * A Uint8Array over a munmapped range is a SIGSEGV in Node, and an ArrayBuffer over external memory
 * cannot be detached (Node 20). So a mapping never leaves a hole behind:
 * - address space is reserved in large anonymous chunks (PROT_READ|PROT_WRITE, MAP_NORESERVE: no
 *   memory is committed), each with ONE ArrayBuffer over it made once by koffi;
 * - an fd is mapped with MAP_FIXED at a free range of a chunk, and `data` is a Uint8Array over that
 *   range of the chunk's buffer: no koffi call and no external-memory accounting per map;
 * - unmapping maps a private anonymous range over it with MAP_FIXED: the fd mapping is gone in the one
 *   syscall munmap would cost, and a stale view reads zeros and writes into nothing shared;
 * - the range goes back to its chunk's free list at once (deterministic, no GC involved), so a
 *   steady stream of maps lives in one chunk whatever V8 does. Ranges are handed out next-fit: the
 *   whole chunk is walked before a freed range comes round again, so a stale view reads zeros for a
 *   long while; once its range is reused it sees that memory. Keep no `data` past unmap.
 * - a chunk left completely free while another chunk exists is retired: nothing is mapped in it any
 *   more, and it is munmapped when V8 collects its ArrayBuffer (only then is no stale view left).
 * @internal
 */
import { constants as bufferConstants } from 'node:buffer';
import { libc, sys } from './libc.js';
import { warn } from './warnings.js';

// asked of libc on first use (libc.ts binds koffi lazily)
let PAGE = 0;
const page = (): number => (PAGE === 0 ? (PAGE = libc.getpagesize()) : PAGE);
/**
 * The largest ArrayBuffer Node makes (4 GiB here; koffi.view beyond it is a fatal error), so the
 * largest fd mapping capsflow can hand out as a view.
 * @internal
 */
export const MAX_MAPPING: number = Math.min(bufferConstants.MAX_LENGTH, 2 ** 32);
/**
 * Address space per chunk: 4 GiB by default (halved down to what the kernel grants under a tight
 * `ulimit -v`). CAPSFLOW_ARENA_CHUNK_MB (1 to 4096) makes it smaller. A range larger than a chunk
 * gets a chunk of its own.
 */
let CHUNK_SIZE = 0; // read at the first reservation, not at import (the CLI's startup snapshot imports this)

function chunkSize(mb: string | undefined): number {
  const n = mb === undefined || mb === '' ? NaN : Number(mb);
  return Number.isInteger(n) && n >= 1 && n * 2 ** 20 <= MAX_MAPPING ? n * 2 ** 20 : MAX_MAPPING;
}
const PLACEHOLDER = sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_FIXED | sys.MAP_NORESERVE;
const RW = sys.PROT_READ | sys.PROT_WRITE;

// the free lists are short (a range or two in a steady stream): plain loops beat splice's generic path
function insertAt(a: number[], i: number, v: number): void {
  let k = a.length;
  a.push(v);
  for (; k > i; k--) a[k] = a[k - 1] as number;
  a[i] = v;
}

function removeAt(a: number[], i: number): void {
  const n = a.length - 1;
  for (let k = i; k < n; k++) a[k] = a[k + 1] as number;
  a.pop();
}

/**
 * The free ranges of a chunk: sorted, coalesced [start, end) offsets, handed out next-fit.
 * @internal
 */
export class FreeList {
  readonly size: number;
  readonly starts: number[];
  readonly ends: number[];
  /** next-fit: the search starts here */
  cursor = 0;
  used = 0;
  constructor(size: number) {
    this.size = size;
    this.starts = [0];
    this.ends = [size];
  }

  /** a free range of `length` bytes at or after the cursor (wrapping round), or -1 */
  take(length: number): number {
    const { starts, ends } = this;
    const n = starts.length;
    if (n === 0) return -1;
    const cursor = this.cursor;
    // first free range ending after the cursor (none: start over from the chunk's beginning)
    let i = 0;
    while (i < n && (ends[i] as number) <= cursor) i++;
    if (i === n) i = 0;
    // k = n comes back to the first range, from its start this time (wrapping round)
    for (let k = 0; k <= n; k++) {
      const j = (i + k) % n;
      const s = starts[j] as number;
      const e = ends[j] as number;
      const at = k === 0 && s < cursor && cursor < e ? cursor : s;
      if (e - at < length) continue;
      // split [s, e) into [s, at) and [at + length, e)
      if (at === s) {
        if (at + length === e) {
          removeAt(starts, j);
          removeAt(ends, j);
        } else starts[j] = at + length;
      } else if (at + length === e) {
        ends[j] = at;
      } else {
        insertAt(starts, j + 1, at + length);
        insertAt(ends, j + 1, e);
        ends[j] = at;
      }
      this.cursor = at + length;
      this.used += length;
      return at;
    }
    return -1;
  }

  /** give [offset, offset + length) back, coalescing with its neighbours */
  give(offset: number, length: number): void {
    const { starts, ends } = this;
    const end = offset + length;
    let i = 0;
    while (i < starts.length && (starts[i] as number) < offset) i++;
    const joinPrev = i > 0 && ends[i - 1] === offset;
    const joinNext = i < starts.length && starts[i] === end;
    if (joinPrev && joinNext) {
      ends[i - 1] = ends[i] as number;
      removeAt(starts, i);
      removeAt(ends, i);
    } else if (joinPrev) ends[i - 1] = end;
    else if (joinNext) starts[i] = offset;
    else {
      insertAt(starts, i, offset);
      insertAt(ends, i, end);
    }
    this.used -= length;
  }
}

class Chunk extends FreeList {
  readonly base: number;
  readonly buffer: ArrayBuffer;
  /** `base`: an anonymous reservation of `size` bytes this chunk takes over */
  constructor(base: number, size: number) {
    super(size);
    this.base = base;
    this.buffer = libc.view(base, size);
    liveChunks++;
    reservedBytes += size;
    // a retired chunk goes back once nothing, not even a view built from `data.buffer`, reaches it
    chunkRegistry.register(this.buffer, [base, size]);
  }
}

/** One page-aligned range of a chunk holding one fd mapping (or a copy). @internal */
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

/** chunks ranges are handed out from, most recent first */
const chunks: Chunk[] = [];
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
 * MAP_NORESERVE and charges the whole range; `ulimit -v`): halving down to `need`. Null when even
 * that fails.
 */
function reserve(size: number, need: number): Chunk | null {
  for (let n = size; ; n = Math.max(need, Math.ceil(n / 2 / page()) * page())) {
    const base = libc.mmap(0, n, RW, sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_NORESERVE, -1, 0);
    if (base !== -1) return new Chunk(base, n);
    if (n === need) return null;
  }
}

function takeSlot(length: number): Slot | null {
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Chunk;
    const at = chunk.take(length);
    if (at >= 0) return new Slot(chunk, at, length);
  }
  if (CHUNK_SIZE === 0) CHUNK_SIZE = chunkSize(process.env.CAPSFLOW_ARENA_CHUNK_MB);
  const chunk = reserve(Math.max(CHUNK_SIZE, length), length);
  if (chunk === null) return null;
  chunks.unshift(chunk);
  return new Slot(chunk, chunk.take(length), length);
}

/** The range of a slot goes back to its chunk; a chunk left empty beside others is retired. */
function giveSlot(slot: Slot): void {
  const chunk = slot.chunk;
  chunk.give(slot.offset, slot.length);
  if (chunk.used === 0 && chunks.length > 1) {
    // keep the most recent chunk; an older empty one no longer takes ranges and goes back to the
    // kernel once its ArrayBuffer is collected
    const i = chunks.indexOf(chunk);
    if (i > 0) chunks.splice(i, 1);
  }
}

/**
 * mmap `fd` at a fresh range of the arena. Returns the slot, or the errno number of the failed mmap.
 * `prot` is what the kernel mapping gets.
 * @internal
 */
export function mapFd(length: number, prot: number, shareFlags: number, fd: number): Slot | number {
  if (!(length > 0)) return 22; // EINVAL, as mmap answers for length 0
  const rounded = Math.ceil(length / page()) * page();
  if (rounded > MAX_MAPPING) return 27; // EFBIG: no Uint8Array could cover it (callers check first)
  const slot = takeSlot(rounded);
  if (slot === null) return libc.errno(); // no address space to reserve (ENOMEM)
  if (libc.mmapFixed(slot.address, slot.length, prot, shareFlags | sys.MAP_FIXED, fd, 0) === -1) {
    const errnum = libc.errno();
    // a MAP_FIXED mmap that fails late may already have removed what was there
    libc.mmapFixed(slot.address, slot.length, RW, PLACEHOLDER, -1, 0);
    giveSlot(slot);
    return errnum;
  }
  mappedSlots++;
  return slot;
}

/**
 * A range of anonymous memory (zeros) for a copy, or the errno number when no address space is left.
 * @internal
 */
export function anonymousSlot(length: number): Slot | number {
  if (!(length > 0)) return 22;
  const rounded = Math.ceil(length / page()) * page();
  if (rounded > MAX_MAPPING) return 27;
  const slot = takeSlot(rounded);
  if (slot === null) return libc.errno();
  mappedSlots++;
  return slot;
}

/** A Uint8Array over part of a slot. @internal */
export function viewSlot(slot: Slot, offset: number, length: number): Uint8Array {
  return new Uint8Array(slot.chunk.buffer, slot.offset + offset, length);
}

/**
 * Drop the mapping of a slot: an anonymous range takes its place in one syscall, so the views
 * handed out stay harmless, and the range goes back to the arena. `fd` only names the fd in the
 * warning when that fails.
 * @internal
 */
export function unmapSlot(slot: Slot, fd: number): void {
  mappedSlots--;
  if (libc.mmapFixed(slot.address, slot.length, RW, PLACEHOLDER, -1, 0) === -1) {
    // the mapping stays (a leak, not a crash), and so does its range: it is never handed out again
    warn('placeholder-failed', fd, null, `could not replace the mapping of fd ${fd} (errno ${libc.errno()}); it stays mapped`);
    return;
  }
  giveSlot(slot);
}

/** What the mapping arena holds now. @public */
export interface MappingStats {
  /** ranges with an fd mapping (or a copy) in them */
  readonly mapped: number;
  /** reserved chunks of address space (anonymous, no memory committed), retired ones included */
  readonly chunks: number;
  readonly reservedBytes: number;
  /** retired chunks whose address space went back to the kernel after their views were collected */
  readonly releasedChunks: number;
  readonly pageSize: number;
}

/** @public */
export function mappingStats(): MappingStats {
  return { mapped: mappedSlots, chunks: liveChunks, reservedBytes, releasedChunks, pageSize: page() };
}

/** @internal */
export const pageSize = page;
