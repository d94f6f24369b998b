/**
 * Whether a pad name asked of a request or sometimes template is one the template can give, as
 * gst_element_is_valid_request_template_name (gstelement.c) decides: the text around each `%u`/`%d`
 * must match, and the number must fit the specifier (`%u` ≤ G_MAXUINT, `%d` within gint), so
 * `t.src_99999999999` is refused ("could not link") where a pattern like `\d+` would accept it.
 */
import { addWork } from '../../caps/index.js';

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;

const isCSpace = (c: string): boolean => c === ' ' || (c >= '\t' && c <= '\r');

/** g_ascii_strtoll / g_ascii_strtoull (base 10) from `from`: the value (clamped as C clamps) and where it stopped */
function strtoBase10(s: string, from: number, unsigned: boolean): { value: bigint; end: number } {
  let p = from;
  while (p < s.length && isCSpace(s[p]!)) p++;
  let neg = false;
  if (s[p] === '-' || s[p] === '+') neg = s[p++] === '-';
  const first = p;
  let v = 0n;
  while (p < s.length && s[p]! >= '0' && s[p]! <= '9') v = v * 10n + BigInt(s.charCodeAt(p++) - 48);
  if (p === first) return { value: 0n, end: from };
  const U64 = (1n << 64n) - 1n;
  if (unsigned) {
    // ERANGE gives G_MAXUINT64; a minus sign negates in 64 bits
    if (v > U64) return { value: U64, end: p };
    return { value: neg ? BigInt.asUintN(64, -v) : v, end: p };
  }
  const signed = neg ? -v : v;
  const clamped = signed > (1n << 63n) - 1n ? (1n << 63n) - 1n : signed < -(1n << 63n) ? -(1n << 63n) : signed;
  return { value: clamped, end: p };
}

/** @see gst_element_is_valid_request_template_name */
export function isValidRequestPadName(template: string, name: string): boolean {
  if (template === name) return true;
  let t = 0;
  let n = 0;
  // carried from one specifier to the next, as in C
  let templPostfix = 0;
  let namePostfix = 0;
  for (;;) {
    const pct = template.indexOf('%', t);
    if (pct < 0 || name.length - n <= pct - t || name.slice(n, n + (pct - t)) !== template.slice(t, pct)) return false;
    const spec = template[pct + 1];
    if (spec === 's') return true;
    const at = n + (pct - t);
    const tNext = template.indexOf('_', pct);
    const nNext = name.indexOf('_', at);
    if (tNext < 0 !== nNext < 0) return false;
    const more = tNext >= 0;
    const after = template[pct + 2];
    if (after !== undefined && after !== '_') {
      templPostfix = more ? tNext - (pct + 2) : template.length - (pct + 2);
      namePostfix = more ? nNext - at : name.length - at;
      const from = Math.max(0, at + namePostfix - templPostfix);
      if (name.slice(from, from + templPostfix) !== template.slice(pct + 2, pct + 2 + templPostfix)) return false;
    }
    if (name[at] === '%') {
      const len = more ? nNext - at : name.length - at;
      if (name.slice(at, at + len) !== template.slice(pct, pct + len)) return false;
    } else {
      const specifier = namePostfix > templPostfix ? name.slice(at, at + namePostfix - templPostfix) : name.slice(at);
      if (spec === 'd' || spec === 'u') {
        const { value, end } = strtoBase10(specifier, 0, spec === 'u');
        const stop = specifier[end];
        if (stop !== undefined && stop !== '_') return false;
        if (spec === 'd' ? value < INT_MIN || value > INT_MAX : value > UINT_MAX) return false;
      }
    }
    if (!more) return true;
    t = tNext + 1;
    n = nNext + 1;
  }
}

// ---- pad lists without a scan per link ----------------------------------------------------------------
// An element's pads are appended, never removed, and a linked pad stays linked: indexes that grow with
// the list keep a wide tee or funnel (thousands of request pads, one link each) linear.

interface NameIndex {
  upTo: number;
  readonly names: Set<string>;
}
const nameIndexes = new WeakMap<readonly { readonly name: string }[], NameIndex>();

/** Whether a pad of this name is in the list (names are unique per element). */
export function hasPadNamed(pads: readonly { readonly name: string }[], name: string): boolean {
  let ix = nameIndexes.get(pads);
  if (ix === undefined || ix.upTo > pads.length) nameIndexes.set(pads, (ix = { upTo: 0, names: new Set() }));
  for (; ix.upTo < pads.length; ix.upTo++) {
    addWork();
    ix.names.add(pads[ix.upTo]!.name);
  }
  return ix.names.has(name);
}

const linkedPrefix = new WeakMap<object, { src: number; sink: number }>();

/** The pads of one direction with no peer, in order; `owner` keys the count of leading pads known linked. */
export function freePads<P extends { readonly peer: unknown }>(owner: object, direction: 'src' | 'sink', pads: readonly P[]): P[] {
  let prefix = linkedPrefix.get(owner);
  if (prefix === undefined) linkedPrefix.set(owner, (prefix = { src: 0, sink: 0 }));
  let i = Math.min(prefix[direction], pads.length);
  while (i < pads.length && pads[i]!.peer !== null) {
    addWork();
    i++;
  }
  prefix[direction] = i;
  const free: P[] = [];
  for (; i < pads.length; i++) {
    addWork();
    if (pads[i]!.peer === null) free.push(pads[i]!);
  }
  return free;
}
