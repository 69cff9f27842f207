import "server-only";
import type { LadderDecision } from "@/lib/policy/ladder.ts";
import type { PrismaClient, Tx } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { reporterMemberIdOf } from "../cases/case-reporter.ts";

/**
 * The ladder histories of many members in one query (a list page must not ask once per
 * row). Same shape as loadLadderHistory; `caseWhere` narrows the cases, e.g. to those
 * the viewer may see.
 */
export async function loadLadderHistories(
  db: Tx | PrismaClient,
  memberIds: string[],
  caseWhere: Prisma.CaseWhereInput = {},
): Promise<Map<string, LadderDecision[]>> {
  const histories = new Map<string, LadderDecision[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0) return histories;
  const decisions = await db.decision.findMany({
    where: { case: { AND: [{ subjectId: { in: memberIds } }, caseWhere] } },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      caseId: true,
      level: true,
      decidedAt: true,
      noContactStartsAt: true,
      noContactEndsAt: true,
      case: { select: { id: true, number: true, subjectId: true, reporterEncrypted: true } },
      reversal: { select: { id: true } },
      protections: { select: { memberId: true } },
      protectedRoles: true,
    },
  });
  for (const d of decisions) {
    // Whom the Warning protects: the members of its rows, and its case's reporter when it protects
    // them by role (no row names a reporter: the case holds them, encrypted).
    const protectedIds = d.protections.map((p) => p.memberId);
    const reporterId = d.protectedRoles.includes("reporter") ? reporterMemberIdOf(d.case) : null;
    if (reporterId && !protectedIds.includes(reporterId)) protectedIds.push(reporterId);
    histories.get(d.case.subjectId)?.push({
      id: d.id,
      caseId: d.caseId,
      caseNumber: d.case.number,
      level: d.level,
      decidedAt: d.decidedAt,
      reversed: d.reversal !== null,
      noContact:
        d.noContactStartsAt && d.noContactEndsAt
          ? { startsAt: d.noContactStartsAt, endsAt: d.noContactEndsAt, protectedMemberIds: protectedIds }
          : null,
    });
  }
  return histories;
}
