/**
 * The GType names a `(type)X` value can name: every type registered in a process that has run
 * gst_init of libgstreamer-1.0 1.22.0 (GLib's fundamental, object, param and boxed types, and all
 * of core's), plus the two that libgstvideo registers with its GstVideoMultiviewFlagsSet
 * (flagsets.ts). gst_value_deserialize_gtype is g_type_from_name, so nothing else is found.
 * Listed by walking g_type_children from every fundamental type through koffi after gst_init.
 */
export const GTYPE_NAMES: ReadonlySet<string> = new Set<string>([
  'GBoxed', 'GBytes', 'GDate', 'GDateTime', 'GEnum', 'GFlags', 'GInitiallyUnowned', 'GInterface', 'GObject',
  'GParam', 'GParamBoolean', 'GParamBoxed', 'GParamChar', 'GParamDouble', 'GParamEnum', 'GParamFlags', 'GParamFloat',
  'GParamGType', 'GParamInt', 'GParamInt64', 'GParamLong', 'GParamObject', 'GParamOverride', 'GParamParam',
  'GParamPointer', 'GParamString', 'GParamUChar', 'GParamUInt', 'GParamUInt64', 'GParamULong', 'GParamUnichar',
  'GParamValueArray', 'GParamVariant', 'GType', 'GTypePlugin', 'GValueArray', 'GVariant', 'GstAllocationParams',
  'GstAllocator', 'GstAllocatorFlags', 'GstAllocatorSysmem', 'GstBin', 'GstBinFlags', 'GstBitmask', 'GstBuffer',
  'GstBufferCopyFlags', 'GstBufferFlags', 'GstBufferList', 'GstBufferPoolAcquireFlags', 'GstBufferingMode', 'GstBus',
  'GstBusFlags', 'GstBusSyncReply', 'GstCaps', 'GstCapsFeatures', 'GstCapsFlags', 'GstCapsIntersectMode',
  'GstChildProxy', 'GstClock', 'GstClockEntryType', 'GstClockFlags', 'GstClockReturn', 'GstClockType', 'GstContext',
  'GstControlBinding', 'GstControlSource', 'GstCoreError', 'GstDateTime', 'GstDebugColorFlags', 'GstDebugColorMode',
  'GstDebugGraphDetails', 'GstDebugLevel', 'GstDeviceProviderFactory', 'GstDoubleRange', 'GstDynamicTypeFactory',
  'GstElement', 'GstElementFactory', 'GstElementFlags', 'GstEvent', 'GstEventType', 'GstEventTypeFlags',
  'GstFlagSet', 'GstFlowReturn', 'GstFormat', 'GstFraction', 'GstFractionRange', 'GstInt64Range', 'GstIntRange',
  'GstIteratorItem', 'GstIteratorResult', 'GstLibraryError', 'GstLockFlags', 'GstMapFlags', 'GstMemory',
  'GstMemoryFlags', 'GstMessage', 'GstMessageType', 'GstMetaFlags', 'GstMiniObject', 'GstMiniObjectFlags',
  'GstObject', 'GstObjectFlags', 'GstPad', 'GstPadDirection', 'GstPadFlags', 'GstPadLinkCheck', 'GstPadLinkReturn',
  'GstPadMode', 'GstPadPresence', 'GstPadProbeReturn', 'GstPadProbeType', 'GstPadTemplate', 'GstPadTemplateFlags',
  'GstParamFraction', 'GstParseContext', 'GstParseError', 'GstParseFlags', 'GstPipeline', 'GstPipelineFlags',
  'GstPlugin', 'GstPluginDependencyFlags', 'GstPluginError', 'GstPluginFeature', 'GstPluginFlags', 'GstProgressType',
  'GstPromiseResult', 'GstQOSType', 'GstQuery', 'GstQueryType', 'GstQueryTypeFlags', 'GstRank', 'GstRegistry',
  'GstResourceError', 'GstSample', 'GstSchedulingFlags', 'GstSearchMode', 'GstSeekFlags', 'GstSeekType',
  'GstSegment', 'GstSegmentFlags', 'GstStackTraceFlags', 'GstState', 'GstStateChange', 'GstStateChangeReturn',
  'GstStreamError', 'GstStreamFlags', 'GstStreamStatusType', 'GstStreamType', 'GstStructure',
  'GstStructureChangeType', 'GstTagFlag', 'GstTagList', 'GstTagMergeMode', 'GstTagScope', 'GstTask', 'GstTaskPool',
  'GstTaskState', 'GstToc', 'GstTocEntry', 'GstTocEntryType', 'GstTocLoopType', 'GstTocScope', 'GstTracerFactory',
  'GstTracerValueFlags', 'GstTracerValueScope', 'GstTypeFindFactory', 'GstTypeFindProbability', 'GstURIError',
  'GstURIHandler', 'GstURIType', 'GstValueArray', 'GstValueList', 'GstVideoMultiviewFlags',
  'GstVideoMultiviewFlagsSet', 'gboolean', 'gchar', 'gchararray', 'gdouble', 'gfloat', 'gint', 'gint64', 'glong',
  'gpointer', 'guchar', 'guint', 'guint64', 'gulong', 'void',
]);
