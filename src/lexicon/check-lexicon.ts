import type { Issue } from '../document.js';
import { makeIssue } from '../issues.js';
import { termVariantParts, termVariants } from '../normalise.js';
import type { YamlSource } from '../yaml-issues.js';
import type { LexiconSpec } from './schema.js';
import { entryProblems, isBadWildcard } from './term-problems.js';
import { makeWordStep, stepMatches } from './word-step.js';

/** Meaning checks after the schema (S7): duplicate terms, bad wildcards, words no token can be, exclusions without their term. */
export function checkLexicon(spec: LexiconSpec, source: YamlSource): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  for (const [categoryId, category] of Object.entries(spec.categories)) {
    category.entries.forEach((entry, index) => {
      const path = ['categories', categoryId, 'entries', index, 'term'];
      const at = (extraPath: (string | number)[] = path) => ({ ...source.position(extraPath), path: extraPath.join('.') });
      const variants = termVariants(entry.term);
      const key = variants[0].join(' ');
      if (variants.flat().some(isBadWildcard)) {
        issues.push(makeIssue('LEXICON_EMPTY_TERM', source.file, `term "${entry.term}": a * may only end a word that has letters or digits before it`, at()));
      }
      for (const problem of entryProblems(entry)) {
        if (problem.severity === 'error') issues.push(makeIssue('LEXICON_UNMATCHABLE_TERM', source.file, problem.message, at(['categories', categoryId, 'entries', index, ...problem.path])));
      }
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push(makeIssue('LEXICON_DUPLICATE_TERM', source.file, `term "${entry.term}" is already an entry of ${first}`, at()));
      } else {
        seen.set(key, `category ${categoryId}`);
      }
      for (const other of Object.keys(entry.also ?? {})) {
        const alsoAt = at(['categories', categoryId, 'entries', index, 'also', other]);
        if (other === categoryId) issues.push(makeIssue('LEXICON_INVALID', source.file, `term "${entry.term}": also names its own category ${other}`, alsoAt));
        else if (!(other in spec.categories)) issues.push(makeIssue('LEXICON_INVALID', source.file, `term "${entry.term}": also names ${other}, which is not a category of this lexicon (${Object.keys(spec.categories).join(', ')})`, alsoAt));
      }
      entry.exclude.forEach((phrase, k) => {
        if (!containsTerm(phrase, entry.term, entry.inflect)) {
          issues.push(makeIssue('LEXICON_BAD_EXCLUSION', source.file, `exclusion "${phrase}" does not contain the term "${entry.term}", so it can never cancel a match`, at(['categories', categoryId, 'entries', index, 'exclude', k])));
        }
      });
      for (const key of ['near', 'not_near'] as const) {
        entry[key]?.terms.forEach((term, k) => {
          if (/\s/.test(term.trim())) {
            issues.push(makeIssue('LEXICON_INVALID', source.file, `${key} terms must be single words, got "${term}"`, at(['categories', categoryId, 'entries', index, key, 'terms', k])));
          }
        });
      }
    });
  }
  return issues;
}

/**
 * True when some variant of `phrase` contains some variant of `term` as consecutive words: each
 * word of the term is the phrase's word, matches it, or (inflected) has it among its forms
 * ("conflicting views" contains "conflict").
 */
function containsTerm(phrase: string, term: string, isInflected: boolean): boolean {
  const termWords = termVariantParts(term).map((parts) => ({ words: parts.map((part) => part.word), termSteps: parts.map(({ word, isLast, head }) => makeWordStep(word, { isInflected: isInflected && isLast, head })) }));
  return termVariants(phrase).some((phraseWords) =>
    termWords.some(({ words, termSteps }) => {
      const steps = phraseWords.map((word) => makeWordStep(word, { isInflected }));
      for (let from = 0; from + words.length <= steps.length; from++) {
        const isAt = (word: string, k: number) => word === phraseWords[from + k] || stepMatches(steps[from + k], word.replace(/\*$/, ''), word) || termSteps[k].forms.has(phraseWords[from + k]);
        if (words.every(isAt)) return true;
      }
      return false;
    }),
  );
}
