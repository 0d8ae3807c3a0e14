import { readFileSync, rmSync } from 'node:fs';
import { link, open, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { noteUndo, tempPathFor } from '../output/index.js';

/** Who holds a lock: written into the lock file. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** A lock file as read: its owner (undefined when it is not one hsframe wrote) and when it was last refreshed. */
interface LockFile {
  readonly owner: LockOwner | undefined;
  readonly refreshedMs: number;
}

/** A held lock; `release()` removes it. */
export interface RunLock {
  release(): Promise<void>;
}

/** The run lock's file name in an output folder's run state. */
export const LOCK_FILE = 'lock';

/** A run refreshes its lock's modification time this often while it holds it. */
const HEARTBEAT_MS = 10_000;
/**
 * A lock not refreshed for this long is stale, whatever host and process it names: a run killed
 * on another machine or in a container whose pid now belongs to another process cannot be asked
 * whether it is alive, but a live run refreshes its lock.
 */
export const STALE_AFTER_MS = 120_000;
/** A lock file that is not an owner's JSON, or a takeover guard, is left alone this long (its writer may be at work). */
const UNFINISHED_MS = 10_000;
/** When this process started: a lock naming this pid from before then was left by an earlier process (as pid 1 in containers). */
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

/** Who holds a lock, as messages name it (` (pid P on HOST, since TIME)`), or nothing when it does not say. */
export function holderText(owner: LockOwner | undefined): string {
  return owner ? ` (pid ${owner.pid} on ${owner.host}, since ${owner.started})` : '';
}

/** The lock is held by a live process. */
export class LockBusyError extends Error {
  constructor(readonly path: string, readonly owner: LockOwner | undefined, waitedSeconds = 0) {
    const advice = waitedSeconds > 0 ? `still held after waiting ${waitedSeconds} s; wait longer, or for it to finish` : 'wait for it to finish, or use --wait SECONDS';
    super(
      `another hsframe run holds ${path}${holderText(owner)}; ${advice}. ` +
        `A live run refreshes its lock every ${HEARTBEAT_MS / 1000} s; one not refreshed for ${STALE_AFTER_MS / 1000} s is taken over (or remove it if you know no run is using this folder)`,
    );
  }
}

/**
 * Take the run lock of an output folder: a file created exclusively, with its owner in it from
 * the start (written aside and linked into place). A lock is stale, and taken over, when its
 * process is gone (same host, pid not alive, or this pid from before this process started) or
 * when it has not been refreshed for `STALE_AFTER_MS`. Takeovers go one at a time (a guard
 * file), so a lock just taken by another run is never removed as the stale one. Waits up to
 * `waitSeconds` for a live holder, of any size, trying again at most every half second (never one
 * timer for the whole wait: Node fires a timer of over 2^31 − 1 ms, about 24.8 days, at once), then
 * throws `LockBusyError`.
 */
export async function acquireLock(path: string, waitSeconds = 0): Promise<RunLock> {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    const created = await createLock(path, owner);
    if (created) return held(path, owner, created);
    const holder = await readLock(path);
    if (holder !== 'gone' && isStale(holder)) {
      const taken = await takeOver(path, holder, owner);
      if (taken) return held(path, owner, taken);
      continue;
    }
    if (holder === 'gone') continue;
    if (Date.now() >= deadline) throw new LockBusyError(path, holder.owner, waitSeconds);
    await sleep(Math.min(500, Math.max(50, deadline - Date.now())));
  }
}

/** `LockBusyError` when a live run holds the lock at `path` (a stale or missing lock is no holder); the lock is not taken (a reader of the folder, such as a merge, may not be able to write there). */
export async function checkNotHeld(path: string): Promise<void> {
  const holder = await readLock(path).catch(() => 'gone' as const);
  if (holder !== 'gone' && !isStale(holder)) throw new LockBusyError(path, holder.owner);
}

/**
 * Create the lock file with `owner` in it: the function that forgets its undo step (`noteLockUndo`)
 * once created; undefined when a lock is there. The undo step is noted before the lock is made,
 * so a process stopped at any moment while taking it removes it as it exits.
 */
async function createLock(path: string, owner: LockOwner): Promise<(() => void) | undefined> {
  const temp = tempPathFor(path);
  const forget = noteLockUndo(path, owner);
  let isCreated = false;
  try {
    await writeFile(temp, JSON.stringify(owner));
    try {
      await link(temp, path);
    } catch (error) {
      // The temp file removed by the lock holder's sweep of leftover temp files: the lock is held.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    isCreated = true;
    return forget;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return undefined;
    // A file system without hard links: create it exclusively and write the owner into it.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      isCreated = await createExclusively(path, owner);
      return isCreated ? forget : undefined;
    }
    throw error;
  } finally {
    if (!isCreated) forget();
    await rm(temp, { force: true });
  }
}

/** Note the undo step that removes the lock at `path` while `owner` holds it (`noteUndo`), for a process stopped while it holds the lock or is taking it. */
function noteLockUndo(path: string, owner: LockOwner): () => void {
  return noteUndo(() => {
    let current: LockOwner | undefined;
    try {
      current = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    } catch {
      return;
    }
    if (isSameOwner(current, owner)) rmSync(path, { force: true });
  });
}

async function createExclusively(path: string, owner: LockOwner): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(JSON.stringify(owner));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** A held lock, refreshed until it is released; releasing removes it only while it is still this owner's, and only then forgets its undo step (`forget`), so a process stopped while releasing still removes it. */
function held(path: string, owner: LockOwner, forget: () => void): RunLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    release: async () => {
      clearInterval(heartbeat);
      const current = await readLock(path);
      if (current !== 'gone' && isSameOwner(current.owner, owner)) await rm(path, { force: true });
      forget();
    },
  };
}

async function readLock(path: string): Promise<LockFile | 'gone'> {
  try {
    const [info, text] = await Promise.all([stat(path), readFile(path, 'utf8')]);
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(text) as LockOwner;
    } catch {
      owner = undefined;
    }
    return { owner, refreshedMs: info.mtimeMs };
  } catch (error) {
    // Missing: released meanwhile.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}

function isStale({ owner, refreshedMs }: LockFile): boolean {
  const age = Date.now() - refreshedMs;
  if (age > STALE_AFTER_MS) return true;
  if (!owner || typeof owner.pid !== 'number') return age > UNFINISHED_MS;
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return Date.parse(owner.started) < PROCESS_STARTED_MS;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Replace the stale lock `stale` with one of `owner`, holding a guard file meanwhile: under it,
 * the lock is read again and removed only if it is still the stale one. As `createLock`; undefined
 * when another run is taking over, or took the lock first.
 */
async function takeOver(path: string, stale: LockFile, owner: LockOwner): Promise<(() => void) | undefined> {
  const guard = `${path}.takeover`;
  if (!(await createExclusively(guard, owner))) {
    // A guard left by a run killed while taking over is removed once it is old; then try again.
    const left = await stat(guard).catch(() => undefined);
    if (left && Date.now() - left.mtimeMs > UNFINISHED_MS) await rm(guard, { force: true });
    else await sleep(50);
    return undefined;
  }
  try {
    const current = await readLock(path);
    if (current === 'gone') return createLock(path, owner);
    if (current.refreshedMs !== stale.refreshedMs || !isSameOwner(current.owner, stale.owner)) return undefined;
    await rm(path, { force: true });
    return createLock(path, owner);
  } finally {
    await rm(guard, { force: true });
  }
}

function isSameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.pid === b.pid && a.host === b.host && a.started === b.started);
}
