#!/usr/bin/env node
// Time of writing CSV rows in the default layout: csv-stringify against the plain writer
// (`defaultCsvRows`), on each document's rows of matches.csv and on the rows of scores.csv.
// Usage: node scripts/csv-cost.mjs [--corpus bundled|ungd|DIR] [--limit N]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { aggregate, createClassifier, findDocuments, loadPipeline, loadScorer, matchCells, matchRows, readDocument, scoreCells, scoreHeader, tokenise } from '../dist/index.js';
import { defaultCsvRows, stringifyRows } from '../dist/output/index.js';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, limit: { type: 'string', default: '500' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
const { scorer } = await loadScorer(config.lexicons, config.options.tokeniser);
const classify = createClassifier(scorer.lexicons);
const [matchTables, scoreTable] = [[], [scoreHeader(scorer.categories)]];
for (const file of files.slice(0, Number(values.limit))) {
  const read = await readDocument(file.path, file.id);
  if (!read.doc) continue;
  const doc = classify(tokenise(read.doc, { tokeniser: config.options.tokeniser, language: 'en' }));
  matchTables.push(matchRows(doc).map((row) => matchCells(row)));
  scoreTable.push(scoreCells(aggregate(doc, { categories: scorer.categories, lexiconVersion: scorer.lexiconVersion }), scorer.categories, { hasWholeHits: scorer.hasWholeHits }));
}
const time = (fn) => { const start = performance.now(); fn(); return performance.now() - start; };
const writers = { 'csv-stringify': stringifyRows, 'plain writer': defaultCsvRows };
// Alternated five times; the fastest of each counts.
const best = { 'csv-stringify': [Infinity, Infinity], 'plain writer': [Infinity, Infinity] };
for (let round = 0; round < 5; round++) {
  for (const [name, write] of Object.entries(writers)) {
    best[name][0] = Math.min(best[name][0], time(() => matchTables.forEach((rows) => write(rows))));
    best[name][1] = Math.min(best[name][1], time(() => write(scoreTable)));
  }
}
const isSame = matchTables.every((rows) => stringifyRows(rows) === defaultCsvRows(rows)) && stringifyRows(scoreTable) === defaultCsvRows(scoreTable);
const matches = matchTables.reduce((sum, rows) => sum + rows.length, 0);
console.log(`${matchTables.length} documents, ${matches.toLocaleString('en-US')} match rows; the fastest of five alternated timings; same bytes: ${isSame}`);
for (const [name, [perDocument, scores]] of Object.entries(best)) console.log(`${name.padEnd(14)} matches, one call per document: ${perDocument.toFixed(1)} ms; scores.csv, one call: ${scores.toFixed(1)} ms`);
