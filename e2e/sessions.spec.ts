import type { Page } from "@playwright/test";
import { DEMO, accountButton, dashboardHeading, expect, expectNoViolations, signInAs, signInForm, test } from "./fixtures.ts";

/*
 * Sessions end on the server: sign-out, the Sessions page (one or all other sessions) and an
 * admin on the Team page each end a session so that its cookie, even copied, no longer works.
 */

async function openAccountMenu(page: Page, name: string) {
  await accountButton(page, name).click();
}

/** The page is signed out: any page sends it to the sign-in form. */
async function expectSignedOut(page: Page) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(signInForm(page).email).toBeVisible();
  await expect(dashboardHeading(page)).toHaveCount(0);
}

async function expectSignedIn(page: Page) {
  await page.goto("/");
  await expect(dashboardHeading(page)).toBeVisible();
}

function sessionsTable(page: Page) {
  return page.getByRole("region", { name: "Signed in" }).getByRole("table");
}

test("sign-out ends the session on the server: the cookie, copied before and replayed after, is signed out", async ({
  anotherBrowser,
  page,
}) => {
  await signInAs(page, DEMO.moderator);
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);

  await openAccountMenu(page, DEMO.moderator.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");

  // Another browser presents the copied cookie: the signature is still valid, the session is not.
  const { context: replay, page: replayed } = await anotherBrowser();
  await replay.addCookies(copied);
  await expectSignedOut(replayed);
  const response = await replayed.request.get("/settings/sessions", { maxRedirects: 0 });
  expect(response.status()).toBe(307); // the page refuses it (the proxy only checks the signature)
  expect(new URL(response.headers()["location"]!, "http://x").pathname).toBe("/sign-in");
  await replay.close();
});

test("sign-out keeps the host name the user came in on (never NEXTAUTH_URL's)", async ({ signedIn, baseURL }) => {
  const otherHost = new URL(baseURL!);
  otherHost.hostname = "127.0.0.1"; // NEXTAUTH_URL says localhost
  const { context, page } = await signedIn(DEMO.viewer, { baseURL: otherHost.origin });
  expect(new URL(page.url()).host).toBe(otherHost.host);
  await openAccountMenu(page, DEMO.viewer.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
  expect(new URL(page.url()).host).toBe(otherHost.host);
  await expect(signInForm(page).email).toBeVisible();
  await expectSignedOut(page);
  await context.close();
});

test("the Sessions page lists my sessions and signs out another one, which is signed out on its next request", async ({ signedIn }) => {
  const laptop = await signedIn(DEMO.viewer);
  const phone = await signedIn(DEMO.viewer);
  const { page } = phone;

  await openAccountMenu(page, DEMO.viewer.name);
  await page.getByRole("link", { name: "Sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();
  const table = sessionsTable(page);
  await expect(table.getByRole("columnheader")).toHaveText(["Browser", "Address", "Signed in", "Last seen", "Actions"]);
  const current = table.getByRole("row").filter({ hasText: "This session" });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText("Chrome on Linux");
  await expect(current.getByRole("cell").nth(1)).toHaveText(phone.address);
  await expect(current.getByRole("button")).toHaveCount(0); // this one is signed out from the account menu

  // The laptop's session is the newest other one: sign it out.
  const others = table
    .getByRole("row")
    .filter({ hasNot: page.getByText("This session") })
    .filter({ has: page.getByRole("button") });
  expect(await others.count()).toBeGreaterThanOrEqual(1);
  await expectSignedIn(laptop.page);
  await page.reload();
  const before = await others.count();
  const newest = others.first();
  const label = await newest.getByRole("button").getAttribute("aria-label");
  expect(label).toMatch(/^Sign out Chrome on Linux, signed in .* UTC$/);
  await newest.getByRole("button", { name: label! }).click();
  await expect(others).toHaveCount(before - 1);
  const ended = page.getByRole("region", { name: "Recently ended" });
  await expect(ended.getByRole("row").filter({ hasText: "Signed out from another session" }).first()).toBeVisible();

  await expectSignedOut(laptop.page);
  await expectSignedIn(page);
  await laptop.context.close();
  await phone.context.close();
});

test("sign out all other sessions: the others are signed out, this one stays", async ({ signedIn }) => {
  const a = await signedIn(DEMO.moderator);
  const b = await signedIn(DEMO.moderator);
  const mine = await signedIn(DEMO.moderator);
  await mine.page.goto("/settings/sessions");
  mine.page.once("dialog", (dialog) => dialog.accept());
  await mine.page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(mine.page.getByRole("status").filter({ hasText: /other sessions? (was|were) signed out/ })).toBeVisible();
  await expect(sessionsTable(mine.page).getByRole("row")).toHaveCount(2); // the header and this session
  await expect(mine.page.getByRole("button", { name: "Sign out all other sessions" })).toBeDisabled();
  await expectSignedOut(a.page);
  await expectSignedOut(b.page);
  await expectSignedIn(mine.page);
  for (const c of [a, b, mine]) await c.context.close();
});

test("an admin signs a team member out everywhere from the Team page; the member's next request is signed out", async ({ signedIn }) => {
  const member = await signedIn(DEMO.moderator);
  const admin = await signedIn(DEMO.admin);
  await admin.page.goto("/team");
  admin.page.once("dialog", (dialog) => dialog.accept());
  await admin.page.getByRole("button", { name: `Sign ${DEMO.moderator.name} out everywhere` }).click();
  await expect(
    admin.page.getByRole("status").filter({ hasText: new RegExp(`^${DEMO.moderator.name} was signed out of \\d+ sessions?$`) }),
  ).toBeVisible();
  // Nobody is offered to sign themselves out from the Team page.
  await expect(admin.page.getByRole("button", { name: `Sign ${DEMO.admin.name} out everywhere` })).toHaveCount(0);
  await expectSignedOut(member.page);
  await expectSignedIn(admin.page);
  await member.context.close();
  await admin.context.close();
});

test("the Sessions page works with the keyboard alone and has no WCAG 2.1 A/AA violations", async ({ signedIn }) => {
  const other = await signedIn(DEMO.admin);
  const { context, page } = await signedIn(DEMO.admin);
  const button = accountButton(page, DEMO.admin.name);
  await button.focus();
  await page.keyboard.press("Enter");
  const link = page.getByRole("link", { name: "Sessions" });
  for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Sessions" })).toBeVisible();

  // Tab reaches a session's Sign out button, and Enter signs that session out.
  const signOutButtons = sessionsTable(page).getByRole("button", { name: /^Sign out Chrome on Linux/ });
  const count = await signOutButtons.count();
  expect(count).toBeGreaterThanOrEqual(1);
  const target = signOutButtons.first();
  for (let i = 0; i < 30 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(signOutButtons).toHaveCount(count - 1);
  await expect(page.getByRole("region", { name: "Recently ended" })).toBeVisible();

  await expectNoViolations(page, "the Sessions page after signing a session out");
  await other.context.close();
  await context.close();
});
