import { expect, it } from "vitest";
import { asForm } from "./form-helpers.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { buildDecisionNotice } from "@/lib/server/exports/build-decision-notice.ts";
import { exportDecisionSummaries } from "@/lib/server/exports/export-decision-summaries.ts";
import { restrictCase } from "@/lib/server/cases/restrict-case.ts";
import { CONFLICTED_RECORD_EDIT_MESSAGE, OWN_RECORD_EDIT_MESSAGE } from "@/lib/server/members/assert-may-edit-member.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { daysAgo, decide, logCase, newActor, newMember, recordWarning } from "./cases-helpers.ts";
import { describeEachBackend } from "./harness.ts";

/*
 * A merge never creates a state other paths refuse, never hard-deletes a row, and is done only
 * by someone who may edit both records.
 */
describeEachBackend("merging members keeps the records consistent", ({ db }) => {
  const counts = async () => {
    const p = db().prisma;
    return {
      members: await p.member.count({ where: { mergedIntoId: { not: null } } }),
      identities: await p.memberIdentity.groupBy({ by: ["memberId"], _count: true }).then((g) => g.length),
      involvements: await p.caseInvolvement.count(),
      protections: await p.noContactProtection.count(),
      events: await p.auditEvent.count(),
      cases: await p.case.findMany({
        select: { id: true, subjectId: true, reporterEncrypted: true, reporterBlindIndex: true, version: true },
        orderBy: { id: "asc" },
      }),
    };
  };
  const merge = (actor: Awaited<ReturnType<typeof newActor>>, sourceId: string, targetId: string) =>
    mergeMembers({ actor, input: { sourceId, targetId, reason: "Same person: the profiles link each other" } });

  it("a merge that would make a case's subject one of its own involved people is refused, naming the case, either way round", async () => {
    const admin = await newActor(db(), "admin");
    const a = await newMember(db(), "Alex A");
    const b = await newMember(db(), "Alex B");
    const c = await logCase(admin, a.id, { involved: [{ memberId: b.id }] });
    const before = await counts();
    for (const [source, target] of [
      [a, b],
      [b, a],
    ] as const) {
      await expect(merge(admin, source.id, target.id)).rejects.toMatchObject({
        code: "rule",
        message: `These records cannot be merged: case ${c.number} is about ${a.displayName} and names ${b.displayName} as an involved person, so one person would be both its subject and involved. Correct that case first`,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("a merge that would make a Warning protect its own subject is refused, naming the case", async () => {
    const admin = await newActor(db(), "admin");
    const a = await newMember(db(), "Warned");
    const b = await newMember(db(), "Protected");
    const warning = await recordWarning(db(), admin, a.id, [b.id], { startsAt: daysAgo(5), endsAt: daysAgo(-25) });
    const before = await counts();
    const refused = await asForm(async () => void (await merge(admin, b.id, a.id)));
    expect(refused).toMatchObject({
      ok: false,
      message: `These records cannot be merged: the Warning in case ${warning.caseNumber} about ${a.displayName} protects ${b.displayName}, so one person would be protected from themselves`,
    });
    expect(await counts()).toEqual(before);
  });

  it("a merge that would make a case's reporter its subject is refused; the reason, which tells who reported, is recorded as a reveal", async () => {
    const admin = await newActor(db(), "admin");
    const a = await newMember(db(), "Subject");
    const b = await newMember(db(), "Reporter");
    const c = await logCase(admin, a.id, { reporter: { kind: "member", member: { memberId: b.id } } });
    const before = await counts();
    const error = await merge(admin, a.id, b.id).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({
      code: "rule",
      message: `These records cannot be merged: case ${c.number} would have the same person as its subject and its reporter`,
    });
    // Nothing else is written: only the reveal, since the message says who reported the case.
    expect(await counts()).toEqual({ ...before, events: before.events + 1 });
    const reveal = await db().prisma.auditEvent.findFirstOrThrow({ where: { action: "reporter.revealed", entityId: c.id } });
    expect(reveal).toMatchObject({ actorUserId: admin.id, metadata: { number: c.number, via: "member.merge refused" } });
  });

  it("a merge refusal never names a case hidden from the actor", async () => {
    const admin = await newActor(db(), "admin");
    const me = await newMember(db(), "Subject moderator");
    const moderator = await newActor(db(), "moderator", { memberId: me.id });
    const a = await newMember(db(), "Hidden subject");
    const b = await newMember(db(), "Hidden involved");
    // A case about a, involving b, restricted to the admin's team: the moderator cannot see it.
    const c = await logCase(admin, a.id, { involved: [{ memberId: b.id }] });
    await restrictCase({ actor: admin, input: { caseId: c.id, version: 1, restricted: true, team: [] } });
    const error = await merge(moderator, a.id, b.id).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: "rule" });
    expect((error as Error).message).not.toContain(c.number);
    expect((error as Error).message).not.toContain(a.displayName);
  });

  it("nothing is deleted: a duplicate involvement or protection stays on the merged record, and every reader shows the person once", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Warned");
    const source = await newMember(db(), "Robin (old)");
    const target = await newMember(db(), "Robin (new)");
    // Both records involved in one case, and protected by the Warning decided on it.
    const c = await logCase(admin, subject.id, { involved: [{ memberId: source.id }, { memberId: target.id }] });
    const warning = await decide(admin, c, "warning", { noContact: { startsAt: daysAgo(1), days: 60, protect: [source.id, target.id] } });
    const rows = { involvements: await db().prisma.caseInvolvement.count(), protections: await db().prisma.noContactProtection.count() };

    const merged = await merge(admin, source.id, target.id);
    expect(merged.moved).toMatchObject({ involvements: 0, involvementsAlreadyOnTarget: 1, protections: 0, protectionsAlreadyOnTarget: 1 });
    expect({ involvements: await db().prisma.caseInvolvement.count(), protections: await db().prisma.noContactProtection.count() }).toEqual(
      rows,
    );
    expect(await db().prisma.caseInvolvement.count({ where: { caseId: c.id, memberId: source.id } })).toBe(1);

    expect((await getCase({ actor: admin, number: c.number })).involved.map((p) => p.name)).toEqual([target.displayName]);
    const ctx = await getDecisionContext({ actor: admin, caseId: c.id });
    expect(ctx.decisions[0]!.noContact!.protected).toEqual([{ label: target.displayName }]);
    const notice = await buildDecisionNotice({ actor: admin, input: { decisionId: warning.id } });
    expect(notice.text).toContain(`no interaction with ${target.displayName}, including`);
    expect(notice.text).not.toContain(source.displayName);
    const history = await getMemberHistory({ actor: admin, memberId: subject.id });
    expect(history.kind === "full" && history.noContact.map((t) => t.protectedPeople.map((p) => p.displayName))).toEqual([
      [target.displayName],
    ]);
    const exported = await exportDecisionSummaries({
      actor: admin,
      input: { format: "json", mode: "full", reason: "Checking the merge for the board" },
    });
    const json = JSON.parse(await new Response(exported.stream).text()) as { caseNumber: string; involved?: unknown }[];
    expect(json.find((r) => r.caseNumber === c.number)?.involved).toEqual([target.displayName]);
  });

  it("nobody merges their own record, or one named in a case they are recused from; a case hidden from them changes nothing they can observe", async () => {
    const a = await newMember(db(), "Dup A");
    const b = await newMember(db(), "Dup B");
    const own = await newActor(db(), "moderator", { memberId: a.id });
    // A moderator involved in a case about A is recused from it: A's record is not theirs to merge.
    const involvedMember = await newMember(db(), "Involved moderator");
    const recused = await newActor(db(), "moderator", { memberId: involvedMember.id });
    await logCase(await newActor(db(), "admin"), a.id, { involved: [{ memberId: involvedMember.id }] });
    // A moderator who is the subject of a case that names B (as involved) cannot see it.
    const hiddenFrom = await newMember(db(), "Subject moderator");
    const asSubject = await newActor(db(), "moderator", { memberId: hiddenFrom.id });
    await logCase(await newActor(db(), "admin"), hiddenFrom.id, { involved: [{ memberId: b.id }] });
    const before = await counts();
    await expect(merge(own, b.id, a.id)).rejects.toMatchObject({ code: "forbidden", message: OWN_RECORD_EDIT_MESSAGE });
    await expect(merge(own, a.id, b.id)).rejects.toMatchObject({ code: "forbidden", message: OWN_RECORD_EDIT_MESSAGE });
    await expect(merge(recused, b.id, a.id)).rejects.toMatchObject({ code: "forbidden", message: CONFLICTED_RECORD_EDIT_MESSAGE });
    await expect(merge(await newActor(db(), "viewer"), a.id, b.id)).rejects.toMatchObject({ code: "forbidden" });
    const after = await counts();
    expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
    // The subject of a case that names B may merge B like anyone else: refusing would tell them the
    // hidden case exists. The merge is audited like any other.
    await expect(merge(asSubject, b.id, a.id)).resolves.toMatchObject({ targetId: a.id });
  });

  it("a merge moving cases bumps their versions, so a form opened before it cannot save over it", async () => {
    const admin = await newActor(db(), "admin");
    const source = await newMember(db(), "Old record");
    const target = await newMember(db(), "New record");
    const other = await newMember(db(), "Other");
    const about = await logCase(admin, source.id);
    const involving = await logCase(admin, other.id, { involved: [{ memberId: source.id }] });
    await merge(admin, source.id, target.id);
    const versions = await db().prisma.case.findMany({ where: { id: { in: [about.id, involving.id] } }, select: { version: true } });
    expect(versions.map((v) => v.version)).toEqual([2, 2]);
  });
});
