import "server-only";
import type { TCaseStatus, TLevel } from "@/lib/schemas/vocabulary.ts";
import { caseAccess } from "@/lib/policy/case-access.ts";
import { RESTRICTED_CASE_NUMBER } from "@/lib/schemas/case-team.ts";
import { reporterMemberIdOf } from "../cases/case-reporter.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesSql, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb, type PrismaClient } from "../db.ts";
import { loadDecisionReviews } from "../decisions/load-decision-reviews.ts";
import { hiddenBreaches } from "../cases/breach-visibility.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { DAY } from "@/lib/policy/durations.ts";
const LIST_SIZE = 5;

export type CaseRow = {
  number: string;
  status: TCaseStatus;
  subjectName: string;
  createdAt: Date;
  assigneeName: string | null;
  breach: boolean;
};
export type MonthTrend = { month: string; cases: number; decisions: Record<TLevel | "none", number> };

export type DashboardSummary = {
  counts: {
    newUnassigned: number;
    awaitingDecision: number;
    myOpen: number;
    endingSoon: number;
    recentBreaches: number;
    toReview: number;
  };
  newUnassigned: CaseRow[];
  awaitingDecision: CaseRow[];
  myOpen: CaseRow[];
  endingSoon: { caseNumber: string; memberId: string; memberName: string; endsAt: Date; daysLeft: number }[];
  breaches: { caseNumber: string; memberId: string; memberName: string; breachedCaseNumber: string; createdAt: Date }[];
  /** Mandatory Permanent bans whose breach fell away (e.g. the Warning was reversed), not reviewed since: oldest first. */
  toReview: { caseNumber: string; decisionId: string; memberId: string; memberName: string; message: string; since: Date }[];
  trend: MonthTrend[];
};

const caseRowSelect = {
  id: true,
  number: true,
  status: true,
  createdAt: true,
  breachOfDecisionId: true,
  subject: { select: { displayName: true } },
  assignee: { select: { name: true } },
} satisfies Prisma.CaseSelect;

function toRow(c: Prisma.CaseGetPayload<{ select: typeof caseRowSelect }>, breachHidden: Set<string>): CaseRow {
  return {
    number: c.number,
    status: c.status,
    subjectName: c.subject.displayName,
    createdAt: c.createdAt,
    assigneeName: c.assignee?.name ?? null,
    breach: c.breachOfDecisionId !== null && !breachHidden.has(c.id),
  };
}

/** The last 12 calendar months (UTC), oldest first, as yyyy-mm. */
export function lastTwelveMonths(now: Date): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Standing mandatory decisions on visible cases that no longer breach, and whose review is still pending. */
async function decisionsToReview(db: PrismaClient, visible: Prisma.CaseWhereInput): Promise<DashboardSummary["toReview"]> {
  const candidates = await db.decision.findMany({
    where: { mandatory: true, reversal: { is: null }, case: { AND: [visible, { breachOfDecisionId: null }] } },
    select: {
      id: true,
      level: true,
      mandatory: true,
      decidedAt: true,
      case: {
        select: {
          id: true,
          number: true,
          subjectId: true,
          occurredAt: true,
          reporterEncrypted: true,
          breachOfDecisionId: true,
          changedAfterDecisionAt: true,
          involved: { select: { memberId: true } },
          subject: { select: { id: true, displayName: true } },
        },
      },
    },
  });
  const states = await loadDecisionReviews(
    db,
    candidates.map((d) => ({
      decisionId: d.id,
      level: d.level,
      mandatory: d.mandatory,
      reversed: false,
      decidedAt: d.decidedAt,
      case: { ...d.case, reporterMemberId: reporterMemberIdOf(d.case), involvedMemberIds: d.case.involved.map((i) => i.memberId) },
    })),
  );
  return candidates
    .flatMap((d) => {
      const state = states.get(d.id);
      return state?.status === "flagged"
        ? [
            {
              caseNumber: d.case.number,
              decisionId: d.id,
              memberId: d.case.subject.id,
              memberName: d.case.subject.displayName,
              message: state.message,
              since: state.since,
            },
          ]
        : [];
    })
    .sort((a, b) => a.since.getTime() - b.since.getTime());
}

/** What needs the team's attention now, and the last year's trend, as the actor may see it. */
export async function getDashboardSummary(actor: Actor, now = new Date()): Promise<DashboardSummary> {
  assertCan(actor, "dashboard.view");
  const db = await getDb();
  const visible = visibleCasesWhere(actor);
  const soon = new Date(now.getTime() + 14 * DAY);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const hidden = Prisma.sql`AND ${visibleCasesSql(actor, "c")}`;

  const newWhere: Prisma.CaseWhereInput = { ...visible, status: "new", assigneeId: null };
  const awaitingWhere: Prisma.CaseWhereInput = { ...visible, status: "investigating" };
  const myWhere: Prisma.CaseWhereInput = { ...visible, assigneeId: actor.id, status: { in: ["new", "investigating"] } };
  const endingWhere: Prisma.DecisionWhereInput = {
    level: "warning",
    reversal: { is: null },
    noContactStartsAt: { lte: now },
    noContactEndsAt: { gt: now, lte: soon },
    case: visible,
  };
  const breachWhere: Prisma.CaseWhereInput = {
    ...visible,
    breachOfDecisionId: { not: null },
    createdAt: { gte: new Date(now.getTime() - 30 * DAY) },
  };

  const [counts, newUnassigned, awaitingDecision, myOpen, ending, breaches, caseMonths, decisionMonths, toReview] = await Promise.all([
    Promise.all([
      db.case.count({ where: newWhere }),
      db.case.count({ where: awaitingWhere }),
      db.case.count({ where: myWhere }),
      db.decision.count({ where: endingWhere }),
    ]),
    db.case.findMany({ where: newWhere, orderBy: { createdAt: "asc" }, take: LIST_SIZE, select: caseRowSelect }),
    db.case.findMany({ where: awaitingWhere, orderBy: { createdAt: "asc" }, take: LIST_SIZE, select: caseRowSelect }),
    db.case.findMany({ where: myWhere, orderBy: { createdAt: "asc" }, take: LIST_SIZE, select: caseRowSelect }),
    db.decision.findMany({
      where: endingWhere,
      orderBy: { noContactEndsAt: "asc" },
      take: LIST_SIZE,
      select: { noContactEndsAt: true, case: { select: { number: true, subject: { select: { id: true, displayName: true } } } } },
    }),
    // Every breach of the last 30 days (a handful): some may not be shown to this actor, and the count must match the list.
    db.case.findMany({
      where: breachWhere,
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        breachOfDecisionId: true,
        number: true,
        createdAt: true,
        subject: { select: { id: true, displayName: true } },
        breachOfDecision: { select: { case: { select: { id: true, number: true, ...CASE_PARTIES_SELECT } } } },
      },
    }),
    db.$queryRaw<{ month: string; n: bigint }[]>`
      SELECT to_char(date_trunc('month', c."createdAt"), 'YYYY-MM') AS month, count(*) AS n
      FROM "Case" c WHERE c."createdAt" >= ${monthStart} ${hidden} GROUP BY 1`,
    db.$queryRaw<{ month: string; level: TLevel | null; n: bigint }[]>`
      SELECT to_char(date_trunc('month', d."decidedAt"), 'YYYY-MM') AS month, d.level::text AS level, count(*) AS n
      FROM "Decision" d JOIN "Case" c ON c.id = d."caseId"
      WHERE d."decidedAt" >= ${monthStart} ${hidden} GROUP BY 1, 2`,
    decisionsToReview(db, visible),
  ]);

  // A breach that would tell who reported the Warning's case is shown only to who may reveal them.
  const breachHidden = await hiddenBreaches(
    db,
    actor,
    [...newUnassigned, ...awaitingDecision, ...myOpen, ...breaches].map((c) => ({
      caseId: c.id,
      breachOfDecisionId: c.breachOfDecisionId,
    })),
  );
  const shownBreaches = breaches.filter((b) => !breachHidden.has(b.id));

  const trend: MonthTrend[] = lastTwelveMonths(now).map((month) => ({
    month,
    cases: 0,
    decisions: { reminder: 0, warning: 0, permanent_ban: 0, none: 0 },
  }));
  const byMonth = new Map(trend.map((t) => [t.month, t]));
  for (const row of caseMonths) {
    const t = byMonth.get(row.month);
    if (t) t.cases = Number(row.n);
  }
  for (const row of decisionMonths) {
    const t = byMonth.get(row.month);
    if (t) t.decisions[row.level ?? "none"] += Number(row.n);
  }

  return {
    counts: {
      newUnassigned: counts[0],
      awaitingDecision: counts[1],
      myOpen: counts[2],
      endingSoon: counts[3],
      recentBreaches: shownBreaches.length,
      toReview: toReview.length,
    },
    newUnassigned: newUnassigned.map((c) => toRow(c, breachHidden)),
    awaitingDecision: awaitingDecision.map((c) => toRow(c, breachHidden)),
    myOpen: myOpen.map((c) => toRow(c, breachHidden)),
    endingSoon: ending.map((d) => ({
      caseNumber: d.case.number,
      memberId: d.case.subject.id,
      memberName: d.case.subject.displayName,
      endsAt: d.noContactEndsAt!,
      daysLeft: Math.ceil((d.noContactEndsAt!.getTime() - now.getTime()) / DAY),
    })),
    breaches: shownBreaches.slice(0, LIST_SIZE).map((b) => ({
      caseNumber: b.number,
      memberId: b.subject.id,
      memberName: b.subject.displayName,
      // The Warning's case may be restricted to a team the actor is not on: the breach stands, unnamed.
      breachedCaseNumber: !b.breachOfDecision
        ? ""
        : ["full", "recused"].includes(caseAccess(viewerOf(actor), partiesOf(b.breachOfDecision.case)))
          ? b.breachOfDecision.case.number
          : RESTRICTED_CASE_NUMBER,
      createdAt: b.createdAt,
    })),
    toReview: toReview.slice(0, LIST_SIZE),
    trend,
  };
}
