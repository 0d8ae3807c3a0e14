import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue } from '../document.js';
import { findDocuments } from '../ingest/index.js';
import { makeIssue } from '../issues.js';
import { ERROR_HEADER, errorCells, MATCH_HEADER, matchCells, scoreCells, scoreHeader, toCsv, writeFileAtomic, type Cell } from '../output/index.js';
import type { RunConfig } from './config.js';
import { TOOL } from './package-info.js';
import { scoreCorpus } from './score-corpus.js';
import { loadScorer } from './scorer.js';

/** What a pipeline run did. `fatal` is set when nothing could be scored (bad lexicon, no corpus, unwritable output). */
export interface RunSummary {
  readonly outputDir: string;
  readonly scored: number;
  readonly failed: number;
  readonly skipped: number;
  readonly issues: readonly Issue[];
  readonly fatal: boolean;
  readonly seconds: number;
}

/** Overrides given on the command line. */
export interface RunOverrides {
  readonly corpus?: string;
  readonly output?: string;
}

/**
 * Run a pipeline: score every document of the corpus and write scores.csv, matches.csv,
 * errors.csv and manifest.json into the output folder, each atomically.
 */
export async function runPipeline(config: RunConfig, overrides: RunOverrides = {}): Promise<RunSummary> {
  const started = new Date();
  const corpus = overrides.corpus ?? config.corpus;
  const outputDir = overrides.output ?? config.output;
  const fatal = (issues: Issue[]): RunSummary => ({ outputDir, scored: 0, failed: 0, skipped: 0, issues, fatal: true, seconds: (Date.now() - started.getTime()) / 1000 });
  const { scorer, issues: lexiconIssues } = await loadScorer(config.lexicons, config.options.tokeniser);
  if (!scorer) return fatal(lexiconIssues);
  const found = await findDocuments(corpus, config.options.extensions, config.options.exclude);
  if (found.issues.some((issue) => issue.code === 'PATH_NOT_FOUND')) return fatal([...lexiconIssues, ...found.issues]);
  const matchRows: Cell[][] = [];
  const scores = await scoreCorpus(found.files, scorer, { ingest: { extensions: config.options.extensions, maxFileBytes: config.options.max_file_bytes }, concurrency: config.options.concurrency }, (doc) => {
    matchRows.push(...matchCells(doc));
  });
  const issues = [...lexiconIssues, ...found.issues, ...scores.issues];
  const finished = new Date();
  const manifest = {
    tool: TOOL,
    node: process.version,
    pipeline: { name: config.name, file: config.file },
    options: config.options,
    lexicons: scorer.lexicons.map((lexicon) => ({ id: lexicon.id, version: lexicon.version, sha256: lexicon.sha256, file: lexicon.file, entries: lexicon.entryCount })),
    corpus: { path: corpus, files: found.files.length, bytes: scores.bytes },
    counts: { scored: scores.scored, failed: scores.failed + found.issues.length, skipped: scores.skipped },
    started_at: started.toISOString(),
    finished_at: finished.toISOString(),
    outputs: ['scores.csv', 'matches.csv', 'errors.csv', 'manifest.json'],
  };
  try {
    await mkdir(outputDir, { recursive: true });
    const rows = scores.rows.map((row) => scoreCells(row, scorer.categories, { hasWholeHits: scorer.hasWholeHits }));
    await writeFileAtomic(join(outputDir, 'scores.csv'), toCsv(scoreHeader(scorer.categories), rows));
    await writeFileAtomic(join(outputDir, 'matches.csv'), toCsv(MATCH_HEADER, matchRows));
    await writeFileAtomic(join(outputDir, 'errors.csv'), toCsv(ERROR_HEADER, errorCells(issues)));
    await writeFileAtomic(join(outputDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return fatal([...issues, makeIssue('OUTPUT_WRITE_FAILED', outputDir, `cannot write outputs: ${reason}; previous outputs are left as they were`, { stage: 'output' })]);
  }
  return { outputDir, scored: scores.scored, failed: manifest.counts.failed, skipped: scores.skipped, issues, fatal: false, seconds: (finished.getTime() - started.getTime()) / 1000 };
}
