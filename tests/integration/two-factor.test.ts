import { generate } from "otplib";
import { afterEach, expect, it, vi } from "vitest";
import { handleApi } from "@/lib/server/api/handle-api.ts";
import { configureRateLimit } from "@/lib/server/api/rate-limit.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { getTwoFactorStatus } from "@/lib/server/two-factor/get-two-factor-status.ts";
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  setTwoFactorRequirement,
  startTwoFactorEnrolment,
} from "@/lib/server/two-factor/manage-two-factor.ts";
import { openSecret } from "@/lib/server/two-factor/secret-box.ts";
import { mustEnrolTwoFactor } from "@/lib/server/two-factor/two-factor-required.ts";
import { describeEachBackend } from "./harness.ts";
import { accountWithPassword, attempt, newAddress, PASSWORD } from "./sign-in-helpers.ts";

type Account = Awaited<ReturnType<typeof accountWithPassword>>;

describeEachBackend("two-factor sign-in", ({ db }) => {
  afterEach(async () => {
    vi.useRealTimers();
    // Each test that requires two-factor sign-in lifts the requirement again.
    const admin = (await accountWithPassword("admin")).actor;
    await setTwoFactorRequirement({ actor: admin, input: { required: false } });
  });

  /** Enrols through the domain functions as the settings page does; the code is generated from the secret shown. */
  async function enrol(account: Account) {
    await startTwoFactorEnrolment({ actor: account.actor });
    const status = await getTwoFactorStatus({ actor: account.actor });
    const secret = status.pending!.secret;
    const { recoveryCodes } = await confirmTwoFactorEnrolment({ actor: account.actor, input: { code: await generate({ secret }) } });
    return { secret, recoveryCodes };
  }

  /** A code from the next time step: the current one was spent confirming the enrolment. */
  const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

  it("enrolment shows a QR code and the secret, needs a code from the app, and stores the secret encrypted; every step is audited", async () => {
    const account = await accountWithPassword();
    await startTwoFactorEnrolment({ actor: account.actor });
    const status = await getTwoFactorStatus({ actor: account.actor });
    expect(status).toMatchObject({ enabled: false, pending: { uri: expect.stringMatching(/^otpauth:\/\/totp\/Conduct%20Desk:/) } });
    expect(status.pending!.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(status.pending!.qrSvg).not.toMatch(/<script|on\w+=/i);
    const secret = status.pending!.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const row = await db().prisma.user.findUniqueOrThrow({ where: { id: account.user.id } });
    expect(row.totpPendingSecret).not.toContain(secret);
    expect(openSecret(row.totpPendingSecret, account.user.id)).toBe(secret);
    expect(openSecret(row.totpPendingSecret, "another-user")).toBeNull(); // bound to its account

    const events = await db().prisma.auditEvent.count();
    await expect(confirmTwoFactorEnrolment({ actor: account.actor, input: { code: "000000" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { code: "That code does not match: enter the code your app shows now" },
    });
    expect(await db().prisma.auditEvent.count()).toBe(events);
    expect((await getTwoFactorStatus({ actor: account.actor })).enabled).toBe(false);

    const { recoveryCodes } = await confirmTwoFactorEnrolment({ actor: account.actor, input: { code: await generate({ secret }) } });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const after = await db().prisma.user.findUniqueOrThrow({ where: { id: account.user.id } });
    expect(after.totpEnabledAt).not.toBeNull();
    expect(after.totpSecret).not.toContain(secret);
    const stored = JSON.stringify(await db().prisma.recoveryCode.findMany({ where: { userId: account.user.id } }));
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace("-", ""));
    const actions = (await db().prisma.auditEvent.findMany({ where: { entityId: account.user.id }, orderBy: { seq: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["auth.two_factor_enrolment_started", "auth.two_factor_enabled"]));
    expect((await getTwoFactorStatus({ actor: account.actor })).recoveryCodesLeft).toBe(10);
  });

  it("with two-factor on, the right password asks for the code; a generated code signs in, and never twice", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const account = await accountWithPassword();
    const { secret } = await enrol(account);
    const address = newAddress();
    expect(await attempt(account.email, PASSWORD, address)).toBe("code_required");
    expect(await attempt(account.email, "wrong-password", address, await nextCode(secret))).toBe("invalid");
    const code = await nextCode(secret);
    expect(await attempt(account.email, PASSWORD, address, code)).toBe("signed-in");
    expect(await attempt(account.email, PASSWORD, address, code)).toBe("wrong_code"); // replayed
    vi.setSystemTime(Date.now() + 60_000);
    expect(await attempt(account.email, PASSWORD, address, await nextCode(secret))).toBe("signed-in");
    const signIn = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.signed_in", entityId: account.user.id } });
    expect(signIn.metadata).toEqual({ method: "password+totp" });
  });

  it("a recovery code signs in once: a second use fails", async () => {
    const account = await accountWithPassword();
    const { recoveryCodes } = await enrol(account);
    const address = newAddress();
    const code = recoveryCodes[3]!;
    expect(await attempt(account.email, PASSWORD, address, ` ${code.toUpperCase()} `)).toBe("signed-in");
    expect(await attempt(account.email, PASSWORD, address, code)).toBe("wrong_code");
    expect((await getTwoFactorStatus({ actor: account.actor })).recoveryCodesLeft).toBe(9);
    const used = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.recovery_code_used", entityId: account.user.id } });
    expect(used.metadata).toEqual({ left: 9 });
    // Another account's code is not this account's.
    const other = await accountWithPassword();
    expect(await attempt(other.email, PASSWORD, newAddress(), recoveryCodes[4]!)).toBe("signed-in"); // no two-factor: the code is ignored
    const otherEnrolled = await accountWithPassword();
    await enrol(otherEnrolled);
    expect(await attempt(otherEnrolled.email, PASSWORD, newAddress(), recoveryCodes[4]!)).toBe("wrong_code");
  });

  it("two racing sign-ins with one recovery code: only one succeeds", async () => {
    const account = await accountWithPassword();
    const { recoveryCodes } = await enrol(account);
    const results = await Promise.all([
      attempt(account.email, PASSWORD, newAddress(), recoveryCodes[0]!),
      attempt(account.email, PASSWORD, newAddress(), recoveryCodes[0]!),
    ]);
    expect(results.sort()).toEqual(["signed-in", "wrong_code"]);
  });

  it("wrong codes count as failures: the fifth starts the wait, and then the right code is refused too", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const account = await accountWithPassword();
    const { secret } = await enrol(account);
    const address = newAddress();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt(account.email, PASSWORD, address, "123456"));
    expect(results.slice(0, 4)).toEqual(Array(4).fill("wrong_code"));
    expect(results[4]).toBe("throttled:1");
    expect(await attempt(account.email, PASSWORD, address, await nextCode(secret))).toBe("throttled:1");
    const failures = await db().prisma.auditEvent.findMany({ where: { action: "auth.sign_in_failed", entityId: account.user.id } });
    expect(failures.map((f) => f.metadata)).toEqual(Array(5).fill({ reason: "wrong_code", method: "password+second_factor" }));
    vi.setSystemTime(Date.now() + 61_000);
    expect(await attempt(account.email, PASSWORD, address, await nextCode(secret))).toBe("signed-in");
  });

  it("turning two-factor off needs the password; it is audited and the recovery codes stop working", async () => {
    const account = await accountWithPassword();
    const { recoveryCodes } = await enrol(account);
    const events = await db().prisma.auditEvent.count();
    await expect(disableTwoFactor({ actor: account.actor, input: { password: "not-it" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { password: "That password is not right" },
    });
    await expect(disableTwoFactor({ actor: account.actor, input: {} })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().prisma.auditEvent.count()).toBe(events);
    expect((await getTwoFactorStatus({ actor: account.actor })).enabled).toBe(true);
    await disableTwoFactor({ actor: account.actor, input: { password: PASSWORD } });
    expect((await getTwoFactorStatus({ actor: account.actor })).enabled).toBe(false);
    expect(await db().prisma.auditEvent.count({ where: { action: "auth.two_factor_disabled", entityId: account.user.id } })).toBe(1);
    expect(await db().prisma.recoveryCode.count({ where: { userId: account.user.id } })).toBe(0);
    expect(await attempt(account.email, PASSWORD, newAddress())).toBe("signed-in");
    expect(recoveryCodes).toHaveLength(10);
  });

  it("new recovery codes need a code from the app or the password, and replace the old ones", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const account = await accountWithPassword();
    const { secret, recoveryCodes: old } = await enrol(account);
    await expect(regenerateRecoveryCodes({ actor: account.actor, input: { proof: "guess" } })).rejects.toMatchObject({ code: "invalid" });
    await expect(regenerateRecoveryCodes({ actor: account.actor, input: { proof: "000000" } })).rejects.toMatchObject({ code: "invalid" });
    const byCode = await regenerateRecoveryCodes({ actor: account.actor, input: { proof: await nextCode(secret) } });
    const byPassword = await regenerateRecoveryCodes({ actor: account.actor, input: { proof: PASSWORD } });
    expect(byPassword.recoveryCodes).toHaveLength(10);
    expect(await attempt(account.email, PASSWORD, newAddress(), old[0]!)).toBe("wrong_code");
    expect(await attempt(account.email, PASSWORD, newAddress(), byCode.recoveryCodes[0]!)).toBe("wrong_code");
    expect(await attempt(account.email, PASSWORD, newAddress(), byPassword.recoveryCodes[0]!)).toBe("signed-in");
    expect(await db().prisma.auditEvent.count({ where: { action: "auth.recovery_codes_regenerated", entityId: account.user.id } })).toBe(2);
  });

  it("an admin requires two-factor for every team member (audited): one without it may only enrol, even through the API", async () => {
    configureRateLimit();
    const admin = (await accountWithPassword("admin")).actor;
    const member = await accountWithPassword();
    const token = await createApiToken({ actor: member.actor, input: { name: "bot", scope: "read" } });
    const ping = () =>
      handleApi(
        new Request("http://localhost/api/v1/ping", { headers: { authorization: `Bearer ${token.secret}` } }),
        { scope: "read" },
        async () => ({
          status: 200,
          body: { ok: true },
        }),
      );
    expect((await ping()).status).toBe(200);

    for (const role of ["moderator", "viewer"] as const) {
      const actor = (await accountWithPassword(role)).actor;
      await expect(setTwoFactorRequirement({ actor, input: { required: true } })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(setTwoFactorRequirement({ actor: admin, input: { required: "yes" } })).rejects.toMatchObject({ code: "invalid" });
    expect(await mustEnrolTwoFactor(member.user.id)).toBe(false);

    await setTwoFactorRequirement({ actor: admin, input: { required: true } });
    const changed = await db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "team.two_factor_requirement_changed" },
      orderBy: { seq: "desc" },
    });
    expect(changed).toMatchObject({ actorUserId: admin.id, before: { requireTwoFactor: false }, after: { requireTwoFactor: true } });
    expect(await mustEnrolTwoFactor(member.user.id)).toBe(true);
    // The password alone still signs in (the session exists), but every page sends them to enrol.
    expect(await attempt(member.email, PASSWORD, newAddress())).toBe("signed-in");
    const refused = await ping();
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.message).toBe(
      "The owner of this API token must set up two-factor sign-in first: the team requires it",
    );

    const { secret } = await enrol(member);
    expect(await mustEnrolTwoFactor(member.user.id)).toBe(false);
    expect((await ping()).status).toBe(200);
    // While it is required, it cannot be turned off.
    await expect(disableTwoFactor({ actor: member.actor, input: { password: PASSWORD } })).rejects.toMatchObject({
      code: "rule",
      message: "Your team requires two-factor sign-in: it cannot be turned off",
    });
    expect(await attempt(member.email, PASSWORD, newAddress(), await nextCode(secret))).toBe("signed-in");
  });

  it("a stored secret opens only with the server's own NEXTAUTH_SECRET", async () => {
    const account = await accountWithPassword();
    const { secret } = await enrol(account);
    const row = await db().prisma.user.findUniqueOrThrow({ where: { id: account.user.id } });
    const saved = process.env.NEXTAUTH_SECRET;
    try {
      process.env.NEXTAUTH_SECRET = "another-deployment-secret";
      expect(openSecret(row.totpSecret, account.user.id)).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = saved;
    }
    expect(openSecret(row.totpSecret, account.user.id)).toBe(secret);
  });
});
