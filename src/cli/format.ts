/**
 * Text formatting for the CLI: colour (only when the io allows it), a caret under the offending character,
 * aligned tables, and the readable negotiation report.
 */
import { Caps } from '../caps/index.js';
import { formatExplanation } from '../negotiation/report/explain.js';
import type { AllocationPool, AllocationReport, Assumption, ImportReport, NegotiationResult, ProbeReport, UnknownCaps } from '../negotiation/types.js';
import type { CliIo } from './io.js';

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\x1b[${open}m${s}\x1b[${close}m`;

const plain = (s: string): string => s;

/** ANSI colours when `io.color` (a TTY without NO_COLOR), identity functions otherwise. */
export function style(io: Pick<CliIo, 'color'>): Style {
  if (!io.color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
export const visibleLength = (s: string): number => s.replace(ANSI, '').length;

/**
 * Two lines: the input (the line holding `offset`, cropped around it when long) and a caret under the
 * offending character, `~` continuing under the rest of the span.
 */
export function caret(text: string, offset: number, length = 1, width = 100): string {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\t/g, ' ');
  let col = at - lineStart;
  let shown = line;
  // keep the caret visible in long pipelines: a window around the offset
  if (line.length > width) {
    const from = Math.max(0, Math.min(col - Math.floor(width / 2), line.length - width));
    const to = Math.min(line.length, from + width);
    shown = `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
    col = col - from + (from > 0 ? 1 : 0);
  }
  const span = Math.max(1, Math.min(length, shown.length - col));
  return `  ${shown}\n  ${' '.repeat(col)}^${'~'.repeat(span - 1)}\n`;
}

export interface TableOptions {
  /** right-align these columns (numbers) */
  readonly right?: readonly number[];
  /** prefix of every line */
  readonly indent?: string;
}

/** Columns padded to the widest cell (colour codes do not count), a rule under the header. */
/** Cells wider than this are shortened in the middle: one 100 MB element name must not make every row 100 MB. */
export const MAX_CELL_WIDTH = 160;

function fitCell(text: string): string {
  if (text.length <= MAX_CELL_WIDTH) return text;
  const plain = text.replace(ANSI, '');
  if (plain.length <= MAX_CELL_WIDTH) return text;
  const note = `… (${plain.length} characters) …`;
  const keep = MAX_CELL_WIDTH - note.length;
  const head = Math.ceil(keep / 2);
  return plain.slice(0, head) + note + plain.slice(plain.length - (keep - head));
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const indent = options.indent ?? '';
  // a loop, not Math.max(...rows): a spread of 100,000 rows overflows the stack
  const widths = headers.map((h, i) => {
    let w = visibleLength(h);
    for (const r of rows) w = Math.max(w, visibleLength(fitCell(r[i] ?? '')));
    return w;
  });
  const cell = (raw: string, i: number): string => {
    const text = fitCell(raw);
    const pad = ' '.repeat((widths[i] ?? 0) - visibleLength(text));
    return options.right?.includes(i) === true ? pad + text : text + pad;
  };
  const line = (cells: readonly string[]): string => `${indent}${headers.map((_, i) => cell(cells[i] ?? '', i)).join('  ')}`.trimEnd();
  return [line(headers), `${indent}${widths.map((w) => '-'.repeat(w)).join('  ')}`, ...rows.map(line)].join('\n') + '\n';
}

/** The one-word verdict of a result. */
export function verdict(result: NegotiationResult): 'negotiated' | 'violations' | 'failed' | 'undetermined' {
  if (result.verdict === 'undetermined') return 'undetermined';
  if (!result.ok) return result.error?.kind === 'policy' ? 'violations' : 'failed';
  return result.violations.length > 0 ? 'violations' : 'negotiated';
}

export interface ReportOptions {
  /** the pipeline text, for the caret under a syntax error */
  readonly pipeline?: string;
  readonly explain?: boolean;
  /** element pairs the pipeline links (from its text), for the order of the tables when linking failed */
  readonly topology?: readonly (readonly [string, string])[];
}

/** "elem.pad" (or "bin/elem.pad") → "elem" */
const elementOf = (pad: string): string => pad.slice(0, pad.lastIndexOf('.'));

/**
 * Elements, links and allocation rows as data flows: from each source along its links, depth first, so a
 * capsfilter sits between its neighbours and not after the sink, and allocation rows follow the links
 * (the engine records allocation in query order, downstream first). Unlinked elements keep their place
 * at the end.
 */
export function inFlowOrder(result: NegotiationResult, topology: readonly (readonly [string, string])[] = []): Pick<NegotiationResult, 'elements' | 'links' | 'allocation'> {
  const next = new Map<string, string[]>();
  const incoming = new Set<string>();
  // links that were made, else (linking failed) the element pairs the pipeline text links
  const edges: (readonly [string, string])[] = result.links.length > 0 ? result.links.map((l) => [elementOf(l.src), elementOf(l.sink)] as const) : [...topology];
  for (const [from, to] of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    incoming.add(to);
  }
  const rank = new Map<string, number>();
  const visit = (start: string): void => {
    const stack = [start];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (rank.has(name)) continue;
      rank.set(name, rank.size);
      // reversed so the first link out is walked first
      for (const n of [...(next.get(name) ?? [])].reverse()) if (!rank.has(n)) stack.push(n);
    }
  };
  for (const e of result.elements) if (!incoming.has(e.name)) visit(e.name);
  for (const e of result.elements) visit(e.name);
  const at = (name: string): number => rank.get(name) ?? Number.MAX_SAFE_INTEGER;
  const byLink = <T extends { readonly src: string; readonly sink: string }>(rows: readonly T[]): T[] =>
    [...rows].sort((a, b) => at(elementOf(a.src)) - at(elementOf(b.src)) || at(elementOf(a.sink)) - at(elementOf(b.sink)));
  return {
    elements: [...result.elements].sort((a, b) => at(a.name) - at(b.name)),
    links: byLink(result.links),
    allocation: byLink(result.allocation),
  };
}

/** The readable report of `capsflow negotiate`. */
export function formatReport(unordered: NegotiationResult, st: Style, options: ReportOptions = {}): string {
  const result = { ...unordered, ...inFlowOrder(unordered, options.topology) } as NegotiationResult;
  const out: string[] = [];
  const v = verdict(result);
  const assumed = result.assumptions.length;
  // the first line says what a negotiated answer rests on
  const resting = assumed > 0 ? `, assuming ${assumed === 1 ? 'one thing' : `${assumed} things`} (see assumptions)` : '';
  if (v === 'negotiated') out.push(st.green(st.bold('negotiated')) + resting);
  else if (v === 'undetermined') {
    const sources = result.unknowns.filter((u) => u.fields === undefined);
    const n = sources.length;
    out.push(st.yellow(st.bold('undetermined')) + `: ${n === 1 ? 'one source of caps' : `${n} sources of caps`} cannot be known without ${unknownWhat(sources)}`);
  } else if (v === 'violations' && result.ok) out.push(st.yellow(st.bold(`negotiated, with ${result.violations.length} policy violation(s)`)));
  else {
    const e = result.error;
    const where = e?.element !== undefined ? ` at ${e.element}${e.pad !== undefined ? `.${e.pad}` : ''}` : '';
    out.push(st.red(st.bold(`not negotiated (${e?.kind ?? 'unknown'})${where}`)) + (e !== null ? `: ${e.message}` : ''));
    if (e?.kind === 'declaration' && e.declared !== undefined && e.offset !== undefined) {
      // the caret points into the declared caps (or drm-formats), not the pipeline
      out.push(`  --${e.declaredWith === 'drm' ? 'drm' : 'caps'} ${e.declaration ?? ''}=`, caret(e.declared, e.offset, e.length).trimEnd());
    } else if (e?.offset !== undefined && options.pipeline !== undefined) {
      const inner = e.kind === 'syntax' && /\bcaps\b/.test(e.message) ? capsIssueIn(options.pipeline, e.offset, e.length ?? 0) : null;
      if (inner !== null && !e.message.includes(inner.message)) out.push(`  ${inner.message}`);
      out.push(caret(options.pipeline, inner?.offset ?? e.offset, inner?.length ?? e.length).trimEnd());
    }
    if (e?.path !== undefined && !e.message.includes(formatJsonPath(e.path))) out.push(`  at JSON path ${formatJsonPath(e.path)}`);
  }

  const padUnknowns = result.unknowns.filter((u) => u.fields === undefined);
  const fieldUnknowns = result.unknowns.filter((u) => u.fields !== undefined);
  const unknownLine = (u: UnknownCaps): void => {
    const id = `${u.element}${u.pad !== undefined ? `.${u.pad}` : ''}`;
    out.push(`  ${st.yellow(id)} [${u.reason}]: ${u.message.startsWith(`${id}: `) ? u.message.slice(id.length + 2) : u.message}`);
    out.push(`    ${st.dim(`settle it: ${u.hint}`)}`);
  };
  if (padUnknowns.length > 0) {
    out.push('', st.bold(`cannot be known without ${unknownWhat(padUnknowns)}`));
    for (const u of padUnknowns) unknownLine(u);
    out.push(st.dim('  (pads downstream of these are left out of the answer)'));
  }
  if (fieldUnknowns.length > 0) {
    out.push('', st.bold('fields made from the data (GStreamer prints them; left out here)'));
    for (const u of fieldUnknowns) unknownLine(u);
  }

  if (result.assumptions.length > 0) {
    out.push('', st.bold('assumptions'));
    for (const a of result.assumptions) {
      out.push(`  ${st.cyan(`${a.element}.${a.pad}`)} [${a.source}]: ${a.message}`);
      out.push(`    ${a.caps}`);
    }
  }

  if (result.elements.length > 0) {
    out.push('', st.bold('elements'));
    out.push(
      table(
        ['element', 'factory', 'model', 'passthrough'],
        result.elements.map((e) => [e.name, e.factory, e.model, e.passthrough === null ? '-' : e.passthrough ? 'yes' : 'no']),
        { indent: '  ' },
      ).trimEnd(),
    );
  }

  if (result.links.length > 0) {
    out.push('', st.bold('links'));
    for (const l of result.links) {
      out.push(`  ${l.src} ! ${l.sink}`);
      const none = result.verdict === 'undetermined' ? '(cannot be known)' : '(not negotiated)';
    out.push(`    ${l.caps === null ? st.dim(none) : l.caps.includes('memory:DMABuf') ? st.cyan(l.caps) : l.caps}`);
    }
  }

  // linked pads carry their link's caps; list only the pads the links above do not already show
  const shown = new Set(result.links.filter((l) => l.caps !== null).flatMap((l) => [`${l.src}\u0000${l.caps}`, `${l.sink}\u0000${l.caps}`]));
  const padNames = Object.keys(result.pads).filter((p) => !shown.has(`${p}\u0000${result.pads[p] ?? ''}`));
  if (padNames.length > 0) {
    out.push('', st.bold(result.links.length > 0 ? 'other pads' : 'pads'));
    for (const p of padNames) out.push(`  ${p}: ${result.pads[p] ?? ''}`);
  }

  if (result.allocation.length > 0) {
    out.push('', st.bold('allocation'));
    out.push(table(ALLOCATION_HEADERS, result.allocation.map(allocationCells), { indent: '  ' }).trimEnd());
  }

  if (result.probes.length > 0) {
    out.push('', st.bold('memory probes'));
    out.push(table(PROBE_HEADERS, result.probes.map(probeCells), { indent: '  ' }).trimEnd());
  }

  const imports = result.imports ?? [];
  if (imports.length > 0) {
    out.push('', st.bold('importers'));
    out.push(table(IMPORT_HEADERS, imports.map(importCells), { indent: '  ' }).trimEnd());
  }

  if (result.violations.length > 0) {
    out.push('', st.bold(st.red('policy violations')));
    for (const v of result.violations) {
      out.push(`  ${st.red(v.element)} [${v.rule}]: ${v.message}`);
      // the evidence: what the exporter's READWRITE map probe said
      const probe = v.exporter !== undefined ? result.probes.find((p) => p.element === v.exporter) : undefined;
      if (probe !== undefined) out.push(`    evidence: ${probeText(probe)}`);
    }
  }

  const ex = result.explain;
  // a bad-input explanation that only repeats the error says nothing new
  const repeats = ex !== null && ex.conflict === undefined && ex.steps.length === 0 && ex.summary === result.error?.message;
  if (ex !== null && !repeats && (options.explain === true || !result.ok)) {
    // the step-by-step chain (long caps) only when asked for
    const shownEx = options.explain === true ? ex : { ...ex, steps: [] };
    out.push('', st.bold('explanation'), formatExplanation(shownEx).trimEnd().replace(/^/gm, '  '));
    if (options.explain !== true && ex.steps.length > 0) out.push(st.dim(`  (--explain shows the ${ex.steps.length} step(s) that led here)`));
  }

  // a violation is shown once, in its table: the policy's note repeating its message is left out here
  const violationNotes = new Set(result.violations.map((v) => `policy: ${v.message}`));
  const notes = result.notes.filter((n) => !violationNotes.has(n));
  if (notes.length > 0) {
    out.push('', st.bold('notes'));
    for (const n of notes) out.push(`  ${st.dim(n)}`);
  }
  return `${out.join('\n')}\n`;
}

const REASON_WHAT: Record<UnknownCaps['reason'], string> = {
  device: 'the device',
  network: 'the network peer',
  stream: 'the data',
  'not-modelled': 'a model of the element',
};

/** "the device and the data": what the unknowns wait for */
export function unknownWhat(unknowns: readonly UnknownCaps[]): string {
  const what = [...new Set(unknowns.map((u) => REASON_WHAT[u.reason]))];
  return what.length <= 1 ? (what[0] ?? 'more facts') : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]!}`;
}

export const ASSUMPTION_HEADERS: readonly string[] = ['pad', 'source', 'caps', 'why'];

/** One assumption as table cells (the text report and the HTML page share them). */
export function assumptionCells(a: Assumption): string[] {
  return [`${a.element}.${a.pad}`, a.source, a.caps, a.message];
}

export const UNKNOWN_HEADERS: readonly string[] = ['pad', 'reason', 'why', 'settle it'];

export function unknownCells(u: UnknownCaps): string[] {
  return [`${u.element}${u.pad !== undefined ? `.${u.pad}` : ''}`, u.reason, u.message, u.hint];
}

const poolText = (p: AllocationPool): string => `${p.pool != null ? `${p.pool} ` : ''}${p.size}/${p.min}/${p.max}`;

export const ALLOCATION_HEADERS: readonly string[] = ['link', 'query from', 'need pool', 'pools (size/min/max)', 'allocators', 'metas', 'decided'];

/** One ALLOCATION query as table cells (the text report and the HTML page share them). */
export function allocationCells(a: AllocationReport): string[] {
  const answered = a.answered !== false;
  let decided = 'forwarded';
  if (a.decided !== null) {
    const parts = [a.decided.allocator ?? 'default allocator'];
    if (a.decided.pool !== null) parts.push(poolText(a.decided.pool));
    if (a.decided.params !== undefined) parts.push(`align ${a.decided.params.align}`);
    decided = parts.join(', ');
  }
  return [
    `${a.src} ! ${a.sink}`,
    a.from ?? '-',
    a.needPool ? 'yes' : 'no',
    answered ? a.pools.map(poolText).join(', ') || '-' : 'not answered',
    a.allocators.join(', ') || '-',
    a.metas.join(', ') || '-',
    decided,
  ];
}

export const PROBE_HEADERS: readonly string[] = ['exporter', 'memory', 'kind', 'read', 'readwrite', 'errno', 'feature'];

export function probeCells(p: ProbeReport): string[] {
  return [p.element, p.source, p.kind, p.read ? 'yes' : 'no', p.readwrite ? 'yes' : 'no', p.errno ?? '-', p.feature ?? '-'];
}

export const IMPORT_HEADERS: readonly string[] = ['importer', 'exporter', 'dmabuf memory', 'zero-copy', 'message'];

export function importCells(i: ImportReport): string[] {
  return [i.importer, i.exporter, i.dmabuf ? 'yes' : 'no', i.zeroCopy ? 'yes' : 'no', i.message];
}

/** `v4l2src0 (sealed-memfd, memfd): READWRITE map refused (EPERM), memory:DMABuf attached` */
export function probeText(p: ProbeReport): string {
  const verdict = p.readwrite ? 'READWRITE map works' : `READWRITE map refused${p.errno !== null ? ` (${p.errno})` : ''}`;
  return `${p.element} (${p.source}, ${p.kind}): ${verdict}, ${p.feature !== null ? `${p.feature} attached` : 'no feature'}`;
}

/**
 * Bad caps inside a pipeline (`! video/x-raw,width=abc !` or `caps="..."`) are reported on the whole caps;
 * the caps parser knows the character: its issue, with the offset moved into the pipeline.
 */
export function capsIssueIn(pipeline: string, offset: number, length: number): { offset: number; length: number; message: string } | null {
  const span = pipeline.slice(offset, offset + length);
  const candidates: { text: string; at: number }[] = [{ text: span, at: offset }];
  const prop = /^([A-Za-z_][\w-]*=)("?)(.*)\2$/s.exec(span);
  if (prop !== null) candidates.unshift({ text: prop[3] ?? '', at: offset + (prop[1]?.length ?? 0) + (prop[2]?.length ?? 0) });
  for (const c of candidates) {
    const r = Caps.parse(c.text);
    const issue = r.ok ? undefined : r.issues[0];
    if (issue !== undefined) return { offset: c.at + issue.offset, length: issue.length, message: issue.message };
  }
  return null;
}

export function formatJsonPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '$' : `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}
