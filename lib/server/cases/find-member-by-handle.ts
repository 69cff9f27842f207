import "server-only";
import { getDb } from "../db.ts";
import { isAppError } from "../errors.ts";
import { lookupMember } from "../members/lookup-member.ts";
import { assertCan, type Actor } from "../permissions.ts";

/**
 * For the Log a case form's hint: the member a handle names (following merges), or null
 * when logging the case would create a new member. A malformed handle is simply unknown.
 */
export async function findMemberByHandle({ actor, space, handle }: { actor: Actor; space: unknown; handle: unknown }) {
  assertCan(actor, "case.create");
  const id = await lookupMember({ actor, space, handle }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "invalid") return null;
    throw error;
  });
  if (!id) return null;
  const db = await getDb();
  return db.member.findUnique({ where: { id }, select: { id: true, displayName: true } });
}
