import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { BUNDLED_LEXICONS, evaluate, loadScorer, readGold, type GoldSet } from '../src/index.js';
import { isSameSentence, sharedIds } from '../scripts/gold-overlap.mjs';

// VALIDATION.md is what users cite: it must describe the lexicons as they are. A lexicon edit
// without `npm run validate` fails here.
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const report = readFileSync(root('VALIDATION.md'), 'utf8');
const { scorer } = await loadScorer(BUNDLED_LEXICONS);

/** The rows `label → [support, predicted, tp, fp, fn]` of the first table after `heading`. */
function tableAfter(heading: string): Map<string, number[]> {
  const start = report.indexOf(`\n${heading}`);
  expect(start, `VALIDATION.md has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, number[]>();
  for (const line of report.slice(start).split('\n').slice(2)) {
    if (line.startsWith('#')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length > 7 && /^\d+$/.test(cells[2])) rows.set(cells[1], cells.slice(2, 7).map(Number));
  }
  return rows;
}

const labels = scorer!.categories.map((category) => category.id);
const goldOf = async (file: string): Promise<GoldSet> => (await readGold(root(file), labels)).gold!;

/** Fails when the whole-set counts under `heading` are not those `gold` gives now. */
function expectCounts(gold: GoldSet, heading: string): void {
  const result = evaluate(gold, scorer!, 'all');
  const table = tableAfter(heading);
  for (const metric of result.metrics) {
    expect(table.get(metric.label), `${heading} ${metric.label}`).toEqual([metric.support, metric.predicted, metric.tp, metric.fp, metric.fn]);
  }
}

describe('sentences shared between gold sets', () => {
  test('the same sentence, or one inside the other, whatever its white space', () => {
    expect(isSameSentence('Migrants need protection and dignity.', 'Migrants need protection and dignity.')).toBe(true);
    expect(isSameSentence('Migrants need protection and dignity.', '(iv) Migrants need protection and dignity. Title 2')).toBe(true);
    expect(isSameSentence('Migrants need protection.', 'Migrants need protection and dignity.')).toBe(false);
    expect(isSameSentence('short text', 'a short text inside')).toBe(false);
    const ids = sharedIds([{ id: 'a', text: 'The  Member States\nshall ensure access to legal aid.' }, { id: 'b', text: 'Nothing shared with the other set here.' }], ['2. The Member States shall ensure access to legal aid.']);
    expect([...ids]).toEqual(['a']);
  });
});

describe('three-coder gold sets', () => {
  // The majority labels and agreement figures are made from the coders' own files by
  // scripts/gold-agreement.mjs (which reads the build: `npm test` compiles first).
  test.for([
    ['test/gold/dev.csv', 'test/gold/coders'],
    ['test/gold/dev5.csv', 'test/gold/dev5-coders'],
    ['test/gold/dev6.csv', 'test/gold/dev6-coders'],
    ['test/gold/dev7.csv', 'test/gold/dev7-coders'],
    ['test/gold/dev8.csv', 'test/gold/dev8-coders'],
    ['test/gold/neg1.csv', 'test/gold/neg1-coders'],
    ['test/gold/dev9.csv', 'test/gold/dev9-coders'],
    ['test/gold/dev10.csv', 'test/gold/dev10-coders'],
    ['test/gold/dev11.csv', 'test/gold/dev11-coders'],
    ['test/gold/dev12.csv', 'test/gold/dev12-coders'],
    ['test/gold/dev13.csv', 'test/gold/dev13-coders'],
    ['test/gold/dev14.csv', 'test/gold/dev14-coders'],
    ['test/gold/dev15.csv', 'test/gold/dev15-coders'],
    ['test/gold/dev16.csv', 'test/gold/dev16-coders'],
    ['test/gold/dev17.csv', 'test/gold/dev17-coders'],
    ['test/gold/dev18.csv', 'test/gold/dev18-coders'],
    ['test/gold/dev19.csv', 'test/gold/dev19-coders'],
    ['test/gold/dev20.csv', 'test/gold/dev20-coders'],
    ['test/gold/dev21.csv', 'test/gold/dev21-coders'],
    ['test/gold/dev22.csv', 'test/gold/dev22-coders'],
    ['test/gold/dev23.csv', 'test/gold/dev23-coders'],
    ['test/gold/dev24.csv', 'test/gold/dev24-coders'],
    ['test/gold/dev25.csv', 'test/gold/dev25-coders'],
    ['test/gold/dev26.csv', 'test/gold/dev26-coders'],
    ['test/gold/dev27.csv', 'test/gold/dev27-coders'],
    ['test/gold/dev28.csv', 'test/gold/dev28-coders'],
    ['test/gold/dev29.csv', 'test/gold/dev29-coders'],
    ['test/gold/dev30.csv', 'test/gold/dev30-coders'],
  ] as const)('%s and its agreement.csv are what its coders\' files give', ([file, coders]) => {
    const dir = mkdtempSync(join(tmpdir(), 'hsframe-gold-'));
    try {
      const gold = join(dir, 'gold.csv');
      const agreement = join(dir, 'agreement.csv');
      execFileSync(process.execPath, [root('scripts/gold-agreement.mjs'), '--view', root(file), '--gold', gold, '--agreement', agreement, ...['A', 'B', 'C'].map((x) => root(`${coders}/coder${x}.csv`))]);
      expect(readFileSync(gold, 'utf8')).toBe(readFileSync(root(file), 'utf8'));
      expect(readFileSync(agreement, 'utf8')).toBe(readFileSync(root(`${coders}/agreement.csv`), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the three-coder sets drawn for this project', () => {
  test('dev5.csv to dev30.csv and neg1.csv share no sentence and no UN speech with any other gold set', () => {
    const files = ['dev.csv', 'dev2.csv', 'dev3.csv', 'dev4.csv', 'dev5.csv', 'dev6.csv', 'dev7.csv', 'dev8.csv', 'neg1.csv', 'dev9.csv', 'dev10.csv', 'dev11.csv', 'dev12.csv', 'dev13.csv', 'dev14.csv', 'dev15.csv', 'dev16.csv', 'dev17.csv', 'dev18.csv', 'dev19.csv', 'dev20.csv', 'dev21.csv', 'dev22.csv', 'dev23.csv', 'dev24.csv', 'dev25.csv', 'dev26.csv', 'dev27.csv', 'dev28.csv', 'dev29.csv', 'dev30.csv'];
    const sets = new Map(files.map((file) => [file, parse(readFileSync(root(`test/gold/${file}`)), { columns: true }) as { id: string; doc: string; text: string }[]]));
    // A speech is named ISO3_session_year (the policy texts, shared by design, by file name).
    const speech = /^[A-Z]{3}_\d+_\d{4}$/;
    for (const file of files.slice(4)) {
      const rows = sets.get(file)!;
      const others = [...sets].filter(([name]) => name !== file).flatMap(([, set]) => set);
      expect([...sharedIds(rows, others.map((row) => row.text))], file).toEqual([]);
      const otherSpeeches = new Set(others.map((row) => row.doc).filter((doc) => speech.test(doc)));
      expect(otherSpeeches.size, file).toBeGreaterThan(100);
      expect(rows.filter((row) => speech.test(row.doc)).length, file).toBeGreaterThan(50);
      expect(rows.filter((row) => otherSpeeches.has(row.doc)).map((row) => row.id), file).toEqual([]);
    }
  });
});

describe('VALIDATION.md', () => {
  test('names the bundled lexicons by version and hash', () => {
    expect(report).toContain(`**Lexicons:** \`${scorer!.lexiconVersion}\``);
  });

  test.for([
    ['test/gold/dev.csv', '## Whole set'],
    ['test/gold/dev2.csv', '### Whole (440 sentences)'],
    ['test/gold/dev3.csv', '## Third development set'],
    ['test/gold/dev4.csv', '## Fourth development set'],
    ['test/gold/dev5.csv', '## Fifth set, held out'],
    ['test/gold/dev6.csv', '## Sixth set, held out'],
    ['test/gold/dev7.csv', '## Seventh set, for tuning'],
    ['test/gold/dev8.csv', '## Eighth set, held out'],
    ['test/gold/neg1.csv', '## Negation contrast set'],
    ['test/gold/dev9.csv', '## Ninth set, for tuning'],
    ['test/gold/dev10.csv', '## Tenth set, held out'],
    ['test/gold/dev11.csv', '## Eleventh set, held out'],
    ['test/gold/dev12.csv', '## Twelfth set, for tuning'],
    ['test/gold/dev13.csv', '## Thirteenth set, held out'],
    ['test/gold/dev14.csv', '## Fourteenth set, for tuning'],
    ['test/gold/dev15.csv', '## Fifteenth set, held out'],
    ['test/gold/dev16.csv', '## Sixteenth set, for tuning'],
    ['test/gold/dev17.csv', '## Seventeenth set, for tuning'],
    ['test/gold/dev18.csv', '## Eighteenth set, held out'],
    ['test/gold/dev19.csv', '## Nineteenth set, for tuning'],
    ['test/gold/dev20.csv', '## Twentieth set, held out'],
    ['test/gold/dev21.csv', '## Twenty-first set, for tuning'],
    ['test/gold/dev22.csv', '## Twenty-second set, held out'],
    ['test/gold/dev23.csv', '## Twenty-third set, for tuning'],
    ['test/gold/dev24.csv', '## Twenty-fourth set, held out'],
    ['test/gold/dev25.csv', '## Twenty-fifth set, for tuning'],
    ['test/gold/dev26.csv', '## Twenty-sixth set, held out'],
    ['test/gold/dev27.csv', '## Twenty-seventh set, for tuning'],
    ['test/gold/dev28.csv', '## Twenty-eighth set, held out'],
    ['test/gold/dev29.csv', '## Twenty-ninth set, for tuning'],
    ['test/gold/dev30.csv', '## Thirtieth set, held out'],
  ] as const)('%s: its whole-set counts are those the lexicons give now', async ([file, heading]) => {
    expectCounts(await goldOf(file), heading);
  });

  test('dev.csv without the sentences dev3.csv and dev4.csv share: the counts the lexicons give now', async () => {
    const gold = await goldOf('test/gold/dev.csv');
    const later = [...(await goldOf('test/gold/dev3.csv')).rows, ...(await goldOf('test/gold/dev4.csv')).rows].map((row) => row.text);
    const shared: Set<string> = sharedIds(gold.rows, later);
    expect(shared.size).toBeGreaterThan(0);
    const unseen = { labels: gold.labels, rows: gold.rows.filter((row) => !shared.has(row.id)) };
    expectCounts(unseen, `## dev.csv without the sentences the tuning sets share (${unseen.rows.length} sentences)`);
  });
});
