import type { TokenisedDoc, WordStream } from '../document.js';
import { isHyphen } from '../normalise.js';

/**
 * The word tokens of a document as matchers read them. A hyphen between two words does not
 * break a phrase (`well-being` = `well being`); other punctuation and sentence ends do.
 */
export function buildWordStream(doc: TokenisedDoc): WordStream {
  const tokenIndex: number[] = [];
  const keys: string[] = [];
  const lemmas: string[] = [];
  const sentence: number[] = [];
  const breakBefore: boolean[] = [];
  let isBroken = true;
  doc.sentences.forEach(([first, end], sentenceIndex) => {
    isBroken = true;
    for (let i = first; i < end; i++) {
      const token = doc.tokens[i];
      if (!token.isWord) {
        if (!isHyphen(doc.text.slice(token.start, token.end))) isBroken = true;
        continue;
      }
      tokenIndex.push(i);
      keys.push(token.norm);
      lemmas.push(token.lemma);
      sentence.push(sentenceIndex);
      breakBefore.push(isBroken);
      isBroken = false;
    }
  });
  return { tokenIndex, keys, lemmas, sentence, breakBefore };
}
