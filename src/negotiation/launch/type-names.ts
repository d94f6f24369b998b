/**
 * GStreamer names an element after its GType ("GstInputSelector" → inputselector0), not its factory. For
 * the factories of the 1.22 registry whose type name differs from the factory name, the type names are in
 * fixtures/negotiation/type-names.json (dumped by fixtures/negotiation/type-names.c); every other factory's
 * type is "Gst" + its name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

let table: ReadonlyMap<string, string> | undefined;

function typeNames(): ReadonlyMap<string, string> {
  if (table === undefined) {
    const url = new URL('../../../fixtures/negotiation/type-names.json', import.meta.url);
    table = new Map(Object.entries(z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(fileURLToPath(url), 'utf8')))));
  }
  return table;
}

/** The name gst_object_set_name_default gives the `count`-th object of a type: `<type><n>`, '-' after a digit. */
export function defaultElementName(typeName: string, count: number): string {
  const t = (typeName.startsWith('Gst') ? typeName.slice(3) : typeName).toLowerCase();
  return /[0-9]$/.test(t) ? `${t}-${count}` : `${t}${count}`;
}

/** Per-type counters in creation order, as GStreamer keeps them. */
export class ElementNamer {
  private readonly counters = new Map<string, number>();

  next(factory: string): string {
    const type = typeNames().get(factory) ?? factory;
    const n = this.counters.get(type) ?? 0;
    this.counters.set(type, n + 1);
    return defaultElementName(type, n);
  }
}
