// Sentences that two gold sets share: the same text, or one inside the other (a sentence drawn
// with a heading or a list number in one set and without it in another). Whitespace is ignored.
// Also which documents gave the gold sets their sentences, for the scripts that draw new ones.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** A text with its runs of white space made one space. */
export const normaliseText = (text) => text.replace(/\s+/g, ' ').trim();

/** Shorter texts than this are not looked for inside others (too likely to recur by chance). */
const MIN_CONTAINED = 30;

/** Whether two normalised texts are the same sentence, or one holds the other. */
export function isSameSentence(a, b) {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_CONTAINED && longer.includes(shorter);
}

/** Ids of `rows` (id, text) whose sentence is also in `others` (texts). */
export function sharedIds(rows, others) {
  const texts = others.map(normaliseText);
  return new Set(rows.filter((row) => {
    const text = normaliseText(row.text);
    return texts.some((other) => isSameSentence(text, other));
  }).map((row) => row.id));
}

/** Documents that gave a sentence to the gold sets `files` (CSV paths, comma-separated): a bundled text's name or a speech's (PAK_23_1968). */
export function goldDocs(files) {
  return new Set(files.split(',').filter(Boolean).flatMap((file) => parse(readFileSync(file), { columns: true }).map((row) => row.doc)));
}

/** A run's doc_id as gold sets name its document: the file name, without folders or `.txt`. */
export const docName = (id) => id.replace(/^.*\//, '').replace(/\.txt$/, '');
