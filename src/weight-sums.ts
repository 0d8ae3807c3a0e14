/**
 * Sums of lexicon weights, kept exact. A weight has at most three decimals (the lexicon
 * schema), so a sum of weights is a whole number of thousandths; added as doubles, 0.3 + 0.3 +
 * 0.3 gives 0.8999999999999999, whose rate or index then rounds the wrong way at a tie. Sums
 * are rounded back to thousandths as they grow, and ratios are taken between whole numbers of
 * thousandths, so each figure is the double nearest its exact value.
 */

/** `sum + weight`, as the double nearest the exact sum (a whole number of thousandths). */
export function addWeight(sum: number, weight: number): number {
  const total = sum + weight;
  return Number.isInteger(total) ? total : Math.round(total * 1000) / 1000;
}

/** A sum of weights as a whole number of thousandths. */
export function thousandths(sum: number): number {
  return Math.round(sum * 1000);
}
