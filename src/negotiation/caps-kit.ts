/**
 * The caps-engine surface negotiation uses, gathered in one place so the dependency on caps stays
 * visible: the Caps class, structure field access, value constructors and the
 * gst_structure_fixate_field_* helpers, all from the caps area's public index.
 */
export {
  Caps,
  INT_MAX,
  featuresEqual,
  fixateFieldNearestFraction,
  fixateFieldNearestInt,
  fixateFieldString,
  fraction,
  fractionRange,
  getField,
  intRange,
  isAnyFeatures,
  isFixedValue,
  removeField,
  setField,
} from '../caps/index.js';
export type { CapsData, CapsEntry, CapsFeatures, Structure, Value } from '../caps/index.js';
