/**
 * Device descriptions: what `gst-device-monitor-1.0` prints on the machine that has the device (each
 * device's caps, its properties and the gst-launch line that opens it), or the same as JSON. A camera's
 * real formats then become its source pad's getcaps instead of its pad template, so capsflow answers from
 * the device's facts rather than inventing caps from the template.
 *
 * The text format is gst-device-monitor.c's print of each GstDevice (1.14 to 1.26):
 *
 *   Device found:
 *
 *   	name  : Logitech BRIO
 *   	class : Video/Source
 *   	caps  : video/x-raw, format=YUY2, width=1920, height=1080, ...
 *   	        image/jpeg, width=4096, ...            (one structure per line, older releases end each with ';')
 *   	properties:
 *   		device.path = /dev/video0
 *   	gst-launch-1.0 v4l2src device=/dev/video0 ! ...     (sinks: gst-launch-1.0 ... ! pulsesink device=...)
 */
import { z } from 'zod';
import { Caps } from '../../caps/index.js';

export interface DeviceDescription {
  readonly name?: string;
  /** the device class (Video/Source, Audio/Source, Source/Video, Audio/Sink …) */
  readonly class?: string;
  /** the caps the device offers (GStreamer's caps text) */
  readonly caps: string;
  readonly properties?: Readonly<Record<string, string>>;
  /** the element that opens it and the properties that select it (the gst-launch-1.0 line) */
  readonly launch?: { readonly factory: string; readonly properties: Readonly<Record<string, string>> };
  /** the pipeline element this device is (v4l2src0): binds it whatever its properties say */
  readonly element?: string;
  /** where the description came from (file:line), for messages */
  readonly origin?: string;
}

export type DevicesParseResult =
  | { readonly ok: true; readonly devices: readonly DeviceDescription[] }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly path?: readonly (string | number)[] };

/** `name=value` words of a gst-launch line, values unquoted and unescaped as gst_parse_launch would. */
function launchProperties(words: readonly string[]): Record<string, string> {
  const props: Record<string, string> = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) continue;
    let v = w.slice(eq + 1);
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
    props[w.slice(0, eq)] = v.replace(/\\(.)/g, '$1');
  }
  return props;
}

/** Split a gst-launch tail into words at blanks outside double quotes. */
function launchWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i]!;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === ' ' || c === '\t')) {
      if (cur !== '') words.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur !== '') words.push(cur);
  return words;
}

/** The element a `gst-launch-1.0 …` line of the monitor opens: `v4l2src device=/dev/video0 ! ...` or `... ! pulsesink device=x`. */
export function parseLaunchLine(line: string): { factory: string; properties: Record<string, string> } | null {
  const m = /^\s*gst-launch-1\.0\s+(.*)$/.exec(line);
  if (m === null) return null;
  const segments = m[1]!.split(/\s!\s/).map((s) => s.trim());
  // a source: the first segment; a sink: the segment after '...'
  const seg = segments[0] === '...' ? segments[1] : segments[0];
  if (seg === undefined || seg === '...' || seg === '') return null;
  const words = launchWords(seg);
  const factory = words[0];
  if (factory === undefined || !/^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(factory)) return null;
  return { factory, properties: launchProperties(words.slice(1)) };
}

/**
 * The devices in gst-device-monitor-1.0's text output. Log lines around the blocks (libcamera's INFO,
 * "Probing devices...") are skipped; a caps line that does not parse is an error with its line number.
 */
export function parseDeviceMonitor(text: string, source = 'devices'): DevicesParseResult {
  const lines = text.split(/\r?\n/);
  const devices: DeviceDescription[] = [];
  let cur: { name?: string; class?: string; caps: string[]; capsLine: number; properties: Record<string, string>; launch?: DeviceDescription['launch']; start: number } | null = null;
  let section: 'none' | 'caps' | 'properties' = 'none';
  const flush = (): DevicesParseResult | null => {
    if (cur === null) return null;
    const c = cur;
    cur = null;
    if (c.caps.length === 0) return null;
    const text = c.caps.map((s) => s.replace(/;\s*$/, '')).join('; ');
    const parsed = Caps.parse(text);
    if (!parsed.ok) return { ok: false, message: `${source}:${c.capsLine}: the caps of device '${c.name ?? '?'}' do not parse: ${parsed.issues[0]?.message ?? 'invalid caps'}`, line: c.capsLine };
    devices.push({
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.class !== undefined ? { class: c.class } : {}),
      caps: parsed.caps.toString(),
      properties: c.properties,
      ...(c.launch !== undefined ? { launch: c.launch } : {}),
      origin: `${source}:${c.start}`,
    });
    return null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const n = i + 1;
    if (/^Device (found|added):?$/.test(line)) {
      const e = flush();
      if (e !== null) return e;
      cur = { caps: [], capsLine: n, properties: {}, start: n };
      section = 'none';
      continue;
    }
    if (/^Device (removed|changed)/.test(line)) {
      const e = flush();
      if (e !== null) return e;
      section = 'none';
      continue;
    }
    if (cur === null) continue;
    const field = /^(name|class|caps)\s*:\s?(.*)$/.exec(line);
    if (field !== null && section !== 'properties') {
      const [, key, value] = field;
      if (key === 'name') cur.name = value!.trim();
      else if (key === 'class') cur.class = value!.trim();
      else {
        cur.capsLine = n;
        if (value!.trim() !== '') cur.caps.push(value!.trim());
        section = 'caps';
        continue;
      }
      section = 'none';
      continue;
    }
    if (line === 'properties:') {
      section = 'properties';
      continue;
    }
    if (line.startsWith('gst-launch-1.0')) {
      const launch = parseLaunchLine(line);
      if (launch !== null) cur.launch = launch;
      section = 'none';
      continue;
    }
    if (line === '') {
      if (section === 'caps') section = 'none';
      continue;
    }
    if (section === 'caps') {
      cur.caps.push(line);
      continue;
    }
    if (section === 'properties') {
      const kv = /^([^=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
      if (kv !== null) cur.properties[kv[1]!] = kv[2]!.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
      continue;
    }
  }
  const e = flush();
  if (e !== null) return e;
  if (devices.length === 0) return { ok: false, message: `${source}: no device description found (expected the output of gst-device-monitor-1.0: 'Device found:' blocks with a caps section)` };
  return { ok: true, devices };
}

const deviceJson = z.strictObject({
  name: z.string().optional(),
  class: z.string().optional(),
  caps: z.union([z.string(), z.array(z.string()).min(1)]),
  properties: z.record(z.string(), z.string()).optional(),
  launch: z.strictObject({ factory: z.string().min(1), properties: z.record(z.string(), z.string()).optional() }).optional(),
  element: z.string().min(1).optional(),
});

const devicesJson = z.union([z.array(deviceJson), z.strictObject({ devices: z.array(deviceJson) })]);

/** The JSON form for programs: `[{ caps, launch: { factory, properties }, element?, name?, class?, properties? }]` or `{ devices: [...] }`. */
export function parseDevicesJson(json: unknown, source = 'devices'): DevicesParseResult {
  const r = devicesJson.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    return { ok: false, message: `${source}: ${path.length > 0 ? `at ${path.join('.')}: ` : ''}${issue.message}`, path };
  }
  const list = Array.isArray(r.data) ? r.data : r.data.devices;
  const devices: DeviceDescription[] = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const text = Array.isArray(d.caps) ? d.caps.join('; ') : d.caps;
    const parsed = Caps.parse(text);
    if (!parsed.ok) return { ok: false, message: `${source}: at ${i}.caps: ${parsed.issues[0]?.message ?? 'invalid caps'}`, path: [i, 'caps'] };
    if (d.launch === undefined && d.element === undefined) return { ok: false, message: `${source}: at ${i}: a device needs launch.factory or element (which pipeline element it is)`, path: [i] };
    devices.push({
      ...(d.name !== undefined ? { name: d.name } : {}),
      ...(d.class !== undefined ? { class: d.class } : {}),
      caps: parsed.caps.toString(),
      ...(d.properties !== undefined ? { properties: d.properties } : {}),
      ...(d.launch !== undefined ? { launch: { factory: d.launch.factory, properties: d.launch.properties ?? {} } } : {}),
      ...(d.element !== undefined ? { element: d.element } : {}),
      origin: `${source}[${i}]`,
    });
  }
  return { ok: true, devices };
}

/** Text or JSON, told apart by the first non-blank character. */
export function parseDevices(text: string, source = 'devices'): DevicesParseResult {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch (e) {
      return { ok: false, message: `${source} is not JSON: ${(e as Error).message}` };
    }
    return parseDevicesJson(json, source);
  }
  return parseDeviceMonitor(text, source);
}
