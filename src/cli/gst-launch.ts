/**
 * Run `gst-launch-1.0 -v PIPELINE` and read what it printed into the shape
 * `negotiate()` answers in. Used by `capsflow negotiate --compare` and by the oracle suites (spec/oracle).
 *
 * What gst-launch -v prints: with -v it connects to `deep-notify::caps`, so every pad whose caps are
 * set prints one line `<object path>: caps = <caps>` when they are set (again on renegotiation):
 *
 *   /GstPipeline:pipeline0/GstVideoTestSrc:videotestsrc0.GstPad:src: caps = video/x-raw, ...
 *   /GstPipeline:pipeline0/GstTee:t.GstTeePad:src_0: caps = ...
 *   /GstPipeline:pipeline0/GstFakeVideoSink:fakevideosink0.GstGhostPad:sink: caps = ...
 *   /GstPipeline:pipeline0/GstFakeVideoSink:fakevideosink0.GstGhostPad:sink.GstProxyPad:proxypad0: caps = ...
 *   /GstPipeline:pipeline0/GstFakeVideoSink:fakevideosink0/GstFakeSink:sink.GstPad:sink: caps = ...
 *
 * How the lines become `pads` ("element.pad" → caps, the last line per pad wins):
 *  - pads of the elements the pipeline text made (children of pipeline0), including a bin's ghost pads
 *    ("fakevideosink0.sink", "b.ghost0"): these are `pads`, what negotiate() must reproduce;
 *  - pads of elements inside a bin, and the proxy pads inside ghost pads, are internals of that bin:
 *    they go to `nested`, keyed "bin/child.pad" and "bin.ghostpad.proxypad", and are not compared.
 *
 * How failures are classified (`errorKind`), from GStreamer's own words:
 *  - gst_parse_launch's first error, printed "WARNING: erroneous pipeline: E" (or "ERROR: pipeline could not be
 *    constructed: E." when no pipeline was made at all):
 *  - "syntax error", "no property ...", "could not set property ...", "could not parse caps ...", "unexpected
 *    reference ...", "specified empty bin ...", presets → 'syntax'
 *  - "no element "X"", "No src-element/sink-element named ...", "no bin ...", no element for a URI → 'no-element'
 *  - "WARNING: erroneous pipeline: could not link X to Y[, X can't handle caps C]" → 'link-failed'
 *    (gst-launch also says this when a named pad does not exist; it never reports a separate 'no-pad')
 *  - the first runtime "ERROR: from element E: ..." whose debug says "reason not-negotiated", or
 *    capsfilter's "Filter caps do not completely specify the output format" (STREAM/FORMAT) → 'not-negotiated'
 *  - anything else that fails (a timeout, another runtime error) → ok false with errorKind null.
 */
import { spawn } from 'node:child_process';

export type LaunchErrorKind = 'syntax' | 'no-element' | 'no-pad' | 'link-failed' | 'not-negotiated';

export interface LaunchResult {
  readonly ok: boolean;
  readonly errorKind: LaunchErrorKind | null;
  /** GStreamer's message: the erroneous-pipeline text or the first ERROR (with its debug reason) */
  readonly message: string;
  /** the element GStreamer blamed: the ERROR's source, the first element of "could not link", the unknown factory */
  readonly element?: string;
  /** "element.pad" → caps, for the elements of the pipeline text (last caps wins) */
  readonly pads: Readonly<Record<string, string>>;
  /** pads inside bins and proxy pads of ghost pads: "bin/child.pad", "bin.ghost.proxypad" */
  readonly nested: Readonly<Record<string, string>>;
}

export interface LaunchRun extends LaunchResult {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Split a pipeline description into gst-launch arguments. gst-launch hands argv to gst_parse_launchv,
 * which joins the words with spaces and escapes spaces outside double quotes; splitting on unquoted
 * whitespace, quotes kept, therefore gives gst-launch exactly the description gst_parse_launch would get.
 */
export function launchArgs(pipeline: string): string[] {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  for (let i = 0; i < pipeline.length; i++) {
    const c = pipeline[i] as string;
    if (c === '"' && pipeline[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && /\s/.test(c)) {
      if (word !== '') words.push(word);
      word = '';
    } else word += c;
  }
  if (word !== '') words.push(word);
  return words;
}

const CAPS_LINE = /^(\/\S.*?): caps = (.*)$/;

/** "GstTee:t" → "t" */
const objectName = (typed: string): string => typed.slice(typed.indexOf(':') + 1);

function padKey(path: string): { top: boolean; key: string } | null {
  const segments = path.split('/').slice(1); // ['GstPipeline:pipeline0', ..., 'GstX:x0.GstPad:src']
  const last = segments.at(-1);
  if (last === undefined || segments.length < 2) return null;
  // the last segment is the element, then its pad, then possibly a proxy pad inside a ghost pad
  const parts = last.split('.');
  const [element, ...pads] = parts;
  if (element === undefined || pads.length === 0) return null;
  const bins = segments.slice(1, -1).map(objectName);
  const key = [...bins, objectName(element)].join('/') + '.' + pads.map(objectName).join('.');
  return { top: bins.length === 0 && pads.length === 1, key };
}

/** Read gst-launch-1.0 -v output (stdout and stderr as printed). */
export function parseLaunchOutput(stdout: string, stderr: string, exitCode: number | null, timedOut = false): LaunchResult {
  const pads: Record<string, string> = {};
  const nested: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = CAPS_LINE.exec(line);
    if (m === null) continue;
    const caps = m[2] ?? '';
    // a pad's caps are reset to NULL on shutdown; the negotiated caps are the last real ones
    if (caps === 'NULL' || caps === '(NULL)') continue;
    const k = padKey(m[1] ?? '');
    if (k === null) continue;
    (k.top ? pads : nested)[k.key] = caps;
  }

  const all = `${stdout}\n${stderr}`;
  // gst_parse_launch's first error: a warning when it still made a pipeline, an error when it made none
  const erroneous = /^WARNING: erroneous pipeline: (.*)$/m.exec(all) ?? /^ERROR: pipeline could not be constructed: (.*)\.$/m.exec(all);
  if (erroneous !== null) {
    const message = erroneous[1] ?? '';
    let m: RegExpExecArray | null;
    if ((m = /^could not link (\S+) to (\S+?)(?:,|$)/.exec(message))) {
      return { ok: false, errorKind: 'link-failed', message, element: m[1] ?? '', pads, nested };
    }
    if (/^link has no (source|sink)/.test(message)) return { ok: false, errorKind: 'link-failed', message, pads, nested };
    if ((m = /^no element "([^"]*)"/.exec(message))) return { ok: false, errorKind: 'no-element', message, element: m[1] ?? '', pads, nested };
    if (/^(No (src|sink)-element named|no bin "|no (source|sink) element for URI)/.test(message)) return { ok: false, errorKind: 'no-element', message, pads, nested };
    if (/^(syntax error|no property |could not set property |could not parse caps |unexpected (pad-)?reference |specified empty bin |empty pipeline |Element "[^"]*" is not a GstPreset|could not set preset )/.test(message)) {
      return { ok: false, errorKind: 'syntax', message, pads, nested };
    }
    return { ok: false, errorKind: null, message, pads, nested };
  }

  const error = /^ERROR: from element ([^\n]*?): ([^\n]*)\n(?:Additional debug info:\n([^\n]*)\n([^\n]*)\n)?/m.exec(all);
  if (error !== null) {
    const source = error[1] ?? '';
    const element = objectName(source.split('/').at(-1) ?? '');
    const text = error[2] ?? '';
    const debug = error[4] ?? '';
    const message = debug === '' ? text : `${text} (${debug})`;
    const notNegotiated = /reason not-negotiated/.test(debug) || /^Filter caps do not completely specify the output format/.test(text);
    return { ok: false, errorKind: notNegotiated ? 'not-negotiated' : null, message, element, pads, nested };
  }
  if (timedOut) return { ok: false, errorKind: null, message: 'gst-launch-1.0 timed out', pads, nested };
  if (exitCode !== 0) {
    const first = all.split('\n').find((l) => /^(ERROR|WARNING)/.test(l)) ?? `gst-launch-1.0 exited with ${String(exitCode)}`;
    return { ok: false, errorKind: null, message: first, pads, nested };
  }
  return { ok: true, errorKind: null, message: '', pads, nested };
}

/** How to run gst-launch: its kill timer, the program, a root to run it in (`chroot ROOT gst-launch-1.0`, the 1.26 oracle), its working directory, and no display or sound server. */
export interface LaunchOptions {
  readonly timeoutMs?: number;
  readonly program?: string;
  readonly root?: string;
  readonly cwd?: string;
  /** unset DISPLAY and WAYLAND_DISPLAY: a sink that needs a display fails at once instead of finding the session's */
  readonly headless?: boolean;
}

/** Run `gst-launch-1.0 -v PIPELINE` (LC_ALL=C, GST_DEBUG unset) and parse what it printed. */
export function gstLaunch(pipeline: string, options: LaunchOptions = {}): Promise<LaunchRun> {
  return gstLaunchArgs(launchArgs(pipeline), options);
}

/** Run `gst-launch-1.0 -v ARGS...` (argv words as gst-launch gets them; LC_ALL=C, GST_DEBUG unset) and parse what it printed. */
export function gstLaunchArgs(words: readonly string[], options: LaunchOptions = {}): Promise<LaunchRun> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const env: Record<string, string | undefined> = { ...process.env, LC_ALL: 'C', NO_COLOR: '1' };
  delete env.GST_DEBUG;
  delete env.GST_DEBUG_FILE;
  if (options.headless === true) {
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
  }
  return new Promise((resolve, reject) => {
    const args = ['-v', ...words];
    const program = options.program ?? 'gst-launch-1.0';
    const spawnOptions = { env, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'], ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) };
    const child = options.root === undefined ? spawn(program, args, spawnOptions) : spawn('chroot', [options.root, program, ...args], spawnOptions);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ...parseLaunchOutput(stdout, stderr, code, timedOut), exitCode: code, timedOut, stdout, stderr });
    });
  });
}

