/**
 * Reading an input file (a registry snapshot, a JSON graph, a list of pipelines) without hanging or
 * exhausting memory: only a regular file is read, and only up to a size limit. The file is opened
 * non-blocking, so a FIFO (or a symlink to one) returns at once instead of waiting for a writer, and is
 * refused by what fstat says it is, as are /dev/zero, sockets and directories.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** 64 MiB: the embedded full registry is about 10 MB; a graph or pipeline list is far smaller. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
export const MAX_REGISTRY_BYTES = MAX_INPUT_BYTES;

export type ReadInputErrorCode = 'not-regular' | 'too-large' | 'io';

export type ReadInputResult =
  | { readonly ok: true; readonly text: string; readonly code?: never; readonly message?: never }
  | { readonly ok: false; readonly text?: never; readonly code: ReadInputErrorCode; readonly message: string };

/** What a non-regular file is, in words for the error message. */
export function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

const sizeText = (n: number): string => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${n} bytes`);

/** The whole text of a regular file of at most `maxBytes` bytes (UTF-8), or why not. */
export function readInputFile(path: string, maxBytes: number = MAX_INPUT_BYTES): ReadInputResult {
  const r = readInputBytes(path, maxBytes);
  return r.ok ? { ok: true, text: r.bytes.toString('utf8') } : r;
}

/** readInputFile's bytes, not decoded (the embedded registry indexes them without decoding 5 MB). */
export function readInputBytes(
  path: string,
  maxBytes: number = MAX_INPUT_BYTES,
): { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly code: ReadInputErrorCode; readonly message: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    return { ok: false, code: 'io', message: e instanceof Error ? e.message : String(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'not-regular', message: `${path} is ${fileKind(st)}: only regular files are read` };
    if (st.size > maxBytes) return { ok: false, code: 'too-large', message: `${path} is ${sizeText(st.size)}, more than the ${sizeText(maxBytes)} read` };
    // the file may grow while it is read: never more than maxBytes + 1
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, Math.max(st.size - total + 1, 64 * 1024)));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      parts.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, code: 'too-large', message: `${path} holds more than the ${sizeText(maxBytes)} read` };
    }
    return { ok: true, bytes: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total) };
  } catch (e) {
    return { ok: false, code: 'io', message: e instanceof Error ? e.message : String(e) };
  } finally {
    closeSync(fd);
  }
}

/** Collect a stream (stdin) up to `maxBytes`, refusing more. */
export async function readInputStream(chunks: AsyncIterable<Uint8Array | string>, maxBytes: number = MAX_INPUT_BYTES, name = 'stdin'): Promise<ReadInputResult> {
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of chunks) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      total += b.length;
      if (total > maxBytes) return { ok: false, code: 'too-large', message: `${name} holds more than the ${sizeText(maxBytes)} read` };
      parts.push(b);
    }
  } catch (e) {
    return { ok: false, code: 'io', message: e instanceof Error ? e.message : String(e) };
  }
  return { ok: true, text: Buffer.concat(parts).toString('utf8') };
}
