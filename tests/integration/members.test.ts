import { expect, it } from "vitest";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { AppError } from "@/lib/server/errors.ts";
import type { Level } from "@/lib/server/generated/prisma/client.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { CONFLICTED_RECORD_EDIT_MESSAGE, OWN_RECORD_EDIT_MESSAGE } from "@/lib/server/members/assert-may-edit-member.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { getMember, memberEditRefusal } from "@/lib/server/members/get-member.ts";
import { OWN_RECORD_NOTE, getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { listMembers } from "@/lib/server/members/list-members.ts";
import { lookupMember } from "@/lib/server/members/lookup-member.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { resolveMemberRef } from "@/lib/server/members/resolve-member-ref.ts";
import { updateMember } from "@/lib/server/members/update-member.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";
import type { TSpace } from "@/lib/schemas/vocabulary.ts";
import { reporterBlindIndex } from "@/lib/server/crypto/reporter-identity.ts";
import { describeEachBackend, unique, type TestDatabase } from "./harness.ts";
import { storedReporter } from "./reporter-helpers.ts";
import { HOUR, DAY } from "@/lib/policy/durations.ts";

const system = { system: true as const, label: "test" };
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

/** A signed-in team member of the given role, optionally linked (as an admin links it) to their own member record. */
async function newActor(role: Actor["role"], memberId: string | null = null): Promise<Actor> {
  const user = await createUser({ actor: system, input: { email: `${unique()}@example.org`, name: `${role} ${unique()}`, role } });
  if (memberId) await linkUserMember({ actor: system, input: { userId: user.id, member: { memberId } } });
  return { id: user.id, role, name: user.name, memberId };
}

async function newMember(name = `Member ${unique()}`, identities: [TSpace, string][] = [["github", unique("gh")]]) {
  return createMember({
    actor: system,
    input: { displayName: name, identities: identities.map(([space, handle]) => ({ space, handle })) },
  });
}

type DecisionSeed = { level: Level | null; daysAgo: number; noContactDays?: number; protect?: string[]; reversal?: string };

const deciders = new WeakMap<TestDatabase, Promise<Actor>>();
/** The admin who logs and decides this suite's cases on this database (an admin also hears appeals). */
function decider(db: TestDatabase): Promise<Actor> {
  if (!deciders.has(db)) deciders.set(db, newActor("admin"));
  return deciders.get(db)!;
}

/**
 * A case logged and decided through the domain functions, in the past when asked: `loggedAt` and
 * `decidedAt` are the options the demo seed replays its story with. Breaches are found by the app.
 */
async function newCase(
  db: TestDatabase,
  subjectId: string,
  options: { reporterMemberId?: string; involved?: string[]; occurredDaysAgo?: number; decision?: DecisionSeed } = {},
) {
  const admin = await decider(db);
  const occurredAt = daysAgo(options.occurredDaysAgo ?? 10);
  const created = await createCase(
    {
      actor: admin,
      input: {
        subject: { memberId: subjectId },
        reporter: options.reporterMemberId ? { kind: "member", member: { memberId: options.reporterMemberId } } : { kind: "anonymous" },
        involved: (options.involved ?? []).map((memberId) => ({ memberId })),
        space: "github",
        occurredAt,
        standards: ["harassment"],
        description: "Test case",
        evidence: [],
      },
    },
    { loggedAt: new Date(occurredAt.getTime() + HOUR) },
  );
  let decisionId: string | null = null;
  const d = options.decision;
  if (d) {
    const decidedAt = daysAgo(d.daysAgo);
    const version = (await db.prisma.case.findUniqueOrThrow({ where: { id: created.id }, select: { version: true } })).version;
    const decision = await recordDecision(
      {
        actor: admin,
        input: {
          caseId: created.id,
          version,
          level: d.level ?? "none",
          rationale: "A rationale long enough for the guidelines.",
          justification: "The level this test needs.",
          noContact: d.noContactDays ? { days: d.noContactDays, startsAt: decidedAt, protectedMemberIds: d.protect ?? [] } : undefined,
        },
      },
      { decidedAt },
    );
    decisionId = decision.id;
    if (d.reversal) await reverseDecision({ actor: admin, input: { decisionId, reason: d.reversal } });
  }
  return { id: created.id, number: created.number, decisionId };
}

async function counts(db: TestDatabase) {
  const [members, identities, events, cases] = await Promise.all([
    db.prisma.member.count(),
    db.prisma.memberIdentity.count(),
    db.prisma.auditEvent.count(),
    db.prisma.case.count(),
  ]);
  return { members, identities, events, cases };
}

async function error(promise: Promise<unknown>): Promise<AppError> {
  const caught = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(AppError);
  return caught as AppError;
}

describeEachBackend("creating members", ({ db }) => {
  it("a moderator adds a member with identities; handles are stored normalized and member.created is audited", async () => {
    const moderator = await newActor("moderator");
    const gh = unique("Gh");
    const member = await createMember({
      actor: moderator,
      input: {
        displayName: "  Alice Example ",
        identities: [
          { space: "github", handle: `@${gh}` },
          { space: "slack", handle: "U0ALICE" + unique() },
        ],
      },
    });
    expect(member.displayName).toBe("Alice Example");
    const stored = await db().prisma.memberIdentity.findMany({ where: { memberId: member.id }, orderBy: { space: "asc" } });
    expect(stored.find((i) => i.space === "github")).toMatchObject({ handle: `@${gh}`, handleNormalized: gh.toLowerCase() });
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "member.created", entityId: member.id } });
    expect(event).toMatchObject({ entityType: "member", actorUserId: moderator.id, actorLabel: moderator.name, before: null });
    expect(event.after).toEqual({
      displayName: "Alice Example",
      identities: [
        { space: "github", handle: `@${gh}` },
        { space: "slack", handle: expect.stringMatching(/^U0ALICE/) },
      ],
    });
  });

  it("bad input gets a message per field and changes nothing", async () => {
    const moderator = await newActor("moderator");
    const before = await counts(db());
    const e = await error(
      createMember({
        actor: moderator,
        input: {
          displayName: " ",
          identities: [
            { space: "twitter", handle: "x" },
            { space: "github", handle: "@" },
          ],
        },
      }),
    );
    expect(e.code).toBe("invalid");
    expect(e.fields).toEqual({
      displayName: "Enter a name",
      "identities.0.space": "Choose a space",
      "identities.1.handle": "Enter a handle",
    });
    const none = await error(createMember({ actor: moderator, input: { displayName: "No identities", identities: [] } }));
    expect(none.fields).toEqual({ identities: "Add at least one identity" });
    const many = Array.from({ length: 21 }, (_, i) => ({ space: "github", handle: `${unique()}-${i}` }));
    expect((await error(createMember({ actor: moderator, input: { displayName: "Many", identities: many } }))).fields).toEqual({
      identities: "Use at most 20 identities",
    });
    expect(await counts(db())).toEqual(before);
  });

  it("the same handle twice in one submission is refused, whatever its case or leading @", async () => {
    const moderator = await newActor("moderator");
    const handle = unique("dup");
    const before = await counts(db());
    const e = await error(
      createMember({
        actor: moderator,
        input: {
          displayName: "Twice",
          identities: [
            { space: "github", handle },
            { space: "slack", handle },
            { space: "github", handle: `@${handle.toUpperCase()}` },
          ],
        },
      }),
    );
    expect(e.fields).toEqual({ "identities.2.handle": "This GitHub handle is already listed above" });
    expect(await counts(db())).toEqual(before);
  });

  it("a handle another member holds is a conflict naming the holder (case-insensitive, with @) and changes nothing", async () => {
    const moderator = await newActor("moderator");
    const handle = unique("alice");
    const holder = await newMember(`Alice ${unique()}`, [["github", handle]]);
    const before = await counts(db());
    const e = await error(
      createMember({
        actor: moderator,
        input: {
          displayName: "Alice Again",
          identities: [
            { space: "slack", handle: unique("free") },
            { space: "github", handle: `@${handle.toUpperCase()}` },
          ],
        },
      }),
    );
    const message = `The GitHub handle ${handle.toLowerCase()} already belongs to ${holder.displayName}`;
    expect(e).toMatchObject({ code: "conflict", message, fields: { "identities.1.handle": message } });
    expect(await counts(db())).toEqual(before);
    // The same handle in another space is someone else's business.
    await expect(newMember("Slack Alice", [["slack", handle]])).resolves.toMatchObject({ displayName: "Slack Alice" });
  });

  it("two members created at once with the same handle: one wins, the other is told who holds it", async () => {
    const [a, b] = [await newActor("moderator"), await newActor("moderator")];
    const handle = unique("race");
    const results = await Promise.allSettled([
      createMember({ actor: a, input: { displayName: "Racer A", identities: [{ space: "github", handle }] } }),
      createMember({ actor: b, input: { displayName: "Racer B", identities: [{ space: "github", handle: `@${handle.toUpperCase()}` }] } }),
    ]);
    const won = results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ displayName: string }>;
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      code: "conflict",
      message: `The GitHub handle ${handle.toLowerCase()} already belongs to ${won.value.displayName}`,
    });
    expect(await db().prisma.memberIdentity.count({ where: { handleNormalized: handle.toLowerCase() } })).toBe(1);
  });

  it("viewers cannot add members", async () => {
    const viewer = await newActor("viewer");
    const before = await counts(db());
    const e = await error(
      createMember({ actor: viewer, input: { displayName: "Nope", identities: [{ space: "github", handle: unique() }] } }),
    );
    expect(e.code).toBe("forbidden");
    expect(await counts(db())).toEqual(before);
  });
});

describeEachBackend("editing members", ({ db }) => {
  it("a moderator renames a member and adds, removes and respells identities; a removed one is retired, never deleted", async () => {
    const moderator = await newActor("moderator");
    const [gh, slack, email] = [unique("gh"), unique("U"), `${unique()}@example.org`];
    const member = await newMember("Robin Old", [
      ["github", gh],
      ["slack", slack],
    ]);
    const rowsBefore = await db().prisma.memberIdentity.count();
    const updated = await updateMember({
      actor: moderator,
      input: {
        memberId: member.id,
        version: 1,
        displayName: "Robin New",
        identities: [
          { space: "github", handle: `@${gh.toUpperCase()}` },
          { space: "email", handle: email },
        ],
      },
    });
    expect(updated).toEqual({ id: member.id, displayName: "Robin New", version: 2 });
    const record = await getMember({ actor: moderator, memberId: member.id });
    expect(record).toMatchObject({ displayName: "Robin New", version: 2 });
    expect(record.identities).toEqual([
      { space: "github", handle: `@${gh.toUpperCase()}` },
      { space: "email", handle: email },
    ]);
    expect(record.retiredIdentities).toEqual([{ space: "slack", handle: slack, retiredAt: expect.any(Date) }]);
    // The row is kept, marked retired by whom: one row more (the email), none fewer.
    expect(await db().prisma.memberIdentity.count()).toBe(rowsBefore + 1);
    expect(
      await db().prisma.memberIdentity.findFirstOrThrow({ where: { space: "slack", handleNormalized: slack.toLowerCase() } }),
    ).toMatchObject({ memberId: member.id, retiredById: moderator.id, retiredAt: expect.any(Date), skeleton: expect.any(String) });

    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "member.updated", entityId: member.id } });
    expect(event.actorUserId).toBe(moderator.id);
    expect(event.before).toEqual({
      displayName: "Robin Old",
      identities: [
        { space: "github", handle: gh },
        { space: "slack", handle: slack },
      ],
    });
    expect(event.after).toEqual({
      displayName: "Robin New",
      identities: [
        { space: "github", handle: `@${gh.toUpperCase()}` },
        { space: "email", handle: email },
      ],
    });
    expect(event.metadata).toEqual({ version: 2, retired: [{ space: "slack", handle: slack }] });

    // The retired handle still leads to Robin, and is never given to anyone else.
    expect(await lookupMember({ actor: moderator, space: "slack", handle: slack })).toBe(member.id);
    const taken = await error(newMember("Taker", [["slack", slack]]));
    expect(taken).toMatchObject({
      code: "conflict",
      fields: {
        "identities.0.handle": expect.stringMatching(
          new RegExp(`^The Slack handle ${slack.toLowerCase()} belonged to Robin New until \\d{1,2} \\w{3} \\d{4}$`),
        ),
      },
    });
    // The database itself refuses to delete an identity.
    await expect(db().prisma.memberIdentity.deleteMany({ where: { memberId: member.id } })).rejects.toThrow();
    expect(await db().prisma.memberIdentity.count({ where: { memberId: member.id } })).toBe(3);
  });

  it("typing a retired handle again brings it back, audited; the history shows retired ones apart", async () => {
    const moderator = await newActor("moderator");
    const [gh, slack] = [unique("gh"), unique("U")];
    const member = await newMember("Sky Returning", [
      ["github", gh],
      ["slack", slack],
    ]);
    const save = (version: number, identities: [TSpace, string][]) =>
      updateMember({
        actor: moderator,
        input: {
          memberId: member.id,
          version,
          displayName: "Sky Returning",
          identities: identities.map(([space, handle]) => ({ space, handle })),
        },
      });
    await save(1, [["github", gh]]);
    const history = await getMemberHistory({ actor: moderator, memberId: member.id });
    expect(history).toMatchObject({
      kind: "full",
      identities: [{ space: "github", handle: gh }],
      retiredIdentities: [{ space: "slack", handle: slack, retiredAt: expect.any(Date) }],
    });
    if (history.kind !== "full") throw new Error("expected a full history");
    expect(history.audit.at(-1)!.sentence).toBe(`${moderator.name} edited Sky Returning: retired Slack: ${slack}`);
    // A search by the old handle still finds Sky, and the row says it was theirs.
    expect((await listMembers({ actor: moderator, input: { q: `@${slack.toUpperCase()}` } })).rows).toEqual([
      expect.objectContaining({ id: member.id, retiredIdentities: [{ space: "slack", handle: slack, retiredAt: expect.any(Date) }] }),
    ]);

    await save(2, [
      ["github", gh],
      ["slack", `@${slack.toUpperCase()}`],
    ]);
    const record = await getMember({ actor: moderator, memberId: member.id });
    expect(record.identities).toEqual([
      { space: "github", handle: gh },
      { space: "slack", handle: `@${slack.toUpperCase()}` },
    ]);
    expect(record.retiredIdentities).toEqual([]);
    const restored = await db().prisma.memberIdentity.findFirstOrThrow({
      where: { space: "slack", handleNormalized: slack.toLowerCase() },
    });
    expect(restored).toMatchObject({ retiredAt: null, retiredById: null });
    const event = await db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "member.updated", entityId: member.id },
      orderBy: { seq: "desc" },
    });
    expect(event.metadata).toEqual({ version: 3, restored: [{ space: "slack", handle: `@${slack.toUpperCase()}` }] });
    const after = await getMemberHistory({ actor: moderator, memberId: member.id });
    expect(after.kind === "full" && after.audit.at(-1)!.sentence).toBe(
      `${moderator.name} edited Sky Returning: brought back Slack: @${slack.toUpperCase()}`,
    );
  });

  it("nobody edits their own record: a moderator who is a case's subject cannot retire their own handle, even through a colleague it still leads to them", async () => {
    const gh = unique("subj");
    const mine = await newMember(`Core Mod ${unique()}`, [
      ["github", gh],
      ["slack", unique("U")],
    ]);
    await newCase(db(), mine.id);
    const me = await newActor("moderator");
    await linkUserMember({ actor: system, input: { userId: me.id, member: { memberId: mine.id } } });
    const self: Actor = { ...me, memberId: mine.id };
    const before = await counts(db());
    const refused = await error(
      updateMember({
        actor: self,
        input: { memberId: mine.id, version: 1, displayName: mine.displayName, identities: [{ space: "slack", handle: unique("U") }] },
      }),
    );
    expect(refused).toMatchObject({ code: "forbidden", message: OWN_RECORD_EDIT_MESSAGE });
    expect(await counts(db())).toEqual(before);
    expect((await getMember({ actor: self, memberId: mine.id })).identities.map((i) => i.space)).toEqual(["github", "slack"]);
    expect(await memberEditRefusal({ actor: self, memberId: mine.id })).toBe(OWN_RECORD_EDIT_MESSAGE);

    // The record of someone named in a case about them (hidden from them) answers exactly like any
    // other record: a refusal would tell the subject that a case about them exists, and whom it names.
    const witness = await newMember();
    const bystander = await newMember();
    await newCase(db(), mine.id, { involved: [witness.id] });
    expect(await memberEditRefusal({ actor: self, memberId: witness.id })).toBe(
      await memberEditRefusal({ actor: self, memberId: bystander.id }),
    );
    expect(await memberEditRefusal({ actor: self, memberId: witness.id })).toBeNull();
    // The subject of a case naming them as involved (they are recused from it, and read it): refused.
    const accused = await newMember();
    await newCase(db(), accused.id, { involved: [mine.id] });
    expect(
      await error(
        updateMember({
          actor: self,
          input: { memberId: accused.id, version: 1, displayName: "Renamed", identities: [{ space: "github", handle: unique() }] },
        }),
      ),
    ).toMatchObject({ code: "forbidden", message: CONFLICTED_RECORD_EDIT_MESSAGE });

    // A colleague may retire the handle; it still leads to the same record, and a new case about it
    // lands there, hidden from the subject.
    const colleague = await newActor("moderator");
    expect(await memberEditRefusal({ actor: colleague, memberId: mine.id })).toBeNull();
    await updateMember({
      actor: colleague,
      input: { memberId: mine.id, version: 1, displayName: mine.displayName, identities: [{ space: "slack", handle: unique("U") }] },
    });
    expect((await getMember({ actor: colleague, memberId: mine.id })).retiredIdentities.map((i) => i.handle)).toContain(gh);
    const later = await createCase({
      actor: colleague,
      input: {
        subject: { space: "github", handle: `@${gh.toUpperCase()}` },
        reporter: { kind: "anonymous" },
        involved: [],
        space: "github",
        occurredAt: new Date(Date.now() - HOUR).toISOString(),
        standards: ["harassment"],
        description: "The same person, under the old handle.",
        evidence: [],
      },
    });
    expect((await db().prisma.case.findUniqueOrThrow({ where: { id: later.id } })).subjectId).toBe(mine.id);
    expect((await listCases({ actor: self, query: { q: later.number } })).rows).toEqual([]);
    expect((await listCases({ actor: colleague, query: { q: later.number } })).rows.map((r) => r.number)).toEqual([later.number]);
    expect(await db().prisma.member.count({ where: { identities: { some: { handleNormalized: gh.toLowerCase() } } } })).toBe(1);
  });

  it("a handle that only looks like another member's is refused beside its field unless confirmed as a different person", async () => {
    const moderator = await newActor("moderator");
    const tag = unique("noor")
      .toLowerCase()
      .replace(/[0o1lim]/g, "x");
    const noor = await newMember(`Noor Haddad ${unique()}`, [["github", `${tag}noorh`]]);
    const before = await counts(db());
    const lookalike = `${tag}nооrh`; // Cyrillic о
    const e = await error(
      createMember({
        actor: moderator,
        input: {
          displayName: "Someone",
          identities: [
            { space: "slack", handle: unique("U") },
            { space: "github", handle: lookalike },
          ],
        },
      }),
    );
    expect(e).toMatchObject({
      code: "conflict",
      fields: {
        "identities.1.handle": `Looks like @${tag}noorh (${noor.displayName}). If this is someone else, tick “This is a different person”`,
        "identities.1.lookAlike": noor.id,
      },
    });
    expect(await counts(db())).toEqual(before);
    // Another space is someone else's business; a confirmed row is taken.
    await expect(newMember("Slack Noor", [["slack", `${tag}nооrh`]])).resolves.toBeTruthy();
    const other = await createMember({
      actor: moderator,
      input: { displayName: "Really Someone Else", identities: [{ space: "github", handle: lookalike, distinct: true }] },
    });
    expect(await lookupMember({ actor: moderator, space: "github", handle: lookalike })).toBe(other.id);
    // Editing that record again does not ask about the handle it already holds; adding another look-alike does.
    await expect(
      updateMember({
        actor: moderator,
        input: { memberId: other.id, version: 1, displayName: "Renamed", identities: [{ space: "github", handle: lookalike }] },
      }),
    ).resolves.toMatchObject({ version: 2 });
    expect(
      await error(
        updateMember({
          actor: moderator,
          input: {
            memberId: other.id,
            version: 2,
            displayName: "Renamed",
            identities: [
              { space: "github", handle: lookalike },
              { space: "github", handle: `${tag}n00rh` },
            ],
          },
        }),
      ),
    ).toMatchObject({ fields: { "identities.1.lookAlike": expect.any(String) } });
  });
  it("bad input gets a message per field and changes nothing", async () => {
    const moderator = await newActor("moderator");
    const member = await newMember();
    const before = await counts(db());
    const e = await error(
      updateMember({ actor: moderator, input: { memberId: member.id, version: "x", displayName: "", identities: [{ space: "github" }] } }),
    );
    expect(e.code).toBe("invalid");
    expect(e.fields).toMatchObject({
      version: "This form is out of date: reload the page",
      displayName: "Enter a name",
      "identities.0.handle": expect.any(String),
    });
    expect(await counts(db())).toEqual(before);
    expect((await getMember({ actor: moderator, memberId: member.id })).version).toBe(1);
  });

  it("a stale version is refused: the second of two saves from the same version changes nothing", async () => {
    const [first, second] = [await newActor("moderator"), await newActor("admin")];
    const gh = unique("gh");
    const member = await newMember("Original", [["github", gh]]);
    await updateMember({
      actor: first,
      input: { memberId: member.id, version: 1, displayName: "First Save", identities: [{ space: "github", handle: gh }] },
    });
    const before = await counts(db());
    const e = await error(
      updateMember({
        actor: second,
        input: { memberId: member.id, version: 1, displayName: "Second Save", identities: [{ space: "slack", handle: unique() }] },
      }),
    );
    expect(e).toMatchObject({ code: "conflict", message: "This member was changed by someone else" });
    expect(await counts(db())).toEqual(before);
    expect(await getMember({ actor: first, memberId: member.id })).toMatchObject({
      displayName: "First Save",
      version: 2,
      identities: [{ space: "github", handle: gh }],
    });
  });

  it("concurrent saves from the same version: exactly one wins", async () => {
    const [a, b] = [await newActor("moderator"), await newActor("moderator")];
    const gh = unique("gh");
    const member = await newMember("Racing", [["github", gh]]);
    const save = (actor: Actor, displayName: string) =>
      updateMember({ actor, input: { memberId: member.id, version: 1, displayName, identities: [{ space: "github", handle: gh }] } });
    const results = await Promise.allSettled([save(a, "Racer A"), save(b, "Racer B")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "conflict", message: "This member was changed by someone else" });
    expect(await db().prisma.auditEvent.count({ where: { action: "member.updated", entityId: member.id } })).toBe(1);
  });

  it("taking a handle another member holds is a conflict naming the holder", async () => {
    const moderator = await newActor("moderator");
    const taken = unique("taken");
    const holder = await newMember(`Holder ${unique()}`, [["github", taken]]);
    const member = await newMember();
    const before = await counts(db());
    const e = await error(
      updateMember({
        actor: moderator,
        input: {
          memberId: member.id,
          version: 1,
          displayName: "Taker",
          identities: [{ space: "github", handle: `@${taken.toUpperCase()}` }],
        },
      }),
    );
    expect(e).toMatchObject({
      code: "conflict",
      fields: { "identities.0.handle": `The GitHub handle ${taken.toLowerCase()} already belongs to ${holder.displayName}` },
    });
    expect(await counts(db())).toEqual(before);
  });

  it("viewers cannot edit members", async () => {
    const viewer = await newActor("viewer");
    const member = await newMember("Unchanged");
    const before = await counts(db());
    const e = await error(
      updateMember({
        actor: viewer,
        input: { memberId: member.id, version: 1, displayName: "Changed", identities: [{ space: "github", handle: unique() }] },
      }),
    );
    expect(e.code).toBe("forbidden");
    expect(await counts(db())).toEqual(before);
    expect((await getMember({ actor: viewer, memberId: member.id })).displayName).toBe("Unchanged");
  });
});

describeEachBackend("merging members", ({ db }) => {
  it("merging moves identities, cases, involvements, protections and the team account; the source stays, marked merged", async () => {
    const admin = await newActor("admin");
    const [srcGh, srcSlack, tgtGh] = [unique("src"), unique("U"), unique("tgt")];
    const source = await newMember("Pat Duplicate", [
      ["github", srcGh],
      ["slack", srcSlack],
    ]);
    const target = await newMember("Pat Original", [["github", tgtGh]]);
    const other = await newMember();
    const linked = await newActor("moderator");
    await linkUserMember({ actor: { system: true, label: "test" }, input: { userId: linked.id, member: { memberId: source.id } } });

    const aboutSource = await newCase(db(), source.id, { decision: { level: "reminder", daysAgo: 30 } });
    const reportedBySource = await newCase(db(), other.id, { reporterMemberId: source.id });
    // Both involved in one case (a duplicate to drop) and the source alone in another.
    const bothInvolved = await newCase(db(), other.id, { involved: [source.id, target.id] });
    const sourceInvolved = await newCase(db(), other.id, { involved: [source.id] });
    const warning = await newCase(db(), other.id, {
      decision: { level: "warning", daysAgo: 5, noContactDays: 90, protect: [source.id, target.id] },
    });
    const warning2 = await newCase(db(), other.id, { decision: { level: "warning", daysAgo: 4, noContactDays: 30, protect: [source.id] } });

    const result = await mergeMembers({
      actor: admin,
      input: { sourceId: source.id, targetId: target.id, reason: "Same person: GitHub profile links the Slack account" },
    });
    expect(result.moved).toEqual({
      identities: 2,
      casesAsSubject: 1,
      casesAsReporter: 1,
      involvements: 1,
      involvementsAlreadyOnTarget: 1,
      protections: 1,
      protectionsAlreadyOnTarget: 1,
      userLink: true,
    });

    const prisma = db().prisma;
    const src = await prisma.member.findUniqueOrThrow({ where: { id: source.id } });
    expect(src).toMatchObject({ mergedIntoId: target.id, version: 2, displayName: "Pat Duplicate" });
    expect(src.mergedAt).toBeInstanceOf(Date);
    expect((await prisma.member.findUniqueOrThrow({ where: { id: target.id } })).version).toBe(2);
    expect((await prisma.memberIdentity.findMany({ where: { memberId: target.id } })).map((i) => i.handleNormalized).sort()).toEqual(
      [srcGh, srcSlack, tgtGh].map((h) => h.toLowerCase()).sort(),
    );
    expect(await prisma.memberIdentity.count({ where: { memberId: source.id } })).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: aboutSource.id } })).subjectId).toBe(target.id);
    // The case it reported is encrypted again, naming the target, with the target's blind index.
    expect(await storedReporter(db(), reportedBySource.id)).toEqual({ memberId: target.id });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: reportedBySource.id } })).reporterBlindIndex).toBe(
      reporterBlindIndex(db().dataKeys!, target.id),
    );
    // Nothing is deleted: the duplicate's row stays on the merged record, which readers skip.
    expect(
      (await prisma.caseInvolvement.findMany({ where: { caseId: bothInvolved.id }, select: { memberId: true } }))
        .map((i) => i.memberId)
        .sort(),
    ).toEqual([source.id, target.id].sort());
    expect(await prisma.caseInvolvement.findMany({ where: { caseId: sourceInvolved.id }, select: { memberId: true } })).toEqual([
      { memberId: target.id },
    ]);
    expect(
      (await prisma.noContactProtection.findMany({ where: { decisionId: warning.decisionId! }, select: { memberId: true } }))
        .map((p) => p.memberId)
        .sort(),
    ).toEqual([source.id, target.id].sort());
    expect(await prisma.noContactProtection.findMany({ where: { decisionId: warning2.decisionId! }, select: { memberId: true } })).toEqual([
      { memberId: target.id },
    ]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: linked.id } })).memberId).toBe(target.id);
    expect(await prisma.caseInvolvement.count({ where: { memberId: source.id } })).toBe(1);
    expect(await prisma.noContactProtection.count({ where: { memberId: source.id } })).toBe(1);

    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "member.merged", entityId: target.id } });
    expect(event.actorUserId).toBe(admin.id);
    expect(event.metadata).toEqual({
      sourceId: source.id,
      targetId: target.id,
      reason: "Same person: GitHub profile links the Slack account",
    });
    expect(event.before).toMatchObject({ source: { id: source.id, displayName: "Pat Duplicate", mergedIntoId: null } });
    expect(event.after).toMatchObject({ source: { mergedIntoId: target.id }, moved: result.moved });

    // Old links and handles lead to the record that remains.
    expect(await lookupMember({ actor: admin, space: "slack", handle: srcSlack.toUpperCase() })).toBe(target.id);
    expect(await getMemberHistory({ actor: admin, memberId: source.id })).toEqual({ kind: "merged", id: source.id, targetId: target.id });
    const history = await getMemberHistory({ actor: admin, memberId: target.id });
    expect(history.kind === "full" && history.cases.map((c) => c.number)).toEqual([aboutSource.number]);
    expect(history.kind === "full" && history.audit.map((e) => e.action)).toEqual(["member.created", "member.created", "member.merged"]);
    const listed = await listMembers({ actor: admin, input: { q: "Pat D" } });
    expect(listed.rows.map((r) => r.id)).not.toContain(source.id);
  });

  it("a retired handle of a merged record leads to the record it was merged into, and stays retired there", async () => {
    const moderator = await newActor("moderator");
    const [old, current] = [unique("old"), unique("cur")];
    const source = await newMember("Drew Duplicate", [
      ["github", old],
      ["slack", current],
    ]);
    await updateMember({
      actor: moderator,
      input: { memberId: source.id, version: 1, displayName: "Drew Duplicate", identities: [{ space: "slack", handle: current }] },
    });
    const target = await newMember("Drew Original");
    await mergeMembers({ actor: moderator, input: { sourceId: source.id, targetId: target.id, reason: "Same person" } });
    expect(await lookupMember({ actor: moderator, space: "github", handle: old.toUpperCase() })).toBe(target.id);
    const record = await getMember({ actor: moderator, memberId: target.id });
    expect(record.retiredIdentities.map((i) => i.handle)).toEqual([old]);
    expect(record.identities.map((i) => i.handle)).toContain(current);
    const refs = await db().prisma.$transaction((tx) =>
      resolveMemberRef(tx, { space: "github", handle: `@${old}` }, { type: "system", label: "test" }),
    );
    expect(refs).toEqual({ id: target.id, displayName: "Drew Original", created: false });
  });

  it("a merge into itself, from or into a merged record, or of two team accounts is refused and changes nothing", async () => {
    const moderator = await newActor("moderator");
    const [a, b, c] = [await newMember(), await newMember(), await newMember()];
    await mergeMembers({ actor: moderator, input: { sourceId: a.id, targetId: b.id, reason: "duplicate" } });
    const before = await counts(db());
    const self = await error(mergeMembers({ actor: moderator, input: { sourceId: b.id, targetId: b.id, reason: "x" } }));
    expect(self).toMatchObject({ code: "invalid", fields: { sourceId: "A member cannot be merged into itself" } });
    expect(await error(mergeMembers({ actor: moderator, input: { sourceId: a.id, targetId: c.id, reason: "x" } }))).toMatchObject({
      code: "rule",
      message: `${a.displayName} was already merged into another record`,
    });
    expect(await error(mergeMembers({ actor: moderator, input: { sourceId: c.id, targetId: a.id, reason: "x" } }))).toMatchObject({
      code: "rule",
    });
    expect(await error(mergeMembers({ actor: moderator, input: { sourceId: c.id, targetId: b.id, reason: " " } }))).toMatchObject({
      code: "invalid",
      fields: { reason: "Say why these records are the same person" },
    });
    expect(await counts(db())).toEqual(before);
    const [u1, u2] = [await newActor("moderator"), await newActor("viewer")];
    const [d, e] = [await newMember(), await newMember()];
    await linkUserMember({ actor: { system: true, label: "test" }, input: { userId: u1.id, member: { memberId: d.id } } });
    await linkUserMember({ actor: { system: true, label: "test" }, input: { userId: u2.id, member: { memberId: e.id } } });
    const afterLinks = await counts(db());
    expect(await error(mergeMembers({ actor: moderator, input: { sourceId: d.id, targetId: e.id, reason: "x" } }))).toMatchObject({
      code: "rule",
      message: expect.stringContaining("Both records are linked to a team account"),
    });
    expect(await counts(db())).toEqual(afterLinks);
    expect((await db().prisma.member.findUniqueOrThrow({ where: { id: c.id } })).mergedIntoId).toBeNull();
  });

  it("two opposite merges of the same pair at once: one wins, the other is refused, no cycle", async () => {
    const [a, b] = [await newMember(), await newMember()];
    const results = await Promise.allSettled([
      mergeMembers({ actor: system, input: { sourceId: a.id, targetId: b.id, reason: "dup" } }),
      mergeMembers({ actor: system, input: { sourceId: b.id, targetId: a.id, reason: "dup" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "rule" });
    const rows = await db().prisma.member.findMany({ where: { id: { in: [a.id, b.id] } }, select: { mergedIntoId: true } });
    expect(rows.filter((r) => r.mergedIntoId !== null)).toHaveLength(1);
  });

  it("viewers cannot merge, and nobody merges their own member record", async () => {
    const [a, b] = [await newMember(), await newMember()];
    const viewer = await newActor("viewer");
    const self = await newActor("moderator", a.id);
    const before = await counts(db());
    expect(await error(mergeMembers({ actor: viewer, input: { sourceId: a.id, targetId: b.id, reason: "x" } }))).toMatchObject({
      code: "forbidden",
    });
    expect(await error(mergeMembers({ actor: self, input: { sourceId: b.id, targetId: a.id, reason: "x" } }))).toMatchObject({
      code: "forbidden",
      message: "You cannot change your own member record: ask another moderator",
    });
    expect(await counts(db())).toEqual(before);
  });
});

describeEachBackend("member history and lookup", ({ db }) => {
  it("the history shows identities, standing, every case about the member with decisions and reversals in time order, breaches and active no-contact terms", async () => {
    const viewer = await newActor("viewer");
    const gh = unique("morgan");
    const morgan = await newMember(`Morgan ${unique()}`, [
      ["github", gh],
      ["slack", unique("U")],
    ]);
    const casey = await newMember("Casey Protected");
    const dana = await newMember("Dana Protected");
    const reversed = await newCase(db(), morgan.id, {
      occurredDaysAgo: 200,
      decision: { level: "reminder", daysAgo: 190, reversal: "On appeal: not a violation" },
    });
    const reminder = await newCase(db(), morgan.id, { occurredDaysAgo: 160, decision: { level: "reminder", daysAgo: 157 } });
    const warning = await newCase(db(), morgan.id, {
      occurredDaysAgo: 22,
      involved: [casey.id],
      decision: { level: "warning", daysAgo: 20, noContactDays: 90, protect: [casey.id, dana.id] },
    });
    // Involving Casey inside the Warning's period: the app flags the breach itself.
    const breach = await newCase(db(), morgan.id, { occurredDaysAgo: 2, involved: [casey.id] });

    const history = await getMemberHistory({ actor: viewer, memberId: morgan.id });
    if (history.kind !== "full") throw new Error(`expected a full history, got ${history.kind}`);
    expect(history.displayName).toBe(morgan.displayName);
    expect(history.identities.map((i) => i.space)).toEqual(["github", "slack"]);
    expect(history.standing.status).toBe("warned");
    const endsAt = new Date(daysAgo(20).getTime() + 90 * DAY);
    expect(Math.abs(history.standing.noContactUntil!.getTime() - endsAt.getTime())).toBeLessThan(60_000);
    expect(history.cases.map((c) => c.number)).toEqual([reversed.number, reminder.number, warning.number, breach.number]);
    expect(history.cases[0]!.decisions[0]).toMatchObject({ level: "reminder", reversal: { reason: "On appeal: not a violation" } });
    expect(history.cases[2]!.decisions[0]).toMatchObject({ level: "warning", noContact: { endsAt: expect.any(Date) } });
    expect(history.cases[3]).toMatchObject({ breachOf: { caseNumber: warning.number }, decisions: [] });
    expect(history.cases.filter((c) => c.breachOf).map((c) => c.number)).toEqual([breach.number]);
    expect(history.noContact).toEqual([
      {
        decisionId: warning.decisionId,
        caseNumber: warning.number,
        startsAt: expect.any(Date),
        endsAt: expect.any(Date),
        daysLeft: 70,
        protectedPeople: [
          { id: casey.id, displayName: "Casey Protected" },
          { id: dana.id, displayName: "Dana Protected" },
        ],
      },
    ]);
    expect(history.audit).toEqual([
      expect.objectContaining({ action: "member.created", actorLabel: "test", sentence: expect.stringContaining(`GitHub: ${gh}`) }),
    ]);

    // The API's read leaves the record's audit trail out, and nothing else.
    expect(await getMemberHistory({ actor: viewer, memberId: morgan.id, withAuditTrail: false })).toEqual({ ...history, audit: [] });
  });

  it("the history never lists cases the member reported or was only involved in", async () => {
    const moderator = await newActor("moderator");
    const reporter = await newMember("Careful Reporter");
    const other = await newMember();
    const reported = await newCase(db(), other.id, { reporterMemberId: reporter.id, involved: [reporter.id] });
    const history = await getMemberHistory({ actor: moderator, memberId: reporter.id });
    if (history.kind !== "full") throw new Error("expected a full history");
    expect(history.cases).toEqual([]);
    expect(history.standing).toEqual({ status: "good" });
    expect(JSON.stringify(history)).not.toContain(reported.number);
    const row = (await listMembers({ actor: moderator, input: { q: "Careful Reporter" } })).rows.find((r) => r.id === reporter.id);
    expect(row).toMatchObject({ caseCount: 0, standing: { status: "good" } });
  });

  it("a moderator linked to a member never sees cases about themselves: their own page shows identities only", async () => {
    const name = `Core Mod ${unique()}`;
    const mine = await newMember(name);
    const aboutMe = await newCase(db(), mine.id, {
      decision: { level: "warning", daysAgo: 3, noContactDays: 30, protect: [(await newMember("Protected")).id] },
    });
    const me = await newActor("moderator", mine.id);
    const colleague = await newActor("moderator");

    const own = await getMemberHistory({ actor: me, memberId: mine.id });
    expect(own).toEqual({
      kind: "own",
      id: mine.id,
      displayName: name,
      identities: expect.any(Array),
      retiredIdentities: [],
      note: OWN_RECORD_NOTE,
    });
    expect(OWN_RECORD_NOTE).toBe("Cases about you are not shown to you");
    expect(JSON.stringify(own)).not.toContain(aboutMe.number);
    const myRow = (await listMembers({ actor: me, input: { q: name } })).rows;
    expect(myRow).toEqual([expect.objectContaining({ id: mine.id, standing: null, caseCount: null })]);

    const theirs = await getMemberHistory({ actor: colleague, memberId: mine.id });
    expect(theirs.kind === "full" && theirs.cases.map((c) => c.number)).toEqual([aboutMe.number]);
    expect((await listMembers({ actor: colleague, input: { q: name } })).rows).toEqual([
      expect.objectContaining({ id: mine.id, standing: expect.objectContaining({ status: "warned" }), caseCount: 1 }),
    ]);
  });

  it("lookup finds a member by any handle, any case, with or without @; unknown handles and ids are not found", async () => {
    const viewer = await newActor("viewer");
    const handle = unique("Look");
    const member = await newMember(undefined, [["discord", handle]]);
    expect(await lookupMember({ actor: viewer, space: "discord", handle: `@${handle.toUpperCase()}` })).toBe(member.id);
    expect(await lookupMember({ actor: viewer, space: "github", handle })).toBeNull();
    expect(await error(lookupMember({ actor: viewer, space: "myspace", handle }))).toMatchObject({ code: "invalid" });
    expect(await error(getMemberHistory({ actor: viewer, memberId: "not-a-uuid" }))).toMatchObject({ code: "not_found" });
    expect(await error(getMemberHistory({ actor: viewer, memberId: crypto.randomUUID() }))).toMatchObject({ code: "not_found" });
  });
});

describeEachBackend("listing members", ({ db }) => {
  it("search matches names (any case) and handles (prefix, any case, @ ignored), leaves merged records out, and pages by 25", async () => {
    const viewer = await newActor("viewer");
    const tag = unique("zq").toLowerCase();
    const created: { id: string }[] = [];
    for (let i = 0; i < 27; i++) created.push(await newMember(`${tag} Person ${String(i).padStart(2, "0")}`, [["github", `${tag}-h${i}`]]));
    const page1 = await listMembers({ actor: viewer, input: { q: tag.toUpperCase() } });
    expect(page1).toMatchObject({ total: 27, page: 1, pageCount: 2, pageSize: 25 });
    expect(page1.rows).toHaveLength(25);
    expect(page1.rows[0]).toMatchObject({
      displayName: `${tag} Person 00`,
      identities: [{ space: "github", handle: `${tag}-h0` }],
      standing: { status: "good" },
      caseCount: 0,
    });
    const page2 = await listMembers({ actor: viewer, input: { q: tag, page: "2" } });
    expect(page2.rows.map((r) => r.displayName)).toEqual([`${tag} Person 25`, `${tag} Person 26`]);
    expect((await listMembers({ actor: viewer, input: { q: tag, page: "99" } })).page).toBe(2);

    // By handle: a prefix, any case, with "@".
    const byHandle = await listMembers({ actor: viewer, input: { q: `@${tag.toUpperCase()}-H2` } });
    expect(byHandle.rows.map((r) => r.displayName).sort()).toEqual(
      [2, 20, 21, 22, 23, 24, 25, 26].map((i) => `${tag} Person ${String(i).padStart(2, "0")}`),
    );
    const solo = await newMember("Nameless", [["slack", `${tag}solo`]]);
    expect((await listMembers({ actor: viewer, input: { q: `${tag}SOLO` } })).rows.map((r) => r.id)).toEqual([solo.id]);

    await mergeMembers({ actor: system, input: { sourceId: created[0]!.id, targetId: created[1]!.id, reason: "duplicate" } });
    const afterMerge = await listMembers({ actor: viewer, input: { q: tag } });
    expect(afterMerge.total).toBe(27); // 27 people + solo by handle - 1 merged
    expect(afterMerge.rows.map((r) => r.id)).not.toContain(created[0]!.id);
    const merged = afterMerge.rows.find((r) => r.id === created[1]!.id)!;
    expect(merged.identities.map((i) => i.handle).sort()).toEqual([`${tag}-h0`, `${tag}-h1`]);
  });

  it("each row shows the member's standing and number of cases, in one query for the whole page", async () => {
    const viewer = await newActor("viewer");
    const tag = unique("std");
    const banned = await newMember(`${tag} Banned`);
    const reminded = await newMember(`${tag} Reminded`);
    await newCase(db(), banned.id, { decision: { level: "reminder", daysAgo: 50 } });
    await newCase(db(), banned.id, { decision: { level: "permanent_ban", daysAgo: 5 } });
    await newCase(db(), reminded.id, { decision: { level: "reminder", daysAgo: 5 } });
    await newCase(db(), reminded.id, {
      decision: {
        level: "warning",
        daysAgo: 4,
        noContactDays: 30,
        protect: [(await newMember("Protected")).id],
        reversal: "On appeal: no violation",
      },
    });
    const rows = (await listMembers({ actor: viewer, input: { q: tag } })).rows;
    expect(rows.map((r) => [r.displayName, r.standing?.status, r.caseCount])).toEqual([
      [`${tag} Banned`, "banned", 2],
      [`${tag} Reminded`, "reminded", 2],
    ]);
    expect(await error(listMembers({ actor: { ...viewer, role: "nobody" as never }, input: {} }))).toMatchObject({ code: "forbidden" });
  });
});
