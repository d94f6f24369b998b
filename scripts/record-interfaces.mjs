#!/usr/bin/env node
// fixtures/negotiation/interfaces.json: which factories of the embedded 1.22 registry implement
// GstChildProxy and GstPreset, read from gst-inspect-1.0 FACTORY's "Implemented Interfaces:" section.
// usage: node scripts/record-interfaces.mjs   (on the machine the registry was imported on)
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('..', import.meta.url);
const names = Object.keys(JSON.parse(readFileSync(new URL('fixtures/registry/gstreamer-1.22.json', root), 'utf8')).elements).sort();
const found = { GstChildProxy: [], GstPreset: [] };
const queue = [...names];
const worker = async () => {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const { stdout } = await run('gst-inspect-1.0', [name], { env: { ...process.env, LC_ALL: 'C', GST_DEBUG: '' }, maxBuffer: 64 << 20 });
    const lines = stdout.split('\n');
    const at = lines.indexOf('Implemented Interfaces:');
    if (at < 0) continue;
    for (let i = at + 1; i < lines.length && /^ {2}\S/.test(lines[i]); i++) {
      const iface = lines[i].trim();
      if (iface in found) found[iface].push(name);
    }
  }
};
await Promise.all([worker(), worker()]);
const out = {
  gstreamer: '1.22',
  source: "gst-inspect-1.0 FACTORY, 'Implemented Interfaces:' section, for every factory of fixtures/registry/gstreamer-1.22.json",
  GstChildProxy: found.GstChildProxy.sort(),
  GstPreset: found.GstPreset.sort(),
};
writeFileSync(new URL('fixtures/negotiation/interfaces.json', root), `${JSON.stringify(out, null, 1)}\n`);
console.error(`${out.GstChildProxy.length} GstChildProxy, ${out.GstPreset.length} GstPreset of ${names.length} factories`);
