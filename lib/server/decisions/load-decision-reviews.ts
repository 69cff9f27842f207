import "server-only";
import { formatDate } from "@/lib/format/dates.ts";
import { isReviewed, pendingReview, type PendingReview } from "@/lib/policy/decision-review.ts";
import type { PrismaClient, Tx } from "../db.ts";
import { loadLadderHistories } from "../members/load-ladder-histories.ts";

/** What the case page and the dashboard show of a mandatory ban whose breach fell away. */
export type DecisionReviewState =
  | { status: "flagged"; message: string; since: Date; warningCaseNumber: string | null }
  | { status: "kept"; message: string; since: Date; reviewedAt: Date; reviewedBy: string | null; reason: string };

/** A decision that may need review, with what the rule reads of its case. */
export type ReviewCandidate = {
  decisionId: string;
  level: string | null;
  mandatory: boolean;
  reversed: boolean;
  decidedAt: Date;
  case: {
    id: string;
    subjectId: string;
    occurredAt: Date;
    reporterMemberId: string | null;
    involvedMemberIds: string[];
    breachOfDecisionId: string | null;
    changedAfterDecisionAt: Date | null;
  };
};

/** The flag's wording: "the breach of case X's no-contact terms this Permanent ban rested on was reversed on DATE". */
export function reviewMessage(pending: PendingReview): string {
  return pending.reversedWarning
    ? `Flagged for review: the breach of case ${pending.reversedWarning.caseNumber}'s no-contact terms this Permanent ban rested on was reversed on ${formatDate(pending.reversedWarning.reversedAt)}`
    : `Flagged for review: this Permanent ban was mandatory because of a breach of no-contact terms, which the case no longer shows (since ${formatDate(pending.since)})`;
}

/**
 * Derives, on read, the review state of each candidate: none for a decision that is reversed,
 * was not mandatory or whose case still breaches; "flagged" when its breach fell away and no
 * review was recorded since; "kept" when the team reviewed it since and kept it.
 */
export async function loadDecisionReviews(db: Tx | PrismaClient, candidates: ReviewCandidate[]): Promise<Map<string, DecisionReviewState>> {
  const states = new Map<string, DecisionReviewState>();
  const open = candidates.filter((c) => c.mandatory && !c.reversed && c.case.breachOfDecisionId === null);
  if (open.length === 0) return states;
  const histories = await loadLadderHistories(db, [...new Set(open.map((c) => c.case.subjectId))]);
  const reversedIds = [...histories.values()]
    .flat()
    .filter((d) => d.reversed)
    .map((d) => d.id);
  // One query at a time: db may be a transaction (one connection).
  const reversals = reversedIds.length
    ? await db.decisionReversal.findMany({ where: { decisionId: { in: reversedIds } }, select: { decisionId: true, reversedAt: true } })
    : [];
  const reviews = await db.decisionReview.findMany({
    where: { decisionId: { in: open.map((c) => c.decisionId) } },
    orderBy: { reviewedAt: "desc" },
    select: { decisionId: true, reviewedAt: true, reason: true, reviewedBy: { select: { name: true } } },
  });
  const reversedAt = new Map(reversals.map((r) => [r.decisionId, r.reversedAt]));
  for (const c of open) {
    const pending = pendingReview({
      decision: { level: c.level, mandatory: c.mandatory, reversed: c.reversed, decidedAt: c.decidedAt },
      caseHasBreach: c.case.breachOfDecisionId !== null,
      history: (histories.get(c.case.subjectId) ?? []).filter((d) => d.caseId !== c.case.id),
      reversedAt,
      parties: c.case.reporterMemberId ? [...c.case.involvedMemberIds, c.case.reporterMemberId] : c.case.involvedMemberIds,
      occurredAt: c.case.occurredAt,
      changedAfterDecisionAt: c.case.changedAfterDecisionAt,
    });
    if (!pending) continue;
    const own = reviews.filter((r) => r.decisionId === c.decisionId);
    const message = reviewMessage(pending);
    const warningCaseNumber = pending.reversedWarning?.caseNumber ?? null;
    if (
      isReviewed(
        pending,
        own.map((r) => r.reviewedAt),
      )
    ) {
      const last = own[0]!;
      states.set(c.decisionId, {
        status: "kept",
        message,
        since: pending.since,
        reviewedAt: last.reviewedAt,
        reviewedBy: last.reviewedBy?.name ?? null,
        reason: last.reason,
      });
    } else {
      states.set(c.decisionId, { status: "flagged", message, since: pending.since, warningCaseNumber });
    }
  }
  return states;
}
