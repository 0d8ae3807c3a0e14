#!/usr/bin/env node
// Lexicon size: classify with a generated 10,000-entry lexicon (words, wildcards, phrases)
// against a 100-entry one, without rules and with an exclusion and a proximity rule on every
// other entry. The bench runs it; run alone it can take more pairs and longer timings.
// Usage: node scripts/lexicon-size.mjs [--corpus bundled|ungd|DIR] [--documents N] [--pairs N] [--passes N]
// (defaults, as the bench: 200 documents, fifteen pairs, fifty passes a timing, about 0.1 s on the
// UN corpus; with ten passes, about 20 ms, the pairs of one run ranged from -33% to +39%).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClassifier, findDocuments, loadPipeline, parseLexicon, readDocument, tokenise } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';
import { median, signed } from './timed-run.mjs';

/** A generated lexicon of `size` entries and six real terms; with `hasRules`, an exclusion and a proximity rule on every other entry. */
function lexiconOf(size, hasRules) {
  const rules = (term, i) => (hasRules && i % 2 === 0 ? `, exclude: ["${term.replace('*', '')} q${i}"], near: {terms: ["n${i}", "m${i}*", "people", "state"], window: 5}` : '');
  const entries = Array.from({ length: size }, (_, i) => {
    const word = `w${i.toString(36)}x`;
    const term = i % 3 === 0 ? `${word}*` : i % 3 === 1 ? `${word} ${word}y` : word;
    return `      - {term: "${term}", source: bench${rules(term, i)}}`;
  });
  const real = ['security', 'border*', 'human rights', 'refugee', 'food', 'health care'].map((term, i) => `      - {term: "${term}", source: bench${rules(term, i)}}`);
  return parseLexicon(`bench-${size}.yaml`, `name: bench\nversion: 1.0.0\nlanguage: en\ndescription: generated\ncategories:\n  a:\n    label: a\n    description: a\n    entries:\n${[...real, ...entries].join('\n')}\n`).lexicon;
}

/**
 * The extra cost of the 10,000-entry lexicon over the 100-entry one, in percent: the median and
 * range over `pairs` pairs. Each timing is `passes` passes over the tokenised documents `sample`,
 * with a new classifier warmed by one untimed pass. The two sizes of a pair are timed back to back
 * (which goes first alternates): the host's speed changes by up to half within seconds, so the
 * two timings of a pair meet the same host, where the fastest of several timings of each size
 * could meet different ones.
 */
export function lexiconSizeCost(sample, { hasRules, pairs = 15, passes = 50 }) {
  const [small, large] = [lexiconOf(100, hasRules), lexiconOf(10_000, hasRules)];
  const classifyWith = (lexicon) => {
    const run = createClassifier([lexicon]);
    sample.forEach((doc) => run(doc));
    const start = process.hrtime.bigint();
    for (let pass = 0; pass < passes; pass++) sample.forEach((doc) => run(doc));
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  const costs = [];
  for (let pair = 0; pair < pairs; pair++) {
    const [first, second] = pair % 2 === 0 ? [small, large] : [large, small];
    const [firstSeconds, secondSeconds] = [classifyWith(first), classifyWith(second)];
    const [smallSeconds, largeSeconds] = pair % 2 === 0 ? [firstSeconds, secondSeconds] : [secondSeconds, firstSeconds];
    costs.push(((largeSeconds - smallSeconds) / smallSeconds) * 100);
  }
  costs.sort((a, b) => a - b);
  return { median: signed(median(costs)), range: `${signed(costs[0])} to ${signed(costs.at(-1))}%` };
}

/** The first `count` documents of `files`, read and tokenised. */
export async function tokenisedSample(files, count, tokeniser) {
  const reads = await Promise.all(files.slice(0, count).map((file) => readDocument(file.path, file.id)));
  return reads.flatMap((read) => (read.doc ? [tokenise(read.doc, { tokeniser, language: 'en' })] : []));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, documents: { type: 'string', default: '200' }, pairs: { type: 'string', default: '15' }, passes: { type: 'string', default: '50' } } });
  const root = new URL('..', import.meta.url).pathname;
  const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
  const { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
  const sample = await tokenisedSample(files, Number(values.documents), config.options.tokeniser);
  const settings = { pairs: Number(values.pairs), passes: Number(values.passes) };
  for (const hasRules of [false, true]) {
    const { median: cost, range } = lexiconSizeCost(sample, { ...settings, hasRules });
    console.log(`10,000 against 100 entries${hasRules ? ', with rules' : ''}: ${cost}% (median of ${settings.pairs} pairs, ${range}; ${settings.passes} passes over ${sample.length} documents a timing)`);
  }
}
