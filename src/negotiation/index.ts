// The negotiation area's public surface. Keep this an explicit list.
export { findConflict, formatConflict, formatExplanation } from './explain.js';
export type { CapsConflict } from './explain.js';
export { toDot, splitCapsForDisplay } from './dot.js';
export type { DotOptions, CapsDisplayStructure } from './dot.js';
export { Registry, RegistryError, defaultRegistry, loadRegistryFile, formatPath, DEFAULT_REGISTRY_URL, GST_VERSIONS, DEFAULT_GST_VERSION, embeddedRegistryUrl, isGstVersion } from './registry.js';
export type { GstVersion, ElementFactory, PadTemplate, PropertySpec, RegistrySnapshot, RegistryIssue, RegistryErrorCode } from './registry.js';
export { importRegistry, snapshotToJSON } from './registry-import.js';
export type { ImportResult } from './registry-import.js';
export { negotiate, addNegotiationPhase } from './negotiate.js';
export type { NegotiateOptions, TracedNegotiationResult, NegotiationPhase, PhaseContext } from './negotiate.js';
export { parseLaunch, typePropertyValue } from './launch.js';
export { defaultElementName, ElementNamer } from './type-names.js';
export type { LaunchParseResult } from './launch.js';
export { parseGraphJson, graphJsonSchema } from './schema.js';
export type { GraphJson, GraphJsonResult } from './schema.js';
export { buildGraph, addElement, addLink, emptyGraph, PadCapsRecorder } from './graph.js';
export type { Graph, GraphElement, GraphLink, PadRef, PropertyValue, Span, TraceStep, PadCapsState } from './graph.js';
export { builtinProfiles, parseProfiles } from './profiles.js';
export { BASE_CLASS_MODELS, chooseBaseClassModel } from './base-classes.js';
export type { BaseClassKind, BaseClassModel, BaseClassChoice } from './base-classes.js';
export type { BehaviourProfile, FixateRule, TransformAlgorithm } from './profiles.js';
export type {
  NegotiationResult,
  NegotiationError,
  NegotiationErrorKind,
  ElementReport,
  LinkReport,
  AllocationReport,
  AllocationPool,
  AllocationParams,
  AllocationParamEntry,
  ProbeReport,
  ImportReport,
  Violation,
  ViolationRule,
  Explanation,
  ExplainStep,
  NegotiationVerdict,
  UnknownCaps,
  UnknownReason,
  Assumption,
  AssumptionSource,
} from './types.js';
export { parseDevices, parseDeviceMonitor, parseDevicesJson, parseLaunchLine } from './devices.js';
export type { DeviceDescription, DevicesParseResult } from './devices.js';
export { escapeLaunchWord, launchvDescription, launchDescription, pipelineWords, findGstLaunch, shellWords } from './launchv.js';
export type { LaunchWords, ShellWords } from './launchv.js';
export { sourceReason } from './honesty.js';
export type { Declaration, DeclaredCaps } from './honesty.js';
export { simulateAllocation } from './allocation.js';
export type { AllocationRun, Decision, ExporterDecide } from './allocation.js';
export { PolicyRun, exporterTemplate } from './policy.js';
export type { PolicyOptions } from './policy.js';
export { VIDEO_SIZE_FORMATS, capsFrameSize, videoFrameSize } from './video-info.js';
