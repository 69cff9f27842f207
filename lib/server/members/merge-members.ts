import "server-only";
import { ZMergeMembersSchema, type TMergeMembers } from "@/lib/schemas/member.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

export type MergeCounts = {
  identities: number;
  casesAsSubject: number;
  casesAsReporter: number;
  involvements: number;
  involvementsAlreadyOnTarget: number;
  protections: number;
  protectionsAlreadyOnTarget: number;
  userLink: boolean;
};

export type MergedMembers = { sourceId: string; targetId: string; targetName: string; moved: MergeCounts };

const MEMBER_SELECT = {
  id: true,
  displayName: true,
  version: true,
  mergedIntoId: true,
  user: { select: { id: true } },
  identities: { select: { space: true, handle: true } },
} as const;

/**
 * Merges a duplicate record (source) into the one that remains (target), in one
 * transaction: identities, cases about the member, cases they reported, involvements,
 * no-contact protections and a linked team account all move. The source keeps its row,
 * marked as merged: nothing is deleted, and old links still resolve.
 */
export async function mergeMembers({
  actor,
  input,
}: {
  actor: Actor | SystemActor;
  input: TMergeMembers | unknown;
}): Promise<MergedMembers> {
  assertCan(actor, "member.merge");
  const data = parseInput(ZMergeMembersSchema, input);
  if (!("system" in actor) && actor.memberId && [data.sourceId, data.targetId].includes(actor.memberId)) {
    // Merging moves the cases about a member: a moderator never handles their own.
    throw new AppError("forbidden", "You cannot merge your own member record: ask another moderator");
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Lock both rows in a fixed order, so two merges of the same pair queue instead of deadlocking.
    await tx.$queryRaw`SELECT "id" FROM "Member" WHERE "id" IN (${data.sourceId}::uuid, ${data.targetId}::uuid) ORDER BY "id" FOR UPDATE`;
    const source = await tx.member.findUnique({ where: { id: data.sourceId }, select: MEMBER_SELECT });
    const target = await tx.member.findUnique({ where: { id: data.targetId }, select: MEMBER_SELECT });
    if (!source) throw new AppError("not_found", "The member to merge does not exist", { sourceId: "This member does not exist" });
    if (!target) throw new AppError("not_found", "This member does not exist");
    if (source.mergedIntoId) throw new AppError("rule", `${source.displayName} was already merged into another record`);
    if (target.mergedIntoId) throw new AppError("rule", `${target.displayName} was already merged into another record`);
    if (source.user && target.user) {
      throw new AppError("rule", "Both records are linked to a team account: a person has one account, so unlink one of them first");
    }

    const moved = await moveEverything(tx, source.id, target.id, source.user?.id ?? null);
    const now = new Date();
    await tx.member.update({ where: { id: source.id }, data: { mergedIntoId: target.id, mergedAt: now, version: { increment: 1 } } });
    await tx.member.update({ where: { id: target.id }, data: { version: { increment: 1 } } });

    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "member.merged",
      entityType: "member",
      entityId: target.id,
      before: {
        source: { id: source.id, displayName: source.displayName, identities: source.identities, mergedIntoId: null },
        target: { id: target.id, displayName: target.displayName, identities: target.identities },
      },
      after: {
        source: { id: source.id, mergedIntoId: target.id, mergedAt: now.toISOString() },
        target: { id: target.id, identities: [...target.identities, ...source.identities] },
        moved,
      },
      metadata: { sourceId: source.id, targetId: target.id, reason: data.reason },
    });
    return { sourceId: source.id, targetId: target.id, targetName: target.displayName, moved };
  });
}

async function moveEverything(tx: Tx, sourceId: string, targetId: string, sourceUserId: string | null): Promise<MergeCounts> {
  const identities = await tx.memberIdentity.updateMany({ where: { memberId: sourceId }, data: { memberId: targetId } });
  // Cases change hands, so a case form opened before the merge must not save over it.
  const casesAsSubject = await tx.case.updateMany({
    where: { subjectId: sourceId },
    data: { subjectId: targetId, version: { increment: 1 } },
  });
  const casesAsReporter = await tx.case.updateMany({
    where: { reporterMemberId: sourceId },
    data: { reporterMemberId: targetId, version: { increment: 1 } },
  });

  // Join rows: where the target is already there, the source's row is a duplicate of it.
  const involved = await tx.caseInvolvement.findMany({ where: { memberId: sourceId }, select: { caseId: true } });
  const involvedDupes = (
    await tx.caseInvolvement.findMany({
      where: { memberId: targetId, caseId: { in: involved.map((i) => i.caseId) } },
      select: { caseId: true },
    })
  ).map((i) => i.caseId);
  if (involvedDupes.length > 0) await tx.caseInvolvement.deleteMany({ where: { memberId: sourceId, caseId: { in: involvedDupes } } });
  const involvements = await tx.caseInvolvement.updateMany({ where: { memberId: sourceId }, data: { memberId: targetId } });

  const protectedBy = await tx.noContactProtection.findMany({ where: { memberId: sourceId }, select: { decisionId: true } });
  const protectionDupes = (
    await tx.noContactProtection.findMany({
      where: { memberId: targetId, decisionId: { in: protectedBy.map((p) => p.decisionId) } },
      select: { decisionId: true },
    })
  ).map((p) => p.decisionId);
  if (protectionDupes.length > 0) {
    await tx.noContactProtection.deleteMany({ where: { memberId: sourceId, decisionId: { in: protectionDupes } } });
  }
  const protections = await tx.noContactProtection.updateMany({ where: { memberId: sourceId }, data: { memberId: targetId } });

  if (sourceUserId) await tx.user.update({ where: { id: sourceUserId }, data: { memberId: targetId } });

  return {
    identities: identities.count,
    casesAsSubject: casesAsSubject.count,
    casesAsReporter: casesAsReporter.count,
    involvements: involvements.count,
    involvementsAlreadyOnTarget: involvedDupes.length,
    protections: protections.count,
    protectionsAlreadyOnTarget: protectionDupes.length,
    userLink: sourceUserId !== null,
  };
}
