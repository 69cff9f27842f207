import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/server/audit.ts";
import { GENESIS_HASH, type ChainedFields } from "@/lib/server/audit/chain.ts";
import { describeEachBackend, unique } from "./harness.ts";

/**
 * The version 2 hash recomputed outside the database, from the migration's definition:
 * SHA-256 of record_send(ROW(2, seq, occurredAt, actorType, …, prevHash)), PostgreSQL's
 * binary row: the field count, then per field its type OID, its length (-1 for NULL) and
 * its binary value. jsonb is a version byte (1) and its text, as PostgreSQL prints it.
 */
function hashV2(
  e: Omit<ChainedFields, "before" | "after" | "metadata"> & {
    beforeText: string | null;
    afterText: string | null;
    metadataText: string | null;
  },
) {
  const int4 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const int8 = (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(n);
    return b;
  };
  const field = (oid: number, value: Buffer | null) => (value === null ? [int4(oid), int4(-1)] : [int4(oid), int4(value.length), value]);
  const text = (v: string | null) => field(25, v === null ? null : Buffer.from(v, "utf8"));
  const uuid = (v: string | null) => field(2950, v === null ? null : Buffer.from(v.replaceAll("-", ""), "hex"));
  const jsonb = (v: string | null) => field(3802, v === null ? null : Buffer.concat([Buffer.from([1]), Buffer.from(v, "utf8")]));
  // timestamp: microseconds since 2000-01-01 00:00:00
  const micros = (BigInt(e.occurredAt.getTime()) - BigInt(Date.UTC(2000, 0, 1))) * 1000n;
  const parts = [
    int4(14),
    ...field(23, int4(2)),
    ...field(20, int8(e.seq)),
    ...field(1114, int8(micros)),
    ...text(e.actorType),
    ...uuid(e.actorUserId),
    ...uuid(e.actorTokenId),
    ...text(e.actorLabel),
    ...text(e.action),
    ...text(e.entityType),
    ...text(e.entityId),
    ...jsonb(e.beforeText),
    ...jsonb(e.afterText),
    ...jsonb(e.metadataText),
    ...text(e.prevHash),
  ];
  return createHash("sha256").update(Buffer.concat(parts)).digest("hex");
}

describeEachBackend("audit trail", ({ db }) => {
  /** Walks the chain as the migration defines it, recomputing each hash outside the database. */
  async function verifyChain() {
    const events = await db().prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const texts = await db().prisma.$queryRawUnsafe<{ beforeText: string | null; afterText: string | null; metadataText: string | null }[]>(
      `SELECT before::text AS "beforeText", after::text AS "afterText", metadata::text AS "metadataText" FROM "AuditEvent" ORDER BY seq`,
    );
    let prev = GENESIS_HASH;
    events.forEach((event, i) => {
      expect(event.seq).toBe(BigInt(i + 1));
      expect(event.prevHash).toBe(prev);
      expect(event.hashVersion).toBe(2);
      expect(hashV2({ ...event, ...texts[i]! })).toBe(event.hash);
      prev = event.hash;
    });
    return events;
  }

  it("each event is chained to the previous one by its hash", async () => {
    const entityId = unique();
    await db().prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actor: { type: "system", label: "test" },
        action: "test.first",
        entityType: "test",
        entityId,
        after: { b: 2, a: [1, { y: 1, x: 0 }] },
      }),
    );
    await db().prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actor: { type: "system", label: "test" },
        action: "test.second",
        entityType: "test",
        entityId,
        before: { a: 1 },
        metadata: { note: "ünïcode ✓" },
      }),
    );
    const events = await verifyChain();
    expect(events.filter((e) => e.entityId === entityId).map((e) => e.action)).toEqual(["test.first", "test.second"]);
    // jsonb as PostgreSQL prints it: keys ordered (shorter first), ", " and ": " between them.
    const [first] = await db().prisma.$queryRawUnsafe<{ after: string }[]>(
      `SELECT after::text AS after FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'test.first'`,
      entityId,
    );
    expect(first!.after).toBe('{"a": [1, {"x": 0, "y": 1}], "b": 2}');
  });

  it("20 concurrent writers leave one gapless, unforked chain", async () => {
    const before = await db().prisma.auditEvent.count();
    const entityId = unique();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db().prisma.$transaction((tx) =>
          appendAuditEvent(tx, {
            actor: { type: "system", label: "test" },
            action: "test.parallel",
            entityType: "test",
            entityId,
            after: { i },
          }),
        ),
      ),
    );
    const events = await verifyChain();
    expect(events.length).toBe(before + 20);
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(events.length);
  });

  it("an event written in a transaction that rolls back leaves no trace in the chain", async () => {
    const before = await db().prisma.auditEvent.count();
    await expect(
      db().prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, { actor: { type: "system", label: "test" }, action: "test.rolled_back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db().prisma.auditEvent.count()).toBe(before);
    await db().prisma.$transaction((tx) =>
      appendAuditEvent(tx, { actor: { type: "system", label: "test" }, action: "test.after_rollback" }),
    );
    await verifyChain();
  });
});
