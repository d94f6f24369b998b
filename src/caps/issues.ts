/**
 * Positioned parse issues. Each code names what the parser expected (in the manner of jsonc's
 * `CommaExpected`) and carries a typed payload; rendering is a separate function.
 * `offset`/`length` are UTF-16 indices into the text given to the parser.
 */

interface IssueBase {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/** a structure name (bare or quoted) was expected */
export interface StructureNameExpected extends IssueBase {
  readonly code: 'structure-name-expected';
  readonly found: string;
}
/** the name must start with a letter and continue with `[A-Za-z0-9/\-_.:+]` */
export interface ValidStructureNameExpected extends IssueBase {
  readonly code: 'valid-structure-name-expected';
  readonly name: string;
}
/** a caps-features token was empty or contained a space (`(memory:GL Memory)`) */
export interface CapsFeatureExpected extends IssueBase {
  readonly code: 'caps-feature-expected';
  readonly feature: string;
}
/** after a structure name or a field: `,`, `;` or the end of the text */
export interface DelimiterExpected extends IssueBase {
  readonly code: 'delimiter-expected';
  readonly found: string;
}
export interface FieldNameExpected extends IssueBase {
  readonly code: 'field-name-expected';
  readonly found: string;
}
export interface EqualsExpected extends IssueBase {
  readonly code: 'equals-expected';
  readonly field: string;
  readonly found: string;
}
/** a value token (bare, quoted, `[`, `{` or `<`) was expected */
export interface FieldValueExpected extends IssueBase {
  readonly code: 'field-value-expected';
  readonly found: string;
}
export interface TypeNameExpected extends IssueBase {
  readonly code: 'type-name-expected';
  readonly found: string;
}
export interface CloseParenExpected extends IssueBase {
  readonly code: 'close-paren-expected';
  readonly found: string;
}
/** `(int64)`, `(caps)` and other names GStreamer 1.22 does not know */
export interface UnknownType extends IssueBase {
  readonly code: 'unknown-type';
  readonly typeName: string;
}
/** a type GStreamer knows but capsflow does not model (sample, taglist, enums, …) */
export interface UnsupportedType extends IssueBase {
  readonly code: 'unsupported-type';
  readonly typeName: string;
}
/** the token is not a valid text form of the (cast or inferred) type: `(int)1.5`, `(boolean)2` */
export interface ValueOfTypeExpected extends IssueBase {
  readonly code: 'value-of-type-expected';
  readonly typeName: string;
  readonly text: string;
}
export interface UnterminatedString extends IssueBase {
  readonly code: 'unterminated-string';
}
/** `\` + `0`–`3` must be followed by two octal digits */
export interface OctalEscapeExpected extends IssueBase {
  readonly code: 'octal-escape-expected';
}
/** the unescaped bytes are not valid UTF-8 */
export interface Utf8Expected extends IssueBase {
  readonly code: 'utf8-expected';
}
export interface ListSeparatorExpected extends IssueBase {
  readonly code: 'list-separator-expected';
  /** `}` for lists, `>` for arrays */
  readonly close: '}' | '>';
  readonly found: string;
}
/** `{1,,2}`: GStreamer refuses empty list items */
export interface ListItemExpected extends IssueBase {
  readonly code: 'list-item-expected';
}
/** `[a, b]` or `[a, b, step]`: a `,` or `]` was expected */
export interface RangeSeparatorExpected extends IssueBase {
  readonly code: 'range-separator-expected';
  readonly found: string;
}
/** both bounds (and the step) of a range must have the same type */
export interface SameRangeTypesExpected extends IssueBase {
  readonly code: 'same-range-types-expected';
  readonly minType: string;
  readonly maxType: string;
}
/** ranges exist only for int, gint64, double and fraction */
export interface RangeTypeExpected extends IssueBase {
  readonly code: 'range-type-expected';
  readonly typeName: string;
}
/** a nested structure/caps `[` has no matching `]` */
export interface CloseBracketExpected extends IssueBase {
  readonly code: 'close-bracket-expected';
}
/** 1.22 corrupts a quoted first name inside `[…]`, so such nested values never parse */
export interface BareNestedNameExpected extends IssueBase {
  readonly code: 'bare-nested-name-expected';
}
/** nesting deeper than the parser's bound (GStreamer itself overflows its stack at ~30,000) */
export interface NestingTooDeep extends IssueBase {
  readonly code: 'nesting-too-deep';
  readonly limit: number;
}

export type CapsIssue =
  | StructureNameExpected
  | ValidStructureNameExpected
  | CapsFeatureExpected
  | DelimiterExpected
  | FieldNameExpected
  | EqualsExpected
  | FieldValueExpected
  | TypeNameExpected
  | CloseParenExpected
  | UnknownType
  | UnsupportedType
  | ValueOfTypeExpected
  | UnterminatedString
  | OctalEscapeExpected
  | Utf8Expected
  | ListSeparatorExpected
  | ListItemExpected
  | RangeSeparatorExpected
  | SameRangeTypesExpected
  | RangeTypeExpected
  | CloseBracketExpected
  | BareNestedNameExpected
  | NestingTooDeep;

export type CapsIssueCode = CapsIssue['code'];

// a Record so that a code added to the union without being listed here fails to compile
const CODES: Record<CapsIssueCode, true> = {
  'structure-name-expected': true,
  'valid-structure-name-expected': true,
  'caps-feature-expected': true,
  'delimiter-expected': true,
  'field-name-expected': true,
  'equals-expected': true,
  'field-value-expected': true,
  'type-name-expected': true,
  'close-paren-expected': true,
  'unknown-type': true,
  'unsupported-type': true,
  'value-of-type-expected': true,
  'unterminated-string': true,
  'octal-escape-expected': true,
  'utf8-expected': true,
  'list-separator-expected': true,
  'list-item-expected': true,
  'range-separator-expected': true,
  'same-range-types-expected': true,
  'range-type-expected': true,
  'close-bracket-expected': true,
  'bare-nested-name-expected': true,
  'nesting-too-deep': true,
};
/** every code the parser can report */
export const CAPS_ISSUE_CODES: readonly CapsIssueCode[] = Object.freeze(Object.keys(CODES) as CapsIssueCode[]);

/** Thrown by `Caps.fromString`; the non-throwing `Caps.parse` returns the same issues. */
export class CapsParseError extends Error {
  override readonly name = 'CapsParseError';
  /** offset of the first issue */
  readonly offset: number;
  readonly input: string;
  readonly issues: readonly CapsIssue[];
  constructor(input: string, issues: readonly CapsIssue[]) {
    const first = issues[0];
    super(first === undefined ? 'invalid caps' : `${first.message} (at offset ${first.offset})`);
    this.input = input;
    this.issues = issues;
    this.offset = first?.offset ?? 0;
  }
}

const CONTEXT = 60;

/** what `formatIssues` needs: parse issues, and the DMA_DRM check issues, have this shape */
export interface IssueLike {
  readonly code: string;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/**
 * Render issues as `✖ message (code)` followed by the offending line and a caret line under it.
 * Long lines are cut to a window around the offset; control characters print as spaces so
 * the caret stays aligned.
 */
export function formatIssues(text: string, issues: readonly IssueLike[]): string {
  const out: string[] = [];
  for (const issue of issues) {
    const offset = Math.max(0, Math.min(issue.offset, text.length));
    let lineStart = offset;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
    let lineEnd = offset;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
    const from = Math.max(lineStart, offset - CONTEXT);
    const to = Math.min(lineEnd, offset + CONTEXT);
    const prefix = from > lineStart ? '…' : '';
    const suffix = to < lineEnd ? '…' : '';
    const shown = text.slice(from, to).replace(/[\x00-\x1f\x7f]/g, ' ');
    const width = Math.max(1, Math.min(issue.length, to - offset));
    out.push(`✖ ${issue.message} (${issue.code})`);
    out.push(`  → at line ${line}, column ${offset - lineStart + 1} (offset ${issue.offset})`);
    out.push(`  ${prefix}${shown}${suffix}`);
    out.push(`  ${' '.repeat(prefix.length + offset - from)}${'^'.repeat(width)}`);
  }
  return out.join('\n');
}
