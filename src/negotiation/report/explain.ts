/**
 * Why two caps do not intersect, said the way a GStreamer developer would: the structure name, the caps
 * features or the one field whose values have nothing in common, with both values as GStreamer prints them.
 * Pure: no I/O.
 */
import { Caps, parseDrmFormat, type CapsEntry, type CapsFeatures, type DrmFormat, type Field, type Value } from '../../caps/index.js';
import type { Explanation } from '../types.js';

export interface CapsConflict {
  /** 'name' (structure names differ), 'features', 'caps' (one side is EMPTY) or the field name */
  readonly field: string;
  readonly left: string;
  readonly right: string;
  /** what differs inside the values, when the field says more than its text (drm-format: fourcc or modifier) */
  readonly detail?: string;
}

/** the drm-format strings of a value (one, or a list) that parse */
function drmFormats(v: Value): DrmFormat[] {
  const items = v.kind === 'list' ? v.items : [v];
  return items.flatMap((i) => (i.kind === 'string' && i.value !== null ? [parseDrmFormat(i.value)].filter((f): f is DrmFormat => f !== null) : []));
}

const hex = (m: bigint): string => (m === 0n ? 'linear' : `0x${m.toString(16).padStart(16, '0')}`);
const fourccOf = (f: DrmFormat): string => (f.bigEndian ? `${f.fourcc}_BE` : f.fourcc);

/**
 * Why two drm-format values (1.24+ DMA_DRM caps) have nothing in common: no fourcc in common, or a
 * shared fourcc whose modifiers differ (the same pixels in another tiling or compression).
 */
export function drmFormatMismatch(left: Value, right: Value): string | null {
  const a = drmFormats(left);
  const b = drmFormats(right);
  if (a.length === 0 || b.length === 0) return null;
  const shared = [...new Set(a.map(fourccOf))].filter((c) => b.some((f) => fourccOf(f) === c));
  if (shared.length === 0) return `fourcc mismatch: ${[...new Set(a.map(fourccOf))].join(', ')} vs ${[...new Set(b.map(fourccOf))].join(', ')}`;
  const mods = (fs: DrmFormat[], c: string): string => fs.filter((f) => fourccOf(f) === c).map((f) => hex(f.modifier)).join(', ');
  return `modifier mismatch: ${shared.map((c) => `${c} with ${mods(a, c)} vs ${mods(b, c)}`).join('; ')}`;
}

const SYSTEM_MEMORY = 'memory:SystemMemory';

/** How features read in an explanation: `memory:DMABuf`, `ANY`, or `system memory`. */
export function featuresText(features: CapsFeatures | null): string {
  if (features === null) return 'system memory';
  if (features.any) return 'ANY';
  const names = features.names.filter((n) => n !== SYSTEM_MEMORY);
  return names.length === 0 ? 'system memory' : features.names.join(', ');
}

// gst_caps_features_is_equal, with null / {} / {memory:SystemMemory} all meaning system memory
function featuresMatch(a: CapsFeatures | null, b: CapsFeatures | null): boolean {
  if (a?.any === true || b?.any === true) return true;
  const norm = (f: CapsFeatures | null): string[] => [...(f?.names ?? [])].filter((n) => n !== SYSTEM_MEMORY).sort();
  const na = norm(a);
  const nb = norm(b);
  return na.length === nb.length && na.every((n, i) => n === nb[i]);
}

/** A field's value as it appears in GStreamer's caps string, without the `(type)` cast. */
export function fieldValueText(structureName: string, field: Field): string {
  const printed = Caps.fromEntries([{ structure: { name: structureName, fields: [field] }, features: null }]).toString();
  const at = printed.indexOf(`${field.name}=`, structureName.length);
  const value = at < 0 ? printed : printed.slice(at + field.name.length + 1);
  return value.replace(/^\([A-Za-z0-9_]+\)/, '');
}

function singleField(name: string, field: Field): Caps {
  return Caps.fromEntries([{ structure: { name, fields: [field] }, features: null }]);
}

// rank: 0 names differ, 1 features differ, 2 a field differs (the most telling)
function entryConflict(a: CapsEntry, b: CapsEntry): { rank: number; conflict: CapsConflict } | null {
  if (a.structure.name !== b.structure.name) {
    return { rank: 0, conflict: { field: 'name', left: a.structure.name, right: b.structure.name } };
  }
  if (!featuresMatch(a.features, b.features)) {
    return { rank: 1, conflict: { field: 'features', left: featuresText(a.features), right: featuresText(b.features) } };
  }
  const name = a.structure.name;
  for (const fa of a.structure.fields) {
    const fb = b.structure.fields.find((f) => f.name === fa.name);
    // a field only one side has never empties a structure intersection
    if (fb === undefined) continue;
    if (!singleField(name, fa).canIntersect(singleField(name, fb))) {
      const detail = fa.name === 'drm-format' ? drmFormatMismatch(fa.value, fb.value) : null;
      return { rank: 2, conflict: { field: fa.name, left: fieldValueText(name, fa), right: fieldValueText(name, fb), ...(detail === null ? {} : { detail }) } };
    }
  }
  return null;
}

/**
 * Why `left ∩ right` is EMPTY, or null when it is not. With several structures on a side, every pair fails;
 * the most specific reason wins (a field over features over a structure name), first pair first.
 */
export function findConflict(left: Caps, right: Caps): CapsConflict | null {
  if (left.isEmpty() || right.isEmpty()) {
    if (left.isEmpty() && right.isEmpty()) return { field: 'caps', left: 'EMPTY', right: 'EMPTY' };
    return { field: 'caps', left: left.isEmpty() ? 'EMPTY' : left.toString(), right: right.isEmpty() ? 'EMPTY' : right.toString() };
  }
  if (left.canIntersect(right)) return null;
  let best: { rank: number; conflict: CapsConflict } | null = null;
  for (const a of left.entries) {
    for (const b of right.entries) {
      const c = entryConflict(a, b);
      if (c !== null && (best === null || c.rank > best.rank)) best = c;
    }
  }
  return best?.conflict ?? null;
}

/** One line for a conflict: `format: RGBA (capsfilter0) vs NV12 (capsfilter1) at capsfilter1.sink`. */
export function formatConflict(conflict: NonNullable<Explanation['conflict']>): string {
  const where = conflict.pad !== undefined ? `${conflict.element}.${conflict.pad}` : conflict.element;
  const detail = conflict.detail === undefined ? '' : ` (${conflict.detail})`;
  return `${conflict.field}: ${conflict.left.value} (${conflict.left.from}) vs ${conflict.right.value} (${conflict.right.from}) at ${where}${detail}`;
}

/** Readable, indented text for an explanation (what `negotiate --explain` prints). */
export function formatExplanation(explain: Explanation): string {
  const lines = [explain.summary];
  if (explain.conflict !== undefined) lines.push(`  conflict: ${formatConflict(explain.conflict)}`);
  if (explain.steps.length > 0) {
    lines.push('  how it got there:');
    explain.steps.forEach((step, i) => {
      const where = step.pad !== undefined ? `${step.element}.${step.pad}` : step.element;
      lines.push(`    ${i + 1}. ${where}: ${step.note}`);
      if (step.offered !== undefined) lines.push(`         offered:  ${step.offered}`);
      if (step.accepted !== undefined) lines.push(`         accepted: ${step.accepted}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
