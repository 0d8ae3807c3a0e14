/** Ends a sentence: a full stop, question or exclamation mark, colon or semicolon, then perhaps closing quotes or brackets. */
const SENTENCE_END = /[.!?:;…]["'”’»)\]]*$/;

/**
 * True when `line` (trimmed) ends a sentence. A page break after a line that does not is not a
 * paragraph's end: the sentence goes on over it.
 */
export function endsSentence(line: string): boolean {
  return SENTENCE_END.test(line);
}
