import "server-only";
import { parseAuditEvent } from "@/lib/audit/describe.ts";
import { getDb } from "../db.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { accessOrNotFound, caseNotFound } from "./case-guard.ts";
import { CASE_PARTIES_SELECT, visibleCasesWhere } from "./visibility.ts";

export type DetailsChangeNotice = {
  /** The case has a standing decision: editing its details needs a reason. */
  decided: boolean;
  /** The last change of details after the decision, with its reason (from its audit event). */
  changedAfterDecision: { at: Date; reason: string | null; by: string } | null;
};

/**
 * What the case page says about its details and its decision: whether a change needs a reason,
 * and when the details last changed after the decision, and why ("The decision may need review").
 */
export async function getDetailsChangeNotice({ actor, caseId }: { actor: Actor; caseId: string }): Promise<DetailsChangeNotice> {
  assertCan(actor, "case.view");
  const db = await getDb();
  const c = await db.case.findFirst({
    where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] },
    select: {
      id: true,
      changedAfterDecisionAt: true,
      ...CASE_PARTIES_SELECT,
      decisions: { where: { reversal: { is: null } }, take: 1, select: { id: true } },
    },
  });
  if (!c) throw caseNotFound();
  accessOrNotFound(actor, c);
  let changedAfterDecision: DetailsChangeNotice["changedAfterDecision"] = null;
  if (c.changedAfterDecisionAt) {
    const event = await db.auditEvent.findFirst({
      where: { entityType: "case", entityId: c.id, action: "case.updated", metadata: { path: ["afterDecision"], equals: true } },
      orderBy: { seq: "desc" },
      select: { action: true, actorType: true, actorLabel: true, before: true, after: true, metadata: true },
    });
    const parsed = event ? parseAuditEvent(event) : null;
    const reason = parsed?.event.shape === "known" && parsed.event.action === "case.updated" ? parsed.event.metadata?.reason : undefined;
    changedAfterDecision = {
      at: c.changedAfterDecisionAt,
      reason: typeof reason === "string" ? reason : null,
      by: parsed?.actor.label ?? "",
    };
  }
  return { decided: c.decisions.length > 0, changedAfterDecision };
}
