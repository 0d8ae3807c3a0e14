/** Bytes from 0x80 up in a text that is not UTF-8: how many, and how many of them stand in words of their own. */
export interface NonAsciiWords {
  /** Bytes from 0x80 up but 0xA0 (a no-break space in Latin-1, Windows-1252 and the Cyrillic and Greek code pages). */
  nonAscii: number;
  /** Those of them in a word of non-ASCII bytes (`countNonAsciiWords`). */
  inWords: number;
}

/** Non-ASCII bytes a word needs before it counts as one of its own (a Latin-script word may have two: `été`, `süß`, `það`). */
const MIN_WORD_BYTES = 3;
/** The same for a word with ASCII letters, each after a non-ASCII byte (a Polish `łódź` or `źdźbło` has three). */
const MIN_MIXED_WORD_BYTES = 4;
/** Non-ASCII bytes in a row that count whatever stands next to them (a CJK text, which runs on without spaces, may touch a name or a `%s`). */
const MIN_RUN_BYTES = 4;

const isNonAscii = (byte: number) => byte >= 0x80 && byte !== 0xa0;
const isAsciiLetter = (byte: number) => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
const isWordByte = (byte: number) => isNonAscii(byte) || isAsciiLetter(byte);

/**
 * Count the bytes from 0x80 up of a text that is not UTF-8, and those that make words of their
 * own: where a Cyrillic, Greek, Hebrew, Arabic or Thai code page, or Shift-JIS, GBK, Big5 or
 * EUC-KR, writes a word, almost every byte is from 0x80 up, while a Latin-script text in
 * Windows-1252 or Latin-1 has one or two of them inside a word of ASCII letters (`réfugiés`,
 * `Müller`). A word is a run of ASCII letters and non-ASCII bytes between spaces, digits and ASCII
 * punctuation; its non-ASCII bytes count when it has no ASCII letter of its own (none, or each
 * after a non-ASCII byte, as the second byte of a Shift-JIS or Big5 character may be) and at
 * least three of them (four beside such letters); so do four or more non-ASCII bytes in a row
 * in any word. A run of one byte repeated (a rule of dashes) is no word.
 */
export function countNonAsciiWords(bytes: Uint8Array): NonAsciiWords {
  let [nonAscii, inWords] = [0, 0];
  for (let start = 0; start < bytes.length; ) {
    if (!isWordByte(bytes[start])) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < bytes.length && isWordByte(bytes[end])) end += 1;
    const word = measureWord(bytes, start, end);
    nonAscii += word.nonAscii;
    inWords += word.isOwn ? word.nonAscii : word.inRuns;
    start = end;
  }
  return { nonAscii, inWords };
}

/** The non-ASCII bytes of the word `bytes[start, end)`, whether it is a word of them (no ASCII letter of its own), and those of its long runs. */
function measureWord(bytes: Uint8Array, start: number, end: number): { nonAscii: number; isOwn: boolean; inRuns: number } {
  let [nonAscii, inRuns, hasOwnLetter] = [0, 0, false];
  for (let at = start; at < end; ) {
    if (!isNonAscii(bytes[at])) {
      // A letter after a non-ASCII byte may be the second byte of a Shift-JIS or Big5 character.
      hasOwnLetter ||= at === start || !isNonAscii(bytes[at - 1]);
      at += 1;
      continue;
    }
    let runEnd = at;
    while (runEnd < end && isNonAscii(bytes[runEnd])) runEnd += 1;
    nonAscii += runEnd - at;
    if (runEnd - at >= MIN_RUN_BYTES && !isOneByte(bytes, at, runEnd)) inRuns += runEnd - at;
    at = runEnd;
  }
  const minBytes = nonAscii === end - start ? MIN_WORD_BYTES : MIN_MIXED_WORD_BYTES;
  const isOwn = !hasOwnLetter && nonAscii >= minBytes && !isOneByte(bytes, start, end);
  return { nonAscii, isOwn, inRuns };
}

/** True when every non-ASCII byte of `bytes[start, end)` is the same. */
function isOneByte(bytes: Uint8Array, start: number, end: number): boolean {
  let first = -1;
  for (let at = start; at < end; at++) {
    if (!isNonAscii(bytes[at])) continue;
    if (first < 0) first = bytes[at];
    else if (bytes[at] !== first) return false;
  }
  return true;
}
