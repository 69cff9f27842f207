import { describe, expect, it } from "vitest";
import { isReviewed, pendingReview } from "@/lib/policy/decision-review.ts";
import type { LadderDecision } from "@/lib/policy/ladder.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const warning = (id: string, startsAt: string, reversed = false): LadderDecision => ({
  id,
  caseId: `case-${id}`,
  caseNumber: `2026-${id}`,
  level: "warning",
  decidedAt: day(startsAt),
  reversed,
  noContact: { startsAt: day(startsAt), endsAt: day("2026-12-31"), protectedMemberIds: ["victim"] },
});

const ban = { level: "permanent_ban", mandatory: true, reversed: false, decidedAt: day("2026-03-01") };
const base = {
  decision: ban,
  caseHasBreach: false,
  parties: ["victim"],
  occurredAt: day("2026-02-20"),
  changedAfterDecisionAt: null,
};

describe("pendingReview: a mandatory ban whose breach fell away is flagged until reviewed", () => {
  it("the Warning the ban rested on was reversed after the ban: flagged since the reversal, naming its case", () => {
    const reversedAt = day("2026-04-01");
    expect(pendingReview({ ...base, history: [warning("0001", "2026-01-01", true)], reversedAt: new Map([["0001", reversedAt]]) })).toEqual(
      { since: reversedAt, reversedWarning: { decisionId: "0001", caseNumber: "2026-0001", reversedAt } },
    );
  });

  it("no flag while the case still breaches, for a reversed or non-mandatory decision", () => {
    const history = [warning("0002", "2026-01-01", true)];
    const reversedAt = new Map([["0002", day("2026-04-01")]]);
    expect(pendingReview({ ...base, history, reversedAt, caseHasBreach: true })).toBeNull();
    expect(pendingReview({ ...base, history, reversedAt, decision: { ...ban, reversed: true } })).toBeNull();
    expect(pendingReview({ ...base, history, reversedAt, decision: { ...ban, mandatory: false } })).toBeNull();
  });

  it("a Warning reversed before the ban was decided was never what it rested on: the flag dates from the details' change", () => {
    const changed = day("2026-05-05");
    expect(
      pendingReview({
        ...base,
        history: [warning("0003", "2026-01-01", true)],
        reversedAt: new Map([["0003", day("2026-02-25")]]),
        changedAfterDecisionAt: changed,
      }),
    ).toEqual({ since: changed, reversedWarning: null });
  });

  it("a review recorded since the breach fell away resolves it; an older one does not", () => {
    const pending = { since: day("2026-04-01"), reversedWarning: null };
    expect(isReviewed(pending, [day("2026-03-15")])).toBe(false);
    expect(isReviewed(pending, [day("2026-03-15"), day("2026-04-02")])).toBe(true);
  });
});
