/**
 * GstFlagSet subtypes: flagsets registered with `gst_flagset_register(flags_type)`, which print
 * their bits by nick after the hex form and read nick lists too (GStreamer 1.22 gstvalue.c,
 * gst_value_serialize_flagset / gst_value_deserialize_flagset).
 *
 * Which subtypes exist: the installed 1.22.0 libraries were searched for importers of
 * gst_flagset_register (nm -D over libgst*.so and every plugin); only libgstvideo-1.0 registers
 * one, GstVideoMultiviewFlagsSet (gst_video_multiview_flagset_get_type), over GstVideoMultiviewFlags.
 * That flags class's values are in enums.ts, read from libgstvideo-1.0 1.22.0 through koffi
 * (g_type_class_ref on GstVideoMultiviewFlags, its GFlagsValue array in registration order).
 */
import { ENUM_CLASSES, flagsFromString, type EnumClass } from './enums.js';

/** subtype GType name → its flags class (GStreamer drops the trailing `Set` to find it) */
export const FLAGSET_CLASSES = {
  GstVideoMultiviewFlagsSet: ENUM_CLASSES.GstVideoMultiviewFlags,
} as const satisfies Record<string, EnumClass>;

export type FlagSetTypeName = keyof typeof FLAGSET_CLASSES;

export function isFlagSetTypeName(name: string): name is FlagSetTypeName {
  return Object.prototype.hasOwnProperty.call(FLAGSET_CLASSES, name);
}

const cls = (type: string): EnumClass | undefined =>
  isFlagSetTypeName(type) ? FLAGSET_CLASSES[type] : undefined;

/**
 * The nick part of gst_value_serialize_flagset: `:` then, for each class value whose bits all lie
 * in the mask (g_flags_get_first_value, class order), `+nick` when any of its bits is set in the
 * flags, `/nick` otherwise, until no value fits the remaining mask. Empty for a generic flagset or
 * a zero mask.
 */
export function flagsetNicks(type: string | undefined, flags: number, mask: number): string {
  const c = type === undefined ? undefined : cls(type);
  if (c === undefined || mask === 0) return '';
  let out = '';
  let rest = mask >>> 0;
  while (rest !== 0) {
    const fl = c.values.find(([v]) => v !== 0 && ((v & rest) >>> 0) === v);
    if (fl === undefined) break;
    out += ((flags & fl[0]) !== 0 ? '+' : '/') + fl[2];
    rest = (rest & ~fl[0]) >>> 0;
  }
  return out === '' ? '' : ':' + out;
}

/** The nick-list form a subtype also reads (`+left-flipped/right-view-first`), as flags & mask. */
export function flagsetFromNicks(type: FlagSetTypeName, text: string): { flags: number; mask: number } | undefined {
  const r = flagsFromString(FLAGSET_CLASSES[type], text);
  return r === undefined ? undefined : { flags: (r.flags & r.mask) >>> 0, mask: r.mask };
}
