import type { CompiledLexicon, Issue } from '../document.js';
import { loadLexicon } from '../lexicon/index.js';
import type { TokeniseSettings } from '../tokenise/index.js';
import { checkTokeniser } from '../tokenise/index.js';
import { createScorer, lexiconSetIssues, type Scorer } from './scorer.js';

/** Load and compile lexicon files; any error means no scorer (an unknown tokeniser name throws, as `createScorer` does). */
export async function loadScorer(files: readonly string[], tokeniser?: TokeniseSettings['tokeniser']): Promise<{ scorer?: Scorer; issues: Issue[] }> {
  if (tokeniser !== undefined) checkTokeniser(tokeniser);
  if (files.length === 0) throw new RangeError('loadScorer: give at least one lexicon file (BUNDLED_LEXICONS for the bundled ones)');
  const loaded = await Promise.all(files.map((file) => loadLexicon(file)));
  const issues = loaded.flatMap((result) => result.issues);
  const lexicons = loaded.map((result) => result.lexicon).filter((lexicon): lexicon is CompiledLexicon => lexicon !== undefined);
  if (lexicons.length !== files.length) return { issues };
  issues.push(...lexiconSetIssues(lexicons));
  if (issues.some((issue) => issue.severity === 'error')) return { issues };
  return { scorer: createScorer(lexicons, tokeniser), issues };
}
