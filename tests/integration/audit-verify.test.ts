import { afterEach, describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/server/audit.ts";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "@/lib/server/audit/chain.ts";
import { formatHead, readHead, verifyChain, type ChainHead } from "@/lib/server/audit/verify-chain.ts";
import type { PrismaClient } from "@/lib/server/db.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "./harness.ts";

// The whole chain in one pair of queries (PostgreSQL), and a few events at a time (as on PGlite).
const MODES = [
  { name: "whole chain", eventsPerQuery: undefined },
  { name: "2 events per query", eventsPerQuery: 2n },
];

describe.each(
  BACKENDS.flatMap((backend) => MODES.map((mode) => ({ ...backend, backend, mode: mode.name, eventsPerQuery: mode.eventsPerQuery }))),
)("audit:verify [$name, $mode]", ({ backend, eventsPerQuery }) => {
  const verify = (prisma: PrismaClient, options: { expect?: ChainHead } = {}) => verifyChain(prisma, { ...options, eventsPerQuery });
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
        appendAuditEvent(tx, {
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
    expect(await verify(db.prisma)).toEqual({ ok: true, count: 6, head });
    expect(await verify(db.prisma, { expect: head! })).toMatchObject({ ok: true });
    expect(formatHead(head)).toMatch(/^6:[0-9a-f]{64}$/);
  });

  it("names an event edited in SQL", async () => {
    const { db, tamper } = await chainOf(6);
    await tamper(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE seq = 4`);
    expect(await verify(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 4n,
      count: 3,
      problem: expect.stringContaining("changed after it was written"),
    });
  });

  it("names a deleted event", async () => {
    const { db, tamper } = await chainOf(6);
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 3`);
    expect(await verify(db.prisma)).toMatchObject({
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
    expect(await verify(db.prisma)).toMatchObject({ ok: false, brokenAt: 2n, problem: expect.stringContaining("reordered") });
  });

  it("names a truncated tail, given the head recorded before", async () => {
    const { db, tamper } = await chainOf(6);
    const head = (await readHead(db.prisma))!;
    await tamper(`DELETE FROM "AuditEvent" WHERE seq > 4`);
    expect(await verify(db.prisma)).toMatchObject({ ok: true, count: 4 }); // without a known head a clean cut is invisible
    expect(await verify(db.prisma, { expect: head })).toMatchObject({
      ok: false,
      problem: `the chain ends at event 4 but the expected head is ${formatHead(head)}: events after 4 were removed (truncated)`,
    });
  });

  it("names a chain rewritten from some point on, given the head recorded before", async () => {
    const { db, tamper } = await chainOf(4);
    const head = (await readHead(db.prisma))!;
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 4`);
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, { actor: { type: "system", label: "forger" }, action: "test.forged" }));
    expect(await verify(db.prisma, { expect: head })).toMatchObject({
      ok: false,
      brokenAt: 4n,
      problem: expect.stringContaining("the chain was rewritten"),
    });
  });
  /**
   * Events as the app wrote them before chain version 2: hashed in JS over canonical JSON,
   * inserted with their seq, prevHash and hash (the chain trigger did not exist then).
   */
  async function versionOneEvents(db: TestDatabase, n: number) {
    let prevHash = GENESIS_HASH;
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_chain"`);
    for (let seq = 1n; seq <= BigInt(n); seq++) {
      const fields: ChainedFields = {
        seq,
        occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, Number(seq))),
        actorType: "system",
        actorUserId: null,
        actorTokenId: null,
        actorLabel: "before version 2",
        action: `test.v1_${seq}`,
        entityType: "test",
        entityId: String(seq),
        before: null,
        after: { seq: Number(seq), b: [1, { y: 2, x: 1 }], note: "é ✓" },
        metadata: null,
        prevHash,
      };
      const hash = hashEvent(fields);
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorType", "actorLabel", action, "entityType", "entityId", after, "prevHash", hash, "hashVersion")
         VALUES ($1, $2, 'system', $3, $4, $5, $6, $7::jsonb, $8, $9, 1)`,
        seq,
        fields.occurredAt,
        fields.actorLabel,
        fields.action,
        fields.entityType,
        fields.entityId,
        JSON.stringify(fields.after),
        prevHash,
        hash,
      );
      prevHash = hash;
    }
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_chain"`);
  }

  it("a chain begun before version 2 still verifies, and new events extend it in version 2", async () => {
    const { db, tamper } = await chainOf(0);
    await versionOneEvents(db, 4);
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, { actor: { type: "system", label: "test" }, action: "test.v2" }));
    const events = await db.prisma.auditEvent.findMany({
      orderBy: { seq: "asc" },
      select: { seq: true, hashVersion: true, prevHash: true, hash: true },
    });
    expect(events.map((e) => e.hashVersion)).toEqual([1, 1, 1, 1, 2]);
    expect(events[4]!.prevHash).toBe(events[3]!.hash);
    expect(await verify(db.prisma)).toMatchObject({ ok: true, count: 5 });

    await tamper(`UPDATE "AuditEvent" SET after = jsonb_set(after, '{note}', '"edited"') WHERE seq = 3`);
    expect(await verify(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 3n,
      count: 2,
      head: { seq: 2n, hash: events[1]!.hash },
      problem: "event 3 (test.v1_3) does not match its hash: it was changed after it was written",
    });
  });

  it("an event whose hash version was changed does not verify", async () => {
    const { db, tamper } = await chainOf(3);
    await tamper(`UPDATE "AuditEvent" SET "hashVersion" = 1 WHERE seq = 2`);
    expect(await verify(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 2n,
      problem: expect.stringContaining("changed after it was written"),
    });
    await tamper(`UPDATE "AuditEvent" SET "hashVersion" = 3 WHERE seq = 2`);
    expect(await verify(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 2n,
      problem: expect.stringContaining("changed after it was written"),
    });
  });

  it("the database chains every insert: a writer cannot choose its own seq, link or hash", async () => {
    const { db } = await chainOf(2);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" (seq, "actorType", "actorLabel", action, "prevHash", hash, "hashVersion")
       VALUES (99, 'system', 'raw', 'test.raw', '${"f".repeat(64)}', '${"e".repeat(64)}', 1),
              (98, 'system', 'raw', 'test.raw_too', '', '', 7)`,
    );
    const events = await db.prisma.auditEvent.findMany({
      orderBy: { seq: "asc" },
      select: { seq: true, hashVersion: true, prevHash: true, hash: true },
    });
    expect(events.map((e) => [e.seq, e.hashVersion])).toEqual([
      [1n, 2],
      [2n, 2],
      [3n, 2],
      [4n, 2],
    ]);
    expect(events[3]!.prevHash).toBe(events[2]!.hash);
    expect(await verify(db.prisma)).toMatchObject({ ok: true, count: 4 });
  });

  it("names the first event deleted, and an edit before a later deletion first", async () => {
    const { db, tamper } = await chainOf(5);
    await tamper(`UPDATE "AuditEvent" SET action = 'test.renamed' WHERE seq = 2`, `DELETE FROM "AuditEvent" WHERE seq = 4`);
    expect(await verify(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 2n,
      count: 1,
      problem: expect.stringContaining("event 2 (test.renamed)"),
    });
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = 1`);
    expect(await verify(db.prisma)).toMatchObject({
      ok: false,
      brokenAt: 2n,
      count: 0,
      head: null,
      problem: "event 1 is missing: the chain starts at 2 (events were deleted)",
    });
  });

  it("a session that does not speak UTF-8 cannot append to the chain", async () => {
    const { db } = await chainOf(1);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL client_encoding = 'LATIN1'`);
        await appendAuditEvent(tx, { actor: { type: "system", label: "test" }, action: "test.latin1" });
      }),
    ).rejects.toThrow(/hashed in UTF8/);
    expect(await verify(db.prisma)).toMatchObject({ ok: true, count: 1 });
  });
});
