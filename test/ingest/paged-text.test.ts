import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readDocument, tidyParagraphs } from '../../src/ingest/index.js';
import { plainText } from '../../src/ingest/paged-text.js';
import { textSource } from '../../src/pipeline/score-text.js';

/** Page `number` of a text as pdftotext writes it: a running header, the body, a blank line, a page number. */
const page = (number: number, body: string) => `A/69/PV.6    General Assembly    24/09/2014\n\n${body}\n\n${number}/3\n`;

describe('plain text (plainText)', () => {
  test.for([
    ['a sentence that goes on over a page break stays one paragraph', 'in the context of\n\n\n\f\nproviding assistance.', 'in the context of\nproviding assistance.'],
    ['a page break after a sentence end is a paragraph break', 'It ended.\n\n\f\nNew page.', 'It ended.\n\nNew page.'],
    ['after a closing quote or bracket too', 'as "it ended."\n\f\n\nNew page.', 'as "it ended."\n\nNew page.'],
    ['a form feed at the end of a line, before blank lines', 'the protection of \f\n\nrefugees', 'the protection of\nrefugees'],
    ['a form feed at the start of the next page', 'the protection of\n\n\frefugees', 'the protection of\nrefugees'],
    ['blank lines without a form feed still end a paragraph', 'no sentence end\n\nhere', 'no sentence end\n\nhere'],
    ['a form feed before a paragraph that ended earlier does not join later ones', 'One.\n\f\nTwo\n\nThree', 'One.\n\nTwo\n\nThree'],
  ] as const)('page breaks, as a .txt file is read: %s', ([, text, expected]) => {
    expect(tidyParagraphs(plainText(text))).toBe(expected);
  });

  test('pages parted by form feeds lose their running header and page numbers; a sentence goes on over the page break', () => {
    const text = [page(1, 'Member States shall ensure the protection of'), page(2, 'refugees at the border.\n\nA new paragraph starts'), page(3, 'on this page.')].join('\f');
    expect(plainText(text)).toBe('Member States shall ensure the protection of\nrefugees at the border.\n\nA new paragraph starts\non this page.');
  });

  test('soft hyphens inside words do not keep a word broken at a line end from being joined', () => {
    // The word's one whole form holds soft hyphens: still the evidence that "Mi-" / "gration" is one word.
    expect(tidyParagraphs(plainText('The mi\u00adgra\u00adtion of workers.\nMi-\ngration is managed.'))).toBe('The migration of workers.\nMigration is managed.');
  });

  test('a page of 200,000 lines is read whole', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `Line ${i} of the report.`);
    expect(plainText(`Title page.\f${lines.join('\n')}`)).toBe(`Title page.\n\n${lines.join('\n')}`);
  });

  test('a line that heads only one page of three stays', () => {
    const text = ['Article 1\nRefugees need protection.', 'Borders are controlled.', 'Rights are guaranteed.'].join('\f');
    expect(plainText(text)).toContain('Article 1');
  });

  test('a word hyphenated at a line end is joined where the document writes it whole elsewhere', () => {
    expect(plainText('the protec-\ntion of refugees; protection for all')).toBe('the protection of refugees; protection for all');
  });

  test('other line-end hyphens of plain text stay: they are mostly a compound\u2019s own', () => {
    expect(plainText('a high-\nlevel meeting')).toBe('a high-\nlevel meeting');
    expect(plainText('third-\ncountry nationals and third-country nationals')).toBe('third-country nationals and third-country nationals');
  });

  test('text without a form feed or a line-end hyphen is returned as it is', () => {
    const text = 'Border control.\n\nHuman rights.';
    expect(plainText(text)).toBe(text);
  });

  test('a .txt file is read so: its title is its first paragraph, not its running header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-paged-'));
    try {
      const text = [page(1, 'Statement by the Prime Minister\n\nMember States shall ensure the protection of'), page(2, 'refugees at the border.'), page(3, 'The end.')].join('\f');
      await writeFile(join(dir, 'speech.txt'), text);
      const read = await readDocument(join(dir, 'speech.txt'), 'speech.txt');
      expect(read.doc?.title).toBe('Statement by the Prime Minister');
      expect(read.doc?.text).toBe('Statement by the Prime Minister\n\nMember States shall ensure the protection of\nrefugees at the border.\n\nThe end.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('text given to the library is read as a .txt file is', () => {
    const text = [page(1, 'the protec-\ntion of'), page(2, 'refugees; protection for all.'), page(3, 'End.')].join('\f');
    expect(textSource(text).text).toBe('the protection of\nrefugees; protection for all.\n\nEnd.');
  });
});
