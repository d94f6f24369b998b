/**
 * File descriptors with explicit ownership: `adoptFd` takes over an fd (it will be closed),
 * `dupFd` makes an owned copy and leaves the original alone. `using` closes an OwnedFd.
 */
import { ErrnoError, MemoryError } from './errors.js';
import { libc, sys } from './libc.js';

/** An fd this process owns and must close exactly once. @public */
export class OwnedFd {
  #fd: number;
  /** Wraps `fd` without checking it; adoptFd checks that it is open. */
  constructor(fd: number) {
    this.#fd = fd;
  }
  /** the fd number, or -1 once closed or taken */
  get fd(): number {
    return this.#fd;
  }
  get closed(): boolean {
    return this.#fd < 0;
  }
  /** Give up ownership: the caller (usually an allocator) closes the fd from now on. */
  take(): number {
    const fd = this.#fd;
    if (fd < 0) throw new MemoryError('invalid-argument', 'this OwnedFd was already closed or taken');
    this.#fd = -1;
    return fd;
  }
  /** Close the fd; closing twice does nothing. */
  close(): void {
    const fd = this.#fd;
    if (fd < 0) return;
    this.#fd = -1;
    if (libc.close(fd) !== 0) {
      const errnum = libc.errno();
      // EINTR still closed the fd on Linux; anything else is a bug worth seeing
      if (errnum !== 4) throw new ErrnoError('close', errnum, `fd ${fd}`);
    }
  }
  [Symbol.dispose](): void {
    this.close();
  }
  toString(): string {
    return `OwnedFd(${this.#fd})`;
  }
}

/** Throw EBADF (as an ErrnoError) unless `fd` is an open descriptor of this process. @public */
export function assertOpenFd(fd: number): void {
  if (!Number.isInteger(fd) || fd < 0 || fd > 0x7fffffff) {
    throw new MemoryError('invalid-argument', `fd must be a non-negative integer, got ${String(fd)}`);
  }
  if (libc.fcntl(fd, sys.F_GETFD) === -1) throw new ErrnoError('fcntl', libc.errno(), `F_GETFD on fd ${fd}`);
}

/** Take over an open fd: it is closed when the OwnedFd is closed or disposed. @public */
export function adoptFd(fd: number): OwnedFd {
  assertOpenFd(fd);
  return new OwnedFd(fd);
}

/** An owned close-on-exec duplicate of `fd`; the original stays the caller's. @public */
export function dupFd(fd: number): OwnedFd {
  assertOpenFd(fd);
  const copy = libc.fcntl(fd, sys.F_DUPFD_CLOEXEC, 0);
  if (copy === -1) throw new ErrnoError('fcntl', libc.errno(), `F_DUPFD_CLOEXEC on fd ${fd}`);
  return new OwnedFd(copy);
}
