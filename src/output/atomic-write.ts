import { rename, rm, writeFile } from 'node:fs/promises';
import { tempPathFor } from './csv-file-writer.js';

/**
 * Write a file atomically: a temp file beside it, then rename, so a reader never sees half a
 * file and a failed write leaves the previous version intact.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
