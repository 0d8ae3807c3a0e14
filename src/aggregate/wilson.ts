/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `successes / trials` (Wilson 1927), 95% by default.
 * Returns null when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): [low: number, high: number] | null {
  if (trials <= 0) return null;
  if (!(successes >= 0 && successes <= trials * (1 + 1e-12))) throw new RangeError(`wilsonInterval: successes must be from 0 to trials (${trials}), got ${successes}`);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
