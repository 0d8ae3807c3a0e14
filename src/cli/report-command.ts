import { join, resolve } from 'node:path';
import { makeIssue, reasonOf } from '../issues.js';
import { DEFAULT_PIPELINE, loadPipeline, noteOptionalOutput, REPORT_FILE, reportFromOutputs, STATE_DIR } from '../pipeline/index.js';
import { EXIT, reportIssues, usageError, type CliIo } from './io.js';
import { parseCommand } from './parse.js';

export const REPORT_HELP = `Usage: hsframe report [PIPELINE.yaml] [--out DIR]

Write report.html into a run's output folder from its scores.csv: one self-contained
file that works offline (no scripts): a scatter of state- against people-centric rates,
documents ranked by framing index with intervals, a heat map of UNDP category rates,
corpus totals, and every number in tables. scores.csv may have been saved back by a
spreadsheet or R: its delimiter is read from its header (the character after doc_id), and
where that is not a comma, numbers may have decimal commas.

  PIPELINE.yaml  pipeline whose output folder to use (default: ${DEFAULT_PIPELINE});
                 one given is read and checked with --out too, and refused if unusable
  --out DIR      use this output folder instead of the pipeline's (without PIPELINE.yaml,
                 no pipeline is read)
  -h, --help     show this help

Exit codes: 0 written; 2 unusable arguments or pipeline, a folder without a readable
manifest.json and scores.csv or a scores.csv that cannot be read as a table (said in a
plain message, with no code), or report.html cannot be written (OUTPUT_WRITE_FAILED).
`;

/** \`hsframe report\`. */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { out: { type: 'string' } });
  if ('error' in parsed) return usageError(io, 'report', parsed.error);
  if (parsed.values.help) return io.stdout(REPORT_HELP), EXIT.ok;
  if (parsed.positionals.length > 1) return usageError(io, 'report', `give at most one pipeline file, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  const out = parsed.values.out as string | undefined;
  // A pipeline file given is checked even when --out chooses the folder: a missing or broken one is a mistake to say, not to pass over.
  let dir = out === undefined ? undefined : resolve(io.cwd, out);
  if (parsed.positionals.length > 0 || dir === undefined) {
    const { config, issues } = await loadPipeline(resolve(io.cwd, parsed.positionals[0] ?? DEFAULT_PIPELINE));
    if (!config) return reportIssues(io, issues), EXIT.fatal;
    dir ??= config.output;
  }
  let outcome: Awaited<ReturnType<typeof reportFromOutputs>>;
  try {
    outcome = await reportFromOutputs(dir);
  } catch (error) {
    return reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', join(dir, REPORT_FILE), `cannot write: ${reasonOf(error)}`)]), EXIT.fatal;
  }
  const { path, problem } = outcome;
  if (problem) return io.stderr(`hsframe report: ${problem}\n`), EXIT.fatal;
  // The next run removes it unless it writes one: it would describe tables that have changed.
  await noteOptionalOutput(join(dir, STATE_DIR), REPORT_FILE);
  io.stderr(`hsframe report: wrote ${path}\n`);
  return EXIT.ok;
}
