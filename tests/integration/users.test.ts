import { expect, it } from "vitest";
import { AppError } from "@/lib/server/errors.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { signInWithPassword } from "@/lib/server/users/sign-in-with-password.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";
import { verifyPassword } from "@/lib/server/passwords.ts";
import { describeEachBackend, unique } from "./harness.ts";

const system = { system: true as const, label: "test" };

describeEachBackend("users and sign-in", ({ db }) => {
  it("creating a user stores an argon2 hash, never the password, and appends user.created", async () => {
    const email = `${unique()}@Example.org`;
    const user = await createUser({
      actor: system,
      input: { email, name: "Robin Test", role: "MODERATOR", password: "correct horse battery" },
    });
    expect(user).toMatchObject({ email: email.toLowerCase(), role: "moderator", active: true });
    const stored = await db().prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword(stored.passwordHash, "correct horse battery")).toBe(true);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "user.created", entityId: user.id } });
    expect(event.actorType).toBe("system");
    expect(JSON.stringify(event.after)).not.toContain("correct horse");
  });

  it("bad input gets a message per field and changes nothing", async () => {
    const [users, events] = await Promise.all([db().prisma.user.count(), db().prisma.auditEvent.count()]);
    const error = await createUser({ actor: system, input: { email: "not-an-email", name: "", role: "boss", password: "short" } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("invalid");
    expect(error.fields).toMatchObject({
      email: "Enter a valid email address",
      name: "Enter a name",
      role: "Role must be admin, moderator or viewer",
      password: "Use at least 10 characters",
    });
    expect(await db().prisma.user.count()).toBe(users);
    expect(await db().prisma.auditEvent.count()).toBe(events);
  });

  it("a duplicate email (in any case) is a conflict and changes nothing", async () => {
    const email = `${unique()}@example.org`;
    await createUser({ actor: system, input: { email, name: "First", role: "viewer" } });
    const events = await db().prisma.auditEvent.count();
    await expect(
      createUser({ actor: system, input: { email: email.toUpperCase(), name: "Second", role: "viewer" } }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: `A user with the email ${email} already exists`,
    });
    expect(await db().prisma.auditEvent.count()).toBe(events);
  });

  it("only admins manage users", async () => {
    const created = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: "Test Admin", role: "admin" } });
    const admin = { id: created.id, role: "admin" as const, name: created.name, memberId: null };
    const input = { email: `${unique()}@example.org`, name: "X", role: "viewer" };
    await expect(createUser({ actor: { ...admin, role: "moderator" }, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUser({ actor: { ...admin, role: "viewer" }, input })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUser({ actor: admin, input })).resolves.toMatchObject({ role: "viewer" });
  });

  it("sign-in succeeds with the right password, case-insensitive email, and is audited", async () => {
    const email = `${unique()}@example.org`;
    const user = await createUser({ actor: system, input: { email, name: "Signer", role: "moderator", password: "right-password" } });
    expect(await signInWithPassword({ email: ` ${email.toUpperCase()} `, password: "right-password" })).toEqual({
      id: user.id,
      name: "Signer",
      email,
    });
    expect(await db().prisma.auditEvent.count({ where: { action: "auth.signed_in", entityId: user.id } })).toBe(1);
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("a wrong password, an unknown email and a deactivated account all fail alike; existing accounts' failures are audited", async () => {
    const email = `${unique()}@example.org`;
    const user = await createUser({ actor: system, input: { email, name: "Gone", role: "moderator", password: "right-password" } });
    expect(await signInWithPassword({ email, password: "wrong-password" })).toBeNull();
    expect(await signInWithPassword({ email: `nobody-${email}`, password: "right-password" })).toBeNull();
    await updateUser({ actor: system, input: { userId: user.id, active: false } });
    expect(await signInWithPassword({ email, password: "right-password" })).toBeNull();
    expect(await signInWithPassword({ email: 42, password: null })).toBeNull();
    // The existing account's failures are audited by its id (never the email typed); the unknown email is not audited.
    const failures = await db().prisma.auditEvent.findMany({
      where: { action: "auth.sign_in_failed", entityId: user.id },
      orderBy: { seq: "asc" },
    });
    expect(failures.map((f) => (f.metadata as { reason: string }).reason)).toEqual(["wrong_password", "deactivated"]);
    expect(await db().prisma.securityLogEntry.count({ where: { kind: "unknown_account" } })).toBeGreaterThan(0);
  });
});

describeEachBackend("managing the team", ({ db }) => {
  async function newAdmin() {
    const created = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: "Admin", role: "admin" } });
    return { id: created.id, role: "admin" as const, name: created.name, memberId: null };
  }

  it("an admin changes a role and deactivates a user; each change is audited with before and after", async () => {
    const admin = await newAdmin();
    const target = await createUser({
      actor: system,
      input: { email: `${unique()}@example.org`, name: "Target", role: "viewer", password: "right-password" },
    });
    await expect(updateUser({ actor: admin, input: { userId: target.id, role: "moderator" } })).resolves.toMatchObject({
      role: "moderator",
      active: true,
    });
    await updateUser({ actor: admin, input: { userId: target.id, active: false } });
    const revokedAt = (await db().prisma.user.findUniqueOrThrow({ where: { id: target.id } })).sessionsRevokedAt;
    expect(revokedAt).not.toBeNull(); // sessions signed in before this are refused, even after a reactivation
    expect(await signInWithPassword({ email: target.email, password: "right-password" })).toBeNull();
    const events = await db().prisma.auditEvent.findMany({
      where: { entityId: target.id, action: { startsWith: "user." } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["user.created", null, expect.anything()],
      ["user.role_changed", { role: "viewer", active: true }, { role: "moderator", active: true }],
      ["user.deactivated", { role: "moderator", active: true }, { role: "moderator", active: false }],
    ]);
    expect(events[1]!.actorUserId).toBe(admin.id);
  });

  it("moderators and viewers cannot manage the team", async () => {
    const target = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: "T", role: "viewer" } });
    const mod = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: "M", role: "moderator" } });
    await expect(
      updateUser({ actor: { id: mod.id, role: "moderator", name: "M", memberId: null }, input: { userId: target.id, role: "admin" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("viewer");
  });

  it("an admin cannot deactivate themselves, and the last active admin cannot be demoted", async () => {
    // Start from a team with exactly one active admin: the new admin deactivates every other one, as on the Team page.
    const admin = await newAdmin();
    const others = await db().prisma.user.findMany({
      where: { role: "admin", active: true, id: { not: admin.id } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    for (const other of others) await updateUser({ actor: admin, input: { userId: other.id, active: false } });
    expect(await db().prisma.user.findMany({ where: { role: "admin", active: true }, select: { id: true } })).toEqual([{ id: admin.id }]);
    await expect(updateUser({ actor: admin, input: { userId: admin.id, active: false } })).rejects.toMatchObject({
      code: "rule",
      message: "You cannot deactivate yourself: ask another admin",
    });
    await expect(updateUser({ actor: admin, input: { userId: admin.id, role: "moderator" } })).rejects.toMatchObject({
      code: "rule",
      message: expect.stringContaining("at least one active admin"),
    });
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    await expect(updateUser({ actor: admin, input: { userId: "nope" } })).rejects.toMatchObject({ code: "invalid" });
  });
});
