import { expect, it } from "vitest";
import { addCaseTeamMember } from "@/lib/server/cases/add-case-team-member.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { getCaseTeam } from "@/lib/server/cases/get-case-team.ts";
import { getRestrictedCaseStub } from "@/lib/server/cases/get-restricted-case-stub.ts";
import { joinRestrictedCase } from "@/lib/server/cases/join-restricted-case.ts";
import { listRestrictedCaseStubs } from "@/lib/server/cases/list-restricted-case-stubs.ts";
import { removeCaseTeamMember } from "@/lib/server/cases/remove-case-team-member.ts";
import { restrictCase } from "@/lib/server/cases/restrict-case.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";
import { TEAM_CANDIDATE_MESSAGE } from "@/lib/server/cases/case-team-guard.ts";
import { newActor } from "./cases-helpers.ts";
import { caseVersion, logCase, member, system, teamSnapshot } from "./case-team-helpers.ts";
import { describeEachBackend } from "./harness.ts";

describeEachBackend("restricting a case to its case team", ({ db }) => {
  it("a moderator restricts a case to themselves and the people they name; it is versioned and audited with the team", async () => {
    const mod = await newActor(db(), "moderator");
    const colleague = await newActor(db(), "moderator");
    const viewer = await newActor(db(), "viewer");
    const subject = await member("Subject");
    const c = await logCase(mod, subject.id);
    const before = await caseVersion(db(), c.id);

    const result = await restrictCase({
      actor: mod,
      input: { caseId: c.id, version: before, restricted: true, team: [colleague.id, viewer.id, mod.id] },
    });
    expect(result).toMatchObject({ restricted: true, changed: true, version: before + 1 });
    const row = await db().prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { restricted: true, version: true } });
    expect(row).toEqual({ restricted: true, version: before + 1 });
    const team = await db().prisma.caseTeamMember.findMany({ where: { caseId: c.id } });
    expect(team.map((t) => t.userId).sort()).toEqual([mod.id, colleague.id, viewer.id].sort());
    expect(team.every((t) => t.addedById === mod.id && t.removedAt === null && t.joinReason === null)).toBe(true);

    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "case.restricted" } });
    expect(event.actorUserId).toBe(mod.id);
    expect(event.before).toEqual({ restricted: false });
    expect(event.after).toMatchObject({ restricted: true });
    expect((event.after as { team: { id: string }[] }).team.map((u) => u.id).sort()).toEqual([mod.id, colleague.id, viewer.id].sort());

    // Everyone on the team reads it; the viewer on it too.
    expect((await getCase({ actor: viewer, number: c.number })).access).toBe("full");
    expect((await getCase({ actor: colleague, number: c.number })).number).toBe(c.number);
  });

  it("lifting the restriction ends every membership but keeps the rows; restricting again starts a new team", async () => {
    const mod = await newActor(db(), "moderator");
    const colleague = await newActor(db(), "moderator");
    const outsider = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } });
    await expect(getCase({ actor: outsider, number: c.number })).rejects.toMatchObject({ code: "not_found" });

    const lifted = await restrictCase({ actor: mod, input: { caseId: c.id, version: await caseVersion(db(), c.id), restricted: false } });
    expect(lifted).toMatchObject({ restricted: false, changed: true });
    expect((await getCase({ actor: outsider, number: c.number })).number).toBe(c.number);
    const rows = await db().prisma.caseTeamMember.findMany({ where: { caseId: c.id } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.removedAt !== null)).toBe(true);
    const liftEvent = await db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "case.unrestricted" } });
    expect(liftEvent.after).toEqual({ restricted: false });
    expect((liftEvent.before as { team: { id: string }[] }).team.map((u) => u.id).sort()).toEqual([mod.id, colleague.id].sort());

    // Restricted again by the colleague alone: the earlier member is not silently back on it.
    await restrictCase({ actor: colleague, input: { caseId: c.id, version: await caseVersion(db(), c.id), restricted: true } });
    await expect(getCase({ actor: mod, number: c.number })).rejects.toMatchObject({ code: "not_found" });
    const again = await db().prisma.caseTeamMember.findMany({ where: { caseId: c.id }, orderBy: { addedAt: "asc" } });
    expect(again).toHaveLength(2);
    expect(again.find((r) => r.userId === colleague.id)).toMatchObject({ removedAt: null, addedById: colleague.id });
    expect(again.find((r) => r.userId === mod.id)!.removedAt).not.toBeNull();
  });

  it("logging a case restricted puts the logger on its team and records it in case.created", async () => {
    const mod = await newActor(db(), "moderator");
    const other = await newActor(db(), "admin");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    const row = await db().prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { restricted: true, team: true } });
    expect(row.restricted).toBe(true);
    expect(row.team).toEqual([expect.objectContaining({ userId: mod.id, addedById: mod.id, removedAt: null, joinReason: null })]);
    const created = await db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "case.created" } });
    expect(created.after).toMatchObject({ restricted: true, team: [{ id: mod.id, name: mod.name }] });
    expect((await getCase({ actor: mod, number: c.number })).access).toBe("full");
    await expect(getCase({ actor: other, number: c.number })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a case about oneself cannot be restricted to a team of oneself, and the command line cannot log a restricted case", async () => {
    const self = await member("Moderator");
    const mod = await newActor(db(), "moderator", { memberId: self.id });
    const cases = await db().prisma.case.count();
    await expect(logCase(mod, self.id, { restricted: true })).rejects.toMatchObject({
      code: "rule",
      fields: { restricted: "A case about you cannot be restricted to a team of you" },
    });
    await expect(logCase(system as never, (await member()).id, { restricted: true })).rejects.toMatchObject({ code: "invalid" });
    expect(await db().prisma.case.count()).toBe(cases);
  });

  it("only someone with full access who may edit restricts: viewers, recused moderators and stale versions change nothing", async () => {
    const involved = await member("Involved");
    const recusedMod = await newActor(db(), "moderator", { memberId: involved.id });
    const mod = await newActor(db(), "moderator");
    const viewer = await newActor(db(), "viewer");
    const c = await logCase(mod, (await member()).id, { involved: [{ memberId: involved.id }] });
    const v = await caseVersion(db(), c.id);
    const before = await teamSnapshot(db(), c.id);
    await expect(restrictCase({ actor: viewer, input: { caseId: c.id, version: v, restricted: true } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(restrictCase({ actor: recusedMod, input: { caseId: c.id, version: v, restricted: true } })).rejects.toMatchObject({
      code: "forbidden",
      message: "You are recused from this case",
    });
    await expect(restrictCase({ actor: mod, input: { caseId: c.id, version: v - 1 || 99, restricted: true } })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(restrictCase({ actor: mod, input: { caseId: c.id, version: v, restricted: "maybe" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { restricted: "Choose whether the case is restricted" },
    });
    await expect(
      restrictCase({ actor: mod, input: { caseId: c.id, version: v, restricted: true, team: ["not-a-user", "\u0000"] } }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(
      restrictCase({
        actor: mod,
        input: { caseId: c.id, version: v, restricted: true, team: Array.from({ length: 51 }, () => crypto.randomUUID()) },
      }),
    ).rejects.toMatchObject({ code: "invalid", fields: { team: "Name at most 50 people" } });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);
  });

  it("the subject's own account, an inactive one or an unknown id are refused with one message, and nothing is written", async () => {
    const subject = await member("Subject");
    const subjectAccount = await newActor(db(), "moderator", { memberId: subject.id });
    const gone = await newActor(db(), "moderator");
    await updateUser({ actor: system, input: { userId: gone.id, active: false } });
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, subject.id);
    const v = await caseVersion(db(), c.id);
    const before = await teamSnapshot(db(), c.id);
    for (const id of [subjectAccount.id, gone.id, crypto.randomUUID()]) {
      await expect(restrictCase({ actor: mod, input: { caseId: c.id, version: v, restricted: true, team: [id] } })).rejects.toMatchObject({
        code: "invalid",
        message: TEAM_CANDIDATE_MESSAGE,
        fields: { team: TEAM_CANDIDATE_MESSAGE },
      });
    }
    expect(await teamSnapshot(db(), c.id)).toEqual(before);

    // The page never offers them either.
    const team = await getCaseTeam({ actor: mod, caseId: c.id });
    const offered = team.candidates.map((u) => u.id);
    expect(offered).not.toContain(subjectAccount.id);
    expect(offered).not.toContain(gone.id);
    expect(offered).not.toContain(mod.id);
  });

  it("a restricted case's assignee must be on its team", async () => {
    const mod = await newActor(db(), "moderator");
    const assignee = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id);
    await assignCase({ actor: mod, input: { caseId: c.id, version: await caseVersion(db(), c.id), assigneeId: assignee.id } });
    const before = await teamSnapshot(db(), c.id);
    await expect(
      restrictCase({ actor: mod, input: { caseId: c.id, version: await caseVersion(db(), c.id), restricted: true } }),
    ).rejects.toMatchObject({
      code: "rule",
      fields: { team: `${assignee.name} is assigned this case: put them on its team, or assign the case to someone on it first` },
    });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);
    await restrictCase({
      actor: mod,
      input: { caseId: c.id, version: await caseVersion(db(), c.id), restricted: true, team: [assignee.id] },
    });

    const outsider = await newActor(db(), "moderator");
    await expect(
      assignCase({ actor: mod, input: { caseId: c.id, version: await caseVersion(db(), c.id), assigneeId: outsider.id } }),
    ).rejects.toMatchObject({
      code: "rule",
      fields: { assigneeId: `${outsider.name} is not on this case's team: add them to it first` },
    });
    await expect(removeCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: assignee.id } })).rejects.toMatchObject({
      code: "rule",
      message: `${assignee.name} is assigned this case: assign it to someone else on the team first`,
    });
  });
});

describeEachBackend("adding to and removing from a case team", ({ db }) => {
  it("a team member adds an active account (a viewer too); it is audited, and the new member reads the case", async () => {
    const mod = await newActor(db(), "moderator");
    const viewer = await newActor(db(), "viewer");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    await expect(getCase({ actor: viewer, number: c.number })).rejects.toMatchObject({ code: "not_found" });
    const added = await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: viewer.id } });
    expect(added.user).toEqual({ id: viewer.id, name: viewer.name });
    expect((await getCase({ actor: viewer, number: c.number })).access).toBe("full");
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "case.team_member_added" } });
    expect(event.after).toEqual({ user: { id: viewer.id, name: viewer.name } });
    expect(event.actorUserId).toBe(mod.id);

    const team = await getCaseTeam({ actor: viewer, caseId: c.id });
    expect(team).toMatchObject({ restricted: true, mayManage: false, candidates: [] });
    expect(team.members.map((m) => [m.name, m.addedByName])).toEqual([
      [mod.name, mod.name],
      [viewer.name, mod.name],
    ]);
  });

  it("refused: adding to an unrestricted case, someone already on the team, the subject's account; by a viewer, a recused member or an outsider", async () => {
    const subject = await member("Subject");
    const involved = await member("Involved");
    const subjectAccount = await newActor(db(), "admin", { memberId: subject.id });
    const recused = await newActor(db(), "moderator", { memberId: involved.id });
    const viewer = await newActor(db(), "viewer");
    const outsider = await newActor(db(), "moderator");
    const mod = await newActor(db(), "moderator");
    const open = await logCase(mod, subject.id);
    await expect(addCaseTeamMember({ actor: mod, input: { caseId: open.id, userId: viewer.id } })).rejects.toMatchObject({
      code: "rule",
      message: "This case is not restricted: everyone on the team can see it. Restrict it to a case team first",
    });

    const c = await logCase(mod, subject.id, { restricted: true, involved: [{ memberId: involved.id }] });
    await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: viewer.id } });
    await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: recused.id } });
    const before = await teamSnapshot(db(), c.id);
    await expect(addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: viewer.id } })).rejects.toMatchObject({
      code: "rule",
      message: `${viewer.name} is already on this case's team`,
    });
    await expect(addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: subjectAccount.id } })).rejects.toMatchObject({
      code: "invalid",
      message: TEAM_CANDIDATE_MESSAGE,
    });
    await expect(addCaseTeamMember({ actor: viewer, input: { caseId: c.id, userId: outsider.id } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(addCaseTeamMember({ actor: recused, input: { caseId: c.id, userId: outsider.id } })).rejects.toMatchObject({
      code: "forbidden",
      message: "You are recused from this case",
    });
    await expect(addCaseTeamMember({ actor: outsider, input: { caseId: c.id, userId: outsider.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(addCaseTeamMember({ actor: subjectAccount, input: { caseId: c.id, userId: subjectAccount.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: "x".repeat(100_000) } })).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);
  });

  it("removing keeps the row (removedAt); the removed member loses the case; re-adding starts a new membership", async () => {
    const mod = await newActor(db(), "moderator");
    const colleague = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } });
    const first = await db().prisma.caseTeamMember.findUniqueOrThrow({ where: { caseId_userId: { caseId: c.id, userId: colleague.id } } });

    await removeCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } });
    const removed = await db().prisma.caseTeamMember.findUniqueOrThrow({
      where: { caseId_userId: { caseId: c.id, userId: colleague.id } },
    });
    expect(removed.removedAt).not.toBeNull();
    await expect(getCase({ actor: colleague, number: c.number })).rejects.toMatchObject({ code: "not_found" });
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "case.team_member_removed" } });
    expect(event.before).toEqual({ user: { id: colleague.id, name: colleague.name } });
    await expect(removeCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } })).rejects.toMatchObject({
      code: "rule",
      message: "This person is not on this case's team",
    });

    await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } });
    const back = await db().prisma.caseTeamMember.findUniqueOrThrow({ where: { caseId_userId: { caseId: c.id, userId: colleague.id } } });
    expect(back.removedAt).toBeNull();
    expect(back.addedAt.getTime()).toBeGreaterThanOrEqual(first.addedAt.getTime());
    const trail = await db().prisma.auditEvent.findMany({
      where: { entityId: c.id, action: { startsWith: "case.team_member" } },
      orderBy: { seq: "asc" },
    });
    expect(trail.map((e) => e.action)).toEqual(["case.team_member_added", "case.team_member_removed", "case.team_member_added"]);
    // Rows are never deleted: the database refuses it.
    await expect(db().prisma.caseTeamMember.deleteMany({ where: { caseId: c.id } })).rejects.toThrow();
  });

  it("the last member cannot be removed while the case is restricted; of two removing each other at once, one wins", async () => {
    const mod = await newActor(db(), "moderator");
    const colleague = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    const before = await teamSnapshot(db(), c.id);
    await expect(removeCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: mod.id } })).rejects.toMatchObject({
      code: "rule",
      message: "The last member of the case team cannot be removed: add someone else first, or lift the restriction",
    });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);

    await addCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } });
    const results = await Promise.allSettled([
      removeCaseTeamMember({ actor: mod, input: { caseId: c.id, userId: colleague.id } }),
      removeCaseTeamMember({ actor: colleague, input: { caseId: c.id, userId: mod.id } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().prisma.caseTeamMember.count({ where: { caseId: c.id, removedAt: null } })).toBe(1);
  });
});

describeEachBackend("an admin outside a restricted case's team", ({ db }) => {
  it("sees only its stub: number, status, restricted; nothing else", async () => {
    const admin = await newActor(db(), "admin");
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member("Hidden subject")).id, { restricted: true });
    await expect(getCase({ actor: admin, number: c.number })).rejects.toMatchObject({ code: "not_found" });
    expect(await getRestrictedCaseStub({ actor: admin, number: c.number })).toEqual({ number: c.number, status: "new", restricted: true });
    const listed = await listRestrictedCaseStubs({ actor: admin });
    expect(listed.rows).toContainEqual({ number: c.number, status: "new", restricted: true });
    expect(listed.rows.every((r) => Object.keys(r).sort().join() === "number,restricted,status")).toBe(true);

    // Nobody else gets a stub: not a moderator or viewer outside it, not the team, not an unrestricted case.
    for (const actor of [await newActor(db(), "moderator"), await newActor(db(), "viewer"), mod]) {
      await expect(getRestrictedCaseStub({ actor, number: c.number })).rejects.toMatchObject({ code: "not_found" });
      expect((await listRestrictedCaseStubs({ actor })).rows).toEqual([]);
    }
    const open = await logCase(mod, (await member()).id);
    await expect(getRestrictedCaseStub({ actor: admin, number: open.number })).rejects.toMatchObject({ code: "not_found" });
    await expect(getRestrictedCaseStub({ actor: admin, number: "2999-0001" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getRestrictedCaseStub({ actor: admin, number: "'; DROP TABLE" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("an admin who is the subject of a restricted case finds nothing of it, not even a stub, and cannot join", async () => {
    const self = await member("Admin member");
    const admin = await newActor(db(), "admin", { memberId: self.id });
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, self.id, { restricted: true });
    await expect(getRestrictedCaseStub({ actor: admin, number: c.number })).rejects.toMatchObject({ code: "not_found" });
    expect((await listRestrictedCaseStubs({ actor: admin })).rows.map((r) => r.number)).not.toContain(c.number);
    await expect(
      joinRestrictedCase({ actor: admin, input: { number: c.number, reason: "I want to see what this is about." } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("joins with a reason: kept on the membership, audited as case.team_joined, shown to the case team", async () => {
    const admin = await newActor(db(), "admin");
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    const joined = await joinRestrictedCase({
      actor: admin,
      input: { number: c.number, reason: "  Appeal review requested by the board.  " },
    });
    expect(joined).toEqual({ caseId: c.id, number: c.number });
    const row = await db().prisma.caseTeamMember.findUniqueOrThrow({ where: { caseId_userId: { caseId: c.id, userId: admin.id } } });
    expect(row).toMatchObject({ joinReason: "Appeal review requested by the board.", addedById: admin.id, removedAt: null });
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: "case.team_joined" } });
    expect(event.actorUserId).toBe(admin.id);
    expect(event.after).toEqual({ user: { id: admin.id, name: admin.name }, reason: "Appeal review requested by the board." });

    expect((await getCase({ actor: admin, number: c.number })).access).toBe("full");
    expect((await listRestrictedCaseStubs({ actor: admin })).rows.map((r) => r.number)).not.toContain(c.number);
    const team = await getCaseTeam({ actor: mod, caseId: c.id });
    expect(team.members.find((m) => m.userId === admin.id)).toMatchObject({
      name: admin.name,
      joinReason: "Appeal review requested by the board.",
    });
    await expect(
      joinRestrictedCase({ actor: admin, input: { number: c.number, reason: "Once more, with feeling." } }),
    ).rejects.toMatchObject({
      code: "rule",
      message: "You are already on this case's team",
    });
  });

  it("a join needs a real reason: too short, control characters, broken text or a huge one are refused and nothing is written", async () => {
    const admin = await newActor(db(), "admin");
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    const before = await teamSnapshot(db(), c.id);
    const refused: [unknown, string][] = [
      ["", "Say why you need to see this case (at least 10 characters)"],
      ["   short   ", "Say why you need to see this case (at least 10 characters)"],
      [undefined, "Say why you need to see this case"],
      [42, "Say why you need to see this case"],
      ["Because of\u0000 the appeal", "Remove the control characters from the reason"],
      ["Because of \uD800 the appeal", "The reason holds characters that are not valid text"],
      ["x".repeat(2001), "Use at most 2000 characters"],
    ];
    for (const [reason, message] of refused) {
      await expect(joinRestrictedCase({ actor: admin, input: { number: c.number, reason } })).rejects.toMatchObject({
        code: "invalid",
        fields: { reason: message },
      });
    }
    await expect(joinRestrictedCase({ actor: admin, input: { number: "nope", reason: "A good enough reason" } })).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);
    // An emoji (a surrogate pair) is text.
    await joinRestrictedCase({ actor: admin, input: { number: c.number, reason: "Board review 🛡️ requested" } });
  });

  it("nobody else joins: a moderator or viewer outside it is told it does not exist; an unrestricted case needs no joining", async () => {
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    const outsiders = [await newActor(db(), "moderator"), await newActor(db(), "viewer")];
    const admin = await newActor(db(), "admin");
    const before = await teamSnapshot(db(), c.id);
    for (const actor of outsiders) {
      await expect(joinRestrictedCase({ actor, input: { number: c.number, reason: "I would like to help out." } })).rejects.toMatchObject({
        code: "not_found",
        message: "This case does not exist",
      });
    }
    await expect(joinRestrictedCase({ actor: admin, input: { number: "2999-0007", reason: "Checking this one." } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);
    const open = await logCase(mod, (await member()).id);
    await expect(joinRestrictedCase({ actor: admin, input: { number: open.number, reason: "Checking this one." } })).rejects.toMatchObject({
      code: "rule",
      message: "This case is not restricted: you can already see it",
    });
  });

  it("an admin outside the team cannot edit, lift or add to it: every case edit answers not found", async () => {
    const admin = await newActor(db(), "admin");
    const mod = await newActor(db(), "moderator");
    const c = await logCase(mod, (await member()).id, { restricted: true });
    const v = await caseVersion(db(), c.id);
    const before = await teamSnapshot(db(), c.id);
    await expect(restrictCase({ actor: admin, input: { caseId: c.id, version: v, restricted: false } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(addCaseTeamMember({ actor: admin, input: { caseId: c.id, userId: admin.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(removeCaseTeamMember({ actor: admin, input: { caseId: c.id, userId: mod.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(assignCase({ actor: admin, input: { caseId: c.id, version: v, assigneeId: admin.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getCaseTeam({ actor: admin, caseId: c.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await teamSnapshot(db(), c.id)).toEqual(before);
  });
});
