/**
 * Container muxers. Which request template a link takes is gst_element_link's choice by caps (engine/link.ts);
 * what differs per muxer is how request_new_pad names the pad and the caps it sets on its src pad. qtmux,
 * mp4mux and mpegtsmux (and flvmux, run as its base class) then add a streamheader made from the stream (gst-launch -v shows
 * `video/quicktime, variant=iso` and then the same with streamheader=…); their output here is GstAggregator's
 * (the src template fixated), which leaves it out, as the base-class model did before them. avimux's caps
 * are `video/x-msvideo`, nothing more.
 */
import { Aggregator, aggregatorPadName } from '../../base/aggregator.js';
import { templateCounterName, type RequestPadNaming } from '../../base/element.js';
import { hasPadNamed } from '../../engine/pad-names.js';
import { caps, setOrAppend } from '../fields.js';
import { Caps } from '../../../caps/index.js';
import type { ElementNode, ModelHost, PadNode } from '../../engine/model.js';
import { intersectFirst, peerQueryCaps, run } from '../../engine/query.js';
import { partial, type Output } from '../../base/output.js';
import { tsStreamheader } from './mpegts.js';

// qtmux / mp4mux (GstAggregator subclasses with their own request_new_pad): audio_N / video_N / subtitle_N
// from a counter per kind, or the name asked for
export const qtmux = new Aggregator({ requestPadName: templateCounterName });
export const mp4mux = qtmux;

/**
 * matroskamux, webmmux, oggmux (collectpads): their src caps carry a streamheader made from the stream (the
 * EBML header with random segment and track UIDs; Ogg pages with random serial numbers): named unknown.
 * The media type is the muxer's own: matroskamux/webmmux say audio-only when they have audio request pads
 * and no video ones (num_v_streams, num_a_streams: counted by template, not by caps); oggmux fixates what
 * downstream allows of its template (application/ogg first).
 */
class StreamheaderMux extends Aggregator {
  constructor(private readonly mediaType: (el: ElementNode, allowed: Caps) => string | null, private readonly note?: string) {
    super({ collect: true, standalone: true, requestPadName: templateCounterName });
  }

  protected override output(host: ModelHost, sink: PadNode, src: PadNode): Output {
    const el = sink.element;
    if (el.sinkPads().some((p) => p !== sink && p.caps === null)) return { ok: true, pushes: [] };
    const allowed = src.peer === null ? src.template : intersectFirst(run(host, peerQueryCaps(src, src.template)), src.template);
    if (allowed.isEmpty()) return Caps.EMPTY;
    const name = this.mediaType(el, allowed);
    if (name === null) return null;
    if (this.note !== undefined) host.notes.push(`${el.name}: ${this.note}`);
    return partial(caps(name, []), ['streamheader']);
  }
}

const audioOnly = (el: ElementNode): boolean => {
  const kinds = el.sinkPads().map((p) => p.templateName);
  return !kinds.includes('video_%u') && kinds.includes('audio_%u');
};

export const matroskamux = new StreamheaderMux((el) => (audioOnly(el) ? 'audio/x-matroska' : 'video/x-matroska'));
export const webmmux = new StreamheaderMux((el) => (audioOnly(el) ? 'audio/webm' : 'video/webm'));
export const oggmux = new StreamheaderMux(
  (_el, allowed) => (allowed.isAny() ? 'application/ogg' : allowed.fixate().structure(0).name),
  'GStreamer names its request pads by a random serial number (audio_<serial>, video_<serial>); the names given here are not the ones a run prints',
);

// flvmux needs no model of its own: GstAggregator's base-class model already names its pads as 1.22 does
// (sink_0 for a `video` or `audio` request)

// avimux: collectpads, audio_N / video_N counted per kind; its caps say only what the container is
export const avimux = new Aggregator({ collect: true, standalone: true, requestPadName: templateCounterName, aggregate: () => caps('video/x-msvideo', []) });

/**
 * gst_base_ts_mux_request_new_pad: a pad is named by its PID. `sink_N` asks for PID N (refused below 0x40,
 * TSMUX_START_ES_PID, or when a pad has it); with no name, tsmux_get_new_pid counts on from 0x40 past
 * the PIDs pads already have: sink_65, sink_66 …
 */
const tsMuxPadName: RequestPadNaming = (el, template, requested) => {
  const m = requested === null ? null : /^sink_(-?\d+)/.exec(requested);
  if (m !== null) {
    const pid = Number(m[1]);
    if (pid < 0x40 || hasPadNamed(el.pads, `sink_${pid}`)) return null;
    return aggregatorPadName(el, template, `sink_${pid}`);
  }
  let pid = el.requestCounters.get('\0next_stream_pid') ?? 0x40;
  do pid++;
  while (hasPadNamed(el.pads, `sink_${pid}`));
  el.requestCounters.set('\0next_stream_pid', pid);
  return aggregatorPadName(el, template, `sink_${pid}`);
};

/** GstBaseTsMux: GstAggregator's output with the streamheader its first packets (PAT, PMT) make (mpegts.ts) */
class TsMux extends Aggregator {
  protected override output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const out = super.output(host, sink, src, caps);
    if (!(out instanceof Caps) || out.size !== 1) return out;
    const header = tsStreamheader(sink.element, { pad: sink, caps });
    if (header === null) return partial(out, ['streamheader']);
    return Caps.fromEntries([{ structure: setOrAppend(out.structure(0), 'streamheader', header), features: out.entries[0]!.features }]);
  }
}

export const mpegtsmux = new TsMux({ requestPadName: tsMuxPadName });
