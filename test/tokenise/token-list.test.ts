import { describe, expect, test } from 'vitest';
import { TokenList, tokenise, type Token } from '../../src/index.js';
import { KEPT_CAPACITY, TokenColumns } from '../../src/token-list.js';
import { textSource } from '../../src/pipeline/index.js';

const TOKENS: Token[] = [
  { start: 0, end: 3, norm: 'not', lemma: 'not', isWord: true, isNegated: false, formId: 7 },
  { start: 4, end: 12, norm: 'refugees', lemma: 'refugee', isWord: true, isNegated: true, formId: 0 },
  { start: 12, end: 13, norm: '.', lemma: '.', isWord: false, isNegated: false, formId: 0 },
];

describe('TokenList', () => {
  test('gives back the tokens it was made of, by accessor, by index and in order', () => {
    const list = TokenList.of(TOKENS);
    expect(list.length).toBe(3);
    expect(list.toArray()).toEqual(TOKENS);
    expect([...list]).toEqual(TOKENS);
    expect([0, 1, 2].map((i) => [list.start(i), list.end(i), list.norm(i), list.lemma(i), list.isWord(i), list.isNegated(i), list.formId(i)])).toEqual(
      TOKENS.map((token) => [token.start, token.end, token.norm, token.lemma, token.isWord, token.isNegated, token.formId]),
    );
  });

  test('at() counts from the end for a negative index and is undefined outside the list', () => {
    const list = TokenList.of(TOKENS);
    expect(list.at(-1)).toEqual(TOKENS[2]);
    expect(list.at(-3)).toEqual(TOKENS[0]);
    expect([list.at(3), list.at(-4), list.at(0.5)]).toEqual([undefined, undefined, undefined]);
    expect(TokenList.of([]).toArray()).toEqual([]);
  });

  test('JSON.stringify writes the tokens as an array of objects', () => {
    expect(JSON.parse(JSON.stringify({ tokens: TokenList.of(TOKENS) }))).toEqual({ tokens: TOKENS });
  });
});

describe('TokenColumns', () => {
  test('list() joins ranges in order; truncate() drops the tokens after a point', () => {
    const columns = new TokenColumns();
    TOKENS.forEach((token, i) => columns.add(token.start, token.end, token.norm, token.lemma, token.isWord, token.isNegated, i));
    columns.truncate(2);
    columns.add(20, 21, '!', '!', false, false, 0);
    expect(columns.list([[2, 3], [0, 1]]).toArray().map((token) => [token.norm, token.formId])).toEqual([['!', 0], ['not', 0]]);
    expect(columns.list([[0, 1], [1, 3]]).toArray().map((token) => token.norm)).toEqual(['not', 'refugees', '!']);
    expect(columns.list([[1, 2]]).lemma(0)).toBe('refugee');
    expect(columns.list([]).length).toBe(0);
  });

  test('grows past its first capacity without losing tokens', () => {
    const columns = new TokenColumns();
    for (let i = 0; i < 10_000; i++) columns.add(i, i + 1, `w${i % 7}`, `w${i % 7}`, i % 2 === 0, i % 3 === 0, i);
    const list = columns.list([[0, columns.length]]);
    expect(list.length).toBe(10_000);
    expect([list.start(9_999), list.norm(9_999), list.isWord(9_998), list.isNegated(9_999), list.formId(4_097)]).toEqual([9_999, 'w3', true, true, 4_097]);
  });

  test('a lemma column starts at the first lemma that is not its form: the tokens before it have their forms as lemmas', () => {
    const columns = new TokenColumns();
    for (let i = 0; i < 5_000; i++) columns.add(i, i + 1, `w${i}`, i === 4_500 ? 'lemma' : `w${i}`, true, false, 0);
    expect([columns.lemma(0), columns.lemma(4_499), columns.lemma(4_500), columns.lemma(4_999)]).toEqual(['w0', 'w4499', 'lemma', 'w4999']);
    const list = columns.list([[4_000, 5_000]]);
    expect([list.lemma(0), list.lemma(500), list.lemma(999), list.at(500)?.lemma]).toEqual(['w4000', 'lemma', 'w4999', 'lemma']);
    expect(list.norm(500)).toBe('w4500');
  });

  test('columns grown past what is kept between documents hand their tokens over and start again empty', () => {
    const columns = new TokenColumns();
    const size = KEPT_CAPACITY + 10;
    for (let i = 0; i < size + 5; i++) columns.add(i, i + 2, i % 2 === 0 ? 'even' : 'odd', i === 7 ? 'seven' : i % 2 === 0 ? 'even' : 'odd', true, i % 3 === 0, i);
    const list = columns.list([[0, size]]);
    expect(list.length).toBe(size);
    expect([list.end(size - 1), list.norm(size - 1), list.lemma(6), list.lemma(7), list.lemma(size - 1), list.isNegated(size - 1), list.formId(size - 1)]).toEqual([size + 1, 'odd', 'even', 'seven', 'odd', false, size - 1]);
    expect(list.at(size)).toBeUndefined();
    expect(columns.length).toBe(0);
    columns.add(3, 4, 'next', 'next', true, false, 1);
    expect(columns.list([[0, 1]]).toArray()).toEqual([{ start: 3, end: 4, norm: 'next', lemma: 'next', isWord: true, isNegated: false, formId: 1 }]);
    // The list handed over keeps its tokens when the columns are used again.
    expect([list.norm(0), list.start(0), list.lemma(7)]).toEqual(['even', 0, 'seven']);
  });
});

describe('tokenise keeps only scored paragraphs in its token list', () => {
  test('a foreign paragraph is left out and the sentences index the tokens that remain', () => {
    const english = ['Migrants are not a threat to Europe, and they have the same rights as all of us.', 'States must protect the human rights of the people who are in their care.'];
    const text = [english[0], 'Die Kommission hat heute einen Vorschlag angenommen, der die Rechte der Asylsuchenden in der Union stärken soll und der von den Mitgliedstaaten geprüft wird.', english[1]].join('\n\n');
    for (const tokeniser of ['scan.v1', 'wink-fast.v1'] as const) {
      const doc = tokenise(textSource(text), { tokeniser, language: 'en' });
      const sentences = doc.sentences.map(([first, end]) => doc.text.slice(doc.tokens.start(first), doc.tokens.end(end - 1)));
      expect(sentences, tokeniser).toEqual(english);
      expect(doc.excludedWords, tokeniser).toBeGreaterThan(0);
      expect(doc.tokens.toArray().filter((token) => token.isWord).length, tokeniser).toBe(doc.wordCount);
    }
  });
});
