import "server-only";
import { lookAlikeMessage } from "@/lib/schemas/member.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import type { PrismaClient, Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { findLookAlikes } from "./find-look-alikes.ts";

export const DIFFERENT_PERSON_LABEL = "This is a different person";

/**
 * Refuses, beside each field, a handle that only looks like another member's (`nооrh` with
 * Cyrillic о beside Noor Haddad's `noorh`) unless its row confirms "This is a different person"
 * (distinct): an impersonator's handle should land on a record of its own only when someone
 * chose so. `identities.N.lookAlike` carries the look-alike member's id, for the form's link.
 */
export async function assertNoLookAlikes(
  db: Tx | PrismaClient,
  rows: { space: TSpace; handle: string; distinct?: boolean }[],
  options: { exceptMemberId?: string; skip?: (index: number) => boolean } = {},
): Promise<void> {
  const checked = rows.map((row, index) => ({ row, index })).filter(({ row, index }) => !row.distinct && !options.skip?.(index));
  if (checked.length === 0) return;
  const found = await findLookAlikes(
    db,
    checked.map((c) => c.row),
    { exceptMemberId: options.exceptMemberId },
  );
  const fields: Record<string, string> = {};
  checked.forEach(({ index }, n) => {
    const first = found[n]![0];
    if (!first) return;
    fields[`identities.${index}.handle`] = `${lookAlikeMessage(first)}. If this is someone else, tick “${DIFFERENT_PERSON_LABEL}”`;
    fields[`identities.${index}.lookAlike`] = first.memberId;
  });
  const messages = Object.entries(fields).filter(([key]) => key.endsWith(".handle"));
  if (messages.length > 0) throw new AppError("conflict", messages[0]![1], fields);
}
