import "server-only";
import { ZLookupMemberSchema } from "@/lib/schemas/member.ts";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";

/**
 * For the Log a case form's hint: the member a handle names (following merges), or null
 * when logging the case would create a new member. A malformed handle is simply unknown.
 */
export async function findMemberByHandle({ actor, space, handle }: { actor: Actor; space: unknown; handle: unknown }) {
  assertCan(actor, "case.create");
  const parsed = ZLookupMemberSchema.safeParse({ space, handle });
  if (!parsed.success) return null;
  const db = await getDb();
  const identity = await db.memberIdentity.findUnique({
    where: { space_handleNormalized: { space: parsed.data.space, handleNormalized: normalizeHandle(parsed.data.handle) } },
    select: { member: { select: { id: true, displayName: true, mergedIntoId: true } } },
  });
  if (!identity) return null;
  let member = identity.member;
  for (let hops = 0; member.mergedIntoId && hops < 10; hops++) {
    const next = await db.member.findUnique({
      where: { id: member.mergedIntoId },
      select: { id: true, displayName: true, mergedIntoId: true },
    });
    if (!next) break;
    member = next;
  }
  return { id: member.id, displayName: member.displayName };
}
