/**
 * `negotiate --format gst` and `--compare` (issue 16): capsflow's answer in gst-launch-1.0 -v's own lines,
 * and side by side with a real run. The live parts run GStreamer (describeOracle: a failure in CI when it
 * is missing); the marking is checked on a recorded run as well, where a difference must show.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { boundedLaunchArgs, comparePads, formatCompare } from '../../src/cli/compare.js';
import { parseLaunchOutput } from '../../src/cli/gst-launch.js';
import { style } from '../../src/cli/format.js';
import { main } from '../../src/cli/main.js';
import { negotiate } from '../../src/negotiation/index.js';
import { defaultRegistry } from '../../src/negotiation/registry/registry.js';
import { describeOracle } from '../oracle/available.js';
import { fakeIo } from './fake-io.js';

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ status: number; out: string; err: string }> {
  const io = fakeIo({ env });
  const status = await main(args, io);
  return { status, out: io.out(), err: io.err() };
}

describe('num-buffers=1 on sources that would run forever', () => {
  it.each([
    ['videotestsrc ! fakesink', 'videotestsrc num-buffers=1 ! fakesink'],
    ['videotestsrc pattern=ball ! fakesink', 'videotestsrc num-buffers=1 pattern=ball ! fakesink'],
    ['videotestsrc num-buffers=5 ! fakesink', 'videotestsrc num-buffers=5 ! fakesink'],
    ['videotestsrc ! tee name=t ! queue ! fakesink audiotestsrc ! fakesink', 'videotestsrc num-buffers=1 ! tee name=t ! queue ! fakesink audiotestsrc num-buffers=1 ! fakesink'],
    ['videotestsrc ! textoverlay text="videotestsrc x" ! fakesink', 'videotestsrc num-buffers=1 ! textoverlay text="videotestsrc x" ! fakesink'],
  ])('%s', (pipeline, bounded) => {
    expect(boundedLaunchArgs(pipeline, defaultRegistry()).join(' ')).toBe(bounded);
  });
});

describe('pad for pad marks, on a recorded gst-launch-1.0 -v run', () => {
  // gst-launch-1.0 -v videotestsrc num-buffers=1 ! video/x-raw,format=I420 ! fakesink (GStreamer 1.22), one line changed
  const I420 = 'video/x-raw, format=(string)I420, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive';
  const stdout = [
    `/GstPipeline:pipeline0/GstVideoTestSrc:videotestsrc0.GstPad:src: caps = ${I420}`,
    `/GstPipeline:pipeline0/GstCapsFilter:capsfilter0.GstPad:src: caps = ${I420.replace('320', '640')}`,
    `/GstPipeline:pipeline0/GstFakeSink:fakesink0.GstPad:sink: caps = ${I420}`,
    `/GstPipeline:pipeline0/GstCapsFilter:capsfilter0.GstPad:sink: caps = ${I420}`,
    '',
  ].join('\n');
  const run = { ...parseLaunchOutput(stdout, '', 0), exitCode: 0, timedOut: false, stdout, stderr: '' };
  const result = negotiate('videotestsrc ! video/x-raw,format=I420 ! fakesink');

  it('same, different, in link order', () => {
    expect(comparePads(result, run).map((r) => [r.mark, r.pad])).toEqual([
      ['same', 'videotestsrc0.src'],
      ['same', 'capsfilter0.sink'],
      ['differs', 'capsfilter0.src'],
      ['same', 'fakesink0.sink'],
    ]);
    const { text, agree } = formatCompare(result, run, ['x'], style({ color: false }));
    expect(agree).toBe(false);
    expect(text).toContain(`≠ capsfilter0.src\n    capsflow   ${I420}\n    GStreamer  ${I420.replace('320', '640')}\n`);
    expect(text).toContain('3 pad(s) agree, 1 differ, 0 capsflow only, 0 GStreamer only\n');
  });

  it('a pad only GStreamer printed is marked >, or ? when capsflow says it cannot know', () => {
    const undetermined = negotiate('v4l2src ! video/x-raw,format=I420 ! fakesink');
    expect(undetermined.verdict).toBe('undetermined');
    expect(comparePads(undetermined, run).filter((r) => r.mark === 'unknown').length).toBeGreaterThan(0);
    const fewer = negotiate('videotestsrc ! video/x-raw,format=I420 ! fakesink name=other');
    expect(comparePads(fewer, run).find((r) => r.pad === 'fakesink0.sink')?.mark).toBe('gstreamer-only');
  });
});

describe('--compare without gst-launch-1.0', () => {
  it('says what it needs, exit 2', async () => {
    const r = await cli(['negotiate', '--compare', 'videotestsrc ! fakesink'], { CAPSFLOW_GST_LAUNCH: '/nonexistent/gst-launch-1.0' });
    expect(r.err).toBe('capsflow negotiate: --compare needs gst-launch-1.0 on PATH\n');
    expect(r.status).toBe(2);
  });

  it.each([
    [['--compare', '--json', 'fakesrc ! fakesink'], '--compare prints its own side-by-side report; leave out --json/--format'],
    [['--format', 'dot', 'fakesrc ! fakesink'], "--format takes text, json or gst, got 'dot'"],
  ])('%j is a usage error', async (args, message) => {
    const r = await cli(['negotiate', ...args]);
    expect(r.err).toBe(`capsflow negotiate: ${message}; see 'capsflow negotiate --help'\n`);
    expect(r.status).toBe(2);
  });
});

describeOracle('against live GStreamer 1.22', () => {
  const PIPELINE = 'videotestsrc ! video/x-raw,format=I420 ! tee name=t ! queue ! fakevideosink';

  it('--format gst prints lines gst-launch-1.0 -v prints, byte for byte', async () => {
    const mine = (await cli(['negotiate', '--format', 'gst', PIPELINE])).out.trimEnd().split('\n');
    const real = execFileSync('gst-launch-1.0', ['-v', ...boundedLaunchArgs(PIPELINE, defaultRegistry())], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const printed = new Set(real.split('\n'));
    expect(mine.length).toBe(8);
    for (const line of mine) expect(printed.has(line), line).toBe(true);
  });

  it.each([
    // pipeline, exit status, a line the report must hold
    [PIPELINE, 0, '8 pad(s) agree, 0 differ, 0 capsflow only, 0 GStreamer only'],
    ['videotestsrc ! video/x-raw,format=RGBA ! identity ! video/x-raw,format=NV12 ! fakesink', 0, "  GStreamer  failed (link-failed): could not link identity0 to fakesink0, identity0 can't handle caps video/x-raw, format=(string)NV12"],
  ])('--compare %s', async (pipeline, status, line) => {
    const r = await cli(['negotiate', '--compare', pipeline]);
    expect(r.out.split('\n')).toContain(line);
    expect(r.out).toMatch(/\n {2}versions {3}capsflow's registry GStreamer 1\.22\.0, gst-launch-1\.0 GStreamer 1\.\d+\.\d+/);
    expect(r.status).toBe(status);
  });
});
