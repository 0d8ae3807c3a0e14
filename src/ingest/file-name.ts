import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * A file or folder name read as bytes (Linux keeps names as bytes; Node reads them as UTF-8):
 * its text, with each byte that is not part of well-formed UTF-8 written `%XX` (upper-case
 * hex), and whether there was any. A Latin-1 `Règlement.txt` from an old archive is
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
    const length = utf8Length(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    isUtf8 = false;
    name += Buffer.from(bytes.buffer, bytes.byteOffset + from, at - from).toString('utf8') + `%${bytes[at].toString(16).toUpperCase().padStart(2, '0')}`;
    at += 1;
    from = at;
  }
  if (isUtf8) return { name: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), isUtf8 };
  return { name: name + Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.length - from).toString('utf8'), isUtf8 };
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
  return Buffer.concat(name.split(/(%[0-9A-F]{2})/).map((part, index) => (index % 2 === 1 ? Buffer.of(Number.parseInt(part.slice(1), 16)) : Buffer.from(part))));
}

/** The length of the well-formed UTF-8 sequence at `at` (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or 0 when there is none. */
function utf8Length(bytes: Uint8Array, at: number): number {
  const lead = bytes[at];
  if (lead < 0x80) return 1;
  // The range the second byte must be in, and the sequence's length, by lead byte.
  let [low, high, length] = [0x80, 0xbf, 0];
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) [low, high, length] = [lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf, 3];
  else if (lead >= 0xf0 && lead <= 0xf4) [low, high, length] = [lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf, 4];
  else return 0;
  if (at + length > bytes.length || bytes[at + 1] < low || bytes[at + 1] > high) return 0;
  for (let i = 2; i < length; i++) if ((bytes[at + i] & 0xc0) !== 0x80) return 0;
  return length;
}
