import type { ClassifiedDoc } from '../document.js';
import { csvBytes, parseDefaultCsv, textCell, untextCell, type Cell, type TextParts } from './csv.js';

/** matches.csv columns, in order. Offsets are characters into the document's text, end exclusive. */
export const MATCH_HEADER = ['doc_id', 'sentence', 'start', 'end', 'lexicon', 'category', 'entry', 'matched_text', 'negated', 'weight', 'kwic'] as const;

/** Characters of context on each side of a match in the keyword-in-context snippet. */
const KWIC_CHARS = 40;

/** One match as matches.csv reports it: counted or negated, with its evidence. */
export interface MatchRow {
  readonly docId: string;
  /** 1-based sentence number. */
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly lexicon: string;
  readonly category: string;
  readonly entry: string;
  readonly matchedText: string;
  readonly isNegated: boolean;
  readonly weight: number;
  readonly kwic: string;
}

/** The match rows of a document, in text order: of all its hits, or of hits `from` to `to` (end exclusive). */
export function matchRows(doc: ClassifiedDoc, from = 0, to = doc.hits.length): MatchRow[] {
  return doc.hits.slice(from, to).map((hit) => {
    const start = doc.tokens.start(hit.range[0]);
    const end = doc.tokens.end(hit.range[1] - 1);
    const matchedText = flatten(doc.text.slice(start, end));
    return {
      docId: doc.id,
      sentence: hit.sentence + 1,
      start,
      end,
      lexicon: hit.lexiconId,
      category: hit.category,
      entry: hit.entryId,
      matchedText,
      isNegated: hit.isNegated,
      weight: hit.weight,
      kwic: kwic(doc.text, start, end, KWIC_CHARS, matchedText),
    };
  });
}

/** A document's rows of matches.csv (no header) in the default CSV settings, as UTF-8 text in parts. */
export function matchesCsvOf(doc: ClassifiedDoc): TextParts {
  return csvBytes(doc.hits.length, (from, to) => matchRows(doc, from, to).map((match) => matchCells(match)));
}

/** A match row as CSV cells in `MATCH_HEADER` order. */
export function matchCells(row: MatchRow, decimal: '.' | ',' = '.'): Cell[] {
  // As the lexicon gives it (not rounded), so that the weights of a document's matches add up to its *_hits.
  const weight = decimal === '.' ? String(row.weight) : String(row.weight).replace('.', decimal);
  return [textCell(row.docId), String(row.sentence), String(row.start), String(row.end), row.lexicon, row.category, textCell(row.entry), textCell(row.matchedText), row.isNegated ? '1' : '0', weight, textCell(row.kwic)];
}

/** `…left context [match] right context…` on one line (`matched`: the match's text on one line, when the caller has it). */
export function kwic(text: string, start: number, end: number, chars = KWIC_CHARS, matched = flatten(text.slice(start, end))): string {
  // The context never cuts a character outside the Basic Multilingual Plane (an emoji) in half.
  let from = Math.max(0, start - chars);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from += 1;
  let to = Math.min(text.length, end + chars);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to -= 1;
  const left = flatten(text.slice(from, start));
  const right = flatten(text.slice(end, to));
  return `${start > chars ? '…' : ''}${left}[${matched}]${right}${end + chars < text.length ? '…' : ''}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** White space collapsed to single spaces, on one line. */
export function flatten(text: string): string {
  return text.replace(WHITE_SPACE_RUNS, ' ');
}

/** Runs of white space other than a lone space, which flattening leaves as it is (most spaces are: replacing each cost more than the rest of a match row). */
const WHITE_SPACE_RUNS = /[^\S ]\s*| \s+/g;

/** Match rows back from their CSV text (rows of matches.csv in the default settings, no header), as a string or UTF-8 text in parts. */
export function parseMatchRows(text: string | TextParts): MatchRow[] {
  if (text.length === 0) return [];
  const column = (name: (typeof MATCH_HEADER)[number]) => MATCH_HEADER.indexOf(name);
  return parseDefaultCsv(typeof text === 'string' ? text : Buffer.concat(text).toString('utf8')).map((cells) => ({
    docId: untextCell(cells[column('doc_id')]),
    sentence: Number(cells[column('sentence')]),
    start: Number(cells[column('start')]),
    end: Number(cells[column('end')]),
    lexicon: cells[column('lexicon')],
    category: cells[column('category')],
    entry: untextCell(cells[column('entry')]),
    matchedText: untextCell(cells[column('matched_text')]),
    isNegated: cells[column('negated')] === '1',
    weight: Number(cells[column('weight')]),
    kwic: untextCell(cells[column('kwic')]),
  }));
}
