import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bootstrapIntervals, evaluate, FIGURES, formatInterval, readGold, type BootstrapIntervals, type Evaluation, type GoldSubset } from '../evaluate/index.js';
import { hasErrors, makeIssue } from '../issues.js';
import { numberCell, textCell, toCsv } from '../output/index.js';
import { BUNDLED_LEXICONS, loadScorer } from '../pipeline/index.js';
import { DEFAULT_TOKENISE_SETTINGS, TOKENISERS, type TokeniserName } from '../tokenise/index.js';
import { EXIT, isOneOf, reportIssues, usageError, writeOutputFile, type CliIo } from './io.js';
import { parseCommand } from './parse.js';

/** Resamples of --ci by default, and the fewest and most --resamples takes. */
const DEFAULT_RESAMPLES = 2000;
const RESAMPLES = Object.freeze({ min: 100, max: 1_000_000 });

export const EVALUATE_HELP = `Usage: hsframe evaluate --gold FILE.csv [--lexicon FILE]... [--subset all|odd|even]
                        [--ci [--resamples N]] [--out FILE] [--errors FILE] [--entries FILE]

Score each hand-coded sentence of a gold CSV (columns id, text and 0/1 label columns
named like the lexicon categories) as one document. A label is predicted when its
category has at least one counted (non-negated) match. Prints per label: support,
predicted, tp, fp, fn, precision, recall, f1, cohen_kappa, and the macro averages.
With --ci, also 95% percentile bootstrap intervals: the sentences are resampled with
replacement (seed 1, so the intervals are reproducible) and each figure's central 95%
is kept (nearest-rank percentiles, as R's quantile(type = 1)); the terminal shows
those of f1 and cohen_kappa, --out all four.

A figure that is undefined (precision when nothing is predicted, recall when no sentence
has the label, f1 when neither, cohen_kappa when chance agreement is 1: every sentence
coded and predicted alike, all 1 or all 0) is an empty cell, and left out of the macro
average, the mean of the labels where it is defined (empty when it is for none). Its
bootstrap interval is taken over the resamples where it is defined, and is empty when
fewer than half of them are.

  --gold FILE      gold CSV (required)
  --lexicon FILE   lexicon YAML (repeatable; default: the bundled lexicons)
  --subset S       all (default), or odd / even: rows whose id's last number is odd / even
                   (letters after it aside: d017 and s3-b are odd)
  --tokeniser T    scan.v1 (default), wink-fast.v1 or wink.v1
  --ci             add 95% bootstrap intervals
  --resamples N    resamples for --ci: ${RESAMPLES.min} to ${RESAMPLES.max} (default ${DEFAULT_RESAMPLES})
  --out FILE       also write the metrics table as CSV
  --errors FILE    write every false positive and false negative with the entries matched
  --entries FILE   write what each lexicon entry did: the sentences where it counted for its
                   label, how many of them have the label in the gold set (gold_yes) and how
                   many not (gold_no), its precision, and the sentences where it alone
                   predicted the label (alone_gold_yes: true positives no other entry finds;
                   alone_gold_no: false positives it alone causes)
  -h, --help       show this help

Exit 0; 1 when gold rows are invalid (they are named and left out); 2 when the gold file
or a lexicon cannot be used, --subset holds none of its rows, or an output cannot be
written.
`;

const METRIC_HEADER = ['label', 'support', 'predicted', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1', 'cohen_kappa'];
/** The bounds' columns, after the figures' own (the last four of METRIC_HEADER, in FIGURES' order). */
const CI_HEADER = METRIC_HEADER.slice(-FIGURES.length).flatMap((figure) => [`${figure}_ci_low`, `${figure}_ci_high`]);

/** An output file (`--out`, `--errors`, `--entries`) that is the gold file, a lexicon or another output's file: writing it would destroy the coding, the lexicon or the other table. */
async function outputClash(cwd: string, goldFile: string, lexiconFiles: readonly string[], values: Record<string, unknown>): Promise<{ file: string; problem: string } | undefined> {
  const seen: [option: string, path: string][] = [];
  for (const option of ['out', 'errors', 'entries']) {
    const file = values[option];
    if (typeof file !== 'string') continue;
    // Through links: two names of one file are one output.
    const path = await realpath(resolve(cwd, file)).catch(() => resolve(cwd, file));
    if (await isOneOf(path, [resolve(cwd, goldFile)])) return { file, problem: `--${option} is the gold file; it is left as it was` };
    if (await isOneOf(path, lexiconFiles)) return { file, problem: `--${option} is a lexicon file; it is left as it was` };
    const other = seen.find(([, earlier]) => earlier === path);
    if (other) return { file, problem: `--${option} and --${other[0]} name the same file; give each its own` };
    seen.push([option, path]);
  }
  return undefined;
}

/** \`hsframe evaluate\`. */
export async function evaluateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { gold: { type: 'string' }, lexicon: { type: 'string', multiple: true }, subset: { type: 'string' }, out: { type: 'string' }, errors: { type: 'string' }, entries: { type: 'string' }, tokeniser: { type: 'string' }, ci: { type: 'boolean' }, resamples: { type: 'string' } });
  if ('error' in parsed) return usageError(io, 'evaluate', parsed.error);
  if (parsed.values.help) return io.stdout(EVALUATE_HELP), EXIT.ok;
  if (parsed.positionals.length > 0) return usageError(io, 'evaluate', `takes no arguments but its options, got ${parsed.positionals.join(' ')} (the gold file goes after --gold)`);
  const goldFile = parsed.values.gold as string | undefined;
  if (!goldFile) return usageError(io, 'evaluate', '--gold FILE.csv is required');
  const subset = (parsed.values.subset ?? 'all') as GoldSubset;
  if (!['all', 'odd', 'even'].includes(subset)) return usageError(io, 'evaluate', `--subset must be all, odd or even, got "${subset}"`);
  const resamplesText = parsed.values.resamples as string | undefined;
  if (resamplesText !== undefined && !parsed.values.ci) return usageError(io, 'evaluate', '--resamples needs --ci');
  const resamples = resamplesText === undefined ? DEFAULT_RESAMPLES : /^\d+$/.test(resamplesText) ? Number(resamplesText) : NaN;
  if (!(resamples >= RESAMPLES.min && resamples <= RESAMPLES.max)) return usageError(io, 'evaluate', `--resamples must be a whole number from ${RESAMPLES.min} to ${RESAMPLES.max}, got "${resamplesText}"`);
  const lexiconFiles = (parsed.values.lexicon as string[] | undefined)?.map((file) => resolve(io.cwd, file)) ?? BUNDLED_LEXICONS;
  const clash = await outputClash(io.cwd, goldFile, lexiconFiles, parsed.values as Record<string, unknown>);
  if (clash) return reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', clash.file, clash.problem)]), EXIT.fatal;
  const tokeniser = (parsed.values.tokeniser ?? DEFAULT_TOKENISE_SETTINGS.tokeniser) as string;
  if (!(TOKENISERS as readonly string[]).includes(tokeniser)) return usageError(io, 'evaluate', `--tokeniser must be one of ${TOKENISERS.join(', ')}, got "${tokeniser}"`);
  const { scorer, issues: lexiconIssues } = await loadScorer(lexiconFiles, tokeniser as TokeniserName);
  if (!scorer) return reportIssues(io, lexiconIssues), EXIT.fatal;
  const { gold, issues } = await readGold(resolve(io.cwd, goldFile), scorer.categories.map((category) => category.id));
  reportIssues(io, [...lexiconIssues, ...issues]);
  if (!gold) return EXIT.fatal;
  const result = evaluate(gold, scorer, subset);
  // A half with no row would print a table of nothing and exit 0, as if it had been measured.
  if (result.rows === 0 && gold.rows.length > 0) {
    const other = subset === 'odd' ? 'even' : 'odd';
    return reportIssues(io, [makeIssue('GOLD_INVALID', goldFile, `--subset ${subset} holds none of its ${gold.rows.length} row(s): no id's last number is ${subset} (give --subset ${other} or all)`)]), EXIT.fatal;
  }
  const intervals = parsed.values.ci ? bootstrapIntervals(result.outcomes, { resamples }) : undefined;
  const ciNote = intervals ? `; 95% bootstrap intervals, ${intervals.resamples} resamples, seed ${intervals.seed}` : '';
  io.stdout(formatTable(result, `${goldFile} (${subset}, ${result.rows} sentences; ${scorer.lexiconVersion}${ciNote})`, intervals));
  const listed = (ids: readonly string[]) => `${ids.slice(0, MAX_LISTED).join(', ')}${ids.length > MAX_LISTED ? `, … (${ids.length - MAX_LISTED} more)` : ''}`;
  reportIssues(io, [
    ...(result.unscored.length > 0 ? [makeIssue('GOLD_UNSCORED', goldFile, `${result.unscored.length} sentence(s) had no word scored, read as another language than the lexicons' (or holding no word), so they predict no label: ${listed(result.unscored.map(({ id, language }) => `${id} (${language})`))}`)] : []),
    ...(result.unnumbered.length > 0 ? [makeIssue('GOLD_UNNUMBERED', goldFile, `${result.unnumbered.length} row(s) are in neither half, as their id holds no number: ${listed(result.unnumbered)}`)] : []),
  ]);
  const out = parsed.values.out as string | undefined;
  const errorsFile = parsed.values.errors as string | undefined;
  const entriesFile = parsed.values.entries as string | undefined;
  const writes: [string | undefined, () => string][] = [
    [out, () => toCsv(intervals ? [...METRIC_HEADER, ...CI_HEADER] : METRIC_HEADER, metricCells(result, intervals))],
    [errorsFile, () => toCsv(['id', 'label', 'kind', 'entries', 'text'], result.errors.map((error) => [textCell(error.id), error.label, error.kind, textCell(error.entries.join('; ') || 'none'), textCell(error.text)]))],
    [entriesFile, () => toCsv(ENTRY_HEADER, entryCells(result))],
  ];
  for (const [file, text] of writes) {
    if (file && !(await writeOutputFile(io, file, text()))) return EXIT.fatal;
  }
  return hasErrors(issues) ? EXIT.inputErrors : EXIT.ok;
}

const ENTRY_HEADER = ['label', 'entry', 'sentences', 'gold_yes', 'gold_no', 'precision', 'alone', 'alone_gold_yes', 'alone_gold_no'];

/** Rows of `--entries`: what each entry did for its label (`Evaluation.entries`). */
export function entryCells(result: Evaluation): string[][] {
  return result.entries.map((e) => [e.label, textCell(e.entry), String(e.sentences), String(e.goldYes), String(e.sentences - e.goldYes), numberCell(e.goldYes / e.sentences, 3), String(e.alone), String(e.aloneGoldYes), String(e.alone - e.aloneGoldYes)]);
}

/** Ids named in a warning; the rest are counted. */
const MAX_LISTED = 10;

/** Metric rows as CSV cells, the macro averages last; with `intervals`, each figure's low and high bounds after them. */
export function metricCells(result: Evaluation, intervals?: BootstrapIntervals): string[][] {
  const bounds = (of: BootstrapIntervals['macro']) => FIGURES.flatMap((figure) => [numberCell(of[figure]?.[0] ?? null, 3), numberCell(of[figure]?.[1] ?? null, 3)]);
  const rows = result.metrics.map((m, i) => [m.label, String(m.support), String(m.predicted), String(m.tp), String(m.fp), String(m.fn), numberCell(m.precision, 3), numberCell(m.recall, 3), numberCell(m.f1, 3), numberCell(m.cohenKappa, 3), ...(intervals ? bounds(intervals.labels[i]) : [])]);
  const { precision, recall, f1, cohenKappa } = result.macro;
  return [...rows, ['macro', '', '', '', '', '', numberCell(precision, 3), numberCell(recall, 3), numberCell(f1, 3), numberCell(cohenKappa, 3), ...(intervals ? bounds(intervals.macro) : [])]];
}

/** A fixed-width table for the terminal; with `intervals`, the 95% intervals of f1 and cohen_kappa as two more columns. */
export function formatTable(result: Evaluation, title: string, intervals?: BootstrapIntervals): string {
  const header = intervals ? [...METRIC_HEADER, 'f1_95ci', 'kappa_95ci'] : METRIC_HEADER;
  const cells = metricCells(result).map((row, i) => {
    if (!intervals) return row;
    const of = i < result.metrics.length ? intervals.labels[i] : intervals.macro;
    return [...row, formatInterval(of.f1), formatInterval(of.cohenKappa)];
  });
  const rows = [header, ...cells];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  return `${title}\n${lines.join('\n')}\n`;
}
