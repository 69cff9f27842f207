import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, expect, it } from "vitest";
import { GET as pingRoute } from "@/app/api/v1/ping/route.ts";
import { configureRateLimit } from "@/lib/server/api/rate-limit.ts";
import { SOCKET_ADDRESS_HEADER } from "@/lib/server/client-address.ts";
import { setAppDatabase } from "@/lib/server/db.ts";
import { openDatabase } from "@/lib/server/db/open.ts";
import { userWithToken } from "./api-helpers.ts";
import { describeEachBackend } from "./harness.ts";
import { newAddress } from "./sign-in-helpers.ts";

describeEachBackend("JSON API: limits", ({ db, backend }) => {
  beforeEach(() => configureRateLimit({ capacity: 3, perMinute: 3 }));
  afterEach(() => {
    configureRateLimit();
    delete process.env.TRUST_PROXY;
  });

  const ping = (token: string | null, headers: Record<string, string> = {}) =>
    pingRoute(
      new Request("http://localhost/api/v1/ping", { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }),
    );

  async function statuses(n: number, call: () => Promise<Response>) {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await call()).status);
    return out;
  }

  it("a token's limit is its own: 10,000 made-up tokens neither drain nor reset it", async () => {
    const { secret } = await userWithToken("moderator", "read");
    const other = await userWithToken("moderator", "read");
    expect(await statuses(4, () => ping(secret))).toEqual([200, 200, 200, 429]);
    const refused = await ping(secret);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);

    // 10,000 made-up tokens, from many addresses: each answers 401 or, once its address is spent, 429.
    const answers = new Map<number, number>();
    const addresses = Array.from({ length: 50 }, () => newAddress());
    for (let batch = 0; batch < 100; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          ping(`cd_${randomBytes(32).toString("base64url")}`, { [SOCKET_ADDRESS_HEADER]: addresses[(batch * 100 + i) % 50]! }),
        ),
      );
      for (const r of responses) answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
    }
    expect([...answers.keys()].sort()).toEqual([401, 429]);
    expect(answers.get(401)).toBe(50 * 3);
    console.log(
      `[figures] API: 10,000 made-up tokens answered ${JSON.stringify(Object.fromEntries(answers))}; the real token stayed limited`,
    );

    // The real token is still spent (nothing reset it) and the untouched one still has its whole allowance.
    expect((await ping(secret)).status).toBe(429);
    expect(await statuses(4, () => ping(other.secret))).toEqual([200, 200, 200, 429]);
    if (backend.name === "postgres") {
      // Only the two real tokens and the 50 addresses have buckets: a made-up token makes none of its own.
      const keys = (await db().prisma.rateLimit.findMany({ select: { key: true } })).map((r) => r.key).filter((k) => k.startsWith("api_"));
      expect(keys.filter((k) => k.includes("token")).length).toBe(2);
      expect(keys.filter((k) => k.includes("address")).length).toBe(50);
    }
  });

  it("calls without a valid token are limited per client address; a forged X-Forwarded-For counts only behind a trusted proxy", async () => {
    const a = newAddress();
    const b = newAddress();
    const noToken = (address: string, xff?: string) =>
      ping(null, { [SOCKET_ADDRESS_HEADER]: address, ...(xff ? { "x-forwarded-for": xff } : {}) });
    expect(await statuses(4, () => noToken(a))).toEqual([401, 401, 401, 429]);
    // Another address is not affected; naming other addresses in X-Forwarded-For does not escape the limit.
    expect((await noToken(b)).status).toBe(401);
    expect(await statuses(3, () => noToken(a, newAddress()))).toEqual([429, 429, 429]);
    // Behind one trusted proxy, the address the proxy saw (X-Forwarded-For's last entry) is the client.
    process.env.TRUST_PROXY = "1";
    const client = newAddress();
    expect(await statuses(4, () => noToken(a, `6.6.6.6, ${client}`))).toEqual([401, 401, 401, 429]);
    expect((await noToken(a, `${client}, ${newAddress()}`)).status).toBe(401);
  });

  it.skipIf(backend.name === "pglite")("two app instances on one PostgreSQL database share a token's limit", async () => {
    const first = db();
    const second = await openDatabase({ kind: "postgres", url: first.url!, display: "second instance" });
    try {
      const { secret } = await userWithToken("moderator", "read");
      const out: number[] = [];
      for (let i = 0; i < 4; i++) {
        setAppDatabase(i % 2 === 0 ? first : second);
        out.push((await ping(secret)).status);
      }
      expect(out).toEqual([200, 200, 200, 429]);
    } finally {
      setAppDatabase(first);
      await second.close();
    }
  });
});
