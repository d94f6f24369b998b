/**
 * Declared caps (`options.caps`, `--caps ELEMENT.PAD=CAPS`): the pad offers exactly these caps, as a device
 * described by its owner would (v4l2src's getcaps answers what the driver enumerates, not its template).
 * The declared caps replace the pad's template for every query, so links, fixation and the policy see them.
 *
 * Declared caps must be ones the element could give: every structure intersects the pad's template. An
 * exporter (`options.memory`) may declare memory:DMABuf structures for a template without the feature (the
 * memory kind is what it exports, not a format): its template counts with its DMABuf variant. A refusal is
 * a positioned 'declaration' error: offset and length point into the declared caps text.
 */
import { Caps, DMABUF, parseCapsWithSpans, type CapsFeatures } from '../../caps/index.js';
import { PadNode, type ElementNode } from '../engine/model.js';
import type { Assumption, NegotiationError } from '../types.js';

const declarationError = (key: string, declared: string, message: string, extra: Partial<NegotiationError> = {}): NegotiationError => ({
  kind: 'declaration',
  declaration: key,
  declared,
  message,
  ...extra,
});

/** the template with each structure also in its memory:DMABuf variant (an exporter's memory kind) */
function withDmabufVariant(template: Caps): Caps {
  if (template.isAny()) return template;
  const dmabuf = (f: CapsFeatures | null): CapsFeatures => ({ any: false, names: [DMABUF, ...(f === null || f.any ? [] : f.names.filter((n) => !n.startsWith('memory:')))] });
  return template.merge(Caps.fromEntries(template.entries.map((e) => ({ structure: e.structure, features: dmabuf(e.features) }))));
}

/**
 * Apply `declared` ('element.pad' → caps text) to the built elements, before linking. Returns the
 * assumptions to report (source 'declared'), or the first bad declaration.
 */
export function applyDeclaredCaps(
  elements: readonly ElementNode[],
  declared: Readonly<Record<string, string>>,
  exporters: ReadonlySet<string>,
): { ok: true; assumptions: Assumption[] } | { ok: false; error: NegotiationError } {
  if (typeof declared !== 'object' || declared === null) return { ok: false, error: { kind: 'syntax', message: 'caps must map ELEMENT.PAD to caps strings' } };
  const assumptions: Assumption[] = [];
  for (const [key, text] of Object.entries(declared)) {
    const dot = key.lastIndexOf('.');
    const name = dot <= 0 ? '' : key.slice(0, dot);
    const padName = dot <= 0 ? '' : key.slice(dot + 1);
    if (name === '' || padName === '') return { ok: false, error: { kind: 'syntax', message: `caps declarations are keyed ELEMENT.PAD (v4l2src0.src), got '${key}'` } };
    if (typeof text !== 'string') return { ok: false, error: declarationError(key, String(text), `caps declared for ${key} must be a caps string`) };
    const el = elements.find((e) => e.name === name);
    if (el === undefined) {
      return { ok: false, error: { kind: 'no-element', element: name, message: `caps declared for "${key}", but the pipeline has no element named "${name}" (it has ${elements.map((e) => e.name).join(', ')})` } };
    }
    const index = el.pads.findIndex((p) => p.name === padName);
    if (index < 0) {
      const have = el.pads.map((p) => p.name).join(', ') || 'none';
      return { ok: false, error: { kind: 'no-pad', element: name, pad: padName, message: `caps declared for ${key}, but ${name} (${el.factory}) has no always pad "${padName}" (its pads: ${have})` } };
    }
    const pad = el.pads[index]!;
    const parsed = parseCapsWithSpans(text);
    if (!parsed.ok) {
      const issue = parsed.issues[0]!;
      return { ok: false, error: declarationError(key, text, `caps declared for ${key} do not parse: ${issue.message}`, { element: name, pad: padName, offset: issue.offset, length: issue.length }) };
    }
    const caps = Caps.from(parsed.caps);
    if (caps.isEmpty()) return { ok: false, error: declarationError(key, text, `caps declared for ${key} are EMPTY: a device offers something`, { element: name, pad: padName, offset: 0, length: text.length }) };
    const template = exporters.has(name) ? withDmabufVariant(pad.template) : pad.template;
    for (const [i, e] of caps.entries.entries()) {
      const one = Caps.fromEntries([e]);
      // a device may say less than the template spells out (no framerate): refused is what no template structure takes
      if (one.canIntersect(template)) continue;
      const span = parsed.spans[i];
      const why = template.entries.some((t) => t.structure.name === e.structure.name) ? 'no structure of the template takes these fields and features' : 'the template has nothing of this media type';
      return {
        ok: false,
        error: declarationError(key, text, `caps declared for ${key}: ${el.factory}'s ${pad.templateName} template refuses ${one.toString()} (${why})`, {
          element: name,
          pad: padName,
          offset: span?.offset ?? 0,
          length: span?.length ?? text.length,
        }),
      };
    }
    if (caps.isAny() && !pad.template.isAny()) {
      return { ok: false, error: declarationError(key, text, `caps declared for ${key}: ANY is more than ${el.factory}'s template allows`, { element: name, pad: padName, offset: 0, length: text.length }) };
    }
    el.pads[index] = new PadNode(el, pad.name, pad.direction, caps, pad.templateName);
    assumptions.push({ element: name, pad: padName, caps: caps.toString(), source: 'declared', message: `${key} offers ${caps.toString()}, as declared` });
  }
  return { ok: true, assumptions };
}
