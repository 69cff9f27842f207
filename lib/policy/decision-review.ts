import { findBreach, type LadderDecision } from "./ladder.ts";

/*
 * A Permanent ban that the guidelines made mandatory (a breach of a Warning's no-contact
 * terms) rests on that breach. When the breach falls away (the Warning is reversed on appeal,
 * or the case's details change), the ban is not lifted by itself: it is flagged for the team
 * to review, who keep it (a recorded review, with a reason) or reverse it. Pure: no I/O.
 */

/** A decision as the review rule reads it. */
export type ReviewedDecision = {
  level: string | null;
  /** The recommendation left no choice when it was decided. */
  mandatory: boolean;
  reversed: boolean;
  decidedAt: Date;
};

export type PendingReview = {
  /** When the breach fell away: a review recorded since then resolves the flag. */
  since: Date;
  /** The Warning whose reversal took the breach away, when that is why. */
  reversedWarning: { decisionId: string; caseNumber: string; reversedAt: Date } | null;
};

/**
 * Whether a standing, mandatory decision lost the breach it rested on, and since when.
 * `history` is the member's ladder history without this case; `reversedAt` gives when each
 * reversed decision in it was reversed; `parties` are the case's involved people and its
 * reporter (when a member).
 */
export function pendingReview(input: {
  decision: ReviewedDecision;
  caseHasBreach: boolean;
  history: LadderDecision[];
  reversedAt: ReadonlyMap<string, Date>;
  parties: string[];
  occurredAt: Date;
  changedAfterDecisionAt: Date | null;
}): PendingReview | null {
  const { decision } = input;
  if (!decision.mandatory || decision.reversed || input.caseHasBreach) return null;
  // The history as it stood when the ban was decided: Warnings reversed since then still count.
  const then = input.history
    .filter((d) => !d.reversed || (input.reversedAt.get(d.id) ?? decision.decidedAt) > decision.decidedAt)
    .map((d) => ({ ...d, reversed: false }));
  const rested = findBreach(then, input.parties, input.occurredAt);
  const reversedAt = rested ? input.reversedAt.get(rested.decisionId) : undefined;
  if (rested && reversedAt) {
    return { since: reversedAt, reversedWarning: { decisionId: rested.decisionId, caseNumber: rested.caseNumber, reversedAt } };
  }
  // Not a reversal: the case's details (or a merge) took the breach away.
  return { since: input.changedAfterDecisionAt ?? decision.decidedAt, reversedWarning: null };
}

/** Whether a review recorded at these moments resolves the pending review. */
export function isReviewed(pending: PendingReview, reviewedAt: Date[]): boolean {
  return reviewedAt.some((at) => at >= pending.since);
}
