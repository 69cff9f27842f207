import "server-only";
import type { TCaseStatus, TSpace } from "@/lib/schemas/vocabulary.ts";
import { visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import type { Actor } from "../permissions.ts";
import { assertCan } from "../permissions.ts";

const DAY = 24 * 60 * 60 * 1000;

export type DashboardSummary = {
  newUnassigned: number;
  awaitingDecision: number;
  myOpenCases: number;
  activeNoContact: number;
  noContactEndingSoon: number;
  recentCases: {
    id: string;
    number: string;
    status: TCaseStatus;
    space: TSpace;
    standards: string[];
    subjectName: string;
    createdAt: Date;
    assigneeName: string | null;
  }[];
};

export async function getDashboardSummary(actor: Actor): Promise<DashboardSummary> {
  assertCan(actor, "dashboard.view");
  const db = await getDb();
  const visible = visibleCasesWhere(actor);
  const now = new Date();
  const activeWarning = {
    level: "warning" as const,
    reversal: { is: null },
    noContactStartsAt: { lte: now },
    noContactEndsAt: { gt: now },
    case: visible,
  };
  const [newUnassigned, awaitingDecision, myOpenCases, activeNoContact, noContactEndingSoon, recent] = await Promise.all([
    db.case.count({ where: { ...visible, status: "new", assigneeId: null } }),
    db.case.count({ where: { ...visible, status: "investigating" } }),
    db.case.count({ where: { ...visible, assigneeId: actor.id, status: { in: ["new", "investigating"] } } }),
    db.decision.count({ where: activeWarning }),
    db.decision.count({ where: { ...activeWarning, noContactEndsAt: { gt: now, lte: new Date(now.getTime() + 14 * DAY) } } }),
    db.case.findMany({
      where: visible,
      orderBy: { createdAt: "desc" },
      take: 8,
      select: {
        id: true,
        number: true,
        status: true,
        space: true,
        standards: true,
        createdAt: true,
        subject: { select: { displayName: true } },
        assignee: { select: { name: true } },
      },
    }),
  ]);
  return {
    newUnassigned,
    awaitingDecision,
    myOpenCases,
    activeNoContact,
    noContactEndingSoon,
    recentCases: recent.map((c) => ({
      id: c.id,
      number: c.number,
      status: c.status,
      space: c.space,
      standards: c.standards,
      subjectName: c.subject.displayName,
      createdAt: c.createdAt,
      assigneeName: c.assignee?.name ?? null,
    })),
  };
}
