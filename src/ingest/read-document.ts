import { hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Issue, SourceDoc } from '../document.js';
import { makeIssue, reasonOf } from '../issues.js';
import { decodeText } from './decode-text.js';
import { htmlToText, tidyParagraphs } from './html-to-text.js';
import { plainText } from './paged-text.js';
import { markdownToText } from './markdown-to-text.js';
import { readDocx, type Converted } from './read-docx.js';
import { readPdf } from './read-pdf.js';

/** Settings of the ingest stage. */
export interface IngestSettings {
  /** File extensions read (lower case, with dot). */
  readonly extensions: readonly string[];
  /** Files larger than this many bytes are reported, not read. Default 50 MB. */
  readonly maxFileBytes: number;
}

/** Default ingest settings. */
/** Formats hsframe does not read, which plain-text reading would score as their bytes or markup: archives, images, office formats but .docx, RTF, e-books. */
export const UNREADABLE_FORMATS: ReadonlySet<string> = new Set(['.zip', '.gz', '.tar', '.7z', '.rar', '.doc', '.xls', '.xlsx', '.ppt', '.pptx', '.odt', '.ods', '.rtf', '.epub', '.png', '.jpg', '.jpeg', '.gif', '.tif', '.tiff']);

export const DEFAULT_INGEST_SETTINGS: IngestSettings = Object.freeze({
  extensions: Object.freeze(['.txt', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx']),
  maxFileBytes: 50_000_000,
});

/**
 * The most characters of text a document may hold, about four million words. Scoring one text of
 * 23 million characters peaks at about 480 MB of the process's memory, and two workers scoring
 * one each at about 900 MB (`scripts/memory-by-document.mjs`). The limit keeps two workers within
 * a laptop's memory and each worker's heap well within its 512 MB. Longer texts are reported
 * (`FILE_TOO_LARGE`), a text format's before it is converted.
 */
export const MAX_TEXT_CHARS = 24_000_000;

/**
 * The most paragraphs a document may hold. A paragraph's sentences and spans are kept in number
 * columns while it is tokenised, but each scored paragraph and sentence still has its range and
 * span in the document: 2,000,000 paragraphs of two words (21 MB) were scored in a worker's
 * 512 MB, 3,500,000 of one word (23 MB) ran out of it. Such a text (a list, a table of one-word
 * cells) is reported (`FILE_TOO_LARGE`) wherever it is scored, in a worker or not, so that the
 * tables do not depend on the thread count.
 */
export const MAX_PARAGRAPHS = 1_000_000;

/** A document read from a file, or the issue that stopped it. */
export type ReadResult = { readonly doc: SourceDoc } | { readonly doc?: undefined; readonly issue: Issue };

type Converter = (text: string) => { text: string; title: string };

/** Formats read from bytes by a library rather than decoded as text. */
const BINARY_READERS: Readonly<Record<string, (bytes: Uint8Array) => Promise<Converted>>> = {
  '.pdf': readPdf,
  '.docx': readDocx,
};

/** A plain text (line ends `\n`) as a `.txt` file's is read: its text as scored, and its title (a one-line first paragraph), if any. */
export function plainTextDocument(text: string): { text: string; title: string } {
  const plain = plainText(text);
  return { text: tidyParagraphs(plain), title: readableTitle(firstLineTitle(plain)) };
}

/** Control characters (C0 and C1, which a text below the binary threshold can hold, and a file name too) are spaces in a title, and runs of spaces one. */
function readableTitle(title: string): string {
  return CONTROL_CHARS.test(title) ? title.replace(CONTROL_RUNS, ' ').replace(/ {2,}/g, ' ').trim() : title;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_RUNS = new RegExp(`${CONTROL_CHARS.source}+`, 'g');

const CONVERTERS: Readonly<Record<string, Converter>> = {
  '.txt': plainTextDocument,
  '.md': markdownToText,
  '.markdown': markdownToText,
  '.html': htmlToText,
  '.htm': htmlToText,
};

/** The bytes of a file, or the issue that stopped reading it. Files over the size limit are not read. */
export type BytesResult = { readonly bytes: Uint8Array; readonly stamp: FileStamp } | { readonly bytes?: undefined; readonly issue: Issue };

/**
 * A file's size, modification time, status-change time and inode number, taken just before its
 * bytes were read. The status-change time (ctime) is set by any change to the file, of its
 * content, its permissions or owner, or its name, and no tool can set it back (`touch -d` sets
 * only the modification time): a file edited and given back its size and modification time, or
 * made unreadable, has a new stamp. The inode number tells another file put at the same path by
 * renaming a folder (two folders swapped), which changes no file's times.
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** The stamp of a file's stats. */
export function stampOf(info: FileStamp): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

/** True when both stamps are known and equal: the file was, as far as its stats tell, not changed. */
export function isSameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Read one file's bytes, refusing files over `maxFileBytes` before reading them. */
export async function readFileBytes(path: string | Buffer, id: string, settings: IngestSettings = DEFAULT_INGEST_SETTINGS): Promise<BytesResult> {
  try {
    const handle = await open(path, READ_FLAGS);
    try {
      const stat = await handle.stat();
      const problem = sizeProblem(stat, settings);
      return problem ? failedRead(id, ...problem) : { bytes: await handle.readFile(), stamp: stampOf(stat) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return failedRead(id, 'FILE_UNREADABLE', `cannot read file: ${reasonOf(error)}`);
  }
}

/**
 * `readFileBytes` with blocking calls, for a worker thread that has nothing else to do
 * meanwhile: the same bytes or the same issue, for less CPU.
 */
export function readFileBytesSync(path: string | Buffer, id: string, settings: IngestSettings = DEFAULT_INGEST_SETTINGS): BytesResult {
  try {
    const fd = openSync(path, READ_FLAGS);
    try {
      const stat = fstatSync(fd);
      const problem = sizeProblem(stat, settings);
      return problem ? failedRead(id, ...problem) : { bytes: readFileSync(fd), stamp: stampOf(stat) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return failedRead(id, 'FILE_UNREADABLE', `cannot read file: ${reasonOf(error)}`);
  }
}

/** Read-only, and without waiting for a writer: a FIFO named as a document opens at once, and is then refused as not a regular file. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** Why a file with these stats is not read, if it is not. */
function sizeProblem(stat: Stats, settings: IngestSettings): [code: 'FILE_UNREADABLE' | 'FILE_TOO_LARGE', message: string] | undefined {
  if (!stat.isFile()) return ['FILE_UNREADABLE', `not a regular file but ${stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isDirectory() ? 'a folder' : 'a special file'}`];
  if (stat.size > settings.maxFileBytes) return ['FILE_TOO_LARGE', `file is ${stat.size} bytes, over the limit of ${settings.maxFileBytes} bytes (max_file_bytes)`];
  return undefined;
}

function failedRead(id: string, code: 'FILE_UNREADABLE' | 'FILE_TOO_LARGE', message: string): BytesResult {
  return { issue: makeIssue(code, id, message, { stage: 'ingest' }) };
}

/** sha256 (hex) of bytes: the content key of a document. */
export function contentHash(bytes: Uint8Array): string {
  return hash('sha256', bytes);
}

/**
 * Turn a file's bytes into a `SourceDoc`: decode or convert by extension, remove markup,
 * take a title. `sha256` may be given when already computed. Problems become an issue.
 */
export async function sourceFromBytes(bytes: Uint8Array, path: string, id: string, sha256 = contentHash(bytes)): Promise<ReadResult> {
  const fail = (code: Parameters<typeof makeIssue>[0], message: string): ReadResult => ({ issue: makeIssue(code, id, message, { stage: 'ingest' }) });
  if (bytes.length === 0) return fail('FILE_EMPTY', 'file is empty');
  const extension = extname(path).toLowerCase();
  let converted: Converted;
  try {
    converted = await convert(bytes, extension);
  } catch (error) {
    // A converter's own failures are problems it names; anything else is still this file's issue, not a crash of the run.
    return fail('INTERNAL_ERROR', `reading the file failed: ${reasonOf(error)}`);
  }
  if ('problem' in converted) return fail(converted.code, converted.problem);
  const { text } = converted;
  if (!/\p{L}/u.test(text)) return fail('FILE_NO_TEXT', 'file has no text (no letters after markup was removed)');
  const { title, encoding, warning, pagesWithoutText } = converted;
  const issues = warning ? [makeIssue('FILE_MIXED_ENCODING', id, warning, { stage: 'ingest' })] : [];
  if (pagesWithoutText) issues.push(makeIssue('FILE_PAGES_WITHOUT_TEXT', id, pagesWithoutText, { stage: 'ingest' }));
  // A PDF without a title in its metadata is titled as a text file is: by a one-line first paragraph.
  const shownTitle = title || (extension === '.pdf' ? firstLineTitle(text) : '') || basename(path);
  return { doc: { id, path, text, title: readableTitle(shownTitle), contentSha256: sha256, bytes: bytes.length, encoding, issues } };
}

/**
 * Read one file into a `SourceDoc`: read, decode, convert markup to text, hash. Problems become
 * an issue. `openBy`: what to open the file by, when not `path` (its bytes, for a name that is not UTF-8).
 */
export async function readDocument(path: string, id: string, settings: IngestSettings = DEFAULT_INGEST_SETTINGS, openBy: string | Buffer = path): Promise<ReadResult> {
  const read = await readFileBytes(openBy, id, settings);
  return read.bytes ? sourceFromBytes(read.bytes, path, id) : { issue: read.issue };
}

/**
 * True when a file with this path is read by a library (PDF, `.docx`) rather than by hsframe's
 * own decoding and conversion: a crafted file could make such a reader loop.
 */
export function isReadByLibrary(path: string): boolean {
  return Object.hasOwn(BINARY_READERS, extname(path).toLowerCase());
}

/** Bytes to text and title, by extension; anything unknown is read as plain text. */
async function convert(bytes: Uint8Array, extension: string): Promise<Converted> {
  const reader = BINARY_READERS[extension];
  if (reader) {
    const converted = await reader(bytes);
    return 'problem' in converted ? converted : (tooLong(converted.text.length, 'text') ?? tooManyParagraphs(converted.text) ?? converted);
  }
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return { code: decoded.code, problem: decoded.problem } as Converted;
  const converter = CONVERTERS[extension] ?? CONVERTERS['.txt'];
  const problem = tooLong(decoded.text.length, converter === CONVERTERS['.txt'] ? 'text' : 'text with its markup');
  if (problem) return problem;
  const converted = converter(decoded.text);
  return tooManyParagraphs(converted.text) ?? { ...converted, encoding: decoded.encoding, warning: decoded.warning };
}

/** The problem of a text (paragraphs apart by blank lines, as converted) of more than `MAX_PARAGRAPHS` paragraphs, if it is. */
function tooManyParagraphs(text: string): Converted | undefined {
  // Each paragraph but the last ends in a blank line, so a shorter text cannot hold that many.
  if (text.length < 3 * MAX_PARAGRAPHS) return undefined;
  let paragraphs = 1;
  for (let at = text.indexOf('\n\n'); at >= 0 && paragraphs <= MAX_PARAGRAPHS; at = text.indexOf('\n\n', at + 2)) paragraphs += 1;
  if (paragraphs <= MAX_PARAGRAPHS) return undefined;
  return { code: 'FILE_TOO_LARGE', problem: `text of more than ${MAX_PARAGRAPHS.toLocaleString('en-US')} paragraphs is over what a document may hold (each takes memory, however short); split it into smaller files` };
}

/** The problem of a text of `length` characters over `MAX_TEXT_CHARS`, if it is. */
function tooLong(length: number, what: string): Converted | undefined {
  if (length <= MAX_TEXT_CHARS) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  return { code: 'FILE_TOO_LARGE', problem: `${what} of ${count(length)} characters is over the ${count(MAX_TEXT_CHARS)} a document may hold (about four million words); split it into smaller files` };
}

/**
 * A plain-text title: the first paragraph, if it is one short line of words (a heading, not a
 * date); else none. Only the first line and the start of the next are read: a first line
 * followed by another line of text starts a paragraph of two lines or more, which is no title.
 */
function firstLineTitle(text: string): string {
  const trimmed = text.trim();
  const lineEnd = trimmed.indexOf('\n');
  if (lineEnd >= 0) {
    let next = lineEnd + 1;
    while (trimmed[next] === ' ' || trimmed[next] === '\t') next += 1;
    if (trimmed[next] !== '\n') return '';
  }
  const first = (lineEnd < 0 ? trimmed : trimmed.slice(0, lineEnd)).trim();
  return first.length <= 120 && /\p{L}{3,}/u.test(first) ? first : '';
}
