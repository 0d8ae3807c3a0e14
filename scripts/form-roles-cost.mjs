#!/usr/bin/env node
// What the classifier pays for a word form it meets for the first time: the role of the form in
// every lexicon (where a term can be the word alone, start at it, or go on with it), worked out
// by the classifier's merged lookup (`MergedRoles`) and, for comparison, by asking each lexicon
// in turn (`CompiledLexicon.roleOf`). Each pass takes every distinct form of the corpus once, as
// new strings (no hash cached), new lookups and lexicons; the two ways are alternated and must
// give the same masks.
// Usage: node scripts/form-roles-cost.mjs [--corpus bundled|ungd|DIR] [--limit N] [--rounds N]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addRoleMasks, MergedRoles } from '../dist/classify/classify.js';
import { findDocuments, loadPipeline, loadScorer, readDocument, tokenise } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'ungd' }, limit: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));
const { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
const forms = new Map();
for (const file of files.slice(0, Number(values.limit))) {
  const { doc } = await readDocument(file.path, file.id);
  if (!doc) continue;
  const { tokens } = tokenise(doc, { tokeniser: config.options.tokeniser, language: 'en' });
  for (let i = 0; i < tokens.length; i++) if (tokens.isWord(i) && !forms.has(tokens.norm(i))) forms.set(tokens.norm(i), tokens.lemma(i));
}
// New strings each pass, as a document's words are.
const copies = () => [...forms].map(([key, lemma]) => [` ${key}`.slice(1), key === lemma ? undefined : ` ${lemma}`.slice(1)]);
const lexicons = async () => {
  const { scorer } = await loadScorer(config.lexicons, config.options.tokeniser);
  scorer.lexicons.forEach((lexicon) => lexicon.roleKeys());
  return scorer.lexicons;
};
const ways = {
  merged: async () => {
    const roles = new MergedRoles(await lexicons());
    return (words, rows) => words.forEach(([key, lemma], i) => roles.fill(key, lemma ?? key, rows, 3 * i));
  },
  'each lexicon in turn': async () => {
    const list = await lexicons();
    return (words, rows) => words.forEach(([key, lemma], i) => list.forEach((lexicon, index) => addRoleMasks(rows, 3 * i, lexicon.roleOf(key, lemma ?? key), index)));
  },
};
const names = Object.keys(ways);
const spent = new Map(names.map((name) => [name, []]));
for (let round = 0; round < Number(values.rounds); round++) {
  const rows = new Map();
  for (const name of round % 2 === 0 ? names : [...names].reverse()) {
    const [fill, words, table] = [await ways[name](), copies(), new Int32Array(3 * forms.size)];
    const start = process.hrtime.bigint();
    fill(words, table);
    spent.get(name).push(Number(process.hrtime.bigint() - start) / forms.size);
    rows.set(name, table);
  }
  if (!rows.get(names[0]).every((mask, i) => mask === rows.get(names[1])[i])) throw new Error('the two ways give different masks');
}
console.log(`${forms.size.toLocaleString('en-US')} distinct word forms of ${Math.min(files.length, Number(values.limit))} documents; ns a form, round by round (masks identical):`);
for (const [name, list] of spent) console.log(`  ${name}: ${list.map((ns) => ns.toFixed(0)).join(', ')}`);
