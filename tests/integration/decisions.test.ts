import { expect, it } from "vitest";
import { standingOf } from "@/lib/policy/ladder.ts";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { loadLadderHistory } from "@/lib/server/members/load-ladder-history.ts";
import { createTestActor, describeEachBackend, unique } from "./harness.ts";
import { DAY } from "@/lib/policy/durations.ts";

const RATIONALE = "Repeated insulting remarks toward a contributor in code review; personal attacks are unwelcome.";

describeEachBackend("deciding along the ladder", ({ db }) => {
  const prisma = () => db().prisma;

  const actorOf = (role: "admin" | "moderator" | "viewer", memberId: string | null = null) => createTestActor(db(), role, memberId);

  const system = { system: true as const, label: "test" };

  async function member(name = "Member") {
    return createMember({
      actor: system,
      input: { displayName: `${name} ${unique()}`, identities: [{ space: "github", handle: unique("gh") }] },
    });
  }

  /** A case logged and under investigation, through the app (the case-logging flow is tested on its own). */
  async function makeCase(subjectId: string, opts: { involved?: string[]; reporterMemberId?: string; occurredAt?: Date } = {}) {
    const created = await createCase({
      actor: system,
      input: {
        subject: { memberId: subjectId },
        reporter: opts.reporterMemberId ? { kind: "member", member: { memberId: opts.reporterMemberId } } : { kind: "anonymous" },
        involved: (opts.involved ?? []).map((memberId) => ({ memberId })),
        space: "github",
        occurredAt: (opts.occurredAt ?? new Date()).toISOString(),
        standards: ["trolling-insults"],
        description: "Test incident",
        evidence: [],
      },
    });
    const moved = await changeCaseStatus({ actor: system, input: { caseId: created.id, version: 1, status: "investigating" } });
    return { id: created.id, number: created.number, version: moved.version };
  }

  async function counts() {
    const [decisions, events, protections] = await Promise.all([
      prisma().decision.count(),
      prisma().auditEvent.count(),
      prisma().noContactProtection.count(),
    ]);
    return { decisions, events, protections };
  }

  it("the whole ladder: Reminder, then Warning with a no-contact period, then a breach makes a Permanent ban mandatory", async () => {
    const moderator = await actorOf("moderator");
    const subject = await member("Subject");
    const casey = await member("Casey");

    const first = await makeCase(subject.id);
    const ctx1 = await getDecisionContext({ actor: moderator, caseId: first.id });
    expect(ctx1.recommendation).toMatchObject({ level: "reminder", mandatory: false });
    const reminder = await recordDecision({
      actor: moderator,
      input: { caseId: first.id, version: first.version, level: "reminder", rationale: RATIONALE },
    });
    expect(reminder).toMatchObject({ level: "reminder", deviation: false });
    expect(await prisma().case.findUniqueOrThrow({ where: { id: first.id }, select: { status: true, version: true } })).toEqual({
      status: "decided",
      version: first.version + 1,
    });
    const recorded = await prisma().auditEvent.findFirstOrThrow({ where: { action: "decision.recorded", entityId: reminder.id } });
    expect(recorded.after).toMatchObject({ level: "reminder", recommended: "reminder", deviation: false, case: first.number });
    expect(recorded.actorUserId).toBe(moderator.id);

    const second = await makeCase(subject.id, { involved: [casey.id] });
    const ctx2 = await getDecisionContext({ actor: moderator, caseId: second.id });
    expect(ctx2.recommendation.level).toBe("warning");
    expect(ctx2.recommendation.reasons[0]).toContain(first.number);
    expect(ctx2.protectable).toEqual([
      expect.objectContaining({ value: casey.id, field: "protectedMemberIds", role: "involved", defaultChecked: true }),
    ]);

    const before = await counts();
    await expect(
      recordDecision({ actor: moderator, input: { caseId: second.id, version: second.version, level: "warning", rationale: RATIONALE } }),
    ).rejects.toMatchObject({
      code: "rule",
      fields: { noContact: "A Warning needs a no-contact period: its length and the people it protects" },
    });
    expect(await counts()).toEqual(before);

    const startsAt = new Date(Date.now() - DAY);
    const warning = await recordDecision({
      actor: moderator,
      input: {
        caseId: second.id,
        version: second.version,
        level: "warning",
        rationale: RATIONALE,
        noContact: { days: 90, startsAt, protectedMemberIds: [casey.id] },
      },
    });
    expect(warning.noContactEndsAt!.getTime() - warning.noContactStartsAt!.getTime()).toBe(90 * DAY);
    const history = await loadLadderHistory(prisma(), subject.id);
    expect(standingOf(history, new Date())).toEqual({
      status: "warned",
      noContactUntil: warning.noContactEndsAt,
      since: warning.decidedAt,
    });

    // A third case involving a protected person inside the period is a breach.
    const third = await makeCase(subject.id, { involved: [casey.id] });
    const ctx3 = await getDecisionContext({ actor: moderator, caseId: third.id });
    expect(ctx3.recommendation).toMatchObject({
      level: "permanent_ban",
      mandatory: true,
      breach: { decisionId: warning.id, protectedMemberIds: [casey.id] },
    });
    await expect(
      recordDecision({
        actor: moderator,
        input: {
          caseId: third.id,
          version: third.version,
          level: "warning",
          rationale: RATIONALE,
          justification: "They apologised",
          noContact: { days: 30, protectedMemberIds: [casey.id] },
        },
      }),
    ).rejects.toMatchObject({ code: "rule", fields: { level: expect.stringContaining("leads to a Permanent ban") } });
    await recordDecision({
      actor: moderator,
      input: { caseId: third.id, version: third.version, level: "permanent_ban", rationale: RATIONALE },
    });
    expect(standingOf(await loadLadderHistory(prisma(), subject.id), new Date()).status).toBe("banned");

    // A banned member stays banned: a new case is recorded and recommended a ban again.
    const fourth = await makeCase(subject.id);
    expect((await getDecisionContext({ actor: moderator, caseId: fourth.id })).recommendation.level).toBe("permanent_ban");
    await recordDecision({
      actor: moderator,
      input: { caseId: fourth.id, version: fourth.version, level: "reminder", rationale: RATIONALE, justification: "Minor follow-up" },
    });
    expect(standingOf(await loadLadderHistory(prisma(), subject.id), new Date()).status).toBe("banned");
  });

  it("choosing other than the recommendation needs a written justification, kept with the decision and in the audit trail", async () => {
    const moderator = await actorOf("moderator");
    const subject = await member();
    const c = await makeCase(subject.id);
    await expect(
      recordDecision({ actor: moderator, input: { caseId: c.id, version: c.version, level: "permanent_ban", rationale: RATIONALE } }),
    ).rejects.toMatchObject({
      code: "rule",
      fields: { justification: "The recommended level is Reminder: choosing another needs a written justification" },
    });
    const d = await recordDecision({
      actor: moderator,
      input: {
        caseId: c.id,
        version: c.version,
        level: "permanent_ban",
        rationale: RATIONALE,
        justification: "Doxxing a member warrants an immediate ban.",
      },
    });
    expect(
      await prisma().decision.findUniqueOrThrow({ where: { id: d.id }, select: { recommendedLevel: true, deviationJustification: true } }),
    ).toEqual({
      recommendedLevel: "reminder",
      deviationJustification: "Doxxing a member warrants an immediate ban.",
    });
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: "decision.recorded", entityId: d.id } });
    expect(event.after).toMatchObject({ deviation: true, justification: "Doxxing a member warrants an immediate ban." });
  });

  it("bad input gets a message per field and changes nothing", async () => {
    const moderator = await actorOf("moderator");
    const c = await makeCase((await member()).id);
    const before = await counts();
    await expect(
      recordDecision({ actor: moderator, input: { caseId: c.id, version: c.version, level: "reminder", rationale: "too short" } }),
    ).rejects.toMatchObject({
      code: "rule",
      fields: { rationale: expect.stringContaining("nature of the violation") },
    });
    await expect(
      recordDecision({ actor: moderator, input: { caseId: "x", version: "v", level: "severe", rationale: 5 } }),
    ).rejects.toMatchObject({
      code: "invalid",
      fields: { caseId: "Unknown case", level: "Choose a level" },
    });
    expect(await counts()).toEqual(before);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("investigating");
  });

  it("viewers cannot decide; a recused moderator is refused; a moderator who is the subject cannot find the case", async () => {
    const reporter = await member("Reporter");
    const involved = await member("Involved");
    const subject = await member("Subject");
    const c = await makeCase(subject.id, { reporterMemberId: reporter.id, involved: [involved.id] });
    const input = { caseId: c.id, version: c.version, level: "reminder", rationale: RATIONALE };
    await expect(recordDecision({ actor: await actorOf("viewer"), input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordDecision({ actor: await actorOf("moderator", reporter.id), input })).rejects.toMatchObject({
      code: "forbidden",
      message: "You are recused from this case",
    });
    await expect(recordDecision({ actor: await actorOf("moderator", involved.id), input })).rejects.toMatchObject({
      code: "forbidden",
      message: "You are recused from this case",
    });
    const subjectModerator = await actorOf("moderator", subject.id);
    await expect(recordDecision({ actor: subjectModerator, input })).rejects.toMatchObject({ code: "not_found" });
    await expect(getDecisionContext({ actor: subjectModerator, caseId: c.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await prisma().decision.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("a stale version or a second decision is refused; two moderators deciding at once record exactly one decision", async () => {
    const m1 = await actorOf("moderator");
    const m2 = await actorOf("moderator");
    const c = await makeCase((await member()).id);
    await expect(
      recordDecision({ actor: m1, input: { caseId: c.id, version: c.version - 1, level: "reminder", rationale: RATIONALE } }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    const results = await Promise.allSettled([
      recordDecision({ actor: m1, input: { caseId: c.id, version: c.version, level: "reminder", rationale: RATIONALE } }),
      recordDecision({ actor: m2, input: { caseId: c.id, version: c.version, level: "reminder", rationale: RATIONALE } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: expect.objectContaining({ code: expect.stringMatching(/conflict|rule/) }),
    });
    expect(await prisma().decision.count({ where: { caseId: c.id } })).toBe(1);
    const fresh = await prisma().case.findUniqueOrThrow({ where: { id: c.id } });
    await expect(
      recordDecision({ actor: m1, input: { caseId: c.id, version: fresh.version, level: "reminder", rationale: RATIONALE } }),
    ).rejects.toMatchObject({
      code: "rule",
      message: expect.stringContaining("already decided"),
    });
  });

  it("only an admin reverses a decision, with a reason; the decision stays and no longer counts on the ladder", async () => {
    const moderator = await actorOf("moderator");
    const admin = await actorOf("admin");
    const subject = await member();
    const c = await makeCase(subject.id);
    const d = await recordDecision({
      actor: moderator,
      input: { caseId: c.id, version: c.version, level: "reminder", rationale: RATIONALE },
    });
    const later = await makeCase(subject.id);
    expect((await getDecisionContext({ actor: moderator, caseId: later.id })).recommendation.level).toBe("warning");

    await expect(
      reverseDecision({ actor: moderator, input: { decisionId: d.id, reason: "On appeal: the tangent was invited." } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(reverseDecision({ actor: admin, input: { decisionId: d.id, reason: "" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { reason: expect.any(String) },
    });
    await reverseDecision({ actor: admin, input: { decisionId: d.id, reason: "On appeal: the tangent was invited." } });
    await expect(reverseDecision({ actor: admin, input: { decisionId: d.id, reason: "Again, on second appeal." } })).rejects.toMatchObject({
      code: "conflict",
      message: "This decision was already reversed",
    });

    expect(await prisma().decision.findUnique({ where: { id: d.id } })).not.toBeNull();
    const ctx = await getDecisionContext({ actor: admin, caseId: c.id });
    expect(ctx.decisions).toHaveLength(1);
    expect(ctx.decisions[0]!.reversal).toMatchObject({ reason: "On appeal: the tangent was invited.", reversedBy: admin.name });
    expect(ctx.standingDecision).toBe(false);
    expect((await getDecisionContext({ actor: moderator, caseId: later.id })).recommendation.level).toBe("reminder");
    expect(standingOf(await loadLadderHistory(prisma(), subject.id), new Date()).status).toBe("good");
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: "decision.reversed", entityId: d.id } });
    expect(event).toMatchObject({
      actorUserId: admin.id,
      before: { level: "reminder", reversed: false },
      after: expect.objectContaining({ reversed: true }),
    });
  });

  it("a Warning protects only real people, never the member it warns", async () => {
    const moderator = await actorOf("moderator");
    const subject = await member();
    await recordDecision({
      actor: moderator,
      input: {
        ...(await makeCase(subject.id).then((c) => ({ caseId: c.id, version: c.version }))),
        level: "reminder",
        rationale: RATIONALE,
      },
    });
    const c = await makeCase(subject.id);
    const base = { caseId: c.id, version: c.version, level: "warning", rationale: RATIONALE };
    await expect(
      recordDecision({ actor: moderator, input: { ...base, noContact: { days: 30, protectedMemberIds: [subject.id] } } }),
    ).rejects.toMatchObject({ code: "rule" });
    await expect(
      recordDecision({
        actor: moderator,
        input: { ...base, noContact: { days: 30, protectedMemberIds: ["00000000-0000-4000-8000-00000000abcd"] } },
      }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(
      recordDecision({ actor: moderator, input: { ...base, noContact: { days: 0, protectedMemberIds: [] } } }),
    ).rejects.toMatchObject({
      code: "invalid",
      fields: { "noContact.days": "At least 1 day" },
    });
  });

  it("a protected reporter who reports being contacted again makes the case a breach, though not listed as involved", async () => {
    const moderator = await actorOf("moderator");
    const subject = await member("Subject");
    const dana = await member("Dana");
    const first = await makeCase(subject.id);
    await recordDecision({
      actor: moderator,
      input: { caseId: first.id, version: first.version, level: "reminder", rationale: RATIONALE },
    });
    const second = await makeCase(subject.id, { reporterMemberId: dana.id });
    const ctx = await getDecisionContext({ actor: moderator, caseId: second.id });
    // Offered by role: the page never holds the reporter's member id.
    expect(ctx.protectable).toEqual([
      expect.objectContaining({ value: "reporter", field: "protect", label: "The reporter (confidential)", role: "reporter" }),
    ]);
    expect(JSON.stringify(ctx)).not.toContain(dana.id);
    await recordDecision({
      actor: moderator,
      input: {
        caseId: second.id,
        version: second.version,
        level: "warning",
        rationale: RATIONALE,
        justification: "Hostile direct messages call for a Warning.",
        noContact: { days: 30, protectedMemberIds: [], protect: ["reporter"] },
      },
    });
    const third = await makeCase(subject.id, { reporterMemberId: dana.id });
    expect((await getDecisionContext({ actor: moderator, caseId: third.id })).recommendation).toMatchObject({
      level: "permanent_ban",
      mandatory: true,
    });
  });
});
