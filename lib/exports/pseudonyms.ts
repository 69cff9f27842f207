/*
 * Public exports replace members by pseudonyms: "Member A", "Member B", … "Member Z",
 * "Member AA", … in order of first appearance. The same person gets the same pseudonym
 * within one export; a new export starts again from A, so pseudonyms cannot be linked
 * across exports with different filters.
 */

/** 0 → "A", 25 → "Z", 26 → "AA" (spreadsheet column letters). */
export function pseudonymLetters(index: number): string {
  let n = index;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

export type Pseudonyms = { of(id: string): string };

export function createPseudonyms(prefix = "Member"): Pseudonyms {
  const assigned = new Map<string, string>();
  return {
    of(id) {
      let name = assigned.get(id);
      if (!name) {
        name = `${prefix} ${pseudonymLetters(assigned.size)}`;
        assigned.set(id, name);
      }
      return name;
    },
  };
}
