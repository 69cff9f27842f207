import { expect, it } from "vitest";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { createCase } from "@/lib/server/cases/create-case.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { caseInput, daysAgo, decide, logCase, newActor, newMember, reverse } from "./cases-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

describeEachBackend("the case list", ({ db }) => {
  /** Cases sharing one unique word, so each test lists only its own. */
  async function world() {
    const word = unique("topic");
    const admin = await newActor(db(), "admin");
    const moderator = await newActor(db(), "moderator");
    const alice = await newMember(db(), "Alice Quartz");
    const bob = await newMember(db(), "Bob Basalt");
    // Logged 30 days ago: createCase's loggedAt, as the demo seed logs its past cases (no row is backdated).
    const a = await createCase(
      {
        actor: admin,
        input: caseInput(alice.id, {
          description: `Rude reply ${word}`,
          space: "github",
          standards: ["unprofessional"],
          occurredAt: daysAgo(40).toISOString(),
        }),
      },
      { loggedAt: daysAgo(30) },
    );
    const b = await logCase(admin, bob.id, {
      description: `Mass mention ${word}`,
      space: "slack",
      standards: ["slack-mass-mention"],
      occurredAt: daysAgo(3).toISOString(),
    });
    const c = await logCase(admin, alice.id, {
      description: `Insults ${word}`,
      space: "slack",
      standards: ["trolling-insults", "harassment"],
      occurredAt: daysAgo(10).toISOString(),
    });
    return { word, admin, moderator, alice, bob, a, b, c };
  }
  const numbers = (list: Awaited<ReturnType<typeof listCases>>) => list.rows.map((r) => r.number);

  it("lists cases newest first with the columns shown and never a reporter field", async () => {
    const w = await world();
    const list = await listCases({ actor: w.moderator, query: { q: w.word } });
    expect(list.total).toBe(3);
    expect(numbers(list)).toEqual([w.c.number, w.b.number, w.a.number]);
    expect(list.rows[0]).toEqual({
      id: w.c.id,
      number: w.c.number,
      status: "new",
      space: "slack",
      standards: ["trolling-insults", "harassment"],
      subjectName: w.alice.displayName,
      level: undefined,
      breach: false,
      assigneeName: null,
      occurredAt: expect.any(Date),
      createdAt: expect.any(Date),
    });
    expect(JSON.stringify(list.rows)).not.toMatch(/reporter/i);
  });

  it("each filter narrows the list: status, space, standard, assignee, level, dates and free text", async () => {
    const w = await world();
    const q = (query: Record<string, unknown>) => listCases({ actor: w.admin, query: { q: w.word, ...query } }).then(numbers);
    await changeCaseStatus({ actor: w.admin, input: { caseId: w.b.id, version: 1, status: "investigating" } });
    await assignCase({ actor: w.admin, input: { caseId: w.a.id, version: 1, assigneeId: w.admin.id } });
    await assignCase({ actor: w.admin, input: { caseId: w.c.id, version: 1, assigneeId: w.moderator.id } });
    expect(await q({ status: "investigating" })).toEqual([w.b.number]);
    expect(await q({ status: "new" })).toEqual([w.c.number, w.a.number]);
    // Decisions and the reversal through the app: a Reminder on a, a Warning on c reversed on appeal.
    await decide(w.admin, w.a, "reminder", { version: 2 });
    const reversed = await decide(w.admin, w.c, "warning", {
      version: 2,
      noContact: { startsAt: daysAgo(1), days: 30, protect: [w.bob.id] },
    });
    await reverse(db(), reversed.id);

    expect(await q({ status: "decided" })).toEqual([w.c.number, w.a.number]);
    expect(await q({ status: "new" })).toEqual([]);
    expect(await q({ space: "slack" })).toEqual([w.c.number, w.b.number]);
    expect(await q({ standard: "harassment" })).toEqual([w.c.number]);
    expect(await q({ assignee: "unassigned" })).toEqual([w.b.number]);
    expect(await q({ assignee: "me" })).toEqual([w.a.number]);
    expect(await q({ assignee: w.moderator.id })).toEqual([w.c.number]);
    expect(await q({ level: "reminder" })).toEqual([w.a.number]);
    expect(await q({ level: "warning" })).toEqual([]);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    expect(await q({ dates: "occurred", from: iso(daysAgo(12)), to: iso(daysAgo(5)) })).toEqual([w.c.number]);
    expect(await q({ dates: "occurred", to: iso(daysAgo(20)) })).toEqual([w.a.number]);
    expect(await q({ dates: "logged", to: iso(daysAgo(20)) })).toEqual([w.a.number]);
    expect(await q({ dates: "logged", from: iso(daysAgo(1)) })).toEqual([w.c.number, w.b.number]);
    // Free text: number, description, subject name, subject handle (any case, with or without @).
    expect(await listCases({ actor: w.admin, query: { q: w.b.number } }).then(numbers)).toEqual([w.b.number]);
    expect(await listCases({ actor: w.admin, query: { q: w.word.toUpperCase() } }).then((l) => l.total)).toBe(3);
    expect(await listCases({ actor: w.admin, query: { q: w.bob.displayName.toLowerCase() } }).then(numbers)).toEqual([w.b.number]);
    expect(await listCases({ actor: w.admin, query: { q: `@${w.alice.handle.toUpperCase()}` } }).then(numbers)).toEqual([
      w.c.number,
      w.a.number,
    ]);
    // Rows show the level of the latest decision not reversed.
    const rows = (await listCases({ actor: w.admin, query: { q: w.word } })).rows;
    expect(Object.fromEntries(rows.map((r) => [r.number, r.level]))).toEqual({
      [w.a.number]: "reminder",
      [w.b.number]: undefined,
      [w.c.number]: undefined,
    });
    expect(rows.find((r) => r.number === w.a.number)?.assigneeName).toBe(w.admin.name);
  });

  it("sorts by number, occurred date and status, either way", async () => {
    const w = await world();
    const sorted = (sort: string, dir: string) => listCases({ actor: w.admin, query: { q: w.word, sort, dir } }).then(numbers);
    expect(await sorted("number", "asc")).toEqual([w.a.number, w.b.number, w.c.number]);
    expect(await sorted("number", "desc")).toEqual([w.c.number, w.b.number, w.a.number]);
    expect(await sorted("occurred", "desc")).toEqual([w.b.number, w.c.number, w.a.number]);
    expect(await sorted("occurred", "asc")).toEqual([w.a.number, w.c.number, w.b.number]);
    await changeCaseStatus({ actor: w.admin, input: { caseId: w.a.id, version: 1, status: "dismissed", reason: "Not a violation" } });
    expect(await sorted("status", "asc")).toEqual([w.c.number, w.b.number, w.a.number]);
    expect(await sorted("status", "desc")).toEqual([w.a.number, w.c.number, w.b.number]);
  });

  it("pages by 25 with the total count; a page past the end shows the last", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db());
    const word = unique("paged");
    for (let i = 0; i < 27; i++) await logCase(admin, subject.id, { description: `Case ${i} ${word}` });
    const first = await listCases({ actor: admin, query: { q: word } });
    expect({ total: first.total, page: first.page, pageCount: first.pageCount, rows: first.rows.length }).toEqual({
      total: 27,
      page: 1,
      pageCount: 2,
      rows: 25,
    });
    const second = await listCases({ actor: admin, query: { q: word, page: "2" } });
    expect(second.rows.length).toBe(2);
    expect(new Set([...numbers(first), ...numbers(second)]).size).toBe(27);
    expect((await listCases({ actor: admin, query: { q: word, page: "9" } })).page).toBe(2);
    expect((await listCases({ actor: admin, query: { q: word, page: "junk", status: "bogus" } })).total).toBe(27);
  });

  it("a moderator who is the subject never finds the case, not even by its number", async () => {
    const w = await world();
    const asAlice = await newActor(db(), "moderator", { memberId: w.alice.id });
    expect(await listCases({ actor: asAlice, query: { q: w.word } }).then(numbers)).toEqual([w.b.number]);
    expect((await listCases({ actor: asAlice, query: { q: w.a.number } })).total).toBe(0);
    expect((await listCases({ actor: asAlice, query: {} })).rows.map((r) => r.id)).not.toContain(w.a.id);
  });
});
