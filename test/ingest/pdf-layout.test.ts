import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readDocument } from '../../src/ingest/index.js';
import { joinHyphenated } from '../../src/ingest/join-hyphenated.js';
import { linesText, pageLines, type PdfLine, type PdfTextItem } from '../../src/ingest/pdf-layout.js';
import { withoutRunningLines } from '../../src/ingest/running-lines.js';
import { textSource } from '../../src/pipeline/score-text.js';
import { tokenise } from '../../src/tokenise/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../corpora/eu-migration/', import.meta.url));

/** A text item at height `y`, 10 units high. */
const item = (str: string, y: number, hasEOL = true): PdfTextItem => ({ str, hasEOL, transform: [10, 0, 0, 10, 72, y], height: 10 });
/** Page `number` (from 1): its lines from the top (y 800) down, 12 units apart, under a running header at 830 with the journal's page number, above a page number at 30. */
const page = (number: number, body: readonly string[]): PdfLine[] => [
  { text: `L 123/${40 + number}  Official Journal of the Union`, y: 830, isParagraphStart: false },
  ...body.map((text, index) => ({ text, y: 800 - 12 * index, isParagraphStart: false })),
  { text: `Page ${number} of 4`, y: 30, isParagraphStart: false },
];
const BODY = ['Refugees need protection.', 'Borders are controlled.', 'Rights are guaranteed.', 'Food is scarce.', 'Health care is given.', 'Houses are built.'];
const texts = (pages: readonly (readonly PdfLine[])[]) => pages.map((lines) => lines.map((line) => line.text));
/** The words of a text as the scanner reads them. */
const words = (text: string) => tokenise(textSource(text), { tokeniser: 'scan.v1', language: 'en' }).words!.keys;

describe('PDF lines and paragraphs (pageLines)', () => {
  test('text after a gap of more than 1.5 ems on one line is a paragraph of its own (a table\'s next cell); ordinary spacing is not', () => {
    const at = (str: string, x: number, width: number, y: number, hasEOL = false): PdfTextItem => ({ str, hasEOL, transform: [10, 0, 0, 10, x, y], height: 10, width });
    const lines = pageLines([at('Return', 72, 40, 700), at('Procedures at the border', 200, 130, 700, true), at('The protection', 72, 80, 688), at(' of refugees.', 158, 60, 688, true)]);
    expect(lines.map((line) => [line.text, line.isParagraphStart])).toEqual([
      ['Return', false],
      ['Procedures at the border', true],
      ['The protection of refugees.', false],
    ]);
  });

  test('a footnote mark, smaller and raised, stays in its line, apart from its word, and the next line is no new paragraph', () => {
    const mark = (str: string, y: number): PdfTextItem => ({ str, hasEOL: false, transform: [6, 0, 0, 6, 300, y], height: 6 });
    const lines = pageLines([
      item('Member States shall organise the return', 700, false), mark('1', 703.7), item('', 700),
      item('of illegally staying nationals, and the', 688), item('protection', 676, false), mark('2', 679.7), item(' of refugees.', 676),
      item('A line.', 664), item('A line.', 652), item('A line.', 640),
    ]);
    expect(lines.map((line) => [line.text, line.isParagraphStart])).toEqual([
      ['Member States shall organise the return 1', false],
      ['of illegally staying nationals, and the', false],
      ['protection 2 of refugees.', false],
      ['A line.', false], ['A line.', false], ['A line.', false],
    ]);
  });

  test('text set at a quarter turn makes lines along its own baselines, as level text does; a change of direction starts a paragraph', () => {
    // Read upwards (a table turned to fit a landscape page): each run of the same baseline x is one line, the next line to its right.
    const up = (str: string, x: number, y: number, hasEOL = false): PdfTextItem => ({ str, hasEOL, transform: [0, 10, -10, 0, x, y], height: 10, width: 10 * str.length * 0.5 });
    // Read downwards (a margin note): the next line is to its left.
    const down = (str: string, x: number, y: number): PdfTextItem => ({ str, hasEOL: false, transform: [0, -10, 10, 0, x, y], height: 10, width: 10 * str.length * 0.5 });
    const lines = pageLines([
      up('Border ', 100, 200), up('control ', 100, 235), up('at the', 100, 275),
      up('external ', 112, 200), up('borders.', 112, 245),
      up('A new paragraph.', 140, 200),
      down('Margin ', 560, 700), down('note.', 560, 665),
      item('Level text again.', 100),
    ]);
    expect(lines.map((line) => [line.text, line.isParagraphStart])).toEqual([
      ['Border control at the', false],
      ['external borders.', false],
      ['A new paragraph.', true],
      ['Margin note.', true],
      ['Level text again.', true],
    ]);
  });

  test('items on one height make a line; a gap of more than 1.6 line heights starts a paragraph', () => {
    const lines = pageLines([item('Border ', 700, false), item('control', 700), item('and rights.', 688), item('A new paragraph.', 660)]);
    expect(lines.map((line) => [line.text, line.isParagraphStart])).toEqual([
      ['Border control', false],
      ['and rights.', false],
      ['A new paragraph.', true],
    ]);
  });

  test('double-spaced lines are not a paragraph each: a paragraph starts where the drop is larger than the page usually has', () => {
    const ys = [700, 676, 652, 628, 592, 568];
    const lines = pageLines(ys.map((y, index) => item(`line ${index + 1}`, y)));
    expect(lines.map((line) => line.isParagraphStart)).toEqual([false, false, false, false, true, false]);
  });

  test('an empty item that ends a line, as some writers put before every line, does not start a paragraph', () => {
    const lines = pageLines([item('the protection of', 700), item('', 688), item('refugees.', 688)]);
    expect(lines.map((line) => [line.text, line.isParagraphStart])).toEqual([
      ['the protection of', false],
      ['refugees.', false],
    ]);
  });
});

describe('running headers, footers and page numbers (withoutRunningLines)', () => {
  test('a header and page numbers that recur at the top and bottom of every page are left out', () => {
    const bodies = [1, 2, 3, 4].map((number) => BODY.slice(number - 1, number + 2));
    const pages = bodies.map((body, index) => page(index + 1, body));
    expect(texts(withoutRunningLines(pages))).toEqual(bodies);
  });

  test('a line that recurs in the middle of pages is kept', () => {
    const bodies = [1, 2, 3, 4].map((number) => [BODY[number - 1], 'Article 5', BODY[number + 1]]);
    expect(texts(withoutRunningLines(bodies.map((body, index) => page(index + 1, body))))).toEqual(bodies);
  });

  test('headings that happen to start pages are kept: their numbers do not go up with the page', () => {
    const bodies = [['Article 3', BODY[0], BODY[1]], ['Article 7', BODY[2], BODY[3]], [BODY[4], BODY[5], BODY[0]]];
    expect(texts(withoutRunningLines(bodies.map((body, index) => page(index + 1, body))))).toEqual(bodies);
  });

  test('in plain text (lines without a font size), a footer is found by its distance from the page foot, however long the page', () => {
    const bodies = [BODY.slice(0, 1), BODY.slice(1, 4), BODY.slice(2, 6)];
    const pages = bodies.map((body, index) => [
      ...body.map((text, at) => ({ text, y: -12 * at, isParagraphStart: false })),
      { text: `- ${index + 1} -`, y: -12 * (body.length + 1), isParagraphStart: false },
    ]);
    expect(texts(withoutRunningLines(pages))).toEqual(bodies);
  });

  test('a PDF line at the same edge but another height is not a running line: a title under the place of the header', () => {
    const pages = [0, 1, 2].map((shift) => [
      { text: 'Shared Information Database', y: 800 - 20 * shift, isParagraphStart: false, size: 12 },
      { text: BODY[shift], y: 770 - 20 * shift, isParagraphStart: false, size: 10 },
      { text: BODY[shift + 1], y: 500, isParagraphStart: false, size: 10 },
    ]);
    expect(texts(withoutRunningLines(pages))).toEqual(texts(pages));
  });

  test('a one-page document keeps every line', () => {
    const pages = [page(1, ['Only page.'])];
    expect(texts(withoutRunningLines(pages))).toEqual(texts(pages));
  });
});

describe('page breaks (linesText)', () => {
  const line = (text: string, isParagraphStart = false): PdfLine => ({ text, y: 0, isParagraphStart });

  test('a sentence that goes on over a page break stays in its paragraph; a page after a full stop starts a paragraph', () => {
    const text = linesText([[line('Member States shall ensure the protection of')], [line('human rights at the border.')], [line('Next paragraph.')]]);
    expect(text).toBe('Member States shall ensure the protection of\nhuman rights at the border.\n\nNext paragraph.');
  });

  test('footnotes at the foot of a page go after the last page, so the sentence they cut goes on', () => {
    const body = (text: string, y: number): PdfLine => ({ text, y, isParagraphStart: false, size: 10 });
    const note = (text: string, y: number): PdfLine => ({ text, y, isParagraphStart: false, size: 7 });
    const pages = [
      [body('Member States shall ensure the protection of', 700), note('(1) OJ L 180, 29.6.2013, p. 96.', 80), note('(2) OJ L 337, 20.12.2011, p. 9.', 70)],
      [body('refugees at the border.', 700), body('Further text.', 688)],
    ];
    expect(linesText(pages)).toBe('Member States shall ensure the protection of\nrefugees at the border.\nFurther text.\n\n(1) OJ L 180, 29.6.2013, p. 96.\n(2) OJ L 337, 20.12.2011, p. 9.');
  });

  test('footnotes at the foot of the first of two columns go after the last page too, so the sentence that runs on into the second column goes on', () => {
    const body = (text: string, y: number): PdfLine => ({ text, y, isParagraphStart: false, size: 10 });
    const note = (text: string, y: number): PdfLine => ({ text, y, isParagraphStart: false, size: 7 });
    const page = [body('Member States shall ensure', 700), body('that the protection of', 688), note('(1) See the Schengen Borders Code.', 80), body('refugees comes first.', 700), body('A smaller line follows:', 688), note('small print in the column', 676)];
    expect(linesText([page])).toBe('Member States shall ensure\nthat the protection of\nrefugees comes first.\nA smaller line follows:\nsmall print in the column\n\n(1) See the Schengen Borders Code.');
  });

  test('small lines that are not below all the rest stay where they are: a raised mark, a small heading', () => {
    const line = (text: string, y: number, size: number): PdfLine => ({ text, y, isParagraphStart: false, size });
    const pages = [[line('Refugees need protection', 700), line('(3)', 704, 6)], [line('and shelter.', 700), line('Annex', 650, 7), line('More text here.', 640, 10)]];
    expect(linesText(pages)).toBe('Refugees need protection\n(3)\nand shelter.\nAnnex\nMore text here.');
  });

  test('a word hyphenated at the foot of a page is joined to its end on the next page', () => {
    expect(linesText([[line('the right to asy-')], [line('lum is guaranteed.')]])).toBe('the right to asylum is guaranteed.');
  });
});

describe('words hyphenated at a line end (joinHyphenated)', () => {
  test.for([
    ['a syllable break is one word', 'border protec-\ntion for all', 'border protection for all'],
    ['as is one at a soft hyphen or U+2010', 'bor\u00ad\nder and secu\u2010\nrity', 'border and security'],
    ['a word in capitals', 'THE COUN-\nCIL', 'THE COUNCIL'],
    ['a word the document writes hyphenated keeps its hyphen', 'third-\ncountry nationals and third-country nationals', 'third-country nationals and third-country nationals'],
    ['a word the document writes as one word is one word, even if it also writes it hyphenated', 'co-\noperation, cooperation and co-operation', 'cooperation, cooperation and co-operation'],
    ['a compound broken at its own hyphen keeps it when the document writes it so', 'on-the-\nspot visits and on-the-spot checks', 'on-the-spot visits and on-the-spot checks'],
    ['a compound broken inside its last part is one word', 'non-discrimina-\ntory access', 'non-discriminatory access'],
    ['two words the document writes apart keep the hyphen, over which a phrase reads on', 'asylum seekers and the former asylum-\nseekers', 'asylum seekers and the former asylum-seekers'],
    ['but not two words written apart with more than spaces between them', 'asylum, seekers and asylum-\nseekers', 'asylum, seekers and asylumseekers'],
    ['a line that goes on with a capital is not joined', 'the Secretary-\nGeneral and Euro-\nPean', 'the Secretary-\nGeneral and Euro-\nPean'],
    ['nor is a paragraph break', 'a list -\n\nnext paragraph', 'a list -\n\nnext paragraph'],
    ['nor a dash after a space', 'words -\nmore words', 'words -\nmore words'],
  ] as const)('%s', ([, text, joined]) => {
    expect(joinHyphenated(text)).toBe(joined);
  });

  test('the parts of a broken word are no evidence that it is written hyphenated', () => {
    // "suppres" and "sion" each occur only as the parts of the broken word.
    expect(joinHyphenated('the suppres-\nsion of it')).toBe('the suppression of it');
  });

  // Past a few searches of the document its words are indexed: the answers must not change.
  const CASES = 'border protec-\ntion for all. third-\ncountry nationals and third-country nationals. co-\noperation, cooperation and co-operation. on-the-\nspot visits and on-the-spot checks. non-discrimina-\ntory access. the suppres-\nsion of it. COVID-\n19 cases and high-\nlevel talks.';
  test.for([
    [true, 'border protection for all. third-country nationals and third-country nationals. cooperation, cooperation and co-operation. on-the-spot visits and on-the-spot checks. non-discriminatory access. the suppression of it. COVID-\n19 cases and highlevel talks.'],
    [false, 'border protec-\ntion for all. third-country nationals and third-country nationals. cooperation, cooperation and co-operation. on-the-spot visits and on-the-spot checks. non-discrimina-\ntory access. the suppres-\nsion of it. COVID-\n19 cases and high-\nlevel talks.'],
  ] as const)('a document with many line-end hyphens is read as one with few (word break by default: %s)', ([isWordBreakByDefault, joined]) => {
    const repeat = (paragraph: string) => Array.from({ length: 12 }, () => paragraph).join('\n\n');
    expect(joinHyphenated(repeat(CASES), { isWordBreakByDefault })).toBe(repeat(joined));
  });

  // A search of the whole text for each line end took about two minutes here, past the tests' timeout.
  test('80,000 line-end hyphens in 2.6 MB are all joined', () => {
    const text = Array.from({ length: 80_000 }, (_, i) => `word${i} protec-\ntion`).join(' ');
    expect(joinHyphenated(text)).toBe(Array.from({ length: 80_000 }, (_, i) => `word${i} protection`).join(' '));
  });
});

describe('a typeset PDF reads as its source text (layout.pdf)', () => {
  test('running headers, page numbers and line-end hyphenation leave the scanned words as they are in the source', async () => {
    const read = await readDocument(join(FIXTURES, 'layout.pdf'), 'layout.pdf');
    const source = await readFile(join(CORPUS, 'us-eo-regional-framework-causes-of-migration-2021.txt'), 'utf8');
    expect(read.doc).toBeDefined();
    expect(words(read.doc!.text)).toEqual(words(source));
  });
});

test('a running header of three lines is left out whole; a line that recurs below a body line is kept', () => {
  const header = ['COUNCIL OF THE EUROPEAN UNION', 'General Secretariat', 'ST 9097 2020 INIT'];
  const bodies = [['The protection of', 'refugees is guaranteed.'], ['The Council will review', 'the situation.'], ['The agency for', 'asylum supports them.']];
  const pages = bodies.map((body) => [...header, ...body].map((text, at) => ({ text, y: 800 - 12 * at, size: 10, isParagraphStart: false })));
  expect(withoutRunningLines(pages).map((lines) => lines.map((line) => line.text))).toEqual(bodies);
  // Below a two-line header, a line of each page's own, then one the same on every page: kept, as a line between it and the header is not running.
  const kept = bodies.map((body, page) => [body[0], 'Article 5', body[1], ...BODY.slice(page, page + 3)]);
  const lower = kept.map((body) => [...header.slice(0, 2), ...body].map((text, at) => ({ text, y: 800 - 12 * at, size: 10, isParagraphStart: false })));
  expect(withoutRunningLines(lower).map((lines) => lines.map((line) => line.text))).toEqual(kept);
});
