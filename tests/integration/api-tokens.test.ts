import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { configureRateLimit } from "@/lib/server/api/rate-limit.ts";
import { openDatabase } from "@/lib/server/db/open.ts";
import { createApiToken, VIEWER_WRITE_MESSAGE } from "@/lib/server/tokens/create-api-token.ts";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens.ts";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token.ts";
import { hashTokenSecret } from "@/lib/server/tokens/token-secret.ts";
import { updateUser } from "@/lib/server/users/update-user.ts";
import { api, caseBody, system, userWithToken } from "./api-helpers.ts";
import { describeEachBackend, unique } from "./harness.ts";
import { DAY } from "@/lib/policy/durations.ts";

describeEachBackend("JSON API: personal tokens", ({ db }) => {
  beforeEach(() => configureRateLimit());

  async function writes() {
    const p = db().prisma;
    const [cases, decisions, members, events] = await Promise.all([
      p.case.count(),
      p.decision.count(),
      p.member.count(),
      p.auditEvent.count(),
    ]);
    return { cases, decisions, members, events };
  }

  it("a token is stored only as its SHA-256, shown once, listed with its prefix, and its creation is audited", async () => {
    const { actor, token, secret } = await userWithToken("moderator", "read", { days: 30 });
    expect(secret).toMatch(/^cd_[A-Za-z0-9_-]{43}$/);
    const row = await db().prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(secret.startsWith(row.prefix)).toBe(true);
    const listed = await listApiTokens({ actor });
    expect(listed).toEqual([expect.objectContaining({ id: token.id, scope: "read", status: "active", lastUsedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const event = await db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "api_token.created", entityId: token.id },
      select: { actorType: true, actorUserId: true, before: true, after: true, metadata: true },
    });
    expect(event).toMatchObject({ actorType: "user", actorUserId: actor.id });
    expect(JSON.stringify(event)).not.toContain(secret);
    expect(JSON.stringify(event)).not.toContain(row.tokenHash);

    expect((await api(secret).lookup({ space: "github", handle: unique("nobody") })).status).toBe(404);
    expect((await db().prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
  });

  it("no token, a malformed header or an unknown token answers 401 JSON", async () => {
    for (const secret of [null, "", "cd_unknown", "not-even-prefixed", "cd_" + "x".repeat(500)]) {
      const res = await api(secret).lookup({ space: "github", handle: "alice" });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: "unauthenticated" });
    }
  });

  it("a revoked token stops at once (401), and revoking is audited", async () => {
    const { actor, token, secret } = await userWithToken("moderator", "write");
    expect((await api(secret).createCase(caseBody(unique("gh")))).status).toBe(201);
    await revokeApiToken({ actor, input: { tokenId: token.id } });
    const res = await api(secret).lookup({ space: "github", handle: "alice" });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ message: "This API token was revoked" });
    expect(await db().prisma.auditEvent.count({ where: { action: "api_token.revoked", entityId: token.id } })).toBe(1);
    await revokeApiToken({ actor, input: { tokenId: token.id } }); // twice: nothing more is written
    expect(await db().prisma.auditEvent.count({ where: { action: "api_token.revoked", entityId: token.id } })).toBe(1);
    const other = await userWithToken("moderator", "read");
    await expect(revokeApiToken({ actor: other.actor, input: { tokenId: token.id } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("an expired token answers 401", async () => {
    const { token, secret } = await userWithToken("moderator", "write", { days: 1 });
    expect((await api(secret).decisions()).status).toBe(200);
    // A day passes (the clock the app reads, not the database row): the token made for one day has expired.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(token.expiresAt!.getTime() + 1000);
      const before = await writes();
      const res = await api(secret).createCase(caseBody(unique("gh")));
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ message: "This API token has expired" });
      expect(await writes()).toEqual(before);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a read token cannot write (403) and nothing is written", async () => {
    const { secret } = await userWithToken("admin", "read");
    const before = await writes();
    const res = await api(secret).createCase(caseBody(unique("gh")));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "forbidden", message: "This token is read-only: create a write token to make changes" });
    expect((await api(secret).decide("2026-0001", { level: "reminder", rationale: "x" })).status).toBe(403);
    expect(await writes()).toEqual(before);
  });

  it("a viewer's token can never write: a write token is refused, and one whose owner became a viewer gets 403", async () => {
    const viewer = await userWithToken("viewer", "read");
    await expect(createApiToken({ actor: viewer.actor, input: { name: "bot", scope: "write" } })).rejects.toMatchObject({
      code: "invalid",
      fields: { scope: VIEWER_WRITE_MESSAGE },
    });
    expect((await api(viewer.secret).createCase(caseBody(unique("gh")))).status).toBe(403);

    const demoted = await userWithToken("moderator", "write");
    await updateUser({ actor: system, input: { userId: demoted.user.id, role: "viewer" } });
    const before = await writes();
    const res = await api(demoted.secret).createCase(caseBody(unique("gh")));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "forbidden" });
    expect(await writes()).toEqual(before);
    expect((await api(demoted.secret).decisions()).status).toBe(200); // reading is still allowed
  });

  it("a deactivated owner's token answers 401 on the next request", async () => {
    const { user, secret } = await userWithToken("moderator", "write");
    expect((await api(secret).decisions()).status).toBe(200);
    await updateUser({ actor: system, input: { userId: user.id, active: false } });
    const res = await api(secret).decisions();
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ message: "The owner of this API token was deactivated" });
  });

  it("too many requests answer 429 with Retry-After", async () => {
    configureRateLimit({ capacity: 3, perMinute: 60 });
    const { secret } = await userWithToken("moderator", "read");
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await api(secret).decisions();
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body.error).toMatchObject({ code: "rate_limited" });
    // 3 requests per 3-second window: the wait is what is left of the window.
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers.get("retry-after"))).toBeLessThanOrEqual(3);
  });

  it("the command line names the owner by email, refuses write tokens for viewers, and audits as the command line", async () => {
    const owner = await userWithToken("moderator", "read");
    const token = await createApiToken({
      actor: system,
      ownerEmail: owner.user.email.toUpperCase(),
      input: { name: "cli", scope: "write", days: "7" },
    });
    expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6.9 * DAY);
    expect((await api(token.secret).createCase(caseBody(unique("gh")))).status).toBe(201);
    const viewer = await userWithToken("viewer", "read");
    await expect(
      createApiToken({ actor: system, ownerEmail: viewer.user.email, input: { name: "x", scope: "write" } }),
    ).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(
      createApiToken({ actor: system, ownerEmail: "nobody@example.org", input: { name: "x", scope: "read" } }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("npm run token:create", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "token-cli-"));
  const dataDir = path.join(root, "pglite");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const npm = (script: string, args: string[]) =>
    spawnSync("npm", ["run", "--silent", script, "--", ...args], {
      cwd: process.cwd(),
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: dataDir, USER_PASSWORD: "a-long-enough-password" },
      timeout: 60_000,
    });

  it("prints a new token once, stored as a hash and audited", async () => {
    expect(npm("user:create", ["--email", "bot.owner@example.org", "--name", "Bot Owner", "--role", "moderator"]).status).toBe(0);
    const result = npm("token:create", ["--email", "bot.owner@example.org", "--name", "Slack bot", "--scope", "write", "--days", "30"]);
    expect(result.stderr).toContain('Created write token "Slack bot" for bot.owner@example.org');
    expect(result.status).toBe(0);
    const secret = result.stdout.trim();
    expect(secret).toMatch(/^cd_[A-Za-z0-9_-]{43}$/);
    const bad = npm("token:create", ["--email", "bot.owner@example.org", "--name", "x", "--scope", "admin"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe("Error: scope: Choose read or write");

    const opened = await openDatabase({ kind: "pglite", dataDir });
    const token = await opened.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashTokenSecret(secret) } });
    expect(token).toMatchObject({ name: "Slack bot", scope: "write" });
    const event = await opened.prisma.auditEvent.findFirstOrThrow({ where: { action: "api_token.created", entityId: token.id } });
    expect(event).toMatchObject({ actorType: "system", actorLabel: "token:create (command line)" });
    await opened.close();
  }, 240_000);
});
