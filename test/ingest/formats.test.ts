import { fileURLToPath } from 'node:url';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readDocument } from '../../src/ingest/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const read = (name: string) => readDocument(join(FIXTURES, name), name);

describe('binary formats and encodings (test/fixtures/formats)', () => {
  test.for([
    ['text.pdf', 'pdf', 'Border control and the protection of\nhuman rights go together.\n\nThe second page speaks of food security.'],
    ['note.docx', 'docx', 'Asylum Policy Note\n\nRefugees need access to health care and housing.\n\nBorder surveillance was increased.'],
    // A line break inside a paragraph keeps the words on either side apart.
    ['line-break.docx', 'docx', 'Line Break Note\n\nRefugees need\nprotection at the border.'],
    ['other-main-part.docx', 'docx', 'Other Main Part\n\nRefugees need protection.'],
    // A carriage return, a page break and a column break inside a paragraph, a footnote and an endnote end a line as a line break does.
    ['breaks.docx', 'docx', 'Breaks Note\n\nRefugees need\nprotection. [1]\n\nBorder\ncontrol. [2]\n\nFood\nsecurity.\n\nAsylum\nseekers. ↑\n\nHuman\nrights. ↑'],
    // The same, in an archive written as a stream (each entry's sizes after its data).
    ['streamed-breaks.docx', 'docx', 'Breaks Note\n\nRefugees need\nprotection. [1]\n\nBorder\ncontrol. [2]\n\nFood\nsecurity.\n\nAsylum\nseekers. ↑\n\nHuman\nrights. ↑'],
    ['cp1252.txt', 'windows-1252', 'Réfugiés “protection” – naïve café €5, Curaçao’s border.'],
    ['latin1.txt', 'iso-8859-1', 'Les réfugiés à la frontière: Ångström, señor, naïve.'],
    ['utf16le.txt', 'utf-16le', 'Human rights and border control.'],
    ['utf16be.txt', 'utf-16be', 'Human rights and border control.'],
  ] as const)('%s is read as %s', async ([name, encoding, text]) => {
    const result = await read(name);
    expect(result.doc?.encoding).toBe(encoding);
    expect(result.doc?.text).toBe(text);
  });

  test('a .docx cut off before its zip directory is reported as damaged, not as something else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-cut-docx-'));
    try {
      const bytes = await readFile(join(FIXTURES, 'note.docx'));
      await writeFile(join(dir, 'cut.docx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
      const result = await readDocument(join(dir, 'cut.docx'), 'cut.docx');
      expect(result).toMatchObject({ issue: { code: 'FILE_CORRUPT', file: 'cut.docx' } });
      if (!result.doc) expect(result.issue.message).toContain('damaged .docx file');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a .docx title is its first Heading 1, else its first short paragraph', async () => {
    expect((await read('heading.docx')).doc?.title).toBe('New Pact on Migration and Asylum');
    expect((await read('note.docx')).doc?.title).toBe('Asylum Policy Note');
  });

  test.for([
    ['image-only.pdf', 'FILE_NO_TEXT', 'no text layer'],
    ['encrypted.pdf', 'FILE_ENCRYPTED', 'encrypted'],
    ['corrupt.pdf', 'FILE_CORRUPT', 'cannot read PDF'],
    ['not-a-zip.docx', 'FILE_CORRUPT', 'not a zip archive'],
    ['bomb.docx', 'FILE_ZIP_BOMB', 'zip bomb'],
  ] as const)('%s is reported as %s', async ([name, code, message]) => {
    const result = await read(name);
    expect(result.doc).toBeUndefined();
    expect(result).toMatchObject({ issue: { code, file: name, stage: 'ingest', severity: 'error' } });
    if (!result.doc) expect(result.issue.message).toContain(message);
  });

  test('a .docx\'s HTML chunk (<w:altChunk>, as converters from HTML write one) is read in its place', async () => {
    expect((await read('altchunk.docx')).doc?.text).toBe('Before the chunk.\n\nChunk & heading\n\nRefugees need protection at the border.\n\nAfter the chunk.');
  });

  test('a PDF form\'s filled-in text field is read where it is, as a viewer shows it', async () => {
    expect((await read('form.pdf')).doc?.text).toBe('Application form for asylum seekers.\n\nI fled persecution and violence; I need protection.');
  });

  test('PDF text set a quarter turn, in lines of several runs, reads line by line as level text does', async () => {
    expect((await read('turned.pdf')).doc?.text).toBe('Level text about refugees.\n\nThe protection of refugees at the external\nborders of the Union requires that\nchildren are never detained.');
  });

  test('a .docx written with Zip64 records (as "always Zip64" writers make it) reads as the same document written without', async () => {
    const [zip64, plain] = [await read('zip64.docx'), await read('note.docx')];
    expect(zip64.doc?.text).toBe(plain.doc?.text);
    expect(zip64.doc?.text).toContain('Refugees need access to health care and housing.');
  });

  test('a PDF most of whose pages have no text layer (scanned, with a stamp in text) is scored with a warning that says so; one whose pages all have text, without', async () => {
    const scanned = await read('scanned-stamp.pdf');
    expect(scanned.doc?.text).toBe('Council of the European Union');
    expect(scanned.doc?.issues).toMatchObject([{ code: 'FILE_PAGES_WITHOUT_TEXT', severity: 'warning', message: expect.stringContaining('2 of its 3 pages have no text layer') }]);
    expect((await read('text.pdf')).doc?.issues).toEqual([]);
  });

  test('bytes that are not UTF-8 and have no C1 codes are Latin-1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-enc-'));
    try {
      await writeFile(join(dir, 'a.txt'), Buffer.from([0x41, 0xe9, 0x42]));
      const result = await readDocument(join(dir, 'a.txt'), 'a.txt');
      expect(result.doc).toMatchObject({ text: 'AéB', encoding: 'iso-8859-1' });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  test('a Polish text file in Windows-1250 is read as such, its encoding named in the document as scores.csv gives it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hsframe-enc-'));
    try {
      const text = 'Prawa człowieka\n\nKażdy człowiek ma prawo do życia, wolności i bezpieczeństwa swojej osoby; władza państwowa należy do narodu.';
      await writeFile(join(dir, 'pl.txt'), windows1250(text));
      const result = await readDocument(join(dir, 'pl.txt'), 'pl.txt');
      expect(result.doc).toMatchObject({ text, title: 'Prawa człowieka', encoding: 'windows-1250' });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

/** `text` in Windows-1250, by a table read off Node's TextDecoder. */
function windows1250(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1250');
  const table = new Map(Array.from({ length: 128 }, (_, i) => [decoder.decode(Uint8Array.of(0x80 + i)), 0x80 + i] as const));
  return Uint8Array.from([...text].map((char) => (char < '\u0080' ? char.charCodeAt(0) : table.get(char)!)));
}

test('a PDF whose metadata title only names the file it was made from is titled by its one-line first paragraph', async () => {
  const read = await readDocument(join(FIXTURES, 'file-name-title.pdf'), 'file-name-title.pdf');
  expect(read.doc?.title).toBe('Asylum Policy Brief');
});
