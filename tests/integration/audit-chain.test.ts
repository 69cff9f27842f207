import { expect, it } from "vitest";
import { recordAudit } from "@/lib/server/audit.ts";
import { GENESIS_HASH, hashEvent } from "@/lib/server/audit/chain.ts";
import { describeEachBackend, unique } from "./harness.ts";

describeEachBackend("audit trail", ({ db }) => {
  async function verifyChain() {
    const events = await db().prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    let prev = GENESIS_HASH;
    events.forEach((event, i) => {
      expect(event.seq).toBe(BigInt(i + 1));
      expect(event.prevHash).toBe(prev);
      expect(hashEvent(event)).toBe(event.hash);
      prev = event.hash;
    });
    return events;
  }

  it("each event is chained to the previous one by its hash", async () => {
    const entityId = unique();
    await db().prisma.$transaction((tx) =>
      recordAudit(tx, {
        actor: { type: "system", label: "test" },
        action: "test.first",
        entityType: "test",
        entityId,
        after: { b: 2, a: [1, { y: 1, x: 0 }] },
      }),
    );
    await db().prisma.$transaction((tx) =>
      recordAudit(tx, {
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
  });

  it("20 concurrent writers leave one gapless, unforked chain", async () => {
    const before = await db().prisma.auditEvent.count();
    const entityId = unique();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db().prisma.$transaction((tx) =>
          recordAudit(tx, {
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
        await recordAudit(tx, { actor: { type: "system", label: "test" }, action: "test.rolled_back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db().prisma.auditEvent.count()).toBe(before);
    await db().prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "system", label: "test" }, action: "test.after_rollback" }));
    await verifyChain();
  });
});
