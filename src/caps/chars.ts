/** Character classes of the caps grammar (GStreamer 1.22, caps-semantics.md §2). */

export const SIMPLE = 1; // [A-Za-z0-9_+\-/:.]: bare tokens
export const WS = 2; // g_ascii_isspace: space \t \n \r \f (not \v)
export const CSPACE = 4; // C isspace: also \v (strtoul, strtod and scanf skip it)
export const ALPHA = 8;
export const DIGIT = 16;
export const HEX = 32;
export const WORD = 64; // [A-Za-z0-9_-]: flagset nick text

export const CC = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let f = 0;
  if (/[A-Za-z]/.test(ch)) f |= ALPHA | SIMPLE | WORD;
  if (/[0-9]/.test(ch)) f |= DIGIT | SIMPLE | WORD;
  if (/[0-9A-Fa-f]/.test(ch)) f |= HEX;
  if ('_+-/:.'.includes(ch)) f |= SIMPLE;
  if (ch === '_' || ch === '-') f |= WORD;
  if (' \t\n\r\f'.includes(ch)) f |= WS | CSPACE;
  if (ch === '\v') f |= CSPACE;
  CC[c] = f;
}
export const is = (c: number, cls: number): boolean => c < 128 && (CC[c]! & cls) !== 0;
// full-range copies of the two hottest classes, so scans need no `c < 128` test
export const SIMPLE_T = new Uint8Array(65536);
export const WS_T = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  SIMPLE_T[c] = CC[c]! & SIMPLE ? 1 : 0;
  WS_T[c] = CC[c]! & WS ? 1 : 0;
}

export const C_QUOTE = 34; // "
export const C_LPAREN = 40;
export const C_RPAREN = 41;
export const C_COMMA = 44;
export const C_SEMI = 59;
export const C_EQ = 61;
export const C_LBRACKET = 91;
export const C_BACKSLASH = 92;
export const C_RBRACKET = 93;
export const C_LBRACE = 123;
export const C_RBRACE = 125;
export const C_LT = 60;
export const C_GT = 62;
