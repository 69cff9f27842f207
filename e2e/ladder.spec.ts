import type { Page } from "@playwright/test";
import { CASE_URL, DEMO, expect, expectNoViolations, hoursAgo, signInAs, status, test, uniqueHandle } from "./fixtures.ts";
import { DAY } from "@/lib/policy/durations.ts";

/*
 * The enforcement ladder end to end (issue 3, "Tests that must exist"): Reminder →
 * Warning with a no-contact period → a breach inside the period → Permanent ban, the
 * member's history and the dashboard; deviations need a justification; viewers, recused
 * moderators and a moderator who is the subject are kept out. Every test makes its own
 * members and cases (the server's data is shared by all spec files).
 */

const dateFormats = [
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }), // "Nov 26, 2026"
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }), // "26 Nov 2026"
];
/** A date as the pages write it (UTC, with the month's short name, in either of the app's formats), for a RegExp. */
const datePattern = (d: Date) => `(?:${dateFormats.map((f) => f.format(d)).join("|")})`;

type Reporter = { kind: "anonymous" } | { kind: "contact"; name: string } | { kind: "member"; handle: string };

type CaseInput = {
  /** The subject's GitHub handle, as typed. */
  subject: string;
  subjectName?: string;
  /** The hint the form gives for the subject's handle once typed. */
  subjectHint?: string;
  reporter?: Reporter;
  involved?: string[];
  occurredAt?: string;
  description?: string;
};

/** Logs a case through the form and returns its number; the page is then on the case. */
async function logCase(page: Page, options: CaseInput): Promise<string> {
  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "Log a case" })).toBeVisible();
  await page.getByLabel("Subject's space").selectOption("github");
  await page.getByLabel("Subject's handle").fill(options.subject);
  await page.getByLabel("Subject's handle").blur();
  if (options.subjectHint) await expect(page.getByText(options.subjectHint, { exact: true })).toBeVisible();
  if (options.subjectName) await page.getByLabel("Display name (new member)").fill(options.subjectName);
  const reporter = options.reporter ?? { kind: "anonymous" };
  if (reporter.kind === "anonymous") await page.getByRole("radio", { name: "Anonymous" }).check();
  if (reporter.kind === "contact") {
    await page.getByRole("radio", { name: "An outside contact" }).check();
    await page.getByLabel("Contact's name").fill(reporter.name);
  }
  if (reporter.kind === "member") {
    await page.getByRole("radio", { name: "A community member" }).check();
    await page.getByLabel("Reporter's space").selectOption("github");
    await page.getByLabel("Reporter's handle").fill(reporter.handle);
  }
  await page.getByLabel("Space where it happened").selectOption("github");
  await page.getByLabel("When it happened (UTC)").fill(options.occurredAt ?? hoursAgo(5));
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill(options.description ?? "Hostile comments on a pull request review.");
  for (const [i, handle] of (options.involved ?? []).entries()) {
    await page.getByRole("button", { name: "Add an involved person" }).click();
    await page.getByLabel(`Handle of involved person ${i + 1}`).fill(handle);
  }
  await page.getByLabel("Evidence links").fill("https://github.com/example/project/pull/1#discussion_r1");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
  const number = CASE_URL.exec(page.url())![1]!;
  await expect(page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  return number;
}

/** The case page's parts. */
function casePage(page: Page) {
  const decision = page.getByRole("region", { name: "Decision", exact: true });
  return {
    details: page.getByRole("region", { name: "Details", exact: true }),
    status: page.getByRole("region", { name: "Status", exact: true }),
    decision,
    /** The recorded decisions (not the recommendation's reasons, which are list items too). */
    recorded: decision.getByRole("listitem").filter({ hasText: /decided / }),
    level: page.getByRole("group", { name: "Level", exact: true }),
    noContact: page.getByRole("group", { name: "No-contact period", exact: true }),
    rationale: page.getByRole("textbox", { name: "Rationale", exact: true }),
    justification: page.getByRole("textbox", { name: "Justification for choosing another level" }),
    record: page.getByRole("button", { name: "Record decision" }),
  };
}

/**
 * A Level radio by its label ("Reminder", "Warning", "Permanent ban", "No action"). Its
 * accessible name goes on with the Recommended tag, if any, and the level's hint.
 */
function levelRadio(page: Page, label: string) {
  return casePage(page).level.getByRole("radio", { name: new RegExp(`^${label}`) });
}

/**
 * Picks a no-contact length ("30 days", …, "Custom") from the keyboard: the radios are
 * visually hidden inside their labels (a mouse clicks the label), so they are focused
 * and selected with Space, as a keyboard user does.
 */
async function chooseLength(page: Page, name: string) {
  const radio = casePage(page).noContact.getByRole("group", { name: "Length" }).getByRole("radio", { name, exact: true });
  await radio.focus();
  await page.keyboard.press("Space");
  await expect(radio).toBeChecked();
}

/** The count shown beside a dashboard list's heading, e.g. "New and unassigned 12". */
async function dashboardCount(page: Page, title: string): Promise<number> {
  await page.goto("/");
  const heading = page.getByRole("heading", { level: 2, name: new RegExp(`^${title}\\s*\\d+$`) });
  await expect(heading).toBeVisible();
  return Number(/(\d+)$/.exec((await heading.textContent())!.trim())![1]);
}

test("the ladder, end to end: Reminder, Warning with a no-contact period, a breach and a Permanent ban", async ({ page }) => {
  test.setTimeout(120_000);
  const handle = uniqueHandle("ladder");
  const subjectName = `Ladder Subject ${handle}`;
  const victim = uniqueHandle("victim");
  await signInAs(page, DEMO.admin);

  // /cases/new, empty, is accessible.
  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "Log a case" })).toBeVisible();
  await expectNoViolations(page, "the Log a case form");

  // 1. A first case against a new member: the ladder recommends a Reminder.
  const first = await logCase(page, {
    subject: handle,
    subjectName,
    subjectHint: "New member will be created",
    involved: [victim],
    occurredAt: hoursAgo(72),
    description: `Dismissive comments to ${victim} on a review (${handle}, first).`,
  });
  let c = casePage(page);
  await expect(c.details).toContainText(subjectName);
  await expect(c.details.getByRole("link", { name: victim })).toBeVisible();
  const memberHref = await c.details.getByRole("link", { name: subjectName }).getAttribute("href");
  expect(memberHref).toMatch(/^\/members\/[0-9a-f-]{36}$/);
  await expect(c.status.getByText("New", { exact: true })).toBeVisible();

  await expect(c.decision.getByText("Recommended: Reminder", { exact: true })).toBeVisible();
  await expect(c.decision).toContainText("No earlier enforcement: a first violation calls for a private, written Reminder.");
  await expect(levelRadio(page, "Reminder")).toBeChecked();
  await expect(c.level.getByRole("radio", { name: /Recommended/ })).toHaveCount(1);
  await expect(c.level.getByRole("radio", { name: /Recommended/ })).toHaveAccessibleName(/^Reminder\W*Recommended/);
  await expect(c.justification).toHaveCount(0);
  await expect(c.noContact).toHaveCount(0);
  await expectNoViolations(page, "the case page with the decision form recommending a Reminder");

  const reminderRationale = `Dismissive, unwelcome language towards a contributor in a review; not acceptable here (${handle}).`;
  await c.rationale.fill(reminderRationale);
  await c.record.click();
  await expect(c.recorded).toHaveCount(1);
  await expect(c.recorded).toContainText("Reminder");
  await expect(c.recorded).toContainText(`by ${DEMO.admin.name}`);
  await expect(c.recorded).toContainText(reminderRationale);
  await expect(c.record).toHaveCount(0);
  await expect(c.status.getByText("Decided", { exact: true })).toBeVisible();

  // 2. A second case against the same member, by the handle typed in another case and with @:
  //    the ladder recommends a Warning, citing the Reminder's case.
  const second = await logCase(page, {
    subject: `@${handle.toUpperCase()}`,
    subjectHint: `Existing member: ${subjectName}`,
    involved: [victim],
    occurredAt: hoursAgo(48),
    description: `Insults to ${victim} in an issue thread (${handle}, second).`,
  });
  c = casePage(page);
  await expect(c.details.getByRole("link", { name: subjectName })).toHaveAttribute("href", memberHref!);
  await expect(c.decision.getByText("Recommended: Warning", { exact: true })).toBeVisible();
  await expect(c.decision).toContainText(`The member already received a Reminder (case ${first})`);
  await expect(levelRadio(page, "Warning")).toBeChecked();
  await expect(levelRadio(page, "Warning")).toHaveAccessibleName(/^Warning\W*Recommended/);
  await expect(c.noContact).toBeVisible();
  const length = c.noContact.getByRole("group", { name: "Length" });
  for (const preset of ["30 days", "90 days", "180 days", "365 days", "Custom"]) {
    await expect(length.getByRole("radio", { name: preset, exact: true })).toHaveCount(1);
  }
  const protectedPeople = c.noContact.getByRole("group", { name: "Protected people" });
  await expect(protectedPeople.getByRole("checkbox")).toHaveCount(1);
  await expect(protectedPeople.getByRole("checkbox", { name: victim })).toBeChecked();
  await expectNoViolations(page, "the case page with the decision form on a Warning and its no-contact period");

  await chooseLength(page, "30 days");
  await chooseLength(page, "90 days");
  await expect(length.getByRole("radio", { name: "90 days", exact: true })).toBeChecked();
  await expect(length.getByRole("radio", { name: "30 days", exact: true })).not.toBeChecked();
  const startsOn = await c.noContact.getByLabel("Starts on").inputValue();
  expect(startsOn).toBe(new Date().toISOString().slice(0, 10));
  const warningRationale = `Repeated insults to a contributor after a Reminder: a Warning with no contact (${handle}).`;
  await c.rationale.fill(warningRationale);
  await c.record.click();
  await expect(c.recorded).toHaveCount(1);
  await expect(c.recorded).toContainText("Warning");
  await expect(c.recorded).toContainText(warningRationale);
  const start = new Date(`${startsOn}T00:00:00Z`);
  const end = new Date(start.getTime() + 90 * DAY);
  await expect(c.recorded).toContainText(
    new RegExp(`No contact from ${datePattern(start)} until ${datePattern(end)} \\(90 days left\\), protecting ${victim}\\.`),
  );
  await expect(c.status.getByText("Decided", { exact: true })).toBeVisible();

  // 3. A third case involving the protected person, happening now, inside the period: a breach.
  const third = await logCase(page, {
    subject: handle,
    subjectHint: `Existing member: ${subjectName}`,
    involved: [victim],
    occurredAt: hoursAgo(0),
    description: `Messaged ${victim} despite the no-contact terms (${handle}, third).`,
  });
  c = casePage(page);
  await expect(page.getByText(`Breach of no-contact terms of the Warning in case ${second}`)).toBeVisible();
  await expect(page.getByRole("link", { name: second, exact: true }).first()).toHaveAttribute("href", `/cases/${second}`);
  await expect(page.getByText("The incident involves a person that Warning protects, inside its no-contact period")).toContainText(
    "leads to a permanent ban",
  );
  await expect(c.decision.getByText("Recommended: Permanent ban", { exact: true })).toBeVisible();
  await expect(c.decision).toContainText(
    `This case breaches the no-contact terms of the Warning in case ${second}: the guidelines say that violating these terms will lead to a permanent ban.`,
  );
  await expect(levelRadio(page, "Permanent ban")).toBeChecked();
  await expect(levelRadio(page, "Permanent ban")).toHaveAccessibleName(/^Permanent ban\W*Recommended/);

  // The ban is mandatory: a Warning is refused and nothing is recorded.
  const banRationale = `Contacted the person the Warning protects, inside its no-contact period (${handle}).`;
  await levelRadio(page, "Warning").check();
  await expect(c.noContact).toBeVisible();
  await c.rationale.fill(banRationale);
  await c.record.click();
  await expect(page.getByRole("region", { name: "Nothing was saved: correct the marked fields" })).toBeFocused();
  await expect(c.level).toContainText("A breach of no-contact terms leads to a Permanent ban: the guidelines leave no other level");
  await expect(c.rationale).toHaveValue(banRationale);
  await expect(c.recorded).toHaveCount(0);
  await expect(c.status.getByText("New", { exact: true })).toBeVisible();
  await expectNoViolations(page, "the case page with a refused Warning on a breach");
  await page.reload();
  c = casePage(page);
  await expect(c.decision.getByText("Recommended: Permanent ban", { exact: true })).toBeVisible();
  await expect(c.recorded).toHaveCount(0);
  await expect(c.status.getByText("New", { exact: true })).toBeVisible();

  await levelRadio(page, "Permanent ban").check();
  await expect(c.justification).toHaveCount(0);
  await expect(c.noContact).toHaveCount(0);
  await c.rationale.fill(banRationale);
  await c.record.click();
  await expect(c.recorded).toHaveCount(1);
  await expect(c.recorded).toContainText("Permanent ban");
  await expect(c.recorded).toContainText(banRationale);
  await expect(c.status.getByText("Decided", { exact: true })).toBeVisible();

  // 4. The member's page, found by the handle: banned, the three cases in order, the breach flagged.
  await page.goto(`/members/lookup?space=github&handle=${encodeURIComponent(handle)}`);
  await expect(page).toHaveURL(new RegExp(`${memberHref}$`));
  await expect(page.getByRole("heading", { level: 1, name: subjectName })).toBeVisible();
  await expect(page.getByText("Permanently banned", { exact: true })).toBeVisible();
  const history = page.getByRole("region", { name: "Enforcement history" });
  await expect(history).toContainText("3 cases");
  await expect(history.getByRole("link", { name: "Oldest first" })).toHaveAttribute("aria-current", "true");
  const cases = history.getByRole("article");
  await expect(cases).toHaveCount(3);
  await expect(cases.getByRole("heading", { level: 3 })).toHaveText([`Case ${first}`, `Case ${second}`, `Case ${third}`]);
  await expect(cases.nth(0)).toContainText("Reminder");
  await expect(cases.nth(0)).toContainText(reminderRationale);
  await expect(cases.nth(1)).toContainText("Warning");
  await expect(cases.nth(1)).toContainText(warningRationale);
  await expect(cases.nth(1)).toContainText(new RegExp(`No contact from ${datePattern(start)} to ${datePattern(end)}`));
  await expect(cases.nth(2)).toContainText("Permanent ban");
  await expect(cases.nth(2)).toContainText(banRationale);
  for (const i of [0, 1]) await expect(cases.nth(i)).not.toContainText("Breach of no-contact terms");
  await expect(cases.nth(2).getByText("Breach of no-contact terms", { exact: true })).toBeVisible();
  await expect(cases.nth(2)).toContainText(`Breaches the no-contact terms of the Warning in case ${second}`);
  for (const number of [first, second, third]) {
    await expect(history.getByRole("link", { name: `Case ${number}` })).toHaveAttribute("href", `/cases/${number}`);
  }
  await expectNoViolations(page, "the member's enforcement history");

  // 5. The dashboard lists the breach (logged just now, so inside its 30-day window).
  await page.goto("/");
  const breaches = page.getByRole("region", { name: "Breaches of no-contact terms in the last 30 days" });
  await expect(breaches).toBeVisible();
  const breach = breaches.getByRole("listitem").filter({ has: page.getByRole("link", { name: third, exact: true }) });
  await expect(breach).toContainText(`${subjectName} breached the Warning of case ${second}`);
  await expectNoViolations(page, "the dashboard listing the breach");
});

test("a deviation from the recommendation needs a justification", async ({ page }) => {
  test.setTimeout(60_000);
  const handle = uniqueHandle("deviant");
  await signInAs(page, DEMO.admin);
  const number = await logCase(page, { subject: handle, involved: [uniqueHandle("target")] });
  const c = casePage(page);
  await expect(c.decision.getByText("Recommended: Reminder", { exact: true })).toBeVisible();

  await levelRadio(page, "Warning").check();
  await expect(c.justification).toBeVisible();
  await expect(c.noContact).toBeVisible();
  const rationale = `Sustained hostile remarks over a week, directed at one newcomer (${handle}).`;
  await c.rationale.fill(rationale);
  await c.record.click();
  await expect(page.getByRole("region", { name: "Nothing was saved: correct the marked fields" })).toBeFocused();
  await expect(c.justification).toHaveAttribute("aria-invalid", "true");
  await expect(c.decision).toContainText("The recommended level is Reminder: choosing another needs a written justification");
  await expect(c.recorded).toHaveCount(0);
  await expect(c.status.getByText("New", { exact: true })).toBeVisible();
  // The refused form still shows the Warning chosen (with its justification field and
  // no-contact period), so the radio must still say Warning: submitting again must not
  // record another level than the one shown.
  await expect(levelRadio(page, "Warning"), "the Level radio after a refused submission").toBeChecked();
  await expect(levelRadio(page, "Reminder"), "the Level radio after a refused submission").not.toBeChecked();
  await expect(c.noContact).toBeVisible();

  const justification = `The remarks went on for a week after private requests to stop (${handle}).`;
  await c.justification.fill(justification);
  await c.rationale.fill(rationale);
  await c.record.click();
  await expect(c.recorded).toHaveCount(1);
  await expect(c.recorded).toContainText("Warning");
  await expect(c.recorded).toContainText(`Recommended Reminder; chosen otherwise because: ${justification}`);
  await expect(c.status.getByText("Decided", { exact: true })).toBeVisible();

  // It stays after a reload (it was recorded, not just shown).
  await page.goto(`/cases/${number}`);
  await expect(casePage(page).recorded).toContainText(`Recommended Reminder; chosen otherwise because: ${justification}`);
});

test("a viewer can neither reveal the reporter nor decide", async ({ page, signedIn }) => {
  const reporterName = `Reporter ${uniqueHandle("desk")}`;
  await signInAs(page, DEMO.admin);
  const number = await logCase(page, {
    subject: uniqueHandle("viewed"),
    reporter: { kind: "contact", name: reporterName },
    involved: [uniqueHandle("bystander")],
  });
  // The admin is offered both, on the same case.
  await expect(page.getByRole("button", { name: "Reveal reporter" })).toBeVisible();
  await expect(casePage(page).record).toBeVisible();

  const viewer = await signedIn(DEMO.viewer);
  await viewer.page.goto(`/cases/${number}`);
  const c = casePage(viewer.page);
  await expect(viewer.page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  await expect(viewer.page.getByText("Reporter: confidential")).toBeVisible();
  await expect(viewer.page.getByText(reporterName)).toHaveCount(0);
  await expect(viewer.page.getByRole("button", { name: "Reveal reporter" })).toHaveCount(0);
  await expect(c.decision).toContainText("Not decided yet.");
  await expect(c.record).toHaveCount(0);
  await expect(c.level).toHaveCount(0);
  await expect(c.rationale).toHaveCount(0);
  await expect(viewer.page.getByRole("radio")).toHaveCount(0);
  await viewer.close();
});

test("a recused moderator is blocked: as an involved person and as the reporter", async ({ page, signedIn }) => {
  await signInAs(page, DEMO.admin);
  // Sam Okafor (the demo moderator) is the member with the GitHub handle sokafor.
  const involving = await logCase(page, {
    subject: uniqueHandle("recuse-inv"),
    involved: ["sokafor"],
    reporter: { kind: "contact", name: "Conduct inbox" },
  });
  await expect(casePage(page).record).toBeVisible();
  const reported = await logCase(page, {
    subject: uniqueHandle("recuse-rep"),
    reporter: { kind: "member", handle: "sokafor" },
    involved: [uniqueHandle("other")],
  });
  await expect(casePage(page).record).toBeVisible();

  const sam = await signedIn(DEMO.moderator);
  for (const number of [involving, reported]) {
    await sam.page.goto(`/cases/${number}`);
    const c = casePage(sam.page);
    await expect(sam.page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
    await expect(status(sam.page, "You are recused from this case")).toBeVisible();
    await expect(sam.page.getByText("Reporter: confidential")).toBeVisible();
    await expect(sam.page.getByRole("button", { name: "Reveal reporter" })).toHaveCount(0);
    await expect(c.record).toHaveCount(0);
    await expect(c.level).toHaveCount(0);
    await expect(c.rationale).toHaveCount(0);
    await expect(c.decision).toContainText("Not decided yet.");
  }
  await sam.close();
});

test("a moderator who is the subject cannot find the case anywhere", async ({ page, signedIn }) => {
  const marker = uniqueHandle("about-sam");
  const description = `Complaint about a maintainer's tone, marker ${marker}.`;
  const sam = await signedIn(DEMO.moderator);
  await signInAs(page, DEMO.admin);
  const adminNewBefore = await dashboardCount(page, "New and unassigned");
  const samNewBefore = await dashboardCount(sam.page, "New and unassigned");

  const number = await logCase(page, { subject: "sokafor", description, involved: [uniqueHandle("complainant")] });
  await expect(page.getByText(/^About Sam Okafor · logged /)).toBeVisible();

  // The admin finds it everywhere (so its absence below means something).
  await page.goto(`/cases?q=${encodeURIComponent(marker)}`);
  await expect(page.getByRole("link", { name: number, exact: true })).toBeVisible();
  expect(await dashboardCount(page, "New and unassigned")).toBe(adminNewBefore + 1);
  await page.goto("/members/lookup?space=github&handle=sokafor");
  await expect(page.getByRole("heading", { level: 1, name: "Sam Okafor" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Case ${number}` })).toBeVisible();

  // The list, unfiltered and searched by its number (with the form) and by its description.
  await sam.page.goto("/cases");
  await expect(sam.page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await expect(sam.page.getByRole("link", { name: number, exact: true })).toHaveCount(0);
  await sam.page.getByRole("searchbox", { name: "Search" }).fill(number);
  await sam.page.getByRole("button", { name: "Apply filters" }).click();
  await expect(sam.page).toHaveURL(new RegExp(`q=${number}`));
  await expect(sam.page.getByText("No case matches these filters.")).toBeVisible();
  await sam.page.goto(`/cases?q=${encodeURIComponent(marker)}`);
  await expect(sam.page.getByText("No case matches these filters.")).toBeVisible();
  await expect(sam.page.getByText(description)).toHaveCount(0);

  // The dashboard: not counted, not listed.
  expect(await dashboardCount(sam.page, "New and unassigned")).toBe(samNewBefore);
  await expect(sam.page.getByRole("link", { name: number, exact: true })).toHaveCount(0);

  // Sam's own member page.
  await sam.page.goto("/members/lookup?space=github&handle=sokafor");
  await expect(sam.page.getByRole("heading", { level: 1, name: "Sam Okafor" })).toBeVisible();
  await expect(sam.page.getByRole("note")).toContainText("Cases about you are not shown to you");
  await expect(sam.page.getByRole("link", { name: `Case ${number}` })).toHaveCount(0);
  await expect(sam.page.getByText(number)).toHaveCount(0);

  // Its address answers as if it did not exist.
  const response = await sam.page.goto(`/cases/${number}`);
  expect(response?.status()).toBe(404);
  await expect(sam.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(sam.page.getByText(description)).toHaveCount(0);
  await sam.close();
});
