import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ClassifiedDoc, Hit } from '../document.js';
import { leftOutBy, pathOfId, readFileBytes, sourceFromBytes } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
import { flatten, numberCell, untextCell } from '../output/index.js';
import { DEFAULT_PIPELINE, loadPipeline, loadScorer, needsStopping, scoreInput, type RunConfig } from '../pipeline/index.js';
import { TOKENISERS, type TokeniserName } from '../tokenise/index.js';
import { EXIT, oneLine, reportIssues, usageError, type CliIo } from './io.js';
import { parseCommand } from './parse.js';

export const EXPLAIN_HELP = `Usage: hsframe explain DOC_ID [--pipeline FILE] [--out DIR] [--corpus DIR]
                      [--category C] [--text]

Print the matches behind one row of scores.csv: for each match its category, lexicon
entry and sentence (at most 300 characters on either side), with the matched words
highlighted (bold on a terminal, [[...]] otherwise), then the totals that make the row's
*_hits cells. The document is scored with the tokeniser of the run that wrote the output
folder (its manifest.json says which), else the pipeline's, and read from that run's corpus
folder; a warning (LEXICON_CHANGED) says so when the lexicons have changed since that run.
A PDF or .docx is first read in a worker thread, as a run reads it: one that takes longer
than max_seconds_per_document fails with FILE_TOO_SLOW (exit 1).

  DOC_ID           the row's doc_id (path inside the corpus)
  --pipeline FILE  pipeline whose corpus and lexicons to use
                   (default: ${DEFAULT_PIPELINE})
  --out DIR        the run's output folder, when it was not the pipeline's (run --out)
  --corpus DIR     read the document from this folder instead
  --category C     only matches of this category
  --text           print instead the document's text as it was scored: the text whose
                   characters matches.csv's start and end count (UTF-16 code units)
  -h, --help       show this help

Exit codes: 0 printed; 1 the document cannot be read (named with its code, as in
errors.csv); 2 unusable arguments (an unknown --category, a DOC_ID that is no document
of the pipeline's corpus), pipeline or lexicons.
`;

/** \`hsframe explain\`. */
export async function explainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { pipeline: { type: 'string' }, out: { type: 'string' }, corpus: { type: 'string' }, category: { type: 'string' }, text: { type: 'boolean' } });
  if ('error' in parsed) return usageError(io, 'explain', parsed.error);
  if (parsed.values.help) return io.stdout(EXPLAIN_HELP), EXIT.ok;
  if (parsed.positionals.length !== 1) return usageError(io, 'explain', 'give exactly one DOC_ID');
  const { config, issues } = await loadPipeline(resolve(io.cwd, (parsed.values.pipeline as string | undefined) ?? DEFAULT_PIPELINE));
  if (!config) return reportIssues(io, issues), EXIT.fatal;
  const outDir = parsed.values.out ? resolve(io.cwd, parsed.values.out as string) : config.output;
  const lastRun = readLastRun(outDir);
  const { scorer, issues: lexiconIssues } = await loadScorer(config.lexicons, lastRun?.tokeniser ?? config.options.tokeniser);
  if (!scorer) return reportIssues(io, lexiconIssues), EXIT.fatal;
  if (lastRun?.lexicons && lastRun.lexicons !== scorer.lexicons.map((lexicon) => lexicon.sha256).join(',')) {
    reportIssues(io, [makeIssue('LEXICON_CHANGED', outDir, 'the lexicons have changed since the run that wrote this folder: the matches below may differ from its matches.csv (run it again)')]);
  }
  const category = parsed.values.category as string | undefined;
  if (category && !scorer.categories.some((known) => known.id === category)) {
    return usageError(io, 'explain', `unknown category "${category}"; the lexicons have ${scorer.categories.map((known) => known.id).join(', ')}`);
  }
  // The corpus the run read, unless it is not there (an output folder copied from another machine).
  const runCorpus = lastRun?.corpus !== undefined && existsSync(lastRun.corpus) ? lastRun.corpus : undefined;
  const corpus = parsed.values.corpus ? resolve(io.cwd, parsed.values.corpus as string) : (runCorpus ?? config.corpus);
  const settings = { extensions: config.options.extensions, maxFileBytes: config.options.max_file_bytes };
  // An id copied from scores.csv may carry the quote that keeps a spreadsheet from reading it as a formula.
  const given = parsed.positionals[0];
  const docId = untextCell(given) !== given && !existsSync(join(corpus, given)) ? untextCell(given) : given;
  const notRead = whyNotADocument(docId, config);
  if (notRead) return usageError(io, 'explain', `${oneLine(docId)} is not a document of this pipeline's corpus: ${notRead}, so it has no row in scores.csv`);
  // An id that shows a name's bytes that are not UTF-8 as %XX is read by those bytes.
  const bytes = await readFileBytes(pathOfId(corpus, docId), docId, settings);
  if (!bytes.bytes) return reportIssues(io, [bytes.issue]), EXIT.inputErrors;
  // A PDF or .docx is read by a library that a crafted file could make loop: it is first scored
  // as a run scores it, in a worker thread that the time limit stops (`scoreInput`), and read
  // here only once that has read it (the same bytes read the same way).
  const file = { id: docId, path: join(corpus, docId) };
  const limit = config.options.max_seconds_per_document;
  if (needsStopping(file.path, limit)) {
    const probe = await scoreInput(bytes.bytes, file, { scorer, ingest: settings, hasMatches: false, maxSecondsPerDocument: limit });
    if ('issue' in probe) return reportIssues(io, [probe.issue]), EXIT.inputErrors;
  }
  const read = await sourceFromBytes(bytes.bytes, file.path, docId);
  if (!read.doc) return reportIssues(io, [read.issue]), EXIT.inputErrors;
  if (parsed.values.text) return io.stdout(read.doc.text), EXIT.ok;
  const { doc, row, issues: scoreIssues } = scorer.score(read.doc);
  reportIssues(io, scoreIssues);
  const hits = doc.hits.filter((hit) => !category || hit.category === category);
  const style = io.isTerminal ? { on: '\u001b[1;7m', off: '\u001b[0m' } : { on: '[[', off: ']]' };
  // What the document holds is printed with its control characters escaped: it cannot steer the terminal.
  io.stdout(`${oneLine(docId)}  "${oneLine(row.title)}"  ${row.tokens} tokens, ${row.sentences} sentences, ${scorer.lexiconVersion}\n\n`);
  for (const hit of hits) io.stdout(describeHit(doc, hit, style));
  // A document in another language is not scored: scores.csv leaves its counts empty.
  if (row.tokens === 0 && doc.language !== 'und') return io.stdout('\nnot scored: no totals (its counts in scores.csv are empty)\n'), EXIT.ok;
  io.stdout('\ntotals (counted, negated):\n');
  for (const known of scorer.categories.filter((candidate) => !category || candidate.id === category)) {
    // Rounded as scores.csv rounds them.
    const hits = numberCell(row.hits[known.id], scorer.hasWholeHits ? 0 : 3);
    io.stdout(`  ${known.id.padEnd(16)} ${hits.padStart(6)}  ${String(row.negated[known.id]).padStart(4)}\n`);
  }
  return EXIT.ok;
}

/** Characters of a sentence shown on either side of a match; a longer side is cut, with `…`. */
const MAX_CONTEXT = 300;

function describeHit(doc: ClassifiedDoc, hit: Hit, style: { on: string; off: string }): string {
  const [first, end] = doc.sentences[hit.sentence];
  const start = doc.tokens.start(hit.range[0]);
  const stop = doc.tokens.end(hit.range[1] - 1);
  const [sentenceStart, sentenceEnd] = [doc.tokens.start(first), doc.tokens.end(end - 1)];
  const [from, to] = [Math.max(sentenceStart, start - MAX_CONTEXT), Math.min(sentenceEnd, stop + MAX_CONTEXT)];
  const [before, after] = [from > sentenceStart ? '…' : '', to < sentenceEnd ? '…' : ''];
  const shown = (from: number, to: number) => oneLine(flatten(doc.text.slice(from, to)));
  const sentence = `${before}${shown(from, start)}${style.on}${shown(start, stop)}${style.off}${shown(stop, to)}${after}`;
  const flags = `${hit.isNegated ? ' NEGATED (not counted)' : ''}${hit.weight !== 1 ? ` weight ${hit.weight}` : ''}`;
  return `sentence ${hit.sentence + 1}, chars ${start}-${stop}  ${hit.category}  "${hit.entryId}" (${hit.lexiconId})${flags}\n  ${sentence}\n`;
}

/** What the run that wrote `dir` recorded in its manifest.json: its tokeniser (a run may have been given another than the pipeline's), corpus folder and lexicons' sha256; undefined without one. */
function readLastRun(dir: string): { tokeniser?: TokeniserName; corpus?: string; lexicons?: string } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { options?: { tokeniser?: unknown }; corpus?: { path?: unknown }; lexicons?: { sha256?: unknown }[] };
    const { tokeniser } = manifest.options ?? {};
    const corpus = manifest.corpus?.path;
    const lexicons = Array.isArray(manifest.lexicons) ? manifest.lexicons.map((lexicon) => String(lexicon?.sha256)).join(',') : undefined;
    return { tokeniser: TOKENISERS.find((name) => name === tokeniser), corpus: typeof corpus === 'string' ? corpus : undefined, lexicons };
  } catch {
    return undefined;
  }
}

/** Why a run of `config` never reads a file of this id as a document (hidden, not of its extensions, left out by its globs); undefined when it does. */
function whyNotADocument(id: string, config: RunConfig): string | undefined {
  if (id.split('/').some((name) => name.startsWith('.'))) return 'names that start with "." are never read';
  if (!config.options.extensions.includes(extname(id).toLowerCase())) return `its extension is not one of the pipeline's (${config.options.extensions.join(', ')})`;
  if (leftOutBy(config.options.include, config.options.exclude)(id)) return "the pipeline's include or exclude leaves it out";
  return undefined;
}
