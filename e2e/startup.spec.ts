import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config.ts";
import { freePort, killGroup } from "./support/processes.ts";

/*
 * A wrong environment must stop the server at once with one line saying what to fix
 * (instrumentation.ts → lib/server/db/start.ts). Each case starts `next start` on a
 * spare port as a plain child process: no browser.
 */
const root = path.resolve(import.meta.dirname, "..");
const EXIT_WITHIN_MS = 30_000;

type Exit = { code: number | null; signal: NodeJS.Signals | null; ms: number; stdout: string; stderr: string };

const running = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

/** Starts `next start` with the given environment changes; resolves when it exits (or is killed after the deadline). */
async function startServer(changes: Record<string, string | undefined>): Promise<Exit> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_SECRET: "startup-test-secret-0123456789abcdef",
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_MIGRATION_URL;
  delete env.REQUIRE_LEAST_PRIVILEGE;
  delete env.PGLITE_DATA_DIR;
  delete env.PORT;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const started = Date.now();
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    cwd: root,
    env,
    detached: true, // its own process group, so that killGroup reaches next-server too
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));

  return new Promise<Exit>((resolve) => {
    const deadline = setTimeout(() => killGroup(child), EXIT_WITHIN_MS);
    child.on("close", (code, signal) => {
      clearTimeout(deadline);
      // The server may have forked: make sure nothing of the group survives.
      killGroup(child);
      running.delete(child);
      resolve({ code, signal, ms: Date.now() - started, stdout, stderr });
    });
  });
}

/** The one "Cannot start: …" line the app prints. */
function cannotStartLines(exit: Exit): string[] {
  return exit.stderr.split(/\r?\n/).filter((line) => line.startsWith("Cannot start:"));
}

function expectRefusal(exit: Exit, pattern: RegExp) {
  const details = `exit ${exit.code ?? exit.signal} after ${exit.ms} ms\n--- stderr\n${exit.stderr}\n--- stdout\n${exit.stdout}`;
  expect(exit.signal, `killed after ${EXIT_WITHIN_MS} ms instead of exiting: ${details}`).toBeNull();
  expect(exit.code, details).not.toBe(0);
  expect(exit.code, details).not.toBeNull();
  expect(exit.ms, details).toBeLessThan(EXIT_WITHIN_MS);
  const lines = cannotStartLines(exit);
  expect(lines, details).toHaveLength(1);
  expect(lines[0], details).toMatch(pattern);
  expect(exit.stdout, details).not.toContain("[db] ready");
}

test.describe("the server refuses to start with a broken environment", () => {
  test.describe.configure({ timeout: EXIT_WITHIN_MS + 30_000 });

  test.afterEach(() => {
    for (const child of running) killGroup(child);
    running.clear();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  test("DATABASE_URL that is not a URL", async () => {
    const exit = await startServer({ DATABASE_URL: "not-a-url" });
    expectRefusal(exit, /^Cannot start: DATABASE_URL is not a valid URL: expected postgresql:\/\/USER:PASSWORD@HOST:5432\/DATABASE/);
  });

  test("DATABASE_URL naming a PostgreSQL server that cannot be reached", async () => {
    const exit = await startServer({ DATABASE_URL: "postgresql://u:secret-pw@127.0.0.1:1/db" });
    expectRefusal(
      exit,
      /^Cannot start: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/db \(.*ECONNREFUSED.*\): check DATABASE_URL and that the server is running$/,
    );
    // The message names the server but never prints the password.
    expect(exit.stderr + exit.stdout).not.toContain("secret-pw");
  });

  test("PGLITE_DATA_DIR that cannot be created", async () => {
    // We may run as root, which permission bits do not stop: a path under a regular file
    // cannot be created by anyone.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conduct-startup-"));
    cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const file = path.join(tmp, "a-file");
    fs.writeFileSync(file, "not a directory\n");
    const dataDir = path.join(file, "pglite");

    const exit = await startServer({ PGLITE_DATA_DIR: dataDir });
    expectRefusal(
      exit,
      new RegExp(
        `^Cannot start: The embedded database directory ${escapeRegExp(dataDir)} is not writable \\(ENOTDIR\\): fix its permissions or set PGLITE_DATA_DIR to a writable path$`,
      ),
    );
  });

  test("PGLITE_DATA_DIR already open in another process (the test server)", async ({ request }) => {
    const lockPath = `${E2E_DATA_DIR}.lock`;
    const holder = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid: number };
    expect(holder.pid).toBeGreaterThan(0);

    const exit = await startServer({ PGLITE_DATA_DIR: E2E_DATA_DIR });
    expectRefusal(
      exit,
      new RegExp(
        `^Cannot start: The embedded database ${escapeRegExp(E2E_DATA_DIR)} is already open in process ${holder.pid}: stop that process first`,
      ),
    );

    // The refused process left the running server and its lock alone.
    expect(JSON.parse(fs.readFileSync(lockPath, "utf8"))).toMatchObject({ pid: holder.pid });
    const response = await request.get("/sign-in");
    expect(response.status()).toBe(200);
  });

  test("REQUIRE_LEAST_PRIVILEGE=1 with the embedded database, whose one role owns everything", async () => {
    const exit = await startServer({ REQUIRE_LEAST_PRIVILEGE: "1", PGLITE_DATA_DIR: "memory://" });
    expectRefusal(
      exit,
      /^Cannot start: REQUIRE_LEAST_PRIVILEGE=1 needs PostgreSQL: the embedded database has one role, which owns everything/,
    );
  });

  test("DATABASE_MIGRATION_URL without DATABASE_URL", async () => {
    const exit = await startServer({ DATABASE_MIGRATION_URL: "postgresql://owner:owner-pw@127.0.0.1:1/db" });
    expectRefusal(exit, /^Cannot start: DATABASE_MIGRATION_URL is set but DATABASE_URL is not: set DATABASE_URL to the app's own role/);
    expect(exit.stderr + exit.stdout).not.toContain("owner-pw");
  });

  test("no NEXTAUTH_SECRET in production", async () => {
    const exit = await startServer({ NEXTAUTH_SECRET: undefined, DATABASE_URL: "not-a-url" });
    expectRefusal(exit, /^Cannot start: set NEXTAUTH_SECRET to a long random string/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
