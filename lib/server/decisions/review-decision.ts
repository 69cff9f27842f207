import "server-only";
import { formatDateTime } from "@/lib/format/dates.ts";
import { caseAccess, RECUSED_MESSAGE } from "@/lib/policy/case-access.ts";
import { ZReviewDecisionSchema } from "@/lib/schemas/decision-review.ts";
import { auditActorOf, recordAudit } from "../audit.ts";
import { CASE_PARTIES_SELECT, partiesOf, viewerOf, visibleCasesWhere } from "../cases/visibility.ts";
import { getDb } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan, type Actor } from "../permissions.ts";
import { parseInput } from "../zod-errors.ts";
import { lockLadders } from "./ladder-lock.ts";
import { loadDecisionReviews } from "./load-decision-reviews.ts";

/**
 * Resolves a decision flagged for review (a mandatory Permanent ban whose breach fell away) by
 * keeping it: a DecisionReview with the team's reason, audited as `decision.reviewed`. The
 * other resolution is a reversal (admins). Moderators and admins who may work the case only;
 * the decision itself is never edited.
 */
export async function reviewDecision({ actor, input }: { actor: Actor; input: unknown }) {
  assertCan(actor, "decision.create");
  const data = parseInput(ZReviewDecisionSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // The member's ladder lock: a reversal or a second review of this member waits for this one.
    const owner = await tx.decision.findUnique({ where: { id: data.decisionId }, select: { case: { select: { subjectId: true } } } });
    if (owner) await lockLadders(tx, [owner.case.subjectId]);
    const d = await tx.decision.findFirst({
      where: { id: data.decisionId, case: visibleCasesWhere(actor) },
      select: {
        id: true,
        level: true,
        mandatory: true,
        decidedAt: true,
        reversal: { select: { id: true } },
        case: {
          select: {
            id: true,
            number: true,
            occurredAt: true,
            breachOfDecisionId: true,
            changedAfterDecisionAt: true,
            ...CASE_PARTIES_SELECT,
          },
        },
      },
    });
    if (!d) throw new AppError("not_found", "This decision does not exist");
    const parties = partiesOf(d.case);
    const access = caseAccess(viewerOf(actor), parties);
    if (access === "hidden" || access === "stub") throw new AppError("not_found", "This decision does not exist");
    if (access === "recused") throw new AppError("forbidden", RECUSED_MESSAGE);
    if (d.reversal) throw new AppError("rule", "This decision was reversed: there is nothing to review");
    const states = await loadDecisionReviews(tx, [
      {
        decisionId: d.id,
        level: d.level,
        mandatory: d.mandatory,
        reversed: false,
        decidedAt: d.decidedAt,
        case: {
          id: d.case.id,
          subjectId: d.case.subjectId,
          occurredAt: d.case.occurredAt,
          reporterMemberId: parties.reporterMemberId,
          involvedMemberIds: d.case.involved.map((i) => i.memberId),
          breachOfDecisionId: d.case.breachOfDecisionId,
          changedAfterDecisionAt: d.case.changedAfterDecisionAt,
        },
      },
    ]);
    const state = states.get(d.id);
    if (!state) throw new AppError("rule", "This decision is not flagged for review");
    if (state.status === "kept") {
      throw new AppError(
        "conflict",
        `This decision was already reviewed on ${formatDateTime(state.reviewedAt)}${state.reviewedBy ? ` by ${state.reviewedBy}` : ""}: it was kept`,
      );
    }
    const review = await tx.decisionReview.create({
      data: { decisionId: d.id, reason: data.reason, reviewedById: actor.id },
      select: { id: true, reviewedAt: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "decision.reviewed",
      entityType: "decision",
      entityId: d.id,
      before: { flagged: state.message },
      after: { outcome: "kept", reason: data.reason, level: d.level, case: d.case.number, caseId: d.case.id, reviewId: review.id },
    });
    return { decisionId: d.id, caseNumber: d.case.number, reviewedAt: review.reviewedAt };
  });
}
