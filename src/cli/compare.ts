/**
 * capsflow's answer beside GStreamer's: `--format gst` prints it as `gst-launch-1.0 -v` prints pad caps
 * (for diff), `--compare` runs the real pipeline and sets the two side by side, pad for pad.
 */
import type { Registry } from '../negotiation/registry/registry.js';
import type { NegotiationResult } from '../negotiation/types.js';
import { inFlowOrder, type Style } from './format.js';
import { launchArgs, type LaunchRun } from './gst-launch.js';

/** "elem.pad" or "bin/elem.pad" → its path and pad name */
function splitPad(key: string): { path: string[]; pad: string } {
  const dot = key.lastIndexOf('.');
  return { path: key.slice(0, dot).split('/'), pad: key.slice(dot + 1) };
}

/**
 * The object path gst-launch -v prints for a pad. The element's GType is the registry's (typeChain[0]);
 * the pad's GType is what GStreamer uses for these cases: ghost pads of bins, tee's request pads; every
 * other pad is printed GstPad (aggregator and other pad subclasses are not in the registry).
 */
function padPath(key: string, result: NegotiationResult, registry: Registry): string {
  const { path, pad } = splitPad(key);
  const factoryOf = new Map(result.elements.map((e) => [e.name, e.factory]));
  const typeOf = (name: string): { type: string; chain: readonly string[] } => {
    const factory = factoryOf.get(name) ?? factoryOf.get(name.split('/').at(-1) ?? name);
    const chain = factory === undefined ? undefined : registry.get(factory)?.typeChain;
    return { type: chain?.[0] ?? (factory === undefined ? 'GstBin' : `Gst${factory}`), chain: chain ?? [] };
  };
  const segments = path.map((name) => `${typeOf(name).type}:${name}`);
  const last = typeOf(path.at(-1) ?? '');
  const padType = last.chain.includes('GstBin') ? 'GstGhostPad' : last.type === 'GstTee' && pad.startsWith('src_') ? 'GstTeePad' : 'GstPad';
  return `/GstPipeline:pipeline0/${segments.join('/')}.${padType}:${pad}`;
}

/** Pads in the order data flows: each link's src then sink pad, then the pads no link shows. */
function padsInFlowOrder(result: NegotiationResult): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (k: string): void => {
    if (!seen.has(k) && result.pads[k] !== undefined) {
      seen.add(k);
      keys.push(k);
    }
  };
  for (const l of inFlowOrder(result).links) {
    add(l.src);
    add(l.sink);
  }
  for (const k of Object.keys(result.pads)) add(k);
  return keys;
}

/** capsflow's pads as gst-launch-1.0 -v lines: `/GstPipeline:pipeline0/GstX:x0.GstPad:src: caps = …`. */
export function formatGstLines(result: NegotiationResult, registry: Registry): string {
  return padsInFlowOrder(result)
    .map((k) => `${padPath(k, result, registry)}: caps = ${result.pads[k] ?? ''}\n`)
    .join('');
}

/**
 * The words to hand gst-launch-1.0: the pipeline as gst_parse_launch reads it, with `num-buffers=1` after
 * every source that has the property and does not set it (a live test source would run forever).
 */
export function boundedLaunchArgs(pipeline: string, registry: Registry): string[] {
  const words = launchArgs(pipeline);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out.push(w);
    // a property value or caps never names a factory here: they hold '=' or '/'
    const f = w.includes('=') || w.includes('/') ? undefined : registry.get(w);
    if (f === undefined) continue;
    const isSource = f.padTemplates.length > 0 && f.padTemplates.every((t) => t.direction === 'src');
    if (!isSource || !f.properties.some((p) => p.name === 'num-buffers')) continue;
    // its own properties follow it, up to the next '!'
    let set = false;
    for (let j = i + 1; j < words.length && words[j] !== '!' && words[j]!.includes('='); j++) set ||= words[j]!.startsWith('num-buffers=');
    if (!set) out.push('num-buffers=1');
  }
  return out;
}

export type CompareMark = 'same' | 'differs' | 'capsflow-only' | 'gstreamer-only' | 'unknown';

export interface CompareRow {
  readonly pad: string;
  readonly mark: CompareMark;
  readonly capsflow: string | null;
  readonly gstreamer: string | null;
}

/** Pad for pad. A pad capsflow left out as unknown (undetermined) is 'unknown', not a difference. */
export function comparePads(result: NegotiationResult, run: LaunchRun): CompareRow[] {
  // pads inside the pipeline text's bins ("b/identity0.src") are among gst-launch's nested pads
  const gst: Record<string, string> = { ...run.pads };
  for (const k of Object.keys(result.pads)) if (run.nested[k] !== undefined) gst[k] = run.nested[k]!;
  const rows: CompareRow[] = [];
  for (const pad of padsInFlowOrder(result)) {
    const mine = result.pads[pad] ?? null;
    const theirs = gst[pad] ?? null;
    rows.push({ pad, mark: theirs === null ? 'capsflow-only' : theirs === mine ? 'same' : 'differs', capsflow: mine, gstreamer: theirs });
  }
  for (const [pad, caps] of Object.entries(gst)) {
    if (result.pads[pad] !== undefined) continue;
    rows.push({ pad, mark: result.verdict === 'undetermined' ? 'unknown' : 'gstreamer-only', capsflow: null, gstreamer: caps });
  }
  return rows;
}

const minor = (v: string): string => v.split('.').slice(0, 2).join('.');

const SIGN: Record<CompareMark, string> = { same: '=', differs: '≠', 'capsflow-only': '<', 'gstreamer-only': '>', unknown: '?' };

/** The side-by-side report: both verdicts, then every pad with its mark; returns the text and whether they agree. */
export function formatCompare(
  result: NegotiationResult,
  run: LaunchRun,
  command: readonly string[],
  st: Style,
  versions: { readonly registry: string; readonly gstreamer: string | null } | null = null,
): { text: string; agree: boolean } {
  const rows = comparePads(result, run);
  const mine = result.verdict === 'failed' ? `failed (${result.error.kind}): ${result.error.message}` : result.verdict;
  const theirs = run.timedOut ? 'timed out' : run.ok ? 'negotiated' : `failed${run.errorKind !== null ? ` (${run.errorKind})` : ''}: ${run.message}`;
  // an undetermined answer is no verdict to hold against GStreamer's; a failure must be of the same kind where GStreamer names one
  const verdictsAgree =
    result.verdict === 'undetermined' || (result.verdict === 'negotiated' ? run.ok : !run.ok && (run.errorKind === null || run.errorKind === result.error.kind));
  const out = [
    st.bold('capsflow beside GStreamer'),
    `  $ gst-launch-1.0 -v ${command.join(' ')}`,
    `  capsflow   ${mine}`,
    `  GStreamer  ${theirs}`,
    ...(versions === null
      ? []
      : [
          `  versions   capsflow's registry GStreamer ${versions.registry}, gst-launch-1.0 GStreamer ${versions.gstreamer ?? 'unknown'}` +
            (versions.gstreamer !== null && minor(versions.gstreamer) !== minor(versions.registry) ? st.yellow(' (not the same release: differences may be the release, not capsflow)') : ''),
        ]),
    '',
    st.dim('  = same caps   ≠ different   < capsflow only   > GStreamer only   ? capsflow cannot know it'),
  ];
  for (const r of rows) {
    const sign = SIGN[r.mark];
    const line = `${sign} ${r.pad}`;
    out.push(r.mark === 'same' ? line : r.mark === 'unknown' ? st.yellow(line) : st.red(line));
    if (r.mark === 'differs') {
      out.push(`    capsflow   ${r.capsflow ?? ''}`, `    GStreamer  ${r.gstreamer ?? ''}`);
    } else out.push(`    ${r.capsflow ?? r.gstreamer ?? ''}`);
  }
  const counts = (m: CompareMark): number => rows.filter((r) => r.mark === m).length;
  out.push(
    '',
    `${counts('same')} pad(s) agree, ${counts('differs')} differ, ${counts('capsflow-only')} capsflow only, ${counts('gstreamer-only')} GStreamer only` +
      (counts('unknown') > 0 ? `, ${counts('unknown')} capsflow cannot know` : '') +
      (verdictsAgree ? '' : '; the verdicts differ'),
  );
  const agree = verdictsAgree && rows.every((r) => r.mark === 'same' || r.mark === 'unknown');
  return { text: `${out.join('\n')}\n`, agree };
}
