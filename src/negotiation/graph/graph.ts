/**
 * The pipeline graph: elements (name, factory, typed properties) and links between their pads, as plain
 * immutable data held with immer. Every edit is a recipe, so `produceWithPatches` turns each negotiation
 * step into a patch that a trace can show, and auto-freeze makes accidental mutation fail loudly.
 */
import type { NegotiationError } from '../types.js';
import { enablePatches, freeze, produce, produceWithPatches, type Immutable, type Patch } from 'immer';

enablePatches();

/** A property value after typing by the registry's PropertySpec (enums by nick, caps and fractions as strings). */
export type PropertyValue = string | number | boolean;

/** Where in the pipeline text something came from. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export interface GraphElement {
  readonly name: string;
  readonly factory: string;
  readonly properties: Readonly<Record<string, PropertyValue>>;
  /** set on the capsfilter gst-launch inserts for `a ! caps ! b`: the two elements it joins */
  readonly filterFor?: { readonly src: string; readonly sink: string };
  readonly span?: Span;
  /** `child::property=value` assignments on a GstChildProxy, by child (a request pad: sink_0 → { xpos: '10' }) */
  readonly padProperties?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** the bins around it, outermost first ('b', 'outer/inner'); absent at the top of the pipeline */
  readonly bin?: string;
}

/** One end of a link; no pad means "let linking pick one", as gst_element_link_pads does with NULL. */
export interface PadRef {
  readonly element: string;
  readonly pad?: string;
}

export interface GraphLink {
  readonly src: PadRef;
  readonly sink: PadRef;
  readonly span?: Span;
  /** a `:` link: link every pad pair that can be linked, not just one */
  readonly allPads?: boolean;
  /** gst-launch fails when it performs this link (an unknown reference, an element left out of its bin) */
  readonly failure?: NegotiationError;
}

export interface Graph {
  readonly elements: Readonly<Record<string, GraphElement>>;
  /** element names in creation order (what GStreamer's per-type name counters followed) */
  readonly order: readonly string[];
  /** links in the order gst-launch performs them */
  readonly links: readonly GraphLink[];
}

export type ImmutableGraph = Immutable<Graph>;

export const emptyGraph = (): Graph => ({ elements: {}, order: [], links: [] });

export function addElement(graph: Graph, element: GraphElement): Graph {
  return produce(graph, (draft) => {
    draft.elements[element.name] = element as (typeof draft.elements)[string];
    draft.order.push(element.name);
  });
}

export function addLink(graph: Graph, link: GraphLink): Graph {
  return produce(graph, (draft) => {
    draft.links.push(link as (typeof draft.links)[number]);
  });
}

/**
 * Build a whole graph at once: plain data deep-frozen with immer's `freeze`, linear in its size (a recipe
 * per element would copy the element record each time, and even one big recipe pays a proxy per write).
 */
export function buildGraph(elements: readonly GraphElement[], links: readonly GraphLink[]): Graph {
  // keyed by names from the input: no Object.prototype behind them (an element named `constructor`)
  const record: Record<string, GraphElement> = Object.create(null) as Record<string, GraphElement>;
  const order: string[] = [];
  for (const e of elements) {
    record[e.name] = e;
    order.push(e.name);
  }
  return freeze({ elements: record, order, links: [...links] }, true);
}

/**
 * The negotiation state a trace shows: the caps each pad carries (GStreamer's strings), keyed "element.pad".
 * Kept apart from the graph so one step's patch is just the pads it touched.
 */
export interface PadCapsState {
  readonly pads: Readonly<Record<string, string>>;
}

export interface TraceStep {
  /** what happened, e.g. "videotestsrc0.src pushes CAPS" */
  readonly note: string;
  readonly patches: readonly Patch[];
}

/**
 * Records negotiation steps as immer patches. Each step is one `produceWithPatches`, so the trace is
 * exactly the sequence of state changes; the state itself is built once, at the end.
 */
export class PadCapsRecorder {
  private state: PadCapsState = { pads: {} };
  private readonly pending = new Map<string, string | null>();
  readonly steps: TraceStep[] = [];

  constructor(readonly tracing: boolean) {}

  /** One negotiation step that sets (or, with null, clears) the caps of some pads. */
  step(note: string, changes: Readonly<Record<string, string | null>>): void {
    if (this.tracing) {
      // the recipe runs on the pads this step touches only: immer copies the record it changes, so a
      // base holding every pad made each step cost the pipeline's length (quadratic traces); the
      // patches are the same, as they depend only on what the touched keys held before
      const touched: Record<string, string> = {};
      for (const pad of Object.keys(changes)) {
        const before = this.pending.has(pad) ? this.pending.get(pad) : this.state.pads[pad];
        if (before !== undefined && before !== null) touched[pad] = before;
      }
      const [, patches] = produceWithPatches({ pads: touched } as PadCapsState, (draft) => {
        for (const [pad, caps] of Object.entries(changes)) {
          if (caps === null) delete draft.pads[pad];
          else draft.pads[pad] = caps;
        }
      });
      for (const [pad, caps] of Object.entries(changes)) this.pending.set(pad, caps);
      if (patches.length > 0) this.steps.push({ note, patches });
    } else {
      for (const [pad, caps] of Object.entries(changes)) this.pending.set(pad, caps);
    }
  }

  /** step() for one pad, without building a changes record when nothing is traced */
  setPad(note: string, pad: string, caps: string): void {
    if (this.tracing) this.step(note, { [pad]: caps });
    else this.pending.set(pad, caps);
  }

  finish(): PadCapsState {
    if (this.pending.size > 0) {
      // the same end state as applying every step, built once
      const pads: Record<string, string> = { ...this.state.pads };
      for (const [pad, caps] of this.pending) {
        if (caps === null) delete pads[pad];
        else pads[pad] = caps;
      }
      this.state = freeze({ pads }, true);
      this.pending.clear();
    }
    return this.state;
  }
}
