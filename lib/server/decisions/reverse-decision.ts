import "server-only";
import { caseAccess, RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { ZReverseDecisionSchema } from "@/lib/schemas/decision.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { refreshBreaches } from "../cases/refresh-breaches.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { isUniqueViolation } from "../unique-violation.ts";
import { parseInput } from "../zod-errors.ts";
import { lockLadders } from "./ladder-lock.ts";

export const ALREADY_REVERSED_MESSAGE = "This decision was already reversed";

/**
 * Reverses a decision (e.g. on appeal) by recording a reversal with its reason. The
 * decision itself is never edited or deleted: history shows both. The member's ladder lock is
 * held, so of two reversals at once one wins and the other is told; and every case of the
 * member whose breach rested on the reversed Warning is updated in the same transaction.
 *
 * `options.reversedAt` is for the demo seed only (prisma/demo-community.ts), which replays a
 * story that happened in the past: the moment of the reversal, stamped as its row is inserted
 * (reversals are kept as written). The app never passes it.
 */
export async function reverseDecision({ actor, input }: { actor: Actor; input: unknown }, options: { reversedAt?: Date } = {}) {
  assertCan(actor, "decision.reverse");
  const data = parseInput(ZReverseDecisionSchema, input);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const owner = await tx.decision.findUnique({ where: { id: data.decisionId }, select: { case: { select: { subjectId: true } } } });
      if (owner) await lockLadders(tx, [owner.case.subjectId]);
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
      if (access === "hidden" || access === "stub") throw new AppError("not_found", "This decision does not exist");
      if (access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
      if (decision.reversal) throw new AppError("conflict", ALREADY_REVERSED_MESSAGE);
      if (decision.case.subjectId !== owner?.case.subjectId) {
        // Merged into another member between the two reads: the lock taken is not theirs.
        throw new AppError("conflict", "This case was just changed by someone else: reload and try again");
      }
      const reversal = await tx.decisionReversal.create({
        data: {
          decisionId: decision.id,
          reason: data.reason,
          reversedById: actor.id,
          ...(options.reversedAt ? { reversedAt: options.reversedAt } : {}),
        },
        select: { id: true, reversedAt: true },
      });
      await tx.case.update({ where: { id: decision.case.id }, data: { version: { increment: 1 } } });
      const auditActor = auditActorOf(actor);
      // Rows first, audit events after (the audit chain's lock comes last).
      const breaches = await refreshBreaches(tx, decision.case.subjectId, auditActor, {
        cause: "decision.reversed",
        decisionId: decision.id,
        reversedCase: decision.case.number,
      });
      await recordAudit(tx, {
        actor: auditActor,
        action: "decision.reversed",
        entityType: "decision",
        entityId: decision.id,
        before: { level: decision.level, reversed: false },
        after: {
          level: decision.level,
          reversed: true,
          reason: data.reason,
          case: decision.case.number,
          caseId: decision.case.id,
          ...(breaches.length ? { breachesChanged: breaches.map((b) => ({ case: b.caseNumber, before: b.before, after: b.after })) } : {}),
        },
      });
      return { decisionId: decision.id, reversedAt: reversal.reversedAt, breachesChanged: breaches };
    });
  } catch (error) {
    // The reversal's decisionId is unique: a reversal that slipped past the lock is told the same.
    if (isUniqueViolation(error)) throw new AppError("conflict", ALREADY_REVERSED_MESSAGE);
    throw error;
  }
}
