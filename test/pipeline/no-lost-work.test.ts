import { execFileSync } from 'node:child_process';
import { access, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listFiles, makeProject, runCli, startCli } from './cli-process.js';

const FILES = ['canada-unga-general-debate-1999.txt', 'eu-screening-regulation-2024-1356.txt', 'hungary-unga-general-debate-2018.txt', 'un-charter-1945.txt', 'un-refugee-convention-1951.txt'];
const OUTPUTS = ['scores.csv', 'matches.csv', 'errors.csv'];
const cleanup: string[] = [];
let reference: Record<string, string>;
afterAll(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

const project = async () => {
  const made = await makeProject(FILES);
  cleanup.push(made.dir);
  return made;
};
const outputs = async (out: string) => Object.fromEntries(await Promise.all(OUTPUTS.map(async (name) => [name, await readFile(join(out, name), 'utf8')])));
const exists = (path: string) => access(path).then(() => true, () => false);

beforeAll(async () => {
  const clean = await project();
  const result = await runCli(['run', clean.pipeline, '--quiet']);
  expect(result.code, result.stderr).toBe(0);
  reference = await outputs(clean.out);
}, 60_000);

describe('no lost work', () => {
  test.for([100, 250, 400, 600, 900, 1300])('SIGKILL after %i ms, then a re-run: outputs equal a clean run, no temp files, no lock', async (delay) => {
    const { pipeline, out } = await project();
    const first = startCli(['run', pipeline, '--quiet']);
    await sleep(delay);
    first.child.kill('SIGKILL');
    await first.done;
    const rerun = await runCli(['run', pipeline, '--quiet']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await outputs(out)).toEqual(reference);
    const left = await listFiles(out);
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(left).not.toContain('.hsframe/lock');
  }, 60_000);

  test.for([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s while scoring: exit %i naming it, no temp file and no lock left; a re-run equals a clean run', async ([signal, code]) => {
    const { pipeline, out } = await project();
    const first = startCli(['run', pipeline, '--quiet']);
    // Once the run holds its lock and has begun to store results.
    const packs = join(out, '.hsframe', 'packs');
    while (!(await exists(join(out, '.hsframe', 'lock'))) || (await listFiles(packs).catch(() => [])).length === 0) await sleep(5);
    first.child.kill(signal);
    const stopped = await first.done;
    expect(stopped.code).toBe(code);
    expect(stopped.stderr).toBe(`hsframe: stopped by ${signal}: no output was left half-written; a run started again reuses the documents already scored\n`);
    const left = await listFiles(out);
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(left).not.toContain('.hsframe/lock');
    const rerun = await runCli(['run', pipeline, '--quiet']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await outputs(out)).toEqual(reference);
  }, 60_000);

  test('a run finds the output folder locked by a live process: exits 2 with a clear message; with --wait it waits', async () => {
    const { pipeline, out } = await project();
    const lock = join(out, '.hsframe/lock');
    await mkdir(join(out, '.hsframe'), { recursive: true });
    // This test process is alive on this host: its lock is not stale.
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
    const blocked = await runCli(['run', pipeline, '--quiet']);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(new RegExp(`RUN_LOCKED .*another hsframe run holds .*lock \\(pid ${process.pid} on `));
    expect(blocked.stderr).toMatch(/or use --wait SECONDS/);
    const tooShort = await runCli(['run', pipeline, '--quiet', '--wait', '1']);
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toMatch(/still held after waiting 1 s/);
    expect(await exists(join(out, 'scores.csv'))).toBe(false);
    const waiting = startCli(['run', pipeline, '--quiet', '--wait', '60']);
    await sleep(1500);
    await rm(lock);
    const waited = await waiting.done;
    expect(waited.code, waited.stderr).toBe(0);
    expect(await outputs(out)).toEqual(reference);
  }, 60_000);

  test('two overlapping runs of one pipeline end with the same outputs as one run', async () => {
    const { pipeline, out } = await project();
    const [a, b] = [startCli(['run', pipeline, '--quiet', '--wait', '60']), startCli(['run', pipeline, '--quiet', '--wait', '60'])];
    const [first, second] = await Promise.all([a.done, b.done]);
    expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0]);
    expect(await outputs(out)).toEqual(reference);
  }, 60_000);

  test('a stale lock (its process is gone) is taken over', async () => {
    const { pipeline, out } = await project();
    await mkdir(join(out, '.hsframe'), { recursive: true });
    await writeFile(join(out, '.hsframe/lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: '2020-01-01T00:00:00Z' }));
    const result = await runCli(['run', pipeline, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(await exists(join(out, '.hsframe/lock'))).toBe(false);
  }, 60_000);

  const canMount = (() => {
    try {
      return process.getuid?.() === 0 && execFileSync('sh', ['-c', 'command -v mount && command -v umount']).length > 0;
    } catch {
      return false;
    }
  })();

  test.skipIf(!canMount)('a full disk gives a clear error and leaves the previous outputs intact', async () => {
    const { dir, pipeline } = await project();
    const disk = join(dir, 'disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', disk]);
    try {
      const out = join(disk, 'out');
      const one = join(dir, 'one');
      await mkdir(one);
      await cp(join(dir, 'corpus/hungary-unga-general-debate-2018.txt'), join(one, 'hungary-unga-general-debate-2018.txt'));
      const small = await runCli(['run', pipeline, '--quiet', '--out', out, '--corpus', one]);
      expect(small.code, small.stderr).toBe(0);
      const before = await outputs(out);
      const full = await runCli(['run', pipeline, '--quiet', '--out', out]);
      expect(full.code).toBe(2);
      expect(full.stderr).toMatch(/OUTPUT_WRITE_FAILED .*ENOSPC \(the disk is full\)/);
      expect(await outputs(out)).toEqual(before);
      expect((await listFiles(out)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [disk]);
    }
  }, 60_000);
});
