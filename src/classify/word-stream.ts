import type { TokenisedDoc, WordStream } from '../document.js';
import { isHyphen } from '../normalise.js';

/**
 * The word tokens of a document as matchers read them. A hyphen between two words does not
 * break a phrase (`well-being` = `well being`); other punctuation and sentence ends do.
 */
export function buildWordStream(doc: TokenisedDoc): WordStream {
  const { tokens } = doc;
  let size = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens.isWord(i)) size += 1;
  const tokenIndex = new Int32Array(size);
  const sentence = new Int32Array(size);
  const breakBefore = new Uint8Array(size);
  const negated = new Uint8Array(size);
  const keys: string[] = new Array(size);
  const lemmas: string[] = new Array(size);
  const formIds = new Float64Array(size);
  let count = 0;
  for (let sentenceIndex = 0; sentenceIndex < doc.sentences.length; sentenceIndex++) {
    const [first, end] = doc.sentences[sentenceIndex];
    let isBroken = true;
    for (let i = first; i < end; i++) {
      if (!tokens.isWord(i)) {
        // A hyphen's normal form is the hyphen itself: no need to slice the text.
        if (!isHyphen(tokens.norm(i))) isBroken = true;
        continue;
      }
      tokenIndex[count] = i;
      keys[count] = tokens.norm(i);
      lemmas[count] = tokens.lemma(i);
      formIds[count] = tokens.formId(i);
      sentence[count] = sentenceIndex;
      breakBefore[count] = isBroken ? 1 : 0;
      negated[count] = tokens.isNegated(i) ? 1 : 0;
      count += 1;
      isBroken = false;
    }
  }
  if (count !== size) throw new Error(`word stream: ${count} words in sentences, ${size} in tokens`);
  return { tokenIndex, keys, lemmas, sentence, breakBefore, negated, formIds };
}
