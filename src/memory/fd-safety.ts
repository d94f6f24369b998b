/**
 * Which fds can be mapped without any later access faulting, and how.
 *
 * A SIGBUS or SIGSEGV inside Node cannot be caught, so the allocator decides before it maps, from
 * what the fd is (fstat), never from what mmap answers (a TCP socket maps "successfully" and faults
 * on the first read):
 * - a memfd is sealed against shrinking (F_SEAL_SHRINK, permanent, as GStreamer's shm allocator does)
 *   before it is mapped: no other fd can truncate it under the mapping. A memfd that cannot take the
 *   seal (opened read-only, or F_SEAL_SEAL already set without SHRINK) is handled like a file;
 * - a dma-buf has a fixed size; /dev/zero has no end;
 * - any other regular file can be truncated by anyone who can open it, and a page past the new end
 *   faults even in a private mapping. It is never mapped for `data`: READ and MAP_PRIVATE maps get a
 *   copy read with pread (a concurrent truncation just reads short), and a shared WRITE map is refused;
 * - sockets, pipes, directories, eventfds and other anon inodes, block and character devices (but
 *   /dev/zero) are refused by kind: their driver decides what a fault does;
 * - the mapping never reaches past the end of the file (or dma-buf) at map time.
 * @internal
 */
import { readlinkSync } from 'node:fs';
import { type ErrnoCode, errnoName } from './errors.js';
import { libc, statLayout, sys } from './libc.js';

/** sealed shmem memfd: shared and copy-on-write maps are safe */
export const K_SHMEM = 1;
/** sealed hugetlbfs memfd: shared maps are safe; a private copy-on-write page could fail (SIGBUS) */
export const K_HUGE = 2;
/** dma-buf: fixed size; shared maps only (exporters refuse private ones) */
export const K_DMABUF = 3;
/** /dev/zero */
export const K_ZERO = 4;
/** a regular file another fd may truncate: copies only */
export const K_FILE = 5;
export type FdSafeKind = 1 | 2 | 3 | 4 | 5;

/** A refusal: why this fd (or this size of it) is not mapped. */
export interface FdRefusal {
  readonly reason: 'unsafe-fd' | 'beyond-eof' | 'mmap';
  readonly errno: ErrnoCode | null;
  readonly message: string;
}

// the fstat buffer in C memory, made at the first statFd (libc binds koffi on first use)
let statAddress = 0;
let statView: DataView = new DataView(new ArrayBuffer(0));
const statfsBuf = new Uint8Array(sys.STATFS_SIZE);
const statfsView = new DataView(statfsBuf.buffer);
let PAGE = 0;
const ANON_INODE_FS_MAGIC = 0x09041934;

function u64(offset: number): number {
  return statView.getUint32(offset, true) + statView.getUint32(offset + 4, true) * 2 ** 32;
}

/** size of the fd the last classify() succeeded on (bytes; Infinity for /dev/zero) */
export let classifiedSize = 0;

/** the fstat fields of the last successful statFd */
export const lastStat = { dev: 0, ino: 0, mode: 0, rdev: 0, size: 0, blksize: 0 };

/** fstat `fd` into lastStat; 0 or the errno number */
export function statFd(fd: number): number {
  if (statAddress === 0) {
    const stat = libc.cBuffer(statLayout.size + 16);
    statAddress = stat.address;
    statView = new DataView(stat.bytes.buffer, stat.bytes.byteOffset, stat.bytes.byteLength);
  }
  if (libc.fstatAt(fd, statAddress) !== 0) return libc.errno();
  lastStat.dev = u64(statLayout.dev);
  lastStat.ino = u64(statLayout.ino);
  lastStat.mode = statView.getUint32(statLayout.mode, true);
  lastStat.rdev = u64(statLayout.rdev);
  lastStat.size = u64(statLayout.st_size);
  // st_blksize follows st_size on both layouts (long on x86_64, int on the generic one)
  lastStat.blksize = statView.getUint32(statLayout.st_size + 8, true);
  return 0;
}

function fsMagic(fd: number): number {
  if (libc.fstatfs(fd, statfsBuf) !== 0) return -1;
  return statfsView.getUint32(0, true);
}

/** a dma-buf: its own pseudo filesystem, or (kernels before it had one) an anon inode named dmabuf */
function isDmabuf(fd: number): boolean {
  const magic = fsMagic(fd);
  if (magic === sys.DMA_BUF_MAGIC) return true;
  if (magic !== ANON_INODE_FS_MAGIC) return false;
  try {
    return readlinkSync(`/proc/self/fd/${fd}`).startsWith('anon_inode:dmabuf');
  } catch {
    return false;
  }
}

function refuse(reason: FdRefusal['reason'], errno: ErrnoCode | null, message: string): FdRefusal {
  return { reason, errno, message };
}

function kindName(mode: number): string {
  switch (mode & sys.S_IFMT) {
    case 0o140000:
      return 'a socket';
    case 0o010000:
      return 'a pipe or FIFO';
    case 0o040000:
      return 'a directory';
    case 0o060000:
      return 'a block device';
    case sys.S_IFCHR:
      return 'a character device other than /dev/zero';
    default:
      return 'an anonymous inode (eventfd, epoll, timerfd, …) that is no dma-buf';
  }
}

/**
 * What `fd` is, for a mapping of `length` bytes from offset 0: a kind (classifiedSize is set), or
 * why it is refused. Seals a memfd against shrinking on the way.
 */
export function classify(fd: number, length: number): FdSafeKind | FdRefusal {
  const err = statFd(fd);
  if (err !== 0) return refuse('mmap', errnoName(err), `fstat of fd ${fd}: ${errnoName(err)}`);
  const mode = lastStat.mode;
  const type = mode & sys.S_IFMT;
  let kind: FdSafeKind;
  let size: number;
  if (type === sys.S_IFREG) {
    size = lastStat.size;
    kind = sealShrink(fd) ? (lastStat.blksize > (PAGE === 0 ? (PAGE = libc.getpagesize()) : PAGE) ? K_HUGE : K_SHMEM) : K_FILE;
  } else if (type === sys.S_IFCHR && lastStat.rdev === 0x105) {
    // /dev/zero is char 1:5; a shared mapping of it is fresh shmem with no end
    classifiedSize = Infinity;
    return K_ZERO;
  } else if (type === 0 && isDmabuf(fd)) {
    size = libc.lseek(fd, 0, sys.SEEK_END);
    libc.lseek(fd, 0, sys.SEEK_SET);
    if (size < 0) return refuse('mmap', errnoName(libc.errno()), `lseek on dma-buf fd ${fd}`);
    kind = K_DMABUF;
  } else {
    return refuse('unsafe-fd', null, `fd ${fd} is ${kindName(mode)}: a mapping of it can fault, so it is not mapped`);
  }
  if (length > size) {
    return refuse('beyond-eof', null, `fd ${fd} holds ${size} bytes: a mapping of ${length} bytes would reach past its end (any access there is a SIGBUS)`);
  }
  classifiedSize = size;
  return kind;
}

/** F_SEAL_SHRINK is (now) on the file: it is a memfd nobody can truncate any more */
function sealShrink(fd: number): boolean {
  if (libc.fcntlInt(fd, sys.F_ADD_SEALS, sys.F_SEAL_SHRINK) === 0) return true;
  // EPERM: F_SEAL_SEAL is set, or the fd is read-only; the seal may still be there
  const seals = libc.fcntl(fd, sys.F_GET_SEALS);
  return seals !== -1 && (seals & sys.F_SEAL_SHRINK) !== 0;
}
