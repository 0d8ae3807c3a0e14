import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Issue, SourceDoc } from '../document.js';
import { makeIssue } from '../issues.js';
import { htmlToText, tidyParagraphs } from './html-to-text.js';
import { markdownToText } from './markdown-to-text.js';

/** Settings of the ingest stage. */
export interface IngestSettings {
  /** File extensions read (lower case, with dot). */
  readonly extensions: readonly string[];
  /** Files larger than this many bytes are reported, not read. Default 50 MB. */
  readonly maxFileBytes: number;
}

/** Default ingest settings. */
export const DEFAULT_INGEST_SETTINGS: IngestSettings = Object.freeze({
  extensions: Object.freeze(['.txt', '.md', '.markdown', '.html', '.htm']),
  maxFileBytes: 50_000_000,
});

/** A document read from a file, or the issue that stopped it. */
export type ReadResult = { readonly doc: SourceDoc } | { readonly doc?: undefined; readonly issue: Issue };

type Converter = (text: string) => { text: string; title: string };

const CONVERTERS: Readonly<Record<string, Converter>> = {
  '.txt': (text) => ({ text: tidyParagraphs(text), title: firstLineTitle(text) }),
  '.md': markdownToText,
  '.markdown': markdownToText,
  '.html': htmlToText,
  '.htm': htmlToText,
};

/** Read one file into a `SourceDoc`: decode, convert markup to text, hash. Problems become an issue. */
export async function readDocument(path: string, id: string, settings: IngestSettings = DEFAULT_INGEST_SETTINGS): Promise<ReadResult> {
  const fail = (code: Parameters<typeof makeIssue>[0], message: string): ReadResult => ({ issue: makeIssue(code, id, message, { stage: 'ingest' }) });
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const { size, isFile } = await handle.stat().then((stat) => ({ size: stat.size, isFile: stat.isFile() }));
      if (!isFile) return fail('FILE_UNREADABLE', 'not a regular file');
      if (size > settings.maxFileBytes) return fail('FILE_TOO_LARGE', `file is ${size} bytes, over the limit of ${settings.maxFileBytes} bytes (max_file_bytes)`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail('FILE_UNREADABLE', `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (bytes.length === 0) return fail('FILE_EMPTY', 'file is empty');
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return fail(decoded.code, decoded.problem);
  const convert = CONVERTERS[extname(path).toLowerCase()] ?? CONVERTERS['.txt'];
  const { text, title } = convert(decoded.text);
  if (!/\p{L}/u.test(text)) return fail('FILE_NO_TEXT', 'file has no text (no letters after markup was removed)');
  return {
    doc: {
      id,
      path,
      text,
      title: title || basename(path),
      contentSha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      encoding: decoded.encoding,
      issues: [],
    },
  };
}

type Decoded = { text: string; encoding: string } | { problem: string; code: 'FILE_BINARY' | 'FILE_BAD_ENCODING' };

/** Decode UTF-8 (with or without BOM); line ends become `\n`. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.includes(0)) return { code: 'FILE_BINARY', problem: 'file looks binary (it contains NUL bytes), not text' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text: text.replace(/\r\n?/g, '\n'), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { code: 'FILE_BAD_ENCODING', problem: `file is not valid UTF-8 (first bad byte at offset ${at}); save it as UTF-8` };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid;
    }
  }
  return low;
}

/** A plain-text title: the first paragraph, if it is one short line (a heading); else none. */
function firstLineTitle(text: string): string {
  const first = text.trim().split(/\n[ \t]*\n/, 1)[0].trim();
  return first.length <= 120 && !first.includes('\n') ? first : '';
}
