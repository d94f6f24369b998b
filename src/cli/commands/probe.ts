// capsflow probe: allocate (or borrow) an fd and ask the kernel whether it maps READWRITE.
import {
  type MemorySpec,
  type ProbeOutcome,
  allocateAndProbe,
  describeErrno,
  parseMemorySpec,
} from '../../memory/index.js';
import { type Command, UsageError } from '../io.js';

const HELP = `usage: capsflow probe [--json] (--alloc KIND [--size N] | --fd N [--size N]) [--as dmabuf]

Allocate memory (or take an fd this process inherited), try mmap(PROT_READ|PROT_WRITE, MAP_SHARED)
and then mmap(PROT_READ), as a GStreamer exporter does at decide_allocation, and say whether the
memory:DMABuf caps feature is due: only for a dma-buf (or memory treated as one) that refuses to map
READWRITE. Allocated memory is freed again; an inherited fd is left open.

options:
  --alloc KIND   memfd | sealed-memfd | shm | udmabuf | dma-heap:NAME
                 (sealed-memfd: a write-sealed memfd, the stand-in for protected memory; it is
                 treated as a dma-buf. udmabuf and dma-heap need /dev/udmabuf, /dev/dma_heap/NAME)
  --fd N         probe fd N handed to this process, e.g. one the shell opened with 3<file or 3<>file
                 (an fd the process opened itself, as Node's own, is EBADF)
  --size N       bytes to map (N, NK or NM, at most 4096M); default 65536 for --alloc, the fd's
                 size for --fd (never past its end: a 0-byte file has nothing to map)
  --as dmabuf    decide the feature as if the memory were a dma-buf
  --json         print the outcome as JSON
  -h, --help     this text

examples:
  capsflow probe --alloc memfd
  capsflow probe --alloc sealed-memfd --json
  capsflow probe --alloc dma-heap:system --size 1M
  capsflow probe --fd 3 3<some.file            # read-only: READWRITE refused with EACCES
  capsflow probe --fd 3 --as dmabuf 3<>some.file
  echo | capsflow probe --fd 0                 # a pipe: EACCES, then ENODEV for READ

exit status: 0 maps READWRITE; 1 READWRITE refused, or the device is unavailable here;
2 bad input (usage, an fd that is not open).
`;

interface ProbeArgs {
  readonly json: boolean;
  readonly spec: MemorySpec;
  readonly size: number | undefined;
  readonly asDmabuf: boolean | undefined;
}

function parseSize(text: string): number {
  const m = /^(\d{1,15})([kKmM]?)$/.exec(text);
  if (m === null) throw new UsageError(`--size wants a positive integer (optionally with K or M), got '${text}'`);
  const unit = m[2]?.toLowerCase() === 'k' ? 1024 : m[2]?.toLowerCase() === 'm' ? 1024 * 1024 : 1;
  const n = Number(m[1]) * unit;
  if (n <= 0) throw new UsageError(`--size must be at least 1 byte, got '${text}'`);
  // the largest mapping capsflow makes (Node's largest ArrayBuffer)
  if (n > 2 ** 32) throw new UsageError(`--size ${text} is too large: the largest mapping is 4096M (4 GiB)`);
  return n;
}

function parseArgs(args: readonly string[]): ProbeArgs | 'help' {
  let json = false;
  let alloc: string | undefined;
  let fd: string | undefined;
  let size: number | undefined;
  let asDmabuf: boolean | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--json':
        json = true;
        break;
      case '--alloc':
        if (alloc !== undefined) throw new UsageError('--alloc given twice');
        alloc = value();
        break;
      case '--fd':
        if (fd !== undefined) throw new UsageError('--fd given twice');
        fd = value();
        break;
      case '--size':
        size = parseSize(value());
        break;
      case '--as': {
        const v = value();
        if (v !== 'dmabuf') throw new UsageError(`--as knows only 'dmabuf', got '${v}'`);
        asDmabuf = true;
        break;
      }
      default:
        throw new UsageError(`unknown argument '${arg}'`);
    }
  }
  if ((alloc === undefined) === (fd === undefined)) throw new UsageError('give exactly one of --alloc KIND or --fd N');
  let spec: MemorySpec | null;
  if (alloc !== undefined) {
    spec = alloc.startsWith('fd:') ? null : parseMemorySpec(alloc);
    if (spec === null) throw new UsageError(`--alloc wants memfd, sealed-memfd, shm, udmabuf or dma-heap:NAME, got '${alloc}'`);
  } else {
    if (!/^\d{1,10}$/.test(fd as string) || Number(fd) > 0x7fffffff) throw new UsageError(`--fd wants a non-negative integer, got '${fd}'`);
    spec = `fd:${Number(fd)}`;
  }
  return { json, spec, size, asDmabuf };
}

function mapText(ok: boolean, errno: string | null): string {
  return ok ? 'mapped' : `refused: ${errno} (${describeErrno(errno ?? '')})`;
}

function human(outcome: ProbeOutcome & { ok: true }, asked: boolean | undefined): string {
  const p = outcome.probe;
  const dmabufWhy =
    p.kind === 'dma-buf'
      ? 'yes'
      : p.dmabuf
        ? asked
          ? 'treated as one (--as dmabuf)'
          : 'treated as one (a sealed memfd stands in for protected memory)'
        : 'no';
  const feature =
    p.feature !== null
      ? `${p.feature}: it cannot be mapped READWRITE, so every element between exporter and importer must run in passthrough`
      : p.readwrite
        ? 'none: mapping READWRITE works, so plain system-memory caps are negotiated (the fast path)'
        : 'none: not a dma-buf, so the feature does not apply';
  const rows: Array<[string, string]> = [
    ['source', `${outcome.source} (${p.size} bytes probed)`],
    ['kind', p.kind],
    ['READWRITE', mapText(p.readwrite, p.errno)],
    ['READ', mapText(p.read, p.readErrno)],
    ['dma-buf', dmabufWhy],
    ['feature', feature],
  ];
  return rows.map(([k, v]) => `${k.padEnd(10)} ${v}\n`).join('');
}

const probe: Command = async (args, io) => {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const options = parsed.asDmabuf === undefined ? {} : { asDmabuf: parsed.asDmabuf };
  const outcome = allocateAndProbe(parsed.spec, parsed.size, options);
  if (parsed.json) io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
  if (!outcome.ok) {
    switch (outcome.reason) {
      case 'bad-fd':
        io.stderr(
          `capsflow probe: fd ${parsed.spec.slice(3)} is not an open file descriptor (EBADF: ${describeErrno('EBADF')})` +
            `${outcome.message.includes('from outside') ? ' passed to this process: the process opened it itself (as Node does its own)' : ''}\n`,
        );
        return 2;
      case 'invalid':
        io.stderr(`capsflow probe: ${outcome.message}\n`);
        return 2;
      default:
        if (!parsed.json) io.stdout(`${outcome.source}: ${outcome.reason}: ${outcome.message}\n`);
        return 1;
    }
  }
  if (!parsed.json) io.stdout(human(outcome, parsed.asDmabuf));
  return outcome.probe.readwrite ? 0 : 1;
};

export default probe;
