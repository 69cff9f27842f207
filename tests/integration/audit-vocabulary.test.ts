import { expect, it } from "vitest";
import { describeAuditRow, parseAuditEvent } from "@/lib/audit/describe.ts";
import { AuditShapeError, auditActorOf, recordAudit, type AuditInput } from "@/lib/server/audit.ts";
import { exportAuditEvents } from "@/lib/server/audit/export-audit-events.ts";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events.ts";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { decide, logCase, newActor, newMember, reverse, snapshot } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * The audit vocabulary against the real databases: events written by the domain functions read
 * back through parseAuditEvent in the shape the vocabulary declares, every reader shows their
 * sentence, and recordAudit refuses a payload of the wrong shape before anything is written.
 */
describeEachBackend("audit vocabulary", ({ db }) => {
  it("events the domain functions write read back in their declared shape, as sentences on the case history, member page and audit log", async () => {
    const admin = await newActor(db(), "admin");
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const target = await newMember(db(), "Target");
    const c = await logCase(moderator, subject.id, { involved: [{ memberId: target.id }] });
    await assignCase({ actor: moderator, input: { caseId: c.id, version: 1, assigneeId: moderator.id } });
    await addNote({ actor: moderator, input: { caseId: c.id, body: "Spoke to both people." } });
    const decision = await decide(moderator, c, "warning", {
      version: 2,
      noContact: { startsAt: new Date(), days: 90, protect: [target.id] },
    });
    await reverse(db(), decision.id, "On appeal: the evidence did not hold up.");

    // Every event in this database (members, accounts, cases, decisions) has its action's shape.
    const rows = await db().prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) expect(parseAuditEvent(row).event.shape, `${row.action} ${JSON.stringify(row.after)}`).toBe("known");

    const detail = await getCase({ actor: admin, number: c.number });
    const sentences = detail.audit.map((e) => describeAuditRow(e, { caseNumber: c.number }).sentence);
    expect(sentences).toEqual(
      expect.arrayContaining([
        `${moderator.name} logged ${c.number} about ${subject.displayName}, reported by someone anonymous`,
        `${moderator.name} assigned ${c.number} to ${moderator.name}`,
        `${moderator.name} added a note to ${c.number}: “Spoke to both people.”`,
        `${moderator.name} recorded a Warning on ${c.number}, with a 90-day no-contact period, instead of the recommended Reminder`,
        `${moderator.name} moved ${c.number} from New to Decided`,
        expect.stringMatching(new RegExp(`reversed the Warning on ${c.number}: “On appeal: the evidence did not hold up\\.”$`)),
      ]),
    );

    const member = await getMemberHistory({ actor: moderator, memberId: subject.id });
    expect(member.kind === "full" && member.audit.map((e) => e.sentence)).toEqual([
      `The system (test) added ${subject.displayName} (GitHub: ${subject.handle})`,
    ]);

    const log = await listAuditEvents({ actor: admin, input: { entityId: decision.id } });
    expect(log.rows.map((r) => r.sentence)).toContain(
      `${moderator.name} recorded a Warning on ${c.number}, with a 90-day no-contact period, instead of the recommended Reminder`,
    );
    expect(log.rows.every((r) => r.details.includes('"after"'))).toBe(true);

    const csv = await new Response(await exportAuditEvents({ actor: admin, input: { entityId: decision.id }, format: "csv" })).text();
    expect(csv.split(/\r?\n/)[0]).toMatch(/,hashVersion,sentence$/);
    expect(csv).toContain(`recorded a Warning on ${c.number}, with a 90-day no-contact period, instead of the recommended Reminder`);
  });

  it("recordAudit refuses a payload of the wrong shape: it throws, the transaction rolls back and nothing is written", async () => {
    const moderator = await newActor(db(), "moderator");
    const subject = await newMember(db(), "Subject");
    const c = await logCase(moderator, subject.id);
    const before = await snapshot(db(), c.id);
    const wrong = [
      { action: "case.note_added", after: { noteId: "n1" } },
      { action: "case.status_changed", before: { status: "new" }, after: { status: 7 } },
      { action: "decision.recorded", after: { case: c.number, level: "banished" } },
      { action: "no.such_action" },
    ];
    for (const input of wrong) {
      await expect(
        db().prisma.$transaction(async (tx) => {
          await tx.case.update({ where: { id: c.id }, data: { version: { increment: 1 } } });
          await recordAudit(tx, { actor: auditActorOf(moderator), entityType: "case", entityId: c.id, ...input } as unknown as AuditInput);
        }),
      ).rejects.toBeInstanceOf(AuditShapeError);
    }
    expect(await snapshot(db(), c.id)).toEqual(before);
  });
});
