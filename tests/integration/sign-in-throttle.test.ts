import { afterEach, expect, it, vi } from "vitest";
import { setAppDatabase } from "@/lib/server/db.ts";
import { openDatabase } from "@/lib/server/db/open.ts";
import { listActiveThrottles } from "@/lib/server/security-log/list-security-log.ts";
import { liftThrottle } from "@/lib/server/throttle/lift-throttle.ts";
import { throttleMessage } from "@/lib/schemas/sign-in.ts";
import { SignInRefused, signInWithPassword } from "@/lib/server/users/sign-in-with-password.ts";
import { describeEachBackend, unique } from "./harness.ts";
import { accountWithPassword, attempt, newAddress, PASSWORD } from "./sign-in-helpers.ts";
import { MINUTE } from "@/lib/policy/durations.ts";

describeEachBackend("sign-in throttling", ({ db, backend }) => {
  afterEach(() => vi.useRealTimers());

  /** Fails until throttled, then once after each wait ends: the waits in minutes. */
  async function waitsAfterEachFailure(email: string, address: string, rounds: number) {
    const results: string[] = [];
    for (let i = 0; i < 5; i++) results.push(await attempt(email, "wrong-password", address));
    const waits: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const last = results.at(-1)!;
      const minutes = Number(last.split(":")[1]);
      waits.push(minutes);
      vi.setSystemTime(Date.now() + minutes * MINUTE + 1000);
      results.push(await attempt(email, "wrong-password", address));
    }
    return { first: results.slice(0, 5), waits };
  }

  it("5 failures in 15 minutes start a 1-minute wait; each further failure doubles it, up to 60 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { email } = await accountWithPassword();
    const { first, waits } = await waitsAfterEachFailure(email, newAddress(), 9);
    expect(first).toEqual(["invalid", "invalid", "invalid", "invalid", "throttled:1"]);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    console.log(
      `[figures] failed attempts before throttling: ${first.length} (the 5th failure starts the wait); waits after each further failure, minutes: ${waits.join(", ")}`,
    );
  });

  it("during the wait the right password is refused too, with the wait in the message; after it, the right password signs in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { email, user } = await accountWithPassword();
    const address = newAddress();
    for (let i = 0; i < 5; i++) await attempt(email, "wrong-password", address);
    const refused = await signInWithPassword({ email, password: PASSWORD }, { address }).catch((e) => e);
    expect(refused).toBeInstanceOf(SignInRefused);
    expect(refused.message).toBe("Too many attempts. Try again in 1 minute.");
    const signIns = await db().prisma.auditEvent.count({ where: { action: "auth.signed_in", entityId: user.id } });
    expect(signIns).toBe(0);
    vi.setSystemTime(Date.now() + 30_000);
    expect(await attempt(email, PASSWORD, address)).toBe("throttled:1");
    vi.setSystemTime(Date.now() + 31_000);
    expect(await attempt(email, PASSWORD, address)).toBe("signed-in");
    // A success clears the account's counters: from another address it starts afresh.
    expect(await attempt(email, "wrong-password", newAddress())).toBe("invalid");
  });

  it("an unknown email is throttled exactly as an existing account is: the same answers at every step", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { email } = await accountWithPassword();
    const start = Date.now();
    const real = await waitsAfterEachFailure(email, newAddress(), 3);
    vi.setSystemTime(start);
    const unknown = await waitsAfterEachFailure(`nobody-${unique()}@example.org`, newAddress(), 3);
    expect(unknown).toEqual(real);
    expect(throttleMessage(4)).toBe("Too many attempts. Try again in 4 minutes.");
  });

  it("the account is throttled from any address, and an address trying many accounts is throttled for all of them", async () => {
    const { email } = await accountWithPassword();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt(email, "wrong-password", newAddress()));
    expect(results.at(-1)).toBe("throttled:1");
    expect(await attempt(email, PASSWORD, newAddress())).toBe("throttled:1");

    const sprayer = newAddress();
    const sprayed = [];
    for (let i = 0; i < 5; i++) sprayed.push(await attempt(`spray-${unique()}@example.org`, "Winter2026!", sprayer));
    expect(sprayed).toEqual(["invalid", "invalid", "invalid", "invalid", "throttled:1"]);
    const other = await accountWithPassword();
    expect(await attempt(other.email, PASSWORD, sprayer)).toBe("throttled:1");
    expect(await attempt(other.email, PASSWORD, newAddress())).toBe("signed-in");
  });

  it("the email is compared normalised: case, spaces and full-width letters are one account", async () => {
    const { email } = await accountWithPassword();
    const variants = [email.toUpperCase(), ` ${email} `, email.replace("e", "\uFF45"), email, email];
    const results = [];
    for (const v of variants) results.push(await attempt(v, "wrong-password", newAddress()));
    expect(results.at(-1)).toBe("throttled:1");
  });

  it("an admin lifts an account's throttle (audited) and the account signs in at once; other roles cannot", async () => {
    const { email, user } = await accountWithPassword();
    const address = newAddress();
    for (let i = 0; i < 5; i++) await attempt(email, "wrong-password", address);
    const admin = (await accountWithPassword("admin")).actor;
    const moderator = (await accountWithPassword("moderator")).actor;
    const throttles = await listActiveThrottles({ actor: admin });
    const accountThrottle = throttles.find((t) => t.scope === "account" && t.user?.id === user.id);
    const addressThrottle = throttles.find((t) => t.scope === "address" && t.address === address);
    expect(accountThrottle).toBeDefined();
    expect(addressThrottle).toBeDefined();

    const events = await db().prisma.auditEvent.count();
    await expect(liftThrottle({ actor: moderator, input: { entryId: accountThrottle!.id } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listActiveThrottles({ actor: moderator })).rejects.toMatchObject({ code: "forbidden" });
    await expect(liftThrottle({ actor: admin, input: { entryId: "not-a-uuid\u0000" } })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().prisma.auditEvent.count()).toBe(events);
    expect(await attempt(email, PASSWORD, newAddress())).toBe("throttled:1");

    await liftThrottle({ actor: admin, input: { entryId: accountThrottle!.id } });
    const lifted = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.throttle_lifted", entityId: user.id } });
    expect(lifted.actorUserId).toBe(admin.id);
    expect(await attempt(email, PASSWORD, newAddress())).toBe("signed-in");
    // The address is still throttled until it is lifted too.
    expect(await attempt(email, PASSWORD, address)).toBe("throttled:1");
    await liftThrottle({ actor: admin, input: { entryId: addressThrottle!.id } });
    expect(await attempt(email, PASSWORD, address)).toBe("signed-in");
    expect((await listActiveThrottles({ actor: admin })).filter((t) => t.user?.id === user.id || t.address === address)).toEqual([]);
  });

  it.skipIf(backend.name === "pglite")("two app instances on one PostgreSQL database share the counts and the waits", async () => {
    const first = db();
    const second = await openDatabase({ kind: "postgres", url: first.url!, display: "second instance" });
    try {
      const { email } = await accountWithPassword();
      const address = newAddress();
      const results = [];
      for (let i = 0; i < 5; i++) {
        setAppDatabase(i % 2 === 0 ? first : second);
        results.push(await attempt(email, "wrong-password", address));
      }
      expect(results).toEqual(["invalid", "invalid", "invalid", "invalid", "throttled:1"]);
      setAppDatabase(first);
      expect(await attempt(email, PASSWORD, newAddress())).toBe("throttled:1");
      setAppDatabase(second);
      expect(await attempt(email, PASSWORD, newAddress())).toBe("throttled:1");
      // What the store keeps: keyed digests and addresses, never the email typed.
      const rows = await first.prisma.rateLimit.findMany();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows.map((r) => r.key))).not.toContain(email.split("@")[0]);
    } finally {
      setAppDatabase(first);
      await second.close();
    }
  });
});
