#!/usr/bin/env node
/**
 * Records GStreamer's own answer for every distinct pad-template caps string of the registry
 * snapshot: gst_caps_to_string(gst_caps_from_string(caps)), from libgstreamer-1.0 through koffi.
 * Writes fixtures/caps/template-roundtrip.json, which spec/caps/template-roundtrip.spec.ts replays
 * without GStreamer.
 *
 *   node spec/oracle/record-template-roundtrip.mjs [registry.json] [out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import koffi from 'koffi';

const root = new URL('../../', import.meta.url);
const registryPath = process.argv[2] ?? new URL('fixtures/registry/gstreamer-1.22.json', root);
const outPath = process.argv[3] ?? new URL('fixtures/caps/template-roundtrip.json', root);

const gst = koffi.load('libgstreamer-1.0.so.0');
const glib = koffi.load('libglib-2.0.so.0');
gst.func('void gst_init(void *argc, void *argv)')(null, null);
const versionString = gst.func('void *gst_version_string(void)');
const fromString = gst.func('void *gst_caps_from_string(const char *s)');
const toString = gst.func('void *gst_caps_to_string(void *caps)');
const unref = gst.func('void gst_mini_object_unref(void *obj)');
const gFree = glib.func('void g_free(void *p)');

/** a C string GStreamer allocated, as UTF-8, freed */
function take(p) {
  const s = koffi.decode(p, 'char', -1);
  gFree(p);
  return s;
}

const registry = JSON.parse(readFileSync(registryPath, 'utf8'));
const distinct = new Set();
for (const element of Object.values(registry.elements)) {
  for (const template of element.padTemplates) distinct.add(template.caps);
}
const cases = [...distinct].sort().map((caps) => {
  const c = fromString(caps);
  if (c === null) return { caps, gstreamer: null };
  const printed = take(toString(c));
  unref(c);
  return { caps, gstreamer: printed };
});

const out = {
  what: 'gst_caps_to_string(gst_caps_from_string(caps)) for every distinct pad-template caps string of the registry snapshot',
  gstreamer: take(versionString()),
  registry: registry.gstreamer ?? null,
  recorded: new Date().toISOString().slice(0, 10),
  count: cases.length,
  cases,
};
writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
console.log(`${cases.length} template caps strings recorded (${out.gstreamer}) → ${outPath}`);
