/**
 * mpegtsmux's streamheader (gst-plugins-bad 1.22, gstbasetsmux.c and tsmux/): the first packets tsmux
 * writes before any PES data — the PAT and the PMT of program 1 — collected into the src caps. Both are
 * fixed by the streams: transport stream id 1, program 1 with its PMT on PID 0x20, the PCR on the first
 * pad's stream, the PMT's streams sorted by PID with their stream types and the ES descriptors
 * tsmux_stream_default_get_es_descrs writes (HDMV registration for H.264; AC-3 registration and audio
 * stream descriptor from its rate and channels). Each section goes into one 188-byte packet after an
 * adaptation field of stuffing (tsmux_section_write_packet), continuity counter 1, then the MPEG-2 CRC.
 * A stream whose descriptors are not built here (language tags, Opus, DVB subtitles, KLV …), m2ts mode or
 * SCTE-35 leave the streamheader to the data (unknown).
 */
import { getField, type Structure, type Value } from '../../../caps/index.js';
import type { ElementNode, PadNode } from '../../engine/model.js';
import type { Caps } from '../../../caps/index.js';

const PMT_PID = 0x20;
const TS_ID = 1;
const PROGRAM = 1;

/** the MPEG-2 CRC-32 of a PSI section (poly 0x04C11DB7, init all ones, not reflected) */
function crc32Mpeg(bytes: readonly number[]): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b << 24;
    for (let k = 0; k < 8; k++) crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
  }
  return crc >>> 0;
}

/** a long-form section: table id, syntax bit, length, extension, version 0 current, section 0 of 0, body, CRC */
function section(tableId: number, extension: number, body: readonly number[]): number[] {
  const length = 5 + body.length + 4;
  const head = [tableId, 0xb0 | ((length >> 8) & 0x0f), length & 0xff, (extension >> 8) & 0xff, extension & 0xff, 0xc1, 0x00, 0x00];
  const all = [...head, ...body];
  const crc = crc32Mpeg(all);
  return [...all, (crc >>> 24) & 0xff, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
}

/** one TS packet: header (payload start, adaptation + payload, continuity 1), stuffing, pointer field, section */
function packet(pid: number, sec: readonly number[]): string {
  const payload = [0x00, ...sec];
  const afLength = 188 - 4 - 1 - payload.length;
  const bytes = [0x47, 0x40 | ((pid >> 8) & 0x1f), pid & 0xff, 0x31, afLength, ...(afLength > 0 ? [0x00, ...new Array<number>(afLength - 1).fill(0xff)] : []), ...payload];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const num = (s: Structure, f: string): number | null => {
  const v = getField(s, f);
  return v?.kind === 'int' ? v.value : null;
};

/** stream type and ES descriptors of one sink's caps (create_stream, get_es_descrs), null when not built here */
function esInfo(s: Structure): { type: number; descriptors: number[] } | null {
  if (getField(s, 'language-code') !== undefined) return null;
  switch (s.name) {
    case 'video/x-h264':
      return { type: 0x1b, descriptors: [0x05, 0x08, ...ascii('HDMV'), 0xff, 0x1b, 0x44, 0x3f] };
    case 'video/x-h265':
      return { type: 0x24, descriptors: [] };
    case 'audio/x-ac3': {
      const rate = num(s, 'rate');
      const channels = num(s, 'channels');
      if (rate === null || channels === null || getField(s, 'bitrate') !== undefined) return null;
      const rateCode = rate === 48000 ? 0x08 : rate === 44100 ? 0x28 : rate === 32000 ? 0x48 : 0xe8;
      // no bitrate in the caps: the 640 kbit/s upper limit code, shifted out of its byte as tsmux writes it
      const bitrateCode = (0x32 << 2) & 0xff;
      const channelCode = ({ 1: 0x01, 2: 0x02, 3: 0x0a, 4: 0x0b, 5: 0x0c } as Record<number, number>)[channels] ?? 0x0d;
      const info = [0x81, 0x04, rateCode, bitrateCode, channelCode << 1, 0x00];
      return { type: 0x81, descriptors: [0x05, 4 + info.length, ...ascii('AC-3'), ...info, 0x81, info.length, ...info] };
    }
    case 'audio/mpeg': {
      const version = num(s, 'mpegversion');
      if (version === 1) return { type: (num(s, 'mpegaudioversion') ?? 1) === 1 ? 0x03 : 0x04, descriptors: [] };
      if (version === 2 || version === 4) return { type: 0x0f, descriptors: [] };
      return null;
    }
    case 'video/mpeg': {
      const version = num(s, 'mpegversion');
      const type = version === 1 ? 0x01 : version === 2 ? 0x02 : version === 4 ? 0x10 : null;
      return type === null ? null : { type, descriptors: [] };
    }
    default:
      return null;
  }
}

/**
 * The PAT and PMT packets for the mux's sink pads (`caps` of the pad whose CAPS event is being handled,
 * the others' stored caps), as the streamheader array; null when not built here.
 */
export function tsStreamheader(el: ElementNode, arriving: { readonly pad: PadNode; readonly caps: Caps }): Value | null {
  const props = el.properties;
  if ((props['m2ts-mode'] !== undefined && props['m2ts-mode'] !== false && props['m2ts-mode'] !== 'false') || props['prog-map'] !== undefined || (props['scte-35-pid'] !== undefined && props['scte-35-pid'] !== 0)) return null;
  const streams: { pid: number; type: number; descriptors: number[] }[] = [];
  for (const pad of el.sinkPads()) {
    const caps = pad === arriving.pad ? arriving.caps : pad.caps;
    if (caps === null) continue;
    const m = /^sink_(\d+)$/.exec(pad.name);
    if (m === null || caps.size !== 1) return null;
    const es = esInfo(caps.structure(0));
    if (es === null) return null;
    streams.push({ pid: Number(m[1]), ...es });
  }
  if (streams.length === 0) return null;
  // the PCR is the first pad's stream; the PMT lists the streams by PID
  const pcr = streams[0]!.pid;
  const sorted = [...streams].sort((a, b) => a.pid - b.pid);
  const pat = section(0x00, TS_ID, [(PROGRAM >> 8) & 0xff, PROGRAM & 0xff, 0xe0 | ((PMT_PID >> 8) & 0x1f), PMT_PID & 0xff]);
  const pmtBody = [0xe0 | ((pcr >> 8) & 0x1f), pcr & 0xff, 0xf0, 0x00];
  for (const st of sorted) pmtBody.push(st.type, 0xe0 | ((st.pid >> 8) & 0x1f), st.pid & 0xff, 0xf0 | ((st.descriptors.length >> 8) & 0x0f), st.descriptors.length & 0xff, ...st.descriptors);
  const pmt = section(0x02, PROGRAM, pmtBody);
  return { kind: 'array', items: [packet(0x00, pat), packet(PMT_PID, pmt)].map((text) => ({ kind: 'opaque', type: 'buffer', text })) };
}
