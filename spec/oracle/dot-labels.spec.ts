/**
 * Element labels in capsflow's pictures against GStreamer 1.22's own dot dumps (GST_DEBUG_DUMP_DOT_DIR of a
 * real gst-launch-1.0 run): the GType name, the element's name, and the properties the pipeline sets as the
 * dump prints them (enum nicks, flags nick+nick, TRUE/FALSE, %f doubles, quoted strings, caps). The dump
 * also shows values the element changes itself at run time (last-sample, text-x, qos=TRUE set in init);
 * capsflow shows only what the pipeline sets, so: every line capsflow prints is one of GStreamer's, and every
 * one of GStreamer's lines for a property the pipeline sets is capsflow's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { launchArgs } from '../../src/cli/gst-launch.js';
import { pipelineTopology } from '../../src/negotiation/index.js';
import { describeOracle } from './available.js';

/** the cluster labels of a dump: element name → the label's lines after the state ([>]) */
function dumpLabels(dot: string): Map<string, { typeName: string; params: string[] }> {
  const out = new Map<string, { typeName: string; params: string[] }>();
  for (const m of dot.matchAll(/^ {4}label="(Gst[^"\\]*(?:\\.[^"\\]*)*)";$/gm)) {
    const lines = m[1]!.split('\\n');
    const [typeName, name, , ...params] = lines;
    out.set(name!, { typeName: typeName!, params });
  }
  return out;
}

function gstDump(pipeline: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'capsflow-dot-'));
  try {
    const r = spawnSync('gst-launch-1.0', launchArgs(pipeline), { env: { ...process.env, GST_DEBUG_DUMP_DOT_DIR: dir, DISPLAY: '', WAYLAND_DISPLAY: '' }, encoding: 'utf8', timeout: 120_000 });
    const file = readdirSync(dir).find((f) => f.endsWith('PAUSED_PLAYING.dot'));
    if (file === undefined) throw new Error(`gst-launch-1.0 made no PAUSED_PLAYING dump for ${pipeline}: ${r.stderr}${r.stdout}`);
    return readFileSync(join(dir, file), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PIPELINES = [
  'videotestsrc num-buffers=1 pattern=ball is-live=true ! video/x-raw,format=NV12,width=320 ! textoverlay text="hello world" valignment=top ! queue leaky=downstream max-size-buffers=5 ! videoconvert ! fakesink sync=true',
  'audiotestsrc num-buffers=1 freq=440.5 wave=saw volume=0.25 ! volume volume=0.5 mute=false ! identity signal-handoffs=false drop-buffer-flags=discont+marker ! audioconvert dithering=0 ! fakesink',
  'videotestsrc num-buffers=1 pattern=18 ! videoflip video-direction=90r ! videobalance saturation=0.5 ! tee name=t t. ! queue ! fakevideosink allocation-meta-flags=crop t. ! queue name="my queue" ! fakesink',
];

describeOracle('element labels as GStreamer 1.22 dumps them', () => {
  it.each(PIPELINES)('%s', (pipeline) => {
    const theirs = dumpLabels(gstDump(pipeline));
    const topology = pipelineTopology(pipeline);
    expect(topology).not.toBeNull();
    expect(topology!.elements.map((e) => e.name).sort()).toEqual([...theirs.keys()].sort());
    for (const e of topology!.elements) {
      const gst = theirs.get(e.name)!;
      expect(e.typeName, e.name).toBe(gst.typeName);
      for (const line of e.params) expect(gst.params, `${e.name}: ${line}`).toContain(line);
      const set = new Set(e.params.map((l) => l.slice(0, l.indexOf('='))));
      // GStreamer's lines for the properties capsflow shows, and for those the pipeline text names
      const named = new Set([...pipeline.matchAll(/([a-z][a-z0-9-]*)=/g)].map((m) => m[1]!));
      for (const line of gst.params) {
        const prop = line.slice(0, line.indexOf('='));
        if (set.has(prop) || (named.has(prop) && prop !== 'name')) expect(e.params, `${e.name}: ${line}`).toContain(line);
      }
    }
  }, 180_000);
});
