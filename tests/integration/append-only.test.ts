import { expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/server/audit.ts";
import { nextCaseNumber } from "@/lib/server/cases/next-case-number.ts";
import { describeEachBackend, unique } from "./harness.ts";

describeEachBackend("nothing is lost", ({ db }) => {
  const prisma = () => db().prisma;

  it("the database rejects UPDATE, DELETE and TRUNCATE on the audit trail", async () => {
    const event = await prisma().$transaction((tx) =>
      appendAuditEvent(tx, { actor: { type: "system", label: "test" }, action: "test.kept", entityId: unique() }),
    );
    const before = await prisma().auditEvent.findUniqueOrThrow({ where: { seq: event.seq } });
    await expect(prisma().$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'forged' WHERE seq = ${event.seq}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE seq = ${event.seq}`)).rejects.toThrow(/append-only/);
    await expect(prisma().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(prisma().auditEvent.deleteMany({})).rejects.toThrow();
    expect(await prisma().auditEvent.findUniqueOrThrow({ where: { seq: event.seq } })).toEqual(before);
  });

  it("the database rejects deleting cases, decisions and notes", async () => {
    const subject = await prisma().member.create({ data: { displayName: "S" }, select: { id: true } });
    const author = await prisma().user.create({ data: { email: `${unique()}@example.org`, name: "A" }, select: { id: true } });
    const c = await prisma().$transaction(async (tx) =>
      tx.case.create({
        data: {
          ...(await nextCaseNumber(tx, 2099)),
          subjectId: subject.id,
          reporterKind: "anonymous",
          space: "slack",
          occurredAt: new Date(),
          standards: ["other"],
          description: "kept",
          notes: { create: { authorId: author.id, body: "kept note" } },
          decisions: { create: { level: "reminder", rationale: "kept decision rationale text" } },
        },
        select: { id: true },
      }),
    );
    await expect(prisma().$executeRawUnsafe(`DELETE FROM "CaseNote" WHERE "caseId" = '${c.id}'`)).rejects.toThrow(/never deleted/);
    await expect(prisma().$executeRawUnsafe(`DELETE FROM "Decision" WHERE "caseId" = '${c.id}'`)).rejects.toThrow(/never deleted/);
    await expect(prisma().$executeRawUnsafe(`DELETE FROM "Case" WHERE id = '${c.id}'`)).rejects.toThrow(/never deleted/);
    expect(await prisma().case.count({ where: { id: c.id } })).toBe(1);
    expect(await prisma().decision.count({ where: { caseId: c.id } })).toBe(1);
    expect(await prisma().caseNote.count({ where: { caseId: c.id } })).toBe(1);
  });
});
