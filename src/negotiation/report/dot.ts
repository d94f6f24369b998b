/**
 * A NegotiationResult as Graphviz DOT, laid out like GStreamer's GST_DEBUG_DUMP_DOT_DIR dumps: each element a
 * rounded cluster holding its pads (sink pads blue, src pads red), sources red, sinks blue, the rest green, and
 * the negotiated caps on the links one field a line. Added marks: memory:DMABuf links bold orange, passthrough
 * elements dashed, links negotiation never reached dashed grey, violations and the failing element red.
 * Pure: no I/O.
 */
import type { NegotiationResult } from '../types.js';
import type { Topology, TopologyElement } from './topology.js';

export interface DotOptions {
  /** graph label; defaults to the verdict */
  readonly title?: string;
  /**
   * The pipeline as parsed (`pipelineTopology`): every element with its GType name, set properties and
   * always pads, and every link asked for, so a failure still shows the whole pipeline (links never
   * reached dashed). Without it only what the result names is drawn.
   */
  readonly topology?: Topology;
  /** Graphviz rankdir: LR as GStreamer's dumps (default), TB for a long chain on a narrow page */
  readonly rankdir?: 'LR' | 'TB';
  /**
   * Fonts whose widths Graphviz knows (Helvetica, Courier; a browser finds metric-compatible ones), so text
   * fits its boxes in an SVG; GStreamer's own (sans, Bitstream Vera Sans, monospace) otherwise
   */
  readonly webFonts?: boolean;
}

/** One structure of a caps string, split for display only (the caps engine is the one that parses). */
export interface CapsDisplayStructure {
  readonly name: string;
  readonly features: string | null;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

// Split at top-level separators, honouring quotes and nesting.
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  const stack: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (OPEN[ch] !== undefined) stack.push(OPEN[ch]);
    else if (ch === stack[stack.length - 1]) stack.pop();
    else if (ch === sep && stack.length === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Split a printed caps string into structures and `field: value` pairs for labels and tables, dropping the
 * `(type)` casts as GStreamer's dot dumps do. `ANY` and `EMPTY` come back as a single nameless structure.
 */
export function splitCapsForDisplay(caps: string): CapsDisplayStructure[] {
  return splitTopLevel(caps, ';').map((text) => {
    const [head = '', ...rest] = splitTopLevel(text, ',');
    const paren = head.indexOf('(');
    const name = paren < 0 ? head : head.slice(0, paren);
    const features = paren < 0 ? null : head.slice(paren + 1, head.endsWith(')') ? -1 : undefined);
    const fields = rest.map((f) => {
      const eq = f.indexOf('=');
      if (eq < 0) return { name: f, value: '' };
      return { name: f.slice(0, eq).trim(), value: f.slice(eq + 1).trim().replace(/^\([A-Za-z0-9_]+\)/, '') };
    });
    return { name, features, fields };
  });
}

const DMABUF = 'memory:DMABuf';

/** True when any structure of the printed caps carries memory:DMABuf. */
export function hasDmaBufFeature(caps: string): boolean {
  return splitCapsForDisplay(caps).some((s) => s.features?.split(',').some((f) => f.trim() === DMABUF) === true);
}

/** Escape text for a double-quoted DOT string (`\l` and `\n` added by callers stay escapes). */
function esc(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n');
}

function capsLabel(caps: string): string {
  let out = '';
  for (const s of splitCapsForDisplay(caps)) {
    out += `${esc(s.features === null ? s.name : `${s.name}(${s.features})`)}\\l`;
    for (const f of s.fields) out += `${esc(f.name.padStart(20))}: ${esc(f.value)}\\l`;
  }
  return out;
}

interface PadInfo {
  readonly name: string;
  direction: 'src' | 'sink';
  caps: string | null;
  presence: 'always' | 'sometimes' | 'request';
}

function splitPadRef(ref: string): { element: string; pad: string } {
  const dot = ref.lastIndexOf('.');
  return dot < 0 ? { element: ref, pad: '' } : { element: ref.slice(0, dot), pad: ref.slice(dot + 1) };
}

const guessDirection = (pad: string): 'src' | 'sink' => (pad.startsWith('sink') ? 'sink' : 'src');

/** does a pad name fit a template name (`sink_%u` takes sink_1, `src_%d_%u` takes src_0_1)? */
function fitsTemplate(template: string, pad: string): boolean {
  if (!template.includes('%')) return template === pad;
  const re = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%u|%d/g, '\\d+').replace(/%s/g, '.+');
  return new RegExp(`^${re}$`).test(pad);
}

interface Edge {
  readonly src: string;
  readonly sink: string;
  readonly attrs: readonly string[];
}

/** Graphviz DOT for a negotiation result, in the style of a GStreamer pipeline dump. */
export function toDot(result: NegotiationResult, options: DotOptions = {}): string {
  const topology = options.topology;
  const topo = new Map<string, TopologyElement>();
  for (const e of topology?.elements ?? []) if (!topo.has(e.name)) topo.set(e.name, e);
  // elements in the pipeline's order, then any only the result or its links name
  const order: string[] = [];
  const pads = new Map<string, PadInfo[]>();
  const addElement = (name: string): PadInfo[] => {
    let list = pads.get(name);
    if (list === undefined) {
      list = [];
      pads.set(name, list);
      order.push(name);
      for (const p of topo.get(name)?.pads ?? []) list.push({ name: p.name, direction: p.direction, caps: null, presence: p.presence });
    }
    return list;
  };
  for (const e of topology?.elements ?? []) addElement(e.name);
  for (const e of result.elements) addElement(e.name);
  const presenceOf = (element: string, pad: string): PadInfo['presence'] => topo.get(element)?.templates.find((t) => fitsTemplate(t.name, pad))?.presence ?? 'always';
  const addPad = (ref: string, direction: 'src' | 'sink' | null, caps: string | null): void => {
    const { element, pad } = splitPadRef(ref);
    const list = addElement(element);
    const found = list.find((p) => p.name === pad);
    if (found === undefined) list.push({ name: pad, direction: direction ?? guessDirection(pad), caps, presence: presenceOf(element, pad) });
    else {
      if (direction !== null) found.direction = direction;
      if (found.caps === null) found.caps = caps;
    }
  };
  for (const l of result.links) {
    addPad(l.src, 'src', result.pads[l.src] ?? l.caps);
    addPad(l.sink, 'sink', result.pads[l.sink] ?? l.caps);
  }
  for (const [ref, caps] of Object.entries(result.pads)) addPad(ref, null, caps);

  const ids = new Map<string, string>();
  order.forEach((name, i) => ids.set(name, `${name.replace(/[^A-Za-z0-9_]/g, '_')}_${i}`));
  const padId = (element: string, pad: string): string => `${ids.get(element) ?? 'unknown'}_${pad.replace(/[^A-Za-z0-9_]/g, '_')}`;

  const violations = new Map<string, string[]>();
  for (const v of result.violations) violations.set(v.element, [...(violations.get(v.element) ?? []), v.rule]);
  const failed = result.error?.element;

  // the links: those negotiation made (with their caps), then those the pipeline asks for and it never reached
  const unknownAt = new Map((result.unknowns ?? []).map((u) => [`${u.element}.${u.pad ?? ''}`, u]));
  const assumedAt = new Map((result.assumptions ?? []).map((a) => [`${a.element}.${a.pad}`, a]));
  const madeAttrs = (l: (typeof result.links)[number]): string[] => {
    const src = splitPadRef(l.src);
    const sink = splitPadRef(l.sink);
    const attrs: string[] = [];
    const unknown = unknownAt.get(l.src);
    const assumed = assumedAt.get(l.src);
    if (l.caps === null && (unknown !== undefined || result.verdict === 'undetermined')) {
      const label = unknown !== undefined ? `(unknown: ${unknown.reason})` : '(depends on unknown caps)';
      attrs.push(`label="${label}\\l"`, 'style="dashed"', 'color="#3366cc"', 'fontcolor="#3366cc"');
    } else if (l.caps === null) {
      const blamed = failed !== undefined && (sink.element === failed || src.element === failed);
      attrs.push('label="(not negotiated)\\l"', 'style="dashed"', blamed ? 'color="red"' : 'color="grey50"');
    } else if (assumed !== undefined) {
      attrs.push(`label="assumed (${assumed.source})\\l${capsLabel(l.caps)}"`, 'style="dashed"', 'color="#3366cc"');
    } else {
      attrs.push(`label="${capsLabel(l.caps)}"`);
      if (hasDmaBufFeature(l.caps)) attrs.push('color="#dd6600"', 'penwidth=3');
    }
    return attrs;
  };
  const edges: Edge[] = [];
  const linked = new Set<string>(); // pads with a drawn link
  const made = result.links.map((l) => ({ link: l, used: false }));
  const madeFrom = new Map<string, (typeof made)[number][]>();
  for (const m of made) {
    const key = `${splitPadRef(m.link.src).element}\u0000${splitPadRef(m.link.sink).element}`;
    madeFrom.set(key, [...(madeFrom.get(key) ?? []), m]);
  }
  for (const m of made) {
    linked.add(m.link.src);
    linked.add(m.link.sink);
  }
  // a pad for a link never made: the named one, a free always pad, or the request/sometimes template it waits on
  const pickPad = (element: string, named: string | null, direction: 'src' | 'sink'): string => {
    if (named !== null) return named;
    const list = addElement(element);
    const free = list.find((p) => p.direction === direction && p.presence === 'always' && !linked.has(`${element}.${p.name}`));
    if (free !== undefined) return free.name;
    const template = topo.get(element)?.templates.find((t) => t.direction === direction);
    if (template !== undefined && template.presence === 'request' && /%[ud]/.test(template.name)) {
      // gst_element_request_pad_simple with no name: the next free number, as tee, funnel and the aggregators give
      for (let i = 0; ; i++) {
        const name = template.name.replace(/%[ud]/, String(i)).replace(/%[uds]/g, '0');
        if (!list.some((p) => p.name === name)) return name;
      }
    }
    if (template !== undefined) return template.name;
    return list.find((p) => p.direction === direction)?.name ?? direction;
  };
  const conflict = result.explain?.conflict;
  const conflictLabel = conflict === undefined ? '' : `EMPTY: ${esc(conflict.field)}\\l${esc(conflict.left.value)}\\lvs ${esc(conflict.right.value)}\\l`;
  let conflictDrawn = false;
  const conflictBetween = (src: string, sink: string): boolean => {
    if (conflict === undefined) return false;
    const ends = [splitPadRef(conflict.left.from).element, splitPadRef(conflict.right.from).element, conflict.element];
    return ends.includes(src) && ends.includes(sink);
  };
  for (const planned of topology?.links ?? []) {
    const candidates = madeFrom.get(`${planned.src.element}\u0000${planned.sink.element}`) ?? [];
    const hit = candidates.find((m) => !m.used && (planned.src.pad === null || splitPadRef(m.link.src).pad === planned.src.pad) && (planned.sink.pad === null || splitPadRef(m.link.sink).pad === planned.sink.pad));
    if (hit !== undefined) {
      hit.used = true;
      edges.push({ src: hit.link.src, sink: hit.link.sink, attrs: madeAttrs(hit.link) });
      continue;
    }
    const src = `${planned.src.element}.${pickPad(planned.src.element, planned.src.pad, 'src')}`;
    const sink = `${planned.sink.element}.${pickPad(planned.sink.element, planned.sink.pad, 'sink')}`;
    addPad(src, 'src', null);
    addPad(sink, 'sink', null);
    linked.add(src);
    linked.add(sink);
    if (!conflictDrawn && conflictBetween(planned.src.element, planned.sink.element)) {
      conflictDrawn = true;
      edges.push({ src, sink, attrs: [`label="${conflictLabel}"`, 'style="dashed"', 'color="red"', 'fontcolor="red"', 'penwidth=2'] });
    } else {
      const blamed = failed !== undefined && (planned.src.element === failed || planned.sink.element === failed);
      edges.push({ src, sink, attrs: ['label="(not reached)\\l"', 'style="dashed"', blamed ? 'color="red"' : 'color="grey50"', 'fontcolor="grey35"'] });
    }
  }
  for (const m of made) if (!m.used) edges.push({ src: m.link.src, sink: m.link.sink, attrs: madeAttrs(m.link) });
  // a failure before the link between the two pads that disagree: join them in red
  const known = (ref: string): boolean => ref.includes('.') && pads.has(splitPadRef(ref).element);
  if (conflict !== undefined && !conflictDrawn && known(conflict.left.from) && known(conflict.right.from)) {
    const [a, b] = [conflict.left.from, conflict.right.from];
    const [src, sink] = guessDirection(splitPadRef(a).pad) === 'sink' ? [b, a] : [a, b];
    if (!result.links.some((l) => l.src === src && l.sink === sink && l.caps !== null)) {
      addPad(src, 'src', null);
      addPad(sink, 'sink', null);
      edges.push({ src, sink, attrs: [`label="${conflictLabel}"`, 'style="dashed"', 'color="red"', 'fontcolor="red"', 'penwidth=2'] });
    }
  }

  const title =
    options.title ??
    (result.ok
      ? result.violations.length > 0
        ? 'negotiated, with policy violations'
        : 'negotiated'
      : result.verdict === 'undetermined'
        ? 'undetermined'
        : `not negotiated: ${result.error?.kind ?? 'unknown'}`);

  const web = options.webFonts === true;
  const [sans, clusterFont, mono] = web ? ['Helvetica', 'Helvetica', 'Courier'] : ['sans', 'Bitstream Vera Sans', 'monospace'];
  // top to bottom, edges come in from above: the element's label goes beside its first pad, not in their way
  const labelBeside = options.rankdir === 'TB';
  const out: string[] = [
    'digraph pipeline {',
    `  rankdir=${options.rankdir ?? 'LR'};`,
    `  fontname="${sans}";`,
    '  fontsize="10";',
    '  labelloc=t;',
    '  nodesep=.1;',
    '  ranksep=.2;',
    `  label="<capsflow>\\n${esc(title)}";`,
    `  node [style="filled,rounded", shape=box, fontsize="9", fontname="${sans}", margin="0.0,0.0"];`,
    `  edge [labelfontsize="6", fontsize="9", fontname="${mono}"];`,
    '',
    '  legend [',
    '    pos="0,0!",',
    '    margin="0.05,0.05",',
    '    style="filled",',
    `    label="Legend\\lLinks: bold orange = memory:DMABuf\\l  dashed grey = not reached\\l  dashed blue = unknown or assumed caps\\lElements: dashed = passthrough\\l  red = policy violation or failure\\l${topology !== undefined ? 'Properties: those the pipeline sets\\l  (a run also shows values\\l  the element changes itself)\\l' : ''}",`,
    '  ];',
  ];

  // by name once: a lookup per element would make a 10,000-element dump quadratic
  const reports = new Map<string, (typeof result.elements)[number]>();
  for (const e of result.elements) if (!reports.has(e.name)) reports.set(e.name, e);
  const probes = new Map<string, (typeof result.probes)[number]>();
  for (const p of result.probes) if (!probes.has(p.element)) probes.set(p.element, p);

  for (const name of order) {
    const id = ids.get(name) as string;
    const report = reports.get(name);
    const shape = topo.get(name);
    const list = pads.get(name) ?? [];
    const sinks = list.filter((p) => p.direction === 'sink');
    const srcs = list.filter((p) => p.direction === 'src');
    // GStreamer colours sources red, sinks blue, the rest green; with pads missing (a failure before
    // linking) the factory name says which, as GStreamer's own names do (v4l2src, waylandsink)
    const factory = report?.factory ?? shape?.factory ?? '';
    const role =
      sinks.length > 0 && srcs.length > 0 ? 'filter' : /src$/.test(factory) ? 'source' : /sink$/.test(factory) ? 'sink' : srcs.length > 0 && report === undefined && shape === undefined ? 'source' : sinks.length > 0 && srcs.length === 0 ? 'sink' : srcs.length > 0 && sinks.length === 0 && shape !== undefined ? 'source' : 'filter';
    const fill = role === 'source' ? '#ffaaaa' : role === 'sink' ? '#aaaaff' : '#aaffaa';
    // as GStreamer's dump: the GType name, the element's name, its non-default properties; then capsflow's marks
    const labelLines = [shape?.typeName ?? (factory !== '' ? factory : '?'), name];
    const params = shape?.params ?? [];
    if (report?.passthrough === true) labelLines.push('[passthrough]');
    if (report?.model === 'template-only') labelLines.push('[template-only]');
    const probe = probes.get(name);
    if (probe !== undefined) {
      labelLines.push(`[exporter: ${probe.source}, READWRITE ${probe.readwrite ? 'ok' : `refused${probe.errno !== null ? ` ${probe.errno}` : ''}`}]`);
    }
    const broken = violations.get(name);
    if (broken !== undefined) labelLines.push(...broken.map((r) => `VIOLATION: ${r}`));
    if (failed === name) labelLines.push(`FAILED: ${result.error?.kind ?? ''}`);
    const red = broken !== undefined || failed === name;
    out.push(
      `  subgraph cluster_${id} {`,
      `    fontname="${clusterFont}";`,
      '    fontsize="8";',
      `    style="${report?.passthrough === true ? 'filled,rounded,dashed' : 'filled,rounded'}";`,
      `    color=${red ? 'red' : 'black'};`,
    );
    if (red) out.push('    penwidth=3;');
    // params are escaped already (g_strescape, as the dump does)
    const label = [...labelLines.slice(0, 2).map(esc), ...params, ...labelLines.slice(2).map(esc)].join('\\n');
    const besideOf = sinks[0] ?? srcs[0];
    if (labelBeside && besideOf !== undefined) {
      out.push('    label="";', `    ${id}_label [label="${label}", shape=plaintext, style="", fontsize="8", fontname="${clusterFont}"];`, `    { rank=same; ${id}_label; ${padId(name, besideOf.name)}; }`);
    } else out.push(`    label="${label}";`);
    for (const [dir, group] of [['sink', sinks], ['src', srcs]] as const) {
      if (group.length === 0) continue;
      out.push(`    subgraph cluster_${id}_${dir} {`, '      label="";', '      style="invis";');
      for (const p of group) {
        const padFill = dir === 'sink' ? '#aaaaff' : '#ffaaaa';
        const dmabuf = p.caps !== null && hasDmaBufFeature(p.caps);
        const padLabel = dmabuf ? `${esc(p.name)}\\n[DMABuf]` : esc(p.name);
        const padRed = failed === name && result.error?.pad === p.name;
        // GStreamer's pad styles: sometimes pads dotted, request pads dashed
        const padStyle = p.presence === 'sometimes' ? 'filled,dotted' : p.presence === 'request' ? 'filled,dashed' : 'filled,solid';
        out.push(
          `      ${padId(name, p.name)} [color=${padRed ? 'red' : 'black'}, fillcolor="${padFill}", label="${padLabel}", height="0.2", style="${padStyle}"];`,
        );
      }
      out.push('    }', '');
    }
    // graphviz draws no empty cluster: an element with no pad known still gets its box
    if (list.length === 0) out.push(`    ${id}_body [label="", shape=box, style="invis", width="0.6", height="0.2"];`);
    const firstSink = sinks[0];
    const firstSrc = srcs[0];
    if (firstSink !== undefined && firstSrc !== undefined) {
      out.push(`    ${padId(name, firstSink.name)} -> ${padId(name, firstSrc.name)} [style="invis"];`);
    }
    out.push(`    fillcolor="${fill}";`, '  }', '');
  }

  for (const e of edges) {
    const src = splitPadRef(e.src);
    const sink = splitPadRef(e.sink);
    out.push(`  ${padId(src.element, src.pad)} -> ${padId(sink.element, sink.pad)} [${e.attrs.join(', ')}]`);
  }
  out.push('}', '');
  return out.join('\n');
}
