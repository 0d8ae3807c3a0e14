import { resolve } from 'node:path';
import { hasErrors } from '../issues.js';
import { DEFAULT_PIPELINE, loadPipeline, MAX_SHARDS, parseShard, runPipeline, type RunPhases } from '../pipeline/index.js';
import { CSV_FLAG_OPTIONS, csvOptions, csvSettingsFrom, layoutFrom, type CsvFlags } from './csv-flags.js';
import { TOKENISERS, type TokeniserName } from '../tokenise/index.js';
import { EXIT, reportIssues, usageError, type CliIo } from './io.js';
import { parseCommand } from './parse.js';
import { progressReporter } from './progress.js';

export const RUN_HELP = `Usage: hsframe run [PIPELINE.yaml] [options]

Score every document of a pipeline's corpus and write scores.csv, matches.csv,
errors.csv and manifest.json into its output folder (each written atomically).
Re-runs reuse the stored results of documents whose content, lexicons and options
are unchanged (state in OUT/.hsframe/), and drop rows of deleted documents.

  PIPELINE.yaml       pipeline file (default: ${DEFAULT_PIPELINE})
  --corpus DIR        read this folder instead of the pipeline's corpus
  --out DIR           write into this folder instead of the pipeline's output
  --force             recompute every document
  --concurrency N     worker threads (0 = one per core; default: the pipeline's option)
  --shard K/N         score only shard K of N (split by a hash of doc_id; N at most
                      ${MAX_SHARDS}); join the shards' outputs with hsframe merge
  --wait SECONDS      wait this long for another run on the same output folder (default 0;
                      a number such as 600 or 2.5, of any size: the lock is tried every
                      half second until it is free or the time is up)
  --quiet             print nothing but problems
  --json              print a JSON summary (scored, cached, failed, skipped, seconds,
                      and the seconds of each phase) on stdout
  --segments S        also write segments.csv: scores per sentence or paragraph
  --report            also write report.html (as the pipeline's report: true does)
  --tokeniser T       wink.v1, wink-fast.v1 or scan.v1 (default: the pipeline's option)
${csvOptions}  -h, --help          show this help

Exit codes: 0 all documents scored; 1 some documents failed (the rest are scored
and written; see errors.csv); 2 unusable arguments, pipeline or lexicon, another run
holds the output folder, or outputs not writable (previous outputs are kept).
`;

/** \`hsframe run\`. */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(argv, {
    corpus: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, concurrency: { type: 'string' }, shard: { type: 'string' },
    wait: { type: 'string' }, quiet: { type: 'boolean' }, json: { type: 'boolean' }, segments: { type: 'string' }, report: { type: 'boolean' }, tokeniser: { type: 'string' }, ...CSV_FLAG_OPTIONS,
  });
  // With --json, a run that could not start prints its line too (a scheduler's log has one a run),
  // its options unreadable included.
  const startedAt = performance.now();
  const refused = (code: number) => {
    if (parsed.values.json) io.stdout(`${JSON.stringify({ pipeline: null, output: null, scored: 0, cached: 0, failed: 0, skipped: 0, seconds: rounded((performance.now() - startedAt) / 1000), phases: null, exit_code: code })}\n`);
    return code;
  };
  if ('error' in parsed) return refused(usageError(io, 'run', parsed.error));
  const { values, positionals } = parsed;
  if (values.help) return io.stdout(RUN_HELP), EXIT.ok;
  if (positionals.length > 1) return refused(usageError(io, 'run', 'give at most one pipeline file'));
  // Digits only: Number() reads "" and " " as 0, and "1e400" as Infinity.
  const concurrency = values.concurrency === undefined ? undefined : /^\d+$/.test(values.concurrency as string) ? Number(values.concurrency) : NaN;
  if (concurrency !== undefined && !(concurrency >= 0 && concurrency <= 64)) return refused(usageError(io, 'run', `--concurrency must be a whole number from 0 to 64, got "${values.concurrency}"`));
  const shard = values.shard === undefined ? undefined : parseShard(values.shard as string);
  if (values.shard !== undefined && !shard) return refused(usageError(io, 'run', `--shard must be K/N with 1 <= K <= N <= ${MAX_SHARDS}, got "${values.shard}"`));
  const waitSeconds = values.wait === undefined ? 0 : /^\d+(\.\d+)?$/.test(values.wait as string) ? Number(values.wait) : NaN;
  if (!(waitSeconds >= 0 && Number.isFinite(waitSeconds))) return refused(usageError(io, 'run', `--wait must be a number of seconds such as 600 or 2.5, got "${values.wait}"`));
  const csv = csvSettingsFrom(values as CsvFlags);
  if (typeof csv === 'string') return refused(usageError(io, 'run', csv));
  const layout = layoutFrom(values as CsvFlags);
  if (layout !== undefined && layout !== 'wide' && layout !== 'long') return refused(usageError(io, 'run', layout));
  const segments = values.segments as string | undefined;
  if (segments !== undefined && !['none', 'sentence', 'paragraph'].includes(segments)) return refused(usageError(io, 'run', `--segments must be sentence, paragraph or none, got "${segments}"`));
  const tokeniser = values.tokeniser as string | undefined;
  if (tokeniser !== undefined && !(TOKENISERS as readonly string[]).includes(tokeniser)) return refused(usageError(io, 'run', `--tokeniser must be one of ${TOKENISERS.join(', ')}, got "${tokeniser}"`));
  const loaded = await loadPipeline(resolve(io.cwd, positionals[0] ?? DEFAULT_PIPELINE));
  if (!loaded.config) return reportIssues(io, loaded.issues), refused(EXIT.fatal);
  const config = tokeniser ? { ...loaded.config, options: { ...loaded.config.options, tokeniser: tokeniser as TokeniserName } } : loaded.config;
  const corpus = values.corpus as string | undefined;
  const out = values.out as string | undefined;
  const isQuiet = values.quiet === true || values.json === true;
  const summary = await runPipeline(config, {
    corpus: corpus && resolve(io.cwd, corpus),
    output: out && resolve(io.cwd, out),
    concurrency,
    isForced: values.force === true,
    shard,
    waitSeconds,
    csv,
    layout,
    segments: segments as 'none' | 'sentence' | 'paragraph' | undefined,
    hasReport: values.report === true,
    onEvent: isQuiet ? undefined : progressReporter({ write: io.stderr, isTerminal: io.isTerminal === true }, `run ${config.name}`),
  });
  reportIssues(io, summary.issues);
  const code = summary.fatal ? EXIT.fatal : hasErrors(summary.issues) ? EXIT.inputErrors : EXIT.ok;
  if (values.json) {
    const { outputDir, scored, cached, failed, skipped, seconds, phases } = summary;
    io.stdout(`${JSON.stringify({ pipeline: config.name, output: outputDir, scored, cached, failed, skipped, seconds: rounded(seconds), phases: phases ? phaseSeconds(phases) : null, exit_code: code })}\n`);
  } else if (!isQuiet && !summary.fatal) {
    io.stderr(`hsframe run ${config.name}: ${summary.scored} scored, ${summary.cached} reused, ${summary.skipped} skipped (other language), ${summary.failed} failed in ${summary.seconds.toFixed(1)} s → ${summary.outputDir}\n`);
  }
  return code;
}

const rounded = (seconds: number) => Number(seconds.toFixed(3));

/** A run's phases for `--json` (`RunPhases`), in seconds: `first_document` is part of `scoring`, and null when there were no documents. */
function phaseSeconds(phases: RunPhases) {
  return { setup: rounded(phases.setup), first_document: phases.firstDocument === undefined ? null : rounded(phases.firstDocument), scoring: rounded(phases.scoring), writing: rounded(phases.writing) };
}
