import type { WordStream } from '../../src/document.js';
import { parseLexicon } from '../../src/lexicon/index.js';
import { createScorer, scoreText, type Scorer } from '../../src/pipeline/index.js';
import type { TokeniserName } from '../../src/tokenise/index.js';

/** Lexicon YAML: `categories` maps category ids to entry YAML lines (an entry's first line on line 10); the categories in `notNegated` have `negation: false`. */
export function lexiconYaml(categories: Record<string, string>, notNegated: readonly string[] = []): string {
  const body = Object.entries(categories)
    .map(([id, entries]) => `  ${id}:\n    label: ${id}\n    description: test category\n${notNegated.includes(id) ? '    negation: false\n' : ''}    entries:\n${entries.replace(/^/gm, '      ')}`)
    .join('\n');
  return `name: test\nversion: 1.0.0\nlanguage: en\ndescription: test lexicon\ncategories:\n${body}\n`;
}

/** Build a scorer from inline lexicon YAML (\`lexiconYaml\`). Default tokeniser: scan.v1. */
export function scorerFrom(categories: Record<string, string>, tokeniser?: TokeniserName): Scorer {
  const { lexicon, issues } = parseLexicon('test.yaml', lexiconYaml(categories));
  if (!lexicon) throw new Error(issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
  return createScorer([lexicon], tokeniser);
}

/** The matched texts of counted and negated hits, as `category:text` and `!category:text`. */
export function matchedTexts(scorer: Scorer, text: string): string[] {
  const { doc } = scoreText(text, scorer);
  return doc.hits.map((hit) => {
    const matched = doc.text.slice(doc.tokens.start(hit.range[0]), doc.tokens.end(hit.range[1] - 1));
    return `${hit.isNegated ? '!' : ''}${hit.category}:${matched}`;
  });
}

/** A stream of words (form, lemma) numbered `ids` in numbering `space` (undefined: not numbered). */
export function stream(words: readonly (readonly [string, string])[], ids: readonly number[], space: number | undefined): WordStream {
  const size = words.length;
  return {
    tokenIndex: words.map((_, i) => i),
    keys: words.map(([key]) => key),
    lemmas: words.map(([, lemma]) => lemma),
    sentence: new Int32Array(size),
    breakBefore: new Uint8Array(size),
    negated: new Uint8Array(size),
    formIds: ids,
    formSpace: space,
  };
}
