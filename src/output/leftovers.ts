import { existsSync, rmSync } from 'node:fs';

/**
 * What this thread would leave behind if its process were stopped now (Ctrl-C, SIGTERM): temp
 * files of atomic writes not yet renamed into place, and undo steps such as releasing a lock.
 * `removeLeftovers` undoes them, blocking, before the process exits; a run that finishes has
 * renamed or removed every temp file already, so what is still noted then is gone and costs nothing.
 */
const temps = new Set<string>();
const undos = new Set<() => void>();
/** Past this many noted temp files, those already gone are forgotten. */
const MAX_NOTED = 1000;

/** Note a temp file about to be written. */
export function noteTempFile(path: string): void {
  if (temps.size >= MAX_NOTED) for (const temp of temps) if (!existsSync(temp)) temps.delete(temp);
  temps.add(path);
}

/** Note a step that undoes something a stopped process must not leave (a lock), safe to take more than once; the returned function forgets it once done. */
export function noteUndo(undo: () => void): () => void {
  undos.add(undo);
  return () => void undos.delete(undo);
}

/**
 * Remove every temp file noted and take every undo step, blocking; what fails is passed over (a
 * run cleans up leftovers as it starts). Both stay noted: a temp file whose creation was under
 * way, or a lock whose taking was, is removed by a second call, once it has appeared.
 */
export function removeLeftovers(): void {
  for (const temp of temps) rmSync(temp, { force: true });
  for (const undo of undos) {
    try {
      undo();
    } catch {
      // Left for the next run, which takes over a stale lock.
    }
  }
}
