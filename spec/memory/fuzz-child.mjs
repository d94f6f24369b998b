// Run by fuzz.spec.ts in a child process (a SIGBUS or SIGSEGV must not take the runner down).
// fast-check: fds from a pool (memfds of random sizes, memfds and files truncated under the maps,
// a memfd reached read-only, TCP sockets listening and unconnected, pipe ends, eventfds,
// directories, /dev/zero, /dev/null, numbers that are not open) × random sizes, flags and allocators ×
// random map / unmap / write / read / share / free / truncate sequences, stale views touched after.
// After every run: nothing mapped (the arena and /proc/self/maps agree), no fd left (/proc/self/fd).
// env: FC_SEED, RUNS. argv: <dist/memory/index.js>. Prints "ok <runs> <seed> <answers seen>", exits 0.
import { closeSync, fstatSync, ftruncateSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import koffi from 'koffi';

const [distIndex] = process.argv.slice(2);
const m = await import(pathToFileURL(distIndex).href);
const { FdAllocator, DmaBufAllocator, FdMemoryFlags, MapFlags, MemoryError, createMemfd, dupFd, mappingStats } = m;

const libc = koffi.load('libc.so.6');
const socket = libc.func('int socket(int domain, int type, int protocol)');
const pipe2 = libc.func('int pipe2(_Out_ int *fds, int flags)');
const eventfd = libc.func('int eventfd(unsigned int initval, int flags)');
const O_CLOEXEC = 0o2000000;

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.RUNS ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'capsflow-fuzz-'));
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

function openFds() {
  return new Set(
    readdirSync('/proc/self/fd')
      .map(Number)
      .filter((fd) => {
        try {
          readlinkSync(`/proc/self/fd/${fd}`);
          return true;
        } catch {
          return false;
        }
      }),
  );
}
function mapsLines() {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l !== '');
}
const inodeOf = (fd) => Number(fstatSync(fd, { bigint: true }).ino);

let fileCount = 0;
/** a pool source: { fd (or a number that is not open), inode, close } */
function openSource(type, size) {
  const none = { inode: 0, close: () => {} };
  switch (type) {
    case 'memfd': {
      const fd = createMemfd(size).take();
      return { fd, inode: inodeOf(fd), close: () => closeSync(fd), truncatable: true };
    }
    case 'memfd-shrunk': {
      const fd = createMemfd(size + 8192).take();
      ftruncateSync(fd, size); // shrunk before anything maps it
      return { fd, inode: inodeOf(fd), close: () => closeSync(fd), truncatable: true };
    }
    case 'memfd-read-only': {
      const owner = createMemfd(size).take();
      const fd = openSync(`/proc/self/fd/${owner}`, 'r');
      return { fd, inode: inodeOf(fd), close: () => (closeSync(fd), closeSync(owner)), truncatable: true };
    }
    case 'file': {
      const path = join(dir, `f${fileCount++}`);
      writeFileSync(path, Buffer.alloc(size, 1));
      const fd = openSync(path, 'r+');
      return { fd, inode: inodeOf(fd), close: () => (closeSync(fd), rmSync(path)), truncatable: true };
    }
    case 'tcp-listening': {
      const fd = dupFd(server._handle.fd).take();
      return { fd, ...none, close: () => closeSync(fd) };
    }
    case 'tcp-unconnected': {
      const fd = socket(2, 1 | 0o2000000, 0);
      return { fd, ...none, close: () => closeSync(fd) };
    }
    case 'pipe-read':
    case 'pipe-write': {
      const fds = [0, 0];
      pipe2(fds, O_CLOEXEC);
      return { fd: fds[type === 'pipe-read' ? 0 : 1], ...none, close: () => (closeSync(fds[0]), closeSync(fds[1])) };
    }
    case 'eventfd': {
      const fd = eventfd(0, 0o2000000);
      return { fd, ...none, close: () => closeSync(fd) };
    }
    case 'directory': {
      const fd = openSync(dir, 'r');
      return { fd, ...none, close: () => closeSync(fd) };
    }
    case 'dev-zero':
    case 'dev-null': {
      const fd = openSync(type === 'dev-zero' ? '/dev/zero' : '/dev/null', 'r+');
      return { fd, ...none, close: () => closeSync(fd) };
    }
    case 'not-open':
      // far above any fd this process opens: EBADF, and closing it harms nothing
      return { fd: 2_000_000_000 + size, ...none, notOpen: true };
    default:
      throw new Error(type);
  }
}

const TYPES = ['memfd', 'memfd-shrunk', 'memfd-read-only', 'file', 'tcp-listening', 'tcp-unconnected', 'pipe-read', 'pipe-write', 'eventfd', 'directory', 'dev-zero', 'dev-null', 'not-open'];
const sizeArb = fc.oneof(fc.constantFrom(0, 1, 100, 4095, 4096, 4097, 8192, 12288, 65536, 2 ** 32, 2 ** 33), fc.nat(20000));
const cmdArb = fc.oneof(
  fc.record({ t: fc.constant('map'), who: fc.nat(9), flags: fc.constantFrom(1, 2, 3) }),
  fc.record({ t: fc.constant('unmap'), who: fc.nat(9), which: fc.nat(3) }),
  fc.record({ t: fc.constant('write'), which: fc.nat(9), pos: fc.nat(70000), value: fc.nat(255) }),
  fc.record({ t: fc.constant('read'), which: fc.nat(9), pos: fc.nat(70000) }),
  fc.record({ t: fc.constant('share'), who: fc.nat(9), offset: fc.nat(20000), size: fc.nat(20000) }),
  fc.record({ t: fc.constant('free'), who: fc.nat(9) }),
  fc.record({ t: fc.constant('truncate'), src: fc.nat(9), size: fc.constantFrom(0, 1, 4096, 100000) }),
);
const caseArb = fc.record({
  sources: fc.array(fc.record({ type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('memfd', 'memfd-shrunk', 'memfd-read-only', 'file') }, { weight: 3, arbitrary: fc.constantFrom(...TYPES) }), size: fc.constantFrom(0, 1, 4095, 4096, 8192, 12295, 65536) }), { minLength: 1, maxLength: 4 }),
  // size -1: the source's own size (then the map usually goes ahead)
  mems: fc.array(fc.record({ src: fc.nat(9), dmabuf: fc.boolean(), size: fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: sizeArb }), flags: fc.nat(7) }), { minLength: 1, maxLength: 4 }),
  cmds: fc.array(cmdArb, { maxLength: 30 }),
});

const answers = new Map();
let checksum = 0;
const seen = (key) => answers.set(key, (answers.get(key) ?? 0) + 1);

function runCase({ sources: specs, mems: memSpecs, cmds }) {
  const baseline = openFds();
  const sources = specs.map((s) => openSource(s.type, s.size));
  const inodes = new Set(sources.map((s) => s.inode).filter((i) => i !== 0));
  const live = [];
  const dontClose = [];
  const infos = [];
  const stale = [];
  try {
    for (const spec of memSpecs) {
      const src = sources[spec.src % sources.length];
      const size = spec.size >= 0 ? spec.size : specs[spec.src % sources.length].size;
      const allocator = spec.dmabuf ? new DmaBufAllocator() : new FdAllocator();
      const fd = src.notOpen ? src.fd : dupFd(src.fd);
      const raw = typeof fd === 'number' ? fd : fd.fd;
      const mem = allocator.alloc(fd, size, spec.flags);
      if (spec.flags & FdMemoryFlags.DONT_CLOSE && !src.notOpen) dontClose.push(raw);
      live.push(mem);
    }
    for (const c of cmds) {
      const all = infos.concat(stale);
      switch (c.t) {
        case 'map': {
          if (live.length === 0) break;
          const mem = live[c.who % live.length];
          const r = mem.map(c.flags);
          seen(r.ok ? 'ok' : r.reason);
          if (r.ok) infos.push({ mem, info: r });
          break;
        }
        case 'unmap': {
          if (infos.length === 0) break;
          const [entry] = infos.splice(c.which % infos.length, 1);
          entry.mem.unmap(entry.info);
          stale.push(entry);
          break;
        }
        case 'write':
        case 'read': {
          if (all.length === 0) break;
          const { data } = all[c.which % all.length].info;
          if (data.length === 0) break;
          if (c.t === 'write') data[c.pos % data.length] = c.value;
          else checksum += data[c.pos % data.length];
          break;
        }
        case 'share': {
          if (live.length === 0) break;
          const mem = live[c.who % live.length];
          try {
            const sub = mem.share(c.offset % (mem.size + 1), c.size % (mem.size + 1));
            if (sub !== null) live.push(sub);
          } catch (e) {
            if (!(e instanceof MemoryError)) throw e; // a share outside the memory
          }
          break;
        }
        case 'free': {
          if (live.length === 0) break;
          const [mem] = live.splice(c.who % live.length, 1);
          mem.free();
          for (let i = infos.length - 1; i >= 0; i--) if (infos[i].mem === mem) stale.push(...infos.splice(i, 1));
          break;
        }
        case 'truncate': {
          const src = sources[c.src % sources.length];
          if (!src.truncatable) break;
          let other;
          try {
            other = openSync(`/proc/self/fd/${src.fd}`, 'r+');
            ftruncateSync(other, c.size);
            seen('truncated');
            // and every page of every live map is read right after
            for (const { info } of infos) for (let i = 0; i < info.data.length; i += 4096) checksum += info.data[i];
          } catch {
            seen('truncate-refused'); // EPERM: sealed against shrinking while it may be mapped
          } finally {
            if (other !== undefined) closeSync(other);
          }
          break;
        }
      }
    }
  } finally {
    for (const mem of live.reverse()) mem.free();
    for (const fd of dontClose) closeSync(fd);
  }
  // every view, mapped or stale, is harmless now
  for (const { info } of infos.concat(stale)) {
    const { data } = info;
    for (let i = 0; i < data.length; i += 4096) data[i] = data[i] ^ 1;
    if (data.length > 0) data[data.length - 1] = 1;
  }
  const stats = mappingStats();
  if (stats.mapped !== 0) throw new Error(`ranges still mapped after free: ${JSON.stringify(stats)}`);
  const left = mapsLines().filter((l) => {
    const f = l.split(/\s+/);
    return inodes.has(Number(f[4])) || (f[5] ?? '').startsWith('/dev/zero');
  });
  if (left.length > 0) throw new Error(`mappings left after free:\n${left.join('\n')}`);
  for (const s of sources) s.close();
  const extra = [...openFds()].filter((fd) => !baseline.has(fd));
  if (extra.length > 0) throw new Error(`fds left after free: ${extra.map((fd) => `${fd} ${readlinkSync(`/proc/self/fd/${fd}`)}`).join(', ')}`);
}

try {
  fc.assert(fc.property(caseArb, (c) => runCase(c)), { seed, numRuns: runs });
} catch (e) {
  console.log(`FAIL ${e.message}`);
  process.exit(3);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`ok ${runs} runs, seed ${seed}, checksum ${checksum}, answers ${JSON.stringify(Object.fromEntries([...answers].sort()))}`);
