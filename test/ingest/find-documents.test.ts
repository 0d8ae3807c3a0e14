import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../src/evaluate/bootstrap.js';
import { folderLeftOutBy, globProblem, leftOutBy } from '../../src/ingest/left-out-by.js';
import { findDocuments } from '../../src/ingest/index.js';

const EXTENSIONS = ['.txt', '.md', '.html', '.htm'];

// Every file of the test corpus; ids use `/` whatever the platform.
const FILES = [
  'b.txt',
  'a.md',
  'SOURCES.md',
  'notes.pdf',
  'data.csv',
  'UPPER.TXT',
  '.hidden.txt',
  '.git/config.txt',
  'sub/c.html',
  'sub/SOURCES.md',
  'sub/deeper/d.htm',
  'drafts/x.txt',
  'drafts/old/y.md',
  'names/it\'s "quoted", with commas.txt',
  'names/with space.txt',
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hsframe-find-'));
  for (const file of FILES) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), 'text');
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ids = async (exclude: string[] = [], extensions = EXTENSIONS, folder = root) => {
  const { files, issues } = await findDocuments(folder, extensions, exclude);
  expect(issues).toEqual([]);
  for (const file of files) expect(file.path).toBe(join(folder, ...file.id.split('/')));
  return files.map((file) => file.id);
};

const ALL = [
  'SOURCES.md',
  'UPPER.TXT',
  'a.md',
  'b.txt',
  'drafts/old/y.md',
  'drafts/x.txt',
  'names/it\'s "quoted", with commas.txt',
  'names/with space.txt',
  'sub/SOURCES.md',
  'sub/c.html',
  'sub/deeper/d.htm',
];

describe('findDocuments', () => {
  test('recursive, sorted by id, `/`-separated, hidden files and other extensions skipped', async () => {
    expect(await ids()).toEqual(ALL);
  });

  // [exclude globs, ids left out]
  test.for([
    [[], []],
    [['SOURCES.md'], ['SOURCES.md']],
    [['drafts/**'], ['drafts/old/y.md', 'drafts/x.txt']],
    // A glob takes what is in a folder it matches, as in .gitignore: drafts/* matches drafts/old.
    [['drafts/*'], ['drafts/old/y.md', 'drafts/x.txt']],
    [['drafts'], ['drafts/old/y.md', 'drafts/x.txt']],
    [['drafts/'], ['drafts/old/y.md', 'drafts/x.txt']],
    [['drafts/old'], ['drafts/old/y.md']],
    [['**/deeper'], ['sub/deeper/d.htm']],
    [['d*'], ['drafts/old/y.md', 'drafts/x.txt']],
    // A glob that ends in `/` matches folders only: a file of that name is kept.
    [['SOURCES.md/'], []],
    [['*/'], ALL.filter((id) => id.includes('/'))],
    [['**/SOURCES.md'], ['SOURCES.md', 'sub/SOURCES.md']],
    [['*.md'], ['SOURCES.md', 'a.md']],
    [['?.txt'], ['b.txt']],
    [['names/*'], ['names/it\'s "quoted", with commas.txt', 'names/with space.txt']],
    [['SOURCES.md', 'drafts/**'], ['SOURCES.md', 'drafts/old/y.md', 'drafts/x.txt']],
  ] as [string[], string[]][])('exclude %j', async ([exclude, gone]) => {
    expect(await ids(exclude)).toEqual(ALL.filter((id) => !gone.includes(id)));
  });

  // [include globs, exclude globs, ids kept]: with include, only what it matches, less what exclude matches.
  test.for([
    [['drafts/**'], [], ['drafts/old/y.md', 'drafts/x.txt']],
    [['drafts/**'], ['**/*.md'], ['drafts/x.txt']],
    [['*.md', 'sub/**'], ['**/SOURCES.md'], ['a.md', 'sub/c.html', 'sub/deeper/d.htm']],
    [['nothing/**'], [], []],
    [['drafts'], [], ['drafts/old/y.md', 'drafts/x.txt']],
    [['sub/'], ['**/SOURCES.md'], ['sub/c.html', 'sub/deeper/d.htm']],
    [['*/'], ['names', 'sub/'], ['drafts/old/y.md', 'drafts/x.txt']],
    [['a.md/', 'drafts/old/'], [], ['drafts/old/y.md']],
  ] as [string[], string[], string[]][])('include %j, exclude %j', async ([include, exclude, kept]) => {
    const { files, issues } = await findDocuments(root, EXTENSIONS, exclude, [], include);
    expect(issues).toEqual([]);
    expect(files.map((file) => file.id)).toEqual(kept);
  });

  test('a broken link that include leaves out is not reported', async () => {
    await symlink(join(root, 'gone.txt'), join(root, 'drafts', 'broken.txt'));
    try {
      expect((await findDocuments(root, EXTENSIONS, [], [], ['sub/**'])).issues).toEqual([]);
      expect((await findDocuments(root, EXTENSIONS, [], [], ['drafts/**'])).issues.map((issue) => [issue.code, issue.file])).toEqual([['FILE_UNREADABLE', 'drafts/broken.txt']]);
    } finally {
      await rm(join(root, 'drafts', 'broken.txt'));
    }
  });

  // `**/` means "any folders, or none"; it must not match part of a file name.
  test('exclude **/SOURCES.md keeps XSOURCES.md', async () => {
    await writeFile(join(root, 'XSOURCES.md'), 'text');
    try {
      expect(await ids(['**/SOURCES.md'])).toContain('XSOURCES.md');
    } finally {
      await rm(join(root, 'XSOURCES.md'));
    }
  });

  test.for([
    [['.txt'], ['UPPER.TXT', 'b.txt', 'drafts/x.txt', 'names/it\'s "quoted", with commas.txt', 'names/with space.txt']],
    [['.html', '.htm'], ['sub/c.html', 'sub/deeper/d.htm']],
    [['.csv'], ['data.csv']],
    [['.docx'], []],
  ] as [string[], string[]][])('extensions %j', async ([extensions, expected]) => {
    expect(await ids([], extensions)).toEqual(expected);
  });

  test('a single file as root gives that file, with its name as id', async () => {
    const { files, issues } = await findDocuments(join(root, 'sub', 'c.html'), EXTENSIONS);
    expect(issues).toEqual([]);
    expect(files).toEqual([{ id: 'c.html', path: join(root, 'sub', 'c.html') }]);
  });

  test('a missing root is PATH_NOT_FOUND', async () => {
    const missing = join(root, 'no-such-folder');
    const { files, issues } = await findDocuments(missing, EXTENSIONS);
    expect(files).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'PATH_NOT_FOUND', severity: 'error', stage: 'ingest', file: missing });
  });
});

describe('findDocuments with symbolic links', () => {
  let linked: string;
  beforeAll(async () => {
    linked = await mkdtemp(join(tmpdir(), 'hsframe-links-'));
    await mkdir(join(linked, 'a'));
    await writeFile(join(linked, 'a', 'doc.txt'), 'text');
    await writeFile(join(linked, 'target.txt'), 'text');
    await symlink(linked, join(linked, 'a', 'loop'));
    await symlink(join(linked, 'target.txt'), join(linked, 'file-link.txt'));
    await symlink(join(linked, 'nowhere.txt'), join(linked, 'broken.txt'));
  });
  afterAll(async () => {
    await rm(linked, { recursive: true, force: true });
  });

  test('a loop is reported once and not followed; file links are followed; broken links reported', async () => {
    const { files, issues } = await findDocuments(linked, EXTENSIONS);
    expect(files.map((file) => file.id)).toEqual(['a/doc.txt', 'file-link.txt', 'target.txt']);
    const byFile = Object.fromEntries(issues.map((issue) => [issue.file, issue]));
    expect(Object.keys(byFile).sort()).toEqual(['a/loop', 'broken.txt']);
    expect(byFile['a/loop']).toMatchObject({ code: 'FILE_UNREADABLE', stage: 'ingest' });
    expect(byFile['a/loop'].message).toMatch(/loop/);
    expect(byFile['broken.txt']).toMatchObject({ code: 'FILE_UNREADABLE', stage: 'ingest' });
  });
});

describe('findDocuments passes over', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'hsframe-pass-over-'));
    await mkdir(join(base, 'out'));
    for (const file of ['doc.txt', 'report.html', 'out/report.html', 'out/notes.txt']) await writeFile(join(base, file), 'text');
    for (const name of ['photo.jpg', 'gone.txt', 'skipped.txt', 'folder-gone']) await symlink(join(base, 'nowhere'), join(base, name));
    await symlink(join(base, 'l2'), join(base, 'l1'));
    await symlink(join(base, 'l1'), join(base, 'l2'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test('the folders and files it is told to skip, by real path, even through a link', async () => {
    await symlink(join(base, 'out'), join(base, 'out-link'));
    try {
      const { files } = await findDocuments(base, EXTENSIONS, [], [join(base, 'out'), join(base, 'report.html'), join(base, 'not-there')]);
      expect(files.map((file) => file.id)).toEqual(['doc.txt']);
      expect((await findDocuments(base, EXTENSIONS)).files.map((file) => file.id)).toEqual(['doc.txt', 'out/notes.txt', 'out/report.html', 'report.html']);
    } finally {
      await rm(join(base, 'out-link'));
    }
  });

  test("another run's output folder (it holds .hsframe/), at any depth; the corpus root itself is read even if it holds one, but for its report.html", async () => {
    const corpus = await mkdtemp(join(tmpdir(), 'hsframe-other-runs-'));
    try {
      for (const folder of ['shard-1/.hsframe', 'deep/merged/.hsframe', 'plain/.hsframe-not']) await mkdir(join(corpus, folder), { recursive: true });
      for (const file of ['doc.txt', 'shard-1/report.html', 'shard-1/notes.txt', 'deep/merged/report.html', 'deep/kept.txt', 'plain/report.html']) await writeFile(join(corpus, file), 'text');
      expect((await findDocuments(corpus, EXTENSIONS)).files.map((file) => file.id)).toEqual(['deep/kept.txt', 'doc.txt', 'plain/report.html']);
      expect((await findDocuments(join(corpus, 'shard-1'), EXTENSIONS)).files.map((file) => file.id)).toEqual(['notes.txt']);
    } finally {
      await rm(corpus, { recursive: true, force: true });
    }
  });

  test('broken links that are excluded or named as files of another kind; the others are reported', async () => {
    const { issues } = await findDocuments(base, EXTENSIONS, ['skipped.txt', 'l2']);
    expect(issues.map((issue) => issue.file).sort()).toEqual(['folder-gone', 'gone.txt', 'l1']);
    expect(issues.every((issue) => issue.code === 'FILE_UNREADABLE')).toBe(true);
  });
});

describe('a second path to a folder', () => {
  test('is a warning, not a loop, and its documents are found once', async () => {
    const base = await mkdtemp(join(tmpdir(), 'hsframe-twice-'));
    try {
      await mkdir(join(base, 'real'));
      await writeFile(join(base, 'real', 'doc.txt'), 'text');
      await symlink(join(base, 'real'), join(base, 'via-link'));
      const { files, issues } = await findDocuments(base, ['.txt']);
      expect(files.map((file) => file.id)).toEqual(['real/doc.txt']);
      expect(issues).toMatchObject([{ code: 'FOLDER_ALREADY_READ', severity: 'warning', file: 'via-link' }]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  test('keeps the ids of the path without a link, whichever the walk meets first', async () => {
    const base = await mkdtemp(join(tmpdir(), 'hsframe-twice-'));
    try {
      await mkdir(join(base, 'real', 'inner'), { recursive: true });
      await writeFile(join(base, 'real', 'inner', 'doc.txt'), 'text');
      // Both links sort before the folders they name; one names a folder inside another link's.
      await symlink(join(base, 'real'), join(base, 'a-link'));
      await symlink(join(base, 'real', 'inner'), join(base, 'b-link'));
      const { files, issues } = await findDocuments(base, ['.txt']);
      expect(files.map((file) => file.id)).toEqual(['real/inner/doc.txt']);
      expect(issues.map(({ code, file }) => [code, file])).toEqual([['FOLDER_ALREADY_READ', 'a-link'], ['FOLDER_ALREADY_READ', 'b-link']]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  test('a folder reached only through links is read through the first link the walk meets', async () => {
    const base = await mkdtemp(join(tmpdir(), 'hsframe-twice-'));
    const outside = await mkdtemp(join(tmpdir(), 'hsframe-outside-'));
    try {
      await mkdir(join(base, 'corpus'));
      await writeFile(join(outside, 'doc.txt'), 'text');
      await symlink(outside, join(base, 'corpus', 'x-link'));
      await symlink(outside, join(base, 'corpus', 'y-link'));
      const { files, issues } = await findDocuments(join(base, 'corpus'), ['.txt']);
      expect(files.map((file) => file.id)).toEqual(['x-link/doc.txt']);
      expect(issues.map(({ code, file }) => [code, file])).toEqual([['FOLDER_ALREADY_READ', 'y-link']]);
    } finally {
      await rm(base, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('globProblem', () => {
  // [glob, the start of its problem, or undefined for a glob that may match a doc_id]
  test.for([
    ['/a.txt', '/a.txt matches no document: globs match doc_ids, paths inside the corpus folder with no leading / or ./ (write a.txt)'],
    ['./drafts/**', './drafts/** matches no document: globs match doc_ids, paths inside the corpus folder with no leading / or ./ (write drafts/**)'],
    ['../x', '../x matches no document: globs match doc_ids, paths inside the corpus folder, with no . or .. between their slashes (a glob cannot reach outside the corpus folder)'],
    ['a/../b', 'a/../b matches no document'],
    ['drafts/..', 'drafts/.. matches no document'],
    ['..', '.. matches no document'],
    ['a/./b', 'a/./b matches no document'],
    ['.', '. matches no document'],
    ['..x', undefined],
    ['a..b/*.txt', undefined],
    ['.../x', undefined],
    ['drafts/', undefined],
    ['**/*.md', undefined],
  ] as const)('%s', ([glob, problem]) => {
    if (problem === undefined) expect(globProblem(glob)).toBeUndefined();
    else expect(globProblem(glob)?.startsWith(problem), globProblem(glob)).toBe(true);
  });
});

describe('folders that include and exclude leave out whole', () => {
  test.for([
    [[], ['private/**'], { private: true, 'private/sub': true, pub: false, privates: false }],
    [[], ['**/drafts/**'], { drafts: true, 'a/drafts': true, 'a/drafts2': false, a: false }],
    // Every name in private is matched, and so every id in it.
    [[], ['private/*'], { private: true, 'private/sub': true, privates: false }],
    [[], ['private'], { private: true, 'private/sub': true, privates: false, 'a/private': false }],
    [[], ['private/'], { private: true, 'private/sub': true, privates: false }],
    [[], ['**/private/'], { private: true, 'a/private/b': true, a: false }],
    // Its files are kept: only folders inside it are matched.
    [[], ['private/*/'], { private: false, 'private/sub': true }],
    [[], ['*/'], { a: true, 'a/b': true }],
    [[], ['p*'], { private: true, pub: true, a: false }],
    [['pub'], [], { pub: false, 'pub/x': false, private: true, pub2: true }],
    [['pub/'], [], { pub: false, 'pub/x': false, private: true }],
    [['*/x/'], [], { a: false, 'a/x': false, 'a/y': true }],
    [[], ['*.txt', 'private/**/x.txt'], { private: false, x: false }],
    [[], ['**'], { a: true, 'a/b': true }],
    [[], ['a?c/**'], { abc: true, 'a/c': false, ac: false }],
    [['pub/**'], [], { private: true, pub: false, 'pub/x': false, 'pub2': true }],
    [['*/report.txt'], [], { private: false, 'a/b': true }],
    [['**/*.txt'], [], { a: false, 'a/b/c': false }],
    [['Session 7*/**'], [], { 'Session 70': false, 'Session 8': true, 'Session 7': false }],
    [['pub/**'], ['pub/old/**'], { 'pub/old': true, 'pub/new': false, private: true }],
  ] as const)('include %j, exclude %j', ([include, exclude, expected]) => {
    const isLeftOut = folderLeftOutBy(include, exclude);
    expect(Object.fromEntries(Object.keys(expected).map((folder) => [folder, isLeftOut(folder)]))).toEqual(expected);
  });

  // Globs drawn from pieces, a third of them ending in `/` (folders only); ids of one to three names.
  const drawing = (seed: number) => {
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const parts = ['a', 'b', 'ab', '*', '?', '**/', '**', '/', '.txt'];
    const glob = () => `${Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(parts)).join('')}${random() < 0.3 ? '/' : ''}`.replace(/\*\*\*+/g, '**');
    const name = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(['a', 'b', 'ab', 'a.txt', 'b.txt'])).join('/');
    return { random, glob, name };
  };

  test('a glob takes an id it matches, or whose folder or a folder above it it matches; ending in `/`, only the latter (drawn globs and ids)', () => {
    const { random, glob, name } = drawing(11);
    // What a glob's steps match, read here apart from left-out-by.ts: `**/` any folders or none, another `**` anything, `*` and `?` within a name.
    const tokens: Record<string, string> = { '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' };
    const patternOf = (steps: string) => new RegExp(`^${steps.replace(/\*\*\/|\*\*|\*|\?|[.+^${}()|[\]\\]/g, (token) => tokens[token] ?? `\\${token}`)}$`);
    const takes = (glob: string, id: string) => {
      const isFolder = glob.length > 1 && glob.endsWith('/');
      const pattern = patternOf(isFolder ? glob.slice(0, -1) : glob);
      const names = id.split('/');
      return names.some((_, i) => (i < names.length - 1 || !isFolder) && pattern.test(names.slice(0, i + 1).join('/')));
    };
    let taken = 0;
    for (let round = 0; round < 3000; round++) {
      const [include, exclude, id] = [random() < 0.5 ? [glob()] : [], [glob()], name()];
      const expected = (include.length > 0 && !takes(include[0], id)) || takes(exclude[0], id);
      expect(leftOutBy(include, exclude)(id), JSON.stringify({ include, exclude, id })).toBe(expected);
      if (takes(exclude[0], id) && !patternOf(exclude[0]).test(id)) taken += 1;
    }
    // Many ids are taken by the folder they are in.
    expect(taken).toBeGreaterThan(100);
  });

  test('a folder left out holds no id that include and exclude keep (drawn globs and ids)', () => {
    const { random, glob, name } = drawing(7);
    let leftOut = 0;
    for (let round = 0; round < 3000; round++) {
      const [include, exclude] = [random() < 0.5 ? [glob()] : [], [glob(), glob()]];
      const folder = name();
      if (!folderLeftOutBy(include, exclude)(folder)) continue;
      leftOut += 1;
      const isLeftOut = leftOutBy(include, exclude);
      for (let i = 0; i < 20; i++) expect(isLeftOut(`${folder}/${name()}`), `${JSON.stringify({ include, exclude, folder })}`).toBe(true);
    }
    expect(leftOut).toBeGreaterThan(300);
  });

  test('an excluded folder is not read: one that cannot be listed, or a link loop in it, is no issue', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hsframe-left-out-'));
    try {
      await mkdir(join(root, 'drafts', 'deep'), { recursive: true });
      await mkdir(join(root, 'pub'));
      await writeFile(join(root, 'pub', 'a.txt'), 'Refugees need protection.\n');
      await writeFile(join(root, 'drafts', 'deep', 'b.txt'), 'Border control.\n');
      await symlink('..', join(root, 'drafts', 'deep', 'up'));
      const found = await findDocuments(root, ['.txt'], ['drafts/**']);
      expect([found.files.map((file) => file.id), found.issues]).toEqual([['pub/a.txt'], []]);
      expect((await findDocuments(root, ['.txt'], [], [], ['pub/**'])).issues).toEqual([]);
      // Not excluded, the loop is reported.
      expect((await findDocuments(root, ['.txt'])).issues.map((issue) => [issue.code, issue.file])).toEqual([['FILE_UNREADABLE', 'drafts/deep/up']]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

test('a corpus folder an earlier run wrote into (it holds .hsframe) keeps that run\'s report.html out, and its other pages in', async () => {
  const root = await mkdtemp(join(tmpdir(), 'hsframe-was-out-'));
  try {
    await mkdir(join(root, '.hsframe'));
    for (const name of ['report.html', 'page.html', 'a.txt']) await writeFile(join(root, name), '<p>Border control.</p>\n');
    expect((await findDocuments(root, ['.txt', '.html'])).files.map((file) => file.id)).toEqual(['a.txt', 'page.html']);
    await rm(join(root, '.hsframe'), { recursive: true });
    expect((await findDocuments(root, ['.txt', '.html'])).files.map((file) => file.id)).toEqual(['a.txt', 'page.html', 'report.html']);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
