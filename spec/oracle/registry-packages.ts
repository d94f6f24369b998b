/**
 * Which Debian package a plugin comes from, on this machine and in an embedded registry's provenance
 * (fixtures/registry/gstreamer-VERSION.packages.json, written by scripts/registry-provenance.mjs), so a
 * factory that only the machine or only the snapshot has is explained by the packages installed.
 */
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ENV = { ...process.env, LC_ALL: 'C', GST_DEBUG: '', NO_COLOR: '1' };

export interface RegistryProvenance {
  readonly gstreamer: string;
  /** package → version, as installed on the machine that made the snapshot */
  readonly packages: Readonly<Record<string, string>>;
  /** plugin name → the package that installed it */
  readonly plugins: Readonly<Record<string, string>>;
}

export function readProvenance(version: '1.22' | '1.26'): RegistryProvenance {
  return JSON.parse(readFileSync(new URL(`../../fixtures/registry/gstreamer-${version}.packages.json`, import.meta.url), 'utf8')) as RegistryProvenance;
}

/** The installed version of a Debian package, or null (not installed, or no dpkg on this machine). */
export async function installedVersion(pkg: string): Promise<string | null> {
  try {
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Status}\t${Version}', pkg], { env: ENV });
    const [status, version] = stdout.split('\t');
    return status === 'install ok installed' && version !== undefined ? version : null;
  } catch {
    return null;
  }
}

/** The package that installed a plugin of the machine's registry, or why none can be named. */
export async function pluginPackage(plugin: string): Promise<{ readonly pkg: string } | { readonly why: string }> {
  const { stdout } = await run('gst-inspect-1.0', [plugin], { env: ENV, timeout: 60_000, maxBuffer: 16 << 20 });
  const file = /^ {2}Filename +(\S.*)$/m.exec(stdout)?.[1];
  if (file === undefined) return { why: `gst-inspect-1.0 ${plugin} names no file` };
  // "(null)": built into libgstreamer (staticelements); dpkg records /usr/lib paths, not the /lib symlink
  const path = file === '(null)' ? '*/libgstreamer-1.0.so.0' : realpathSync(file);
  try {
    const { stdout: owner } = await run('dpkg-query', ['-S', path], { env: ENV });
    return { pkg: owner.split(':')[0] ?? '' };
  } catch {
    return { why: `${file} is not from a Debian package` };
  }
}
