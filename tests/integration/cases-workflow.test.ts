import { describe, expect, it } from "vitest";
import { addEvidence } from "@/lib/server/cases/add-evidence.ts";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { editNote } from "@/lib/server/cases/edit-note.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { getDetailsChangeNotice } from "@/lib/server/cases/get-details-change-notice.ts";
import { updateCaseDetails } from "@/lib/server/cases/update-case-details.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { daysAgo, decide, logCase, newActor, newMember, recordWarning, reverse, snapshot } from "./cases-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

describeEachBackend("working a case", ({ db }) => {
  /** A case with a member reporter and an involved person, and moderators in every position. */
  async function setup() {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Subject");
    const reporter = await newMember(db(), "Reporter");
    const involved = await newMember(db(), "Involved");
    const created = await logCase(admin, subject.id, {
      reporter: { kind: "member", member: { memberId: reporter.id } },
      involved: [{ memberId: involved.id }],
    });
    return {
      admin,
      subject,
      reporter,
      involved,
      created,
      moderator: await newActor(db(), "moderator"),
      viewer: await newActor(db(), "viewer"),
      asReporter: await newActor(db(), "moderator", { memberId: reporter.id }),
      asInvolved: await newActor(db(), "moderator", { memberId: involved.id }),
      asSubject: await newActor(db(), "moderator", { memberId: subject.id }),
    };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;

  /** Viewer forbidden; reporter and involved recused; subject answered as missing; nothing written. */
  async function expectRefusedToOutsiders(s: Setup, attempt: (actor: Actor) => Promise<unknown>) {
    const before = await snapshot(db(), s.created.id);
    await expect(attempt(s.viewer)).rejects.toMatchObject({ code: "forbidden", message: "Your role does not allow this" });
    await expect(attempt(s.asReporter)).rejects.toMatchObject({ code: "forbidden", message: "You are recused from this case" });
    await expect(attempt(s.asInvolved)).rejects.toMatchObject({ code: "forbidden", message: "You are recused from this case" });
    await expect(attempt(s.asSubject)).rejects.toMatchObject({ code: "not_found", message: "This case does not exist" });
    expect(await snapshot(db(), s.created.id)).toEqual(before);
  }

  const lastEvent = (caseId: string) => db().prisma.auditEvent.findFirstOrThrow({ where: { entityId: caseId }, orderBy: { seq: "desc" } });

  describe("status", () => {
    it("status moves new → investigating → dismissed (with a reason) → reopened (with a reason), each audited", async () => {
      const s = await setup();
      const id = s.created.id;
      await expect(
        changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 1, status: "investigating" } }),
      ).resolves.toMatchObject({
        status: "investigating",
        version: 2,
      });
      expect(await lastEvent(id)).toMatchObject({
        action: "case.status_changed",
        actorUserId: s.moderator.id,
        before: { status: "new" },
        after: { status: "investigating" },
      });
      await changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 2, status: "dismissed", reason: "No violation found" } });
      expect(await lastEvent(id)).toMatchObject({
        before: { status: "investigating" },
        after: { status: "dismissed", reason: "No violation found" },
      });
      await changeCaseStatus({
        actor: s.admin,
        input: { caseId: id, version: 3, status: "investigating", reason: "New evidence came in" },
      });
      const c = await getCase({ actor: s.admin, number: s.created.number });
      expect(c.status).toBe("investigating");
      expect(c.statusHistory.map((h) => [h.from, h.to, h.reason])).toEqual([
        [null, "new", null],
        ["new", "investigating", null],
        ["investigating", "dismissed", "No violation found"],
        ["dismissed", "investigating", "New evidence came in"],
      ]);
    });

    it("dismissing or reopening without a reason, or an impossible move, is refused and changes nothing", async () => {
      const s = await setup();
      const id = s.created.id;
      const before = await snapshot(db(), id);
      await expect(
        changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 1, status: "dismissed", reason: "  " } }),
      ).rejects.toMatchObject({
        code: "invalid",
        fields: { reason: "Give the reason for dismissing the case" },
      });
      await expect(changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 1, status: "closed" } })).rejects.toMatchObject({
        code: "rule",
        message: "A case that is new cannot become closed",
      });
      await expect(changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 1, status: "decided" } })).rejects.toMatchObject({
        code: "invalid",
        fields: { status: "Choose a status" },
      });
      expect(await snapshot(db(), id)).toEqual(before);
      await changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 1, status: "dismissed", reason: "Duplicate report" } });
      await expect(
        changeCaseStatus({ actor: s.moderator, input: { caseId: id, version: 2, status: "investigating" } }),
      ).rejects.toMatchObject({
        code: "invalid",
        fields: { reason: "Give the reason for reopening the case" },
      });
    });

    it("a decided case is closed, and a closed case reopens only with a reason", async () => {
      const s = await setup();
      // Decided through the app: recordDecision moves the case to "decided" (version 2).
      await decide(s.admin, s.created, "reminder");
      await changeCaseStatus({ actor: s.moderator, input: { caseId: s.created.id, version: 2, status: "closed" } });
      await expect(
        changeCaseStatus({ actor: s.moderator, input: { caseId: s.created.id, version: 3, status: "investigating" } }),
      ).rejects.toMatchObject({
        code: "invalid",
      });
      await expect(
        changeCaseStatus({ actor: s.moderator, input: { caseId: s.created.id, version: 3, status: "investigating", reason: "Appeal" } }),
      ).resolves.toMatchObject({ status: "investigating", version: 4 });
    });

    it("viewers, recused moderators and the subject cannot change the status; a stale version is a conflict", async () => {
      const s = await setup();
      await expectRefusedToOutsiders(s, (actor) =>
        changeCaseStatus({ actor, input: { caseId: s.created.id, version: 1, status: "investigating" } }),
      );
      await changeCaseStatus({ actor: s.admin, input: { caseId: s.created.id, version: 1, status: "investigating" } });
      const before = await snapshot(db(), s.created.id);
      await expect(
        changeCaseStatus({ actor: s.moderator, input: { caseId: s.created.id, version: 1, status: "dismissed", reason: "Stale view" } }),
      ).rejects.toMatchObject({ code: "conflict", message: "This case was changed by someone else" });
      expect(await snapshot(db(), s.created.id)).toEqual(before);
    });
  });

  describe("assignment", () => {
    it("assigns to a moderator, then unassigns; each assignment audited with before and after", async () => {
      const s = await setup();
      const id = s.created.id;
      await expect(assignCase({ actor: s.admin, input: { caseId: id, version: 1, assigneeId: s.moderator.id } })).resolves.toMatchObject({
        assignee: { id: s.moderator.id, name: s.moderator.name },
        version: 2,
      });
      expect(await lastEvent(id)).toMatchObject({
        action: "case.assigned",
        before: { assignee: null },
        after: { assignee: { id: s.moderator.id, name: s.moderator.name } },
      });
      await assignCase({ actor: s.moderator, input: { caseId: id, version: 2, assigneeId: "" } });
      expect(await lastEvent(id)).toMatchObject({ before: { assignee: { id: s.moderator.id } }, after: { assignee: null } });
      expect((await db().prisma.case.findUniqueOrThrow({ where: { id } })).assigneeId).toBeNull();
    });

    it("only an active admin or moderator who is no party to the case can be assigned", async () => {
      const s = await setup();
      const id = s.created.id;
      const before = await snapshot(db(), id);
      await expect(assignCase({ actor: s.admin, input: { caseId: id, version: 1, assigneeId: s.viewer.id } })).rejects.toMatchObject({
        code: "invalid",
        fields: { assigneeId: "Choose an active moderator or admin" },
      });
      await expect(assignCase({ actor: s.admin, input: { caseId: id, version: 1, assigneeId: "someone" } })).rejects.toMatchObject({
        code: "invalid",
        fields: { assigneeId: "Choose a team member" },
      });
      await expect(assignCase({ actor: s.admin, input: { caseId: id, version: 1, assigneeId: s.asInvolved.id } })).rejects.toMatchObject({
        code: "rule",
      });
      await expect(assignCase({ actor: s.admin, input: { caseId: id, version: 1, assigneeId: s.asSubject.id } })).rejects.toMatchObject({
        code: "rule",
      });
      expect(await snapshot(db(), id)).toEqual(before);
    });

    it("viewers, recused moderators and the subject cannot assign; a stale version is a conflict", async () => {
      const s = await setup();
      await expectRefusedToOutsiders(s, (actor) =>
        assignCase({ actor, input: { caseId: s.created.id, version: 1, assigneeId: s.admin.id } }),
      );
      await assignCase({ actor: s.admin, input: { caseId: s.created.id, version: 1, assigneeId: s.admin.id } });
      await expect(
        assignCase({ actor: s.moderator, input: { caseId: s.created.id, version: 1, assigneeId: s.moderator.id } }),
      ).rejects.toMatchObject({
        code: "conflict",
      });
      expect((await db().prisma.case.findUniqueOrThrow({ where: { id: s.created.id } })).assigneeId).toBe(s.admin.id);
    });
  });

  describe("details", () => {
    it("edits details; the audit event holds only the changed fields, before and after", async () => {
      const s = await setup();
      const id = s.created.id;
      const newcomer = unique("newcomer");
      const result = await updateCaseDetails({
        actor: s.moderator,
        input: {
          caseId: id,
          version: 1,
          space: "slack",
          standards: ["unprofessional"],
          description: "Clarified: the reply mocked a newcomer",
          involved: [{ memberId: s.involved.id }, { space: "slack", handle: newcomer }],
        },
      });
      expect(result).toMatchObject({ version: 2, changed: true });
      const event = await lastEvent(id);
      expect(event.action).toBe("case.updated");
      expect(event.before).toEqual({
        space: "github",
        description: expect.stringContaining("Dismissive comment"),
        involved: [{ id: s.involved.id, name: s.involved.displayName }],
      });
      expect(event.after).toEqual({
        space: "slack",
        description: "Clarified: the reply mocked a newcomer",
        involved: [
          { id: s.involved.id, name: s.involved.displayName },
          { id: expect.any(String), name: newcomer },
        ],
      });
      const c = await getCase({ actor: s.admin, number: s.created.number });
      expect(c).toMatchObject({ space: "slack", version: 2, description: "Clarified: the reply mocked a newcomer" });
      expect(c.involved.map((i) => i.name).sort()).toEqual([s.involved.displayName, newcomer].sort());
      // Saving the same values again changes nothing and records nothing.
      const events = await db().prisma.auditEvent.count();
      await expect(updateCaseDetails({ actor: s.moderator, input: { caseId: id, version: 2, space: "slack" } })).resolves.toMatchObject({
        changed: false,
        version: 2,
      });
      expect(await db().prisma.auditEvent.count()).toBe(events);
    });

    it("bad details get a message per field and change nothing", async () => {
      const s = await setup();
      const before = await snapshot(db(), s.created.id);
      await expect(
        updateCaseDetails({
          actor: s.moderator,
          input: { caseId: s.created.id, version: 1, description: "", standards: ["spam"], occurredAt: "2999-01-01T00:00", space: "mars" },
        }),
      ).rejects.toMatchObject({
        code: "invalid",
        fields: {
          description: "Describe what happened",
          "standards.0": "Choose standards from the list",
          occurredAt: "When it happened cannot be in the future",
          space: "Choose a space",
        },
      });
      await expect(
        updateCaseDetails({ actor: s.moderator, input: { caseId: s.created.id, version: 1, involved: [{ memberId: s.subject.id }] } }),
      ).rejects.toMatchObject({ code: "invalid", fields: { involved: expect.stringContaining("is the subject of this case") } });
      expect(await snapshot(db(), s.created.id)).toEqual(before);
    });

    it("two edits from the same version: the second is a conflict and the first one's values stay", async () => {
      const s = await setup();
      const other = await newActor(db(), "moderator");
      await updateCaseDetails({ actor: s.moderator, input: { caseId: s.created.id, version: 1, description: "First moderator's text" } });
      const before = await snapshot(db(), s.created.id);
      await expect(
        updateCaseDetails({
          actor: other,
          input: { caseId: s.created.id, version: 1, description: "Second moderator's text", space: "email" },
        }),
      ).rejects.toMatchObject({ code: "conflict", message: "This case was changed by someone else" });
      expect(await snapshot(db(), s.created.id)).toEqual(before);
      expect(await getCase({ actor: s.admin, number: s.created.number })).toMatchObject({
        description: "First moderator's text",
        space: "github",
        version: 2,
      });
    });

    it("edits racing at the same moment: exactly one wins", async () => {
      const s = await setup();
      const results = await Promise.allSettled(
        ["one", "two", "three", "four"].map((word) =>
          updateCaseDetails({ actor: s.moderator, input: { caseId: s.created.id, version: 1, description: `Version ${word}` } }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
        "conflict",
        "conflict",
        "conflict",
      ]);
      expect((await db().prisma.case.findUniqueOrThrow({ where: { id: s.created.id } })).version).toBe(2);
      expect(await db().prisma.auditEvent.count({ where: { entityId: s.created.id, action: "case.updated" } })).toBe(1);
    });

    it("adding a protected person inside an active no-contact period flags the breach; removing them clears it", async () => {
      const s = await setup();
      const protectedPerson = await newMember(db(), "Protected");
      const warning = await recordWarning(db(), s.admin, s.subject.id, [protectedPerson.id], {
        startsAt: daysAgo(30),
        endsAt: daysAgo(-60),
      });
      await updateCaseDetails({
        actor: s.moderator,
        input: { caseId: s.created.id, version: 1, involved: [{ memberId: s.involved.id }, { memberId: protectedPerson.id }] },
      });
      expect((await getCase({ actor: s.admin, number: s.created.number })).breach).toMatchObject({ caseNumber: warning.caseNumber });
      expect((await lastEvent(s.created.id)).after).toMatchObject({ breachOf: warning.caseNumber });
      await updateCaseDetails({ actor: s.moderator, input: { caseId: s.created.id, version: 2, involved: [{ memberId: s.involved.id }] } });
      expect((await getCase({ actor: s.admin, number: s.created.number })).breach).toBeNull();
    });

    it("a decided case's details change only with a reason: kept in the audit event, and the case says its decision may need review", async () => {
      const s = await setup();
      await decide(s.admin, s.created, "reminder");
      const before = await snapshot(db(), s.created.id);
      await expect(
        updateCaseDetails({ actor: s.moderator, input: { caseId: s.created.id, version: 2, description: "Changed after the decision" } }),
      ).rejects.toMatchObject({ code: "invalid", fields: { reason: expect.stringContaining("This case is decided") } });
      await expect(
        updateCaseDetails({
          actor: s.moderator,
          input: { caseId: s.created.id, version: 2, description: "Changed after the decision", reason: "  short " },
        }),
      ).rejects.toMatchObject({ code: "invalid", fields: { reason: expect.stringContaining("at least 10 characters") } });
      await expect(
        updateCaseDetails({
          actor: s.moderator,
          input: { caseId: s.created.id, version: 2, description: "Changed after the decision", reason: "Because \u0000 of the thread" },
        }),
      ).rejects.toMatchObject({ code: "invalid", fields: { reason: "Remove the invisible control characters from the reason" } });
      expect(await snapshot(db(), s.created.id)).toEqual(before);

      const reason = "The reporter sent the full thread: the messages were on Slack.";
      const saved = await updateCaseDetails({
        actor: s.moderator,
        input: { caseId: s.created.id, version: 2, space: "slack", description: "Changed after the decision", reason },
      });
      expect(saved).toMatchObject({ changed: true, changedAfterDecision: true, version: 3 });
      const row = await db().prisma.case.findUniqueOrThrow({ where: { id: s.created.id } });
      expect(row.changedAfterDecisionAt).toBeInstanceOf(Date);
      const event = await lastEvent(s.created.id);
      expect(event).toMatchObject({
        action: "case.updated",
        after: { space: "slack", description: "Changed after the decision" },
        metadata: { reason, afterDecision: true, changedAfterDecisionAt: row.changedAfterDecisionAt!.toISOString() },
      });
      expect(await getDetailsChangeNotice({ actor: s.moderator, caseId: s.created.id })).toEqual({
        decided: true,
        changedAfterDecision: { at: row.changedAfterDecisionAt, reason, by: s.moderator.name },
      });
      // An undecided case needs no reason; the subject never learns the case exists.
      const other = await logCase(s.admin, s.subject.id);
      await updateCaseDetails({ actor: s.moderator, input: { caseId: other.id, version: 1, description: "Before any decision" } });
      expect(await getDetailsChangeNotice({ actor: s.moderator, caseId: other.id })).toEqual({
        decided: false,
        changedAfterDecision: null,
      });
      await expect(getDetailsChangeNotice({ actor: s.asSubject, caseId: s.created.id })).rejects.toMatchObject({ code: "not_found" });
    });

    it("once its decision is reversed, the case's details change without a reason again", async () => {
      const s = await setup();
      const d = await decide(s.admin, s.created, "reminder");
      await reverse(db(), d.id);
      await expect(
        updateCaseDetails({ actor: s.moderator, input: { caseId: s.created.id, version: 3, description: "After the appeal" } }),
      ).resolves.toMatchObject({ changed: true, changedAfterDecision: false });
    });

    it("a stale edit racing a reversal of the Warning it breaches: each sees the other, the breach ends up as the history says", async () => {
      const s = await setup();
      const protectedPerson = await newMember(db(), "Protected");
      const warning = await recordWarning(db(), s.admin, s.subject.id, [protectedPerson.id], {
        startsAt: daysAgo(30),
        endsAt: daysAgo(-60),
      });
      await Promise.allSettled([
        updateCaseDetails({
          actor: s.moderator,
          input: { caseId: s.created.id, version: 1, involved: [{ memberId: s.involved.id }, { memberId: protectedPerson.id }] },
        }),
        reverse(db(), warning.decisionId),
      ]);
      // Whatever the order, the Warning is reversed, so the case breaches nothing.
      expect((await db().prisma.case.findUniqueOrThrow({ where: { id: s.created.id } })).breachOfDecisionId).toBeNull();
    });

    it("viewers, recused moderators and the subject cannot edit details", async () => {
      const s = await setup();
      await expectRefusedToOutsiders(s, (actor) =>
        updateCaseDetails({ actor, input: { caseId: s.created.id, version: 1, description: "Changed" } }),
      );
    });
  });

  describe("internal notes", () => {
    it("notes are append-only: an edit adds a new version and keeps the earlier text", async () => {
      const s = await setup();
      const note = await addNote({ actor: s.moderator, input: { caseId: s.created.id, body: "Asked the subject for their side" } });
      expect(await lastEvent(s.created.id)).toMatchObject({
        action: "case.note_added",
        after: { noteId: note.id, body: "Asked the subject for their side" },
      });
      const edited = await editNote({ actor: s.moderator, input: { noteId: note.id, body: "Asked the subject for their side by email" } });
      expect(await lastEvent(s.created.id)).toMatchObject({
        action: "case.note_edited",
        before: { noteId: note.id, body: "Asked the subject for their side" },
        after: { noteId: edited.id, body: "Asked the subject for their side by email" },
      });
      const again = await editNote({ actor: s.moderator, input: { noteId: edited.id, body: "Asked the subject by email on Monday" } });
      const rows = await db().prisma.caseNote.findMany({ where: { caseId: s.created.id }, orderBy: { createdAt: "asc" } });
      expect(rows.map((r) => [r.body, r.supersedesId])).toEqual([
        ["Asked the subject for their side", null],
        ["Asked the subject for their side by email", note.id],
        ["Asked the subject by email on Monday", edited.id],
      ]);
      const c = await getCase({ actor: s.viewer, number: s.created.number });
      expect(c.notes).toMatchObject([
        {
          id: again.id,
          body: "Asked the subject by email on Monday",
          revisions: [{ body: "Asked the subject for their side by email" }, { body: "Asked the subject for their side" }],
        },
      ]);
    });

    it("an empty note is refused; only the author edits a note, and only its latest version", async () => {
      const s = await setup();
      const before = await snapshot(db(), s.created.id);
      await expect(addNote({ actor: s.moderator, input: { caseId: s.created.id, body: "   " } })).rejects.toMatchObject({
        code: "invalid",
        fields: { body: "Write the note" },
      });
      expect(await snapshot(db(), s.created.id)).toEqual(before);
      const note = await addNote({ actor: s.moderator, input: { caseId: s.created.id, body: "First text" } });
      await expect(editNote({ actor: s.admin, input: { noteId: note.id, body: "Someone else's words" } })).rejects.toMatchObject({
        code: "forbidden",
      });
      await editNote({ actor: s.moderator, input: { noteId: note.id, body: "Second text" } });
      const after = await snapshot(db(), s.created.id);
      await expect(editNote({ actor: s.moderator, input: { noteId: note.id, body: "From a stale tab" } })).rejects.toMatchObject({
        code: "conflict",
      });
      expect(await snapshot(db(), s.created.id)).toEqual(after);
    });

    it("viewers, recused moderators and the subject cannot add or edit notes", async () => {
      const s = await setup();
      await expectRefusedToOutsiders(s, (actor) => addNote({ actor, input: { caseId: s.created.id, body: "A note" } }));
      const note = await addNote({ actor: s.admin, input: { caseId: s.created.id, body: "A note" } });
      await expectRefusedToOutsiders(s, (actor) => editNote({ actor, input: { noteId: note.id, body: "Changed" } }));
    });
  });

  describe("evidence", () => {
    it("adds an evidence link with a note, audited", async () => {
      const s = await setup();
      const link = await addEvidence({
        actor: s.moderator,
        input: { caseId: s.created.id, url: "https://github.com/example/project/pull/7#r1", note: "The review comment" },
      });
      expect(await lastEvent(s.created.id)).toMatchObject({
        action: "case.evidence_added",
        after: { evidenceId: link.id, url: "https://github.com/example/project/pull/7#r1", note: "The review comment" },
      });
      expect((await getCase({ actor: s.admin, number: s.created.number })).evidence).toMatchObject([
        { url: "https://github.com/example/project/pull/7#r1", note: "The review comment", addedByName: s.moderator.name },
      ]);
    });

    it("only web links are accepted, and outsiders cannot add evidence", async () => {
      const s = await setup();
      const before = await snapshot(db(), s.created.id);
      for (const url of ["javascript:alert(1)", "ftp://example.org/file", "not a link", ""]) {
        await expect(addEvidence({ actor: s.moderator, input: { caseId: s.created.id, url } })).rejects.toMatchObject({
          code: "invalid",
          fields: { url: expect.any(String) },
        });
      }
      expect(await snapshot(db(), s.created.id)).toEqual(before);
      await expectRefusedToOutsiders(s, (actor) => addEvidence({ actor, input: { caseId: s.created.id, url: "https://example.org/x" } }));
    });
  });
});
