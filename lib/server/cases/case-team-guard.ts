import "server-only";
import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";

/*
 * What the case-team functions share: who may be put on a case's team, and how a membership
 * starts again. Rows are never deleted (a trigger refuses it): leaving sets removedAt,
 * rejoining clears it with a new addedAt, and the audit trail keeps every step.
 */

export type TeamUser = { id: string; name: string };

/** One refusal for every account that cannot be on the team: it tells the adder nothing they do not know. */
export const TEAM_CANDIDATE_MESSAGE = "Choose an active team member who may see this case";

/**
 * The user, if they may be on this case's team: an active account (admin, moderator or viewer),
 * never the one linked to the case's subject (who never sees the case).
 */
export async function teamCandidate(tx: Tx, subjectId: string, userId: string, field = "userId"): Promise<TeamUser> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, active: true, memberId: true } });
  if (!user || !user.active || (user.memberId !== null && user.memberId === subjectId)) {
    throw new AppError("invalid", TEAM_CANDIDATE_MESSAGE, { [field]: TEAM_CANDIDATE_MESSAGE });
  }
  return { id: user.id, name: user.name };
}

/** Puts the user on the team: a new row, or the earlier one started again. */
export async function startTeamMembership(
  tx: Tx,
  caseId: string,
  userId: string,
  by: { addedById: string | null; joinReason?: string | null },
): Promise<void> {
  const joinReason = by.joinReason ?? null;
  await tx.caseTeamMember.upsert({
    where: { caseId_userId: { caseId, userId } },
    create: { caseId, userId, addedById: by.addedById, joinReason },
    update: { addedById: by.addedById, joinReason, addedAt: new Date(), removedAt: null },
  });
}

/** The team as it stands, oldest membership first. */
export async function activeTeam(tx: Tx, caseId: string): Promise<TeamUser[]> {
  const rows = await tx.caseTeamMember.findMany({
    where: { caseId, removedAt: null },
    orderBy: [{ addedAt: "asc" }, { userId: "asc" }],
    select: { user: { select: { id: true, name: true } } },
  });
  return rows.map((r) => r.user);
}

export function notRestricted(): AppError {
  return new AppError("rule", "This case is not restricted: everyone on the team can see it. Restrict it to a case team first");
}
