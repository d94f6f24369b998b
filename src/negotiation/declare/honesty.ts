/**
 * What capsflow knows, what it assumes, what it cannot know (real-world.md).
 *
 * A source whose caps come from a device, a network peer or data capsflow was not given is never fixated
 * from its pad template: that would invent `1x1, 0/1, ABGR`. Such a pad is settled by a declaration (a
 * device description, later `--caps`), by the element's own caps property (udpsrc/appsrc `caps=`), by a
 * fixed caps filter right after it ("assuming v4l2src0 can produce …"), or it is *unknown*, and every pad
 * downstream of it is left out of the answer. Which sources these are is read from the registry's facts
 * (klass, sometimes pads, properties) and from what capsflow models, so imported board elements
 * (nvarguscamerasrc, libcamerasrc) are covered like the ones in the embedded registry.
 *
 * The engine calls in at four places (negotiate.ts marks them `honesty:`): the CAPS query on a declared
 * pad, the pads a source negotiates, pushes onto a root pad, and a template-only element's fixation.
 */
import { Caps } from '../../caps/index.js';
import type { DeviceDescription } from './devices.js';
import { BaseTransform } from '../base/basetransform.js';
import { missingFields } from '../base/output.js';
import type { ElementNode, HonestyHooks, PadNode } from '../engine/model.js';
import { capsRelease, type ElementFactory, type Registry } from '../registry/registry.js';
import type { Assumption, AssumptionSource, NegotiationError, NegotiationVerdict, UnknownCaps, UnknownReason } from '../types.js';

/** What one declaration says a pad's getcaps is. */
export interface Declaration {
  readonly caps: Caps;
  /** 'media': read from the file the pipeline names; known, not an assumption */
  readonly source: Extract<AssumptionSource, 'declared' | 'property' | 'downstream'> | 'media';
  readonly message: string;
}

/**
 * The declared getcaps of a pad, by element and pad name. Device descriptions feed it today; per-pad
 * declarations (`--caps ELEMENT.PAD=CAPS`) join here as one more lookup.
 */
export type DeclaredCaps = (element: string, pad: string) => Declaration | undefined;

/** Why a source's caps are not known, from the registry's facts; null: capsflow models what it produces. */
export function sourceReason(factory: ElementFactory, modelled: boolean, properties: Readonly<Record<string, unknown>> = {}): UnknownReason | null {
  if (modelled) return null;
  const klass = factory.klass.split('/');
  const uri = [properties['uri'], properties['location']].find((v): v is string => typeof v === 'string');
  if (klass.includes('Network') || (uri !== undefined && /^(rtsps?|rtmps?|https?|udp|tcp|srt|rist|rtp|mms)[a-z]*:\/\//i.test(uri))) return 'network';
  // a property that picks a device is what a device provider sets on the element it makes (device=/dev/video0)
  if (factory.properties.some((p) => DEVICE_PROPERTIES.has(p.name))) return 'device';
  const media = klass.some((k) => k === 'Video' || k === 'Audio' || k === 'Capture' || k === 'Hardware' || k === 'Camera' || k === 'Device');
  // a generator can be told not to be live (videotestsrc, gltestsrc): without a model it is unmodelled, not a device
  const canBeNonLive = factory.properties.some((p) => p.name === 'is-live');
  if (media && !klass.includes('File') && !canBeNonLive) return 'device';
  if (media && canBeNonLive && !klass.includes('File') && !klass.includes('Generic')) return 'not-modelled';
  return 'stream';
}

const DEVICE_PROPERTIES: ReadonlySet<string> = new Set(['device', 'device-name', 'device-number', 'device-path', 'camera-name', 'sensor-id']);

/** A source's own output caps property (udpsrc, appsrc, multifilesrc, socketsrc `caps=`). */
function capsProperty(factory: ElementFactory): boolean {
  return factory.properties.some((p) => p.name === 'caps' && p.type === 'GstCaps');
}

interface Root {
  readonly pad: PadNode;
  readonly declaration?: Declaration;
  readonly unknown?: Omit<UnknownCaps, 'element' | 'pad'>;
  /**
   * negotiated by the engine as it is, the result an assumption: a fixed filter after an ANY source (filesrc
   * ! caps: the capsless path pushes it), or an exporter capsflow simulates (--memory: its template as the
   * policy shapes it stands in for the device)
   */
  readonly assumed?: { readonly caps: Caps | null; readonly source: AssumptionSource; readonly message: string };
}

const REASON_TEXT: Record<UnknownReason, string> = {
  device: 'the device',
  network: 'the network peer',
  stream: 'the data',
  'not-modelled': 'a model of the element',
};

export interface HonestyOptions {
  readonly devices?: readonly DeviceDescription[];
  /** more per-pad declarations (the `--caps` entry point joins here) */
  readonly declared?: DeclaredCaps;
  /** elements capsflow simulates as dma-buf exporters (--memory, --drm): stand-ins for their devices */
  readonly exporters?: readonly string[];
}

export interface HonestReport {
  readonly verdict: NegotiationVerdict;
  readonly error: NegotiationError | null;
  readonly unknowns: readonly UnknownCaps[];
  readonly assumptions: readonly Assumption[];
  /** pad ids ('v4l2src0.src') whose caps depend on an unknown: left out of pads, links and allocation */
  readonly hidden: ReadonlySet<string>;
  readonly notes: readonly string[];
}

/** One negotiate() call's bookkeeping of roots, declarations, unknowns and assumptions. */
export class Honesty implements HonestyHooks {
  private readonly roots = new Map<PadNode, Root>();
  private readonly declaredCaps = new Map<PadNode, Caps>();
  /** template-only elements' src pads, by pad (the last fixation wins: an element may see caps twice) */
  private readonly templateOnly = new Map<PadNode, { pad: PadNode; kind: 'assumed' | 'unknown'; caps: Caps }>();
  private readonly deviceNotes: string[] = [];
  /** pads the files the pipeline names settle (elements/media/read-media.ts); null caps: known, no caps of its own */
  private media: ReadonlyMap<PadNode, { readonly caps: Caps | null; readonly message: string }> = new Map();

  constructor(
    private readonly registry: Registry,
    private readonly options: HonestyOptions,
  ) {}

  /** what the files the pipeline names settle: those pads are known (set before prepare) */
  setMedia(known: ReadonlyMap<PadNode, { readonly caps: Caps | null; readonly message: string }>): void {
    this.media = known;
  }

  /** honesty: the declared getcaps of this pad (the engine answers CAPS queries with it instead of the template) */
  declared(pad: PadNode): Caps | undefined {
    return this.declaredCaps.size === 0 ? undefined : this.declaredCaps.get(pad);
  }

  /** honesty: a pad whose caps come from capsflow's decision here, never from an element's handler pushing on it */
  isRoot(pad: PadNode): boolean {
    return this.roots.size !== 0 && this.roots.has(pad) && this.roots.get(pad)!.assumed === undefined;
  }

  /** honesty: whether a source negotiates this pad itself (false for unknown pads) */
  negotiates(pad: PadNode): boolean {
    if (this.roots.size === 0) return true;
    const r = this.roots.get(pad);
    return r === undefined || r.unknown === undefined;
  }

  /** the caps a pad's element decided from the file it read (pushed as they are), if that is where they come from */
  readFromMedia(pad: PadNode): Caps | undefined {
    const d = this.roots.get(pad)?.declaration;
    return d?.source === 'media' ? d.caps : undefined;
  }

  /** declared pads on elements that are not sources (a demuxer's pad): negotiated as sources after the real ones */
  declaredNonSourcePads(): PadNode[] {
    const out: PadNode[] = [];
    for (const [pad, r] of this.roots) if (r.declaration !== undefined && pad.element.sinkPads().length > 0) out.push(pad);
    return out;
  }

  /**
   * honesty: a template-only element fixated `peer` (what downstream allows of its template) on `pad`:
   * fixed already, an assumption; a choice among several, not modelled (nothing is pushed).
   */
  templateFixation(pad: PadNode, peer: Caps): boolean {
    const simple = peer.isAny() ? peer : peer.simplify(capsRelease(this.registry));
    const settled = !simple.isAny() && !simple.isEmpty() && simple.isFixed();
    this.templateOnly.set(pad, { pad, kind: settled ? 'assumed' : 'unknown', caps: simple });
    return settled;
  }

  /**
   * After linking, before caps flow: decide for every source pad and every sometimes pad whether it is
   * known, declared, settled by its property or a fixed filter, or unknown. `peerQuery` is
   * gst_pad_peer_query_caps on the linked graph.
   */
  prepare(elements: readonly ElementNode[], peerQuery: (pad: PadNode, filter: Caps | null) => Caps): boolean {
    const declared = this.deviceDeclarations(elements);
    for (const el of elements) {
      const factory = this.registry.get(el.factory);
      if (factory === undefined) continue;
      const isSource = el.sinkPads().length === 0 && el.srcPads().length > 0;
      const modelled = el.profile?.kind === 'source';
      for (const pad of el.srcPads()) {
        if (pad.peer === null) continue;
        const fromFile = this.media.get(pad);
        if (fromFile !== undefined) {
          // the file says it: a filesrc pushing caps-less buffers, or a demuxer's/parser's pad with the file's caps
          if (fromFile.caps !== null) this.roots.set(pad, { pad, declaration: { caps: fromFile.caps, source: 'media', message: fromFile.message } });
          continue;
        }
        const presence = factory.padTemplates.find((t) => t.name === pad.templateName)?.presence ?? 'always';
        // a sometimes pad of an element capsflow models (multiqueue's src_%u) follows from the model
        if (isSource ? modelled : presence !== 'sometimes' || el.profile !== null) continue;
        const decl = this.options.declared?.(el.name, pad.name) ?? declared.get(pad);
        if (decl !== undefined) {
          this.roots.set(pad, { pad, declaration: decl });
          continue;
        }
        const own = el.properties['caps'];
        if (isSource && presence === 'always' && capsProperty(factory) && typeof own === 'string') {
          const parsed = Caps.parse(own);
          if (parsed.ok && !parsed.caps.isAny()) {
            this.roots.set(pad, { pad, declaration: { caps: parsed.caps, source: 'property', message: `${el.name} sends the caps its caps property sets; the data that arrives must match them` } });
            continue;
          }
        }
        if (this.options.exporters?.includes(el.name) === true) {
          const message = `${el.name} is simulated as a dma-buf exporter (--memory): its caps are fixated from its template as the memory policy shapes it, standing in for what the device would choose`;
          this.roots.set(pad, { pad, assumed: { caps: null, source: 'declared', message } });
          continue;
        }
        if (isSource && presence === 'always') {
          // a fixed filter right after the source settles it: the source must be able to produce exactly that
          const allowed = peerQuery(pad, pad.template);
          const simple = allowed.isAny() || allowed.isEmpty() ? allowed : allowed.simplify(capsRelease(this.registry));
          if (!simple.isAny() && !simple.isEmpty() && simple.isFixed()) {
            const what = REASON_TEXT[sourceReason(factory, false, el.properties) ?? 'stream'];
            const message = `assuming ${el.name} can produce ${simple.toString()} (what follows it allows nothing else; ${what} may add fields, e.g. colorimetry or pixel-aspect-ratio)`;
            if (!pad.template.isAny()) {
              this.roots.set(pad, { pad, declaration: { caps: simple, source: 'downstream', message } });
              continue;
            }
            // caps-less buffers (an ANY source): only a capsfilter right after gives them caps
            if (pad.peer.element.filterCaps !== null) {
              this.roots.set(pad, { pad, assumed: { caps: simple, source: 'downstream', message } });
              continue;
            }
          }
        }
        this.roots.set(pad, { pad, unknown: this.unknownFor(el, pad, factory, isSource, presence) });
      }
    }
    for (const [pad, r] of this.roots) if (r.declaration !== undefined) this.declaredCaps.set(pad, r.declaration.caps);
    return this.declaredCaps.size > 0;
  }

  private unknownFor(el: ElementNode, pad: PadNode, factory: ElementFactory, isSource: boolean, presence: string): Omit<UnknownCaps, 'element' | 'pad'> {
    const id = `${el.name}.${pad.name}`;
    const declare = `--caps ${id}=CAPS`;
    if (!isSource || presence === 'sometimes') {
      const reason: UnknownReason = isSource ? (sourceReason(factory, false, el.properties) ?? 'stream') : 'stream';
      const from = reason === 'network' ? 'what the network peer sends (the session description)' : "the stream's headers (the container or codec data)";
      return {
        reason,
        message: `${id} is a 'sometimes' pad of ${el.factory} (${factory.klass}): it appears with the stream, and its caps come from ${from}`,
        hint: `declare the stream: ${declare}`,
      };
    }
    const reason = sourceReason(factory, false, el.properties) ?? 'stream';
    const filter = 'or a fixed caps filter right after it';
    const prop = capsProperty(factory) ? `set its caps property (caps="…"), ` : '';
    switch (reason) {
      case 'device':
        return {
          reason,
          message: `${id}: the caps come from the device (${el.factory}, ${factory.klass}); its template lists what the element can handle, not what the device produces`,
          hint: `describe the device: --devices FILE (what gst-device-monitor-1.0 prints on that machine), ${declare}, ${filter}`,
        };
      case 'network':
        return {
          reason,
          message: `${id}: the caps come from the network peer (${el.factory}, ${factory.klass})`,
          hint: `${prop}declare them: ${declare}, ${filter}`,
        };
      case 'not-modelled':
        return {
          reason,
          message: `${id}: capsflow has no model of how ${el.factory} (${factory.klass}) fixates its caps`,
          hint: `declare them: ${declare}, ${filter}`,
        };
      case 'stream':
        return {
          reason,
          message: `${id}: the caps depend on data capsflow was not given (${el.factory}, ${factory.klass}${typeof el.properties['location'] === 'string' ? `, location=${el.properties['location']}` : ''})`,
          hint: `${prop}declare them: ${declare}, ${filter}`,
        };
    }
  }

  /** Device descriptions bound to the pipeline's sources: explicitly by element name, or by factory and selecting properties. */
  private deviceDeclarations(elements: readonly ElementNode[]): Map<PadNode, Declaration> {
    const out = new Map<PadNode, Declaration>();
    const devices = this.options.devices ?? [];
    if (devices.length === 0) return out;
    for (const el of elements) {
      if (!(el.sinkPads().length === 0 && el.srcPads().length > 0)) continue;
      const pads = el.srcPads().filter((p) => p.peer !== null);
      if (pads.length === 0) continue;
      const fits = (d: DeviceDescription): Caps | null => {
        const caps = Caps.fromString(d.caps);
        return pads.every((p) => caps.canIntersect(p.template)) ? caps : null;
      };
      let chosen: { device: DeviceDescription; caps: Caps; how: string } | null = null;
      const bound = devices.filter((d) => d.element === el.name);
      if (bound.length > 0) {
        const caps = fits(bound[0]!);
        if (caps === null) {
          this.deviceNotes.push(`${el.name}: the device ${describe(bound[0]!)} offers ${bound[0]!.caps}, which its pad template refuses; not used`);
          continue;
        }
        chosen = { device: bound[0]!, caps, how: 'bound by name' };
      } else {
        const candidates = devices.filter((d) => d.element === undefined && d.launch?.factory === el.factory);
        const selected = candidates.filter((d) => this.selects(el, d));
        // one described device of that factory, and the element names none: the one it opens, assumed
        const namesNone = (d: DeviceDescription): boolean => Object.keys(d.launch?.properties ?? {}).every((k) => el.properties[k] === undefined);
        const pick = selected.length > 0 ? selected : candidates.length === 1 && namesNone(candidates[0]!) ? candidates : [];
        const d = pick[0];
        if (d === undefined) continue;
        const caps = fits(d);
        if (caps === null) continue;
        const how = selected.length > 0 ? 'its properties select it' : `the only ${el.factory} device described, though ${el.name}'s properties do not name it`;
        chosen = { device: d, caps, how };
      }
      for (const p of pads) {
        out.set(p, {
          caps: chosen.caps,
          source: 'declared',
          message: `${el.name}.${p.name}: the formats of ${describe(chosen.device)} (${chosen.how}) as the device monitor listed them; among several, GStreamer's default fixation is assumed (a driver may prefer its current format)`,
        });
      }
    }
    return out;
  }

  /** every property the monitor's launch line sets is what the element sets, or its default */
  private selects(el: ElementNode, d: DeviceDescription): boolean {
    for (const [k, v] of Object.entries(d.launch?.properties ?? {})) {
      const mine = el.properties[k];
      const value = mine !== undefined ? String(mine) : this.registry.property(el.factory, k)?.default;
      if (value === undefined || value === null || String(value) !== v) return false;
    }
    return true;
  }

  /**
   * The honest result: the unknowns, the pads downstream of them (hidden), the assumptions behind the
   * pads that are reported, and the verdict. `padCaps` are the caps the engine stored (pad id → text).
   */
  report(elements: readonly ElementNode[], padCaps: Readonly<Record<string, string>>, error: NegotiationError | null, badInput: boolean): HonestReport {
    const unknowns: UnknownCaps[] = [];
    const assumptions: Assumption[] = [];
    const notes: string[] = [...this.deviceNotes];
    const starts: PadNode[] = [];
    for (const r of this.roots.values()) {
      const el = r.pad.element.name;
      if (r.unknown !== undefined) {
        unknowns.push({ element: el, pad: r.pad.name, ...r.unknown });
        starts.push(r.pad);
      }
    }
    for (const t of this.templateOnly.values()) {
      if (t.kind !== 'unknown') continue;
      const id = t.pad.id;
      unknowns.push({
        element: t.pad.element.name,
        pad: t.pad.name,
        reason: 'not-modelled',
        message: `${id}: ${t.pad.element.factory} is known by its pad templates only, and they do not settle its output (${t.caps.isAny() ? 'ANY' : `${t.caps.size} structure(s) left, not fixed`})`,
        hint: `declare them: --caps ${id}=CAPS, or a fixed caps filter right after it`,
      });
      starts.push(t.pad);
    }
    // a declared pad settles what follows it, whatever came before it
    const settled = new Set([...this.roots.values()].filter((r) => r.declaration !== undefined).map((r) => r.pad));
    const hidden = downstreamOf(starts, settled);
    const shown = (pad: PadNode): string | undefined => (hidden.has(pad.id) ? undefined : padCaps[pad.id]);
    for (const r of this.roots.values()) {
      const caps = shown(r.pad);
      if (r.declaration?.source === 'media') continue;
      if (r.declaration !== undefined) {
        assumptions.push({ element: r.pad.element.name, pad: r.pad.name, caps: caps ?? r.declaration.caps.toString(), source: r.declaration.source, message: r.declaration.message });
      } else if (r.assumed !== undefined) {
        const text = r.assumed.caps?.toString() ?? caps;
        if (text !== undefined) assumptions.push({ element: r.pad.element.name, pad: r.pad.name, caps: text, source: r.assumed.source, message: r.assumed.message });
      }
    }
    for (const t of this.templateOnly.values()) {
      const caps = shown(t.pad);
      if (t.kind !== 'assumed' || caps === undefined) continue;
      assumptions.push({ element: t.pad.element.name, pad: t.pad.name, caps, source: 'template-only', message: `${t.pad.element.factory} is known by its pad templates only: its output is the one caps its template and what follows allow` });
    }
    for (const el of elements) {
      const factory = this.registry.get(el.factory);
      if (factory === undefined) continue;
      // an unprofiled element run as a pass-through filter: its output is assumed, not known
      if (el.modelKind === 'template-only' && el.model instanceof BaseTransform) {
        for (const p of el.srcPads()) {
          const caps = shown(p);
          if (caps !== undefined) assumptions.push({ element: el.name, pad: p.name, caps, source: 'template-only', message: `${el.factory} is known by its pad templates only: assumed to pass caps through (basetransform defaults)` });
        }
      }
      // a display sink modelled with a documented default display (ximagesink): that default is the assumption
      const display = (el.model as { readonly displayAssumption?: unknown }).displayAssumption;
      if (typeof display === 'string') {
        for (const p of el.sinkPads()) {
          const caps = shown(p);
          if (caps !== undefined) assumptions.push({ element: el.name, pad: p.name, caps, source: 'default', message: display });
        }
      }
      // display and device sinks: what they accept comes from the display or the device
      if (el.srcPads().length === 0 && el.profile === null && isDeviceSink(factory)) {
        for (const p of el.sinkPads()) {
          const caps = shown(p);
          if (caps !== undefined) {
            assumptions.push({
              element: el.name,
              pad: p.name,
              caps,
              source: 'default',
              message: autoSinkMessage(el, factory, this.registry) ?? `assuming ${el.name} accepts these caps: a ${factory.klass} element's formats come from the display or device (X visual, Wayland/DRM formats, the sound server); capsflow uses its template`,
            });
          }
        }
      }
    }
    for (const u of fieldUnknowns(elements, hidden)) unknowns.push(u);
    let verdict: NegotiationVerdict;
    let err = error;
    if (err !== null) {
      const at = err.element !== undefined ? elements.find((e) => e.name === err!.element) : undefined;
      const tainted = !badInput && at !== undefined && at.pads.some((p) => hidden.has(p.id));
      if (tainted) {
        notes.push(`${err.message} — but this depends on caps capsflow cannot know, so it is not a verdict`);
        err = null;
        verdict = 'undetermined';
      } else verdict = 'failed';
    } else verdict = unknowns.some((u) => u.fields === undefined) || decisiveUnmodelled(elements, unknowns, this.registry) ? 'undetermined' : 'negotiated';
    return { verdict, error: err, unknowns, assumptions, hidden, notes };
  }
}

/**
 * The fields an element makes from its data that capsflow leaves out of a src pad's caps (base/output.ts
 * `partial`), named where they start: not again at an element that only carries them on.
 */
function fieldUnknowns(elements: readonly ElementNode[], hidden: ReadonlySet<string>): UnknownCaps[] {
  const out: UnknownCaps[] = [];
  for (const el of elements) {
    for (const pad of el.srcPads()) {
      if (pad.caps === null || hidden.has(pad.id)) continue;
      const missing = missingFields(pad.caps);
      if (missing === undefined) continue;
      const inherited = new Set(el.sinkPads().flatMap((p) => (p.caps === null ? [] : [...(missingFields(p.caps) ?? [])])));
      const unmodelledIn = (m: readonly string[] | undefined): boolean => m !== undefined && (m.length === 0 || m.includes('*'));
      const upstreamUnmodelled = el.sinkPads().some((p) => p.caps !== null && unmodelledIn(missingFields(p.caps)));
      if (unmodelledIn(missing) && !upstreamUnmodelled) {
        out.push({
          element: el.name,
          pad: pad.name,
          fields: [],
          reason: 'not-modelled',
          message: `${pad.id}: ${el.factory} adds fields from the data it makes (a stream header, codec data, profile or level) that capsflow does not model; its caps are reported without them`,
          hint: 'run the pipeline (gst-launch-1.0 -v) to see them, or declare them: --caps ' + pad.id + '=CAPS',
        });
      }
      const own = missing.filter((f) => f !== '*' && !inherited.has(f));
      if (own.length === 0) continue;
      out.push({
        element: el.name,
        pad: pad.name,
        fields: own,
        reason: 'stream',
        message: `${pad.id}: ${el.factory} makes ${own.join(', ')} from the data or at random when it runs (not reproducible without running it); capsflow reports ${pad.id} and the pads that carry ${own.length === 1 ? 'it' : 'them'} on without ${own.length === 1 ? 'it' : 'them'}`,
        hint: 'run the pipeline (gst-launch-1.0 -v) to see ' + (own.length === 1 ? 'it' : 'them') + '; a payloader\'s ssrc, timestamp-offset and seqnum-offset are fixed by setting those properties',
      });
    }
  }
  return out;
}

/**
 * An encoder whose added fields are not modelled (fields: []) feeding a muxer or a payloader (they refuse
 * a stream without the codec data they need: matroskamux and AV1): whether it negotiates rests on what is
 * unknown. Sinks, elements that carry the caps on unchanged and the rest (decoders read their template) do not decide.
 */
function decisiveUnmodelled(elements: readonly ElementNode[], unknowns: readonly UnknownCaps[], registry: Registry): boolean {
  for (const u of unknowns) {
    if (u.fields === undefined || u.fields.length > 0) continue;
    const el = elements.find((e) => e.name === u.element);
    let pad = el?.srcPads().find((p) => p.name === u.pad) ?? null;
    for (let n = 0; pad !== null && n < 10000; n++) {
      const next = pad.peer?.element;
      if (next === undefined || next.srcPads().length === 0) break;
      const carried = next.srcPads().find((p) => p.caps !== null && pad!.caps !== null && p.caps === pad!.caps);
      const klass = registry.get(next.factory)?.klass.split('/') ?? [];
      if (carried === undefined && (klass.includes('Muxer') || klass.includes('Payloader'))) return true;
      if (carried === undefined) break;
      pad = carried;
    }
  }
  return false;
}

/** Pads whose caps depend on these pads: their peers, and on through every element they reach. */
function downstreamOf(starts: readonly PadNode[], settled: ReadonlySet<PadNode>): Set<string> {
  const out = new Set<string>();
  const work = [...starts];
  const seen = new Set<PadNode>();
  while (work.length > 0) {
    const pad = work.pop()!;
    if (seen.has(pad) || settled.has(pad)) continue;
    seen.add(pad);
    out.add(pad.id);
    const peer = pad.peer;
    if (peer === null) continue;
    out.add(peer.id);
    for (const o of peer.element.srcPads()) work.push(o);
  }
  return out;
}

/**
 * autovideosink / autoaudiosink (GstAutoDetect bins): the child is the first factory by rank (then name) of
 * rank marginal or more whose klass says Sink and Video/Audio and whose sink template takes the filter caps
 * (video/x-raw, audio/x-raw), among those that open on the machine (READY succeeds). The candidates come from
 * the registry; which one opens depends on the display or sound server, so the child is named as the first
 * candidate with the fallbacks, and the caps stay the bin's template.
 */
function autoSinkMessage(el: ElementNode, factory: ElementFactory, registry: Registry): string | null {
  const chain = factory.typeChain ?? [];
  if (!chain.includes('GstAutoDetect')) return null;
  const kind = factory.klass.split('/').includes('Audio') ? 'Audio' : 'Video';
  const filter = Caps.fromString(kind === 'Audio' ? 'audio/x-raw' : 'video/x-raw');
  const candidates = registry
    .names()
    .map((n) => registry.get(n))
    .filter((f): f is ElementFactory => f !== undefined && f.name !== factory.name && f.rank >= 64)
    .filter((f) => {
      const k = f.klass.split('/');
      if (!k.includes('Sink') || !k.includes(kind) || (f.typeChain ?? []).includes('GstAutoDetect')) return false;
      return f.padTemplates.some((t) => t.direction === 'sink' && Caps.fromString(t.caps).canIntersect(filter));
    })
    .sort((a, b) => b.rank - a.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (candidates.length === 0) return `${el.name} finds no ${kind.toLowerCase()} sink of rank marginal or more in the registry: it falls back to a fake sink; capsflow uses its template`;
  const [first, ...rest] = candidates;
  return `assuming ${el.name} accepts these caps: it is a bin whose child is the first ${kind.toLowerCase()} sink by rank that opens on the machine — ${first!.name} (rank ${String(first!.rank)})${rest.length > 0 ? `, else ${rest.map((f) => `${f.name} (${String(f.rank)})`).join(', ')}` : ''}; which one opens and what it takes come from the ${kind === 'Video' ? 'display (an X display without XVideo, as Xvfb, skips xvimagesink)' : 'sound server or the sound card'}, so capsflow uses the bin's template`;
}

/** Sinks whose accepted formats come from a display or a device (Sink/Video, Sink/Audio, Video/Sink/Hardware …). */
function isDeviceSink(factory: ElementFactory): boolean {
  const k = factory.klass.split('/');
  return k.includes('Sink') && (k.includes('Video') || k.includes('Audio')) && !k.includes('File') && !k.includes('Network');
}

function describe(d: DeviceDescription): string {
  return `${d.name !== undefined ? `'${d.name}'` : 'the device'}${d.origin !== undefined ? ` (${d.origin})` : ''}`;
}
