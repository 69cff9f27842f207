import "server-only";
import { RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { checkDecision } from "@/lib/policy/ladder.ts";
import { ZRecordDecisionSchema } from "@/lib/schemas/decision.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { loadDecisionContext } from "./get-decision-context.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Records the decision on a case along the ladder: the policy's recommendation is
 * recomputed inside the transaction, the ladder rules are checked, and the decision, its
 * no-contact terms, the case's move to "decided" and the audit events are written at once.
 */
export async function recordDecision({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "decision.create");
  const data = parseInput(ZRecordDecisionSchema, input);
  const level = data.level === "none" ? null : data.level;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const subject = await tx.case.findUnique({ where: { id: data.caseId }, select: { subjectId: true } });
    if (subject) {
      // Decisions about one member are taken one at a time, so each sees the other's effect on the ladder.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`ladder:${subject.subjectId}`}))`;
    }
    const ctx = await loadDecisionContext(tx, actor, data.caseId);
    if (ctx.access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
    if (ctx.version !== data.version) {
      throw new AppError("conflict", "This case was changed by someone else: review it and decide again");
    }
    if (ctx.standingDecision) throw new AppError("rule", "This case is already decided: an admin can reverse the decision on appeal");
    if (ctx.status === "dismissed") throw new AppError("rule", "This case was dismissed: reopen it before deciding");

    const startsAt = data.noContact?.startsAt ?? new Date();
    const noContact =
      level === "warning" && data.noContact
        ? {
            startsAt,
            endsAt: new Date(startsAt.getTime() + data.noContact.days * DAY),
            protectedMemberIds: [...new Set(data.noContact.protectedMemberIds)],
          }
        : null;
    const violations = checkDecision(
      { level, rationale: data.rationale, justification: data.justification, noContact: level === "warning" ? noContact : null },
      ctx.recommendation,
    );
    if (violations.length > 0) {
      throw new AppError(
        "rule",
        violations.map((v) => v.message).join("; "),
        Object.fromEntries(violations.map((v) => [v.field, v.message])),
      );
    }
    if (noContact) {
      if (noContact.protectedMemberIds.includes(ctx.subject.id)) {
        throw new AppError("rule", "The member under the Warning cannot be among the people it protects", {
          noContact: "Remove the member under the Warning",
        });
      }
      const found = await tx.member.count({ where: { id: { in: noContact.protectedMemberIds }, mergedIntoId: null } });
      if (found !== noContact.protectedMemberIds.length)
        throw new AppError("invalid", "A protected person does not exist", { noContact: "Unknown person" });
    }

    const deviation = level !== ctx.recommendation.level;
    const decision = await tx.decision.create({
      data: {
        caseId: ctx.caseId,
        level,
        recommendedLevel: ctx.recommendation.level,
        mandatory: ctx.recommendation.mandatory,
        rationale: data.rationale,
        deviationJustification: deviation ? (data.justification ?? null) : null,
        publicSummary: data.publicSummary || null,
        decidedById: actor.id,
        noContactStartsAt: noContact?.startsAt ?? null,
        noContactEndsAt: noContact?.endsAt ?? null,
        protections: noContact ? { create: noContact.protectedMemberIds.map((memberId) => ({ memberId })) } : undefined,
      },
      select: { id: true, level: true, decidedAt: true, noContactStartsAt: true, noContactEndsAt: true },
    });
    const moved = await tx.case.updateMany({
      where: { id: ctx.caseId, version: ctx.version },
      data: { status: "decided", version: { increment: 1 } },
    });
    if (moved.count !== 1) throw new AppError("conflict", "This case was changed by someone else: review it and decide again");
    await tx.caseStatusChange.create({ data: { caseId: ctx.caseId, from: ctx.status, to: "decided", actorId: actor.id } });

    const auditActor = auditActorOf(actor);
    await recordAudit(tx, {
      actor: auditActor,
      action: "decision.recorded",
      entityType: "decision",
      entityId: decision.id,
      after: {
        case: ctx.caseNumber,
        caseId: ctx.caseId,
        level,
        recommended: ctx.recommendation.level,
        recommendationReasons: ctx.recommendation.reasons,
        deviation,
        justification: deviation ? (data.justification ?? null) : null,
        rationale: data.rationale,
        noContact: noContact
          ? { startsAt: noContact.startsAt, endsAt: noContact.endsAt, protectedMemberIds: noContact.protectedMemberIds }
          : null,
      },
    });
    await recordAudit(tx, {
      actor: auditActor,
      action: "case.status_changed",
      entityType: "case",
      entityId: ctx.caseId,
      before: { status: ctx.status },
      after: { status: "decided", decisionId: decision.id },
    });
    return { ...decision, caseNumber: ctx.caseNumber, recommended: ctx.recommendation.level, deviation };
  });
}
