import type { ClassifiedDoc } from '../document.js';
import { csvCell, mayStartFormula, parseDefaultCsv, textCell, untextCell, type Cell, type TextParts } from './csv.js';
import { isWhiteSpace } from '../white-space.js';
import { Utf8Writer } from './utf8-writer.js';

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

/**
 * A document's rows of matches.csv (no header) in the default CSV settings, as UTF-8 text in
 * parts: each row `matchCells` of its match, as `defaultCsvRows` writes them, byte for byte (a
 * test compares them). Its snippets and matched texts are written from the document's text
 * straight into bytes, and the cells that recur (its id, each lexicon, category, entry and
 * weight) encoded once, not made into strings row by row: that took longer than scoring.
 */
export function matchesCsvOf(doc: ClassifiedDoc): TextParts {
  const { text, tokens } = doc;
  const out = new Utf8Writer();
  const docCell = Buffer.from(csvCell(textCell(doc.id)));
  // The bytes of recurring cells: lexicon and category ids as they are (as `matchCells` writes them), entries as text, weights.
  const [ids, entries, weights] = [new Map<string, Uint8Array>(), new Map<string, Uint8Array>(), new Map<number, Uint8Array>()];
  const once = <T>(cells: Map<T, Uint8Array>, value: T, cellOf: (value: T) => string) => {
    let cell = cells.get(value);
    if (cell === undefined) cells.set(value, (cell = Buffer.from(csvCell(cellOf(value)))));
    return cell;
  };
  for (const hit of doc.hits) {
    const start = tokens.start(hit.range[0]);
    const end = tokens.end(hit.range[1] - 1);
    out.raw(docCell);
    out.comma();
    out.digits(hit.sentence + 1);
    out.comma();
    out.digits(start);
    out.comma();
    out.digits(end);
    out.comma();
    out.raw(once(ids, hit.lexiconId, asIs));
    out.comma();
    out.raw(once(ids, hit.category, asIs));
    out.comma();
    out.raw(once(entries, hit.entryId, textCell));
    out.comma();
    // A match of words neither starts with a formula character nor starts or ends with white space (a tokeniser's own tokens might).
    const isPlain = !mayStartFormula(text.charCodeAt(start)) && !isWhiteSpace(text.charCodeAt(start)) && !isWhiteSpace(text.charCodeAt(end - 1));
    if (isPlain) {
      const isQuoted = hasSeparator(text, start, end);
      if (isQuoted) out.raw(QUOTE);
      out.range(text, start, end, true, isQuoted);
      if (isQuoted) out.raw(QUOTE);
    } else out.text(csvCell(textCell(flatten(text.slice(start, end)))));
    out.comma();
    out.raw(hit.isNegated ? ONE : ZERO);
    out.comma();
    out.raw(once(weights, hit.weight, String));
    out.comma();
    // With an ellipsis at both ends the snippet neither starts nor ends with white space or a formula character.
    if (isPlain && start > KWIC_CHARS && end + KWIC_CHARS < text.length) {
      const [from, to] = contextOf(text, start, end, KWIC_CHARS);
      const isQuoted = hasSeparator(text, from, to);
      out.raw(isQuoted ? QUOTED_ELLIPSIS : ELLIPSIS);
      out.range(text, from, start, true, isQuoted);
      out.raw(OPEN_BRACKET);
      out.range(text, start, end, true, isQuoted);
      out.raw(CLOSE_BRACKET);
      out.range(text, end, to, true, isQuoted);
      out.raw(isQuoted ? ELLIPSIS_QUOTED : ELLIPSIS);
    } else out.text(csvCell(textCell(kwic(text, start, end, KWIC_CHARS))));
    out.raw(LINE_FEED);
  }
  return out.finish();
}

const [QUOTE, ZERO, ONE, OPEN_BRACKET, CLOSE_BRACKET, LINE_FEED, ELLIPSIS, QUOTED_ELLIPSIS, ELLIPSIS_QUOTED] = ['"', '0', '1', '[', ']', '\n', '…', '"…', '…"'].map((text) => Buffer.from(text));
const asIs = (value: string) => value;

/** True when `text[from, to)` holds a comma or a quote: a cell made of it, flattened (no line break left) and with no white space at either end, is quoted (`csvCell`). */
function hasSeparator(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2c || code === 0x22) return true;
  }
  return false;
}

/** A match row as CSV cells in `MATCH_HEADER` order. */
export function matchCells(row: MatchRow, decimal: '.' | ',' = '.'): Cell[] {
  // As the lexicon gives it (not rounded), so that the weights of a document's matches add up to its *_hits.
  const weight = decimal === '.' ? String(row.weight) : String(row.weight).replace('.', decimal);
  return [textCell(row.docId), String(row.sentence), String(row.start), String(row.end), row.lexicon, row.category, textCell(row.entry), textCell(row.matchedText), row.isNegated ? '1' : '0', weight, textCell(row.kwic)];
}

/** `…left context [match] right context…` on one line (`matched`: the match's text on one line, when the caller has it). */
export function kwic(text: string, start: number, end: number, chars = KWIC_CHARS, matched = flatten(text.slice(start, end))): string {
  const [from, to] = contextOf(text, start, end, chars);
  const left = flatten(text.slice(from, start));
  const right = flatten(text.slice(end, to));
  return `${start > chars ? '…' : ''}${left}[${matched}]${right}${end + chars < text.length ? '…' : ''}`;
}

/** Where the context of `kwic` begins and ends: `chars` characters each side of the match, never cutting a character outside the Basic Multilingual Plane (an emoji) in half. */
function contextOf(text: string, start: number, end: number, chars: number): [from: number, to: number] {
  let from = Math.max(0, start - chars);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from += 1;
  let to = Math.min(text.length, end + chars);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to -= 1;
  return [from, to];
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
