#!/usr/bin/env node
// Calibration of new coders against a gold set's own coders: `sample` draws sentences of the
// gold set for the new coders to code blind (id, doc, text only); `compare` measures, per
// label, how far the new coders' majority agrees with the gold set's majority (Cohen's κ), how
// far the new coders agree among themselves, and what the lexicons score against each coding
// of the same sentences.
//
//   node scripts/calibrate-coders.mjs sample --gold test/gold/dev.csv --size 200 --seed N --out VIEW.csv
//   node scripts/calibrate-coders.mjs compare --gold test/gold/dev.csv --view VIEW.csv [--out AGREEMENT.csv] CODER.csv...
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { BUNDLED_LEXICONS, labelMetrics, loadScorer, scoreText } from '../dist/index.js';
import { meanPairwiseKappa } from '../dist/evaluate/index.js';
import { mulberry32, seededShuffle } from '../dist/evaluate/bootstrap.js';

/**
 * Per label: the gold set's and the new coders' positives (majority labels), Cohen's κ of the new
 * coders' majority against the gold set's, the new coders' mean pairwise κ, and the lexicons' F1
 * against each coding. `gold` and each coder's `rows` as parsed CSV records; `view` the sentences
 * the new coders saw (their ids).
 */
export function calibration(gold, view, coders, scorer) {
  const ids = view.map((row) => row.id);
  const labels = scorer.categories.map((category) => category.id);
  const byId = new Map(gold.map((row) => [row.id, row]));
  const coded = coders.map(({ file, rows }) => {
    const byCoder = new Map(rows.map((row) => [row.id, row]));
    const missing = ids.filter((id) => !byCoder.has(id));
    if (missing.length > 0) throw new Error(`${file}: ${missing.length} of the view's ${ids.length} ids missing (${missing.slice(0, 3).join(', ')}…)`);
    for (const id of ids) for (const label of labels) if (!['0', '1'].includes(byCoder.get(id)[label])) throw new Error(`${file}: ${id} ${label} is "${byCoder.get(id)[label]}", expected 0 or 1`);
    return byCoder;
  });
  const predicted = ids.map((id) => scoreText(byId.get(id).text, scorer).row.hits);
  const round = (value) => (value === null || value === undefined || Number.isNaN(value) ? '' : value.toFixed(3));
  return labels.map((label) => {
    const reference = ids.map((id) => byId.get(id)[label] === '1');
    const codes = coded.map((coder) => ids.map((id) => coder.get(id)[label] === '1'));
    const majority = ids.map((_, i) => codes.filter((code) => code[i]).length * 2 > codes.length);
    const lexicon = predicted.map((hits) => hits[label] > 0);
    // `labelMetrics(label, gold, predicted)`.
    const f1Against = (truth) => labelMetrics(label, truth, lexicon).f1;
    return {
      label,
      reference_positives: reference.filter(Boolean).length,
      new_positives: majority.filter(Boolean).length,
      kappa_new_against_reference: round(labelMetrics(label, reference, majority).cohenKappa),
      new_mean_pairwise_kappa: round(meanPairwiseKappa(label, codes)),
      lexicon_f1_against_reference: round(f1Against(reference)),
      lexicon_f1_against_new: round(f1Against(majority)),
    };
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
const [command, ...rest] = isMain ? process.argv.slice(2) : ['none'];
const { values: args, positionals: coderFiles } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: { gold: { type: 'string' }, view: { type: 'string' }, size: { type: 'string', default: '200' }, seed: { type: 'string' }, out: { type: 'string' } },
});
const read = (file) => parse(readFileSync(file), { columns: true });
if (isMain && !args.gold) throw new Error('--gold FILE is required');
const gold = isMain ? read(args.gold) : [];

if (command === 'sample') {
  if (!args.seed || !args.out) throw new Error('usage: calibrate-coders.mjs sample --gold FILE --size N --seed N --out VIEW.csv');
  // A seeded Fisher–Yates shuffle; the drawn sentences are listed in the gold set's order.
  const random = mulberry32(Number(args.seed));
  const order = seededShuffle(gold.map((_, index) => index), random);
  const drawn = order.slice(0, Number(args.size)).sort((a, b) => a - b).map((index) => gold[index]);
  writeFileSync(args.out, stringify(drawn.map(({ id, doc, text }) => ({ id, doc, text })), { header: true }));
  console.log(`${drawn.length} of ${gold.length} sentences → ${args.out}`);
} else if (command === 'compare') {
  if (!args.view || coderFiles.length < 2) throw new Error('usage: calibrate-coders.mjs compare --gold FILE --view VIEW.csv CODER.csv...');
  const { scorer } = await loadScorer(BUNDLED_LEXICONS);
  const rows = calibration(gold, read(args.view), coderFiles.map((file) => ({ file, rows: read(file) })), scorer);
  const text = stringify(rows, { header: true });
  if (args.out) writeFileSync(args.out, text);
  process.stdout.write(text);
} else if (isMain) {
  throw new Error('usage: calibrate-coders.mjs sample|compare ...');
}
