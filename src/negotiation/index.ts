// The negotiation area's public surface. Keep this an explicit list.
export {};
export { findConflict, formatConflict, formatExplanation } from './explain.js';
export type { CapsConflict } from './explain.js';
export { toDot, splitCapsForDisplay } from './dot.js';
export type { DotOptions, CapsDisplayStructure } from './dot.js';
