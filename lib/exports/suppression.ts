/*
 * Small counts in a published report can single a person out ("1 Permanent ban in
 * Discord in March"). Counts above zero and below the threshold are shown as "<threshold".
 * Zero stays zero: knowing that nothing happened identifies nobody.
 */
export type Suppressed = number | `<${number}`;

export function suppressCount(count: number, threshold: number): Suppressed {
  return count > 0 && count < threshold ? `<${threshold}` : count;
}

/** The median of a list of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
