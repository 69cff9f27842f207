import "server-only";
import { handleKeys } from "@/lib/schemas/handle-skeleton.ts";
import { ZCreateMemberSchema, type TCreateMember } from "@/lib/schemas/member.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { assertHandlesFree, rethrowHandleRace } from "./assert-handles-free.ts";
import { assertNoLookAlikes } from "./assert-no-look-alikes.ts";

export type CreatedMember = { id: string; displayName: string };

/**
 * Adds a community member with their identities. A handle someone else holds or held is refused,
 * naming them (but never a reporter-only record's holder); a handle that only looks like another
 * member's is refused unless the row says "This is a different person".
 */
export async function createMember({
  actor,
  input,
}: {
  actor: Actor | SystemActor;
  input: TCreateMember | unknown;
}): Promise<CreatedMember> {
  assertCan(actor, "member.update");
  const data = parseInput(ZCreateMemberSchema, input);
  const identities = data.identities.map((i) => ({ space: i.space, handle: i.handle, ...handleKeys(i.handle) }));
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      await assertHandlesFree(tx, identities);
      await assertNoLookAlikes(tx, data.identities);
      const member = await tx.member.create({
        data: { displayName: data.displayName, identities: { create: identities } },
        select: { id: true, displayName: true },
      });
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "member.created",
        entityType: "member",
        entityId: member.id,
        after: { displayName: member.displayName, identities: identities.map(({ space, handle }) => ({ space, handle })) },
      });
      return member;
    });
  } catch (error) {
    return rethrowHandleRace(error, db, identities);
  }
}
