import { describe, expect, it } from 'vitest';
import { caret, formatReport, style, table, verdict, visibleLength } from '../../src/cli/format.js';
import { negotiated, notNegotiated, syntaxError, violation } from './results.js';

const plain = style({ color: false });

describe('caret', () => {
  it.each([
    // input, offset, length → the two lines
    ['video/x-raw, width=(int)abc', 24, 3, '  video/x-raw, width=(int)abc\n                          ^~~\n'],
    ['a ! ! b', 4, 1, '  a ! ! b\n      ^\n'],
    ['abc', 3, 1, '  abc\n     ^\n'], // at the end: "something expected here"
    ['abc', 99, 1, '  abc\n     ^\n'],
    ['first line\nsecond line', 14, 2, '  second line\n     ^~\n'],
    ['tab\there', 4, 1, '  tab here\n      ^\n'],
  ])('%j at %i', (text, offset, length, expected) => {
    expect(caret(text, offset, length)).toBe(expected);
  });

  it('keeps the caret under the right character in a long pipeline', () => {
    const text = `${'videotestsrc ! queue ! '.repeat(20)}nosuchelement ! fakesink`;
    const offset = text.indexOf('nosuchelement');
    const [shown = '', mark = ''] = caret(text, offset, 13, 60).split('\n');
    expect(shown.startsWith('  …')).toBe(true);
    const col = mark.indexOf('^');
    expect(shown.slice(col, col + 13)).toBe('nosuchelement');
    expect(mark.slice(col)).toBe(`^${'~'.repeat(12)}`);
  });
});

describe('style', () => {
  it('colours only when the io allows it', () => {
    expect(style({ color: false }).red('x')).toBe('x');
    expect(style({ color: true }).red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(visibleLength(style({ color: true }).bold('abc'))).toBe(3);
  });
});

describe('table', () => {
  it('pads columns to the widest cell, numbers right-aligned, colour codes not counted', () => {
    const red = style({ color: true }).red;
    expect(table(['result', 'n'], [['negotiated', '998'], [red('failed'), '2']], { right: [1] })).toBe(
      ['result        n', '----------  ---', 'negotiated  998', `${red('failed')}        2`, ''].join('\n'),
    );
  });
});

describe('formatReport', () => {
  it('a negotiated pipeline: verdict, elements, links with caps, pads', () => {
    const text = formatReport(negotiated, plain);
    expect(text.split('\n')[0]).toBe('negotiated');
    expect(text).toContain('  capsfilter0    capsfilter    profile  yes');
    expect(text).toContain('  videotestsrc0.src ! capsfilter0.sink\n    video/x-raw, format=(string)I420, width=(int)320');
    // every pad is on a link with the same caps: no second listing
    expect(text).not.toContain('pads');
    expect(text).not.toContain('\x1b[');
  });

  it('pads the links do not show are listed apart', () => {
    const text = formatReport({ ...negotiated, pads: { ...negotiated.pads, 'fakesink0.sink': 'video/x-raw, format=(string)NV12' } }, plain);
    expect(text).toContain('other pads\n  fakesink0.sink: video/x-raw, format=(string)NV12\n');
  });

  it('a failure says where, and explains', () => {
    const text = formatReport(notNegotiated, plain);
    expect(text.split('\n')[0]).toBe('not negotiated (not-negotiated) at capsfilter1.sink: capsfilter1: no common caps with capsfilter0');
    expect(text).toContain('conflict: format: RGBA (capsfilter0) vs NV12 (capsfilter1) at capsfilter1.sink');
    expect(text).toContain('(not negotiated)');
    // the steps only with --explain
    expect(text).not.toContain('how it got there');
    expect(text).toContain('(--explain shows the 2 step(s) that led here)');
    const explained = formatReport(notNegotiated, plain, { explain: true });
    expect(explained).toContain('    how it got there:\n      1. capsfilter0.src: caps filter restricts the source\n           offered:  video/x-raw, format=(string)RGBA\n');
  });

  it('a bad-input explanation that only repeats the error is not shown', () => {
    const text = formatReport({ ...syntaxError, explain: { summary: 'link without a sink element', steps: [] } }, plain);
    expect(text).not.toContain('explanation');
  });

  it('violations, probes and allocation as tables', () => {
    const text = formatReport(violation, plain);
    expect(text.split('\n')[0]).toBe('negotiated, with 1 policy violation(s)');
    expect(text).toContain(
      'policy violations\n  videoflip0 [maps-protected-memory]: videoflip0 rotates frames, so it maps the protected memory of v4l2src0\n' +
        '    evidence: v4l2src0 (sealed-memfd, memfd): READWRITE map refused (EPERM), memory:DMABuf attached\n',
    );
    expect(text).toMatch(/memory probes\n {2}exporter +memory +kind +read +readwrite +errno +feature\n[ -]+\n {2}v4l2src0 +sealed-memfd +memfd +yes +no +EPERM +memory:DMABuf/);
    expect(text).toMatch(
      /allocation\n.*\n.*\n {2}v4l2src0\.src ! queue0\.sink +v4l2src0 +yes +GstVideoBufferPool 460800\/2\/0 +dmabuf +GstVideoMeta +dmabuf, 460800\/2\/0\n/,
    );
    expect(text).toMatch(/importers\n {2}importer +exporter +dmabuf memory +zero-copy +message\n.*\n {2}waylandsink0 +v4l2src0 +yes +yes +waylandsink0 receives/);
    expect(text).toContain('notes\n  v4l2src0 and waylandsink0 have no behaviour profile: template-only');
  });

  it('a syntax error gets the caret under the offending character', () => {
    const pipeline = 'videotestsrc ! ! fakesink';
    expect(formatReport(syntaxError, plain, { pipeline })).toBe(
      'not negotiated (syntax): link without a sink element\n  videotestsrc ! ! fakesink\n                 ^\n',
    );
  });

  it('verdicts', () => {
    expect([negotiated, notNegotiated, violation, syntaxError].map(verdict)).toEqual(['negotiated', 'failed', 'violations', 'failed']);
    expect(verdict({ ...notNegotiated, error: { kind: 'policy', message: 'x' } })).toBe('violations');
  });
});
