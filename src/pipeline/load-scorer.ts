import type { CompiledLexicon, Issue } from '../document.js';
import { makeIssue } from '../issues.js';
import { loadLexicon } from '../lexicon/index.js';
import type { TokeniseSettings } from '../tokenise/index.js';
import { createScorer, type Scorer } from './scorer.js';

/** Load and compile lexicon files; any error means no scorer. */
export async function loadScorer(files: readonly string[], tokeniser?: TokeniseSettings['tokeniser']): Promise<{ scorer?: Scorer; issues: Issue[] }> {
  const loaded = await Promise.all(files.map((file) => loadLexicon(file)));
  const issues = loaded.flatMap((result) => result.issues);
  const lexicons = loaded.map((result) => result.lexicon).filter((lexicon): lexicon is CompiledLexicon => lexicon !== undefined);
  if (lexicons.length !== files.length) return { issues };
  const ids = new Map<string, string>();
  for (const category of lexicons.flatMap((lexicon) => lexicon.categories)) {
    const other = ids.get(category.id);
    if (other) issues.push(makeIssue('LEXICON_DUPLICATE_CATEGORY', category.lexiconId, `category "${category.id}" is also declared by lexicon "${other}"; category ids must be unique across a run`));
    ids.set(category.id, category.lexiconId);
  }
  const languages = new Set(lexicons.map((lexicon) => lexicon.language));
  if (languages.size > 1) issues.push(makeIssue('LEXICON_INVALID', lexicons[0].file, `lexicons of one run must share a language, got ${[...languages].join(', ')}`));
  if (issues.some((issue) => issue.severity === 'error')) return { issues };
  return { scorer: createScorer(lexicons, tokeniser), issues };
}
