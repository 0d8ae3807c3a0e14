/** Agreement of predictions with gold labels for one label. */
export interface LabelMetrics {
  readonly label: string;
  /** Gold positives. */
  readonly support: number;
  readonly predicted: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  /** null when undefined (no predictions, no support). */
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly cohenKappa: number | null;
}

/** Precision, recall, F1 and Cohen's kappa of 0/1 predictions against 0/1 gold labels. */
export function labelMetrics(label: string, gold: readonly boolean[], predicted: readonly boolean[]): LabelMetrics {
  if (gold.length !== predicted.length) throw new RangeError(`labelMetrics: ${gold.length} gold labels and ${predicted.length} predictions; give one of each per sentence`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  gold.forEach((isGold, i) => {
    if (isGold && predicted[i]) tp += 1;
    else if (predicted[i]) fp += 1;
    else if (isGold) fn += 1;
    else tn += 1;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = tp + fn > 0 ? tp / (tp + fn) : null;
  const f1 = tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
  return { label, support: tp + fn, predicted: tp + fp, tp, fp, fn, tn, precision, recall, f1, cohenKappa: cohenKappa(tp, fp, fn, tn) };
}

/** Mean Cohen's κ over every pair of coders on one label (`codes`: each coder's 0/1 codes, one per sentence, as booleans); null when no pair's κ is defined. */
export function meanPairwiseKappa(label: string, codes: readonly (readonly boolean[])[]): number | null {
  const kappas: number[] = [];
  for (let a = 0; a < codes.length; a++) {
    for (let b = a + 1; b < codes.length; b++) {
      const { cohenKappa } = labelMetrics(label, codes[a], codes[b]);
      if (cohenKappa !== null) kappas.push(cohenKappa);
    }
  }
  return macro(kappas);
}

/** Cohen's kappa for a 2×2 table (Cohen 1960): (observed − chance agreement) / (1 − chance). */
export function cohenKappa(tp: number, fp: number, fn: number, tn: number): number | null {
  const n = tp + fp + fn + tn;
  if (n === 0) return null;
  const observed = (tp + tn) / n;
  const chance = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n);
  return chance === 1 ? null : (observed - chance) / (1 - chance);
}

/** Mean of the defined values, or null. */
export function macro(values: readonly (number | null)[]): number | null {
  const defined = values.filter((value): value is number => value !== null);
  return defined.length > 0 ? defined.reduce((sum, value) => sum + value, 0) / defined.length : null;
}
