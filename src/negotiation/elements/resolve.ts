/**
 * Which model an element runs: its registered model (index.ts) or a user's profile for it; else its
 * base class's, chosen from the registry's GType ancestry (base/choose.ts), with the registered model
 * when that is a model of the same base class; else what its pad templates suggest. Also the profiles
 * (the data spelling of the simplest models) as the public API gives and takes them.
 */
import { z } from 'zod';
import type { Caps } from '../../caps/index.js';
import type { ElementFactory } from '../registry/registry.js';
import { BaseSink } from '../base/basesink.js';
import { BaseTransform } from '../base/basetransform.js';
import { baseClassModel, chooseBaseClass, mediaKinds } from '../base/choose.js';
import { Demuxer } from '../base/demuxer.js';
import { GstElementModel } from '../base/element.js';
import { OutputModel, type BaseClassKind } from '../base/output.js';
import { modelFromProfile, type ProfileAlgorithms } from '../base/profile-model.js';
import { FixedOutputVideoCodec } from '../base/videocodec.js';
import type { ModelResolver } from '../engine/link.js';
import type { ElementModel, ResolvedModel } from '../engine/model.js';
import { profileSchema, type BehaviourProfile } from '../engine/profile.js';
import { ELEMENT_MODELS, registeredModel } from './index.js';

/** the transform algorithms and codecs a profile may name: the registered models' own */
const ALGORITHMS: ProfileAlgorithms = (() => {
  const transforms = new Map<string, BaseTransform>();
  const codecs = new Map<string, FixedOutputVideoCodec>();
  for (const m of Object.values(ELEMENT_MODELS)) {
    if (m instanceof BaseTransform && !transforms.has(m.transform.algorithm)) transforms.set(m.transform.algorithm, m);
    if (m instanceof FixedOutputVideoCodec && m.profile.kind === 'video-codec') codecs.set(m.profile.algorithm, m);
  }
  return { transforms, codecs };
})();

const names = (m: ReadonlyMap<string, unknown>): [string, ...string[]] => [...m.keys()] as [string, ...string[]];

export const profilesSchema = z.record(z.string(), profileSchema(names(ALGORITHMS.transforms), names(ALGORITHMS.codecs)));

let builtin: Readonly<Record<string, BehaviourProfile>> | undefined;

/** The built-in behaviour profiles: those of the registered models that have one (validated once with zod). */
export function builtinProfiles(): Readonly<Record<string, BehaviourProfile>> {
  builtin ??= profilesSchema.parse(Object.fromEntries(Object.entries(ELEMENT_MODELS).flatMap(([name, m]) => (m.profile === null ? [] : [[name, m.profile]]))));
  return builtin;
}

/** Validate user-supplied profiles (e.g. from a JSON file); issues carry the JSON path. */
export function parseProfiles(json: unknown): { ok: true; profiles: Record<string, BehaviourProfile> } | { ok: false; issues: { path: (string | number)[]; message: string }[] } {
  const r = profilesSchema.safeParse(json);
  if (r.success) return { ok: true, profiles: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message })) };
}

/** an element with one always sink and one always src pad of the same media types: most likely an in-place filter */
const TEMPLATE_ONLY_FILTER = new BaseTransform({ algorithm: 'identity', baseClass: 'GstElement', needsCaps: false, unprofiled: true, tagNeutral: false });
const TEMPLATE_ONLY = new GstElementModel();

/**
 * a registered sink without a profile (multifilesink) runs GstBaseSink's defaults as its base class would:
 * its model only adds what its render does to the buffers (mapsBuffers), so it stands in for the base class's
 */
const sinkFacts = (registered: ElementModel | undefined, choice: { readonly kind: string; readonly baseClass: string }): boolean =>
  registered instanceof BaseSink && registered.profile === null && choice.kind === 'sink' && registered.baseClass === choice.baseClass;

/**
 * The resolver negotiate() hands the engine. `profiles` replace the registered models' profiles (the
 * elements without one then run as their base class); `gstreamer` is the registry's version, which a
 * model that does not describe it is noted against.
 */
export function modelResolver(profiles: Readonly<Record<string, BehaviourProfile>> | undefined, gstreamer: string): ModelResolver {
  const release = /^(\d+\.\d+)/.exec(gstreamer)?.[1] ?? gstreamer;
  const described = (model: ElementModel, note: string | null): string | null =>
    (model.versions as readonly string[]).includes(release) ? note : [note, `its model restates GStreamer ${model.versions.join(', ')}, not ${release}`].filter((n) => n !== null).join('; ');
  return (factory, templateCaps): ResolvedModel => {
    const registered = registeredModel(factory.name, release);
    if (profiles === undefined) {
      if (registered !== undefined && registered.profile !== null) return { model: registered, kind: 'profile', note: described(registered, null) };
    } else {
      const p = Object.hasOwn(profiles, factory.name) ? profiles[factory.name] : undefined;
      if (p !== undefined) return { model: modelFromProfile(p, ALGORITHMS, registered), kind: 'profile', note: null };
    }
    // an element whose pads come from what it reads (base/demuxer.ts): its own model
    if (registered instanceof Demuxer) return { model: registered, kind: 'base-class', note: described(registered, 'modelled as a demuxer: its pads and their caps come from the data it reads') };
    // no profile: the base class in the registry's typeChain says how it negotiates
    const own = registered instanceof OutputModel ? registered : undefined;
    const choice = chooseBaseClass(factory, templateCaps, own?.standalone === true ? own.kind : undefined);
    if (choice !== null) {
      const model =
        own !== undefined && own.kind === choice.kind
          ? own.named(choice.baseClass)
          : sinkFacts(registered, choice)
            ? (registered as BaseSink)
            : baseClassModel(choice);
      return { model, kind: 'base-class', note: described(model, `no behaviour profile, modelled as its base class: ${choice.note}`) };
    }
    // one always sink and one always src pad of the same media type: most likely an in-place filter
    // (GstBaseTransform's default transform_caps is the identity); anything else answers with its templates
    const fixedPads = factory.padTemplates.every((t) => t.presence === 'always');
    const count = (d: 'src' | 'sink'): number => factory.padTemplates.filter((t) => t.direction === d).length;
    const sinkT = factory.padTemplates.find((t) => t.direction === 'sink');
    const srcT = factory.padTemplates.find((t) => t.direction === 'src');
    // the same media types and memory features on both sides (fields may differ: audiopanorama's channels)
    const sameTemplates = sinkT !== undefined && srcT !== undefined && mediaKinds(templateCaps(sinkT.name)) === mediaKinds(templateCaps(srcT.name));
    if (fixedPads && count('sink') === 1 && count('src') === 1 && sameTemplates) {
      return { model: TEMPLATE_ONLY_FILTER, kind: 'template-only', note: 'no behaviour profile, modelled from its pad templates only, as a filter that passes caps through (basetransform defaults)' };
    }
    return { model: TEMPLATE_ONLY, kind: 'template-only', note: 'no behaviour profile, modelled from its pad templates only' };
  };
}

/** The base-class model a factory without a profile runs (the registry's ancestry, or its registered model's). */
export interface BaseClassModel {
  readonly kind: BaseClassKind | 'collect';
  /** the GType whose behaviour is modelled (GstAudioEncoder), or the element's own type for one outside the base classes */
  readonly baseClass: string;
  /** a base class that builds its own output (codecs, parsers, aggregators); else basetransform, basesrc or basesink defaults */
  readonly hooked: boolean;
}

export interface BaseClassChoice {
  /** the profile the engine runs it by (basetransform defaults), or null */
  readonly behaviour: BehaviourProfile | null;
  readonly model: BaseClassModel;
  readonly note: string;
}

/** The base-class model for a factory without a profile, or null when its ancestry is unknown and nothing else says how it behaves. */
export function chooseBaseClassModel(factory: ElementFactory, templateCaps: (template: string) => Caps): BaseClassChoice | null {
  const registered = Object.hasOwn(ELEMENT_MODELS, factory.name) ? ELEMENT_MODELS[factory.name] : undefined;
  const own = registered instanceof OutputModel && registered.standalone ? registered.kind : undefined;
  const pick = chooseBaseClass(factory, templateCaps, own);
  if (pick === null) return null;
  const model = baseClassModel(pick);
  const hooked = pick.kind !== 'transform' && pick.kind !== 'source' && pick.kind !== 'sink';
  return { behaviour: model instanceof BaseTransform ? model.transform : null, model: { kind: pick.kind, baseClass: pick.baseClass, hooked }, note: pick.note };
}
