import "server-only";
import { findBreach } from "@/lib/policy/ladder.ts";
import { recordAudit, type AuditActor } from "../audit.ts";
import type { Tx } from "../db.ts";
import { loadLadderHistory } from "../members/load-ladder-history.ts";
import { reporterMemberIdOf } from "./case-reporter.ts";

export type BreachChange = { caseId: string; caseNumber: string; before: string | null; after: string | null };

type PendingChange = BreachChange & { decisionId: string | null; beforeDecisionId: string | null };

/**
 * A breach follows the truth: recomputes, for every case about the member, whether it breaches
 * the no-contact terms of one of their Warnings (the pure findBreach over their ladder history
 * without the case itself, the people involved and a reporter who is a member being the
 * parties), and writes the cases where the answer changed (a new version, and an audit event
 * `case.breach_changed` with the Warning's case number before and after). Call it inside the
 * transaction that changed the history (a reversal, a merge), holding the members' ladder
 * locks (lockLadders). Several members at once: every row is written before the first audit
 * event, so the row locks come before the audit chain's (held until commit), as in every
 * other writer.
 */
export async function refreshBreaches(
  tx: Tx,
  subjectId: string | readonly string[],
  auditActor: AuditActor,
  context: Record<string, unknown> = {},
): Promise<BreachChange[]> {
  const changes: PendingChange[] = [];
  for (const id of new Set(typeof subjectId === "string" ? [subjectId] : subjectId)) changes.push(...(await changedBreaches(tx, id)));
  for (const change of changes) {
    // A case form opened before the change must not save over it.
    await tx.case.update({ where: { id: change.caseId }, data: { breachOfDecisionId: change.decisionId, version: { increment: 1 } } });
  }
  for (const change of changes) {
    await recordAudit(tx, {
      actor: auditActor,
      action: "case.breach_changed",
      entityType: "case",
      entityId: change.caseId,
      before: { breachOf: change.before, breachOfDecisionId: change.beforeDecisionId },
      after: { breachOf: change.after, breachOfDecisionId: change.decisionId },
      metadata: { case: change.caseNumber, ...context },
    });
  }
  return changes.map(({ caseId, caseNumber, before, after }) => ({ caseId, caseNumber, before, after }));
}

/** The cases of one member whose breach is not what their history says now. */
async function changedBreaches(tx: Tx, subjectId: string): Promise<PendingChange[]> {
  // One query at a time: a transaction is one connection.
  const history = await loadLadderHistory(tx, subjectId);
  const cases = await tx.case.findMany({
    where: { subjectId },
    orderBy: [{ year: "asc" }, { sequence: "asc" }],
    select: {
      id: true,
      number: true,
      occurredAt: true,
      reporterEncrypted: true,
      breachOfDecisionId: true,
      breachOfDecision: { select: { case: { select: { number: true } } } },
      involved: { select: { memberId: true } },
    },
  });
  const changes: PendingChange[] = [];
  for (const c of cases) {
    const parties = c.involved.map((i) => i.memberId);
    const reporterId = reporterMemberIdOf(c);
    if (reporterId) parties.push(reporterId);
    const breach = findBreach(
      history.filter((d) => d.caseId !== c.id),
      parties,
      c.occurredAt,
    );
    const decisionId = breach?.decisionId ?? null;
    if (decisionId === c.breachOfDecisionId) continue;
    changes.push({
      caseId: c.id,
      caseNumber: c.number,
      before: c.breachOfDecision?.case.number ?? null,
      after: breach?.caseNumber ?? null,
      decisionId,
      beforeDecisionId: c.breachOfDecisionId,
    });
  }
  return changes;
}
