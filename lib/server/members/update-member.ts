import "server-only";
import { ZUpdateMemberSchema, type TUpdateMember } from "@/lib/schemas/member.ts";
import { normalizeHandle } from "@/lib/schemas/vocabulary.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { assertHandlesFree, rethrowHandleRace } from "./assert-handles-free.ts";
import { IDENTITY_ORDER } from "./identity-order.ts";

export const STALE_MEMBER_MESSAGE = "This member was changed by someone else";

export type UpdatedMember = { id: string; displayName: string; version: number };

/**
 * Renames a member and adds, removes or changes their identities. The input names the
 * version the editor read: when someone saved in between, nothing is written and the
 * editor is told (optimistic versioning, never a silent overwrite).
 */
export async function updateMember({
  actor,
  input,
}: {
  actor: Actor | SystemActor;
  input: TUpdateMember | unknown;
}): Promise<UpdatedMember> {
  assertCan(actor, "member.update");
  const data = parseInput(ZUpdateMemberSchema, input);
  const wanted = data.identities.map((i) => ({ space: i.space, handle: i.handle, handleNormalized: normalizeHandle(i.handle) }));
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const member = await tx.member.findUnique({
        where: { id: data.memberId },
        select: {
          id: true,
          displayName: true,
          version: true,
          mergedIntoId: true,
          identities: { orderBy: IDENTITY_ORDER, select: { id: true, space: true, handle: true, handleNormalized: true } },
        },
      });
      if (!member) throw new AppError("not_found", "This member does not exist");
      if (member.mergedIntoId) throw new AppError("rule", "This record was merged into another member: edit that one instead");
      if (member.version !== data.version) throw new AppError("conflict", STALE_MEMBER_MESSAGE);
      await assertHandlesFree(tx, wanted, { exceptMemberId: member.id });

      const key = (i: { space: string; handleNormalized: string }) => `${i.space}:${i.handleNormalized}`;
      const current = new Map(member.identities.map((i) => [key(i), i]));
      const next = new Map(wanted.map((i) => [key(i), i]));
      const removed = member.identities.filter((i) => !next.has(key(i)));
      const added = wanted.filter((i) => !current.has(key(i)));
      const respelled = wanted.filter((i) => current.has(key(i)) && current.get(key(i))!.handle !== i.handle);

      if (data.displayName === member.displayName && removed.length + added.length + respelled.length === 0) {
        return { id: member.id, displayName: member.displayName, version: member.version };
      }

      // The version check and the write are one statement: a concurrent save makes it match nothing.
      const { count } = await tx.member.updateMany({
        where: { id: member.id, version: data.version },
        data: { displayName: data.displayName, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("conflict", STALE_MEMBER_MESSAGE);
      if (removed.length > 0) await tx.memberIdentity.deleteMany({ where: { id: { in: removed.map((i) => i.id) } } });
      for (const i of respelled) await tx.memberIdentity.update({ where: { id: current.get(key(i))!.id }, data: { handle: i.handle } });
      if (added.length > 0) await tx.memberIdentity.createMany({ data: added.map((i) => ({ ...i, memberId: member.id })) });

      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "member.updated",
        entityType: "member",
        entityId: member.id,
        before: { displayName: member.displayName, identities: member.identities.map(({ space, handle }) => ({ space, handle })) },
        after: { displayName: data.displayName, identities: wanted.map(({ space, handle }) => ({ space, handle })) },
        metadata: { version: data.version + 1 },
      });
      return { id: member.id, displayName: data.displayName, version: data.version + 1 };
    });
  } catch (error) {
    return rethrowHandleRace(error, db, wanted, { exceptMemberId: data.memberId });
  }
}
