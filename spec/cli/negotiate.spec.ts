/**
 * `capsflow negotiate`: argument handling, exit statuses and the pictures, in-process with a fake io.
 * outputResult is fed hand-built results (spec/cli/results.ts) so the rendering is tested apart from the
 * engine; end-to-end runs through the engine are in spec/cli/negotiate-e2e.spec.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import negotiateCommand, { exitStatus, outputResult, parseMemory } from '../../src/cli/commands/negotiate.js';
import { UsageError } from '../../src/cli/io.js';
import { fakeIo } from './fake-io.js';
import { negotiated, notNegotiated, syntaxError, violation } from './results.js';

const dir = mkdtempSync(join(tmpdir(), 'capsflow-negotiate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit status', () => {
  it.each([
    ['negotiated', negotiated, 0],
    ['not negotiated', notNegotiated, 1],
    ['policy violations', violation, 1],
    ['policy error', { ...notNegotiated, error: { kind: 'policy' as const, message: 'x' } }, 1],
    ['link failed', { ...notNegotiated, error: { kind: 'link-failed' as const, message: 'could not link' } }, 1],
    ['syntax', syntaxError, 2],
    ['no element', { ...syntaxError, error: { kind: 'no-element' as const, message: 'no element "foo"', offset: 0, length: 3 } }, 2],
    ['memory that cannot be allocated', { ...notNegotiated, error: { kind: 'memory' as const, message: 'cannot allocate', element: 'v4l2src0' } }, 2],
    ['bad JSON graph', { ...syntaxError, error: { kind: 'no-element' as const, message: 'x', path: ['elements', 0, 'factory'] } }, 2],
  ])('%s → %i', (_name, result, status) => {
    expect(exitStatus(result)).toBe(status);
  });
});

describe('outputResult', () => {
  it('--json prints the NegotiationResult itself', async () => {
    const io = fakeIo();
    expect(await outputResult(violation, io, { json: true })).toBe(1);
    expect(JSON.parse(io.out())).toEqual(violation);
    expect(io.err()).toBe('');
  });

  it('bad input goes to stderr with the caret, nothing on stdout', async () => {
    const io = fakeIo();
    expect(await outputResult(syntaxError, io, { pipeline: 'videotestsrc ! ! fakesink' })).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('not negotiated (syntax): link without a sink element\n  videotestsrc ! ! fakesink\n                 ^\n');
  });

  it('colour only when the io says so', async () => {
    const tty = fakeIo({ isTTY: true, color: true });
    await outputResult(negotiated, tty, {});
    expect(tty.out()).toContain('\x1b[32m');
    const pipe = fakeIo({ isTTY: false, color: false });
    await outputResult(negotiated, pipe, {});
    expect(pipe.out()).not.toContain('\x1b[');
  });

  it('writes DOT, SVG and HTML', async () => {
    const io = fakeIo();
    const files = { dot: join(dir, 'g.dot'), svg: join(dir, 'g.svg'), html: join(dir, 'g.html') };
    expect(await outputResult(violation, io, files)).toBe(1);
    expect(readFileSync(files.dot, 'utf8')).toMatch(/^digraph pipeline \{/);
    expect(readFileSync(files.svg, 'utf8')).toContain('videoflip0');
    const html = readFileSync(files.html, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('an unwritable picture path is exit 2 with the reason on stderr', async () => {
    const io = fakeIo();
    expect(await outputResult(negotiated, io, { dot: join(dir, 'no/such/dir/g.dot') })).toBe(2);
    expect(io.err()).toMatch(/cannot write the picture: ENOENT/);
  });
});

describe('arguments', () => {
  it.each([
    [['v4l2src0=sealed-memfd', 'x=dma-heap:system', 'y=fd:3', 'z=memfd', 'a=shm', 'b=udmabuf'], { v4l2src0: 'sealed-memfd', x: 'dma-heap:system', y: 'fd:3', z: 'memfd', a: 'shm', b: 'udmabuf' }],
  ])('--memory %j', (specs, expected) => {
    expect(parseMemory(specs)).toEqual(expected);
  });

  it.each([
    [['v4l2src0'], /ELEMENT=SPEC/],
    [['=memfd'], /ELEMENT=SPEC/],
    [['v4l2src0=dmabuf'], /not memfd, sealed-memfd, shm, udmabuf, dma-heap:NAME or fd:N/],
    [['v4l2src0=fd:x'], /not memfd/],
    [['a=memfd', 'a=shm'], /given twice/],
  ])('--memory %j is refused', (specs, message) => {
    expect(() => parseMemory(specs)).toThrow(UsageError);
    expect(() => parseMemory(specs)).toThrow(message);
  });

  it.each([
    [[], /missing PIPELINE/],
    [['--graph', 'g.json', 'fakesink'], /either PIPELINE or --graph/],
    [['--bogus', 'fakesink'], /unknown option '--bogus'/],
    [['--memory', 'x', 'fakesink'], /ELEMENT=SPEC/],
  ])('%j is a usage error', async (args, message) => {
    await expect(negotiateCommand(args, fakeIo())).rejects.toThrow(message);
  });

  it('an unreadable or non-JSON --graph file is exit 2', async () => {
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--graph', 'missing.json'], io)).toBe(2);
    expect(io.err()).toMatch(/cannot read .*missing\.json/);
  });

  it('--help documents options, examples and exit statuses', async () => {
    const io = fakeIo();
    expect(await negotiateCommand(['--help'], io)).toBe(0);
    for (const word of ['--json', '--explain', '--trace', '--registry', '--memory', '--graph', '--dot', '--svg', '--html', 'examples:', 'exit status:']) {
      expect(io.out()).toContain(word);
    }
  });
});
