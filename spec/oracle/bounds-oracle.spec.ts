/**
 * The refusals of spec/negotiation/bounds.spec.ts against live gst-launch-1.0: numbers a property's type
 * cannot hold and request pad names beyond the template's specifier are erroneous pipelines there too,
 * and values only the GParamSpec range refuses are a warning (the pipeline runs).
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { describeOracle } from './available.js';

const CASES: readonly string[] = [
  'videotestsrc num-buffers=99999999999999999999 ! fakesink',
  'videotestsrc num-buffers=4294967296 ! fakesink',
  'videotestsrc num-buffers=2147483648 ! fakesink',
  'videotestsrc num-buffers=max ! fakesink',
  'videotestsrc num-buffers=1 ! queue max-size-buffers=-5 ! fakesink',
  'videotestsrc num-buffers=1 ! queue max-size-time=99999999999999999999 ! fakesink',
  'videotestsrc num-buffers=1 ! tee name=t t.src_99999999999 ! fakesink',
  'videotestsrc num-buffers=1 ! tee name=t t.src_4294967296 ! fakesink',
  'videotestsrc num-buffers=1 ! tee name=t t.src_4294967295 ! fakesink',
];

describeOracle('bounds: gst-launch-1.0 refuses what capsflow refuses', () => {
  it.each(CASES)('%s', (pipeline) => {
    // "erroneous pipeline" comes at parse time; where num-buffers is not set (2147483648 wraps to a value
    // the range refuses, max is 2^31-1 buffers) the run goes on, and a deadline ends it
    const r = spawnSync('gst-launch-1.0', pipeline.split(' '), { encoding: 'utf8', timeout: 5_000 });
    const erroneous = /WARNING: erroneous pipeline: (.*)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? null;
    const ours = negotiate(pipeline);
    if (erroneous === null) expect(ours.error).toBeNull();
    else expect(ours.error?.message).toBe(erroneous);
  });
});
