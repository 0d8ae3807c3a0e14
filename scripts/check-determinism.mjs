#!/usr/bin/env node
// Proves that scores do not depend on concurrency or reading order: runs `hsframe run` on a
// corpus with 1 thread and with every core, and scores the files in reverse order through the
// library, then compares scores.csv and matches.csv byte for byte.
// Usage: node scripts/check-determinism.mjs [--corpus bundled|ungd|DIR] [--tokeniser T]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_LEXICONS, DEFAULT_INGEST_SETTINGS, findDocuments, loadScorer, scoreCells, scoreFiles, scoreHeader, toCsv } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, tokeniser: { type: 'string', default: 'scan.v1' } } });
const corpus = corpusFolder(values.corpus, join(root, 'corpora/eu-migration'));
const work = mkdtempSync(join(tmpdir(), 'hsframe-determinism-'));
// A snapshot of the bundled lexicons, so every run below uses the same bytes.
const lexicons = BUNDLED_LEXICONS.map((file) => join(work, basename(file)));
BUNDLED_LEXICONS.forEach((file, i) => copyFileSync(file, lexicons[i]));
const pipeline = join(work, 'pipeline.yaml');
writeFileSync(pipeline, `name: determinism\ncorpus: ${corpus}\nlexicons: [${lexicons.join(', ')}]\noutput: ${join(work, 'out')}\noptions: {exclude: [SOURCES.md], tokeniser: ${values.tokeniser}}\n`);
const run = (threads) => {
  const out = join(work, `threads-${threads}`);
  execFileSync(process.execPath, [join(root, 'dist/cli/bin.js'), 'run', pipeline, '--out', out, '--quiet', '--force', '--concurrency', String(threads)], { stdio: 'inherit' });
  return { scores: readFileSync(join(out, 'scores.csv'), 'utf8'), matches: readFileSync(join(out, 'matches.csv'), 'utf8') };
};
const started = Date.now();
const one = run(1);
const all = run(availableParallelism());
const { scorer } = await loadScorer(lexicons, values.tokeniser);
const { files } = await findDocuments(corpus, DEFAULT_INGEST_SETTINGS.extensions, ['SOURCES.md']);
const reversed = await scoreFiles([...files].reverse(), { scorer, ingest: DEFAULT_INGEST_SETTINGS, concurrency: 1 });
const rows = [...reversed.rows].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0)); // the pipeline's id order (compareText)
const reverseCsv = toCsv(scoreHeader(scorer.categories), rows.map((row) => scoreCells(row, scorer.categories, { hasWholeHits: scorer.hasWholeHits })));
rmSync(work, { recursive: true, force: true });
const checks = {
  [`scores.csv, 1 vs ${availableParallelism()} threads`]: one.scores === all.scores,
  [`matches.csv, 1 vs ${availableParallelism()} threads`]: one.matches === all.matches,
  'scores, id order vs reverse order': reverseCsv === one.scores,
};
for (const [name, isSame] of Object.entries(checks)) console.log(`${isSame ? 'identical' : 'DIFFERENT'}  ${name}`);
console.log(`${files.length} documents, ${values.tokeniser}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
