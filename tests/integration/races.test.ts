import { expect, it } from "vitest";
import { asForm } from "./form-helpers.ts";
import { handleApi } from "@/lib/server/api/handle-api.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { RACE_MESSAGE } from "@/lib/server/unique-violation.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import { caseInput, newActor, newMember, system } from "./cases-helpers.ts";
import { auth, userWithToken } from "./api-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

/*
 * Every unique-constraint race answers a clear conflict (a form message, or 409 from the API),
 * never a 500: the domain functions name the races they know, and the forms' action client / handleApi map any
 * other P2002 to "…was just changed by someone else: reload and try again".
 */
describeEachBackend("unique-constraint races", ({ db }) => {
  /**
   * A genuine unique violation from the database (the counter's key), as a race nobody named would raise.
   * Written straight to the table on purpose: it is the stimulus under test, not state a test relies on.
   * The domain functions name the violations they foresee; the safety net checked here is for one nobody did.
   */
  const duplicateKey = async (year: number) => {
    await db().prisma.caseNumberCounter.create({ data: { year, last: 1 } });
  };

  it("a unique violation no domain function names is a conflict message in a form, never a fault", async () => {
    const year = 2300 + Math.floor(Math.random() * 600);
    expect(await asForm(() => duplicateKey(year))).toEqual({ ok: true });
    expect(await asForm(() => duplicateKey(year))).toEqual({ ok: false, message: RACE_MESSAGE, fields: undefined });
    expect(RACE_MESSAGE).toBe("This record was just changed by someone else: reload and try again");
  });

  it("…and 409 with the same message from the JSON API", async () => {
    const { secret } = await userWithToken("moderator", "read");
    const year = 2900 + Math.floor(Math.random() * 90);
    await duplicateKey(year);
    const response = await handleApi(
      new Request("http://localhost:3000/api/v1/ping", { headers: auth(secret) }),
      { scope: "read" },
      async () => {
        await duplicateKey(year);
        return { status: 200, body: {} };
      },
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: { code: "conflict", message: RACE_MESSAGE } });
  });

  it("ten people adding one handle at once: one member holds it, the others are told it is taken", async () => {
    const handle = unique("race");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        asForm(async () => {
          await createMember({ actor: system, input: { displayName: `Racer ${i}`, identities: [{ space: "github", handle }] } });
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r.message.length).toBeGreaterThan(0);
    expect(await db().prisma.memberIdentity.count({ where: { handleNormalized: handle.toLowerCase() } })).toBe(1);
  });

  it("ten accounts linked to one member record at once: one link, the others are told", async () => {
    const member = await newMember(db(), "Linked");
    const users = await Promise.all(Array.from({ length: 10 }, () => newActor(db(), "moderator")));
    const results = await Promise.all(
      users.map((u) =>
        asForm(async () => {
          await linkUserMember({ actor: system, input: { userId: u.id, member: { memberId: member.id } } });
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect([r.message, ...Object.values(r.fields ?? {})].join(" ")).toMatch(/already linked|Already linked|just linked|just changed/);
    }
    expect(await db().prisma.user.count({ where: { memberId: member.id } })).toBe(1);
  });

  it("ten cases logged at once get ten distinct numbers in sequence, none refused", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Subject");
    const results = await Promise.all(Array.from({ length: 10 }, () => createCase({ actor: admin, input: caseInput(subject.id) })));
    const sequences = (await db().prisma.case.findMany({ where: { id: { in: results.map((r) => r.id) } }, select: { sequence: true } }))
      .map((c) => c.sequence)
      .sort((a, b) => a - b);
    expect(new Set(results.map((r) => r.number)).size).toBe(10);
    expect(sequences.at(-1)! - sequences[0]!).toBe(9);
  });

  it("ten API tokens created at once each get their own hash", async () => {
    const actor = await newActor(db(), "moderator");
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createApiToken({ actor, input: { name: `bot ${i}`, scope: "read" } })),
    );
    const hashes = await db().prisma.apiToken.findMany({ where: { userId: actor.id }, select: { tokenHash: true } });
    expect(new Set(hashes.map((h) => h.tokenHash)).size).toBe(10);
    expect(new Set(tokens.map((t) => t.secret)).size).toBe(10);
  });
});
