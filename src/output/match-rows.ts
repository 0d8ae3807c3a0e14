import type { ClassifiedDoc } from '../document.js';
import { textCell, type Cell } from './csv.js';

/** matches.csv columns, in order. Offsets are characters into the document's text, end exclusive. */
export const MATCH_HEADER = ['doc_id', 'sentence', 'start', 'end', 'lexicon', 'category', 'entry', 'matched_text', 'negated', 'weight', 'kwic'] as const;

/** Characters of context on each side of a match in the keyword-in-context snippet. */
const KWIC_CHARS = 40;

/** One matches.csv row per hit, counted or negated, in text order. */
export function matchCells(doc: ClassifiedDoc): Cell[][] {
  return doc.hits.map((hit) => {
    const start = doc.tokens[hit.range[0]].start;
    const end = doc.tokens[hit.range[1] - 1].end;
    return [
      textCell(doc.id),
      String(hit.sentence + 1),
      String(start),
      String(end),
      hit.lexiconId,
      hit.category,
      textCell(hit.entryId),
      textCell(flatten(doc.text.slice(start, end))),
      hit.isNegated ? '1' : '0',
      String(hit.weight),
      textCell(kwic(doc.text, start, end)),
    ];
  });
}

/** `…left context [match] right context…` on one line. */
export function kwic(text: string, start: number, end: number, chars = KWIC_CHARS): string {
  const left = flatten(text.slice(Math.max(0, start - chars), start));
  const right = flatten(text.slice(end, end + chars));
  return `${start > chars ? '…' : ''}${left}[${flatten(text.slice(start, end))}]${right}${end + chars < text.length ? '…' : ''}`;
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ');
}
