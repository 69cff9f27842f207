import { expect, type Page } from "@playwright/test";

/** The password of every demo account (prisma/seed.ts). */
export const DEMO_PASSWORD = "demo-password";

export type DemoAccount = { email: string; name: string; role: "admin" | "moderator" | "viewer"; roleLabel: string };

/** The demo accounts that `npm run db:seed` creates. */
export const DEMO = {
  admin: { email: "admin@example.org", name: "Alex Rivera", role: "admin", roleLabel: "Admin" },
  moderator: { email: "moderator@example.org", name: "Sam Okafor", role: "moderator", roleLabel: "Moderator" },
  viewer: { email: "viewer@example.org", name: "Jordan Lee", role: "viewer", roleLabel: "Viewer" },
} as const satisfies Record<string, DemoAccount>;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO.admin, DEMO.moderator, DEMO.viewer];

export const INVALID_CREDENTIALS = "Invalid email or password";

/** The sign-in form's fields and button, found by role and accessible name. */
export function signInForm(page: Page) {
  return {
    email: page.getByRole("textbox", { name: "Email" }),
    password: page.getByLabel("Password", { exact: true }),
    submit: page.getByRole("button", { name: "Sign in", exact: true }),
  };
}

/**
 * The form's error message. Next's route announcer also has role="alert", so the
 * query is scoped by text.
 */
export function signInError(page: Page) {
  return page.getByRole("alert").filter({ hasText: INVALID_CREDENTIALS });
}

/** The dashboard's main heading. */
export function dashboardHeading(page: Page) {
  return page.getByRole("heading", { level: 1, name: "Dashboard" });
}

/** The header's account button ("Account: <name>"). */
export function accountButton(page: Page, name: string) {
  return page.getByRole("button", { name: `Account: ${name}` });
}

let clients = 0;
/** A client address of its own (198.18.0.0/15, for tests), as a trusted proxy would name it. */
export function newClientAddress(): string {
  clients += 1;
  return `198.18.${(process.pid + clients) % 256}.${(clients % 254) + 1}`;
}

/**
 * Makes the page's requests come from its own client address: the test server trusts one
 * proxy (TRUST_PROXY=1 in playwright.config.ts) and every test runs on one machine, so
 * without this every failed sign-in of the whole suite would count against one address
 * and throttle the tests after it (lib/server/throttle/sign-in-throttle.ts).
 */
export async function asClient(page: Page, address: string = newClientAddress()): Promise<string> {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
  return address;
}

/**
 * Fills in and submits the sign-in form (opening /sign-in first unless the page is
 * already on it), from a client address of its own. It does not wait for the result:
 * callers assert the dashboard or the error.
 */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD, options: { address?: string } = {}) {
  await asClient(page, options.address);
  if (new URL(page.url(), "http://x").pathname !== "/sign-in") await page.goto("/sign-in");
  const form = signInForm(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
}

/** Signs in as a demo account and waits until its dashboard is shown. */
export async function signInAs(page: Page, account: DemoAccount) {
  await signIn(page, account.email);
  await expect(dashboardHeading(page)).toBeVisible();
  await expect(accountButton(page, account.name)).toBeVisible();
}
