import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { exportAuditEvents } from "@/lib/server/audit/export-audit-events.ts";
import { listAuditEvents, listAuditFacets } from "@/lib/server/audit/list-audit-events.ts";
import { verifyAuditChainNow, lastVerification } from "@/lib/server/audit/verify-now.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { daysAgo, logCase, newActor, newMember, recordWarning } from "./cases-helpers.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { describeEachBackend, unique } from "./harness.ts";

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describeEachBackend("audit log", ({ db }) => {
  const prisma = () => db().prisma;
  async function admin(memberId: string | null = null) {
    const u = await createUser({
      actor: { system: true, label: "test" },
      input: { email: `${unique()}@example.org`, name: `Admin ${unique()}`, role: "admin" },
    });
    if (memberId) await linkUserMember({ actor: { system: true, label: "test" }, input: { userId: u.id, member: { memberId } } });
    return { id: u.id, name: u.name, role: "admin" as const, memberId };
  }

  it("filters events and downloads them as CSV and JSON Lines that parse back to the stored events; the export is audited", async () => {
    const actor = await admin();
    // A moderator whose name is a spreadsheet formula logs three cases whose descriptions need quoting.
    const formula = `=HYPERLINK("http://evil.example","${unique("tag")}")`;
    const logger = await createUser({
      actor: { system: true, label: "test" },
      input: { email: `${unique()}@example.org`, name: formula, role: "moderator" },
    });
    const moderator = { id: logger.id, name: logger.name, role: "moderator" as const, memberId: null };
    const subject = await newMember(db(), "Subject");
    const described = (i: number) => `comma, "quote"\nline ${i}`;
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await logCase(moderator, subject.id, { description: described(i) }));
    const filter = { actor: moderator.id, action: "case.created" };
    const page = await listAuditEvents({ actor, input: filter });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.entityId)).toEqual([cases[2]!.id, cases[1]!.id, cases[0]!.id]);

    const csv = await text(await exportAuditEvents({ actor, input: filter, format: "csv" }));
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const stored = await prisma().auditEvent.findMany({
      where: { action: "case.created", actorUserId: moderator.id },
      orderBy: { seq: "asc" },
    });
    expect(records.map((r) => r.seq)).toEqual(stored.map((e) => e.seq.toString()));
    expect(records.map((r) => r.hash)).toEqual(stored.map((e) => e.hash));
    expect(records.map((r) => r.hashVersion)).toEqual(["2", "2", "2"]);
    expect(records[0]!.actorLabel).toBe(`'${formula}`); // neutralised, not a formula
    expect(JSON.parse(records[1]!.after!)).toEqual(stored[1]!.after);
    expect(JSON.parse(records[1]!.after!)).toMatchObject({ number: cases[1]!.number, description: described(1) });

    const jsonl = await text(await exportAuditEvents({ actor, input: filter, format: "jsonl" }));
    const lines = jsonl
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.hash)).toEqual(stored.map((e) => e.hash));
    expect(lines.map((l) => l.hashVersion)).toEqual([2, 2, 2]);
    expect(lines[2].after).toEqual(stored[2]!.after);
    expect(lines[2].after).toMatchObject({ number: cases[2]!.number, description: described(2) });

    const exports = await prisma().auditEvent.findMany({
      where: { action: "export.created", actorUserId: actor.id },
      orderBy: { seq: "asc" },
    });
    expect(exports.map((e) => e.metadata)).toEqual([
      { kind: "audit", format: "csv", filters: filter, rows: 3 },
      { kind: "audit", format: "jsonl", filters: filter, rows: 3 },
    ]);
  });

  it("only admins read the audit log, and an admin never sees events about a case they are the subject of", async () => {
    const moderator = { ...(await admin()), role: "moderator" as const };
    await expect(listAuditEvents({ actor: moderator, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(exportAuditEvents({ actor: { ...moderator, role: "viewer" }, input: {}, format: "csv" })).rejects.toMatchObject({
      code: "forbidden",
    });

    const subject = await newMember(db(), "Subject");
    // Logged through the app by a colleague: its one event is case.created.
    const c = await logCase(await newActor(db(), "moderator"), subject.id, { space: "slack", standards: ["other"] });
    const other = await admin();
    expect((await listAuditEvents({ actor: other, input: { entityId: c.id } })).total).toBe(1);
    const self = await admin(subject.id);
    expect((await listAuditEvents({ actor: self, input: { entityId: c.id } })).total).toBe(0);
    const csv = await text(await exportAuditEvents({ actor: self, input: { entityType: "case" }, format: "csv" }));
    expect(csv).not.toContain(c.id);
  });

  it("bad filters get a clear message", async () => {
    await expect(listAuditEvents({ actor: await admin(), input: { from: "yesterday" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { from: "Use a date like 2026-01-31" },
    });
  });

  it("verifying from the page records who checked, when, and the result", async () => {
    const actor = await admin();
    const result = await verifyAuditChainNow({ actor });
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(await lastVerification()).toMatchObject({ ok: true, by: actor.name, count: result.count });
  });
  it("the action filter offers every action recorded, once each, in order", async () => {
    const actor = await admin();
    // Members added twice over and a case logged, through the app: member.created is recorded twice, but offered once.
    const subject = await newMember(db(), "Subject");
    await newMember(db(), "Another");
    await logCase(actor, subject.id);
    expect(await prisma().auditEvent.count({ where: { action: "member.created" } })).toBeGreaterThanOrEqual(2);
    const { actions } = await listAuditFacets({ actor });
    expect(actions.filter((a) => ["case.created", "member.created", "user.created"].includes(a))).toEqual([
      "case.created",
      "member.created",
      "user.created",
    ]);
    const all = await prisma().$queryRaw<{ action: string }[]>`SELECT DISTINCT action FROM "AuditEvent" ORDER BY action`;
    expect(actions).toEqual(all.map((a) => a.action));
    expect(new Set(actions).size).toBe(actions.length);
  });
});

describeEachBackend("audit log: cases an admin may not see", ({ db }) => {
  it("an event an admin may read never names a case about them: a merge's changed breaches are redacted on the page and in both exports", async () => {
    const subject = await newMember(db(), "Subject admin");
    const protectedPerson = await newMember(db(), "Protected");
    const duplicate = await newMember(db(), "Protected duplicate");
    const moderator = await newActor(db(), "moderator");
    const warning = await recordWarning(db(), moderator, subject.id, [protectedPerson.id], { startsAt: daysAgo(5), endsAt: daysAgo(-60) });
    // A new case about the subject names the duplicate record of the protected person: merging it makes it a breach.
    const later = await logCase(moderator, subject.id, { involved: [{ memberId: duplicate.id }], occurredAt: daysAgo(1).toISOString() });
    const merged = await mergeMembers({
      actor: moderator,
      input: { sourceId: duplicate.id, targetId: protectedPerson.id, reason: "Same person: the GitHub profile links both" },
    });
    expect(merged.breachesChanged.map((b) => [b.caseNumber, b.after])).toEqual([[later.number, warning.caseNumber]]);

    const self = await newActor(db(), "admin", { memberId: subject.id });
    const other = await newActor(db(), "admin");
    const filter = { action: "member.merged", entityId: protectedPerson.id };
    const seen = (actor: typeof self) =>
      listAuditEvents({ actor, input: filter }).then((p) => JSON.stringify(p.rows.map((r) => ({ ...r, seq: r.seq.toString() }))));
    expect(await seen(other)).toContain(later.number);
    const page = await seen(self);
    expect(page).toContain("member.merged"); // the merge itself is theirs to see
    for (const format of ["csv", "jsonl"] as const) {
      const exported = await text(await exportAuditEvents({ actor: self, input: filter, format }));
      expect(exported).toContain(protectedPerson.id);
      for (const hidden of [later.number, warning.caseNumber, later.id, warning.caseId, warning.decisionId]) {
        expect(exported).not.toContain(hidden);
        expect(page).not.toContain(hidden);
      }
    }
  });
});
