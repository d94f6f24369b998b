// The caps area's public surface. Keep this an explicit list.
export { Caps } from './caps.js';
export type { CapsParseResult } from './caps.js';
export { CapsParseError } from './issues.js';
export type { CapsIssue } from './issues.js';
export type { CapsRelease, IntersectMode } from './ops.js';
export type {
  CapsData,
  CapsEntry,
  CapsFeatures,
  Field,
  Fraction,
  Structure,
  Value,
  ValueKind,
} from './types.js';
// structure fixation helpers (gst_structure_fixate_field_*): the new Structure, or null where GStreamer returns FALSE
export {
  fixateField,
  fixateFieldBoolean,
  fixateFieldNearestDouble,
  fixateFieldNearestFraction,
  fixateFieldNearestInt,
  fixateFieldString,
  fixateStructure,
  fixateValue,
} from './fixate.js';
// value and structure algebra under the caps ops (gst_value_* / gst_structure_*)
export { EQUAL, GREATER, LESS, UNORDERED, compareValues, isEqualValue } from './compare.js';
export type { ValueOrder } from './compare.js';
export { canIntersectValues, intersectValues } from './intersect.js';
export { subtractValues } from './subtract.js';
export { isValueSubset } from './subset.js';
export { canIntersectStructures, intersectStructures, isStructureEqual, isStructureSubset } from './structure-ops.js';
export { featuresEqual } from './features.js';
// parser and printer (gst_caps_from_string / gst_caps_to_string / gst_structure_to_string / gst_value_serialize)
export { MAX_NESTING, parseCaps, parseCapsWithSpans, parseStructure } from './parse.js';
export type { EntrySpan, FieldSpan, ParseCapsResult, ParseStructureResult, TextSpan } from './parse.js';
export { capsToString, structureToString, valueToString } from './print.js';
export { formatIssues } from './issues.js';
export type { CapsIssueCode, IssueLike } from './issues.js';
export { dtostr } from './dtostr.js';
// inner-loop step counter: growth tests compare it across input sizes
export { addWork, workDone } from './work.js';
// gst_value_deserialize of the integer GTypes (properties set from text)
export { deserializeInteger } from './scalars.js';
export type { IntegerType } from './scalars.js';
// DMA_DRM (GStreamer 1.24+ scheme) checks over caps that 1.22 parses as plain strings
export { DRM_FORMAT_MOD_INVALID, DRM_FORMAT_MOD_LINEAR, checkDrmCaps, drmFormatToString, parseDrmFormat } from './drm.js';
export type { DrmFormat, DrmIssue, DrmIssueCode } from './drm.js';
export { CAPS_ISSUE_CODES } from './issues.js';
// value constructors and structure field access (the smart constructors keep the model's invariants)
export {
  ANY_CAPS,
  DMABUF,
  EMPTY_CAPS,
  INT_MAX,
  INT_MIN,
  SYSTEM_MEMORY,
  array,
  boolean,
  double,
  fraction,
  fractionRange,
  getField,
  int,
  int64Range,
  intRange,
  isFixedValue,
  list,
  removeField,
  setField,
  string,
  structure,
} from './value.js';
export { isAnyFeatures } from './features.js';
