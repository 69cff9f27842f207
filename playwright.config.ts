import path from "node:path";
import { defineConfig } from "@playwright/test";

/*
 * End-to-end tests in the system Chromium (`npx playwright install` cannot download
 * browsers here) against a production build: `npx next build` must have run first
 * (`npm test` does it). The web server gets a fresh embedded database, migrated and
 * seeded with the demo data, for every run.
 */
const port = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://localhost:${port}`;
const root = import.meta.dirname;

/** The embedded database of the test server (e2e/startup.spec.ts checks a second opener is refused). */
export const E2E_DATA_DIR = path.join(root, "e2e", ".data", "pglite");
/** A fixed secret: test sessions only. */
export const E2E_NEXTAUTH_SECRET = "e2e-only-secret-not-for-production-0123456789abcdef";

export default defineConfig({
  testDir: "e2e",
  workers: 1, // one server on one embedded database: tests share it
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // Fresh data directory (and no stale lock), migrate + seed, then serve the existing build.
    // `exec` makes the server the shell's process, so stopping the web server stops it.
    command: [
      "unset DATABASE_URL",
      `rm -rf "${path.dirname(E2E_DATA_DIR)}"`,
      `mkdir -p "${path.dirname(E2E_DATA_DIR)}"`,
      "npm run --silent db:seed",
      `exec npx next start -p ${port}`,
    ].join(" && "),
    cwd: root,
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe", // "Cannot start: …" and server errors show in the test output
    env: {
      PGLITE_DATA_DIR: E2E_DATA_DIR,
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: baseURL,
      // The tests name their client addresses in X-Forwarded-For (e2e/fixtures.ts asClient).
      TRUST_PROXY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
});
