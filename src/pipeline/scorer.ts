import type { CategoryInfo, ClassifiedDoc, CompiledLexicon, Issue, ScoreRow, SourceDoc } from '../document.js';
import { aggregate } from '../aggregate/index.js';
import { createClassifier } from '../classify/index.js';
import { makeIssue } from '../issues.js';
import { scoreHeader, segmentHeader } from '../output/index.js';
import { checkTokeniser, DEFAULT_TOKENISE_SETTINGS, tokenise, type TokeniseSettings } from '../tokenise/index.js';

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

/** What keeps lexicons from being scored together: two of the same name (lexicon_version could not tell them apart), a category id declared by two of them, a category whose columns would take the name of another column, or lexicons of different languages. */
export function lexiconSetIssues(lexicons: readonly CompiledLexicon[]): Issue[] {
  const issues: Issue[] = [];
  const files = new Map<string, string>();
  for (const lexicon of lexicons) {
    const other = files.get(lexicon.id);
    if (other !== undefined && other !== lexicon.file) issues.push(makeIssue('LEXICON_INVALID', lexicon.file, `lexicon name "${lexicon.id}" is also the name of ${other}; lexicons scored together need names of their own, which lexicon_version and matches.csv tell them apart by`));
    if (other === undefined) files.set(lexicon.id, lexicon.file);
  }
  const ids = new Map<string, string>();
  for (const category of lexicons.flatMap((lexicon) => lexicon.categories)) {
    const other = ids.get(category.id);
    if (other) issues.push(makeIssue('LEXICON_DUPLICATE_CATEGORY', category.lexiconId, `category "${category.id}" is also declared by lexicon "${other}"; category ids must be unique across a run`));
    ids.set(category.id, category.lexiconId);
  }
  // A category's columns must not take the name of another column ("negated" → negated_hits, which scores.csv has already).
  const fixed = new Set([...scoreHeader([]), ...segmentHeader([])]);
  for (const lexicon of lexicons) {
    for (const category of lexicon.categories) {
      const taken = [`${category.id}_hits`, `${category.id}_per_1k`].find((name) => fixed.has(name));
      if (taken) issues.push(makeIssue('LEXICON_INVALID', lexicon.file, `category "${category.id}" would make a column "${taken}", which the tables already have; rename the category`));
    }
  }
  const languages = new Set(lexicons.map((lexicon) => lexicon.language));
  if (languages.size > 1) issues.push(makeIssue('LEXICON_INVALID', lexicons[0].file, `lexicons of one run must share a language, got ${[...languages].join(', ')}`));
  return issues;
}

/** Build a scorer from compiled lexicons; throws for an unknown tokeniser, or for lexicons that cannot be scored together (`lexiconSetIssues`, which `loadScorer` reports as issues). */
export function createScorer(lexicons: readonly CompiledLexicon[], tokeniser: TokeniseSettings['tokeniser'] = DEFAULT_TOKENISE_SETTINGS.tokeniser): Scorer {
  checkTokeniser(tokeniser);
  const problems = lexiconSetIssues(lexicons);
  if (problems.length > 0) throw new RangeError(problems.map((issue) => issue.message).join('; '));
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
