#!/usr/bin/env node
// Matches that stand next to another match of the same category in a run's matches.csv: two
// entries that each count where one phrase is meant ("racial discrimination": `racial` and
// `discriminat*`, two community matches), or two terms of a list ("sovereignty and territorial
// integrity"). Counted matches only (not negated), within one sentence, at most --gap characters
// apart (default 12: a word or two). Prints how many matches there are, how many such pairs, and
// the most frequent pairs of entries, to find where a lexicon counts a phrase twice. With
// --entries, also how many counted matches of those entries (an entry's term, or LEXICON:term for
// one lexicon's) stand at most --gap characters from another counted match of their category,
// before or after it.
// Usage: node scripts/adjacent-matches.mjs RUN_OUT [--gap N] [--top N] [--entries A,B,...]
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { gap: { type: 'string', default: '12' }, top: { type: 'string', default: '30' }, entries: { type: 'string' } } });
if (positionals.length !== 1) throw new Error('usage: node scripts/adjacent-matches.mjs RUN_OUT [--gap N] [--top N] [--entries A,B,...]');
const gap = Number(values.gap);
const entries = new Set(values.entries?.split(',') ?? []);
const pairs = new Map();
let [matches, adjacent, ofEntries, besideOfEntries] = [0, 0, 0, 0];
// The counted matches of the sentence being read, by category (matches.csv lists a document's matches sentence by sentence).
let sentence = '';
let open = new Map();
const closeSentence = () => {
  for (const list of open.values()) {
    list.sort((a, b) => a.start - b.start);
    list.forEach((match, i) => {
      if (!entries.has(match.entry) && !entries.has(`${match.lexicon}:${match.entry}`)) return;
      ofEntries += 1;
      if ((i > 0 && match.start - list[i - 1].end <= gap) || (i + 1 < list.length && list[i + 1].start - match.end <= gap)) besideOfEntries += 1;
    });
    for (let i = 1; i < list.length; i++) {
      if (list[i].start - list[i - 1].end > gap) continue;
      adjacent += 1;
      const key = `${list[i].category}: ${list[i - 1].entry} + ${list[i].entry}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  open = new Map();
};
for await (const row of createReadStream(join(positionals[0], 'matches.csv')).pipe(parse({ columns: true }))) {
  matches += 1;
  if (row.negated === '1' || row.negated === 'true') continue;
  const key = `${row.doc_id}\u0000${row.sentence}`;
  if (key !== sentence) {
    closeSentence();
    sentence = key;
  }
  const category = `${row.lexicon}/${row.category}`;
  if (!open.has(category)) open.set(category, []);
  open.get(category).push({ start: Number(row.start), end: Number(row.end), lexicon: row.lexicon, category: row.category, entry: row.entry });
}
closeSentence();
console.log(`${matches.toLocaleString('en-US')} matches; ${adjacent.toLocaleString('en-US')} stand at most ${gap} characters after another counted match of their category in their sentence (${((100 * adjacent) / matches).toFixed(1)}%)`);
if (entries.size > 0) console.log(`${ofEntries.toLocaleString('en-US')} counted matches of ${[...entries].join(', ')}; ${besideOfEntries.toLocaleString('en-US')} stand at most ${gap} characters from another counted match of their category (${((100 * besideOfEntries) / ofEntries).toFixed(1)}%)`);
console.log('\n| pairs | category: entry + the entry after it |\n|---|---|');
for (const [key, count] of [...pairs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, Number(values.top))) console.log(`| ${count.toLocaleString('en-US')} | ${key} |`);
