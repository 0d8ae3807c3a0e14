import { decodeWindows1252 } from '../windows-1252.js';
import { countNonAsciiWords } from './non-ascii-words.js';
import { centralEuropeanEncoding, decodeCentralEuropean } from './windows-1250.js';

/** Text decoded from bytes, with the encoding used (and what may be wrong with it); or why it could not be. */
export type Decoded = { text: string; encoding: string; warning?: string } | { problem: string; code: 'FILE_BINARY' | 'FILE_BAD_ENCODING' };

/**
 * Well-formed UTF-8 sequences (of a character a Latin-script text uses: `utf8Sequences`) in a
 * file that is not UTF-8 from which it is taken to mix UTF-8 with Latin-1 or Windows-1252: a text
 * in one of those all but never holds one (it takes an accented capital from Â to É followed at
 * once by a symbol such as … or £), and reading it as one would show every such character wrong.
 */
const MIXED_UTF8_SEQUENCES = 1;
/** Such sequences from which a file with many bytes from 0x80 up may be mostly UTF-8 rather than another multi-byte encoding. */
const MOSTLY_UTF8_SEQUENCES = 3;

/** Share of bytes from 0x80 up in a file that is not UTF-8 past which it is not taken for Latin-1 or Windows-1252 (a text in a Latin script has a few per cent), but for another encoding (Shift-JIS, GBK, a Cyrillic or Greek code page). */
const MAX_HIGH_BYTE_SHARE = 0.3;
/** Bytes from 0x80 up that a file needs before their share can refuse it (a few accented letters make much of a short text). */
const MIN_HIGH_BYTES = 64;
/**
 * Share of the bytes from 0x80 up in a file that is not UTF-8 that make words of their own
 * (`countNonAsciiWords`) past which it is taken for a text in another script, however short: a
 * Latin-script text has few such words, a Cyrillic, Greek or CJK text has little else.
 */
const MAX_IN_WORDS_SHARE = 0.5;
/** Bytes in such words that a file needs before their share can refuse it: two or three Cyrillic words, four CJK characters, more than a Latin-script word can hold (Polish `żółć` has four). */
const MIN_BYTES_IN_WORDS = 8;

/** Share of control characters (other than tab, line feed, vertical tab, form feed, carriage return) that marks a file as binary. */
const MAX_CONTROL_SHARE = 0.01;

/** Bytes looked at to tell UTF-16 without a byte order mark by where its NUL bytes fall. */
const UTF16_SAMPLE_BYTES = 65_536;
/** Share of a UTF-16 text's characters whose high (or low) byte is NUL: the Latin letters, digits and punctuation of a text in English or another Latin script. */
const MIN_UTF16_NUL_SHARE = 0.3;

/**
 * Decode text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or without one when its NUL
 * bytes fall on every other byte (a mostly Latin-script text), else Windows-1250 or ISO-8859-2
 * when the bytes inside its words are far better read so (`centralEuropeanEncoding`: Polish,
 * Czech, Slovak; ISO-8859-2 when its letters that Windows-1250 reads as symbols stand inside
 * words, or its š and ž, three times as many as the bytes 0x80–0x9F beside letters, which
 * speak for Windows-1250), else
 * Windows-1252 when bytes 0x80–0x9F occur (printable there, control codes in Latin-1), else
 * Latin-1; a file that mixes UTF-8 with bytes that are not reads those as Windows-1252 or Latin-1
 * (`decodeMixed`); a file that is mostly bytes from 0x80 up, or whose bytes from 0x80 up mostly
 * make words of their own, is in another encoding, refused. Other NUL bytes or many control
 * characters mean binary; UTF-32 is refused by name. Line ends become `\n`: CR LF, CR, Unicode's line
 * separator (U+2028) and next line (U+0085); its paragraph separator (U+2029) becomes a blank line.
 * `keepLineEnds`: left as written (a CSV, whose reader finds its own records).
 */
export function decodeText(bytes: Uint8Array, options: { keepLineEnds?: boolean } = {}): Decoded {
  const decoded = decodeBytes(bytes);
  if ('problem' in decoded) return decoded;
  if (controlShare(decoded.text) > MAX_CONTROL_SHARE) return { code: 'FILE_BINARY', problem: `file looks binary (control characters after decoding as ${decoded.encoding}), not text` };
  return options.keepLineEnds ? decoded : { ...decoded, text: withPlainLineEnds(decoded.text) };
}

/** Line ends made `\n`: CR LF, CR, a vertical tab (Word's line break, in text copied from it), Unicode's line separator and next line; its paragraph separator a blank line. */
export function withPlainLineEnds(decoded: string): string {
  // Most texts have no carriage return: one search says so faster than a replace that finds none.
  const text = decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded;
  return UNICODE_BREAK.test(text) ? text.replace(UNICODE_BREAKS, (char) => (char === '\u2029' ? '\n\n' : '\n')) : text;
}

/** Unicode's line separator, paragraph separator and next line (U+2028, U+2029, U+0085), which text from word processors, layout programs and JSON can hold, and the vertical tab. */
const UNICODE_BREAK = /[\u2028\u2029\u0085\u000b]/;
const UNICODE_BREAKS = new RegExp(UNICODE_BREAK.source, 'g');

function decodeBytes(bytes: Uint8Array): Decoded {
  const isUtf32 = (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff);
  if (isUtf32) return { code: 'FILE_BAD_ENCODING', problem: 'file starts with a UTF-32 byte order mark; UTF-32 is not read (save it as UTF-8)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith(bytes.subarray(2), 'utf-16be');
  if (bytes.includes(0)) {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) {
      const decoded = decodeWith(bytes, utf16);
      if (!('problem' in decoded)) return decoded;
    }
    return { code: 'FILE_BINARY', problem: 'file looks binary (it contains NUL bytes), not text' };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    const high = bytes.reduce((count, byte) => count + (byte >= 0x80 ? 1 : 0), 0);
    const utf8 = utf8Sequences(bytes);
    // Mostly UTF-8: most bytes from 0x80 up are in well-formed UTF-8 sequences, the rest are not
    // (a file in another multi-byte encoding forms them only by chance, and is refused below).
    const isMostlyUtf8 = utf8.count >= MOSTLY_UTF8_SEQUENCES && utf8.bytes >= high / 2;
    const refused = isMostlyUtf8 ? undefined : otherScript(bytes, high);
    if (refused) return { code: 'FILE_BAD_ENCODING', problem: `file is neither UTF-8 nor a Latin-script text (${refused}): perhaps Shift-JIS, GBK or a Cyrillic or Greek code page, which are not read; save it as UTF-8` };
    // A Latin-script text with a few UTF-8 characters pasted in is mixed too, and so is a file that says it is UTF-8 (a byte order mark) and is not all UTF-8.
    if (utf8.count >= MIXED_UTF8_SEQUENCES || hasBom) return decodeMixed(bytes);
    const centralEuropean = centralEuropeanEncoding(bytes);
    if (centralEuropean) return { text: decodeCentralEuropean(bytes, centralEuropean), encoding: centralEuropean };
    const isWindows1252 = bytes.some((byte) => byte >= 0x80 && byte <= 0x9f);
    return { text: decodeWindows1252(bytes), encoding: isWindows1252 ? 'windows-1252' : 'iso-8859-1' };
  }
}

/**
 * Why a file that is not UTF-8, with `high` bytes from 0x80 up, is taken for a text in another
 * script than Latin, if it is: most of its bytes are from 0x80 up, or most of those make words
 * of their own, as letters of another script do, where a Latin-script text has one or two of them
 * inside a word of ASCII letters.
 */
function otherScript(bytes: Uint8Array, high: number): string | undefined {
  if (high >= MIN_HIGH_BYTES && high > MAX_HIGH_BYTE_SHARE * bytes.length) return `${Math.round((100 * high) / bytes.length)}% of its bytes are not ASCII`;
  const words = countNonAsciiWords(bytes);
  if (words.inWords >= MIN_BYTES_IN_WORDS && words.inWords > MAX_IN_WORDS_SHARE * words.nonAscii) {
    return `${words.inWords} of its ${words.nonAscii} non-ASCII bytes make whole words, as letters of another script do, not letters inside ASCII words`;
  }
  return undefined;
}

/**
 * A file that mixes UTF-8 with Windows-1252 or Latin-1 (pasted together, or edited in two
 * programs): its well-formed UTF-8 sequences are read as UTF-8 and each other byte from 0x80 up
 * as Windows-1252 (Latin-1 where no such byte is in 0x80–0x9F, the two read alike there), so
 * neither part shows wrong characters; the warning says how much of each there was.
 */
function decodeMixed(bytes: Uint8Array): Decoded {
  const utf8 = new TextDecoder('utf-8');
  let [text, from, utf8Characters, otherBytes, isWindows1252] = ['', 0, 0, 0, false];
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      utf8Characters += 1;
      i += length;
      continue;
    }
    text += utf8.decode(bytes.subarray(from, i)) + decodeWindows1252(bytes.subarray(i, i + 1));
    otherBytes += 1;
    isWindows1252 ||= bytes[i] <= 0x9f;
    from = i += 1;
  }
  text += utf8.decode(bytes.subarray(from));
  const other = isWindows1252 ? 'windows-1252' : 'iso-8859-1';
  const warning = `part of the file is UTF-8 (${utf8Characters} UTF-8 characters) and part is not (${otherBytes} bytes): each part was read in its own encoding, UTF-8 and ${other}; save the whole file as UTF-8`;
  return { text, encoding: `utf-8+${other}`, warning };
}

/** The length of the well-formed UTF-8 sequence at `bytes[i]` (Unicode's table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or 0 when none starts there. */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  if (lead < 0x80) return 1;
  const isTail = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at] >= low && bytes[at] <= high;
  if (lead >= 0xc2 && lead <= 0xdf) return isTail(i + 1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return isTail(i + 1, low, high) && isTail(i + 2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return isTail(i + 1, low, high) && isTail(i + 2) && isTail(i + 3) ? 4 : 0;
  }
  return 0;
}

/** UTF-16 without a byte order mark: an even number of bytes whose NUL bytes all fall on odd (little-endian) or on even (big-endian) offsets, and on many of them. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  const sample = bytes.subarray(0, Math.min(bytes.length, UTF16_SAMPLE_BYTES));
  let [evenNuls, oddNuls] = [0, 0];
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNuls += 1;
    if (sample[i + 1] === 0) oddNuls += 1;
  }
  const characters = sample.length / 2;
  if (evenNuls === 0 && oddNuls >= MIN_UTF16_NUL_SHARE * characters) return 'utf-16le';
  if (oddNuls === 0 && evenNuls >= MIN_UTF16_NUL_SHARE * characters) return 'utf-16be';
  return undefined;
}

function decodeWith(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  if (bytes.length % 2 !== 0) return { code: 'FILE_BAD_ENCODING', problem: `file starts with a ${encoding.toUpperCase()} byte order mark but has an odd number of bytes` };
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { code: 'FILE_BAD_ENCODING', problem: `file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}` };
  }
}

/**
 * Well-formed UTF-8 sequences of two or three bytes for a character of a Latin-script text
 * (U+00A0–U+024F: accented letters; U+2000–U+206F: quotes, dashes; U+20A0–U+20CF: currency):
 * how many, and their bytes. Bytes of another multi-byte encoding (Shift-JIS, GBK) form such
 * sequences only by chance, and then mostly for other characters; so do Windows-1252's accented
 * capitals before a symbol, mostly for IPA letters (`É»`, `É’`), which are not counted.
 */
function utf8Sequences(bytes: Uint8Array): { count: number; bytes: number } {
  let [count, covered] = [0, 0];
  for (let i = 0; i < bytes.length; ) {
    const length = bytes[i] < 0x80 ? 1 : utf8SequenceLength(bytes, i);
    if (length === 2 || length === 3) {
      const codePoint = length === 2 ? ((bytes[i] & 0x1f) << 6) | (bytes[i + 1] & 0x3f) : ((bytes[i] & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if ((codePoint >= 0xa0 && codePoint <= 0x24f) || (codePoint >= 0x2000 && codePoint <= 0x206f) || (codePoint >= 0x20a0 && codePoint <= 0x20cf)) {
        count += 1;
        covered += length;
      }
    }
    i += Math.max(length, 1);
  }
  return { count, bytes: covered };
}

/** Control characters other than tab, line feed, form feed and carriage return. */
const CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;

function controlShare(text: string): number {
  // Most texts have none: one regular-expression scan says so faster than a loop over every char.
  if (text.length === 0 || !CONTROL.test(text)) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) || code === 0x7f) count += 1;
  }
  return count / text.length;
}
