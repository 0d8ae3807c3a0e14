import type { TextSpan, TokenRange } from '../document.js';
import type { LanguageCounts } from './detect-language.js';

/** One paragraph as a tokeniser read it; offsets are into the whole text, sentences index its own tokens. */
export interface TokenisedParagraph {
  /** Where its tokens are in the document's `TokenColumns`. */
  readonly tokenRange: readonly [from: number, to: number];
  readonly sentences: TokenRange[];
  /** Each sentence's characters and word count, parallel to `sentences`. */
  readonly sentenceSpans: TextSpan[];
  readonly wordCount: number;
  /** Function-word counts, for the paragraph's and the document's language. */
  readonly counts: LanguageCounts;
  /** Where its words are in the document's `WordColumns`, when the tokeniser fills them as it goes (`scan.v1`). */
  readonly wordRange?: readonly [from: number, to: number];
}
