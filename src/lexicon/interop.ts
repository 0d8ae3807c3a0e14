import { parse as parseYamlText, stringify as stringifyYaml } from 'yaml';
import { compareText } from '../compare-text.js';
import type { Issue } from '../document.js';
import { makeIssue } from '../issues.js';
import { HYPHENS, hyphenatedAsRead, termVariantParts, termVariants, termWords, type TermPart } from '../normalise.js';
import { decodeWindows1252 } from '../windows-1252.js';
import { inflectWord } from './inflect.js';
import { listedEntries, type LexiconEntry, type LexiconSpec } from './schema.js';
import { takenFirst } from './taken-first.js';
import { combinations } from './word-step.js';
import { isBadWildcard, termProblems } from './term-problems.js';

/** Rules of our lexicon format that LIWC and quanteda dictionaries cannot express. */
export const LOST_IN_EXPORT = ['exclude (contexts that cancel a match)', 'near / not_near (proximity conditions)', 'weight (every match counts 1)', 'source (provenance; kept only as a comment)', 'lemma matching (inflections are written out as words)', 'negation: false (a category whose matches count in a negation scope)'] as const;

/** A dictionary in LIWC .dic or quanteda YAML form, read into our lexicon shape. */
export interface ImportedLexicon {
  readonly spec?: LexiconSpec;
  readonly issues: readonly Issue[];
}

/** A category name as an id: accents dropped ("über" → "uber"), other runs of non-alphanumerics made `_`. */
const snake = (name: string) => name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 'c_$1') || 'category';

/**
 * The id for category `name` among those taken: its snake_case form, or, where another name
 * already has that form ("a: {b: …}" and "a_b"), that form with _2, _3 …, with a warning, so
 * that no category's terms are lost.
 */
function categoryId(name: string, taken: ReadonlyMap<string, unknown>, file: string, issues: Issue[]): string {
  const id = snake(name);
  if (!taken.has(id)) return id;
  let n = 2;
  while (taken.has(`${id}_${n}`)) n += 1;
  issues.push(makeIssue('LEXICON_INVALID', file, `category "${name}" has the id "${id}" of an earlier category; it is imported as "${id}_${n}"`, { severity: 'warning' }));
  return `${id}_${n}`;
}

/** UTF-8 text, or else Windows-1252 (older LIWC dictionaries), with a warning saying so. */
function dictionaryText(file: string, bytes: Uint8Array, issues: Issue[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    issues.push(makeIssue('LEXICON_INVALID', file, 'not UTF-8: read as Windows-1252 (Latin-1)', { severity: 'warning' }));
    return decodeWindows1252(bytes);
  }
}

function specFrom(file: string, kind: string, categories: Map<string, string[]>, names: ReadonlyMap<string, string>): LexiconSpec {
  const name = snake(file.split('/').pop()!.replace(/\.[^.]+$/, '')).replace(/_/g, '-');
  return {
    name,
    version: '0.0.0',
    language: 'en',
    description: `Imported from the ${kind} dictionary ${file}.`,
    categories: Object.fromEntries(
      [...categories].map(([id, terms]) => [id, { label: names.get(id) ?? id, description: `Category ${names.get(id) ?? id} of ${file}`, negation: true, entries: terms.map((term) => ({ term, source: `${kind} dictionary ${file}`, inflect: false, weight: 1, exclude: [] })) }]),
    ),
  };
}

/** Read a LIWC .dic (2007 or 2015 layout): a `%`-fenced header of `id<TAB>name` lines, then `term<TAB>id...` lines. */
export function importLiwc(file: string, content: string | Uint8Array): ImportedLexicon {
  const issues: Issue[] = [];
  const text = typeof content === 'string' ? content : dictionaryText(file, content, issues);
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const fences = lines.flatMap((line, index) => (line.trim() === '%' ? [index] : []));
  if (fences.length < 2) return { issues: [...issues, makeIssue('LEXICON_INVALID', file, 'not a LIWC dictionary: expected a header between two lines holding only "%"')] };
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  for (let index = fences[0] + 1; index < fences[1]; index++) {
    // A category's name may hold spaces where tabs separate the columns (LIWC 2015: "1<TAB>Social Processes").
    const line = lines[index].trim();
    const [id, name] = line.includes('\t') ? [line.slice(0, line.indexOf('\t')).trim(), line.slice(line.indexOf('\t') + 1).trim()] : line.split(/\s+/);
    if (!id || !name) continue;
    if (names.has(id)) {
      issues.push(makeIssue('LEXICON_INVALID', file, `line ${index + 1}: category number ${id} is declared again, as "${name}"; its first name, "${names.get(id)}", is kept`, { severity: 'warning', line: index + 1 }));
      continue;
    }
    const categoryName = categoryId(name, ids, file, issues);
    ids.set(categoryName, name);
    names.set(id, categoryName);
  }
  const categories = new Map<string, string[]>([...names.values()].map((name) => [name, []]));
  // Each category's terms so far, to keep a term once (a list's search would take time growing with the square of its length).
  const listed = new Map<string, Set<string>>([...names.values()].map((name) => [name, new Set()]));
  for (let index = fences[1] + 1; index < lines.length; index++) {
    const line = lines[index].trim();
    if (!line) continue;
    // LIWC 2015 separates the term from its categories by tabs (terms may hold spaces); 2007 uses any whitespace.
    const parts = line.includes('\t') ? line.split('\t').map((part) => part.trim()).filter(Boolean) : line.split(/\s+/);
    const [term, ...ids] = parts;
    if (ids.some((id) => /[()<>/]/.test(id))) {
      issues.push(makeIssue('LEXICON_INVALID', file, `line ${index + 1}: "${term}" has a conditional rule (${ids.join(' ')}), which hsframe cannot express; the entry is skipped`, { severity: 'warning', line: index + 1 }));
      continue;
    }
    for (const id of ids.flatMap((id) => id.split(/\s+/))) {
      const name = names.get(id);
      if (!name) issues.push(makeIssue('LEXICON_INVALID', file, `line ${index + 1}: "${term}" names category ${id}, which the header does not declare`, { line: index + 1 }));
      else if (!listed.get(name)!.has(term.toLowerCase())) {
        listed.get(name)!.add(term.toLowerCase());
        categories.get(name)!.push(term.toLowerCase());
      }
    }
  }
  return withoutEmpty(file, 'LIWC', categories, issues, ids);
}

/** Read a quanteda YAML dictionary: a mapping of category to a list of terms, nested categories joined with `_`. */
export function importQuanteda(file: string, text: string): ImportedLexicon {
  let value: unknown;
  try {
    value = parseYamlText(text);
  } catch (error) {
    return { issues: [makeIssue('LEXICON_YAML', file, `YAML syntax: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)] };
  }
  const categories = new Map<string, string[]>();
  const issues: Issue[] = [];
  const names = new Map<string, string>();
  const visit = (node: unknown, path: string[]) => {
    if (Array.isArray(node)) {
      const id = categoryId(path.join('_'), categories, file, issues);
      names.set(id, path.join('_'));
      // An empty item (`- ` or `- ~`) is no term.
      categories.set(id, node.filter((term) => term !== null && term !== undefined).map((term) => String(term).toLowerCase()));
    } else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
    // One term written alone (`economy: econom*`): a list of one.
    else if (node !== null && node !== undefined && path.length > 0) visit([node], path);
  };
  visit(value, []);
  return withoutEmpty(file, 'quanteda', categories, issues, names);
}

/** A term whose globs hsframe matches: a trailing `*` after a letter or digit, on any of its words; no `?`. */
const isSupportedTerm = (term: string) => !term.includes('?') && !termVariants(term).flat().some(isBadWildcard);

/** The imported spec, categories without terms left out; `names` gives each id's name in the dictionary (its label). */
function withoutEmpty(file: string, kind: string, categories: Map<string, string[]>, issues: Issue[], names: ReadonlyMap<string, string>): ImportedLexicon {
  for (const [name, terms] of categories) {
    const unsupported = terms.filter((term) => !isSupportedTerm(term));
    if (unsupported.length > 0) {
      issues.push(makeIssue('LEXICON_INVALID', file, `category "${name}": ${unsupported.length} term(s) use a glob hsframe cannot match (only a * that ends a word after letters or digits), left out: ${unsupported.slice(0, 5).join(', ')}`, { severity: 'warning' }));
      categories.set(name, terms.filter(isSupportedTerm));
    }
  }
  for (const [name, terms] of categories) {
    const isUnmatchable = (term: string) => termProblems(term).some((problem) => problem.severity === 'error');
    const unmatchable = terms.filter(isUnmatchable);
    if (unmatchable.length > 0) {
      issues.push(makeIssue('LEXICON_UNMATCHABLE_TERM', file, `category "${name}": ${unmatchable.length} term(s) can never match (a word is a number, or holds a character such as "(" that no word holds), left out: ${unmatchable.slice(0, 5).join(', ')}`, { severity: 'warning' }));
      categories.set(name, terms.filter((term) => !isUnmatchable(term)));
    }
  }
  for (const [name, terms] of categories) {
    if (terms.length === 0) {
      categories.delete(name);
      issues.push(makeIssue('LEXICON_INVALID', file, `category "${name}" has no terms and is left out`, { severity: 'warning' }));
    }
  }
  if (categories.size === 0) return { issues: [...issues, makeIssue('LEXICON_INVALID', file, `no ${kind} categories with terms found`)] };
  return { spec: specFrom(file, kind, categories, names), issues };
}

/**
 * Every word form an entry matches, as terms a glob dictionary can hold: hyphen variants and
 * inflections written out, and a hyphenated word also as written (`well-being`), since quanteda
 * and LIWC keep it one token; an inflected one takes its inflections on its last part.
 */
function exportTerms(term: string, isInflected: boolean): string[] {
  const inflect = (word: string) => (isInflected && !word.endsWith('*') ? inflectWord(word) : [word]);
  // A hyphenated word is inflected on its last part, split, joined or as written (`cross-borders`).
  const withLast = (word: string, head: string) => inflect(word.slice(head.length)).map((last) => head + last);
  const optionsOf = ({ word, isLast, head }: TermPart) => (!isLast ? [word] : head ? withLast(word, head) : inflect(word));
  const asWritten = termWords(term).map((word) => word.replace(HYPHENS, '-'));
  const writtenOptions = (word: string) => {
    const hyphen = word.lastIndexOf('-');
    return hyphen > 0 && hyphen < word.length - 1 ? withLast(word, word.slice(0, hyphen + 1)) : inflect(word);
  };
  const variants = termVariantParts(term).map((parts) => parts.map(optionsOf));
  if (asWritten.some((word) => /.-./.test(word))) variants.push(asWritten.map(writtenOptions));
  const forms = variants.flatMap((options) => combinations(options).map((phrase) => phrase.join(' ').replace(/ '/g, "'")));
  return [...new Set(forms)];
}

/**
 * Each exported term (`exportTerms`) with the categories a match of it counts in, as hsframe
 * counts it: where entries of different terms give the same word form (`detain`, inflected, and
 * `detained`), only the first in lexicon order counts it; the same term in several categories
 * counts in each. A dictionary that lists a word under several categories counts it in all of
 * them, so the word is listed only under those. Words that an earlier entry of another category
 * takes (`takenFirst`: `security` after `secur*`, whose match it is in hsframe) are left out of
 * the later entry: else quanteda would count them in both categories, and LIWC, which prefers a
 * whole word to a wildcard, in the later one.
 */
function exportedRows(spec: LexiconSpec): Map<string, string[]> {
  const listed = listedEntries(spec);
  const taken = new Map<LexiconEntry, Set<string> | 'whole'>();
  for (const { later, isWhole, forms } of takenFirst(listed)) {
    const before = taken.get(later.entry);
    if (isWhole) taken.set(later.entry, 'whole');
    else if (before !== 'whole') taken.set(later.entry, new Set([...(before ?? []), ...forms]));
  }
  const rows = new Map<string, { readonly term: string; readonly categories: string[] }>();
  for (const { category: id, entry } of listed) {
    const takenForms = taken.get(entry);
    if (takenForms === 'whole') continue;
    for (const form of exportTerms(entry.term, entry.inflect)) {
      // A form written with a hyphen is taken where the words it is read as are (`cross-border` as `crossborder`).
      if (takenForms?.has(form.includes('-') ? form.split(' ').map(hyphenatedAsRead).join(' ') : form)) continue;
      const row = rows.get(form);
      if (row === undefined) rows.set(form, { term: entry.term, categories: [id] });
      else if (row.term === entry.term && !row.categories.includes(id)) row.categories.push(id);
    }
  }
  return new Map([...rows].map(([form, { categories }]) => [form, categories]));
}

/** How a quanteda export is applied to count as hsframe does where phrases of different categories overlap. */
const NESTED_SCOPE = '# Apply it with tokens_lookup(..., nested_scope = "dictionary"): as in hsframe, a phrase inside a longer one of another category then counts only as the longer.\n';

/** Our lexicon as a quanteda YAML dictionary (comments list what it cannot express). */
export function exportQuanteda(spec: LexiconSpec): string {
  const rows = exportedRows(spec);
  const body: Record<string, string[]> = Object.fromEntries(Object.keys(spec.categories).map((id) => [id, []]));
  for (const [form, categories] of rows) for (const id of categories) body[id].push(form);
  const doubled = quantedaOverlaps(rows).map(({ pattern, extra, wildcard }) => `${pattern} (also ${extra.join(', ')}, by ${wildcard})`);
  const overlaps = doubled.length === 0 ? '' : `# Counted here also under another category, where hsframe counts them once: ${doubled.join('; ')}.\n`;
  // A key with no words is left out when hsframe reads the export back, and may be by other readers.
  const empty = Object.keys(body).filter((id) => body[id].length === 0);
  const emptied = empty.length === 0 ? '' : `# Empty here, as earlier entries of other categories take every word they list (hsframe counts those there): ${empty.join(', ')}.\n`;
  // Written as YAML 1.1 quotes it: R's yaml and Python's PyYAML read an unquoted yes, no, on or off as a boolean.
  return `# ${spec.name} ${spec.version}, exported by hsframe as a quanteda dictionary.\n# Not expressible here: ${LOST_IN_EXPORT.join('; ')}.\n${NESTED_SCOPE}${overlaps}${emptied}${stringifyYaml(body, { version: '1.1' })}`;
}

/**
 * Where quanteda counts a word under more categories than hsframe: a word listed whole that a
 * wildcard listed under other categories also matches (`security`, `secur*`), or a wildcard that
 * a shorter one of other categories covers (`securit*`, `secur*`). hsframe counts such a word
 * once, for the entry listed first (LIWC too prefers the whole word); quanteda under every key
 * whose pattern matches it. (A wildcard listed before a whole word takes it, and the word is
 * not exported: `exportedRows`.) Single words only.
 */
function quantedaOverlaps(rows: ReadonlyMap<string, readonly string[]>): { pattern: string; extra: readonly string[]; wildcard: string }[] {
  const textOf = (pattern: string) => (pattern.endsWith('*') ? pattern.slice(0, -1) : pattern);
  const patterns = [...rows].filter(([pattern]) => !pattern.includes(' ')).sort(([a], [b]) => compareText(textOf(a), textOf(b)));
  const found: { pattern: string; extra: readonly string[]; wildcard: string }[] = [];
  for (const [wildcard, categories] of rows) {
    if (wildcard.includes(' ') || !wildcard.endsWith('*')) continue;
    const prefix = textOf(wildcard);
    // The first pattern not before the prefix, then those that start with it.
    let [low, high] = [0, patterns.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareText(textOf(patterns[middle][0]), prefix) < 0) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < patterns.length && textOf(patterns[i][0]).startsWith(prefix); i++) {
      const [pattern, own] = patterns[i];
      const extra = pattern === wildcard ? [] : categories.filter((id) => !own.includes(id));
      if (extra.length > 0) found.push({ pattern, extra, wildcard });
    }
  }
  return found;
}

/** Our lexicon as a LIWC 2015 .dic (terms may be phrases; tabs separate columns). */
export function exportLiwc(spec: LexiconSpec): string {
  const ids = Object.keys(spec.categories);
  const header = ids.map((id, index) => `${index + 1}\t${id}`).join('\n');
  const rows = [...exportedRows(spec)].map(([form, categories]) => `${form}\t${categories.map((id) => ids.indexOf(id) + 1).join('\t')}`);
  return `%\n${header}\n%\n${rows.join('\n')}\n`;
}
