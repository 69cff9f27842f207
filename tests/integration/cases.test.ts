import { expect, it } from "vitest";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { revealReporter } from "@/lib/server/cases/reveal-reporter.ts";
import { AppError } from "@/lib/server/errors.ts";
import { caseInput, daysAgo, logCase, newActor, newMember, recordWarning, snapshot } from "./cases-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";
import { storedReporter } from "./reporter-helpers.ts";
import { DAY } from "@/lib/policy/durations.ts";

describeEachBackend("logging a case", ({ db }) => {
  it("logs a case against a new member by handle, numbered YYYY-NNNN, with its status change and a case.created event", async () => {
    const moderator = await newActor(db(), "moderator");
    const involved = await newMember(db(), "Involved");
    const handle = `@New-${unique()}`;
    const created = await createCase({
      actor: moderator,
      input: caseInput("", {
        subject: { space: "github", handle, displayName: "Newly Named" },
        reporter: { kind: "contact", name: "Secret Reporter", email: "secret.reporter@example.net" },
        involved: [{ memberId: involved.id }],
        space: "slack",
        standards: ["harassment", "slack-mass-mention", "harassment"],
        description: "Pinged @channel with an insult",
        evidence: ["https://example.slack.com/archives/C1/p1"],
      }),
    });
    const year = new Date().getUTCFullYear();
    expect(created.number).toMatch(new RegExp(`^${year}-\\d{4,}$`));
    expect(created.breach).toBeNull();

    const row = await db().prisma.case.findUniqueOrThrow({
      where: { id: created.id },
      include: { subject: { include: { identities: true } }, involved: true, evidence: true, statusChanges: true },
    });
    expect(row).toMatchObject({
      status: "new",
      version: 1,
      space: "slack",
      standards: ["harassment", "slack-mass-mention"],
      reporterKind: "contact",
      legacyReporterName: null,
      legacyReporterContact: null,
      loggedById: moderator.id,
    });
    // Stored encrypted: the row holds neither in clear, and the key reads both back.
    expect(row.reporterEncrypted).not.toMatch(/Secret|secret\.reporter/);
    expect(await storedReporter(db(), created.id)).toEqual({ name: "Secret Reporter", contact: "secret.reporter@example.net" });
    expect(row.subject.displayName).toBe("Newly Named");
    expect(row.subject.identities).toMatchObject([{ space: "github", handle: handle, handleNormalized: handle.slice(1).toLowerCase() }]);
    expect(row.involved.map((i) => i.memberId)).toEqual([involved.id]);
    expect(row.evidence.map((e) => e.url)).toEqual(["https://example.slack.com/archives/C1/p1"]);
    expect(row.statusChanges).toMatchObject([{ from: null, to: "new", actorId: moderator.id }]);

    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "case.created", entityId: created.id } });
    expect(event).toMatchObject({ actorType: "user", actorUserId: moderator.id, entityType: "case", before: null });
    expect(event.after).toMatchObject({ number: created.number, reporterKind: "contact", space: "slack", breachOf: null });
    expect(JSON.stringify(event.after)).not.toMatch(/Secret Reporter|secret\.reporter/);
    expect(await db().prisma.auditEvent.count({ where: { action: "member.created", entityId: row.subjectId } })).toBe(1);
  });

  it("a reporter who is a member is stored on the case, encrypted, but appears in no audit event", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db());
    const reporterHandle = unique("reporter");
    const created = await logCase(moderator, subject.id, {
      reporter: { kind: "member", member: { space: "slack", handle: reporterHandle } },
    });
    const row = await db().prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.reporterKind).toBe("member");
    const reporterId = (await storedReporter(db(), created.id))?.memberId;
    expect(reporterId).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(reporterId!);
    const events = await db().prisma.auditEvent.findMany({ where: { entityType: "case", entityId: created.id } });
    expect(JSON.stringify(events.map((e) => [e.before, e.after, e.metadata]))).not.toContain(reporterId!);
    expect(JSON.stringify(events.map((e) => [e.before, e.after, e.metadata]))).not.toContain(reporterHandle);
  });

  it("bad input gets a message per field and changes nothing", async () => {
    const moderator = await newActor(db(), "moderator");
    const before = await snapshot(db());
    const error = await createCase({
      actor: moderator,
      input: {
        subject: { space: "myspace", handle: " " },
        reporter: { kind: "contact", name: "", email: "" },
        involved: [{ space: "github", handle: "" }],
        space: "",
        occurredAt: new Date(Date.now() + DAY).toISOString(),
        standards: [],
        description: "   ",
        evidence: ["javascript:alert(1)"],
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid");
    expect((error as AppError).fields).toEqual({
      "subject.space": "Choose a space",
      "subject.handle": "Enter a handle",
      "reporter.name": "Enter the contact's name or email",
      "involved.0.handle": "Enter a handle",
      space: "Choose a space",
      occurredAt: "When it happened cannot be in the future",
      standards: "Choose at least one standard violated",
      description: "Describe what happened",
      "evidence.0": "Evidence links must be web addresses starting with http:// or https://",
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("the subject cannot also be involved or the reporter; a new member named there is not created", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db());
    const before = await snapshot(db());
    await expect(
      logCase(moderator, subject.id, {
        involved: [
          { space: "github", handle: unique("fresh") },
          { space: "github", handle: subject.handle.toUpperCase() },
        ],
      }),
    ).rejects.toMatchObject({ code: "invalid", fields: { involved: expect.stringContaining("is the subject of this case") } });
    await expect(logCase(moderator, subject.id, { reporter: { kind: "member", member: { memberId: subject.id } } })).rejects.toMatchObject({
      code: "invalid",
      fields: { reporter: "The subject of a case cannot be its reporter" },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("viewers cannot log cases", async () => {
    const viewer = await newActor(db(), "viewer");
    const subject = await newMember(db());
    const before = await snapshot(db());
    await expect(logCase(viewer, subject.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot(db())).toEqual(before);
  });

  it("20 cases logged at once get sequential numbers without gaps or duplicates", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db());
    const created = await Promise.all(Array.from({ length: 20 }, () => logCase(moderator, subject.id)));
    const sequences = created.map((c) => Number(c.number.split("-")[1])).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(20);
    expect(sequences.at(-1)! - sequences[0]!).toBe(19);
    const rows = await db().prisma.case.findMany({
      where: { id: { in: created.map((c) => c.id) } },
      select: { number: true, sequence: true },
    });
    expect(rows.map((r) => r.number).sort()).toEqual(created.map((c) => c.number).sort());
  });
});

describeEachBackend("breach of no-contact terms on a new case", ({ db }) => {
  it("a case involving a person an active Warning protects, inside its period, is flagged as a breach", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Warned");
    const protectedPerson = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), moderator, subject.id, [protectedPerson.id], { startsAt: daysAgo(20), endsAt: daysAgo(-70) });
    const created = await logCase(moderator, subject.id, {
      involved: [{ memberId: protectedPerson.id }],
      occurredAt: daysAgo(2).toISOString(),
    });
    expect(created.breach).toEqual({ decisionId: warning.decisionId, caseNumber: warning.caseNumber });
    const row = await db().prisma.case.findUniqueOrThrow({ where: { id: created.id }, select: { breachOfDecisionId: true } });
    expect(row.breachOfDecisionId).toBe(warning.decisionId);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "case.created", entityId: created.id } });
    expect(event.after).toMatchObject({ breachOf: { caseNumber: warning.caseNumber } });
  });

  it("an incident outside the no-contact period, a person it does not protect, or a reversed Warning is no breach", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Warned");
    const protectedPerson = await newMember(db(), "Protected");
    const other = await newMember(db(), "Other");
    // The app records a Warning only while its period is in force (the end boundary is the policy's, unit-tested):
    // a 90-day period that started 89 days ago, and incidents before it or involving someone it does not protect.
    await recordWarning(db(), moderator, subject.id, [protectedPerson.id], { startsAt: daysAgo(89), endsAt: daysAgo(-1) });
    const before = await logCase(moderator, subject.id, {
      involved: [{ memberId: protectedPerson.id }],
      occurredAt: daysAgo(150).toISOString(),
    });
    expect(before.breach).toBeNull();
    const inside = await logCase(moderator, subject.id, { involved: [{ memberId: other.id }], occurredAt: daysAgo(50).toISOString() });
    expect(inside.breach).toBeNull();

    const subject2 = await newMember(db(), "Appealed");
    await recordWarning(
      db(),
      moderator,
      subject2.id,
      [protectedPerson.id],
      { startsAt: daysAgo(20), endsAt: daysAgo(-70) },
      { reversed: true },
    );
    const reversed = await logCase(moderator, subject2.id, {
      involved: [{ memberId: protectedPerson.id }],
      occurredAt: daysAgo(2).toISOString(),
    });
    expect(reversed.breach).toBeNull();
  });
});

describeEachBackend("reading a case", ({ db }) => {
  it("shows the case with its details and the reporter's kind only", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const involved = await newMember(db(), "Involved");
    const created = await logCase(moderator, subject.id, {
      reporter: { kind: "contact", name: "Hidden Name", email: "hidden@example.net" },
      involved: [{ memberId: involved.id }],
      evidence: ["https://github.com/example/project/issues/1"],
    });
    const c = await getCase({ actor: moderator, number: created.number });
    expect(c).toMatchObject({
      id: created.id,
      number: created.number,
      status: "new",
      version: 1,
      access: "full",
      reporter: { kind: "contact" },
      subject: { id: subject.id, name: subject.displayName, identities: [{ space: "github", handle: subject.handle }] },
      involved: [{ id: involved.id, name: involved.displayName }],
      evidence: [{ url: "https://github.com/example/project/issues/1" }],
      statusHistory: [{ from: null, to: "new" }],
      breach: null,
    });
    expect(c.audit.map((e) => e.action)).toEqual(["case.created"]);
    expect(JSON.stringify(c)).not.toMatch(/Hidden Name|hidden@example/);
  });

  it("a moderator who is the subject gets not found; one who is reporter or involved is recused", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db());
    const reporter = await newMember(db());
    const involved = await newMember(db());
    const created = await logCase(admin, subject.id, {
      reporter: { kind: "member", member: { memberId: reporter.id } },
      involved: [{ memberId: involved.id }],
    });
    const asSubject = await newActor(db(), "moderator", { memberId: subject.id });
    const asReporter = await newActor(db(), "moderator", { memberId: reporter.id });
    const asInvolved = await newActor(db(), "moderator", { memberId: involved.id });
    await expect(getCase({ actor: asSubject, number: created.number })).rejects.toMatchObject({
      code: "not_found",
      message: "This case does not exist",
    });
    await expect(getCase({ actor: asSubject, number: "2999-0001" })).rejects.toMatchObject({
      code: "not_found",
      message: "This case does not exist",
    });
    expect((await getCase({ actor: asReporter, number: created.number })).access).toBe("recused");
    expect((await getCase({ actor: asInvolved, number: created.number })).access).toBe("recused");
    expect((await getCase({ actor: await newActor(db(), "viewer"), number: created.number })).access).toBe("full");
  });
});

describeEachBackend("revealing the reporter", ({ db }) => {
  it("returns a member reporter's name and handles, and records reporter.revealed without the identity", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db());
    const reporter = await newMember(db(), "Reporter");
    const created = await logCase(moderator, subject.id, { reporter: { kind: "member", member: { memberId: reporter.id } } });
    const revealed = await revealReporter({ actor: moderator, input: { caseId: created.id } });
    expect(revealed).toEqual({
      kind: "member",
      memberId: reporter.id,
      name: reporter.displayName,
      identities: [{ space: "github", spaceLabel: "GitHub", handle: reporter.handle }],
    });
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "reporter.revealed", entityId: created.id } });
    expect(event).toMatchObject({
      actorUserId: moderator.id,
      entityType: "case",
      metadata: { number: created.number, reporterKind: "member" },
    });
    expect(JSON.stringify([event.before, event.after, event.metadata])).not.toMatch(new RegExp(`${reporter.handle}|${reporter.id}`));
  });

  it("returns an outside contact's name and email, or Anonymous", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db());
    const contact = await logCase(admin, subject.id, { reporter: { kind: "contact", email: "staff@conf.example" } });
    expect(await revealReporter({ actor: admin, input: { caseId: contact.id } })).toEqual({
      kind: "contact",
      name: null,
      email: "staff@conf.example",
    });
    const anonymous = await logCase(admin, subject.id);
    expect(await revealReporter({ actor: admin, input: { caseId: anonymous.id } })).toEqual({ kind: "anonymous" });
  });

  it("viewers and recused moderators are refused, the subject gets not found, and nothing is recorded", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db());
    const reporter = await newMember(db());
    const involved = await newMember(db());
    const created = await logCase(admin, subject.id, {
      reporter: { kind: "member", member: { memberId: reporter.id } },
      involved: [{ memberId: involved.id }],
    });
    const viewer = await newActor(db(), "viewer");
    const asReporter = await newActor(db(), "moderator", { memberId: reporter.id });
    const asInvolved = await newActor(db(), "moderator", { memberId: involved.id });
    const asSubject = await newActor(db(), "moderator", { memberId: subject.id });
    const before = await snapshot(db(), created.id);
    const input = { caseId: created.id };
    await expect(revealReporter({ actor: viewer, input })).rejects.toMatchObject({ code: "forbidden" });
    for (const recused of [asReporter, asInvolved]) {
      await expect(revealReporter({ actor: recused, input })).rejects.toMatchObject({
        code: "forbidden",
        message: "You are recused from this case",
      });
    }
    await expect(revealReporter({ actor: asSubject, input })).rejects.toMatchObject({
      code: "not_found",
      message: "This case does not exist",
    });
    await expect(revealReporter({ actor: admin, input: { caseId: "nope" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { caseId: "Unknown case" },
    });
    expect(await snapshot(db(), created.id)).toEqual(before);
  });
});
