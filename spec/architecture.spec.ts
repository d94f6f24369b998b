// The layering the design card fixes, checked on the source text: caps is pure, koffi lives only in the
// thin binding modules, negotiation reaches caps through its index and memory only through the probe
// module, and only the CLI prints or exits.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm), ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
}

const all = ['src/caps', 'src/negotiation', 'src/memory', 'src/cli'].flatMap(sources);

describe('layering', () => {
  it.each(sources('src/caps'))('%s is pure: no I/O, no koffi, immer or zod, nothing outside caps', (file) => {
    for (const spec of imports(file)) {
      expect(spec.startsWith('./') || spec.startsWith('../caps/'), `${file} imports ${spec}`).toBe(true);
    }
  });

  it('koffi is imported only by the thin binding modules', () => {
    const users = all.filter((f) => imports(f).includes('koffi')).map((f) => relative('src', f));
    expect(users.sort()).toEqual(['memory/libc.ts', 'negotiation/registry/gst-binding.ts']);
  });

  it.each(sources('src/negotiation'))('%s reaches caps through its index and memory only through memory-probe.ts', (file) => {
    for (const spec of imports(file)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(root, join(root, dirname(file), spec));
      if (target.startsWith('src/caps/')) expect(target, file).toBe('src/caps/index.js');
      if (target.startsWith('src/memory/')) expect(file, spec).toBe(join('src/negotiation', 'allocation', 'memory-probe.ts'));
      expect(target.startsWith('src/cli/'), `${file} imports ${spec}`).toBe(false);
    }
  });

  it.each(sources('src/memory'))('%s depends on nothing else of the project', (file) => {
    for (const spec of imports(file)) expect(spec.startsWith('../'), `${file} imports ${spec}`).toBe(false);
  });

  it('only the CLI prints or exits', () => {
    const printing = all
      .filter((f) => !f.startsWith('src/cli/'))
      .filter((f) => /console\.(log|error|warn|info)|process\.(stdout|stderr)\.write|process\.exit\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(printing).toEqual([]);
  });
});
