import type { CategoryInfo, ClassifiedDoc, CompiledLexicon, Issue, ScoreRow, SourceDoc } from '../document.js';
import { aggregate } from '../aggregate/index.js';
import { createClassifier } from '../classify/index.js';
import { makeIssue } from '../issues.js';
import { DEFAULT_TOKENISE_SETTINGS, tokenise, type TokeniseSettings } from '../tokenise/index.js';

/** Lexicons compiled for a run, and the document scorer built from them. */
export interface Scorer {
  readonly lexicons: readonly CompiledLexicon[];
  readonly categories: readonly CategoryInfo[];
  /** `name@version:sha8` of each lexicon, joined by `;`: written into every row. */
  readonly lexiconVersion: string;
  readonly hasWholeHits: boolean;
  readonly tokeniser: TokeniseSettings['tokeniser'];
  /** tokenise → classify → aggregate for one document. */
  score(source: SourceDoc): { doc: ClassifiedDoc; row: ScoreRow; issues: Issue[] };
}

/** Build a scorer from compiled lexicons. */
export function createScorer(lexicons: readonly CompiledLexicon[], tokeniser: TokeniseSettings['tokeniser'] = DEFAULT_TOKENISE_SETTINGS.tokeniser): Scorer {
  const categories = lexicons.flatMap((lexicon) => lexicon.categories);
  const lexiconVersion = lexicons.map((lexicon) => `${lexicon.id}@${lexicon.version}:${lexicon.sha256.slice(0, 8)}`).join(';');
  const settings: TokeniseSettings = { tokeniser, language: lexicons[0]?.language ?? 'en' };
  const classify = createClassifier(lexicons);
  return Object.freeze({
    lexicons,
    categories,
    lexiconVersion,
    hasWholeHits: lexicons.every((lexicon) => lexicon.hasWholeWeights),
    tokeniser,
    score(source: SourceDoc) {
      const doc = classify(tokenise(source, settings));
      const row = aggregate(doc, { categories, lexiconVersion });
      const issues: Issue[] = [...source.issues];
      if (doc.language !== settings.language && doc.language !== 'und') {
        issues.push(makeIssue('LANGUAGE_NOT_SCORED', source.id, `document is in "${doc.language}", not in the lexicons' language "${settings.language}": reported, not scored`, { stage: 'tokenise' }));
      }
      return { doc, row, issues };
    },
  });
}
