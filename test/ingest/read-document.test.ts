import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_INGEST_SETTINGS, MAX_PARAGRAPHS, MAX_TEXT_CHARS, readDocument, sourceFromBytes } from '../../src/ingest/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsframe-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Write `content` to a fresh file in the temp folder and read it back as a document. */
async function readAs(name: string, content: string | Buffer, maxFileBytes = DEFAULT_INGEST_SETTINGS.maxFileBytes) {
  const path = join(dir, name);
  await writeFile(path, content);
  return readDocument(path, `docs/${name}`, { ...DEFAULT_INGEST_SETTINGS, maxFileBytes });
}

const MARKDOWN = [
  '---',
  'title: Front matter title',
  'secret: front matter value',
  '---',
  '# Border *policy* review',
  '',
  'Some **bold** and _emphasised_ words, a [link text](https://example.org/x) and',
  'an image ![alt words](pic.png) here.',
  '',
  '## Second heading',
  '',
  '- a list item',
].join('\n');

const HTML = [
  '<!doctype html><html><head><title>Page &amp; Title</title>',
  '<style>body { color: red }</style><meta name="x" content="head stuff"></head>',
  '<body><script>var hidden = "script text";</script>',
  '<h1>Heading</h1><p>First &lt;para&gt; caf&eacute; &#8217;quoted&#x2019;</p><div>Second <b>bold</b> block</div>',
  '</body></html>',
].join('\n');

// [name, file name, content, expected text, expected title, expected encoding]
const GOOD: [string, string, string | Buffer, string, string, string][] = [
  ['plain .txt', 'plain.txt', 'Short title\n\nBody text of the document.\n', 'Short title\n\nBody text of the document.', 'Short title', 'utf-8'],
  ['UTF-8 with BOM', 'bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café text', 'utf8')]), 'Café text', 'Café text', 'utf-8-bom'],
  ['CRLF line ends', 'crlf.txt', 'One line\r\nsame para\r\n\r\nNext para\r\n', 'One line\nsame para\n\nNext para', 'crlf.txt', 'utf-8'], // first paragraph has two lines: title is the file name
  ['lone CR line ends', 'cr.txt', 'First\r\rSecond', 'First\n\nSecond', 'First', 'utf-8'],
  ['title before a line of spaces', 'spaced.txt', '  Short title  \n \t \nBody text.\n', 'Short title\n\nBody text.', 'Short title', 'utf-8'],
  ['lines without a blank one: no title', 'lines.txt', 'First line\nSecond line\nThird line\n', 'First line\nSecond line\nThird line', 'lines.txt', 'utf-8'],
  ['one short line: its own title', 'one.txt', 'Asylum and borders\n', 'Asylum and borders', 'Asylum and borders', 'utf-8'],
  ['markdown', 'doc.md', MARKDOWN, 'Border policy review\n\nSome bold and emphasised words, a link text and\nan image here.\n\nSecond heading\n\na list item', 'Border policy review', 'utf-8'],
  ['html', 'page.html', HTML, 'Heading\n\nFirst <para> café ’quoted’\n\nSecond bold block', 'Page & Title', 'utf-8'],
  ['UTF-16LE without a BOM', 'le.txt', Buffer.from('Réfugiés and borders\r\n\r\nBody text.', 'utf16le'), 'Réfugiés and borders\n\nBody text.', 'Réfugiés and borders', 'utf-16le'],
  ['UTF-16BE without a BOM', 'be.txt', Buffer.from('Réfugiés and borders\r\n\r\nBody text.', 'utf16le').swap16(), 'Réfugiés and borders\n\nBody text.', 'Réfugiés and borders', 'utf-16be'],
];

describe('readDocument: readable files', () => {
  test.for(GOOD)('%s', async ([, name, content, text, title, encoding]) => {
    const result = await readAs(name, content);
    expect(result.doc, JSON.stringify(result)).toBeDefined();
    const doc = result.doc!;
    expect(doc.text).toBe(text);
    expect(doc.title).toBe(title);
    expect(doc.encoding).toBe(encoding);
    expect(doc.id).toBe(`docs/${name}`);
    expect(doc.text).not.toContain('\r');
    expect(doc.text).not.toContain('\ufeff');
    expect(doc.bytes).toBe(Buffer.byteLength(content));
    expect(doc.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.issues).toEqual([]);
  });

  test.for([
    ['front matter', 'front matter value'],
    ['image alt text', 'alt words'],
    ['image file', 'pic.png'],
    ['link target', 'example.org'],
    ['emphasis markers', '*'],
    ['heading markers', '#'],
  ])('markdown drops %s', async ([, gone]) => {
    const { doc } = await readAs('drop.md', MARKDOWN);
    expect(doc!.text).not.toContain(gone);
  });

  test.for([
    ['script content', 'script text'],
    ['style content', 'color: red'],
    ['head content', 'head stuff'],
    ['the title (it is in <head>)', 'Page'],
    ['tags', '<b>'],
    ['raw entities', '&'],
  ])('html drops %s', async ([, gone]) => {
    const { doc } = await readAs('drop.html', HTML);
    expect(doc!.text).not.toContain(gone);
  });

  // Markup must not leak into titles or text.
  test('markdown: a link in the first heading gives a plain-text title', async () => {
    const { doc } = await readAs('link-title.md', '# [Asylum rules](https://example.org) today\n\nBody text.\n');
    expect(doc!.title).toBe('Asylum rules today');
  });

  test('html: a `>` inside a quoted attribute does not leak into the text', async () => {
    const { doc } = await readAs('attr.html', '<p title="a > b">Visible words</p>');
    expect(doc!.text).toBe('Visible words');
  });

  test('same bytes give the same sha256, different bytes a different one', async () => {
    const a = await readAs('a.txt', 'Same text');
    const b = await readAs('b.txt', 'Same text');
    const c = await readAs('c.txt', 'Other text');
    expect(a.doc!.contentSha256).toBe(b.doc!.contentSha256);
    expect(c.doc!.contentSha256).not.toBe(a.doc!.contentSha256);
  });
});

// [name, file name, content (null: no file), maxFileBytes, expected code]
const BAD: [string, string, string | Buffer | null, number, string][] = [
  ['empty file', 'empty.txt', '', 1000, 'FILE_EMPTY'],
  ['NUL bytes', 'binary.txt', Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02]), 1000, 'FILE_BINARY'],
  ['UTF-16 BOM with an odd byte count', 'odd.txt', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), 1000, 'FILE_BAD_ENCODING'],
  ['UTF-16BE BOM with a lone surrogate', 'surrogate.txt', Buffer.from([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x41]), 1000, 'FILE_BAD_ENCODING'],
  // 難民の権利を守る。 ("protect the rights of refugees"), in Shift-JIS, eight times.
  ['Shift-JIS', 'sjis.txt', Buffer.from(Array(8).fill([0x93, 0xef, 0x96, 0xaf, 0x82, 0xcc, 0x8c, 0xa0, 0x97, 0x98, 0x82, 0xf0, 0x8e, 0xe7, 0x82, 0xe9, 0x81, 0x42]).flat()), 1000, 'FILE_BAD_ENCODING'],
  // Беженцы нуждаются в защите. ("refugees need protection"), in Windows-1251, once.
  ['Cyrillic (Windows-1251), one short line', 'cp1251.txt', Buffer.from([0xc1, 0xe5, 0xe6, 0xe5, 0xed, 0xf6, 0xfb, 0x20, 0xed, 0xf3, 0xe6, 0xe4, 0xe0, 0xfe, 0xf2, 0xf1, 0xff, 0x20, 0xe2, 0x20, 0xe7, 0xe0, 0xf9, 0xe8, 0xf2, 0xe5, 0x2e, 0x0a]), 1000, 'FILE_BAD_ENCODING'],
  ['UTF-32 BOM', 'utf32.txt', Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]), 1000, 'FILE_BAD_ENCODING'],
  ['NUL bytes on every other byte but one', 'almost-utf16.txt', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x00, 0x00, 0x43, 0x00]), 1000, 'FILE_BINARY'],
  ['control characters', 'controls.txt', Buffer.from('ab\u0001\u0002\u0003\u0004cd'), 1000, 'FILE_BINARY'],
  ['over max_file_bytes', 'big.txt', 'x'.repeat(101), 100, 'FILE_TOO_LARGE'],
  ['missing file', 'missing.txt', null, 1000, 'FILE_UNREADABLE'],
  ['markup only (md)', 'markup.md', '# \n\n---\n\n![](img.png)\n', 1000, 'FILE_NO_TEXT'],
  ['markup only (html)', 'markup.html', '<html><head><title>T</title></head><body><p> </p><script>x()</script></body></html>', 1000, 'FILE_NO_TEXT'],
  ['numbers only', 'numbers.txt', '123 456\n', 1000, 'FILE_NO_TEXT'],
];

describe('readDocument: a file that mixes encodings', () => {
  test('is read, each part in its own encoding, with a warning that says how much of each; a Latin-1 file alone has none', async () => {
    const mixed = Buffer.concat([Buffer.from('Réfugiés à la frontière, naïve. ', 'latin1'), Buffer.from('Déjà vu: “réfugiés” – encore.', 'utf8')]);
    const { doc } = await readAs('mixed.txt', mixed);
    expect(doc?.text).toBe('Réfugiés à la frontière, naïve. Déjà vu: “réfugiés” – encore.');
    expect(doc?.encoding).toBe('utf-8+iso-8859-1');
    expect(doc?.issues).toMatchObject([{ code: 'FILE_MIXED_ENCODING', severity: 'warning', stage: 'ingest', file: 'docs/mixed.txt' }]);
    expect(doc?.issues[0].message).toBe('part of the file is UTF-8 (7 UTF-8 characters) and part is not (5 bytes): each part was read in its own encoding, UTF-8 and iso-8859-1; save the whole file as UTF-8');
    const latin1 = await readAs('latin1.txt', Buffer.from('Les réfugiés à la frontière: Ångström, señor, naïve.', 'latin1'));
    expect(latin1.doc?.issues).toEqual([]);
  });
});

describe('readDocument: problems become issues', () => {
  test.for(BAD)('%s → %s', async ([, name, content, maxFileBytes, code]) => {
    const path = join(dir, name);
    if (content !== null) await writeFile(path, content);
    const result = await readDocument(path, `docs/${name}`, { ...DEFAULT_INGEST_SETTINGS, maxFileBytes });
    expect(result.doc).toBeUndefined();
    if (result.doc) return;
    expect(result.issue).toMatchObject({ code, severity: 'error', stage: 'ingest', file: `docs/${name}` });
    expect(result.issue.message.length).toBeGreaterThan(0);
  });

  test('a file exactly at max_file_bytes is read', async () => {
    const result = await readAs('exact.txt', 'x'.repeat(100), 100);
    expect(result.doc?.text).toBe('x'.repeat(100));
  });

  test.for(['.txt', '.html'])('a %s file whose text is over MAX_TEXT_CHARS is refused before it is converted; one at the limit is read', async (extension) => {
    const words = (length: number) => 'refugee '.repeat(Math.ceil(length / 8)).slice(0, length);
    const over = await sourceFromBytes(new TextEncoder().encode(words(MAX_TEXT_CHARS + 1)), `big${extension}`, `big${extension}`);
    expect(over).toMatchObject({ issue: { code: 'FILE_TOO_LARGE', severity: 'error', stage: 'ingest', file: `big${extension}` } });
    expect(over.issue?.message).toMatch(/of 24,000,001 characters is over the 24,000,000 a document may hold/);
    const at = await sourceFromBytes(new TextEncoder().encode(words(MAX_TEXT_CHARS)), `limit${extension}`, `limit${extension}`);
    expect(at.doc?.text.length).toBeGreaterThan(MAX_TEXT_CHARS - 100);
  }, 60_000);

  test.for(['.txt', '.md'])('a %s file of more than MAX_PARAGRAPHS paragraphs is refused, one of that many is read', async (extension) => {
    const paragraphs = (count: number) => new TextEncoder().encode('Border.\n\n'.repeat(count));
    const over = await sourceFromBytes(paragraphs(MAX_PARAGRAPHS + 1), `many${extension}`, `many${extension}`);
    expect(over).toMatchObject({ issue: { code: 'FILE_TOO_LARGE', severity: 'error', stage: 'ingest', file: `many${extension}` } });
    expect(over.issue?.message).toBe('text of more than 1,000,000 paragraphs is over what a document may hold (each takes memory, however short); split it into smaller files');
    const at = await sourceFromBytes(paragraphs(MAX_PARAGRAPHS), `limit${extension}`, `limit${extension}`);
    expect(at.doc?.text.split('\n\n')).toHaveLength(MAX_PARAGRAPHS);
  }, 60_000);

  test('a folder is not a document', async () => {
    const result = await readDocument(dir, 'folder', DEFAULT_INGEST_SETTINGS);
    expect(result.doc).toBeUndefined();
    expect(result).toMatchObject({ issue: { code: 'FILE_UNREADABLE', file: 'folder', stage: 'ingest' } });
  });
});
