import { expect, it } from "vitest";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { findMemberByHandle } from "@/lib/server/cases/find-member-by-handle.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { AppError } from "@/lib/server/errors.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { listMembers } from "@/lib/server/members/list-members.ts";
import { resolveMemberRef } from "@/lib/server/members/resolve-member-ref.ts";
import { updateMember } from "@/lib/server/members/update-member.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { describeEachBackend, unique } from "./harness.ts";
import { storedReporter } from "./reporter-helpers.ts";
import { HOUR } from "@/lib/policy/durations.ts";

describeEachBackend("members named by handle", ({ db }) => {
  it("requests naming the same new handle at the same moment all resolve to one new member, none fails", async () => {
    const handle = unique("new");
    const actor = { type: "system" as const, label: "test" };
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        db().prisma.$transaction((tx) =>
          resolveMemberRef(tx, { space: "github", handle: `@${handle.toUpperCase()}`, displayName: "Newcomer" }, actor),
        ),
      ),
    );
    const identities = await db().prisma.memberIdentity.findMany({ where: { space: "github", handleNormalized: handle.toLowerCase() } });
    expect(identities).toHaveLength(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([identities[0]!.memberId]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().prisma.member.count({ where: { displayName: "Newcomer", identities: { none: {} } } })).toBe(0);
    expect(await db().prisma.auditEvent.count({ where: { action: "member.created", entityId: identities[0]!.memberId } })).toBe(1);
  });
});

const system = { system: true as const, label: "test" };
const auditActor = { type: "system" as const, label: "test" };

async function newActor(role: Actor["role"]): Promise<Actor> {
  const user = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: `${role} ${unique()}`, role } });
  return { id: user.id, role, name: user.name, memberId: null };
}

function caseInput(subject: Record<string, unknown>, reporter: Record<string, unknown>, involved: Record<string, unknown>[] = []) {
  return {
    subject,
    reporter,
    involved,
    space: "github",
    occurredAt: new Date(Date.now() - HOUR).toISOString(),
    standards: ["harassment"],
    description: `Case ${unique()}`,
    evidence: [],
  };
}

describeEachBackend("confidential reporters named by handle", ({ db }) => {
  it("an unknown reporter handle creates a reporter-only record whose audit event names nobody, left out of every list and search", async () => {
    const moderator = await newActor("moderator");
    const handle = unique("Reporter");
    const subject = unique("subject");
    const created = await createCase({
      actor: moderator,
      input: caseInput({ space: "github", handle: subject }, { kind: "member", member: { space: "github", handle: `@${handle}` } }),
    });
    const reporter = await db().prisma.member.findUniqueOrThrow({ where: { id: (await storedReporter(db(), created.id))!.memberId! } });
    expect(reporter).toMatchObject({ reporterOnly: true, displayName: handle });
    // The creation is audited, but points at nothing: no id, name or handle of the reporter.
    expect(await db().prisma.auditEvent.count({ where: { entityId: reporter.id } })).toBe(0);
    const event = await db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "member.created", entityId: null, metadata: { path: ["via"], equals: "case.reporter" } },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({ after: { confidential: true }, metadata: { via: "case.reporter" }, before: null });
    expect(JSON.stringify([event.before, event.after, event.metadata])).not.toContain(reporter.id);
    expect(JSON.stringify([event.before, event.after, event.metadata]).toLowerCase()).not.toContain(handle.toLowerCase());
    // The subject's record is an ordinary one.
    const about = await db().prisma.member.findFirstOrThrow({
      where: { identities: { some: { handleNormalized: subject.toLowerCase() } } },
    });
    expect(about.reporterOnly).toBe(false);

    // Not in the list, by name or handle prefix, nor a match in the case search.
    expect((await listMembers({ actor: moderator, input: { q: handle } })).rows).toEqual([]);
    expect((await listMembers({ actor: moderator, input: { q: `@${handle.slice(0, 12)}` } })).rows.map((r) => r.id)).not.toContain(
      reporter.id,
    );
    expect((await listCases({ actor: moderator, query: { q: handle } })).rows).toEqual([]);
    // The Log a case hint treats the handle as unknown and never suggests it as a look-alike.
    expect(await findMemberByHandle({ actor: moderator, space: "github", handle })).toEqual({ member: null, lookAlikes: [] });
    const lookalike = handle.replace(/o/g, "о"); // Cyrillic
    expect((await findMemberByHandle({ actor: moderator, space: "github", handle: lookalike })).lookAlikes).toEqual([]);

    // Adding a member with that handle is refused without naming the holder.
    const before = await db().prisma.member.count();
    const refused = await createMember({
      actor: moderator,
      input: { displayName: "Someone", identities: [{ space: "github", handle: handle.toUpperCase() }] },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: "conflict",
      fields: { "identities.0.handle": "This GitHub handle already belongs to a member record you cannot see in the list; ask an admin" },
    });
    expect(JSON.stringify(refused)).not.toContain(reporter.displayName);
    expect(await db().prisma.member.count()).toBe(before);

    // Named again as a reporter, it stays reporter-only; no second record.
    await createCase({
      actor: moderator,
      input: caseInput({ space: "github", handle: unique("s") }, { kind: "member", member: { space: "github", handle } }),
    });
    expect((await db().prisma.member.findUniqueOrThrow({ where: { id: reporter.id } })).reporterOnly).toBe(true);
    expect(await db().prisma.auditEvent.count({ where: { action: "member.listed", entityId: reporter.id } })).toBe(0);
  });

  it("a reporter-only member named as a subject or involved person joins the lists, audited once as member.listed; its page never says it was a reporter first", async () => {
    const moderator = await newActor("moderator");
    const viewer = await newActor("viewer");
    const [asSubject, asInvolved] = [unique("rs"), unique("ri")];
    for (const handle of [asSubject, asInvolved]) {
      await createCase({
        actor: moderator,
        input: caseInput({ space: "github", handle: unique("s") }, { kind: "member", member: { space: "slack", handle } }),
      });
    }
    const idOf = async (handle: string) =>
      (await db().prisma.memberIdentity.findFirstOrThrow({ where: { space: "slack", handleNormalized: handle.toLowerCase() } })).memberId;
    const [subjectId, involvedId] = [await idOf(asSubject), await idOf(asInvolved)];

    await createCase({ actor: moderator, input: caseInput({ space: "slack", handle: asSubject }, { kind: "anonymous" }) });
    await db().prisma.$transaction((tx) => resolveMemberRef(tx, { memberId: involvedId }, auditActor));
    for (const [id, handle] of [
      [subjectId, asSubject],
      [involvedId, asInvolved],
    ] as const) {
      expect((await db().prisma.member.findUniqueOrThrow({ where: { id } })).reporterOnly).toBe(false);
      const events = await db().prisma.auditEvent.findMany({ where: { action: "member.listed", entityId: id } });
      expect(events).toHaveLength(1);
      expect(events[0]!.after).toEqual({ displayName: handle, identities: [{ space: "slack", handle }] });
      expect((await listMembers({ actor: moderator, input: { q: handle } })).rows.map((r) => r.id)).toEqual([id]);
      // Its page reads like any record added when the case named it: nothing says it was a reporter before.
      const history = await getMemberHistory({ actor: viewer, memberId: id });
      expect(history.kind === "full" && history.audit.map((e) => e.sentence)).toEqual([
        expect.stringMatching(new RegExp(` added ${handle} \\(Slack: ${handle}\\)$`)),
      ]);
    }
    // Named once more, nothing more to audit.
    await db().prisma.$transaction((tx) => resolveMemberRef(tx, { space: "slack", handle: asInvolved }, auditActor));
    expect(await db().prisma.auditEvent.count({ where: { action: "member.listed", entityId: involvedId } })).toBe(1);
  });
});

describeEachBackend("the Log a case hints", ({ db }) => {
  it("a retired handle still names its member; a handle that only looks like a listed one is flagged with that member", async () => {
    const moderator = await newActor("moderator");
    const tag = unique("h")
      .toLowerCase()
      .replace(/[0o1lim]/g, "x");
    const noor = await createMember({
      actor: system,
      input: { displayName: `Noor ${tag}`, identities: [{ space: "github", handle: `${tag}noorh` }] },
    });
    expect(await findMemberByHandle({ actor: moderator, space: "github", handle: `@${tag.toUpperCase()}NOORH` })).toEqual({
      member: { id: noor.id, displayName: noor.displayName },
      lookAlikes: [],
    });
    // Cyrillic о, a zero, Greek ο.
    for (const lookalike of [`${tag}nооrh`, `${tag}n0orh`, `${tag}nοοrh`]) {
      expect(await findMemberByHandle({ actor: moderator, space: "github", handle: lookalike }), lookalike).toEqual({
        member: null,
        lookAlikes: [{ memberId: noor.id, displayName: noor.displayName, space: "github", handle: `${tag}noorh`, retired: false }],
      });
    }
    // Same look in another space: nothing to say.
    expect((await findMemberByHandle({ actor: moderator, space: "slack", handle: `${tag}nооrh` })).lookAlikes).toEqual([]);

    await updateMember({
      actor: moderator,
      input: { memberId: noor.id, version: 1, displayName: noor.displayName, identities: [{ space: "slack", handle: `U${tag}` }] },
    });
    expect((await findMemberByHandle({ actor: moderator, space: "github", handle: `${tag}noorh` })).member?.id).toBe(noor.id);
    expect((await findMemberByHandle({ actor: moderator, space: "github", handle: `${tag}nооrh` })).lookAlikes).toEqual([
      expect.objectContaining({ memberId: noor.id, retired: true }),
    ]);
    expect(await findMemberByHandle({ actor: moderator, space: "github", handle: "\u200B" })).toEqual({ member: null, lookAlikes: [] });
    expect(await db().prisma.member.count({ where: { id: noor.id, reporterOnly: false } })).toBe(1);
  });
});
