import "server-only";
import { caseAccess, RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { ZReverseDecisionSchema } from "@/lib/schemas/decision.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";

/**
 * Reverses a decision (e.g. on appeal) by recording a reversal with its reason. The
 * decision itself is never edited or deleted: history shows both.
 */
export async function reverseDecision({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "decision.reverse");
  const data = parseInput(ZReverseDecisionSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const decision = await tx.decision.findFirst({
      where: { id: data.decisionId, case: visibleCasesWhere(actor) },
      select: {
        id: true,
        level: true,
        reversal: { select: { id: true } },
        case: { select: { id: true, number: true, ...CASE_PARTIES_SELECT } },
      },
    });
    if (!decision) throw new AppError("not_found", "This decision does not exist");
    const access = caseAccess(viewerOf(actor), partiesOf(decision.case));
    if (access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
    if (decision.reversal) throw new AppError("rule", "This decision was already reversed");
    const reversal = await tx.decisionReversal.create({
      data: { decisionId: decision.id, reason: data.reason, reversedById: actor.id },
      select: { id: true, reversedAt: true },
    });
    await tx.case.update({ where: { id: decision.case.id }, data: { version: { increment: 1 } } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "decision.reversed",
      entityType: "decision",
      entityId: decision.id,
      before: { level: decision.level, reversed: false },
      after: { level: decision.level, reversed: true, reason: data.reason, case: decision.case.number, caseId: decision.case.id },
    });
    return { decisionId: decision.id, reversedAt: reversal.reversedAt };
  });
}
