import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
