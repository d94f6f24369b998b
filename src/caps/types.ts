/**
 * The caps data model, shared by the parser, the printer and the algebra.
 * Plain readonly data: every operation returns new values, nothing is mutated after construction.
 * Invariants are established by the smart constructors in `value.ts` (and by the parser), so the
 * algebra can rely on them: fractions reduced with den > 0, ints wrapped to 32 bits, and so on.
 */

/** A fraction as GStreamer stores it: reduced, sign on the numerator, den > 0, both int32. */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

export interface IntValue { readonly kind: 'int'; readonly value: number }
export interface UIntValue { readonly kind: 'uint'; readonly value: number }
export interface Int64Value { readonly kind: 'int64'; readonly value: bigint }
export interface UInt64Value { readonly kind: 'uint64'; readonly value: bigint }
export interface DoubleValue { readonly kind: 'double'; readonly value: number }
/** value is already rounded to single precision (`Math.fround`) */
export interface FloatValue { readonly kind: 'float'; readonly value: number }
export interface BooleanValue { readonly kind: 'boolean'; readonly value: boolean }
/** `null` is GStreamer's NULL string (printed `NULL`) */
export interface StringValue { readonly kind: 'string'; readonly value: string | null }
export interface FractionValue { readonly kind: 'fraction'; readonly num: number; readonly den: number }
/** min < max, step > 0, min % step == max % step == 0 (or the degenerate [0,0] placeholder) */
export interface IntRangeValue { readonly kind: 'int-range'; readonly min: number; readonly max: number; readonly step: number }
export interface Int64RangeValue { readonly kind: 'int64-range'; readonly min: bigint; readonly max: bigint; readonly step: bigint }
export interface DoubleRangeValue { readonly kind: 'double-range'; readonly min: number; readonly max: number }
export interface FractionRangeValue { readonly kind: 'fraction-range'; readonly min: Fraction; readonly max: Fraction }
/** `{ … }`: a choice, in preference order; never fixed, not even `{1}` */
export interface ListValue { readonly kind: 'list'; readonly items: readonly Value[] }
/** `< … >`: an ordered sequence; fixed when every item is */
export interface ArrayValue { readonly kind: 'array'; readonly items: readonly Value[] }
/** uint64 */
export interface BitmaskValue { readonly kind: 'bitmask'; readonly value: bigint }
/**
 * GstFlagSet: flags ⊆ mask, both uint32. `type` is the GType name of a registered subtype
 * (flagsets.ts, e.g. GstVideoMultiviewFlagsSet); absent for the generic GstFlagSet.
 */
export interface FlagSetValue {
  readonly kind: 'flagset';
  readonly flags: number;
  readonly mask: number;
  readonly type?: string;
}
export interface StructureValue { readonly kind: 'structure'; readonly value: Structure }
export interface CapsValue { readonly kind: 'caps'; readonly value: CapsData }
/**
 * A value of a type the algebra treats as opaque (date, datetime, buffer, GType, enums, ...):
 * `type` is the name printed in `(…)`, `text` the serialised form; equal iff both are equal,
 * except a flags value, which carries its `bits` and compares by them (unknown bits print as
 * `0`), a GstTagList (`taglist`), which carries its `structure` and compares by it, and a
 * GstCapsFeatures, which 1.22 cannot compare at all.
 */
export interface OpaqueValue {
  readonly kind: 'opaque';
  readonly type: string;
  readonly text: string;
  readonly bits?: number;
  readonly structure?: Structure;
}

export type Value =
  | IntValue
  | UIntValue
  | Int64Value
  | UInt64Value
  | DoubleValue
  | FloatValue
  | BooleanValue
  | StringValue
  | FractionValue
  | IntRangeValue
  | Int64RangeValue
  | DoubleRangeValue
  | FractionRangeValue
  | ListValue
  | ArrayValue
  | BitmaskValue
  | FlagSetValue
  | StructureValue
  | CapsValue
  | OpaqueValue;

export type ValueKind = Value['kind'];

export interface Field {
  readonly name: string;
  readonly value: Value;
}

/** A named, ordered set of fields. Field order is print order; equality ignores it. */
export interface Structure {
  readonly name: string;
  readonly fields: readonly Field[];
}

/**
 * Caps features. `null` in an entry means system memory; so do an empty set and exactly
 * `{memory:SystemMemory}`. `any` is the `(ANY)` features.
 */
export interface CapsFeatures {
  readonly any: boolean;
  readonly names: readonly string[];
}

export interface CapsEntry {
  readonly structure: Structure;
  readonly features: CapsFeatures | null;
}

/** ANY (any = true, no entries) or an ordered list of entries; EMPTY is any = false with none. */
export interface CapsData {
  readonly any: boolean;
  readonly entries: readonly CapsEntry[];
}

/**
 * The GStreamer release whose caps algebra to follow where releases differ (simplify and union so far,
 * measured by spec/oracle/caps-1.26.spec.ts): '1.26' for 1.26 and later, '1.22' for earlier ones.
 */
export type CapsRelease = '1.22' | '1.26';
