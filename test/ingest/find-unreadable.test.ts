import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { findDocuments } from '../../src/ingest/index.js';

// Folders named `locked` cannot be listed (as without read permission, which root ignores).
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = ((path: string, options: unknown) =>
    String(path).split(sep).pop() === 'locked' ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' })) : fs.readdir(path, options as never)) as typeof fs.readdir;
  return { ...fs, readdir, default: { ...fs, readdir } };
});

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hsframe-locked-'));
  // More sub-folders than are looked at ahead of the walk, one of them unreadable.
  for (let i = 0; i < 40; i++) {
    await mkdir(join(root, `f${String(i).padStart(2, '0')}`));
    await writeFile(join(root, `f${String(i).padStart(2, '0')}`, 'doc.txt'), 'text');
  }
  await mkdir(join(root, 'f07', 'locked'));
  await writeFile(join(root, 'f07', 'locked', 'lost.txt'), 'text');
  await mkdir(join(root, 'locked'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('an unreadable folder is reported by name, and every other folder is still listed, in order', async () => {
  const { files, issues } = await findDocuments(root, ['.txt']);
  expect(files.map((file) => file.id)).toEqual(Array.from({ length: 40 }, (_, i) => `f${String(i).padStart(2, '0')}/doc.txt`));
  expect(issues).toMatchObject([
    { code: 'FILE_UNREADABLE', file: 'f07/locked', stage: 'ingest' },
    { code: 'FILE_UNREADABLE', file: 'locked', stage: 'ingest' },
  ]);
  expect(issues[0].message).toBe('cannot read folder: EACCES (permission denied)');
});

test('an unreadable corpus folder is reported by the path it was given', async () => {
  const { files, issues } = await findDocuments(join(root, 'locked'), ['.txt']);
  expect(files).toEqual([]);
  expect(issues).toMatchObject([{ code: 'FILE_UNREADABLE', file: join(root, 'locked') }]);
});
