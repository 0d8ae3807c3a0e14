// How far the tables of two runs over the same corpus differ (say, before and after a lexicon
// change): in how many documents the framing index moved, and by how much; the hits of each
// category in all; and the entries whose counted (non-negated) matches changed most.
//
//   node scripts/compare-runs.mjs OLD_OUT NEW_OUT [--top N]
//
// OLD_OUT and NEW_OUT are output folders of `hsframe run` (scores.csv and matches.csv). The
// figures in CHANGELOG.md for a lexicon version come from this script, with the runs of the
// build before the change and after it on the UN General Debate corpus.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
if (positionals.length !== 2) throw new Error('usage: node scripts/compare-runs.mjs OLD_OUT NEW_OUT [--top N]');
const [oldDir, newDir] = positionals;

const scoresOf = (dir) => new Map(parseSync(readFileSync(join(dir, 'scores.csv')), { columns: true }).map((row) => [row.doc_id, row]));
const [before, after] = [scoresOf(oldDir), scoresOf(newDir)];
const shifts = [...before].flatMap(([doc, row]) => {
  const other = after.get(doc);
  return other && row.framing_index !== '' && other.framing_index !== '' ? [Number(other.framing_index) - Number(row.framing_index)] : [];
});
const movedBy = (least) => shifts.filter((shift) => Math.abs(shift) > least).length;
const mean = shifts.reduce((sum, shift) => sum + shift, 0) / shifts.length;
console.log(`documents: ${before.size} before, ${after.size} after; with a framing index in both: ${shifts.length}`);
console.log(`framing index moved in ${movedBy(0)}, by more than 0.05 in ${movedBy(0.05)}, by more than 0.2 in ${movedBy(0.2)}; mean shift ${mean >= 0 ? '+' : ''}${mean.toFixed(4)}`);
const hitColumns = Object.keys(before.values().next().value ?? {}).filter((column) => column.endsWith('_hits') && column !== 'negated_hits');
const total = (scores, column) => [...scores.values()].reduce((sum, row) => sum + Number(row[column] || 0), 0);
for (const column of hitColumns) console.log(`${column}: ${total(before, column)} → ${total(after, column)}`);

/** Counted (non-negated) matches by lexicon, category and entry. */
async function entryCounts(dir) {
  const counts = new Map();
  for await (const row of createReadStream(join(dir, 'matches.csv')).pipe(parse({ columns: true }))) {
    if (row.negated !== '0') continue;
    const key = `${row.lexicon} ${row.category} ${row.entry}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
const [oldEntries, newEntries] = [await entryCounts(oldDir), await entryCounts(newDir)];
const changes = [...new Set([...oldEntries.keys(), ...newEntries.keys()])]
  .map((key) => [key, (newEntries.get(key) ?? 0) - (oldEntries.get(key) ?? 0)])
  .filter(([, change]) => change !== 0)
  .sort(([a, x], [b, y]) => Math.abs(y) - Math.abs(x) || (a < b ? -1 : 1));
console.log(`entries whose counted matches changed: ${changes.length}; the largest changes:`);
for (const [key, change] of changes.slice(0, Number(args.top))) console.log(`  ${change > 0 ? '+' : ''}${change}  ${key}`);
