/**
 * The caps-engine helpers negotiation needs beyond the public `Caps` class: structure field access, value
 * constructors and the gst_structure_fixate_field_* helpers (part of issue 2's API, not yet re-exported
 * by src/caps/index.ts). Imported in this one place so the dependency on caps internals stays visible.
 */
export { Caps } from '../caps/index.js';
export type { CapsData, CapsEntry, CapsFeatures, Structure, Value } from '../caps/index.js';
export { getField, setField, removeField, fraction, intRange, fractionRange, isFixedValue, INT_MAX } from '../caps/value.js';
export { fixateFieldNearestInt, fixateFieldNearestFraction, fixateFieldString } from '../caps/fixate.js';
export { featuresEqual, isAnyFeatures } from '../caps/features.js';
