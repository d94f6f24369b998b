/**
 * The one way capsflow reads media: a MediaReader opens a named file and reads byte ranges of it. The
 * file system reader resolves relative paths against a working directory, as gst-launch-1.0 does; a
 * program can hand bytes instead (bytesReader). Every read goes through a Budget: capsflow reads headers
 * and the first frames' headers only, never more than MEDIA_READ_BOUND bytes per file, whatever its size.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';

/** at most this many bytes are read from one file (headers and first frames' headers) */
export const MEDIA_READ_BOUND = 4 * 1024 * 1024;

export interface MediaFile {
  readonly size: number;
  /** up to `length` bytes from `offset` (fewer at the end of the file) */
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

export type MediaOpen = { readonly ok: true; readonly file: MediaFile } | { readonly ok: false; readonly reason: 'not-found' | 'unreadable'; readonly message: string };

export interface MediaReader {
  open(location: string): MediaOpen;
}

/** The file system, relative paths against `cwd` (the process's working directory by default). */
export function fsReader(cwd: string = process.cwd()): MediaReader {
  return {
    open(location) {
      const path = resolve(cwd, location);
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return code === 'ENOENT' ? { ok: false, reason: 'not-found', message: `no such file: ${path}` } : { ok: false, reason: 'unreadable', message: `cannot open ${path} for reading (${code ?? 'error'})` };
      }
      const st = fstatSync(fd);
      // filesrc refuses directories and other non-regular files it cannot seek in
      if (!st.isFile()) {
        closeSync(fd);
        return { ok: false, reason: 'unreadable', message: `${path} is not a regular file` };
      }
      return {
        ok: true,
        file: {
          size: st.size,
          read(offset, length) {
            const n = Math.max(0, Math.min(length, st.size - offset));
            const buf = new Uint8Array(n);
            let got = 0;
            while (got < n) {
              const r = readSync(fd, buf, got, n - got, offset + got);
              if (r === 0) break;
              got += r;
            }
            return got === n ? buf : buf.subarray(0, got);
          },
          close() {
            closeSync(fd);
          },
        },
      };
    },
  };
}

/** Bytes a program hands in, by location (no file system access). */
export function bytesReader(files: Readonly<Record<string, Uint8Array>>): MediaReader {
  return {
    open(location) {
      const bytes = Object.prototype.hasOwnProperty.call(files, location) ? files[location] : undefined;
      if (bytes === undefined) return { ok: false, reason: 'not-found', message: `no such file: ${location}` };
      return { ok: true, file: { size: bytes.length, read: (o, l) => bytes.subarray(Math.max(0, o), Math.max(0, Math.min(bytes.length, o + l))), close: () => undefined } };
    },
  };
}

/** Reading past the bound stops the reading: the stream stays unknown. */
export class BoundExceeded extends Error {}

/** A file read through a byte budget; `used` is how much was read in all. */
export class Budget {
  used = 0;
  constructor(
    readonly file: MediaFile,
    readonly bound: number = MEDIA_READ_BOUND,
  ) {}

  get size(): number {
    return this.file.size;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset >= this.file.size) return new Uint8Array(0);
    const n = Math.min(length, this.file.size - offset);
    if (this.used + n > this.bound) throw new BoundExceeded(`more than ${String(this.bound)} bytes`);
    this.used += n;
    return this.file.read(offset, n);
  }
}
