import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { HOUR } from "@/lib/policy/durations.ts";

/*
 * What every spec shares: the demo accounts, signing in (on the test's page or in a browser of
 * another person's), handles no other test uses, and the accessibility check. Specs import
 * `test` and `expect` from here: `test` adds the `anotherBrowser` and `signedIn` fixtures, whose
 * browsers close when the test ends, passed or failed.
 */

export { expect };

/** The password of every demo account (prisma/seed.ts). */
export const DEMO_PASSWORD = "demo-password";

export type DemoAccount = { email: string; name: string; role: "admin" | "moderator" | "viewer"; roleLabel: string };

/** An account a test made itself (on the Team page): its email, password and, once known, its name. */
export type OwnAccount = { email: string; password: string; name?: string };

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

let handles = 0;
/** A handle (or any short text) no other test, and no earlier run on the same server, has used. */
export function uniqueHandle(prefix: string): string {
  handles += 1;
  return `${prefix}-${Date.now().toString(36)}-${handles}`;
}

/** A datetime-local value (UTC) some hours ago; 0 is the current minute. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR).toISOString().slice(0, 16);
}

/** A case page's address; its first group is the case number. */
export const CASE_URL = /\/cases\/(\d{4}-\d{4,})$/;

/** A status message (role="status") with this text: Next's route announcer has role="alert", so alerts are scoped too. */
export function status(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text });
}

/** The success criteria every page meets. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe on the page as it is now and fails with every violation: its rule, impact, help and
 * the elements, by selector, markup and axe's summary. `what` names the state in the message;
 * `allRules` checks axe's best practices too, beyond WCAG 2.1 A/AA.
 */
export async function expectNoViolations(page: Page, what = "the page", options: { allRules?: boolean } = {}) {
  // After a server action the router swaps the page's payload, its <title> included: check the
  // page once it has settled (a page that never gets a title still fails here).
  await expect(page, `the title of ${what}`).toHaveTitle(/\S/);
  const axe = new AxeBuilder({ page });
  const results = await (options.allRules ? axe : axe.withTags(WCAG_TAGS)).analyze();
  const report = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    elements: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
  }));
  expect(report, `axe violations on ${what} (${page.url()}):\n${JSON.stringify(report, null, 2)}`).toEqual([]);
}

/** Someone else's browser: a context of its own (cookies, client address), and a page in it. */
export type OtherBrowser = { context: BrowserContext; page: Page; close: () => Promise<void> };
/** That browser, signed in; `address` is the client address it signed in from. */
export type SignedIn = OtherBrowser & { address: string };

export type SignedInOptions = {
  /** Another origin for the browser (another host name, a proxy in front of two instances). */
  baseURL?: string;
  /** The client address to sign in from; by default one of its own. */
  address?: string;
  /** Runs on the new page before it signs in (to watch its console, say). */
  prepare?: (page: Page) => void;
};

/** Opens another person's browser, signed out. */
export type AnotherBrowser = (options?: { baseURL?: string }) => Promise<OtherBrowser>;
/**
 * Signs an account in, in another browser, and waits for its dashboard (and, for an account with
 * a name, its account button).
 */
export type SignedInAs = (account: DemoAccount | OwnAccount, options?: SignedInOptions) => Promise<SignedIn>;

type Fixtures = { anotherBrowser: AnotherBrowser; signedIn: SignedInAs };

export const test = base.extend<Fixtures>({
  // Playwright's `use` is named `provide` here: React's linter takes any `use(…)` for its hook.
  anotherBrowser: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (options = {}) => {
      const context = await browser.newContext(options.baseURL ? { baseURL: options.baseURL } : {});
      contexts.push(context);
      const page = await context.newPage();
      return { context, page, close: () => context.close() };
    });
    // Closing twice is harmless: a test that closes its browser early leaves nothing here to do.
    for (const context of contexts) await context.close();
  },
  signedIn: async ({ anotherBrowser }, provide) => {
    await provide(async (account, options = {}) => {
      const other = await anotherBrowser({ baseURL: options.baseURL });
      options.prepare?.(other.page);
      const address = options.address ?? newClientAddress();
      await signIn(other.page, account.email, "password" in account ? account.password : DEMO_PASSWORD, { address });
      await expect(dashboardHeading(other.page)).toBeVisible();
      if (account.name) await expect(accountButton(other.page, account.name)).toBeVisible();
      return { ...other, address };
    });
  },
});
