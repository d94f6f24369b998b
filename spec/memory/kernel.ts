// The kernel's view of this process, read from /proc: which fds are open, what is mapped where.
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import koffi from 'koffi';
import { join } from 'node:path';

export function openFds(): Set<number> {
  // the listing itself holds an fd on /proc/self/fd while it reads; it is closed by now, so drop it
  return new Set(readdirSync('/proc/self/fd').map(Number).filter(isOpen));
}

export function isOpen(fd: number): boolean {
  try {
    readlinkSync(`/proc/self/fd/${fd}`);
    return true;
  } catch {
    return false;
  }
}

export interface MapsLine {
  readonly start: number;
  readonly end: number;
  readonly perms: string;
  readonly inode: number;
  readonly path: string;
}

export function maps(): MapsLine[] {
  return readFileSync('/proc/self/maps', 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [range = '', perms = '', , , inode = '0', ...rest] = l.split(/\s+/);
      const [a = '0', b = '0'] = range.split('-');
      return { start: parseInt(a, 16), end: parseInt(b, 16), perms, inode: Number(inode), path: rest.join(' ') };
    });
}

/** inode of an fd (what /proc/self/maps shows for its mappings) */
export function inodeOf(fd: number): number {
  return Number(fstatSync(fd, { bigint: true }).ino);
}

/** Mappings of the file with this inode (memfds have distinct inodes on the shmem mount). */
export function mappingsOfInode(inode: number): MapsLine[] {
  return maps().filter((m) => m.inode === inode && m.path !== '');
}

/** The mapping that contains `address`, or undefined. */
export function mappingAt(address: number): MapsLine | undefined {
  return maps().find((m) => m.start <= address && address < m.end);
}

/** Mappings of memfds whose name starts with `prefix` ("/memfd:NAME (deleted)"). */
export function memfdMappings(prefix: string): MapsLine[] {
  return maps().filter((m) => m.path.startsWith(`/memfd:${prefix}`));
}

/** A read-only fd on a fresh temporary file of `size` bytes; returns the fd and a cleanup. */
export function readOnlyFile(size: number): { fd: number; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'capsflow-mem-'));
  const path = join(dir, 'ro.bin');
  writeFileSync(path, Buffer.alloc(size, 7));
  const fd = openSync(path, 'r');
  return {
    fd,
    cleanup: () => {
      try {
        closeSync(fd);
      } catch {
        // already closed by the memory that took it over
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// pipe(2) is not in node:fs; a test-only binding (the product's koffi stays in src/memory/libc.ts)
const testLibc = koffi.load('libc.so.6');
const pipe2 = testLibc.func('pipe2', 'int', ['void *', 'int']) as (fds: Int32Array, flags: number) => number;

/** A close-on-exec pipe: [readEnd, writeEnd]. */
export function pipe(): [number, number] {
  const fds = new Int32Array(2);
  if (pipe2(fds, 0o2000000) !== 0) throw new Error('pipe2 failed');
  return [fds[0] as number, fds[1] as number];
}
