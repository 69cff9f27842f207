import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO, accountButton, dashboardHeading, signIn, signInAs, signInError } from "./fixtures.ts";

test("an admin adds a team member, who signs in; once deactivated they lose access on their next request", async ({ page, browser }) => {
  const email = `new-${Date.now()}@example.org`;
  const name = `Robin New ${Date.now()}`;
  await signInAs(page, DEMO.admin);
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();

  // Bad input: the form keeps what was typed and marks the field.
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("moderator");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Add team member" }).click();
  await expect(page.getByText("Use at least 10 characters", { exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(email);
  await expect(page.getByRole("cell", { name })).toHaveCount(0);

  await page.getByLabel("Initial password").fill("a-good-long-password");
  await page.getByRole("button", { name: "Add team member" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} was added as moderator` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Moderator");

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await signIn(newcomer, email, "a-good-long-password");
  await expect(dashboardHeading(newcomer)).toBeVisible();
  await expect(accountButton(newcomer, name)).toBeVisible();

  await page.getByRole("button", { name: `Deactivate ${name}` }).click();
  await expect(page.getByRole("button", { name: `Reactivate ${name}` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Deactivated");

  await newcomer.reload();
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await signIn(newcomer, email, "a-good-long-password");
  await expect(signInError(newcomer)).toBeVisible();

  // Reactivated, they must sign in again: the session from before the deactivation stays ended.
  await page.getByRole("button", { name: `Reactivate ${name}` }).click();
  await expect(page.getByRole("button", { name: `Deactivate ${name}` })).toBeVisible();
  await newcomer.goto("/");
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await signIn(newcomer, email, "a-good-long-password");
  await expect(dashboardHeading(newcomer)).toBeVisible();
  await other.close();
});

test("moderators and viewers have no Team page", async ({ page }) => {
  for (const account of [DEMO.moderator, DEMO.viewer]) {
    await page.context().clearCookies();
    await signInAs(page, account);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" })).toHaveCount(0);
    const response = await page.goto("/team");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("the Team page has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/team");
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
