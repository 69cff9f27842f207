import { expect, it } from "vitest";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { revealReporter } from "@/lib/server/cases/reveal-reporter.ts";
import { getDashboardSummary } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember, OWN_LINK_MESSAGE } from "@/lib/server/users/link-user-member.ts";
import { listUsers } from "@/lib/server/users/list-users.ts";
import { signInWithGithub } from "@/lib/server/users/sign-in-with-github.ts";
import { caseInput, logCase, newActor, newMember, snapshot, system } from "./cases-helpers.ts";
import { describeEachBackend, unique, type TestDatabase } from "./harness.ts";

/*
 * Issue 12, item 1: an admin links a team account to its member record (Team page, user:link,
 * user:create --member); from the moment of linking the conflict-of-interest rules apply to
 * every case about, reported by or involving that member, old and new.
 */

async function newUser(role: "admin" | "moderator" | "viewer" = "moderator") {
  const user = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: `User ${unique()}`, role } });
  const actor: Actor = { id: user.id, role, name: user.name, memberId: null };
  return actor;
}

/** The actor as the app sees it on the next request: memberId re-read from the database. */
async function reload(db: TestDatabase, actor: Actor): Promise<Actor> {
  const row = await db.prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { memberId: true } });
  return { ...actor, memberId: row.memberId };
}

describeEachBackend("linking team accounts to member records", ({ db }) => {
  it("an admin links an account by any handle; relinking and unlinking are audited, each with before and after", async () => {
    const admin = await newActor(db(), "admin");
    const user = await newUser();
    const first = await newMember(db(), "Sam");
    const second = await newMember(db(), "Sam again");

    const linked = await linkUserMember({
      actor: admin,
      input: { userId: user.id, member: { space: "github", handle: `@${first.handle.toUpperCase()}` } },
    });
    expect(linked).toMatchObject({ change: "linked", member: { id: first.id, displayName: first.displayName }, created: false });
    expect((await reload(db(), user)).memberId).toBe(first.id);

    const again = await linkUserMember({ actor: admin, input: { userId: user.id, member: { space: "github", handle: first.handle } } });
    expect(again.change).toBe("unchanged");

    const relinked = await linkUserMember({ actor: admin, input: { userId: user.id, member: { memberId: second.id } } });
    expect(relinked.change).toBe("relinked");
    const unlinked = await linkUserMember({ actor: admin, input: { userId: user.id, member: null } });
    expect(unlinked.change).toBe("unlinked");
    expect((await reload(db(), user)).memberId).toBeNull();

    const events = await db().prisma.auditEvent.findMany({
      where: { entityType: "user", entityId: user.id, action: { startsWith: "user.member_" } },
      orderBy: { seq: "asc" },
      select: { action: true, actorUserId: true, before: true, after: true },
    });
    expect(events.map((e) => e.action)).toEqual(["user.member_linked", "user.member_relinked", "user.member_unlinked"]);
    expect(events.every((e) => e.actorUserId === admin.id)).toBe(true);
    expect(events[0]!.before).toEqual({ member: null });
    expect(events[1]!.before).toEqual({ member: { id: first.id, displayName: first.displayName } });
    expect(events[1]!.after).toEqual({ member: { id: second.id, displayName: second.displayName } });
    expect(events[2]!.after).toEqual({ member: null });
  });

  it("one account, one member: a record linked to another account is refused, naming that account", async () => {
    const admin = await newActor(db(), "admin");
    const member = await newMember(db(), "Shared");
    const a = await newUser();
    const b = await newUser();
    await linkUserMember({ actor: admin, input: { userId: a.id, member: { memberId: member.id } } });
    const before = await snapshot(db());
    await expect(linkUserMember({ actor: admin, input: { userId: b.id, member: { memberId: member.id } } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`already linked to the account of ${a.name}`),
    });
    expect(await snapshot(db())).toEqual(before);
    expect((await reload(db(), b)).memberId).toBeNull();
  });

  it("two admins linking two accounts to one record at once: one wins, the other gets a clear conflict", async () => {
    const admin = await newActor(db(), "admin");
    const member = await newMember(db(), "Raced");
    const users = await Promise.all([newUser(), newUser(), newUser(), newUser()]);
    const results = await Promise.allSettled(
      users.map((u) => linkUserMember({ actor: admin, input: { userId: u.id, member: { memberId: member.id } } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    }
    expect(await db().prisma.user.count({ where: { memberId: member.id } })).toBe(1);
  });

  it("nobody changes the link of their own account, and only admins link accounts", async () => {
    const admin = await newActor(db(), "admin");
    const moderator = await newActor(db(), "moderator");
    const viewer = await newActor(db(), "viewer");
    const member = await newMember(db(), "Target");
    const before = await snapshot(db());
    await expect(linkUserMember({ actor: admin, input: { userId: admin.id, member: { memberId: member.id } } })).rejects.toMatchObject({
      code: "forbidden",
      message: OWN_LINK_MESSAGE,
    });
    for (const actor of [moderator, viewer]) {
      await expect(linkUserMember({ actor, input: { userId: admin.id, member: { memberId: member.id } } })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    expect(await snapshot(db())).toEqual(before);
  });

  it("bad input gets a specific message and changes nothing: unknown handle, unknown space, empty handle, NUL, unknown user", async () => {
    const admin = await newActor(db(), "admin");
    const user = await newUser();
    const before = await snapshot(db());
    const missing = unique("nobody");
    await expect(
      linkUserMember({ actor: admin, input: { userId: user.id, member: { space: "github", handle: missing } } }),
    ).rejects.toMatchObject({
      code: "not_found",
      fields: { member: `No member has the GitHub handle ${missing.toLowerCase()}: create their record to link it` },
    });
    await expect(
      linkUserMember({ actor: admin, input: { userId: user.id, member: { space: "myspace", handle: "x" } } }),
    ).rejects.toMatchObject({
      code: "invalid",
      fields: { "member.space": expect.any(String) },
    });
    await expect(
      linkUserMember({ actor: admin, input: { userId: user.id, member: { space: "github", handle: "@" } } }),
    ).rejects.toMatchObject({
      code: "invalid",
      fields: { "member.handle": "Enter a handle" },
    });
    await expect(
      linkUserMember({ actor: admin, input: { userId: user.id, member: { space: "github", handle: "bad\u0000handle" } } }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/invalid|not_found/) });
    await expect(
      linkUserMember({ actor: admin, input: { userId: "00000000-0000-4000-8000-000000000000", member: null } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(linkUserMember({ actor: admin, input: { userId: "not-a-uuid", member: null } })).rejects.toMatchObject({
      code: "invalid",
      fields: { userId: "Unknown user" },
    });
    expect(await snapshot(db())).toEqual(before);
  });

  it("create: true makes the member record (named after the account) when nobody holds the handle, audited", async () => {
    const admin = await newActor(db(), "admin");
    const user = await newUser();
    const handle = unique("newhandle");
    const result = await linkUserMember({ actor: admin, input: { userId: user.id, member: { space: "slack", handle }, create: true } });
    expect(result).toMatchObject({ change: "linked", created: true, member: { displayName: user.name } });
    const identity = await db().prisma.memberIdentity.findFirstOrThrow({ where: { memberId: result.member!.id } });
    expect(identity).toMatchObject({ space: "slack", handle });
    expect(await db().prisma.auditEvent.count({ where: { action: "member.created", entityId: result.member!.id } })).toBe(1);
  });

  it("from the moment of linking, cases about the member disappear for the account, old and new, everywhere it reads", async () => {
    const admin = await newActor(db(), "admin");
    const moderator = await newUser();
    const me = await newMember(db(), "Moderator as member");
    const old = await logCase(admin, me.id);
    expect((await getCase({ actor: moderator, number: old.number })).number).toBe(old.number);

    await linkUserMember({ actor: admin, input: { userId: moderator.id, member: { space: "github", handle: me.handle } } });
    const linked = await reload(db(), moderator);
    await expect(getCase({ actor: linked, number: old.number })).rejects.toMatchObject({ code: "not_found" });
    const fresh = await logCase(admin, me.id);
    await expect(getCase({ actor: linked, number: fresh.number })).rejects.toMatchObject({ code: "not_found" });
    const list = await listCases({ actor: linked, query: { q: me.displayName } });
    expect(list.rows.map((r) => r.number)).not.toContain(old.number);
    expect(list.rows.map((r) => r.number)).not.toContain(fresh.number);
    const dashboard = await getDashboardSummary(linked);
    expect(dashboard.newUnassigned.map((r) => r.number)).not.toContain(fresh.number);
    const history = await getMemberHistory({ actor: linked, memberId: me.id });
    expect(history.kind).toBe("own");
  });

  it("from the moment of linking, the account is recused from cases its member reported or is involved in", async () => {
    const admin = await newActor(db(), "admin");
    const moderator = await newUser();
    const me = await newMember(db(), "Reporter moderator");
    const subject = await newMember(db(), "Subject");
    const reported = await logCase(admin, subject.id, { reporter: { kind: "member", member: { memberId: me.id } } });
    const involving = await logCase(admin, subject.id, { involved: [{ memberId: me.id }] });
    expect((await getCase({ actor: moderator, number: reported.number })).access).toBe("full");

    await linkUserMember({ actor: admin, input: { userId: moderator.id, member: { memberId: me.id } } });
    const linked = await reload(db(), moderator);
    for (const c of [reported, involving]) {
      expect((await getCase({ actor: linked, number: c.number })).access).toBe("recused");
      await expect(revealReporter({ actor: linked, input: { caseId: c.id } })).rejects.toMatchObject({ code: "forbidden" });
      const version = (await db().prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { version: true } })).version;
      await expect(
        recordDecision({
          actor: linked,
          input: { caseId: c.id, version, level: "reminder", rationale: "A reminder about tone in reviews, as the guidelines ask." },
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("linking unassigns the cases the account may no longer work (about or involving its member), audited; a case it reported stays assigned", async () => {
    const admin = await newActor(db(), "admin");
    const moderator = await newUser();
    const me = await newMember(db(), "Assigned moderator");
    const subject = await newMember(db(), "Someone");
    const about = await logCase(admin, me.id);
    const involving = await logCase(admin, subject.id, { involved: [{ memberId: me.id }] });
    const reported = await logCase(admin, subject.id, { reporter: { kind: "member", member: { memberId: me.id } } });
    const unrelated = await logCase(admin, subject.id);
    for (const c of [about, involving, reported, unrelated]) {
      await assignCase({ actor: admin, input: { caseId: c.id, version: 1, assigneeId: moderator.id } });
    }
    const result = await linkUserMember({ actor: admin, input: { userId: moderator.id, member: { memberId: me.id } } });
    expect(result.unassigned.sort()).toEqual([about.number, involving.number].sort());
    const assignee = async (id: string) =>
      (await db().prisma.case.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } })).assigneeId;
    expect(await assignee(about.id)).toBeNull();
    expect(await assignee(involving.id)).toBeNull();
    expect(await assignee(reported.id)).toBe(moderator.id);
    expect(await assignee(unrelated.id)).toBe(moderator.id);
    const events = await db().prisma.auditEvent.findMany({
      where: { action: "case.assigned", entityId: { in: [about.id, involving.id] } },
      orderBy: { seq: "desc" },
      take: 2,
    });
    expect(events.map((e) => e.after)).toEqual([{ assignee: null }, { assignee: null }]);
  });

  it("user:create's member option links the new account in the same transaction (creating the record when needed)", async () => {
    const admin = await newActor(db(), "admin");
    const existing = await newMember(db(), "Existing");
    const user = await createUser({
      actor: admin,
      input: { email: `${unique()}@example.org`, name: "New Mod", role: "moderator", member: { space: "github", handle: existing.handle } },
    });
    expect(user.member).toEqual({ id: existing.id, displayName: existing.displayName });
    const handle = unique("fresh");
    const other = await createUser({
      actor: admin,
      input: { email: `${unique()}@example.org`, name: "Fresh Mod", role: "viewer", member: { space: "discord", handle } },
    });
    expect(other).toMatchObject({ memberCreated: true, member: { displayName: "Fresh Mod" } });
    // A record already linked elsewhere: nothing is created, not even the account.
    const email = `${unique()}@example.org`;
    await expect(
      createUser({
        actor: admin,
        input: { email, name: "Third", role: "moderator", member: { space: "github", handle: existing.handle } },
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db().prisma.user.count({ where: { email } })).toBe(0);
  });

  it("a GitHub sign-in whose login matches a member's GitHub handle is suggested on the Team page, for an admin to confirm", async () => {
    const admin = await newActor(db(), "admin");
    const user = await newUser();
    const member = await newMember(db(), "GitHub person");
    const refused = await signInWithGithub({
      providerAccountId: unique("gh-id"),
      email: `${unique()}@nowhere.example`,
      login: member.handle,
    });
    expect(refused).toBeNull();
    const providerAccountId = unique("gh-id");
    const email = (await db().prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email;
    expect(await signInWithGithub({ providerAccountId, email, login: member.handle.toUpperCase() })).toBe(user.id);

    const row = (await listUsers({ actor: admin })).find((u) => u.id === user.id)!;
    expect(row.member).toBeNull();
    expect(row.suggestion).toEqual({ memberId: member.id, displayName: member.displayName, login: member.handle.toUpperCase() });
    // Nothing is linked until an admin confirms.
    expect((await reload(db(), user)).memberId).toBeNull();
    await linkUserMember({ actor: admin, input: { userId: user.id, member: { memberId: row.suggestion!.memberId } } });
    const after = (await listUsers({ actor: admin })).find((u) => u.id === user.id)!;
    expect(after.member?.id).toBe(member.id);
    expect(after.suggestion).toBeNull();
  });

  it("no suggestion names a member record that exists only as a confidential reporter", async () => {
    const admin = await newActor(db(), "admin");
    const user = await newUser();
    const subject = await newMember(db(), "Subject");
    const handle = unique("quietreporter");
    await logCase(admin, subject.id, { reporter: { kind: "member", member: { space: "github", handle } } });
    const email = (await db().prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email;
    await signInWithGithub({ providerAccountId: unique("gh-id"), email, login: handle });
    const row = (await listUsers({ actor: admin })).find((u) => u.id === user.id)!;
    expect(row.suggestion).toBeNull();
  });

  it("a case logged with a new reporter handle after the link still recuses the account (the rules follow the link, not the log)", async () => {
    const admin = await newActor(db(), "admin");
    const moderator = await newUser();
    const subject = await newMember(db(), "Subject");
    const handle = unique("modhandle");
    await linkUserMember({ actor: admin, input: { userId: moderator.id, member: { space: "slack", handle }, create: true } });
    const linked = await reload(db(), moderator);
    const c = await logCase(
      admin,
      subject.id,
      caseInput(subject.id, { reporter: { kind: "member", member: { space: "slack", handle: `@${handle}` } } }),
    );
    expect((await getCase({ actor: linked, number: c.number })).access).toBe("recused");
  });
});
