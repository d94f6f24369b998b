/**
 * Where fd memory is mapped, and why touching `data` after unmap or free cannot crash.
 *
 * A Uint8Array over a munmapped range is a SIGSEGV in Node, and an ArrayBuffer over external memory
 * cannot be detached. So mappings never leave a hole behind:
 * - address space is reserved in large anonymous chunks (PROT_READ|PROT_WRITE, MAP_NORESERVE: no
 *   memory is committed), each with ONE ArrayBuffer over it made once by koffi;
 * - an fd is mapped with MAP_FIXED into a free slot of a chunk, and `data` is a Uint8Array over that
 *   slot of the chunk's buffer (no koffi call, no external-memory accounting per map);
 * - unmapping maps a private anonymous page range over the slot with MAP_FIXED: the fd mapping is gone
 *   in the same syscall munmap would cost, and stale views read zeros and write into nothing shared;
 * - a slot is reused only after every view handed out over it was garbage-collected
 *   (FinalizationRegistry), so a stale `data` never sees another memory's bytes;
 * - a chunk with no slot in use (other than the current one) is released, and munmapped only when its
 *   ArrayBuffer is collected, so even views a user built from `data.buffer` stay valid.
 * @internal
 */
import { ErrnoError } from './errors.js';
import { libc, sys } from './libc.js';
import { warn } from './warnings.js';

const PAGE = libc.getpagesize();
/** address space per chunk; a slot larger than this gets a chunk of its own */
const CHUNK_SIZE = 2 ** 30;
const PLACEHOLDER = sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_FIXED | sys.MAP_NORESERVE;
const RW = sys.PROT_READ | sys.PROT_WRITE;

class Chunk {
  readonly base: number;
  readonly size: number;
  readonly buffer: ArrayBuffer;
  bump = 0;
  /** slots taken from this chunk and not free: mapped, or unmapped with live views */
  inUse = 0;
  constructor(size: number) {
    const base = libc.mmap(0, size, RW, sys.MAP_PRIVATE | sys.MAP_ANONYMOUS | sys.MAP_NORESERVE, -1, 0);
    if (base === -1) throw new ErrnoError('mmap', libc.errno(), `reserving ${size} bytes of address space`);
    this.base = base;
    this.size = size;
    this.buffer = libc.view(base, size);
  }
}

/** One page-aligned range of a chunk, holding at most one fd mapping at a time. @internal */
export class Slot {
  readonly chunk: Chunk;
  readonly offset: number;
  readonly length: number;
  readonly address: number;
  /** views handed out and not yet collected */
  views = 0;
  /** an fd mapping is in place */
  mapped = false;
  /** the placeholder could not be put back: the range is never reused */
  stuck = false;
  constructor(chunk: Chunk, offset: number, length: number) {
    this.chunk = chunk;
    this.offset = offset;
    this.length = length;
    this.address = chunk.base + offset;
  }
}

const freeSlots = new Map<number, Slot[]>();
const chunks = new Set<Chunk>();
let current: Chunk | null = null;
let mappedSlots = 0;
let quarantinedSlots = 0;

const viewRegistry = new FinalizationRegistry<Slot>(viewCollected);
const chunkRegistry = new FinalizationRegistry<readonly [number, number]>(([base, size]) => {
  libc.munmap(base, size);
  releasedChunks++;
});
let releasedChunks = 0;

function roundToPage(n: number): number {
  return Math.ceil(n / PAGE) * PAGE;
}

function takeSlot(length: number): Slot {
  const list = freeSlots.get(length);
  const reused = list?.pop();
  if (reused !== undefined) {
    reused.chunk.inUse++;
    return reused;
  }
  let chunk: Chunk;
  if (length > CHUNK_SIZE) {
    chunk = new Chunk(length);
    chunks.add(chunk);
  } else {
    if (current === null || current.bump + length > current.size) {
      const old = current;
      current = new Chunk(CHUNK_SIZE);
      chunks.add(current);
      if (old !== null) maybeRelease(old);
    }
    chunk = current;
  }
  const slot = new Slot(chunk, chunk.bump, length);
  chunk.bump += length;
  chunk.inUse++;
  return slot;
}

function freeSlot(slot: Slot): void {
  const chunk = slot.chunk;
  chunk.inUse--;
  if (chunks.has(chunk)) {
    let list = freeSlots.get(slot.length);
    if (list === undefined) freeSlots.set(slot.length, (list = []));
    list.push(slot);
  }
  maybeRelease(chunk);
}

function maybeRelease(chunk: Chunk): void {
  if (chunk.inUse !== 0 || chunk === current || !chunks.has(chunk)) return;
  chunks.delete(chunk);
  for (const [length, list] of freeSlots) {
    const kept = list.filter((s) => s.chunk !== chunk);
    if (kept.length === 0) freeSlots.delete(length);
    else freeSlots.set(length, kept);
  }
  // the address space goes back once nothing, not even a view built from `data.buffer`, reaches it
  chunkRegistry.register(chunk.buffer, [chunk.base, chunk.size]);
}

function viewCollected(slot: Slot): void {
  slot.views--;
  if (slot.views === 0 && !slot.mapped && !slot.stuck) {
    quarantinedSlots--;
    freeSlot(slot);
  }
}

/**
 * mmap `fd` over a free slot. Returns the slot, or the errno number of the failed mmap.
 * @internal
 */
export function mapFd(length: number, prot: number, shareFlags: number, fd: number): Slot | number {
  if (!(length > 0)) return 22; // EINVAL, as mmap answers for length 0
  const slot = takeSlot(roundToPage(length));
  const r = libc.mmap(slot.address, slot.length, prot, shareFlags | sys.MAP_FIXED, fd, 0);
  if (r === -1) {
    const errnum = libc.errno();
    // a MAP_FIXED mmap that fails late may already have removed what was there
    libc.mmap(slot.address, slot.length, RW, PLACEHOLDER, -1, 0);
    freeSlot(slot);
    return errnum;
  }
  slot.mapped = true;
  mappedSlots++;
  return slot;
}

/** mprotect the fd mapping of a slot; returns 0 or the errno number. @internal */
export function protectSlot(slot: Slot, prot: number): number {
  return libc.mprotect(slot.address, slot.length, prot) === 0 ? 0 : libc.errno();
}

/** A Uint8Array over part of a mapped slot; the slot stays reserved while it lives. @internal */
export function viewSlot(slot: Slot, offset: number, length: number): Uint8Array {
  const view = new Uint8Array(slot.chunk.buffer, slot.offset + offset, length);
  slot.views++;
  viewRegistry.register(view, slot);
  return view;
}

/**
 * Drop the fd mapping of a slot: an anonymous range takes its place in one syscall, so the views
 * handed out stay harmless. `fd` is only for the warning when that fails.
 * @internal
 */
export function unmapSlot(slot: Slot, fd: number): void {
  mappedSlots--;
  slot.mapped = false;
  if (libc.mmap(slot.address, slot.length, RW, PLACEHOLDER, -1, 0) === -1) {
    const errnum = libc.errno();
    slot.stuck = true;
    warn('placeholder-failed', fd, null, `could not replace the mapping of fd ${fd} (errno ${errnum}); it stays mapped`);
    return;
  }
  if (slot.views === 0) freeSlot(slot);
  else quarantinedSlots++;
}

/** What the mapping arena holds now. @public */
export interface MappingStats {
  /** slots with an fd mapped */
  readonly mapped: number;
  /** unmapped slots kept back because a view over them may still be used */
  readonly quarantined: number;
  /** reserved chunks of address space (anonymous, no memory committed) */
  readonly chunks: number;
  readonly reservedBytes: number;
  /** chunks whose address space went back to the kernel */
  readonly releasedChunks: number;
  readonly pageSize: number;
}

/** @public */
export function mappingStats(): MappingStats {
  let reservedBytes = 0;
  for (const c of chunks) reservedBytes += c.size;
  return { mapped: mappedSlots, quarantined: quarantinedSlots, chunks: chunks.size, reservedBytes, releasedChunks, pageSize: PAGE };
}

/** @internal */
export const pageSize: number = PAGE;
