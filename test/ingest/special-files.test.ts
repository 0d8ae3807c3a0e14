import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findDocuments, readFileBytes, readFileBytesSync } from '../../src/ingest/index.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hsframe-special-'));
  await writeFile(join(root, 'a.txt'), 'Human security for refugees.');
  execFileSync('mkfifo', [join(root, 'pipe.txt')]);
  // Names whose bytes are not UTF-8 (Latin-1 é), as old archives leave them: a file and a folder.
  await writeFile(Buffer.from(`${root}/lat\xe9.txt`, 'latin1'), 'Human security.');
  await mkdir(Buffer.from(`${root}/d\xe9`, 'latin1'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

test('a FIFO named as a document is listed and refused by name when read, without waiting for a writer', async () => {
  const { files } = await findDocuments(root, ['.txt']);
  const pipe = files.find((file) => file.id === 'pipe.txt')!;
  expect(pipe).toBeDefined();
  for (const read of [readFileBytes, readFileBytesSync]) {
    expect(await read(pipe.path, pipe.id)).toMatchObject({ issue: { code: 'FILE_UNREADABLE', file: 'pipe.txt', message: 'not a regular file but a FIFO' } });
  }
});

test('a file or folder whose name is not UTF-8 is reported as such, not as missing; the rest is listed', async () => {
  const { files, issues } = await findDocuments(root, ['.txt']);
  expect(files.map((file) => file.id)).toEqual(['a.txt', 'pipe.txt']);
  expect(issues.map((issue) => [issue.file, issue.message])).toEqual([
    ['d\ufffd', 'cannot read folder: its name is not valid UTF-8 (shown with �); rename it in UTF-8 to score it'],
    ['lat\ufffd.txt', 'cannot read file: its name is not valid UTF-8 (shown with �); rename it in UTF-8 to score it'],
  ]);
});
