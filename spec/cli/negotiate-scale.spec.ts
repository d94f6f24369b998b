/**
 * `capsflow negotiate` on a 10,000-element chain: the report and the DOT text come out, while a picture
 * (SVG/HTML: Graphviz's layout grows much faster than the graph) is refused with a clear error, not a hang.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { fakeIo } from './fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'capsflow-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pipeline = `videotestsrc ! ${Array<string>(10_000).fill('identity').join(' ! ')} ! fakesink`;

describe('capsflow negotiate with 10,000 elements', () => {
  it('reports and writes the DOT text (exit 0)', async () => {
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand(['--dot', 'g.dot', pipeline], io)).toBe(0);
    expect(io.out()).toContain('fakesink0');
    expect(readFileSync(join(dir, 'g.dot'), 'utf8')).toContain('subgraph cluster_identity9999_');
  });

  it.each([['--svg', 'g.svg'], ['--html', 'g.html']])('%s: a clear error that the graph is too large to draw (exit 2)', async (flag, file) => {
    const io = fakeIo({ cwd: dir });
    expect(await negotiateCommand([flag, file, pipeline], io)).toBe(2);
    expect(io.err()).toMatch(/10002 elements, more than the 1000 .*use --dot FILE/);
  });
});
