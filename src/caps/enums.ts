/**
 * Every enum and flags type registered once gst_init of libgstreamer-1.0 1.22.0 has run (a caps
 * cast can name any of them; plus GstVideoMultiviewFlags, which libgstvideo registers with its
 * flagset, flagsets.ts), with their values exactly as registered (value, value_name, value_nick,
 * in registration order, read from the GEnumClass/GFlagsClass tables through koffi), and the 1.22
 * rules that read and print them (gst_value_deserialize_enum / _gflags, gst_value_serialize_*).
 * Enums print their nick, flags the names of their set values joined by `+`.
 */

export interface EnumClass {
  readonly kind: 'enum' | 'flags';
  readonly values: readonly (readonly [value: number, name: string, nick: string])[];
}

export const ENUM_CLASSES = {
  GstAllocatorFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_ALLOCATOR_FLAG_CUSTOM_ALLOC', 'custom-alloc'],
      [1048576, 'GST_ALLOCATOR_FLAG_LAST', 'last'],
    ],
  },
  GstBinFlags: {
    kind: 'flags',
    values: [
      [16384, 'GST_BIN_FLAG_NO_RESYNC', 'no-resync'],
      [32768, 'GST_BIN_FLAG_STREAMS_AWARE', 'streams-aware'],
      [524288, 'GST_BIN_FLAG_LAST', 'last'],
    ],
  },
  GstBufferCopyFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_BUFFER_COPY_NONE', 'none'],
      [1, 'GST_BUFFER_COPY_FLAGS', 'flags'],
      [2, 'GST_BUFFER_COPY_TIMESTAMPS', 'timestamps'],
      [4, 'GST_BUFFER_COPY_META', 'meta'],
      [8, 'GST_BUFFER_COPY_MEMORY', 'memory'],
      [16, 'GST_BUFFER_COPY_MERGE', 'merge'],
      [32, 'GST_BUFFER_COPY_DEEP', 'deep'],
    ],
  },
  GstBufferFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_BUFFER_FLAG_LIVE', 'live'],
      [32, 'GST_BUFFER_FLAG_DECODE_ONLY', 'decode-only'],
      [64, 'GST_BUFFER_FLAG_DISCONT', 'discont'],
      [128, 'GST_BUFFER_FLAG_RESYNC', 'resync'],
      [256, 'GST_BUFFER_FLAG_CORRUPTED', 'corrupted'],
      [512, 'GST_BUFFER_FLAG_MARKER', 'marker'],
      [1024, 'GST_BUFFER_FLAG_HEADER', 'header'],
      [2048, 'GST_BUFFER_FLAG_GAP', 'gap'],
      [4096, 'GST_BUFFER_FLAG_DROPPABLE', 'droppable'],
      [8192, 'GST_BUFFER_FLAG_DELTA_UNIT', 'delta-unit'],
      [16384, 'GST_BUFFER_FLAG_TAG_MEMORY', 'tag-memory'],
      [32768, 'GST_BUFFER_FLAG_SYNC_AFTER', 'sync-after'],
      [65536, 'GST_BUFFER_FLAG_NON_DROPPABLE', 'non-droppable'],
      [1048576, 'GST_BUFFER_FLAG_LAST', 'last'],
    ],
  },
  GstBufferPoolAcquireFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_BUFFER_POOL_ACQUIRE_FLAG_NONE', 'none'],
      [1, 'GST_BUFFER_POOL_ACQUIRE_FLAG_KEY_UNIT', 'key-unit'],
      [2, 'GST_BUFFER_POOL_ACQUIRE_FLAG_DONTWAIT', 'dontwait'],
      [4, 'GST_BUFFER_POOL_ACQUIRE_FLAG_DISCONT', 'discont'],
      [65536, 'GST_BUFFER_POOL_ACQUIRE_FLAG_LAST', 'last'],
    ],
  },
  GstBufferingMode: {
    kind: 'enum',
    values: [
      [0, 'GST_BUFFERING_STREAM', 'stream'],
      [1, 'GST_BUFFERING_DOWNLOAD', 'download'],
      [2, 'GST_BUFFERING_TIMESHIFT', 'timeshift'],
      [3, 'GST_BUFFERING_LIVE', 'live'],
    ],
  },
  GstBusFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_BUS_FLUSHING', 'flushing'],
      [32, 'GST_BUS_FLAG_LAST', 'flag-last'],
    ],
  },
  GstBusSyncReply: {
    kind: 'enum',
    values: [
      [0, 'GST_BUS_DROP', 'drop'],
      [1, 'GST_BUS_PASS', 'pass'],
      [2, 'GST_BUS_ASYNC', 'async'],
    ],
  },
  GstCapsFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_CAPS_FLAG_ANY', 'any'],
    ],
  },
  GstCapsIntersectMode: {
    kind: 'enum',
    values: [
      [0, 'GST_CAPS_INTERSECT_ZIG_ZAG', 'zig-zag'],
      [1, 'GST_CAPS_INTERSECT_FIRST', 'first'],
    ],
  },
  GstClockEntryType: {
    kind: 'enum',
    values: [
      [0, 'GST_CLOCK_ENTRY_SINGLE', 'single'],
      [1, 'GST_CLOCK_ENTRY_PERIODIC', 'periodic'],
    ],
  },
  GstClockFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_CLOCK_FLAG_CAN_DO_SINGLE_SYNC', 'can-do-single-sync'],
      [32, 'GST_CLOCK_FLAG_CAN_DO_SINGLE_ASYNC', 'can-do-single-async'],
      [64, 'GST_CLOCK_FLAG_CAN_DO_PERIODIC_SYNC', 'can-do-periodic-sync'],
      [128, 'GST_CLOCK_FLAG_CAN_DO_PERIODIC_ASYNC', 'can-do-periodic-async'],
      [256, 'GST_CLOCK_FLAG_CAN_SET_RESOLUTION', 'can-set-resolution'],
      [512, 'GST_CLOCK_FLAG_CAN_SET_MASTER', 'can-set-master'],
      [1024, 'GST_CLOCK_FLAG_NEEDS_STARTUP_SYNC', 'needs-startup-sync'],
      [4096, 'GST_CLOCK_FLAG_LAST', 'last'],
    ],
  },
  GstClockReturn: {
    kind: 'enum',
    values: [
      [0, 'GST_CLOCK_OK', 'ok'],
      [1, 'GST_CLOCK_EARLY', 'early'],
      [2, 'GST_CLOCK_UNSCHEDULED', 'unscheduled'],
      [3, 'GST_CLOCK_BUSY', 'busy'],
      [4, 'GST_CLOCK_BADTIME', 'badtime'],
      [5, 'GST_CLOCK_ERROR', 'error'],
      [6, 'GST_CLOCK_UNSUPPORTED', 'unsupported'],
      [7, 'GST_CLOCK_DONE', 'done'],
    ],
  },
  GstClockType: {
    kind: 'enum',
    values: [
      [0, 'GST_CLOCK_TYPE_REALTIME', 'realtime'],
      [1, 'GST_CLOCK_TYPE_MONOTONIC', 'monotonic'],
      [2, 'GST_CLOCK_TYPE_OTHER', 'other'],
      [3, 'GST_CLOCK_TYPE_TAI', 'tai'],
    ],
  },
  GstCoreError: {
    kind: 'enum',
    values: [
      [1, 'GST_CORE_ERROR_FAILED', 'failed'],
      [2, 'GST_CORE_ERROR_TOO_LAZY', 'too-lazy'],
      [3, 'GST_CORE_ERROR_NOT_IMPLEMENTED', 'not-implemented'],
      [4, 'GST_CORE_ERROR_STATE_CHANGE', 'state-change'],
      [5, 'GST_CORE_ERROR_PAD', 'pad'],
      [6, 'GST_CORE_ERROR_THREAD', 'thread'],
      [7, 'GST_CORE_ERROR_NEGOTIATION', 'negotiation'],
      [8, 'GST_CORE_ERROR_EVENT', 'event'],
      [9, 'GST_CORE_ERROR_SEEK', 'seek'],
      [10, 'GST_CORE_ERROR_CAPS', 'caps'],
      [11, 'GST_CORE_ERROR_TAG', 'tag'],
      [12, 'GST_CORE_ERROR_MISSING_PLUGIN', 'missing-plugin'],
      [13, 'GST_CORE_ERROR_CLOCK', 'clock'],
      [14, 'GST_CORE_ERROR_DISABLED', 'disabled'],
      [15, 'GST_CORE_ERROR_NUM_ERRORS', 'num-errors'],
    ],
  },
  GstDebugColorFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_DEBUG_FG_BLACK', 'fg-black'],
      [1, 'GST_DEBUG_FG_RED', 'fg-red'],
      [2, 'GST_DEBUG_FG_GREEN', 'fg-green'],
      [3, 'GST_DEBUG_FG_YELLOW', 'fg-yellow'],
      [4, 'GST_DEBUG_FG_BLUE', 'fg-blue'],
      [5, 'GST_DEBUG_FG_MAGENTA', 'fg-magenta'],
      [6, 'GST_DEBUG_FG_CYAN', 'fg-cyan'],
      [7, 'GST_DEBUG_FG_WHITE', 'fg-white'],
      [0, 'GST_DEBUG_BG_BLACK', 'bg-black'],
      [16, 'GST_DEBUG_BG_RED', 'bg-red'],
      [32, 'GST_DEBUG_BG_GREEN', 'bg-green'],
      [48, 'GST_DEBUG_BG_YELLOW', 'bg-yellow'],
      [64, 'GST_DEBUG_BG_BLUE', 'bg-blue'],
      [80, 'GST_DEBUG_BG_MAGENTA', 'bg-magenta'],
      [96, 'GST_DEBUG_BG_CYAN', 'bg-cyan'],
      [112, 'GST_DEBUG_BG_WHITE', 'bg-white'],
      [256, 'GST_DEBUG_BOLD', 'bold'],
      [512, 'GST_DEBUG_UNDERLINE', 'underline'],
    ],
  },
  GstDebugColorMode: {
    kind: 'enum',
    values: [
      [0, 'GST_DEBUG_COLOR_MODE_OFF', 'off'],
      [1, 'GST_DEBUG_COLOR_MODE_ON', 'on'],
      [2, 'GST_DEBUG_COLOR_MODE_UNIX', 'unix'],
    ],
  },
  GstDebugGraphDetails: {
    kind: 'flags',
    values: [
      [1, 'GST_DEBUG_GRAPH_SHOW_MEDIA_TYPE', 'media-type'],
      [2, 'GST_DEBUG_GRAPH_SHOW_CAPS_DETAILS', 'caps-details'],
      [4, 'GST_DEBUG_GRAPH_SHOW_NON_DEFAULT_PARAMS', 'non-default-params'],
      [8, 'GST_DEBUG_GRAPH_SHOW_STATES', 'states'],
      [16, 'GST_DEBUG_GRAPH_SHOW_FULL_PARAMS', 'full-params'],
      [15, 'GST_DEBUG_GRAPH_SHOW_ALL', 'all'],
      [4294967295, 'GST_DEBUG_GRAPH_SHOW_VERBOSE', 'verbose'],
    ],
  },
  GstDebugLevel: {
    kind: 'enum',
    values: [
      [0, 'GST_LEVEL_NONE', 'none'],
      [1, 'GST_LEVEL_ERROR', 'error'],
      [2, 'GST_LEVEL_WARNING', 'warning'],
      [3, 'GST_LEVEL_FIXME', 'fixme'],
      [4, 'GST_LEVEL_INFO', 'info'],
      [5, 'GST_LEVEL_DEBUG', 'debug'],
      [6, 'GST_LEVEL_LOG', 'log'],
      [7, 'GST_LEVEL_TRACE', 'trace'],
      [9, 'GST_LEVEL_MEMDUMP', 'memdump'],
      [10, 'GST_LEVEL_COUNT', 'count'],
    ],
  },
  GstElementFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_ELEMENT_FLAG_LOCKED_STATE', 'locked-state'],
      [32, 'GST_ELEMENT_FLAG_SINK', 'sink'],
      [64, 'GST_ELEMENT_FLAG_SOURCE', 'source'],
      [128, 'GST_ELEMENT_FLAG_PROVIDE_CLOCK', 'provide-clock'],
      [256, 'GST_ELEMENT_FLAG_REQUIRE_CLOCK', 'require-clock'],
      [512, 'GST_ELEMENT_FLAG_INDEXABLE', 'indexable'],
      [16384, 'GST_ELEMENT_FLAG_LAST', 'last'],
    ],
  },
  GstEventType: {
    kind: 'enum',
    values: [
      [0, 'GST_EVENT_UNKNOWN', 'unknown'],
      [2563, 'GST_EVENT_FLUSH_START', 'flush-start'],
      [5127, 'GST_EVENT_FLUSH_STOP', 'flush-stop'],
      [10254, 'GST_EVENT_STREAM_START', 'stream-start'],
      [12814, 'GST_EVENT_CAPS', 'caps'],
      [17934, 'GST_EVENT_SEGMENT', 'segment'],
      [19230, 'GST_EVENT_STREAM_COLLECTION', 'stream-collection'],
      [20510, 'GST_EVENT_TAG', 'tag'],
      [23054, 'GST_EVENT_BUFFERSIZE', 'buffersize'],
      [25630, 'GST_EVENT_SINK_MESSAGE', 'sink-message'],
      [26894, 'GST_EVENT_STREAM_GROUP_DONE', 'stream-group-done'],
      [28174, 'GST_EVENT_EOS', 'eos'],
      [30750, 'GST_EVENT_TOC', 'toc'],
      [33310, 'GST_EVENT_PROTECTION', 'protection'],
      [38406, 'GST_EVENT_SEGMENT_DONE', 'segment-done'],
      [40966, 'GST_EVENT_GAP', 'gap'],
      [46090, 'GST_EVENT_INSTANT_RATE_CHANGE', 'instant-rate-change'],
      [48641, 'GST_EVENT_QOS', 'qos'],
      [51201, 'GST_EVENT_SEEK', 'seek'],
      [53761, 'GST_EVENT_NAVIGATION', 'navigation'],
      [56321, 'GST_EVENT_LATENCY', 'latency'],
      [58881, 'GST_EVENT_STEP', 'step'],
      [61441, 'GST_EVENT_RECONFIGURE', 'reconfigure'],
      [64001, 'GST_EVENT_TOC_SELECT', 'toc-select'],
      [66561, 'GST_EVENT_SELECT_STREAMS', 'select-streams'],
      [66817, 'GST_EVENT_INSTANT_RATE_SYNC_TIME', 'instant-rate-sync-time'],
      [69121, 'GST_EVENT_CUSTOM_UPSTREAM', 'custom-upstream'],
      [71686, 'GST_EVENT_CUSTOM_DOWNSTREAM', 'custom-downstream'],
      [74242, 'GST_EVENT_CUSTOM_DOWNSTREAM_OOB', 'custom-downstream-oob'],
      [76830, 'GST_EVENT_CUSTOM_DOWNSTREAM_STICKY', 'custom-downstream-sticky'],
      [79367, 'GST_EVENT_CUSTOM_BOTH', 'custom-both'],
      [81923, 'GST_EVENT_CUSTOM_BOTH_OOB', 'custom-both-oob'],
    ],
  },
  GstEventTypeFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_EVENT_TYPE_UPSTREAM', 'upstream'],
      [2, 'GST_EVENT_TYPE_DOWNSTREAM', 'downstream'],
      [4, 'GST_EVENT_TYPE_SERIALIZED', 'serialized'],
      [8, 'GST_EVENT_TYPE_STICKY', 'sticky'],
      [16, 'GST_EVENT_TYPE_STICKY_MULTI', 'sticky-multi'],
    ],
  },
  GstFlowReturn: {
    kind: 'enum',
    values: [
      [102, 'GST_FLOW_CUSTOM_SUCCESS_2', 'custom-success-2'],
      [101, 'GST_FLOW_CUSTOM_SUCCESS_1', 'custom-success-1'],
      [100, 'GST_FLOW_CUSTOM_SUCCESS', 'custom-success'],
      [0, 'GST_FLOW_OK', 'ok'],
      [-1, 'GST_FLOW_NOT_LINKED', 'not-linked'],
      [-2, 'GST_FLOW_FLUSHING', 'flushing'],
      [-3, 'GST_FLOW_EOS', 'eos'],
      [-4, 'GST_FLOW_NOT_NEGOTIATED', 'not-negotiated'],
      [-5, 'GST_FLOW_ERROR', 'error'],
      [-6, 'GST_FLOW_NOT_SUPPORTED', 'not-supported'],
      [-100, 'GST_FLOW_CUSTOM_ERROR', 'custom-error'],
      [-101, 'GST_FLOW_CUSTOM_ERROR_1', 'custom-error-1'],
      [-102, 'GST_FLOW_CUSTOM_ERROR_2', 'custom-error-2'],
    ],
  },
  GstFormat: {
    kind: 'enum',
    values: [
      [0, 'GST_FORMAT_UNDEFINED', 'undefined'],
      [1, 'GST_FORMAT_DEFAULT', 'default'],
      [2, 'GST_FORMAT_BYTES', 'bytes'],
      [3, 'GST_FORMAT_TIME', 'time'],
      [4, 'GST_FORMAT_BUFFERS', 'buffers'],
      [5, 'GST_FORMAT_PERCENT', 'percent'],
    ],
  },
  GstIteratorItem: {
    kind: 'enum',
    values: [
      [0, 'GST_ITERATOR_ITEM_SKIP', 'skip'],
      [1, 'GST_ITERATOR_ITEM_PASS', 'pass'],
      [2, 'GST_ITERATOR_ITEM_END', 'end'],
    ],
  },
  GstIteratorResult: {
    kind: 'enum',
    values: [
      [0, 'GST_ITERATOR_DONE', 'done'],
      [1, 'GST_ITERATOR_OK', 'ok'],
      [2, 'GST_ITERATOR_RESYNC', 'resync'],
      [3, 'GST_ITERATOR_ERROR', 'error'],
    ],
  },
  GstLibraryError: {
    kind: 'enum',
    values: [
      [1, 'GST_LIBRARY_ERROR_FAILED', 'failed'],
      [2, 'GST_LIBRARY_ERROR_TOO_LAZY', 'too-lazy'],
      [3, 'GST_LIBRARY_ERROR_INIT', 'init'],
      [4, 'GST_LIBRARY_ERROR_SHUTDOWN', 'shutdown'],
      [5, 'GST_LIBRARY_ERROR_SETTINGS', 'settings'],
      [6, 'GST_LIBRARY_ERROR_ENCODE', 'encode'],
      [7, 'GST_LIBRARY_ERROR_NUM_ERRORS', 'num-errors'],
    ],
  },
  GstLockFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_LOCK_FLAG_READ', 'read'],
      [2, 'GST_LOCK_FLAG_WRITE', 'write'],
      [4, 'GST_LOCK_FLAG_EXCLUSIVE', 'exclusive'],
      [256, 'GST_LOCK_FLAG_LAST', 'last'],
    ],
  },
  GstMapFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_MAP_READ', 'read'],
      [2, 'GST_MAP_WRITE', 'write'],
      [65536, 'GST_MAP_FLAG_LAST', 'flag-last'],
    ],
  },
  GstMemoryFlags: {
    kind: 'flags',
    values: [
      [2, 'GST_MEMORY_FLAG_READONLY', 'readonly'],
      [16, 'GST_MEMORY_FLAG_NO_SHARE', 'no-share'],
      [32, 'GST_MEMORY_FLAG_ZERO_PREFIXED', 'zero-prefixed'],
      [64, 'GST_MEMORY_FLAG_ZERO_PADDED', 'zero-padded'],
      [128, 'GST_MEMORY_FLAG_PHYSICALLY_CONTIGUOUS', 'physically-contiguous'],
      [256, 'GST_MEMORY_FLAG_NOT_MAPPABLE', 'not-mappable'],
      [1048576, 'GST_MEMORY_FLAG_LAST', 'last'],
    ],
  },
  GstMessageType: {
    kind: 'flags',
    values: [
      [0, 'GST_MESSAGE_UNKNOWN', 'unknown'],
      [1, 'GST_MESSAGE_EOS', 'eos'],
      [2, 'GST_MESSAGE_ERROR', 'error'],
      [4, 'GST_MESSAGE_WARNING', 'warning'],
      [8, 'GST_MESSAGE_INFO', 'info'],
      [16, 'GST_MESSAGE_TAG', 'tag'],
      [32, 'GST_MESSAGE_BUFFERING', 'buffering'],
      [64, 'GST_MESSAGE_STATE_CHANGED', 'state-changed'],
      [128, 'GST_MESSAGE_STATE_DIRTY', 'state-dirty'],
      [256, 'GST_MESSAGE_STEP_DONE', 'step-done'],
      [512, 'GST_MESSAGE_CLOCK_PROVIDE', 'clock-provide'],
      [1024, 'GST_MESSAGE_CLOCK_LOST', 'clock-lost'],
      [2048, 'GST_MESSAGE_NEW_CLOCK', 'new-clock'],
      [4096, 'GST_MESSAGE_STRUCTURE_CHANGE', 'structure-change'],
      [8192, 'GST_MESSAGE_STREAM_STATUS', 'stream-status'],
      [16384, 'GST_MESSAGE_APPLICATION', 'application'],
      [32768, 'GST_MESSAGE_ELEMENT', 'element'],
      [65536, 'GST_MESSAGE_SEGMENT_START', 'segment-start'],
      [131072, 'GST_MESSAGE_SEGMENT_DONE', 'segment-done'],
      [262144, 'GST_MESSAGE_DURATION_CHANGED', 'duration-changed'],
      [524288, 'GST_MESSAGE_LATENCY', 'latency'],
      [1048576, 'GST_MESSAGE_ASYNC_START', 'async-start'],
      [2097152, 'GST_MESSAGE_ASYNC_DONE', 'async-done'],
      [4194304, 'GST_MESSAGE_REQUEST_STATE', 'request-state'],
      [8388608, 'GST_MESSAGE_STEP_START', 'step-start'],
      [16777216, 'GST_MESSAGE_QOS', 'qos'],
      [33554432, 'GST_MESSAGE_PROGRESS', 'progress'],
      [67108864, 'GST_MESSAGE_TOC', 'toc'],
      [134217728, 'GST_MESSAGE_RESET_TIME', 'reset-time'],
      [268435456, 'GST_MESSAGE_STREAM_START', 'stream-start'],
      [536870912, 'GST_MESSAGE_NEED_CONTEXT', 'need-context'],
      [1073741824, 'GST_MESSAGE_HAVE_CONTEXT', 'have-context'],
      [2147483648, 'GST_MESSAGE_EXTENDED', 'extended'],
      [2147483649, 'GST_MESSAGE_DEVICE_ADDED', 'device-added'],
      [2147483650, 'GST_MESSAGE_DEVICE_REMOVED', 'device-removed'],
      [2147483651, 'GST_MESSAGE_PROPERTY_NOTIFY', 'property-notify'],
      [2147483652, 'GST_MESSAGE_STREAM_COLLECTION', 'stream-collection'],
      [2147483653, 'GST_MESSAGE_STREAMS_SELECTED', 'streams-selected'],
      [2147483654, 'GST_MESSAGE_REDIRECT', 'redirect'],
      [2147483655, 'GST_MESSAGE_DEVICE_CHANGED', 'device-changed'],
      [2147483656, 'GST_MESSAGE_INSTANT_RATE_REQUEST', 'instant-rate-request'],
      [4294967295, 'GST_MESSAGE_ANY', 'any'],
    ],
  },
  GstMetaFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_META_FLAG_NONE', 'none'],
      [1, 'GST_META_FLAG_READONLY', 'readonly'],
      [2, 'GST_META_FLAG_POOLED', 'pooled'],
      [4, 'GST_META_FLAG_LOCKED', 'locked'],
      [65536, 'GST_META_FLAG_LAST', 'last'],
    ],
  },
  GstMiniObjectFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_MINI_OBJECT_FLAG_LOCKABLE', 'lockable'],
      [2, 'GST_MINI_OBJECT_FLAG_LOCK_READONLY', 'lock-readonly'],
      [4, 'GST_MINI_OBJECT_FLAG_MAY_BE_LEAKED', 'may-be-leaked'],
      [16, 'GST_MINI_OBJECT_FLAG_LAST', 'last'],
    ],
  },
  GstObjectFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_OBJECT_FLAG_MAY_BE_LEAKED', 'may-be-leaked'],
      [16, 'GST_OBJECT_FLAG_LAST', 'last'],
    ],
  },
  GstPadDirection: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_UNKNOWN', 'unknown'],
      [1, 'GST_PAD_SRC', 'src'],
      [2, 'GST_PAD_SINK', 'sink'],
    ],
  },
  GstPadFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_PAD_FLAG_BLOCKED', 'blocked'],
      [32, 'GST_PAD_FLAG_FLUSHING', 'flushing'],
      [64, 'GST_PAD_FLAG_EOS', 'eos'],
      [128, 'GST_PAD_FLAG_BLOCKING', 'blocking'],
      [256, 'GST_PAD_FLAG_NEED_PARENT', 'need-parent'],
      [512, 'GST_PAD_FLAG_NEED_RECONFIGURE', 'need-reconfigure'],
      [1024, 'GST_PAD_FLAG_PENDING_EVENTS', 'pending-events'],
      [2048, 'GST_PAD_FLAG_FIXED_CAPS', 'fixed-caps'],
      [4096, 'GST_PAD_FLAG_PROXY_CAPS', 'proxy-caps'],
      [8192, 'GST_PAD_FLAG_PROXY_ALLOCATION', 'proxy-allocation'],
      [16384, 'GST_PAD_FLAG_PROXY_SCHEDULING', 'proxy-scheduling'],
      [32768, 'GST_PAD_FLAG_ACCEPT_INTERSECT', 'accept-intersect'],
      [65536, 'GST_PAD_FLAG_ACCEPT_TEMPLATE', 'accept-template'],
      [1048576, 'GST_PAD_FLAG_LAST', 'last'],
    ],
  },
  GstPadLinkCheck: {
    kind: 'flags',
    values: [
      [0, 'GST_PAD_LINK_CHECK_NOTHING', 'nothing'],
      [1, 'GST_PAD_LINK_CHECK_HIERARCHY', 'hierarchy'],
      [2, 'GST_PAD_LINK_CHECK_TEMPLATE_CAPS', 'template-caps'],
      [4, 'GST_PAD_LINK_CHECK_CAPS', 'caps'],
      [8, 'GST_PAD_LINK_CHECK_NO_RECONFIGURE', 'no-reconfigure'],
      [5, 'GST_PAD_LINK_CHECK_DEFAULT', 'default'],
    ],
  },
  GstPadLinkReturn: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_LINK_OK', 'ok'],
      [-1, 'GST_PAD_LINK_WRONG_HIERARCHY', 'wrong-hierarchy'],
      [-2, 'GST_PAD_LINK_WAS_LINKED', 'was-linked'],
      [-3, 'GST_PAD_LINK_WRONG_DIRECTION', 'wrong-direction'],
      [-4, 'GST_PAD_LINK_NOFORMAT', 'noformat'],
      [-5, 'GST_PAD_LINK_NOSCHED', 'nosched'],
      [-6, 'GST_PAD_LINK_REFUSED', 'refused'],
    ],
  },
  GstPadMode: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_MODE_NONE', 'none'],
      [1, 'GST_PAD_MODE_PUSH', 'push'],
      [2, 'GST_PAD_MODE_PULL', 'pull'],
    ],
  },
  GstPadPresence: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_ALWAYS', 'always'],
      [1, 'GST_PAD_SOMETIMES', 'sometimes'],
      [2, 'GST_PAD_REQUEST', 'request'],
    ],
  },
  GstPadProbeReturn: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_PROBE_DROP', 'drop'],
      [1, 'GST_PAD_PROBE_OK', 'ok'],
      [2, 'GST_PAD_PROBE_REMOVE', 'remove'],
      [3, 'GST_PAD_PROBE_PASS', 'pass'],
      [4, 'GST_PAD_PROBE_HANDLED', 'handled'],
    ],
  },
  GstPadProbeType: {
    kind: 'flags',
    values: [
      [0, 'GST_PAD_PROBE_TYPE_INVALID', 'invalid'],
      [1, 'GST_PAD_PROBE_TYPE_IDLE', 'idle'],
      [2, 'GST_PAD_PROBE_TYPE_BLOCK', 'block'],
      [16, 'GST_PAD_PROBE_TYPE_BUFFER', 'buffer'],
      [32, 'GST_PAD_PROBE_TYPE_BUFFER_LIST', 'buffer-list'],
      [64, 'GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM', 'event-downstream'],
      [128, 'GST_PAD_PROBE_TYPE_EVENT_UPSTREAM', 'event-upstream'],
      [256, 'GST_PAD_PROBE_TYPE_EVENT_FLUSH', 'event-flush'],
      [512, 'GST_PAD_PROBE_TYPE_QUERY_DOWNSTREAM', 'query-downstream'],
      [1024, 'GST_PAD_PROBE_TYPE_QUERY_UPSTREAM', 'query-upstream'],
      [4096, 'GST_PAD_PROBE_TYPE_PUSH', 'push'],
      [8192, 'GST_PAD_PROBE_TYPE_PULL', 'pull'],
      [3, 'GST_PAD_PROBE_TYPE_BLOCKING', 'blocking'],
      [112, 'GST_PAD_PROBE_TYPE_DATA_DOWNSTREAM', 'data-downstream'],
      [128, 'GST_PAD_PROBE_TYPE_DATA_UPSTREAM', 'data-upstream'],
      [240, 'GST_PAD_PROBE_TYPE_DATA_BOTH', 'data-both'],
      [114, 'GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM', 'block-downstream'],
      [130, 'GST_PAD_PROBE_TYPE_BLOCK_UPSTREAM', 'block-upstream'],
      [192, 'GST_PAD_PROBE_TYPE_EVENT_BOTH', 'event-both'],
      [1536, 'GST_PAD_PROBE_TYPE_QUERY_BOTH', 'query-both'],
      [1776, 'GST_PAD_PROBE_TYPE_ALL_BOTH', 'all-both'],
      [12288, 'GST_PAD_PROBE_TYPE_SCHEDULING', 'scheduling'],
    ],
  },
  GstPadTemplateFlags: {
    kind: 'flags',
    values: [
      [256, 'GST_PAD_TEMPLATE_FLAG_LAST', 'last'],
    ],
  },
  GstParseError: {
    kind: 'enum',
    values: [
      [0, 'GST_PARSE_ERROR_SYNTAX', 'syntax'],
      [1, 'GST_PARSE_ERROR_NO_SUCH_ELEMENT', 'no-such-element'],
      [2, 'GST_PARSE_ERROR_NO_SUCH_PROPERTY', 'no-such-property'],
      [3, 'GST_PARSE_ERROR_LINK', 'link'],
      [4, 'GST_PARSE_ERROR_COULD_NOT_SET_PROPERTY', 'could-not-set-property'],
      [5, 'GST_PARSE_ERROR_EMPTY_BIN', 'empty-bin'],
      [6, 'GST_PARSE_ERROR_EMPTY', 'empty'],
      [7, 'GST_PARSE_ERROR_DELAYED_LINK', 'delayed-link'],
    ],
  },
  GstParseFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_PARSE_FLAG_NONE', 'none'],
      [1, 'GST_PARSE_FLAG_FATAL_ERRORS', 'fatal-errors'],
      [2, 'GST_PARSE_FLAG_NO_SINGLE_ELEMENT_BINS', 'no-single-element-bins'],
      [4, 'GST_PARSE_FLAG_PLACE_IN_BIN', 'place-in-bin'],
    ],
  },
  GstPipelineFlags: {
    kind: 'flags',
    values: [
      [524288, 'GST_PIPELINE_FLAG_FIXED_CLOCK', 'fixed-clock'],
      [8388608, 'GST_PIPELINE_FLAG_LAST', 'last'],
    ],
  },
  GstPluginDependencyFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_PLUGIN_DEPENDENCY_FLAG_NONE', 'none'],
      [1, 'GST_PLUGIN_DEPENDENCY_FLAG_RECURSE', 'recurse'],
      [2, 'GST_PLUGIN_DEPENDENCY_FLAG_PATHS_ARE_DEFAULT_ONLY', 'paths-are-default-only'],
      [4, 'GST_PLUGIN_DEPENDENCY_FLAG_FILE_NAME_IS_SUFFIX', 'file-name-is-suffix'],
      [8, 'GST_PLUGIN_DEPENDENCY_FLAG_FILE_NAME_IS_PREFIX', 'file-name-is-prefix'],
      [16, 'GST_PLUGIN_DEPENDENCY_FLAG_PATHS_ARE_RELATIVE_TO_EXE', 'paths-are-relative-to-exe'],
    ],
  },
  GstPluginError: {
    kind: 'enum',
    values: [
      [0, 'GST_PLUGIN_ERROR_MODULE', 'module'],
      [1, 'GST_PLUGIN_ERROR_DEPENDENCIES', 'dependencies'],
      [2, 'GST_PLUGIN_ERROR_NAME_MISMATCH', 'name-mismatch'],
    ],
  },
  GstPluginFlags: {
    kind: 'flags',
    values: [
      [16, 'GST_PLUGIN_FLAG_CACHED', 'cached'],
      [32, 'GST_PLUGIN_FLAG_BLACKLISTED', 'blacklisted'],
    ],
  },
  GstProgressType: {
    kind: 'enum',
    values: [
      [0, 'GST_PROGRESS_TYPE_START', 'start'],
      [1, 'GST_PROGRESS_TYPE_CONTINUE', 'continue'],
      [2, 'GST_PROGRESS_TYPE_COMPLETE', 'complete'],
      [3, 'GST_PROGRESS_TYPE_CANCELED', 'canceled'],
      [4, 'GST_PROGRESS_TYPE_ERROR', 'error'],
    ],
  },
  GstPromiseResult: {
    kind: 'enum',
    values: [
      [0, 'GST_PROMISE_RESULT_PENDING', 'pending'],
      [1, 'GST_PROMISE_RESULT_INTERRUPTED', 'interrupted'],
      [2, 'GST_PROMISE_RESULT_REPLIED', 'replied'],
      [3, 'GST_PROMISE_RESULT_EXPIRED', 'expired'],
    ],
  },
  GstQOSType: {
    kind: 'enum',
    values: [
      [0, 'GST_QOS_TYPE_OVERFLOW', 'overflow'],
      [1, 'GST_QOS_TYPE_UNDERFLOW', 'underflow'],
      [2, 'GST_QOS_TYPE_THROTTLE', 'throttle'],
    ],
  },
  GstQueryType: {
    kind: 'enum',
    values: [
      [0, 'GST_QUERY_UNKNOWN', 'unknown'],
      [2563, 'GST_QUERY_POSITION', 'position'],
      [5123, 'GST_QUERY_DURATION', 'duration'],
      [7683, 'GST_QUERY_LATENCY', 'latency'],
      [10243, 'GST_QUERY_JITTER', 'jitter'],
      [12803, 'GST_QUERY_RATE', 'rate'],
      [15363, 'GST_QUERY_SEEKING', 'seeking'],
      [17923, 'GST_QUERY_SEGMENT', 'segment'],
      [20483, 'GST_QUERY_CONVERT', 'convert'],
      [23043, 'GST_QUERY_FORMATS', 'formats'],
      [28163, 'GST_QUERY_BUFFERING', 'buffering'],
      [30723, 'GST_QUERY_CUSTOM', 'custom'],
      [33283, 'GST_QUERY_URI', 'uri'],
      [35846, 'GST_QUERY_ALLOCATION', 'allocation'],
      [38401, 'GST_QUERY_SCHEDULING', 'scheduling'],
      [40963, 'GST_QUERY_ACCEPT_CAPS', 'accept-caps'],
      [43523, 'GST_QUERY_CAPS', 'caps'],
      [46086, 'GST_QUERY_DRAIN', 'drain'],
      [48643, 'GST_QUERY_CONTEXT', 'context'],
      [51202, 'GST_QUERY_BITRATE', 'bitrate'],
      [53763, 'GST_QUERY_SELECTABLE', 'selectable'],
    ],
  },
  GstQueryTypeFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_QUERY_TYPE_UPSTREAM', 'upstream'],
      [2, 'GST_QUERY_TYPE_DOWNSTREAM', 'downstream'],
      [4, 'GST_QUERY_TYPE_SERIALIZED', 'serialized'],
    ],
  },
  GstRank: {
    kind: 'enum',
    values: [
      [0, 'GST_RANK_NONE', 'none'],
      [64, 'GST_RANK_MARGINAL', 'marginal'],
      [128, 'GST_RANK_SECONDARY', 'secondary'],
      [256, 'GST_RANK_PRIMARY', 'primary'],
    ],
  },
  GstResourceError: {
    kind: 'enum',
    values: [
      [1, 'GST_RESOURCE_ERROR_FAILED', 'failed'],
      [2, 'GST_RESOURCE_ERROR_TOO_LAZY', 'too-lazy'],
      [3, 'GST_RESOURCE_ERROR_NOT_FOUND', 'not-found'],
      [4, 'GST_RESOURCE_ERROR_BUSY', 'busy'],
      [5, 'GST_RESOURCE_ERROR_OPEN_READ', 'open-read'],
      [6, 'GST_RESOURCE_ERROR_OPEN_WRITE', 'open-write'],
      [7, 'GST_RESOURCE_ERROR_OPEN_READ_WRITE', 'open-read-write'],
      [8, 'GST_RESOURCE_ERROR_CLOSE', 'close'],
      [9, 'GST_RESOURCE_ERROR_READ', 'read'],
      [10, 'GST_RESOURCE_ERROR_WRITE', 'write'],
      [11, 'GST_RESOURCE_ERROR_SEEK', 'seek'],
      [12, 'GST_RESOURCE_ERROR_SYNC', 'sync'],
      [13, 'GST_RESOURCE_ERROR_SETTINGS', 'settings'],
      [14, 'GST_RESOURCE_ERROR_NO_SPACE_LEFT', 'no-space-left'],
      [15, 'GST_RESOURCE_ERROR_NOT_AUTHORIZED', 'not-authorized'],
      [16, 'GST_RESOURCE_ERROR_NUM_ERRORS', 'num-errors'],
    ],
  },
  GstSchedulingFlags: {
    kind: 'flags',
    values: [
      [1, 'GST_SCHEDULING_FLAG_SEEKABLE', 'seekable'],
      [2, 'GST_SCHEDULING_FLAG_SEQUENTIAL', 'sequential'],
      [4, 'GST_SCHEDULING_FLAG_BANDWIDTH_LIMITED', 'bandwidth-limited'],
    ],
  },
  GstSearchMode: {
    kind: 'enum',
    values: [
      [0, 'GST_SEARCH_MODE_EXACT', 'exact'],
      [1, 'GST_SEARCH_MODE_BEFORE', 'before'],
      [2, 'GST_SEARCH_MODE_AFTER', 'after'],
    ],
  },
  GstSeekFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_SEEK_FLAG_NONE', 'none'],
      [1, 'GST_SEEK_FLAG_FLUSH', 'flush'],
      [2, 'GST_SEEK_FLAG_ACCURATE', 'accurate'],
      [4, 'GST_SEEK_FLAG_KEY_UNIT', 'key-unit'],
      [8, 'GST_SEEK_FLAG_SEGMENT', 'segment'],
      [16, 'GST_SEEK_FLAG_TRICKMODE', 'trickmode'],
      [16, 'GST_SEEK_FLAG_SKIP', 'skip'],
      [32, 'GST_SEEK_FLAG_SNAP_BEFORE', 'snap-before'],
      [64, 'GST_SEEK_FLAG_SNAP_AFTER', 'snap-after'],
      [96, 'GST_SEEK_FLAG_SNAP_NEAREST', 'snap-nearest'],
      [128, 'GST_SEEK_FLAG_TRICKMODE_KEY_UNITS', 'trickmode-key-units'],
      [256, 'GST_SEEK_FLAG_TRICKMODE_NO_AUDIO', 'trickmode-no-audio'],
      [512, 'GST_SEEK_FLAG_TRICKMODE_FORWARD_PREDICTED', 'trickmode-forward-predicted'],
      [1024, 'GST_SEEK_FLAG_INSTANT_RATE_CHANGE', 'instant-rate-change'],
    ],
  },
  GstSeekType: {
    kind: 'enum',
    values: [
      [0, 'GST_SEEK_TYPE_NONE', 'none'],
      [1, 'GST_SEEK_TYPE_SET', 'set'],
      [2, 'GST_SEEK_TYPE_END', 'end'],
    ],
  },
  GstSegmentFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_SEGMENT_FLAG_NONE', 'none'],
      [1, 'GST_SEGMENT_FLAG_RESET', 'reset'],
      [16, 'GST_SEGMENT_FLAG_TRICKMODE', 'trickmode'],
      [16, 'GST_SEGMENT_FLAG_SKIP', 'skip'],
      [8, 'GST_SEGMENT_FLAG_SEGMENT', 'segment'],
      [128, 'GST_SEGMENT_FLAG_TRICKMODE_KEY_UNITS', 'trickmode-key-units'],
      [512, 'GST_SEGMENT_FLAG_TRICKMODE_FORWARD_PREDICTED', 'trickmode-forward-predicted'],
      [256, 'GST_SEGMENT_FLAG_TRICKMODE_NO_AUDIO', 'trickmode-no-audio'],
    ],
  },
  GstStackTraceFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_STACK_TRACE_SHOW_NONE', 'none'],
      [1, 'GST_STACK_TRACE_SHOW_FULL', 'full'],
    ],
  },
  GstState: {
    kind: 'enum',
    values: [
      [0, 'GST_STATE_VOID_PENDING', 'void-pending'],
      [1, 'GST_STATE_NULL', 'null'],
      [2, 'GST_STATE_READY', 'ready'],
      [3, 'GST_STATE_PAUSED', 'paused'],
      [4, 'GST_STATE_PLAYING', 'playing'],
    ],
  },
  GstStateChange: {
    kind: 'enum',
    values: [
      [10, 'GST_STATE_CHANGE_NULL_TO_READY', 'null-to-ready'],
      [19, 'GST_STATE_CHANGE_READY_TO_PAUSED', 'ready-to-paused'],
      [28, 'GST_STATE_CHANGE_PAUSED_TO_PLAYING', 'paused-to-playing'],
      [35, 'GST_STATE_CHANGE_PLAYING_TO_PAUSED', 'playing-to-paused'],
      [26, 'GST_STATE_CHANGE_PAUSED_TO_READY', 'paused-to-ready'],
      [17, 'GST_STATE_CHANGE_READY_TO_NULL', 'ready-to-null'],
      [9, 'GST_STATE_CHANGE_NULL_TO_NULL', 'null-to-null'],
      [18, 'GST_STATE_CHANGE_READY_TO_READY', 'ready-to-ready'],
      [27, 'GST_STATE_CHANGE_PAUSED_TO_PAUSED', 'paused-to-paused'],
      [36, 'GST_STATE_CHANGE_PLAYING_TO_PLAYING', 'playing-to-playing'],
    ],
  },
  GstStateChangeReturn: {
    kind: 'enum',
    values: [
      [0, 'GST_STATE_CHANGE_FAILURE', 'failure'],
      [1, 'GST_STATE_CHANGE_SUCCESS', 'success'],
      [2, 'GST_STATE_CHANGE_ASYNC', 'async'],
      [3, 'GST_STATE_CHANGE_NO_PREROLL', 'no-preroll'],
    ],
  },
  GstStreamError: {
    kind: 'enum',
    values: [
      [1, 'GST_STREAM_ERROR_FAILED', 'failed'],
      [2, 'GST_STREAM_ERROR_TOO_LAZY', 'too-lazy'],
      [3, 'GST_STREAM_ERROR_NOT_IMPLEMENTED', 'not-implemented'],
      [4, 'GST_STREAM_ERROR_TYPE_NOT_FOUND', 'type-not-found'],
      [5, 'GST_STREAM_ERROR_WRONG_TYPE', 'wrong-type'],
      [6, 'GST_STREAM_ERROR_CODEC_NOT_FOUND', 'codec-not-found'],
      [7, 'GST_STREAM_ERROR_DECODE', 'decode'],
      [8, 'GST_STREAM_ERROR_ENCODE', 'encode'],
      [9, 'GST_STREAM_ERROR_DEMUX', 'demux'],
      [10, 'GST_STREAM_ERROR_MUX', 'mux'],
      [11, 'GST_STREAM_ERROR_FORMAT', 'format'],
      [12, 'GST_STREAM_ERROR_DECRYPT', 'decrypt'],
      [13, 'GST_STREAM_ERROR_DECRYPT_NOKEY', 'decrypt-nokey'],
      [14, 'GST_STREAM_ERROR_NUM_ERRORS', 'num-errors'],
    ],
  },
  GstStreamFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_STREAM_FLAG_NONE', 'none'],
      [1, 'GST_STREAM_FLAG_SPARSE', 'sparse'],
      [2, 'GST_STREAM_FLAG_SELECT', 'select'],
      [4, 'GST_STREAM_FLAG_UNSELECT', 'unselect'],
    ],
  },
  GstStreamStatusType: {
    kind: 'enum',
    values: [
      [0, 'GST_STREAM_STATUS_TYPE_CREATE', 'create'],
      [1, 'GST_STREAM_STATUS_TYPE_ENTER', 'enter'],
      [2, 'GST_STREAM_STATUS_TYPE_LEAVE', 'leave'],
      [3, 'GST_STREAM_STATUS_TYPE_DESTROY', 'destroy'],
      [8, 'GST_STREAM_STATUS_TYPE_START', 'start'],
      [9, 'GST_STREAM_STATUS_TYPE_PAUSE', 'pause'],
      [10, 'GST_STREAM_STATUS_TYPE_STOP', 'stop'],
    ],
  },
  GstStreamType: {
    kind: 'flags',
    values: [
      [1, 'GST_STREAM_TYPE_UNKNOWN', 'unknown'],
      [2, 'GST_STREAM_TYPE_AUDIO', 'audio'],
      [4, 'GST_STREAM_TYPE_VIDEO', 'video'],
      [8, 'GST_STREAM_TYPE_CONTAINER', 'container'],
      [16, 'GST_STREAM_TYPE_TEXT', 'text'],
    ],
  },
  GstStructureChangeType: {
    kind: 'enum',
    values: [
      [0, 'GST_STRUCTURE_CHANGE_TYPE_PAD_LINK', 'link'],
      [1, 'GST_STRUCTURE_CHANGE_TYPE_PAD_UNLINK', 'unlink'],
    ],
  },
  GstTagFlag: {
    kind: 'enum',
    values: [
      [0, 'GST_TAG_FLAG_UNDEFINED', 'undefined'],
      [1, 'GST_TAG_FLAG_META', 'meta'],
      [2, 'GST_TAG_FLAG_ENCODED', 'encoded'],
      [3, 'GST_TAG_FLAG_DECODED', 'decoded'],
      [4, 'GST_TAG_FLAG_COUNT', 'count'],
    ],
  },
  GstTagMergeMode: {
    kind: 'enum',
    values: [
      [0, 'GST_TAG_MERGE_UNDEFINED', 'undefined'],
      [1, 'GST_TAG_MERGE_REPLACE_ALL', 'replace-all'],
      [2, 'GST_TAG_MERGE_REPLACE', 'replace'],
      [3, 'GST_TAG_MERGE_APPEND', 'append'],
      [4, 'GST_TAG_MERGE_PREPEND', 'prepend'],
      [5, 'GST_TAG_MERGE_KEEP', 'keep'],
      [6, 'GST_TAG_MERGE_KEEP_ALL', 'keep-all'],
      [7, 'GST_TAG_MERGE_COUNT', 'count'],
    ],
  },
  GstTagScope: {
    kind: 'enum',
    values: [
      [0, 'GST_TAG_SCOPE_STREAM', 'stream'],
      [1, 'GST_TAG_SCOPE_GLOBAL', 'global'],
    ],
  },
  GstTaskState: {
    kind: 'enum',
    values: [
      [0, 'GST_TASK_STARTED', 'started'],
      [1, 'GST_TASK_STOPPED', 'stopped'],
      [2, 'GST_TASK_PAUSED', 'paused'],
    ],
  },
  GstTocEntryType: {
    kind: 'enum',
    values: [
      [-3, 'GST_TOC_ENTRY_TYPE_ANGLE', 'angle'],
      [-2, 'GST_TOC_ENTRY_TYPE_VERSION', 'version'],
      [-1, 'GST_TOC_ENTRY_TYPE_EDITION', 'edition'],
      [0, 'GST_TOC_ENTRY_TYPE_INVALID', 'invalid'],
      [1, 'GST_TOC_ENTRY_TYPE_TITLE', 'title'],
      [2, 'GST_TOC_ENTRY_TYPE_TRACK', 'track'],
      [3, 'GST_TOC_ENTRY_TYPE_CHAPTER', 'chapter'],
    ],
  },
  GstTocLoopType: {
    kind: 'enum',
    values: [
      [0, 'GST_TOC_LOOP_NONE', 'none'],
      [1, 'GST_TOC_LOOP_FORWARD', 'forward'],
      [2, 'GST_TOC_LOOP_REVERSE', 'reverse'],
      [3, 'GST_TOC_LOOP_PING_PONG', 'ping-pong'],
    ],
  },
  GstTocScope: {
    kind: 'enum',
    values: [
      [1, 'GST_TOC_SCOPE_GLOBAL', 'global'],
      [2, 'GST_TOC_SCOPE_CURRENT', 'current'],
    ],
  },
  GstTracerValueFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_TRACER_VALUE_FLAGS_NONE', 'none'],
      [1, 'GST_TRACER_VALUE_FLAGS_OPTIONAL', 'optional'],
      [2, 'GST_TRACER_VALUE_FLAGS_AGGREGATED', 'aggregated'],
    ],
  },
  GstTracerValueScope: {
    kind: 'enum',
    values: [
      [0, 'GST_TRACER_VALUE_SCOPE_PROCESS', 'process'],
      [1, 'GST_TRACER_VALUE_SCOPE_THREAD', 'thread'],
      [2, 'GST_TRACER_VALUE_SCOPE_ELEMENT', 'element'],
      [3, 'GST_TRACER_VALUE_SCOPE_PAD', 'pad'],
    ],
  },
  GstTypeFindProbability: {
    kind: 'enum',
    values: [
      [0, 'GST_TYPE_FIND_NONE', 'none'],
      [1, 'GST_TYPE_FIND_MINIMUM', 'minimum'],
      [50, 'GST_TYPE_FIND_POSSIBLE', 'possible'],
      [80, 'GST_TYPE_FIND_LIKELY', 'likely'],
      [99, 'GST_TYPE_FIND_NEARLY_CERTAIN', 'nearly-certain'],
      [100, 'GST_TYPE_FIND_MAXIMUM', 'maximum'],
    ],
  },
  GstURIError: {
    kind: 'enum',
    values: [
      [0, 'GST_URI_ERROR_UNSUPPORTED_PROTOCOL', 'unsupported-protocol'],
      [1, 'GST_URI_ERROR_BAD_URI', 'bad-uri'],
      [2, 'GST_URI_ERROR_BAD_STATE', 'bad-state'],
      [3, 'GST_URI_ERROR_BAD_REFERENCE', 'bad-reference'],
    ],
  },
  GstURIType: {
    kind: 'enum',
    values: [
      [0, 'GST_URI_UNKNOWN', 'unknown'],
      [1, 'GST_URI_SINK', 'sink'],
      [2, 'GST_URI_SRC', 'src'],
    ],
  },
  GstVideoMultiviewFlags: {
    kind: 'flags',
    values: [
      [0, 'GST_VIDEO_MULTIVIEW_FLAGS_NONE', 'none'],
      [1, 'GST_VIDEO_MULTIVIEW_FLAGS_RIGHT_VIEW_FIRST', 'right-view-first'],
      [2, 'GST_VIDEO_MULTIVIEW_FLAGS_LEFT_FLIPPED', 'left-flipped'],
      [4, 'GST_VIDEO_MULTIVIEW_FLAGS_LEFT_FLOPPED', 'left-flopped'],
      [8, 'GST_VIDEO_MULTIVIEW_FLAGS_RIGHT_FLIPPED', 'right-flipped'],
      [16, 'GST_VIDEO_MULTIVIEW_FLAGS_RIGHT_FLOPPED', 'right-flopped'],
      [16384, 'GST_VIDEO_MULTIVIEW_FLAGS_HALF_ASPECT', 'half-aspect'],
      [32768, 'GST_VIDEO_MULTIVIEW_FLAGS_MIXED_MONO', 'mixed-mono'],
    ],
  },
} as const satisfies Record<string, EnumClass>;

export type EnumTypeName = keyof typeof ENUM_CLASSES;

export function isEnumTypeName(name: string): name is EnumTypeName {
  return Object.prototype.hasOwnProperty.call(ENUM_CLASSES, name);
}

/** strtol / strtoul (base 0) over the whole text, as C reads them; undefined unless all is read */
export function cNumber(s: string, unsigned: boolean): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) {
    // an empty text converts to 0 with nothing left over
    return s === '' ? 0 : undefined;
  }
  const digits = m[2]!;
  let v = /^0[0-7]/.test(digits) && digits.length > 1 ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const LONG_MAX = (1n << 63n) - 1n;
  if (unsigned) {
    if (v > (1n << 64n) - 1n) v = (1n << 64n) - 1n;
    else if (m[1] === '-') v = BigInt.asUintN(64, -v);
    return Number(BigInt.asUintN(32, v));
  }
  if (m[1] === '-') v = -v;
  if (v > LONG_MAX) v = LONG_MAX;
  else if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
  return Number(BigInt.asIntN(32, v));
}

/**
 * Read a value of an enum or flags type from its text (name, nick or number; flags as parts
 * joined by `+` or `/`), and give it in GStreamer's printed form (for flags also the bits, which
 * the printed form can lose: unknown bits print as `0`); undefined where 1.22 fails.
 */
export function deserializeEnum(type: EnumTypeName, s: string): { readonly text: string; readonly bits?: number } | undefined {
  const cls: EnumClass = ENUM_CLASSES[type];
  if (cls.kind === 'enum') {
    let v = cls.values.find((x) => x[1] === s) ?? cls.values.find((x) => x[2] === s);
    if (v === undefined) {
      const n = cNumber(s, false);
      if (n !== undefined && s !== '') v = cls.values.find((x) => x[0] === n);
    }
    // GstFormat also knows its nicks through gst_format_get_by_nick, which ignores case
    if (v === undefined && type === 'GstFormat') v = cls.values.find((x) => x[2].toLowerCase() === s.toLowerCase());
    return v === undefined ? undefined : { text: v[2] };
  }
  const read = flagsFromString(cls, s);
  return read === undefined ? undefined : { text: flagsToString(cls, read.flags), bits: read.flags };
}

/**
 * gst_value_gflags_str_to_flags: parts (name, nick or C number) joined by `+` (set) or `/`
 * (cleared); every non-zero part joins the mask. undefined where a part is none of these.
 */
export function flagsFromString(cls: EnumClass, s: string): { flags: number; mask: number } | undefined {
  let flags = 0;
  let mask = 0;
  if (s !== '') {
    let pos = 0;
    let delimiter = '+';
    if (s[0] === '/' || s[0] === '+') {
      delimiter = s[0];
      pos = 1;
    }
    for (;;) {
      let next = pos;
      while (next < s.length && s[next] !== '+' && s[next] !== '/') next++;
      const part = s.slice(pos, next);
      const named = cls.values.find((x) => x[1] === part) ?? cls.values.find((x) => x[2] === part);
      const val = named !== undefined ? named[0] : cNumber(part, true);
      if (val === undefined) return undefined;
      if (val !== 0) {
        mask = (mask | val) >>> 0;
        if (delimiter === '+') flags = (flags | val) >>> 0;
      }
      if (next >= s.length) break;
      delimiter = s[next]!;
      pos = next + 1;
    }
  }
  return { flags, mask };
}

/** gst_value_serialize_gflags */
function flagsToString(cls: EnumClass, flags: number): string {
  let mask = 0;
  for (const [v] of cls.values) mask = (mask | v) >>> 0;
  // bits the class does not know print as 0
  if ((flags & ~mask) >>> 0 !== 0) return '0';
  if (flags === 0) return cls.values.find((x) => x[0] === 0)?.[1] ?? '0';
  const names: string[] = [];
  while (flags !== 0) {
    const v = cls.values.find((x) => x[0] !== 0 && ((x[0] & flags) >>> 0) === x[0]);
    // bits no value covers: 1.22 gives up with a critical and prints 0
    if (v === undefined) return '0';
    names.push(v[1]);
    flags = (flags & ~v[0]) >>> 0;
  }
  return names.join('+');
}
