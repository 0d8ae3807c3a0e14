import { describe, expect, test } from 'vitest';
import { tidyParagraphs } from '../../src/ingest/html-to-text.js';

/** The definition tidyParagraphs implements in one pass (invisible characters removed, ligatures written out, first). */
const reference = (text: string) => text.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/\ufb01/g, 'fi').split('\n').map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();

describe('tidyParagraphs', () => {
  test.for([
    ['empty', '', ''],
    ['spaces, tabs and no-break spaces collapse inside a line', 'Border  \tcontrol\u00a0\u00a0and rights', 'Border control and rights'],
    ['lines are trimmed, other spaces too', '\u2003 Article 1 \u3000\n\tText\u000b', 'Article 1\nText'],
    ['at most one blank line between paragraphs, none at the ends', '\n\n a \n\n\n\n b\n \t \nc\n\n\n', 'a\n\nb\n\nc'],
    ['a line separator counts as a space at a line end', 'a\u2028\nb', 'a\nb'],
    ['a byte-order mark is trimmed', '\ufeffTitle\nBody', 'Title\nBody'],
  ] as const)('%s', ([, text, expected]) => {
    expect(tidyParagraphs(text)).toBe(expected);
    expect(reference(text)).toBe(expected);
  });

  test('agrees with the definition on generated text', () => {
    const pieces = ['a', 'Bb', ' ', '  ', '\t', '\u00a0', '\n', '\n\n', '\u2003', '\u2028', '\r', '.', '\u00ad', '\u200b', '\ufb01'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: next() % 30 }, () => pieces[next() % pieces.length]).join('');
      expect(tidyParagraphs(text)).toBe(reference(text));
    }
  });
});
