// The corpus a script is run on: `bundled` (the pipeline's corpus), `ungd` (the UN General
// Debate corpus from ../shared/bench, unpacked once into the temp folder), or a folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** The folder for `name`; `bundled` is the folder given as `bundledFolder`. */
export function corpusFolder(name, bundledFolder) {
  if (name === 'bundled') return bundledFolder;
  if (name !== 'ungd') return name;
  const folder = join(tmpdir(), 'hsframe-bench-ungd');
  if (!existsSync(join(folder, 'TXT'))) {
    mkdirSync(folder, { recursive: true });
    execFileSync('tar', ['-xJf', join(root, '../shared/bench/ungd.tar.xz'), '-C', folder]);
  }
  return join(folder, 'TXT');
}
