// Draws the sentences of a negation contrast set for hand coding: sentences where two builds'
// negation rules disagree on some match (the "changed" stratum), and sentences with a match both
// negate (the "control" stratum), from the runs of both builds on the same corpus. Coded, the set
// shows which rules agree better with the coders where they differ. Sentences are those of the
// newer build (its segments.csv), at most one a document, none of a document that gave a sentence
// to an earlier gold set, 8 to 80 words; seeded, so the same arguments give the same draw. Writes
// DIR/view-PREFIX.csv (id, doc, text: what coders see, shuffled) and DIR/sample-PREFIX.csv (with
// each sentence's stratum and the matches the builds disagree on, not shown to coders).
//
//   node scripts/sample-negation-gold.mjs --old OLD_OUT --new NEW_OUT --corpus DIR --out DIR
//     [--seed N] [--changed N] [--control N] [--prefix n] [--exclude A.csv,B.csv]
//
// OLD_OUT and NEW_OUT are the output folders of `hsframe run --segments sentence` on the same
// corpus folder DIR by the two builds (the old one's segments are not read). With `--seed
// 20261207` and the defaults, on the UN General Debate corpus with builds of commits c79227b
// (hsframe 0.5.3) as the old and 970a82c as the new, it draws test/gold/neg1.csv's sentences.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mulberry32, seededShuffle } from '../dist/evaluate/bootstrap.js';
import { readDocument } from '../dist/ingest/index.js';
import { docName, goldDocs, normaliseText } from './gold-overlap.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    old: { type: 'string' },
    new: { type: 'string' },
    corpus: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '20261207' },
    changed: { type: 'string', default: '120' },
    control: { type: 'string', default: '60' },
    prefix: { type: 'string', default: 'n' },
    exclude: { type: 'string' },
  },
});
for (const name of ['old', 'new', 'corpus', 'out']) if (!args[name]) throw new Error(`sample-negation-gold: --${name} is needed`);
args.exclude ??= readdirSync(join(root, 'test/gold')).filter((name) => /^dev\d*\.csv$/.test(name)).map((name) => join(root, 'test/gold', name)).join(',');
const readCsv = (path) => parse(readFileSync(path), { columns: true, relax_column_count: false });

/** Documents that gave a sentence to an earlier gold set. */
const usedDocs = goldDocs(args.exclude);

/** A match's key in both runs, and its sentence in the newer one. */
const keyOf = (row) => `${row.doc_id}\u0000${row.start}\u0000${row.end}\u0000${row.category}\u0000${row.entry}`;
const oldNegated = new Map(readCsv(join(args.old, 'matches.csv')).map((row) => [keyOf(row), row.negated]));
/** By sentence (doc_id and number): the matches the builds disagree on, and whether some match is negated by both. */
const sentences = new Map();
for (const row of readCsv(join(args.new, 'matches.csv'))) {
  const key = `${row.doc_id}\u0000${row.sentence}`;
  const sentence = sentences.get(key) ?? { doc: row.doc_id, number: Number(row.sentence), differing: [], isBothNegated: false };
  const before = oldNegated.get(keyOf(row));
  if (before !== undefined && before !== row.negated) sentence.differing.push(`${row.category}:${row.matched_text}:${before}→${row.negated}`);
  if (before === '1' && row.negated === '1') sentence.isBothNegated = true;
  sentences.set(key, sentence);
}
const segments = new Map(readCsv(join(args.new, 'segments.csv')).map((row) => [`${row.doc_id}\u0000${row.segment}`, row]));

const random = mulberry32(Number(args.seed));
const shuffled = (list) => seededShuffle(list, random);
const byKey = (a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : a.number - b.number);
const strata = [
  ['changed', [...sentences.values()].filter((s) => s.differing.length > 0).sort(byKey), Number(args.changed)],
  ['control', [...sentences.values()].filter((s) => s.differing.length === 0 && s.isBothNegated).sort(byKey), Number(args.control)],
];
const picks = [];
const pickedDocs = new Set();
const texts = new Map();
for (const [stratum, pool, wanted] of strata) {
  let taken = 0;
  for (const sentence of shuffled(pool)) {
    if (taken === wanted) break;
    if (pickedDocs.has(sentence.doc) || usedDocs.has(docName(sentence.doc))) continue;
    if (!texts.has(sentence.doc)) texts.set(sentence.doc, (await readDocument(join(args.corpus, sentence.doc), sentence.doc)).doc?.text ?? '');
    const segment = segments.get(`${sentence.doc}\u0000${sentence.number}`);
    const text = normaliseText(texts.get(sentence.doc).slice(Number(segment.start), Number(segment.end)));
    const words = Number(segment.tokens);
    if (words < 8 || words > 80) continue;
    pickedDocs.add(sentence.doc);
    picks.push({ stratum, doc: docName(sentence.doc), text, differing: sentence.differing.join('; ') });
    taken += 1;
  }
}
const rows = shuffled(picks).map((pick, index) => ({ id: `${args.prefix}${String(index + 1).padStart(3, '0')}`, ...pick }));
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, `view-${args.prefix}.csv`), stringify(rows.map(({ id, doc, text }) => ({ id, doc, text })), { header: true }));
writeFileSync(join(args.out, `sample-${args.prefix}.csv`), stringify(rows, { header: true }));
const count = (stratum) => rows.filter((row) => row.stratum === stratum).length;
console.log(`${rows.length} sentences: ${count('changed')} changed (of ${strata[0][1].length}), ${count('control')} control (of ${strata[1][1].length}); ${usedDocs.size} documents of earlier gold sets left out`);
