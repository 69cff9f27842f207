import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appendAuditEvent } from "@/lib/server/audit.ts";
import {
  checkpointToJson,
  checkpointFromJson,
  signHead,
  verifyCheckpoints,
  CHECKPOINT_INTERVAL_MS,
} from "@/lib/server/audit/checkpoints.ts";
import { setAuditSigner, signerFrom } from "@/lib/server/audit/signing-key.ts";
import { verifyAudit } from "@/lib/server/audit/verify-audit.ts";
import { verifyChain } from "@/lib/server/audit/verify-chain.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "./harness.ts";

/*
 * Issue 14, item 3: signed checkpoints catch what the hash chain cannot. Someone holding the
 * database's owner login disables the triggers, edits an event and recomputes every later hash
 * with the database's own function: the chain verifies, the checkpoint it no longer passes
 * through does not.
 */

const system = { type: "system" as const, label: "test" };

describe.each(BACKENDS)("signed audit checkpoints [$name]", (backend) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    setAuditSigner(undefined);
    for (const db of open.splice(0)) {
      await db.close();
      await db.drop();
    }
  });

  async function chainOf(n: number) {
    const db = await openTestDatabase(backend);
    open.push(db);
    for (let i = 1; i <= n; i++) {
      await db.prisma.$transaction((tx) =>
        appendAuditEvent(tx, { actor: system, action: `test.event_${i}`, entityType: "test", entityId: String(i), after: { i } }),
      );
    }
    return db;
  }

  /** The attack of the issue, with the owner's rights: triggers off, event `seq` edited, every later hash recomputed in SQL. */
  async function rewriteFrom(db: TestDatabase, seq: number) {
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET after = '{"i": "rewritten"}'::jsonb WHERE seq = ${seq}`);
    await db.prisma.$executeRawUnsafe(`
      DO $$ DECLARE r RECORD; prev text; BEGIN
        SELECT hash INTO prev FROM "AuditEvent" WHERE seq = ${seq - 1};
        FOR r IN SELECT * FROM "AuditEvent" WHERE seq >= ${seq} ORDER BY seq LOOP
          UPDATE "AuditEvent" SET "prevHash" = prev,
                 hash = "audit_event_hash_v2"(r.seq, r."occurredAt", r."actorType"::text, r."actorUserId", r."actorTokenId", r."actorLabel",
                                            r.action, r."entityType", r."entityId", r.before, r.after, r.metadata, prev)
           WHERE seq = r.seq RETURNING hash INTO prev;
        END LOOP;
      END $$`);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
  }

  it("the first event is signed, then at least hourly while events arrive; every successful verify signs its head", async () => {
    const db = await chainOf(3);
    expect(await db.prisma.auditCheckpoint.findMany({ select: { seq: true, reason: true } })).toEqual([{ seq: 1n, reason: "hourly" }]);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + CHECKPOINT_INTERVAL_MS + 1000 });
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, { actor: system, action: "test.later" }));
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, { actor: system, action: "test.later_still" }));
    expect((await db.prisma.auditCheckpoint.findMany({ orderBy: { id: "asc" }, select: { seq: true } })).map((c) => c.seq)).toEqual([
      1n,
      4n,
    ]);
    const report = await verifyAudit(db.prisma);
    expect(report).toMatchObject({ ok: true, count: 5, checkpoints: 2 });
    expect(await db.prisma.auditCheckpoint.findFirst({ orderBy: { id: "desc" }, select: { seq: true, reason: true } })).toEqual({
      seq: 5n,
      reason: "verify",
    });
  });

  it("a chain rewritten with the database's own hash function verifies as a chain, but not through its checkpoint: BROKEN, naming it", async () => {
    const db = await chainOf(6);
    expect((await verifyAudit(db.prisma)).ok).toBe(true); // signs event 6
    await rewriteFrom(db, 3);
    expect(await verifyChain(db.prisma)).toMatchObject({ ok: true, count: 6 }); // the chain alone is fooled
    const report = await verifyAudit(db.prisma);
    expect(report).toMatchObject({ ok: false, brokenAt: 6n });
    expect(report.ok ? "" : report.problem).toMatch(
      /^the checkpoint of event 6 signed .+ no longer matches: event 6 had the hash [0-9a-f]{16}… and now has [0-9a-f]{16}…, so the chain was rewritten up to it$/,
    );
  });

  it("a forged checkpoint is BROKEN: a bad signature, or one by a key the server does not trust", async () => {
    const db = await chainOf(2);
    const head = (await db.prisma.auditEvent.findFirstOrThrow({ where: { seq: 2n } })) as { seq: bigint; hash: string };
    // An attacker signs the head with a key of their own, and tampers with a real signature.
    const theirs = signerFrom(generateKeyPairSync("ed25519").privateKey, "attacker");
    await db.prisma.auditCheckpoint.create({ data: signHead(theirs, head, new Date(), "forged") });
    const strange = await verifyAudit(db.prisma, { sign: false });
    expect(strange.ok ? "" : strange.problem).toMatch(/signed by a key this server does not trust \(key [0-9a-f]{32}\)$/);

    const db2 = await chainOf(2);
    const real = await db2.prisma.auditCheckpoint.findFirstOrThrow();
    await db2.prisma.$executeRawUnsafe(`ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER`);
    const flipped = Buffer.from(real.signature, "base64");
    flipped[0] = flipped[0]! ^ 1;
    await db2.prisma.auditCheckpoint.update({ where: { id: real.id }, data: { signature: flipped.toString("base64") } });
    const report = await verifyAudit(db2.prisma, { sign: false });
    expect(report.ok ? "" : report.problem).toMatch(
      /^the checkpoint of event 1 signed .+ has an invalid signature: it was forged or altered$/,
    );
  });

  it("checkpoints kept elsewhere catch a rewrite whose author also removed the checkpoints from the database", async () => {
    const db = await chainOf(5);
    await verifyAudit(db.prisma);
    const exported = (await db.prisma.auditCheckpoint.findMany()).map((c) =>
      checkpointFromJson(JSON.parse(JSON.stringify(checkpointToJson(c)))),
    );
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER`);
    await db.prisma.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint"`);
    await rewriteFrom(db, 2);
    expect((await verifyAudit(db.prisma, { sign: false })).ok).toBe(true); // nothing left in the database to catch it
    const report = await verifyAudit(db.prisma, { external: exported, sign: false });
    expect(report).toMatchObject({ ok: false });
    expect(report.ok ? "" : report.problem).toContain("no longer matches");
    expect((await verifyCheckpoints(db.prisma, { checkpoints: exported })).ok).toBe(false);
  });

  it("checkpoints are kept as signed: the database refuses to change or remove one", async () => {
    const db = await chainOf(1);
    const c = await db.prisma.auditCheckpoint.findFirstOrThrow();
    await expect(db.prisma.auditCheckpoint.update({ where: { id: c.id }, data: { reason: "x" } })).rejects.toThrow();
    await expect(db.prisma.auditCheckpoint.delete({ where: { id: c.id } })).rejects.toThrow();
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditCheckpoint"`)).rejects.toThrow();
    expect(await db.prisma.auditCheckpoint.findMany()).toEqual([c]);
  });
});
