import type { ClassifiedDoc, CompiledLexicon, Hit, TokenisedDoc } from '../document.js';
import { buildWordStream } from './word-stream.js';

/** Match every lexicon against a document. Hits are sorted by position, then lexicon order. */
export function classify(doc: TokenisedDoc, lexicons: readonly CompiledLexicon[]): ClassifiedDoc {
  const words = buildWordStream(doc);
  const hits: Hit[] = [];
  for (const lexicon of lexicons) {
    for (const match of lexicon.match(words)) {
      const first = words.tokenIndex[match.start];
      const end = words.tokenIndex[match.end - 1] + 1;
      hits.push({
        lexiconId: lexicon.id,
        entryId: match.entryId,
        category: match.category,
        range: [first, end],
        sentence: words.sentence[match.start],
        weight: match.weight,
        // Negation scope is read at the first word, so "without discrimination" stays positive.
        isNegated: doc.tokens[first].isNegated,
      });
    }
  }
  const order = new Map(lexicons.map((lexicon, index) => [lexicon.id, index]));
  hits.sort((a, b) => a.range[0] - b.range[0] || order.get(a.lexiconId)! - order.get(b.lexiconId)!);
  return { ...doc, hits };
}
