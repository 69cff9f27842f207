import { afterEach, expect, it, vi } from "vitest";
import type { JWT } from "next-auth/jwt";
import { authOptions } from "@/lib/server/auth-options.ts";
import { endOtherSessions } from "@/lib/server/sessions/end-other-sessions.ts";
import { endSession } from "@/lib/server/sessions/end-session.ts";
import { endUserSessions } from "@/lib/server/sessions/end-user-sessions.ts";
import { listSessions } from "@/lib/server/sessions/list-sessions.ts";
import { resolveSession, type SessionUser } from "@/lib/server/sessions/resolve-session.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { signInWithPassword } from "@/lib/server/users/sign-in-with-password.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";
import { describeEachBackend, unique, type TestDatabase } from "./harness.ts";
import { MINUTE, HOUR, DAY } from "@/lib/policy/durations.ts";

const system = { system: true as const, label: "test" };
const PASSWORD = "a-long-enough-password";

type Claims = { uid?: unknown; sid?: unknown };

/** A team member who can sign in with a password (created through the app). */
async function newUser(role: "admin" | "moderator" | "viewer" = "moderator") {
  const email = `${unique()}@example.org`;
  const user = await createUser({ actor: system, input: { email, name: `${role} ${unique()}`, role, password: PASSWORD } });
  return { ...user, email };
}

/**
 * Signs in as next-auth does: the credentials check (authorize), then the jwt callback with the
 * admitted user (which starts the server-side session), then the session callback, whose claims
 * getCurrentUser resolves on every request. Returns the JWT's content (what the cookie holds).
 */
async function signIn(email: string): Promise<JWT> {
  const user = await signInWithPassword({ email, password: PASSWORD });
  expect(user, "the password check admits the user").not.toBeNull();
  const jwt = authOptions.callbacks!.jwt! as unknown as (p: { token: JWT; user?: unknown }) => Promise<JWT>;
  return jwt({ token: { name: user!.name, email: user!.email }, user: user! });
}

/** What a request carrying this cookie content resolves to (getCurrentUser without the cookie decoding). */
async function request(token: JWT): Promise<SessionUser | null> {
  const session = authOptions.callbacks!.session! as unknown as (p: { session: object; token: JWT }) => Promise<Claims>;
  return resolveSession(await session({ session: { expires: "" }, token }));
}

async function signOut(token: JWT) {
  await authOptions.events!.signOut!({ token, session: undefined as never });
}

async function as(token: JWT): Promise<SessionUser> {
  const user = await request(token);
  expect(user, "the session is signed in").not.toBeNull();
  return user!;
}

async function counts(db: TestDatabase) {
  const p = db.prisma;
  const [sessions, ended, events] = await Promise.all([
    p.session.count(),
    p.session.count({ where: { revokedAt: { not: null } } }),
    p.auditEvent.count(),
  ]);
  return { sessions, ended, events };
}

afterEach(() => {
  vi.useRealTimers();
});

describeEachBackend("server-side sessions", ({ db }) => {
  it("signing in starts a server-side session the JWT names; sign-out ends it, so the same cookie no longer signs in", async () => {
    const user = await newUser();
    const token = await signIn(user.email);
    expect(token.sid).toEqual(expect.any(String));
    const row = await db().prisma.session.findUniqueOrThrow({ where: { id: token.sid as string } });
    expect(row).toMatchObject({ userId: user.id, revokedAt: null, endReason: null, browser: "Unknown browser", address: null });
    await expect(request(token)).resolves.toMatchObject({ id: user.id, email: user.email, role: "moderator", sessionId: token.sid });

    await signOut(token);
    // The replayed cookie: a valid signature, a session that has ended.
    await expect(request(token)).resolves.toBeNull();
    expect(await db().prisma.session.findUniqueOrThrow({ where: { id: token.sid as string } })).toMatchObject({
      endReason: "signed_out",
      revokedAt: expect.any(Date),
    });
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.signed_out", entityId: user.id } });
    expect(event).toMatchObject({ actorType: "user", actorUserId: user.id, metadata: { session: token.sid, browser: "Unknown browser" } });

    // Signing out twice (a replayed sign-out) changes nothing more.
    const before = await counts(db());
    await signOut(token);
    expect(await counts(db())).toEqual(before);
  });

  it("each sign-in is its own session: signing out one leaves the others signed in", async () => {
    const user = await newUser();
    const laptop = await signIn(user.email);
    const phone = await signIn(user.email);
    expect(laptop.sid).not.toBe(phone.sid);
    await signOut(laptop);
    await expect(request(laptop)).resolves.toBeNull();
    await expect(request(phone)).resolves.toMatchObject({ id: user.id });
  });

  it("a JWT without a session id (issued before server sessions), with a malformed one, or naming another user's session is refused", async () => {
    const user = await newUser();
    const other = await newUser();
    const token = await signIn(user.email);
    const othersToken = await signIn(other.email);
    const before = await counts(db());
    for (const claims of [
      { uid: user.id },
      { uid: user.id, signedInAt: Date.now() },
      { uid: user.id, sid: "not-a-uuid" },
      { uid: user.id, sid: "\u0000" },
      { uid: user.id, sid: "\uD800" },
      { uid: user.id, sid: "x".repeat(100_000) },
      { uid: user.id, sid: 42 },
      { uid: user.id, sid: crypto.randomUUID() },
      { uid: user.id, sid: othersToken.sid },
      { uid: 7, sid: token.sid },
      {},
    ]) {
      await expect(resolveSession(claims)).resolves.toBeNull();
    }
    expect(await counts(db())).toEqual(before);
  });

  it("a session ends after 8 hours without a request, however recent its sign-in", async () => {
    const user = await newUser();
    const token = await signIn(user.email);
    const signedIn = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(signedIn + 8 * HOUR - MINUTE);
    await expect(request(token)).resolves.toMatchObject({ id: user.id }); // 7 h 59 min idle: still signed in, and seen now
    vi.setSystemTime(signedIn + 16 * HOUR - 2 * MINUTE);
    await expect(request(token)).resolves.toMatchObject({ id: user.id }); // idle again just under 8 h
    vi.setSystemTime(signedIn + 24 * HOUR);
    await expect(request(token)).resolves.toBeNull(); // 8 h after the last request
    vi.setSystemTime(signedIn + 24 * HOUR + MINUTE);
    await expect(request(token)).resolves.toBeNull(); // and a refused request does not revive it
  });

  it("a session in use every few hours still ends 7 days after signing in", async () => {
    const user = await newUser();
    const token = await signIn(user.email);
    const signedIn = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let hours = 4; hours < 7 * 24; hours += 4) {
      vi.setSystemTime(signedIn + hours * HOUR);
      expect(await request(token), `after ${hours} hours`).not.toBeNull();
    }
    vi.setSystemTime(signedIn + 7 * DAY);
    await expect(request(token)).resolves.toBeNull();
  });

  it("last seen is written at most once a minute, so a request costs one read", async () => {
    const user = await newUser();
    const token = await signIn(user.email);
    const lastSeen = async () => (await db().prisma.session.findUniqueOrThrow({ where: { id: token.sid as string } })).lastSeenAt;
    const first = await lastSeen();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(first.getTime() + 59_000);
    await request(token);
    await request(token);
    expect(await lastSeen()).toEqual(first);
    vi.setSystemTime(first.getTime() + 61_000);
    await request(token);
    expect(await lastSeen()).toEqual(new Date(first.getTime() + 61_000));
  });

  it("the Sessions page lists my live sessions, this one first and marked, never anyone else's", async () => {
    const user = await newUser();
    const other = await newUser();
    const older = await signIn(user.email);
    const current = await signIn(user.email);
    await signIn(other.email);
    const { live, ended } = await listSessions({ actor: await as(current) });
    expect(live.map((s) => [s.id, s.current])).toEqual([
      [current.sid, true],
      [older.sid, false],
    ]);
    expect(live[0]).toMatchObject({ browser: "Unknown browser", address: null, createdAt: expect.any(Date), lastSeenAt: expect.any(Date) });
    expect(ended).toEqual([]);
  });

  it("I sign out another of my sessions: it is refused on its next request, listed as ended, and audited", async () => {
    const user = await newUser();
    const stolen = await signIn(user.email);
    const mine = await signIn(user.email);
    const actor = await as(mine);
    await expect(endSession({ actor, input: { sessionId: stolen.sid } })).resolves.toMatchObject({ ended: true });
    await expect(request(stolen)).resolves.toBeNull();
    await expect(request(mine)).resolves.toMatchObject({ id: user.id });
    const { live, ended } = await listSessions({ actor });
    expect(live.map((s) => s.id)).toEqual([mine.sid]);
    expect(ended).toEqual([expect.objectContaining({ id: stolen.sid, reason: "ended_by_user", endedAt: expect.any(Date) })]);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.session_ended", entityId: user.id } });
    expect(event).toMatchObject({ actorUserId: user.id, metadata: { session: stolen.sid, from: mine.sid } });

    // Ending it again changes nothing.
    const before = await counts(db());
    await expect(endSession({ actor, input: { sessionId: stolen.sid } })).resolves.toMatchObject({ ended: false });
    expect(await counts(db())).toEqual(before);
  });

  it("nobody ends another person's session, the one they are using, or one named by bad input; nothing changes", async () => {
    const user = await newUser();
    const victim = await newUser();
    const victimToken = await signIn(victim.email);
    const token = await signIn(user.email);
    const actor = await as(token);
    const before = await counts(db());
    await expect(endSession({ actor, input: { sessionId: victimToken.sid } })).rejects.toMatchObject({
      code: "not_found",
      message: "This session does not exist",
    });
    await expect(endSession({ actor, input: { sessionId: token.sid } })).rejects.toMatchObject({
      code: "rule",
      message: "This is the session you are using: sign out from the account menu instead",
    });
    for (const sessionId of [undefined, "", "\u0000", "\uDC00", "x".repeat(1_000_000), ["a"], { id: 1 }]) {
      await expect(endSession({ actor, input: { sessionId } })).rejects.toMatchObject({
        code: "invalid",
        fields: { sessionId: "Unknown session" },
      });
    }
    expect(await counts(db())).toEqual(before);
    await expect(request(victimToken)).resolves.toMatchObject({ id: victim.id });
  });

  it("sign out all other sessions keeps only this one, and records how many ended", async () => {
    const user = await newUser("viewer");
    const others = [await signIn(user.email), await signIn(user.email), await signIn(user.email)];
    const mine = await signIn(user.email);
    const bystander = await signIn((await newUser()).email);
    const actor = await as(mine);
    await expect(endOtherSessions({ actor })).resolves.toEqual({ count: 3 });
    for (const token of others) await expect(request(token)).resolves.toBeNull();
    await expect(request(mine)).resolves.toMatchObject({ id: user.id });
    await expect(request(bystander)).resolves.not.toBeNull();
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.other_sessions_ended", entityId: user.id } });
    expect(event).toMatchObject({ actorUserId: user.id, metadata: { sessions: 3, kept: mine.sid } });

    const before = await counts(db());
    await expect(endOtherSessions({ actor })).resolves.toEqual({ count: 0 }); // nothing left to end: nothing recorded
    expect(await counts(db())).toEqual(before);
  });

  it("an admin signs a team member out everywhere: every session ends, the account stays active, and it is audited", async () => {
    const admin = await newUser("admin");
    const adminToken = await signIn(admin.email);
    const member = await newUser();
    const tokens = [await signIn(member.email), await signIn(member.email)];
    await expect(endUserSessions({ actor: await as(adminToken), input: { userId: member.id } })).resolves.toMatchObject({
      name: member.name,
      count: 2,
    });
    for (const token of tokens) await expect(request(token)).resolves.toBeNull();
    await expect(request(adminToken)).resolves.not.toBeNull();
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "user.signed_out_everywhere", entityId: member.id } });
    expect(event).toMatchObject({ actorUserId: admin.id, metadata: { sessions: 2 } });
    // They may sign in again, and the list says an admin ended the others.
    const again = await signIn(member.email);
    const { ended } = await listSessions({ actor: await as(again) });
    expect(ended.map((s) => s.reason)).toEqual(["ended_by_admin", "ended_by_admin"]);
  });

  it("only an admin signs someone out everywhere, and not themselves from the Team page; nothing changes", async () => {
    const member = await newUser();
    const memberToken = await signIn(member.email);
    const moderator = await as(await signIn((await newUser("moderator")).email));
    const viewer = await as(await signIn((await newUser("viewer")).email));
    const admin = await as(await signIn((await newUser("admin")).email));
    const before = await counts(db());
    for (const actor of [moderator, viewer]) {
      await expect(endUserSessions({ actor, input: { userId: member.id } })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(endUserSessions({ actor: admin, input: { userId: admin.id } })).rejects.toMatchObject({
      code: "rule",
      message: "To sign yourself out elsewhere, use Sessions in your account menu",
    });
    for (const userId of ["nope", "\u0000", crypto.randomUUID()]) {
      await expect(endUserSessions({ actor: admin, input: { userId } })).rejects.toMatchObject({
        code: expect.stringMatching(/^(invalid|not_found)$/),
      });
    }
    expect(await counts(db())).toEqual(before);
    await expect(request(memberToken)).resolves.not.toBeNull();
  });

  it("deactivation ends every session at once, and a reactivation does not bring them back", async () => {
    const admin = await as(await signIn((await newUser("admin")).email));
    const member = await newUser();
    const token = await signIn(member.email);
    await updateUser({ actor: admin, input: { userId: member.id, active: false } });
    await expect(request(token)).resolves.toBeNull();
    expect(await db().prisma.session.findUniqueOrThrow({ where: { id: token.sid as string } })).toMatchObject({ endReason: "deactivated" });
    await updateUser({ actor: admin, input: { userId: member.id, active: true } });
    await expect(request(token)).resolves.toBeNull();
    await expect(request(await signIn(member.email))).resolves.toMatchObject({ id: member.id });
  });

  it("a role change takes effect on the session's next request", async () => {
    const admin = await as(await signIn((await newUser("admin")).email));
    const member = await newUser("moderator");
    const token = await signIn(member.email);
    await updateUser({ actor: admin, input: { userId: member.id, role: "viewer" } });
    await expect(request(token)).resolves.toMatchObject({ id: member.id, role: "viewer" });
  });

  it("ended sessions stay listed for 30 days, then go at the next sign-in; the audit trail keeps the sign-outs", async () => {
    const user = await newUser();
    const old = await signIn(user.email);
    await signOut(old);
    const idle = await signIn(user.email);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + 29 * DAY);
    const recent = await signIn(user.email);
    expect((await listSessions({ actor: await as(recent) })).ended.map((s) => [s.id, s.reason])).toEqual([
      [idle.sid, "idle"],
      [old.sid, "signed_out"],
    ]);
    vi.setSystemTime(start + 31 * DAY);
    const latest = await signIn(user.email);
    const rows = await db().prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(rows.map((r) => r.id).sort()).toEqual([recent.sid, latest.sid].sort());
    expect(await db().prisma.auditEvent.count({ where: { action: "auth.signed_out", entityId: user.id } })).toBe(1);
  });
});
