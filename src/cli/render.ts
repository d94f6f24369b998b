/**
 * Pictures of a negotiation: SVG from DOT with Graphviz compiled to WebAssembly (@viz-js/viz, no system
 * graphviz), and one self-contained HTML page (inline SVG, inline CSS, no script, no external request).
 */
import { instance, type Viz } from '@viz-js/viz';
import { formatConflict } from '../negotiation/report/explain.js';
import { splitCapsForDisplay, toDot } from '../negotiation/report/dot.js';
import type { NegotiationResult } from '../negotiation/types.js';
import { inFlowOrder, ALLOCATION_HEADERS, allocationCells, ASSUMPTION_HEADERS, assumptionCells, IMPORT_HEADERS, importCells, PROBE_HEADERS, probeCells, UNKNOWN_HEADERS, unknownCells, unknownWhat, verdict } from './format.js';

let viz: Promise<Viz> | undefined;

export class RenderError extends Error {
  override readonly name = 'RenderError';
}

/** Render DOT to an SVG document; throws RenderError with Graphviz's messages when it does not render. */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  const r = (await viz).render(dot, { format: 'svg' });
  if (r.status !== 'success') throw new RenderError(`graphviz: ${r.errors.map((e) => e.message.trim()).join('; ') || 'render failed'}`);
  return r.output;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function htmlTable(caption: string, headers: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  if (rows.length === 0) return '';
  return [
    `<table${cls !== '' ? ` class="${cls}"` : ''}><caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

// caps one structure a line, fields one a line: easier to read than the flat string in a table cell
function capsCell(caps: string | null): string {
  if (caps === null) return '(not negotiated)';
  return splitCapsForDisplay(caps)
    .map((s) => [s.features === null ? s.name : `${s.name}(${s.features})`, ...s.fields.map((f) => `  ${f.name}: ${f.value}`)].join('\n'))
    .join('\n');
}

const CSS = `
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h1 .verdict { padding: 0.1em 0.5em; border-radius: 0.3em; }
.negotiated { background: #c8f0c8; } .violations { background: #ffe2a8; } .failed { background: #f8c0c0; }
pre.pipeline { background: #f4f4f4; padding: 0.6em; white-space: pre-wrap; }
.pipeline-graph { overflow: auto; border: 1px solid #ccc; margin: 1em 0; }
.pipeline-graph svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
td { white-space: pre-wrap; font-family: monospace; }
table.violations td { background: #fff0f0; }
`;

export interface HtmlOptions {
  readonly title?: string;
  readonly pipeline?: string;
  /** the SVG to inline; rendered from the result's DOT when absent */
  readonly svg?: string;
}

/** One HTML page that opens offline: the graph, then pads/caps, allocation, probes, violations, explanation. */
export async function renderHtml(unordered: NegotiationResult, options: HtmlOptions = {}): Promise<string> {
  // tables in the order data flows, as the report prints them
  const result = { ...unordered, ...inFlowOrder(unordered) } as NegotiationResult;
  const svg = (options.svg ?? (await renderSvg(toDot(result))))
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/<!DOCTYPE[^>]*>\s*/i, '');
  const v = verdict(result);
  const resting = (result.assumptions ?? []).length > 0 ? `, assuming ${result.assumptions.length} thing(s)` : '';
  const verdictText = v === 'negotiated' ? `negotiated${resting}` : v === 'undetermined' ? `undetermined: cannot be known without ${unknownWhat(result.unknowns)}` : v === 'violations' && result.ok ? `negotiated, ${result.violations.length} policy violation(s)` : `not negotiated (${result.error?.kind ?? 'unknown'})`;
  const title = options.title ?? 'capsflow negotiation';
  const explain = result.explain;
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // no external request of any kind, even if someone adds a link later
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(title)}: <span class="verdict ${v}">${escapeHtml(verdictText)}</span></h1>`,
  ];
  if (options.pipeline !== undefined) parts.push(`<pre class="pipeline">${escapeHtml(options.pipeline)}</pre>`);
  if (result.error !== null) parts.push(`<p class="error"><strong>${escapeHtml(result.error.kind)}</strong>: ${escapeHtml(result.error.message)}</p>`);
  parts.push(`<div class="pipeline-graph">${svg}</div>`);
  parts.push(
    htmlTable(`Cannot be known without ${unknownWhat(result.unknowns ?? [])}`, UNKNOWN_HEADERS, (result.unknowns ?? []).map(unknownCells), 'unknowns'),
    htmlTable('Assumptions', ASSUMPTION_HEADERS, (result.assumptions ?? []).map(assumptionCells), 'assumptions'),
  );
  parts.push(
    htmlTable(
      'Policy violations',
      ['element', 'rule', 'exporter', 'message'],
      result.violations.map((x) => [x.element, x.rule, x.exporter ?? '', x.message]),
      'violations',
    ),
  );
  if (explain !== null) {
    parts.push(`<h2>Explanation</h2><p>${escapeHtml(explain.summary)}</p>`);
    if (explain.conflict !== undefined) parts.push(`<p class="conflict">${escapeHtml(formatConflict(explain.conflict))}</p>`);
    parts.push(
      htmlTable(
        'Steps',
        ['#', 'where', 'offered', 'accepted', 'note'],
        explain.steps.map((s, i) => [String(i + 1), s.pad !== undefined ? `${s.element}.${s.pad}` : s.element, s.offered ?? '', s.accepted ?? '', s.note]),
      ),
    );
  }
  parts.push(
    htmlTable(
      'Elements',
      ['element', 'factory', 'model', 'passthrough'],
      result.elements.map((e) => [e.name, e.factory, e.model, e.passthrough === null ? '-' : e.passthrough ? 'yes' : 'no']),
    ),
    htmlTable('Pads and caps', ['pad', 'caps'], Object.entries(result.pads).map(([p, c]) => [p, capsCell(c)])),
    htmlTable('Links', ['src', 'sink', 'caps'], result.links.map((l) => [l.src, l.sink, capsCell(l.caps)])),
    htmlTable('Allocation', ALLOCATION_HEADERS, result.allocation.map(allocationCells)),
    htmlTable('Memory probes', PROBE_HEADERS, result.probes.map(probeCells)),
    htmlTable('Importers', IMPORT_HEADERS, (result.imports ?? []).map(importCells)),
  );
  if (result.notes.length > 0) parts.push(`<h2>Notes</h2><ul>${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  parts.push('</body></html>', '');
  return parts.filter((p) => p !== '').join('\n');
}
