import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runCli } from '../pipeline/cli-process.js';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

test('hsframe lexicon lint gives each finding the line and column of its entry', async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-lint-'));
  const file = join(dir, 'taken.yaml');
  await writeFile(
    file,
    [
      'name: t',
      'version: 1.0.0',
      'language: en',
      'description: t',
      'categories:',
      '  a:',
      '    label: A',
      '    description: A',
      '    entries:',
      '      - {term: detain, inflect: true, source: s}',
      '      - {term: at&t, source: s}',
      '  b:',
      '    label: B',
      '    description: B',
      '    entries:',
      '      - {term: border, source: s}',
      '      - {term: detained, source: s}',
      '',
    ].join('\n'),
  );
  const linted = await runCli(['lexicon', 'lint', file]);
  expect(linted.code).toBe(0);
  expect(linted.stderr).toContain(`${file}:11:16  LEXICON_UNMATCHABLE_TERM  warning: a: term "at&t" contains "&"`);
  expect(linted.stderr).toContain(`${file}:17:16  LEXICON_SHADOWED  warning: "detained" (b) never counts there`);
}, 60_000);

test('hsframe lexicon lint --corpus: a corpus that is not there is exit 2, not every entry unused; a document that cannot be read is an error', async () => {
  const corpus = await mkdtemp(join(tmpdir(), 'hsframe-lint-corpus-'));
  try {
    const missing = await runCli(['lexicon', 'lint', '--corpus', join(corpus, 'typo')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`${join(corpus, 'typo')}  PATH_NOT_FOUND  cannot open: ENOENT (no such file or folder)\n`);
    await writeFile(join(corpus, 'empty.txt'), '');
    await writeFile(join(corpus, 'text.txt'), 'Border control and the human rights of refugees.\n');
    const linted = await runCli(['lexicon', 'lint', '--corpus', corpus]);
    expect(linted.code).toBe(1);
    expect(linted.stderr).toContain('empty.txt  FILE_EMPTY');
    expect(linted.stderr).toMatch(/hsframe lexicon lint: 2 lexicon\(s\), 1 error\(s\), \d+ warning\(s\)\n$/);
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}, 60_000);

test('hsframe lexicon lint --exclude: a glob a pipeline refuses is exit 2 with its reason; a folder\'s name leaves out all in it', async () => {
  const corpus = await mkdtemp(join(tmpdir(), 'hsframe-lint-exclude-'));
  try {
    await mkdir(join(corpus, 'drafts', 'old'), { recursive: true });
    await writeFile(join(corpus, 'text.txt'), 'Border control and the human rights of refugees.\n');
    await writeFile(join(corpus, 'drafts', 'old', 'empty.txt'), '');
    for (const glob of ['./SOURCES.md', '../x']) {
      const refused = await runCli(['lexicon', 'lint', '--corpus', corpus, '--exclude', glob]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`^hsframe lexicon: --exclude ${glob.replace(/\./g, '\\.')} matches no document: globs match doc_ids, paths inside the corpus folder`));
    }
    expect((await runCli(['lexicon', 'lint', '--corpus', corpus])).stderr).toContain('drafts/old/empty.txt  FILE_EMPTY');
    for (const glob of ['drafts', 'drafts/']) {
      const linted = await runCli(['lexicon', 'lint', '--corpus', corpus, '--exclude', glob]);
      expect([linted.code, linted.stderr.includes('FILE_EMPTY')]).toEqual([0, false]);
    }
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}, 60_000);

test('hsframe lexicon lint refuses what a run refuses: lexicons of one name, a category in two lexicons, a category whose columns clash; and then calls no entry unused', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'hsframe-lint-set-'));
  try {
    const lexicon = (name: string, category: string, term: string) => `name: ${name}\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  ${category}:\n    label: l\n    description: d\n    entries: [{term: ${term}, source: s}]\n`;
    const [x, y, z] = [join(folder, 'x.yaml'), join(folder, 'y.yaml'), join(folder, 'z.yaml')];
    await writeFile(x, lexicon('es', 'pos', 'threat'));
    await writeFile(y, lexicon('es', 'pos', 'border'));
    await writeFile(z, lexicon('z', 'negated', 'threat'));
    const corpus = join(folder, 'corpus');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.txt'), 'A threat at the border.\n');
    const both = await runCli(['lexicon', 'lint', x, y, '--corpus', corpus]);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(`${y}  LEXICON_INVALID  lexicon name "es" is also the name of ${x}`);
    expect(both.stderr).toContain('LEXICON_DUPLICATE_CATEGORY');
    expect(both.stderr).not.toContain('LEXICON_UNUSED_ENTRY');
    const clash = await runCli(['lexicon', 'lint', z]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`${z}  LEXICON_INVALID  category "negated" would make a column "negated_hits", which the tables already have; rename the category`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}, 60_000);

test('hsframe lexicon lint --corpus names the words a prefix and hyphen join to a word an entry matches, which the entry misses; not those an entry of its lexicon matches or lists', async () => {
  const corpus = await mkdtemp(join(tmpdir(), 'hsframe-lint-prefix-'));
  try {
    await writeFile(join(corpus, 'a.txt'), 'Anti-terrorism laws, two anti-terrorist units and counter-terrorism. Terrorism is a threat. Anti-terrorism again, and non-violence.\n');
    const lexicon = join(corpus, '..', `${corpus.split('/').pop()}-lexicon.yaml`);
    const entry = (term: string) => `      - {term: "${term}", source: s}`;
    await writeFile(lexicon, ['name: t', 'version: 1.0.0', 'language: en', 'description: t', 'categories:', '  a:', '    label: A', '    description: A', '    entries:', entry('terroris*'), entry('counter-terrorism'), entry('threat'), ''].join('\n'));
    try {
      const linted = await runCli(['lexicon', 'lint', lexicon, '--corpus', corpus]);
      expect(linted.code).toBe(0);
      const found = linted.stderr.split('\n').filter((line) => line.includes('LEXICON_PREFIXED_FORMS'));
      expect(found).toEqual([`${lexicon}:10:16  LEXICON_PREFIXED_FORMS  info: "terroris*" (a) does not match 3 words of the corpus that join a prefix to a word it matches: anti-terrorism 2, anti-terrorist 1 (a prefix and its hyphen make one word); add those that carry the entry's sense as entries`]);
    } finally {
      await rm(lexicon, { force: true });
    }
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}, 60_000);
