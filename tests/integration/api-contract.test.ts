import { beforeAll, expect, it } from "vitest";
import { configureRateLimit } from "@/lib/server/api/rate-limit.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { api, caseBody, openApiDocument, RATIONALE, system, userWithToken } from "./api-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";
import { storedReporter } from "./reporter-helpers.ts";
import { DAY } from "@/lib/policy/durations.ts";

describeEachBackend("JSON API: contract and the ladder through the API alone", ({ db }) => {
  beforeAll(() => configureRateLimit());

  it("the OpenAPI document is 3.1, generated from the zod schemas, public, and lists every endpoint", async () => {
    const doc = (await openApiDocument()) as {
      openapi: string;
      paths: Record<string, object>;
      components: { schemas: Record<string, object> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/cases",
      "/cases/{number}",
      "/cases/{number}/decision",
      "/decisions",
      "/members/lookup",
      "/openapi.json",
      "/ping",
    ]);
    const createCase = doc.components.schemas.CreateCaseRequest as { additionalProperties: boolean; required: string[] };
    expect(createCase.additionalProperties).toBe(false);
    expect(createCase.required.sort()).toEqual(["description", "occurredAt", "space", "standards", "subject"]);
  });

  it("the ladder of the cases issue, driven through the API alone: Reminder → Warning → breach → Permanent ban", async () => {
    const { secret, token } = await userWithToken("moderator", "write");
    const client = api(secret);
    const subject = unique("gh");
    const victim = unique("gh");

    const first = await client.createCase(
      caseBody(subject, { subject: { space: "github", handle: `@${subject}`, displayName: "Riley Example" } }),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "new", breach: false, recommendation: { level: "reminder" } });
    expect(first.body.url).toMatch(new RegExp(`/cases/${first.body.number}$`));
    const reminder = await client.decide(first.body.number as string, { level: "reminder", rationale: RATIONALE });
    expect(reminder.status).toBe(201);
    expect(reminder.body).toMatchObject({
      decision: { level: "reminder", recommended: "reminder", deviation: false },
      standing: { status: "reminded" },
    });

    const second = await client.createCase(
      caseBody(subject, { involved: [{ space: "github", handle: victim }], standards: ["trolling-insults"] }),
    );
    expect(second.body).toMatchObject({ breach: false, recommendation: { level: "warning" } });
    const number2 = second.body.number as string;

    const noNoContact = await client.decide(number2, { level: "warning", rationale: RATIONALE });
    expect(noNoContact.status).toBe(422);
    expect(noNoContact.body.error).toMatchObject({
      code: "rule",
      message: "A Warning needs a no-contact period: its length and the people it protects",
    });

    const warning = await client.decide(number2, {
      level: "warning",
      rationale: RATIONALE,
      noContact: { days: 90, protected: [{ space: "github", handle: victim }] },
    });
    expect(warning.status).toBe(201);
    const standing = (warning.body as { standing: { status: string; noContactUntil: string } }).standing;
    expect(standing.status).toBe("warned");
    const days = (new Date(standing.noContactUntil).getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);

    // Inside the no-contact period: the incident happens after the Warning.
    const third = await client.createCase(
      caseBody(subject, { involved: [{ space: "github", handle: victim.toUpperCase() }], occurredAt: new Date().toISOString() }),
    );
    expect(third.body).toMatchObject({ breach: true, recommendation: { level: "permanent_ban" } });
    expect((third.body.recommendation as { reasons: string[] }).reasons[0]).toContain(`no-contact terms of the Warning in case ${number2}`);
    const ban = await client.decide(third.body.number as string, { level: "permanent_ban", rationale: RATIONALE });
    expect(ban.status).toBe(201);
    expect(ban.body).toMatchObject({ standing: { status: "banned" } });

    const lookup = await client.lookup({ space: "github", handle: subject.toUpperCase() });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ displayName: "Riley Example", standing: { status: "banned" } });
    expect((lookup.body.cases as { number: string; decision: { level: string } }[]).map((c) => [c.number, c.decision.level])).toEqual([
      [first.body.number, "reminder"],
      [number2, "warning"],
      [third.body.number, "permanent_ban"],
    ]);

    const shown = await client.getCase(number2);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ number: number2, status: "decided", decisions: [{ level: "warning", reversed: false }] });

    // Every API mutation is an audit event naming the token.
    const events = await db().prisma.auditEvent.findMany({
      where: { actorTokenId: token.id },
      select: { action: true, actorType: true, actorLabel: true },
    });
    expect(events.filter((e) => e.action === "decision.recorded")).toHaveLength(3);
    expect(events.filter((e) => e.action === "case.created")).toHaveLength(3);
    expect(events.every((e) => e.actorType === "api_token" && e.actorLabel.endsWith(`(API token “${token.name}”)`))).toBe(true);
  });

  it("a case logged with a handle that only looks like an existing member's says so (lookAlikes), as the form does", async () => {
    const { secret } = await userWithToken("moderator", "write");
    const client = api(secret);
    const real = `noor${unique("h").toLowerCase()}`;
    const first = await client.createCase(caseBody(real, { subject: { space: "github", handle: real, displayName: "Real Person" } }));
    expect(first.status).toBe(201);
    expect(first.body.lookAlikes).toEqual([]);
    // Cyrillic о (U+043E) in place of the Latin o: another handle that looks the same.
    const fake = real.replace(/o/g, "\u043e");
    const second = await client.createCase(caseBody(fake));
    expect(second.status).toBe(201);
    expect(second.body.lookAlikes).toEqual([
      { field: "subject", handle: fake, looksLike: [{ space: "github", handle: real, displayName: "Real Person", retired: false }] },
    ]);
  });

  it("a deviation from the recommendation without a justification is refused with the rule's message (422), and nothing is written", async () => {
    const { secret } = await userWithToken("moderator", "write");
    const client = api(secret);
    const created = await client.createCase(caseBody(unique("gh")));
    const number = created.body.number as string;
    const before = await db().prisma.decision.count();
    const refused = await client.decide(number, { level: "permanent_ban", rationale: RATIONALE });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "rule",
      message: "The recommended level is Reminder: choosing another needs a written justification",
      fields: { justification: "The recommended level is Reminder: choosing another needs a written justification" },
    });
    expect(await db().prisma.decision.count()).toBe(before);
    const justified = await client.decide(number, {
      level: "permanent_ban",
      rationale: RATIONALE,
      justification: "Doxxing a contributor's home address.",
    });
    expect(justified.status).toBe(201);
    expect(justified.body).toMatchObject({ decision: { deviation: true, recommended: "reminder" }, standing: { status: "banned" } });
    const again = await client.decide(number, { level: "reminder", rationale: RATIONALE });
    expect(again.status).toBe(422);
  });

  it("a stale version is a 409; an unknown protected handle a 400; an unknown case a 404", async () => {
    const { secret } = await userWithToken("admin", "write");
    const client = api(secret);
    const number = (await client.createCase(caseBody(unique("gh")))).body.number as string;
    const stale = await client.decide(number, { level: "reminder", rationale: RATIONALE, version: 99 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict" });
    const unknown = await client.decide(number, {
      level: "warning",
      rationale: RATIONALE,
      justification: "Escalated",
      noContact: { days: 30, protected: [{ space: "slack", handle: unique("nobody") }] },
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys((unknown.body.error as { fields: object }).fields)).toEqual(["noContact.protected.0"]);
    expect((await client.getCase("2099-9999")).status).toBe(404);
    expect((await client.getCase("not-a-number")).status).toBe(404);
    expect((await client.decide("2099-9999", { level: "reminder", rationale: RATIONALE })).status).toBe(404);
    expect((await client.lookup({ space: "github", handle: unique("nobody") })).status).toBe(404);
    const bad = await client.lookup({ space: "myspace", handle: "" });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body.error as { fields: object }).fields).sort()).toEqual(["handle", "space"]);
    expect((await client.lookup({ space: "github", handle: "x", extra: "1" })).status).toBe(400);
  });

  it("the API never returns a reporter's identity, and unknown handles create members", async () => {
    const { secret } = await userWithToken("moderator", "write");
    const client = api(secret);
    const reporterHandle = unique("reporterhandle");
    const subject = unique("gh");
    const membersBefore = await db().prisma.member.count();
    const byMember = await client.createCase(caseBody(subject, { reporter: { space: "slack", handle: reporterHandle } }));
    const byContact = await client.createCase(
      caseBody(subject, { reporter: { name: "Casey Confidential", email: "casey.secret@example.org" } }),
    );
    const anonymous = await client.createCase(caseBody(subject, { reporter: { anonymous: true } }));
    expect([byMember.status, byContact.status, anonymous.status]).toEqual([201, 201, 201]);
    expect(await db().prisma.member.count()).toBe(membersBefore + 2); // the subject and the reporter
    const stored = await db().prisma.case.findUniqueOrThrow({ where: { id: byContact.body.id as string } });
    expect(stored.reporterKind).toBe("contact");
    expect(JSON.stringify(stored)).not.toMatch(/Casey|casey\.secret/);
    expect(await storedReporter(db(), stored.id)).toEqual({ name: "Casey Confidential", contact: "casey.secret@example.org" });

    const seen = JSON.stringify([
      (await client.getCase(byMember.body.number as string)).body,
      (await client.getCase(byContact.body.number as string)).body,
      (await client.lookup({ space: "github", handle: subject })).body,
      (await client.decisions()).body,
    ]);
    for (const secret of [reporterHandle, "Casey", "casey.secret", "reporter"]) expect(seen).not.toContain(secret);

    const noContact = await client.createCase(caseBody(subject, { reporter: {} }));
    expect(noContact.status).toBe(400);
    expect(noContact.body.error).toMatchObject({ code: "invalid", fields: { "reporter.name": "Enter the contact's name or email" } });
  });

  it("recusal and subject-hiding apply as on the pages", async () => {
    const subjectMember = unique("gh");
    const { secret } = await userWithToken("moderator", "write");
    const created = await api(secret).createCase(caseBody(subjectMember, { involved: [{ space: "github", handle: unique("gh") }] }));
    const number = created.body.number as string;
    const row = await db().prisma.case.findUniqueOrThrow({
      where: { number },
      select: { subjectId: true, involved: { select: { memberId: true } } },
    });

    const involvedMod = await userWithToken("moderator", "write", { memberId: row.involved[0]!.memberId });
    const recused = await api(involvedMod.secret).getCase(number);
    expect(recused.body).toMatchObject({ access: "recused" });
    const refused = await api(involvedMod.secret).decide(number, { level: "reminder", rationale: RATIONALE });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: "You are recused from this case" });

    const subjectMod = await userWithToken("moderator", "write");
    await linkUserMember({ actor: system, input: { userId: subjectMod.user.id, member: { memberId: row.subjectId } } });
    expect((await api(subjectMod.secret).getCase(number)).status).toBe(404);
    expect((await api(subjectMod.secret).decide(number, { level: "reminder", rationale: RATIONALE })).status).toBe(404);
    expect((await api(subjectMod.secret).lookup({ space: "github", handle: subjectMember })).status).toBe(403);
    const list = await api(subjectMod.secret).decisions();
    expect(JSON.stringify(list.body)).not.toContain(number);
  });

  it("a case a moderator logs about themselves never tells them whom a Warning about them protects (breach is null)", async () => {
    const subject = unique("gh");
    const reporter = unique("gh");
    const bystander = unique("gh");
    const { secret } = await userWithToken("moderator", "write");
    const colleague = api(secret);
    // A Warning about the subject, protecting the case's reporter (by role: never named).
    const first = await colleague.createCase(caseBody(subject));
    await colleague.decide(first.body.number as string, { level: "reminder", rationale: RATIONALE });
    const second = await colleague.createCase(caseBody(subject, { reporter: { space: "github", handle: reporter } }));
    const warned = await colleague.decide(second.body.number as string, {
      level: "warning",
      rationale: RATIONALE,
      noContact: { days: 90, protected: [], protect: ["reporter"] },
    });
    expect(warned.status).toBe(201);

    // The subject's own account, linked to their record as an admin links it.
    const subjectId = (await db().prisma.case.findUniqueOrThrow({ where: { number: second.body.number as string } })).subjectId;
    const own = await userWithToken("moderator", "write");
    await linkUserMember({ actor: system, input: { userId: own.user.id, member: { memberId: subjectId } } });
    const probe = (handle: string) =>
      api(own.secret).createCase(caseBody(subject, { involved: [{ space: "github", handle }], occurredAt: new Date().toISOString() }));
    const aboutReporter = await probe(reporter);
    const aboutBystander = await probe(bystander);
    expect(aboutReporter.status).toBe(201);
    // The same answer whoever they name: nothing tells them that the first is protected.
    expect(aboutReporter.body).toMatchObject({ breach: null, recommendation: null });
    expect(aboutBystander.body).toMatchObject({ breach: null, recommendation: null });
    // The breach still stands for everyone else.
    expect((await colleague.getCase(aboutReporter.body.number as string)).body.breach).toEqual({ caseNumber: second.body.number });
  });

  it("decisions are listed newest first with filters and a cursor, without reporters or involved people", async () => {
    const { secret } = await userWithToken("admin", "write");
    const client = api(secret);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const n = (await client.createCase(caseBody(unique("gh"), { involved: [{ space: "github", handle: unique("inv") }] }))).body
        .number as string;
      expect((await client.decide(n, { level: "reminder", rationale: RATIONALE, publicSummary: `Summary ${i}` })).status).toBe(201);
      numbers.push(n);
    }
    const today = new Date().toISOString().slice(0, 10);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Record<string, unknown> } = await client.decisions({
        from: today,
        to: today,
        level: "reminder",
        limit: "2",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status).toBe(200);
      const body = page.body as { decisions: { caseNumber: string; level: string }[]; nextCursor: string | null };
      expect(body.decisions.length).toBeLessThanOrEqual(2);
      expect(body.decisions.every((d) => d.level === "reminder")).toBe(true);
      seen.push(...body.decisions.map((d) => d.caseNumber));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((n) => numbers.includes(n))).toEqual([...numbers].reverse());
    expect((await client.decisions({ level: "warning", from: "2000-01-01", to: "2000-01-02" })).body).toEqual({
      decisions: [],
      nextCursor: null,
    });
    expect((await client.decisions({ cursor: "garbage" })).status).toBe(400);
    expect((await client.decisions({ from: "yesterday" })).status).toBe(400);
    expect((await client.decisions({ reporter: "1" })).status).toBe(400);
  });
});
