import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import pg from "pg";
import {
  DEMO,
  accountButton,
  dashboardHeading,
  expect,
  signInForm,
  test,
  uniqueHandle,
  type DemoAccount,
  type SignedIn,
  type SignedInAs,
} from "./fixtures.ts";
import { run, startInstance, startSwitchingProxy, type Instance, type SwitchingProxy } from "./support/instances.ts";
import { freePort } from "./support/processes.ts";
import { HOUR } from "@/lib/policy/durations.ts";

/*
 * Several instances (issue 13, item 9): two `next start` processes of ONE build on one
 * throwaway PostgreSQL database, behind a small switching proxy (a load balancer the test
 * steers). Everything a user does on one instance holds on the other from the next request:
 * the sign-in, server actions, sign-out, deactivation. Both instances get the same
 * NEXTAUTH_SECRET and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, as the README's deployment section
 * says. Needs PostgreSQL (TEST_DATABASE_URL; `bash .ci/run` provides it): skipped otherwise.
 */
const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL;
const SKIP_MESSAGE =
  "two instances need a PostgreSQL server: set TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres; bash .ci/run sets it)";
if (!ADMIN_DATABASE_URL) console.warn(`e2e/instances.spec.ts skipped: ${SKIP_MESSAGE}`);

const INSTANCE_KEYS = {
  data: randomBytes(32).toString("base64"),
  audit: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
};

let database: { url: string; drop: () => Promise<void> } | undefined;
let instances: Instance[] = [];
let proxy: SwitchingProxy | undefined;

async function createThrowawayDatabase(adminUrl: string) {
  const name = `instances_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function instanceEnv(databaseUrl: string, publicUrl: string, actionsKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: publicUrl,
    NEXTAUTH_SECRET: "instances-test-secret-0123456789abcdef0123456789",
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey,
    // The keys every instance shares (README, Deployment): reporters' encryption, the audit signature.
    DATA_ENCRYPTION_KEY: INSTANCE_KEYS.data,
    AUDIT_SIGNING_KEY: INSTANCE_KEYS.audit,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
  };
  delete env.PGLITE_DATA_DIR;
  delete env.PORT;
  return env;
}

test.describe("two instances on one PostgreSQL database", () => {
  test.skip(!ADMIN_DATABASE_URL, SKIP_MESSAGE);
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(240_000);
    database = await createThrowawayDatabase(ADMIN_DATABASE_URL!);
    const proxyPort = await freePort();
    const publicUrl = `http://127.0.0.1:${proxyPort}`;
    // One key for every instance: a page rendered by one can call a server action on another.
    const env = instanceEnv(database.url, publicUrl, randomBytes(32).toString("base64"));
    await run("npm", ["run", "--silent", "db:seed"], env); // migrates, then the demo community
    instances = await Promise.all([startInstance("A", env), startInstance("B", env)]);
    proxy = await startSwitchingProxy(proxyPort, instances);
  });

  test.afterAll(async () => {
    await proxy?.close();
    for (const instance of instances) instance.stop();
    await database?.drop();
  });

  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const instance of instances) await testInfo.attach(`instance ${instance.name} output`, { body: instance.output() });
    }
  });

  /** Signs the account in through the proxy, on instance `on`. */
  async function signedInOn(signedIn: SignedInAs, account: DemoAccount, on: "A" | "B"): Promise<SignedIn> {
    proxy!.use(on);
    return signedIn(account, { baseURL: proxy!.url });
  }

  /** Runs `step` with every request going to `on`, and checks that `on` served them all, server actions included. */
  async function on(name: "A" | "B", step: () => Promise<void>, expect_: { action?: boolean } = {}) {
    proxy!.use(name);
    const from = proxy!.served.length;
    await step();
    const served = proxy!.served.slice(from);
    expect(served.length, `requests during the step on ${name}`).toBeGreaterThan(0);
    expect(new Set(served.map((s) => s.instance))).toEqual(new Set([name]));
    if (expect_.action)
      expect(
        served.some((s) => s.action),
        `a server action was served by ${name}`,
      ).toBe(true);
  }

  async function expectSignedOut(page: Page) {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(signInForm(page).email).toBeVisible();
  }

  test("sign in on one instance and act on the other: a case logged on B, notes added on each, every page read on the other", async ({
    signedIn,
  }) => {
    const { context, page } = await signedInOn(signedIn, DEMO.moderator, "A");
    const handle = uniqueHandle("two-instances");
    let caseUrl = "";

    await on(
      "B",
      async () => {
        await page.goto("/cases/new");
        await page.getByLabel("Subject's handle").fill(handle);
        await page.getByRole("radio", { name: "Anonymous" }).check();
        await page.getByLabel("When it happened (UTC)").fill(new Date(Date.now() - 3 * HOUR).toISOString().slice(0, 16));
        await page.getByRole("checkbox", { name: "Public or private harassment" }).check();
        await page.getByLabel("Description").fill("Logged through instance B with a session signed in on instance A.");
        await page.getByRole("button", { name: "Log case" }).click();
        await expect(page).toHaveURL(/\/cases\/\d{4}-\d{4,}$/);
        caseUrl = new URL(page.url()).pathname;
      },
      { action: true },
    );

    // The page came from B; its server action goes to A.
    await on(
      "A",
      async () => {
        await page.getByLabel("New note").fill("Note added on instance A.");
        await page.getByRole("button", { name: "Add note" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Note added" })).toBeVisible();
      },
      { action: true },
    );
    await on("B", async () => {
      await page.goto(caseUrl);
      await expect(page.getByRole("region", { name: "Internal notes", exact: true })).toContainText("Note added on instance A.");
    });
    // And the other way round: the page from B, the action on A was the first; now the page from A, the action on B.
    await on("A", async () => {
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    });
    await on(
      "B",
      async () => {
        await page.getByLabel("New note").fill("Note added on instance B.");
        await page.getByRole("button", { name: "Add note" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Note added" })).toBeVisible();
      },
      { action: true },
    );
    await on("A", async () => {
      await page.goto(caseUrl);
      const notes = page.getByRole("region", { name: "Internal notes", exact: true });
      await expect(notes).toContainText("Note added on instance A.");
      await expect(notes).toContainText("Note added on instance B.");
      await page.goto("/cases");
      await expect(page.getByRole("link", { name: caseUrl.split("/").pop()! })).toBeVisible();
    });
    await context.close();
  });

  test("sign-out on one instance is honoured by the other on the next request (the copied cookie is signed out there)", async ({
    signedIn,
    anotherBrowser,
  }) => {
    const { context, page } = await signedInOn(signedIn, DEMO.viewer, "A");
    await on("B", async () => {
      await page.goto("/");
      await expect(dashboardHeading(page)).toBeVisible();
    });
    const copied = await context.cookies();
    await on("B", async () => {
      await accountButton(page, DEMO.viewer.name).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");
    });
    const { context: replay, page: replayed } = await anotherBrowser({ baseURL: proxy!.url });
    await replay.addCookies(copied);
    await on("A", () => expectSignedOut(replayed));
    await replay.close();
    await context.close();
  });

  test("deactivation on one instance is honoured by the other on the next request", async ({ signedIn }) => {
    const member = await signedInOn(signedIn, DEMO.viewer, "B");
    const admin = await signedInOn(signedIn, DEMO.admin, "A");
    await on(
      "A",
      async () => {
        await admin.page.goto("/team");
        await admin.page.getByRole("button", { name: `Deactivate ${DEMO.viewer.name}` }).click();
        await admin.page.getByRole("button", { name: "Confirm deactivation" }).click();
        await expect(admin.page.getByRole("button", { name: `Reactivate ${DEMO.viewer.name}` })).toBeVisible();
      },
      { action: true },
    );
    await on("B", () => expectSignedOut(member.page));
    // And signing in again is refused on either instance.
    for (const name of ["A", "B"] as const) {
      await on(name, async () => {
        await member.page.goto("/sign-in");
        await signInForm(member.page).email.fill(DEMO.viewer.email);
        await signInForm(member.page).password.fill("demo-password");
        await signInForm(member.page).submit.click();
        await expect(member.page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
      });
    }
    await member.context.close();
    await admin.context.close();
  });

  // ── Shared limits across instances (issue 13, items 1 and 9) ───────────────────────────────
  test("sign-in throttling is shared: failures on A make B refuse even the right password", async ({ anotherBrowser }) => {
    const { context, page } = await anotherBrowser({ baseURL: proxy!.url });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await on("A", async () => {
        await page.goto("/sign-in");
        await signInForm(page).email.fill(DEMO.moderator.email);
        await signInForm(page).password.fill(`not-the-password-${attempt}`);
        await signInForm(page).submit.click();
        await expect(page.getByRole("alert").filter({ hasText: /Invalid email or password|Too many attempts/ })).toBeVisible();
      });
    }
    await on("B", async () => {
      await page.goto("/sign-in");
      await signInForm(page).email.fill(DEMO.moderator.email);
      await signInForm(page).password.fill("demo-password");
      await signInForm(page).submit.click();
      await expect(page.getByRole("alert").filter({ hasText: /^Too many attempts\. Try again in \d+ minutes?\.$/ })).toBeVisible();
      await expect(page).toHaveURL(/\/sign-in/);
    });
    await context.close();
  });

  test("an API token's limit is shared: 60 calls on A and 60 on B spend its 120 a minute, then both answer 429", async () => {
    const env = instanceEnv(database!.url, proxy!.url, "unused");
    const output = await run("npm", ["run", "--silent", "token:create", "--", "--email", DEMO.admin.email, "--name", "instances"], env);
    const token =
      output
        .split("\n")
        .find((line) => line.startsWith("cd_"))
        ?.trim() ?? "";
    expect(token).toMatch(/^cd_/);
    const call = (instance: Instance) =>
      fetch(`http://127.0.0.1:${instance.port}/api/v1/decisions?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const [a, b] = instances;
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      for (const instance of [a!, b!]) statuses.push((await call(instance)).status);
    }
    expect(statuses.filter((s) => s === 200).length, `statuses: ${[...new Set(statuses)].join(", ")}`).toBe(120);
    for (const instance of [a!, b!]) {
      const refused = await call(instance);
      expect(refused.status, `instance ${instance.name}`).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});
