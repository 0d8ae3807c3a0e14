import type { CategoryInfo, ScoreRow } from '../document.js';
import { numberCell, textCell, type Cell } from './csv.js';

/** Columns before the category columns, in order. */
const LEADING = ['doc_id', 'title', 'language', 'encoding', 'tokens', 'excluded_tokens', 'sentences'] as const;
/** Columns after the category columns, in order. */
const TRAILING = ['framing_index', 'framing_ci_low', 'framing_ci_high', 'nexus_share', 'undp_dominant', 'undp_breadth', 'negated_hits', 'lexicon_version', 'content_sha256'] as const;

/** Decimal places: rates 3, index, interval and shares 4, fractional hits 3. */
const RATE_DECIMALS = 3;
const INDEX_DECIMALS = 4;
const HIT_DECIMALS = 3;

/** The scores.csv header for these categories: fixed order, snake_case. */
export function scoreHeader(categories: readonly CategoryInfo[]): string[] {
  return [...LEADING, ...categories.flatMap((category) => [`${category.id}_hits`, `${category.id}_per_1k`]), ...TRAILING];
}

/** Format one score row in header order. `hasWholeHits`: every weight is whole, so hits print as integers. */
export function scoreCells(row: ScoreRow, categories: readonly CategoryInfo[], options: { hasWholeHits: boolean; decimal?: '.' | ',' }): Cell[] {
  const hitDecimals = options.hasWholeHits ? 0 : HIT_DECIMALS;
  const number = (value: number | null, decimals: number) => numberCell(value, decimals, options.decimal);
  // A document with no word scored (another language) has no measure: its counts are empty, not 0.
  const count = (value: number | null, decimals: number) => (row.tokens > 0 ? number(value, decimals) : '');
  const cells: Cell[] = [textCell(row.docId), textCell(row.title), row.language, row.encoding, String(row.tokens), String(row.excludedTokens), String(row.sentences)];
  // Pushed, not spread from a list: a row is made for every document of a run.
  for (const { id } of categories) cells.push(count(row.hits[id] ?? 0, hitDecimals), number(row.per1k[id] ?? null, RATE_DECIMALS));
  cells.push(
    number(row.framingIndex, INDEX_DECIMALS),
    number(row.framingCiLow, INDEX_DECIMALS),
    number(row.framingCiHigh, INDEX_DECIMALS),
    number(row.nexusShare, INDEX_DECIMALS),
    row.undpDominant,
    count(row.undpBreadth, 0),
    count(row.negatedHits, 0),
    row.lexiconVersion,
    row.contentSha256,
  );
  return cells;
}
