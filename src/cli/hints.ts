/**
 * What a newcomer most likely meant: a misspelt element ("did you mean"), an element another registry
 * has (`--gst`, `registry import`), a missing '!' between two elements. Hints sit beside GStreamer's
 * own words, never in place of them.
 */
import { defaultRegistry, GST_VERSIONS, type GstVersion, type Registry } from '../negotiation/registry/registry.js';
import type { NegotiationResult } from '../negotiation/types.js';

/** Up to three names within a small edit distance, nearest first. */
export function suggestions(names: readonly string[], wanted: string): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return names
    .map((n) => ({ n, d: editDistance(n, wanted) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.n);
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export interface HintContext {
  /** the registry the pipeline was negotiated with */
  readonly registry: Registry;
  /** the embedded registry in use, or undefined for a registry file */
  readonly gst?: GstVersion;
  /** the pipeline text, when it came as text */
  readonly pipeline?: string;
  /** whether a path names an existing file here (the CLI's cwd); no file hints without it */
  readonly fileExists?: (path: string) => boolean;
}

const quoted = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');

/** Hint lines for a result (none for a result that needs none). */
export function pipelineHints(result: NegotiationResult, ctx: HintContext): string[] {
  // files are read when the pipeline names them: a missing one is already the error ('resource'); with
  // --no-media the answer stands and the hint says what GStreamer would do here
  const read = result.error?.kind === 'resource';
  const hints: string[] = !read && ctx.pipeline !== undefined && ctx.fileExists !== undefined ? missingFiles(result, ctx.pipeline, ctx.registry, ctx.fileExists) : [];
  if (result.verdict !== 'failed') return hints;
  const missing = /^no element "([^"]+)"$/.exec(result.error.message);
  if (result.error.kind === 'no-element' && missing !== null) {
    const name = missing[1]!;
    const near = suggestions(ctx.registry.names(), name);
    if (near.length > 0) hints.push(`did you mean ${quoted(near)}?`);
    const elsewhere = GST_VERSIONS.filter((v) => v !== ctx.gst && defaultRegistry(v).get(name) !== undefined);
    if (elsewhere.length > 0) {
      hints.push(`${name} is in the embedded GStreamer ${elsewhere.join(' and ')} registry: --gst ${elsewhere[0]!}`);
    } else if (!near.some((n) => editDistance(n, name) <= 1)) {
      // one letter off is a typo; anything else may be a plugin this registry lacks
      hints.push(
        `${name} is not in ${ctx.gst !== undefined ? `the embedded GStreamer ${ctx.gst} registry` : 'this registry'}: if it is installed where the pipeline runs, ` +
          `import that machine's registry there (capsflow registry import --out board.json) and use it (--registry board.json, or CAPSFLOW_REGISTRY)`,
      );
    }
  }
  if (ctx.pipeline !== undefined) {
    const pair = missingBang(ctx.pipeline, ctx.registry);
    if (pair !== null) hints.push(`missing '!' between ${pair[0]} and ${pair[1]}? Without it gst-launch-1.0 makes two unlinked elements`);
  }
  return hints;
}

/**
 * Two words with no '!' between them where the second is a known factory that takes input: gst-launch
 * reads them as two elements left unlinked. (A source there starts a new chain, which is legitimate.)
 */
function missingBang(pipeline: string, registry: Registry): [string, string] | null {
  const tokens = pipeline.match(/"(?:[^"\\]|\\.)*"|'[^']*'|!|[^\s!"']+/g) ?? [];
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!;
    const word = tokens[i]!;
    if (prev === '!' || prev === '(' || prev.endsWith('=') || word.includes('=') || word.includes('.')) continue;
    const factory = registry.get(word);
    if (factory === undefined || !factory.padTemplates.some((t) => t.direction === 'sink')) continue;
    // the words before: the previous element (or its last property or caps) ends the chain there
    return [prev, word];
  }
  return null;
}

/**
 * A file source whose location is not here: the answer stands (the pipeline may be meant for another
 * machine), but run here GStreamer stops at once with "Resource not found".
 */
function missingFiles(result: NegotiationResult, pipeline: string, registry: Registry, fileExists: (path: string) => boolean): string[] {
  const tokens = pipeline.match(/"(?:[^"\\]|\\.)*"|'[^']*'|!|[^\s!"']+/g) ?? [];
  const hints: string[] = [];
  let factory: string | undefined;
  // the n-th element of a factory in the text is the n-th in the result (gst-launch names them in that order)
  const seen = new Map<string, number>();
  let element = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '!') factory = undefined;
    else if (!t.includes('=') && registry.get(t) !== undefined) {
      factory = t;
      const n = seen.get(t) ?? 0;
      seen.set(t, n + 1);
      element = result.elements.filter((e) => e.factory === t)[n]?.name ?? t;
    }
    else if (factory !== undefined && t.startsWith('location=') && registry.get(factory)?.klass.includes('Source/File') === true) {
      let path = t.slice('location='.length);
      if (path === '' && /^["']/.test(tokens[i + 1] ?? '')) path = tokens[i + 1]!;
      path = path.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
      if (path !== '' && !path.includes('%') && !fileExists(path)) {
        hints.push(`${element}'s location ${path} does not exist here: run here, GStreamer stops with "Resource not found" (No such file "${path}")`);
      }
    }
  }
  return hints;
}
