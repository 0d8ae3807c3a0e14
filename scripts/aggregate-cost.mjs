#!/usr/bin/env node
// Aggregate alone: documents are read, tokenised and classified beforehand, then turned into
// rows of scores --rounds times (milliseconds a round). With --against, another build's dist
// folder (e.g. an earlier commit, built) aggregates the same classified documents, the two
// builds' rounds alternated, and both must give the same rows.
// Usage: node scripts/aggregate-cost.mjs [--corpus bundled|ungd|DIR] [--limit N] [--rounds N] [--against DIST]
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { aggregate, createClassifier, findDocuments, loadPipeline, loadScorer, readDocument, tokenise } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, limit: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '5' }, against: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { scorer } = await loadScorer(config.lexicons, config.options.tokeniser);
const { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
const classify = createClassifier(scorer.lexicons);
const docs = [];
for (const file of files.slice(0, Number(values.limit))) {
  const { doc } = await readDocument(file.path, file.id);
  // Only what aggregate reads is kept: the text and tokens would fill the heap.
  if (doc) docs.push({ ...classify(tokenise(doc, { tokeniser: config.options.tokeniser, language: 'en' })), text: '', tokens: undefined, words: undefined });
}
const settings = { categories: scorer.categories, lexiconVersion: scorer.lexiconVersion };
const builds = [['this build', aggregate]];
if (values.against) builds.push([values.against, (await import(join(values.against, 'index.js'))).aggregate]);
const spent = new Map(builds.map(([name]) => [name, []]));
let first;
for (let round = 0; round <= Number(values.rounds); round++) {
  for (const [name, run] of round % 2 === 0 ? builds : [...builds].reverse()) {
    const start = performance.now();
    const rows = docs.map((doc) => run(doc, settings));
    const ms = performance.now() - start;
    // The first round of each build warms it up and is not counted.
    if (round > 0) spent.get(name).push(ms);
    if (first === undefined) first = rows;
    else if (round === 1 && !isDeepStrictEqual(rows, first)) throw new Error(`${name}: rows differ from ${builds[0][0]}'s`);
  }
}
const hits = docs.reduce((sum, doc) => sum + doc.hits.length, 0);
console.log(`${docs.length} documents, ${hits.toLocaleString('en-US')} hits; aggregate, ms a round (rounds after the first):${builds.length > 1 ? ' rows identical' : ''}`);
for (const [name, list] of spent) console.log(`  ${name}: ${list.map((ms) => ms.toFixed(0)).join(', ')}`);
