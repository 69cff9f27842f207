import "server-only";
import { z } from "zod";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { followMerges } from "./follow-merges.ts";
import { IDENTITY_ORDER } from "./identity-order.ts";

export type MemberRecord = {
  id: string;
  displayName: string;
  version: number;
  identities: { space: TSpace; handle: string }[];
  /** Set when this record was merged: where it lives now. */
  mergedIntoId: string | null;
};

/** A member's editable record (name, identities, version): no cases, so nothing confidential. */
export async function getMember({ actor, memberId }: { actor: Actor | SystemActor; memberId: string }): Promise<MemberRecord> {
  assertCan(actor, "member.view");
  if (!z.uuid().safeParse(memberId).success) throw new AppError("not_found", "This member does not exist");
  const db = await getDb();
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: {
      id: true,
      displayName: true,
      version: true,
      mergedIntoId: true,
      identities: { orderBy: IDENTITY_ORDER, select: { space: true, handle: true } },
    },
  });
  if (!member) throw new AppError("not_found", "This member does not exist");
  return { ...member, mergedIntoId: member.mergedIntoId ? await followMerges(db, member.mergedIntoId) : null };
}
