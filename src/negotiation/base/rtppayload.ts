/**
 * GstRTPBasePayload (gst-plugins-base 1.22 gstrtpbasepayload.c). A subclass's setcaps calls set_options
 * (media, clock-rate, encoding-name) and set_outcaps with its own fields; negotiate then intersects them
 * with the src template, queries downstream with that, takes the `pt` property (or downstream's payload,
 * or the payload field fixated nearest the default 96), ssrc, timestamp-offset and seqnum-offset (the
 * properties when set, else random), keeps the first structure's fixed fields and adds a-framerate for
 * video. The random values and the fields a subclass makes from the stream are named unknown (reason
 * `stream`) and left out of the printed caps (base/output.ts `partial`); a subclass not modelled is
 * reported with its other fields unknown too.
 */
import { Caps, fixateFieldNearestInt, getField, setField, type Structure, type Value } from '../../caps/index.js';
import type { PropertyValue } from '../graph/graph.js';
import type { ModelHost, PadNode } from '../engine/model.js';
import { peerQueryCaps, run } from '../engine/query.js';
import type { ModelOptions } from './element.js';
import { OutputModel, firstString, partial, single, sval, type Output } from './output.js';

type Props = Readonly<Record<string, PropertyValue>>;

/** what a subclass's setcaps hands to set_options / set_outcaps, from its input structure */
export interface SubclassCaps {
  /** clock-rate when the input sets it (raw audio's rate); else the template's */
  readonly clockRate?: number;
  /** set_options' media and encoding-name where the template does not fix them */
  readonly media?: string;
  readonly encodingName?: string;
  /** its own fields, in set_outcaps order */
  readonly fields: readonly (readonly [string, Value])[];
  /** fields it makes from the stream, left out (unknown); null: not modelled, which is not known */
  readonly unknown: readonly string[] | null;
}

export type RtpSubclass = (input: Structure, props: Props) => SubclassCaps | null;

const intOf = (s: Structure, f: string): number | null => {
  const v = getField(s, f);
  return v?.kind === 'int' ? v.value : null;
};
const str = (value: string): Value => ({ kind: 'string', value });
const i = (value: number): Value => ({ kind: 'int', value });

const notModelled: RtpSubclass = () => ({ fields: [], unknown: null });

export interface RtpPayloadOptions extends ModelOptions {
  /** the subclass's setcaps (default: not modelled) */
  readonly subclass?: RtpSubclass;
}

/** a uint property the user set (ssrc, timestamp-offset, seqnum-offset), or null: chosen at random */
function setUint(props: Props, name: string): number | null {
  const v = props[name];
  if (v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return null;
  // -1 (the default) and G_MAXUINT32 for ssrc mean random
  return name === 'ssrc' && n === 0xffffffff ? null : n;
}

/** the fixed fields of a structure (copy_fixed) */
const fixedFields = (s: Structure): Structure => ({ name: s.name, fields: s.fields.filter((f) => single({ name: s.name, fields: [f] }, null).isFixed()) });

export class RtpBasePayload extends OutputModel<RtpPayloadOptions> {
  override readonly baseClass: string = 'GstRTPBasePayload';
  readonly kind = 'rtp-payload';

  constructor(options: RtpPayloadOptions = {}) {
    super({ ...options, standalone: true });
  }

  protected output(host: ModelHost, sink: PadNode, src: PadNode, caps: Caps): Output {
    const el = sink.element;
    if (caps.size !== 1) return null;
    const input = caps.structure(0);
    const sub: SubclassCaps | null = (this.options.subclass ?? notModelled)(input, el.properties);
    if (sub === null) return { ok: false, error: host.notNegotiated(sink, `${el.name} cannot payload ${caps.toString()}`) };
    // set_options: media, clock-rate, encoding-name as the subclass sets them (the template's where it fixes them)
    // a subclass modelled here sets what its template lists first; one not modelled only what its template fixes
    const t0 = src.template.isAny() || src.template.size === 0 ? null : sub.unknown === null ? src.template.structure(0) : src.template.fixate().structure(0);
    const fixedString = (f: string): string | null => {
      const v = t0 === null ? undefined : getField(t0, f);
      return v?.kind === 'string' ? v.value : sub.unknown === null ? null : firstString(v);
    };
    const media = sub.media ?? fixedString('media');
    const encoding = sub.encodingName ?? fixedString('encoding-name');
    const clock = sub.clockRate ?? (t0 === null ? null : intOf(t0, 'clock-rate'));
    // the subclass sets them from the stream: nothing is claimed for its output
    if (media === null || encoding === null || clock === null) return null;
    const own = single({ name: 'application/x-rtp', fields: [{ name: 'media', value: sval(media) }, { name: 'clock-rate', value: i(clock) }, { name: 'encoding-name', value: sval(encoding) }, ...sub.fields.map(([name, value]) => ({ name, value }))] }, null);
    const templ = own.intersect(src.template, 'zigzag');
    const peer = src.peer === null ? templ : run(host, peerQueryCaps(src, templ));
    if (peer.isEmpty() || templ.isEmpty()) return { ok: false, error: host.notNegotiated(src, `${el.name}: downstream accepts none of ${templ.toString()}`) };
    let temp = peer.isAny() ? templ : peer;
    // the payload type: the pt property if downstream takes it, else downstream's, else nearest the default
    // a property's value is tried first: templ with it set, intersected with what is there (its fields lead)
    const probe = (name: string, value: Value): void => {
      const withIt = Caps.fromEntries(templ.entries.map((e) => ({ structure: setField(e.structure, name, value), features: e.features })));
      const met = withIt.intersect(temp, 'zigzag');
      if (!met.isEmpty()) temp = met;
    };
    const ptProp = el.properties['pt'];
    if (ptProp !== undefined) probe('payload', i(Number(ptProp)));
    const first = (): Structure => temp.structure(0);
    const replaceFirst = (st: Structure): void => {
      temp = Caps.fromEntries([{ structure: st, features: temp.entries[0]!.features }, ...temp.entries.slice(1)]);
    };
    const payload = getField(first(), 'payload');
    if (payload === undefined) replaceFirst(setField(first(), 'payload', i(96)));
    else if (payload.kind !== 'int') replaceFirst(fixateFieldNearestInt(first(), 'payload', 96) ?? first());
    // ssrc: downstream's, else the property, else random; timestamp-offset and seqnum-offset: the property
    // (probed as pt is), else downstream's, else random. Random ones are named unknown and left out.
    const unknown = [...(sub.unknown ?? [])];
    const ssrc = setUint(el.properties, 'ssrc');
    if (getField(first(), 'ssrc') === undefined) {
      if (ssrc === null) unknown.push('ssrc');
      else replaceFirst(setField(first(), 'ssrc', { kind: 'uint', value: ssrc }));
    }
    for (const name of ['timestamp-offset', 'seqnum-offset']) {
      const v = setUint(el.properties, name);
      if (v !== null) probe(name, { kind: 'uint', value: v });
      if (getField(first(), name) !== undefined) continue;
      if (v === null) unknown.push(name);
      else replaceFirst(setField(first(), name, { kind: 'uint', value: v }));
    }
    let s = first();
    s = fixedFields(s);
    // video: a-framerate from the input framerate (g_ascii_dtostr: whole numbers only are reproduced here)
    if (input.name.startsWith('video') && getField(s, 'a-framerate') === undefined) {
      const fps = getField(input, 'framerate');
      if (fps?.kind === 'fraction' && fps.den !== 0 && !(fps.num === 0 && fps.den === 1)) {
        const rate = fps.num / fps.den;
        if (Number.isInteger(rate)) s = { name: s.name, fields: [...s.fields, { name: 'a-framerate', value: str(String(rate)) }] };
        else unknown.push('a-framerate');
      }
    }
    return partial(single(s, null), sub.unknown === null ? ['*', ...unknown] : unknown);
  }
}

