import { describe, expect, test } from 'vitest';
import { BUNDLED_LEXICONS, loadScorer, scoreText } from '../../src/pipeline/index.js';
import { KEPT_CAPACITY } from '../../src/token-list.js';

// A text of more tokens and words than a thread keeps room for between documents has columns
// sized from its length, grown past that as needed, and handed to its document whole, not
// copied; its candidate lists are its own.
const PARAGRAPH =
  'The border security of the state is not threatened by refugees. Their human rights, dignity, health and food matter, and so do the livelihoods of migrants who flee violence, terrorism and poverty.';
/** Shorter tokens than running text has: more of them than its length leads to expect. */
const SHORT = 'Not by refugees. No arms, no A.I., no 1, 2, 3: we, I, a state at war, a border. Is it war? No.';
const GERMAN = 'Die Kommission hat heute einen Vorschlag angenommen, der die Rechte der Asylsuchenden in der Union stärken soll und der von den Mitgliedstaaten geprüft wird.';

describe('a document of more words than the tokeniser keeps room for between documents', async () => {
  const { scorer } = await loadScorer(BUNDLED_LEXICONS);

  test.each([
    ['every paragraph scored', PARAGRAPH, false],
    ['a paragraph in another language left out', PARAGRAPH, true],
    ['tokens shorter than running text has', SHORT, false],
  ])('is scored as its paragraphs are one by one (%s), and a document after it as before it', (_, paragraph, isMixed) => {
    const one = scoreText(paragraph, scorer!);
    expect(one.row.negatedHits).toBeGreaterThan(0);
    expect(one.doc.tokens.length * 5 > paragraph.length).toBe(paragraph === SHORT);
    expect(Object.values(one.row.hits).filter((count) => count > 0).length).toBeGreaterThan(1);
    const repeats = Math.ceil((KEPT_CAPACITY + 1) / one.doc.wordCount);
    const paragraphs = Array<string>(repeats).fill(paragraph);
    if (isMixed) paragraphs.splice(repeats >> 1, 0, GERMAN);
    const large = scoreText(paragraphs.join('\n\n'), scorer!);
    expect(large.doc.wordCount).toBe(one.doc.wordCount * repeats);
    expect(large.doc.wordCount).toBeGreaterThan(KEPT_CAPACITY);
    expect(large.doc.excludedWords).toBe(isMixed ? scoreText(GERMAN, scorer!).doc.excludedWords : 0);
    expect(large.doc.tokens.length).toBe(one.doc.tokens.length * repeats);
    expect(large.doc.hits.length).toBe(one.doc.hits.length * repeats);
    expect(large.row.hits).toEqual(Object.fromEntries(Object.entries(one.row.hits).map(([key, value]) => [key, value * repeats])));
    expect(large.row.negatedHits).toBe(one.row.negatedHits * repeats);
    // The last paragraph's matches, read from the text by their tokens' offsets.
    const matched = (doc: typeof one.doc) => doc.hits.slice(-one.doc.hits.length).map((hit) => doc.text.slice(doc.tokens.start(hit.range[0]), doc.tokens.end(hit.range[1] - 1)));
    expect(matched(large.doc)).toEqual(matched(one.doc));
    const after = scoreText(paragraph, scorer!);
    expect(after.row).toEqual(one.row);
    expect(after.doc.tokens.toArray()).toEqual(one.doc.tokens.toArray());
    expect(after.doc.words).toEqual(one.doc.words);
  });
});
