import type { Page } from "@playwright/test";
import { CASE_URL, DEMO, expect, expectNoViolations, hoursAgo, signInAs, status, test, uniqueHandle } from "./fixtures.ts";

/** A date as the app writes it: "1 Dec 2026", in UTC. */
const appDate = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(d);

/** Logs a case through the form; `restricted` ticks the need-to-know box. */
async function logCase(page: Page, options: { subject: string; description: string; restricted?: boolean }): Promise<string> {
  await page.goto("/cases/new");
  await page.getByLabel("Subject's handle").fill(options.subject);
  await page.getByRole("radio", { name: "Anonymous" }).check();
  await page.getByLabel("When it happened (UTC)").fill(hoursAgo(3));
  await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
  await page.getByLabel("Description").fill(options.description);
  if (options.restricted) await page.getByRole("checkbox", { name: "Restrict to a case team (need to know)" }).check();
  await page.getByRole("button", { name: "Log case" }).click();
  await expect(page).toHaveURL(CASE_URL);
  return CASE_URL.exec(page.url())![1]!;
}

/** The count beside a dashboard list's title. */
async function dashboardCount(page: Page, title: string): Promise<number> {
  await page.goto("/");
  const heading = page.getByRole("heading", { level: 2, name: new RegExp(`^${title}`) });
  return Number(await heading.locator("span").textContent());
}

test("a moderator restricts a case to themselves: another moderator finds nothing of it; the admin sees a stub, joins with a reason, then sees it all", async ({
  page,
  signedIn,
}) => {
  test.setTimeout(90_000);
  // A second moderator, added by the admin on the Team page.
  const second = { email: `second-${Date.now()}@example.org`, name: `Robin Second ${Date.now()}`, password: "a-good-long-password" };
  await signInAs(page, DEMO.admin);
  await page.goto("/team");
  await page.getByRole("textbox", { name: "Name" }).fill(second.name);
  await page.getByRole("textbox", { name: "Email" }).fill(second.email);
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("moderator");
  await page.getByLabel("Initial password").fill(second.password);
  await page.getByRole("button", { name: "Add team member" }).click();
  await expect(status(page, `${second.name} was added as moderator`)).toBeVisible();

  // Sam logs a case and restricts it to himself from the case page.
  const word = uniqueHandle("quiet");
  const sam = await signedIn(DEMO.moderator);
  const number = await logCase(sam.page, { subject: uniqueHandle("hushed"), description: `Sensitive report ${word}` });
  const team = sam.page.getByRole("region", { name: "Case team", exact: true });
  await expect(team).toContainText("Not restricted: everyone on the team can see this case.");
  await team.getByRole("button", { name: "Restrict to a case team…" }).click();
  await team.getByRole("button", { name: "Restrict to a case team", exact: true }).click();
  await expect(status(sam.page, "Restricted to its case team")).toBeVisible();
  await expect(sam.page.getByText("Restricted to its case team").first()).toBeVisible();
  await expect(team.getByRole("list", { name: "Case team members" }).getByRole("listitem")).toHaveCount(1);
  await expect(team.getByRole("list", { name: "Case team members" })).toContainText(DEMO.moderator.name);
  await expect(team.getByRole("button", { name: "Lift restriction" })).toBeVisible();
  await expectNoViolations(sam.page);

  // The second moderator: not in the list, not by search, not by its address, not in the dashboard's counts.
  const other = await signedIn(second);
  const samNew = await dashboardCount(sam.page, "New and unassigned");
  const otherNew = await dashboardCount(other.page, "New and unassigned");
  expect(otherNew).toBe(samNew - 1);
  await expect(other.page.getByRole("main")).not.toContainText(number);
  for (const q of [number, word, "Sensitive report"]) {
    await other.page.goto(`/cases?q=${encodeURIComponent(q)}`);
    await expect(other.page.getByRole("main")).not.toContainText(number);
  }
  await other.page.goto(`/cases?q=${encodeURIComponent(word)}`);
  await expect(other.page.getByText("No case matches these filters.")).toBeVisible();
  await other.page.goto("/cases");
  await expect(other.page.getByRole("region", { name: /Restricted cases you are not on/ })).toHaveCount(0);
  const response = await other.page.goto(`/cases/${number}`);
  expect(response?.status()).toBe(404);
  await expect(other.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await other.close();

  // The admin: a panel of restricted cases, and the stub: number and status only.
  await page.goto("/cases");
  const panel = page.getByRole("region", { name: /Restricted cases you are not on/ });
  await expect(panel).toBeVisible();
  await expect(page.getByRole("region", { name: /All cases/ })).not.toContainText(number);
  await expectNoViolations(page);
  await panel.getByRole("link", { name: new RegExp(number) }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${number}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "This case is restricted to its case team" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(word);
  await expect(page.getByRole("region", { name: "Details" })).toHaveCount(0);
  await expectNoViolations(page);

  // Joining needs a reason.
  await page.getByRole("button", { name: "Join the case team" }).click();
  await expect(page.getByText("Say why you need to see this case (at least 10 characters)", { exact: true })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(word);
  const reason = "The board asked me to review this report.";
  await page.getByLabel("Why you need to see this case").fill(reason);
  await page.getByRole("button", { name: "Join the case team" }).click();
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText(`Sensitive report ${word}`);
  const adminTeam = page.getByRole("region", { name: "Case team", exact: true });
  await expect(adminTeam).toContainText(`${DEMO.admin.name} joined on ${appDate(new Date())}: ${reason}`);
  await expect(page.getByRole("region", { name: "History", exact: true })).toContainText("Joined the case team");
  await expectNoViolations(page);

  // The case team sees who joined and why.
  await sam.page.goto(`/cases/${number}`);
  await expect(team).toContainText(`${DEMO.admin.name} joined on ${appDate(new Date())}: ${reason}`);
  await sam.close();
});

test("a case logged restricted is seen by its logger only, who adds a colleague from the team's accounts and lifts it again", async ({
  page,
  signedIn,
}) => {
  await signInAs(page, DEMO.moderator);
  await page.goto("/cases/new");
  await expect(page.getByRole("checkbox", { name: "Restrict to a case team (need to know)" })).not.toBeChecked();
  await expectNoViolations(page);
  const word = uniqueHandle("logged");
  const number = await logCase(page, { subject: uniqueHandle("private"), description: `Logged restricted ${word}`, restricted: true });
  const team = page.getByRole("region", { name: "Case team", exact: true });
  await expect(team.getByRole("list", { name: "Case team members" })).toContainText(DEMO.moderator.name);

  const viewer = await signedIn(DEMO.viewer);
  expect((await viewer.page.goto(`/cases/${number}`))?.status()).toBe(404);

  await team.getByRole("combobox", { name: "Add to the case team" }).selectOption({ label: `${DEMO.viewer.name} (Viewer)` });
  await team.getByRole("button", { name: "Add" }).click();
  await expect(status(page, `${DEMO.viewer.name} was added to the case team`)).toBeVisible();
  await expect(team.getByRole("list", { name: "Case team members" }).getByRole("listitem")).toHaveCount(2);
  await viewer.page.goto(`/cases/${number}`);
  await expect(viewer.page.getByRole("region", { name: "Details", exact: true })).toContainText(word);
  // A viewer on the team reads it but changes nothing of its team.
  await expect(viewer.page.getByRole("button", { name: "Lift restriction" })).toHaveCount(0);

  await team.getByRole("button", { name: `Remove ${DEMO.viewer.name} from the case team` }).click();
  await expect(status(page, `${DEMO.viewer.name} was removed from the case team`)).toBeVisible();
  expect((await viewer.page.goto(`/cases/${number}`))?.status()).toBe(404);

  await team.getByRole("button", { name: "Lift restriction" }).click();
  await expect(status(page, "Restriction lifted: everyone on the team can see this case")).toBeVisible();
  await viewer.page.goto(`/cases/${number}`);
  await expect(viewer.page.getByRole("heading", { level: 1, name: `Case ${number}` })).toBeVisible();
  await viewer.close();
});
