import type { Page } from "@playwright/test";
import { CASE_URL, DEMO, expect, expectNoViolations, hoursAgo, signInAs, status, test, uniqueHandle } from "./fixtures.ts";

type Reporter = { kind: "anonymous" } | { kind: "contact"; name: string; email?: string } | { kind: "member"; handle: string };

/** Logs a case through the form and returns its number. */
async function logCase(
  page: Page,
  options: { subject: string; subjectName?: string; reporter?: Reporter; involved?: string[]; description?: string },
): Promise<string> {
  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "Log a case" })).toBeVisible();
  await page.getByLabel("Subject's space").selectOption("github");
  await page.getByLabel("Subject's handle").fill(options.subject);
  if (options.subjectName) await page.getByLabel("Display name (new member)").fill(options.subjectName);
  const reporter = options.reporter ?? { kind: "anonymous" };
  if (reporter.kind === "anonymous") await page.getByRole("radio", { name: "Anonymous" }).check();
  if (reporter.kind === "contact") {
    await page.getByRole("radio", { name: "An outside contact" }).check();
    await page.getByLabel("Contact's name").fill(reporter.name);
    if (reporter.email) await page.getByLabel("Contact's email").fill(reporter.email);
  }
  if (reporter.kind === "member") {
    await page.getByRole("radio", { name: "A community member" }).check();
    await page.getByLabel("Reporter's handle").fill(reporter.handle);
  }
  await page.getByLabel("Space where it happened").selectOption("github");
  await page.getByLabel("When it happened (UTC)").fill(hoursAgo(5));
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill(options.description ?? "Hostile comments on a pull request review.");
  for (const [i, handle] of (options.involved ?? []).entries()) {
    await page.getByRole("button", { name: "Add an involved person" }).click();
    await page.getByLabel(`Handle of involved person ${i + 1}`).fill(handle);
  }
  await page.getByLabel("Evidence links").fill("https://github.com/example/project/pull/1#discussion_r1");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
  return CASE_URL.exec(page.url())![1]!;
}

test("a moderator logs a case against a new member, investigates it, keeps notes' earlier text and finds it in the list", async ({
  page,
}) => {
  const handle = uniqueHandle("newcomer");
  await signInAs(page, DEMO.moderator);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await page.getByRole("link", { name: "Log a case" }).click();

  // Bad input keeps what was typed and marks the fields.
  await page.getByLabel("Subject's handle").fill(handle);
  await page.getByLabel("Subject's handle").blur();
  await expect(page.getByText("New member will be created")).toBeVisible();
  await page.getByLabel("Description").fill("Insulted a newcomer in an issue thread.");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page.getByRole("region", { name: "Nothing was saved: correct the marked fields" })).toBeFocused();
  await expect(page.getByRole("group", { name: "Who reported it" })).toContainText("Choose who reported it");
  await expect(page.getByLabel("When it happened (UTC)")).toHaveAccessibleDescription(/Enter when it happened/);
  await expect(page.getByRole("group", { name: "Standards violated" })).toContainText("Choose at least one standard violated");
  await expect(page.getByLabel("Subject's handle")).toHaveValue(handle);
  await expect(page.getByLabel("Description")).toHaveValue("Insulted a newcomer in an issue thread.");

  // "When it happened" offers the current time (UTC, to the minute).
  await page.getByRole("button", { name: "Use the current time" }).click();
  const filled = Date.parse(`${await page.getByLabel("When it happened (UTC)").inputValue()}:00Z`);
  expect(Math.abs(filled - Date.now())).toBeLessThan(2 * 60_000);
  await expect(page.getByLabel("When it happened (UTC)")).toBeFocused();

  const number = await logCase(page, {
    subject: handle,
    subjectName: `Newcomer ${handle}`,
    description: "Insulted a newcomer in an issue thread.",
  });
  expect(number).toMatch(new RegExp(`^${new Date().getUTCFullYear()}-\\d{4,}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  const statusCard = page.getByRole("region", { name: "Status", exact: true });
  await expect(statusCard.getByText("New", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText(`Newcomer ${handle}`);

  await page.getByRole("button", { name: "Start investigating" }).click();
  await expect(status(page, "Status changed to Investigating")).toBeVisible();
  await expect(statusCard.getByText("Investigating", { exact: true }).first()).toBeVisible();

  await page.getByLabel("New note").fill("Asked the subject for their side.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(status(page, "Note added")).toBeVisible();
  const notes = page.getByRole("region", { name: "Internal notes", exact: true });
  await notes.getByRole("button", { name: /^Edit/ }).click();
  await notes.getByLabel("Edit note").fill("Asked the subject for their side by email on Monday.");
  await notes.getByRole("button", { name: "Save note" }).click();
  await expect(notes.getByText("Asked the subject for their side by email on Monday.")).toBeVisible();
  await notes.getByText("Edited — earlier versions (1)").click();
  await expect(notes.getByText("Asked the subject for their side.", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "History", exact: true })).toContainText("Note edited");

  // The list: by status and free text, with the form.
  await page.goto("/cases");
  await page.getByRole("combobox", { name: "Status" }).selectOption("investigating");
  await page.getByRole("searchbox", { name: "Search" }).fill(handle);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=investigating/);
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByRole("combobox", { name: "Status" }).selectOption("new");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No case matches these filters.")).toBeVisible();
  await page.goto(`/cases?q=${number}`);
  await expect(page.getByRole("link", { name: number })).toBeVisible();
});

test("a viewer sees no reporter and no controls; a moderator reveals the reporter, which is recorded", async ({ page, signedIn }) => {
  const reporterName = `Event staff ${uniqueHandle("desk")}`;
  await signInAs(page, DEMO.admin);
  const number = await logCase(page, {
    subject: uniqueHandle("subject"),
    reporter: { kind: "contact", name: reporterName, email: "staff@conf.example" },
  });

  const viewer = await signedIn(DEMO.viewer);
  await viewer.page.goto(`/cases/${number}`);
  await expect(viewer.page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  await expect(viewer.page.getByText("Reporter: confidential")).toBeVisible();
  for (const name of ["Reveal reporter", "Edit details", "Start investigating", "Dismiss…", "Add note", "Add link", "Assign to me"]) {
    await expect(viewer.page.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(viewer.page.getByRole("combobox", { name: "Assignee" })).toHaveCount(0);
  await expect(viewer.page.getByText(reporterName)).toHaveCount(0);
  await viewer.page.goto("/cases");
  await expect(viewer.page.getByRole("link", { name: "Log a case" })).toHaveCount(0);
  expect((await viewer.page.goto("/cases/new"))?.status()).toBe(404);
  await viewer.close();

  const moderator = await signedIn(DEMO.moderator);
  await moderator.page.goto(`/cases/${number}`);
  await expect(moderator.page.getByText(reporterName)).toHaveCount(0);
  await moderator.page.getByRole("button", { name: "Reveal reporter" }).click();
  await expect(moderator.page.getByText(reporterName)).toBeVisible();
  await expect(moderator.page.getByText("staff@conf.example")).toBeVisible();
  await expect(
    moderator.page.getByRole("region", { name: "History", exact: true }).getByRole("row").filter({ hasText: "Reporter revealed" }),
  ).toContainText(DEMO.moderator.name);
  await moderator.close();
});

test("two moderators edit the same case: the second save is refused and shows the current values", async ({ page, signedIn }) => {
  await signInAs(page, DEMO.admin);
  const number = await logCase(page, { subject: uniqueHandle("edited"), description: "The original description." });
  const other = await signedIn(DEMO.moderator);
  await other.page.goto(`/cases/${number}`);

  await page.getByRole("button", { name: "Edit details" }).click();
  await other.page.getByRole("button", { name: "Edit details" }).click();

  await page.getByLabel("Description").fill("The admin's corrected description.");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(status(page, "Details saved")).toBeVisible();
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText("The admin's corrected description.");

  await other.page.getByLabel("Description").fill("The moderator's competing description.");
  await other.page.getByLabel("Space where it happened").selectOption("slack");
  await other.page.getByRole("button", { name: "Save details" }).click();
  // The refusal is the form's error summary, which takes focus.
  await expect(other.page.getByRole("region", { name: /^This case was changed by someone else/ })).toBeFocused();
  await expect(other.page.getByLabel("Description")).toHaveValue("The admin's corrected description.");
  await expect(other.page.getByLabel("Space where it happened")).toHaveValue("github");

  // Saving again, on the current version, works.
  await other.page.getByLabel("Description").fill("The moderator's description, on top of the admin's.");
  await other.page.getByRole("button", { name: "Save details" }).click();
  await expect(status(other.page, "Details saved")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText(
    "The moderator's description, on top of the admin's.",
  );
  await other.close();
});

test("the demo moderator never finds a case about themselves, and is recused from one they are involved in", async ({ page, signedIn }) => {
  await signInAs(page, DEMO.admin);
  // Sam Okafor (the demo moderator) is the member with the GitHub handle sokafor.
  const about = await logCase(page, { subject: "sokafor", description: `About Sam ${uniqueHandle("about")}` });
  const involving = await logCase(page, {
    subject: uniqueHandle("other"),
    involved: ["sokafor"],
    reporter: { kind: "contact", name: "Desk" },
  });

  const sam = await signedIn(DEMO.moderator);
  await sam.page.goto("/cases");
  await expect(sam.page.getByRole("link", { name: involving })).toBeVisible();
  await expect(sam.page.getByRole("link", { name: about })).toHaveCount(0);
  await sam.page.goto(`/cases?q=${about}`);
  await expect(sam.page.getByText("No case matches these filters.")).toBeVisible();
  const response = await sam.page.goto(`/cases/${about}`);
  expect(response?.status()).toBe(404);
  await expect(sam.page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await sam.page.goto(`/cases/${involving}`);
  await expect(sam.page.getByRole("status").filter({ hasText: "You are recused from this case" })).toBeVisible();
  for (const name of ["Reveal reporter", "Edit details", "Start investigating", "Add note"]) {
    await expect(sam.page.getByRole("button", { name })).toHaveCount(0);
  }
  await sam.close();

  // The admin still sees both.
  await page.goto(`/cases?q=${about}`);
  await expect(page.getByRole("link", { name: about })).toBeVisible();
});

test("the case pages have no WCAG 2.1 A/AA violations", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/cases");
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await expectNoViolations(page);

  await page.goto("/cases/new");
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page.getByRole("region", { name: /^Nothing was saved/ })).toBeVisible();
  await expectNoViolations(page);

  const number = await logCase(page, { subject: uniqueHandle("axe"), involved: [uniqueHandle("involved")] });
  await page.getByLabel("New note").fill("A note to show.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(status(page, "Note added")).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByRole("button", { name: "Dismiss…" }).click();
  await expect(page.getByLabel("Reason for dismissing")).toBeVisible();
  await expectNoViolations(page);
  expect(number).toBeTruthy();
});

test("a case prints as a case file: no navigation or controls, earlier note versions open, the reporter only once revealed", async ({
  page,
}) => {
  const handle = uniqueHandle("printed");
  const reporterName = `Reporter ${uniqueHandle("r")}`;
  await signInAs(page, DEMO.moderator);
  await page.goto("/cases/new");
  const number = await logCase(page, {
    subject: handle,
    subjectName: `Printed ${handle}`,
    reporter: { kind: "contact", name: reporterName },
  });
  await page.getByLabel("New note").fill("First version of the note.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(status(page, "Note added")).toBeVisible();
  const notes = page.getByRole("region", { name: "Internal notes", exact: true });
  await notes.getByRole("button", { name: /^Edit/ }).click();
  await notes.getByLabel("Edit note").fill("Second version of the note.");
  await notes.getByRole("button", { name: "Save note" }).click();
  await expect(notes.getByText("Second version of the note.")).toBeVisible();
  await expect(notes.getByText("First version of the note.", { exact: true })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print case file" })).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print case file" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Reveal reporter" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Add note" })).toBeHidden();
  await expect(notes.getByText("First version of the note.", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "History", exact: true })).toBeVisible();
  await expect(page.getByText("confidential")).toBeVisible();
  expect(await page.locator("main").innerText()).not.toContain(reporterName);
  // The assignee reads as text on paper.
  await expect(
    page
      .getByRole("region", { name: "Assignment" })
      .locator("p")
      .filter({ hasText: /^Unassigned$/ }),
  ).toBeVisible();

  await page.emulateMedia({ media: "screen" });
  await page.getByRole("button", { name: "Reveal reporter" }).click();
  await expect(page.getByText(reporterName)).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText(reporterName)).toBeVisible();
});
