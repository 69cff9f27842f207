import "server-only";
import type { LadderDecision } from "@/lib/policy/ladder.ts";
import type { PrismaClient, Tx } from "../db.ts";

/** Every decision on cases against the member, in the shape the ladder policy reads. */
export async function loadLadderHistory(
  db: Tx | PrismaClient,
  memberId: string,
  options: { excludeCaseId?: string } = {},
): Promise<LadderDecision[]> {
  const decisions = await db.decision.findMany({
    where: { case: { subjectId: memberId, ...(options.excludeCaseId ? { id: { not: options.excludeCaseId } } : {}) } },
    orderBy: { decidedAt: "asc" },
    select: {
      id: true,
      caseId: true,
      level: true,
      decidedAt: true,
      noContactStartsAt: true,
      noContactEndsAt: true,
      case: { select: { number: true } },
      reversal: { select: { id: true } },
      protections: { select: { memberId: true } },
    },
  });
  return decisions.map((d) => ({
    id: d.id,
    caseId: d.caseId,
    caseNumber: d.case.number,
    level: d.level,
    decidedAt: d.decidedAt,
    reversed: d.reversal !== null,
    noContact:
      d.noContactStartsAt && d.noContactEndsAt
        ? { startsAt: d.noContactStartsAt, endsAt: d.noContactEndsAt, protectedMemberIds: d.protections.map((p) => p.memberId) }
        : null,
  }));
}
