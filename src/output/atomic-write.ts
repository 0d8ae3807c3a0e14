import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { publish, tempPathFor, writePending } from './csv-file-writer.js';

/**
 * Write a file atomically: a temp file beside it, then rename, so a reader never sees half a
 * file and a failed write leaves the previous version intact.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await publish([await writePending(path, data)]);
}

/**
 * `writeFileAtomic`, blocking: for small files written by a thread that has nothing else to do
 * meanwhile (a worker storing a result): there it costs about a fifth of the CPU the
 * asynchronous calls do (`node scripts/write-cost.mjs`).
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
