// Joins independent coders' 0/1 labels into a gold set (the majority label of each sentence)
// and measures how far the coders agree, per label: prevalence of the majority label, mean
// pairwise Cohen's κ, Fleiss' κ and Krippendorff's α (nominal); prevalence is the share of all
// codes that are 1, positives the sentences whose majority label is 1.
//
//   node scripts/gold-agreement.mjs --view VIEW.csv --gold OUT.csv --agreement OUT.csv CODER.csv...
//
// VIEW.csv holds id,doc,text; each CODER.csv id and the nine labels, one row per id of VIEW.csv.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { meanPairwiseKappa } from '../dist/evaluate/index.js';

const LABELS = ['state_centric', 'people_centric', 'economic', 'food', 'health', 'environmental', 'personal', 'community', 'political'];
const { values: args, positionals: coderFiles } = parseArgs({
  allowPositionals: true,
  options: { view: { type: 'string' }, gold: { type: 'string' }, agreement: { type: 'string' } },
});
if (!args.view || !args.gold || !args.agreement || coderFiles.length < 2) {
  throw new Error('usage: node scripts/gold-agreement.mjs --view VIEW.csv --gold OUT.csv --agreement OUT.csv CODER.csv CODER.csv...');
}

const view = parse(readFileSync(args.view), { columns: true });
const coders = coderFiles.map((file) => {
  const rows = parse(readFileSync(file), { columns: true, trim: true });
  if (rows.length !== view.length) throw new Error(`${file}: ${rows.length} rows, expected ${view.length}`);
  return rows.map((row, i) => {
    if (row.id !== view[i].id) throw new Error(`${file}: row ${i + 2} has id ${row.id}, expected ${view[i].id}`);
    return LABELS.map((label) => {
      if (row[label] !== '0' && row[label] !== '1') throw new Error(`${file}: ${row.id} ${label} is "${row[label]}", expected 0 or 1`);
      return row[label] === '1';
    });
  });
});
const m = coders.length;
const n = view.length;

/** Mean pairwise Cohen's κ of the coders on label `l` (one coder's codes taken as gold, the other's as predictions). */
const pairwiseKappa = (l) => meanPairwiseKappa(LABELS[l], coders.map((coder) => coder.map((labels) => labels[l])));

/** Share of all codes that are 1, Fleiss' κ (Fleiss 1971) and Krippendorff's α for nominal data without missing values. */
function fleissAndAlpha(l) {
  let agreement = 0;
  let ones = 0;
  let disagreeingPairs = 0;
  for (let i = 0; i < n; i++) {
    const yes = coders.reduce((s, c) => s + (c[i][l] ? 1 : 0), 0);
    const no = m - yes;
    ones += yes;
    agreement += (yes * (yes - 1) + no * (no - 1)) / (m * (m - 1));
    disagreeingPairs += (2 * yes * no) / (m - 1);
  }
  const p = ones / (n * m);
  const chance = p * p + (1 - p) * (1 - p);
  const fleiss = chance === 1 ? null : (agreement / n - chance) / (1 - chance);
  const values = n * m;
  const observed = disagreeingPairs / values;
  const expected = (2 * ones * (values - ones)) / (values * (values - 1));
  const alpha = expected === 0 ? null : 1 - observed / expected;
  return { prevalence: p, fleiss, alpha };
}

const majority = view.map((row, i) => ({
  id: row.id,
  doc: row.doc,
  text: row.text,
  ...Object.fromEntries(LABELS.map((label, l) => [label, coders.filter((c) => c[i][l]).length * 2 > m ? 1 : 0])),
}));
writeFileSync(args.gold, stringify(majority, { header: true, columns: ['id', 'doc', 'text', ...LABELS] }));

const fmt = (x) => (x === null ? '' : x.toFixed(3));
const agreement = LABELS.map((label, l) => {
  const { prevalence, fleiss, alpha } = fleissAndAlpha(l);
  const positives = majority.filter((row) => row[label] === 1).length;
  return { label, positives, prevalence: fmt(prevalence), mean_pairwise_cohen: fmt(pairwiseKappa(l)), fleiss: fmt(fleiss), kripp_alpha: fmt(alpha) };
});
writeFileSync(args.agreement, stringify(agreement, { header: true, columns: ['label', 'prevalence', 'mean_pairwise_cohen', 'fleiss', 'kripp_alpha'] }));
console.log('| label | positives | prevalence | mean pairwise Cohen\'s κ | Fleiss\' κ | Krippendorff\'s α |');
console.log('|---|---|---|---|---|---|');
for (const a of agreement) console.log(`| ${a.label} | ${a.positives} | ${a.prevalence} | ${a.mean_pairwise_cohen} | ${a.fleiss} | ${a.kripp_alpha} |`);
