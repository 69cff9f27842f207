import "server-only";
import type { CaseViewer } from "@/lib/policy/case-access.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Actor, SystemActor } from "../permissions.ts";
import { reporterMemberIdOf } from "./case-reporter.ts";

/*
 * The one definition of which cases a team member may find (lib/policy/case-access.ts):
 * never a case about their own member record, and a restricted case only when they are on its
 * case team. Every query that lists, counts or loads cases for a user goes through one of
 * these: visibleCasesWhere for Prisma, visibleCasesSql for raw SQL.
 */

export function viewerOf(actor: Actor | SystemActor): CaseViewer {
  return "system" in actor ? { system: true } : { userId: actor.id, memberId: actor.memberId, role: actor.role };
}

export function visibleCasesWhere(actor: Actor | SystemActor): Prisma.CaseWhereInput {
  if ("system" in actor) return {};
  const onTeam: Prisma.CaseWhereInput = { OR: [{ restricted: false }, { team: { some: { userId: actor.id, removedAt: null } } }] };
  return actor.memberId ? { AND: [{ subjectId: { not: actor.memberId } }, onTeam] } : onTeam;
}

/** The same rule as a SQL condition on the case table under `alias` (e.g. `c`). */
export function visibleCasesSql(actor: Actor | SystemActor, alias = "c"): Prisma.Sql {
  if ("system" in actor) return Prisma.sql`TRUE`;
  const c = Prisma.raw(`"${alias}"`);
  const onTeam = Prisma.sql`(NOT ${c}."restricted" OR EXISTS (SELECT 1 FROM "CaseTeamMember" ct
      WHERE ct."caseId" = ${c}."id" AND ct."userId" = ${actor.id}::uuid AND ct."removedAt" IS NULL))`;
  return actor.memberId ? Prisma.sql`(${c}."subjectId" <> ${actor.memberId}::uuid AND ${onTeam})` : onTeam;
}

/**
 * The select that gives caseAccess what it reads from a case row. Select the case's `id` with
 * it: the reporter is encrypted, bound to its case, and partiesOf decrypts it.
 */
export const CASE_PARTIES_SELECT = {
  subjectId: true,
  reporterEncrypted: true,
  restricted: true,
  involved: { select: { memberId: true } },
  team: { where: { removedAt: null }, select: { userId: true } },
} as const satisfies Prisma.CaseSelect;

export type CasePartiesRow = {
  id: string;
  subjectId: string;
  reporterEncrypted: string | null;
  restricted: boolean;
  involved: { memberId: string }[];
  team: { userId: string }[];
};

export function partiesOf(row: CasePartiesRow) {
  return {
    subjectId: row.subjectId,
    reporterMemberId: reporterMemberIdOf(row),
    involvedMemberIds: row.involved.map((i) => i.memberId),
    restricted: row.restricted,
    teamUserIds: row.team.map((t) => t.userId),
  };
}
