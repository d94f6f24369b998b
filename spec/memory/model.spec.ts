// Model-based: random alloc / map / unmap / share / free sequences against a much simpler model, and
// after every step the kernel (/proc/self/fd, /proc/self/maps) must hold exactly what the model says:
// no fd and no mapping beyond it, none missing.
import fc from 'fast-check';
import { closeSync, readSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DmaBufAllocator,
  FdAllocator,
  FdMemoryFlags,
  type FdMemory,
  type MapFlags,
  type MapInfo,
  createMemfd,
  mappingStats,
} from '../../src/memory/index.js';
import { inodeOf, isOpen, mappingsOfInode, memfdMappings, openFds } from './kernel.js';

const SIZE = 3 * 4096;

/** The model: what must exist, not how GStreamer decides maps. */
interface RootModel {
  readonly fd: number;
  readonly inode: number;
  readonly flags: number;
  readonly sealed: boolean;
  /** the user's handle on the root was freed */
  released: boolean;
  /** live sub-memories (each holds a reference on the root) */
  subs: number;
  /** successful maps not yet unmapped, on the root and its subs */
  maps: number;
  /** a map succeeded once (KEEP_MAPPED keeps GStreamer's state, not the kernel mapping) */
  everMapped: boolean;
}
interface MemModel {
  readonly root: RootModel;
  readonly sub: boolean;
  readonly offset: number;
  readonly size: number;
  maps: number;
  freed: boolean;
}
interface Model {
  readonly roots: RootModel[];
  readonly mems: MemModel[];
  /** fds open before the run */
  readonly baseline: ReadonlySet<number>;
}
interface Real {
  readonly mems: FdMemory[];
  readonly infos: Array<{ mem: number; info: MapInfo }>;
}

const gone = (r: RootModel) => r.released && r.subs === 0;
const expectFdOpen = (r: RootModel) => !gone(r) || (r.flags & FdMemoryFlags.DONT_CLOSE) !== 0;
// the kernel mapping lives exactly while a map is outstanding, KEEP_MAPPED or not
const expectMapped = (r: RootModel) => !gone(r) && r.maps > 0;

/** the kernel agrees with the model, root by root, and holds no other fd */
function checkKernel(m: Model, r: Real): void {
  const extra = [...openFds()].filter((fd) => !m.baseline.has(fd)).sort((a, b) => a - b);
  const expected = m.roots.filter(expectFdOpen).map((r) => r.fd).sort((a, b) => a - b);
  expect(extra, 'open fds beyond the baseline').toEqual(expected);
  for (const r of m.roots) {
    const open = isOpen(r.fd) && inodeOf(r.fd) === r.inode;
    expect(open, `fd ${r.fd} open`).toBe(expectFdOpen(r));
    expect(mappingsOfInode(r.inode).length, `mappings of fd ${r.fd}`).toBe(expectMapped(r) ? 1 : 0);
  }
  // READ maps of a shared writable mapping read a copy of their own (anonymous, in the arena)
  const copies = r.infos.filter(({ info }) => info.shadow !== null).length;
  expect(mappingStats().mapped).toBe(m.roots.filter(expectMapped).length + copies);
  // and no mapping of a model memfd that the model does not know
  expect(memfdMappings('model').length).toBe(m.roots.filter(expectMapped).length);
}

const live = (m: Model) => m.mems.map((x, i) => [x, i] as const).filter(([x]) => !x.freed);

class Alloc implements fc.Command<Model, Real> {
  constructor(
    readonly flags: number,
    readonly dmabuf: boolean,
    readonly sealed: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const owned = createMemfd(SIZE, this.sealed ? { name: 'model', seal: 'write' } : { name: 'model' });
    const fd = owned.fd;
    const root: RootModel = { fd, inode: inodeOf(fd), flags: this.flags, sealed: this.sealed, released: false, subs: 0, maps: 0, everMapped: false };
    r.mems.push((this.dmabuf ? new DmaBufAllocator() : new FdAllocator()).alloc(owned, SIZE, this.flags));
    m.roots.push(root);
    m.mems.push({ root, sub: false, offset: 0, size: SIZE, maps: 0, freed: false });
    checkKernel(m, r);
  }
  toString = () => `alloc(${this.dmabuf ? 'dmabuf' : 'fd'}, flags ${this.flags}${this.sealed ? ', sealed' : ''})`;
}

class MapCmd implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly flags: MapFlags,
  ) {}
  check = (m: Readonly<Model>) => live(m as Model).length > 0;
  run(m: Model, r: Real): void {
    const [mm, i] = live(m)[this.pick % live(m).length]!;
    const info = r.mems[i]!.map(this.flags);
    const root = mm.root;
    // the few answers the model is sure of
    if (mm.sub && this.flags & 2) expect(info.ok, 'sub-memories are read-only').toBe(false);
    if (!mm.sub && !root.sealed && root.maps === 0 && root.subs === 0) expect(info.ok, 'a lone, unmapped root on a plain memfd maps').toBe(true);
    if (root.sealed && this.flags & 2 && !(root.flags & FdMemoryFlags.MAP_PRIVATE)) expect(info.ok, 'a sealed memfd never maps WRITE shared').toBe(false);
    if (info.ok) {
      if (this.flags === 1 && mm.size > 0) {
        // a READ map's writes never reach the memory, and do not fault
        const byte = Buffer.alloc(1);
        readSync(root.fd, byte, 0, 1, mm.offset);
        info.data[0] = byte[0]! ^ 0xff;
        readSync(root.fd, byte, 0, 1, mm.offset);
        expect(info.data[0], 'the write landed in the READ view').toBe(byte[0]! ^ 0xff);
        const again = Buffer.alloc(1);
        readSync(root.fd, again, 0, 1, mm.offset);
        expect(again[0], 'a READ view wrote the memory').toBe(byte[0]);
      }
      expect(info.data.length).toBe(mm.size);
      r.infos.push({ mem: i, info });
      mm.maps++;
      root.maps++;
      root.everMapped = true;
    }
    checkKernel(m, r);
  }
  toString = () => `map(#${this.pick}, ${this.flags})`;
}

class Unmap implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    if (r.infos.length === 0) return;
    const [{ mem, info }] = r.infos.splice(this.pick % r.infos.length, 1) as [{ mem: number; info: MapInfo }];
    r.mems[mem]!.unmap(info);
    const mm = m.mems[mem]!;
    mm.maps--;
    mm.root.maps--;
    checkKernel(m, r);
  }
  toString = () => `unmap(#${this.pick})`;
}

class Share implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly offset: number,
    readonly size: number,
  ) {}
  check = (m: Readonly<Model>) => live(m as Model).length > 0;
  run(m: Model, r: Real): void {
    const [mm, i] = live(m)[this.pick % live(m).length]!;
    const offset = this.offset % (mm.size + 1);
    const size = this.size % (mm.size - offset + 1);
    const sub = r.mems[i]!.share(offset, size);
    if (sub !== null) {
      expect(sub.parent).toBe(mm.sub ? r.mems[m.mems.indexOf(m.mems.find((x) => x.root === mm.root && !x.sub)!)] : r.mems[i]);
      r.mems.push(sub);
      m.mems.push({ root: mm.root, sub: true, offset: mm.offset + offset, size, maps: 0, freed: false });
      mm.root.subs++;
    }
    checkKernel(m, r);
  }
  toString = () => `share(#${this.pick}, ${this.offset}, ${this.size})`;
}

class Free implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => live(m as Model).length > 0;
  run(m: Model, r: Real): void {
    const [mm, i] = live(m)[this.pick % live(m).length]!;
    r.mems[i]!.free();
    // outstanding maps of this memory are released by free
    for (let k = r.infos.length - 1; k >= 0; k--) if (r.infos[k]!.mem === i) r.infos.splice(k, 1);
    mm.root.maps -= mm.maps;
    mm.maps = 0;
    mm.freed = true;
    if (mm.sub) mm.root.subs--;
    else mm.root.released = true;
    checkKernel(m, r);
  }
  toString = () => `free(#${this.pick})`;
}

const commands = [
  fc
    .tuple(fc.nat(7), fc.boolean(), fc.boolean())
    .map(([flags, dmabuf, sealed]) => new Alloc(flags, dmabuf, sealed)),
  fc.tuple(fc.nat(20), fc.constantFrom<MapFlags>(1, 2, 3)).map(([p, f]) => new MapCmd(p, f)),
  fc.nat(20).map((p) => new Unmap(p)),
  fc.tuple(fc.nat(20), fc.nat(SIZE), fc.nat(SIZE)).map(([p, o, s]) => new Share(p, o, s)),
  fc.nat(20).map((p) => new Free(p)),
];

describe('model-based: alloc / map / unmap / share / free', () => {
  it('the kernel holds exactly the fds and mappings the model says, after every step', () => {
    const fdsBefore = openFds();
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const model: Model = { roots: [], mems: [], baseline: openFds() };
        const real: Real = { mems: [], infos: [] };
        try {
          fc.modelRun(() => ({ model, real }), cmds);
        } finally {
          for (const mem of real.mems) mem.free();
          for (const root of model.roots) {
            root.released = true;
            root.subs = 0;
            if (root.flags & FdMemoryFlags.DONT_CLOSE) closeSync(root.fd);
          }
        }
        expect([...openFds()].filter((fd) => !fdsBefore.has(fd))).toEqual([]);
        expect(memfdMappings('model')).toEqual([]);
        expect(mappingStats().mapped).toBe(0);
      }),
    );
  });
});
