import { parseArgs } from 'node:util';
import { readInputStream, type ReadInputResult } from '../negotiation/read-input.js';
import { suggestions } from './hints.js';

/** What a command may touch of the outside world; the only place output happens is through this. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stdout is a terminal */
  readonly isTTY: boolean;
  /** colour allowed: a TTY and NO_COLOR unset */
  readonly color: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** the whole of stdin (for `-`), at most maxBytes; absent where there is no stdin to read */
  readonly readStdin?: (maxBytes: number) => Promise<ReadInputResult>;
}

/** A command: parses its own argv, returns the exit status (0 ok, 1 negative answer, 2 bad input). */
export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/**
 * A reader that stops early (`capsflow registry list | head -3`) closes the pipe: end quietly with 141,
 * what a shell reports for coreutils killed by SIGPIPE (128 + 13), so `set -o pipefail` sees the same.
 */
export const EPIPE_STATUS = 141;

let epipeHandled = false;

export function processIo(): CliIo {
  const isTTY = process.stdout.isTTY === true;
  if (!epipeHandled) {
    epipeHandled = true;
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(EPIPE_STATUS);
        throw e;
      });
    }
  }
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isTTY,
    color: isTTY && (process.env.NO_COLOR === undefined || process.env.NO_COLOR === ''),
    env: process.env,
    cwd: process.cwd(),
    readStdin: (maxBytes) => readInputStream(process.stdin, maxBytes),
  };
}

/** Thrown by argument parsing inside commands; main turns it into exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One option of a command line, as node:util parseArgs takes it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

type OptionValue<S> = S extends { type: 'boolean' }
  ? S extends { multiple: true } ? boolean[] : boolean
  : S extends { multiple: true } ? string[] : string;

export interface CommandArgs<O> {
  readonly values: { readonly [K in keyof O]?: OptionValue<O[K]> } & { readonly help?: boolean };
  readonly positionals: string[];
}

/**
 * node:util parseArgs for a command: positionals allowed, `-h/--help` always known, and a malformed
 * command line turned into a UsageError (exit status 2) instead of parseArgs' TypeError.
 */
export function parseCommandArgs<const O extends Readonly<Record<string, OptionSpec>>>(args: readonly string[], options: O): CommandArgs<O> {
  try {
    const parsed = parseArgs({ args: [...args], allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    return parsed as unknown as CommandArgs<O>;
  } catch (e) {
    throw new UsageError(argsMessage(e as Error & { code?: string }, Object.keys(options)));
  }
}

/** parseArgs' messages (two sentences of advice about '--') as one line, with a nearest option. */
function argsMessage(e: Error & { code?: string }, names: readonly string[]): string {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    const given = unknown[1]!;
    const near = suggestions(
      names.map((n) => `--${n}`),
      given.startsWith('--') ? given.split('=')[0]! : `--${given.slice(1)}`,
    );
    return `unknown option '${given}'${near[0] !== undefined ? ` (did you mean '${near[0]}'?)` : ''}`;
  }
  const missing = /^Option '(-\S+)(?:, (--\S+))? <value>' argument missing/.exec(e.message);
  if (missing !== null) return `option ${missing[2] ?? missing[1]!} needs a value`;
  const noValue = /^Option '(-\S+)(?:, (--\S+))?' does not take an argument/.exec(e.message);
  if (noValue !== null) return `option ${noValue[2] ?? noValue[1]!} takes no value`;
  return e.message.split('. ')[0]!;
}
