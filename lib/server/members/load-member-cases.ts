import "server-only";
import type { LadderDecision } from "@/lib/policy/ladder.ts";
import type { THistoryCase, THistoryDecision } from "@/lib/schemas/member.ts";
import type { TLevel } from "@/lib/schemas/vocabulary.ts";
import type { PrismaClient } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { hiddenBreaches } from "../cases/breach-visibility.ts";
import { visibleCasesSql } from "../cases/visibility.ts";
import { RESTRICTED_CASE_NUMBER } from "@/lib/schemas/case-team.ts";
import type { Actor, SystemActor } from "../permissions.ts";

export type MemberCaseDecision = THistoryDecision & { protectedMemberIds: string[] };

export type MemberCase = Omit<THistoryCase, "decisions"> & { decisions: MemberCaseDecision[] };

type Row = Pick<THistoryCase, "id" | "number" | "status" | "space" | "standards" | "occurredAt"> & {
  createdAt: Date;
  breachOfNumber: string | null;
  breachOfDecisionId: string | null;
  decisionId: string | null;
  level: TLevel | null;
  decidedAt: Date | null;
  rationale: string | null;
  noContactStartsAt: Date | null;
  noContactEndsAt: Date | null;
  decidedBy: string | null;
  reversalReason: string | null;
  reversedAt: Date | null;
  reversedBy: string | null;
  protectedMemberIds: string[] | null;
};

/**
 * Every case ABOUT a member (never those they reported), in time order, each with its
 * decisions (in order), reversals, no-contact protections and the case it breaches: one
 * query, one row per decision (or per undecided case). A member page at 256 cases would
 * otherwise take a round trip per relation.
 */
export async function loadMemberCases(db: PrismaClient, memberId: string, actor: Actor | SystemActor): Promise<MemberCase[]> {
  const hidden = Prisma.sql`AND ${visibleCasesSql(actor, "c")}`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c.number, c.status::text AS status, c.space::text AS space, c.standards, c."occurredAt", c."createdAt",
           CASE WHEN bc.id IS NULL THEN NULL WHEN ${visibleCasesSql(actor, "bc")} THEN bc.number ELSE ${RESTRICTED_CASE_NUMBER} END AS "breachOfNumber", c."breachOfDecisionId",
           d.id AS "decisionId", d.level::text AS level, d."decidedAt", d.rationale, d."noContactStartsAt", d."noContactEndsAt",
           du.name AS "decidedBy", r.reason AS "reversalReason", r."reversedAt", ru.name AS "reversedBy",
           (SELECT array_agg(p."memberId"::text ORDER BY p."memberId") FROM "NoContactProtection" p WHERE p."decisionId" = d.id) AS "protectedMemberIds"
      FROM "Case" c
      LEFT JOIN "Decision" bd ON bd.id = c."breachOfDecisionId"
      LEFT JOIN "Case" bc ON bc.id = bd."caseId"
      LEFT JOIN "Decision" d ON d."caseId" = c.id
      LEFT JOIN "User" du ON du.id = d."decidedById"
      LEFT JOIN "DecisionReversal" r ON r."decisionId" = d.id
      LEFT JOIN "User" ru ON ru.id = r."reversedById"
     WHERE c."subjectId" = ${memberId}::uuid ${hidden}
     ORDER BY c."occurredAt", c.year, c.sequence, d."decidedAt", d.id`;
  const cases: MemberCase[] = [];
  // A breach that would tell who reported the Warning's case is shown only to who may reveal them.
  const breachHidden = await hiddenBreaches(
    db,
    actor,
    rows.map((r) => ({ caseId: r.id, breachOfDecisionId: r.breachOfDecisionId })),
  );
  for (const row of rows) {
    let current = cases.at(-1);
    if (current?.id !== row.id) {
      current = {
        id: row.id,
        number: row.number,
        status: row.status,
        space: row.space,
        standards: row.standards,
        occurredAt: row.occurredAt,
        loggedAt: row.createdAt,
        breachOf: row.breachOfNumber && !breachHidden.has(row.id) ? { caseNumber: row.breachOfNumber } : null,
        decisions: [],
      };
      cases.push(current);
    }
    if (row.decisionId === null) continue;
    current.decisions.push({
      id: row.decisionId,
      level: row.level,
      decidedAt: row.decidedAt!,
      decidedBy: row.decidedBy,
      rationale: row.rationale!,
      noContact: row.noContactStartsAt && row.noContactEndsAt ? { startsAt: row.noContactStartsAt, endsAt: row.noContactEndsAt } : null,
      reversal: row.reversedAt ? { reason: row.reversalReason!, reversedAt: row.reversedAt, reversedBy: row.reversedBy } : null,
      protectedMemberIds: row.protectedMemberIds ?? [],
    });
  }
  return cases;
}

/** The decisions of these cases in the shape and order loadLadderHistory gives (decidedAt, then id). */
export function ladderHistoryOf(cases: MemberCase[]): LadderDecision[] {
  return cases
    .flatMap((c) =>
      c.decisions.map((d) => ({
        id: d.id,
        caseId: c.id,
        caseNumber: c.number,
        level: d.level,
        decidedAt: d.decidedAt,
        reversed: d.reversal !== null,
        noContact: d.noContact ? { ...d.noContact, protectedMemberIds: d.protectedMemberIds } : null,
      })),
    )
    .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
