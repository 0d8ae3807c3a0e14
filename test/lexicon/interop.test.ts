import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findDocuments } from '../../src/ingest/index.js';
import { exportLiwc, exportQuanteda, lintLexicons, loadLexicon, parseLexicon } from '../../src/lexicon/index.js';
import { createScorer, DEFAULT_INGEST_SETTINGS, scoreFiles, scoreText } from '../../src/index.js';

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

  test('lint does not call a term in two categories shadowed: it counts in both', async () => {
    const file = join(FIXTURES, 'liwc2007-sample.dic');
    const { spec, lexicon } = await loadLexicon(file);
    expect(lintLexicons([{ file, spec, lexicon }]).filter((issue) => issue.code === 'LEXICON_SHADOWED')).toEqual([]);
  });

  test('quanteda YAML: nested categories joined with _, unsupported globs reported', async () => {
    const { spec, issues } = await loadLexicon(join(FIXTURES, 'quanteda-sample.yml'));
    expect(Object.keys(spec!.categories)).toEqual(['security_state', 'security_human', 'needs']);
    expect(spec!.categories.needs.entries.map((entry) => entry.term)).toEqual(['food']);
    expect(issues.map((issue) => issue.severity)).toEqual(['warning']);
  });
});

describe('dictionary import: names and encodings that must lose nothing', () => {
  test('quanteda: an accented name keeps its letters; names that meet on one id both stay, the second renamed with a warning', () => {
    const accents = parseLexicon('q.yml', 'über: [x]\nber: [y]\n');
    expect(Object.keys(accents.spec!.categories)).toEqual(['uber', 'ber']);
    expect(accents.spec!.categories.uber.label).toBe('über');
    const collide = parseLexicon('q.yml', 'a: {b: [c]}\na_b: [d]\n');
    expect(Object.fromEntries(Object.entries(collide.spec!.categories).map(([id, category]) => [id, category.entries.map((entry) => entry.term)]))).toEqual({ a_b: ['c'], a_b_2: ['d'] });
    expect(collide.issues).toMatchObject([{ severity: 'warning', message: 'category "a_b" has the id "a_b" of an earlier category; it is imported as "a_b_2"' }]);
  });

  test('LIWC: a category number declared twice keeps its first name, with a warning; a Windows-1252 file is read as such, with a warning', () => {
    const bytes = Buffer.concat([Buffer.from('%\n1\tstate\n1\tdupe\n2\tpeople\n%\nborder\t1\nbord'), Buffer.from([0xe9]), Buffer.from('r\t1\nrefugee\t2\n')]);
    const { spec, issues } = parseLexicon('x.dic', bytes);
    expect(spec!.categories.state.entries.map((entry) => entry.term)).toEqual(['border', 'bordér']);
    expect(Object.keys(spec!.categories)).toEqual(['state', 'people']);
    expect(spec!.categories.state.label).toBe('state');
    expect(issues.map((issue) => issue.message)).toEqual(['not UTF-8: read as Windows-1252 (Latin-1)', 'line 3: category number 1 is declared again, as "dupe"; its first name, "state", is kept']);
  });
});

describe('dictionary import: Windows-1252 bytes 0x80–0x9F', () => {
  test('are read by the Windows-1252 table, as text documents are (curly quotes, dashes), not as Latin-1 control codes', () => {
    const bytes = Buffer.concat([Buffer.from('%\n1\tq\n%\nwell'), Buffer.from([0x96]), Buffer.from('being\t1\nbord'), Buffer.from([0xe9]), Buffer.from('r\t1\n')]);
    const { spec } = parseLexicon('x.dic', bytes);
    expect(spec!.categories.q.entries.map((entry) => entry.term)).toEqual(['well–being', 'bordér']);
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

describe('export writes out every form an entry matches', () => {
  const spec = (entries: string) => {
    const text = `name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries:\n${entries}`;
    const parsed = parseLexicon('t.yaml', text);
    expect(parsed.issues).toEqual([]);
    return parsed.spec!;
  };

  test('a hyphenated word also as written (quanteda and LIWC keep it one token), inflected on its last part', () => {
    const exported = exportQuanteda(spec('      - {term: well-being, source: x}\n      - {term: asylum-seeker, inflect: true, source: x}\n      - {term: take, inflect: true, source: x}\n'));
    for (const form of ['well-being', 'well being', 'wellbeing', 'asylum-seeker', 'asylum-seekers', 'asylum seekers', 'taken', 'took']) expect(exported).toContain(`  - ${form}\n`);
    expect(exportLiwc(spec('      - {term: well-being, source: x}\n'))).toContain('\nwell-being\t1\n');
  });
});

describe('export and re-import: words two entries give', () => {
  test('a word form that entries of two terms give counts only for the first, as in hsframe: the export lists it under that category alone', async () => {
    const text = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  cat_a:\n    label: A\n    description: A\n    entries: [{term: detain, inflect: true, source: x}]\n  cat_b:\n    label: B\n    description: B\n    entries: [{term: detained, source: x}, {term: custody, source: x}]\n';
    const original = parseLexicon('t.yaml', text);
    expect(original.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const hitsWith = (compiled: NonNullable<typeof original.lexicon>) => scoreText('They were detained and held in custody.', createScorer([compiled])).row.hits;
    const expected = hitsWith(original.lexicon!);
    expect(expected).toEqual({ cat_a: 1, cat_b: 1 });
    for (const [name, exporter] of [['t.yml', exportQuanteda], ['t.dic', exportLiwc]] as const) {
      const imported = parseLexicon(join(dir, name), exporter(original.spec!));
      expect(hitsWith(imported.lexicon!), name).toEqual(expected);
    }
  });

  test('a word that an earlier wildcard of another category takes is not listed under its own category, where it never counts', async () => {
    const lexicon = (a: string, b: string) => `name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  cat_a:\n    label: A\n    description: A\n    entries: [${a}]\n  cat_b:\n    label: B\n    description: B\n    entries: [${b}]\n`;
    const text = 'Security and secure borders.';
    const original = parseLexicon('t.yaml', lexicon('{term: "secur*", source: x}', '{term: security, source: x}, {term: borders, source: x}'));
    const hitsWith = (compiled: NonNullable<typeof original.lexicon>) => scoreText(text, createScorer([compiled])).row.hits;
    expect(hitsWith(original.lexicon!)).toEqual({ cat_a: 2, cat_b: 1 });
    const quanteda = exportQuanteda(original.spec!);
    expect(quanteda).toContain('cat_b:\n  - borders\n');
    expect(quanteda).not.toContain('  - security\n');
    expect(exportLiwc(original.spec!)).not.toContain('\nsecurity\t');
    for (const [name, exporter] of [['w.yml', exportQuanteda], ['w.dic', exportLiwc]] as const) {
      expect(hitsWith(parseLexicon(join(dir, name), exporter(original.spec!)).lexicon!), name).toEqual({ cat_a: 2, cat_b: 1 });
    }
    // The other way round, the whole word listed first keeps it (and LIWC prefers it to a wildcard); quanteda counts it under both, which its header says.
    const reversed = parseLexicon('r.yaml', lexicon('{term: security, source: x}', '{term: "secur*", source: x}'));
    expect(hitsWith(reversed.lexicon!)).toEqual({ cat_a: 1, cat_b: 1 });
    expect(exportQuanteda(reversed.spec!)).toContain('# Counted here also under another category, where hsframe counts them once: security (also cat_b, by secur*).\n');
    expect(exportQuanteda(original.spec!)).not.toContain('# Counted here also');
    // A category all of whose words an earlier one takes is exported empty, and the header names it.
    const emptied = exportQuanteda(parseLexicon('e.yaml', lexicon('{term: "secur*", source: x}', '{term: security, source: x}')).spec!);
    expect(emptied).toContain('# Empty here, as earlier entries of other categories take every word they list (hsframe counts those there): cat_b.\n');
    expect(emptied).toContain('cat_b: []\n');
    expect(quanteda).not.toContain('# Empty here');
    // A wildcard that a shorter one of another category covers; none where the word's own categories hold the wildcard's.
    expect(exportQuanteda(parseLexicon('w.yaml', lexicon('{term: "securit*", source: x}', '{term: "secur*", source: x}')).spec!)).toContain(': securit* (also cat_b, by secur*).\n');
    const both = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries: [{term: security, source: x}]\n  b:\n    label: B\n    description: B\n    entries: [{term: security, source: x}, {term: "secur*", source: x}]\n';
    expect(exportQuanteda(parseLexicon('both.yaml', both).spec!)).not.toContain('# Counted here also');
    expect(hitsWith(parseLexicon(join(dir, 'r.dic'), exportLiwc(reversed.spec!)).lexicon!)).toEqual({ cat_a: 1, cat_b: 1 });
  });

  test('a phrase form that an earlier phrase of another category takes is not listed under its own', async () => {
    const text = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries: [{term: "secur* council", source: x}]\n  b:\n    label: B\n    description: B\n    entries: [{term: security council, inflect: true, source: x}]\n';
    const original = parseLexicon('p.yaml', text);
    const hitsWith = (compiled: NonNullable<typeof original.lexicon>) => scoreText('The security council met the security councils.', createScorer([compiled])).row.hits;
    expect(hitsWith(original.lexicon!)).toEqual({ a: 1, b: 1 });
    const exported = exportQuanteda(original.spec!);
    expect(exported).toContain('b:\n  - securities councils\n  - security councils\n');
    expect(exported).not.toContain('  - security council\n');
    for (const [name, exporter] of [['p.yml', exportQuanteda], ['p.dic', exportLiwc]] as const) {
      expect(hitsWith(parseLexicon(join(dir, name), exporter(original.spec!)).lexicon!), name).toEqual({ a: 1, b: 1 });
    }
  });

  test('a hyphenated form is left out where the words the tokeniser reads it as are taken: after a prefix one word (`cross-border`), else a phrase', async () => {
    const text = 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries: [{term: "cross*", source: x}, {term: "well", source: x}]\n  b:\n    label: B\n    description: B\n    entries: [{term: cross-border, source: x}, {term: well-being, source: x}, {term: covid-19, source: x}]\n';
    const original = parseLexicon('h.yaml', text);
    const hitsWith = (compiled: NonNullable<typeof original.lexicon>) => scoreText('Cross-border crime, cross border crime, well-being and COVID-19.', createScorer([compiled])).row.hits;
    // Cross-border is one word, which cross* takes; well-being is two, and the phrase is longer than well.
    expect(hitsWith(original.lexicon!)).toEqual({ a: 1, b: 3 });
    const exported = exportQuanteda(original.spec!);
    expect(exported).toContain('b:\n  - cross border\n  - well being\n  - wellbeing\n  - well-being\n  - covid 19\n  - covid19\n  - covid-19\n');
    expect(exportLiwc(original.spec!)).not.toMatch(/^cross-?border\t/m);
    for (const [name, exporter] of [['h.yml', exportQuanteda], ['h.dic', exportLiwc]] as const) {
      expect(hitsWith(parseLexicon(join(dir, name), exporter(original.spec!)).lexicon!), name).toEqual({ a: 1, b: 3 });
    }
  });

  test('a word listed in two categories counts in both, also with a wildcard of one of them listed between: the export keeps both', () => {
    const dic = '%\n1\ta\n2\tb\n%\nsecurity\t1\t2\nsecur*\t1\n';
    const original = parseLexicon(join(dir, 'm.dic'), dic);
    const hitsWith = (compiled: NonNullable<typeof original.lexicon>) => scoreText('Security and secure borders.', createScorer([compiled])).row.hits;
    expect(hitsWith(original.lexicon!)).toEqual({ a: 2, b: 1 });
    expect(exportLiwc(original.spec!)).toContain('\nsecurity\t1\t2\n');
    for (const [name, exporter] of [['m.yml', exportQuanteda], ['m2.dic', exportLiwc]] as const) {
      expect(hitsWith(parseLexicon(join(dir, name), exporter(original.spec!)).lexicon!), name).toEqual({ a: 2, b: 1 });
    }
  });

  test('a quanteda export quotes what YAML 1.1 readers (R\'s yaml, PyYAML) would read as a boolean', () => {
    const { spec } = parseLexicon('t.yaml', 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries: [{term: "yes", source: x}, {term: "no", source: x}, {term: "on", source: x}]\n');
    const exported = exportQuanteda(spec!);
    for (const word of ['yes', 'no', 'on']) expect(exported).toContain(`  - "${word}"\n`);
  });
});

describe('dictionary import: shapes of real dictionaries', () => {
  test('LIWC 2015: a category name holds spaces where tabs separate the columns', () => {
    const { spec, issues } = parseLexicon('names.dic', '%\n1\tSocial Processes\n2\tSocial Media\n%\nfriend\t1\ntweet\t2\n');
    expect(issues).toEqual([]);
    expect(Object.entries(spec!.categories).map(([id, category]) => [id, category.label])).toEqual([['social_processes', 'Social Processes'], ['social_media', 'Social Media']]);
  });

  test('quanteda: a category of one term written alone, as R\'s yaml writes a list of one, is that term; an hsframe lexicon without categories is not taken for a dictionary', () => {
    const { spec, issues } = parseLexicon('one.yml', 'economy: econom*\nsecurity:\n  - secur*\n  - border\n');
    expect(issues).toEqual([]);
    expect(Object.fromEntries(Object.entries(spec!.categories).map(([id, category]) => [id, category.entries.map((entry) => entry.term)]))).toEqual({ economy: ['econom*'], security: ['secur*', 'border'] });
    expect(parseLexicon('broken.yaml', 'name: t\nversion: 1.0.0\nlanguage: en\n').issues.map((issue) => issue.code)).toContain('LEXICON_INVALID');
  });

  test('quanteda: a term YAML reads as a number or a boolean is taken as written; a number, which no word token is, is left out with a warning', () => {
    const { spec, issues } = parseLexicon('q.yml', 'emergency:\n  - ambulance\n  - 911\n  - true\n  - \n');
    expect(spec!.categories.emergency.entries.map((entry) => entry.term)).toEqual(['ambulance', 'true']);
    expect(issues.map((issue) => issue.code)).toEqual(['LEXICON_UNMATCHABLE_TERM']);
  });

  test('a * after no letter or digit, or a * that is a word of its own, is left out with a warning, as it is refused in hsframe\'s own format', () => {
    const { spec, issues } = parseLexicon('q.yml', 'a:\n  - good *\n  - "\'*"\n  - ".*"\n  - well*\n');
    expect(spec!.categories.a.entries.map((entry) => entry.term)).toEqual(['well*']);
    expect(issues.map((issue) => issue.message)).toEqual(['category "a": 3 term(s) use a glob hsframe cannot match (only a * that ends a word after letters or digits), left out: good *, \'*, .*']);
    const own = parseLexicon('t.yaml', 'name: t\nversion: 1.0.0\nlanguage: en\ndescription: t\ncategories:\n  a:\n    label: A\n    description: A\n    entries: [{term: "\'*", source: x}, {term: ".*", source: x}]\n');
    expect(own.issues.filter((issue) => issue.code === 'LEXICON_EMPTY_TERM')).toHaveLength(2);
  });

  test('a category of 150,000 entries compiles (spread into one call, its entries overflowed the stack)', () => {
    const words = Array.from({ length: 150_000 }, (_, i) => `w${i.toString(36)}x`);
    const { lexicon, issues } = parseLexicon('big.yml', `big:\n${words.map((word) => `  - ${word}\n`).join('')}`);
    expect(issues).toEqual([]);
    expect(lexicon!.entryCount).toBe(150_000);
  }, 60_000);
});
