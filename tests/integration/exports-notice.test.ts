import { expect, it } from "vitest";
import { nextCaseNumber } from "@/lib/server/cases/next-case-number.ts";
import { buildDecisionNotice } from "@/lib/server/exports/build-decision-notice.ts";
import { exportDecisionNotice } from "@/lib/server/exports/export-decision-notice.ts";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";
import type { TLevel } from "@/lib/schemas/vocabulary.ts";
import { createTestActor, describeEachBackend, unique } from "./harness.ts";

const DAY = 24 * 60 * 60 * 1000;

describeEachBackend("decision notices", ({ db }) => {
  const prisma = () => db().prisma;

  const actorOf = (role: "admin" | "moderator" | "viewer", memberId: string | null = null) => createTestActor(db(), role, memberId);
  const member = (name: string) =>
    prisma().member.create({ data: { displayName: `${name} ${unique()}` }, select: { id: true, displayName: true } });

  async function decided(o: {
    level: TLevel | null;
    reporterMemberId?: string;
    involved?: string[];
    protect?: string[];
    reversed?: boolean;
  }) {
    const subject = await member("Subject");
    const at = new Date(Date.UTC(2026, 2, 10, 9));
    return prisma().$transaction(async (tx) => {
      const c = await tx.case.create({
        data: {
          ...(await nextCaseNumber(tx, 2026)),
          status: "decided",
          subjectId: subject.id,
          reporterKind: o.reporterMemberId ? "member" : "anonymous",
          reporterMemberId: o.reporterMemberId ?? null,
          space: "slack",
          occurredAt: at,
          standards: ["harassment"],
          description: "Test",
          involved: { create: (o.involved ?? []).map((memberId) => ({ memberId })) },
        },
        select: { id: true, number: true },
      });
      const d = await tx.decision.create({
        data: {
          caseId: c.id,
          level: o.level,
          rationale: "Unsolicited hostile direct messages after a disagreement.",
          decidedAt: at,
          noContactStartsAt: o.level === "warning" ? at : null,
          noContactEndsAt: o.level === "warning" ? new Date(at.getTime() + 90 * DAY) : null,
          protections: { create: (o.protect ?? []).map((memberId) => ({ memberId })) },
          ...(o.reversed ? { reversal: { create: { reason: "On appeal" } } } : {}),
        },
        select: { id: true },
      });
      return { caseId: c.id, number: c.number, decisionId: d.id, subject };
    });
  }

  it("a Warning's notice gives the exact dates and names involved people and the core team, but never the reporter", async () => {
    const reporter = await member("Reporter");
    const involved = await member("Involved");
    const modMember = await member("Moderator");
    const moderator = await actorOf("moderator", modMember.id);
    const viewer = await actorOf("viewer");
    const d = await decided({
      level: "warning",
      reporterMemberId: reporter.id,
      involved: [involved.id],
      protect: [involved.id, reporter.id, modMember.id],
    });
    const notice = await buildDecisionNotice({ actor: viewer, input: { decisionId: d.decisionId } });
    expect(notice.text).toContain(`Hello ${d.subject.displayName},`);
    expect(notice.text).toContain("from 10 Mar 2026 until 8 Jun 2026 (UTC)");
    expect(notice.text).toContain(`${involved.displayName}, ${modMember.displayName} (core team) and the person who reported this`);
    expect(notice.text).toContain("Violating these terms will lead to a permanent ban.");
    expect(notice.text).not.toContain(reporter.displayName);
    expect(notice.mayMarkSent).toBe(false);
    expect((await buildDecisionNotice({ actor: moderator, input: { decisionId: d.decisionId } })).mayMarkSent).toBe(true);
  });

  it("a reporter who is also involved is named as an involved person, not as the reporter", async () => {
    const reporter = await member("Reporter");
    const d = await decided({ level: "warning", reporterMemberId: reporter.id, involved: [reporter.id], protect: [reporter.id] });
    const notice = await buildDecisionNotice({ actor: await actorOf("admin"), input: { decisionId: d.decisionId } });
    expect(notice.text).toContain(`no interaction with ${reporter.displayName}, including`);
    expect(notice.text).not.toContain("reported");
  });

  it("a Permanent ban's notice states its scope; reversed and no-action decisions have no notice", async () => {
    const admin = await actorOf("admin");
    const ban = await decided({ level: "permanent_ban" });
    const notice = await buildDecisionNotice({ actor: admin, input: { decisionId: ban.decisionId } });
    expect(notice.text).toContain("a permanent ban from any sort of public interaction within the community");
    expect(notice.subject).toBe(`A permanent ban under our Code of Conduct (case ${ban.number})`);
    const reversed = await decided({ level: "reminder", reversed: true });
    await expect(buildDecisionNotice({ actor: admin, input: { decisionId: reversed.decisionId } })).rejects.toMatchObject({ code: "rule" });
    const none = await decided({ level: null });
    await expect(buildDecisionNotice({ actor: admin, input: { decisionId: none.decisionId } })).rejects.toMatchObject({ code: "rule" });
  });

  it("downloading a notice is audited; the subject of the case cannot load it", async () => {
    const d = await decided({ level: "reminder" });
    const admin = await actorOf("admin");
    const file = await exportDecisionNotice({ actor: admin, input: { decisionId: d.decisionId }, format: "md" });
    expect(file.filename).toBe(`decision-notice-${d.number}.md`);
    expect(file.body).toContain("This is a private, written reminder");
    const event = await prisma().auditEvent.findFirst({
      where: { action: "export.created", actorUserId: admin.id },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({
      entityType: "decision",
      entityId: d.decisionId,
      metadata: { kind: "decision-notice", format: "md", rows: 1 },
    });
    const self = await actorOf("admin", d.subject.id);
    await expect(buildDecisionNotice({ actor: self, input: { decisionId: d.decisionId } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("Mark as sent records when the notice was sent, once, with an audit event; viewers and recused moderators cannot", async () => {
    const involved = await member("Involved");
    const d = await decided({ level: "reminder", involved: [involved.id] });
    await expect(markNoticeSent({ actor: await actorOf("viewer"), input: { decisionId: d.decisionId } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      markNoticeSent({ actor: await actorOf("moderator", involved.id), input: { decisionId: d.decisionId } }),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: "You are recused from this case",
    });
    await expect(markNoticeSent({ actor: await actorOf("moderator"), input: { decisionId: "nope" } })).rejects.toMatchObject({
      code: "invalid",
    });
    expect((await prisma().decision.findUniqueOrThrow({ where: { id: d.decisionId } })).memberNotifiedAt).toBeNull();

    const moderator = await actorOf("moderator");
    const sent = await markNoticeSent({ actor: moderator, input: { decisionId: d.decisionId } });
    const stored = await prisma().decision.findUniqueOrThrow({ where: { id: d.decisionId } });
    expect(stored.memberNotifiedAt).toEqual(sent.memberNotifiedAt);
    const event = await prisma().auditEvent.findFirst({ where: { action: "decision.notice_sent", entityId: d.decisionId } });
    expect(event).toMatchObject({
      actorUserId: moderator.id,
      before: { memberNotifiedAt: null },
      after: { level: "reminder", case: d.number },
    });
    await expect(markNoticeSent({ actor: moderator, input: { decisionId: d.decisionId } })).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma().auditEvent.count({ where: { action: "decision.notice_sent", entityId: d.decisionId } })).toBe(1);
  });
});
