/**
 * The DMA_DRM caps scheme of GStreamer 1.24+ (negotiation-allocation.md §6.2):
 * `video/x-raw(memory:DMABuf), format=DMA_DRM, drm-format=NV12:0x0100000000000002`.
 * GStreamer 1.22 parses these caps as ordinary strings, and so does `parseCaps`; the rules of the
 * scheme are checked here, separately, with issues that point into the caps text.
 */
import type { CapsIssue } from './issues.js';
import { parseCapsWithSpans, type EntrySpan, type FieldSpan, type TextSpan } from './parse.js';
import { capsToString } from './print.js';
import type { CapsData, CapsFeatures, Structure, Value } from './types.js';

export const DRM_FORMAT_MOD_LINEAR = 0n;
export const DRM_FORMAT_MOD_INVALID = 0x00ffffffffffffffn;

/** A `drm-format` value: DRM fourcc plus 64-bit modifier. */
export interface DrmFormat {
  /** the four characters, space padding included (`R8  `), without any `_BE` suffix */
  readonly fourcc: string;
  /** `XXXX_BE`: bit 31 of the fourcc code is set */
  readonly bigEndian: boolean;
  /** the DRM fourcc code: `c0 | c1 << 8 | c2 << 16 | c3 << 24`, bit 31 for big-endian */
  readonly code: number;
  /** 0 (linear) when the text has no `:0x…` part */
  readonly modifier: bigint;
}

interface DrmIssueBase {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** index of the caps structure the issue is about */
  readonly structure: number;
}

/** the fourcc must be 4 characters, or 7 ending in `_BE` */
export interface DrmFourccExpected extends DrmIssueBase {
  readonly code: 'drm-fourcc-expected';
  readonly text: string;
}
/** after `:` comes `0x` and 1–16 hex digits */
export interface DrmModifierExpected extends DrmIssueBase {
  readonly code: 'drm-modifier-expected';
  readonly text: string;
}
/** a linear modifier is written by leaving it out: `NV12`, never `NV12:0x0000000000000000` */
export interface LinearModifierOmissionExpected extends DrmIssueBase {
  readonly code: 'linear-modifier-omission-expected';
}
/** DRM_FORMAT_MOD_INVALID is a placeholder, not a layout */
export interface ValidModifierExpected extends DrmIssueBase {
  readonly code: 'valid-modifier-expected';
}
/** `drm-format` holds a string or a list of strings */
export interface DrmFormatStringExpected extends DrmIssueBase {
  readonly code: 'drm-format-string-expected';
}
/** `format=DMA_DRM` and `drm-format` belong under `memory:DMABuf` only */
export interface DmabufFeatureExpected extends DrmIssueBase {
  readonly code: 'dmabuf-feature-expected';
  readonly field: 'format' | 'drm-format';
}
/** with `drm-format` set, `format` must be `DMA_DRM` (or be absent) */
export interface DmaDrmFormatExpected extends DrmIssueBase {
  readonly code: 'dma-drm-format-expected';
  readonly format: string;
}

export type DrmIssue =
  | DrmFourccExpected
  | DrmModifierExpected
  | LinearModifierOmissionExpected
  | ValidModifierExpected
  | DrmFormatStringExpected
  | DmabufFeatureExpected
  | DmaDrmFormatExpected;

export type DrmIssueCode = DrmIssue['code'];

/** an issue of the text form of one drm-format string, offsets relative to the string */
type FormatProblem = DrmIssue extends infer I ? (I extends DrmIssue ? Omit<I, 'structure'> : never) : never;

function scanDrmFormat(text: string): { format: DrmFormat; problems?: never } | { format?: never; problems: FormatProblem[] } {
  const colon = text.indexOf(':');
  const head = colon < 0 ? text : text.slice(0, colon);
  let bigEndian = false;
  if (head.length === 7 && head.endsWith('_BE')) bigEndian = true;
  else if (head.length !== 4) {
    return {
      problems: [
        {
          code: 'drm-fourcc-expected',
          offset: 0,
          length: Math.max(1, head.length),
          text: head,
          message: `'${head}' is not a DRM fourcc (4 characters such as NV12 or AR24, or XXXX_BE)`,
        },
      ],
    };
  }
  const fourcc = head.slice(0, 4);
  for (let i = 0; i < 4; i++) {
    const c = fourcc.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      return {
        problems: [
          {
            code: 'drm-fourcc-expected',
            offset: i,
            length: 1,
            text: head,
            message: `DRM fourcc '${head}' has a character that is not printable ASCII`,
          },
        ],
      };
    }
  }
  const code =
    (fourcc.charCodeAt(0) | (fourcc.charCodeAt(1) << 8) | (fourcc.charCodeAt(2) << 16) | (fourcc.charCodeAt(3) << 24) | (bigEndian ? 0x80000000 : 0)) >>> 0;
  if (colon < 0) return { format: { fourcc, bigEndian, code, modifier: DRM_FORMAT_MOD_LINEAR } };
  const mod = text.slice(colon + 1);
  if (!/^0[xX][0-9a-fA-F]{1,16}$/.test(mod)) {
    return {
      problems: [
        {
          code: 'drm-modifier-expected',
          offset: colon + 1,
          length: Math.max(1, mod.length),
          text: mod,
          message: `'${mod}' is not a DRM modifier: expected 0x followed by up to 16 hex digits`,
        },
      ],
    };
  }
  const modifier = BigInt(mod);
  if (modifier === DRM_FORMAT_MOD_LINEAR) {
    return {
      problems: [
        {
          code: 'linear-modifier-omission-expected',
          offset: colon,
          length: mod.length + 1,
          message: `a linear modifier is written by leaving it out: '${head}', not '${text}'`,
        },
      ],
    };
  }
  if (modifier === DRM_FORMAT_MOD_INVALID) {
    return {
      problems: [
        {
          code: 'valid-modifier-expected',
          offset: colon + 1,
          length: mod.length,
          message: 'DRM_FORMAT_MOD_INVALID (0x00ffffffffffffff) does not describe a layout',
        },
      ],
    };
  }
  return { format: { fourcc, bigEndian, code, modifier } };
}

/**
 * Read one `drm-format` string (`NV12`, `NV12:0x0100000000000002`, `AR24_BE:0x…`).
 * `null` when it is malformed, including an explicit linear modifier; `checkDrmCaps` says why.
 */
export function parseDrmFormat(text: string): DrmFormat | null {
  return scanDrmFormat(text).format ?? null;
}

/** `drm-format` text of a format: the modifier printed as `0x` + 16 lower-case digits, linear omitted */
export function drmFormatToString(f: DrmFormat): string {
  const head = f.bigEndian ? `${f.fourcc}_BE` : f.fourcc;
  return f.modifier === DRM_FORMAT_MOD_LINEAR ? head : `${head}:0x${f.modifier.toString(16).padStart(16, '0')}`;
}

function hasDmabuf(f: CapsFeatures | null): boolean {
  return f !== null && !f.any && f.names.includes('memory:DMABuf');
}

function getField(s: Structure, name: string): Value | undefined {
  for (const f of s.fields) if (f.name === name) return f.value;
  return undefined;
}

/** the strings of a string or a list/array of strings; undefined if anything else is inside */
function strings(v: Value): (string | null)[] | undefined {
  if (v.kind === 'string') return [v.value];
  if (v.kind === 'list' || v.kind === 'array') {
    const out: (string | null)[] = [];
    for (const item of v.items) {
      if (item.kind !== 'string') return undefined;
      out.push(item.value);
    }
    return out;
  }
  return undefined;
}

/** where, inside a printed/parsed value, the i-th string (bare or quoted) starts */
function locateStrings(text: string, span: TextSpan, wanted: readonly (string | null)[]): (TextSpan | undefined)[] {
  const out: (TextSpan | undefined)[] = [];
  let from = span.offset;
  const end = span.offset + span.length;
  for (const w of wanted) {
    if (w === null || w.length === 0) {
      out.push(undefined);
      continue;
    }
    const at = text.indexOf(w, from);
    if (at < 0 || at + w.length > end) {
      out.push(undefined);
      continue;
    }
    out.push({ offset: at, length: w.length });
    from = at + w.length;
  }
  return out;
}

/**
 * Check the DMA_DRM rules on caps (text, or caps data, which is checked in its printed form so
 * the offsets point into `capsToString(caps)`). Caps text that does not parse yields its parse
 * issues. An empty result means the caps follow the scheme (or do not use it).
 */
export function checkDrmCaps(caps: string | CapsData): readonly (DrmIssue | CapsIssue)[] {
  const text = typeof caps === 'string' ? caps : capsToString(caps);
  const r = parseCapsWithSpans(text);
  if (!r.ok) return r.issues;
  const issues: DrmIssue[] = [];
  r.caps.entries.forEach((entry, index) => {
    const span = r.spans[index]!;
    checkEntry(text, entry.structure, entry.features, span, index, issues);
  });
  return issues;
}

function fieldSpan(span: EntrySpan, name: string): FieldSpan | undefined {
  return span.fields.find((f) => f.name === name);
}

function checkEntry(
  text: string,
  s: Structure,
  features: CapsFeatures | null,
  span: EntrySpan,
  structure: number,
  issues: DrmIssue[],
): void {
  const dmabuf = hasDmabuf(features);
  const where = (name: string): TextSpan => fieldSpan(span, name)?.value ?? span.features ?? span.name;
  const format = getField(s, 'format');
  const formats = format === undefined ? undefined : strings(format);
  const drm = getField(s, 'drm-format');

  if (formats?.includes('DMA_DRM') === true && !dmabuf) {
    const at = where('format');
    issues.push({
      code: 'dmabuf-feature-expected',
      field: 'format',
      structure,
      offset: at.offset,
      length: at.length,
      message: `format=DMA_DRM is only meaningful under the memory:DMABuf feature (structure ${structure})`,
    });
  }
  if (drm === undefined) return;
  const drmSpan = fieldSpan(span, 'drm-format');
  const drmAt = drmSpan?.value ?? span.name;
  if (!dmabuf) {
    issues.push({
      code: 'dmabuf-feature-expected',
      field: 'drm-format',
      structure,
      offset: drmAt.offset,
      length: drmAt.length,
      message: `drm-format belongs under the memory:DMABuf feature only (structure ${structure})`,
    });
  }
  if (format !== undefined) {
    const other = formats === undefined ? undefined : formats.find((f) => f !== 'DMA_DRM');
    if (formats === undefined || other !== undefined) {
      const at = where('format');
      const shown = other ?? 'a non-string value';
      issues.push({
        code: 'dma-drm-format-expected',
        format: String(shown),
        structure,
        offset: at.offset,
        length: at.length,
        message: `with drm-format set, format must be DMA_DRM, not ${shown}`,
      });
    }
  }
  const values = strings(drm);
  if (values === undefined || values.includes(null)) {
    issues.push({
      code: 'drm-format-string-expected',
      structure,
      offset: drmAt.offset,
      length: drmAt.length,
      message: 'drm-format must be a string such as NV12:0x0100000000000002, or a list of them',
    });
    return;
  }
  const located = locateStrings(text, drmAt, values);
  values.forEach((v, i) => {
    const r = scanDrmFormat(v!);
    if (r.problems === undefined) return;
    const at = located[i];
    for (const p of r.problems) {
      issues.push({
        ...p,
        structure,
        offset: at === undefined ? drmAt.offset : at.offset + p.offset,
        length: at === undefined ? drmAt.length : p.length,
      } as DrmIssue);
    }
  });
}
