// The CLI as a few bundled modules (dist/cli/bundle/), so a command loads a handful of files instead
// of ~230 (capsflow's 120 and zod's 99): ES module resolution and loading took ~175 ms of a 420 ms
// `capsflow negotiate` (bench/suites/cli.mjs). Run after tsc (npm run build); bundles tsc's output.
//
// The bundle sits at the same depth as dist/negotiation/*/ (dist/cli/bundle/), so the modules' own
// `new URL('../../../fixtures/…', import.meta.url)` still find the package's fixtures. Each command stays
// its own chunk (main.ts imports them dynamically). koffi is a native module and stays external;
// @viz-js/viz is bundled into the chunk only --svg/--html load.
//
// Then the V8 startup snapshot (issue 15): the whole CLI as one CommonJS script (capsflow-snapshot.cjs,
// entry src/cli/snapshot.ts) run by `node --build-snapshot` into capsflow.blob, with a stamp of the Node
// that made it and the folder it was made in (capsflow.stamp). The bin, capsflow (an sh script), starts
// `node --snapshot-blob capsflow.blob` only when the stamp matches the Node on PATH and its own folder,
// and `node capsflow.js` otherwise: a snapshot only loads in the Node build that made it, and it holds
// the paths of the fixtures. A failed snapshot build is reported and leaves no blob (the bin then runs
// the plain bundle); CAPSFLOW_NO_SNAPSHOT=1 skips it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(ROOT, 'dist', 'cli', 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  input: { capsflow: join(ROOT, 'dist', 'cli', 'main.js'), 'check-worker': join(ROOT, 'dist', 'cli', 'check-worker.js') },
  platform: 'node',
  external: ['koffi'],
  logLevel: 'warn',
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', minify: false },
});
// package.json's bin: npm makes it executable at install only, and this script writes it anew on every
// build (a rebuilt checkout's `npx capsflow` would be "Permission denied")
chmodSync(join(out, 'capsflow.js'), 0o755);

// The bin. $0 may be a symlink (node_modules/.bin/capsflow): follow it to this folder. The snapshot runs
// only when the stamp says it was made here (the blob's folder is the same file as the stamp's) by the
// Node first on PATH (`ls -Llni`: inode, mode, size, mtime), so a Node upgraded or switched (nvm) since
// the build runs the plain bundle instead of a snapshot it cannot load. Builtins only, apart from
// readlink for a symlinked bin and one ls: the wrapper costs a few ms of a ~20 ms gst-launch budget.
const BIN = `#!/bin/sh
# capsflow: Node started from the CLI's startup snapshot when this Node made it here (scripts/bundle-cli.mjs), else the plain bundle.
self=$0
case $self in */*) ;; *) self=./$self ;; esac
while [ -h "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=\${self%/*}/$link ;; esac
done
dir=\${self%/*}
if [ -z "$CAPSFLOW_NO_SNAPSHOT" ] && [ -f "$dir/capsflow.blob" ] && [ -f "$dir/capsflow.stamp" ] && { read -r where && read -r made; } < "$dir/capsflow.stamp" && [ "$dir/capsflow.blob" -ef "$where/capsflow.blob" ]; then
  node=
  ifs=$IFS
  IFS=:
  for d in $PATH; do
    if [ -f "\${d:-.}/node" ] && [ -x "\${d:-.}/node" ]; then node=\${d:-.}/node; break; fi
  done
  IFS=$ifs
  id=$(ls -Llni "$node" 2>/dev/null)
  if [ -n "$node" ] && [ "$made" = "\${id%" $node"}" ]; then
    exec "$node" --snapshot-blob "$dir/capsflow.blob" -- "$@"
  fi
fi
exec node "$dir/capsflow.js" "$@"
`;
writeFileSync(join(out, 'capsflow'), BIN);
chmodSync(join(out, 'capsflow'), 0o755);

if (process.env.CAPSFLOW_NO_SNAPSHOT) process.exit(0);

// One CommonJS script: every chunk inlined (commands initialise lazily, as before). koffi and
// @viz-js/viz become stand-ins that require the real module on first use, through a require made at run
// time: rolldown hoists an external's require to the top of a CommonJS bundle, and the snapshot
// builder's require knows built-ins only (nor can a snapshot hold a native module).
const LAZY = {
  koffi: `const load = () => globalThis.__cfRequire('koffi');
export default new Proxy({}, { get: (_, key) => load()[key] });`,
  '@viz-js/viz': `export const instance = (...args) => globalThis.__cfRequire('@viz-js/viz').instance(...args);`,
  // Node 20: node:worker_threads loaded while a snapshot is built leaves its workers without the shared
  // cwd counter (process.cwd() in a worker throws 'undefined is not an integer typed array')
  'node:worker_threads': `export function Worker(...args) { return new (globalThis.__cfRequire('node:worker_threads').Worker)(...args); }`,
};
const snapshotJs = join(out, 'capsflow-snapshot.cjs');
await build({
  input: join(ROOT, 'dist', 'cli', 'snapshot.js'),
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'lazy-natives',
      resolveId: (id) => (Object.hasOwn(LAZY, id) ? `\0lazy:${id}` : null),
      load: (id) => (id.startsWith('\0lazy:') ? LAZY[id.slice(6)] : null),
    },
  ],
  output: { file: snapshotJs, format: 'cjs', codeSplitting: false, minify: false },
});
const builtins = new Set(builtinModules);
const body = readFileSync(snapshotJs, 'utf8').replace(/^#!.*\n/, '');
writeFileSync(
  snapshotJs,
  `'use strict';
// the bundle's require: built-ins from the snapshot builder's, the rest (koffi, @viz-js/viz) from a real one made when first needed
const __cfBuiltins = new Set(${JSON.stringify([...builtins])});
let __cfReal;
const __cfReq = (id) => (id.startsWith('node:') || __cfBuiltins.has(id) ? require(id) : (__cfReal ??= require('node:module').createRequire(__filename))(id));
globalThis.__cfRequire = (id) => {
  if (require('node:v8').startupSnapshot.isBuildingSnapshot()) throw new Error(\`\${id} is loaded while the startup snapshot is built\`);
  return __cfReq(id);
};
(function (exports, require, module) {
${body}
})({}, __cfReq, { exports: {} });
`,
);

const blob = join(out, 'capsflow.blob');
const tmp = `${blob}.tmp`;
rmSync(tmp, { force: true });
const made = spawnSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot', snapshotJs], { cwd: out, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
// Node 20 warns that some built-ins are "not yet fully verified" in snapshots: the CLI only touches them at run time
const problems = (made.stderr ?? '').split('\n').filter((l) => l.trim() !== '' && !/not yet fully verified|It may still work|To request support|--trace-warnings/.test(l));
if (made.status !== 0 || !existsSync(tmp)) {
  rmSync(tmp, { force: true });
  process.stderr.write(`capsflow: no startup snapshot (node --build-snapshot exited ${made.status}); the CLI runs from the plain bundle\n${problems.join('\n')}\n`);
} else {
  renameSync(tmp, blob);
  // the Node that made the blob, as the bin's `ls -Llni "$node"` will print it (same command, same ls)
  const listed = execFileSync('sh', ['-c', 'ls -Llni "$1" 2>/dev/null', 'sh', process.execPath], { encoding: 'utf8' }).replace(/\n$/, '');
  // without the name: /usr/local/bin/node linked to the same file is the same Node
  const identity = listed.endsWith(` ${process.execPath}`) ? listed.slice(0, -process.execPath.length - 1) : listed;
  const where = execFileSync('sh', ['-c', 'cd "$1" && pwd -P', 'sh', out], { encoding: 'utf8' }).trim();
  writeFileSync(join(out, 'capsflow.stamp'), `${where}\n${identity}\n`);
}
