import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { readDocx } from '../../src/ingest/read-docx.js';
import { replaceZipParts } from '../../src/ingest/replace-zip-parts.js';
import { readZipPart, zipEntries, type ZipEntry } from '../../src/ingest/zip-entries.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
/** An entry's unpacked bytes, as a plain Uint8Array (a Buffer and a Uint8Array never compare equal). */
const unpacked = (bytes: Uint8Array, entry: ZipEntry) => new Uint8Array(readZipPart(bytes, entry)!);
const DOCUMENT = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Replaced text</w:t></w:r></w:p></w:body></w:document>';

describe('replaceZipParts', () => {
  test.for(['note.docx', 'streamed-breaks.docx'])('%s: the named entry holds the new content, the others their own, and a .docx reader reads it', async (name) => {
    const bytes = new Uint8Array(await readFile(join(FIXTURES, name)));
    const before = zipEntries(bytes)!;
    const content = new TextEncoder().encode(DOCUMENT);
    const replaced = replaceZipParts(bytes, before, new Map([['word/document.xml', content]]));
    const after = zipEntries(replaced)!;
    expect(after.map((entry) => entry.name)).toEqual(before.map((entry) => entry.name));
    const view = new DataView(replaced.buffer, replaced.byteOffset, replaced.byteLength);
    for (const [i, entry] of after.entries()) {
      const expected = entry.name === 'word/document.xml' ? content : unpacked(bytes, before[i]);
      expect(unpacked(replaced, entry), entry.name).toEqual(expected);
      // The CRC-32 in the central directory record, which strict readers check.
      expect(view.getUint32(entry.recordOffset + 16, true), entry.name).toBe(crc32(expected));
    }
    expect(await readDocx(replaced)).toMatchObject({ text: 'Replaced text' });
  });

  test('no replacement gives an archive with the same entries and contents', async () => {
    const bytes = new Uint8Array(await readFile(join(FIXTURES, 'note.docx')));
    const copy = replaceZipParts(bytes, zipEntries(bytes)!, new Map());
    expect(zipEntries(copy)!.map((entry) => unpacked(copy, entry))).toEqual(zipEntries(bytes)!.map((entry) => unpacked(bytes, entry)));
  });
});

describe('readZipPart', () => {
  test.for([
    ['fewer bytes than it unpacks to', -1],
    ['more bytes than it unpacks to', 1],
  ] as const)('an entry that declares %s is not read (never more than the declared size is unpacked)', async ([, change]) => {
    const bytes = new Uint8Array(await readFile(join(FIXTURES, 'note.docx')));
    const entryOf = () => zipEntries(bytes)!.find((entry) => entry.name === 'word/document.xml')!;
    const entry = entryOf();
    expect(readZipPart(bytes, entry)).not.toBeNull();
    // The uncompressed size in the entry's central directory record.
    new DataView(bytes.buffer).setUint32(entry.recordOffset + 24, entry.uncompressedSize + change, true);
    expect(readZipPart(bytes, entryOf())).toBeNull();
  });
});
