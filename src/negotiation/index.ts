// The negotiation area's public surface. Keep this an explicit list.
export {};
export { findConflict, formatConflict, formatExplanation } from './explain.js';
export type { CapsConflict } from './explain.js';
export { toDot, splitCapsForDisplay } from './dot.js';
export type { DotOptions, CapsDisplayStructure } from './dot.js';
export { Registry, RegistryError, defaultRegistry, loadRegistryFile, formatPath, DEFAULT_REGISTRY_URL } from './registry.js';
export type { ElementFactory, PadTemplate, PropertySpec, RegistrySnapshot, RegistryIssue, RegistryErrorCode } from './registry.js';
export { importRegistry, snapshotToJSON } from './registry-import.js';
export type { ImportResult } from './registry-import.js';
