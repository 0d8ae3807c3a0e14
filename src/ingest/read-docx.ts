import { htmlToText } from './html-to-text.js';
import { rewriteBreaks } from './rewrite-breaks.js';
import { zipEntries } from './zip-entries.js';

/** A converted document, or the issue code and reason it failed. */
export type Converted = { text: string; title: string; encoding: string; warning?: string; pagesWithoutText?: string } | { code: 'FILE_CORRUPT' | 'FILE_ZIP_BOMB' | 'FILE_ENCRYPTED' | 'FILE_NO_TEXT' | 'FILE_BINARY' | 'FILE_BAD_ENCODING' | 'FILE_TOO_LARGE'; problem: string };

/** Unpacked size limit of a .docx, and the largest unpacked/packed ratio accepted. */
const MAX_UNPACKED_BYTES = 200_000_000;
const MAX_RATIO = 200;

/** Text of a .docx (mammoth's HTML, read as a page is), one paragraph per blank-line-separated block, a line break (also a carriage return, page or column break) inside one as a line end, footnotes at the end; zip bombs are refused unread. */
export async function readDocx(bytes: Uint8Array, options: { maxUnpackedBytes?: number } = {}): Promise<Converted> {
  const entries = zipEntries(bytes);
  if (!entries) {
    // A zip archive starts with a local file header ("PK\x03\x04"); its directory is at its end, which a cut-off copy has lost.
    const isCutZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    // An Office file with a password is an OLE compound file (as an old .doc is), not a zip.
    const isCompoundFile = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    if (isCompoundFile) {
      // An encrypted .docx is a compound file holding the package as `EncryptedPackage`; an old .doc holds a `WordDocument` stream (names in UTF-16).
      const holds = (name: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, 'utf16le'));
      if (!holds('EncryptedPackage') && holds('WordDocument')) return { code: 'FILE_CORRUPT', problem: 'not a .docx file: an old Word 97–2003 .doc with a .docx name; save it as .docx (Word, or LibreOffice: soffice --convert-to docx)' };
      return { code: 'FILE_ENCRYPTED', problem: 'not readable as .docx: a password-protected Word file (or an old .doc saved as .docx); save it without a password as .docx' };
    }
    return { code: 'FILE_CORRUPT', problem: isCutZip ? 'damaged .docx file: a zip archive without its directory (cut off, or partly copied)' : 'not a .docx file: it is not a zip archive' };
  }
  const unpacked = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  const packed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  const limit = options.maxUnpackedBytes ?? MAX_UNPACKED_BYTES;
  if (unpacked > limit || unpacked > Math.max(1_000_000, packed * MAX_RATIO)) {
    return { code: 'FILE_ZIP_BOMB', problem: `.docx would unpack to ${unpacked} bytes from ${packed} (limit ${limit} bytes, ratio ${MAX_RATIO}); refused as a possible zip bomb` };
  }
  // The main part is found through the package's relationships (usually word/document.xml).
  if (!entries.some((entry) => entry.name === 'word/document.xml' || entry.name === '_rels/.rels')) {
    return { code: 'FILE_CORRUPT', problem: 'not a .docx file: the zip has no word/document.xml' };
  }
  // Carriage returns and page and column breaks inside a paragraph become line breaks, which mammoth keeps (it drops the others).
  const docx = rewriteBreaks(bytes, entries);
  try {
    const mammoth = (await import('mammoth')).default;
    // Through HTML rather than mammoth's raw text, which drops line breaks inside a paragraph (gluing "border" to "control") and the footnotes.
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(docx.buffer, docx.byteOffset, docx.byteLength) });
    const page = htmlToText(value);
    const { text } = page;
    // The first Heading 1 (mammoth's <h1>), as a web page's; else a one-line first paragraph.
    const first = text.trim().split(/\n\s*\n/, 1)[0]?.trim() ?? '';
    const title = page.title || (first.length <= 120 && !first.includes('\n') ? first : '');
    return { text, title, encoding: 'docx' };
  } catch (error) {
    return { code: 'FILE_CORRUPT', problem: `damaged .docx file, which the .docx reader could not read: ${(error instanceof Error ? error.message : String(error)).replace(/^Bug ?: ?/i, '')}` };
  }
}
