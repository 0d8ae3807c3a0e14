import { describe, expect, test } from 'vitest';
import { cohenKappa, labelMetrics, macro, selectSubset } from '../../src/evaluate/index.js';

/** Gold and predicted 0/1 vectors that produce exactly the given 2×2 table. */
function vectors(tp: number, fp: number, fn: number, tn: number): [boolean[], boolean[]] {
  const cells: [boolean, boolean, number][] = [[true, true, tp], [false, true, fp], [true, false, fn], [false, false, tn]];
  const pairs = cells.flatMap(([gold, predicted, n]) => Array.from({ length: n }, () => [gold, predicted] as const));
  return [pairs.map(([gold]) => gold), pairs.map(([, predicted]) => predicted)];
}

// Hand-computed tables. kappa = (po − pe) / (1 − pe), with
// po = (tp + tn) / n and pe = ((tp+fp)(tp+fn) + (fn+tn)(fp+tn)) / n².
// [tp, fp, fn, tn, precision, recall, f1, kappa]
const TABLES: [number, number, number, number, number | null, number | null, number | null, number | null][] = [
  // n=50, po=35/50=0.7, pe=(25·30 + 25·20)/2500 = 1250/2500 = 0.5 → κ=0.2/0.5=0.4;
  // P=20/25=0.8, R=20/30=2/3, F1=40/55=8/11
  [20, 5, 10, 15, 0.8, 2 / 3, 8 / 11, 0.4],
  // n=100, po=0.6, pe=(60·70 + 40·30)/10000 = 0.54 → κ=0.06/0.46=3/23;
  // P=45/60=0.75, R=45/70=9/14, F1=90/130=9/13
  [45, 15, 25, 15, 0.75, 9 / 14, 9 / 13, 3 / 23],
  // perfect agreement: po=1, pe=(10·10+10·10)/400=0.5 → κ=1
  [10, 0, 0, 10, 1, 1, 1, 1],
  // perfect disagreement: po=0, pe=(5·5+5·5)/100=0.5 → κ=−1
  [0, 5, 5, 0, 0, 0, 0, -1],
  // chance-level: po=0.5, pe=(10·10+10·10)/400=0.5 → κ=0
  [5, 5, 5, 5, 0.5, 0.5, 0.5, 0],
  // nothing predicted, nothing in gold: P, R, F1 undefined; pe=1 → κ undefined
  [0, 0, 0, 10, null, null, null, null],
  // everything positive on both sides: pe=1 → κ undefined
  [10, 0, 0, 0, 1, 1, 1, null],
  // predictions but no gold positives: recall undefined, precision 0
  [0, 4, 0, 6, 0, null, 0, 0],
  // gold positives but no predictions: precision undefined, recall 0; po=0.6, pe=(0·4+10·6)/100=0.6 → κ=0
  [0, 0, 4, 6, null, 0, 0, 0],
];

describe('labelMetrics and cohenKappa', () => {
  test.for(TABLES)('tp=%i fp=%i fn=%i tn=%i', ([tp, fp, fn, tn, precision, recall, f1, kappa]) => {
    const [gold, predicted] = vectors(tp, fp, fn, tn);
    const metrics = labelMetrics('health', gold, predicted);
    expect(metrics).toMatchObject({ label: 'health', tp, fp, fn, tn, support: tp + fn, predicted: tp + fp });
    const check = (actual: number | null, expected: number | null) => (expected === null ? expect(actual).toBeNull() : expect(actual).toBeCloseTo(expected, 12));
    check(metrics.precision, precision);
    check(metrics.recall, recall);
    check(metrics.f1, f1);
    check(metrics.cohenKappa, kappa);
    check(cohenKappa(tp, fp, fn, tn), kappa);
  });

  test('the order of sentences does not matter', () => {
    const [gold, predicted] = vectors(20, 5, 10, 15);
    const order = gold.map((_, i) => (i * 7) % gold.length);
    const shuffled = labelMetrics('x', order.map((i) => gold[i]), order.map((i) => predicted[i]));
    expect(shuffled.cohenKappa).toBeCloseTo(0.4, 12);
  });

  test('kappa is null for an empty table', () => {
    expect(cohenKappa(0, 0, 0, 0)).toBeNull();
    expect(labelMetrics('x', [], [])).toMatchObject({ precision: null, recall: null, f1: null, cohenKappa: null, support: 0 });
  });

  test.for<[(number | null)[], number | null]>([
    [[0.2, 0.4], 0.3],
    [[0.2, null, 0.4], 0.3],
    [[null, null], null],
    [[], null],
  ])('macro %j → %s', ([values, mean]) => {
    const result = macro(values);
    if (mean === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(mean, 12);
  });
});

describe('selectSubset', () => {
  const ROWS = ['s1', 's2', 's10', 's11', 'doc-3a', 'a2b7', 'x', '0', 'p-08'].map((id) => ({ id, text: id, labels: {} }));
  // [subset, ids kept]: the number at the end of the id (trailing non-digits ignored) decides
  test.for<['all' | 'odd' | 'even', string[]]>([
    ['all', ['s1', 's2', 's10', 's11', 'doc-3a', 'a2b7', 'x', '0', 'p-08']],
    ['odd', ['s1', 's11', 'doc-3a', 'a2b7']],
    ['even', ['s2', 's10', '0', 'p-08']],
  ])('%s', ([subset, ids]) => {
    expect(selectSubset(ROWS, subset).map((row) => row.id)).toEqual(ids);
  });

  test('an id\'s number longer than a double holds exactly (a tweet\'s id) is odd or even by its last digit', () => {
    const long = ['1318263423483232257', '12345678901234567', '1318263423483232258'].map((id) => ({ id, text: id, labels: {} }));
    expect(selectSubset(long, 'odd').map((row) => row.id)).toEqual(['1318263423483232257', '12345678901234567']);
    expect(selectSubset(long, 'even').map((row) => row.id)).toEqual(['1318263423483232258']);
  });

  test('odd and even split the numbered rows without overlap', () => {
    const odd = selectSubset(ROWS, 'odd').map((row) => row.id);
    const even = selectSubset(ROWS, 'even').map((row) => row.id);
    expect(odd.filter((id) => even.includes(id))).toEqual([]);
    expect([...odd, ...even].sort()).toEqual(ROWS.map((row) => row.id).filter((id) => id !== 'x').sort());
  });
});
