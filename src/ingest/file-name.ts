import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { utf8SequenceLength } from './decode-text.js';

/**
 * A file or folder name read as bytes (Linux keeps names as bytes; Node reads them as UTF-8):
 * its text, with each byte that is not part of well-formed UTF-8 (`utf8SequenceLength`) written `%XX` (upper-case
 * hex), and whether there was any; in such a name a `%` is written `%25`, so that every `%XX`
 * reads back as its byte (`bytesOfName`). A Latin-1 `Règlement.txt` from an old archive is
 * `R%E8glement.txt`: the id a run gives it, which tells its bytes apart from every other
 * name's, where Node's own reading (`R�glement.txt`) can neither open it nor tell it from
 * `R\xe9glement.txt`.
 */
export function nameFromBytes(bytes: Uint8Array): { name: string; isUtf8: boolean } {
  let name = '';
  let isUtf8 = true;
  // Runs of well-formed UTF-8 are decoded whole, from `from`.
  let from = 0;
  let at = 0;
  while (at < bytes.length) {
    const length = utf8SequenceLength(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    isUtf8 = false;
    name += withEscapedPercent(Buffer.from(bytes.buffer, bytes.byteOffset + from, at - from).toString('utf8')) + `%${bytes[at].toString(16).toUpperCase().padStart(2, '0')}`;
    at += 1;
    from = at;
  }
  if (isUtf8) return { name: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), isUtf8 };
  return { name: name + withEscapedPercent(Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.length - from).toString('utf8')), isUtf8 };
}

function withEscapedPercent(text: string): string {
  return text.replaceAll('%', '%25');
}

/**
 * What to open the document with id `id` in `folder` by: its path, or, when no file has that
 * path and the id holds `%XX`, the path's bytes with each `%XX` read back as the byte it
 * stands for (`nameFromBytes`), if a file has those.
 */
export function pathOfId(folder: string, id: string): string | Buffer {
  const path = join(folder, id);
  if (!ESCAPED_BYTE.test(id) || existsSync(path)) return path;
  const bytes = Buffer.concat([Buffer.from(folder.endsWith(sep) ? folder : `${folder}${sep}`), bytesOfName(id)]);
  return existsSync(bytes) ? bytes : path;
}

/** A byte written by `nameFromBytes`. */
const ESCAPED_BYTE = /%[0-9A-F]{2}/;

/** The bytes of a name as `nameFromBytes` writes it: UTF-8, each `%XX` read back as the byte it stands for. */
export function bytesOfName(name: string): Buffer {
  return Buffer.concat(name.split(new RegExp(`(${ESCAPED_BYTE.source})`)).map((part, index) => (index % 2 === 1 ? Buffer.of(Number.parseInt(part.slice(1), 16)) : Buffer.from(part))));
}
