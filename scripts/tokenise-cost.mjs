#!/usr/bin/env node
// Tokenise alone, on documents read beforehand: milliseconds per pass over the corpus (the
// median and the fastest of --rounds, the first pass left out) and nanoseconds per word.
// Usage: node scripts/tokenise-cost.mjs [--corpus ungd|bundled|DIR] [--limit N] [--rounds R] [--against DIST] [--floor]
// --against times another build's dist folder (e.g. an earlier commit, built) in the same
// process, passes alternated (which build goes first alternates too), and checks that both
// give the same words. The build set up first can come out slower than the same code set up
// second: run the comparison from both builds to cancel that.
// --floor also times a loop that only walks the characters through a character-class table and
// hashes each word, the least any tokeniser reading every character does.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, limit: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '7' }, against: { type: 'string' }, floor: { type: 'boolean', default: false } } });
const root = new URL('..', import.meta.url).pathname;

const hsframe = await import(join(root, 'dist/index.js'));
const { config } = await hsframe.loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { files } = await hsframe.findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
const sources = [];
for (const file of files.slice(0, Number(values.limit))) {
  const read = await hsframe.readDocument(file.path, file.id);
  if (read.doc) sources.push(read.doc);
}

const builds = [{ name: 'this build', tokenise: hsframe.tokenise, passes: [] }];
if (values.against) builds.push({ name: values.against, tokenise: (await import(join(values.against, 'index.js'))).tokenise, passes: [] });
const settings = { tokeniser: 'scan.v1', language: 'en' };
const wordsOf = (build) => sources.reduce((sum, doc) => sum + build.tokenise(doc, settings).wordCount, 0);
const words = wordsOf(builds[0]);
if (builds.length === 2 && wordsOf(builds[1]) !== words) throw new Error('the two builds find different numbers of words');

/** Letters, marks and digits: the characters of words. */
const WORD_CHAR = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) if (/[\p{L}\p{M}\p{Nd}]/u.test(String.fromCharCode(code))) table[code] = 1;
  return table;
})();
/** The bare walk: count the words and hash each one (FNV-1a), nothing else. */
function walk(text) {
  let [count, hash, isInWord] = [0, 0, false];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (WORD_CHAR[code] === 1) {
      if (!isInWord) [count, hash] = [count + 1, 0x811c9dc5];
      hash = Math.imul(hash ^ code, 0x01000193);
      isInWord = true;
    } else isInWord = false;
  }
  return count + (hash & 0);
}
if (values.floor) builds.push({ name: 'floor (character walk and word hashes only)', tokenise: (doc) => walk(doc.text), passes: [] });

for (let round = 0; round < Number(values.rounds); round++) {
  for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
    const start = performance.now();
    for (const doc of sources) build.tokenise(doc, settings);
    build.passes.push(performance.now() - start);
  }
}
console.log(`${sources.length} documents, ${words.toLocaleString('en')} words (scan.v1); ${values.rounds} passes, the first left out:`);
for (const build of builds) {
  const sorted = build.passes.slice(1).sort((a, b) => a - b);
  const [median, fastest] = [sorted[Math.floor(sorted.length / 2)], sorted[0]];
  console.log(`  ${build.name}: median ${median.toFixed(0)} ms a pass (${((median * 1e6) / words).toFixed(1)} ns a word), fastest ${fastest.toFixed(0)} ms (${((fastest * 1e6) / words).toFixed(1)} ns a word)`);
}
