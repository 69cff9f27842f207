import { expect, it } from "vitest";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { ignoredMessage } from "@/lib/server/list-query.ts";
import { logCase, newActor, newMember } from "./cases-helpers.ts";
import { api, userWithToken } from "./api-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";

/*
 * A malformed list query never fails: the case list ignores what it does not understand and says
 * which parameter and why; the JSON API answers 400 with a message per parameter.
 */
describeEachBackend("malformed list queries", ({ db }) => {
  it("the case list ignores a bad page, status, date, NUL or lone surrogate, lists the cases, and names each ignored parameter", async () => {
    const admin = await newActor(db(), "admin");
    const subject = await newMember(db(), "Listed");
    const word = unique("bad");
    await logCase(admin, subject.id, { description: `First ${word}` });
    await logCase(admin, subject.id, { description: `Second ${word}` });
    const list = await listCases({
      actor: admin,
      query: { q: word, page: "abc", status: "nope", from: "2026-13-45", to: "2026-02-31", sort: "\u0000", assignee: "\ud800" },
    });
    expect(list.total).toBe(2);
    expect(list.page).toBe(1);
    expect(list.query).toMatchObject({ q: word, sort: "logged", page: 1 });
    expect([list.query.status, list.query.from, list.query.to, list.query.assignee]).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.fromEntries(list.ignored.map((i) => [i.param, i.message]))).toEqual({
      page: "page “abc” is not a page number",
      status: "status “nope” is not a case status",
      from: "from “2026-13-45” is not a date like 2026-01-31",
      to: "to “2026-02-31” is not a date like 2026-01-31",
      sort: "sort “�” holds characters that cannot be searched",
      assignee: "assignee “�” holds characters that cannot be searched",
    });
    expect(ignoredMessage(list.ignored)).toMatch(/^Part of the address was not understood and was ignored: /);
    // Free text the database cannot take is ignored too, never sent to it.
    const nul = await listCases({ actor: admin, query: { q: `${word}\u0000` } });
    expect(nul.ignored.map((i) => i.param)).toEqual(["q"]);
    expect(nul.query.q).toBeUndefined();
    // A good query names nothing.
    expect((await listCases({ actor: admin, query: { q: word, status: "new", page: "1" } })).ignored).toEqual([]);
  });

  it("the API's decision list answers 400 with a message per bad parameter", async () => {
    const { secret } = await userWithToken("moderator", "read");
    const response = await api(secret).decisions({ from: "2026-13-45", level: "nope", limit: "abc" });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: "invalid", fields: { from: expect.any(String), level: expect.any(String), limit: expect.any(String) } },
    });
    const nul = await api(secret).decisions({ level: "\u0000" });
    expect(nul.status).toBe(400);
  });
});
