import { decodeWindows1252 } from '../windows-1252.js';

/** The Central European encoding a text that is not UTF-8 is read in (`centralEuropeanEncoding`): Windows-1250, or ISO-8859-2 (Latin-2), which agree on most letters. */
export type CentralEuropeanEncoding = 'windows-1250' | 'iso-8859-2';

/** Bytes of a text that is not UTF-8 that one of Windows-1252, Windows-1250 and ISO-8859-2 reads as a letter of a word and another does not (`countWindows1250Evidence`). */
export interface Windows1250Evidence {
  /** Bytes from 0x80 up inside words: between two letters, or next to one for a byte Windows-1250 or Windows-1252 leaves unassigned. */
  inWords: number;
  /** Those that Windows-1250 or ISO-8859-2 reads as a letter of a word and Windows-1252 does not (ł as ³, ą as ¹ or ±, ż as ¿, ě as ì, ś as ¶). */
  for1250: number;
  /** Those that Windows-1252 reads as a letter of a word and Windows-1250 does not (ÿ as ˙, à as ŕ). */
  for1252: number;
  /**
   * Bytes that speak for ISO-8859-2 over Windows-1250: between two letters, a letter in ISO-8859-2
   * and a symbol in Windows-1250 (ą ś ť Ą Ś Ź Š Ž Ť as ± ¶ » ˇ ¦ ¬ © ® «); and 0xB9 and 0xBE
   * next to a letter where both occur (š and ž in ISO-8859-2, Polish ą and Slovak ľ in
   * Windows-1250, which one text does not write together).
   */
  forIso88592: number;
  /** Bytes 0x80–0x9F next to a letter, which speak for Windows-1250 over ISO-8859-2: its š ś ť ž ź Š Ś Ť Ž Ź, quotes and dashes, where ISO-8859-2 has control codes, never text. */
  for1250OverIso88592: number;
}

/** Bytes that speak for Windows-1250 or ISO-8859-2 a text needs before it is read so: fewer leave it Windows-1252 (a short text, or a stray ³ between letters). */
const MIN_EVIDENCE = 3;
/** Share of the bytes inside words that must speak for Windows-1250 or ISO-8859-2 (vim's Polish, Czech and Slovak tutors: 52%, 10%, 11% in Windows-1250, 71%, 21%, 19% in ISO-8859-2): a few symbols jammed between the words of a long Windows-1252 text are not enough. */
const MIN_EVIDENCE_SHARE = 0.03;
/** How many times more bytes must speak for Windows-1250 or ISO-8859-2 than for Windows-1252 (Scottish Gaelic writes ì and ù inside words, and more à: it stays Windows-1252). */
const MIN_EVIDENCE_RATIO = 3;
/** Bytes that speak for ISO-8859-2 a Central European text needs before it is read so: one (a Polish sentence with one ś), and none for Windows-1250 beside it, is enough. */
const MIN_ISO_EVIDENCE = 1;
/** How many times more bytes must speak for ISO-8859-2 than for Windows-1250 (a Latin-2 text with a Windows quote pasted in stays ISO-8859-2). */
const MIN_ISO_EVIDENCE_RATIO = 3;

/**
 * Letters of an encoding that its languages write at the end of a word, or hardly at all, and not
 * inside one, where the other encoding's languages write its letter of that byte inside words:
 * Windows-1252's ì ù Ì Ù end words (Italian più, così; French où), where Czech writes ě ů inside
 * them (město, může); Windows-1250's and ISO-8859-2's ŕ Ŕ is Slovak's, and rare (štvŕtok), where
 * Scottish Gaelic writes à inside words (Gàidhlig).
 */
const WORD_END_ONLY_1252 = [0xcc, 0xd9, 0xec, 0xf9];
const RARE_1250 = [0xc0, 0xe0];
/** ISO-8859-2's š and ž: Windows-1250 reads them as ą and ľ, Polish's and Slovak's, and writes š and ž at 0x9A and 0x9E. */
const [ISO_S_CARON, ISO_Z_CARON] = [0xb9, 0xbe];

const IS_NEIGHBOUR_LETTER = 1;
/** A letter of a word in Windows-1250 or ISO-8859-2. */
const IS_WORD_LETTER_1250 = 2;
const IS_WORD_LETTER_1252 = 4;
/** Unassigned in one of Windows-1250 and Windows-1252 (a C1 control code once decoded): no text in it holds the byte, so it counts next to one letter, not only between two. */
const IS_UNASSIGNED_IN_ONE = 8;
/** A letter in ISO-8859-2 and a symbol in Windows-1250 (ą as ±, ś as ¶, ť as »). */
const IS_ISO_LETTER_ONLY = 16;
/**
 * For each byte: whether it is a letter next to which a byte stands inside a word (an ASCII
 * letter, or a byte any of the encodings reads as a letter), whether Windows-1250 or ISO-8859-2
 * and whether Windows-1252 reads it as a letter of a word, whether Windows-1250 or Windows-1252
 * leaves it unassigned, and whether ISO-8859-2 alone reads it as a letter. Windows-1252's symbols
 * and unassigned bytes that Windows-1250 reads as letters are the main evidence: 0xB3 ł (³), 0xB9
 * ą (¹), 0xBF ż (¿), 0xA3 Ł (£), 0xA5 Ą (¥), 0xAF Ż (¯), 0xBE ľ (¾), 0xBC Ľ (¼), and 0x9D ť, 0x8D
 * Ť, 0x8F Ź (unassigned); so are those ISO-8859-2 reads as letters and both Windows encodings as
 * symbols, 0xB1 ą (±), 0xB6 ś (¶), 0xBB ť (»), 0xA1 Ą (¡), 0xA6 Ś, 0xA9 Š, 0xAB Ť, 0xAC Ź, 0xAE
 * Ž. Bytes that both read as letters (0x9C ś and œ, 0x8C Ś and Œ, 0x9F ź and Ÿ, 0xBA ş and º) say
 * nothing: a French text writes œ inside words (cœur, manœuvre), a Portuguese one º (nºs).
 * Modifier letters (ˇ ˆ) are spacing accents, not letters of words.
 */
const BYTE_FLAGS = (() => {
  const flags = new Uint8Array(256);
  const [isLetter, isControl] = [/^(?!\p{Lm})\p{L}$/u, /\p{Cc}/u];
  const [windows1250, iso88592] = [new TextDecoder('windows-1250'), new TextDecoder('iso-8859-2')];
  for (let byte = 0; byte < 256; byte++) {
    if (byte < 0x80) {
      flags[byte] = isLetter.test(String.fromCharCode(byte)) ? IS_NEIGHBOUR_LETTER : 0;
      continue;
    }
    const [as1250, asIso, as1252] = [windows1250.decode(Uint8Array.of(byte)), iso88592.decode(Uint8Array.of(byte)), decodeWindows1252(Uint8Array.of(byte))];
    const [isLetter1250, isLetterIso, isLetter1252] = [isLetter.test(as1250), isLetter.test(asIso), isLetter.test(as1252)];
    const is1250 = (isLetter1250 || isLetterIso) && !RARE_1250.includes(byte);
    const is1252 = isLetter1252 && !WORD_END_ONLY_1252.includes(byte);
    flags[byte] =
      (isLetter1250 || isLetterIso || isLetter1252 ? IS_NEIGHBOUR_LETTER : 0) |
      (is1250 ? IS_WORD_LETTER_1250 : 0) |
      (is1252 ? IS_WORD_LETTER_1252 : 0) |
      (isControl.test(as1250) !== isControl.test(as1252) ? IS_UNASSIGNED_IN_ONE : 0) |
      (isLetterIso && !isLetter1250 ? IS_ISO_LETTER_ONLY : 0);
  }
  return flags;
})();

/**
 * Count, in one pass, the bytes from 0x80 up that stand inside words in a text that is not UTF-8
 * (between two letters; next to one, for a byte Windows-1250 or Windows-1252 leaves unassigned),
 * and those of them that Windows-1250 or ISO-8859-2 reads as a letter of a word and Windows-1252
 * does not, or the other way round (`BYTE_FLAGS`); and the bytes that tell ISO-8859-2 from
 * Windows-1250 (`Windows1250Evidence`). A Polish, Czech or Slovak text read as Windows-1252 shows
 * symbols inside its words (`z³oty`, `m¹dry`, `mo¿e`; in ISO-8859-2 `m±dry`, `je¶li`), letters
 * its languages do not write there (`mìsto`, `mùže`) and unassigned bytes at their ends (Slovak
 * infinitives in ť); a Windows-1252 text shows ³ ¹ ¿ £ after a number or a word, or before one,
 * not inside one. Read as Windows-1250, an ISO-8859-2 text shows symbols inside words (`m±dry`)
 * and ą ľ where it writes š ž (`vąetko`, `můľe`), and no byte 0x80–0x9F, where a Windows-1250
 * text writes its š ž ś ź ť.
 */
export function countWindows1250Evidence(bytes: Uint8Array): Windows1250Evidence {
  let [inWords, for1250, for1252, isoLetters, sCarons, zCarons, for1250OverIso88592] = [0, 0, 0, 0, 0, 0, 0];
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte < 0x80) continue;
    const flags = BYTE_FLAGS[byte];
    const [isAfterLetter, isBeforeLetter] = [at > 0 && (BYTE_FLAGS[bytes[at - 1]] & IS_NEIGHBOUR_LETTER) !== 0, at + 1 < bytes.length && (BYTE_FLAGS[bytes[at + 1]] & IS_NEIGHBOUR_LETTER) !== 0];
    if (!isAfterLetter && !isBeforeLetter) continue;
    const isBetweenLetters = isAfterLetter && isBeforeLetter;
    if (byte <= 0x9f) for1250OverIso88592 += 1;
    else if (byte === ISO_S_CARON) sCarons += 1;
    else if (byte === ISO_Z_CARON) zCarons += 1;
    else if (isBetweenLetters && flags & IS_ISO_LETTER_ONLY) isoLetters += 1;
    if (!isBetweenLetters && !(flags & IS_UNASSIGNED_IN_ONE)) continue;
    inWords += 1;
    if ((flags & IS_WORD_LETTER_1250) && !(flags & IS_WORD_LETTER_1252)) for1250 += 1;
    else if ((flags & IS_WORD_LETTER_1252) && !(flags & IS_WORD_LETTER_1250)) for1252 += 1;
  }
  const forIso88592 = isoLetters + (sCarons > 0 && zCarons > 0 ? sCarons + zCarons : 0);
  return { inWords, for1250, for1252, forIso88592, for1250OverIso88592 };
}

/**
 * The Central European encoding a text that is not UTF-8 is far better read in than Windows-1252,
 * if any. It is one when at least `MIN_EVIDENCE` bytes inside words speak for Windows-1250 or
 * ISO-8859-2, `MIN_EVIDENCE_SHARE` of those inside words, and `MIN_EVIDENCE_RATIO` times as many
 * as speak for Windows-1252 (`countWindows1250Evidence`): a Polish, Czech or Slovak text of a few
 * sentences. It is ISO-8859-2 when at least `MIN_ISO_EVIDENCE` bytes speak for it over
 * Windows-1250, `MIN_ISO_EVIDENCE_RATIO` times as many as speak for Windows-1250 (bytes 0x80–0x9F
 * next to letters), else Windows-1250. A text with less evidence stays Windows-1252, and so does a
 * Hungarian, Croatian or Slovenian one in Windows-1250 whose letters Windows-1252 reads as other
 * letters (ő as õ, č as è), not as symbols.
 */
export function centralEuropeanEncoding(bytes: Uint8Array): CentralEuropeanEncoding | undefined {
  const { inWords, for1250, for1252, forIso88592, for1250OverIso88592 } = countWindows1250Evidence(bytes);
  const isCentralEuropean = for1250 >= MIN_EVIDENCE && for1250 >= MIN_EVIDENCE_SHARE * inWords && for1250 >= MIN_EVIDENCE_RATIO * for1252;
  if (!isCentralEuropean) return undefined;
  return forIso88592 >= MIN_ISO_EVIDENCE && forIso88592 >= MIN_ISO_EVIDENCE_RATIO * for1250OverIso88592 ? 'iso-8859-2' : 'windows-1250';
}

/** Decode Windows-1250 or ISO-8859-2 (Node's TextDecoder reads both by the WHATWG tables, unlike Windows-1252: see `decodeWindows1252`). */
export function decodeCentralEuropean(bytes: Uint8Array, encoding: CentralEuropeanEncoding): string {
  return new TextDecoder(encoding).decode(bytes);
}
