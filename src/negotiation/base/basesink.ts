/**
 * GstBaseSink: the sink pad answers with its template (or, for a subclass whose get_caps returns a caps
 * property such as appsink's, with that property) and accepts subsets of it; nothing is pushed on.
 */
import { Caps } from '../../caps/index.js';
import type { CapsEventResult, ModelHost } from '../engine/model.js';
import type { ElementNode, Op, PadNode } from '../engine/model.js';
import type { BehaviourProfile } from '../engine/profile.js';
import { GstElementModel, NO_PUSHES, templateAnswer, type ModelOptions } from './element.js';

export interface BaseSinkOptions extends ModelOptions {
  /** a profiled sink (absent: a sink modelled by its base class alone) */
  readonly profiled?: boolean;
  /** get_caps answers with this caps property instead of the template (appsink caps=) */
  readonly capsProperty?: string;
}

export class BaseSink extends GstElementModel {
  override readonly baseClass: string = 'GstBaseSink';
  override readonly profile: BehaviourProfile | null;
  private readonly capsProperty: string | undefined;

  constructor(options: BaseSinkOptions = {}) {
    super(options);
    this.capsProperty = options.capsProperty;
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
}
