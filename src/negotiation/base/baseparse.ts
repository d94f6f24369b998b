/**
 * GstBaseParse: both pads answer with their templates; the output is the input clipped by the src
 * template and fixated (what a parser passes on before the data says more), unless the subclass
 * builds its caps from what it reads (`parse`). The stream facts behind the input go on with the
 * output. A buffer before caps is passed to the subclass, which decides from the data.
 */
import type { Caps } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';
import type { ModelHost, Op } from '../engine/model.js';
import type { PadNode } from '../engine/model.js';
import type { NegotiationError } from '../types.js';
import { intersectFirst, intersectZigzag, peerQueryCaps, queryCaps, run } from '../engine/query.js';
import { rawAudio, streamOf, withStream } from '../media/audio.js';
import { videoStreamOf, withVideoStream } from '../media/video.js';
import type { ModelOptions } from './element.js';
import { OutputModel, isPartial, missingFields, partial, type Output } from './output.js';

export interface BaseParseOptions extends ModelOptions {
  /**
   * the caps the subclass sets from its input caps (and the stream facts travelling with them) and its
   * properties; null when only the data can tell, undefined for the base class's (the input clipped
   * by the src template)
   */
  readonly parse?: (input: Caps, props: Readonly<Record<string, PropertyValue>>) => Caps | null | undefined;
  /** an element whose output is not made from its input: its fixation of what downstream allows of its src template */
  readonly fixateOutput?: (allowed: Caps) => Caps | null;
}

export class BaseParse extends OutputModel<BaseParseOptions> {
  override readonly baseClass: string = 'GstBaseParse';
  readonly kind = 'parse';

  /**
   * GstBaseParse without get_sink_caps: the pad's template, filtered. In a bin around a parser (audioparse →
   * rawaudioparse) a CAPS query on a ghost pad is the child's pad's answer (gst_proxy_pad_query_default): its
   * template, not the bin's ANY.
   */
  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    const child = this.child;
    // a registry without the child (one handed in) leaves the bin's own template
    if (child === null || host.registry.padTemplate(child, pad.templateName) === undefined) return yield* super.queryCaps(host, pad, filter);
    const template = host.registry.templateCaps(child, pad.templateName);
    return filter === null ? template : host.inter.first1(pad, filter, 'filter', template, `${pad.id} (${child}.${pad.templateName} template)`);
  }

  protected output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const el = sink.element;
    const own = this.options.parse?.(caps, el.properties);
    let out = own === undefined ? parseOutput(host, src, caps) : own;
    const fixateOutput = this.options.fixateOutput;
    if (fixateOutput !== undefined) {
      // its output is its own (a visualiser's video): downstream's caps (unfiltered) ∩ the src template
      const allowed = src.peer === null ? src.template : intersectZigzag(run(host, peerQueryCaps(src, null)), src.template);
      if (allowed.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts nothing of its src template`) };
      out = fixateOutput(allowed);
    }
    // what a modelled encoder left out, the parser passes on missing too
    if (isPartial(caps)) out = partial(out, missingFields(caps));
    out = withStream(out, streamOf(caps) ?? rawAudio(caps.structure(0)) ?? undefined);
    return withVideoStream(out, videoStreamOf(caps) ?? null);
  }

  /** the subclass decides from the data */
  override bufferWithoutCaps(_host: ModelHost, _sink: PadNode): NegotiationError | readonly PadNode[] {
    return [];
  }
}

/** a parser passes its input on, clipped by its src template and fixated (parsed=true and friends) */
function parseOutput(host: ModelHost, src: PadNode, incaps: Caps): Caps | null {
  let out = intersectFirst(incaps, src.template);
  if (out.isEmpty()) return null;
  if (!out.isFixed() && src.peer !== null) {
    const peer = run(host, queryCaps(src.peer, out));
    if (!peer.isEmpty()) out = intersectFirst(out, peer);
  }
  out = out.fixate();
  return out.isFixed() ? out : null;
}

