import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, expect, signInAs, test } from "./fixtures.ts";

/*
 * Issue 13, item 6, against the running production server: hostile text in addresses and
 * query strings, hostile and malformed server-action requests, a foreign Origin and an
 * oversized body. Never a 5xx, only the documented refusals, and nothing written (the audit
 * trail records every mutation in the same transaction, so its count is the witness).
 */

const FUZZ_RUNS = Number(process.env.ACTION_FUZZ_RUNS || 400);

type ManifestEntry = { workers: Record<string, unknown>; exportedName: string; filename: string };
const MANIFEST = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "..", ".next", "server", "server-reference-manifest.json"), "utf8"),
) as {
  node: Record<string, ManifestEntry>;
};

/** Every server action: its id, its name and a page it is posted to. */
function actions(caseNumber: string, memberId: string) {
  return Object.entries(MANIFEST.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0]!;
    const route = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace("[number]", caseNumber)
      .replace("[id]", memberId);
    return { id, name: entry.exportedName, route: route || "/" };
  });
}

// Actions that take no input at all: a call is a legitimate request (Verify writes its audit event,
// signing out the other sessions and starting two-factor enrolment write theirs).
const NO_INPUT = new Set(["verifyChainAction", "signOutOtherSessions", "startEnrolment"]);
// Actions whose arguments are strings, not a form.
const STRING_ARGS = new Set(["lookupHandle", "checkHandle", "revealCaseReporter"]);
// Actions whose only argument is the form (no previous state): none since every form action is a state action.
const FORM_ONLY = new Set<string>([]);

const FIELD_NAMES = [
  // Paths, as the forms name their fields (lib/schemas/form-data.ts), and names that try to reach the prototype.
  "subject.handle",
  "reporter.member.handle",
  "involved.0.handle",
  "involved.9999.space",
  "identities.0.space",
  "noContactPreset",
  "__proto__.polluted",
  "constructor.prototype.x",
  "a..b",
  "standards[]",
  // A name nested 50,000 deep (it once overflowed the stack of the form reader: a 500).
  Array.from({ length: 50_000 }, () => "a").join("."),
  "subject",
  "space",
  "handle",
  "description",
  "reason",
  "rationale",
  "caseId",
  "status",
  "assigneeId",
  "name",
  "displayName",
  "email",
  "role",
  "password",
  "memberId",
  "userId",
  "targetId",
  "sourceId",
  "tokenId",
  "decisionId",
  "noteId",
  "body",
  "url",
  "level",
  "scope",
  "days",
  "occurredAt",
  "standards",
  "restricted",
  "active",
  "expectedUpdatedAt",
];

/** Text no field may store: each value carries a NUL, a lone surrogate or is over every limit. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => `${s}\u0000`),
  fc.string({ maxLength: 40 }).map((s) => `\u0000${s}`),
  fc.string({ maxLength: 40 }).map((s) => `${s}\uD800`),
  fc.string({ maxLength: 40 }).map((s) => `\uDC00${s}`),
  fc.constantFrom("\u0000", "\uD800", "\uDFFF", "a\uD800b", "github\u0000", "@x\u0000", "2025-01-01T00:00\u0000"),
  fc.integer({ min: 20_000, max: 200_000 }).map((n) => `${"x".repeat(n)}\u0000`),
);

/** A value as bytes on the wire: hostile text in UTF-8 (lone surrogates as CESU bytes), or bytes that are not UTF-8. */
const hostileBytes = fc.oneof(
  { weight: 4, arbitrary: hostileText.map((s) => cesu(s)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xc0, 0x80]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from("ok\u0000", "utf8"),
      Buffer.from([0x61, 0xe2, 0x82]),
    ),
  },
);

/** UTF-8, except that a lone surrogate is written as its three bytes (invalid UTF-8), as a hostile client may. */
function cesu(text: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      parts.push(Buffer.from(text.slice(i, i + 2), "utf8"));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      parts.push(Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]));
    } else {
      parts.push(Buffer.from(text[i]!, "utf8"));
    }
  }
  return Buffer.concat(parts);
}

const BOUNDARY = "----conduct-desk-fuzz-7b3f";
function multipart(parts: [string, Buffer][]): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), value, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

type Action = ReturnType<typeof actions>[number];
type Call = { action: Action; contentType: string; body: Buffer; kind: string };

/** A hostile call of one action: the app's own encoding with hostile values, or a body the app never sends. */
function calls(all: Action[]): fc.Arbitrary<Call> {
  const action = fc.constantFrom(...all.filter((a) => !NO_INPUT.has(a.name)));
  const form = fc
    .tuple(
      action,
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ minLength: 1, maxLength: 12 })), hostileBytes), {
        minLength: 1,
        maxLength: 6,
      }),
    )
    .map(([a, fields]): Call => {
      const root = STRING_ARGS.has(a.name) ? '["$K1"]' : FORM_ONLY.has(a.name) ? '["$K1"]' : '["$undefined","$K1"]';
      const named = fields.map(([name, value]): [string, Buffer] => [`1_${name.replace(/["\r\n]/g, "_")}`, value]);
      return {
        action: a,
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        body: multipart([["0", Buffer.from(root)], ...named]),
        kind: "form",
      };
    });
  const strings = fc.tuple(action, fc.array(hostileText, { minLength: 1, maxLength: 3 })).map(([a, args]): Call => ({
    action: a,
    contentType: "text/plain;charset=UTF-8",
    body: Buffer.from(JSON.stringify(args)),
    kind: "strings",
  }));
  const malformed = fc
    .tuple(
      action,
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom(
          '["$@1"]',
          '["$Q1"]',
          '["$T"]',
          '["$F1"]',
          '["$h"]',
          '["$S"]',
          '["$K"]',
          '{"__proto__":1}',
          "[",
          '["$1:0"]',
          `[${"[".repeat(500)}`,
        ),
        fc.array(fc.constant('"x"'), { minLength: 9, maxLength: 1200 }).map((a) => `[${a.join(",")}]`),
      ),
      fc.boolean(),
    )
    .map(([a, text, asForm]): Call =>
      asForm
        ? {
            action: a,
            contentType: `multipart/form-data; boundary=${BOUNDARY}`,
            body: multipart([["0", Buffer.from(text)]]),
            kind: "malformed",
          }
        : { action: a, contentType: "text/plain;charset=UTF-8", body: Buffer.from(text), kind: "malformed" },
    );
  return fc.oneof({ weight: 5, arbitrary: form }, { weight: 2, arbitrary: strings }, { weight: 3, arbitrary: malformed });
}

/** The audit trail's event count, as the Audit page shows it. */
async function auditCount(page: Page): Promise<number> {
  await page.goto("/audit");
  const heading = page.getByRole("heading", { level: 2, name: /^Events/ });
  const text = (await heading.locator("span").textContent()) ?? "";
  return Number(text.replace(/[^0-9]/g, ""));
}

async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await page.goto(listPath);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const found = hrefs.find((h) => pattern.test(h));
  expect(found).toBeTruthy();
  return found!;
}

async function postAction(request: APIRequestContext, baseURL: string, call: Call, headers: Record<string, string> = {}) {
  return request.post(call.action.route, {
    headers: { "next-action": call.action.id, "content-type": call.contentType, origin: baseURL, accept: "text/x-component", ...headers },
    data: call.body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

let target: { caseNumber: string; memberId: string };
test.beforeEach(async ({ page }) => {
  await signInAs(page, DEMO.admin);
  const casePath = await firstLink(page, "/cases", /^\/cases\/\d{4}-\d{4,}$/);
  const memberPath = await firstLink(page, "/members", /^\/members\/[^/?]+$/);
  target = { caseNumber: casePath.split("/").pop()!, memberId: memberPath.split("/").pop()! };
});

test("hostile and malformed server-action requests answer only documented refusals, never a 5xx, and write nothing", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const all = actions(target.caseNumber, target.memberId);
  expect(all.length).toBeGreaterThanOrEqual(25);
  const before = await auditCount(page);
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(calls(all), async (call) => {
      const response = await postAction(page.request, baseURL!, call);
      sent++;
      const status = response.status();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      // 200: the action ran and answered its refusal in the form's state; 400: a body the app
      // never sends; 404: no such action on this page; 413: too large.
      const text = await response.text();
      if (![200, 400, 404, 413].includes(status)) failures.push(`${status} ${call.kind} ${call.action.name}: ${text.slice(0, 200)}`);
      // A 200 carries the action's own answer, never an error Next caught (sent with a digest).
      if (status === 200 && /"digest"/.test(text)) failures.push(`thrown ${call.kind} ${call.action.name}: ${text.slice(0, 200)}`);
      return status < 500;
    }),
    { numRuns: FUZZ_RUNS, seed: Number(process.env.FUZZ_SEED || 20261201), endOnFailure: true },
  );
  console.log(
    `Action fuzz: ${sent} requests, ${[...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)} answered 5xx; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  expect(failures).toEqual([]);
  expect(await auditCount(page), "nothing was written").toBe(before);
});

test("a hostile form on a real action gets its field message, and nothing is saved", async ({ page, baseURL }) => {
  const logCase = actions(target.caseNumber, target.memberId).find((a) => a.name === "logCase")!;
  const before = await auditCount(page);
  const response = await postAction(page.request, baseURL!, {
    action: logCase,
    kind: "form",
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: multipart([
      ["0", Buffer.from('["$undefined","$K1"]')],
      ["1_subject.handle", Buffer.from("gh-someone\u0000")],
      ["1_description", cesu("Broken \uD800 text")],
    ]),
  });
  expect(response.status()).toBe(200);
  // The form's refusal, with a message for each field by its name.
  const text = await response.text();
  expect(text).toContain('"serverError"');
  expect(text).toContain('"subject.handle"');
  expect(text).toContain('"description"');
  expect(await auditCount(page)).toBe(before);
});

test("a viewer calling a moderator's action is told their role does not allow it, and nothing is saved", async ({
  signedIn,
  page,
  baseURL,
}) => {
  const all = actions(target.caseNumber, target.memberId);
  const { context, page: viewer } = await signedIn(DEMO.viewer);
  const before = await auditCount(page);
  for (const name of ["logCase", "addMember", "addTeamMember", "changeStatus", "decideCase", "createToken"]) {
    const action = all.find((a) => a.name === name)!;
    const response = await postAction(viewer.request, baseURL!, {
      action,
      kind: "form",
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: multipart([
        ["0", Buffer.from('["$undefined","$K1"]')],
        ["1_name", Buffer.from("Valid name")],
        ["1_subject", Buffer.from("gh-valid")],
        ["1_caseId", Buffer.from("c0000000000000000000000")],
      ]),
    });
    expect(response.status(), name).toBeLessThan(500);
    const text = await response.text();
    if (name === "createToken") expect(text, name).toMatch(/"serverError"|read-only|Your role does not allow this/);
    else expect(text, name).toContain("Your role does not allow this");
  }
  await context.close();
  expect(await auditCount(page)).toBe(before);
});

test("a server action posted with a foreign Origin is refused with a 403 before it runs", async ({ page, baseURL }) => {
  const logCase = actions(target.caseNumber, target.memberId).find((a) => a.name === "logCase")!;
  const before = await auditCount(page);
  const call: Call = {
    action: logCase,
    kind: "form",
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: multipart([["0", Buffer.from('["$undefined","$K1"]')]]),
  };
  for (const origin of ["https://evil.example", "null", "not an origin", `${baseURL}.evil.example`]) {
    const response = await postAction(page.request, baseURL!, call, { origin });
    expect(response.status(), origin).toBe(403);
    expect(await response.text()).toBe("This request came from another site, so it was refused and nothing was changed.");
  }
  // next-auth's sign-out form, from another site: refused too (the session survives).
  const signOut = await page.request.post("/api/auth/signout", {
    headers: { origin: "https://evil.example" },
    form: { csrfToken: "x" },
    maxRedirects: 0,
  });
  expect(signOut.status()).toBe(403);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  expect(await auditCount(page)).toBe(before);
});

test("a server-action body over 1 MB is refused with a 413 and a clear message", async ({ page, baseURL }) => {
  const logCase = actions(target.caseNumber, target.memberId).find((a) => a.name === "logCase")!;
  const before = await auditCount(page);
  const response = await postAction(page.request, baseURL!, {
    action: logCase,
    kind: "form",
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: multipart([
      ["0", Buffer.from('["$undefined","$K1"]')],
      ["1_description", Buffer.alloc(1024 * 1024 + 10, "x")],
    ]),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toBe("The form is larger than 1 MB, so nothing was saved: shorten the text and try again.");
  expect(await auditCount(page)).toBe(before);
});

const HOSTILE_QUERY_VALUES = ["%00", "%FF", "%ED%A0%80", "%uD800", "a%00b", "%C0%80", encodeURIComponent("x".repeat(5000)), "%E2%82"];
const PAGES = [
  "/",
  "/sign-in",
  "/cases",
  "/cases/new",
  "/members",
  "/members/new",
  "/members/lookup",
  "/exports",
  "/exports/transparency",
  "/audit",
  "/team",
  "/settings/tokens",
];
const QUERY_NAMES = [
  "q",
  "status",
  "page",
  "order",
  "saved",
  "error",
  "callbackUrl",
  "space",
  "handle",
  "year",
  "period",
  "from",
  "to",
  "actor",
  "action",
  "format",
  "case",
  "member",
];

test("hostile text in any query string, route parameter or export address answers a page or a 4xx, never a 5xx", async ({ page }) => {
  test.setTimeout(300_000);
  const problems: string[] = [];
  let sent = 0;
  const check = async (url: string) => {
    const response = await page.request.get(url, {
      maxRedirects: 0,
      failOnStatusCode: false,
      headers: { "sec-fetch-site": "same-origin" },
    });
    sent++;
    if (response.status() >= 500) problems.push(`${response.status()} ${url}`);
  };
  for (const value of HOSTILE_QUERY_VALUES) {
    const query = QUERY_NAMES.map((name) => `${name}=${value}`).join("&");
    for (const p of [...PAGES, `/cases/${target.caseNumber}`, `/members/${target.memberId}`, `/members/${target.memberId}/edit`])
      await check(`${p}?${query}`);
    for (const p of ["/cases/", "/members/", "/members/"]) await check(`${p}${value}`);
    await check(`/members/${value}/edit`);
    // The downloads (each one audited when it answers a file).
    await check(`/api/exports/decisions?${query}`);
    await check(`/api/exports/transparency?${query}`);
    await check(`/api/audit/export?${query}`);
    await check(`/api/exports/notice/${value}?format=${value}`);
    // The token API, signed out: 401, whatever the address.
    await check(`/api/v1/cases/${value}?${query}`);
    await check(`/api/v1/decisions?${query}`);
    await check(`/api/v1/members/lookup?${query}`);
  }
  // A Host header that is not a host name.
  for (const host of ["evil.example/<x>", "a b", "\u00e9.example"]) {
    try {
      const response = await page.request.get("/cases", { headers: { host }, maxRedirects: 0, failOnStatusCode: false });
      sent++;
      if (response.status() >= 500) problems.push(`${response.status()} Host: ${host}`);
    } catch {
      // The client itself refuses to send some of them.
    }
  }
  console.log(`Hostile addresses: ${sent} requests, ${problems.length} answered 5xx`);
  expect(problems).toEqual([]);
});
