// The negotiation area's public surface. Keep this an explicit list.
export { findConflict, formatConflict, formatExplanation } from './report/explain.js';
export type { CapsConflict } from './report/explain.js';
export { toDot, splitCapsForDisplay } from './report/dot.js';
export type { DotOptions, CapsDisplayStructure } from './report/dot.js';
export { Registry, RegistryError, defaultRegistry, loadRegistryFile, formatPath, DEFAULT_REGISTRY_URL, GST_VERSIONS, DEFAULT_GST_VERSION, embeddedRegistryUrl, isGstVersion } from './registry/registry.js';
export type { GstVersion, ElementFactory, PadTemplate, PropertySpec, RegistrySnapshot, RegistryIssue, RegistryErrorCode } from './registry/registry.js';
export { importRegistry, snapshotToJSON } from './registry/registry-import.js';
export type { ImportResult } from './registry/registry-import.js';
export { negotiate, addNegotiationPhase, pipelineTopology } from './negotiate.js';
export { topologyOf, dumpParams } from './report/topology.js';
export type { Topology, TopologyElement, TopologyLink, TopologyPad } from './report/topology.js';
export type { NegotiateOptions, TracedNegotiationResult, NegotiationPhase, PhaseContext } from './negotiate.js';
export { parseLaunch, typePropertyValue } from './launch/launch.js';
export { defaultElementName, ElementNamer } from './launch/type-names.js';
export type { LaunchParseResult } from './launch/launch.js';
export { parseGraphJson, graphJsonSchema } from './graph/schema.js';
export type { GraphJson, GraphJsonResult } from './graph/schema.js';
export { buildGraph, addElement, addLink, emptyGraph, PadCapsRecorder } from './graph/graph.js';
export type { Graph, GraphElement, GraphLink, PadRef, PropertyValue, Span, TraceStep, PadCapsState } from './graph/graph.js';
export { builtinProfiles, parseProfiles, chooseBaseClassModel } from './elements/resolve.js';
export type { BaseClassModel, BaseClassChoice } from './elements/resolve.js';
export { ELEMENT_MODELS } from './elements/index.js';
export { BASE_CLASS_MODELS } from './base/choose.js';
export type { BaseClassKind } from './base/output.js';
export type { ElementModel, ModelHost, CapsEventResult } from './engine/model.js';
export type { BehaviourProfile, FixateRule, TransformAlgorithm } from './engine/profile.js';
export type {
  NegotiationResult,
  NegotiationOutcome,
  NegotiationDetails,
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
export { parseDevices, parseDeviceMonitor, parseDevicesJson, parseLaunchLine } from './declare/devices.js';
export type { DeviceDescription, DevicesParseResult } from './declare/devices.js';
export { escapeLaunchWord, launchvDescription, launchDescription, pipelineWords, findGstLaunch, shellWords } from './launch/launchv.js';
export type { LaunchWords, ShellWords } from './launch/launchv.js';
export { sourceReason } from './declare/honesty.js';
export type { Declaration, DeclaredCaps } from './declare/honesty.js';
export { simulateAllocation } from './allocation/allocation.js';
export type { AllocationRun, Decision, ExporterDecide } from './allocation/allocation.js';
export { PolicyRun, exporterTemplate } from './allocation/policy.js';
export type { PolicyOptions } from './allocation/policy.js';
export { VIDEO_SIZE_FORMATS, capsFrameSize, videoFrameSize } from './media/video-info.js';
export { fsReader, bytesReader, MEDIA_READ_BOUND } from './elements/media/reader.js';
export type { MediaReader, MediaFile, MediaOpen } from './elements/media/reader.js';
