/**
 * The registered enum and flags types of GStreamer's core that a caps cast can name, with their
 * values exactly as libgstreamer-1.0 1.22.0 registers them (value, value_name, value_nick, in
 * registration order, read from the GEnumClass/GFlagsClass tables through koffi), and the 1.22
 * rules that read and print them (gst_value_deserialize_enum / _gflags, gst_value_serialize_*).
 * Enums print their nick, flags the names of their set values joined by `+`.
 */

export interface EnumClass {
  readonly kind: 'enum' | 'flags';
  readonly values: readonly (readonly [value: number, name: string, nick: string])[];
}

export const ENUM_CLASSES = {
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
  GstPadDirection: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_UNKNOWN', 'unknown'],
      [1, 'GST_PAD_SRC', 'src'],
      [2, 'GST_PAD_SINK', 'sink'],
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
  GstPadPresence: {
    kind: 'enum',
    values: [
      [0, 'GST_PAD_ALWAYS', 'always'],
      [1, 'GST_PAD_SOMETIMES', 'sometimes'],
      [2, 'GST_PAD_REQUEST', 'request'],
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
  // libgstvideo-1.0 1.22.0, registered with GstVideoMultiviewFlagsSet (the flags class of that flagset, flagsets.ts)
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
 * joined by `+` or `/`), and give it in GStreamer's printed form; undefined where 1.22 fails.
 */
export function deserializeEnum(type: EnumTypeName, s: string): string | undefined {
  const cls: EnumClass = ENUM_CLASSES[type];
  if (cls.kind === 'enum') {
    let v = cls.values.find((x) => x[1] === s) ?? cls.values.find((x) => x[2] === s);
    if (v === undefined) {
      const n = cNumber(s, false);
      if (n !== undefined && s !== '') v = cls.values.find((x) => x[0] === n);
    }
    // GstFormat also knows its nicks through gst_format_get_by_nick, which ignores case
    if (v === undefined && type === 'GstFormat') v = cls.values.find((x) => x[2].toLowerCase() === s.toLowerCase());
    return v?.[2];
  }
  const read = flagsFromString(cls, s);
  return read === undefined ? undefined : flagsToString(cls, read.flags);
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
    if (v === undefined) break;
    names.push(v[1]);
    flags = (flags & ~v[0]) >>> 0;
  }
  return names.join('+');
}
