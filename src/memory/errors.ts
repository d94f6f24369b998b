/**
 * Exceptional failures of the memory area. Expected outcomes (a device that is absent, an fd the
 * kernel will not map) are result values elsewhere; these are for misuse and broken fds.
 */
import { constants } from 'node:os';

/** errno names as Linux spells them. @public */
export type ErrnoCode =
  | 'EPERM' | 'ENOENT' | 'ESRCH' | 'EINTR' | 'EIO' | 'ENXIO' | 'E2BIG' | 'ENOEXEC' | 'EBADF' | 'ECHILD'
  | 'EAGAIN' | 'ENOMEM' | 'EACCES' | 'EFAULT' | 'EBUSY' | 'EEXIST' | 'EXDEV' | 'ENODEV' | 'ENOTDIR'
  | 'EISDIR' | 'EINVAL' | 'ENFILE' | 'EMFILE' | 'ENOTTY' | 'ETXTBSY' | 'EFBIG' | 'ENOSPC' | 'ESPIPE'
  | 'EROFS' | 'EMLINK' | 'EPIPE' | 'ERANGE' | 'ENOSYS' | 'EOVERFLOW' | 'EOPNOTSUPP' | 'ENOTSUP'
  | (string & { readonly __errno?: never });

const byNumber = new Map<number, string>();
for (const [name, value] of Object.entries(constants.errno)) {
  // EWOULDBLOCK = EAGAIN and ENOTSUP = EOPNOTSUPP: keep the first, more familiar name
  if (!byNumber.has(value)) byNumber.set(value, name);
}

/** The errno name for a number, `E<n>` when unknown. @public */
export function errnoName(errnum: number): ErrnoCode {
  return byNumber.get(errnum) ?? `E${errnum}`;
}

const descriptions: Partial<Record<string, string>> = {
  EPERM: 'operation not permitted',
  EACCES: 'permission denied',
  EBADF: 'bad file descriptor',
  ENODEV: 'no such device (the fd does not support mmap)',
  ENOENT: 'no such file or directory',
  EINVAL: 'invalid argument',
  ENOMEM: 'cannot allocate memory',
  ENOTTY: 'inappropriate ioctl for device',
  EMFILE: 'too many open files',
};

/** A short human text for an errno name. @public */
export function describeErrno(code: ErrnoCode): string {
  return descriptions[code] ?? code;
}

/** Why a memory operation was refused as misuse. @public */
export type MemoryErrorCode = 'invalid-argument' | 'freed' | 'not-mapped' | 'errno' | 'unsupported';

/** Base of every exception the memory area throws. @public */
export class MemoryError extends Error {
  override name = 'MemoryError';
  readonly code: MemoryErrorCode;
  constructor(code: MemoryErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A system call failed with `errno`. @public */
export class ErrnoError extends MemoryError {
  override name = 'ErrnoError';
  readonly errno: ErrnoCode;
  readonly errnum: number;
  readonly syscall: string;
  constructor(syscall: string, errnum: number, detail?: string) {
    const errno = errnoName(errnum);
    super('errno', `${syscall}${detail === undefined ? '' : ` (${detail})`}: ${errno} (${describeErrno(errno)})`);
    this.errno = errno;
    this.errnum = errnum;
    this.syscall = syscall;
  }
}

/** A kernel feature (a device such as /dev/udmabuf) that this machine lacks, thrown only by the throwing helpers. @public */
export class UnsupportedError extends MemoryError {
  override name = 'UnsupportedError';
  readonly feature: string;
  constructor(feature: string, message: string) {
    super('unsupported', message);
    this.feature = feature;
  }
}

/** @public */
export function isMemoryError(e: unknown): e is MemoryError {
  return e instanceof MemoryError;
}

/** @public */
export function isErrnoError(e: unknown, errno?: ErrnoCode): e is ErrnoError {
  return e instanceof ErrnoError && (errno === undefined || e.errno === errno);
}

/** Node's fs errors carry `code` and `syscall`; turn one into an ErrnoError. @internal */
export function fromNodeError(e: unknown, fallbackSyscall: string, detail?: string): ErrnoError {
  const err = e as { code?: unknown; errno?: unknown; syscall?: unknown };
  const code = typeof err.code === 'string' ? err.code : 'EIO';
  const errnum = typeof err.errno === 'number' ? Math.abs(err.errno) : (constants.errno as Record<string, number>)[code] ?? 5;
  return new ErrnoError(typeof err.syscall === 'string' ? err.syscall : fallbackSyscall, errnum, detail);
}
