/**
 * The tokens of a gst-launch description, as GStreamer 1.22's flex scanner (gst/parse/parse.l) cuts them:
 * at each position the longest match of any rule wins, ties go to the rule listed first. The rules, in
 * that order (`ws` is any blank):
 *
 *   ASSIGNMENT  ident ws* '=' ws* string          (string: non-blank run with '\x' escapes, "…" or '…')
 *   PRESET      '@preset' ws* '=' ws* string
 *   PADREF      '.' ident
 *   REF         ident '.' ident?
 *   BINREF      ident ws* '.' ws* '('
 *   IDENTIFIER  [A-Za-z0-9_][A-Za-z0-9_%:-]*
 *   LINK        [!:] (ws* caps (ws* (';' ws* caps)* ws*)* [!:])?   (caps: type/subtype, then anything but
 *               '!' and ';', with '\x' escapes and ',' followed by any char but '!')
 *   URL         protocol '://' string?  |  [set]? '/' string
 *   operator    one of ( ) { } . ! : , ; =
 *   blanks      skipped
 *   anything else: a token of its own that the grammar never accepts
 *
 * Quotes are not special in link caps (`! "video/x-raw" !` is a syntax error in 1.22) and an assignment's
 * value runs to the next blank, so `num-buffers=1!` sets "1!". Linear: each rule scans forward once.
 */
import type { Span } from '../graph/graph.js';

export type LaunchTokenKind = 'ASSIGNMENT' | 'PRESET' | 'PADREF' | 'REF' | 'BINREF' | 'IDENTIFIER' | 'LINK' | 'LINK_ALL' | 'URL' | 'OPERATOR' | 'INVALID';

export interface LaunchToken extends Span {
  readonly kind: LaunchTokenKind;
  readonly text: string;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);
const isIdentStart = (c: string | undefined): boolean => c === '_' || isAlnum(c);
const isIdentChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_%:-]$/.test(c);
const isMimeChar = (c: string | undefined): boolean => c === '-' || isAlnum(c);
// flex's [[:alnum:]+-\.] is alnum plus the range '+'..'.' (+ , - .)
const isProtocolChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9+,\-.]$/.test(c);
// parse.l writes ["."{_identifier}]? — a bracket expression, so one optional character of this set
const URL_PREFIX = new Set(['"', '.', '{', '_', 'i', 'd', 'e', 'n', 't', 'f', 'r', '}']);
const OPERATORS = new Set(['(', ')', '{', '}', '.', '!', ':', ',', ';', '=']);

/** Scanners: the end of the longest match starting at `p`, or -1. */
class Rules {
  constructor(private readonly t: string) {}

  ident(p: number): number {
    const t = this.t;
    if (!isIdentStart(t[p])) return -1;
    p++;
    while (isIdentChar(t[p])) p++;
    return p;
  }

  blanks(p: number): number {
    while (isBlank(this.t[p])) p++;
    return p;
  }

  /** {_char}+ | "…" | '…', the longest of the three */
  string(p: number): number {
    const t = this.t;
    let best = -1;
    // {_char}+ : ("\\".) | [^[:space:]]  ('.' is any char but newline)
    let q = p;
    for (;;) {
      if (t[q] === '\\' && q + 1 < t.length && t[q + 1] !== '\n') q += 2;
      else if (q < t.length && !isBlank(t[q])) q++;
      else break;
    }
    if (q > p) best = q;
    if (t[p] === '"') {
      // "([^"]|\\")*" : every inner '"' but the last must follow a backslash
      let end = -1;
      for (let i = p + 1; i < t.length; i++) {
        if (t[i] !== '"') continue;
        end = i + 1;
        if (t[i - 1] !== '\\') break;
      }
      if (end > best) best = end;
    } else if (t[p] === "'") {
      // '([^']|\\")*' : no way to escape a single quote
      const i = t.indexOf("'", p + 1);
      if (i >= 0 && i + 1 > best) best = i + 1;
    }
    return best;
  }

  assignment(p: number): number {
    const id = this.ident(p);
    if (id < 0) return -1;
    let q = this.blanks(id);
    if (this.t[q] !== '=') return -1;
    q = this.blanks(q + 1);
    return this.string(q);
  }

  preset(p: number): number {
    if (!this.t.startsWith('@preset', p)) return -1;
    let q = this.blanks(p + 7);
    if (this.t[q] !== '=') return -1;
    q = this.blanks(q + 1);
    return this.string(q);
  }

  padref(p: number): number {
    return this.t[p] === '.' ? this.ident(p + 1) : -1;
  }

  ref(p: number): number {
    const id = this.ident(p);
    if (id < 0 || this.t[id] !== '.') return -1;
    const pad = this.ident(id + 1);
    return pad < 0 ? id + 1 : pad;
  }

  binref(p: number): number {
    const id = this.ident(p);
    if (id < 0) return -1;
    let q = this.blanks(id);
    if (this.t[q] !== '.') return -1;
    q = this.blanks(q + 1);
    return this.t[q] === '(' ? q + 1 : -1;
  }

  /** {_mimetype} */
  private mimetype(p: number): number {
    const t = this.t;
    let q = p;
    while (isMimeChar(t[q])) q++;
    if (q === p || t[q] !== '/') return -1;
    const s = q + 1;
    q = s;
    while (isMimeChar(t[q])) q++;
    return q === s ? -1 : q;
  }

  /**
   * The caps body after a media type: any char but '!' and ';', '\x' escapes, ',' then any char but '!'.
   * Returns where it stops (never fails).
   */
  private capsBody(p: number): number {
    const t = this.t;
    let q = p;
    for (;;) {
      const c = t[q];
      if (c === undefined) return q;
      if (c === '\\' && q + 1 < t.length && t[q + 1] !== '\n') q += 2;
      else if (c === ',' && q + 1 < t.length && t[q + 1] !== '!') q += 2;
      else if (c !== '!' && c !== ';') q++;
      else return q;
    }
  }

  /** LINK: the longest `[!:] caps-list [!:]`, else the bare '!' or ':' */
  link(p: number): number {
    const t = this.t;
    if (t[p] !== '!' && t[p] !== ':') return -1;
    let best = p + 1;
    // the caps list may end at any '!' or ':' it reaches; ':' can also sit inside the caps
    let q = this.blanks(p + 1);
    let m = this.mimetype(q);
    while (m >= 0) {
      const body = this.capsBody(m);
      // every ':' inside the body (and the '!' after it) may close the link
      for (let i = m; i < body; i++) if (t[i] === ':') best = Math.max(best, i + 1);
      if (t[body] === '!') return Math.max(best, body + 1);
      if (t[body] !== ';') return best;
      q = this.blanks(body + 1);
      m = this.mimetype(q);
    }
    return best;
  }

  url(p: number): number {
    const t = this.t;
    let best = -1;
    // protocol "://" string?
    if (/^[A-Za-z]$/.test(t[p] ?? '')) {
      let q = p + 1;
      while (isProtocolChar(t[q])) q++;
      // the protocol may give back characters to find "://" (a '.' or ',' before it)
      for (let end = q; end > p; end--) {
        if (t.startsWith('://', end)) {
          const s = this.string(end + 3);
          best = Math.max(best, s < 0 ? end + 3 : s);
          break;
        }
      }
    }
    // [set]? "/" string
    let q = p;
    if (URL_PREFIX.has(t[q] ?? '') && t[q + 1] === '/') q++;
    if (t[q] === '/') {
      const s = this.string(q + 1);
      if (s >= 0) best = Math.max(best, s);
    }
    return best;
  }
}

/** Cut a description into tokens (blanks dropped). Never throws. */
export function lexLaunch(text: string): LaunchToken[] {
  const rules = new Rules(text);
  const tokens: LaunchToken[] = [];
  let p = 0;
  const candidates: [LaunchTokenKind, (p: number) => number][] = [
    ['ASSIGNMENT', (q) => rules.assignment(q)],
    ['PRESET', (q) => rules.preset(q)],
    ['PADREF', (q) => rules.padref(q)],
    ['REF', (q) => rules.ref(q)],
    ['BINREF', (q) => rules.binref(q)],
    ['IDENTIFIER', (q) => rules.ident(q)],
    ['LINK', (q) => rules.link(q)],
    ['URL', (q) => rules.url(q)],
  ];
  while (p < text.length) {
    if (isBlank(text[p])) {
      p = rules.blanks(p);
      continue;
    }
    let kind: LaunchTokenKind = OPERATORS.has(text[p]!) ? 'OPERATOR' : 'INVALID';
    let end = p + 1;
    for (const [k, rule] of candidates) {
      const e = rule(p);
      if (e > end || (e === end && (kind === 'OPERATOR' || kind === 'INVALID'))) {
        kind = k;
        end = e;
      }
    }
    if (kind === 'LINK' && text[p] === ':') kind = 'LINK_ALL';
    tokens.push({ kind, text: text.slice(p, end), offset: p, length: end - p });
    p = end;
  }
  return tokens;
}

/** The caps text of a LINK token (`! video/x-raw !` → `video/x-raw`), or null for a bare link. */
export function linkCaps(token: LaunchToken): string | null {
  if (token.length === 1) return null;
  let s = token.text.slice(1);
  s = s.replace(/^[ \t\n\r\v\f]+/, '');
  s = s.slice(0, -1).replace(/[ \t\n\r\v\f]+$/, '');
  return s;
}

/** PRESET / ASSIGNMENT pieces: property name and raw value as gst_parse_split_assignment gives them. */
export function splitAssignment(text: string): { name: string; value: string } {
  let i = 0;
  while (i < text.length && !isBlank(text[i]) && text[i] !== '=') i++;
  const name = text.slice(0, i);
  let j = text.indexOf('=', i) + 1;
  while (isBlank(text[j])) j++;
  let value = text.slice(j);
  // a value in double quotes loses them; escapes outside quotes are undone
  if (value.length >= 1 && value.startsWith('"') && value.endsWith('"')) value = value.length >= 2 ? value.slice(1, -1) : '';
  return { name, value: unescape(value) };
}

/** gst_parse_unescape: '\x' → 'x' outside double quotes; inside them backslashes stay. */
export function unescape(s: string): string {
  let out = '';
  let inQuotes = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && !inQuotes) {
      i++;
      if (i >= s.length) break;
      out += s[i];
      continue;
    }
    if (c === '"' && (!inQuotes || s[i - 1] !== '\\')) inQuotes = !inQuotes;
    out += c;
  }
  return out;
}
