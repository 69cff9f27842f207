import { afterEach, expect, it, vi } from "vitest";
import { identifierDigest } from "@/lib/server/security-log/identifier-digest.ts";
import { listSecurityLog } from "@/lib/server/security-log/list-security-log.ts";
import { recordSecurityEvents } from "@/lib/server/security-log/record-security-event.ts";
import { describeEachBackend, unique } from "./harness.ts";
import { accountWithPassword, attempt, newAddress, PASSWORD } from "./sign-in-helpers.ts";
import { DAY } from "@/lib/policy/durations.ts";

describeEachBackend("what a failed sign-in leaves", ({ db }) => {
  afterEach(() => vi.useRealTimers());

  async function everythingStored(): Promise<string> {
    const p = db().prisma;
    const [events, log, limits] = await Promise.all([p.auditEvent.findMany(), p.securityLogEntry.findMany(), p.rateLimit.findMany()]);
    return JSON.stringify([events, log, limits], (_k, v) => (typeof v === "bigint" ? String(v) : v));
  }

  it("a failure of an existing account is audited by account id, with the reason, never the text typed", async () => {
    const { email, user } = await accountWithPassword();
    expect(await attempt(` ${email.toUpperCase()} `, "wrong-password", newAddress())).toBe("invalid");
    const failure = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in_failed", entityId: user.id } });
    expect(failure).toMatchObject({ entityType: "user", actorType: "system", metadata: { reason: "wrong_password", method: "password" } });
    expect(JSON.stringify(failure.metadata)).not.toContain(email.split("@")[0]);
    expect(JSON.stringify(failure.metadata)).not.toContain("wrong-password");
  });

  it("a password pasted into the email field is kept nowhere: the audit trail has nothing, the security log a keyed digest", async () => {
    const pasted = `correct horse ${unique()} battery`;
    const address = newAddress();
    const events = await db().prisma.auditEvent.count();
    expect(await attempt(pasted, "anything", address)).toBe("invalid");
    expect(await db().prisma.auditEvent.count()).toBe(events);
    const entry = await db().prisma.securityLogEntry.findFirstOrThrow({ where: { kind: "unknown_account", address } });
    expect(entry.identifierHash).toBe(identifierDigest(pasted));
    expect(entry.identifierHash).toMatch(/^[0-9a-f]{32}$/);
    const stored = await everythingStored();
    expect(stored).not.toContain(pasted);
    expect(stored).not.toContain("horse");
  });

  it("attempts on unknown emails are in the security log with time, address and digest, which admins read and others cannot", async () => {
    const address = newAddress();
    const typed = `nobody-${unique()}@example.org`;
    await attempt(typed, "guess-1", address);
    await attempt(typed.toUpperCase(), "guess-2", address);
    const admin = (await accountWithPassword("admin")).actor;
    const { entries } = await listSecurityLog({ actor: admin, input: {} });
    const mine = entries.filter((e) => e.address === address);
    expect(mine).toHaveLength(2);
    // The same typed text (whatever its case) gives the same digest: an attack on one email shows as one value.
    expect(new Set(mine.map((e) => e.identifierHash)).size).toBe(1);
    expect(mine[0]).toMatchObject({ kind: "unknown_account", occurredAt: expect.any(Date) });
    for (const role of ["moderator", "viewer"] as const) {
      const actor = (await accountWithPassword(role)).actor;
      await expect(listSecurityLog({ actor, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("a throttle is logged once per wait, by account for an existing one and by address", async () => {
    const { email, user } = await accountWithPassword();
    const address = newAddress();
    for (let i = 0; i < 5; i++) await attempt(email, "wrong-password", address);
    for (let i = 0; i < 3; i++) await attempt(email, PASSWORD, address); // refused during the wait: not logged again
    const throttles = await db().prisma.securityLogEntry.findMany({ where: { kind: "throttled", OR: [{ userId: user.id }, { address }] } });
    expect(throttles.map((t) => t.scope).sort()).toEqual(["account", "address"]);
    expect(throttles.find((t) => t.scope === "account")).toMatchObject({ userId: user.id, identifierHash: identifierDigest(email) });
    const failures = await db().prisma.auditEvent.count({ where: { action: "auth.sign_in_failed", entityId: user.id } });
    expect(failures).toBe(5);
  });

  it("the security log forgets what is older than 90 days, whenever it is written", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const old = newAddress();
    await recordSecurityEvents([{ kind: "unknown_account", address: old, identifierHash: identifierDigest("old@example.org") }]);
    vi.setSystemTime(start + 89 * DAY);
    await attempt(`nobody-${unique()}@example.org`, "x", newAddress());
    expect(await db().prisma.securityLogEntry.count({ where: { address: old } })).toBe(1);
    vi.setSystemTime(start + 90 * DAY + 1000);
    const recent = newAddress();
    await attempt(`nobody-${unique()}@example.org`, "x", recent);
    expect(await db().prisma.securityLogEntry.count({ where: { address: old } })).toBe(0);
    expect(await db().prisma.securityLogEntry.count({ where: { address: recent } })).toBe(1);
    // Everything left is younger than 90 days.
    expect(await db().prisma.securityLogEntry.count({ where: { occurredAt: { lt: new Date(Date.now() - 90 * DAY) } } })).toBe(0);
  });

  it("hostile text in the email or password fails like any wrong sign-in and stores nothing of it", async () => {
    const address = newAddress();
    const hostile = ["a\u0000b@example.org", "\uD800@example.org", "x".repeat(100_000), '\'; DROP TABLE "User"; --', "\uDFFF"];
    for (const email of hostile) expect(await attempt(email, "p\u0000w", address)).toMatch(/^(invalid|throttled:\d+)$/);
    expect(await attempt("someone@example.org", "y".repeat(5000), newAddress())).toBe("invalid");
    const stored = await everythingStored();
    expect(stored).not.toContain("DROP TABLE");
  });
});
