import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
 * schema engine (it cannot be downloaded here): same `_prisma_migrations` table, same
 * advisory lock, SHA-256 checksums of each file, each migration.sql sent as one
 * simple-protocol query so that it runs in one implicit transaction.
 */
export type MigrationExecutor = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script as one simple-protocol query (one implicit transaction). */
  exec(sql: string): Promise<void>;
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

export type LocalMigration = { name: string; checksum: string; sql: string };
type AppliedRow = {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  failed: { name: string; logs: string | null }[];
  edited: string[];
  missingLocally: string[];
};

const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export const defaultMigrationsDir = () => path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

export function readLocalMigrations(dir: string = defaultMigrationsDir()): LocalMigration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"));
      return { name, checksum: createHash("sha256").update(bytes).digest("hex"), sql: bytes.toString("utf8") };
    });
}

/**
 * Creates the migrations table when it is missing. Only then: the app's own role (which may
 * not create tables) reads it at every start, and applies nothing when nothing is pending.
 */
async function ensureMigrationsTable(db: MigrationExecutor): Promise<void> {
  const [row] = await db.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  if (row?.exists) return;
  await asOwner(() => db.exec(CREATE_MIGRATIONS_TABLE), "no migration applied yet");
}

/** A step only the owner of the tables may take: refused to the app's own role with what to do. */
async function asOwner<T>(step: () => Promise<T>, situation: string): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    throw new MigrationError(
      `The database has ${situation}, and this role may not apply migrations (${firstLine(error)}): set DATABASE_MIGRATION_URL to the URL of the role that owns the tables, or run npm run db:migrate with it`,
    );
  }
}

async function readApplied(db: MigrationExecutor): Promise<AppliedRow[]> {
  return db.query<AppliedRow>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

function compare(local: LocalMigration[], applied: AppliedRow[]): MigrationStatus {
  const live = applied.filter((row) => row.rolled_back_at === null);
  const byName = new Map(live.map((row) => [row.migration_name, row]));
  const localNames = new Set(local.map((m) => m.name));
  const status: MigrationStatus = { applied: [], pending: [], failed: [], edited: [], missingLocally: [] };
  for (const migration of local) {
    const row = byName.get(migration.name);
    if (!row) status.pending.push(migration.name);
    else if (row.finished_at === null) status.failed.push({ name: migration.name, logs: row.logs });
    else {
      status.applied.push(migration.name);
      if (row.checksum !== migration.checksum) status.edited.push(migration.name);
    }
  }
  for (const row of live) if (!localNames.has(row.migration_name)) status.missingLocally.push(row.migration_name);
  return status;
}

export async function migrationStatus(db: MigrationExecutor, dir?: string): Promise<MigrationStatus> {
  await ensureMigrationsTable(db);
  return compare(readLocalMigrations(dir), await readApplied(db));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

/** Applies every pending migration; returns the names applied. Throws MigrationError with what to fix. */
export async function applyMigrations(
  db: MigrationExecutor,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const local = readLocalMigrations(options.dir);
  await db.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
  try {
    await ensureMigrationsTable(db);
    const applied = await readApplied(db);
    const status = compare(local, applied);

    for (const failed of status.failed) {
      const row = applied.find((r) => r.migration_name === failed.name && r.finished_at === null && r.rolled_back_at === null)!;
      const migration = local.find((m) => m.name === failed.name)!;
      if (row.checksum === migration.checksum) {
        throw new MigrationError(
          `Migration ${failed.name} failed earlier and was rolled back (${failed.logs ?? "no log"}): fix prisma/migrations/${failed.name}/migration.sql, then run again`,
        );
      }
      // Each migration runs in one transaction, so a failed one left nothing behind:
      // once its file is fixed it can simply be applied again.
      await asOwner(
        () => db.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = $1`, [row.id]),
        "a failed migration to retry",
      );
      status.pending.unshift(failed.name);
    }
    if (status.edited.length > 0) {
      throw new MigrationError(
        `Applied migration${status.edited.length > 1 ? "s" : ""} ${status.edited.join(", ")} changed after being applied: restore the file and put the change in a new migration (npm run db:migration -- <name>)`,
      );
    }
    for (const name of status.missingLocally)
      log(`warning: migration ${name} is applied in the database but missing from prisma/migrations`);

    const pending = local.filter((m) => status.pending.includes(m.name));
    for (const migration of pending) {
      const id = randomUUID();
      await asOwner(
        () =>
          db.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, migration.checksum, migration.name],
          ),
        `${pending.length} pending migration${pending.length > 1 ? "s" : ""} (${migration.name} first)`,
      );
      try {
        await db.exec(migration.sql);
      } catch (error) {
        const reason = firstLine(error);
        await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, reason]);
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
      }
      await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      log(`applied ${migration.name}`);
    }
    return pending.map((m) => m.name);
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`);
  }
}
