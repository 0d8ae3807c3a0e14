import type { CategoryInfo, ScoreRow } from '../document.js';
import { addWeight, thousandths } from '../weight-sums.js';
import { numberCell, textCell, type Cell } from './csv.js';

/** Columns of the long layout: one row per document × category, for pivot tables, R and pandas. */
export const LONG_HEADER = ['doc_id', 'category', 'hits', 'per_1k', 'share', 'negated_hits'] as const;

/**
 * A score row in the long layout. `share` is the category's part of its lexicon's counted
 * hits in the document (e.g. people_centric of all frame hits); empty when the lexicon has none.
 */
export function longCells(row: ScoreRow, categories: readonly CategoryInfo[], options: { hasWholeHits: boolean; decimal?: '.' | ',' }): Cell[][] {
  const lexiconTotals = new Map<string, number>();
  for (const category of categories) lexiconTotals.set(category.lexiconId, addWeight(lexiconTotals.get(category.lexiconId) ?? 0, row.hits[category.id] ?? 0));
  return categories.map((category) => {
    const hits = row.hits[category.id] ?? 0;
    const total = lexiconTotals.get(category.lexiconId) ?? 0;
    return [
      textCell(row.docId),
      category.id,
      // A document with no word scored (another language) has no measure: its counts are empty, not 0.
      row.tokens > 0 ? numberCell(hits, options.hasWholeHits ? 0 : 3, options.decimal) : '',
      numberCell(row.per1k[category.id] ?? null, 3, options.decimal),
      numberCell(total > 0 ? thousandths(hits) / thousandths(total) : null, 4, options.decimal),
      row.tokens > 0 ? String(row.negated[category.id] ?? 0) : '',
    ];
  });
}
