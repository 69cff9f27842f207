const count = new Intl.NumberFormat("en-GB");

/** A count as people read it: "67,108", not "67108". */
export function formatCount(value: number | bigint): string {
  return count.format(value);
}
