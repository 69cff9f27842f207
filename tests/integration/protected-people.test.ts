import { expect, it } from "vitest";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { logCase, newActor, newMember, snapshot } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";
import { DAY } from "@/lib/policy/durations.ts";

/*
 * Issue 12, items 5 and 6. A Warning forbids contact "with the people involved, including
 * those enforcing the Code of Conduct"; it may protect the reporter, who stays confidential:
 * the decision form offers "the reporter" without their member id, the server resolves it, and
 * no list or audit event names them.
 */

const RATIONALE = "Repeated hostile messages after a Reminder: a Warning with a no-contact period protects those involved.";

describeEachBackend("who a Warning protects", ({ db }) => {
  async function setup() {
    const decider = await newActor(db(), "moderator", { memberId: (await newMember(db(), "Decider")).id });
    const assigneeMember = await newMember(db(), "Assignee");
    const assignee = await newActor(db(), "moderator", { memberId: assigneeMember.id });
    const subject = await newMember(db(), "Subject");
    const involved = await newMember(db(), "Involved");
    const reporter = await newMember(db(), "Reporter");
    const c = await logCase(decider, subject.id, {
      reporter: { kind: "member", member: { memberId: reporter.id } },
      involved: [{ memberId: involved.id }],
    });
    await assignCase({ actor: decider, input: { caseId: c.id, version: 1, assigneeId: assignee.id } });
    return { decider, assignee, assigneeMember, subject, involved, reporter, c, version: 2 };
  }

  it("the form offers the involved by name, the reporter by role only, and the deciding and assigned moderators, all checked", async () => {
    const s = await setup();
    const ctx = await getDecisionContext({ actor: s.decider, caseId: s.c.id });
    expect(ctx.protectable).toEqual([
      { value: s.involved.id, field: "protectedMemberIds", label: s.involved.displayName, role: "involved", defaultChecked: true },
      { value: "reporter", field: "protect", label: "The reporter (confidential)", role: "reporter", defaultChecked: true },
      { value: "decider", field: "protect", label: `${s.decider.name} (you, deciding)`, role: "decider", defaultChecked: true },
      { value: "assignee", field: "protect", label: `${s.assignee.name} (assigned moderator)`, role: "assignee", defaultChecked: true },
    ]);
    // Nothing the page receives holds the reporter's member id or name.
    const payload = JSON.stringify(ctx);
    expect(payload).not.toContain(s.reporter.id);
    expect(payload).not.toContain(s.reporter.displayName);
    expect(payload).not.toContain(s.reporter.handle);
    expect(ctx.unlinkedEnforcers).toEqual([]);
  });

  it("the server resolves the roles: the Warning protects the reporter's, the decider's and the assignee's member records, and the lists name the reporter only by role", async () => {
    const s = await setup();
    const decision = await recordDecision({
      actor: s.decider,
      input: {
        caseId: s.c.id,
        version: s.version,
        level: "warning",
        justification: "Hostile direct messages call for a Warning at once.",
        rationale: RATIONALE,
        noContact: { days: 90, protectedMemberIds: [s.involved.id], protect: ["reporter", "decider", "assignee"] },
      },
    });
    const rows = await db().prisma.noContactProtection.findMany({
      where: { decisionId: decision.id },
      select: { memberId: true, named: true },
    });
    // The reporter is protected by role (resolved from the encrypted reporter when a breach is
    // checked): no row links the decision to the reporter's member record.
    expect(rows.sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual(
      [
        { memberId: s.involved.id, named: true },
        { memberId: s.decider.memberId!, named: true },
        { memberId: s.assigneeMember.id, named: true },
      ].sort((a, b) => a.memberId.localeCompare(b.memberId)),
    );
    const stored = await db().prisma.decision.findUniqueOrThrow({ where: { id: decision.id }, select: { protectedRoles: true } });
    expect(stored.protectedRoles).toEqual(expect.arrayContaining(["reporter", "decider", "assignee"]));

    const ctx = await getDecisionContext({ actor: s.decider, caseId: s.c.id });
    expect(ctx.decisions[0]!.noContact!.protected.map((p) => p.label)).toEqual([
      s.involved.displayName,
      "The reporter (confidential)",
      `${s.decider.name} (deciding moderator)`,
      `${s.assignee.name} (assigned moderator)`,
    ]);
    const history = await getMemberHistory({ actor: s.decider, memberId: s.subject.id });
    if (history.kind !== "full") throw new Error("expected the full history");
    expect(history.noContact[0]!.protectedPeople).toEqual([
      { id: s.involved.id, displayName: s.involved.displayName },
      { id: null, displayName: "The reporter (confidential)" },
      { id: s.decider.memberId, displayName: `${s.decider.name} (deciding moderator)` },
      { id: s.assigneeMember.id, displayName: `${s.assignee.name} (assigned moderator)` },
    ]);
    expect(JSON.stringify(history)).not.toContain(s.reporter.id);

    // The audit trail says the reporter is protected, never who they are.
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "decision.recorded", entityId: decision.id } });
    expect(JSON.stringify([event.before, event.after, event.metadata])).not.toContain(s.reporter.id);
    expect(event.after).toMatchObject({ noContact: { protectedRoles: ["reporter", "decider", "assignee"] } });
  });

  it("an assignee who is also the reporter is listed exactly as two people would be", async () => {
    const decider = await newActor(db(), "moderator", { memberId: (await newMember(db(), "Decider")).id });
    const dual = await newMember(db(), "Reporting moderator");
    const assignee = await newActor(db(), "moderator", { memberId: dual.id });
    const subject = await newMember(db(), "Subject");
    const c = await logCase(decider, subject.id, { reporter: { kind: "member", member: { memberId: dual.id } } });
    await assignCase({ actor: decider, input: { caseId: c.id, version: 1, assigneeId: assignee.id } });
    const ctx = await getDecisionContext({ actor: decider, caseId: c.id });
    expect(ctx.protectable.map((p) => p.value)).toEqual(["reporter", "decider", "assignee"]);
    const decision = await recordDecision({
      actor: decider,
      input: {
        caseId: c.id,
        version: 2,
        level: "warning",
        justification: "Hostile direct messages call for a Warning at once.",
        rationale: RATIONALE,
        noContact: { days: 30, protectedMemberIds: [], protect: ["reporter", "decider", "assignee"] },
      },
    });
    const after = await getDecisionContext({ actor: decider, caseId: c.id });
    expect(after.decisions[0]!.noContact!.protected.map((p) => p.label)).toEqual([
      "The reporter (confidential)",
      `${decider.name} (deciding moderator)`,
      `${assignee.name} (assigned moderator)`,
    ]);
    expect(await db().prisma.noContactProtection.count({ where: { decisionId: decision.id } })).toBe(2);
  });

  it("a role nobody holds is refused with a clear message and nothing is written: an unlinked decider, no assignee, an anonymous reporter", async () => {
    const unlinked = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const c = await logCase(unlinked, subject.id);
    const ctx = await getDecisionContext({ actor: unlinked, caseId: c.id });
    expect(ctx.protectable).toEqual([]);
    expect(ctx.unlinkedEnforcers).toEqual([unlinked.name]);
    const before = await snapshot(db(), c.id);
    const attempt = (protect: ("reporter" | "decider" | "assignee")[]) =>
      recordDecision({
        actor: unlinked,
        input: {
          caseId: c.id,
          version: 1,
          level: "warning",
          justification: "Hostile direct messages call for a Warning at once.",
          rationale: RATIONALE,
          noContact: { days: 30, protectedMemberIds: [], protect },
        },
      });
    await expect(attempt(["decider"])).rejects.toMatchObject({
      code: "rule",
      fields: { noContact: expect.stringContaining("not linked to a member record") },
    });
    await expect(attempt(["assignee"])).rejects.toMatchObject({
      code: "rule",
      fields: { noContact: "This case has no assignee to protect" },
    });
    await expect(attempt(["reporter"])).rejects.toMatchObject({
      code: "rule",
      fields: { noContact: expect.stringContaining("not a community member on record") },
    });
    await expect(attempt(["nobody" as "reporter"])).rejects.toMatchObject({ code: "invalid" });
    expect(await snapshot(db(), c.id)).toEqual(before);
  });

  it("a no-contact period that has already ended when it is recorded is refused", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const involved = await newMember(db(), "Involved");
    const c = await logCase(moderator, subject.id, { involved: [{ memberId: involved.id }] });
    const before = await snapshot(db(), c.id);
    await expect(
      recordDecision({
        actor: moderator,
        input: {
          caseId: c.id,
          version: 1,
          level: "warning",
          justification: "Hostile direct messages call for a Warning at once.",
          rationale: RATIONALE,
          noContact: { days: 30, startsAt: new Date(Date.now() - 40 * DAY), protectedMemberIds: [involved.id] },
        },
      }),
    ).rejects.toMatchObject({
      code: "rule",
      fields: { noContact: "The period has already ended: choose a later start or a longer period" },
    });
    expect(await snapshot(db(), c.id)).toEqual(before);
    // Started in the past but still running: accepted.
    const ok = await recordDecision({
      actor: moderator,
      input: {
        caseId: c.id,
        version: 1,
        level: "warning",
        justification: "Hostile direct messages call for a Warning at once.",
        rationale: RATIONALE,
        noContact: { days: 30, startsAt: new Date(Date.now() - 20 * DAY), protectedMemberIds: [involved.id] },
      },
    });
    expect(ok.level).toBe("warning");
  });

  it("two moderators deciding at once: the second is told who decided what, and when", async () => {
    const a = await newActor(db(), "moderator");
    const b = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const c = await logCase(a, subject.id);
    await recordDecision({ actor: a, input: { caseId: c.id, version: 1, level: "reminder", rationale: RATIONALE } });
    await expect(
      recordDecision({ actor: b, input: { caseId: c.id, version: 1, level: "reminder", rationale: RATIONALE } }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(new RegExp(`^Not recorded: ${a.name} decided a Reminder on this case at .+, while you were deciding`)),
    });
  });
});
