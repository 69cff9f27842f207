import { expect, it } from "vitest";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { getDashboardSummary } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { daysAgo, logCase, newActor, newMember } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * A breach can say who reported a case: when the only person a new case shares with a Warning's
 * protected people is that Warning's confidential reporter, "breach of case W" beside the new
 * case's involved people names them. Such a breach still counts (the ladder makes the ban
 * mandatory for whoever decides), but it is shown only to someone who may reveal W's reporter.
 */

const RATIONALE = "Repeated hostile messages after a Reminder: a Warning with a no-contact period protects those involved.";

describeEachBackend("breaches that would name a confidential reporter", ({ db }) => {
  async function story() {
    const admin = await newActor(db(), "admin");
    const viewer = await newActor(db(), "viewer");
    const subject = await newMember(db(), "Warned");
    const named = await newMember(db(), "Named victim");
    const reporter = await newMember(db(), "Quiet reporter");
    // W: a Warning protecting the involved person by name and the reporter by role only.
    const w = await logCase(admin, subject.id, {
      reporter: { kind: "member", member: { memberId: reporter.id } },
      involved: [{ memberId: named.id }],
      occurredAt: daysAgo(10).toISOString(),
    });
    await recordDecision({
      actor: admin,
      input: {
        caseId: w.id,
        version: 1,
        level: "warning",
        justification: "Hostile messages call for a Warning at once.",
        rationale: RATIONALE,
        noContact: { days: 90, startsAt: daysAgo(5), protectedMemberIds: [named.id], protect: ["reporter"] },
      },
    });
    // A recused moderator: involved in W, so they may not reveal its reporter.
    const recused = await newActor(db(), "moderator", { memberId: named.id });
    return { admin, viewer, recused, subject, named, reporter, w };
  }

  it("a breach resting only on the reporter's protection is shown to who may reveal them, and to nobody else, on every surface", async () => {
    const s = await story();
    // X: the subject contacts the reporter again; the reporter is named as involved on X.
    const x = await logCase(s.admin, s.subject.id, { involved: [{ memberId: s.reporter.id }], occurredAt: daysAgo(1).toISOString() });
    expect(x.breach?.caseNumber).toBe(s.w.number);

    expect((await getCase({ actor: s.admin, number: x.number })).breach?.caseNumber).toBe(s.w.number);
    for (const actor of [s.viewer, s.recused]) {
      const c = await getCase({ actor, number: x.number });
      expect(c.breach, actor.role).toBeNull();
      expect(JSON.stringify(c.audit)).not.toContain(s.w.number);
      const row = (await listCases({ actor, query: { q: x.number } })).rows.find((r) => r.number === x.number);
      expect(row?.breach).toBe(false);
      const dashboard = await getDashboardSummary(actor);
      expect(dashboard.breaches.map((b) => b.caseNumber)).not.toContain(x.number);
      const history = await getMemberHistory({ actor, memberId: s.subject.id });
      if (history.kind !== "full") throw new Error("expected the full history");
      expect(history.cases.find((c) => c.number === x.number)?.breachOf).toBeNull();
    }
    // The ladder still holds: whoever decides X is told the ban is mandatory.
    const ctx = await getDecisionContext({ actor: s.admin, caseId: x.id });
    expect(ctx.recommendation).toMatchObject({ level: "permanent_ban", mandatory: true });
  });

  it("a breach of a protection by name is shown to everyone who sees the case", async () => {
    const s = await story();
    const x = await logCase(s.admin, s.subject.id, { involved: [{ memberId: s.named.id }], occurredAt: daysAgo(1).toISOString() });
    expect((await getCase({ actor: s.viewer, number: x.number })).breach?.caseNumber).toBe(s.w.number);
    expect((await listCases({ actor: s.viewer, query: { q: x.number } })).rows[0]?.breach).toBe(true);
  });
});
