import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DatabaseSetupError, type DatabaseConfig } from "./config.ts";
import { PGLITE_OPTIONS } from "./open.ts";
import { acquirePgliteLock } from "./pglite-lock.ts";

/*
 * Backups of the app's database: the embedded PGlite's own dump of its data directory (a
 * gzipped tar), or PostgreSQL's pg_dump custom format. Keys are never in a backup (they are
 * what makes a stolen backup unreadable and unforgeable): the keys directory is backed up on
 * its own, as the README says. Restoring never removes data: an embedded directory that is in
 * the way is moved aside, and a PostgreSQL database that holds data is only overwritten with
 * --force.
 */

export class BackupError extends Error {
  override name = "BackupError";
}

const PG_BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

/** pg_dump / pg_restore: from PG_BIN_DIR, PATH, or Debian's PostgreSQL directories. */
export function findPgTool(name: "pg_dump" | "pg_restore", env: Record<string, string | undefined> = process.env): string {
  const dirs = [env.PG_BIN_DIR, ...(env.PATH ?? "").split(path.delimiter), ...PG_BIN_DIRS].filter((d): d is string => !!d);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new BackupError(
    `${name} was not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client) or set PG_BIN_DIR`,
  );
}

function migrationUrl(config: Extract<DatabaseConfig, { kind: "postgres" }>, env: Record<string, string | undefined>): string {
  return env.DATABASE_MIGRATION_URL?.trim() || config.url;
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw new BackupError(`${path.basename(tool)} could not run: ${result.error.message}`);
  if (result.status !== 0)
    throw new BackupError(`${path.basename(tool)} failed: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" ")}`);
}

/** Writes a backup of the database to `file` (which must not exist: a backup never overwrites another). */
export async function backupDatabase(
  config: DatabaseConfig,
  file: string,
  env: Record<string, string | undefined> = process.env,
): Promise<{ bytes: number }> {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name (a backup never overwrites another)`);
  if (config.kind === "pglite") {
    if (config.dataDir.startsWith("memory://")) throw new BackupError("An in-memory database has nothing to back up");
    if (!fs.existsSync(config.dataDir)) throw new BackupError(`There is no embedded database at ${config.dataDir}`);
    const lock = acquirePgliteLock(config.dataDir);
    try {
      const db = await PGlite.create(config.dataDir, PGLITE_OPTIONS);
      try {
        const dump = await db.dumpDataDir("gzip");
        const bytes = Buffer.from(await dump.arrayBuffer());
        fs.writeFileSync(file, bytes, { flag: "wx" });
        return { bytes: bytes.length };
      } finally {
        await db.close();
      }
    } finally {
      lock.release();
    }
  }
  run(findPgTool("pg_dump", env), [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    `--file=${file}`,
    `--dbname=${migrationUrl(config, env)}`,
  ]);
  return { bytes: fs.statSync(file).size };
}

const isPgDump = (head: Buffer) => head.subarray(0, 5).toString("latin1") === "PGDMP";
const isGzip = (head: Buffer) => head[0] === 0x1f && head[1] === 0x8b;

/**
 * Restores `file` into the configured database. Embedded: into a new data directory; one that
 * exists is refused without `force`, and with it moved aside (returned as `movedAside`), never
 * deleted. PostgreSQL: into an empty database; one that holds the app's tables is refused
 * without `force`, and with it cleaned and restored by pg_restore.
 */
export async function restoreDatabase(
  config: DatabaseConfig,
  file: string,
  options: { force?: boolean } = {},
  env: Record<string, string | undefined> = process.env,
): Promise<{ movedAside: string | null }> {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, "r");
    head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    fs.closeSync(fd);
  } catch (error) {
    throw new BackupError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (config.kind === "pglite") {
    if (config.dataDir.startsWith("memory://")) throw new BackupError("Restore into an embedded data directory, not an in-memory database");
    if (!isGzip(head)) {
      throw new BackupError(
        isPgDump(head)
          ? `${file} is a PostgreSQL backup: set DATABASE_URL to restore it into a PostgreSQL database`
          : `${file} is not a backup of this app`,
      );
    }
    const lock = acquirePgliteLock(config.dataDir);
    try {
      let movedAside: string | null = null;
      const inUse = fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0;
      if (inUse) {
        if (!options.force) {
          throw new BackupError(
            `${config.dataDir} already holds a database: restore with --force to move it aside first (nothing is deleted)`,
          );
        }
        movedAside = `${config.dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        fs.renameSync(config.dataDir, movedAside);
      }
      const blob = new Blob([fs.readFileSync(file)]);
      const db = await PGlite.create(config.dataDir, { ...PGLITE_OPTIONS, loadDataDir: blob });
      await db.close();
      return { movedAside };
    } finally {
      lock.release();
    }
  }
  if (!isPgDump(head)) {
    throw new BackupError(
      isGzip(head)
        ? `${file} is an embedded-database backup: unset DATABASE_URL to restore it into the embedded database`
        : `${file} is not a backup of this app`,
    );
  }
  const url = migrationUrl(config, env);
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseSetupError(`Cannot reach PostgreSQL at ${config.display}: ${(error as Error).message.split("\n")[0]}`);
  }
  let holdsData = false;
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('_prisma_migrations', 'Case', 'AuditEvent')`,
    );
    holdsData = Number(rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
  if (holdsData && !options.force) {
    throw new BackupError(`${config.display} already holds the app's tables: restore with --force to replace them with the backup`);
  }
  run(findPgTool("pg_restore", env), [
    "--no-owner",
    "--no-privileges",
    "--exit-on-error",
    "--single-transaction",
    ...(holdsData ? ["--clean", "--if-exists"] : []),
    `--dbname=${url}`,
    file,
  ]);
  return { movedAside: null };
}
