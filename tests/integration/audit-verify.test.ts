import { afterEach, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/server/audit.ts";
import { formatHead, readHead, verifyChain } from "@/lib/server/audit/verify-chain.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "./harness.ts";

describe.each(BACKENDS)("audit:verify [$name]", (backend) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) {
      await db.close();
      await db.drop();
    }
  });

  /** A fresh database with a chain of n events, and a way around the trigger, as the database owner could. */
  async function chainOf(n: number) {
    const db = await openTestDatabase(backend);
    open.push(db);
    for (let i = 1; i <= n; i++) {
      await db.prisma.$transaction((tx) =>
        recordAudit(tx, {
          actor: { type: "system", label: "test" },
          action: `test.event_${i}`,
          entityType: "test",
          entityId: String(i),
          after: { i, note: "é ✓" },
        }),
      );
    }
    const tamper = async (...statements: string[]) => {
      await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
      for (const sql of statements) await db.prisma.$executeRawUnsafe(sql);
      await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    };
    return { db, tamper };
  }

  it("an intact chain verifies, and its head can be checked later", async () => {
    const { db } = await chainOf(6);
    const head = await readHead(db.prisma);
    expect(await verifyChain(db.prisma)).toEqual({ ok: true, count: 6, head });
    expect(await verifyChain(db.prisma, { expect: head! })).toMatchObject({ ok: true });
    expect(formatHead(head)).toMatch(/^6:[0-9a-f]{64}$/);
  });

  it("names an event edited in SQL", async () => {
    const { db, tamper } = await chainOf(6);
    await tamper(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE seq = 4`);
    expect(await verifyChain(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 4n,
      count: 3,
      problem: expect.stringContaining("changed after it was written"),
    });
  });

  it("names a deleted event", async () => {
    const { db, tamper } = await chainOf(6);
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 3`);
    expect(await verifyChain(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 4n,
      problem: "event 3 is missing: the chain jumps from 2 to 4 (events were deleted)",
    });
  });

  it("names two reordered events", async () => {
    const { db, tamper } = await chainOf(6);
    await tamper(
      `UPDATE "AuditEvent" SET seq = -2 WHERE seq = 2`,
      `UPDATE "AuditEvent" SET seq = 2 WHERE seq = 5`,
      `UPDATE "AuditEvent" SET seq = 5 WHERE seq = -2`,
    );
    expect(await verifyChain(db.prisma)).toMatchObject({ ok: false, brokenAt: 2n, problem: expect.stringContaining("reordered") });
  });

  it("names a truncated tail, given the head recorded before", async () => {
    const { db, tamper } = await chainOf(6);
    const head = (await readHead(db.prisma))!;
    await tamper(`DELETE FROM "AuditEvent" WHERE seq > 4`);
    expect(await verifyChain(db.prisma)).toMatchObject({ ok: true, count: 4 }); // without a known head a clean cut is invisible
    expect(await verifyChain(db.prisma, { expect: head })).toMatchObject({
      ok: false,
      problem: `the chain ends at event 4 but the expected head is ${formatHead(head)}: events after 4 were removed (truncated)`,
    });
  });

  it("names a chain rewritten from some point on, given the head recorded before", async () => {
    const { db, tamper } = await chainOf(4);
    const head = (await readHead(db.prisma))!;
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 4`);
    await db.prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "system", label: "forger" }, action: "test.forged" }));
    expect(await verifyChain(db.prisma, { expect: head })).toMatchObject({
      ok: false,
      brokenAt: 4n,
      problem: expect.stringContaining("the chain was rewritten"),
    });
  });
});
