import "server-only";
import { ZLookupMemberSchema, type TLookAlike } from "@/lib/schemas/member.ts";
import { getDb } from "../db.ts";
import { findLookAlikes } from "../members/find-look-alikes.ts";
import { lookupMember } from "../members/lookup-member.ts";
import { assertCan, type Actor } from "../permissions.ts";

export type HandleHint = {
  /** The member the handle names (following merges and retired handles); null when logging the case would list a new one. */
  member: { id: string; displayName: string } | null;
  /** Listed members whose handle in this space only looks like it: "Looks like @noorh (Noor Haddad)". */
  lookAlikes: TLookAlike[];
};

const NOTHING: HandleHint = { member: null, lookAlikes: [] };

/**
 * For the Log a case form's hints: the member a handle names, or null when logging the case
 * would create one, and the members whose handle only looks like it. A malformed handle is
 * simply unknown. A reporter-only record is answered as unknown: naming it would tell whoever
 * types its handle that this person reported a case (logging the case still lands on it).
 */
export async function findMemberByHandle({ actor, space, handle }: { actor: Actor; space: unknown; handle: unknown }): Promise<HandleHint> {
  assertCan(actor, "case.create");
  const parsed = ZLookupMemberSchema.safeParse({ space, handle });
  if (!parsed.success) return NOTHING;
  const id = await lookupMember({ actor, space: parsed.data.space, handle: parsed.data.handle });
  const db = await getDb();
  const found = id ? await db.member.findUnique({ where: { id }, select: { id: true, displayName: true, reporterOnly: true } }) : null;
  if (found && !found.reporterOnly) return { member: { id: found.id, displayName: found.displayName }, lookAlikes: [] };
  // Only a handle that names nobody in the list is checked: it would otherwise start a record of its own.
  const [lookAlikes] = await findLookAlikes(db, [parsed.data], { exceptMemberId: found?.id });
  return { member: null, lookAlikes: lookAlikes ?? [] };
}
