import { parse } from "csv-parse/sync";
import { expect, it } from "vitest";
import { decisionCounts } from "@/components/members/decision-counts.ts";
import { RESTRICTED_CASE_NUMBER, RESTRICTED_CASE_PHRASE } from "@/lib/schemas/case-team.ts";
import { configureRateLimit } from "@/lib/server/api/rate-limit.ts";
import { exportAuditEvents } from "@/lib/server/audit/export-audit-events.ts";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events.ts";
import { addCaseTeamMember } from "@/lib/server/cases/add-case-team-member.ts";
import { getCase } from "@/lib/server/cases/get-case.ts";
import { getRestrictedCaseStub } from "@/lib/server/cases/get-restricted-case-stub.ts";
import { joinRestrictedCase } from "@/lib/server/cases/join-restricted-case.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { getDashboardSummary } from "@/lib/server/dashboard/get-dashboard-summary.ts";
import { getDecisionContext } from "@/lib/server/decisions/get-decision-context.ts";
import { buildDecisionNotice } from "@/lib/server/exports/build-decision-notice.ts";
import { exportDecisionNotice } from "@/lib/server/exports/export-decision-notice.ts";
import { exportDecisionSummaries } from "@/lib/server/exports/export-decision-summaries.ts";
import { exportTransparencyReport } from "@/lib/server/exports/export-transparency-report.ts";
import { getTransparencyReport } from "@/lib/server/exports/get-transparency-report.ts";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { listMembers } from "@/lib/server/members/list-members.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { api, caseBody } from "./api-helpers.ts";
import { newActor } from "./cases-helpers.ts";
import { daysAgo, decide, logCase, member, RATIONALE } from "./case-team-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

/*
 * Every read surface, for a case restricted to its case team: a moderator, a viewer and an admin
 * outside the team find nothing of it (the admin only its stub), the team finds all of it. Each
 * test builds its own story with new people, so the differences between what the team and the
 * others see come from its restricted cases alone.
 */

const today = () => new Date().toISOString().slice(0, 10);
const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describeEachBackend("a restricted case is invisible outside its case team", ({ db }) => {
  /**
   * A subject with a Warning (protecting a person) in a restricted case and a second restricted
   * case, new and unassigned; then an open case against them, involving the protected person
   * inside the no-contact period: a breach of that restricted Warning.
   */
  async function story() {
    const teamMod = await newActor(db(), "moderator");
    const teamViewer = await newActor(db(), "viewer");
    const teamAdmin = await newActor(db(), "admin");
    const outside = {
      admin: await newActor(db(), "admin"),
      moderator: await newActor(db(), "moderator"),
      viewer: await newActor(db(), "viewer"),
    };
    const word = unique("hush");
    const subject = await member(`Subject ${word}`);
    const protectedPerson = await member("Protected");
    const restricted = await logCase(teamMod, subject.id, {
      restricted: true,
      involved: [{ memberId: protectedPerson.id }],
      occurredAt: daysAgo(3).toISOString(),
      space: "slack",
      standards: ["harassment"],
      description: `Restricted incident ${word}`,
    });
    await addCaseTeamMember({ actor: teamMod, input: { caseId: restricted.id, userId: teamViewer.id } });
    await joinRestrictedCase({ actor: teamAdmin, input: { number: restricted.number, reason: "Board review of this incident." } });
    const warning = await decide(teamMod, restricted.id, {
      level: "warning",
      noContact: { days: 15, startsAt: daysAgo(2), protectedMemberIds: [protectedPerson.id] },
    });
    const second = await logCase(teamMod, subject.id, { restricted: true, description: `Second restricted ${word}` });
    const open = await logCase(outside.moderator, subject.id, {
      involved: [{ memberId: protectedPerson.id }],
      occurredAt: daysAgo(1).toISOString(),
    });
    expect(open.breach).toMatchObject({ decisionId: warning.id });
    const hiddenNumbers = [restricted.number, second.number];
    const hiddenIds = [restricted.id, second.id, warning.id];
    return {
      team: [teamMod, teamViewer, teamAdmin],
      teamMod,
      teamViewer,
      teamAdmin,
      outside,
      outsiders: [outside.admin, outside.moderator, outside.viewer],
      word,
      subject,
      restricted,
      warning,
      second,
      open,
      hiddenNumbers,
      hiddenIds,
      /** Asserts that nothing of the restricted cases is in what an outsider was given. */
      expectNothingOf(value: unknown) {
        const json = JSON.stringify(value);
        for (const secret of [...hiddenNumbers, ...hiddenIds, `Restricted incident ${word}`]) expect(json).not.toContain(secret);
      },
    };
  }

  /** Every page of the list under this query: the numbers and the total the page shows. */
  async function allNumbers(actor: Actor, query: Record<string, string>) {
    const numbers: string[] = [];
    let page = 1;
    let total = 0;
    for (;;) {
      const list = await listCases({ actor, query: { ...query, page: String(page) } });
      total = list.total;
      numbers.push(...list.rows.map((r) => r.number));
      if (page >= list.pageCount) break;
      page += 1;
    }
    return { numbers, total };
  }

  it("the case page: the team reads it; outsiders are told it does not exist, an admin sees only its stub", async () => {
    const s = await story();
    for (const actor of s.team) expect((await getCase({ actor, number: s.restricted.number })).access).toBe("full");
    for (const actor of s.outsiders) {
      for (const number of s.hiddenNumbers)
        await expect(getCase({ actor, number })).rejects.toMatchObject({ code: "not_found", message: "This case does not exist" });
      await expect(getDecisionContext({ actor, caseId: s.restricted.id })).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await getRestrictedCaseStub({ actor: s.outside.admin, number: s.restricted.number })).toEqual({
      number: s.restricted.number,
      status: "decided",
      restricted: true,
    });
    for (const actor of [s.outside.moderator, s.outside.viewer]) {
      await expect(getRestrictedCaseStub({ actor, number: s.restricted.number })).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("the cases list leaves it out, with and without filters and in search by number, description or subject name; totals match the rows", async () => {
    const s = await story();
    const queries: Record<string, string>[] = [
      {},
      { status: "decided" },
      { status: "new" },
      { level: "warning" },
      { space: "slack" },
      { standard: "harassment" },
      { assignee: "unassigned" },
      { dates: "occurred", from: daysAgo(4).toISOString().slice(0, 10), to: today() },
      { q: s.restricted.number },
      { q: s.second.number },
      { q: s.word },
      { q: `Restricted incident ${s.word}` },
      { q: s.subject.displayName },
      { q: s.subject.handle },
      { sort: "number", dir: "asc" },
    ];
    for (const query of queries) {
      const seen = await Promise.all(s.outsiders.map((actor) => allNumbers(actor, query)));
      for (const { numbers, total } of seen) {
        expect(
          numbers.filter((n) => s.hiddenNumbers.includes(n)),
          JSON.stringify(query),
        ).toEqual([]);
        expect(total, JSON.stringify(query)).toBe(numbers.length);
      }
      const team = await allNumbers(s.teamMod, query);
      expect(team.total).toBe(team.numbers.length);
      // The team sees what the others see, and the restricted cases the query matches.
      expect(team.total - seen[1]!.total).toBe(team.numbers.filter((n) => s.hiddenNumbers.includes(n)).length);
    }
    expect((await allNumbers(s.teamMod, { q: s.word })).numbers.sort()).toEqual(
      [s.restricted.number, s.second.number, s.open.number].sort(),
    );
    expect((await allNumbers(s.outside.admin, { q: s.word })).numbers).toEqual([s.open.number]);
    expect((await allNumbers(s.outside.moderator, { q: s.restricted.number })).total).toBe(0);
    expect((await allNumbers(s.teamViewer, { q: s.restricted.number })).numbers).toEqual([s.restricted.number]);
  });

  it("the dashboard: counts, lists and the 12-month trend leave it out, so no total counts a case the lists omit", async () => {
    const s = await story();
    const now = new Date();
    const team = await getDashboardSummary(s.teamMod, now);
    const outside = await Promise.all(s.outsiders.map((actor) => getDashboardSummary(actor, now)));
    for (const o of outside) {
      s.expectNothingOf({ ...o, trend: [] });
      expect(o.counts.newUnassigned).toBe(team.counts.newUnassigned - 1); // the second restricted case
      expect(o.counts.awaitingDecision).toBe(team.counts.awaitingDecision);
      expect(o.counts.endingSoon).toBe(team.counts.endingSoon - 1); // the restricted Warning
      expect(o.counts.recentBreaches).toBe(team.counts.recentBreaches); // the open case breaches it: both see that
      const sum = (t: typeof o.trend) => t.reduce((n, m) => n + m.cases, 0);
      const warnings = (t: typeof o.trend) => t.reduce((n, m) => n + m.decisions.warning, 0);
      expect(sum(o.trend)).toBe(sum(team.trend) - 2);
      expect(warnings(o.trend)).toBe(warnings(team.trend) - 1);
      // The breach stands, and the Warning it breaches is not named.
      expect(o.breaches.find((b) => b.caseNumber === s.open.number)).toMatchObject({ breachedCaseNumber: RESTRICTED_CASE_NUMBER });
    }
    expect(team.endingSoon.map((e) => e.caseNumber)).toContain(s.restricted.number);
    expect(team.breaches.find((b) => b.caseNumber === s.open.number)).toMatchObject({ breachedCaseNumber: s.restricted.number });
  });

  it("member pages: the cases are absent, the standing and decision counts come from the visible cases, and so does the members list", async () => {
    const s = await story();
    for (const actor of s.outsiders) {
      const h = await getMemberHistory({ actor, memberId: s.subject.id });
      if (h.kind !== "full") throw new Error(h.kind);
      s.expectNothingOf(h);
      expect(h.cases.map((c) => c.number)).toEqual([s.open.number]);
      expect(h.cases[0]!.breachOf).toEqual({ caseNumber: RESTRICTED_CASE_NUMBER });
      expect(h.standing).toEqual({ status: "good" });
      expect(h.noContact).toEqual([]);
      expect(decisionCounts(h.cases)).toBeNull();
      const list = await listMembers({ actor, input: { q: s.word } });
      expect(list.rows).toEqual([expect.objectContaining({ id: s.subject.id, caseCount: 1, standing: { status: "good" } })]);
    }
    const h = await getMemberHistory({ actor: s.teamMod, memberId: s.subject.id });
    if (h.kind !== "full") throw new Error(h.kind);
    expect(h.cases.map((c) => c.number)).toEqual([s.restricted.number, s.second.number, s.open.number]);
    expect(h.cases[2]!.breachOf).toEqual({ caseNumber: s.restricted.number });
    expect(h.standing.status).toBe("warned");
    expect(h.noContact.map((t) => t.caseNumber)).toEqual([s.restricted.number]);
    expect(decisionCounts(h.cases)).toBe("1 Warning");
    const list = await listMembers({ actor: s.teamMod, input: { q: s.word } });
    expect(list.rows).toEqual([expect.objectContaining({ caseCount: 3, standing: expect.objectContaining({ status: "warned" }) })]);
  });

  it("the ladder still counts a decision in a case the decider cannot see, and names it only as a restricted case", async () => {
    const s = await story();
    const outside = await getDecisionContext({ actor: s.outside.moderator, caseId: s.open.id });
    s.expectNothingOf({
      ...outside,
      recommendation: { ...outside.recommendation, breach: { ...outside.recommendation.breach, decisionId: null } },
    });
    expect(outside.recommendation).toMatchObject({
      level: "permanent_ban",
      mandatory: true,
      breach: { caseNumber: RESTRICTED_CASE_NUMBER },
    });
    expect(outside.recommendation.reasons).toEqual([
      `This case breaches the no-contact terms of the Warning in ${RESTRICTED_CASE_PHRASE}: the guidelines say that violating these terms will lead to a permanent ban.`,
    ]);
    const team = await getDecisionContext({ actor: s.teamMod, caseId: s.open.id });
    expect(team.recommendation.reasons[0]).toContain(`Warning in case ${s.restricted.number}`);

    // Without a breach: the restricted Warning still makes a further violation a pattern.
    const later = await logCase(s.outside.moderator, s.subject.id);
    const next = await getDecisionContext({ actor: s.outside.moderator, caseId: later.id });
    expect(next.recommendation).toMatchObject({ level: "permanent_ban", mandatory: false });
    expect(next.recommendation.reasons).toEqual([
      `The member already received a Warning (${RESTRICTED_CASE_PHRASE}): a further violation shows a pattern of violation, which calls for a Permanent ban.`,
    ]);

    // The open case's page: the breach stands, unnamed, and its history does not name it either.
    const page = await getCase({ actor: s.outside.viewer, number: s.open.number });
    expect(page.breach).toMatchObject({ caseNumber: null });
    s.expectNothingOf({ ...page, breach: { ...page.breach, decisionId: null } });
    const teamPage = await getCase({ actor: s.teamMod, number: s.open.number });
    expect(teamPage.breach).toMatchObject({ caseNumber: s.restricted.number });
    expect(JSON.stringify(teamPage.audit)).toContain(s.restricted.number);
  });

  it("exports: decision summaries in every mode and format, the transparency report and decision notices leave it out", async () => {
    const s = await story();
    const filter = { from: today(), to: today() };
    const rowsOf = async (actor: Actor, mode: string, format: string) => {
      const out = await exportDecisionSummaries({
        actor,
        input: { ...filter, mode, format, ...(mode === "full" ? { reason: "Annual review of decisions." } : {}) },
      });
      return { rows: out.rows, body: await text(out.stream) };
    };
    for (const format of ["csv", "json", "markdown"]) {
      for (const mode of ["internal", "public", "full"]) {
        const team = await rowsOf(mode === "full" ? s.teamAdmin : s.teamMod, mode, format);
        expect(team.body, `${mode} ${format}`).toContain(s.restricted.number);
        const outsiders = mode === "full" ? [s.outside.admin] : s.outsiders;
        for (const actor of outsiders) {
          const out = await rowsOf(actor, mode, format);
          s.expectNothingOf(out.body);
          expect(out.rows, `${mode} ${format}`).toBe(team.rows - 1);
        }
      }
    }
    const json = JSON.parse((await rowsOf(s.outside.moderator, "internal", "json")).body) as unknown[];
    expect(json).toHaveLength((await rowsOf(s.outside.moderator, "internal", "json")).rows);

    const year = new Date().getUTCFullYear();
    const report = (actor: Actor) => getTransparencyReport({ actor, input: { period: "month", year, threshold: 1 } });
    const teamReport = await report(s.teamMod);
    for (const actor of s.outsiders) {
      const r = await report(actor);
      expect(r.total.cases).toBe((teamReport.total.cases as number) - 2);
      expect(r.total.outcomes.warning).toBe((teamReport.total.outcomes.warning as number) - 1);
      const csv = await exportTransparencyReport({ actor, input: { period: "month", year, threshold: 1 }, format: "csv" });
      expect(csv.body).toContain(String(r.total.cases));
    }

    const notice = await buildDecisionNotice({ actor: s.teamViewer, input: { decisionId: s.warning.id } });
    expect(notice.text).toContain(s.restricted.number);
    for (const actor of s.outsiders) {
      const events = await db().prisma.auditEvent.count();
      await expect(buildDecisionNotice({ actor, input: { decisionId: s.warning.id } })).rejects.toMatchObject({ code: "not_found" });
      await expect(exportDecisionNotice({ actor, input: { decisionId: s.warning.id }, format: "txt" })).rejects.toMatchObject({
        code: "not_found",
      });
      if (actor.role !== "viewer") {
        await expect(markNoticeSent({ actor, input: { decisionId: s.warning.id } })).rejects.toMatchObject({ code: "not_found" });
      }
      expect(await db().prisma.auditEvent.count()).toBe(events);
    }
  });

  it("the audit log and its downloads leave out every event about it and its decisions, with the page's own filter", async () => {
    const s = await story();
    const about = (entityId: string | null) => entityId !== null && s.hiddenIds.includes(entityId);
    for (const entityId of s.hiddenIds) {
      expect((await listAuditEvents({ actor: s.outside.admin, input: { entityId } })).total).toBe(0);
      // The admin who joined the first case's team sees its events and its decision's, not the second case's.
      expect((await listAuditEvents({ actor: s.teamAdmin, input: { entityId } })).total > 0).toBe(entityId !== s.second.id);
    }
    const teamActions = (await listAuditEvents({ actor: s.teamAdmin, input: { entityId: s.restricted.id } })).rows.map((r) => r.action);
    expect(teamActions).toEqual(
      expect.arrayContaining(["case.created", "case.team_member_added", "case.team_joined", "case.status_changed"]),
    );

    const csv = parse(await text(await exportAuditEvents({ actor: s.outside.admin, input: {}, format: "csv" })), { columns: true }) as {
      entityId: string;
    }[];
    expect(csv.filter((r) => about(r.entityId || null))).toEqual([]);
    const lines = (await text(await exportAuditEvents({ actor: s.outside.admin, input: {}, format: "jsonl" })))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { entityId: string | null; seq: string });
    expect(lines.filter((l) => about(l.entityId))).toEqual([]);
    const teamLines = (await text(await exportAuditEvents({ actor: s.teamAdmin, input: {}, format: "jsonl" })))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { entityId: string | null });
    const onTeam = await db().prisma.auditEvent.count({ where: { entityId: { in: [s.restricted.id, s.warning.id] } } });
    expect(teamLines.filter((l) => about(l.entityId))).toHaveLength(onTeam);

    // The page and the download apply one filter: the same events, in the same number.
    const page = await listAuditEvents({ actor: s.outside.admin, input: { entityType: "case" } });
    const download = (await text(await exportAuditEvents({ actor: s.outside.admin, input: { entityType: "case" }, format: "jsonl" })))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: string });
    expect(download).toHaveLength(page.total);
    expect(
      download
        .slice(-page.rows.length)
        .map((l) => l.seq)
        .reverse(),
    ).toEqual(page.rows.map((r) => r.seq.toString()));
  });

  it("the API: 404 for every token whose owner is not on the team, an admin's too; absent from decisions and member lookups", async () => {
    configureRateLimit({ capacity: 1e9, perMinute: 1e9 });
    const s = await story();
    const tokenOf = async (actor: Actor, scope: "read" | "write" = "read") =>
      (await createApiToken({ actor, input: { name: `bot ${unique()}`, scope } })).secret;
    const teamClient = api(await tokenOf(s.teamMod));
    expect((await teamClient.getCase(s.restricted.number)).status).toBe(200);
    expect(JSON.stringify((await teamClient.decisions({ from: today() })).body)).toContain(s.restricted.number);
    const teamLookup = await teamClient.lookup({ space: "github", handle: s.subject.handle });
    expect((teamLookup.body.cases as { number: string }[]).map((c) => c.number)).toEqual([
      s.restricted.number,
      s.second.number,
      s.open.number,
    ]);
    expect(teamLookup.body.standing).toMatchObject({ status: "warned" });
    expect((await teamClient.getCase(s.open.number)).body.breach).toEqual({ caseNumber: s.restricted.number });

    for (const actor of s.outsiders) {
      const client = api(await tokenOf(actor, actor.role === "viewer" ? "read" : "write"));
      for (const number of s.hiddenNumbers) {
        const res = await client.getCase(number);
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: { code: "not_found", message: "This case does not exist" } });
      }
      if (actor.role !== "viewer") {
        const events = await db().prisma.auditEvent.count();
        const res = await client.decide(s.second.number, { level: "reminder", rationale: RATIONALE });
        expect(res.status).toBe(404);
        expect(await db().prisma.auditEvent.count()).toBe(events);
      }
      const decisions = await client.decisions({ from: today() });
      s.expectNothingOf(decisions.body);
      const lookup = await client.lookup({ space: "github", handle: s.subject.handle });
      s.expectNothingOf(lookup.body);
      expect((lookup.body.cases as { number: string }[]).map((c) => c.number)).toEqual([s.open.number]);
      expect(lookup.body.standing).toEqual({ status: "good" });
      const open = await client.getCase(s.open.number);
      expect(open.body.breach).toEqual({ caseNumber: null });
      // Only a token that may decide gets the ladder's reasons; they name the restricted case as such.
      if (actor.role === "viewer") expect(open.body.recommendation).toBeNull();
      else expect((open.body.recommendation as { reasons: string[] }).reasons[0]).toContain(RESTRICTED_CASE_PHRASE);
      s.expectNothingOf(open.body);
    }

    // A case logged through the API gets the ladder's recommendation, the restricted case unnamed.
    const writer = api(await tokenOf(s.outside.moderator, "write"));
    const created = await writer.createCase(caseBody(s.subject.handle));
    expect(created.status).toBe(201);
    expect(created.body.recommendation).toEqual({
      level: "permanent_ban",
      reasons: [
        `The member already received a Warning (${RESTRICTED_CASE_PHRASE}): a further violation shows a pattern of violation, which calls for a Permanent ban.`,
      ],
    });
  });
});
