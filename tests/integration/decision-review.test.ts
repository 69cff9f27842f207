import { expect, it } from "vitest";
import { formatDate } from "@/lib/format/dates.ts";
import { asForm } from "./form-helpers.ts";
import { updateCaseDetails } from "@/lib/server/cases/update-case-details.ts";
import { getDashboardSummary } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { reviewDecision } from "@/lib/server/decisions/review-decision.ts";
import { daysAgo, decide, logCase, newActor, newMember, recordWarning } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * A Permanent ban that was mandatory only because of a breach of a Warning's no-contact terms
 * is flagged for review when that breach falls away (the Warning reversed, or the case's
 * details changed), until the team keeps it with a reason (a DecisionReview) or an admin
 * reverses it. The flag is derived on read: the case page and the dashboard show it.
 */
describeEachBackend("a mandatory ban whose breach fell away is flagged for review", ({ db }) => {
  /** A member under a Warning protecting `victim`, and a later case involving the victim decided as a mandatory ban. */
  async function mandatoryBan() {
    const admin = await newActor(db(), "admin");
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Banned");
    const victim = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(20), endsAt: daysAgo(-70) });
    const breach = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(2).toISOString() });
    const ban = await decide(moderator, breach, "permanent_ban");
    return { admin, moderator, subject, victim, warning, breach, ban };
  }
  const reviewOf = async (actor: Awaited<ReturnType<typeof newActor>>, caseId: string) =>
    (await getDecisionContext({ actor, caseId })).decisions.at(-1)!.review;
  const toReview = async (actor: Awaited<ReturnType<typeof newActor>>, caseNumber: string) =>
    (await getDashboardSummary(actor)).toReview.filter((r) => r.caseNumber === caseNumber);

  it("reversing the Warning flags the ban on the case and the dashboard, until a moderator keeps it with a reason", async () => {
    const s = await mandatoryBan();
    expect(await db().prisma.decision.findUniqueOrThrow({ where: { id: s.ban.id }, select: { mandatory: true } })).toEqual({
      mandatory: true,
    });
    expect(await reviewOf(s.moderator, s.breach.id)).toBeNull();
    expect(await toReview(s.admin, s.breach.number)).toEqual([]);

    const reversed = await reverseDecision({
      actor: s.admin,
      input: { decisionId: s.warning.decisionId, reason: "On appeal: the Warning named the wrong person." },
    });
    const message = `Flagged for review: the breach of case ${s.warning.caseNumber}'s no-contact terms this Permanent ban rested on was reversed on ${formatDate(reversed.reversedAt)}`;
    expect(await reviewOf(s.moderator, s.breach.id)).toEqual({
      status: "flagged",
      message,
      since: reversed.reversedAt,
      warningCaseNumber: s.warning.caseNumber,
    });
    // The ban still stands: a review never lifts it by itself.
    expect((await getDecisionContext({ actor: s.moderator, caseId: s.breach.id })).standingDecision).toBe(true);
    const viewer = await newActor(db(), "viewer");
    expect(await toReview(viewer, s.breach.number)).toEqual([
      expect.objectContaining({ decisionId: s.ban.id, memberName: s.subject.displayName, message, since: reversed.reversedAt }),
    ]);

    const reason = "The member also harassed two other contributors in the same week: the ban stands on the pattern.";
    const kept = await reviewDecision({ actor: s.moderator, input: { decisionId: s.ban.id, reason } });
    const rows = await db().prisma.decisionReview.findMany({ where: { decisionId: s.ban.id } });
    expect(rows).toEqual([expect.objectContaining({ reason, reviewedById: s.moderator.id, reviewedAt: kept.reviewedAt })]);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "decision.reviewed", entityId: s.ban.id } });
    expect(event).toMatchObject({
      actorUserId: s.moderator.id,
      entityType: "decision",
      before: { flagged: message },
      after: { outcome: "kept", reason, level: "permanent_ban", case: s.breach.number },
    });
    expect(await reviewOf(s.admin, s.breach.id)).toEqual({
      status: "kept",
      message,
      since: reversed.reversedAt,
      reviewedAt: kept.reviewedAt,
      reviewedBy: s.moderator.name,
      reason,
    });
    expect(await toReview(s.admin, s.breach.number)).toEqual([]);
    // Reviewed once: a second review is told when, by whom.
    await expect(
      reviewDecision({ actor: s.admin, input: { decisionId: s.ban.id, reason: "Keeping it again, to be sure." } }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`This decision was already reviewed on`),
    });
  });

  it("the other way out is a reversal of the ban by an admin: the flag goes, and the case can be decided again", async () => {
    const s = await mandatoryBan();
    await reverseDecision({ actor: s.admin, input: { decisionId: s.warning.decisionId, reason: "On appeal: wrong person identified." } });
    expect((await toReview(s.admin, s.breach.number)).length).toBe(1);
    await reverseDecision({ actor: s.admin, input: { decisionId: s.ban.id, reason: "The ban rested on the reversed Warning alone." } });
    expect(await toReview(s.admin, s.breach.number)).toEqual([]);
    const ctx = await getDecisionContext({ actor: s.admin, caseId: s.breach.id });
    expect(ctx.decisions.at(-1)!.review).toBeNull();
    expect(ctx.standingDecision).toBe(false);
    await expect(
      reviewDecision({ actor: s.admin, input: { decisionId: s.ban.id, reason: "Too late: it was reversed." } }),
    ).rejects.toMatchObject({ code: "rule", message: "This decision was reversed: there is nothing to review" });
  });

  it("changing a decided case's details so that its breach falls away flags the ban too, from the day of the change", async () => {
    const s = await mandatoryBan();
    const other = await newMember(db(), "Someone else");
    await updateCaseDetails({
      actor: s.moderator,
      input: {
        caseId: s.breach.id,
        version: 2,
        involved: [{ memberId: other.id }],
        reason: "The person involved was misidentified: it was someone else.",
      },
    });
    const row = await db().prisma.case.findUniqueOrThrow({ where: { id: s.breach.id } });
    expect(row.breachOfDecisionId).toBeNull();
    expect(await reviewOf(s.moderator, s.breach.id)).toMatchObject({
      status: "flagged",
      since: row.changedAfterDecisionAt,
      warningCaseNumber: null,
      message: expect.stringContaining(
        "this Permanent ban was mandatory because of a breach of no-contact terms, which the case no longer shows",
      ),
    });
  });

  it("a ban for a pattern of violation (not mandatory) is never flagged when an earlier Warning is reversed", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Pattern");
    const victim = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(20), endsAt: daysAgo(-70) });
    const later = await logCase(admin, subject.id, { occurredAt: daysAgo(2).toISOString() });
    const ban = await decide(admin, later, "permanent_ban");
    expect(await db().prisma.decision.findUniqueOrThrow({ where: { id: ban.id }, select: { mandatory: true } })).toEqual({
      mandatory: false,
    });
    await reverseDecision({ actor: admin, input: { decisionId: warning.decisionId, reason: "On appeal: a misunderstanding." } });
    expect(await reviewOf(admin, later.id)).toBeNull();
    expect(await toReview(admin, later.number)).toEqual([]);
    await expect(
      reviewDecision({ actor: admin, input: { decisionId: ban.id, reason: "Nothing to review here, really." } }),
    ).rejects.toMatchObject({
      code: "rule",
      message: "This decision is not flagged for review",
    });
  });

  it("only moderators and admins who may work the case review it; bad input is refused; nothing is written", async () => {
    const s = await mandatoryBan();
    await reverseDecision({ actor: s.admin, input: { decisionId: s.warning.decisionId, reason: "On appeal: wrong person identified." } });
    const input = { decisionId: s.ban.id, reason: "The ban stands on the pattern of conduct." };
    const counts = async () => ({
      reviews: await db().prisma.decisionReview.count(),
      events: await db().prisma.auditEvent.count(),
    });
    const viewer = await newActor(db(), "viewer");
    const recused = await newActor(db(), "moderator", { memberId: s.victim.id });
    const asSubject = await newActor(db(), "moderator", { memberId: s.subject.id });
    const before = await counts();
    await expect(reviewDecision({ actor: viewer, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(reviewDecision({ actor: recused, input })).rejects.toMatchObject({
      code: "forbidden",
      message: "You are recused from this case",
    });
    await expect(reviewDecision({ actor: asSubject, input })).rejects.toMatchObject({ code: "not_found" });
    await expect(reviewDecision({ actor: s.moderator, input: { decisionId: s.ban.id, reason: "short" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { reason: "Give the reason for keeping the decision (at least 10 characters)" },
    });
    // Hostile input: NUL (the database cannot store it), a huge reason, a bad id.
    await expect(
      reviewDecision({ actor: s.moderator, input: { decisionId: s.ban.id, reason: `Kept \u0000 because of the pattern` } }),
    ).rejects.toMatchObject({ code: "invalid", fields: { reason: "Remove the invisible control characters from the reason" } });
    await expect(
      reviewDecision({ actor: s.moderator, input: { decisionId: s.ban.id, reason: "x".repeat(100_000) } }),
    ).rejects.toMatchObject({
      code: "invalid",
      fields: { reason: "Use at most 5000 characters" },
    });
    await expect(reviewDecision({ actor: s.moderator, input: { decisionId: "nope", reason: "\u0000".repeat(20) } })).rejects.toMatchObject({
      code: "invalid",
      fields: { decisionId: "Unknown decision" },
    });
    await expect(
      reviewDecision({
        actor: s.moderator,
        input: { decisionId: "00000000-0000-4000-8000-000000000000", reason: "No such decision here." },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await counts()).toEqual(before);
    // The subject's dashboard never lists it (the case is hidden from them).
    expect(await toReview(asSubject, s.breach.number)).toEqual([]);
  });

  it("five moderators keeping one flagged ban at once: one review is recorded, the others are told", async () => {
    const s = await mandatoryBan();
    await reverseDecision({ actor: s.admin, input: { decisionId: s.warning.decisionId, reason: "On appeal: wrong person identified." } });
    const moderators = await Promise.all(Array.from({ length: 5 }, () => newActor(db(), "moderator")));
    const results = await Promise.all(
      moderators.map((actor) =>
        asForm(async () => {
          await reviewDecision({ actor, input: { decisionId: s.ban.id, reason: "The ban stands on the pattern of conduct." } });
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r.message).toMatch(/^This decision was already reviewed on/);
    expect(await db().prisma.decisionReview.count({ where: { decisionId: s.ban.id } })).toBe(1);
  });
});
