import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { loadPipeline, runPipeline } from '../../src/pipeline/index.js';
import { ROOT } from './cli-process.js';

// While `locked` names a folder (`corpus`, `sub`), it cannot be listed (as without read permission, which root ignores, or on a failing disk).
const state = vi.hoisted(() => ({ locked: '' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = ((path: string, options: unknown) =>
    state.locked !== '' && String(path).split(sep).pop() === state.locked ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' })) : fs.readdir(path, options as never)) as typeof fs.readdir;
  return { ...fs, readdir, default: { ...fs, readdir } };
});

const dir = await mkdtemp(join(tmpdir(), 'hsframe-unlisted-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every file under `folder` (the outputs and the stored results) with its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const names = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(await Promise.all(names.sort().map(async (name) => [name, await readFile(name, 'base64')])));
}

test('a corpus folder that cannot be listed stops the run (fatal, exit 2) and leaves the outputs and stored results as they were', async () => {
  const corpus = join(dir, 'corpus');
  await mkdir(corpus);
  for (const file of ['canada-unga-general-debate-1999.txt', 'hungary-unga-general-debate-2018.txt']) await cp(join(ROOT, 'corpora/eu-migration', file), join(corpus, file));
  const { config } = await loadPipeline(join(ROOT, 'pipelines/eu-migration.yaml'));
  const out = join(dir, 'out');
  const first = await runPipeline({ ...config!, options: { ...config!.options, concurrency: 1 } }, { corpus, output: out });
  expect(first.fatal).toBe(false);
  const before = await snapshot(out);
  expect(Object.keys(before).some((name) => name.includes(`${sep}.hsframe${sep}`))).toBe(true);
  state.locked = 'corpus';
  try {
    const second = await runPipeline({ ...config!, options: { ...config!.options, concurrency: 1 } }, { corpus, output: out });
    expect(second.fatal).toBe(true);
    expect(second.issues.map(({ code, file, message }) => [code, file, message])).toEqual([['FILE_UNREADABLE', corpus, 'cannot read folder: EACCES (permission denied)']]);
  } finally {
    state.locked = '';
  }
  expect(await snapshot(out)).toEqual(before);
}, 60_000);

test('a sub-folder that cannot be listed for a while fails its documents for that run (exit 1), and keeps their stored results for the next', async () => {
  const corpus = join(dir, 'with-sub');
  await mkdir(join(corpus, 'sub'), { recursive: true });
  await cp(join(ROOT, 'corpora/eu-migration/canada-unga-general-debate-1999.txt'), join(corpus, 'top.txt'));
  for (const file of ['hungary-unga-general-debate-2018.txt', 'los-angeles-declaration-migration-protection-2022.txt']) await cp(join(ROOT, 'corpora/eu-migration', file), join(corpus, 'sub', file));
  const { config } = await loadPipeline(join(ROOT, 'pipelines/eu-migration.yaml'));
  const run = () => runPipeline({ ...config!, options: { ...config!.options, concurrency: 1 } }, { corpus, output: join(dir, 'with-sub-out') });
  expect(await run()).toMatchObject({ fatal: false, scored: 3, cached: 0 });
  state.locked = 'sub';
  try {
    const unlisted = await run();
    expect(unlisted).toMatchObject({ fatal: false, scored: 0, cached: 1, failed: 1 });
    expect(unlisted.issues.map(({ code, file }) => [code, file])).toEqual([['FILE_UNREADABLE', 'sub']]);
  } finally {
    state.locked = '';
  }
  // Listed again: nothing is scored again.
  expect(await run()).toMatchObject({ fatal: false, scored: 0, cached: 3, failed: 0 });
}, 60_000);

test('a sub-folder that cannot be listed is no failure when exclude leaves out all it holds', async () => {
  const corpus = join(dir, 'with-private');
  await mkdir(join(corpus, 'private'), { recursive: true });
  await cp(join(ROOT, 'corpora/eu-migration/canada-unga-general-debate-1999.txt'), join(corpus, 'top.txt'));
  await cp(join(ROOT, 'corpora/eu-migration/hungary-unga-general-debate-2018.txt'), join(corpus, 'private', 'kept.txt'));
  const { config } = await loadPipeline(join(ROOT, 'pipelines/eu-migration.yaml'));
  state.locked = 'private';
  try {
    const run = await runPipeline({ ...config!, options: { ...config!.options, concurrency: 1, exclude: ['private/**'] } }, { corpus, output: join(dir, 'with-private-out') });
    expect(run).toMatchObject({ fatal: false, scored: 1, failed: 0, issues: [] });
  } finally {
    state.locked = '';
  }
}, 60_000);

test('a corpus that is a file, not a folder, stops the run (fatal) and leaves the outputs and stored results as they were', async () => {
  const corpus = join(dir, 'corpus');
  const { config } = await loadPipeline(join(ROOT, 'pipelines/eu-migration.yaml'));
  const out = join(dir, 'out');
  const before = await snapshot(out);
  const file = join(corpus, 'canada-unga-general-debate-1999.txt');
  const run = await runPipeline({ ...config!, options: { ...config!.options, concurrency: 1 } }, { corpus: file, output: out });
  expect(run.fatal).toBe(true);
  expect(run.issues.map(({ code, file }) => [code, file])).toEqual([['PATH_NOT_FOUND', file]]);
  expect(await snapshot(out)).toEqual(before);
}, 60_000);
