import { resolve } from 'node:path';
import { mergeOutputs } from '../pipeline/index.js';
import { EXIT, reportIssues, usageError, type CliIo } from './io.js';
import { parseCommand } from './parse.js';
import { makeIssue, reasonOf } from '../issues.js';

export const MERGE_HELP = `Usage: hsframe merge DIR... --out DIR

Join the output folders of "hsframe run --shard K/N" runs into the scores.csv,
matches.csv, segments.csv (with --segments), errors.csv, manifest.json and
report.html (with --report) that one run over the whole corpus writes.

  DIR         a shard's output folder; give all N shards of one corpus once each
  --out DIR   where to write the merged outputs
  -h, --help  show this help

Exit codes: 0 merged; 1 merged, and some of the shards' documents had failed (their rows
are in errors.csv), as one run would; 2 unusable arguments, shards that cannot be merged
(MERGE_INVALID, RUN_LOCKED: nothing is written), or outputs that cannot be written.
`;

/** \`hsframe merge\`. */
export async function mergeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { out: { type: 'string' } });
  if ('error' in parsed) return usageError(io, 'merge', parsed.error);
  if (parsed.values.help) return io.stdout(MERGE_HELP), EXIT.ok;
  const out = parsed.values.out as string | undefined;
  if (!out) return usageError(io, 'merge', '--out DIR is required');
  if (parsed.positionals.length === 0) return usageError(io, 'merge', 'name the shard output folders to merge');
  const outDir = resolve(io.cwd, out);
  try {
    const { issues, rows, notes, failed = 0 } = await mergeOutputs(parsed.positionals.map((dir) => resolve(io.cwd, dir)), outDir);
    reportIssues(io, issues);
    if (issues.length > 0) return EXIT.fatal;
    for (const note of notes) io.stderr(`hsframe merge: ${note}\n`);
    io.stderr(`hsframe merge: ${parsed.positionals.length} shards, ${rows} documents${failed > 0 ? `, and ${failed} that failed (errors.csv)` : ''} → ${outDir}\n`);
    // As one run over the whole corpus: exit 1 when some documents failed.
    return failed > 0 ? EXIT.inputErrors : EXIT.ok;
  } catch (error) {
    // Reading the shards is checked above: what fails here is writing the merged outputs.
    reportIssues(io, [makeIssue('OUTPUT_WRITE_FAILED', outDir, `cannot write the merged outputs: ${reasonOf(error)}`)]);
    return EXIT.fatal;
  }
}
