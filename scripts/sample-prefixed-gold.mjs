// Draws the sentences of a pair of gold sets for two kinds of words the lexicons may read wrongly:
// words of discrimination (`discriminat*`, which may be between people or between states, trade
// partners or ships), and words a prefix and hyphen join to a word an entry matches, which the
// tokenisers read as one word and the entry misses (`cross-border`, `post-conflict`: the words
// `hsframe lexicon lint --corpus` reports as LEXICON_PREFIXED_FORMS). UN General Debate speech
// sentences as `scan.v1` reads them (a run's segments.csv), 8 to 80 words, at most one a speech,
// none of a speech that gave a sentence to an earlier gold set; at most `--per-word` sentences for
// one prefixed word, so that the most frequent words do not fill the stratum. Seeded, so the same
// arguments give the same draw. The draw is split into twins: its sentences numbered in shuffled
// order, each stratum's dealt in turn to the first set and the second. Writes DIR/view-P.csv (id,
// doc, text: what coders see) and DIR/sample-P.csv (with each sentence's stratum and the words
// that put it there, not shown to coders) for each twin prefix P. `--uniform N` adds a stratum of
// N sentences drawn alike from all the others (running text); one prefix for `--twins` keeps the
// draw in one set.
//
//   node scripts/sample-prefixed-gold.mjs --run RUN_OUT --corpus DIR --out DIR
//     [--seed N] [--discrimination N] [--prefixed N] [--per-word N] [--twins p,q] [--exclude A.csv,B.csv]
//     [--lexicon FILE]... [--uniform N]
//
// RUN_OUT is the output folder of `hsframe run --segments sentence` on the corpus folder DIR;
// the prefixed words are those the lexicons (default: the bundled ones) miss. With the defaults,
// on the UN General Debate corpus, with the lexicons security-frames 1.9.0 and
// undp-human-security 1.8.0 (commit 6378144), it draws test/gold/dev9.csv's and dev10.csv's
// sentences, before the gold sets it draws were added (test/gold/DEV9.md, "Sampling"). With
// `--discrimination 0 --prefixed 0 --uniform 240 --twins r --seed 20261210`, before it was added, it
// draws test/gold/dev11.csv's sentences (test/gold/DEV11.md).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mulberry32, seededShuffle } from '../dist/evaluate/bootstrap.js';
import { readDocument } from '../dist/ingest/index.js';
import { docName, goldDocs, normaliseText } from './gold-overlap.mjs';
import { prefixedWords } from '../dist/normalise.js';
import { prefixMisses } from '../dist/cli/lexicon-command.js';
import { BUNDLED_LEXICONS, loadScorer } from '../dist/pipeline/index.js';

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    run: { type: 'string' },
    corpus: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '20261208' },
    discrimination: { type: 'string', default: '100' },
    prefixed: { type: 'string', default: '140' },
    'per-word': { type: 'string', default: '8' },
    twins: { type: 'string', default: 'p,q' },
    exclude: { type: 'string' },
    lexicon: { type: 'string', multiple: true },
    uniform: { type: 'string', default: '0' },
  },
});
for (const name of ['run', 'corpus', 'out']) if (!args[name]) throw new Error(`sample-prefixed-gold: --${name} is needed`);
const twins = args.twins.split(',');
if (twins.length > 2 || twins.some((prefix) => !/^[a-z]+$/.test(prefix))) throw new Error('--twins takes one prefix or two: --twins p,q');
args.exclude ??= readdirSync(join(root, 'test/gold')).filter((name) => name.endsWith('.csv')).map((name) => join(root, 'test/gold', name)).join(',');
const readCsv = (path) => parse(readFileSync(path), { columns: true, relax_column_count: false });

/** Documents that gave a sentence to an earlier gold set. */
const usedDocs = goldDocs(args.exclude);
const DISCRIMINATION = /discriminat/i;
const uniform = Number(args.uniform);

// Every sentence of 8–80 words, by document, with its prefixed words and whether it speaks of discrimination.
const segmentsByDoc = new Map();
for (const row of readCsv(join(args.run, 'segments.csv'))) {
  const words = Number(row.tokens);
  if (words < 8 || words > 80 || usedDocs.has(docName(row.doc_id))) continue;
  const list = segmentsByDoc.get(row.doc_id) ?? [];
  list.push(row);
  segmentsByDoc.set(row.doc_id, list);
}
const sentences = [];
for (const doc of [...segmentsByDoc.keys()].sort()) {
  const text = (await readDocument(join(args.corpus, doc), doc)).doc?.text ?? '';
  for (const segment of segmentsByDoc.get(doc)) {
    const sentence = normaliseText(text.slice(Number(segment.start), Number(segment.end)));
    const prefixed = prefixedWords(sentence);
    if (prefixed.length > 0 || DISCRIMINATION.test(sentence) || uniform > 0) sentences.push({ doc, text: sentence, prefixed, isDiscrimination: DISCRIMINATION.test(sentence) });
  }
}

// The prefixed words some lexicon misses: its entries match the word after the prefix, not the whole word (as the lint finds them).
const { scorer, issues } = await loadScorer(args.lexicon ?? BUNDLED_LEXICONS);
if (!scorer) throw new Error(`sample-prefixed-gold: the lexicons do not load: ${issues.map((issue) => issue.message).join('; ')}`);
const missed = new Set([...new Set(sentences.flatMap((sentence) => sentence.prefixed))].filter((word) => prefixMisses(word, scorer).length > 0));
for (const sentence of sentences) sentence.prefixed = [...new Set(sentence.prefixed.filter((word) => missed.has(word)))];

const random = mulberry32(Number(args.seed));
const perWord = Number(args['per-word']);
const strata = [
  ['discrimination', sentences.filter((sentence) => sentence.isDiscrimination), Number(args.discrimination)],
  ['prefixed', sentences.filter((sentence) => !sentence.isDiscrimination && sentence.prefixed.length > 0), Number(args.prefixed)],
  ['uniform', sentences, uniform],
].filter(([, , wanted]) => wanted > 0);
const picks = [];
const pickedDocs = new Set();
const wordCounts = new Map();
for (const [stratum, pool, wanted] of strata) {
  let taken = 0;
  for (const sentence of seededShuffle(pool, random)) {
    if (taken === wanted) break;
    if (pickedDocs.has(sentence.doc)) continue;
    if (stratum === 'prefixed' && sentence.prefixed.every((word) => (wordCounts.get(word) ?? 0) >= perWord)) continue;
    for (const word of sentence.prefixed) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    pickedDocs.add(sentence.doc);
    picks.push({ stratum, doc: docName(sentence.doc), text: sentence.text, words: sentence.prefixed.join(' ') });
    taken += 1;
  }
}

// Numbered in shuffled order; each stratum's sentences dealt in turn to the two twins.
const dealt = new Map(strata.map(([stratum]) => [stratum, 0]));
const numbered = seededShuffle(picks, random).map((pick, index) => {
  const turn = dealt.get(pick.stratum);
  dealt.set(pick.stratum, turn + 1);
  return { id: `${twins[turn % twins.length]}${String(index + 1).padStart(3, '0')}`, ...pick };
});
mkdirSync(args.out, { recursive: true });
for (const prefix of twins) {
  const rows = numbered.filter((row) => row.id.startsWith(prefix));
  writeFileSync(join(args.out, `view-${prefix}.csv`), stringify(rows.map(({ id, doc, text }) => ({ id, doc, text })), { header: true }));
  writeFileSync(join(args.out, `sample-${prefix}.csv`), stringify(rows, { header: true }));
  const count = (stratum) => rows.filter((row) => row.stratum === stratum).length;
  console.log(`${prefix}: ${rows.length} sentences, ${strata.map(([stratum]) => `${count(stratum)} ${stratum}`).join(', ')}`);
}
console.log(`pools: ${strata.map(([stratum, pool]) => `${stratum} ${pool.length}`).join(', ')}; ${missed.size} prefixed words some lexicon misses; ${usedDocs.size} documents of earlier gold sets left out`);
