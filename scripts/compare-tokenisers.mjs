#!/usr/bin/env node
// Compare two tokenisers on a corpus, document by document: the matches each finds (entry,
// characters, negation), the hits per category and the word and sentence counts.
// Usage: node scripts/compare-tokenisers.mjs [--corpus bundled|ungd|DIR] [--limit N] [--a wink-fast.v1] [--b scan.v1] [--examples N]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDocuments, loadPipeline, loadScorer, readDocument } from '../dist/index.js';
import { corpusFolder } from './corpus-folder.mjs';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'bundled' }, limit: { type: 'string' }, a: { type: 'string', default: 'wink-fast.v1' }, b: { type: 'string', default: 'scan.v1' }, examples: { type: 'string', default: '10' } } });
const root = new URL('..', import.meta.url).pathname;
const { config } = await loadPipeline(join(root, 'pipelines/eu-migration.yaml'));

let { files } = await findDocuments(corpusFolder(values.corpus, config.corpus), config.options.extensions, config.options.exclude);
if (values.limit) files = files.slice(0, Number(values.limit));
const [a, b] = await Promise.all([values.a, values.b].map(async (name) => (await loadScorer(config.lexicons, name)).scorer));
const matchKey = (doc, hit) => `${hit.category}\t${hit.entryId}\t${doc.tokens.start(hit.range[0])}\t${doc.tokens.end(hit.range[1] - 1)}\t${hit.isNegated ? 'negated' : 'counted'}`;
const totals = { documents: 0, bytes: 0, wordsA: 0, wordsB: 0, sentencesA: 0, sentencesB: 0, matchesA: 0, matchesB: 0, onlyA: 0, onlyB: 0, rowsWithSameHits: 0 };
const examples = { onlyA: [], onlyB: [] };
const seconds = { a: 0, b: 0 };
const time = (side, fn) => { const start = process.hrtime.bigint(); const result = fn(); seconds[side] += Number(process.hrtime.bigint() - start) / 1e9; return result; };
for (const file of files) {
  const read = await readDocument(file.path, file.id);
  if (!read.doc) continue;
  const left = time('a', () => a.score(read.doc));
  const right = time('b', () => b.score(read.doc));
  totals.documents += 1;
  totals.bytes += read.doc.bytes;
  totals.wordsA += left.row.tokens;
  totals.wordsB += right.row.tokens;
  totals.sentencesA += left.row.sentences;
  totals.sentencesB += right.row.sentences;
  const keysA = new Set(left.doc.hits.map((hit) => matchKey(left.doc, hit)));
  const keysB = new Set(right.doc.hits.map((hit) => matchKey(right.doc, hit)));
  totals.matchesA += keysA.size;
  totals.matchesB += keysB.size;
  const context = (key) => { const [, , start, end] = key.split('\t').map(Number); return `${file.id}: …${read.doc.text.slice(Math.max(0, start - 60), start)}[${read.doc.text.slice(start, end)}]${read.doc.text.slice(end, end + 40)}…`.replace(/\s+/g, ' '); };
  for (const key of keysA) if (!keysB.has(key)) { totals.onlyA += 1; if (examples.onlyA.length < Number(values.examples)) examples.onlyA.push(`${key.split('\t').slice(0, 2).join(' ')} ${key.split('\t')[4]} | ${context(key)}`); }
  for (const key of keysB) if (!keysA.has(key)) { totals.onlyB += 1; if (examples.onlyB.length < Number(values.examples)) examples.onlyB.push(`${key.split('\t').slice(0, 2).join(' ')} ${key.split('\t')[4]} | ${context(key)}`); }
  if (JSON.stringify(left.row.hits) === JSON.stringify(right.row.hits) && JSON.stringify(left.row.negated) === JSON.stringify(right.row.negated)) totals.rowsWithSameHits += 1;
}
const mb = totals.bytes / 1e6;
console.log(`${totals.documents} documents, ${mb.toFixed(1)} MB: A = ${values.a}, B = ${values.b}`);
console.log(`words        A ${totals.wordsA}  B ${totals.wordsB}  (B/A ${(totals.wordsB / totals.wordsA).toFixed(4)})`);
console.log(`sentences    A ${totals.sentencesA}  B ${totals.sentencesB}  (B/A ${(totals.sentencesB / totals.sentencesA).toFixed(4)})`);
console.log(`matches      A ${totals.matchesA}  B ${totals.matchesB}  only A ${totals.onlyA}  only B ${totals.onlyB}  (same: ${(1 - (totals.onlyA + totals.onlyB) / Math.max(1, totals.matchesA + totals.matchesB)).toFixed(5)})`);
console.log(`documents with identical hits and negated counts in every category: ${totals.rowsWithSameHits} of ${totals.documents}`);
console.log(`scoring time A ${seconds.a.toFixed(2)} s (${(mb / seconds.a).toFixed(2)} MB/s)  B ${seconds.b.toFixed(2)} s (${(mb / seconds.b).toFixed(2)} MB/s)`);
for (const [side, list] of Object.entries(examples)) if (list.length) console.log(`\n${side === 'onlyA' ? 'only A' : 'only B'} (first ${list.length}):\n${list.join('\n')}`);
