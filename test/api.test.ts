import { describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as api from '../src/index.js';

// The public surface of src/index.ts (S24). Adding, renaming or removing an export must
// change this list on purpose. Type-only exports have no runtime name and are not listed.
const EXPORTS = [
  'BUNDLED_LEXICONS',
  'DEFAULT_CSV_SETTINGS',
  'DEFAULT_INGEST_SETTINGS',
  'DEFAULT_TOKENISE_SETTINGS',
  'FRAME_CATEGORIES',
  'ISSUE_CODES',
  'MATCH_HEADER',
  'TOOL',
  'UNDP_CATEGORIES',
  'aggregate',
  'bootstrapIntervals',
  'buildWordStream',
  'classify',
  'createClassifier',
  'cohenKappa',
  'compileLexicon',
  'createScorer',
  'decodeText',
  'detectLanguage',
  'evaluate',
  'findDocuments',
  'hasErrors',
  'htmlToText',
  'labelMetrics',
  'lexiconSchema',
  'loadLexicon',
  'loadPipeline',
  'loadScorer',
  'makeIssue',
  'markdownToText',
  'matchCells',
  'numberCell',
  'parseLexicon',
  'readDocument',
  'readGold',
  'run',
  'runPipeline',
  'scoreCells',
  'scoreBytes',
  'scoreFiles',
  'parseShard',
  'matchRows',
  'scoreHeader',
  'scoreText',
  'textCell',
  'textSource',
  'toCsv',
  'tokenise',
  'TokenList',
  'TOKENISERS',
  'WINK_PIPES',
  'wilsonInterval',
  'writeFileAtomic',
];

describe('public API', () => {
  test('runtime export names are exactly the agreed list', () => {
    expect(Object.keys(api).sort()).toEqual([...EXPORTS].sort());
  });

  test('functions are functions, constants are not', () => {
    for (const name of EXPORTS) {
      const isConstant = /^[A-Z_]+$/.test(name) || name === 'lexiconSchema';
      expect(typeof (api as Record<string, unknown>)[name], name).toBe(isConstant ? 'object' : 'function');
    }
  });

  test('every issue code is UPPER_SNAKE with a known severity', () => {
    for (const [code, severity] of Object.entries(api.ISSUE_CODES)) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(severity);
    }
  });
});

describe('arguments of the wrong kind throw at once, before any work', () => {
  test('an unknown tokeniser, lexicons whose categories clash, runPipeline overrides out of range', async () => {
    await expect(api.loadScorer(api.BUNDLED_LEXICONS, 'nope' as never)).rejects.toThrow(/^unknown tokeniser "nope": use one of wink\.v1, wink-fast\.v1, scan\.v1$/);
    const { scorer } = await api.loadScorer(api.BUNDLED_LEXICONS);
    const [frames] = scorer!.lexicons;
    expect(() => api.createScorer([frames, frames])).toThrow(RangeError);
    expect(() => api.createScorer([frames, frames])).toThrow(/category "state_centric" is also declared by lexicon "security-frames"/);
    expect(() => api.createScorer([frames], 'nope' as never)).toThrow(/unknown tokeniser/);
    // loadScorer reports the same clash as an issue.
    const twice = await api.loadScorer([api.BUNDLED_LEXICONS[0], api.BUNDLED_LEXICONS[0]]);
    expect(twice.scorer).toBeUndefined();
    expect(twice.issues.map((issue) => issue.code)).toContain('LEXICON_DUPLICATE_CATEGORY');
    const { config } = await api.loadPipeline(new URL('../pipelines/eu-migration.yaml', import.meta.url).pathname);
    const csv = (settings: object) => ({ csv: settings });
    for (const overrides of [{ shard: { index: 3, count: 2 } }, { layout: 'tall' }, { segments: 'word' }, { concurrency: -1 }, csv({ delimiter: ';' }), csv({ ...api.DEFAULT_CSV_SETTINGS, delimiter: '"' }), csv({ ...api.DEFAULT_CSV_SETTINGS, decimal: ',' })] as const) {
      await expect(api.runPipeline(config!, { ...(overrides as object), output: '/nonexistent/never-written' }), JSON.stringify(overrides)).rejects.toThrow(RangeError);
    }
    // The stage functions and the metrics too.
    expect(() => api.tokenise(api.textSource('Border control.'), { tokeniser: 'scan.v2' as never, language: 'en' })).toThrow(/^unknown tokeniser "scan\.v2"/);
    expect(() => api.evaluate({ labels: ['food'], rows: [] }, scorer!, 'Odd' as never)).toThrow(RangeError);
    expect(() => api.labelMetrics('food', [true, false, true], [true])).toThrow(RangeError);
    await expect(api.loadScorer([])).rejects.toThrow(RangeError);
    expect(() => api.wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(api.wilsonInterval(0, 0)).toBeNull();
  }, 60_000);
});

describe('a category whose columns would take the name of another column', () => {
  test('is refused: "negated" would make a second negated_hits column in scores.csv', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-column-clash-'));
    try {
      const file = join(dir, 'clash.yaml');
      const category = (id: string, term: string) => `  ${id}:\n    label: l\n    description: d\n    entries: [{term: ${term}, source: s}]\n`;
      await writeFile(file, `name: clash\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n${category('negated', 'rights')}${category('state_centric', 'border')}`);
      const loaded = await api.loadScorer([file]);
      expect(loaded.scorer).toBeUndefined();
      expect(loaded.issues.map((issue) => [issue.code, issue.message])).toEqual([['LEXICON_INVALID', 'category "negated" would make a column "negated_hits", which the tables already have; rename the category']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('scoreText with the bundled lexicons', () => {
  test('gives the issues a file of the text would have: empty, no letters, another language', async () => {
    const { scorer } = await api.loadScorer(api.BUNDLED_LEXICONS);
    const codes = (text: string) => api.scoreText(text, scorer!, 'note').issues.map((issue) => [issue.code, issue.file]);
    expect(codes('')).toEqual([['FILE_EMPTY', 'note']]);
    expect(codes('12345')).toEqual([['FILE_NO_TEXT', 'note']]);
    expect(codes('Les droits des réfugiés sont protégés par la convention et les États ne peuvent pas les expulser.')).toEqual([['LANGUAGE_NOT_SCORED', 'note']]);
    expect(codes('Refugees need protection.')).toEqual([]);
  });


  test('an accent typed as a letter and a combining mark matches as the composed letter does, in every tokeniser and in a lexicon term; full-width letters as ASCII ones', async () => {
    const hitsOf = async (text: string, tokeniser: 'scan.v1' | 'wink-fast.v1') => api.scoreText(text, (await api.loadScorer(api.BUNDLED_LEXICONS, tokeniser)).scorer!).row.hits.environmental;
    for (const tokeniser of ['scan.v1', 'wink-fast.v1'] as const) {
      expect(await hitsOf('Drought and El Ni\u00f1o hit farmers.', tokeniser), tokeniser).toBe(2);
      expect(await hitsOf('Drought and El Nin\u0303o hit farmers.', tokeniser), tokeniser).toBe(2);
    }
    // Full-width letters, as East Asian layouts type them, are the ASCII ones.
    const { scorer: frames } = await api.loadScorer(api.BUNDLED_LEXICONS);
    expect(api.scoreText('\uff26\uff32\uff2f\uff2e\uff34\uff25\uff38 guards the border.', frames!).row.hits.state_centric).toBe(2);
    // A term written with the combining mark matches the composed letter.
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-composed-'));
    try {
      const file = join(dir, 'decomposed.yaml');
      await writeFile(file, 'name: decomposed\nversion: 1.0.0\nlanguage: en\ndescription: d\ncategories:\n  environmental:\n    label: l\n    description: d\n    entries: [{term: "el nin\u0303o", source: s}]\n');
      const { scorer } = await api.loadScorer([file]);
      expect(api.scoreText('Drought and El Ni\u00f1o hit farmers.', scorer!).row.hits.environmental).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a short sentence gives a row with finite numbers', async () => {
    const loaded = await api.loadScorer(api.BUNDLED_LEXICONS);
    expect(loaded.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const scorer = loaded.scorer!;
    const { row, doc } = api.scoreText('Border control keeps migrants out. Refugees need protection of their human rights.', scorer, 'smoke');
    expect(row.docId).toBe('smoke');
    expect(row.tokens).toBeGreaterThan(0);
    expect(row.sentences).toBe(2);
    const numbers = [row.tokens, row.excludedTokens, row.sentences, row.negatedHits, ...Object.values(row.hits), ...Object.values(row.per1k)];
    for (const value of numbers) expect(Number.isFinite(value), String(value)).toBe(true);
    for (const value of [row.framingIndex, row.framingCiLow, row.framingCiHigh, row.nexusShare]) {
      if (value !== null) expect(Number.isFinite(value)).toBe(true);
    }
    expect(row.hits.state_centric).toBeGreaterThan(0);
    expect(row.framingIndex).not.toBeNull();
    for (const hit of doc.hits) {
      expect(hit.range[0]).toBeGreaterThanOrEqual(0);
      expect(hit.range[1]).toBeLessThanOrEqual(doc.tokens.length);
    }
    for (const token of doc.tokens) {
      expect(0 <= token.start && token.start < token.end && token.end <= doc.text.length, JSON.stringify(token)).toBe(true);
    }
    expect(api.scoreCells(row, scorer.categories, { hasWholeHits: scorer.hasWholeHits })).toHaveLength(api.scoreHeader(scorer.categories).length);
  }, 60_000);

  test('gives the row hsframe score gives a .txt file of the same text, title included', async () => {
    const scorer = (await api.loadScorer(api.BUNDLED_LEXICONS)).scorer!;
    const file = new URL('../corpora/eu-migration/un-charter-1945.txt', import.meta.url).pathname;
    const { doc } = await api.readDocument(file, 'un-charter-1945.txt');
    const fromFile = scorer.score(doc!).row;
    const fromText = api.scoreText(await readFile(file, 'utf8'), scorer, 'un-charter-1945.txt').row;
    expect(fromText.title).toBe('Charter of the United Nations');
    expect({ ...fromText, contentSha256: '' }).toEqual({ ...fromFile, contentSha256: '' });
    // Without a one-line first paragraph, the id.
    expect(api.scoreText('Border control keeps migrants out, and refugees need protection.\nA second line.', scorer, 'given-id').row.title).toBe('given-id');
  }, 60_000);
});
