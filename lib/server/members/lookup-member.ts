import "server-only";
import { ZLookupMemberSchema } from "@/lib/schemas/member.ts";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { followMerges } from "./follow-merges.ts";

/**
 * The id of the member holding a handle in a space (case-insensitive, "@" ignored), or
 * null. A handle on a merged record resolves to the record it was merged into.
 */
export async function lookupMember({
  actor,
  space,
  handle,
}: {
  actor: Actor | SystemActor;
  space: unknown;
  handle: unknown;
}): Promise<string | null> {
  assertCan(actor, "member.view");
  const data = parseInput(ZLookupMemberSchema, { space, handle });
  const db = await getDb();
  const identity = await db.memberIdentity.findUnique({
    where: { space_handleNormalized: { space: data.space, handleNormalized: normalizeHandle(data.handle) } },
    select: { member: { select: { id: true, mergedIntoId: true } } },
  });
  if (!identity) return null;
  return identity.member.mergedIntoId ? followMerges(db, identity.member.mergedIntoId) : identity.member.id;
}
