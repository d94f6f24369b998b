/**
 * The command line as users type it: argv words read as gst_parse_launchv reads them
 * (gst/gstparse.c _gst_parse_escape), a pasted gst-launch-1.0 with its options, shell quoting removed
 * as sh does. Every corpus pipeline split into argv words as a shell would gives the same answer as
 * its one-string form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeLaunchWord, launchDescription, negotiate, pipelineWords, shellWords } from '../../src/negotiation/index.js';

const corpus = readFileSync(new URL('../../fixtures/pipelines/corpus.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

/** argv words of a command line, as sh splits it (throws on a quoting error) */
function argv(line: string): string[] {
  const r = shellWords(line);
  if (!r.ok) throw new Error(`${r.message} at ${r.offset}`);
  return r.words;
}

describe('_gst_parse_escape', () => {
  it.each([
    ['font-desc=Sans, 48', 'font-desc=Sans,\\ 48'],
    ['caps=video/x-raw, format=NV12', 'caps=video/x-raw,\\ format=NV12'],
    ['text="a b"', 'text="a b"'],
    ['a"b c"d e', 'a"b c"d\\ e'],
    ['"x \\" y" z', '"x \\" y"\\ z'],
    ['!', '!'],
  ])('%s → %s', (word, escaped) => {
    expect(escapeLaunchWord(word)).toBe(escaped);
  });
});

describe('sh word splitting', () => {
  it.each([
    [`videotestsrc ! textoverlay font-desc="Sans, 48" ! fakesink`, ['videotestsrc', '!', 'textoverlay', 'font-desc=Sans, 48', '!', 'fakesink']],
    [`v4l2src ! 'video/x-raw,width=640,height=480' ! fakesink`, ['v4l2src', '!', 'video/x-raw,width=640,height=480', '!', 'fakesink']],
    [`a\\ b "c\\"d" 'e\\f'`, ['a b', 'c"d', 'e\\f']],
    [`x ""`, ['x', '']],
    [`udpsrc caps="application/x-rtp, media=(string)video" ! fakesink`, ['udpsrc', 'caps=application/x-rtp, media=(string)video', '!', 'fakesink']],
  ])('%s', (line, words) => {
    expect(argv(line)).toEqual(words);
  });

  it('an unterminated quote is an error at the quote', () => {
    expect(shellWords(`a "b c`)).toEqual({ ok: false, message: 'unterminated double quote', offset: 2 });
    expect(shellWords(`a 'b`)).toEqual({ ok: false, message: 'unterminated single quote', offset: 2 });
  });
});

describe('a pasted gst-launch-1.0 command', () => {
  it.each([
    [['gst-launch-1.0', '-v', 'videotestsrc', '!', 'fakesink'], ['videotestsrc', '!', 'fakesink']],
    [['gst-launch-1.0', '-e', '-q', '-m', 'videotestsrc', '!', 'fakesink'], ['videotestsrc', '!', 'fakesink']],
    [['GST_DEBUG=3', 'sudo', '/usr/bin/gst-launch-1.0', '--gst-debug-level', '3', '-v', 'a', '!', 'b'], ['a', '!', 'b']],
    [['gst-launch-1.0', '--gst-debug=GST_CAPS:5', '-X', 'x', 'a'], ['a']],
    [['videotestsrc', '!', 'fakesink'], ['videotestsrc', '!', 'fakesink']],
  ])('%j', (words, pipeline) => {
    expect(pipelineWords(words)).toMatchObject({ ok: true, words: pipeline });
  });

  it('an option gst-launch-1.0 does not have is an error, as there', () => {
    expect(pipelineWords(['gst-launch-1.0', '--frobnicate', 'a'])).toEqual({ ok: false, message: "'--frobnicate' is not a gst-launch-1.0 option" });
  });

  it('after gst-launch-1.0 one quoted word is one token, as gst-launch-1.0 reads it (a syntax error there too)', () => {
    expect(negotiate(launchDescription(['videotestsrc num-buffers=1 ! fakesink'], true)).error?.kind).toBe('syntax');
    // without the program word, one word is a whole description (gst_parse_launch)
    expect(negotiate(launchDescription(['videotestsrc num-buffers=1 ! fakesink'], false)).verdict).toBe('negotiated');
  });
});

describe('published commands with quoted properties negotiate', () => {
  it.each([
    `gst-launch-1.0 -v videotestsrc ! textoverlay text="Room A" valignment=top halignment=left font-desc="Sans, 48" ! videoconvert ! fakesink`,
    `gst-launch-1.0 videotestsrc ! clockoverlay halignment=right valignment=bottom font-desc="Sans, 36" time-format="%H:%M:%S" ! videoconvert ! fakesink`,
    `gst-launch-1.0 -e videotestsrc ! "video/x-raw, width=(int)640, height=(int)480, framerate=(fraction)30/1" ! videoconvert ! fakesink`,
    `gst-launch-1.0 audiotestsrc ! 'audio/x-raw, format=S16LE, rate=48000, channels=2' ! audioconvert ! fakesink`,
  ])('%s', (line) => {
    const words = pipelineWords(argv(line));
    expect(words.ok).toBe(true);
    if (!words.ok) return;
    const r = negotiate(launchDescription(words.words, true));
    expect(r.error).toBeNull();
    expect(r.verdict).toBe('negotiated');
  });

  it('the font description arrives whole', () => {
    const words = argv(`videotestsrc ! textoverlay font-desc="Sans, 48" ! fakesink`);
    const r = negotiate(launchDescription(words, false));
    expect(r.verdict).toBe('negotiated');
    // the gst_parse_launch reading of the same text without the shell: "48" would be an element
    expect(negotiate(words.join(' ')).error).toMatchObject({ kind: 'no-element' });
  });
});

const ABGR = (w: number): string =>
  `video/x-raw, format=(string)ABGR64_LE, width=(int)${w}, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive`;

/**
 * Corpus lines that test gst_parse_launch's own reading of quotes: a shell removes those quotes first,
 * so the command line is another input. Their argv form must give what gst-launch-1.0 -v printed for the
 * typed command (GStreamer 1.22 on this machine, 2026-12-07): the sink pad's caps.
 */
const SHELL_READS_OTHERWISE: Readonly<Record<string, readonly [string, string]>> = {
  'videotestsrc num-buffers=1 ! "video/x-raw,width=100" ! fakesink': ['fakesink0.sink', ABGR(100)],
  "videotestsrc num-buffers=1 ! 'video/x-raw,width=100' ! fakesink": ['fakesink0.sink', ABGR(100)],
  'videotestsrc num-buffers=1 ! "video/x-raw,format=RGB;video/x-raw,format=BGR" ! fakesink': [
    'fakesink0.sink',
    'video/x-raw, format=(string)RGB, width=(int)320, height=(int)240, framerate=(fraction)30/1, multiview-mode=(string)mono, pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive',
  ],
  "videotestsrc num-buffers=1 pattern='ball' ! fakesink": ['fakesink0.sink', ABGR(320)],
  "videotestsrc num-buffers=1 ! fakesink name='a b'": ['a b.sink', ABGR(320)],
};

describe('the corpus as argv words', () => {
  it(`all ${corpus.length} pipelines: the same answer as the one-string form`, () => {
    const differ: string[] = [];
    let unquotable = 0;
    for (const line of corpus) {
      const one = negotiate(line);
      const split = shellWords(line);
      if (!split.ok) {
        // a quote left open (name="abc): no shell runs it, there is no argv form to compare
        expect(split.message).toMatch(/unterminated/);
        unquotable++;
        continue;
      }
      const words = negotiate(launchDescription(split.words, true));
      const typed = SHELL_READS_OTHERWISE[line];
      if (typed !== undefined) {
        expect([words.verdict, words.pads[typed[0]]], line).toEqual(['negotiated', typed[1]]);
        continue;
      }
      const a = JSON.stringify([one.verdict, one.error?.kind ?? null, one.pads]);
      const b = JSON.stringify([words.verdict, words.error?.kind ?? null, words.pads]);
      if (a !== b) differ.push(`${line}\n  one string: ${a}\n  argv words: ${b}`);
    }
    expect(differ).toEqual([]);
    expect(unquotable).toBeLessThan(10);
  });
});
