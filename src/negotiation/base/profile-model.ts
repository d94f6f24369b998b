/**
 * A behaviour profile (data: engine/profile.ts) turned into the base-class model it spells. A transform
 * or codec profile names the algorithm of a registered model, whose vmethods then run under the
 * profile's flags.
 */
import type { ElementModel } from '../engine/model.js';
import type { BehaviourProfile } from '../engine/profile.js';
import { BaseSink } from './basesink.js';
import { BaseSrc } from './basesrc.js';
import type { BaseTransform } from './basetransform.js';
import { ProxyPads, Tee } from './proxy.js';
import type { FixedOutputVideoCodec } from './videocodec.js';

export interface ProfileAlgorithms {
  readonly transforms: ReadonlyMap<string, BaseTransform>;
  readonly codecs: ReadonlyMap<string, FixedOutputVideoCodec>;
}

/** The model a (validated) profile describes; `registered` is the factory's registered model, if any. */
export function modelFromProfile(p: BehaviourProfile, algorithms: ProfileAlgorithms, registered: ElementModel | undefined): ElementModel {
  switch (p.kind) {
    case 'source':
      // what the element's set_caps reads and the tags it sends are its own, whatever fixation the profile asks for
      return registered instanceof BaseSrc ? registered.withFixate(p.fixate) : new BaseSrc({ fixate: p.fixate });
    case 'sink':
      return new BaseSink(p.capsProperty === undefined ? { profiled: true } : { profiled: true, capsProperty: p.capsProperty });
    case 'proxy':
      return new ProxyPads({}, p);
    case 'tee':
      return new Tee();
    case 'transform':
      return algorithms.transforms.get(p.algorithm)!.withProfile(p);
    case 'video-codec':
      return algorithms.codecs.get(p.algorithm)!.withProfile(p);
  }
}
