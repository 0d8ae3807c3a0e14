import { closeSync, openSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
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
export function writeFileAtomicSync(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeAllSync(fd, typeof data === 'string' ? [Buffer.from(data)] : data instanceof Uint8Array ? [data] : data);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Write `parts` one after another to `fd`, in one call unless the system writes only some of them. */
function writeAllSync(fd: number, parts: readonly Uint8Array[]): void {
  let written = writevSync(fd, parts as Uint8Array[]);
  for (const part of parts) {
    // What is left of this part after the bytes written so far.
    let at = Math.min(written, part.byteLength);
    written -= at;
    while (at < part.byteLength) at += writeSync(fd, part, at);
  }
}
