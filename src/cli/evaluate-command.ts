import { resolve } from 'node:path';
import { evaluate, readGold, type Evaluation, type GoldSubset } from '../evaluate/index.js';
import { hasErrors, reasonOf } from '../issues.js';
import { numberCell, textCell, toCsv, writeFileAtomic } from '../output/index.js';
import { BUNDLED_LEXICONS, loadScorer } from '../pipeline/index.js';
import { DEFAULT_TOKENISE_SETTINGS, TOKENISERS, type TokeniserName } from '../tokenise/index.js';
import { EXIT, reportIssues, usageError, type CliIo } from './io.js';
import { parseCommand } from './parse.js';

export const EVALUATE_HELP = `Usage: hsframe evaluate --gold FILE.csv [--lexicon FILE]... [--subset all|odd|even]
                        [--out FILE] [--errors FILE]

Score each hand-coded sentence of a gold CSV (columns id, text and 0/1 label columns
named like the lexicon categories) as one document. A label is predicted when its
category has at least one counted (non-negated) match. Prints per label: support,
predicted, tp, fp, fn, precision, recall, f1, cohen_kappa, and the macro averages.

  --gold FILE      gold CSV (required)
  --lexicon FILE   lexicon YAML (repeatable; default: the bundled lexicons)
  --subset S       all (default), or odd / even: rows whose id ends in an odd / even number
  --tokeniser T    scan.v1 (default), wink-fast.v1 or wink.v1
  --out FILE       also write the metrics table as CSV
  --errors FILE    write every false positive and false negative with the entries matched
  -h, --help       show this help
`;

const METRIC_HEADER = ['label', 'support', 'predicted', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1', 'cohen_kappa'];

/** \`hsframe evaluate\`. */
export async function evaluateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { gold: { type: 'string' }, lexicon: { type: 'string', multiple: true }, subset: { type: 'string' }, out: { type: 'string' }, errors: { type: 'string' }, tokeniser: { type: 'string' } });
  if ('error' in parsed) return usageError(io, 'evaluate', parsed.error);
  if (parsed.values.help) return io.stdout(EVALUATE_HELP), EXIT.ok;
  const goldFile = parsed.values.gold as string | undefined;
  if (!goldFile) return usageError(io, 'evaluate', '--gold FILE.csv is required');
  const subset = (parsed.values.subset ?? 'all') as GoldSubset;
  if (!['all', 'odd', 'even'].includes(subset)) return usageError(io, 'evaluate', `--subset must be all, odd or even, got "${subset}"`);
  const lexiconFiles = (parsed.values.lexicon as string[] | undefined)?.map((file) => resolve(io.cwd, file)) ?? BUNDLED_LEXICONS;
  const tokeniser = (parsed.values.tokeniser ?? DEFAULT_TOKENISE_SETTINGS.tokeniser) as string;
  if (!(TOKENISERS as readonly string[]).includes(tokeniser)) return usageError(io, 'evaluate', `--tokeniser must be one of ${TOKENISERS.join(', ')}, got "${tokeniser}"`);
  const { scorer, issues: lexiconIssues } = await loadScorer(lexiconFiles, tokeniser as TokeniserName);
  if (!scorer) return reportIssues(io, lexiconIssues), EXIT.fatal;
  const { gold, issues } = await readGold(resolve(io.cwd, goldFile), scorer.categories.map((category) => category.id));
  reportIssues(io, [...lexiconIssues, ...issues]);
  if (!gold) return EXIT.fatal;
  const result = evaluate(gold, scorer, subset);
  io.stdout(formatTable(result, `${goldFile} (${subset}, ${result.rows} sentences; ${scorer.lexiconVersion})`));
  try {
    const out = parsed.values.out as string | undefined;
    if (out) await writeFileAtomic(resolve(io.cwd, out), toCsv(METRIC_HEADER, metricCells(result)));
    const errorsFile = parsed.values.errors as string | undefined;
    if (errorsFile) {
      const rows = result.errors.map((error) => [textCell(error.id), error.label, error.kind, textCell(error.entries.join('; ') || 'none'), textCell(error.text)]);
      await writeFileAtomic(resolve(io.cwd, errorsFile), toCsv(['id', 'label', 'kind', 'entries', 'text'], rows));
    }
  } catch (error) {
    io.stderr(`hsframe evaluate: cannot write output: ${reasonOf(error)}\n`);
    return EXIT.fatal;
  }
  return hasErrors(issues) ? EXIT.inputErrors : EXIT.ok;
}

/** Metric rows as CSV cells, the macro averages last. */
export function metricCells(result: Evaluation): string[][] {
  const rows = result.metrics.map((m) => [m.label, String(m.support), String(m.predicted), String(m.tp), String(m.fp), String(m.fn), numberCell(m.precision, 3), numberCell(m.recall, 3), numberCell(m.f1, 3), numberCell(m.cohenKappa, 3)]);
  const { precision, recall, f1, cohenKappa } = result.macro;
  return [...rows, ['macro', '', '', '', '', '', numberCell(precision, 3), numberCell(recall, 3), numberCell(f1, 3), numberCell(cohenKappa, 3)]];
}

/** A fixed-width table for the terminal. */
export function formatTable(result: Evaluation, title: string): string {
  const rows = [METRIC_HEADER, ...metricCells(result)];
  const widths = METRIC_HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  return `${title}\n${lines.join('\n')}\n`;
}
