import { expect, it } from "vitest";
import { asForm } from "./form-helpers.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { getDashboardSummary } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { daysAgo, logCase, newActor, newMember, recordWarning } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * A breach follows the truth: Case.breachOfDecisionId is recomputed (refreshBreaches) when the
 * history it rests on changes — a reversal of the Warning, a merge of two records — and every
 * case, dashboard entry and recommendation that relied on it follows.
 */
describeEachBackend("a breach follows the truth", ({ db }) => {
  const breachOf = async (caseId: string) =>
    (await db().prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { breachOfDecisionId: true } })).breachOfDecisionId;
  const versionOf = async (caseId: string) => (await db().prisma.case.findUniqueOrThrow({ where: { id: caseId } })).version;

  it("reversing the Warning a breach rested on clears it on every case, the dashboard, the list and the recommendation, audited", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Warned");
    const victim = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(20), endsAt: daysAgo(-70) });
    const involving = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(2).toISOString() });
    // A protected reporter who was contacted again is as much a party as those involved.
    const reported = await logCase(admin, subject.id, {
      reporter: { kind: "member", member: { memberId: victim.id } },
      occurredAt: daysAgo(1).toISOString(),
    });
    expect([await breachOf(involving.id), await breachOf(reported.id)]).toEqual([warning.decisionId, warning.decisionId]);
    const dashboardBreaches = async () =>
      (await getDashboardSummary(admin)).breaches.filter((b) => [involving.number, reported.number].includes(b.caseNumber));
    expect(await dashboardBreaches()).toEqual([
      expect.objectContaining({ caseNumber: reported.number, breachedCaseNumber: warning.caseNumber }),
      expect.objectContaining({ caseNumber: involving.number, breachedCaseNumber: warning.caseNumber }),
    ]);
    expect((await getDecisionContext({ actor: admin, caseId: involving.id })).recommendation).toMatchObject({
      level: "permanent_ban",
      mandatory: true,
    });
    const versions = [await versionOf(involving.id), await versionOf(reported.id)];

    const reversed = await reverseDecision({
      actor: admin,
      input: { decisionId: warning.decisionId, reason: "On appeal: the messages were invited." },
    });

    expect(reversed.breachesChanged.map((b) => b.caseNumber).sort()).toEqual([involving.number, reported.number].sort());
    expect([await breachOf(involving.id), await breachOf(reported.id)]).toEqual([null, null]);
    // A case form opened before the change must not save over it.
    expect([await versionOf(involving.id), await versionOf(reported.id)]).toEqual(versions.map((v) => v + 1));
    const events = await db().prisma.auditEvent.findMany({
      where: { action: "case.breach_changed", entityId: { in: [involving.id, reported.id] } },
      orderBy: { seq: "asc" },
    });
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e).toMatchObject({
        actorUserId: admin.id,
        entityType: "case",
        before: { breachOf: warning.caseNumber, breachOfDecisionId: warning.decisionId },
        after: { breachOf: null, breachOfDecisionId: null },
        metadata: { cause: "decision.reversed", decisionId: warning.decisionId, reversedCase: warning.caseNumber },
      });
    }
    const reversal = await db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "decision.reversed", entityId: warning.decisionId },
    });
    expect(reversal.seq).toBeGreaterThan(events.at(-1)!.seq);
    expect(reversal.after).toMatchObject({
      breachesChanged: expect.arrayContaining([{ case: involving.number, before: warning.caseNumber, after: null }]),
    });

    expect(await dashboardBreaches()).toEqual([]);
    const rows = (await listCases({ actor: admin, query: { q: involving.number } })).rows;
    expect(rows.map((r) => [r.number, r.breach])).toEqual([[involving.number, false]]);
    // Recommendations are computed live: the Warning no longer counts, so no ban is mandatory.
    expect((await getDecisionContext({ actor: admin, caseId: involving.id })).recommendation).toMatchObject({
      level: "reminder",
      mandatory: false,
      breach: null,
    });
  });

  it("with two Warnings protecting the same person, reversing the one a breach rested on moves the breach to the other", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Warned twice");
    const victim = await newMember(db(), "Protected");
    const first = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(30), endsAt: daysAgo(-60) });
    const second = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(10), endsAt: daysAgo(-80) });
    const breach = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(1).toISOString() });
    expect(await breachOf(breach.id)).toBe(first.decisionId);
    await reverseDecision({ actor: admin, input: { decisionId: first.decisionId, reason: "On appeal: wrong person identified." } });
    expect(await breachOf(breach.id)).toBe(second.decisionId);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "case.breach_changed", entityId: breach.id } });
    expect(event).toMatchObject({ before: { breachOf: first.caseNumber }, after: { breachOf: second.caseNumber } });
    // The Warnings' own cases never breach themselves.
    expect(await breachOf(second.caseId)).toBeNull();
  });

  it("ten reversals of one decision at once: one wins, the others are told it was already reversed (409), never a 500", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Appealed");
    const victim = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(5), endsAt: daysAgo(-85) });
    const breach = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(1).toISOString() });
    const admins = await Promise.all(Array.from({ length: 10 }, () => newActor(db(), "admin")));
    const results = await Promise.allSettled(
      admins.map((actor) =>
        reverseDecision({ actor, input: { decisionId: warning.decisionId, reason: "On appeal, decided by the admins." } }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
    expect(refusals).toHaveLength(9);
    for (const reason of refusals)
      expect(reason).toMatchObject({ name: "AppError", code: "conflict", message: "This decision was already reversed" });
    expect(await db().prisma.decisionReversal.count({ where: { decisionId: warning.decisionId } })).toBe(1);
    expect(await db().prisma.auditEvent.count({ where: { action: "decision.reversed", entityId: warning.decisionId } })).toBe(1);
    expect(await db().prisma.auditEvent.count({ where: { action: "case.breach_changed", entityId: breach.id } })).toBe(1);
    // As a form sees it: a message, not a fault.
    const again = await asForm(async () => {
      await reverseDecision({ actor: admin, input: { decisionId: warning.decisionId, reason: "A late second appeal." } });
    });
    expect(again).toEqual({ ok: false, message: "This decision was already reversed", fields: undefined });
  });

  it("a merge that brings a Warning into the target's history makes the target's case a breach; one that moves a protection does too", async () => {
    const admin = await newActor(db(), "admin");
    const victim = await newMember(db(), "Protected");
    // The duplicate record holds the Warning; the record that remains holds a case involving the protected person.
    const duplicate = await newMember(db(), "Pat (Slack)");
    const remaining = await newMember(db(), "Pat (GitHub)");
    const warning = await recordWarning(db(), admin, duplicate.id, [victim.id], { startsAt: daysAgo(20), endsAt: daysAgo(-70) });
    const later = await logCase(admin, remaining.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(3).toISOString() });
    // Someone else's Warning protects the duplicate; their later case involves the record that remains.
    const other = await newMember(db(), "Other");
    const protecting = await recordWarning(db(), admin, other.id, [duplicate.id], { startsAt: daysAgo(15), endsAt: daysAgo(-75) });
    const othersCase = await logCase(admin, other.id, { involved: [{ memberId: remaining.id }], occurredAt: daysAgo(2).toISOString() });
    expect([await breachOf(later.id), await breachOf(othersCase.id)]).toEqual([null, null]);

    const merged = await mergeMembers({
      actor: admin,
      input: { sourceId: duplicate.id, targetId: remaining.id, reason: "Same person: the Slack profile links the GitHub account" },
    });

    expect([await breachOf(later.id), await breachOf(othersCase.id)]).toEqual([warning.decisionId, protecting.decisionId]);
    expect(merged.breachesChanged.map((b) => [b.caseNumber, b.before, b.after]).sort()).toEqual(
      [
        [later.number, null, warning.caseNumber],
        [othersCase.number, null, protecting.caseNumber],
      ].sort(),
    );
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "case.breach_changed", entityId: later.id } });
    expect(event).toMatchObject({
      after: { breachOf: warning.caseNumber },
      metadata: { cause: "member.merged", sourceId: duplicate.id, targetId: remaining.id },
    });
    expect((await getDashboardSummary(admin)).breaches.map((b) => b.caseNumber)).toEqual(
      expect.arrayContaining([later.number, othersCase.number]),
    );
    expect((await getDecisionContext({ actor: admin, caseId: later.id })).recommendation).toMatchObject({ mandatory: true });
  });

  it("a case logged while its Warning is being reversed never keeps a stale breach: the two queue on the member's ladder", async () => {
    const admin = await newActor(db(), "admin");
    for (let round = 0; round < 4; round++) {
      const subject = await newMember(db(), "Warned");
      const victim = await newMember(db(), "Protected");
      const w = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(5), endsAt: daysAgo(-60) });
      const [created] = await Promise.all([
        logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(1).toISOString() }),
        reverseDecision({ actor: admin, input: { decisionId: w.decisionId, reason: "On appeal: the messages were invited." } }),
      ]);
      // Whichever ran first, the Warning is reversed now, so the case breaches nothing.
      const row = await db().prisma.case.findUniqueOrThrow({ where: { id: created.id }, select: { breachOfDecisionId: true } });
      expect(row.breachOfDecisionId, `round ${round}`).toBeNull();
    }
  });

  it("refreshing changes nothing when nothing changed: a reversal of an unrelated decision writes no breach event", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Warned");
    const victim = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), admin, subject.id, [victim.id], { startsAt: daysAgo(20), endsAt: daysAgo(-70) });
    const breach = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: daysAgo(2).toISOString() });
    const unrelated = await recordWarning(db(), admin, subject.id, [(await newMember(db())).id], {
      startsAt: daysAgo(3),
      endsAt: daysAgo(-30),
    });
    const version = await versionOf(breach.id);
    const result = await reverseDecision({
      actor: admin,
      input: { decisionId: unrelated.decisionId, reason: "On appeal: unrelated to the breach." },
    });
    expect(result.breachesChanged).toEqual([]);
    expect(await breachOf(breach.id)).toBe(warning.decisionId);
    expect(await versionOf(breach.id)).toBe(version);
  });
});
