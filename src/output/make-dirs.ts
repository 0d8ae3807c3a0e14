import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Make a folder and the parents it lacks, as `mkdir -p` does, and throw the reason when one
 * cannot be made. Node's own `mkdir(path, { recursive: true })` tries again for ever when a
 * parent exists but answers ENOENT for anything new in it (`/proc/x`); here each folder is
 * tried at most twice, once before its parent is made and once after.
 */
export function makeDirs(path: string): void {
  const target = resolve(path);
  try {
    mkdirSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = dirname(target);
    if (code === 'EEXIST' && isFolder(target)) return;
    if (code !== 'ENOENT' || parent === target) throw error;
    makeDirs(parent);
    try {
      mkdirSync(target);
    } catch (again) {
      // Made meanwhile by another process.
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST' || !isFolder(target)) throw again;
    }
  }
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
