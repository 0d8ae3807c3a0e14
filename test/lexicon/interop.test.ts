import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findDocuments } from '../../src/ingest/index.js';
import { exportLiwc, exportQuanteda, loadLexicon, parseLexicon } from '../../src/lexicon/index.js';
import { createScorer, DEFAULT_INGEST_SETTINGS, scoreFiles } from '../../src/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/interop/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../corpora/eu-migration', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-interop-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('dictionary import', () => {
  test('LIWC 2007 layout: categories by number, a term in two categories, phrases; conditional rules are reported and skipped', async () => {
    const { spec, lexicon, issues } = await loadLexicon(join(FIXTURES, 'liwc2007-sample.dic'));
    expect(Object.fromEntries(Object.entries(spec!.categories).map(([id, category]) => [id, category.entries.map((entry) => entry.term)]))).toEqual({
      funct: ['a', 'about', 'he', 'kind of'],
      pronoun: ['he'],
      posemo: ['love*'],
      negemo: ['abandon*'],
    });
    expect(issues).toMatchObject([{ code: 'LEXICON_INVALID', severity: 'warning', line: 12 }]);
    expect(issues[0].message).toContain('"like" has a conditional rule');
    const { row } = createScorer([lexicon!]).score({ id: 't', path: 't', text: 'He loved them. He was kind of abandoned.', title: 't', contentSha256: '', bytes: 0, encoding: 'utf-8', issues: [] });
    expect(row.hits).toMatchObject({ funct: 3, pronoun: 2, posemo: 1, negemo: 1 });
  });

  test('quanteda YAML: nested categories joined with _, unsupported globs reported', async () => {
    const { spec, issues } = await loadLexicon(join(FIXTURES, 'quanteda-sample.yml'));
    expect(Object.keys(spec!.categories)).toEqual(['security_state', 'security_human', 'needs']);
    expect(spec!.categories.needs.entries.map((entry) => entry.term)).toEqual(['food']);
    expect(issues.map((issue) => issue.severity)).toEqual(['warning']);
  });
});

describe('dictionary import: terms no word token can be', () => {
  test('numbers and terms with characters no word contains are reported and left out', () => {
    const { spec, issues } = parseLexicon('x.yml', 'state:\n  - border\n  - "100"\n  - "(fence)"\n  - cannot\n');
    expect(spec!.categories.state.entries.map((entry) => entry.term)).toEqual(['border', 'cannot']);
    expect(issues).toMatchObject([{ code: 'LEXICON_UNMATCHABLE_TERM', severity: 'warning' }]);
    expect(issues[0].message).toContain('2 term(s)');
  });
});

describe('export and re-import give the same scores on the bundled corpus', async () => {
  const { spec, lexicon } = await loadLexicon(join(FIXTURES, 'expressible.yaml'));
  const { files } = await findDocuments(CORPUS, ['.txt']);
  const scoresWith = async (compiled: NonNullable<typeof lexicon>) => (await scoreFiles(files, { scorer: createScorer([compiled]), ingest: DEFAULT_INGEST_SETTINGS, concurrency: 1 })).rows.map((row) => [row.docId, row.hits, row.negatedHits]);

  test.for([
    ['quanteda', 'expressible.yml', exportQuanteda],
    ['LIWC', 'expressible.dic', exportLiwc],
  ] as const)('%s', async ([, name, exporter]) => {
    const path = join(dir, name);
    await writeFile(path, exporter(spec!));
    const imported = parseLexicon(path, await readFile(path));
    expect(imported.issues).toEqual([]);
    const original = await scoresWith(lexicon!);
    expect(original.reduce((sum, [, hits]) => sum + Object.values(hits as Record<string, number>).reduce((a, b) => a + b, 0), 0)).toBeGreaterThan(100);
    expect(await scoresWith(imported.lexicon!)).toEqual(original);
  }, 60_000);
});
