import {
  DEMO,
  DEMO_ACCOUNTS,
  INVALID_CREDENTIALS,
  accountButton,
  dashboardHeading,
  signIn,
  signInAs,
  signInError,
  signInForm,
  test,
  expect,
} from "./fixtures.ts";

const SIGN_IN_REDIRECT = /\/sign-in\?callbackUrl=%2F$/;

test.describe("sign in and out", () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`${account.role} signs in, sees the role in the account menu, and signs out`, async ({ page }) => {
      await signInAs(page, account);
      expect(new URL(page.url()).pathname).toBe("/");

      const button = accountButton(page, account.name);
      await expect(button).toHaveAttribute("aria-expanded", "false");
      await button.click();
      await expect(button).toHaveAttribute("aria-expanded", "true");
      const menuId = await button.getAttribute("aria-controls");
      expect(menuId).toBeTruthy();
      const menu = page.locator(`[id="${menuId}"]`);
      await expect(menu).toBeVisible();
      await expect(menu).toContainText(account.name);
      await expect(menu).toContainText(account.email);
      await expect(menu.getByText(account.roleLabel, { exact: true })).toBeVisible();

      await menu.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await expect(signInForm(page).submit).toBeVisible();

      // The session is gone: the dashboard sends us back to sign in.
      await page.goto("/");
      await expect(page).toHaveURL(SIGN_IN_REDIRECT);
      await expect(signInForm(page).email).toBeVisible();
    });
  }
});

test.describe("wrong credentials", () => {
  test("a wrong password shows the error and stays on the sign-in page", async ({ page }) => {
    await signIn(page, DEMO.admin.email, "not-the-password");
    await expect(signInError(page)).toHaveText(INVALID_CREDENTIALS);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expect(dashboardHeading(page)).toHaveCount(0);
    // The form is ready for another try.
    await expect(signInForm(page).submit).toBeEnabled();
  });

  test("an unknown email shows exactly the same message as a wrong password", async ({ page }) => {
    await signIn(page, DEMO.admin.email, "not-the-password");
    const wrongPassword = (await signInError(page).textContent())?.trim();

    await page.goto("/sign-in");
    await signIn(page, "nobody-here@example.org", "not-the-password");
    await expect(signInError(page)).toHaveText(INVALID_CREDENTIALS);
    const unknownEmail = (await signInError(page).textContent())?.trim();

    expect(unknownEmail).toBe(wrongPassword);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  });
});

test.describe("signed out", () => {
  test("visiting the dashboard redirects to sign in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(SIGN_IN_REDIRECT);
    await expect(signInForm(page).email).toBeVisible();
  });

  test("a request for / is answered 307 to /sign-in", async ({ page, baseURL }) => {
    const response = await page.request.get("/", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    const location = response.headers()["location"];
    expect(location).toBeTruthy();
    const target = new URL(location!, baseURL);
    expect(target.origin).toBe(new URL(baseURL!).origin);
    expect(target.pathname).toBe("/sign-in");
    expect(target.searchParams.get("callbackUrl")).toBe("/");
  });
});

test("the sign-in form works with the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  const form = signInForm(page);
  await expect(form.email).toBeVisible();
  // Email has autofocus; if it has not got focus, Tab must reach it.
  for (let i = 0; i < 10 && !(await form.email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(form.email).toBeFocused();
  await page.keyboard.type(DEMO.moderator.email);
  await page.keyboard.press("Tab");
  await expect(form.password).toBeFocused();
  await page.keyboard.type("demo-password");
  await page.keyboard.press("Enter");
  await expect(dashboardHeading(page)).toBeVisible();
  await expect(accountButton(page, DEMO.moderator.name)).toBeVisible();
});

test("a callbackUrl to another origin is ignored: sign-in lands on this site's dashboard", async ({ page, baseURL }) => {
  const isOffsite = (url: URL) => url.hostname === "evil.example" || url.hostname.endsWith(".evil.example");
  const offsite: string[] = [];
  page.on("request", (request) => {
    if (isOffsite(new URL(request.url()))) offsite.push(request.url());
  });
  await page.route(isOffsite, (route) => route.abort());

  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("https://evil.example/")}`);
  await signIn(page, DEMO.admin.email);
  await expect(dashboardHeading(page)).toBeVisible();
  const url = new URL(page.url());
  expect(url.origin).toBe(new URL(baseURL!).origin);
  expect(url.pathname).toBe("/");
  expect(offsite).toEqual([]);

  // Protocol-relative and backslash tricks are same-origin-looking but are other origins too.
  for (const callbackUrl of ["//evil.example/", "/\\evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await signIn(page, DEMO.admin.email);
    await expect(dashboardHeading(page)).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  }
  expect(offsite).toEqual([]);
});
