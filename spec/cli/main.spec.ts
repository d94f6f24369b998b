import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import capsCommand from '../../src/cli/commands/caps.js';
import checkCommand from '../../src/cli/commands/check.js';
import negotiateCommand from '../../src/cli/commands/negotiate.js';
import { main } from '../../src/cli/main.js';
import { CLI, ensureBuilt, ROOT, runCli } from './dist.js';
import { fakeIo } from './fake-io.js';

const emptyDir = mkdtempSync(join(tmpdir(), 'capsflow-empty-'));
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.warn('spec/cli/main.spec.ts: terminal colour test SKIPPED: script(1) not found');
const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;

describe('help and version (in-process)', () => {
  it.each([
    ['caps', capsCommand],
    ['negotiate', negotiateCommand],
    ['check', checkCommand],
  ])('capsflow %s --help: usage, examples, exit statuses on stdout, exit 0', async (name, command) => {
    for (const flag of ['--help', '-h']) {
      const io = fakeIo();
      expect(await command([flag], io)).toBe(0);
      expect(io.out()).toMatch(new RegExp(`^usage: capsflow ${name} `));
      expect(io.out()).toContain('\nexamples:\n');
      expect(io.out()).toMatch(/\nexit status:\n {2}0 .*\n {2}1 .*\n(.|\n)* {2}2 /);
      expect(io.err()).toBe('');
    }
  });

  it.each(['caps', 'negotiate', 'check', 'probe', 'registry'])('every command has --help with examples and exit statuses: %s', async (name) => {
    const io = fakeIo();
    expect(await main([name, '--help'], io)).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^usage: capsflow ${name}`));
    expect(io.out()).toContain('examples:');
    expect(io.out()).toContain('exit status:');
  });

  it('capsflow --help lists every command; no command at all is a usage error', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const name of ['caps', 'negotiate', 'check', 'probe', 'registry']) expect(io.out()).toMatch(new RegExp(`\\n {2}${name} +\\S`));
    expect(await main([], fakeIo())).toBe(2);
  });

  it('usage errors go to stderr with exit 2', async () => {
    const io = fakeIo();
    expect(await main(['caps', 'intersect', 'video/x-raw'], io)).toBe(2);
    expect(io.err()).toBe("capsflow caps: 'intersect' takes two caps strings, got 1; see 'capsflow caps --help'\n");
    expect(io.out()).toBe('');
  });

  it.each([
    [['caps'], /missing OPERATION/],
    [['caps', 'frobnicate', 'x'], /unknown operation 'frobnicate'/],
    [['caps', 'subset', 'a', 'b', '--mode', 'first'], /--mode applies to intersect only/],
    [['caps', 'intersect', 'a', 'b', '--mode', 'last'], /--mode must be zigzag or first/],
    [['check'], /missing FILE or DIR/],
    [['check', '--jobs', '0', '.'], /--jobs takes a whole number/],
  ])('%j is a usage error', async (args, message) => {
    const io = fakeIo();
    expect(await main(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
  });

});

describe('the built CLI (child processes)', () => {
  beforeAll(() => ensureBuilt());

  it('--version', () => {
    const r = runCli(['--version']);
    expect(r).toEqual({ status: 0, stdout: `capsflow ${version}\n`, stderr: '' });
  });

  it('negotiate --help, and a usage error with exit 2 on stderr', () => {
    expect(runCli(['negotiate', '--help']).stdout).toMatch(/^usage: capsflow negotiate/);
    const r = runCli(['negotiate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing PIPELINE');
  });

  it('no colour when stdout is not a terminal', () => {
    const r = runCli(['check', emptyDir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('negotiated');
    expect(r.stdout).not.toContain('\x1b[');
  });

  // script(1) gives the CLI a real terminal
  it.runIf(hasScript)('colour on a terminal, none with NO_COLOR', () => {
    const tty = (env: Record<string, string>): string =>
      execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" check "${emptyDir}"`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...env } });
    let colored = '';
    try {
      tty({});
    } catch (e) {
      colored = String((e as { stdout?: string }).stdout);
    }
    expect(colored).toContain('\x1b[32mnegotiated\x1b[39m');
    let uncolored = '';
    try {
      tty({ NO_COLOR: '1' });
    } catch (e) {
      uncolored = String((e as { stdout?: string }).stdout);
    }
    expect(uncolored).toContain('negotiated');
    expect(uncolored).not.toContain('\x1b[');
  });
});
