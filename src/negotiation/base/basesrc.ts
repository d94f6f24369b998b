/**
 * GstBaseSrc / GstPushSrc: the src pad answers with its template; gst_base_src_negotiate fixates what
 * downstream allows with the subclass's fixate (a profile's rules on the first structure), then
 * gst_caps_fixate; a subclass that reads the caps into a GstVideoInfo in set_caps refuses caps it
 * cannot read before any CAPS event goes out.
 */
import { Caps, fixateFieldNearestFraction, fixateFieldNearestInt, fixateFieldString, fraction, getField, setField, type Structure, type Value } from '../../caps/index.js';
import type { CapsEventResult, ModelHost } from '../engine/model.js';
import type { AllocationClass, AllocationDecision, AllocationHost, AllocationQuery, AllocationSend, AllocOp, BufferHandling } from '../engine/model.js';
import type { ElementNode, PadNode } from '../engine/model.js';
import type { AllocationPool } from '../types.js';
import { decided, defaultPool } from './allocation.js';
import { withStructure } from '../engine/query.js';
import type { BehaviourProfile, FixateRule } from '../engine/profile.js';
import { fallbackChannelMask } from '../media/audio.js';
import { videoFormatInfo, VIDEO_FLAG, type VideoFormatTable } from '../media/formats.js';
import { videoInfoRefusal } from '../media/video.js';
import { GstElementModel, NO_PUSHES, type ModelOptions } from './element.js';

export interface BaseSrcOptions extends ModelOptions {
  /** the subclass's fixate, as profile rules (absent: a source modelled by its base class alone) */
  readonly fixate?: readonly FixateRule[];
  /** set_caps reads the caps into a GstVideoInfo (videotestsrc) */
  readonly readsVideoInfo?: boolean;
  /** the TAG events it sends before its first buffer (audiotestsrc's create) */
  readonly tags?: readonly (readonly [string, string])[];
  /** the release's video format table its set_caps and fixate read (default 1.22's) */
  readonly formats?: VideoFormatTable;
  /** its own decide_allocation: the pool it ends with for the answered query (default: downstream's first, as GstBaseSrc) */
  readonly decidePool?: (q: AllocationQuery) => AllocationPool | null;
}

export class BaseSrc extends GstElementModel {
  override readonly baseClass: string = 'GstBaseSrc';
  override readonly profile: BehaviourProfile | null;
  override readonly sourceTags: readonly (readonly [string, string])[] | null;
  private readonly readsVideoInfo: boolean;
  private readonly formats: VideoFormatTable;
  private readonly decidePool: (q: AllocationQuery) => AllocationPool | null;

  constructor(options: BaseSrcOptions = {}) {
    super(options);
    this.decidePool = options.decidePool ?? defaultPool;
    this.formats = options.formats ?? videoFormatInfo;
    this.profile = options.fixate === undefined ? null : { kind: 'source', fixate: [...options.fixate] };
    this.sourceTags = options.tags ?? null;
    this.readsVideoInfo = options.readsVideoInfo === true;
  }

  /** the same source with another fixate (a user's profile) */
  withFixate(fixate: readonly FixateRule[]): BaseSrc {
    return new BaseSrc({
      versions: this.versions,
      fixate,
      readsVideoInfo: this.readsVideoInfo,
      formats: this.formats,
      decidePool: this.decidePool,
      ...(this.sourceTags === null ? {} : { tags: this.sourceTags }),
    });
  }

  override setCaps(): CapsEventResult {
    return NO_PUSHES;
  }

  /** the source's fixate hook (profile rules on structure 0), then gst_caps_fixate */
  override fixateSrcCaps(host: ModelHost, el: ElementNode, caps: Caps): Caps {
    const p = this.profile;
    if (p !== null && p.kind === 'source' && caps.size > 0) {
      for (const r of p.fixate) if (r.op === 'alpha-formats') caps = alphaFormatsOnly(host, el, caps, r.property, r.opaque, this.formats);
      let s: Structure = caps.structure(0);
      for (const r of p.fixate) {
        switch (r.op) {
          case 'alpha-formats':
            break;
          case 'nearest-int': {
            let target = r.target;
            if (r.atLeastProperty !== undefined) {
              const v = el.properties[r.atLeastProperty.name];
              const base = typeof v === 'number' ? v : Number(host.registry.property(el.factory, r.atLeastProperty.name)?.default ?? 0);
              target = Math.max(target, Math.trunc(base * r.atLeastProperty.factor));
            }
            s = fixateFieldNearestInt(s, r.field, target) ?? s;
            break;
          }
          case 'nearest-fraction':
            if (getField(s, r.field) !== undefined) s = fixateFieldNearestFraction(s, r.field, r.num, r.den) ?? s;
            else if (r.setIfMissing) s = setField(s, r.field, fraction(r.num, r.den));
            break;
          case 'string':
            if (getField(s, r.field) !== undefined) s = fixateFieldString(s, r.field, r.target) ?? s;
            else if (r.setIfMissing) s = setField(s, r.field, { kind: 'string', value: r.target });
            break;
          case 'channel-mask': {
            const ch = getField(s, 'channels');
            if (ch !== undefined && ch.kind === 'int' && ch.value > r.above) {
              const m = getField(s, 'channel-mask');
              if (m === undefined || m.kind !== 'bitmask') s = setField(s, 'channel-mask', { kind: 'bitmask', value: fallbackChannelMask(ch.value) });
            }
            break;
          }
        }
      }
      caps = withStructure(caps, 0, s);
    }
    return caps.fixate();
  }

  override srcCapsRefusal(caps: Caps): string | null {
    return this.readsVideoInfo ? videoInfoRefusal(caps, this.formats) : null;
  }

  override bufferWithoutCaps(): readonly PadNode[] {
    return [];
  }

  // ---- allocation: gst_base_src_negotiate → gst_base_src_prepare_allocation → decide_allocation ----------
  override get allocationClass(): AllocationClass {
    return 'GstBaseSrc';
  }

  override setupAllocation(): void {}

  override queryAllocation(): 'propose' {
    return 'propose';
  }

  override *proposeAllocation(): AllocOp<boolean> {
    return false;
  }

  /** a basesrc whose caps stay ANY sets none, yet still queries (with NULL caps, shown here as ANY) */
  override sendsAllocation(_host: AllocationHost, src: PadNode): AllocationSend {
    return { caps: src.caps ?? Caps.ANY, needPool: true, decide: true };
  }

  override decideAllocation(host: AllocationHost, el: ElementNode, q: AllocationQuery): AllocationDecision {
    return decided(host, el, q, this.decidePool(q));
  }

  override bufferHandling(): BufferHandling {
    return 'end';
  }
}

/** videotestsrc's fixate: with a translucent colour keep only formats with alpha, if any remain */
function alphaFormatsOnly(host: ModelHost, el: ElementNode, caps: Caps, property: string, opaque: number, formats: VideoFormatTable): Caps {
  const v = el.properties[property] ?? host.registry.property(el.factory, property)?.default;
  if (typeof v !== 'number' || v >>> 24 === opaque) return caps;
  const hasAlpha = (f: Value): boolean => f.kind === 'string' && f.value !== null && ((formats(f.value)?.flags ?? 0) & VIDEO_FLAG.ALPHA) !== 0;
  const entries = [];
  for (const e of caps.entries) {
    const formats = getField(e.structure, 'format');
    if (formats === undefined) continue;
    if (formats.kind === 'list') {
      const items = formats.items.filter(hasAlpha);
      if (items.length > 0) entries.push({ structure: setField(e.structure, 'format', { kind: 'list', items }), features: e.features });
    } else if (hasAlpha(formats)) entries.push(e);
  }
  return entries.length === 0 ? caps : Caps.fromEntries(entries);
}
