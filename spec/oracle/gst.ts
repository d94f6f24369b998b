/**
 * A thin koffi binding to real GStreamer (libgstreamer-1.0.so.0), used only as the test oracle.
 * Every call is string in → string/boolean out; every GstCaps/GstStructure/gchar* made here is
 * released here, so the suite can make hundreds of thousands of calls without leaking.
 *
 * Ownership (GStreamer 1.22 docs): merge/normalize/simplify/fixate/truncate take their caps
 * argument ("transfer full") and return a new reference; append takes its second argument;
 * intersect_full/subtract/copy return new references and take nothing.
 *
 * Hazards: some inputs abort, crash or hang GStreamer itself (caps-semantics.md §12a). The API
 * refuses them with `OracleHazardError` instead of killing the test process; callers filter
 * them first with `oracleHazard(op, ...)` (in properties: `fc.pre(oracleHazard(...) === null)`).
 * The filter, per op:
 *   - every op: nesting of `{ [ < (` deeper than MAX_NESTING (from_string recurses; ~30,000 overflows the stack);
 *   - subtract: ANY minuend (g_critical, NULL), `(ANY)` features on either side (assertion, NULL);
 *   - subtract, simplify: int/int64 ranges of different steps anywhere in the operands (value
 *     subtraction of such ranges hits `g_assert` in gstvalue.c and aborts the process);
 *   - subtract, simplify: an int/int64 range ending at the type's limit, where a list can meet it.
 *     Removing the limit from `[INT_MAX-1, INT_MAX]` answers TRUE with an unset value, and list
 *     subtraction aborts on it: `x,a=[0,10],b=[2147483640,max] − x,a=5,b=2147483646` makes the
 *     pieces `b={ [2147483640,2147483645], 2147483647 }` and `b=[2147483640,max]`, whose simplify
 *     does exactly that (found by caps-values.spec.ts at 5,000 runs). Lists meet the range when
 *     an operand holds one, or when subtraction makes one and then goes on: a minuend of several
 *     structures, a subtrahend of several structures or fields, simplify of several structures;
 *   - subtract, simplify: an int64 range under the same conditions. `[0,5] − [3,4]` leaves the
 *     mixed list `{ (gint64)[0,2], (gint64)5 }`, and comparing it segfaults (see mixed lists below):
 *     `x,a={7,4},b=(gint64)[0,5] − x,a=[6,12],b=(gint64)[3,4]` (found by caps-values.spec.ts);
 *   - isSubset, isEqual, merge, intersect: the same, when a list holds an int/int64 range: then
 *     gst_value_is_subset falls back to value subtraction (verified: `x,a={[0,20,2]} ⊆ x,a=[0,20,4]`
 *     aborts, and so do is_equal, merge and intersect, whose merge step asks is_subset);
 *   - every op that compares values (all binary ops but append, and simplify): a list, at any depth,
 *     whose elements have different GTypes, other than int with int range and double with double
 *     range (`{ [ 1, 4 ], 5 }` is everyday GStreamer output; it does not crash, and the type confusion
 *     it does suffer is deterministic and modelled in src/caps/compare.ts). Otherwise 1.22 compares
 *     lists type-confused: `x,b={I420,1}`, `{{1},2}`, `{(gint64)[1,2],1.5}` and
 *     `{(gint64)[0,10],(gint64)5}` is_equal themselves SEGFAULT, and `{1,true}` equals `{true,1}`.
 *     Lists of lists count as mixed too: intersection and subtraction unwrap one-element results,
 *     so `{ {1,2}, {3} }` ∩ itself is the mixed `{ { 1, 2 }, 3 }`, which the merge step then
 *     compares (segfault with a second structure; `{ {1}, {[-18,9,3]} }` and
 *     `{ {(double)[0,0]}, {(fraction)[0,1]} }` crash intersect and subtract too). Found by this
 *     suite's crash sweep; detected by walking the parsed GValues (`holdsMixedList`);
 *   - normalize: an empty list anywhere (1.22 loops forever);
 *   - fixateField with the string helper: a NULL string in the field's list (strcmp(NULL)
 *     segfaults; `fixateFieldHazard`);
 *   - fixate: ANY caps (g_critical, NULL).
 */
import type { FixateHow } from './cases.js';
import koffi from 'koffi';

export const GST_LIBRARY = 'libgstreamer-1.0.so.0';

export type CapsOp =
  | 'parse'
  | 'intersect'
  | 'canIntersect'
  | 'isSubset'
  | 'isEqual'
  | 'isStrictlyEqual'
  | 'isFixed'
  | 'subtract'
  | 'merge'
  | 'append'
  | 'normalize'
  | 'simplify'
  | 'fixate'
  | 'truncate';

export type IntersectMode = 'zigzag' | 'first';

/** The 1.22 GstCapsIntersectMode values. */
const INTERSECT_MODE = { zigzag: 0, first: 1 } as const;

/** G_TYPE_STRING, a fundamental GType (16 << G_TYPE_FUNDAMENTAL_SHIFT) */
const G_TYPE_STRING = 64n;

/** Deeper than this, from_string may overflow the C stack; 10,000 is known to pass. */
export const MAX_NESTING = 2000;

export class OracleHazardError extends Error {
  override readonly name = 'OracleHazardError';
}

export class OracleParseError extends Error {
  override readonly name = 'OracleParseError';
  constructor(readonly input: string) {
    super(`GStreamer cannot parse ${JSON.stringify(input)}`);
  }
}

type Ptr = unknown;

interface Native {
  caps_from_string(s: string): Ptr;
  caps_to_string(c: Ptr): string;
  caps_intersect_full(a: Ptr, b: Ptr, mode: number): Ptr;
  caps_can_intersect(a: Ptr, b: Ptr): number;
  caps_is_subset(a: Ptr, b: Ptr): number;
  caps_is_equal(a: Ptr, b: Ptr): number;
  caps_is_strictly_equal(a: Ptr, b: Ptr): number;
  caps_is_fixed(a: Ptr): number;
  caps_is_any(a: Ptr): number;
  caps_subtract(a: Ptr, b: Ptr): Ptr;
  caps_merge(a: Ptr, b: Ptr): Ptr;
  caps_append(a: Ptr, b: Ptr): void;
  caps_normalize(a: Ptr): Ptr;
  caps_simplify(a: Ptr): Ptr;
  caps_fixate(a: Ptr): Ptr;
  caps_truncate(a: Ptr): Ptr;
  caps_ref(a: Ptr): Ptr;
  caps_unref(a: Ptr): void;
  caps_copy(a: Ptr): Ptr;
  structure_from_string(s: string, end: null): Ptr;
  structure_to_string(s: Ptr): string;
  structure_free(s: Ptr): void;
  fixate_field_nearest_int(s: Ptr, field: string, target: number): number;
  fixate_field_nearest_double(s: Ptr, field: string, target: number): number;
  fixate_field_nearest_fraction(s: Ptr, field: string, num: number, den: number): number;
  fixate_field_string(s: Ptr, field: string, target: string): number;
  fixate_field_boolean(s: Ptr, field: string, target: number): number;
  fixate_field(s: Ptr, field: string): number;
  caps_new_empty(): Ptr;
  caps_append_structure(c: Ptr, s: Ptr): void;
  structure_copy(s: Ptr): Ptr;
  caps_get_size(c: Ptr): number;
  caps_get_structure(c: Ptr, i: number): Ptr;
  structure_n_fields(s: Ptr): number;
  structure_nth_field_name(s: Ptr, i: number): string;
  structure_get_value(s: Ptr, name: string): Ptr;
  value_list_get_size(v: Ptr): number;
  value_list_get_value(v: Ptr, i: number): Ptr;
  value_array_get_size(v: Ptr): number;
  value_array_get_value(v: Ptr, i: number): Ptr;
  value_get_structure(v: Ptr): Ptr;
  value_get_caps(v: Ptr): Ptr;
  /** g_value_get_string, as a pointer: null for the NULL string */
  value_get_string(v: Ptr): Ptr;
  /** GType of a GValue: its first field, a gsize */
  value_type(v: Ptr): bigint;
  types: { readonly list: bigint; readonly array: bigint; readonly structure: bigint; readonly caps: bigint };
  /** GType → the number family a scalar and its range share, where mixing them is safe (int, double) */
  family: ReadonlyMap<bigint, string>;
}

let native: Native | null = null;
/** g_log messages (warnings, criticals) since the last `takeLog()`; printing them would drown the test output. */
let log: string[] = [];

function load(): Native {
  if (native !== null) return native;
  const glib = koffi.load('libglib-2.0.so.0');
  const gst = koffi.load(GST_LIBRARY);
  const gFree = glib.func('void g_free(void *p)');
  // gchar* results are ours to g_free once koffi has copied them into a JS string
  const GStr = koffi.disposable('GStr', 'str', gFree);
  const GLogFunc = koffi.proto('void GLogFunc(const char *domain, int level, const char *message, void *data)');
  const setDefaultHandler = glib.func('void *g_log_set_default_handler(GLogFunc *fn, void *data)');
  const handler = koffi.register((domain: string | null, level: number, message: string | null) => {
    if (log.length < 1000) log.push(`${domain ?? ''}[${level}]: ${message ?? ''}`);
  }, koffi.pointer(GLogFunc));
  setDefaultHandler(handler, null);
  gst.func('void gst_init(void *argc, void *argv)')(null, null);
  // gst_init does not register libgstvideo's GstFlagSet subtype; a pipeline with video elements has
  // it, and so would this process after the first (GstVideoMultiviewFlagsSet) cast loads it on demand.
  // Registering it up front makes every answer independent of what was asked before.
  try {
    koffi.load('libgstvideo-1.0.so.0').func('uint64 gst_video_multiview_flagset_get_type()')();
  } catch {
    // no libgstvideo: casts to the subtype fail, as in GStreamer without plugins-base
  }
  const typeOf = (getType: string): bigint => BigInt(gst.func(`uint64 ${getType}()`)() as number | bigint);
  native = {
    caps_from_string: gst.func('void *gst_caps_from_string(const char *s)'),
    caps_to_string: gst.func('gst_caps_to_string', GStr, ['void *']),
    caps_intersect_full: gst.func('void *gst_caps_intersect_full(void *a, void *b, int mode)'),
    caps_can_intersect: gst.func('int gst_caps_can_intersect(void *a, void *b)'),
    caps_is_subset: gst.func('int gst_caps_is_subset(void *a, void *b)'),
    caps_is_equal: gst.func('int gst_caps_is_equal(void *a, void *b)'),
    caps_is_strictly_equal: gst.func('int gst_caps_is_strictly_equal(void *a, void *b)'),
    caps_is_fixed: gst.func('int gst_caps_is_fixed(void *a)'),
    caps_is_any: gst.func('int gst_caps_is_any(void *a)'),
    caps_subtract: gst.func('void *gst_caps_subtract(void *a, void *b)'),
    caps_merge: gst.func('void *gst_caps_merge(void *a, void *b)'),
    caps_append: gst.func('void gst_caps_append(void *a, void *b)'),
    caps_normalize: gst.func('void *gst_caps_normalize(void *a)'),
    caps_simplify: gst.func('void *gst_caps_simplify(void *a)'),
    caps_fixate: gst.func('void *gst_caps_fixate(void *a)'),
    caps_truncate: gst.func('void *gst_caps_truncate(void *a)'),
    caps_ref: gst.func('void *gst_caps_ref(void *a)'),
    caps_unref: gst.func('void gst_caps_unref(void *a)'),
    caps_copy: gst.func('void *gst_caps_copy(void *a)'),
    structure_from_string: gst.func('void *gst_structure_from_string(const char *s, void *end)'),
    structure_to_string: gst.func('gst_structure_to_string', GStr, ['void *']),
    structure_free: gst.func('void gst_structure_free(void *s)'),
    fixate_field_nearest_int: gst.func('int gst_structure_fixate_field_nearest_int(void *s, const char *f, int target)'),
    fixate_field_nearest_double: gst.func('int gst_structure_fixate_field_nearest_double(void *s, const char *f, double target)'),
    fixate_field_nearest_fraction: gst.func('int gst_structure_fixate_field_nearest_fraction(void *s, const char *f, int n, int d)'),
    fixate_field_string: gst.func('int gst_structure_fixate_field_string(void *s, const char *f, const char *target)'),
    fixate_field_boolean: gst.func('int gst_structure_fixate_field_boolean(void *s, const char *f, int target)'),
    fixate_field: gst.func('int gst_structure_fixate_field(void *s, const char *f)'),
    caps_new_empty: gst.func('void *gst_caps_new_empty()'),
    caps_append_structure: gst.func('void gst_caps_append_structure(void *c, void *s)'),
    structure_copy: gst.func('void *gst_structure_copy(void *s)'),
    caps_get_size: gst.func('unsigned int gst_caps_get_size(void *c)'),
    caps_get_structure: gst.func('void *gst_caps_get_structure(void *c, unsigned int i)'),
    structure_n_fields: gst.func('int gst_structure_n_fields(void *s)'),
    structure_nth_field_name: gst.func('const char *gst_structure_nth_field_name(void *s, unsigned int i)'),
    structure_get_value: gst.func('void *gst_structure_get_value(void *s, const char *name)'),
    value_list_get_size: gst.func('unsigned int gst_value_list_get_size(void *v)'),
    value_list_get_value: gst.func('void *gst_value_list_get_value(void *v, unsigned int i)'),
    value_array_get_size: gst.func('unsigned int gst_value_array_get_size(void *v)'),
    value_array_get_value: gst.func('void *gst_value_array_get_value(void *v, unsigned int i)'),
    value_get_structure: gst.func('void *gst_value_get_structure(void *v)'),
    value_get_caps: gst.func('void *gst_value_get_caps(void *v)'),
    value_type: (v: Ptr) => BigInt(koffi.decode(v, 'uint64') as number | bigint),
    value_get_string: koffi.load('libgobject-2.0.so.0').func('void *g_value_get_string(void *v)'),
    types: {
      list: BigInt(gst.func('uint64 gst_value_list_get_type()')() as number | bigint),
      array: BigInt(gst.func('uint64 gst_value_array_get_type()')() as number | bigint),
      structure: BigInt(gst.func('uint64 gst_structure_get_type()')() as number | bigint),
      caps: BigInt(gst.func('uint64 gst_caps_get_type()')() as number | bigint),
    },
    family: new Map<bigint, string>([
      [24n, 'int'], // G_TYPE_INT
      [typeOf('gst_int_range_get_type'), 'int'],
      [60n, 'double'], // G_TYPE_DOUBLE
      [typeOf('gst_double_range_get_type'), 'double'],
      // not int64 or fraction: their ranges hold pointers, and `{(gint64)[0,10],(gint64)5}` compared with itself segfaults
    ]),
  } as Native;
  return native;
}

/** The g_log lines GStreamer emitted since the previous call. */
export function takeLog(): string[] {
  const l = log;
  log = [];
  return l;
}

function checkText(s: string): void {
  // a NUL would silently cut the C string short, so both sides would not see the same input
  if (s.includes('\0')) throw new OracleHazardError('input contains NUL');
  if (nestingDepth(s) > MAX_NESTING) throw new OracleHazardError(`nesting deeper than ${MAX_NESTING}`);
}

/** Maximum depth of `{ [ < (` nesting, counting naively (quotes ignored: an over-estimate is safe). */
export function nestingDepth(s: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x3c || c === 0x28) {
      if (++depth > max) max = depth;
    } else if ((c === 0x7d || c === 0x5d || c === 0x3e || c === 0x29) && depth > 0) depth--;
  }
  return max;
}

/** Parse, or null when GStreamer refuses the string. The caller owns the result. */
function fromString(n: Native, s: string): Ptr | null {
  checkText(s);
  const c = n.caps_from_string(s);
  return c === null ? null : c;
}

function need(n: Native, s: string): Ptr {
  const c = fromString(n, s);
  if (c === null) throw new OracleParseError(s);
  return c;
}

/** to_string and release. */
function finish(n: Native, c: Ptr | null): string {
  if (c === null) throw new Error('GStreamer returned NULL caps');
  try {
    return n.caps_to_string(c);
  } finally {
    n.caps_unref(c);
  }
}

function withCaps<T>(texts: readonly string[], f: (n: Native, caps: Ptr[]) => T): T {
  const n = load();
  const caps: Ptr[] = [];
  try {
    for (const t of texts) caps.push(need(n, t));
    return f(n, caps);
  } finally {
    for (const c of caps) n.caps_unref(c);
  }
}

const bool = (x: number): boolean => x !== 0;

function stepsOf(printed: string): Set<string> {
  const steps = new Set<string>();
  // a printed int/int64 range is `[ min, max ]` or `[ min, max, step ]`, escaped inside quoted nested values
  const plain = printed.replace(/\\/g, '');
  for (const m of plain.matchAll(/\[ ?(-?\d+), ?(-?\d+)(?:, ?(-?\d+))? ?\]/g)) steps.add(m[3] ?? '1');
  return steps;
}

/** Some list in the caps (at any depth: lists, arrays, nested structures and caps) mixes GTypes. */
export function holdsMixedList(text: string): boolean {
  const n = load();
  const c = fromString(n, text);
  if (c === null) return false;
  try {
    return capsMixed(n, c);
  } finally {
    n.caps_unref(c);
  }
}

function capsMixed(n: Native, c: Ptr): boolean {
  const size = n.caps_get_size(c);
  for (let i = 0; i < size; i++) if (structureMixed(n, n.caps_get_structure(c, i))) return true;
  return false;
}

function structureMixed(n: Native, s: Ptr): boolean {
  const fields = n.structure_n_fields(s);
  for (let i = 0; i < fields; i++) {
    if (valueMixed(n, n.structure_get_value(s, n.structure_nth_field_name(s, i)))) return true;
  }
  return false;
}

/**
 * The type a list element is compared as: number families for scalars and their ranges, and for
 * lists and arrays their own kind plus their element 0's deep type (`{ {1}, {[1,5]} }` mixes too).
 */
function deepType(n: Native, v: Ptr): string {
  const t = n.value_type(v);
  if (t === n.types.list || t === n.types.array) {
    const isList = t === n.types.list;
    const size = isList ? n.value_list_get_size(v) : n.value_array_get_size(v);
    const first = size === 0 ? 'empty' : deepType(n, isList ? n.value_list_get_value(v, 0) : n.value_array_get_value(v, 0));
    return `${isList ? 'list' : 'array'}<${first}>`;
  }
  return n.family.get(t) ?? String(t);
}

function valueMixed(n: Native, v: Ptr): boolean {
  const t = n.value_type(v);
  if (t === n.types.list || t === n.types.array) {
    const isList = t === n.types.list;
    const size = isList ? n.value_list_get_size(v) : n.value_array_get_size(v);
    let first: string | null = null;
    for (let i = 0; i < size; i++) {
      const e = isList ? n.value_list_get_value(v, i) : n.value_array_get_value(v, i);
      const dt = deepType(n, e);
      if (isList && first !== null && dt !== first) return true;
      // intersect/subtract unwrap one-element results, turning `{ {1,2}, {3} }` into a mixed `{ {1,2}, 3 }`
      if (isList && n.value_type(e) === n.types.list) return true;
      first ??= dt;
      if (valueMixed(n, e)) return true;
    }
    return false;
  }
  if (t === n.types.structure) return structureMixed(n, n.value_get_structure(v));
  if (t === n.types.caps) {
    const inner = n.value_get_caps(v);
    return inner !== null && capsMixed(n, inner);
  }
  return false;
}

/**
 * Some field is an array in one structure and not an array in another: simplify's union then
 * builds the mixed list `{ <1,2>, 5 }` itself and compares it (`x,a=<1,2>; x,a=2, b=3; x,a=5`
 * segfaults 1.22, whatever the element type, and so does subtracting anything disjoint from it;
 * found by caps-flagsets.spec.ts).
 */
export function arrayMeetsScalar(text: string): boolean {
  const n = load();
  const c = fromString(n, text);
  if (c === null) return false;
  try {
    const isArray = new Map<string, boolean>();
    const size = n.caps_get_size(c);
    for (let i = 0; i < size; i++) {
      const st = n.caps_get_structure(c, i);
      const fields = n.structure_n_fields(st);
      for (let f = 0; f < fields; f++) {
        const name = n.structure_nth_field_name(st, f);
        const array = n.value_type(n.structure_get_value(st, name)) === n.types.array;
        const seen = isArray.get(name);
        if (seen !== undefined && seen !== array) return true;
        isArray.set(name, array);
      }
    }
    return false;
  } finally {
    n.caps_unref(c);
  }
}

const COMPARING: ReadonlySet<CapsOp> = new Set<CapsOp>([
  'intersect', 'canIntersect', 'isSubset', 'isEqual', 'isStrictlyEqual', 'subtract', 'merge', 'simplify',
]);

const SUBTRACTING: ReadonlySet<CapsOp> = new Set<CapsOp>(['subtract', 'simplify']);
const SUBSET_TESTING: ReadonlySet<CapsOp> = new Set<CapsOp>(['isSubset', 'isEqual', 'merge', 'intersect']);

/** How many structures, and the most fields one of them has. */
function shapeOf(text: string): { readonly size: number; readonly maxFields: number } {
  return withCaps([text], (n, [c]) => {
    const size = n.caps_get_size(c);
    let maxFields = 0;
    for (let i = 0; i < size; i++) maxFields = Math.max(maxFields, n.structure_n_fields(n.caps_get_structure(c, i)));
    return { size, maxFields };
  });
}

const LIMITS = new Set(['2147483647', '-2147483648', '9223372036854775807', '-9223372036854775808']);

/** A printed int/int64 range `[ min, max(, step) ]` with an end at INT_MAX/INT_MIN (or the int64 ones). */
function rangeAtLimit(printed: string): boolean {
  const plain = printed.replace(/\\/g, '');
  for (const m of plain.matchAll(/\[ ?(-?\d+), ?(-?\d+)(?:, ?(-?\d+))? ?\]/g)) if (LIMITS.has(m[1]!) || LIMITS.has(m[2]!)) return true;
  return false;
}

/** A list `{ … }` with an int/int64 range `[ n, … ]` inside (nested structures start `[name`). */
function listHoldsIntRange(printed: string): boolean {
  const plain = printed.replace(/\\/g, '');
  const stack: string[] = [];
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i];
    if (c === '{' || c === '<' || c === '[') {
      if (c === '[' && stack.includes('{') && /^\[ ?-?\d/.test(plain.slice(i, i + 4))) return true;
      stack.push(c);
    } else if (c === '}' || c === '>' || c === ']') stack.pop();
  }
  return false;
}

/**
 * Why asking GStreamer `op` on these caps strings would abort, crash or hang it — or null when it
 * is safe. Strings GStreamer cannot parse are safe (the op just reports the parse failure).
 */
export function oracleHazard(op: CapsOp, ...texts: string[]): string | null {
  for (const t of texts) {
    if (t.includes('\0')) return 'input contains NUL';
    if (nestingDepth(t) > MAX_NESTING) return `nesting deeper than ${MAX_NESTING} (from_string would overflow the stack)`;
  }
  if (op === 'parse') return null;
  const printed: string[] = [];
  for (const t of texts) {
    const p = parse(t);
    if (p === null) return null;
    printed.push(p);
  }
  if (op === 'subtract') {
    if (printed[0] === 'ANY') return 'subtract from ANY caps (g_critical, NULL result)';
    if (printed.some((p) => /\(ANY\)/.test(p))) return 'subtract with ANY features (assertion, NULL result)';
  }
  if (op === 'fixate' && printed[0] === 'ANY') return 'fixate of ANY caps (g_critical, NULL result)';
  if (COMPARING.has(op) && texts.some(holdsMixedList)) return 'a list mixing element types (1.22 compares it type-confused, often segfaults)';
  if (op === 'normalize' && printed.some((p) => p.includes('{  }'))) return 'normalize of an empty list loops forever in 1.22';
  // gst_caps_subtract simplifies what is left of the minuend
  if ((op === 'simplify' || op === 'subtract') && arrayMeetsScalar(texts[0]!)) {
    return 'a field that is an array in one structure and not in another (simplify unions them into a mixed list, then segfaults)';
  }
  if (SUBTRACTING.has(op)) {
    const atLimit = printed.some(rangeAtLimit);
    // the minuend's int64 range is split only by an int64 value of the subtrahend (simplify: of another structure)
    const hasInt64Range = (p: string): boolean => p.includes('(gint64)[') || /\(gint64\)\{[^}]*\[/.test(p);
    const int64Range = hasInt64Range(printed[0]!) && (op === 'simplify' || printed[1]!.includes('(gint64)'));
    if (atLimit || int64Range) {
      const [m, sub] = texts.map(shapeOf);
      // subtraction's pieces are simplified against each other, and simplify subtracts its structures pairwise
      const piecesMeet = m!.size > 1 || (sub !== undefined && (sub.size > 1 || sub.maxFields > 1));
      if (atLimit && (piecesMeet || printed.some((p) => p.includes('{')))) {
        return 'an int range ending at the int limit where a list can meet it (list subtraction can leave an unset value, and 1.22 aborts on it)';
      }
      if (int64Range && piecesMeet) {
        return 'an int64 range split into a range and a scalar, then compared (the mixed int64 list segfaults 1.22)';
      }
    }
  }
  if (SUBTRACTING.has(op) || SUBSET_TESTING.has(op)) {
    const steps = new Set(printed.flatMap((p) => [...stepsOf(p)]));
    if (steps.size > 1) {
      if (SUBTRACTING.has(op)) return 'int ranges with different steps (value subtraction aborts in 1.22)';
      if (printed.some(listHoldsIntRange)) return 'a list of int ranges with different steps (is_subset falls back to subtraction, which aborts)';
    }
  }
  return null;
}

function guard(op: CapsOp, ...texts: string[]): void {
  const h = oracleHazard(op, ...texts);
  if (h !== null) throw new OracleHazardError(`${op}: ${h}`);
}

/** gst_caps_to_string(gst_caps_from_string(s)), or null when the parse fails. */
export function parse(s: string): string | null {
  const n = load();
  const c = fromString(n, s);
  return c === null ? null : finish(n, c);
}

/** gst_caps_is_any after parsing (a structure named `ANY` prints the same but is not ANY). */
export function isAny(s: string): boolean {
  return withCaps([s], (n, [c]) => bool(n.caps_is_any(c)));
}

export function intersect(a: string, b: string, mode: IntersectMode = 'zigzag'): string {
  guard('intersect', a, b);
  return withCaps([a, b], (n, [x, y]) => finish(n, n.caps_intersect_full(x, y, INTERSECT_MODE[mode])));
}

/**
 * The op with one caps object as both operands. GStreamer short-cuts on pointer identity:
 * intersect returns caps1 itself, can_intersect/is_equal/is_strictly_equal say TRUE, so
 * `x,a={I420}` ∩ itself keeps `{ I420 }` and `x,a=nan` equals itself, unlike two parsed copies.
 */
export function selfOp(op: 'intersect' | 'canIntersect' | 'isSubset' | 'isEqual' | 'isStrictlyEqual' | 'subtract', a: string): string | boolean {
  guard(op, a, a);
  return withCaps([a], (n, [x]) => {
    switch (op) {
      case 'intersect': return finish(n, n.caps_intersect_full(x, x, INTERSECT_MODE.zigzag));
      case 'canIntersect': return bool(n.caps_can_intersect(x, x));
      case 'isSubset': return bool(n.caps_is_subset(x, x));
      case 'isEqual': return bool(n.caps_is_equal(x, x));
      case 'isStrictlyEqual': return bool(n.caps_is_strictly_equal(x, x));
      case 'subtract': return finish(n, n.caps_subtract(x, x));
    }
  });
}

export function canIntersect(a: string, b: string): boolean {
  return withCaps([a, b], (n, [x, y]) => bool(n.caps_can_intersect(x, y)));
}

export function isSubset(subset: string, superset: string): boolean {
  guard('isSubset', subset, superset);
  return withCaps([subset, superset], (n, [x, y]) => bool(n.caps_is_subset(x, y)));
}

export function isEqual(a: string, b: string): boolean {
  guard('isEqual', a, b);
  return withCaps([a, b], (n, [x, y]) => bool(n.caps_is_equal(x, y)));
}

export function isStrictlyEqual(a: string, b: string): boolean {
  return withCaps([a, b], (n, [x, y]) => bool(n.caps_is_strictly_equal(x, y)));
}

export function isFixed(s: string): boolean {
  return withCaps([s], (n, [x]) => bool(n.caps_is_fixed(x)));
}

export function subtract(minuend: string, subtrahend: string): string {
  guard('subtract', minuend, subtrahend);
  return withCaps([minuend, subtrahend], (n, [x, y]) => finish(n, n.caps_subtract(x, y)));
}

/** Runs `f` on a fresh caps it takes ownership of (transfer full), and prints its result. */
function consuming(s: string, f: (n: Native, c: Ptr) => Ptr): string {
  const n = load();
  return finish(n, f(n, need(n, s)));
}

export function merge(a: string, b: string): string {
  guard('merge', a, b);
  const n = load();
  const x = need(n, a);
  let y: Ptr;
  try {
    y = need(n, b);
  } catch (e) {
    n.caps_unref(x);
    throw e;
  }
  return finish(n, n.caps_merge(x, y)); // takes both
}

export function append(a: string, b: string): string {
  const n = load();
  const x = need(n, a);
  try {
    n.caps_append(x, need(n, b)); // takes b; x is fresh, so writable
    return n.caps_to_string(x);
  } finally {
    n.caps_unref(x);
  }
}

export function normalize(s: string): string {
  guard('normalize', s);
  return consuming(s, (n, c) => n.caps_normalize(c));
}

export function simplify(s: string): string {
  guard('simplify', s);
  return consuming(s, (n, c) => n.caps_simplify(c));
}

export function fixate(s: string): string {
  guard('fixate', s);
  return consuming(s, (n, c) => n.caps_fixate(c));
}

export function truncate(s: string): string {
  return consuming(s, (n, c) => n.caps_truncate(c));
}

// ---------------------------------------------------------------------------------------------
// Structures and the targeted fixation helpers.


/**
 * Why a fixateField question would crash GStreamer, or null. gst_structure_fixate_field_string
 * strcmp()s every list element, so a NULL string in the list segfaults 1.22 (found by the
 * exploration run: `x,s={interleaved,NULL}` with target `RGB`).
 */
export function fixateFieldHazard(s: string, how: FixateHow): string | null {
  const h = oracleHazard('parse', s);
  if (h !== null || how.helper !== 'string') return h;
  // the printed form cannot tell: a null string in a list prints as nothing, or not at all
  return anyListHoldsNullString(s) ? 'fixate_field_string on a list holding a NULL string (strcmp(NULL) segfaults)' : null;
}

/** Some field of the first structure is a list with a NULL string element. */
function anyListHoldsNullString(text: string): boolean {
  const n = load();
  const c = fromString(n, text);
  if (c === null) return false;
  try {
    if (n.caps_get_size(c) === 0) return false;
    const st = n.caps_get_structure(c, 0);
    for (let i = 0; i < n.structure_n_fields(st); i++) {
      const v = n.structure_get_value(st, n.structure_nth_field_name(st, i));
      if (n.value_type(v) !== n.types.list) continue;
      for (let k = 0; k < n.value_list_get_size(v); k++) {
        const e = n.value_list_get_value(v, k);
        if (n.value_type(e) === G_TYPE_STRING && n.value_get_string(e) === null) return true;
      }
    }
    return false;
  } finally {
    n.caps_unref(c);
  }
}

/** gst_structure_to_string(gst_structure_from_string(s)) (QUOTED mode, trailing `;`), or null. */
export function parseStructure(s: string): string | null {
  const n = load();
  checkText(s);
  const st = n.structure_from_string(s, null);
  if (st === null) return null;
  try {
    return n.structure_to_string(st);
  } finally {
    n.structure_free(st);
  }
}

/**
 * Applies a gst_structure_fixate_field_* helper to `field` of the structure `s`: `changed` is the
 * helper's gboolean, `structure` gst_structure_to_string afterwards, and `caps` the structure
 * printed as one-structure caps (gst_caps_to_string's BRACKET mode, as `Caps.toString` prints).
 */
export function fixateField(s: string, field: string, how: FixateHow): { changed: boolean; structure: string; caps: string } {
  const n = load();
  checkText(s);
  const st = n.structure_from_string(s, null);
  if (st === null) throw new OracleParseError(s);
  try {
    let r: number;
    switch (how.helper) {
      case 'nearestInt': r = n.fixate_field_nearest_int(st, field, how.target); break;
      case 'nearestDouble': r = n.fixate_field_nearest_double(st, field, how.target); break;
      case 'nearestFraction': r = n.fixate_field_nearest_fraction(st, field, how.num, how.den); break;
      case 'string': r = n.fixate_field_string(st, field, how.target); break;
      case 'boolean': r = n.fixate_field_boolean(st, field, how.target ? 1 : 0); break;
      case 'field': r = n.fixate_field(st, field); break;
    }
    const caps = n.caps_new_empty();
    n.caps_append_structure(caps, n.structure_copy(st)); // takes the copy
    return { changed: r !== 0, structure: n.structure_to_string(st), caps: finish(n, caps) };
  } finally {
    n.structure_free(st);
  }
}

// ---------------------------------------------------------------------------------------------
// Parsed caps kept across calls, for all-pairs work on a corpus (parse once, not per pair).

/**
 * Caps parsed once and kept until `dispose()` (or `using`). Only for callers that have already
 * checked hazards for the strings involved, e.g. a corpus with no mixed lists.
 */
export class ParsedCaps implements Disposable {
  #ptr: Ptr | null;
  private constructor(
    ptr: Ptr,
    readonly text: string,
  ) {
    this.#ptr = ptr;
  }

  /** null when GStreamer cannot parse `text` */
  static parse(text: string): ParsedCaps | null {
    const n = load();
    const c = fromString(n, text);
    return c === null ? null : new ParsedCaps(c, text);
  }

  get ptr(): Ptr {
    if (this.#ptr === null) throw new Error('ParsedCaps used after dispose');
    return this.#ptr;
  }

  toString(): string {
    return load().caps_to_string(this.ptr);
  }

  intersect(other: ParsedCaps, mode: IntersectMode = 'zigzag'): string {
    const n = load();
    return finish(n, n.caps_intersect_full(this.ptr, other.ptr, INTERSECT_MODE[mode]));
  }

  isSubset(superset: ParsedCaps): boolean {
    return bool(load().caps_is_subset(this.ptr, superset.ptr));
  }

  dispose(): void {
    if (this.#ptr !== null) load().caps_unref(this.#ptr);
    this.#ptr = null;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** Printed int/int64 range steps and whether a list holds an int range: enough to decide pair hazards without re-parsing. */
export function stepProfile(printed: string): { readonly steps: ReadonlySet<string>; readonly listHoldsIntRange: boolean } {
  return { steps: stepsOf(printed), listHoldsIntRange: listHoldsIntRange(printed) };
}

/** The whole binding as one object, for `import { gst } from './gst.js'`. */
export const gst = {
  parse, isAny, intersect, selfOp, canIntersect, isSubset, isEqual, isStrictlyEqual, isFixed, subtract, merge, append,
  normalize, simplify, fixate, truncate, parseStructure, fixateField, takeLog, hazard: oracleHazard,
} as const;
