import "server-only";
import { buildTransparencyReport, reportPeriods, type TransparencyReport } from "@/lib/exports/transparency.ts";
import { ZTransparencyInput } from "@/lib/schemas/export.ts";
import { visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

/**
 * The aggregate transparency report for the periods asked, from the cases the actor may
 * see (a moderator who is the subject of a case is not counted it in either). Only the
 * columns the counts need are read; no names, no free text.
 */
export async function getTransparencyReport({ actor, input }: { actor: Actor; input: unknown }): Promise<TransparencyReport> {
  assertCan(actor, "export.create");
  const options = parseInput(ZTransparencyInput, input);
  const periods = reportPeriods(options.period, options.year);
  const range = { gte: periods[0]!.start, lt: periods[periods.length - 1]!.end };
  const visible = visibleCasesWhere(actor);
  const db = await getDb();
  const [cases, decisions, dismissals, reversals] = await Promise.all([
    db.case.findMany({ where: { AND: [visible, { createdAt: range }] }, select: { createdAt: true, space: true, standards: true } }),
    db.decision.findMany({
      where: { decidedAt: range, case: visible },
      select: { decidedAt: true, level: true, case: { select: { createdAt: true } } },
    }),
    db.caseStatusChange.findMany({
      where: { to: "dismissed", createdAt: range, case: visible },
      orderBy: { createdAt: "asc" },
      select: { caseId: true, createdAt: true },
    }),
    db.decisionReversal.findMany({ where: { reversedAt: range, decision: { case: visible } }, select: { reversedAt: true } }),
  ]);
  // A case dismissed, reopened and dismissed again has one outcome: its last dismissal.
  const lastDismissal = new Map<string, Date>();
  for (const d of dismissals) lastDismissal.set(d.caseId, d.createdAt);
  return buildTransparencyReport(
    {
      cases,
      decisions: decisions.map((d) => ({ decidedAt: d.decidedAt, level: d.level, caseCreatedAt: d.case.createdAt })),
      dismissals: [...lastDismissal.values()].map((at) => ({ at })),
      reversals: reversals.map((r) => ({ at: r.reversedAt })),
    },
    options,
  );
}
