import { decodeWindows1252 } from '../windows-1252.js';

/** Bytes inside words of a text that is not UTF-8 that one of Windows-1250 and Windows-1252 reads as a letter of a word and the other does not (`countWindows1250Evidence`). */
export interface Windows1250Evidence {
  /** Bytes from 0x80 up inside words: between two letters, or next to one for a byte one of the encodings leaves unassigned. */
  inWords: number;
  /** Those that Windows-1250 reads as a letter of a word and Windows-1252 does not (ł as ³, ą as ¹, ż as ¿, ě as ì). */
  for1250: number;
  /** Those that Windows-1252 reads as a letter of a word and Windows-1250 does not (ÿ as ˙, à as ŕ). */
  for1252: number;
}

/** Bytes that speak for Windows-1250 a text needs before it is read so: fewer leave it Windows-1252 (a short text, or a stray ³ between letters). */
const MIN_EVIDENCE = 3;
/** Share of the bytes inside words that must speak for Windows-1250 (vim's Windows-1250 Polish, Czech and Slovak tutors: 52%, 10%, 11%): a few symbols jammed between the words of a long Windows-1252 text are not enough. */
const MIN_EVIDENCE_SHARE = 0.03;
/** How many times more bytes must speak for Windows-1250 than for Windows-1252 (Scottish Gaelic writes ì and ù inside words, and more à: it stays Windows-1252). */
const MIN_EVIDENCE_RATIO = 3;

/**
 * Letters of an encoding that its languages write at the end of a word, or hardly at all, and not
 * inside one, where the other encoding's languages write its letter of that byte inside words:
 * Windows-1252's ì ù Ì Ù end words (Italian più, così; French où), where Czech writes ě ů inside
 * them (město, může); Windows-1250's ŕ Ŕ is Slovak's, and rare (štvŕtok), where Scottish Gaelic
 * writes à inside words (Gàidhlig).
 */
const WORD_END_ONLY_1252 = [0xcc, 0xd9, 0xec, 0xf9];
const RARE_1250 = [0xc0, 0xe0];

const IS_NEIGHBOUR_LETTER = 1;
const IS_WORD_LETTER_1250 = 2;
const IS_WORD_LETTER_1252 = 4;
/** Unassigned in one of the encodings (a C1 control code once decoded): no text in it holds the byte, so it counts next to one letter, not only between two. */
const IS_UNASSIGNED_IN_ONE = 8;
/**
 * For each byte: whether it is a letter next to which a byte stands inside a word (an ASCII
 * letter, or a byte either encoding reads as a letter), whether each encoding reads it as a
 * letter of a word, and whether one of them leaves it unassigned. Windows-1252's symbols and
 * unassigned bytes that Windows-1250 reads as letters are the main evidence: 0xB3 ł (³), 0xB9 ą
 * (¹), 0xBF ż (¿), 0xA3 Ł (£), 0xA5 Ą (¥), 0xAF Ż (¯), 0xBE ľ (¾), 0xBC Ľ (¼), and 0x9D ť, 0x8D Ť,
 * 0x8F Ź (unassigned). Bytes that both read as letters (0x9C ś and œ, 0x8C Ś and Œ, 0x9F ź and Ÿ,
 * 0xBA ş and º) say nothing: a French text writes œ inside words (cœur, manœuvre), a Portuguese
 * one º (nºs).
 */
const BYTE_FLAGS = (() => {
  const flags = new Uint8Array(256);
  const [isLetter, isControl] = [/\p{L}/u, /\p{Cc}/u];
  const windows1250 = new TextDecoder('windows-1250');
  for (let byte = 0; byte < 256; byte++) {
    if (byte < 0x80) {
      flags[byte] = isLetter.test(String.fromCharCode(byte)) ? IS_NEIGHBOUR_LETTER : 0;
      continue;
    }
    const [as1250, as1252] = [windows1250.decode(Uint8Array.of(byte)), decodeWindows1252(Uint8Array.of(byte))];
    const is1250 = isLetter.test(as1250) && !RARE_1250.includes(byte);
    const is1252 = isLetter.test(as1252) && !WORD_END_ONLY_1252.includes(byte);
    flags[byte] = (is1250 || is1252 ? IS_NEIGHBOUR_LETTER : 0) | (is1250 ? IS_WORD_LETTER_1250 : 0) | (is1252 ? IS_WORD_LETTER_1252 : 0) | (isControl.test(as1250) !== isControl.test(as1252) ? IS_UNASSIGNED_IN_ONE : 0);
  }
  return flags;
})();

/**
 * Count the bytes from 0x80 up that stand inside words in a text that is not UTF-8 (between two
 * letters; next to one, for a byte one of the encodings leaves unassigned), and those of them
 * that Windows-1250 reads as a letter of a word and Windows-1252 does not, or the other way round
 * (`BYTE_FLAGS`). A Polish, Czech or Slovak text read as Windows-1252 shows symbols inside its
 * words (`z³oty`, `m¹dry`, `mo¿e`), letters its languages do not write there (`mìsto`, `mùže`)
 * and unassigned bytes at their ends (Slovak infinitives in ť); a Windows-1252 text shows
 * ³ ¹ ¿ £ after a number or a word, or before one, not inside one.
 */
export function countWindows1250Evidence(bytes: Uint8Array): Windows1250Evidence {
  let [inWords, for1250, for1252] = [0, 0, 0];
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte < 0x80) continue;
    const flags = BYTE_FLAGS[byte];
    const [isAfterLetter, isBeforeLetter] = [at > 0 && (BYTE_FLAGS[bytes[at - 1]] & IS_NEIGHBOUR_LETTER) !== 0, at + 1 < bytes.length && (BYTE_FLAGS[bytes[at + 1]] & IS_NEIGHBOUR_LETTER) !== 0];
    if (!(isAfterLetter && isBeforeLetter) && !((flags & IS_UNASSIGNED_IN_ONE) && (isAfterLetter || isBeforeLetter))) continue;
    inWords += 1;
    if ((flags & IS_WORD_LETTER_1250) && !(flags & IS_WORD_LETTER_1252)) for1250 += 1;
    else if ((flags & IS_WORD_LETTER_1252) && !(flags & IS_WORD_LETTER_1250)) for1252 += 1;
  }
  return { inWords, for1250, for1252 };
}

/**
 * True when a text that is not UTF-8 is far better read as Windows-1250 (Central European:
 * Polish, Czech, Slovak) than as Windows-1252: at least `MIN_EVIDENCE` bytes inside words speak
 * for it, `MIN_EVIDENCE_SHARE` of those inside words, and `MIN_EVIDENCE_RATIO` times as many as
 * speak for Windows-1252 (`countWindows1250Evidence`). A text with less evidence stays
 * Windows-1252, and so does a Hungarian, Croatian or Slovenian one whose letters Windows-1252 reads
 * as other letters (ő as õ, č as è), not as symbols.
 */
export function isWindows1250(bytes: Uint8Array): boolean {
  const { inWords, for1250, for1252 } = countWindows1250Evidence(bytes);
  return for1250 >= MIN_EVIDENCE && for1250 >= MIN_EVIDENCE_SHARE * inWords && for1250 >= MIN_EVIDENCE_RATIO * for1252;
}

/** Decode Windows-1250 (Node's TextDecoder reads it by the WHATWG table, unlike Windows-1252: see `decodeWindows1252`). */
export function decodeWindows1250(bytes: Uint8Array): string {
  return new TextDecoder('windows-1250').decode(bytes);
}
