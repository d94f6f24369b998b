/**
 * Declared sources against live GStreamer, where they can run here:
 *  - udpsrc with caps= receiving RTP from a local udpsink (127.0.0.1 only): the caps property is the
 *    assumption, and every pad GStreamer prints must be what capsflow answers;
 *  - a camera stand-in: videotestsrc forced to fixed caps plays the camera in GStreamer; capsflow gets
 *    v4l2src with those caps declared (a device description bound to v4l2src0), and the pads after the
 *    source must match GStreamer's.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { negotiate } from '../../src/negotiation/index.js';
import { describeOracle } from './available.js';
import { gstLaunch } from './gst-launch.js';

/** a sender that keeps sending until stopped (the receiver takes its buffers and ends) */
function startSender(pipeline: string): { stop: () => void } {
  const child = spawn('gst-launch-1.0', ['-q', ...pipeline.split(' ')], { stdio: 'ignore' });
  return { stop: () => void child.kill('SIGKILL') };
}

describeOracle('honest answers against live GStreamer', () => {
  it('udpsrc caps= from a local udpsink: every pad capsflow reports is what GStreamer printed, the rest is unknown', async () => {
    const port = 40000 + Math.floor(Math.random() * 20000);
    const caps = 'application/x-rtp, media=(string)audio, clock-rate=(int)44100, encoding-name=(string)L16, channels=(int)1, payload=(int)96';
    const receiver = `udpsrc address=127.0.0.1 port=${port} num-buffers=3 caps="${caps}" ! queue ! rtpL16depay ! fakesink`;
    const run = gstLaunch(receiver, { timeoutMs: 30_000 });
    // the receiver binds first; the sender on loopback only, sending until it is stopped
    await new Promise((r) => setTimeout(r, 1000));
    const sender = startSender(`audiotestsrc num-buffers=100000 ! audio/x-raw,rate=44100,channels=1 ! rtpL16pay ! udpsink host=127.0.0.1 port=${port}`);
    let live;
    try {
      live = await run;
    } finally {
      sender.stop();
    }
    expect(live.ok, live.message).toBe(true);
    const ours = negotiate(receiver);
    expect(ours.assumptions).toEqual([expect.objectContaining({ element: 'udpsrc0', pad: 'src', source: 'property', caps })]);
    // rtpL16depay is known by its templates only: its output is not invented
    expect(ours.unknowns.map((u) => `${u.element}.${u.pad} ${u.reason}`)).toEqual(['rtpl16depay0.src not-modelled']);
    for (const [pad, c] of Object.entries(ours.pads)) expect(c, pad).toBe(live.pads[pad]);
    expect(Object.keys(live.pads).filter((p) => ours.pads[p] === undefined).sort()).toEqual(['fakesink0.sink', 'rtpl16depay0.src']);
    expect(Object.keys(ours.pads).sort()).toEqual(['queue0.sink', 'queue0.src', 'rtpl16depay0.sink', 'udpsrc0.src']);
  }, 60_000);

  it('a v4l2src stand-in: the pads after the declared camera are what GStreamer prints after the same caps', async () => {
    const tail = 'videoconvert name=conv ! video/x-raw,format=I420 ! videoscale name=scale ! video/x-raw,width=320,height=240 ! fakesink name=out';
    const standIn = await gstLaunch(`videotestsrc num-buffers=1 ! video/x-raw,format=YUY2,width=640,height=480,framerate=30/1 ! ${tail}`);
    expect(standIn.ok, standIn.message).toBe(true);
    const camera = standIn.pads['capsfilter0.src']!;
    expect(camera).toContain('YUY2');
    const ours = negotiate(`v4l2src ! ${tail}`, { devices: [{ name: 'stand-in camera', caps: camera, element: 'v4l2src0' }] });
    expect(ours.verdict).toBe('negotiated');
    expect(ours.pads['v4l2src0.src']).toBe(camera);
    for (const pad of ['conv.sink', 'conv.src', 'scale.sink', 'scale.src', 'out.sink']) expect(ours.pads[pad], pad).toBe(standIn.pads[pad]);
    // and without the declaration nothing after the camera is claimed
    const bare = negotiate(`v4l2src ! ${tail}`);
    expect(bare.verdict).toBe('undetermined');
    expect(Object.keys(bare.pads)).toEqual([]);
  }, 60_000);
});
