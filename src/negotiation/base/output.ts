/**
 * The base classes whose negotiation code is more than a template answer or a transform: the codec
 * base classes, baseparse, the aggregators, the text overlay. What they share: how a CAPS event turns
 * into the caps the element pushes (the output state the base class builds from the input), the
 * encoders' partial caps, the proxy getcaps, and GstVideoInfo of the input.
 *
 * What a subclass adds on top (codec headers such as streamheader, values a parser reads from the data)
 * cannot be known from the registry: an element model under elements/ overrides the vmethod that builds
 * it; without one, results say which base class's defaults were used.
 */
import { Caps, fraction, getField, setField, type CapsEntry, type Structure, type Value } from '../../caps/index.js';
import type { CapsEventResult, ModelHost } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { intersectFirst, intersectZigzag, peerQueryCaps, queryCaps } from '../engine/query.js';
import { videoInfoColour } from '../media/colour.js';
import type { GstVersion } from '../registry/registry.js';
import type { NegotiationError } from '../types.js';
import { GstElementModel, NO_PUSHES, type ModelOptions } from './element.js';

export type BaseClassKind =
  | 'transform'
  | 'audio-encoder'
  | 'audio-decoder'
  | 'video-encoder'
  | 'video-decoder'
  | 'parse'
  | 'aggregator'
  | 'video-aggregator'
  | 'audio-aggregator'
  | 'text-overlay'
  | 'rtp-payload'
  | 'source'
  | 'sink';

/** What a base class's CAPS event handling hands back: the output caps (null: the data decides), or a result as it stands. */
export type Output = Caps | null | CapsEventResult;

/**
 * A base class that builds its own output from its input. Its ACCEPT_CAPS answers are never memoised
 * (an encoder's partial caps are told by object), nor are an aggregator's CAPS answers (they read the
 * pads' current caps).
 */
export abstract class OutputModel<O extends ModelOptions = ModelOptions> extends GstElementModel {
  abstract readonly kind: BaseClassKind | 'collect';
  override readonly pure: { readonly caps: boolean; readonly accept: boolean } = { caps: true, accept: false };
  /** the element is outside the base classes (a plain GstElement) and negotiates as this one */
  readonly standalone: boolean;

  /** the subclass's vmethods and facts */
  protected readonly options: O;

  constructor(options: O = {} as O) {
    super(options);
    this.standalone = options.standalone === true;
    this.options = options;
  }

  /** the same model under another GType's name (an element outside the base classes modelled as one) */
  named(baseClass: string): this {
    if (baseClass === this.baseClass) return this;
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this, { baseClass });
    return copy;
  }

  /** the caps the base class sets on `src` for `caps` arriving on `sink` */
  protected abstract output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output;

  /** A CAPS event arriving on `sink`: the caps it sets on its src pad. */
  override setCaps(host: ModelHost, sink: PadNode, caps: Caps): CapsEventResult {
    const el = sink.element;
    const src = el.srcPads()[0];
    if (src === undefined) return NO_PUSHES;
    const out = this.output(host, sink, src, caps);
    if (out !== null && !(out instanceof Caps)) return out;
    if (out === null) {
      // the caps say too little (an encoded stream without its size, say): the element decides from the
      // data, which a static answer cannot see, so nothing is claimed for its output
      host.notes.push(`${el.name}: its output caps depend on the stream (${this.baseClass} cannot build them from ${caps.toString()}); none given`);
      return NO_PUSHES;
    }
    if (out.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts none of the outputs for ${caps.toString()}`) };
    el.passthrough = out.isEqual(caps);
    return { ok: true, pushes: [{ pad: src, caps: out }] };
  }

  /** codecs refuse buffers before caps; aggregators pass nothing on without caps either */
  override bufferWithoutCaps(host: ModelHost, sink: PadNode): NegotiationError | readonly PadNode[] {
    return host.notNegotiated(sink, `${sink.element.name} received a buffer before any caps (not negotiated)`);
  }
}

// ---- encoders' partial caps --------------------------------------------------------------------------

/**
 * Caps whose fields are not all known: an encoder's output built here lacks what the element makes from
 * its data (streamheader, codec_data …). The named fields are reported as unknown (declare/honesty.ts);
 * an empty list (or one holding '*'): the subclass is not modelled, so which (other) fields it adds is not
 * known either.
 */
const PARTIAL = new WeakMap<Caps, readonly string[]>();

export const partial = (c: Caps | null, fields: readonly string[] = []): Caps | null => {
  if (c !== null) PARTIAL.set(c, [...new Set([...(PARTIAL.get(c) ?? []), ...fields])]);
  return c;
};

export const isPartial = (c: Caps): boolean => PARTIAL.has(c);

/** the fields a partial caps leaves out (empty: not known which), undefined when it is complete */
export const missingFields = (c: Caps): readonly string[] | undefined => PARTIAL.get(c);

export const sval = (value: string): Value => ({ kind: 'string', value });
export const single = (structure: Structure, features: CapsEntry['features']): Caps => Caps.fromEntries([{ structure, features }]);

/** a string field's value, or the first of a list */
export function firstString(v: Value | undefined): string | null {
  if (v === undefined) return null;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'list') {
    const first = v.items[0];
    return first?.kind === 'string' ? first.value : null;
  }
  return null;
}

// ---- the codecs' proxy getcaps ----------------------------------------------------------------------

/**
 * __gst_{audio,video}_element_proxy_caps: for each template structure, for each caps structure, the
 * template's name and features with only the proxied fields of the caps (set in the fixed order), merged.
 */
function proxyCaps(templ: Caps, caps: Caps, fields: readonly string[]): Caps {
  let result = Caps.EMPTY;
  for (const t of templ.entries) {
    for (const c of caps.entries) {
      const out: { name: string; value: Value }[] = [];
      for (const f of fields) {
        const v = getField(c.structure, f);
        if (v !== undefined) out.push({ name: f, value: v });
      }
      result = result.merge(Caps.fromEntries([{ structure: { name: t.structure.name, fields: out }, features: t.features }]));
    }
  }
  return result;
}

/** the codec sink pad's CAPS answer (__gst_*_element_proxy_getcaps) */
export function* proxyGetcaps(host: ModelHost, el: ElementNode, sink: PadNode, filter: Caps | null, fields: readonly string[], templ = sink.template): Op<Caps> {
  const src = el.srcPads()[0];
  if (src === undefined) return filter === null ? templ : intersectFirst(filter, templ);
  const srcTempl = src.template;
  const peer = filter !== null && !filter.isAny() ? yield* peerQueryCaps(src, proxyCaps(srcTempl, filter, fields)) : yield* peerQueryCaps(src, null);
  const allowed = intersectFirst(peer, srcTempl);
  if (allowed.isAny()) return templ;
  if (allowed.isEmpty()) return allowed;
  let fcaps = intersectZigzag(proxyCaps(templ, allowed, fields), templ);
  if (filter !== null) fcaps = host.inter.zigzag(sink, fcaps, `${sink.id} (what downstream of ${el.name} allows)`, filter, 'filter');
  return fcaps;
}


/**
 * ACCEPT_CAPS on a codec's sink pad: within the template and compatible with what the sink pad answers
 * now. An encoder modelled here leaves out the fields its subclass adds (streamheader, mapping
 * families), so its caps only need to fit the template, not to fill it.
 */
export function* codecAcceptCaps(pad: PadNode, caps: Caps): Op<boolean> {
  if (isPartial(caps) ? !caps.canIntersect(pad.template) : !caps.isSubset(pad.template)) return false;
  const q = yield* queryCaps(pad, caps);
  return caps.canIntersect(q);
}


// ---- GstVideoInfo of an input, and fitting an output to it -------------------------------------------

export interface InputVideo {
  readonly width: Value;
  readonly height: number;
  readonly heightValue: Value;
  readonly par: Value;
  readonly fps: Value;
  readonly interlace: string;
  readonly colorimetry: string | null;
  readonly chromaSite: string | null;
}

/** the GstVideoInfo a raw (or encoded, sized) input carries: sizes, rates, interlacing, colour */
export function inputVideo(s: Structure, release: GstVersion = '1.22'): InputVideo | null {
  const w = getField(s, 'width');
  const h = getField(s, 'height');
  if (w?.kind !== 'int' || h?.kind !== 'int') return null;
  const par = getField(s, 'pixel-aspect-ratio');
  const fps = getField(s, 'framerate');
  const im = getField(s, 'interlace-mode');
  const format = firstString(getField(s, 'format'));
  const c = getField(s, 'colorimetry');
  const cs = getField(s, 'chroma-site');
  const colour = format === null ? { colorimetry: c?.kind === 'string' ? c.value : null, chromaSite: cs?.kind === 'string' ? cs.value : null } : videoInfoColour(format, h.value, c, cs, release);
  return {
    width: w,
    height: h.value,
    heightValue: h,
    par: par?.kind === 'fraction' ? par : fraction(1, 1),
    fps: fps?.kind === 'fraction' ? fps : fraction(0, 1),
    interlace: im?.kind === 'string' && im.value !== null ? im.value : 'progressive',
    ...colour,
  };
}

/** the first structure of `allowed` that fixates, with the input's values where they fit */
export function fitInput(allowed: Caps, inS: Structure): Caps | null {
  for (const e of allowed.entries) {
    let s = e.structure;
    for (const f of s.fields) {
      const v = getField(inS, f.name);
      if (v === undefined) continue;
      const candidate = setField(s, f.name, v);
      if (single(candidate, e.features).canIntersect(single(s, e.features))) s = candidate;
    }
    const fixed = single(s, e.features).fixate();
    if (fixed.isFixed()) return fixed;
  }
  return null;
}


/** the pad's sibling sink pad that already has caps (a configured input of a mixer) */
export const configuredSibling = (el: ElementNode, pad: PadNode): Caps | null => el.sinkPads().find((p) => p !== pad && p.caps !== null)?.caps ?? null;
