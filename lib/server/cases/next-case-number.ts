import "server-only";
import { formatCaseNumber } from "@/lib/schemas/vocabulary.ts";
import type { Tx } from "../db.ts";

/**
 * Takes the next case number of the year inside the caller's transaction. The counter
 * row stays locked until that transaction ends, so concurrent creations queue, and a
 * rolled-back creation gives its number back: no gaps, no duplicates.
 */
export async function nextCaseNumber(tx: Tx, year: number): Promise<{ year: number; sequence: number; number: string }> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "CaseNumberCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "CaseNumberCounter"."last" + 1
    RETURNING "last"`;
  const sequence = Number(rows[0]!.last);
  return { year, sequence, number: formatCaseNumber(year, sequence) };
}
