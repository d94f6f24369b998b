/**
 * Building a graph's elements (each with the model its factory resolves to) and linking them as
 * gst_element_link_pads does: pads from templates (always, sometimes, request), the caps check on the
 * live pads, ghost pads across bins, and the checks gst-launch makes before data flows.
 */
import { Caps } from '../../caps/index.js';
import type { Graph } from '../graph/graph.js';
import type { ElementFactory } from '../registry/registry.js';
import type { LinkReport, NegotiationError } from '../types.js';
import type { ResolvedModel } from './model.js';
import { ElementNode, PadNode } from './model.js';
import { freePads, hasPadNamed, isValidRequestPadName } from './pad-names.js';
import { invalidateUnfiltered, queryCaps, run } from './query.js';
import type { Session } from './session.js';

/** A failure that ends a run before or while linking, with the pads whose caps conflicted. */
export class NegotiationFailure extends Error {
  constructor(
    readonly error: NegotiationError,
    readonly conflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null = null,
  ) {
    super(error.message);
  }
}

/** A pad template's caps; a template the caps engine cannot read counts as ANY (and the result says so). */
function templateCaps(s: Session, factory: string, template: string): Caps {
  try {
    return s.registry.templateCaps(factory, template);
  } catch (e) {
    s.notes.push(`${factory}: template '${template}' is unreadable (${(e as Error).message}); treated as ANY`);
    return Caps.ANY;
  }
}

/** How a factory is modelled: its registered model, its base class's, or its templates only. */
export type ModelResolver = (factory: ElementFactory, templateCaps: (template: string) => Caps) => ResolvedModel;

export function buildElements(s: Session, graph: Graph, resolve: ModelResolver): void {
  for (const name of graph.order) {
    const g = graph.elements[name]!;
    const factory = s.registry.get(g.factory);
    if (factory === undefined) throw new NegotiationFailure({ kind: 'no-element', message: `no element "${g.factory}"`, element: name });
    const resolved = resolve(factory, (t) => templateCaps(s, g.factory, t));
    if (resolved.note !== null) s.notes.push(`${name} (${g.factory}): ${resolved.note}`);
    const profile = resolved.kind === 'profile' ? resolved.model.profile : null;
    const el = new ElementNode(name, g.factory, g.properties, profile);
    el.templateOnly = profile === null;
    el.behaviour = resolved.model.profile;
    el.model = resolved.model;
    el.modelKind = resolved.kind;
    resolved.model.configure(el);
    for (const t of factory.padTemplates) {
      if (t.presence !== 'always') continue;
      el.pads.push(new PadNode(el, t.name, t.direction, templateCaps(s, g.factory, t.name), t.name));
    }
    s.elements.push(el);
    s.byName.set(name, el);
    if (g.bin !== undefined) s.binOf.set(name, g.bin);
    if (g.padProperties !== undefined) el.padProperties = g.padProperties;
  }
}

/** a sometimes pad's name made from its template by the element (`src_%08x` → src_1a2b3c4d, `video_%u` → video_0) */
function fromSometimesTemplate(template: string, name: string): boolean {
  if (!template.includes('%')) return template === name;
  const parts = template.split(/%0?\d*[udxs]/);
  const specs = template.match(/%0?\d*[udxs]/g) ?? [];
  const esc = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let re = esc(parts[0]!);
  specs.forEach((spec, k) => {
    re += spec.endsWith('x') ? '[0-9a-f]+' : spec.endsWith('s') ? '.+' : '-?\\d+';
    re += esc(parts[k + 1]!);
  });
  return new RegExp(`^${re}$`).test(name);
}

/** A named pad, or a new request / sometimes pad from a matching template (src_%u → src_N). */
function findOrRequestPad(s: Session, el: ElementNode, name: string): PadNode | null {
  const existing = el.pads.find((p) => p.name === name);
  if (existing !== undefined) return existing;
  const factory = s.registry.get(el.factory)!;
  for (const t of factory.padTemplates) {
    if (t.presence === 'always') continue;
    if (name !== t.name && !isValidRequestPadName(t.name, name) && !(t.presence === 'sometimes' && fromSometimesTemplate(t.name, name))) continue;
    // gst_element_request_pad_simple: a name with a '%' in it asks for none
    const padName = t.presence === 'sometimes' ? (name === t.name && /%0?\d*[udsx]/.test(t.name) ? nextRequestName(s, el, t.name) : name) : requestName(s, el, t.name, name.includes('%') ? null : name);
    if (padName === null) return null;
    // a pad the element added from its input (qtdemux's video_0): its caps are the input's
    const fromFile = el.appeared?.find((p) => p.pad === padName)?.caps ?? null;
    const pad = new PadNode(el, padName, t.direction, fromFile ?? templateCaps(s, el.factory, t.name), t.name);
    el.pads.push(pad);
    return pad;
  }
  return null;
}

/** request_new_pad's name: the element's model decides (a proxy without one leaves it to GstObject) */
function requestName(s: Session, el: ElementNode, template: string, requested: string | null): string | null {
  const b = el.behaviour;
  if (requested === null && b?.kind === 'proxy' && b.defaultPadName !== undefined) return nextRequestName(s, el, template);
  return el.model.requestPadName(el, template, requested);
}

function nextRequestName(s: Session, el: ElementNode, template: string): string {
  const b = el.behaviour;
  if (b?.kind === 'proxy' && b.defaultPadName !== undefined) {
    // the element leaves the name to GstObject: the pad type's name and a counter for the whole process
    const k = s.padNameCounters.get(b.defaultPadName) ?? 0;
    s.padNameCounters.set(b.defaultPadName, k + 1);
    return `${b.defaultPadName}${k}`;
  }
  let n = el.requestCounters.get(template) ?? 0;
  // a sometimes template may name its pads in hex (oggdemux's src_%08x)
  const fill = (k: number): string => template.replace(/%0?(\d*)([udx])/, (_m, width: string, conv: string) => (conv === 'x' ? k.toString(16) : String(k)).padStart(Number(width || '0'), '0'));
  let name = fill(n);
  while (hasPadNamed(el.pads, name)) name = fill(++n);
  el.requestCounters.set(template, n + 1);
  return name;
}

/** A new pad of a template that is not always (null: the element refuses the request). */
function padFromTemplate(s: Session, el: ElementNode, t: { name: string; direction: 'src' | 'sink'; presence: string }): PadNode | null {
  if (t.presence === 'sometimes') {
    const name = /%0?\d*[udsx]/.test(t.name) ? nextRequestName(s, el, t.name) : t.name;
    if (hasPadNamed(el.pads, name)) return null;
    const pad = new PadNode(el, name, t.direction, templateCaps(s, el.factory, t.name), t.name);
    s.notes.push(`${pad.id}: a 'sometimes' pad, assumed to appear`);
    return pad;
  }
  const name = requestName(s, el, t.name, null);
  if (name === null || hasPadNamed(el.pads, name)) return null;
  return new PadNode(el, name, t.direction, templateCaps(s, el.factory, t.name), t.name);
}

/**
 * gst_element_get_compatible_pad: a free pad of `el` facing `pad` whose CAPS answer intersects pad's,
 * else a pad of the first template (class order, any presence) whose caps intersect pad's CAPS answer:
 * a request template gives a new pad, an always one its pad if free (a sometimes one is assumed to appear,
 * where gst-launch would link it when it does).
 */
function compatiblePad(s: Session, el: ElementNode, pad: PadNode): PadNode | null {
  const dir = pad.direction === 'src' ? 'sink' : 'src';
  const padCaps = run(s, queryCaps(pad, null));
  for (const cur of freePads(el, dir, dir === 'src' ? el.srcPads() : el.sinkPads())) {
    if (padCaps.canIntersect(run(s, queryCaps(cur, null)))) return cur;
  }
  const factory = s.registry.get(el.factory)!;
  // delayed linking: the pads the element adds from its input, in its order, the first compatible one
  const fromFile = dir === 'src' ? el.appeared : null;
  if (fromFile !== null) {
    for (const f of fromFile) {
      const ft = factory.padTemplates.find((p) => p.direction === 'src' && p.presence === 'sometimes' && fromSometimesTemplate(p.name, f.pad));
      if (ft === undefined || hasPadNamed(el.pads, f.pad)) continue;
      const caps = f.caps ?? templateCaps(s, el.factory, ft.name);
      if (padCaps.canIntersect(caps)) return new PadNode(el, f.pad, 'src', caps, ft.name);
    }
    return null;
  }
  const t = factory.padTemplates.find((t) => t.direction === dir && padCaps.canIntersect(templateCaps(s, el.factory, t.name)));
  if (t === undefined) return null;
  if (t.presence === 'always') {
    const p = el.pads.find((p) => p.name === t.name);
    return p !== undefined && p.peer === null ? p : null;
  }
  return padFromTemplate(s, el, t);
}

/** The pad pairs gst_element_link_pads_full tries, in its order, each made only when the one before failed. */
function* candidatePairs(s: Session, srcEl: ElementNode, srcName: string | undefined, sinkEl: ElementNode, sinkName: string | undefined): Generator<[PadNode | null, PadNode | null]> {
  const srcNamed = srcName !== undefined ? findOrRequestPad(s, srcEl, srcName) : undefined;
  const sinkNamed = sinkName !== undefined ? findOrRequestPad(s, sinkEl, sinkName) : undefined;
  if (srcNamed !== undefined && sinkNamed !== undefined) {
    yield [srcNamed, sinkNamed];
    return;
  }
  if (srcNamed === null || sinkNamed === null) return;
  // each src pad (the named one, or every free src pad) with the named sink pad or a compatible one
  const srcs = srcNamed !== undefined ? [srcNamed] : [...freePads(srcEl, 'src', srcEl.srcPads())];
  for (const sp of srcs) {
    if (sp.peer !== null) continue;
    yield [sp, sinkNamed !== undefined ? sinkNamed : compatiblePad(s, sinkEl, sp)];
  }
  if (srcNamed !== undefined) return;
  // each free sink pad with a compatible src pad
  const sinks = sinkNamed !== undefined ? [sinkNamed] : [...freePads(sinkEl, 'sink', sinkEl.sinkPads())];
  for (const kp of sinks) {
    if (kp.peer !== null) continue;
    yield [compatiblePad(s, srcEl, kp), kp];
  }
  if (sinkNamed !== undefined) return;
  // request templates on both sides whose caps are always compatible
  const srcT = s.registry.get(srcEl.factory)!.padTemplates;
  const sinkT = s.registry.get(sinkEl.factory)!.padTemplates;
  for (const st of srcT) {
    if (st.presence !== 'request' || st.direction !== 'src') continue;
    for (const kt of sinkT) {
      if (kt.presence !== 'request' || kt.direction !== 'sink') continue;
      if (!templateCaps(s, srcEl.factory, st.name).isSubset(templateCaps(s, sinkEl.factory, kt.name))) continue;
      yield [padFromTemplate(s, srcEl, st), padFromTemplate(s, sinkEl, kt)];
    }
  }
}

/** For the explanation when no pair was even tried: the first free pad (or a template's) on each side. */
function explainingPair(s: Session, srcEl: ElementNode, sinkEl: ElementNode): { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null {
  const side = (el: ElementNode, dir: 'src' | 'sink'): PadNode | null => {
    const free = freePads(el, dir, dir === 'src' ? el.srcPads() : el.sinkPads())[0];
    if (free !== undefined) return free;
    const t = s.registry.get(el.factory)!.padTemplates.find((t) => t.direction === dir && t.presence !== 'always');
    return t === undefined ? null : new PadNode(el, t.name, dir, templateCaps(s, el.factory, t.name), t.name);
  };
  const sp = side(srcEl, 'src');
  const kp = side(sinkEl, 'sink');
  if (sp === null || kp === null) return null;
  const c = canLink(s, sp, kp);
  return { src: sp, sink: kp, srcCaps: c.srcCaps, sinkCaps: c.sinkCaps };
}

/** gst_pad_link's caps check on the live pads: can_intersect(query_caps(src), query_caps(sink)). */
function canLink(s: Session, src: PadNode, sink: PadNode): { ok: boolean; srcCaps: Caps; sinkCaps: Caps } {
  const srcCaps = run(s, queryCaps(src, null));
  const sinkCaps = run(s, queryCaps(sink, null));
  return { ok: srcCaps.canIntersect(sinkCaps), srcCaps, sinkCaps };
}

export function linkAll(s: Session, graph: Graph): LinkReport[] {
  const reports: { src: PadNode; sink: PadNode }[] = [];
  // gst-launch links a sometimes pad when it appears, after every static link: the pads an element adds
  // from its input (ElementNode.appeared) are linked last, each against the finished graph downstream
  const delayed = (l: (typeof graph.links)[number]): boolean => (s.byName.get(l.src.element)?.appeared?.length ?? 0) > 0;
  const ordered = [...graph.links.filter((l) => !delayed(l)), ...graph.links.filter(delayed)];
  for (const link of ordered) {
    // gst-launch could not even try this link (an unknown reference, an element outside its bin)
    if (link.failure !== undefined) throw new NegotiationFailure(link.failure);
    const srcEl = s.byName.get(link.src.element);
    const sinkEl = s.byName.get(link.sink.element);
    if (srcEl === undefined || sinkEl === undefined) {
      const missing = srcEl === undefined ? link.src.element : link.sink.element;
      throw new NegotiationFailure({ kind: 'no-element', message: `no element named "${missing}"`, element: missing });
    }
    // the capsfilter gst-launch inserted for `a ! caps ! b` reports as a link from a to b
    const filterEl = graph.elements[sinkEl.name]?.filterFor !== undefined ? sinkEl : graph.elements[srcEl.name]?.filterFor !== undefined ? srcEl : null;
    const failure = (extra: string, conflict: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null): never => {
      let message = `could not link ${srcEl.name} to ${sinkEl.name}`;
      let element = srcEl.name;
      if (filterEl !== null && filterEl.filterCaps !== null) {
        const f = graph.elements[filterEl.name]!.filterFor!;
        const culprit = filterEl === sinkEl ? f.src : f.sink;
        message = `could not link ${f.src} to ${f.sink}, ${culprit} can't handle caps ${filterEl.filterCaps.toString()}`;
        element = culprit;
      }
      const err: NegotiationError = { kind: 'link-failed', message: message + extra, element };
      throw new NegotiationFailure(err, conflict);
    };
    let linked = false;
    let last: { src: PadNode; sink: PadNode; srcCaps: Caps; sinkCaps: Caps } | null = null;
    for (const [sp, kp] of candidatePairs(s, srcEl, link.src.pad, sinkEl, link.sink.pad)) {
      if (sp === null || kp === null) continue;
      if (sp.direction !== 'src' || sp.peer !== null || kp.direction !== 'sink' || kp.peer !== null) continue;
      const c = canLink(s, sp, kp);
      last = { src: sp, sink: kp, srcCaps: c.srcCaps, sinkCaps: c.sinkCaps };
      if (!c.ok) continue;
      // names are unique per element: a pad of that name is this pad (a scan per link is quadratic)
      if (!hasPadNamed(srcEl.pads, sp.name)) srcEl.pads.push(sp);
      if (!hasPadNamed(sinkEl.pads, kp.name)) sinkEl.pads.push(kp);
      sp.peer = kp;
      kp.peer = sp;
      invalidateUnfiltered(s.unfiltered, sp, kp);
      reports.push({ src: sp, sink: kp });
      addGhostPads(s, sp, kp);
      linked = true;
      break;
    }
    if (!linked && delayed(link)) {
      // gst-launch tries a delayed link on each pad that appears and leaves it undone when none fits
      s.notes.push(`${srcEl.name}: none of the pads it adds from its input links to ${sinkEl.name}; gst-launch leaves that link undone`);
      continue;
    }
    if (!linked && last === null) last = explainingPair(s, srcEl, sinkEl);
    if (!linked) failure('', last);
  }
  detectLoops(s);
  return reports.map(({ src, sink }) => ({ src: src.id, sink: sink.id, caps: null }));
}

/**
 * gst_element_link across bins ghosts the pads up to the bins' common ancestor, source side first, the
 * innermost bin first; GStreamer names them ghost0, ghost1 … with one counter for the whole process.
 */
function addGhostPads(s: Session, src: PadNode, sink: PadNode): void {
  const a = s.binOf.get(src.element.name)?.split('/') ?? [];
  const b = s.binOf.get(sink.element.name)?.split('/') ?? [];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  for (const path of [a, b]) {
    for (let j = path.length - 1; j >= common; j--) s.ghosts.push({ key: `${path.slice(0, j + 1).join('/')}.ghost${s.ghosts.length}`, pad: src });
  }
}

/**
 * Data reaching an unlinked src pad stops the stream with NOT_LINKED (gst-launch: "Internal data stream
 * error ... reason not-linked (-1)"): an always src pad left unlinked, or a tee with no branch at all.
 */
export function notLinked(s: Session): NegotiationError | null {
  const reached = new Set<ElementNode>();
  const work = s.elements.filter((el) => el.sinkPads().length === 0 && el.srcPads().length > 0);
  while (work.length > 0) {
    const el = work.pop()!;
    if (reached.has(el)) continue;
    reached.add(el);
    for (const p of el.srcPads()) if (p.peer !== null) work.push(p.peer.element);
  }
  for (const el of s.elements) {
    if (!reached.has(el)) continue;
    const factory = s.registry.get(el.factory);
    const dangling = el.srcPads().find((p) => p.peer === null && factory?.padTemplates.find((t) => t.name === p.templateName)?.presence === 'always');
    const unbranched = el.model.notLinkedWithoutBranches(el);
    // an element whose pads came from its input, none of them linked: its data has nowhere to go
    const unlinkedAdded = (el.appeared?.length ?? 0) > 0 && !el.srcPads().some((p) => p.peer !== null);
    if (unlinkedAdded) return { kind: 'link-failed', message: `${el.name}: Internal data stream error (streaming stopped, reason not-linked (-1))`, element: el.name };
    if (dangling === undefined && !unbranched) continue;
    const pad = dangling?.name ?? 'src';
    return { kind: 'link-failed', message: `${el.name}.${pad} is not linked: Internal data stream error (streaming stopped, reason not-linked (-1))`, element: el.name, pad };
  }
  return null;
}

/** Links must form a DAG: a loop would make every query run forever (GStreamer deadlocks). */
function detectLoops(s: Session): void {
  const state = new Map<ElementNode, 1 | 2>();
  for (const start of s.elements) {
    if (state.has(start)) continue;
    // each frame keeps its element's linked src pads: filtering them again at every step is quadratic
    const linked = (el: ElementNode): PadNode[] => el.srcPads().filter((p) => p.peer !== null);
    const stack: { el: ElementNode; next: number; outs: PadNode[] }[] = [{ el: start, next: 0, outs: linked(start) }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const outs = top.outs;
      if (top.next >= outs.length) {
        state.set(top.el, 2);
        stack.pop();
        continue;
      }
      const nextEl = outs[top.next++]!.peer!.element;
      const st = state.get(nextEl);
      if (st === 1) {
        const cycle = [...stack.slice(stack.findIndex((f) => f.el === nextEl)).map((f) => f.el.name), nextEl.name];
        throw new NegotiationFailure({ kind: 'link-failed', message: `the links form a loop: ${cycle.join(' → ')}`, element: nextEl.name });
      }
      if (st === undefined) {
        state.set(nextEl, 1);
        stack.push({ el: nextEl, next: 0, outs: linked(nextEl) });
      }
    }
  }
}

