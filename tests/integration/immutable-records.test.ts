import { expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/server/audit.ts";
import { verifyChain } from "@/lib/server/audit/verify-chain.ts";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { editNote } from "@/lib/server/cases/edit-note.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { caseVersion } from "./case-team-helpers.ts";
import { daysAgo, decide, logCase, newActor, newMember } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * Decisions are immutable in the database itself, whatever the client: a decision, its
 * reversal, every version of a note, every status change and every no-contact protection stay
 * as written. What happens later is a new row, or the one column set once (a decision's
 * memberNotifiedAt, when its notice is marked as sent); a merge moves a protection to the record
 * its member was merged into, and nothing else.
 */
describeEachBackend("decisions and their records are kept as written", ({ db }) => {
  const prisma = () => db().prisma;
  const sql = (text: string) => prisma().$executeRawUnsafe(text);
  /** Every row of a table (or those matching `where`), as text: equal snapshots mean nothing changed. */
  const rows = async (table: string, where = "true") =>
    (await prisma().$queryRawUnsafe<{ row: string }[]>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t WHERE ${where} ORDER BY 1`)).map(
      (r) => r.row,
    );

  const IMMUTABLE =
    /Decisions are immutable: UPDATE on "Decision" may only set "memberNotifiedAt", once \(a change of outcome is a reversal\)/;

  /** A Warning recorded through the app, protecting a member for 30 days from yesterday. */
  async function warning() {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Subject");
    const victim = await newMember(db(), "Protected");
    const c = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }] });
    const d = await decide(admin, c, "warning", { noContact: { startsAt: daysAgo(1), days: 30, protect: [victim.id] } });
    return { admin, subject, victim, c, d };
  }

  it("a decision cannot be updated: a change of level, rationale, period, decider, flags or dates is refused with a clear error and changes nothing", async () => {
    const { d } = await warning();
    const before = await rows("Decision", `id = '${d.id}'`);
    const events = await prisma().auditEvent.count();
    const where = `WHERE id = '${d.id}'`;
    for (const change of [
      `level = 'reminder'`,
      `level = NULL`,
      `rationale = 'Rewritten after the fact'`,
      `"noContactEndsAt" = now()`,
      `"noContactStartsAt" = NULL, "noContactEndsAt" = NULL`,
      `"decidedAt" = now() - interval '1 year'`,
      `"decidedById" = NULL`,
      `mandatory = true`,
      `"protectedRoles" = '{}'`,
      `"deviationJustification" = 'added later'`,
      // The set-once column does not carry another change with it, and a no-op is no exception.
      `"memberNotifiedAt" = now(), level = 'reminder'`,
      `level = level`,
    ]) {
      await expect(sql(`UPDATE "Decision" SET ${change} ${where}`), change).rejects.toThrow(IMMUTABLE);
    }
    await expect(prisma().decision.update({ where: { id: d.id }, data: { level: "reminder" } })).rejects.toThrow(IMMUTABLE);
    await expect(prisma().decision.updateMany({ data: { rationale: "All rewritten" } })).rejects.toThrow(IMMUTABLE);
    expect(await rows("Decision", `id = '${d.id}'`)).toEqual(before);
    expect(await prisma().auditEvent.count()).toBe(events);
  });

  it("a decision's notice time goes from empty to a time once, when its notice is marked as sent, and never changes again", async () => {
    const { admin, d } = await warning();
    const sent = await markNoticeSent({ actor: admin, input: { decisionId: d.id } });
    const after = await rows("Decision", `id = '${d.id}'`);
    await expect(sql(`UPDATE "Decision" SET "memberNotifiedAt" = now() + interval '1 day' WHERE id = '${d.id}'`)).rejects.toThrow(
      /Decisions are immutable: "memberNotifiedAt" is set once, and this decision's notice was already marked as sent/,
    );
    await expect(sql(`UPDATE "Decision" SET "memberNotifiedAt" = NULL WHERE id = '${d.id}'`)).rejects.toThrow(IMMUTABLE);
    await expect(markNoticeSent({ actor: admin, input: { decisionId: d.id } })).rejects.toMatchObject({ code: "conflict" });
    expect(await rows("Decision", `id = '${d.id}'`)).toEqual(after);
    expect((await prisma().decision.findUniqueOrThrow({ where: { id: d.id } })).memberNotifiedAt).toEqual(sent.memberNotifiedAt);

    // The database's rule on its own, whoever writes: NULL to a time once, then never again.
    const other = await warning();
    expect(await sql(`UPDATE "Decision" SET "memberNotifiedAt" = '2026-01-02 03:04:05' WHERE id = '${other.d.id}'`)).toBe(1);
    await expect(sql(`UPDATE "Decision" SET "memberNotifiedAt" = '2026-01-03 03:04:05' WHERE id = '${other.d.id}'`)).rejects.toThrow(
      /set once/,
    );
    expect((await prisma().decision.findUniqueOrThrow({ where: { id: other.d.id } })).memberNotifiedAt).toEqual(
      new Date("2026-01-02T03:04:05Z"),
    );
  });

  it("a reversal, every version of a note and every status change are kept as written: UPDATE, DELETE and TRUNCATE are refused and change nothing", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Subject");
    const c = await logCase(admin, subject.id);
    await changeCaseStatus({ actor: admin, input: { caseId: c.id, version: await caseVersion(db(), c.id), status: "investigating" } });
    const first = await addNote({ actor: admin, input: { caseId: c.id, body: "First version of the note." } });
    const second = await editNote({ actor: admin, input: { noteId: first.id, body: "Second version of the note." } });
    const d = await decide(admin, c, "reminder", { version: await caseVersion(db(), c.id) });
    await reverseDecision({ actor: admin, input: { decisionId: d.id, reason: "On appeal: the evidence did not hold up." } });

    const tables = ["DecisionReversal", "CaseNote", "CaseStatusChange", "Decision"];
    const before = await Promise.all(tables.map((t) => rows(t)));
    const events = await prisma().auditEvent.count();
    const refused: [string, RegExp][] = [
      [
        `UPDATE "DecisionReversal" SET reason = 'Never reversed' WHERE "decisionId" = '${d.id}'`,
        /Records of "DecisionReversal" are kept as written: UPDATE is not allowed/,
      ],
      [`UPDATE "DecisionReversal" SET "reversedAt" = now() - interval '1 year' WHERE "decisionId" = '${d.id}'`, /kept as written/],
      [`DELETE FROM "DecisionReversal" WHERE "decisionId" = '${d.id}'`, /never deleted/],
      [`TRUNCATE "DecisionReversal"`, /Records are never deleted: TRUNCATE on "DecisionReversal" is not allowed/],
      // The earlier version of the note, and the latest one.
      [
        `UPDATE "CaseNote" SET body = 'Rewritten' WHERE id = '${first.id}'`,
        /Records of "CaseNote" are kept as written: UPDATE is not allowed/,
      ],
      [`UPDATE "CaseNote" SET body = 'Rewritten' WHERE id = '${second.id}'`, /kept as written/],
      [`UPDATE "CaseNote" SET "supersedesId" = NULL WHERE id = '${second.id}'`, /kept as written/],
      [`TRUNCATE "CaseNote"`, /never deleted/],
      [
        `UPDATE "CaseStatusChange" SET "createdAt" = now() - interval '1 year' WHERE "caseId" = '${c.id}'`,
        /Records of "CaseStatusChange" are kept as written: UPDATE is not allowed/,
      ],
      [`UPDATE "CaseStatusChange" SET "to" = 'dismissed', reason = 'No violation' WHERE "caseId" = '${c.id}'`, /kept as written/],
      [
        `DELETE FROM "CaseStatusChange" WHERE "caseId" = '${c.id}'`,
        /Records of "CaseStatusChange" are kept as written: DELETE is not allowed/,
      ],
      [`TRUNCATE "CaseStatusChange"`, /never deleted/],
      [`TRUNCATE "DecisionReview"`, /never deleted/],
      [`TRUNCATE "DecisionNotice"`, /never deleted/],
      [`TRUNCATE "CaseTeamMember"`, /never deleted/],
    ];
    for (const [statement, error] of refused) await expect(sql(statement), statement).rejects.toThrow(error);
    await expect(prisma().caseNote.update({ where: { id: first.id }, data: { body: "Rewritten" } })).rejects.toThrow(/kept as written/);
    await expect(prisma().decisionReversal.update({ where: { decisionId: d.id }, data: { reason: "x".repeat(20) } })).rejects.toThrow(
      /kept as written/,
    );
    expect(await Promise.all(tables.map((t) => rows(t)))).toEqual(before);
    expect(await prisma().auditEvent.count()).toBe(events);
  });

  it("a no-contact protection cannot be changed or removed; a merge moves it to the record its member was merged into, and only that", async () => {
    const { admin, d, victim } = await warning();
    const other = await newMember(db(), "Other");
    const protection = `"decisionId" = '${d.id}'`;
    const before = await rows("NoContactProtection", protection);
    const KEPT = /No-contact protections are kept as decided: UPDATE on "NoContactProtection" is not allowed/;
    await expect(sql(`UPDATE "NoContactProtection" SET "memberId" = '${other.id}' WHERE ${protection}`)).rejects.toThrow(KEPT);
    await expect(sql(`UPDATE "NoContactProtection" SET named = false WHERE ${protection}`)).rejects.toThrow(KEPT);
    await expect(sql(`DELETE FROM "NoContactProtection" WHERE ${protection}`)).rejects.toThrow(
      /Records are never deleted: DELETE on "NoContactProtection" is not allowed/,
    );
    await expect(sql(`TRUNCATE "NoContactProtection"`)).rejects.toThrow(/never deleted/);
    await expect(prisma().noContactProtection.deleteMany({ where: { decisionId: d.id } })).rejects.toThrow(/never deleted/);
    expect(await rows("NoContactProtection", protection)).toEqual(before);

    // A merge marks the duplicate merged, then moves its protection, in one transaction. Moving it
    // anywhere else, or changing anything else on the way, is refused even then.
    const markMerged = `UPDATE "Member" SET "mergedIntoId" = '${other.id}' WHERE id = '${victim.id}'`;
    await expect(
      prisma().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(markMerged);
        await tx.$executeRawUnsafe(`UPDATE "NoContactProtection" SET "memberId" = '${other.id}', named = false WHERE ${protection}`);
      }),
    ).rejects.toThrow(KEPT);
    const stranger = await newMember(db(), "Stranger");
    await expect(
      prisma().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(markMerged);
        await tx.$executeRawUnsafe(`UPDATE "NoContactProtection" SET "memberId" = '${stranger.id}' WHERE ${protection}`);
      }),
    ).rejects.toThrow(KEPT);
    expect(await rows("NoContactProtection", protection)).toEqual(before);

    const merged = await mergeMembers({
      actor: admin,
      input: { sourceId: victim.id, targetId: other.id, reason: "Same person: both profiles link the same website" },
    });
    expect(merged.moved.protections).toBe(1);
    expect(await prisma().noContactProtection.findMany({ where: { decisionId: d.id } })).toEqual([
      { decisionId: d.id, memberId: other.id, named: true },
    ]);
    // Back to the duplicate, or on to someone else: refused.
    const moved = await rows("NoContactProtection", protection);
    await expect(sql(`UPDATE "NoContactProtection" SET "memberId" = '${victim.id}' WHERE ${protection}`)).rejects.toThrow(KEPT);
    await expect(sql(`UPDATE "NoContactProtection" SET "memberId" = '${stranger.id}' WHERE ${protection}`)).rejects.toThrow(KEPT);
    expect(await rows("NoContactProtection", protection)).toEqual(moved);
  });

  it("a temporary table named like a real one misdirects neither the audit chain nor the protections' merge check", async () => {
    const { d, victim } = await warning();
    const other = await newMember(db(), "Other");
    const head = await prisma().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    // Temporary tables come first in a session's search path: the triggers' functions search the
    // migrations' schema only (a temporary table lives in one session: one transaction holds it).
    const event = await prisma().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`CREATE TEMPORARY TABLE "AuditEvent" (seq bigint, hash text) ON COMMIT DROP`);
      await tx.$executeRawUnsafe(`INSERT INTO pg_temp."AuditEvent" VALUES (1000000, repeat('f', 64))`);
      return appendAuditEvent(tx, { actor: { type: "system", label: "test" }, action: "test.shadowed" });
    });
    const written = await prisma().auditEvent.findUniqueOrThrow({ where: { seq: event.seq } });
    expect(written).toMatchObject({ seq: head.seq + 1n, prevHash: head.hash });
    expect(await verifyChain(prisma())).toMatchObject({ ok: true });

    const protection = `"decisionId" = '${d.id}'`;
    const before = await rows("NoContactProtection", protection);
    await expect(
      prisma().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMPORARY TABLE "Member" (id uuid, "mergedIntoId" uuid) ON COMMIT DROP`);
        await tx.$executeRawUnsafe(`INSERT INTO pg_temp."Member" VALUES ('${victim.id}', '${other.id}')`);
        await tx.$executeRawUnsafe(`UPDATE "NoContactProtection" SET "memberId" = '${other.id}' WHERE ${protection}`);
      }),
    ).rejects.toThrow(/No-contact protections are kept as decided/);
    expect(await rows("NoContactProtection", protection)).toEqual(before);
  });
});
