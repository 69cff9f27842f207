import {
  DEMO,
  INVALID_CREDENTIALS,
  accountButton,
  expect,
  expectNoViolations,
  signIn,
  signInAs,
  signInError,
  signInForm,
  test,
} from "./fixtures.ts";

test("the sign-in page has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(signInForm(page).email).toBeVisible();
  await expectNoViolations(page);
});

test("the sign-in page showing an error has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await signIn(page, DEMO.admin.email, "not-the-password");
  await expect(signInError(page)).toHaveText(INVALID_CREDENTIALS);
  await expectNoViolations(page);
});

test("the dashboard has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await expectNoViolations(page);
});

test("the dashboard with the account menu open has no WCAG 2.1 A/AA violations", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  const button = accountButton(page, DEMO.admin.name);
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoViolations(page);
});

test("a page that is not there has one main landmark and no WCAG 2.1 A/AA violations, for an unknown case and an unknown address", async ({
  page,
}) => {
  await signInAs(page, DEMO.admin);
  for (const address of ["/cases/1999-9999", "/no-such-page"]) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("main"), address).toHaveCount(1);
    await expectNoViolations(page);
  }
});

test("a viewer's dashboard offers nothing a viewer cannot have: no 'My open cases', no 'Log a case'", async ({ page }) => {
  await signInAs(page, DEMO.viewer);
  await expect(page.getByRole("heading", { name: /New and unassigned/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /My open cases/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Log a case" })).toHaveCount(0);
  await expectNoViolations(page);
});

test("every table is named and has column headers, so a screen reader can tell the tables of a page apart", async ({ page }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/cases");
  const firstCase = await page.getByRole("table").getByRole("link").first().getAttribute("href");
  for (const path of ["/cases", firstCase!, "/members", "/team", "/audit", "/settings/sessions", "/exports/transparency"]) {
    await page.goto(path);
    const tables = page.getByRole("table");
    expect(await tables.count(), `${path} has a table`).toBeGreaterThan(0);
    for (const table of await tables.all()) {
      // The charts' screen-reader tables are named by their figure; every other table by its heading or caption.
      if (await table.evaluate((t) => t.classList.contains("sr-only"))) continue;
      await expect(table, `a table on ${path}`).toHaveAccessibleName(/\S/);
      expect(await table.getByRole("columnheader").count(), `column headers of a table on ${path}`).toBeGreaterThan(0);
    }
  }
});
