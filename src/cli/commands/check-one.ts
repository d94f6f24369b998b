/**
 * `capsflow check`'s work on one pipeline, apart from check.ts so that the main thread of a parallel check
 * does not load the negotiation engine it never runs (check-worker.ts and the one-job path import it).
 */
import type { NegotiationResult } from '../../negotiation/types.js';
import { RegistryError, type GstVersion } from '../../negotiation/registry/registry.js';
import { verdict } from '../format.js';
import { BAD_INPUT_KINDS, runNegotiation } from './negotiate.js';

export interface CheckItem {
  readonly id: number;
  readonly file: string;
  /** 1-based line in a .txt file */
  readonly line?: number;
  /** index in a .json array of graphs */
  readonly index?: number;
  readonly pipeline?: string;
  /** the line as written, when it was a gst-launch-1.0 command line (pipeline is then its launchv description) */
  readonly command?: string;
  readonly graph?: unknown;
}

export type CheckVerdict = 'negotiated' | 'undetermined' | 'failed' | 'violations' | 'invalid';

export interface CheckOutcome {
  readonly verdict: CheckVerdict;
  readonly kind?: string;
  readonly message?: string;
  readonly element?: string;
  readonly pad?: string;
  readonly offset?: number;
  readonly violations?: number;
  /** undetermined: the pads whose caps cannot be known, and why (reason) */
  readonly unknowns?: readonly string[];
}

export function summarize(result: NegotiationResult): CheckOutcome {
  const e = result.error;
  const v = verdict(result);
  const base: { -readonly [K in keyof CheckOutcome]: CheckOutcome[K] } = {
    verdict: e !== null && (BAD_INPUT_KINDS.has(e.kind) || e.path !== undefined) ? 'invalid' : v,
  };
  if (e !== null) {
    base.kind = e.kind;
    base.message = e.message;
    if (e.element !== undefined) base.element = e.element;
    if (e.pad !== undefined) base.pad = e.pad;
    if (e.offset !== undefined) base.offset = e.offset;
  }
  if (result.unknowns.length > 0) base.unknowns = result.unknowns.map((u) => `${u.element}${u.pad !== undefined ? `.${u.pad}` : ''} (${u.reason})`);
  if (result.violations.length > 0) {
    base.violations = result.violations.length;
    if (e === null) {
      const first = result.violations[0];
      if (first !== undefined) {
        base.kind = first.rule;
        base.message = first.message;
        base.element = first.element;
      }
    }
  }
  return base;
}

/** Negotiate one item and boil the result down to its outcome; an engine crash is a failure, not a hang. */
export async function checkOne(item: CheckItem, registry: string | undefined, gst?: GstVersion): Promise<CheckOutcome> {
  try {
    const result = await runNegotiation({
      ...(item.graph !== undefined ? { graph: item.graph } : { pipeline: item.pipeline ?? '' }),
      ...(registry !== undefined ? { registry } : gst !== undefined ? { gstVersion: gst } : {}),
    });
    return summarize(result);
  } catch (e) {
    if (e instanceof RegistryError) throw e;
    return { verdict: 'failed', kind: 'internal-error', message: e instanceof Error ? e.message : String(e) };
  }
}
