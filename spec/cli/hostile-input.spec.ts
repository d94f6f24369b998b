/**
 * Issue 17's last two CLI reproductions, through the built CLI in child processes: `negotiate` with bins
 * nested deeper than the parser recurses (a RangeError and exit 70 before) and `--graph` with a huge
 * element name (a RangeError in the report table and exit 70 before). Now a positioned syntax error
 * (exit 2), a file over the read limit refused before it is read (exit 2), and a name under the limit
 * shortened in the tables (exit 0). spec/cli/bounds.spec.ts has the rest of the CLI bounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT } from './dist.js';

const run = (args: readonly string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  expect(r.error).toBeUndefined();
  return r;
};

/** a graph whose tee is named by `bytes` letters; the name occurs three times in the file */
const graph = (bytes: number): string => {
  const name = 'a'.repeat(bytes);
  return JSON.stringify({
    elements: [{ factory: 'videotestsrc' }, { factory: 'tee', name }, { factory: 'fakesink' }],
    links: [{ src: 'videotestsrc0', sink: name }, { src: name, sink: 'fakesink0' }],
  });
};

let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'capsflow-names-'));
}, 180_000);
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('negotiate with 1,500 nested bins', () => {
  it('a positioned syntax error, exit 2, no internal error', () => {
    const r = run(['negotiate', `videotestsrc ! ${'( '.repeat(1_500)}identity${' )'.repeat(1_500)} ! fakesink`]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('bins nested deeper than 256 levels: too deep for capsflow');
    expect(r.status).toBe(2);
  });
});

describe('--graph with a huge element name', () => {
  it('a 25 MiB name (a 75 MiB file): refused before reading, exit 2', () => {
    const file = join(dir, 'big-name.json');
    writeFileSync(file, graph(25 * 1024 * 1024));
    const r = run(['negotiate', '--graph', file]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('more than the 64 MiB read');
    expect(r.status).toBe(2);
  });

  it('a 10 MiB name: negotiated, the tables shorten it, exit 0', () => {
    const file = join(dir, 'name.json');
    writeFileSync(file, graph(10 * 1024 * 1024));
    const r = run(['negotiate', '--graph', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`… (${10 * 1024 * 1024} characters) …`);
  });
});
