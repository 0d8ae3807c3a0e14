#!/usr/bin/env node
// Classify alone, on documents tokenised beforehand: milliseconds per pass (the fastest of
// five), nanoseconds per word, and how many words the start filter lets the matchers try.
// Usage: node scripts/classify-cost.mjs [--corpus bundled|ungd|DIR] [--limit N]
// DIST=/path/to/other/dist times another build on the same documents (the filter shares need this one's).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, limit: { type: 'string', default: '800' } } });
const root = new URL('..', import.meta.url).pathname;
const hsframe = await import(process.env.DIST ? join(process.env.DIST, 'index.js') : join(root, 'dist/index.js'));
const { config } = await hsframe.loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { scorer } = await hsframe.loadScorer(config.lexicons, 'scan.v1');
let { files } = await hsframe.findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
files = files.slice(0, Number(values.limit));
const docs = [];
for (const file of files) {
  const read = await hsframe.readDocument(file.path, file.id);
  if (read.doc) docs.push(hsframe.tokenise(read.doc, { tokeniser: 'scan.v1', language: 'en' }));
}
const words = docs.reduce((sum, doc) => sum + doc.wordCount, 0);
const classify = hsframe.createClassifier(scorer.lexicons);
docs.forEach((doc) => classify(doc));
const passes = [];
for (let pass = 0; pass < 5; pass++) {
  const start = performance.now();
  for (const doc of docs) classify(doc);
  passes.push(performance.now() - start);
}
const best = Math.min(...passes);
console.log(`${docs.length} documents, ${words.toLocaleString('en-US')} words: classify ${best.toFixed(0)} ms a pass (fastest of five; slowest ${Math.max(...passes).toFixed(0)}), ${((best * 1e6) / words).toFixed(0)} ns a word`);

if (scorer.lexicons.every((lexicon) => lexicon.startsAt && lexicon.continuesAt)) {
  // Words where some lexicon can start a term, and those the two-word filter keeps: the term can
  // be the word alone, or it goes on with the next word (no break between them).
  let [starting, tried] = [0, 0];
  for (const doc of docs) {
    const stream = hsframe.buildWordStream(doc);
    for (let i = 0; i < stream.keys.length; i++) {
      const starts = scorer.lexicons.map((lexicon) => lexicon.startsAt(stream.keys[i], stream.lemmas[i]));
      if (!starts.some((start) => start.alone || start.longer)) continue;
      starting += 1;
      const next = i + 1 < stream.keys.length && !stream.breakBefore[i + 1] ? i + 1 : -1;
      if (starts.some((start, index) => start.alone || (start.longer && next >= 0 && scorer.lexicons[index].continuesAt(stream.keys[next], stream.lemmas[next])))) tried += 1;
    }
  }
  console.log(`words where a term can start: ${((starting / words) * 100).toFixed(1)}%; tried after the two-word filter: ${((tried / words) * 100).toFixed(1)}%`);
}
