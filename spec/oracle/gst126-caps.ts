/**
 * The caps oracle of GStreamer 1.26: spec/oracle/caps-server.ts (gst.ts's koffi binding and the hazard filter)
 * bundled with rolldown, copied into the Debian 13 root with the koffi package, and run by the root's node, so
 * it loads the root's libgstreamer-1.0.so.0 (1.26.2). One process answers a whole batch of questions.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer, CapsCase } from './cases.js';
import { ROOT_126 } from './gst126.js';

export type OracleLine = { readonly answer: Answer } | { readonly hazard: string } | { readonly error: string };

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** a dependency's folder (npm's flat node_modules; koffi's package exports no package.json to resolve) */
const packageDir = (name: string): string => join(REPO, 'node_modules', name);

let installed: string | null = null;

/** Bundle the server and install it with koffi under ROOT/tmp/capsflow-caps-HASH (once per source). */
async function install(): Promise<string> {
  if (installed !== null) return installed;
  const { build } = await import('rolldown');
  const out = await build({
    input: fileURLToPath(new URL('./caps-server.ts', import.meta.url)),
    platform: 'node',
    external: ['koffi'],
    logLevel: 'silent',
    write: false,
    output: { format: 'esm', codeSplitting: false },
  });
  const code = out.output.map((o) => ('code' in o ? o.code : '')).join('\n');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = `/tmp/capsflow-caps-${hash}`;
  const host = `${ROOT_126}${dir}`;
  if (!existsSync(`${host}/server.mjs`)) {
    mkdirSync(`${host}/node_modules/@koromix`, { recursive: true });
    cpSync(packageDir('koffi'), `${host}/node_modules/koffi`, { recursive: true });
    const binary = packageDir('@koromix/koffi-linux-x64');
    cpSync(binary, `${host}/node_modules/@koromix/koffi-linux-x64`, { recursive: true });
    writeFileSync(`${host}/server.mjs.part`, code);
    renameSync(`${host}/server.mjs.part`, `${host}/server.mjs`);
  }
  installed = dir;
  return dir;
}

/** GStreamer 1.26's answers (and its version string) for a batch of questions. */
export async function ask126(cases: readonly CapsCase[]): Promise<{ version: string; lines: OracleLine[] }> {
  const dir = await install();
  let stdout: string;
  try {
    stdout = execFileSync('chroot', [ROOT_126, 'node', `${dir}/server.mjs`], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      maxBuffer: 512 << 20,
      env: { ...process.env, LC_ALL: 'C', GST_DEBUG: '', NODE_OPTIONS: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    const partial = String((e as { stdout?: string }).stdout ?? '');
    const done = partial.split('\n').filter((l) => l.startsWith('{')).length - 1;
    const c = cases[Math.max(0, done)];
    throw new Error(`the 1.26 caps oracle stopped after ${done} of ${cases.length} questions (next: ${JSON.stringify(c)}): ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  const [head, ...rest] = stdout.split('\n').filter((l) => l.startsWith('{'));
  const lines = rest.map((l) => JSON.parse(l) as OracleLine);
  if (lines.length !== cases.length) throw new Error(`the 1.26 caps oracle answered ${lines.length} of ${cases.length} questions`);
  return { version: (JSON.parse(head ?? '{}') as { version?: string }).version ?? 'unknown', lines };
}
