#!/usr/bin/env node
// Which Debian package put each plugin of a registry snapshot on this machine, and at which version:
// writes REGISTRY's provenance next to it (gstreamer-1.22.json → gstreamer-1.22.packages.json).
// spec/oracle/registry-import.spec.ts reads it to explain factories a machine has and the snapshot lacks
// (or the other way round) by the packages installed. With ALLOWED packages given, a plugin from any
// other package is refused: the snapshot must come from exactly the full install of scripts/packages.sh.
// usage: node scripts/registry-provenance.mjs REGISTRY.json [ALLOWED_PACKAGE...]
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';

const [file, ...allowed] = process.argv.slice(2);
if (file === undefined || !file.endsWith('.json')) {
  console.error('usage: node scripts/registry-provenance.mjs REGISTRY.json [ALLOWED_PACKAGE...]');
  process.exit(2);
}
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const env = { ...process.env, LC_ALL: 'C', GST_DEBUG: '' };
const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 64 << 20 });

const plugins = {};
const packages = {};
const refused = [];
for (const plugin of [...new Set(Object.values(snapshot.elements).map((f) => f.plugin))].sort()) {
  const filename = /^ {2}Filename +(\S.*)$/m.exec(sh('gst-inspect-1.0', [plugin]))?.[1];
  if (filename === undefined) throw new Error(`gst-inspect-1.0 ${plugin} names no file`);
  // "(null)": a plugin built into libgstreamer itself (staticelements: bin, pipeline, registered by gst_init);
  // dpkg records /usr/lib paths, and GStreamer may load through the /lib symlink
  const path = filename === '(null)' ? '*/libgstreamer-1.0.so.0' : realpathSync(filename);
  const owner = sh('dpkg-query', ['-S', path]).split(':')[0];
  plugins[plugin] = owner;
  packages[owner] ??= sh('dpkg-query', ['-W', '-f=${Version}', owner]);
  if (allowed.length > 0 && !allowed.includes(owner)) refused.push(`${plugin} (${filename}) comes from ${owner}`);
}
if (refused.length > 0) {
  console.error(`not a full install of exactly the listed packages:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = file.replace(/\.json$/, '.packages.json');
const text = JSON.stringify({ format: 'capsflow-registry-packages/1', gstreamer: snapshot.gstreamer, packages: sorted(packages), plugins: sorted(plugins) }, null, 1);
writeFileSync(out, `${text}\n`);
console.error(`${Object.keys(plugins).length} plugins from ${Object.keys(packages).length} packages → ${out}`);
