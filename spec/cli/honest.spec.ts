/**
 * The command line of honest answers: exit status 3 and the "cannot be known without …" section for
 * undetermined pipelines, the first line saying what a negotiated answer assumes, a pasted gst-launch-1.0
 * command with its options, --devices with published monitor output, and check's undetermined count.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import checkCommand from '../../src/cli/commands/check.js';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { main } from '../../src/cli/main.js';
import type { NegotiationResult } from '../../src/negotiation/types.js';
import { fakeIo } from './fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'capsflow-honest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(new URL('../../fixtures/devices/printnanny-154-brio.txt', import.meta.url), join(dir, 'brio.txt'));

async function negotiate(args: readonly string[]): Promise<{ status: number; out: string; err: string }> {
  const io = fakeIo({ cwd: dir });
  const status = await negotiateCommand(args, io);
  return { status, out: io.out(), err: io.err() };
}

describe('capsflow negotiate', () => {
  it('a camera with nothing declared: exit 3, what cannot be known and how to settle it', async () => {
    const { status, out } = await negotiate(['v4l2src', '!', 'videoconvert', '!', 'autovideosink']);
    expect(status).toBe(3);
    expect(out.split('\n')[0]).toBe('undetermined: one source of caps cannot be known without the device');
    expect(out).toContain('\ncannot be known without the device\n  v4l2src0.src [device]: the caps come from the device');
    expect(out).toContain('settle it: describe the device: --devices FILE');
    expect(out).toContain('(cannot be known)');
    expect(out).not.toMatch(/width=\(int\)1,/);
  });

  it('--json: verdict, unknowns and assumptions in the result, ok false', async () => {
    const { status, out } = await negotiate(['--json', 'rtspsrc location=rtsp://127.0.0.1/x ! rtph264depay ! fakesink']);
    expect(status).toBe(3);
    const r = JSON.parse(out) as NegotiationResult;
    expect(r).toMatchObject({ ok: false, verdict: 'undetermined', error: null, pads: {} });
    expect(r.unknowns).toEqual([expect.objectContaining({ element: 'rtspsrc0', pad: 'stream_0', reason: 'network' })]);
  });

  it('a negotiated answer that rests on assumptions says so on its first line', async () => {
    const { status, out } = await negotiate(['v4l2src ! video/x-raw,format=YUY2,width=640,height=480,framerate=30/1 ! fakesink']);
    expect(status).toBe(0);
    expect(out.split('\n')[0]).toBe('negotiated, assuming one thing (see assumptions)');
    expect(out).toContain('\nassumptions\n  v4l2src0.src [downstream]: assuming v4l2src0 can produce video/x-raw, format=(string)YUY2');
  });

  it('a pasted gst-launch-1.0 command: its options ignored, each word one token', async () => {
    const { status, out } = await negotiate(['gst-launch-1.0', '-v', '-e', 'videotestsrc', 'num-buffers=1', '!', 'textoverlay', 'font-desc=Sans, 48', '!', 'fakesink']);
    expect(status).toBe(0);
    expect(out.split('\n')[0]).toBe('negotiated');
  });

  it("capsflow's own options before the pasted command", async () => {
    const { status, out } = await negotiate(['--json', 'gst-launch-1.0', '-q', 'videotestsrc', '!', 'fakesink']);
    expect(status).toBe(0);
    expect((JSON.parse(out) as NegotiationResult).verdict).toBe('negotiated');
  });

  it('an option gst-launch-1.0 does not have: exit 2', async () => {
    const io = fakeIo({ cwd: dir });
    expect(await main(['negotiate', 'gst-launch-1.0', '--bogus', 'videotestsrc', '!', 'fakesink'], io)).toBe(2);
    expect(io.err()).toContain("'--bogus' is not a gst-launch-1.0 option");
  });

  it('--devices ELEMENT=FILE: the published BRIO formats make the camera negotiate', async () => {
    const { status, out } = await negotiate(['--devices', 'v4l2src0=brio.txt', 'v4l2src', '!', 'image/jpeg,width=1280,height=720,framerate=60/1', '!', 'jpegdec', '!', 'fakesink']);
    expect(status).toBe(0);
    expect(out).toContain('v4l2src0.src [declared]');
    expect(out).toContain('image/jpeg, width=(int)1280, height=(int)720, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)60/1');
  });

  it('--devices with a file that is not monitor output: exit 2 with the reason', async () => {
    writeFileSync(join(dir, 'junk.txt'), 'hello\n');
    const { status, err } = await negotiate(['--devices', 'junk.txt', 'v4l2src', '!', 'fakesink']);
    expect(status).toBe(2);
    expect(err).toContain('no device description found');
  });

  it('--dot: unknown links dashed, with what they wait for', async () => {
    const { status } = await negotiate(['--dot', 'g.dot', 'v4l2src ! videoconvert ! fakesink']);
    expect(status).toBe(3);
    const dot = (await import('node:fs')).readFileSync(join(dir, 'g.dot'), 'utf8');
    expect(dot).toMatch(/v4l2src0_\d+_src -> videoconvert0_\d+_sink \[label="\(unknown: device\)\\l", style="dashed"/);
  });
});

describe('the HTML page', () => {
  it('lists unknowns and assumptions in their own tables, the verdict in the title', async () => {
    const { status } = await negotiate(['--html', 'u.html', 'compositor name=c ! autovideosink videotestsrc ! c. v4l2src ! c.']);
    expect(status).toBe(3);
    const html = (await import('node:fs')).readFileSync(join(dir, 'u.html'), 'utf8');
    expect(html).toContain('<span class="verdict undetermined">undetermined: cannot be known without the device</span>');
    expect(html).toContain('<table class="unknowns"><caption>Cannot be known without the device</caption>');
    // a display sink's formats come from the display: an assumption ('default')
    const assumed = await negotiate(['--html', 'a.html', 'videotestsrc ! ximagesink']);
    expect(assumed.status).toBe(0);
    const page = (await import('node:fs')).readFileSync(join(dir, 'a.html'), 'utf8');
    expect(page).toContain('negotiated, assuming 1 thing(s)');
    expect(page).toContain('<table class="assumptions"><caption>Assumptions</caption>');
  }, 60_000);
});

describe('capsflow check', () => {
  it('counts undetermined apart, reads gst-launch-1.0 lines as a shell would, exit 3 when only undetermined remain', async () => {
    writeFileSync(
      join(dir, 'published.txt'),
      [
        '# pasted as published',
        'gst-launch-1.0 -v videotestsrc num-buffers=1 ! textoverlay font-desc="Sans, 48" ! fakesink',
        "gst-launch-1.0 v4l2src device=/dev/video0 ! 'video/x-raw,width=640,height=480' \\",
        '    ! videoconvert ! autovideosink',
        'videotestsrc ! fakesink',
        '',
      ].join('\n'),
    );
    const io = fakeIo({ cwd: dir });
    expect(await checkCommand(['--json', '--jobs', '1', 'published.txt'], io)).toBe(3);
    const json = JSON.parse(io.out()) as { summary: Record<string, number>; results: { line: number; verdict: string; unknowns?: string[]; command?: string }[] };
    expect(json.summary).toMatchObject({ total: 3, negotiated: 2, undetermined: 1, failed: 0 });
    expect(json.results.map((r) => [r.line, r.verdict])).toEqual([
      [2, 'negotiated'],
      [3, 'undetermined'],
      [5, 'negotiated'],
    ]);
    expect(json.results[1]!.unknowns).toEqual(['v4l2src0.src (device)']);
  });

  it('the summary table has its undetermined row', async () => {
    writeFileSync(join(dir, 'cam.txt'), 'v4l2src ! fakesink\n');
    const io = fakeIo({ cwd: dir });
    expect(await checkCommand(['--jobs', '1', 'cam.txt'], io)).toBe(3);
    expect(io.out()).toMatch(/^undetermined {7}cam\.txt:1 {2}cannot be known: v4l2src0\.src \(device\)$/m);
    expect(io.out()).toMatch(/\nundetermined +1\n/);
  });
});
