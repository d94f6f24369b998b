#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startupSnapshot } from 'node:v8';
import { suggestions } from './hints.js';
import { processIo, UsageError, type CliIo, type Command } from './io.js';

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  caps: { summary: 'parse, print and combine caps (parse|intersect|subset|fixate|...)', load: async () => (await import('./commands/caps.js')).default },
  negotiate: { summary: 'negotiate a gst-launch pipeline statically', load: async () => (await import('./commands/negotiate.js')).default },
  probe: { summary: 'allocate or adopt an fd and probe whether it maps READWRITE', load: async () => (await import('./commands/probe.js')).default },
  registry: { summary: 'import, list and inspect element templates (import|list|inspect)', load: async () => (await import('./commands/registry.js')).default },
  check: { summary: 'negotiate many pipelines from files or directories', load: async () => (await import('./commands/check.js')).default },
};

function version(): string {
  // dist/cli/main.js (tsc) or dist/cli/bundle/capsflow.js (the bundled CLI, scripts/bundle-cli.mjs)
  const url = new URL(import.meta.url.includes('/cli/bundle/') ? '../../../package.json' : '../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version: string };
  return pkg.version;
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: capsflow <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'capsflow <command> --help shows the options and examples of one command; capsflow --version (-v)',
    'its version.',
    'exit status: 0 success, 1 a negative answer (not negotiated, empty, violations), 2 bad input,',
    '3 undetermined (caps that need the device, the network peer or the data: negotiate, check),',
    '141 the reader of stdout went away (capsflow ... | head), quietly, as coreutils killed by SIGPIPE.',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  // -v, -V and --version all print the version (gst-launch-1.0's -v means verbose, but capsflow has no such flag)
  if (name === '--version' || name === '-V' || name === '-v' || name === 'version') {
    io.stdout(`capsflow ${version()}\n`);
    return 0;
  }
  const cmd = commands[name];
  if (cmd === undefined) {
    const near = suggestions(Object.keys(commands), name);
    io.stderr(`capsflow: unknown command '${name}'${near.length > 0 ? ` (did you mean '${near[0]!}'?)` : ''}\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await cmd.load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // one line: what is wrong, then where the options are
      io.stderr(`capsflow ${name}: ${e.message}; see 'capsflow ${name} --help'\n`);
      return 2;
    }
    throw e;
  }
}

/** Run the CLI in this process on `argv` (the words after the program) and set its exit status. */
export function runCli(argv: readonly string[]): void {
  main(argv, processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`capsflow: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}

// Run only when executed, not when imported by tests, nor while the startup snapshot is built from it (snapshot.ts).
const self = process.argv[1];
if (self !== undefined && !startupSnapshot.isBuildingSnapshot() && import.meta.url === pathToFileURL(realpathSync(self)).href) runCli(process.argv.slice(2));
