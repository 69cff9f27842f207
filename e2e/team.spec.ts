import { DEMO, dashboardHeading, expect, expectNoViolations, signIn, signInAs, signInError, test } from "./fixtures.ts";

test("an admin adds a team member, who signs in; once deactivated they lose access on their next request", async ({ page, signedIn }) => {
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

  const { page: newcomer, close: closeNewcomer } = await signedIn({ email, password: "a-good-long-password", name });

  // Deactivating asks first: Cancel changes nothing.
  await page.getByRole("button", { name: `Deactivate ${name}` }).click();
  await expect(page.getByText(`Deactivate ${name}? They are signed out at once`)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await newcomer.reload();
  await expect(dashboardHeading(newcomer)).toBeVisible();
  await page.getByRole("button", { name: `Deactivate ${name}` }).click();
  await page.getByRole("button", { name: "Confirm deactivation" }).click();
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
  await closeNewcomer();
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
  await expectNoViolations(page, "the Team page");
});

test("an admin links a new team member to their member record on the Team page: from then on cases about them are hidden from them, and unlinking is confirmed", async ({
  page,
  signedIn,
}) => {
  const stamp = Date.now();
  const email = `linked-${stamp}@example.org`;
  const name = `Morgan Account ${stamp}`;
  await signInAs(page, DEMO.admin);
  await page.goto("/team");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Initial password").fill("a-good-long-password");
  await page.getByRole("button", { name: "Add team member" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} was added as moderator` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Not linked: conflict-of-interest rules cannot apply");

  // Signed in before the link: the newcomer sees the cases about Morgan Blake.
  const { page: newcomer, close: closeNewcomer } = await signedIn({ email, password: "a-good-long-password", name });
  await newcomer.goto("/cases?q=Morgan");
  const morganCases = newcomer.getByRole("link", { name: /^\d{4}-\d{4}$/ });
  await expect(morganCases.first()).toBeVisible();
  const caseNumber = (await morganCases.first().textContent())!.trim();

  // An unknown handle: a specific message, and the choice to create the record.
  await row.getByRole("button", { name: `Link ${name} to a member record` }).click();
  await row.getByRole("combobox", { name: "Space" }).selectOption("github");
  await row.getByRole("textbox", { name: "Handle" }).fill(`nobody-${stamp}`);
  await row.getByRole("button", { name: "Link", exact: true }).click();
  await expect(
    row.getByText(`No member has the GitHub handle nobody-${stamp}: create their record to link it`, { exact: true }),
  ).toBeVisible();
  await expect(row.getByRole("checkbox", { name: `Create a member record for ${name} with this handle, and link it` })).toBeVisible();

  // Any handle finds the record, whatever its case and a leading @.
  await row.getByRole("textbox", { name: "Handle" }).fill("@MBlake");
  await row.getByRole("button", { name: "Link", exact: true }).click();
  await expect(row.getByRole("status").filter({ hasText: `${name} is linked to Morgan Blake` })).toBeVisible();
  await expect(row.getByRole("link", { name: "Morgan Blake" })).toBeVisible();
  await expect(row).not.toContainText("Not linked");

  // The newcomer's very next request follows the link: the case is gone everywhere.
  await newcomer.goto("/cases?q=Morgan");
  await expect(newcomer.getByRole("link", { name: caseNumber })).toHaveCount(0);
  const hidden = await newcomer.goto(`/cases/${caseNumber}`);
  expect(hidden?.status()).toBe(404);

  // Unlinking asks first, says what it means, and is undone only on confirmation.
  await row.getByRole("button", { name: `Unlink ${name}` }).click();
  await expect(row.getByText(/Cases about their member record become visible to them/)).toBeVisible();
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByRole("link", { name: "Morgan Blake" })).toBeVisible();
  await row.getByRole("button", { name: `Unlink ${name}` }).click();
  await row.getByRole("button", { name: "Confirm unlink" }).click();
  await expect(row).toContainText("Not linked: conflict-of-interest rules cannot apply");
  const visible = await newcomer.goto(`/cases/${caseNumber}`);
  expect(visible?.status()).toBe(200);

  // The admin cannot change their own link from the page.
  const own = page.getByRole("row").filter({ hasText: DEMO.admin.email });
  await expect(own.getByText("Another admin changes the member record of your own account.")).toBeVisible();
  await expect(own.getByRole("button", { name: /Link .* to a member record|Change the member record/ })).toHaveCount(0);

  await expectNoViolations(page, "the Team page with a linked account", { allRules: true });
  await closeNewcomer();
});
