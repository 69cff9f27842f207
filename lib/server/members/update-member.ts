import "server-only";
import { handleKeys } from "@/lib/schemas/handle-skeleton.ts";
import { ZUpdateMemberSchema, type TUpdateMember } from "@/lib/schemas/member.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { assertHandlesFree, rethrowHandleRace } from "./assert-handles-free.ts";
import { assertMayEditMember } from "./assert-may-edit-member.ts";
import { assertNoLookAlikes } from "./assert-no-look-alikes.ts";
import { IDENTITY_ORDER } from "./identity-order.ts";

export const STALE_MEMBER_MESSAGE = "This member was changed by someone else";

export type UpdatedMember = { id: string; displayName: string; version: number };

const key = (i: { space: string; handleNormalized: string }) => `${i.space}:${i.handleNormalized}`;
const shown = ({ space, handle }: { space: string; handle: string }) => ({ space, handle });

/**
 * Renames a member and adds, removes or changes their identities. The input names the
 * version the editor read: when someone saved in between, nothing is written and the
 * editor is told (optimistic versioning, never a silent overwrite).
 *
 * Identities are never lost: a removed one is retired (retiredAt, retiredById) and still
 * leads to the member; typing a retired handle of this member again brings it back. Nobody
 * edits their own record, nor one named in a case they are recused from or hidden from
 * (assertMayEditMember). member.updated keeps the current identities before and after, and
 * lists what was retired and restored.
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
  const wanted = data.identities.map((i) => ({ space: i.space, handle: i.handle, ...handleKeys(i.handle) }));
  const db = await getDb();
  const actorId = "system" in actor ? null : actor.id;
  try {
    return await db.$transaction(async (tx) => {
      const member = await tx.member.findUnique({
        where: { id: data.memberId },
        select: {
          id: true,
          displayName: true,
          version: true,
          mergedIntoId: true,
          reporterOnly: true,
          identities: {
            orderBy: IDENTITY_ORDER,
            select: { id: true, space: true, handle: true, handleNormalized: true, skeleton: true, retiredAt: true },
          },
        },
      });
      // A record that exists only as a case's confidential reporter is edited by nobody: it has no page.
      if (!member || (member.reporterOnly && !("system" in actor))) throw new AppError("not_found", "This member does not exist");
      await assertMayEditMember(tx, actor, [member.id]);
      if (member.mergedIntoId) throw new AppError("rule", "This record was merged into another member: edit that one instead");
      if (member.version !== data.version) throw new AppError("conflict", STALE_MEMBER_MESSAGE);
      await assertHandlesFree(tx, wanted, { exceptMemberId: member.id });

      const active = member.identities.filter((i) => i.retiredAt === null);
      const rows = new Map(member.identities.map((i) => [key(i), i]));
      const next = new Set(wanted.map(key));
      const retired = active.filter((i) => !next.has(key(i)));
      const restored = wanted.filter((i) => rows.get(key(i))?.retiredAt);
      const added = wanted.filter((i) => !rows.has(key(i)));
      const respelled = wanted.filter((i) => {
        const row = rows.get(key(i));
        return row && row.retiredAt === null && (row.handle !== i.handle || row.skeleton !== i.skeleton);
      });
      // Only handles new to this record are checked against look-alikes: the ones it holds or held were its own.
      await assertNoLookAlikes(tx, data.identities, { exceptMemberId: member.id, skip: (index) => rows.has(key(wanted[index]!)) });

      if (data.displayName === member.displayName && retired.length + restored.length + added.length + respelled.length === 0) {
        return { id: member.id, displayName: member.displayName, version: member.version };
      }

      // The version check and the write are one statement: a concurrent save makes it match nothing.
      const { count } = await tx.member.updateMany({
        where: { id: member.id, version: data.version },
        data: { displayName: data.displayName, version: { increment: 1 } },
      });
      if (count === 0) throw new AppError("conflict", STALE_MEMBER_MESSAGE);
      if (retired.length > 0) {
        await tx.memberIdentity.updateMany({
          where: { id: { in: retired.map((i) => i.id) }, retiredAt: null },
          data: { retiredAt: new Date(), retiredById: actorId },
        });
      }
      for (const i of restored) {
        await tx.memberIdentity.update({
          where: { id: rows.get(key(i))!.id },
          data: { handle: i.handle, skeleton: i.skeleton, retiredAt: null, retiredById: null },
        });
      }
      for (const i of respelled) {
        await tx.memberIdentity.update({ where: { id: rows.get(key(i))!.id }, data: { handle: i.handle, skeleton: i.skeleton } });
      }
      if (added.length > 0) await tx.memberIdentity.createMany({ data: added.map((i) => ({ ...i, memberId: member.id })) });

      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "member.updated",
        entityType: "member",
        entityId: member.id,
        before: { displayName: member.displayName, identities: active.map(shown) },
        after: { displayName: data.displayName, identities: wanted.map(shown) },
        metadata: {
          version: data.version + 1,
          ...(retired.length > 0 ? { retired: retired.map(shown) } : {}),
          ...(restored.length > 0 ? { restored: restored.map(shown) } : {}),
        },
      });
      return { id: member.id, displayName: data.displayName, version: data.version + 1 };
    });
  } catch (error) {
    return rethrowHandleRace(error, db, wanted, { exceptMemberId: data.memberId });
  }
}
