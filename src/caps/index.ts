// The caps area's public surface. Keep this an explicit list.
export { Caps } from './caps.js';
export type { CapsParseResult } from './caps.js';
export { CapsParseError } from './issues.js';
export type { CapsIssue } from './issues.js';
export type { IntersectMode } from './ops.js';
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
