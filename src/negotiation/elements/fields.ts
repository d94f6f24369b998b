/** Value and caps constructors the element models share (their caps are written field by field, in GStreamer's order). */
import { Caps, type CapsEntry, type Structure, type Value } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';

export type Props = Readonly<Record<string, PropertyValue>>;

export const i = (value: number): Value => ({ kind: 'int', value });
export const str = (value: string): Value => ({ kind: 'string', value });
export const yes: Value = { kind: 'boolean', value: true };
export const mask = (value: bigint): Value => ({ kind: 'bitmask', value });

/** one structure of system-memory caps, fields in the order given */
export const caps = (name: string, fields: readonly (readonly [string, Value])[]): Caps =>
  Caps.fromEntries([{ structure: { name, fields: fields.map(([n, value]) => ({ name: n, value })) }, features: null } satisfies CapsEntry]);

/** an integer property, or its default */
export const intProp = (props: Props, name: string, dflt: number): number => {
  const v = props[name];
  return typeof v === 'number' ? v : dflt;
};

/** gst_structure_set: an existing field keeps its place, a new one goes last */
export function setOrAppend(st: Structure, name: string, value: Value): Structure {
  return st.fields.some((f) => f.name === name)
    ? { name: st.name, fields: st.fields.map((f) => (f.name === name ? { name, value } : f)) }
    : { name: st.name, fields: [...st.fields, { name, value }] };
}
