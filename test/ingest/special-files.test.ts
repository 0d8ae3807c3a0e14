import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findDocuments, fsPathOf, pathOfId, readFileBytes, readFileBytesSync } from '../../src/ingest/index.js';
import { bytesOfName, nameFromBytes } from '../../src/ingest/file-name.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hsframe-special-'));
  await writeFile(join(root, 'a.txt'), 'Human security for refugees.');
  execFileSync('mkfifo', [join(root, 'pipe.txt')]);
  // Names whose bytes are not UTF-8 (Latin-1 é), as old archives leave them: a file and a folder.
  await writeFile(Buffer.from(`${root}/lat\xe9.txt`, 'latin1'), 'Human security.');
  await mkdir(Buffer.from(`${root}/d\xe9`, 'latin1'));
  await writeFile(Buffer.from(`${root}/d\xe9/in.txt`, 'latin1'), 'Human security.');
  // Not a document: neither listed nor named in a warning.
  await writeFile(Buffer.from(`${root}/notes\xe9`, 'latin1'), 'Human security.');
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

test('a file or folder whose name is not UTF-8 is listed by its bytes, its id showing each byte that is not as %XX, with a warning', async () => {
  const { files, issues } = await findDocuments(root, ['.txt']);
  expect(files.map((file) => file.id)).toEqual(['a.txt', 'd%E9/in.txt', 'lat%E9.txt', 'pipe.txt']);
  expect(issues.map((issue) => [issue.code, issue.severity, issue.file])).toEqual([
    ['FILE_NAME_NOT_UTF8', 'warning', 'd%E9'],
    ['FILE_NAME_NOT_UTF8', 'warning', 'lat%E9.txt'],
  ]);
  expect(issues[1].message).toBe('the name of this file is not valid UTF-8: its id shows each byte that is not as %XX; rename it in UTF-8 for a readable id');
  // The files are opened by their paths' bytes.
  const named = files.filter((file) => file.id.includes('%'));
  expect(named.map((file) => file.rawPath?.toString('latin1'))).toEqual([`${root}/d\xe9/in.txt`, `${root}/lat\xe9.txt`]);
  for (const file of named) {
    for (const read of [readFileBytes, readFileBytesSync]) expect(Buffer.from((await read(fsPathOf(file), file.id)).bytes!).toString()).toBe('Human security.');
  }
  expect(files.find((file) => file.id === 'a.txt')!.rawPath).toBeUndefined();
});

test('a name that is not UTF-8 whose id is another file\'s name (one really named with %XX) is reported, not listed twice', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'hsframe-same-id-'));
  try {
    await writeFile(Buffer.from(`${folder}/lat\xe9.txt`, 'latin1'), 'Human security.');
    await writeFile(join(folder, 'lat%E9.txt'), 'Human security.');
    const { files, issues } = await findDocuments(folder, ['.txt']);
    expect(files).toEqual([{ id: 'lat%E9.txt', path: join(folder, 'lat%E9.txt') }]);
    expect(issues.map((issue) => [issue.code, issue.file, issue.message])).toEqual([
      ['FILE_UNREADABLE', 'lat%E9.txt', 'cannot read file: its name is not valid UTF-8, and its id (each byte that is not written %XX) is the name of another file; rename it in UTF-8 to score it'],
    ]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a file inside a folder whose name is not UTF-8, whose id is another file\'s: reported, and the other issues kept', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'hsframe-same-id-folder-'));
  try {
    await mkdir(Buffer.from(`${folder}/d\xe9`, 'latin1'));
    await writeFile(Buffer.from(`${folder}/d\xe9/in.txt`, 'latin1'), 'Human security.');
    await mkdir(join(folder, 'd%E9'));
    await writeFile(join(folder, 'd%E9', 'in.txt'), 'Human security.');
    const { files, issues } = await findDocuments(folder, ['.txt']);
    expect(files).toEqual([{ id: 'd%E9/in.txt', path: join(folder, 'd%E9', 'in.txt') }]);
    // The folder's warning stays: only the file is refused.
    expect(issues.map((issue) => [issue.code, issue.file])).toEqual([
      ['FILE_NAME_NOT_UTF8', 'd%E9'],
      ['FILE_UNREADABLE', 'd%E9/in.txt'],
    ]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('an id that shows bytes as %XX leads back to its file; a file really named so comes first', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'hsframe-id-path-'));
  try {
    await writeFile(Buffer.from(`${folder}/lat\xe9.txt`, 'latin1'), 'Latin-1 name.');
    expect(Buffer.isBuffer(pathOfId(folder, 'lat%E9.txt'))).toBe(true);
    expect((pathOfId(folder, 'lat%E9.txt') as Buffer).toString('latin1')).toBe(`${folder}/lat\xe9.txt`);
    // No file by either: the path, so that the error names it.
    expect(pathOfId(folder, 'lat%E8.txt')).toBe(join(folder, 'lat%E8.txt'));
    expect(pathOfId(folder, 'a.txt')).toBe(join(folder, 'a.txt'));
    await writeFile(join(folder, 'lat%E9.txt'), 'Named with a per cent sign.');
    expect(pathOfId(folder, 'lat%E9.txt')).toBe(join(folder, 'lat%E9.txt'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('names read as bytes: well-formed UTF-8 is decoded, every other byte written %XX', () => {
  const name = (bytes: number[]) => nameFromBytes(Uint8Array.from(bytes));
  const utf8 = (text: string) => [...Buffer.from(text)];
  expect(name(utf8('Règlement ✓ 𝄞.txt'))).toEqual({ name: 'Règlement ✓ 𝄞.txt', isUtf8: true });
  // U+FFFD itself is well-formed.
  expect(name(utf8('a\ufffd'))).toEqual({ name: 'a\ufffd', isUtf8: true });
  expect(name([0x52, 0xe8, 0x67, ...utf8('é')])).toEqual({ name: 'R%E8gé', isUtf8: false });
  // A lead byte cut short, a lone continuation byte, an overlong form, a surrogate, past U+10FFFF.
  expect(name([0xc3]).name).toBe('%C3');
  expect(name([0x80, 0x41]).name).toBe('%80A');
  expect(name([0xc0, 0xaf]).name).toBe('%C0%AF');
  expect(name([0xe0, 0x80, 0x80]).name).toBe('%E0%80%80');
  expect(name([0xed, 0xa0, 0x80]).name).toBe('%ED%A0%80');
  expect(name([0xf4, 0x90, 0x80, 0x80]).name).toBe('%F4%90%80%80');
  expect(name([0xf0, 0x9f, 0x98]).name).toBe('%F0%9F%98');
  // In a name that is not UTF-8, a `%` is written %25, so a `%XX` of its own comes back as it was.
  expect(name([0x61, 0x25, 0x34, 0x31, 0xe9])).toEqual({ name: 'a%2541%E9', isUtf8: false });
  expect(bytesOfName('a%2541%E9').equals(Buffer.from([0x61, 0x25, 0x34, 0x31, 0xe9]))).toBe(true);
  // Any bytes come back from their name, unless they are UTF-8 holding a `%XX` of their own (their name is then the name itself, which `pathOfId` tries first).
  let seed = 1;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
  let tried = 0;
  for (let round = 0; round < 2000; round++) {
    const bytes = Uint8Array.from({ length: 1 + (random() % 12) }, () => (random() < 128 ? random() : 0xc0 | random()));
    if (nameFromBytes(bytes).isUtf8 && /%[0-9A-F]{2}/.test(Buffer.from(bytes).toString('latin1'))) continue;
    tried += 1;
    expect(bytesOfName(nameFromBytes(bytes).name).equals(bytes)).toBe(true);
  }
  expect(tried).toBeGreaterThan(1900);
  // The last code points of each length are well-formed.
  expect(name([0xdf, 0xbf, 0xef, 0xbf, 0xbf, 0xf4, 0x8f, 0xbf, 0xbf])).toEqual({ name: '\u07ff\uffff\u{10ffff}', isUtf8: true });
});
