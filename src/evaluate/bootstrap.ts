import { labelMetrics, macro, type LabelMetrics } from './metrics.js';

/** A label's gold and predicted values, one per sentence, in the same order for every label. */
export interface LabelOutcomes {
  readonly label: string;
  readonly gold: readonly boolean[];
  readonly predicted: readonly boolean[];
}

/** A percentile interval, or null where too few resamples define the figure. */
export type Interval = readonly [low: number, high: number] | null;

/** Intervals of the four figures of a label (or of their macro averages). */
export interface MetricIntervals {
  readonly precision: Interval;
  readonly recall: Interval;
  readonly f1: Interval;
  readonly cohenKappa: Interval;
}

export interface BootstrapOptions {
  /** Resamples of the sentences (default 2,000). */
  readonly resamples?: number;
  /** Coverage of the intervals (default 0.95). */
  readonly level?: number;
  /** Seed of the resampling: the same seed gives the same intervals (default 1). */
  readonly seed?: number;
}

export interface BootstrapIntervals {
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  readonly labels: readonly (MetricIntervals & { readonly label: string })[];
  readonly macro: MetricIntervals;
}

/** The figures an interval is given for, in the order tables show them. */
export const FIGURES = ['precision', 'recall', 'f1', 'cohenKappa'] as const;

/** An interval as `low–high` (3 decimals), or `empty` where there is none. */
export function formatInterval(interval: Interval, empty = ''): string {
  return interval ? `${interval[0].toFixed(3)}–${interval[1].toFixed(3)}` : empty;
}

/**
 * Percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13) of precision, recall, F1 and
 * Cohen's κ per label and of their macro averages: the sentences are drawn with replacement,
 * jointly for all labels, `resamples` times, and each figure's interval is the central `level`
 * of its values. A figure left undefined in a resample (no prediction, no gold positive) is left
 * out of its distribution; where more than half the resamples leave it undefined, its interval
 * is null. Seeded, so the intervals are reproducible.
 */
export function bootstrapIntervals(outcomes: readonly LabelOutcomes[], options: BootstrapOptions = {}): BootstrapIntervals {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a whole number of at least 1, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, got ${level}`);
  const n = outcomes[0]?.gold.length ?? 0;
  const random = mulberry32(seed);
  const perLabel = outcomes.map(() => FIGURES.map(() => [] as number[]));
  const perMacro = FIGURES.map(() => [] as number[]);
  const gold = outcomes.map(() => new Array<boolean>(n));
  const predicted = outcomes.map(() => new Array<boolean>(n));
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const pick = Math.floor(random() * n);
      outcomes.forEach((outcome, l) => {
        gold[l][i] = outcome.gold[pick];
        predicted[l][i] = outcome.predicted[pick];
      });
    }
    const metrics: LabelMetrics[] = outcomes.map((outcome, l) => labelMetrics(outcome.label, gold[l], predicted[l]));
    metrics.forEach((metric, l) =>
      FIGURES.forEach((figure, f) => {
        const value = metric[figure];
        if (value !== null) perLabel[l][f].push(value);
      }),
    );
    FIGURES.forEach((figure, f) => {
      const value = macro(metrics.map((metric) => metric[figure]));
      if (value !== null) perMacro[f].push(value);
    });
  }
  const intervals = (values: number[][]): MetricIntervals =>
    Object.fromEntries(FIGURES.map((figure, f) => [figure, percentileInterval(values[f], resamples, level)])) as unknown as MetricIntervals;
  return {
    resamples,
    level,
    seed,
    labels: outcomes.map((outcome, l) => ({ label: outcome.label, ...intervals(perLabel[l]) })),
    macro: intervals(perMacro),
  };
}

/** The central `level` of `values` (nearest-rank percentiles); null when fewer than half of `resamples` are defined. */
function percentileInterval(values: number[], resamples: number, level: number): Interval {
  if (values.length === 0 || values.length * 2 < resamples) return null;
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - level) / 2;
  return [nearestRank(sorted, tail), nearestRank(sorted, 1 - tail)];
}

/**
 * The `q` percentile of sorted values by nearest rank: the ceil(q·n)-th smallest (R's
 * `quantile(type = 1)`). q·n is rounded first, so that 0.025 × 2000 (50.00000000000004 in
 * doubles, as 0.025 comes from (1 − 0.95) / 2) is rank 50, not 51.
 */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  const rank = Math.ceil(Math.round(q * sorted.length * 1e6) / 1e6);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `list` in a seeded random order, as a new array: Fisher–Yates, drawing from `random` (`mulberry32`) once for each place from the last down. */
export function seededShuffle<T>(list: readonly T[], random: () => number): T[] {
  const shuffled = [...list];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}
