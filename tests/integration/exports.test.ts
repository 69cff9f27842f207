import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { expect, it } from "vitest";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { recordDecision } from "@/lib/server/decisions/record-decision.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { exportDecisionSummaries } from "@/lib/server/exports/export-decision-summaries.ts";
import { exportTransparencyReport } from "@/lib/server/exports/export-transparency-report.ts";
import { getTransparencyReport } from "@/lib/server/exports/get-transparency-report.ts";
import { createMember } from "@/lib/server/members/create-member.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import type { TLevel, TSpace } from "@/lib/schemas/vocabulary.ts";
import { RENDERERS, renderBlocks, tableRows, unsafeMarkup } from "../support/markdown-render.ts";
import { createTestActor, describeEachBackend, unique } from "./harness.ts";
import { DAY } from "@/lib/policy/durations.ts";

/*
 * Decision summaries and the transparency report against the real databases. Each test
 * works in a year of its own (cases logged and decided then, through the app's own options
 * for the past), and filters exports by it, so tests never see each other's records. The
 * years lie in the past (when it happened cannot be in the future), after 1990 (the earliest
 * the case form takes); the property test takes single days of its own from the 1990s.
 */

const HEADERS = [
  "Case number",
  "Decided at",
  "Level",
  "Standards",
  "Space",
  "Rationale",
  "No-contact period",
  "Member",
  "Moderator",
  "Reversed",
];
const system = { system: true as const, label: "test" };
let nextYear = 2001 + Math.floor(Math.random() * 5);
let nextPropertyDay = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 100) * DAY;

/**
 * The Markdown tables of an export as a reader sees them (rendered by micromark with GFM, then
 * parsed as HTML), as records keyed by the header row: nothing but tables, rows, cells and line
 * breaks, and links only to http(s).
 */
function parseMarkdownTable(text: string): Record<string, string>[] {
  const blocks = renderBlocks(RENDERERS[0]!, text).filter((b) => b.tag === "table");
  expect(unsafeMarkup(blocks, ["table", "thead", "tbody", "tr", "th", "td", "br", "a"])).toEqual([]);
  return blocks.flatMap((table) => {
    const [keys, ...rows] = tableRows(table);
    return rows.map((r) => Object.fromEntries(r.map((c, i) => [keys![i]!, c])));
  });
}

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describeEachBackend("exports", ({ db }) => {
  const prisma = () => db().prisma;

  const actorOf = (role: "admin" | "moderator" | "viewer", memberId: string | null = null) => createTestActor(db(), role, memberId);
  /** The admin who decides (unless a test names the moderator) and hears appeals in this database. */
  let appeals: Promise<Actor> | undefined;
  const teamAdmin = () => (appeals ??= actorOf("admin"));

  /** A member added through the Members page's domain function, named exactly so, with a GitHub handle of their own. */
  async function memberNamed(displayName: string, handle = unique("gh")) {
    const created = await createMember({ actor: system, input: { displayName, identities: [{ space: "github", handle }] } });
    return { id: created.id, displayName: created.displayName };
  }
  const member = (name = "Member") => memberNamed(`${name} ${unique()}`);

  type CaseOpts = {
    subjectId: string;
    at: Date;
    reporter?: { kind: "member"; memberId: string } | { kind: "contact"; name: string; contact: string } | { kind: "anonymous" };
    involved?: string[];
    space?: TSpace;
    standards?: string[];
    description?: string;
  };
  /** A case logged through the app at `at` (createCase's loggedAt, as the demo seed replays its story): numbered in that year. */
  async function makeCase(o: CaseOpts) {
    const r = o.reporter ?? { kind: "anonymous" };
    const created = await createCase(
      {
        actor: system,
        input: {
          subject: { memberId: o.subjectId },
          reporter:
            r.kind === "member"
              ? { kind: "member", member: { memberId: r.memberId } }
              : r.kind === "contact"
                ? { kind: "contact", name: r.name, email: r.contact }
                : { kind: "anonymous" },
          involved: (o.involved ?? []).map((memberId) => ({ memberId })),
          space: o.space ?? "github",
          occurredAt: o.at,
          standards: o.standards ?? ["trolling-insults"],
          description: o.description ?? "Test incident",
          evidence: [],
        },
      },
      { loggedAt: o.at },
    );
    return { id: created.id, number: created.number };
  }

  const version = async (caseId: string) =>
    (await prisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
  /** Moves a case along its statuses as the case page does (changeCaseStatus), now or `at` (as the demo seed does). */
  async function moveCase(caseId: string, status: "investigating" | "closed" | "dismissed", reason?: string, at?: Date) {
    await changeCaseStatus({ actor: await teamAdmin(), input: { caseId, version: await version(caseId), status, reason } }, { at });
  }

  type DecisionOpts = {
    level: TLevel | null;
    decidedAt: Date;
    /** Who decides: the team's admin unless given. */
    by?: Actor;
    rationale?: string;
    publicSummary?: string;
    noContactDays?: number;
    /** A Warning protects at least one person: by id, and / or the case's reporter by role (never named). */
    protect?: string[];
    protectReporter?: boolean;
    reversed?: boolean;
    /** When the reversal is recorded (reverseDecision's option, as the demo seed uses it): now unless given. */
    reversedAt?: Date;
  };
  /**
   * Decides a case through the app (recordDecision, at `decidedAt` as the demo seed does: a Warning's
   * period starts then), with a justification for a level other than the one the ladder recommends;
   * a reversal is recorded by the team's admin (reverseDecision), now or at `reversedAt`.
   */
  async function decide(caseId: string, o: DecisionOpts) {
    const d = await recordDecision(
      {
        actor: o.by ?? (await teamAdmin()),
        input: {
          caseId,
          version: await version(caseId),
          level: o.level ?? "none",
          rationale: o.rationale ?? `Rationale for this test ${unique()}`,
          justification: "The level this test needs.",
          publicSummary: o.publicSummary,
          noContact: o.noContactDays
            ? {
                days: o.noContactDays,
                startsAt: o.decidedAt,
                protectedMemberIds: o.protect ?? [],
                protect: o.protectReporter ? ["reporter" as const] : [],
              }
            : undefined,
        },
      },
      { decidedAt: o.decidedAt },
    );
    const reversal = o.reversed
      ? await reverseDecision(
          { actor: await teamAdmin(), input: { decisionId: d.id, reason: "On appeal: the evidence did not hold up." } },
          { reversedAt: o.reversedAt },
        )
      : null;
    return { id: d.id, reversedAt: reversal?.reversedAt ?? null };
  }

  const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
  const day = (year: number, month: number, d: number) => new Date(Date.UTC(year, month - 1, d, 12));

  it("internal CSV, JSON and Markdown parse back to the decisions in the database; reversed ones are marked; each export is audited first", async () => {
    const year = nextYear++;
    const admin = await actorOf("admin");
    const moderator = await actorOf("moderator");
    const subject = await member("Subject");
    const other = await member("Other");
    const reporter = await member("Reporter");
    const involved = await member("Involved");
    const c1 = await makeCase({
      subjectId: subject.id,
      at: day(year, 2, 1),
      reporter: { kind: "member", memberId: reporter.id },
      involved: [involved.id],
    });
    const c2 = await makeCase({
      subjectId: other.id,
      at: day(year, 3, 1),
      space: "slack",
      standards: ["slack-mass-mention", "slack-cross-posting"],
    });
    const c3 = await makeCase({ subjectId: subject.id, at: day(year, 4, 1) });
    const d1 = await decide(c1.id, {
      level: "warning",
      decidedAt: day(year, 2, 10),
      by: moderator,
      rationale: 'Line one, "quoted"\nline two | with a pipe <b>bold</b>',
      noContactDays: 90,
      protect: [involved.id],
      protectReporter: true,
    });
    const d2 = await decide(c2.id, { level: "reminder", decidedAt: day(year, 3, 5), by: moderator, reversed: true });
    const reversedAt = d2.reversedAt!.toISOString();
    await decide(c3.id, { level: null, decidedAt: day(year, 4, 5), by: admin });

    const input = { ...yearRange(year), mode: "internal" };
    const csvExport = await exportDecisionSummaries({ actor: admin, input: { ...input, format: "csv" } });
    expect(csvExport.rows).toBe(3);
    // Audited before a single row is read.
    const audit = await prisma().auditEvent.findFirst({
      where: { action: "export.created", actorUserId: admin.id },
      orderBy: { seq: "desc" },
    });
    expect(audit?.metadata).toEqual({
      kind: "decision-summaries",
      mode: "internal",
      format: "csv",
      filters: { from: `${year}-01-01`, to: `${year}-12-31` },
      rows: 3,
    });
    const records = parse(await text(csvExport.stream), { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(HEADERS);
    expect(records).toEqual([
      {
        "Case number": c1.number,
        "Decided at": day(year, 2, 10).toISOString(),
        Level: "warning",
        Standards: "trolling-insults",
        Space: "github",
        Rationale: 'Line one, "quoted"\nline two | with a pipe <b>bold</b>',
        "No-contact period": `${year}-02-10/${new Date(day(year, 2, 10).getTime() + 90 * DAY).toISOString().slice(0, 10)}`,
        Member: subject.displayName,
        Moderator: moderator.name,
        Reversed: "",
      },
      {
        "Case number": c2.number,
        "Decided at": day(year, 3, 5).toISOString(),
        Level: "reminder",
        Standards: "slack-mass-mention; slack-cross-posting",
        Space: "slack",
        Rationale: expect.stringMatching(/^Rationale /),
        "No-contact period": "",
        Member: other.displayName,
        Moderator: moderator.name,
        Reversed: reversedAt,
      },
      expect.objectContaining({ "Case number": c3.number, Level: "none", Moderator: admin.name, Reversed: "" }),
    ]);

    const json = JSON.parse(await text((await exportDecisionSummaries({ actor: admin, input: { ...input, format: "json" } })).stream));
    expect(json).toHaveLength(3);
    expect(json[0]).toEqual({
      caseNumber: c1.number,
      decidedAt: day(year, 2, 10).toISOString(),
      level: "warning",
      standards: ["trolling-insults"],
      space: "github",
      rationale: 'Line one, "quoted"\nline two | with a pipe <b>bold</b>',
      noContactPeriod: { startsAt: day(year, 2, 10).toISOString(), endsAt: new Date(day(year, 2, 10).getTime() + 90 * DAY).toISOString() },
      member: subject.displayName,
      moderator: moderator.name,
      reversed: null,
    });
    expect(json[1].reversed).toBe(reversedAt);

    const md = parseMarkdownTable(
      await text((await exportDecisionSummaries({ actor: admin, input: { ...input, format: "markdown" } })).stream),
    );
    expect(md).toEqual(records.map((r) => ({ ...r })));

    const all = `${JSON.stringify(json)}${JSON.stringify(records)}`;
    expect(all).not.toContain(reporter.displayName);
    expect(all).not.toContain(involved.displayName);
    expect(d1.id).toBeTruthy();
    const formats = await prisma().auditEvent.findMany({
      where: { action: "export.created", actorUserId: admin.id },
      orderBy: { seq: "asc" },
    });
    expect(formats.map((e) => (e.metadata as { format: string }).format)).toEqual(["csv", "json", "markdown"]);
  });

  it("filters by level, space, standard and status", async () => {
    const year = nextYear++;
    const viewer = await actorOf("viewer");
    const s = await member();
    const a = await makeCase({ subjectId: s.id, at: day(year, 1, 2), space: "discord", standards: ["harassment"] });
    const b = await makeCase({ subjectId: s.id, at: day(year, 1, 3), space: "github", standards: ["doxxing"] });
    await decide(a.id, { level: "reminder", decidedAt: day(year, 1, 4) });
    await moveCase(a.id, "closed");
    await decide(b.id, { level: "permanent_ban", decidedAt: day(year, 1, 5) });
    const c = await makeCase({ subjectId: s.id, at: day(year, 1, 6) });
    await decide(c.id, { level: null, decidedAt: day(year, 1, 7) });
    // Decided with no action, closed, then reopened and dismissed: a dismissed case that has a decision.
    await moveCase(c.id, "closed");
    await moveCase(c.id, "investigating", "New information from the reporter");
    await moveCase(c.id, "dismissed", "The messages were not the member's");
    const numbers = async (filters: Record<string, string>) =>
      (
        JSON.parse(
          await text((await exportDecisionSummaries({ actor: viewer, input: { ...yearRange(year), format: "json", ...filters } })).stream),
        ) as { caseNumber: string }[]
      ).map((r) => r.caseNumber);
    expect(await numbers({})).toEqual([a.number, b.number, c.number]);
    expect(await numbers({ level: "permanent_ban" })).toEqual([b.number]);
    expect(await numbers({ level: "none" })).toEqual([c.number]);
    expect(await numbers({ space: "discord" })).toEqual([a.number]);
    expect(await numbers({ standard: "doxxing" })).toEqual([b.number]);
    expect(await numbers({ status: "closed" })).toEqual([a.number]);
    expect(await numbers({ from: `${year}-01-05`, to: `${year}-01-05` })).toEqual([b.number]);
    expect(await numbers({ space: "discord", status: "decided" })).toEqual([]);
    await expect(exportDecisionSummaries({ actor: viewer, input: { from: `${year}-02-01`, to: `${year}-01-01` } })).rejects.toMatchObject({
      code: "invalid",
      fields: { to: "The end date is before the start date" },
    });
    await expect(exportDecisionSummaries({ actor: viewer, input: { level: "severe" } })).rejects.toMatchObject({ code: "invalid" });
  });

  it("reads batch after batch without skipping or repeating a decision, even when several share the same moment", async () => {
    const year = nextYear++;
    const viewer = await actorOf("viewer");
    const s = await member();
    for (let i = 0; i < 7; i++) {
      const k = await makeCase({ subjectId: s.id, at: day(year, 2, 1 + i) });
      // Decisions 2, 3 and 4 share one decidedAt: the cursor must tell them apart by id.
      await decide(k.id, { level: "reminder", decidedAt: day(year, 3, i >= 2 && i <= 4 ? 2 : 1 + i) });
    }
    const all = await prisma().decision.findMany({
      where: { case: { subjectId: s.id } },
      orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
      select: { case: { select: { number: true } } },
    });
    const expected = all.map((d) => d.case.number);
    for (const batchSize of [1, 2, 3, 100]) {
      const out = await exportDecisionSummaries({ actor: viewer, input: { ...yearRange(year), format: "json" }, batchSize });
      const rows = JSON.parse(await text(out.stream)) as { caseNumber: string }[];
      expect(rows.map((r) => r.caseNumber)).toEqual(expected);
      expect(out.rows).toBe(7);
    }
  });

  it("public mode: members become stable pseudonyms within the export, moderators and rationales are left out unless there is a public summary", async () => {
    const year = nextYear++;
    const moderator = await actorOf("moderator");
    const x = await member("Xavier");
    const y = await member("Yolanda");
    const cases = [];
    for (const [i, who] of [x, y, x].entries()) {
      const c = await makeCase({ subjectId: who.id, at: day(year, 5, 1 + i) });
      await decide(c.id, {
        level: "reminder",
        decidedAt: day(year, 5, 10 + i),
        by: moderator,
        rationale: `Private rationale ${unique()}`,
        publicSummary: i === 1 ? "A reminder about mass mentions." : undefined,
      });
      cases.push(c);
    }
    const csvText = await text((await exportDecisionSummaries({ actor: moderator, input: { ...yearRange(year), mode: "public" } })).stream);
    const rows = parse(csvText, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Member)).toEqual(["Member A", "Member B", "Member A"]);
    expect(rows.map((r) => r.Rationale)).toEqual(["", "A reminder about mass mentions.", ""]);
    expect(rows.every((r) => r.Moderator === "")).toBe(true);
    for (const secret of [x.displayName, y.displayName, moderator.name, "Private rationale"]) expect(csvText).not.toContain(secret);
    // Independent across exports: a narrower export starts again from A.
    const second = parse(
      await text(
        (await exportDecisionSummaries({ actor: moderator, input: { from: `${year}-05-11`, to: `${year}-05-11`, mode: "public" } })).stream,
      ),
      { columns: true, bom: true },
    ) as Record<string, string>[];
    expect(second.map((r) => r.Member)).toEqual(["Member A"]);
  });

  it("full mode is for admins only and needs a reason; it adds the reporter and involved people, withheld where the admin is recused, and is audited with its reason", async () => {
    const year = nextYear++;
    const involved = await member("Involved");
    const subject = await member("Subject");
    const admin = await actorOf("admin");
    const recusedAdmin = await actorOf("admin", involved.id);
    const c1 = await makeCase({
      subjectId: subject.id,
      at: day(year, 6, 1),
      reporter: { kind: "contact", name: "Pat Contact", contact: "pat@example.com" },
      involved: [involved.id],
    });
    const c2 = await makeCase({ subjectId: subject.id, at: day(year, 6, 2) });
    await decide(c1.id, { level: "reminder", decidedAt: day(year, 6, 3) });
    await decide(c2.id, { level: "warning", decidedAt: day(year, 6, 4), noContactDays: 30, protect: [(await member("Protected")).id] });
    const input = { ...yearRange(year), mode: "full", reason: "Appeal review requested by the board" };

    for (const role of ["moderator", "viewer"] as const) {
      await expect(exportDecisionSummaries({ actor: await actorOf(role), input })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(exportDecisionSummaries({ actor: admin, input: { ...input, reason: "" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { reason: expect.stringContaining("give the reason") },
    });
    const before = await prisma().auditEvent.count({ where: { action: "export.created" } });

    const rows = parse(await text((await exportDecisionSummaries({ actor: admin, input })).stream), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([...HEADERS, "Reporter", "Involved people"]);
    expect(rows.map((r) => [r.Reporter, r["Involved people"]])).toEqual([
      ["Pat Contact <pat@example.com>", involved.displayName],
      ["Anonymous", ""],
    ]);
    const event = await prisma().auditEvent.findFirst({
      where: { action: "export.created", actorUserId: admin.id },
      orderBy: { seq: "desc" },
    });
    expect(event?.metadata).toMatchObject({ mode: "full", reason: "Appeal review requested by the board", rows: 2 });
    expect(await prisma().auditEvent.count({ where: { action: "export.created" } })).toBe(before + 1);

    const recused = parse(await text((await exportDecisionSummaries({ actor: recusedAdmin, input })).stream), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(recused[0]!.Reporter).toBe("Withheld (you are recused from this case)");
    expect(recused[1]!.Reporter).toBe("Anonymous");
  });

  it("cells that would run as spreadsheet formulas are neutralised in the exported CSV", async () => {
    const year = nextYear++;
    const admin = await actorOf("admin");
    // As typed into the Members and decision forms, and the cell each one becomes. The app trims names
    // and rationales, so a leading tab or carriage return never reaches a cell (neutraliseFormula
    // handles one all the same: tests/unit/csv.test.ts); the others are stored as typed.
    const payloads: [typed: string, cell: string][] = [
      ['=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
      ["+1+1", "'+1+1"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\tcmd", "cmd"],
      ["\rcmd", "cmd"],
    ];
    const rationale = (start: string) => `${start} is where this rationale starts`;
    for (const [i, [p]] of payloads.entries()) {
      const s = await memberNamed(p);
      const c = await makeCase({ subjectId: s.id, at: day(year, 7, 1 + i) });
      await decide(c.id, { level: "reminder", decidedAt: day(year, 7, 10 + i), rationale: rationale(p) });
    }
    const rows = parse(await text((await exportDecisionSummaries({ actor: admin, input: yearRange(year) })).stream), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => r.Member)).toEqual(payloads.map(([, cell]) => cell));
    expect(rows.map((r) => r.Rationale)).toEqual(payloads.map(([, cell]) => rationale(cell)));
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("a moderator who is the subject of a case never finds it in an export or in the transparency counts", async () => {
    const year = nextYear++;
    const self = await member("Moderator member");
    const moderator = await actorOf("moderator", self.id);
    const colleague = await actorOf("moderator");
    const about = await makeCase({ subjectId: self.id, at: day(year, 8, 1) });
    await decide(about.id, { level: "warning", decidedAt: day(year, 8, 2), noContactDays: 30, protect: [(await member("Protected")).id] });
    const json = async (actor: Actor) =>
      JSON.parse(await text((await exportDecisionSummaries({ actor, input: { ...yearRange(year), format: "json" } })).stream)) as unknown[];
    expect(await json(colleague)).toHaveLength(1);
    expect(await json(moderator)).toHaveLength(0);
    const report = (actor: Actor) => getTransparencyReport({ actor, input: { period: "month", year, threshold: 1 } });
    expect((await report(colleague)).total.cases).toBe(1);
    expect((await report(moderator)).total.cases).toBe(0);
    expect((await report(moderator)).total.outcomes.warning).toBe(0);
  });

  it("property: a reporter's name, contact or handle never appears in an internal or public export", async () => {
    const admin = await actorOf("admin");
    const token = fc.stringMatching(/^[a-z]{6,10}$/);
    const reporterArb = fc.oneof(
      fc.record({ kind: fc.constant("member" as const), name: token, handle: token, involved: fc.boolean() }),
      fc.record({ kind: fc.constant("contact" as const), name: token, email: token }),
    );
    const recordArb = fc.record({
      reporter: reporterArb,
      level: fc.constantFrom<TLevel | null>("reminder", "warning", "permanent_ban", null),
      reversed: fc.boolean(),
      publicSummary: fc.option(fc.constantFrom("A reminder about tone.", "A ban after repeated harassment."), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 4 }), async (records) => {
        // A day of its own (years are too few for fast-check's runs and shrinking): logged in the morning, decided at noon.
        const date = new Date(nextPropertyDay);
        nextPropertyDay += DAY;
        const hour = (h: number) => new Date(date.getTime() + h * 60 * 60 * 1000);
        const range = { from: date.toISOString().slice(0, 10), to: date.toISOString().slice(0, 10) };
        const secrets: string[] = [];
        for (const [i, r] of records.entries()) {
          const subject = await member("Subject");
          let reporter: CaseOpts["reporter"];
          let involved: string[] = [];
          if (r.reporter.kind === "member") {
            const name = `Rptr${r.reporter.name}${unique()}`;
            const handle = `rh${r.reporter.handle}${unique()}`;
            const m = await memberNamed(name, handle);
            reporter = { kind: "member", memberId: m.id };
            if (r.reporter.involved) involved = [m.id];
            secrets.push(name, handle);
          } else {
            const name = `Rptr${r.reporter.name}${unique()}`;
            const email = `rc${r.reporter.email}${unique()}@example.com`;
            reporter = { kind: "contact", name, contact: email };
            secrets.push(name, email);
          }
          const c = await makeCase({ subjectId: subject.id, at: hour(1 + i), reporter, involved });
          // A Warning protects the reporter: by role when they are confidential, among the involved when
          // they are one (by id), or someone else when the reporter is no member on record.
          const protectReporter = reporter.kind === "member" && involved.length === 0;
          await decide(c.id, {
            level: r.level,
            decidedAt: hour(12 + i),
            publicSummary: r.publicSummary,
            noContactDays: r.level === "warning" ? 30 : undefined,
            protect:
              r.level !== "warning" || protectReporter ? [] : reporter.kind === "member" ? involved : [(await member("Protected")).id],
            protectReporter: r.level === "warning" && protectReporter,
            reversed: r.reversed,
          });
        }
        for (const mode of ["internal", "public"]) {
          for (const format of ["csv", "json", "markdown"]) {
            const out = await text((await exportDecisionSummaries({ actor: admin, input: { ...range, mode, format } })).stream);
            expect(out.length).toBeGreaterThan(0);
            for (const secret of secrets) expect(out.toLowerCase()).not.toContain(secret.toLowerCase());
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  it("transparency report: counts per month, outcomes, standards and spaces, the median days to decision; small counts withheld as x with the counts that would give them away", async () => {
    const year = nextYear++;
    const viewer = await actorOf("viewer");
    const s = await member();
    // March: 4 cases on GitHub (harassment), decided after 2, 4, 6 and 10 days; one of the decisions reversed in April.
    const days = [2, 4, 6, 10];
    const protectedPerson = await member("Protected");
    for (const [i, d] of days.entries()) {
      const at = day(year, 3, 1 + i);
      const c = await makeCase({ subjectId: s.id, at, standards: ["harassment"] });
      await decide(c.id, {
        level: i < 3 ? "reminder" : "warning",
        decidedAt: new Date(at.getTime() + d * DAY),
        noContactDays: i < 3 ? undefined : 30,
        protect: [protectedPerson.id],
        reversed: i === 0,
        // The report counts a reversal in the month it was made: April.
        reversedAt: i === 0 ? day(year, 4, 15) : undefined,
      });
    }
    // May: 1 case on Slack, dismissed.
    const dismissed = await makeCase({ subjectId: s.id, at: day(year, 5, 3), space: "slack", standards: ["slack-soliciting"] });
    // Counted in the month of the dismissal: May.
    await moveCase(dismissed.id, "investigating", undefined, day(year, 5, 6));
    await moveCase(dismissed.id, "dismissed", "No violation", day(year, 5, 6));

    const report = await getTransparencyReport({ actor: viewer, input: { period: "month", year } });
    expect(report.threshold).toBe(3);
    expect(report.rows).toHaveLength(12);
    const march = report.rows[2]!;
    expect(march.period.key).toBe(`${year}-03`);
    expect(march.standards.harassment).toBe(4);
    expect(march.outcomes).toMatchObject({ reminder: 3, warning: "x", reversed: 0, dismissed: 0 });
    expect(march.medianDaysToDecision).toBe(5);
    const april = report.rows[3]!;
    expect(april.outcomes.reversed).toBe("x");
    expect(april.medianDaysToDecision).toBeNull();
    const may = report.rows[4]!;
    expect(may).toMatchObject({ cases: "x", medianDaysToDecision: null });
    expect(may.outcomes.dismissed).toBe("x");
    expect(may.spaces.slack).toBe("x");
    // May's one case is not the year's 5 minus March's 4: one of them is withheld too (here both, March's and the year's).
    expect([march.cases, report.total.cases]).toContain("x");
    expect(report.total).toMatchObject({ medianDaysToDecision: 5 });
    expect(report.total.outcomes).toMatchObject({ reminder: 3, warning: "x", dismissed: "x", reversed: "x" });
    expect(report.rows[0]).toMatchObject({ cases: 0 });
    // Every figure shown is the true count: nothing is rounded or moved, only withheld.
    const truth = { cases: [0, 0, 4, 0, 1], reminder: [0, 0, 3, 0, 0], harassment: [0, 0, 4, 0, 0] };
    report.rows.slice(0, 5).forEach((r, m) => {
      for (const [shown, value] of [
        [r.cases, truth.cases[m]],
        [r.outcomes.reminder, truth.reminder[m]],
        [r.standards.harassment, truth.harassment[m]],
      ]) {
        if (shown !== "x") expect(shown).toBe(value);
      }
    });

    const quarter = await getTransparencyReport({ actor: viewer, input: { period: "quarter", year, threshold: 5 } });
    expect(quarter.rows.map((r) => r.cases)).toEqual(["x", "x", 0, 0]);

    const csvOut = await exportTransparencyReport({ actor: viewer, input: { period: "month", year }, format: "csv" });
    const rows = parse(csvOut.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(13);
    expect(rows[2]).toMatchObject({
      Period: `${year}-03`,
      "Cases received": String(march.cases),
      Reminder: "3",
      Warning: "x",
      "Median days to decision": "5",
    });
    expect(rows[12]).toMatchObject({ Period: "Total", "Cases received": String(report.total.cases), Reminder: "3" });
    const mdOut = await exportTransparencyReport({ actor: viewer, input: { period: "month", year }, format: "markdown" });
    expect(mdOut.body).toContain("so that no person can be singled out");
    const mdRows = parseMarkdownTable(mdOut.body.split("## Cases by standard")[0]!);
    expect(mdRows.find((r) => r[""] === "Warning")).toMatchObject({ [`Mar ${year}`]: "x", Total: "x" });
    expect(mdRows.find((r) => r[""] === "Reminder")).toMatchObject({ [`Mar ${year}`]: "3", Total: "3" });
    expect(mdRows.find((r) => r[""] === "Cases received")).toMatchObject({
      [`Mar ${year}`]: String(march.cases),
      [`May ${year}`]: "x",
      Total: String(report.total.cases),
    });
    const events = await prisma().auditEvent.findMany({
      where: { action: "export.created", actorUserId: viewer.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.metadata)).toEqual([
      { kind: "transparency-report", mode: "public", format: "csv", filters: { period: "month", year, threshold: 3 }, rows: 12 },
      { kind: "transparency-report", mode: "public", format: "markdown", filters: { period: "month", year, threshold: 3 }, rows: 12 },
    ]);
  });
});
