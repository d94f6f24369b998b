import type { CliIo } from '../../src/cli/io.js';

export interface FakeIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** A CliIo that records what a command prints; not a TTY and no colour unless asked. */
export function fakeIo(options: { isTTY?: boolean; color?: boolean; cwd?: string; env?: Record<string, string> } = {}): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTTY: options.isTTY ?? false,
    color: options.color ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
