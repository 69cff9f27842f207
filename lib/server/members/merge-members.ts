import "server-only";
import { ZMergeMembersSchema, type TMergeMembers } from "@/lib/schemas/member.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { refreshBreaches, type BreachChange } from "../cases/refresh-breaches.ts";
import { caseAccess, mayRevealReporter } from "@/lib/policy/case-access.ts";
import { encryptCaseReporter, readReporter, reportedByWhere, reporterMemberIdOf } from "../cases/case-reporter.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf } from "../cases/visibility.ts";
import { getDb, type PrismaClient, type Tx } from "../db.ts";
import { lockLadders } from "../decisions/ladder-lock.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor, type SystemActor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { assertMayEditMember } from "./assert-may-edit-member.ts";

export type MergeCounts = {
  identities: number;
  casesAsSubject: number;
  casesAsReporter: number;
  involvements: number;
  /** Involvements of the duplicate in cases that already involve the target: kept on the merged record, unchanged. */
  involvementsAlreadyOnTarget: number;
  protections: number;
  /** Protections of the duplicate by Warnings that already protect the target: kept on the merged record, unchanged. */
  protectionsAlreadyOnTarget: number;
  userLink: boolean;
};

export type MergedMembers = { sourceId: string; targetId: string; targetName: string; moved: MergeCounts; breachesChanged: BreachChange[] };

const MEMBER_SELECT = {
  id: true,
  displayName: true,
  version: true,
  mergedIntoId: true,
  user: { select: { id: true } },
  identities: { select: { space: true, handle: true } },
} as const;

type MemberRow = { id: string; displayName: string };

/**
 * Merges a duplicate record (source) into the one that remains (target), in one
 * transaction: identities, cases about the member, cases they reported, involvements,
 * no-contact protections and a linked team account all move. The source keeps its row,
 * marked as merged: nothing is deleted (a duplicate involvement or protection stays on the
 * merged record, which readers skip), and old links still resolve.
 *
 * A merge never makes a state the other paths refuse: it is refused, naming the case, when
 * one person would become both a case's subject and an involved person or its reporter, or be
 * protected by a Warning about themselves. Nobody merges their own record or one named in a
 * case they are recused from or cannot see. The members' ladders change, so their ladder locks
 * are held and every breach that rested on them is recomputed.
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
  const db = await getDb();
  try {
    return await mergeInTransaction(db, actor, data);
  } catch (error) {
    // A refusal that names a case's reporter to a moderator who may see them is a reveal: recorded,
    // in a transaction of its own (the merge's was rolled back), before the moderator reads it.
    if (error instanceof MergeRevealsReporter) {
      await db.$transaction((tx) =>
        recordAudit(tx, {
          actor: auditActorOf(actor),
          action: "reporter.revealed",
          entityType: "case",
          entityId: error.caseId,
          metadata: { number: error.caseNumber, reporterKind: "member", via: "member.merge refused" },
        }),
      );
      throw new AppError("rule", error.message);
    }
    throw error;
  }
}

/** A merge refusal whose reason tells who reported a case: its message is shown once the reveal is audited. */
class MergeRevealsReporter extends Error {
  constructor(
    message: string,
    readonly caseId: string,
    readonly caseNumber: string,
  ) {
    super(message);
  }
}

async function mergeInTransaction(db: PrismaClient, actor: Actor | SystemActor, data: TMergeMembers): Promise<MergedMembers> {
  return db.$transaction(async (tx) => {
    // Members whose ladder the merge changes: both records, and the subjects of cases that
    // involve the duplicate, were reported by it, or whose Warnings protect it. Their ladder
    // locks first (in one order), then the member rows, then the cases, then the audit chain.
    const touched = await subjectsTouchedBy(tx, data.sourceId);
    await lockLadders(tx, [data.sourceId, data.targetId, ...touched]);
    // Lock both rows in a fixed order, so two merges of the same pair queue instead of deadlocking.
    await tx.$queryRaw`SELECT "id" FROM "Member" WHERE "id" IN (${data.sourceId}::uuid, ${data.targetId}::uuid) ORDER BY "id" FOR UPDATE`;
    const source = await tx.member.findUnique({ where: { id: data.sourceId }, select: MEMBER_SELECT });
    const target = await tx.member.findUnique({ where: { id: data.targetId }, select: MEMBER_SELECT });
    if (!source) throw new AppError("not_found", "The member to merge does not exist", { sourceId: "This member does not exist" });
    if (!target) throw new AppError("not_found", "This member does not exist");
    if (source.mergedIntoId) throw new AppError("rule", `${source.displayName} was already merged into another record`);
    if (target.mergedIntoId) throw new AppError("rule", `${target.displayName} was already merged into another record`);
    // Merging moves the cases about a member: a moderator never handles their own, nor a record
    // named in a case they are recused from or cannot see.
    await assertMayEditMember(tx, actor, [source.id, target.id]);
    if (source.user && target.user) {
      throw new AppError("rule", "Both records are linked to a team account: a person has one account, so unlink one of them first");
    }
    await assertMergeKeepsCasesValid(tx, actor, source, target);

    // The duplicate is marked merged first: the database lets a no-contact protection move only
    // to the record its member was merged into (trigger "NoContactProtection_kept").
    const now = new Date();
    await tx.member.update({ where: { id: source.id }, data: { mergedIntoId: target.id, mergedAt: now, version: { increment: 1 } } });
    const moved = await moveEverything(tx, source.id, target.id, source.user?.id ?? null);
    await tx.member.update({ where: { id: target.id }, data: { version: { increment: 1 } } });

    const auditActor = auditActorOf(actor);
    // The target's history now holds the duplicate's; others' cases may now involve a protected person.
    const breachesChanged = await refreshBreaches(tx, [target.id, ...touched.filter((id) => id !== source.id)], auditActor, {
      cause: "member.merged",
      sourceId: source.id,
      targetId: target.id,
    });
    await recordAudit(tx, {
      actor: auditActor,
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
        ...(breachesChanged.length
          ? { breachesChanged: breachesChanged.map((b) => ({ case: b.caseNumber, before: b.before, after: b.after })) }
          : {}),
      },
      metadata: { sourceId: source.id, targetId: target.id, reason: data.reason },
    });
    return { sourceId: source.id, targetId: target.id, targetName: target.displayName, moved, breachesChanged };
  });
}

/** The subjects of cases whose breach can change when this member becomes another: read before the locks. */
async function subjectsTouchedBy(tx: Tx, memberId: string): Promise<string[]> {
  const rows = await tx.case.findMany({
    where: {
      OR: [
        { involved: { some: { memberId } } },
        // A Warning of such a case may protect its reporter: the same case, the same subject.
        reportedByWhere(memberId),
        { decisions: { some: { protections: { some: { memberId } } } } },
      ],
    },
    distinct: ["subjectId"],
    select: { subjectId: true },
  });
  return rows.map((r) => r.subjectId);
}

/**
 * The states no other path allows (create-case, update-case-details, record-decision refuse
 * them), which merging A into B would create: refused, naming the first case concerned, as far
 * as the actor may know it. A case hidden from the actor is never named (a generic refusal); a
 * reason that tells who reported a case (the reporter would become its subject, or a Warning
 * would protect its own subject through its reporter protection) is given only to someone who
 * may reveal that reporter, and is then recorded as a reveal; anyone else is told the case would
 * be left inconsistent.
 */
async function assertMergeKeepsCasesValid(tx: Tx, actor: Actor | SystemActor, source: MemberRow, target: MemberRow): Promise<void> {
  const pair = [source.id, target.id];
  const other = (id: string) => (id === source.id ? target : source);
  const nameOf = (id: string) => (id === source.id ? source.displayName : target.displayName);
  const bySubject = { subjectId: { in: pair } };
  const accessTo = async (caseId: string) => {
    const row = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { id: true, ...CASE_PARTIES_SELECT } });
    return caseAccess(viewerOf(actor), partiesOf(row));
  };
  const HIDDEN = "These records cannot be merged: that would leave a case inconsistent. Ask another moderator to look at it";
  const refuseAbout = async (c: { id: string; number: string }, message: string, revealsReporter: boolean) => {
    const access = await accessTo(c.id);
    if (access === "hidden" || access === "stub") throw new AppError("rule", HIDDEN);
    if (!revealsReporter) throw new AppError("rule", message);
    if ("system" in actor || mayRevealReporter(actor.role, access)) throw new MergeRevealsReporter(message, c.id, c.number);
    throw new AppError(
      "rule",
      `These records cannot be merged: case ${c.number} would be left inconsistent. A moderator who is not recused from it can see why`,
    );
  };

  const involving = await tx.case.findMany({
    where: { ...bySubject, involved: { some: { memberId: { in: pair } } } },
    orderBy: [{ year: "asc" }, { sequence: "asc" }],
    select: { id: true, number: true, subjectId: true, involved: { where: { memberId: { in: pair } }, select: { memberId: true } } },
  });
  const selfInvolved = involving.find((c) => c.involved.some((i) => i.memberId === other(c.subjectId).id));
  if (selfInvolved) {
    await refuseAbout(
      selfInvolved,
      `These records cannot be merged: case ${selfInvolved.number} is about ${nameOf(selfInvolved.subjectId)} and names ${
        other(selfInvolved.subjectId).displayName
      } as an involved person, so one person would be both its subject and involved. Correct that case first`,
      false,
    );
  }

  // Protected by name (a protection row), or as the Warning's reporter (by role: read from the case).
  const protecting = await tx.decision.findFirst({
    where: {
      AND: [
        { case: bySubject },
        {
          OR: [{ protections: { some: { memberId: { in: pair } } } }, { protectedRoles: { has: "reporter" }, case: reportedByWhere(pair) }],
        },
      ],
    },
    orderBy: { decidedAt: "asc" },
    select: {
      protectedRoles: true,
      case: { select: { id: true, number: true, subjectId: true, reporterEncrypted: true } },
      protections: { where: { memberId: { in: pair } }, select: { memberId: true } },
    },
  });
  const protectedOther = protecting ? other(protecting.case.subjectId).id : null;
  const named = !!protecting && protecting.protections.some((p) => p.memberId === protectedOther);
  const asReporter =
    !!protecting && !named && protecting.protectedRoles.includes("reporter") && reporterMemberIdOf(protecting.case) === protectedOther;
  if (protecting && (named || asReporter)) {
    await refuseAbout(
      protecting.case,
      named
        ? `These records cannot be merged: the Warning in case ${protecting.case.number} about ${nameOf(protecting.case.subjectId)} protects ${
            other(protecting.case.subjectId).displayName
          }, so one person would be protected from themselves`
        : `These records cannot be merged: the Warning in case ${protecting.case.number} about ${nameOf(protecting.case.subjectId)} protects its reporter, ${
            other(protecting.case.subjectId).displayName
          }, so one person would be protected from themselves`,
      !named,
    );
  }

  const reported = await tx.case.findFirst({
    where: {
      OR: [
        { subjectId: source.id, ...reportedByWhere(target.id) },
        { subjectId: target.id, ...reportedByWhere(source.id) },
      ],
    },
    orderBy: [{ year: "asc" }, { sequence: "asc" }],
    select: { id: true, number: true },
  });
  if (reported) {
    await refuseAbout(
      reported,
      `These records cannot be merged: case ${reported.number} would have the same person as its subject and its reporter`,
      true,
    );
  }
}

async function moveEverything(tx: Tx, sourceId: string, targetId: string, sourceUserId: string | null): Promise<MergeCounts> {
  const identities = await tx.memberIdentity.updateMany({ where: { memberId: sourceId }, data: { memberId: targetId } });
  // Cases change hands, so a case form opened before the merge must not save over it.
  const casesAsSubject = await tx.case.updateMany({
    where: { subjectId: sourceId },
    data: { subjectId: targetId, version: { increment: 1 } },
  });
  // The reporter is encrypted: each case the duplicate reported is encrypted again naming the
  // target, with the target's blind index.
  const reported = await tx.case.findMany({ where: reportedByWhere(sourceId), select: { id: true, reporterEncrypted: true } });
  for (const c of reported) {
    await tx.case.update({
      where: { id: c.id },
      data: { ...encryptCaseReporter(c.id, { ...readReporter(c), memberId: targetId }), version: { increment: 1 } },
      select: { id: true },
    });
  }
  const casesAsReporter = { count: reported.length };

  // Join rows: where the target is already there, the source's row is a duplicate of it. It
  // stays on the merged record (nothing is deleted); readers skip merged members.
  const involved = await tx.caseInvolvement.findMany({ where: { memberId: sourceId }, select: { caseId: true } });
  const involvedDupes = (
    await tx.caseInvolvement.findMany({
      where: { memberId: targetId, caseId: { in: involved.map((i) => i.caseId) } },
      select: { caseId: true },
    })
  ).map((i) => i.caseId);
  const involvements = await tx.caseInvolvement.updateMany({
    where: { memberId: sourceId, caseId: { notIn: involvedDupes } },
    data: { memberId: targetId },
  });
  const movedCases = involved.map((i) => i.caseId).filter((id) => !involvedDupes.includes(id));
  if (movedCases.length > 0) {
    // The people involved in these cases changed: a form opened before must not save over it.
    await tx.case.updateMany({ where: { id: { in: movedCases } }, data: { version: { increment: 1 } } });
  }

  const protectedBy = await tx.noContactProtection.findMany({ where: { memberId: sourceId }, select: { decisionId: true } });
  const protectionDupes = (
    await tx.noContactProtection.findMany({
      where: { memberId: targetId, decisionId: { in: protectedBy.map((p) => p.decisionId) } },
      select: { decisionId: true },
    })
  ).map((p) => p.decisionId);
  const protections = await tx.noContactProtection.updateMany({
    where: { memberId: sourceId, decisionId: { notIn: protectionDupes } },
    data: { memberId: targetId },
  });

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
