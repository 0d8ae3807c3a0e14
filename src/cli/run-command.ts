import { resolve } from 'node:path';
import { loadPipeline, runPipeline, DEFAULT_PIPELINE } from '../pipeline/index.js';
import { hasErrors } from '../issues.js';
import { EXIT, reportIssues, usageError, type CliIo } from './io.js';
import { parseCommand } from './parse.js';

export const RUN_HELP = `Usage: hsframe run [PIPELINE.yaml] [--corpus DIR] [--out DIR] [--quiet]

Score every document of a pipeline's corpus and write scores.csv, matches.csv,
errors.csv and manifest.json into its output folder (each written atomically).

  PIPELINE.yaml   pipeline file (default: ${DEFAULT_PIPELINE})
  --corpus DIR    read this folder instead of the pipeline's corpus
  --out DIR       write into this folder instead of the pipeline's output
  --quiet         print nothing but problems
  -h, --help      show this help

Exit codes: 0 all documents scored; 1 some documents failed (the rest are scored
and written); 2 unusable arguments, pipeline or lexicon, or outputs not writable.
`;

/** \`hsframe run\`. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, { corpus: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' } });
  if ('error' in parsed) return usageError(io, 'run', parsed.error);
  if (parsed.values.help) return io.stdout(RUN_HELP), EXIT.ok;
  if (parsed.positionals.length > 1) return usageError(io, 'run', 'give at most one pipeline file');
  const file = resolve(io.cwd, parsed.positionals[0] ?? DEFAULT_PIPELINE);
  const { config, issues } = await loadPipeline(file);
  if (!config) return reportIssues(io, issues), EXIT.fatal;
  const corpus = parsed.values.corpus as string | undefined;
  const out = parsed.values.out as string | undefined;
  const summary = await runPipeline(config, { corpus: corpus && resolve(io.cwd, corpus), output: out && resolve(io.cwd, out) });
  reportIssues(io, summary.issues);
  if (summary.fatal) return EXIT.fatal;
  if (!parsed.values.quiet) {
    io.stderr(`hsframe run ${config.name}: ${summary.scored} scored, ${summary.skipped} skipped (other language), ${summary.failed} failed in ${summary.seconds.toFixed(1)} s → ${summary.outputDir}\n`);
  }
  return hasErrors(summary.issues) ? EXIT.inputErrors : EXIT.ok;
}
