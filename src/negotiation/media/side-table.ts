/** A fact tied to a caps object (what an encoded stream was made from), readable by whoever gets the same object. */
import type { Caps } from '../../caps/index.js';

export interface SideTable<T> {
  /** the fact tied to these caps, if any */
  get(caps: Caps): T | undefined;
  /** tie `fact` to `caps` (nothing when either is missing); returns the caps */
  tie<C extends Caps | null>(caps: C, fact: T | null | undefined): C;
}

export function sideTable<T>(): SideTable<T> {
  const table = new WeakMap<Caps, T>();
  return {
    get: (caps) => table.get(caps),
    tie(caps, fact) {
      if (caps !== null && fact !== null && fact !== undefined) table.set(caps, fact);
      return caps;
    },
  };
}
