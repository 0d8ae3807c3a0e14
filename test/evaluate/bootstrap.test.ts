import { describe, expect, test } from 'vitest';
import { nearestRank } from '../../src/evaluate/bootstrap.js';
import { bootstrapIntervals, labelMetrics, type LabelOutcomes } from '../../src/evaluate/index.js';

/** Outcomes with exactly the given 2×2 table, the cells interleaved so that no order is special. */
function outcomes(label: string, tp: number, fp: number, fn: number, tn: number): LabelOutcomes {
  const cells: [boolean, boolean][] = [];
  const counts: [number, boolean, boolean][] = [[tp, true, true], [fp, false, true], [fn, true, false], [tn, false, false]];
  for (let round = 0; cells.length < tp + fp + fn + tn; round++) {
    for (const [n, gold, predicted] of counts) if (round < n) cells.push([gold, predicted]);
  }
  return { label, gold: cells.map(([gold]) => gold), predicted: cells.map(([, predicted]) => predicted) };
}

describe('nearestRank', () => {
  test('is the ceil(q·n)-th smallest, as R\'s quantile(type = 1): the 2.5% of 2,000 values is the 50th, though (1 − 0.95) / 2 × 2000 is a hair over 50 in doubles', () => {
    const values = Float64Array.from({ length: 2000 }, (_, i) => i + 1);
    expect(nearestRank(values, (1 - 0.95) / 2)).toBe(50);
    expect(nearestRank(values, 1 - (1 - 0.95) / 2)).toBe(1950);
    expect(nearestRank(values, 0.0251)).toBe(51);
    expect(nearestRank(Float64Array.from([3, 7, 9]), 0.5)).toBe(7);
  });
});

describe('bootstrapIntervals', () => {
  test('the same outcomes and seed give the same intervals; another seed gives others', () => {
    const data = [outcomes('state_centric', 70, 15, 25, 190), outcomes('political', 30, 8, 20, 242)];
    const a = bootstrapIntervals(data, { resamples: 500 });
    expect(bootstrapIntervals(data, { resamples: 500 })).toEqual(a);
    expect(bootstrapIntervals(data, { resamples: 500, seed: 2 }).labels[0].f1).not.toEqual(a.labels[0].f1);
    expect(a).toMatchObject({ resamples: 500, level: 0.95, seed: 1 });
  });

  test('each interval holds the figure of the whole set, and is inside the figure\'s range', () => {
    const data = [outcomes('state_centric', 70, 15, 25, 190), outcomes('people_centric', 73, 20, 22, 185)];
    const result = bootstrapIntervals(data, { resamples: 1000 });
    data.forEach((outcome, l) => {
      const point = labelMetrics(outcome.label, outcome.gold, outcome.predicted);
      for (const figure of ['precision', 'recall', 'f1', 'cohenKappa'] as const) {
        const [low, high] = result.labels[l][figure]!;
        expect(low).toBeLessThan(point[figure]!);
        expect(high).toBeGreaterThan(point[figure]!);
        expect(low).toBeGreaterThanOrEqual(figure === 'cohenKappa' ? -1 : 0);
        expect(high).toBeLessThanOrEqual(1);
      }
    });
    const [low, high] = result.macro.f1!;
    expect(low).toBeLessThan(high);
  });

  test('the width follows the binomial standard error of precision, and shrinks as √n', () => {
    // precision 0.8 on 1,000 predictions: SE = √(0.8 · 0.2 / 1000) = 0.01265; a 95% interval
    // spans about 2 · 1.96 · SE = 0.0496. Ten times the sentences: √10 times narrower.
    const width = (scale: number) => {
      const [low, high] = bootstrapIntervals([outcomes('health', 800 * scale, 200 * scale, 300 * scale, 2700 * scale)], { resamples: 2000 }).labels[0].precision!;
      return high - low;
    };
    const large = width(1);
    expect(large).toBeGreaterThan(0.0496 * 0.85);
    expect(large).toBeLessThan(0.0496 * 1.15);
    expect(width(0.1) / large).toBeGreaterThan(Math.sqrt(10) * 0.8);
    expect(width(0.1) / large).toBeLessThan(Math.sqrt(10) * 1.2);
  });

  test('a figure that is undefined in most resamples has no interval; a label always right has 1–1', () => {
    const result = bootstrapIntervals([outcomes('food', 0, 0, 0, 300), outcomes('health', 5, 0, 0, 295), outcomes('community', 1, 0, 0, 299)], { resamples: 400 });
    expect(result.labels[0]).toMatchObject({ precision: null, recall: null, f1: null, cohenKappa: null });
    expect(result.labels[1].f1).toEqual([1, 1]);
    // One positive in 300: about 37% of resamples hold none, so recall is still defined (≥ half).
    expect(result.labels[2].recall).toEqual([1, 1]);
  });

  test('refuses a resample count or level that makes no interval', () => {
    const data = [outcomes('health', 5, 1, 1, 20)];
    expect(() => bootstrapIntervals(data, { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapIntervals(data, { resamples: 2.5 })).toThrow(/resamples/);
    expect(() => bootstrapIntervals(data, { level: 1 })).toThrow(/level/);
  });
});
