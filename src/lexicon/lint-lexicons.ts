import type { CompiledLexicon, Issue } from '../document.js';
import { makeIssue } from '../issues.js';
import { termVariants } from '../normalise.js';
import type { YamlSource } from '../yaml-issues.js';
import type { LexiconSpec } from './schema.js';
import { takenFirst } from './taken-first.js';
import { entryProblems } from './term-problems.js';

/** How often each entry matched a corpus, by matched form (lower-cased text). */
export interface EntryUsage {
  readonly corpus: string;
  forms(lexiconId: string, entryId: string): ReadonlyMap<string, number>;
  /**
   * Words of the corpus written with a prefix and a hyphen (`anti-terrorism`), which the
   * tokenisers read as one word, that an entry matches without the prefix and no entry of its
   * lexicon matches with it, by lower-cased word, with their counts.
   */
  prefixed?(lexiconId: string, entryId: string): ReadonlyMap<string, number>;
}

/** A wildcard that matches more distinct words than this in a corpus is reported as broad. */
const BROAD_WILDCARD_FORMS = 12;
const TOP_FORMS = 8;
/**
 * An inflected entry whose -ing and -ed forms are under this share of its matches in a corpus
 * is reported with them: a noun's verb forms often carry another sense ("conflicting views",
 * "countries bordering the sea"), while a verb's are a large part of its matches.
 */
const MAX_VERB_FORM_SHARE = 0.25;

interface LintInput {
  readonly file: string;
  readonly spec?: LexiconSpec;
  readonly lexicon?: CompiledLexicon;
  /** The lexicon's YAML, to give each finding the line and column of its entry (hsframe's own format only). */
  readonly source?: YamlSource;
}

/**
 * Checks beyond loading: terms shared by two lexicons, entries contained in longer entries
 * (info: inside the longer phrase they never count), entries of which an earlier entry of another
 * category takes every word (warning) or some forms (info), words that only some tokenisers read as a
 * word or that the tokenisers read as punctuation, and with corpus usage, entries that never
 * match, wildcards with many different expansions, inflected entries whose verb forms are a
 * small share of their matches, and entries that miss words a prefix joins to one they match.
 */
export function lintLexicons(inputs: readonly LintInput[], usage?: EntryUsage): Issue[] {
  const issues: Issue[] = [];
  const owners = new Map<string, string>();
  for (const { file, spec, lexicon, source } of inputs) {
    if (!spec) continue;
    const entries = Object.entries(spec.categories).flatMap(([category, value]) => value.entries.map((entry, index) => ({ category, entry, index, words: termVariants(entry.term)[0] })));
    // Where an entry's term is written, when the lexicon's YAML is at hand.
    const at = ({ category, index }: { category: string; index: number }) => {
      const path = ['categories', category, 'entries', index, 'term'];
      return source ? { ...source.position(path), path: path.join('.') } : {};
    };
    for (const { later, earlier, isWhole, forms } of takenFirst(entries)) {
      const rules = earlier.entry.exclude.length > 0 || earlier.entry.near || earlier.entry.not_near ? `, except where the rules of "${earlier.entry.term}" cancel it` : '';
      issues.push(
        isWhole
          ? makeIssue('LEXICON_SHADOWED', file, `"${later.entry.term}" (${later.category}) never counts there${rules}: every word it matches is also matched by "${earlier.entry.term}" (${earlier.category}), listed before it, which takes the match`, { severity: 'warning', ...at(later) })
          : makeIssue('LEXICON_SHADOWED', file, `${forms.map((form) => `"${form}"`).join(', ')} of "${later.entry.term}" (${later.category}) count${forms.length === 1 ? 's' : ''} for "${earlier.entry.term}" (${earlier.category}), listed before it${rules}`, { severity: 'info', ...at(later) }),
      );
    }
    const longerOf = longerEntries(entries);
    for (const listed of entries) {
      const { category, entry, words } = listed;
      const key = words.join(' ');
      const owner = owners.get(key);
      if (owner && !owner.startsWith(`${spec.name}:`)) issues.push(makeIssue('LEXICON_DUPLICATE_TERM', file, `term "${entry.term}" (${category}) is also an entry of ${owner}; both lexicons count it`, { severity: 'warning', ...at(listed) }));
      owners.set(key, `${spec.name}:${category}`);
      for (const problem of entryProblems(entry)) {
        if (problem.severity === 'warning') issues.push(makeIssue('LEXICON_UNMATCHABLE_TERM', file, `${category}: ${problem.message}`, { severity: 'warning', ...at(listed) }));
      }
      for (const longer of longerOf.get(listed) ?? []) {
        issues.push(makeIssue('LEXICON_SHADOWED', file, `"${entry.term}" (${category}) is inside the longer entry "${longer.entry.term}" (${longer.category}): within that phrase only the longer entry counts`, { severity: 'info', ...at(listed) }));
      }
      if (!usage || !lexicon) continue;
      const forms = usage.forms(spec.name, entry.term);
      if (forms.size === 0) {
        issues.push(makeIssue('LEXICON_UNUSED_ENTRY', file, `"${entry.term}" (${category}) never matches the corpus ${usage.corpus}`, at(listed)));
      } else if (entry.term.includes('*') && forms.size > BROAD_WILDCARD_FORMS) {
        const top = [...forms].sort(byCount).slice(0, TOP_FORMS);
        issues.push(makeIssue('LEXICON_BROAD_WILDCARD', file, `"${entry.term}" (${category}) matches ${forms.size} different words in the corpus; top: ${top.map(([form, count]) => `${form} ${count}`).join(', ')}`, at(listed)));
      }
      const prefixed = [...(usage.prefixed?.(spec.name, entry.term) ?? [])].sort(byCount);
      if (prefixed.length > 0) {
        const all = prefixed.reduce((sum, [, count]) => sum + count, 0);
        issues.push(makeIssue('LEXICON_PREFIXED_FORMS', file, `"${entry.term}" (${category}) does not match ${all} word${all === 1 ? '' : 's'} of the corpus that join${all === 1 ? 's' : ''} a prefix to a word it matches: ${prefixed.slice(0, TOP_FORMS).map(([form, count]) => `${form} ${count}`).join(', ')} (a prefix and its hyphen make one word); add those that carry the entry's sense as entries`, at(listed)));
      }
      if (entry.inflect) {
        const verbForms = [...forms].filter(([form]) => isVerbFormOf(form, words)).sort(byCount);
        const [inVerbForms, all] = [verbForms, [...forms]].map((list) => list.reduce((sum, [, count]) => sum + count, 0));
        if (verbForms.length > 0 && inVerbForms < MAX_VERB_FORM_SHARE * all) {
          const share = Math.round((100 * inVerbForms) / all);
          issues.push(makeIssue('LEXICON_VERB_FORMS', file, `"${entry.term}" (${category}) also matches ${verbForms.slice(0, TOP_FORMS).map(([form, count]) => `${form} ${count}`).join(', ')} (${share}% of its ${all} matches in the corpus): check that these forms carry the term's sense, or exclude them`, at(listed)));
        }
      }
    }
  }
  return issues;
}

/** Matched forms by count, most first, then alphabetically. */
function byCount(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
}

/** True when a matched form (lower-cased text) has an -ing or -ed word where the term's word (`words`) has none. */
function isVerbFormOf(form: string, words: readonly string[]): boolean {
  const matched = form.split(/[\s\-\u2010\u2011]+/);
  return matched.some((word, k) => /(?:ing|ed)$/.test(word) && !/(?:ing|ed)$/.test(words[k] ?? ''));
}

/**
 * For each entry, the longer entries whose words hold its words in a row, in lexicon order. Each
 * longer entry's runs of words are looked up only at the lengths that shorter entries have, so a
 * lexicon of many entries is checked in about linear time.
 */
function longerEntries<T extends { readonly words: readonly string[] }>(entries: readonly T[]): Map<T, T[]> {
  const byWords = new Map<string, T[]>();
  for (const listed of entries) {
    const key = listed.words.join(' ');
    const list = byWords.get(key);
    if (list === undefined) byWords.set(key, [listed]);
    else list.push(listed);
  }
  const lengths = [...new Set(entries.map(({ words }) => words.length))];
  const longerOf = new Map<T, T[]>();
  for (const longer of entries) {
    const inside = new Set<T>();
    for (const length of lengths) {
      for (let from = 0; length < longer.words.length && from + length <= longer.words.length; from++) {
        for (const shorter of byWords.get(longer.words.slice(from, from + length).join(' ')) ?? []) inside.add(shorter);
      }
    }
    for (const shorter of inside) {
      const list = longerOf.get(shorter);
      if (list === undefined) longerOf.set(shorter, [longer]);
      else list.push(longer);
    }
  }
  return longerOf;
}
