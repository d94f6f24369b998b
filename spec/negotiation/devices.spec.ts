/**
 * Device descriptions (fixtures/devices: gst-device-monitor-1.0 output as published, provenance in its
 * README): parsed into caps, properties and the element that opens the device, and used as the
 * described source's caps, so a camera negotiates from its real formats.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Caps } from '../../src/caps/index.js';
import { negotiate, parseDevices, parseLaunchLine, type DeviceDescription } from '../../src/negotiation/index.js';
import { boardRegistry } from './board-registry.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/devices/${name}`, import.meta.url), 'utf8');
const devices = (name: string, element?: string): DeviceDescription[] => {
  const r = parseDevices(fixture(name), name);
  if (!r.ok) throw new Error(r.message);
  return r.devices.map((d) => (element === undefined ? d : { ...d, element }));
};

describe('gst-device-monitor-1.0 text', () => {
  it('the imx219 through libcamera: log lines skipped, every caps line one structure', () => {
    const [d, ...rest] = devices('printnanny-158-imx219.txt');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ name: '/base/soc/i2c0mux/i2c@1/imx219@10', class: 'Source/Video', origin: 'printnanny-158-imx219.txt:5' });
    const caps = Caps.fromString(d!.caps);
    expect(caps.size).toBe(20);
    expect(caps.structure(19).name).toBe('video/x-raw');
    expect(d!.caps).toContain('width=(int)1280, height=(int)800');
  });

  it('the BRIO: image/jpeg with framerate lists', () => {
    const [d] = devices('printnanny-154-brio.txt');
    expect(d).toMatchObject({ name: 'Logitech BRIO', class: 'Video/Source' });
    expect(Caps.fromString(d!.caps).size).toBe(6);
  });

  it("Windows DirectSound: ';' line ends, properties unescaped, the sink's launch line", () => {
    const [d] = devices('gst-plugins-vision-11-directsound.txt');
    expect(d).toMatchObject({
      name: '2370 (NVIDIA High Definition Audio)',
      class: 'Audio/Sink',
      properties: { 'device.api': 'directsound', 'device.guid': '{A4430BAF-C95F-4975-93FF-9283B0AA77C2}', 'directsound.device.description': '2370 (NVIDIA High Definition Audio)' },
      launch: { factory: 'directsoundsink', properties: { device: '{A4430BAF-C95F-4975-93FF-9283B0AA77C2}' } },
    });
    expect(Caps.fromString(d!.caps).size).toBe(4);
  });

  it('a caps line that does not parse is an error with its line', () => {
    const r = parseDevices(fixture('printnanny-154-imx219-snipped.txt'), 'snipped.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^snipped\.txt:5: the caps of device '\/base\/soc\/i2c0mux\/i2c@1\/imx219@10' do not parse/);
  });

  it.each([
    ['gst-launch-1.0 v4l2src device=/dev/video0 ! ...', { factory: 'v4l2src', properties: { device: '/dev/video0' } }],
    ['gst-launch-1.0 libcamerasrc camera-name="/base/soc/i2c0mux/i2c\\@1/imx219\\@10" ! ...', { factory: 'libcamerasrc', properties: { 'camera-name': '/base/soc/i2c0mux/i2c@1/imx219@10' } }],
    ['gst-launch-1.0 pulsesrc device=alsa_input.usb-046d_BRIO-02.analog-stereo ! ...', { factory: 'pulsesrc', properties: { device: 'alsa_input.usb-046d_BRIO-02.analog-stereo' } }],
    ['gst-launch-1.0 ... ! pulsesink device=alsa_output.pci-0000_00_1f.3.analog-stereo', { factory: 'pulsesink', properties: { device: 'alsa_output.pci-0000_00_1f.3.analog-stereo' } }],
  ] as const)('launch line %s', (line, expected) => {
    expect(parseLaunchLine(line)).toEqual(expected);
  });

  it('nothing that looks like the monitor: a clear error', () => {
    const r = parseDevices('v4l2-ctl --list-formats-ext\n', 'x.txt');
    expect(r).toMatchObject({ ok: false });
  });
});

describe('the JSON form', () => {
  it('caps as a string or a list, launch or element required, bad caps positioned', () => {
    expect(parseDevices('[{"caps": ["video/x-raw, format=YUY2, width=640, height=480"], "launch": {"factory": "v4l2src", "properties": {"device": "/dev/video0"}}}]')).toMatchObject({ ok: true });
    expect(parseDevices('{"devices": [{"caps": "video/x-raw", "element": "v4l2src0"}]}')).toMatchObject({ ok: true });
    expect(parseDevices('[{"caps": "video/x-raw"}]', 'd.json')).toMatchObject({ ok: false, path: [0] });
    expect(parseDevices('[{"caps": "video/x-raw, width=", "element": "a"}]', 'd.json')).toMatchObject({ ok: false, path: [0, 'caps'] });
    expect(parseDevices('[{"caps": "video/x-raw", "element": "a", "extra": 1}]', 'd.json')).toMatchObject({ ok: false });
  });
});

describe('a described device is its source', () => {
  const reg = boardRegistry();

  it('the BRIO behind v4l2src: a filter the device can meet negotiates, pixel-aspect-ratio from the device', () => {
    const r = negotiate('v4l2src ! image/jpeg,width=1280,height=720,framerate=30/1 ! jpegdec ! videoconvert ! fakesink', { devices: devices('printnanny-154-brio.txt', 'v4l2src0') });
    expect(r.verdict).toBe('negotiated');
    expect(r.pads['v4l2src0.src']).toBe('image/jpeg, width=(int)1280, height=(int)720, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1');
    expect(r.assumptions).toEqual([expect.objectContaining({ element: 'v4l2src0', pad: 'src', source: 'declared' })]);
    expect(r.assumptions[0]!.message).toContain("'Logitech BRIO'");
  });

  it('the BRIO cannot do 90 fps at 1920x1080: not negotiated, as the camera would refuse', () => {
    const r = negotiate('v4l2src ! image/jpeg,width=1920,height=1080,framerate=90/1 ! jpegdec ! fakesink', { devices: devices('printnanny-154-brio.txt', 'v4l2src0') });
    expect(r.verdict).toBe('failed');
    expect(r.error?.kind).toBe('not-negotiated');
  });

  it('without a filter: its first format, fixated as basesrc does, said to be an assumption', () => {
    const r = negotiate('v4l2src ! jpegdec ! videoconvert ! fakesink', { devices: devices('printnanny-154-brio.txt', 'v4l2src0') });
    expect(r.verdict).toBe('negotiated');
    expect(r.pads['v4l2src0.src']).toBe('image/jpeg, width=(int)4096, height=(int)2160, pixel-aspect-ratio=(fraction)1/1, framerate=(fraction)30/1');
    expect(r.assumptions[0]!.message).toMatch(/default fixation is assumed/);
  });

  it('the imx219 behind libcamerasrc (an imported element): NV21 at the size asked for', () => {
    const r = negotiate('libcamerasrc ! video/x-raw,width=640,height=480 ! videoconvert ! fakesink', { registry: reg, devices: devices('printnanny-158-imx219.txt', 'libcamerasrc0') });
    expect(r.verdict).toBe('negotiated');
    // the monitor lists no framerate: GStreamer's default fixation of the range downstream allows (0/1),
    // which the declared assumption says it rests on
    expect(r.pads['libcamerasrc0.src']).toBe('video/x-raw, format=(string)NV21, width=(int)640, height=(int)480, framerate=(fraction)0/1');
    expect(r.assumptions[0]).toMatchObject({ element: 'libcamerasrc0', source: 'declared' });
  });

  it('a device of another kind does not bind: an audio sink is no camera', () => {
    const r = negotiate('v4l2src ! videoconvert ! fakesink', { devices: devices('gst-plugins-vision-11-directsound.txt', 'v4l2src0') });
    expect(r.verdict).toBe('undetermined');
    expect(r.notes.some((n) => n.includes('its pad template refuses'))).toBe(true);
  });

  it('matched by the launch line: v4l2src opens /dev/video0 by default, device=/dev/video2 is another camera', () => {
    const cam: DeviceDescription = { name: 'cam', caps: 'video/x-raw, format=(string)YUY2, width=(int)640, height=(int)480, framerate=(fraction)30/1', launch: { factory: 'v4l2src', properties: { device: '/dev/video0' } } };
    expect(negotiate('v4l2src ! videoconvert ! fakesink', { devices: [cam] }).verdict).toBe('negotiated');
    expect(negotiate('v4l2src device=/dev/video0 ! videoconvert ! fakesink', { devices: [cam] }).verdict).toBe('negotiated');
    const other = negotiate('v4l2src device=/dev/video2 ! videoconvert ! fakesink', { devices: [cam] });
    expect(other.verdict).toBe('undetermined');
    expect(other.unknowns[0]).toMatchObject({ element: 'v4l2src0', reason: 'device' });
  });
});
