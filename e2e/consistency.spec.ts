import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { CASE_URL, DEMO, expect, expectNoViolations, hoursAgo, signInAs, status, test, uniqueHandle } from "./fixtures.ts";

/*
 * The records stay consistent (issue 12, item 8), as the team sees it: a mandatory ban whose
 * Warning was reversed is flagged for review and kept with a reason; a decided case's details
 * change only with a reason, and what the member was sent stays as sent; a stale edit keeps what
 * the second person typed beside the current values; a malformed address never breaks a list.
 * Every test makes its own members and cases (the server's data is shared by all spec files).
 */

const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Logs a case through the form (GitHub handles, anonymous reporter) and returns its number; the page is then on it. */
async function logCase(page: Page, o: { subject: string; involved?: string[]; occurredAt?: string; description: string }) {
  await page.goto("/cases/new");
  await page.getByLabel("Subject's space").selectOption("github");
  await page.getByLabel("Subject's handle").fill(o.subject);
  await page.getByRole("radio", { name: "Anonymous" }).check();
  await page.getByLabel("Space where it happened").selectOption("github");
  await page.getByLabel("When it happened (UTC)").fill(o.occurredAt ?? hoursAgo(5));
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill(o.description);
  for (const [i, handle] of (o.involved ?? []).entries()) {
    await page.getByRole("button", { name: "Add an involved person" }).click();
    await page.getByLabel(`Handle of involved person ${i + 1}`).fill(handle);
  }
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
  return CASE_URL.exec(page.url())![1]!;
}

function decisionRegion(page: Page) {
  return page.getByRole("region", { name: "Decision", exact: true });
}

/**
 * Records a decision with the decision form: the level's radio, a rationale, a justification when
 * the level is not the recommended one, 90 days of no contact for a Warning.
 */
async function decide(page: Page, level: "Reminder" | "Warning" | "Permanent ban", rationale: string, o: { deviates?: boolean } = {}) {
  const decision = decisionRegion(page);
  await page
    .getByRole("group", { name: "Level", exact: true })
    .getByRole("radio", { name: new RegExp(`^${level}`) })
    .check();
  if (o.deviates) {
    await page
      .getByRole("textbox", { name: "Justification for choosing another level" })
      .fill("The team agreed on this level for the test.");
  }
  if (level === "Warning") {
    const radio = page.getByRole("group", { name: "No-contact period", exact: true }).getByRole("radio", { name: "90 days", exact: true });
    await radio.focus();
    await page.keyboard.press("Space");
  }
  await page.getByRole("textbox", { name: "Rationale", exact: true }).fill(rationale);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(
    decision
      .getByRole("listitem")
      .filter({ hasText: /decided / })
      .filter({ hasText: rationale }),
  ).toBeVisible();
}

test("a mandatory ban whose Warning is reversed is flagged for review, on the case and the dashboard, until a moderator keeps it", async ({
  page,
  signedIn,
}) => {
  test.setTimeout(120_000);
  const subject = uniqueHandle("flagged");
  const victim = uniqueHandle("victim");
  await signInAs(page, DEMO.admin);

  // A Warning protecting the victim, then a breach of it, decided as the mandatory Permanent ban.
  const warning = await logCase(page, {
    subject,
    involved: [victim],
    occurredAt: hoursAgo(72),
    description: `Insults to ${victim} (${subject}, first).`,
  });
  await decide(page, "Warning", `Insults to a contributor: a Warning with no contact (${subject}).`, { deviates: true });
  const breach = await logCase(page, {
    subject,
    involved: [victim],
    occurredAt: hoursAgo(0),
    description: `Messaged ${victim} (${subject}).`,
  });
  await expect(page.getByText(`Breach of no-contact terms of the Warning in case ${warning}`)).toBeVisible();
  await decide(page, "Permanent ban", `Contacted the person the Warning protects, inside its period (${subject}).`);
  await expect(decisionRegion(page).getByText(/Flagged for review/)).toHaveCount(0);

  // The Warning is reversed on appeal: the breach falls away, the ban is flagged.
  await page.goto(`/cases/${warning}`);
  await page.getByRole("button", { name: "Reverse decision…" }).click();
  await page.getByRole("textbox", { name: "Reason for the reversal" }).fill("On appeal: the messages were from another account.");
  await page.getByRole("button", { name: "Record reversal" }).click();
  await expect(decisionRegion(page).getByText("Reversed", { exact: true })).toBeVisible();
  const today = shortDate.format(new Date());

  await page.goto(`/cases/${breach}`);
  await expect(page.getByText(`Breach of no-contact terms of the Warning in case ${warning}`)).toHaveCount(0);
  const flag = `Flagged for review: the breach of case ${warning}'s no-contact terms this Permanent ban rested on was reversed on ${today}.`;
  await expect(decisionRegion(page).getByText(flag, { exact: true })).toBeVisible();
  await expectNoViolations(page, "a case whose ban is flagged for review");

  await page.goto("/");
  const toReview = page.getByRole("region", { name: /^Decisions to review/ });
  const entry = toReview.getByRole("listitem").filter({ has: page.getByRole("link", { name: breach, exact: true }) });
  await expect(entry).toContainText(
    `the breach of case ${warning}'s no-contact terms this Permanent ban rested on was reversed on ${today}`,
  );
  await expectNoViolations(page, "the dashboard with a decision to review");

  // A moderator keeps the ban, with a reason (an empty one is refused, beside its field).
  const moderator = await signedIn(DEMO.moderator);
  const m = moderator.page;
  await m.goto(`/cases/${breach}`);
  await m.getByRole("button", { name: "Review: keep the decision…" }).click();
  await m.getByRole("button", { name: "Keep the decision" }).click();
  await expect(m.getByText("Give the reason for keeping the decision (at least 10 characters)", { exact: true })).toBeVisible();
  const reason = `The ban stands on the pattern of conduct across both cases (${subject}).`;
  await m.getByRole("textbox", { name: "Why the decision stands" }).fill(reason);
  await expect(m.getByRole("textbox", { name: "Why the decision stands" })).toBeFocused();
  await m.keyboard.press("Tab");
  await expect(m.getByRole("button", { name: "Keep the decision" })).toBeFocused();
  await m.keyboard.press("Enter");
  await expect(decisionRegion(m).getByText(`Reviewed ${today} by ${DEMO.moderator.name}: kept, because ${reason}`)).toBeVisible();
  await expect(decisionRegion(m).getByText(flag, { exact: true })).toHaveCount(0);
  await expect(m.getByRole("button", { name: "Review: keep the decision…" })).toHaveCount(0);
  await expectNoViolations(m, "a case whose flagged ban was kept");
  await moderator.close();

  await page.goto("/");
  await expect(page.getByRole("link", { name: breach, exact: true })).toHaveCount(0);
});

test("a decided case's details change only with a reason; the notice sent stays as it was sent", async ({ page }) => {
  test.setTimeout(90_000);
  const subject = uniqueHandle("decided");
  await signInAs(page, DEMO.admin);
  const number = await logCase(page, { subject, description: `Dismissive reply in review (${subject}).` });
  await decide(page, "Reminder", `Dismissive, unwelcome language towards a contributor (${subject}).`);

  // The notice is sent: its text is kept, labelled with the day.
  const notice = page.getByRole("region", { name: "Decision notice" });
  await notice.getByRole("button", { name: "Mark as sent" }).click();
  await expect(
    notice.getByText(new RegExp(`^Sent on ${shortDate.format(new Date())}, \\d{2}:\\d{2} UTC by ${DEMO.admin.name}$`)),
  ).toBeVisible();
  const sentText = await notice.getByLabel("Notice text").textContent();
  expect(sentText).toContain("your conduct on GitHub went against");

  // Editing the details of the decided case: a reason is required, beside its field.
  const details = page.getByRole("region", { name: "Details", exact: true });
  await details.getByRole("button", { name: "Edit details" }).click();
  await details.getByLabel("Space where it happened").selectOption("slack");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("region", { name: "Nothing was saved: correct the marked fields" })).toBeFocused();
  await expect(details.getByText(/^This case is decided: say why its details change after the decision/)).toBeVisible();
  await expect(details.getByLabel("Space where it happened")).toHaveValue("slack");
  await expectNoViolations(page, "a decided case's details form asking for a reason");
  const reason = `The reporter sent the thread: it happened in Slack (${subject}).`;
  await details.getByRole("textbox", { name: "Reason for changing a decided case" }).fill(reason);
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(status(page, "Details saved, with your reason: the decision may need review")).toBeVisible();
  await expect(
    details.getByText(`Details changed after the decision on ${shortDate.format(new Date())}: ${reason}. The decision may need review.`),
  ).toBeVisible();
  await expect(details).toContainText("Slack");

  // What the member was told does not change: same text, still labelled as sent; the download too.
  await page.reload();
  await expect(page.getByRole("region", { name: "Decision notice" }).getByLabel("Notice text")).toHaveText(sentText!);
  await expect(page.getByRole("region", { name: "Decision notice" }).getByText(/^Sent on /)).toBeVisible();
  await expect(page.getByRole("region", { name: "Decision notice" }).getByRole("button", { name: "Mark as sent" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("region", { name: "Decision notice" }).getByRole("link", { name: "Download .txt" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`decision-notice-${number}-sent-${new Date().toISOString().slice(0, 10)}.txt`);
  expect(await readFile((await file.path())!, "utf8")).toBe(sentText);
  await expectNoViolations(page, "a case changed after its decision");
});

test("a refused stale edit shows what the second person typed beside the current values, and re-applies it on the new version", async ({
  page,
  signedIn,
}) => {
  test.setTimeout(90_000);
  const subject = uniqueHandle("stale");
  await signInAs(page, DEMO.admin);
  const number = await logCase(page, { subject, description: `Original description (${subject}).` });
  const other = await signedIn(DEMO.moderator);
  const o = other.page;
  await o.goto(`/cases/${number}`);
  const mine = page.getByRole("region", { name: "Details", exact: true });
  const theirs = o.getByRole("region", { name: "Details", exact: true });
  await mine.getByRole("button", { name: "Edit details" }).click();
  await theirs.getByRole("button", { name: "Edit details" }).click();

  await mine.getByLabel("Description").fill(`The admin's description (${subject}).`);
  await mine.getByRole("button", { name: "Save details" }).click();
  await expect(status(page, "Details saved")).toBeVisible();

  await theirs.getByLabel("Description").fill(`The moderator's description (${subject}).`);
  await theirs.getByLabel("Space where it happened").selectOption("email");
  await theirs.getByRole("button", { name: "Save details" }).click();
  await expect(
    theirs.getByRole("region", {
      name: "This case was changed by someone else. The form now shows the current values; what you typed is beside them.",
    }),
  ).toBeFocused();
  // The form shows the case as it is now …
  await expect(theirs.getByLabel("Description")).toHaveValue(`The admin's description (${subject}).`);
  await expect(theirs.getByLabel("Space where it happened")).toHaveValue("github");
  // … and what the moderator typed, side by side with it.
  const table = theirs.getByRole("table", { name: "The case now, and what you typed" });
  const description = table.getByRole("row", { name: /^Description/ });
  await expect(description.getByRole("cell")).toHaveText([
    `The admin's description (${subject}).`,
    `The moderator's description (${subject}).`,
  ]);
  await expect(table.getByRole("row", { name: /^Space/ }).getByRole("cell")).toHaveText(["GitHub", "Email"]);
  await expectNoViolations(o, "a refused stale edit beside the current values");

  await theirs.getByRole("button", { name: "Re-apply my changes" }).click();
  await expect(theirs.getByLabel("Description")).toHaveValue(`The moderator's description (${subject}).`);
  await expect(theirs.getByLabel("Space where it happened")).toHaveValue("email");
  await expect(o.getByRole("region", { name: /Your changes are back in the form, on the current version/ })).toBeVisible();
  await theirs.getByRole("button", { name: "Save details" }).click();
  await expect(status(o, "Details saved")).toBeVisible();
  await expect(theirs).toContainText(`The moderator's description (${subject}).`);
  await page.reload();
  await expect(mine).toContainText(`The moderator's description (${subject}).`);
  await expect(mine).toContainText("Email");
  await other.close();
});

test("a malformed list address shows a clear message on the page, never an error page", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  const cases = await page.goto("/cases?page=abc&status=nope&from=2026-13-45&q=%00");
  expect(cases?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await expect(
    status(
      page,
      "Part of the address was not understood and was ignored: status “nope” is not a case status; from “2026-13-45” is not a date like 2026-01-31; q “�” holds characters that cannot be searched; page “abc” is not a page number.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: /^All cases/ })).toBeVisible();
  await expectNoViolations(page, "the cases list with ignored parameters");

  const members = await page.goto("/members?page=abc&q=%00");
  expect(members?.status()).toBe(200);
  await expect(
    status(
      page,
      /^Part of the address was not understood and was ignored: q “�” holds characters that cannot be searched; page “abc” is not a page number\.$/,
    ),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "All members" })).toBeVisible();

  const audit = await page.goto("/audit?from=2026-13-45&action=%00");
  expect(audit?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter events" });
  await expect(filters.getByRole("alert")).toContainText("action “�” holds characters that cannot be searched");
  await expect(filters.getByRole("alert")).toContainText("The filters were not applied");

  const transparency = await page.goto("/exports/transparency?year=abc&period=nope");
  expect(transparency?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Transparency report" })).toBeVisible();
});
