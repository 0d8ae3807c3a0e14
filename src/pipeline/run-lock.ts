import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Who holds a lock: written into the lock file. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** A held lock; `release()` removes it. */
export interface RunLock {
  release(): Promise<void>;
}

/** The lock is held by a live process. */
export class LockBusyError extends Error {
  constructor(readonly path: string, readonly owner: LockOwner | undefined, waitedSeconds = 0) {
    const advice = waitedSeconds > 0 ? `still held after waiting ${waitedSeconds} s; wait longer, or for it to finish` : 'wait for it to finish, or use --wait SECONDS';
    super(`another hsframe run holds ${path}${owner ? ` (pid ${owner.pid} on ${owner.host}, since ${owner.started})` : ''}; ${advice}`);
  }
}

/**
 * Take the run lock of an output folder: a file created exclusively. A lock whose process
 * is gone (same host, pid not alive) is stale and taken over. Waits up to `waitSeconds`
 * for a live holder, then throws `LockBusyError`.
 */
export async function acquireLock(path: string, waitSeconds = 0): Promise<RunLock> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readOwner(path);
    if (holder === 'gone') continue;
    if (isStale(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(path, holder, waitSeconds);
    await sleep(Math.min(500, Math.max(50, deadline - Date.now())));
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined | 'gone'> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch (error) {
    // Missing: released meanwhile. Unparseable: a writer killed between create and write.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
}

function isStale(owner: LockOwner | undefined): boolean {
  if (!owner) return true;
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
