import type { Hit } from '../document.js';
import { scoreText, type Scorer } from '../pipeline/index.js';
import type { LabelOutcomes } from './bootstrap.js';
import { labelMetrics, macro, type LabelMetrics } from './metrics.js';
import type { GoldRow, GoldSet } from './read-gold.js';
import { compareText } from '../compare-text.js';

/** Which gold rows to use: all, or the half whose id's last number (letters after it aside) is odd or even. */
export type GoldSubset = 'all' | 'odd' | 'even';

/** A disagreement with the gold label, with the lexicon entries that matched. */
export interface EvaluationError {
  readonly id: string;
  readonly label: string;
  readonly kind: 'fp' | 'fn';
  readonly text: string;
  /** Counted entries for this label (for fp), or negated ones (for fn). */
  readonly entries: readonly string[];
}

/**
 * What one lexicon entry did for its label across the gold sentences: in how many it counted,
 * how many of those the coders gave the label, and how many it alone predicted the label in
 * (no other entry of the label counted there): the true and false positives it alone decides.
 */
export interface EntryOutcome {
  readonly label: string;
  readonly entry: string;
  readonly sentences: number;
  readonly goldYes: number;
  readonly alone: number;
  readonly aloneGoldYes: number;
}

/** Per-label metrics, their macro averages, and every error. */
export interface Evaluation {
  readonly rows: number;
  readonly metrics: readonly LabelMetrics[];
  readonly macro: { precision: number | null; recall: number | null; f1: number | null; cohenKappa: number | null };
  readonly errors: readonly EvaluationError[];
  /** Every entry that counted in some sentence, by label (in the gold set's order), then entry. */
  readonly entries: readonly EntryOutcome[];
  /** Each label's gold and predicted value per sentence (for `bootstrapIntervals`). */
  readonly outcomes: readonly LabelOutcomes[];
  /** Sentences with no word scored (read as another language than the lexicons', or no words): they predict no label. */
  readonly unscored: readonly { readonly id: string; readonly language: string }[];
  /** Rows of the gold set in neither half, because their id holds no number (with `odd` or `even`). */
  readonly unnumbered: readonly string[];
}

/** The number at the end of a gold id (`d017` → 17), which puts its row in the odd or even half. */
const ID_NUMBER = /(\d+)\D*$/;

/** Pick the rows of a subset by the number at the end of their id. */
export function selectSubset(rows: readonly GoldRow[], subset: GoldSubset): GoldRow[] {
  if (subset !== 'all' && subset !== 'odd' && subset !== 'even') throw new RangeError(`subset must be "all", "odd" or "even", got ${JSON.stringify(subset)}`);
  if (subset === 'all') return [...rows];
  const wantOdd = subset === 'odd';
  return rows.filter((row) => {
    const digits = ID_NUMBER.exec(row.id);
    // The last digit decides: an id's number can be longer than a double holds exactly (a tweet's id).
    return digits !== null && (Number(digits[1].at(-1)) % 2 === 1) === wantOdd;
  });
}

/**
 * Score each gold sentence as one document; a label is predicted when its category has at
 * least one counted (non-negated) hit. Compare with the gold labels.
 */
export function evaluate(gold: GoldSet, scorer: Scorer, subset: GoldSubset = 'all'): Evaluation {
  const rows = selectSubset(gold.rows, subset);
  const scored = rows.map((row) => scoreText(row.text, scorer, row.id));
  const hitsByRow = scored.map(({ doc }) => doc.hits);
  const unscored = scored.flatMap(({ row }, i) => (row.tokens === 0 ? [{ id: rows[i].id, language: row.language }] : []));
  const unnumbered = subset === 'all' ? [] : gold.rows.filter((row) => !ID_NUMBER.test(row.id)).map((row) => row.id);
  const errors: EvaluationError[] = [];
  const entries: EntryOutcome[] = [];
  const outcomes: LabelOutcomes[] = [];
  const metrics = gold.labels.map((label) => {
    const isGold = rows.map((row) => row.labels[label]);
    const counted = hitsByRow.map((hits) => hits.filter((hit) => hit.category === label && !hit.isNegated));
    const isPredicted = counted.map((hits) => hits.length > 0);
    rows.forEach((row, i) => {
      if (isGold[i] === isPredicted[i]) return;
      const kind = isPredicted[i] ? 'fp' : 'fn';
      const entries = kind === 'fp' ? entryNames(counted[i]) : entryNames(hitsByRow[i].filter((hit) => hit.category === label)).map((entry) => `${entry} (negated)`);
      errors.push({ id: row.id, label, kind, text: row.text, entries });
    });
    entries.push(...entryOutcomes(label, counted, isGold));
    outcomes.push({ label, gold: isGold, predicted: isPredicted });
    return labelMetrics(label, isGold, isPredicted);
  });
  return {
    rows: rows.length,
    metrics,
    macro: {
      precision: macro(metrics.map((metric) => metric.precision)),
      recall: macro(metrics.map((metric) => metric.recall)),
      f1: macro(metrics.map((metric) => metric.f1)),
      cohenKappa: macro(metrics.map((metric) => metric.cohenKappa)),
    },
    errors: errors.sort((a, b) => compareText(a.label, b.label) || compareText(a.id, b.id)),
    entries,
    outcomes,
    unscored,
    unnumbered,
  };
}

/** What each entry of `label` did, from its counted hits in each sentence (`counted`) and the gold labels (`isGold`), by entry. */
function entryOutcomes(label: string, counted: readonly (readonly Hit[])[], isGold: readonly boolean[]): EntryOutcome[] {
  const byEntry = new Map<string, { sentences: number; goldYes: number; alone: number; aloneGoldYes: number }>();
  counted.forEach((hits, i) => {
    const names = entryNames(hits);
    for (const entry of names) {
      let outcome = byEntry.get(entry);
      if (outcome === undefined) byEntry.set(entry, (outcome = { sentences: 0, goldYes: 0, alone: 0, aloneGoldYes: 0 }));
      const yes = isGold[i] ? 1 : 0;
      outcome.sentences += 1;
      outcome.goldYes += yes;
      if (names.length === 1) {
        outcome.alone += 1;
        outcome.aloneGoldYes += yes;
      }
    }
  });
  return [...byEntry].sort(([a], [b]) => compareText(a, b)).map(([entry, outcome]) => ({ label, entry, ...outcome }));
}

function entryNames(hits: readonly Hit[]): string[] {
  return [...new Set(hits.map((hit) => hit.entryId))];
}
