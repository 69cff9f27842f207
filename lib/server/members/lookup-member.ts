import "server-only";
import { ZLookupMemberSchema } from "@/lib/schemas/member.ts";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { followMerges } from "./follow-merges.ts";

/**
 * The id of the member holding a handle in a space (compared as normalizeHandle does), or
 * null. A retired handle still leads to its member, and a handle on a merged record to the
 * record it was merged into: nobody escapes their history by changing handles.
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
  // The identity and its member in one query (the unique (space, handleNormalized) index answers it).
  const [member] = await db.$queryRaw<{ id: string; mergedIntoId: string | null; reporterOnly: boolean }[]>`
    SELECT m.id, m."mergedIntoId", m."reporterOnly"
      FROM "MemberIdentity" i JOIN "Member" m ON m.id = i."memberId"
     WHERE i.space = ${data.space}::"Space" AND i."handleNormalized" = ${normalizeHandle(data.handle)}`;
  if (!member) return null;
  const id = member.mergedIntoId ? await followMerges(db, member.mergedIntoId) : member.id;
  if (!id || "system" in actor) return id;
  // A record that exists only as a case's confidential reporter answers like a handle nobody
  // holds: that it exists at all would tell who reported.
  const target = id === member.id ? member : await db.member.findUnique({ where: { id }, select: { reporterOnly: true } });
  return target?.reporterOnly ? null : id;
}
