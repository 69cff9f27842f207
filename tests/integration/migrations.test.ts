import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { applyMigrations, migrationStatus, readLocalMigrations, type MigrationExecutor } from "@/lib/server/db/migrate.ts";
import { PGLITE_OPTIONS } from "@/lib/server/db/open.ts";
import { BACKENDS, createThrowawayPostgres, type Backend } from "./harness.ts";

/** A throwaway database and a raw executor on one connection, per backend. */
async function rawDatabase(backend: Backend): Promise<{ exec: MigrationExecutor; close: () => Promise<void> }> {
  if (backend.name === "pglite") {
    const db = await PGlite.create(PGLITE_OPTIONS);
    return {
      exec: { query: async (sql, params) => (await db.query(sql, params)).rows as never[], exec: async (sql) => void (await db.exec(sql)) },
      close: () => db.close(),
    };
  }
  const throwaway = await createThrowawayPostgres();
  const client = new pg.Client({ connectionString: throwaway.url });
  await client.connect();
  return {
    exec: { query: async (sql, params) => (await client.query(sql, params)).rows, exec: async (sql) => void (await client.query(sql)) },
    close: async () => {
      await client.end();
      await throwaway.drop();
    },
  };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe.each(BACKENDS)("migration runner [$name]", (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });
  async function fresh() {
    const db = await rawDatabase(backend);
    cleanup.push(db.close);
    return db.exec;
  }

  it("applies the project's migrations and records them as Prisma does", async () => {
    const db = await fresh();
    const applied = await applyMigrations(db);
    const local = readLocalMigrations();
    expect(applied).toEqual(local.map((m) => m.name));
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const row of rows) {
      const file = fs.readFileSync(path.join("prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    // Running again applies nothing.
    expect(await applyMigrations(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["Case", "Decision", "AuditEvent", "Member", "User", "ApiToken"]),
    );
  });

  it("a failing migration leaves the database as it was and says which migration and why", async () => {
    const db = await fresh();
    const dir = migrationsDir({
      "001_ok": `CREATE TABLE "A" (id int);`,
      "002_broken": `CREATE TABLE "B" (id int);\nINSERT INTO "Missing" VALUES (1);`,
      "003_later": `CREATE TABLE "C" (id int);`,
    });
    await expect(applyMigrations(db, { dir })).rejects.toThrow(/Migration 002_broken failed and was rolled back: .*"Missing"/);
    const tables = (
      await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)
    ).map((t) => t.table_name);
    expect(tables).toContain("A");
    expect(tables).not.toContain("B"); // the whole migration rolled back
    expect(tables).not.toContain("C"); // later ones are not applied

    // It keeps blocking, with the reason, until the file is fixed…
    await expect(applyMigrations(db, { dir })).rejects.toThrow(/002_broken failed earlier .*fix prisma\/migrations\/002_broken/);
    const status = await migrationStatus(db, dir);
    expect(status.failed.map((f) => f.name)).toEqual(["002_broken"]);

    // …and once fixed it is applied, followed by the rest.
    fs.writeFileSync(path.join(dir, "002_broken", "migration.sql"), `CREATE TABLE "B" (id int);`);
    expect(await applyMigrations(db, { dir })).toEqual(["002_broken", "003_later"]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const db = await fresh();
    const dir = migrationsDir({ "001_ok": `CREATE TABLE "A" (id int);` });
    await applyMigrations(db, { dir });
    fs.writeFileSync(path.join(dir, "001_ok", "migration.sql"), `CREATE TABLE "A" (id bigint);`);
    await expect(applyMigrations(db, { dir })).rejects.toThrow(/001_ok changed after being applied/);
    expect((await migrationStatus(db, dir)).edited).toEqual(["001_ok"]);
  });
  it("a database with an audit trail written before chain version 2 keeps it as version 1 and goes on in version 2", async () => {
    const db = await fresh();
    const local = readLocalMigrations();
    const upTo = local.findIndex((m) => m.name.endsWith("_audit_chain_v2"));
    const before = migrationsDir(
      Object.fromEntries(
        local.slice(0, upTo).map((m) => [m.name, fs.readFileSync(path.join("prisma/migrations", m.name, "migration.sql"), "utf8")]),
      ),
    );
    await applyMigrations(db, { dir: before });
    // An event as the app wrote it then: seq, prevHash and hash computed by the app.
    await db.query(
      `INSERT INTO "AuditEvent" (seq, "actorType", "actorLabel", action, "prevHash", hash) VALUES (1, 'system', 'old', 'test.old', $1, $2)`,
      ["0".repeat(64), "a".repeat(64)],
    );
    expect(await applyMigrations(db)).toEqual([local[upTo]!.name, ...local.slice(upTo + 1).map((m) => m.name)]);
    await db.query(`INSERT INTO "AuditEvent" ("actorType", "actorLabel", action) VALUES ('system', 'new', 'test.new')`);
    const events = await db.query<{ seq: string; prevHash: string; hash: string; hashVersion: number }>(
      `SELECT seq::text, "prevHash", hash, "hashVersion" FROM "AuditEvent" ORDER BY seq`,
    );
    expect(events.map((e) => [e.seq, e.hashVersion])).toEqual([
      ["1", 1],
      ["2", 2],
    ]);
    expect(events[0]!.hash).toBe("a".repeat(64));
    expect(events[1]!.prevHash).toBe("a".repeat(64));
    expect(events[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
