import { writeSync, writevSync } from 'node:fs';
import { publish, writePending } from './csv-file-writer.js';

/**
 * Write a file atomically: a temp file beside it, then rename, so a reader never sees half a
 * file and a failed write leaves the previous version intact.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await publish([await writePending(path, data)]);
}

/** Write `parts` one after another to `fd`, blocking: in one call unless the system writes only some of them. */
export function writeAllSync(fd: number, parts: readonly Uint8Array[]): void {
  let written = writevSync(fd, parts as Uint8Array[]);
  for (const part of parts) {
    // What is left of this part after the bytes written so far.
    let at = Math.min(written, part.byteLength);
    written -= at;
    while (at < part.byteLength) at += writeSync(fd, part, at);
  }
}
