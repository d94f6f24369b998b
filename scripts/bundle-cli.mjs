// The CLI as a few bundled modules (dist/cli/bundle/), so a command loads a handful of files instead
// of ~230 (capsflow's 120 and zod's 99): ES module resolution and loading took ~175 ms of a 420 ms
// `capsflow negotiate` (bench/suites/cli.mjs). Run after tsc (npm run build); bundles tsc's output.
//
// The bundle sits at the same depth as dist/negotiation/*/ (dist/cli/bundle/), so the modules' own
// `new URL('../../../fixtures/…', import.meta.url)` still find the package's fixtures. Each command stays
// its own chunk (main.ts imports them dynamically). koffi is a native module and stays external;
// @viz-js/viz is bundled into the chunk only --svg/--html load.
import { chmodSync, rmSync } from 'node:fs';
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
