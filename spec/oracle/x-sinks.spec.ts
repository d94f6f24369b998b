/**
 * X display sinks: ximagesink's caps come from the X display. capsflow answers with a documented default (a
 * 24-bit TrueColor display with square pixels, listed under `assumptions`); this table checks that default
 * live under xvfb-run (Xvfb's default screen is such a display): every pad as gst-launch-1.0 -v prints it.
 * xvfb-run missing: CI fails (scripts/packages.sh installs xvfb), a local run skips.
 */
import { execFile } from 'node:child_process';
import { expect, it } from 'vitest';
import { isCI, tool } from './available.js';
import { describeOracle } from './available.js';
import { launchArgs, parseLaunchOutput, type LaunchResult } from './gst-launch.js';
import { LIVE_TEST_TIMEOUT_MS, slots } from './live.js';
import { loadNegotiate } from './pipeline-corpus.js';

const TABLE: readonly string[] = [
  'videotestsrc num-buffers=2 ! ximagesink',
  'videotestsrc num-buffers=2 ! video/x-raw,width=640,height=480 ! ximagesink',
  'videotestsrc num-buffers=2 ! video/x-raw,format=I420 ! videoconvert ! ximagesink',
  'videotestsrc num-buffers=2 ! videoscale ! video/x-raw,width=100,height=100 ! ximagesink',
];

const xvfb = tool('xvfb-run');
const slot = slots(2);

/** gst-launch-1.0 -v under a fresh Xvfb display (its default screen: 24-bit TrueColor) */
function underXvfb(pipeline: string): Promise<LaunchResult> {
  return slot(
    () =>
      new Promise((resolve) => {
        execFile('xvfb-run', ['-a', 'gst-launch-1.0', '-v', ...launchArgs(pipeline)], { timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
          const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null;
          resolve(parseLaunchOutput(stdout, stderr, code, (err as { killed?: boolean } | null)?.killed === true));
        });
      }),
  );
}

describeOracle('X sinks under xvfb-run: the documented default display, as gst-launch-1.0 -v', () => {
  if (!xvfb) {
    it.skipIf(!isCI)('needs xvfb-run (scripts/packages.sh installs xvfb)', () => {
      throw new Error('xvfb-run missing in CI');
    });
    return;
  }
  it.concurrent.for(TABLE)('%s', { timeout: LIVE_TEST_TIMEOUT_MS }, async (pipeline, { expect: ex }) => {
    const negotiate = await loadNegotiate();
    if (negotiate === null) throw new Error('negotiate() is not exported');
    const ours = negotiate(pipeline) as unknown as { verdict: string; pads: Record<string, string>; assumptions: readonly { element: string; source: string }[] };
    ex(ours.verdict).toBe('negotiated');
    ex(ours.assumptions.some((a) => a.element.startsWith('ximagesink') && a.source === 'default'), 'the display is an assumption').toBe(true);
    const gst = await underXvfb(pipeline);
    ex(gst.ok, `GStreamer: ${gst.message}`).toBe(true);
    ex(ours.pads).toEqual(gst.pads);
  });
});

it('the table names ximagesink in every row', () => {
  expect(TABLE.every((p) => p.includes('ximagesink'))).toBe(true);
});
