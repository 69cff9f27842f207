import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCheckpoints } from "@/lib/server/audit/checkpoints.ts";
import { readHead, verifyChain } from "@/lib/server/audit/verify-chain.ts";
import { verifyAuditChainNow } from "@/lib/server/audit/verify-now.ts";
import { addNote } from "@/lib/server/cases/add-note.ts";
import { assignCase } from "@/lib/server/cases/assign-case.ts";
import { changeCaseStatus } from "@/lib/server/cases/change-case-status.ts";
import { editNote } from "@/lib/server/cases/edit-note.ts";
import { listCases } from "@/lib/server/cases/list-cases.ts";
import { restrictCase } from "@/lib/server/cases/restrict-case.ts";
import { revealReporter } from "@/lib/server/cases/reveal-reporter.ts";
import { updateCaseDetails } from "@/lib/server/cases/update-case-details.ts";
import { setAppDatabase } from "@/lib/server/db.ts";
import { DatabaseSetupError, readDatabaseConfig } from "@/lib/server/db/config.ts";
import { applyMigrations, MigrationError, migrationStatus, type MigrationExecutor } from "@/lib/server/db/migrate.ts";
import { openDatabase, type OpenDatabase } from "@/lib/server/db/open.ts";
import { grantRuntimeRole } from "@/lib/server/db/privilege.ts";
import { reverseDecision } from "@/lib/server/decisions/reverse-decision.ts";
import { reviewDecision } from "@/lib/server/decisions/review-decision.ts";
import { exportDecisionSummaries } from "@/lib/server/exports/export-decision-summaries.ts";
import { getTransparencyReport } from "@/lib/server/exports/get-transparency-report.ts";
import { markNoticeSent } from "@/lib/server/exports/mark-notice-sent.ts";
import { getMemberHistory } from "@/lib/server/members/get-member-history.ts";
import { mergeMembers } from "@/lib/server/members/merge-members.ts";
import { createApiToken } from "@/lib/server/tokens/create-api-token.ts";
import { seedDemoCommunity } from "@/prisma/demo-community.ts";
import { daysAgo, decide, logCase, newActor, newMember, recordWarning } from "./cases-helpers.ts";
import { withDatabase, type TestDatabase } from "./harness.ts";

/*
 * Least privilege on PostgreSQL: migrations run as the role that owns the tables
 * (DATABASE_MIGRATION_URL), the app as a role that owns nothing, set up by `npm run db:grant`.
 * That role cannot switch off the triggers that keep the audit trail and the decisions as
 * written, so whoever holds the app's credentials cannot rewrite history. PGlite has a single
 * role, which owns everything: there, REQUIRE_LEAST_PRIVILEGE=1 refuses to start.
 */
const adminUrl = process.env.TEST_DATABASE_URL;

function npm(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", DATABASE_MIGRATION_URL: "", REQUIRE_LEAST_PRIVILEGE: "", ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function executor(client: pg.Client): MigrationExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as T[],
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

describe("least privilege on the embedded database", () => {
  it("REQUIRE_LEAST_PRIVILEGE=1 refuses to start on PGlite, which has one role owning everything", async () => {
    const config = readDatabaseConfig({ PGLITE_DATA_DIR: "memory://", REQUIRE_LEAST_PRIVILEGE: "1" });
    await expect(openDatabase(config, { checkPrivilege: true })).rejects.toThrow(
      new DatabaseSetupError(
        "REQUIRE_LEAST_PRIVILEGE=1 needs PostgreSQL: the embedded database has one role, which owns everything. Set DATABASE_URL to a role that owns nothing (README, PostgreSQL), or unset REQUIRE_LEAST_PRIVILEGE",
      ),
    );
  });

  it.skip("as the app's own role every statement that would rewrite history fails: not on PGlite, which has one role owning everything (PostgreSQL only, below)", () => {});
});

describe.skipIf(!adminUrl)("least privilege on PostgreSQL (PGlite has one role: PostgreSQL only)", () => {
  const suffix = randomBytes(4).toString("hex");
  const owner = `cd_owner_${suffix}`;
  const app = `cd_app_${suffix}`;
  const database = `test_lp_${suffix}`;
  const extraRoles: string[] = [];
  const urlAs = (role: string, password: string, db = database) => {
    const u = new URL(withDatabase(adminUrl!, db));
    u.username = encodeURIComponent(role);
    u.password = password;
    return u.toString();
  };
  const ownerUrl = () => urlAs(owner, "owner-password");
  const appUrl = () => urlAs(app, "app-password");
  let su: pg.Client; // the cluster's superuser, connected to the test database: reads snapshots
  let appDb: OpenDatabase;
  const startWarnings: string[] = [];
  const opened: OpenDatabase[] = [];
  const asTestDb = (): TestDatabase => ({ ...appDb, drop: async () => {} });

  /** Connects as a role, for the statements an attacker holding its credentials would send. */
  async function connectAs(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }

  async function createRole(name: string, options = "LOGIN PASSWORD 'role-password'") {
    await su.query(`CREATE ROLE "${name.replaceAll('"', '""')}" ${options}`);
    extraRoles.push(name);
  }

  /** Every row of every table, as text: equal snapshots mean nothing changed. */
  async function snapshot() {
    const tables = (
      await su.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const [row] = (
        await su.query<{ digest: string | null }>(`SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS digest FROM "${t}" x`)
      ).rows;
      out[t] = row?.digest ?? "";
    }
    const triggers = await su.query(
      `SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
    );
    return { out, triggers: triggers.rows };
  }

  beforeAll(async () => {
    const root = new pg.Client({ connectionString: adminUrl });
    await root.connect();
    await root.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner-password'`);
    await root.query(`CREATE ROLE ${app} LOGIN PASSWORD 'app-password'`);
    await root.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    await root.end();
    su = await connectAs(withDatabase(adminUrl!, database));

    // The operator's set-up, as the README gives it: db:grant with the owner's URL.
    const granted = npm("db:grant", [app], { DATABASE_URL: appUrl(), DATABASE_MIGRATION_URL: ownerUrl() });
    expect(granted.stderr).toBe("");
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain(`Granted to "${app}"`);
    expect(granted.stdout).toContain("AuditEvent: SELECT, INSERT\n");
    expect(granted.stdout).toContain("AuditCheckpoint: SELECT, INSERT\n");
    expect(granted.stdout).toContain("Decision: SELECT, INSERT, UPDATE (memberNotifiedAt) only");

    appDb = await openDatabase(
      readDatabaseConfig({ DATABASE_URL: appUrl(), DATABASE_MIGRATION_URL: ownerUrl(), REQUIRE_LEAST_PRIVILEGE: "1" }),
      { checkPrivilege: true, warn: (line) => startWarnings.push(line) },
    );
    setAppDatabase(appDb);
  }, 180_000);

  afterAll(async () => {
    setAppDatabase(undefined);
    for (const db of opened) await db.close().catch(() => {});
    await appDb?.close();
    await su?.end().catch(() => {});
    const root = new pg.Client({ connectionString: adminUrl });
    await root.connect();
    await root.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of [...extraRoles, app, owner]) await root.query(`DROP ROLE IF EXISTS "${role.replaceAll('"', '""')}"`);
    await root.end();
  });

  it("db:grant leaves the app's role owning nothing, with only what the app needs: it starts under REQUIRE_LEAST_PRIVILEGE=1 without a warning", async () => {
    expect(startWarnings).toEqual([]);
    const can = async (table: string, privilege: string) =>
      (await su.query<{ ok: boolean }>(`SELECT has_table_privilege($1, $2, $3) AS ok`, [app, `"${table}"`, privilege])).rows[0]!.ok;
    expect(await can("AuditEvent", "INSERT")).toBe(true);
    expect(await can("AuditEvent", "SELECT")).toBe(true);
    for (const table of ["AuditEvent", "AuditCheckpoint"]) {
      expect(await can(table, "INSERT"), table).toBe(true);
      expect(await can(table, "SELECT"), table).toBe(true);
      for (const privilege of ["UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES"])
        expect(await can(table, privilege), `${table} ${privilege}`).toBe(false);
    }
    for (const table of [
      "Case",
      "Decision",
      "DecisionReversal",
      "CaseNote",
      "CaseStatusChange",
      "NoContactProtection",
      "MemberIdentity",
      "User",
    ]) {
      expect(await can(table, "DELETE"), table).toBe(false);
      expect(await can(table, "TRUNCATE"), table).toBe(false);
    }
    const column = async (table: string, col: string) =>
      (await su.query<{ ok: boolean }>(`SELECT has_column_privilege($1, $2, $3, 'UPDATE') AS ok`, [app, `"${table}"`, col])).rows[0]!.ok;
    expect(await column("Decision", "memberNotifiedAt")).toBe(true);
    expect(await column("Decision", "level")).toBe(false);
    expect(await column("NoContactProtection", "memberId")).toBe(true);
    expect(await column("NoContactProtection", "named")).toBe(false);
    const owned = await su.query(`SELECT relname FROM pg_class WHERE relowner = $1::regrole`, [app]);
    expect(owned.rows).toEqual([]);
  });

  it("the app works normally as its own role: the demo community, a day of cases, decisions, notices, reversals, reviews, merges and exports, and the chain verifies", async () => {
    await seedDemoCommunity({ accountSuffix: suffix });
    const db = asTestDb();
    const version = async (caseId: string) => (await appDb.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).version;
    const admin = await newActor(db, "admin");
    const modMember = await newMember(db, "Moderator");
    const moderator = await newActor(db, "moderator", { memberId: modMember.id });
    const viewer = await newActor(db, "viewer");
    const subject = await newMember(db, "Subject");
    const victim = await newMember(db, "Protected");
    const bystander = await newMember(db, "Bystander");
    const reporter = await newMember(db, "Reporter");

    // A case with a confidential reporter, worked through its statuses, with notes and a changed list of people.
    const c = await logCase(admin, subject.id, {
      reporter: { kind: "member", member: { memberId: reporter.id } },
      involved: [{ memberId: victim.id }, { memberId: bystander.id }],
      occurredAt: daysAgo(3).toISOString(),
    });
    await assignCase({ actor: admin, input: { caseId: c.id, version: await version(c.id), assigneeId: moderator.id } });
    await changeCaseStatus({ actor: moderator, input: { caseId: c.id, version: await version(c.id), status: "investigating" } });
    const note = await addNote({ actor: moderator, input: { caseId: c.id, body: "Spoke with the people involved." } });
    await editNote({ actor: moderator, input: { noteId: note.id, body: "Spoke with both people involved." } });
    await updateCaseDetails({
      actor: moderator,
      input: { caseId: c.id, version: await version(c.id), involved: [{ memberId: victim.id }] },
    });
    expect(await revealReporter({ actor: admin, input: { caseId: c.id } })).toMatchObject({ kind: "member", memberId: reporter.id });

    // A Warning, its notice sent; a breach; a mandatory ban; the Warning reversed; the ban kept on review.
    const warning = await decide(moderator, c, "warning", {
      version: await version(c.id),
      noContact: { startsAt: daysAgo(1), days: 60, protect: [victim.id] },
    });
    expect((await markNoticeSent({ actor: moderator, input: { decisionId: warning.id } })).memberNotifiedAt).toBeInstanceOf(Date);
    const breach = await logCase(admin, subject.id, { involved: [{ memberId: victim.id }], occurredAt: new Date().toISOString() });
    expect(breach.breach?.decisionId).toBe(warning.id);
    const ban = await decide(admin, breach, "permanent_ban");
    await reverseDecision({ actor: admin, input: { decisionId: warning.id, reason: "On appeal: the Warning named the wrong person." } });
    await reviewDecision({ actor: moderator, input: { decisionId: ban.id, reason: "The ban stands on the pattern of other incidents." } });

    // A merge moves a protected member's protections (the database lets only a merge do that).
    const other = await newMember(db, "Other subject");
    const protectedDuplicate = await newMember(db, "Duplicate");
    const protectedRecord = await newMember(db, "Kept record");
    const w2 = await recordWarning(db, admin, other.id, [protectedDuplicate.id], { startsAt: daysAgo(2), endsAt: daysAgo(-30) });
    const merged = await mergeMembers({
      actor: admin,
      input: { sourceId: protectedDuplicate.id, targetId: protectedRecord.id, reason: "Same person on GitHub and Slack" },
    });
    expect(merged.moved.protections).toBe(1);
    expect(await appDb.prisma.noContactProtection.findMany({ where: { decisionId: w2.decisionId }, select: { memberId: true } })).toEqual([
      { memberId: protectedRecord.id },
    ]);

    // Restriction, tokens, search (trigram indexes), history, exports, the audit chain.
    await restrictCase({
      actor: admin,
      input: { caseId: breach.id, version: await version(breach.id), restricted: true, team: [admin.id] },
    });
    expect((await createApiToken({ actor: moderator, input: { name: "bot", scope: "read" } })).secret).toMatch(/^cd_/);
    expect((await listCases({ actor: admin, query: { q: c.number } })).rows.map((r) => r.number)).toContain(c.number);
    expect((await getMemberHistory({ actor: viewer, memberId: subject.id })).kind).toBe("full");
    const exported = await exportDecisionSummaries({ actor: admin, input: { mode: "internal", format: "csv" } });
    expect(await new Response(exported.stream).text()).toContain(c.number);
    expect((await getTransparencyReport({ actor: viewer, input: { period: "month" } })).rows).toHaveLength(12);
    const report = await verifyChain(appDb.prisma);
    expect(report).toMatchObject({ ok: true });
    expect(report.head).toEqual(await readHead(appDb.prisma));
    // The chain's hash function runs for a role that does not own it, and agrees with the trigger.
    const [head] = await appDb.prisma.$queryRawUnsafe<{ same: boolean }[]>(
      `SELECT "audit_event_hash_v2"(seq, "occurredAt", "actorType"::text, "actorUserId", "actorTokenId", "actorLabel", action, "entityType", "entityId", before, after, metadata, "prevHash") = hash AS same
         FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`,
    );
    expect(head).toEqual({ same: true });

    // The app's role signs checkpoints: the first event's, and one at every successful verify.
    const checkpointsBefore = await appDb.prisma.auditCheckpoint.count();
    expect(checkpointsBefore).toBeGreaterThan(0);
    const verified = await verifyAuditChainNow({ actor: admin });
    expect(verified).toMatchObject({ ok: true, problem: null });
    expect(verified.checkpoints).toBe(checkpointsBefore);
    expect(await appDb.prisma.auditCheckpoint.count()).toBe(checkpointsBefore + 1);
    expect(await verifyCheckpoints(appDb.prisma)).toEqual({ ok: true, checked: checkpointsBefore + 1 });
  }, 180_000);

  it("as the app's role, every statement that would rewrite history fails and changes nothing", async () => {
    const before = await snapshot();
    const attacker = await connectAs(appUrl());
    const failures: string[] = [];
    const statements = [
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`,
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      `ALTER TABLE "Decision" DISABLE TRIGGER "Decision_kept"`,
      `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`,
      `DROP TRIGGER "AuditEvent_chain" ON "AuditEvent"`,
      `DROP TRIGGER "Decision_kept" ON "Decision"`,
      `UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE seq = 2`,
      `DELETE FROM "AuditEvent" WHERE seq = 2`,
      `TRUNCATE "AuditEvent"`,
      `UPDATE "AuditCheckpoint" SET signature = 'forged'`,
      `UPDATE "AuditCheckpoint" SET seq = seq - 1, hash = 'rewritten'`,
      `DELETE FROM "AuditCheckpoint"`,
      `TRUNCATE "AuditCheckpoint"`,
      `ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER "AuditCheckpoint_kept"`,
      `DROP TRIGGER "AuditCheckpoint_kept" ON "AuditCheckpoint"`,
      `DROP TABLE "AuditCheckpoint"`,
      `DELETE FROM "Case"`,
      `DELETE FROM "Decision"`,
      `DELETE FROM "CaseNote"`,
      `DELETE FROM "DecisionReversal"`,
      `DELETE FROM "CaseStatusChange"`,
      `DELETE FROM "NoContactProtection"`,
      `DELETE FROM "MemberIdentity"`,
      `DELETE FROM "DecisionReview"`,
      `DELETE FROM "DecisionNotice"`,
      ...["Case", "Decision", "CaseNote", "DecisionReversal", "CaseStatusChange", "NoContactProtection"].map(
        (t) => `TRUNCATE "${t}" CASCADE`,
      ),
      `UPDATE "Decision" SET level = 'reminder' WHERE level = 'warning'`,
      `UPDATE "Decision" SET rationale = 'rewritten'`,
      `UPDATE "DecisionReversal" SET reason = 'rewritten'`,
      `UPDATE "CaseNote" SET body = 'rewritten'`,
      `UPDATE "CaseStatusChange" SET "createdAt" = now()`,
      `UPDATE "NoContactProtection" SET named = false`,
      `DROP TABLE "AuditEvent"`,
      `ALTER TABLE "AuditEvent" OWNER TO CURRENT_USER`,
      `CREATE OR REPLACE FUNCTION "reject_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `ALTER FUNCTION "audit_event_append"() RESET search_path`,
      `CREATE TRIGGER "forged" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "audit_event_append"()`,
      `SET session_replication_role = replica`,
      `SET ROLE ${owner}`,
      `GRANT ${owner} TO CURRENT_USER`,
      `ALTER ROLE CURRENT_USER SUPERUSER`,
      `CREATE TABLE "Shadow" (id int)`,
      `DELETE FROM "_prisma_migrations"`,
      `UPDATE "_prisma_migrations" SET checksum = 'x'`,
    ];
    for (const statement of statements) {
      try {
        await attacker.query(statement);
        failures.push(`succeeded: ${statement}`);
      } catch (error) {
        const message = (error as Error).message;
        if (
          !/permission denied|must be owner|must be superuser|must have admin option|not allowed|immutable|kept as|never deleted|append-only/.test(
            message,
          )
        ) {
          failures.push(`unclear refusal of ${statement}: ${message}`);
        }
      }
    }
    await attacker.end();
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("the issue's attack fails with the app's credentials: no trigger can be disabled, no event edited or rehashed, and audit:verify still says OK", async () => {
    const head = await readHead(appDb.prisma);
    const attacker = await connectAs(appUrl());
    const attempt = async (statement: string) =>
      attacker.query(statement).then(
        () => "succeeded",
        (e: Error) => e.message,
      );
    expect(await attempt(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`)).toMatch(/must be owner of table "?AuditEvent"?/);
    expect(await attempt(`UPDATE "AuditEvent" SET "actorLabel" = 'forged' WHERE seq = 5`)).toMatch(
      /permission denied for table "?AuditEvent"?/,
    );
    expect(
      await attempt(
        `UPDATE "AuditEvent" SET hash = "audit_event_hash_v2"(seq, "occurredAt", "actorType"::text, "actorUserId", "actorTokenId", "actorLabel", action, "entityType", "entityId", before, after, metadata, "prevHash") WHERE seq >= 5`,
      ),
    ).toMatch(/permission denied/);
    // The member's standing is the decision's: it cannot be lowered behind the app's back either.
    expect(await attempt(`UPDATE "Decision" SET level = 'reminder' WHERE level = 'permanent_ban'`)).toMatch(/permission denied/);
    await attacker.end();

    const verify = npm("audit:verify", ["--expect", `${head!.seq}:${head!.hash}`], {
      DATABASE_URL: appUrl(),
      DATABASE_MIGRATION_URL: ownerUrl(),
    });
    expect(verify.stderr).toBe("");
    expect(verify.stdout.trim()).toMatch(/^OK: \d+ events, head .*, [1-9]\d* signed checkpoints? holds?$/);
    expect(verify.code).toBe(0);
  }, 120_000);

  it("at start the app warns in one line when its role is a superuser, owns the audit table or belongs to its owner, and REQUIRE_LEAST_PRIVILEGE=1 refuses to start", async () => {
    const start = async (env: Record<string, string>) => {
      const warnings: string[] = [];
      const db = await openDatabase(readDatabaseConfig(env), { checkPrivilege: true, warn: (line) => warnings.push(line) });
      opened.push(db);
      return warnings;
    };
    const ownerWarning = await start({ DATABASE_URL: ownerUrl() });
    expect(ownerWarning).toHaveLength(1);
    expect(ownerWarning[0]).toMatch(
      new RegExp(
        `^warning: the app's database role "${owner}" owns the audit table "AuditEvent", owns the schema "public" \\(or the database\\), so it may drop any table in it: whoever holds DATABASE_URL can switch off the audit trail's protections\\. Run the app as a role that owns nothing \\(npm run db:grant -- <role>`,
      ),
    );
    expect(ownerWarning[0]).not.toContain("owner-password");
    await expect(
      openDatabase(readDatabaseConfig({ DATABASE_URL: ownerUrl(), REQUIRE_LEAST_PRIVILEGE: "1" }), { checkPrivilege: true }),
    ).rejects.toThrow(new RegExp(`^REQUIRE_LEAST_PRIVILEGE=1 and the database role "${owner}" owns the audit table "AuditEvent"`));

    const superuser = await start({ DATABASE_URL: withDatabase(adminUrl!, database) });
    expect(superuser).toHaveLength(1);
    expect(superuser[0]).toMatch(/^warning: the app's database role "[^"]+" is a superuser/);

    const member = `cd_member_${suffix}`;
    await createRole(member, `LOGIN PASSWORD 'member-password' IN ROLE ${owner}`);
    const memberWarning = await start({ DATABASE_URL: urlAs(member, "member-password"), DATABASE_MIGRATION_URL: ownerUrl() });
    expect(memberWarning).toEqual([
      expect.stringContaining(`"${member}" is a member of "${owner}", which owns the audit table "AuditEvent"`),
    ]);

    const creator = `cd_creator_${suffix}`;
    await createRole(creator, `LOGIN PASSWORD 'creator-password' CREATEROLE`);
    const version = Number((await su.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v);
    if (version < 160000)
      await expect(grantRuntimeRole(executor(su), creator)).rejects.toThrow(/has CREATEROLE, so it may make itself a member of the owner/);
    const creatorWarning = await start({ DATABASE_URL: urlAs(creator, "creator-password"), DATABASE_MIGRATION_URL: ownerUrl() });
    expect(creatorWarning).toEqual(
      version < 160000 ? [expect.stringContaining("has CREATEROLE, so it may make itself a member of the owner")] : [],
    );
  }, 120_000);

  it("db:grant refuses a role that is missing, the owner, a superuser, the owner's member or the database's owner, and hostile names, changing nothing", async () => {
    const ownerClient = await connectAs(ownerUrl());
    const grant = (role: string) => grantRuntimeRole(executor(ownerClient), role);
    const before = await snapshot();
    const acl = async () =>
      (await su.query(`SELECT relname, relacl::text FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1`)).rows;
    const aclBefore = await acl();
    const member = `cd_member2_${suffix}`;
    await createRole(member, `LOGIN IN ROLE ${owner}`);
    const superuser = `cd_super_${suffix}`;
    await createRole(superuser, "LOGIN SUPERUSER");
    const refusals: [string, RegExp][] = [
      [
        `cd_missing_${suffix}`,
        new RegExp(`There is no role "cd_missing_${suffix}": create it with its password first, e\\.g\\. psql -c "CREATE ROLE`),
      ],
      [owner, /is the role db:grant runs as \(the owner\): the app needs a role of its own/],
      [superuser, /is a superuser: the app's role must own nothing and be no superuser/],
      [member, new RegExp(`is a member of "${owner}", which owns the audit table`)],
      ["x\u0000y", /NUL or a broken surrogate pair/],
      ["x\uD800y", /NUL or a broken surrogate pair/],
      ["é".repeat(32), /longer than PostgreSQL's 63 bytes/],
      ["", /Name the app's role/],
      ["pg_monitor", /reserved by PostgreSQL/],
      ["PUBLIC", /reserved by PostgreSQL/],
      [`x"; DROP TABLE "AuditEvent"; --`, /There is no role "x"; DROP TABLE/],
    ];
    for (const [role, error] of refusals) await expect(grant(role), JSON.stringify(role)).rejects.toThrow(error);

    // The database's owner owns its public schema, so it may drop any table there.
    const dbOwner = `cd_dbowner_${suffix}`;
    await createRole(dbOwner, "LOGIN");
    await su.query(`ALTER DATABASE ${database} OWNER TO ${dbOwner}`);
    try {
      await expect(grant(dbOwner)).rejects.toThrow(/owns the schema "public" \(or the database\), so it may drop any table in it/);
    } finally {
      await su.query(`ALTER DATABASE ${database} OWNER TO ${owner}`);
    }
    // The app's role cannot grant itself anything.
    const appClient = await connectAs(appUrl());
    await expect(grantRuntimeRole(executor(appClient), `cd_other_${suffix}`)).rejects.toThrow(/no role|does not own the tables/);
    await expect(grantRuntimeRole(executor(appClient), owner)).rejects.toThrow(/does not own the tables/);
    await appClient.end();
    await ownerClient.end();
    expect(await snapshot()).toEqual(before);
    expect(await acl()).toEqual(aclBefore);

    // A name that needs quoting gets its grants like any other.
    const quoted = `cd app "quoted" ${suffix}`;
    await createRole(quoted);
    const again = await connectAs(ownerUrl());
    await grantRuntimeRole(executor(again), quoted);
    await again.end();
    const can = async (privilege: string) =>
      (await su.query<{ ok: boolean }>(`SELECT has_table_privilege($1, '"AuditEvent"', $2) AS ok`, [quoted, privilege])).rows[0]!.ok;
    expect([await can("INSERT"), await can("UPDATE"), await can("DELETE")]).toEqual([true, false, false]);

    const embedded = npm("db:grant", [app], { PGLITE_DATA_DIR: "memory://" });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr.trim()).toBe(
      "Error: db:grant is for PostgreSQL: the embedded database has one role. Set DATABASE_MIGRATION_URL (or DATABASE_URL) to the owner's URL",
    );
  }, 120_000);

  it("the app's role alone opens an up-to-date database, is told to use DATABASE_MIGRATION_URL when a migration is pending, and gets the tables later migrations add", async () => {
    const alone = await openDatabase(readDatabaseConfig({ DATABASE_URL: appUrl() }), { checkPrivilege: true, log: () => {} });
    opened.push(alone);
    expect(await alone.prisma.auditEvent.count()).toBeGreaterThan(0);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lp-migrations-"));
    fs.cpSync("prisma/migrations", dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "29991231000000_later_table"));
    fs.writeFileSync(path.join(dir, "29991231000000_later_table", "migration.sql"), `CREATE TABLE "LaterTable" (id int PRIMARY KEY);\n`);
    const appClient = await connectAs(appUrl());
    try {
      expect((await migrationStatus(executor(appClient), dir)).pending).toEqual(["29991231000000_later_table"]);
      const applied = await su.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      await expect(applyMigrations(executor(appClient), { dir })).rejects.toThrow(
        new MigrationError(
          `The database has 1 pending migration (29991231000000_later_table first), and this role may not apply migrations (permission denied for table _prisma_migrations): set DATABASE_MIGRATION_URL to the URL of the role that owns the tables, or run npm run db:migrate with it`,
        ),
      );
      expect((await su.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).rows).toEqual(applied.rows);

      // The owner applies it; the default privileges db:grant set give the app's role the new table.
      const ownerClient = await connectAs(ownerUrl());
      await applyMigrations(executor(ownerClient), { dir });
      await ownerClient.end();
      await appClient.query(`INSERT INTO "LaterTable" VALUES (1)`);
      await appClient.query(`UPDATE "LaterTable" SET id = 2`);
      await appClient.query(`DELETE FROM "LaterTable"`);
      await expect(appClient.query(`DROP TABLE "LaterTable"`)).rejects.toThrow(/must be owner/);
    } finally {
      await appClient.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
