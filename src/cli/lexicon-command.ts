import { readFile } from 'node:fs/promises';
import type { Hit, Issue } from '../document.js';
import { resolve } from 'node:path';
import { DEFAULT_INGEST_SETTINGS, findDocuments, globProblem, readDocument, type DocumentFile } from '../ingest/index.js';
import { hasErrors, makeIssue } from '../issues.js';
import { prefixedWords } from '../normalise.js';
import { exportLiwc, exportQuanteda, lexiconSource, lintLexicons, listedEntries, loadLexicon, LOST_IN_EXPORT, type EntryUsage } from '../lexicon/index.js';
import { parseMatchRows } from '../output/index.js';
import { BUNDLED_LEXICONS, lexiconSetIssues, loadScorer, scoreFiles, scoreText, type DocResult, type Scorer } from '../pipeline/index.js';
import { EXIT, isOneOf, reportIssues, usageError, writeOutputFile, type CliIo } from './io.js';
import { parseCommand } from './parse.js';

export const LEXICON_HELP = `Usage: hsframe lexicon show FILE...
       hsframe lexicon lint [FILE...] [--corpus DIR [--exclude GLOB]...]
       hsframe lexicon export FILE --format quanteda|liwc [--out FILE]

  show    name, version, language, sha256, categories and entry counts.
          Exit 0; 2 when a FILE cannot be read or has errors (they are named; the other
          FILEs are still shown).
  lint    schema and meaning errors; what keeps the lexicons from being scored together
          (one name twice, a category in two, a category whose columns clash); duplicate
          terms within and across categories and lexicons; entries, or some of their
          forms and phrases, that an earlier entry of another category takes (warning;
          info for some forms); entries inside longer entries (info); with --corpus:
          entries that never match the corpus, wildcards whose expansions look too broad
          (top expansions with counts), inflected entries that also match a few -ing
          or -ed forms
          (info: a noun's verb forms often carry another sense, as in "conflicting views"),
          and entries that miss corpus words a prefix and hyphen join to a word they match
          (info: "terroris*" and anti-terrorism, read as one word);
          --exclude leaves out corpus files by glob, as a pipeline's exclude does (e.g.
          SOURCES.md, or drafts for all of a folder).
          Default FILEs: the bundled lexicons.
          Exit 1 on errors (a corpus document that cannot be read too), 0 with warnings
          only, 2 when the --corpus folder cannot be listed.
  export  write a lexicon as a quanteda YAML or LIWC 2015 .dic dictionary, inflections
          and hyphen variants written out, less the words and phrases an earlier entry
          of another category takes (hsframe never counts them there); a quanteda
          export's header says to apply it with nested_scope = "dictionary" and names
          words a wildcard of another category would also count. Not expressible there:
${LOST_IN_EXPORT.map((lost) => `            - ${lost}`).join('\n')}
          Exit 2, writing nothing, when the lexicon has errors or --out cannot be written.

FILE may also be a LIWC .dic or quanteda YAML dictionary wherever a lexicon is read: by
--lexicon of score and evaluate too, and in a pipeline's lexicons: list, which is where
run and explain take theirs (they have no --lexicon option).
`;

/** The options of each subcommand; an option of another one is refused, not ignored. */
const SUBCOMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = { show: [], lint: ['corpus', 'exclude'], export: ['format', 'out'] };

/** \`hsframe lexicon show|lint|export\`. */
export async function lexiconCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const parsed = parseCommand(rest, { corpus: { type: 'string' }, exclude: { type: 'string', multiple: true }, format: { type: 'string' }, out: { type: 'string' } });
  if (sub === '--help' || sub === '-h' || (!('error' in parsed) && parsed.values.help)) return io.stdout(LEXICON_HELP), EXIT.ok;
  if (sub === undefined || !Object.hasOwn(SUBCOMMAND_OPTIONS, sub)) return usageError(io, 'lexicon', `unknown subcommand "${sub ?? ''}": use show, lint or export`);
  if ('error' in parsed) return usageError(io, 'lexicon', parsed.error);
  const foreign = Object.keys(parsed.values).find((option) => !SUBCOMMAND_OPTIONS[sub].includes(option));
  if (foreign) {
    const owner = Object.keys(SUBCOMMAND_OPTIONS).find((other) => SUBCOMMAND_OPTIONS[other].includes(foreign));
    return usageError(io, 'lexicon', `--${foreign} is not an option of lexicon ${sub} (it is one of lexicon ${owner})`);
  }
  if (parsed.values.exclude && !parsed.values.corpus) return usageError(io, 'lexicon', '--exclude leaves out files of the --corpus folder, which is not given');
  const files = parsed.positionals.length > 0 ? parsed.positionals.map((file) => resolve(io.cwd, file)) : BUNDLED_LEXICONS;
  if (sub === 'show') return showLexicons(files, io);
  if (sub === 'lint') {
    const exclude = (parsed.values.exclude as string[] | undefined) ?? [];
    // Refused as a pipeline's exclude is: such a glob would leave nothing out.
    const problem = exclude.map(globProblem).find((found) => found !== undefined);
    if (problem) return usageError(io, 'lexicon', `--exclude ${problem}`);
    return lint(files, { corpus: parsed.values.corpus as string | undefined, exclude }, io);
  }
  return exportLexicon(parsed.positionals, parsed.values as { format?: string; out?: string }, io);
}

/**
 * The corpus words written with a prefix and a hyphen that an entry matches without the prefix
 * and no entry of its lexicon matches with it (`terroris*` and `anti-terrorism`), by
 * `lexicon\0entry`, with their counts: each document read again, each such word scored alone.
 * A word in `known` (by lexicon) is passed over.
 */
async function prefixedMisses(files: readonly DocumentFile[], scorer: Scorer, known: ReadonlyMap<string, ReadonlySet<string>>): Promise<Map<string, Map<string, number>>> {
  const words = new Map<string, number>();
  for (const file of files) {
    const text = (await readDocument(file.path, file.id)).doc?.text ?? '';
    for (const word of prefixedWords(text)) words.set(word, (words.get(word) ?? 0) + 1);
  }
  const misses = new Map<string, Map<string, number>>();
  for (const [word, count] of words) {
    for (const hit of prefixMisses(word, scorer)) {
      if (known.get(hit.lexiconId)?.has(word)) continue;
      const key = `${hit.lexiconId}\u0000${hit.entryId}`;
      const forms = misses.get(key) ?? new Map<string, number>();
      forms.set(word, count);
      misses.set(key, forms);
    }
  }
  return misses;
}

/** The hits of a prefixed word's last part (`cross-border`: `border`) in the lexicons that do not match the whole word, scored alone. */
export function prefixMisses(word: string, scorer: Scorer): Hit[] {
  const whole = new Set(scoreText(word, scorer).doc.hits.map((hit) => hit.lexiconId));
  return scoreText(word.slice(word.indexOf('-') + 1), scorer).doc.hits.filter((hit) => !whole.has(hit.lexiconId));
}

async function showLexicons(files: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  for (const file of files) {
    const { lexicon, spec, issues } = await loadLexicon(file);
    reportIssues(io, issues);
    if (!lexicon || !spec) {
      code = EXIT.fatal;
      continue;
    }
    io.stdout(`${lexicon.id} ${lexicon.version} (${lexicon.language})  ${file}\nsha256 ${lexicon.sha256}\n${spec.description}\n`);
    // Entries of other categories that count here too (`also`).
    const counted = new Map<string, number>();
    for (const { category } of listedEntries(spec)) counted.set(category, (counted.get(category) ?? 0) + 1);
    for (const category of lexicon.categories) {
      const listed = spec.categories[category.id].entries.length;
      const also = (counted.get(category.id) ?? 0) - listed;
      io.stdout(`  ${category.id.padEnd(16)} ${String(listed).padStart(4)} entries  ${category.label}${also > 0 ? ` (and ${also} of another category's, by also)` : ''}\n`);
    }
    io.stdout(`  ${'total'.padEnd(16)} ${String(lexicon.entryCount).padStart(4)} entries\n\n`);
  }
  return code;
}

async function lint(files: readonly string[], { corpus, exclude }: { corpus?: string; exclude: readonly string[] }, io: CliIo): Promise<number> {
  // Each with its YAML, so that findings name the line and column of their entry.
  const loaded = await Promise.all(files.map(async (file) => ({ file, ...(await loadLexicon(file)), source: lexiconSource(file, await readFile(file, 'utf8').catch(() => '')) })));
  let usage: EntryUsage | undefined;
  // What keeps them from being scored together, as a run would refuse them.
  const compiled = loaded.flatMap((item) => (item.lexicon ? [item.lexicon] : []));
  const setIssues = compiled.length === loaded.length ? lexiconSetIssues(compiled) : [];
  // Documents of the corpus that could not be listed, read or scored: lint counts them, as their words are missing from its usage.
  const corpusIssues: Issue[] = [];
  if (corpus && compiled.length === loaded.length && !hasErrors(setIssues)) {
    const { scorer } = await loadScorer(files);
    const found = await findDocuments(resolve(io.cwd, corpus), DEFAULT_INGEST_SETTINGS.extensions, exclude);
    // Without its corpus, lint would call every entry unused.
    if (!found.isListed) return reportIssues(io, found.issues), EXIT.fatal;
    corpusIssues.push(...found.issues);
    const counts = new Map<string, Map<string, number>>();
    const collect = (result: DocResult) => {
      for (const match of parseMatchRows(result.matchesCsv)) {
        const key = `${match.lexicon}\u0000${match.entry}`;
        const forms = counts.get(key) ?? new Map<string, number>();
        const text = match.matchedText.toLowerCase();
        forms.set(text, (forms.get(text) ?? 0) + 1);
        counts.set(key, forms);
      }
    };
    if (scorer) corpusIssues.push(...(await scoreFiles(found.files, { scorer, ingest: DEFAULT_INGEST_SETTINGS, concurrency: 0, onResult: collect })).issues);
    // Words a lexicon has a term for, or matched in the corpus (under a rule that asks for context), are not missed.
    const known = new Map(loaded.map(({ spec }) => [spec!.name, new Set(Object.values(spec!.categories).flatMap((category) => category.entries.map((entry) => entry.term.toLowerCase())))]));
    for (const [key, forms] of counts) for (const form of forms.keys()) known.get(key.slice(0, key.indexOf('\u0000')))?.add(form);
    const prefixed = scorer ? await prefixedMisses(found.files, scorer, known) : new Map<string, Map<string, number>>();
    usage = { corpus, forms: (lexiconId, entryId) => counts.get(`${lexiconId}\u0000${entryId}`) ?? new Map(), prefixed: (lexiconId, entryId) => prefixed.get(`${lexiconId}\u0000${entryId}`) ?? new Map() };
  }
  const issues = [...corpusIssues, ...loaded.flatMap((item) => item.issues), ...setIssues, ...lintLexicons(loaded, usage)];
  reportIssues(io, issues);
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.filter((issue) => issue.severity === 'warning').length;
  io.stderr(`hsframe lexicon lint: ${files.length} lexicon(s), ${errors} error(s), ${warnings} warning(s)\n`);
  return hasErrors(issues) ? EXIT.inputErrors : EXIT.ok;
}

async function exportLexicon(positionals: readonly string[], options: { format?: string; out?: string }, io: CliIo): Promise<number> {
  if (positionals.length !== 1) return usageError(io, 'lexicon', 'export takes exactly one lexicon FILE');
  const writer = options.format === 'quanteda' ? exportQuanteda : options.format === 'liwc' ? exportLiwc : undefined;
  if (!writer) return usageError(io, 'lexicon', `--format must be quanteda or liwc, got "${options.format ?? ''}"`);
  if (options.out && (await isOneOf(resolve(io.cwd, options.out), [resolve(io.cwd, positionals[0])]))) {
    return reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', options.out, '--out is the lexicon being exported; it is left as it was')]), EXIT.fatal;
  }
  const { spec, issues } = await loadLexicon(resolve(io.cwd, positionals[0]));
  reportIssues(io, issues);
  // A lexicon with errors is not written out, as it would not be scored with.
  if (!spec || hasErrors(issues)) return EXIT.fatal;
  const text = writer(spec);
  if (!options.out) io.stdout(text);
  else if (!(await writeOutputFile(io, options.out, text))) return EXIT.fatal;
  return EXIT.ok;
}
