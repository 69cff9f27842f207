import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/server/db/open.ts";
import { verifyPassword } from "@/lib/server/passwords.ts";

/** Runs an npm script the way a user would, against its own embedded database. */
function npm(script: string, args: string[], dataDir: string, input?: string, env: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: process.cwd(),
    input: input ?? "",
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: dataDir, USER_PASSWORD: "", ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("command-line tools", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
  const dataDir = path.join(root, "pglite");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("user:create makes the first admin with the password from standard input, never echoing it", async () => {
    const result = npm(
      "user:create",
      ["--email", "First.Admin@Example.org", "--name", "First Admin", "--role", "ADMIN"],
      dataDir,
      "a-secret-passphrase\n",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created admin First Admin <first.admin@example.org>");
    expect(result.stdout + result.stderr).not.toContain("a-secret-passphrase");

    const bad = npm("user:create", ["--email", "x@example.org", "--name", "X", "--role", "ADMIN"], dataDir, "", { USER_PASSWORD: "short" });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe("Error: password: Use at least 10 characters");

    const db = await openDatabase({ kind: "pglite", dataDir });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "first.admin@example.org" } });
    expect(user.role).toBe("admin");
    expect(await verifyPassword(user.passwordHash, "a-secret-passphrase")).toBe(true);
    expect(await db.prisma.user.count()).toBe(1);
    await db.close();
  }, 120_000);

  it("db:seed refuses a database that has data unless told --force", () => {
    const refused = npm("db:seed", [], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("The database is not empty: refusing to add demo data. Run with --force");

    const skipped = npm("db:seed", ["--if-empty"], dataDir);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain("demo data not added");

    const forced = npm("db:seed", ["--force"], dataDir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Demo data added: \d+ members, \d+ cases, \d+ decisions/);
    expect(forced.stdout).toContain("password: demo-password");
  }, 120_000);

  it("db:status lists the applied migrations", () => {
    const status = npm("db:status", [], dataDir);
    expect(status.code).toBe(0);
    const migrations = fs
      .readdirSync("prisma/migrations")
      .filter((name) => fs.statSync(path.join("prisma/migrations", name)).isDirectory());
    for (const name of migrations) expect(status.stdout).toContain(`applied  ${name}`);
  }, 60_000);

  it("audit:verify prints OK with the head that audit:head prints (with the signing key and last checkpoint), and fails when an expected head is missing", () => {
    const head = npm("audit:head", [], dataDir);
    expect(head.code).toBe(0);
    const [headLine, keyLine, checkpointLine] = head.stdout
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("[db]"));
    expect(headLine).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(keyLine).toMatch(/^public key [A-Za-z0-9+/]{43}= \(key [0-9a-f]{32}\)$/);
    expect(checkpointLine).toMatch(/^last checkpoint: event \d+, signed .+ \((hourly|verify)\)$/);
    const [seq] = headLine!.split(":");
    // The key is a file beside the data directory, never inside it.
    expect(fs.readFileSync(path.join(root, "keys", "audit-signing-key.pem"), "utf8")).toContain("BEGIN PRIVATE KEY");

    const verify = npm("audit:verify", [], dataDir);
    expect(verify.code).toBe(0);
    expect(verify.stdout.trim()).toMatch(new RegExp(`^OK: ${seq} events, head ${headLine}, \\d+ signed checkpoints? holds?$`));

    const exported = npm("audit:checkpoints", [], dataDir);
    const lines = exported.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ kind: "conduct-desk-audit-checkpoints", publicKey: keyLine!.split(" ")[2] });
    expect(lines.length).toBeGreaterThan(1);
    const file = path.join(root, "checkpoints.jsonl");
    fs.writeFileSync(file, exported.stdout);
    expect(npm("audit:verify", ["--checkpoints", file], dataDir).stdout).toMatch(/^OK: /);

    const ahead = `${Number(seq) + 5}:${"a".repeat(64)}`;
    const truncated = npm("audit:verify", ["--expect", ahead], dataDir);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain(`the chain ends at event ${seq} but the expected head is ${ahead}`);

    const bad = npm("audit:verify", ["--expect", "nonsense"], dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Expected a head like 1234:<64 hex characters>");
  }, 60_000);

  it("user:create --member and user:link link an account to its member record (created when nobody holds the handle), and --unlink removes it; bad usage changes nothing", async () => {
    const created = npm(
      "user:create",
      ["--email", "linked.mod@example.org", "--name", "Linked Mod", "--role", "moderator", "--member", "github:LinkedMod"],
      dataDir,
      "",
      { USER_PASSWORD: "a-long-enough-password" },
    );
    expect(created.stderr).toBe("");
    expect(created.stdout).toContain("Linked to a new member record, Linked Mod");

    const unlinked = npm("user:link", ["--email", "Linked.Mod@example.org", "--unlink"], dataDir);
    expect(unlinked.stdout.trim()).toBe("Unlinked Linked Mod: conflict-of-interest rules no longer apply to this account");
    const relinked = npm("user:link", ["--email", "linked.mod@example.org", "--member", "github:@linkedmod"], dataDir);
    expect(relinked.stdout.trim()).toBe("Linked Linked Mod to Linked Mod");

    const usage = npm("user:link", ["--email", "linked.mod@example.org"], dataDir);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("Usage: npm run user:link -- --email EMAIL --member SPACE:HANDLE");
    const badRef = npm("user:link", ["--email", "linked.mod@example.org", "--member", "linkedmod"], dataDir);
    expect(badRef.stderr.trim()).toBe('Error: --member takes SPACE:HANDLE, e.g. github:sokafor (got "linkedmod")');
    const badSpace = npm("user:link", ["--email", "linked.mod@example.org", "--member", "myspace:x"], dataDir);
    expect(badSpace.code).toBe(1);
    expect(badSpace.stderr).toContain("member.space");
    const unknown = npm("user:link", ["--email", "nobody@example.org", "--member", "github:x"], dataDir);
    expect(unknown.stderr.trim()).toBe("Error: No team account has the email nobody@example.org");

    const db = await openDatabase({ kind: "pglite", dataDir });
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: "linked.mod@example.org" },
      select: { id: true, memberId: true },
    });
    const member = await db.prisma.member.findUniqueOrThrow({ where: { id: user.memberId! }, include: { identities: true } });
    expect(member.identities.map((i) => i.handle)).toEqual(["LinkedMod"]);
    const actions = await db.prisma.auditEvent.findMany({
      where: { action: { startsWith: "user.member_" }, entityId: user.id },
      orderBy: { seq: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions).toEqual([
      { action: "user.member_linked", actorLabel: "user:create (command line)" },
      { action: "user.member_unlinked", actorLabel: "user:link (command line)" },
      { action: "user.member_linked", actorLabel: "user:link (command line)" },
    ]);
    await db.close();
  }, 180_000);
});
