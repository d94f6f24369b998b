/**
 * Pictures of a negotiation: SVG from DOT with Graphviz compiled to WebAssembly (@viz-js/viz, no system
 * graphviz), and one self-contained HTML page (inline SVG, CSS and one small inline script for zoom and
 * pan, allowed by its hash; no external request).
 */
import { createHash } from 'node:crypto';
import { instance, type Viz } from '@viz-js/viz';
import { formatConflict } from '../negotiation/report/explain.js';
import { splitCapsForDisplay, toDot, type DotOptions } from '../negotiation/report/dot.js';
import type { NegotiationResult } from '../negotiation/types.js';
import type { Topology } from '../negotiation/report/topology.js';
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

/** CSS pixels per Graphviz point: its SVG is sized in pt (width="454pt") */
const PX_PER_PT = 96 / 72;
/** the page width a picture is laid out for: a laptop browser window less the page margins */
export const READABLE_WIDTH_PX = 1200;
/**
 * The smallest zoom that keeps Graphviz's smallest text (8 pt element labels, 10.7 px at 100%, their boxes
 * 11 px high in Chromium) at least 10 px high: the page's first view never shrinks a graph below it (it
 * pans sideways instead)
 */
export const READABLE_ZOOM = 0.92;

/** The natural size of a Graphviz SVG in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"/.exec(svg);
  return m === null ? { width: 0, height: 0 } : { width: Number(m[1]) * PX_PER_PT, height: Number(m[2]) * PX_PER_PT };
}

/**
 * The SVG of a result laid out to be read: GStreamer's left-to-right layout when it fits the page width at a
 * readable zoom; else top-to-bottom when that fits better (a long chain becomes a column, not a strip
 * whose text a fit-to-width view shrinks to a few pixels).
 */
export async function renderReadableSvg(result: NegotiationResult, options: DotOptions = {}): Promise<string> {
  const lr = await renderSvg(toDot(result, { ...options, rankdir: 'LR', webFonts: true }));
  const fit = (svg: string): number => Math.min(1, READABLE_WIDTH_PX / Math.max(1, svgSize(svg).width));
  if (fit(lr) >= 1) return lr;
  const tb = await renderSvg(toDot(result, { ...options, rankdir: 'TB', webFonts: true }));
  return fit(tb) > fit(lr) ? tb : lr;
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
.graph-tools { margin: 1em 0 0.3em; display: flex; gap: 0.4em; align-items: center; font-size: 0.9em; }
.graph-tools button { font: inherit; min-width: 2.2em; padding: 0.15em 0.5em; }
.graph-tools .hint { color: #666; }
.pipeline-graph { overflow: auto; border: 1px solid #ccc; max-height: 85vh; cursor: grab; touch-action: none; }
.pipeline-graph.panning { cursor: grabbing; user-select: none; }
.pipeline-graph svg { display: block; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
td { white-space: pre-wrap; font-family: monospace; }
table.violations td { background: #fff0f0; }
`;

/**
 * Zoom and pan for the graph, inline (the page loads nothing): the first view fits the graph's width, never
 * below READABLE_ZOOM (wider graphs pan sideways); buttons, Ctrl/Cmd+wheel and + - 0 keys zoom around the
 * pointer or the centre, dragging pans. Without script the SVG shows at Graphviz's size in a scroll box.
 */
const ZOOM_SCRIPT = `(() => {
  const box = document.getElementById('graph');
  const svg = box && box.querySelector('svg');
  if (!svg) return;
  const vb = svg.viewBox.baseVal;
  const w0 = vb.width * ${PX_PER_PT}, h0 = vb.height * ${PX_PER_PT};
  const level = document.getElementById('zoom-level');
  let z = 1;
  const set = (nz, px, py) => {
    nz = Math.min(8, Math.max(0.05, nz));
    if (px === undefined) { px = box.clientWidth / 2; py = box.clientHeight / 2; }
    const gx = (box.scrollLeft + px) / z, gy = (box.scrollTop + py) / z;
    z = nz;
    svg.setAttribute('width', (w0 * z).toFixed(1) + 'px');
    svg.setAttribute('height', (h0 * z).toFixed(1) + 'px');
    box.scrollLeft = gx * z - px;
    box.scrollTop = gy * z - py;
    box.dataset.zoom = String(z);
    level.textContent = Math.round(z * 100) + '%';
  };
  const fitWidth = () => (box.clientWidth - 2) / w0;
  const first = () => set(Math.max(${READABLE_ZOOM}, Math.min(1.25, fitWidth())), 0, 0);
  document.querySelectorAll('[data-zoom]').forEach((b) => b.addEventListener('click', () => {
    const how = b.getAttribute('data-zoom');
    if (how === 'in') set(z * 1.25); else if (how === 'out') set(z / 1.25);
    else if (how === 'fit') set(fitWidth(), 0, 0); else set(1);
  }));
  box.addEventListener('wheel', (e) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const r = box.getBoundingClientRect();
    set(z * Math.pow(1.0015, -e.deltaY), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  box.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') set(z * 1.25); else if (e.key === '-') set(z / 1.25); else if (e.key === '0') first(); else return;
    e.preventDefault();
  });
  let drag = null;
  box.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, left: box.scrollLeft, top: box.scrollTop };
    box.setPointerCapture(e.pointerId);
    box.classList.add('panning');
  });
  box.addEventListener('pointermove', (e) => {
    if (drag === null) return;
    box.scrollLeft = drag.left - (e.clientX - drag.x);
    box.scrollTop = drag.top - (e.clientY - drag.y);
  });
  const stop = () => { drag = null; box.classList.remove('panning'); };
  box.addEventListener('pointerup', stop);
  box.addEventListener('pointercancel', stop);
  first();
})();`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(ZOOM_SCRIPT).digest('base64')}`;

export interface HtmlOptions {
  readonly title?: string;
  readonly pipeline?: string;
  /** the SVG to inline; rendered from the result's DOT when absent */
  readonly svg?: string;
  /** the pipeline as parsed, for an SVG rendered here (pipelineTopology) */
  readonly topology?: Topology;
}

/** One HTML page that opens offline: the graph, then pads/caps, allocation, probes, violations, explanation. */
export async function renderHtml(unordered: NegotiationResult, options: HtmlOptions = {}): Promise<string> {
  // tables in the order data flows, as the report prints them
  const result = { ...unordered, ...inFlowOrder(unordered) } as NegotiationResult;
  const svg = (options.svg ?? (await renderReadableSvg(result, options.topology !== undefined ? { topology: options.topology } : {})))
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
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '${SCRIPT_HASH}'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(title)}: <span class="verdict ${v}">${escapeHtml(verdictText)}</span></h1>`,
  ];
  if (options.pipeline !== undefined) parts.push(`<pre class="pipeline">${escapeHtml(options.pipeline)}</pre>`);
  // a violation's message is shown once, in its table: the error and the notes point there
  const messages = result.violations.map((x) => x.message);
  const once = (text: string): string => result.violations.reduce((t, x) => (t.includes(x.message) ? t.replace(x.message, `${x.element} [${x.rule}] (see Policy violations)`) : t), text);
  if (result.error !== null) parts.push(`<p class="error"><strong>${escapeHtml(result.error.kind)}</strong>: ${escapeHtml(once(result.error.message))}</p>`);
  parts.push(
    '<div class="graph-tools"><button type="button" data-zoom="out" title="zoom out (-)">−</button><button type="button" data-zoom="in" title="zoom in (+)">+</button>' +
      '<button type="button" data-zoom="fit">fit width</button><button type="button" data-zoom="1">100%</button>' +
      '<span id="zoom-level">100%</span><span class="hint">drag to pan; Ctrl+wheel, + and − to zoom; 0 for the first view</span></div>',
  );
  parts.push(`<div class="pipeline-graph" id="graph" tabindex="0">${svg}</div>`);
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
    parts.push(`<h2>Explanation</h2>${explain.summary === result.error?.message ? '' : `<p>${escapeHtml(once(explain.summary))}</p>`}`);
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
  const notes = result.notes.filter((n) => !messages.some((m) => n === `policy: ${m}`));
  if (notes.length > 0) parts.push(`<h2>Notes</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  parts.push(`<script>${ZOOM_SCRIPT}</script>`, '</body></html>', '');
  return parts.filter((p) => p !== '').join('\n');
}
