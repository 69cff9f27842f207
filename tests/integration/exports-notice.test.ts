import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { formatDate } from "@/lib/format/dates.ts";
import { asForm } from "./form-helpers.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { updateCaseDetails } from "@/lib/server/cases/update-case-details.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { buildDecisionNotice } from "@/lib/server/exports/build-decision-notice.ts";
import { exportDecisionNotice } from "@/lib/server/exports/export-decision-notice.ts";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import { updateMember } from "@/lib/server/members/update-member.ts";
import type { TLevel } from "@/lib/schemas/vocabulary.ts";
import { allElements, RENDERERS, renderBlocks, unsafeMarkup } from "../support/markdown-render.ts";
import { createTestActor, describeEachBackend, unique } from "./harness.ts";
import { DAY } from "@/lib/policy/durations.ts";
const system = { system: true as const, label: "test" };

describeEachBackend("decision notices", ({ db }) => {
  const prisma = () => db().prisma;

  const actorOf = (role: "admin" | "moderator" | "viewer", memberId: string | null = null) => createTestActor(db(), role, memberId);
  const member = (name: string) =>
    createMember({ actor: system, input: { displayName: `${name} ${unique()}`, identities: [{ space: "github", handle: unique("gh") }] } });

  const occurredAt = new Date(Date.UTC(2026, 2, 10, 9));
  // A Warning's no-contact period from the start of today (UTC), for 90 days: recorded while it is in force.
  const today = () => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  };

  /** A case logged and decided through the app (createCase, recordDecision, reverseDecision), as the pages do. */
  async function decided(o: {
    level: TLevel | null;
    reporterMemberId?: string;
    involved?: string[];
    protect?: string[];
    /** Also protect, by role: "reporter" (never named). */
    protectRoles?: "reporter"[];
    reversed?: boolean;
    /** The subject named by a handle alone, as a case about someone new is logged. */
    subjectHandle?: string;
    subjectName?: string;
    rationale?: string;
  }) {
    const known = o.subjectHandle ? null : await member(o.subjectName ?? "Subject");
    const c = await createCase({
      actor: system,
      input: {
        subject: known ? { memberId: known.id } : { space: "github", handle: o.subjectHandle! },
        reporter: o.reporterMemberId ? { kind: "member", member: { memberId: o.reporterMemberId } } : { kind: "anonymous" },
        involved: (o.involved ?? []).map((memberId) => ({ memberId })),
        space: "slack",
        occurredAt: occurredAt.toISOString(),
        standards: ["harassment"],
        description: "Unsolicited direct messages after a disagreement in a thread.",
        evidence: [],
      },
    });
    const subject = known ?? (await prisma().case.findUniqueOrThrow({ where: { id: c.id }, select: { subject: true } })).subject;
    const admin = await actorOf("admin");
    const d = await recordDecision({
      actor: admin,
      input: {
        caseId: c.id,
        version: 1,
        level: o.level ?? "none",
        rationale: o.rationale ?? "Unsolicited hostile direct messages after a disagreement.",
        justification: "The team chose this level for the test.",
        noContact:
          o.level === "warning" ? { days: 90, startsAt: today(), protectedMemberIds: o.protect ?? [], protect: o.protectRoles } : undefined,
      },
    });
    if (o.reversed) await reverseDecision({ actor: admin, input: { decisionId: d.id, reason: "On appeal: the messages were invited." } });
    return { caseId: c.id, number: c.number, decisionId: d.id, subject, decidedAt: d.decidedAt };
  }

  it("greets a member known only by a handle with 'Hello,', never with the handle as a name", async () => {
    const handle = unique("handle-only");
    const d = await decided({ level: "reminder", subjectHandle: handle });
    const notice = await buildDecisionNotice({ actor: await actorOf("viewer"), input: { decisionId: d.decisionId } });
    expect(notice.body.startsWith("Hello,\n\n")).toBe(true);
    expect(notice.body).not.toContain(handle);
    expect(notice.body).toContain(
      "On 10 Mar 2026, your conduct on Slack went against this standard of our Code of Conduct: public or private harassment.",
    );
  });

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
      protect: [involved.id, modMember.id],
      protectRoles: ["reporter"],
    });
    const notice = await buildDecisionNotice({ actor: viewer, input: { decisionId: d.decisionId } });
    expect(notice.text).toContain(`Hello ${d.subject.displayName},`);
    expect(notice.text).toContain(`from ${formatDate(today())} until ${formatDate(new Date(today().getTime() + 90 * DAY))} (UTC)`);
    expect(notice.text).toContain("On 10 Mar 2026, your conduct on Slack went against");
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

  it("a notice's .md download renders as exactly the characters of its .txt: a hostile name and rationale are inert text, only http(s) links", async () => {
    const d = await decided({
      level: "reminder",
      subjectName: "<img src=x onerror=alert(1)> *Morgan* | --- |",
      rationale:
        "See [click](javascript:alert(1)), <script>alert(1)</script> and https://example.com/log_1.\n# Not a heading\n`rm` _now_ data:text/html,x",
    });
    const admin = await actorOf("admin");
    const txt = await exportDecisionNotice({ actor: admin, input: { decisionId: d.decisionId }, format: "txt" });
    const md = await exportDecisionNotice({ actor: admin, input: { decisionId: d.decisionId }, format: "md" });
    expect(md.contentType).toBe("text/markdown; charset=utf-8");
    expect(txt.body).toContain("<img src=x onerror=alert(1)> *Morgan*");
    for (const renderer of RENDERERS) {
      const blocks = renderBlocks(renderer, md.body);
      expect(unsafeMarkup(blocks, ["p", "br", "a"])).toEqual([]);
      expect(blocks.map((b) => b.text).join("\n\n")).toBe(txt.body.trimEnd());
      const links = allElements(blocks).filter((e) => e.tag === "a");
      expect(links.map((a) => [a.attrs.href, a.text])).toEqual([["https://example.com/log_1", "https://example.com/log_1"]]);
    }
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

  it("the notice sent is kept as sent: later edits of the case and the member never change what is shown or downloaded", async () => {
    const involved = await member("Involved");
    const d = await decided({ level: "warning", involved: [involved.id], protect: [involved.id] });
    const moderator = await actorOf("moderator");
    const before = await buildDecisionNotice({ actor: moderator, input: { decisionId: d.decisionId } });
    expect(before.sent).toBeNull();
    const sent = await markNoticeSent({ actor: moderator, input: { decisionId: d.decisionId } });

    // The exact text, in the same transaction as the mark, with its hash in the audit chain.
    const kept = await prisma().decisionNotice.findMany({ where: { decisionId: d.decisionId } });
    expect(kept).toEqual([
      expect.objectContaining({
        id: sent.noticeId,
        subject: before.subject,
        body: before.body,
        sentById: moderator.id,
        sentAt: sent.memberNotifiedAt,
      }),
    ]);
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: "decision.notice_sent", entityId: d.decisionId } });
    expect(event.metadata).toEqual({ subject: before.subject, textSha256: createHash("sha256").update(before.text).digest("hex") });

    // The case's details change after the decision (with a reason), and the member is renamed.
    await updateCaseDetails({
      actor: moderator,
      input: {
        caseId: d.caseId,
        version: 2,
        space: "github",
        standards: ["trolling-insults"],
        reason: "The messages were on GitHub, not Slack.",
      },
    });
    const current = await prisma().member.findUniqueOrThrow({
      where: { id: d.subject.id },
      select: { version: true, identities: { select: { space: true, handle: true } } },
    });
    await updateMember({
      actor: moderator,
      input: {
        memberId: d.subject.id,
        version: current.version,
        displayName: "Renamed Member",
        identities: current.identities,
      },
    });

    const after = await buildDecisionNotice({ actor: moderator, input: { decisionId: d.decisionId } });
    expect(after.text).toBe(before.text);
    expect(after.text).toContain("On 10 Mar 2026, your conduct on Slack");
    expect(after.text).not.toContain("Renamed Member");
    expect(after.sent).toEqual({ at: sent.memberNotifiedAt, by: moderator.name, kept: true });
    expect(after.mayMarkSent).toBe(false);
    const file = await exportDecisionNotice({ actor: moderator, input: { decisionId: d.decisionId }, format: "txt" });
    expect(file.body).toBe(before.text);
    expect(file.filename).toBe(`decision-notice-${d.number}-sent-${sent.memberNotifiedAt.toISOString().slice(0, 10)}.txt`);
    expect(file.sentAt).toEqual(sent.memberNotifiedAt);
    // Kept rows cannot be changed, even by someone holding the database login.
    await expect(prisma().decisionNotice.update({ where: { id: sent.noticeId }, data: { body: "Rewritten" } })).rejects.toThrow();
  });

  it("a notice sent and then reversed on appeal still reads as it was sent; it cannot be marked again", async () => {
    const d = await decided({ level: "reminder" });
    const moderator = await actorOf("moderator");
    const sent = await markNoticeSent({ actor: moderator, input: { decisionId: d.decisionId } });
    const text = (await buildDecisionNotice({ actor: moderator, input: { decisionId: d.decisionId } })).text;
    await reverseDecision({ actor: await actorOf("admin"), input: { decisionId: d.decisionId, reason: "On appeal: a misunderstanding." } });
    const notice = await buildDecisionNotice({ actor: moderator, input: { decisionId: d.decisionId } });
    expect(notice).toMatchObject({ text, sent: { at: sent.memberNotifiedAt, kept: true }, mayMarkSent: false });
    await expect(markNoticeSent({ actor: moderator, input: { decisionId: d.decisionId } })).rejects.toMatchObject({ code: "rule" });
    expect(await prisma().decisionNotice.count({ where: { decisionId: d.decisionId } })).toBe(1);
  });

  it("ten people marking one notice as sent at once: one wins and keeps one notice, the others are told (never a 500)", async () => {
    const d = await decided({ level: "permanent_ban" });
    const moderators = await Promise.all(Array.from({ length: 10 }, () => actorOf("moderator")));
    const results = await Promise.all(
      moderators.map((actor) => asForm(async () => void (await markNoticeSent({ actor, input: { decisionId: d.decisionId } })))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r.message).toMatch(/^The notice was (already marked as sent on|just marked as sent by someone else)/);
    }
    expect(await prisma().decisionNotice.count({ where: { decisionId: d.decisionId } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { action: "decision.notice_sent", entityId: d.decisionId } })).toBe(1);
  });
});
