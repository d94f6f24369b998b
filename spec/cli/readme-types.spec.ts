/**
 * The README's TypeScript blocks compile as a user's project compiles them: `strict` + `NodeNext`, importing
 * `capsflow` (mapped to src/ by `paths`, so no build is needed). Each ```ts block is a module of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './dist.js';

export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

describe('README TypeScript', () => {
  const blocks = tsBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('has blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('every block type-checks under strict + NodeNext', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capsflow-readme-'));
    try {
      const files = blocks.map((code, i) => {
        const name = `block${i + 1}.ts`;
        writeFileSync(join(dir, name), `${code}\nexport {};\n`);
        return name;
      });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023', 'ESNext.Disposable'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: ['node'],
            typeRoots: [join(ROOT, 'node_modules/@types')],
            paths: { capsflow: [join(ROOT, 'src/index.ts')], 'capsflow/*': [join(ROOT, 'src/*/index.ts')] },
          },
          files,
        }),
      );
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      // errors name the block (blockN.ts = the Nth ```ts block) and its line
      const ownErrors = tsc.stdout.split('\n').filter((l) => /^block\d+\.ts/.test(l) || l.includes(dir));
      expect(ownErrors).toEqual([]);
      expect(tsc.status, tsc.stdout).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
