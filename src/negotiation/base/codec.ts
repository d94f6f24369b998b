/**
 * What the codec base classes (GstVideoEncoder, GstVideoDecoder, GstAudioEncoder, GstAudioDecoder) share:
 * ACCEPT_CAPS on the sink pad against the proxy getcaps, and their ALLOCATION handling. They always
 * allocate their output: the sink pad answers the query (gst_video_encoder_propose_allocation_default: a
 * video pool with GstVideoMeta; the others propose nothing and answer TRUE), and the src pad's query ends in
 * decide_allocation (GstVideoDecoder's: a video pool; the rest keep only the allocator and params).
 *
 * Which subclass installed propose_allocation / decide_allocation is the registry's fact; what such an own
 * vmethod does is assumed as the common subclasses do it (jpegenc, pngenc, vp8enc list GstVideoMeta then
 * chain up; jpegdec, vp8dec, theoradec add the VideoMeta option when downstream lists the meta), and noted.
 */
import type { Caps } from '../../caps/index.js';
import type { AllocationDecision, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { ElementNode, ModelHost, Op, PadNode } from '../engine/model.js';
import { queryCaps } from '../engine/query.js';
import { decided, offerVideoPool, VIDEO_META, videoMetaOption, videoPool } from './allocation.js';
import type { ModelOptions } from './element.js';
import { codecAcceptCaps, OutputModel } from './output.js';

const CODEC_CLASSES = {
  'video-encoder': 'GstVideoEncoder',
  'video-decoder': 'GstVideoDecoder',
  'audio-encoder': 'GstAudioEncoder',
  'audio-decoder': 'GstAudioDecoder',
} as const;
type CodecClass = (typeof CODEC_CLASSES)[keyof typeof CODEC_CLASSES];

/** the subclasses whose own propose_allocation (encoders) / decide_allocation (decoders) is the one assumed */
const META_FIRST_ENCODERS = ['GstJpegEnc'];
const VIDEO_META_DECODERS = ['GstJpegDec', 'GstPngDec', 'GstVPXDec', 'GstTheoraDec', 'GstWebPDec', 'GstOpenJPEGDec'];

interface CodecState {
  /** the encoder's own propose_allocation lists GstVideoMeta, then chains up */
  readonly metaFirst: boolean;
  /** the decoder's own decide_allocation adds the VideoMeta option to GstVideoDecoder's pool when downstream lists GstVideoMeta */
  readonly ownDecide: boolean;
}

export abstract class CodecModel<O extends ModelOptions> extends OutputModel<O> {
  /** the codec base class its kind names */
  override get allocationClass(): CodecClass {
    return CODEC_CLASSES[this.kind as keyof typeof CODEC_CLASSES];
  }

  override *acceptCaps(_host: ModelHost, pad: PadNode, caps: Caps): Op<boolean> {
    if (pad.direction === 'sink') return yield* codecAcceptCaps(pad, caps);
    const allowed = yield* queryCaps(pad, null);
    return caps.isSubset(allowed);
  }

  private get videoEncoder(): boolean {
    return this.allocationClass === 'GstVideoEncoder';
  }

  private codecState(host: AllocationHost, el: ElementNode): CodecState {
    return host.state(el, this.makeCodecState);
  }

  private readonly makeCodecState = (host: AllocationHost, el: ElementNode): CodecState => {
    const base = this.allocationClass;
    const v = host.facts(el)?.vfuncs;
    // without facts: a model with a profile (jpegenc, jpegdec) is the subclass that has them
    const profiled = el.profile?.kind === 'video-codec';
    const owner = v?.propose_allocation;
    const metaFirst = this.videoEncoder && (owner === undefined ? profiled : owner !== null && owner !== base);
    if (metaFirst && owner !== undefined && !META_FIRST_ENCODERS.includes(owner ?? '')) {
      host.note(`${el.name} (${el.factory}): propose_allocation of ${owner} assumed to list GstVideoMeta and chain up to GstVideoEncoder's, as jpegenc, pngenc and vp8enc do`);
    } else if (owner !== undefined && owner !== null && owner !== base) {
      host.note(`${el.name} (${el.factory}): propose_allocation of ${owner} not modelled, assumed to chain up to ${base}'s`);
    }
    const decideOwner = v?.decide_allocation;
    const ownDecide = base === 'GstVideoDecoder' && (decideOwner === undefined ? profiled : decideOwner !== null && decideOwner !== base);
    if (ownDecide && decideOwner !== undefined && !VIDEO_META_DECODERS.includes(decideOwner ?? '')) {
      host.note(`${el.name} (${el.factory}): decide_allocation of ${decideOwner} assumed to add the VideoMeta option when downstream lists GstVideoMeta, as jpegdec, vp8dec and theoradec do`);
    }
    return { metaFirst, ownDecide };
  };

  override setupAllocation(host: AllocationHost, el: ElementNode): void {
    this.codecState(host, el);
  }

  override queryAllocation(): 'propose' {
    return 'propose';
  }

  /** GstVideoEncoder: a video pool with GstVideoMeta (align 15); GstAudioEncoder/Decoder and GstVideoDecoder propose nothing and answer TRUE */
  override *proposeAllocation(host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean> {
    if (!this.videoEncoder) return true;
    const el = sink.element;
    if (this.codecState(host, el).metaFirst) q.metas.push(VIDEO_META);
    offerVideoPool(host, el, q, true);
    return true;
  }

  override sendsAllocation(_host: AllocationHost, src: PadNode): AllocationSend | null {
    return src.caps === null ? null : { caps: src.caps, needPool: true, decide: true };
  }

  /** GstVideoDecoder always ends with a video pool of at least the frame size; the others keep allocator and params only */
  override decideAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision {
    if (this.allocationClass !== 'GstVideoDecoder') return decided(host, el, q, null);
    return decided(host, el, q, videoPool(q, this.codecState(host, el).ownDecide ? videoMetaOption(q) : []));
  }

  override bufferHandling(): BufferHandling {
    return 'allocates';
  }
}

