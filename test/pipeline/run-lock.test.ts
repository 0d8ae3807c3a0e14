import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeLeftovers } from '../../src/output/leftovers.js';
import { acquireLock, LockBusyError, STALE_AFTER_MS } from '../../src/pipeline/run-lock.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A lock file as another run leaves it, last refreshed `ageMs` ago. */
async function leftLock(name: string, owner: object, ageMs = 0): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(owner));
  const when = new Date(Date.now() - ageMs);
  await utimes(path, when, when);
  return path;
}

describe('the run lock', () => {
  test('a process stopped while it is taking the lock (the file made, the call not yet returned) removes it, as one stopped while it holds it does', async () => {
    const path = join(dir, 'taking');
    const taking = acquireLock(path);
    // The signal handler's first pass, before the lock is made, then its second, as soon as the file is there.
    removeLeftovers();
    while (!existsSync(path)) await new Promise((resolve) => setImmediate(resolve));
    removeLeftovers();
    expect(existsSync(path)).toBe(false);
    await (await taking).release();
    const held = await acquireLock(path);
    removeLeftovers();
    expect(existsSync(path)).toBe(false);
    await held.release();
  });

  test('a live run on another host holds it; once not refreshed for the stale time, it is taken over', async () => {
    const owner = { pid: 1, host: `${hostname()}-elsewhere`, started: '2026-01-01T00:00:00Z' };
    const fresh = await leftLock('fresh', owner);
    await expect(acquireLock(fresh)).rejects.toBeInstanceOf(LockBusyError);
    const stale = await leftLock('stale', owner, STALE_AFTER_MS + 60_000);
    const lock = await acquireLock(stale);
    expect(JSON.parse(await readFile(stale, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
    expect(await readdir(dir)).not.toContain('stale');
  });

  test('a lock naming this pid from before this process started (pid 1 in a container) is taken over; one this process holds is not', async () => {
    const path = await leftLock('reused-pid', { pid: process.pid, host: hostname(), started: '2000-01-01T00:00:00Z' });
    const lock = await acquireLock(path);
    await expect(acquireLock(path)).rejects.toBeInstanceOf(LockBusyError);
    await lock.release();
  });

  test('a wait longer than a timer can hold (2^31 ms, about 24.8 days) waits for a live holder and takes the lock once it is free', async () => {
    const path = join(dir, 'long-wait');
    const held = await acquireLock(path);
    const thirtyDays = 30 * 24 * 3600;
    let isTaken = false;
    const waiting = acquireLock(path, thirtyDays).then((lock) => ((isTaken = true), lock));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(isTaken).toBe(false);
    await held.release();
    const lock = await waiting;
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
  });

  test('many contenders for one stale lock: exactly one holds it at a time', async () => {
    const path = await leftLock('contended', { pid: 1, host: `${hostname()}-elsewhere`, started: '2026-01-01T00:00:00Z' }, STALE_AFTER_MS + 60_000);
    let holding = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const lock = await acquireLock(path, 30);
        holding += 1;
        most = Math.max(most, holding);
        await new Promise((resolve) => setTimeout(resolve, 20));
        holding -= 1;
        await lock.release();
      }),
    );
    expect(most).toBe(1);
    expect((await readdir(dir)).filter((name) => name.startsWith('contended'))).toEqual([]);
  });
});
