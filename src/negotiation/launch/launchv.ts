/**
 * The command line as users type it. gst-launch-1.0 hands its argv words to gst_parse_launchv, which
 * escapes each word (gst/gstparse.c _gst_parse_escape: a blank outside double quotes gets a backslash)
 * and joins them with spaces, so every word stays one token: `font-desc="Sans, 48"`, which the shell
 * delivers as `font-desc=Sans, 48`, is one property value. A pasted command keeps its program name and
 * options (`gst-launch-1.0 -v -e …`): those are recognised and dropped here.
 */

/** _gst_parse_escape: a backslash before each blank outside double quotes (a quote after a backslash inside quotes does not close them). */
export function escapeLaunchWord(word: string): string {
  let out = '';
  let inQuotes = false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '"' && (!inQuotes || word[i - 1] !== '\\')) inQuotes = !inQuotes;
    if (c === ' ' && !inQuotes) out += '\\';
    out += c;
  }
  return out;
}

/**
 * gst_parse_launchv's description: each word escaped, followed by one space (the last space is left out,
 * the same tokens, unless the last word ends in a backslash the space would be escaped by).
 */
export function launchvDescription(words: readonly string[]): string {
  let out = '';
  for (const w of words) out += `${escapeLaunchWord(w)} `;
  return out.endsWith('\\ ') ? out : out.slice(0, -1);
}

/** gst-launch-1.0's own options (GOption entries and GStreamer's --gst-* group); true: it takes a value. */
const GST_LAUNCH_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['-v', false],
  ['--verbose', false],
  ['-q', false],
  ['--quiet', false],
  ['-m', false],
  ['--messages', false],
  ['-t', false],
  ['--tags', false],
  ['-T', false],
  ['--toc', false],
  ['-i', false],
  ['--index', false],
  ['-f', false],
  ['--no-fault', false],
  ['-e', false],
  ['--eos-on-shutdown', false],
  ['--no-sigusr-handler', false],
  ['--no-position', false],
  ['--force-position', false],
  ['--version', false],
  ['--help', false],
  ['-h', false],
  ['-X', true],
  ['--exclude', true],
  ['--prog-name', true],
  ['--gst-version', false],
  ['--gst-fatal-warnings', false],
  ['--gst-debug-help', false],
  ['--gst-debug-no-color', false],
  ['--gst-disable-segtrap', false],
  ['--gst-disable-registry-update', false],
  ['--gst-disable-registry-fork', false],
  ['--gst-debug-level', true],
  ['--gst-debug', true],
  ['--gst-debug-color-mode', true],
  ['--gst-plugin-spew', false],
  ['--gst-plugin-path', true],
  ['--gst-plugin-load', true],
]);

const PROGRAM = /(^|\/)gst-launch(-1\.0|-0\.10)?(\.exe)?$/;

/** Where a gst-launch-1.0 word is among the first words (after `VAR=value` assignments and sudo), or -1. */
export function findGstLaunch(words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (PROGRAM.test(w)) return i;
    if (w === 'sudo' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) continue;
    return -1;
  }
  return -1;
}

export type LaunchWords = { readonly ok: true; readonly words: readonly string[]; readonly program: boolean } | { readonly ok: false; readonly message: string };

/**
 * The pipeline words of a command line: a leading `gst-launch-1.0` (with the `VAR=value` and `sudo`
 * before it) and its options are dropped; an option gst-launch-1.0 does not know is an error, as there.
 */
export function pipelineWords(words: readonly string[]): LaunchWords {
  const at = findGstLaunch(words);
  if (at < 0) return { ok: true, words, program: false };
  let i = at + 1;
  while (i < words.length) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    const eq = w.indexOf('=');
    const name = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
    const takesValue = GST_LAUNCH_OPTIONS.get(name);
    if (takesValue === undefined) return { ok: false, message: `'${w}' is not a gst-launch-1.0 option` };
    i += takesValue && eq < 0 ? 2 : 1;
  }
  return { ok: true, words: words.slice(i), program: true };
}

/**
 * The description gst_parse_launch reads for a command line's pipeline words: one word keeps
 * gst_parse_launch's own reading (a quoted whole pipeline) unless the words came after gst-launch-1.0,
 * which always escapes them (gst-launch-1.0 'a ! b' is one element name there, a syntax error).
 */
export function launchDescription(words: readonly string[], program: boolean): string {
  if (words.length === 1 && !program) return words[0]!;
  return launchvDescription(words);
}

export type ShellWords = { readonly ok: true; readonly words: string[] } | { readonly ok: false; readonly message: string; readonly offset: number };

/**
 * One command line split into words as a POSIX shell does, quotes removed: '…' literal, "…" with \\ \" \$ \`
 * escapes, a backslash outside quotes escapes the next character, a backslash-newline joins lines.
 * No expansion: `$VAR` and globs stay as written (capsflow cannot know the author's variables).
 */
export function shellWords(line: string): ShellWords {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: 'unterminated single quote', offset: i };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= line.length) return { ok: false, message: 'unterminated double quote', offset: i };
        const d = line[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < line.length && '\\"$`\n'.includes(line[j + 1]!)) {
          if (line[j + 1] !== '\n') cur += line[j + 1];
          j += 2;
          continue;
        }
        cur += d;
        j++;
      }
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') {
          cur += line[i + 1];
          inWord = true;
        }
        i += 2;
      } else i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    cur += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(cur);
  return { ok: true, words };
}
