/**
 * GstBaseSink: the sink pad answers with its template (or, for a subclass whose get_caps returns a caps
 * property such as appsink's, with that property) and accepts subsets of it; nothing is pushed on.
 */
import { Caps } from '../../caps/index.js';
import type { CapsEventResult, ModelHost } from '../engine/model.js';
import type { AllocationClass, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import { VIDEO_META } from './allocation.js';
import type { BehaviourProfile } from '../engine/profile.js';
import { GstElementModel, NO_PUSHES, templateAnswer, type ModelOptions } from './element.js';

export interface BaseSinkOptions extends ModelOptions {
  /** a profiled sink (absent: a sink modelled by its base class alone) */
  readonly profiled?: boolean;
  /** get_caps answers with this caps property instead of the template (appsink caps=) */
  readonly capsProperty?: string;
  /** its own propose_allocation (default: videocodectestsink's when the registry says so, else FALSE as GstBaseSink's) */
  readonly proposeAllocation?: (host: AllocationHost, el: ElementNode, q: AllocationQuery) => boolean;
}

/** the class that installed GstVideoCodecTestSink's propose_allocation: it lists GstVideoMeta only (it maps frames with their video meta) */
const VIDEO_CODEC_TEST_SINK = 'GstVideoCodecTestSink';

export class BaseSink extends GstElementModel {
  override readonly baseClass: string = 'GstBaseSink';
  override readonly profile: BehaviourProfile | null;
  private readonly capsProperty: string | undefined;
  private readonly propose: BaseSinkOptions['proposeAllocation'];

  constructor(options: BaseSinkOptions = {}) {
    super(options);
    this.capsProperty = options.capsProperty;
    this.propose = options.proposeAllocation;
    this.profile = options.profiled !== true ? null : options.capsProperty === undefined ? { kind: 'sink' } : { kind: 'sink', capsProperty: options.capsProperty };
  }

  override configure(el: ElementNode): void {
    if (this.capsProperty === undefined) return;
    const c = el.properties[this.capsProperty];
    if (typeof c === 'string') el.propertyCaps = Caps.fromString(c);
  }

  override *queryCaps(host: ModelHost, pad: PadNode, filter: Caps | null): Op<Caps> {
    const el = pad.element;
    if (this.capsProperty !== undefined && el.propertyCaps !== null) {
      // appsink's get_caps: its caps property instead of the template
      return filter === null ? el.propertyCaps : host.inter.first1(pad, filter, 'filter', el.propertyCaps, `${el.name} ${this.capsProperty} property`);
    }
    return templateAnswer(host, pad, filter);
  }

  override setCaps(): CapsEventResult {
    return NO_PUSHES;
  }

  // ---- allocation: the sink pad's query → propose_allocation ----------------------------------------------
  override get allocationClass(): AllocationClass {
    return 'GstBaseSink';
  }

  override setupAllocation(host: AllocationHost, el: ElementNode): void {
    const owner = host.facts(el)?.vfuncs?.propose_allocation;
    if (this.propose === undefined && owner !== undefined && owner !== null && owner !== VIDEO_CODEC_TEST_SINK) {
      host.note(`${el.name} (${el.factory}): propose_allocation of ${owner} not modelled, assumed to answer FALSE as GstBaseSink does without one`);
    }
  }

  override queryAllocation(): 'propose' {
    return 'propose';
  }

  override *proposeAllocation(host: AllocationHost, sink: PadNode, q: AllocationQuery): AllocOp<boolean> {
    const el = sink.element;
    if (this.propose !== undefined) return this.propose(host, el, q);
    if (host.facts(el)?.vfuncs?.propose_allocation !== VIDEO_CODEC_TEST_SINK) return false;
    q.metas.push(VIDEO_META);
    return true;
  }

  override sendsAllocation(): AllocationSend | null {
    return null;
  }

  override bufferHandling(): BufferHandling {
    return 'end';
  }
}
