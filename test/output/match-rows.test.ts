import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../src/evaluate/bootstrap.js';
import { defaultCsvRows, matchCells, matchesCsvOf, matchRows } from '../../src/output/index.js';
import { BUNDLED_LEXICONS, loadScorer, scoreText } from '../../src/pipeline/index.js';
import type { ClassifiedDoc } from '../../src/document.js';
import { TokenList } from '../../src/token-list.js';

const CORPUS = fileURLToPath(new URL('../../corpora/eu-migration/', import.meta.url));
const { scorer } = await loadScorer(BUNDLED_LEXICONS);

/** matches.csv's rows of a document as `matchCells` and `defaultCsvRows` make them, cell by cell. */
function reference(doc: ClassifiedDoc): Buffer {
  return Buffer.from(defaultCsvRows(matchRows(doc).map((row) => matchCells(row))));
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

// Terms of both lexicons, and what can stand between and around them.
const TERMS = ['border security', 'human rights', 'food security', 'refugees', 'national security', 'health care', 'climate change', 'poverty', 'torture', 'asylum seekers', 'not a threat to security', 'discrimination', 'illegal immigration', 'Border\ncontrol', 'human\u00a0rights'];
const BETWEEN = [' ', '  ', '\n', '\n\n', '\t', ' \r\n ', ', ', '; ', '. ', '" ', ' "', ',"', '\u2028', '\u3000', '\ufeff', ' \ud83d\ude00 ', ' \ud83d ', ' \ude00 ', ' — ', ' = ', ' +', '\n=', ' @ ', "'", ' (', ') ', ' é ', ' 日本 '];
const FILLER = ['the', 'State', 'and', 'of', 'people', 'must', 'protect', 'Union', 'measures', 'for', 'all', 'children', 'Member', 'States', 'shall', 'ensure'];

function randomText(random: () => number): string {
  const parts: string[] = [];
  const size = 1 + Math.floor(random() * 40);
  for (let i = 0; i < size; i++) {
    parts.push(random() < 0.3 ? pick(random, TERMS) : pick(random, FILLER));
    parts.push(random() < 0.6 ? ' ' : pick(random, BETWEEN));
  }
  // Sometimes a text starts or ends with white space, or starts like a formula.
  const start = random() < 0.2 ? pick(random, ['=', '+', ' ', '\n', '"', "'=", '-']) : '';
  const end = random() < 0.2 ? pick(random, [' ', '\n', '"', ',']) : '';
  return start + parts.join('') + end;
}

describe('matchesCsvOf', () => {
  test('writes the bundled corpus\'s rows of matches.csv as matchCells and defaultCsvRows do, byte for byte', async () => {
    let rows = 0;
    for (const name of (await readdir(CORPUS)).filter((file) => file.endsWith('.txt'))) {
      const { doc } = scoreText(await readFile(join(CORPUS, name), 'utf8'), scorer, name);
      rows += doc.hits.length;
      expect(Buffer.concat(matchesCsvOf(doc)), name).toEqual(reference(doc));
    }
    expect(rows).toBeGreaterThan(1000);
  });

  test('writes every row as matchCells and defaultCsvRows do, whatever surrounds the match and whatever the id', () => {
    const random = mulberry32(7);
    const ids = ['a.txt', 'a,b.txt', 'say "hi".txt', '=cmd.txt', ' space.txt', 'ré/日本.txt', "'=x.txt"];
    let [rows, quoted, snippets] = [0, 0, 0];
    for (let round = 0; round < 1500; round++) {
      const text = randomText(random);
      const { doc } = scoreText(text, scorer, pick(random, ids));
      const bytes = Buffer.concat(matchesCsvOf(doc));
      expect(bytes.toString(), JSON.stringify(text)).toBe(reference(doc).toString());
      rows += doc.hits.length;
      quoted += (bytes.toString().match(/,"…/g) ?? []).length;
      snippets += (bytes.toString().match(/,…/g) ?? []).length;
    }
    // Snippets cut at both ends, quoted or not, were written.
    expect(rows).toBeGreaterThan(3000);
    expect(quoted).toBeGreaterThan(100);
    expect(snippets).toBeGreaterThan(100);
  });

  test('writes rows as matchCells does for spans no lexicon matches: punctuation, formula characters, half of an emoji', () => {
    const text = `${'Some words first, to cut the snippet. '.repeat(2)}=SUM(A1) ＝x "quoted, text" \ud83d\ude00 @home -1 +2 'tick ${'and words after it all. '.repeat(3)}`;
    const { doc } = scoreText(text, scorer, 'spans.txt');
    const hits = [];
    for (let i = 0; i < doc.tokens.length; i++) {
      for (const length of [1, 2, 3]) {
        if (i + length <= doc.tokens.length) hits.push({ lexiconId: 'x', entryId: i % 2 === 0 ? '=entry' : 'entry, "quoted"', category: 'c', range: [i, i + length] as const, sentence: 0, weight: 0.25, isNegated: i % 3 === 0 });
      }
    }
    const spans = { ...doc, hits };
    expect(Buffer.concat(matchesCsvOf(spans)).toString()).toBe(reference(spans).toString());
    // Tokens of another tokeniser may start or end with white space.
    const tokens = TokenList.of([0, 30, 60, 90].map((start) => ({ start, end: start + 12, norm: 'x', lemma: 'x', isWord: true, isNegated: false })));
    const padded = { ...doc, text: ' ab cd\n'.repeat(30), tokens, hits: [0, 1, 2, 3].map((i) => ({ ...hits[0], range: [i, i + 1] as const })) };
    expect(Buffer.concat(matchesCsvOf(padded)).toString()).toBe(reference(padded).toString());
  });

  test('writes no bytes for a document without matches', () => {
    const { doc } = scoreText('Nothing of note here.', scorer);
    expect(doc.hits).toHaveLength(0);
    expect(matchesCsvOf(doc)).toEqual([]);
  });
});
