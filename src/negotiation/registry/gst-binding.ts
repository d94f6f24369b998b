/**
 * The thin koffi binding to the locally installed libgstreamer-1.0 (and libgstbase-1.0) used by
 * `capsflow registry import`. This is the only koffi use in the negotiation area. It reads the registry
 * through the C API and returns plain data; shaping it into a snapshot is registry-import.ts's job.
 *
 * Struct offsets below are the x86-64 / aarch64 LP64 layouts of GLib 2.x and GStreamer 1.x.
 */
import koffi, { type LibraryHandle } from 'koffi';

export type GstBindingResult = { readonly ok: true; readonly gst: GstBinding } | { readonly ok: false; readonly message: string };

/** A pad template exactly as the registry stores it (GstStaticPadTemplate). */
export interface RawPadTemplate {
  readonly name: string;
  /** GstPadDirection: 1 src, 2 sink */
  readonly direction: number;
  /** GstPadPresence: 0 always, 1 sometimes, 2 request */
  readonly presence: number;
  /** gst_caps_to_string of the template caps */
  readonly caps: string;
  /** the string the registry stores (GstStaticCaps.string) */
  readonly stored: string;
}

export interface RawEnumValue {
  readonly value: number;
  readonly name: string;
  readonly nick: string;
}

/** One GParamSpec, read from the element class (never from an instance). */
export interface RawProperty {
  readonly name: string;
  /** GType name of the value (gint, GstVideoFlipMethod, GstCaps, ...) */
  readonly type: string;
  /** GType name of the param spec (GParamInt, GParamEnum, GstParamFraction, ...) */
  readonly specType: string;
  /** GParamFlags bits */
  readonly flags: number;
  readonly default: string | number | boolean | null;
  readonly min?: number;
  readonly max?: number;
  readonly enumValues?: readonly RawEnumValue[];
}

export interface RawFactory {
  readonly name: string;
  readonly klass: string;
  readonly description: string;
  readonly rank: number;
  readonly plugin: string;
  readonly padTemplates: readonly RawPadTemplate[];
  /** null when the element type could not be loaded (the plugin failed to load) */
  readonly properties: readonly RawProperty[] | null;
  /** the element's GType and its ancestors up to GstElement (GstAlawEnc, GstAudioEncoder, GstElement); null when not loaded */
  readonly typeChain: readonly string[] | null;
  /** what the class and a fresh instance say about allocation; null when the type could not be loaded */
  readonly facts: RawElementFacts | null;
}

/**
 * Facts the ALLOCATION model needs that only the element's code knows: which implementation of each
 * base-class vmethod the element runs, GstBaseTransform's class flags, and a fresh instance's state.
 */
export interface RawElementFacts {
  /**
   * per vmethod of the element's base classes (decide_allocation, propose_allocation, filter_meta,
   * transform, transform_frame ...): the GType whose implementation the class holds (the most distant
   * ancestor with the same function pointer), or null when the pointer is NULL
   */
  readonly vfuncs: Readonly<Record<string, string | null>>;
  /** GstBaseTransformClass.passthrough_on_same_caps / transform_ip_on_passthrough; null for other elements */
  readonly transformClass: { readonly passthroughOnSameCaps: boolean; readonly transformIpOnPassthrough: boolean } | null;
  /** one instance made with gst_element_factory_create; null when that failed */
  readonly instance: RawInstance | null;
}

export interface RawInstance {
  /** the always pads the instance has, by name: their GstPadFlags that say how queries pass (proxy-allocation ...) */
  readonly padFlags: Readonly<Record<string, readonly string[]>>;
  /** GstBaseTransform only: gst_base_transform_is_passthrough / is_in_place right after construction */
  readonly passthrough?: boolean;
  readonly inPlace?: boolean;
}

export interface GstBinding {
  /** e.g. "1.22.0" */
  readonly version: string;
  /** every GstElementFactory in the default registry, in registry order */
  elementFactories(options?: { readonly names?: readonly string[] }): RawFactory[];
}

const LIBS = { gst: 'libgstreamer-1.0.so.0', gobject: 'libgobject-2.0.so.0', glib: 'libglib-2.0.so.0', base: 'libgstbase-1.0.so.0' } as const;

let cached: GstBindingResult | undefined;

/** Load libgstreamer and initialise it once; a missing library is a value, not a crash. */
export function openGstreamer(): GstBindingResult {
  cached ??= open(LIBS);
  return cached;
}

/** Open another libgstreamer (a path or soname); not cached. Used to prove a missing library is reported. */
export function openGstreamerLibrary(gstLibrary: string): GstBindingResult {
  return open({ ...LIBS, gst: gstLibrary });
}

type Ptr = bigint | null;
type GType = number | bigint;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => any;

function open(libs: { readonly gst: string; readonly gobject: string; readonly glib: string; readonly base: string }): GstBindingResult {
  // the struct offsets read below are the LP64 layouts
  if (koffi.sizeof('void *') !== 8 || koffi.sizeof('long') !== 8) {
    return { ok: false, message: 'registry import reads GLib structs with LP64 offsets and needs a 64-bit Linux' };
  }
  let gst: LibraryHandle;
  let gobject: LibraryHandle;
  let glib: LibraryHandle;
  try {
    glib = koffi.load(libs.glib);
    gobject = koffi.load(libs.gobject);
    gst = koffi.load(libs.gst);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: `cannot load ${libs.gst} (is GStreamer 1.x installed? e.g. apt-get install libgstreamer1.0-0 gstreamer1.0-plugins-base): ${why}`,
    };
  }
  // libgstbase only adds the GstBaseTransform instance facts: without it the rest still imports
  let base: LibraryHandle | null = null;
  try {
    base = koffi.load(libs.base);
  } catch {
    base = null;
  }
  try {
    return { ok: true, gst: bind(glib, gobject, gst, base) };
  } catch (e) {
    return { ok: false, message: `cannot use ${libs.gst}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function bind(glib: LibraryHandle, gobject: LibraryHandle, gst: LibraryHandle, base: LibraryHandle | null): GstBinding {
  const g_free = glib.func('void g_free(void *mem)') as Fn;
  const HeapStr = koffi.disposable('capsflow_gchar_str', 'str', g_free);

  const f = {
    gst_init_check: gst.func('int gst_init_check(void *argc, void *argv, void *err)') as Fn,
    gst_version: gst.func('void gst_version(_Out_ uint *major, _Out_ uint *minor, _Out_ uint *micro, _Out_ uint *nano)') as Fn,
    gst_registry_get: gst.func('void *gst_registry_get(void)') as Fn,
    gst_registry_get_feature_list: gst.func('void *gst_registry_get_feature_list(void *registry, uint64 type)') as Fn,
    gst_plugin_feature_list_free: gst.func('void gst_plugin_feature_list_free(void *list)') as Fn,
    gst_element_factory_get_type: gst.func('uint64 gst_element_factory_get_type(void)') as Fn,
    gst_element_factory_get_metadata: gst.func('const char *gst_element_factory_get_metadata(void *factory, const char *key)') as Fn,
    gst_element_factory_get_static_pad_templates: gst.func('void *gst_element_factory_get_static_pad_templates(void *factory)') as Fn,
    gst_element_factory_get_element_type: gst.func('uint64 gst_element_factory_get_element_type(void *factory)') as Fn,
    gst_plugin_feature_get_rank: gst.func('uint gst_plugin_feature_get_rank(void *feature)') as Fn,
    gst_plugin_feature_get_plugin_name: gst.func('const char *gst_plugin_feature_get_plugin_name(void *feature)') as Fn,
    gst_plugin_feature_load: gst.func('void *gst_plugin_feature_load(void *feature)') as Fn,
    gst_object_get_name: gst.func('gst_object_get_name', HeapStr, ['void *']) as Fn,
    gst_object_unref: gst.func('void gst_object_unref(void *object)') as Fn,
    gst_value_serialize: gst.func('gst_value_serialize', HeapStr, ['void *']) as Fn,
    gst_static_caps_get: gst.func('void *gst_static_caps_get(void *static_caps)') as Fn,
    gst_caps_to_string: gst.func('gst_caps_to_string', HeapStr, ['void *']) as Fn,
    gst_mini_object_unref: gst.func('void gst_mini_object_unref(void *object)') as Fn,
    g_type_class_ref: gobject.func('void *g_type_class_ref(uint64 type)') as Fn,
    g_type_class_unref: gobject.func('void g_type_class_unref(void *klass)') as Fn,
    g_type_name: gobject.func('const char *g_type_name(uint64 type)') as Fn,
    g_type_parent: gobject.func('uint64 g_type_parent(uint64 type)') as Fn,
    g_type_fundamental: gobject.func('uint64 g_type_fundamental(uint64 type)') as Fn,
    g_object_class_list_properties: gobject.func('void *g_object_class_list_properties(void *klass, _Out_ uint *n)') as Fn,
    g_param_spec_get_default_value: gobject.func('void *g_param_spec_get_default_value(void *pspec)') as Fn,
    g_param_spec_get_redirect_target: gobject.func('void *g_param_spec_get_redirect_target(void *pspec)') as Fn,
    g_value_get_boolean: gobject.func('int g_value_get_boolean(void *value)') as Fn,
    g_value_get_schar: gobject.func('int8 g_value_get_schar(void *value)') as Fn,
    g_value_get_uchar: gobject.func('uint8 g_value_get_uchar(void *value)') as Fn,
    g_value_get_int: gobject.func('int g_value_get_int(void *value)') as Fn,
    g_value_get_uint: gobject.func('uint g_value_get_uint(void *value)') as Fn,
    g_value_get_long: gobject.func('long g_value_get_long(void *value)') as Fn,
    g_value_get_ulong: gobject.func('unsigned long g_value_get_ulong(void *value)') as Fn,
    g_value_get_int64: gobject.func('int64 g_value_get_int64(void *value)') as Fn,
    g_value_get_uint64: gobject.func('uint64 g_value_get_uint64(void *value)') as Fn,
    g_value_get_float: gobject.func('float g_value_get_float(void *value)') as Fn,
    g_value_get_double: gobject.func('double g_value_get_double(void *value)') as Fn,
    g_value_get_enum: gobject.func('int g_value_get_enum(void *value)') as Fn,
    g_value_get_flags: gobject.func('uint g_value_get_flags(void *value)') as Fn,
    g_value_get_string: gobject.func('const char *g_value_get_string(void *value)') as Fn,
    g_type_from_name: gobject.func('uint64 g_type_from_name(const char *name)') as Fn,
    g_type_query: gobject.func('void g_type_query(uint64 type, void *query)') as Fn,
    gst_element_factory_create: gst.func('void *gst_element_factory_create(void *factory, const char *name)') as Fn,
    gst_object_ref_sink: gst.func('void *gst_object_ref_sink(void *object)') as Fn,
    gst_element_get_static_pad: gst.func('void *gst_element_get_static_pad(void *element, const char *name)') as Fn,
    gst_element_class_get_pad_template_list: gst.func('void *gst_element_class_get_pad_template_list(void *klass)') as Fn,
  };
  const baseFn = base === null
    ? null
    : {
        is_passthrough: base.func('int gst_base_transform_is_passthrough(void *trans)') as Fn,
        is_in_place: base.func('int gst_base_transform_is_in_place(void *trans)') as Fn,
      };

  if (f.gst_init_check(null, null, null) === 0) throw new Error('gst_init_check() failed');
  const major: number[] = [0];
  const minor: number[] = [0];
  const micro: number[] = [0];
  const nano: number[] = [0];
  f.gst_version(major, minor, micro, nano);
  const version = `${major[0]}.${minor[0]}.${micro[0]}${nano[0] ? `.${nano[0]}` : ''}`;

  const str = (p: Ptr): string | null => (p === null || p === 0n ? null : koffi.decode.string(p));
  const at = (p: bigint, offset: number, type: string): unknown => koffi.decode(p, offset, type);
  const ptrAt = (p: bigint, offset: number): Ptr => at(p, offset, 'void *') as Ptr;
  const isNull = (p: Ptr): p is null => p === null || p === 0n;

  // GList { gpointer data; GList *next; GList *prev; }
  function* list(head: Ptr): Generator<bigint> {
    for (let node = head; !isNull(node); node = ptrAt(node, 8)) {
      const data = ptrAt(node, 0);
      if (!isNull(data)) yield data;
    }
  }

  // GTypeInstance.g_class->g_type: the runtime type of a param spec
  const instanceType = (p: bigint): GType => at(ptrAt(p, 0) as bigint, 0, 'uint64') as GType;
  const typeName = (t: GType): string => (f.g_type_name(t) as string | null) ?? `GType(${String(t)})`;

  function padTemplates(factory: bigint): RawPadTemplate[] {
    // GstStaticPadTemplate { const gchar *name_template; GstPadDirection direction; GstPadPresence presence;  (0, 8, 12)
    //                        GstStaticCaps static_caps { GstCaps *caps; const char *string; ... } }     (16, 24)
    // The caps are printed from the parsed template caps (what gst-inspect shows); the stored string
    // is kept to report any difference.
    const out: RawPadTemplate[] = [];
    for (const t of list(f.gst_element_factory_get_static_pad_templates(factory) as Ptr)) {
      const stored = str(ptrAt(t, 24)) ?? '';
      const caps = f.gst_static_caps_get(t + 16n) as Ptr;
      let printed = stored;
      if (!isNull(caps)) {
        printed = (f.gst_caps_to_string(caps) as string | null) ?? stored;
        f.gst_mini_object_unref(caps);
      }
      out.push({
        name: str(ptrAt(t, 0)) ?? '',
        direction: at(t, 8, 'int') as number,
        presence: at(t, 12, 'int') as number,
        caps: printed,
        stored,
      });
    }
    return out;
  }

  // GEnumClass { GTypeClass; gint minimum; gint maximum; guint n_values; GEnumValue *values; }
  // GFlagsClass { GTypeClass; guint mask; guint n_values; GFlagsValue *values; }
  // G{Enum,Flags}Value { gint value; const gchar *value_name; const gchar *value_nick; }
  function enumValues(klass: bigint, flags: boolean): RawEnumValue[] {
    const n = at(klass, flags ? 12 : 16, 'uint') as number;
    const values = ptrAt(klass, flags ? 16 : 24);
    const out: RawEnumValue[] = [];
    if (isNull(values)) return out;
    for (let i = 0; i < n; i++) {
      const base = values + BigInt(i * 24);
      out.push({
        value: at(base, 0, flags ? 'uint' : 'int') as number,
        name: str(ptrAt(base, 8)) ?? '',
        nick: str(ptrAt(base, 16)) ?? '',
      });
    }
    return out;
  }

  /** GParamSpec is 72 bytes; the subclass fields follow. */
  const SPEC = 72;

  function defaultOf(pspec: bigint, fundamental: string): string | number | boolean | null {
    const v = f.g_param_spec_get_default_value(pspec) as Ptr;
    if (isNull(v)) return null;
    switch (fundamental) {
      case 'gboolean':
        return f.g_value_get_boolean(v) !== 0;
      case 'gchar':
        return f.g_value_get_schar(v) as number;
      case 'guchar':
        return f.g_value_get_uchar(v) as number;
      case 'gint':
        return f.g_value_get_int(v) as number;
      case 'guint':
        return f.g_value_get_uint(v) as number;
      case 'glong':
        return Number(f.g_value_get_long(v));
      case 'gulong':
        return Number(f.g_value_get_ulong(v));
      case 'gint64':
        return Number(f.g_value_get_int64(v));
      case 'guint64':
        return Number(f.g_value_get_uint64(v));
      case 'gfloat':
        return f.g_value_get_float(v) as number;
      case 'gdouble':
        return f.g_value_get_double(v) as number;
      case 'GEnum':
        return f.g_value_get_enum(v) as number;
      case 'GFlags':
        return f.g_value_get_flags(v) as number;
      case 'gchararray':
        return (f.g_value_get_string(v) as string | null) ?? null;
      default: {
        // GstFraction and other GStreamer value types serialise; pointers, boxed and objects default to NULL
        if (fundamental === 'GBoxed' || fundamental === 'GObject' || fundamental === 'gpointer' || fundamental === 'GParam') {
          return null;
        }
        const s = f.gst_value_serialize(v) as string | null;
        return s ?? null;
      }
    }
  }

  function property(listed: bigint): RawProperty {
    const name = str(ptrAt(listed, 8)) ?? '';
    // overridden interface properties redirect to the real spec
    const target = f.g_param_spec_get_redirect_target(listed) as Ptr;
    const pspec = isNull(target) ? listed : target;
    const flags = at(listed, 16, 'uint') as number;
    const valueType = at(pspec, 24, 'uint64') as GType;
    const specType = typeName(instanceType(pspec));
    const fundamental = typeName(f.g_type_fundamental(valueType) as GType);
    const base = { name, type: typeName(valueType), specType, flags };
    const dflt = defaultOf(pspec, fundamental);
    const range = (type: string, size: number): { min: number; max: number } => ({
      min: Number(at(pspec, SPEC, type)),
      max: Number(at(pspec, SPEC + size, type)),
    });
    switch (specType) {
      case 'GParamChar':
        return { ...base, default: dflt, ...range('int8', 1) };
      case 'GParamUChar':
        return { ...base, default: dflt, ...range('uint8', 1) };
      case 'GParamInt':
        return { ...base, default: dflt, ...range('int', 4) };
      case 'GParamUInt':
        return { ...base, default: dflt, ...range('uint', 4) };
      case 'GParamLong':
        return { ...base, default: dflt, ...range('long', 8) };
      case 'GParamULong':
        return { ...base, default: dflt, ...range('unsigned long', 8) };
      case 'GParamInt64':
        return { ...base, default: dflt, ...range('int64', 8) };
      case 'GParamUInt64':
        return { ...base, default: dflt, ...range('uint64', 8) };
      case 'GParamFloat':
        return { ...base, default: dflt, ...range('float', 4) };
      case 'GParamDouble':
        return { ...base, default: dflt, ...range('double', 8) };
      case 'GParamEnum':
      case 'GParamFlags': {
        const klass = ptrAt(pspec, SPEC);
        const enumList = isNull(klass) ? [] : enumValues(klass, specType === 'GParamFlags');
        return { ...base, default: dflt, enumValues: enumList };
      }
      case 'GstParamFraction': {
        // GstParamSpecFraction { GParamSpec; gint min_num, min_den, max_num, max_den, def_num, def_den; }
        const n = (i: number): number => at(pspec, SPEC + 4 * i, 'int') as number;
        return { ...base, default: `${n(4)}/${n(5)}`, min: n(0) / n(1), max: n(2) / n(3) };
      }
      default:
        return { ...base, default: dflt };
    }
  }

  function properties(loaded: bigint): RawProperty[] | null {
    const type = f.gst_element_factory_get_element_type(loaded) as GType;
    if (type === 0 || type === 0n) return null;
    const klass = f.g_type_class_ref(type) as Ptr;
    if (isNull(klass)) return null;
    try {
      const n: number[] = [0];
      const specs = f.g_object_class_list_properties(klass, n) as Ptr;
      if (isNull(specs)) return [];
      try {
        const out: RawProperty[] = [];
        for (let i = 0; i < (n[0] ?? 0); i++) {
          const p = ptrAt(specs, 8 * i);
          if (!isNull(p)) out.push(property(p));
        }
        return out;
      } finally {
        g_free(specs);
      }
    } finally {
      f.g_type_class_unref(klass);
    }
  }

  /**
   * The element class's own template order (klass->padtemplates: the order class_init added them, which
   * gst_element_link and gst-launch walk to pick a request template). The factory's static list is not
   * that: a registry cache written by gst-plugin-scanner holds it reversed, one scanned in-process does not.
   */
  function classTemplateOrder(loaded: bigint, templates: readonly RawPadTemplate[]): RawPadTemplate[] {
    const type = f.gst_element_factory_get_element_type(loaded) as GType;
    if (type === 0 || type === 0n) return [...templates];
    const klass = f.g_type_class_ref(type) as Ptr;
    if (isNull(klass)) return [...templates];
    const order: string[] = [];
    try {
      for (const t of list(f.gst_element_class_get_pad_template_list(klass) as Ptr)) order.push((f.gst_object_get_name(t) as string | null) ?? '');
    } finally {
      f.g_type_class_unref(klass);
    }
    const rank = (t: RawPadTemplate): number => {
      const i = order.indexOf(t.name);
      return i < 0 ? order.length : i;
    };
    return [...templates].sort((a, b) => rank(a) - rank(b));
  }

  // the base classes say how an element negotiates (GstBaseTransform, GstAudioEncoder, GstAggregator ...)
  function typeChain(loaded: bigint): string[] | null {
    let type = f.gst_element_factory_get_element_type(loaded) as GType;
    if (type === 0 || type === 0n) return null;
    const out: string[] = [];
    while (type !== 0 && type !== 0n) {
      const name = typeName(type);
      out.push(name);
      if (name === 'GstElement') break;
      type = f.g_type_parent(type) as GType;
    }
    return out;
  }

  // GTypeQuery { GType type; const gchar *type_name; guint class_size; guint instance_size; }
  const classSizes = new Map<string, number>();
  function classSize(typeName: string): number | null {
    const known = classSizes.get(typeName);
    if (known !== undefined) return known;
    const type = f.g_type_from_name(typeName) as GType;
    if (type === 0 || type === 0n) return null;
    const q = Buffer.alloc(24);
    f.g_type_query(type, q);
    const size = q.readUInt32LE(16);
    if (size === 0) return null;
    classSizes.set(typeName, size);
    return size;
  }

  /**
   * Where each recorded vmethod sits in its base class's class struct: after the parent class struct
   * (`after`, measured with g_type_query), `skip` bytes of fields, then one pointer per name ('' = not
   * recorded). The orders are the public class structs of GStreamer 1.x (gstbasetransform.h, ...).
   */
  const VFUNC_TABLES: readonly { readonly base: string; readonly after: string; readonly skip: number; readonly slots: readonly string[] }[] = [
    {
      base: 'GstBaseTransform',
      after: 'GstElement',
      skip: 8, // passthrough_on_same_caps, transform_ip_on_passthrough
      slots: ['', '', '', 'set_caps', 'query', 'decide_allocation', 'filter_meta', 'propose_allocation', '', '', '', '', '', '', '', '', '', '', 'transform', 'transform_ip'],
    },
    { base: 'GstVideoFilter', after: 'GstBaseTransform', skip: 0, slots: ['set_info', 'transform_frame', 'transform_frame_ip'] },
    { base: 'GstBaseSrc', after: 'GstElement', skip: 0, slots: ['', '', '', '', 'decide_allocation', '', '', '', '', '', '', '', '', '', 'query'] },
    { base: 'GstBaseSink', after: 'GstElement', skip: 0, slots: ['', '', '', '', '', 'propose_allocation', '', '', '', '', 'query'] },
    {
      base: 'GstVideoEncoder',
      after: 'GstElement',
      skip: 0,
      slots: ['', '', '', '', '', '', '', '', '', '', '', '', '', 'decide_allocation', 'propose_allocation', '', 'sink_query'],
    },
    {
      base: 'GstVideoDecoder',
      after: 'GstElement',
      skip: 0,
      slots: ['', '', '', '', '', '', '', '', '', '', '', '', 'decide_allocation', 'propose_allocation', '', 'sink_query'],
    },
    {
      base: 'GstAudioEncoder',
      after: 'GstElement',
      skip: 0,
      slots: ['', '', '', '', '', '', '', '', '', '', '', '', 'decide_allocation', 'propose_allocation', '', 'sink_query'],
    },
    {
      base: 'GstAudioDecoder',
      after: 'GstElement',
      skip: 0,
      slots: ['', '', '', '', '', '', '', '', '', '', '', '', 'decide_allocation', 'propose_allocation', 'sink_query'],
    },
    {
      base: 'GstAggregator',
      after: 'GstElement',
      skip: 0,
      slots: ['', '', '', '', 'sink_query', '', '', '', '', '', '', '', '', '', '', '', 'decide_allocation', 'propose_allocation'],
    },
  ];

  // GstPadFlags (GST_OBJECT_FLAG_LAST = 1 << 4): the ones that say how a pad passes queries on
  const PAD_FLAGS: readonly (readonly [number, string])[] = [
    [1 << 11, 'fixed-caps'],
    [1 << 12, 'proxy-caps'],
    [1 << 13, 'proxy-allocation'],
    [1 << 14, 'proxy-scheduling'],
    [1 << 15, 'accept-intersect'],
    [1 << 16, 'accept-template'],
  ];
  /** GstObject.flags: after GInitiallyUnowned (24), GMutex lock, name, parent */
  const OBJECT_FLAGS = 48;

  function facts(loaded: bigint, chain: readonly string[], templates: readonly RawPadTemplate[]): RawElementFacts | null {
    const type = f.gst_element_factory_get_element_type(loaded) as GType;
    if (type === 0 || type === 0n) return null;
    // the class of every type in the chain, most derived first
    const classes: bigint[] = [];
    let t = type;
    for (let i = 0; i < chain.length; i++) {
      const k = f.g_type_class_ref(t) as Ptr;
      if (isNull(k)) break;
      classes.push(k);
      t = f.g_type_parent(t) as GType;
    }
    try {
      const vfuncs: Record<string, string | null> = {};
      let transformClass: RawElementFacts['transformClass'] = null;
      for (const table of VFUNC_TABLES) {
        const depth = chain.indexOf(table.base);
        const start = classSize(table.after);
        if (depth < 0 || start === null || classes.length <= depth) continue;
        table.slots.forEach((name, i) => {
          if (name === '') return;
          const offset = start + table.skip + 8 * i;
          const own = ptrAt(classes[0]!, offset);
          if (isNull(own)) {
            vfuncs[name] = null;
            return;
          }
          // the most distant ancestor (down to the base class itself) that holds the same function
          let owner = 0;
          for (let d = 1; d <= depth; d++) {
            if (ptrAt(classes[d]!, offset) !== own) break;
            owner = d;
          }
          vfuncs[name] = chain[owner] ?? null;
        });
        if (table.base === 'GstBaseTransform') {
          transformClass = {
            passthroughOnSameCaps: (at(classes[0]!, start, 'int') as number) !== 0,
            transformIpOnPassthrough: (at(classes[0]!, start + 4, 'int') as number) !== 0,
          };
        }
      }
      return { vfuncs, transformClass, instance: instance(loaded, chain, templates) };
    } finally {
      for (const k of classes) f.g_type_class_unref(k);
    }
  }

  // A fresh instance: what init did (pads' flags; a basetransform's passthrough / in-place). Elements that
  // cannot be made here (a missing device or library) are left without instance facts.
  function instance(loaded: bigint, chain: readonly string[], templates: readonly RawPadTemplate[]): RawInstance | null {
    const made = f.gst_element_factory_create(loaded, null) as Ptr;
    if (isNull(made)) return null;
    const el = f.gst_object_ref_sink(made) as bigint;
    try {
      const padFlags: Record<string, string[]> = {};
      for (const t of templates) {
        if (t.presence !== 0) continue;
        const pad = f.gst_element_get_static_pad(el, t.name) as Ptr;
        if (isNull(pad)) continue;
        const bits = at(pad, OBJECT_FLAGS, 'uint32') as number;
        padFlags[t.name] = PAD_FLAGS.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
        f.gst_object_unref(pad);
      }
      if (baseFn === null || !chain.includes('GstBaseTransform')) return { padFlags };
      return { padFlags, passthrough: baseFn.is_passthrough(el) !== 0, inPlace: baseFn.is_in_place(el) !== 0 };
    } finally {
      f.gst_object_unref(el);
    }
  }

  function elementFactories(options?: { readonly names?: readonly string[] }): RawFactory[] {
    const wanted = options?.names === undefined ? null : new Set(options.names);
    const registry = f.gst_registry_get() as Ptr;
    const features = f.gst_registry_get_feature_list(registry, f.gst_element_factory_get_type()) as Ptr;
    const out: RawFactory[] = [];
    try {
      for (const factory of list(features)) {
        const name = (f.gst_object_get_name(factory) as string | null) ?? '';
        if (wanted !== null && !wanted.has(name)) continue;
        // Properties need the element class, so the plugin is loaded; the loaded factory is read.
        const loaded = f.gst_plugin_feature_load(factory) as Ptr;
        const live = isNull(loaded) ? factory : loaded;
        try {
          const meta = (key: string): string => (f.gst_element_factory_get_metadata(live, key) as string | null) ?? '';
          const templates = isNull(loaded) ? padTemplates(live) : classTemplateOrder(loaded, padTemplates(live));
          const chain = isNull(loaded) ? null : typeChain(loaded);
          out.push({
            name,
            klass: meta('klass'),
            description: meta('description'),
            rank: f.gst_plugin_feature_get_rank(live) as number,
            plugin: (f.gst_plugin_feature_get_plugin_name(live) as string | null) ?? '',
            padTemplates: templates,
            properties: isNull(loaded) ? null : properties(loaded),
            typeChain: chain,
            facts: isNull(loaded) || chain === null ? null : facts(loaded, chain, templates),
          });
        } finally {
          if (!isNull(loaded)) f.gst_object_unref(loaded);
        }
      }
    } finally {
      f.gst_plugin_feature_list_free(features);
    }
    return out;
  }

  return { version, elementFactories };
}
