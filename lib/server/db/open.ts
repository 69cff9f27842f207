import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { encryptLegacyReporters } from "../cases/encrypt-legacy-reporters.ts";
import type { DataKeys } from "../crypto/data-keys.ts";
import { configuredDataKeys, loadDataKeys } from "../crypto/load-data-keys.ts";
import { keysDirFor } from "../keys/key-files.ts";
import { backfillHandleKeys } from "../members/backfill-handles.ts";
import { DatabaseSetupError, type DatabaseConfig } from "./config.ts";
import { applyMigrations, type MigrationExecutor } from "./migrate.ts";
import { acquirePgliteLock } from "./pglite-lock.ts";
import { currentRole, leastPrivilegeProblems, leastPrivilegeWarning } from "./privilege.ts";

export type OpenDatabase = {
  prisma: PrismaClient;
  kind: DatabaseConfig["kind"];
  /** Where the data lives, for messages (never includes a password). */
  location: string;
  /**
   * The keys reporters are encrypted under (lib/server/crypto/data-keys.ts). Null only when
   * opened without migrating and no key is configured yet (db:status needs none).
   */
  dataKeys: DataKeys | null;
  /** Closes the client and, for PGlite, the database itself and its lock. */
  close: () => Promise<void>;
  /** PostgreSQL only: the pool the client uses, for stores that speak to it directly (rate limits). */
  pool?: pg.Pool;
};

/**
 * Every PGlite that opens the app's database loads the same extensions: pg_trgm backs the
 * trigram index that answers free-text case search (a migration creates both).
 */
export const PGLITE_OPTIONS = { extensions: { pg_trgm } } satisfies PGliteOptions;

type OpenOptions = {
  migrate?: boolean;
  /** At the app's start: warn when its role could rewrite history (refuse with REQUIRE_LEAST_PRIVILEGE=1). */
  checkPrivilege?: boolean;
  log?: (line: string) => void;
  warn?: (line: string) => void;
  /** DATA_ENCRYPTION_KEY unless given. */
  dataEncryptionKey?: string;
  /** keys:rotate only: open although reporters are under keys that are not configured (lib/server/crypto/load-data-keys.ts). */
  allowMissingKeys?: boolean;
};

/**
 * After the migrations, what a migration cannot compute in SQL: the skeletons of identities
 * written before they existed (one indexed query when there are none). A failure here is
 * told, never fatal: the next start tries again.
 */
async function afterMigrations(db: MigrationExecutor, options: OpenOptions, where: KeyPlace): Promise<DataKeys> {
  const warn = warnOf(options);
  try {
    const { filled } = await backfillHandleKeys(db, { warn });
    if (filled > 0) options.log?.(`filled in the handle keys of ${filled} identities`);
  } catch (error) {
    warn(
      `could not fill in handle keys (retried at the next start): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  }
  // The keys, then the reporters still in clear (fatal when it fails: no case is served with its
  // reporter in clear, and the CHECK constraint refuses any other update of such a row).
  const keys = await loadDataKeys(db, {
    ...where,
    envKey: envKeyOf(options),
    log: options.log,
    warn,
    allowMissingKeys: options.allowMissingKeys,
  });
  const encrypted = await encryptLegacyReporters(db, keys);
  if (encrypted > 0) options.log?.(`encrypted the reporters of ${encrypted} cases written before encryption`);
  return keys;
}

type KeyPlace = { kind: "pglite" | "postgres"; inMemory?: boolean; keysDir: string | null };

/** Where this database's keys are: the keys directory shared with the audit signing key. */
function keyPlaceOf(config: DatabaseConfig): KeyPlace {
  return {
    kind: config.kind,
    inMemory: config.kind === "pglite" && config.dataDir.startsWith("memory://"),
    keysDir: keysDirFor(config),
  };
}

const warnOf = (options: OpenOptions) => options.warn ?? ((line: string) => console.warn(`[db] ${line}`));
const envKeyOf = (options: OpenOptions) => options.dataEncryptionKey ?? process.env.DATA_ENCRYPTION_KEY;

/** Without migrating (db:status): the configured keys if any, the database not consulted. */
function keysWithoutMigrating(options: OpenOptions, where: KeyPlace): DataKeys | null {
  return configuredDataKeys({ ...where, envKey: envKeyOf(options), warn: warnOf(options) });
}

function pgliteExecutor(db: PGlite): MigrationExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params as unknown[])).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}

function pgExecutor(client: pg.PoolClient | pg.Client): MigrationExecutor {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as T[],
    // Without parameters node-postgres uses the simple query protocol: one implicit transaction.
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

function ensureWritableDir(dir: string) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    fs.accessSync(path.dirname(dir), fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new DatabaseSetupError(
      `The embedded database directory ${dir} is not writable (${code}): fix its permissions or set PGLITE_DATA_DIR to a writable path`,
    );
  }
}

async function openPglite(dataDir: string, options: OpenOptions, strict: boolean): Promise<OpenDatabase> {
  if (options.checkPrivilege && strict) {
    throw new DatabaseSetupError(
      "REQUIRE_LEAST_PRIVILEGE=1 needs PostgreSQL: the embedded database has one role, which owns everything. Set DATABASE_URL to a role that owns nothing (README, PostgreSQL), or unset REQUIRE_LEAST_PRIVILEGE",
    );
  }
  // "memory://" is an in-memory database: no directory, nothing to lock.
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) ensureWritableDir(dataDir);
  const lock = inMemory ? { release: () => {} } : acquirePgliteLock(dataDir);
  let pglite: PGlite | undefined;
  let dataKeys: DataKeys | null;
  try {
    pglite = await PGlite.create(dataDir, PGLITE_OPTIONS);
    if (options.migrate !== false) {
      await applyMigrations(pgliteExecutor(pglite), { log: options.log });
      dataKeys = await afterMigrations(pgliteExecutor(pglite), options, keyPlaceOf({ kind: "pglite", dataDir }));
    } else dataKeys = keysWithoutMigrating(options, keyPlaceOf({ kind: "pglite", dataDir }));
  } catch (error) {
    await pglite?.close().catch(() => {});
    lock.release();
    throw error;
  }
  const db = pglite;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: "pglite",
    location: dataDir,
    dataKeys,
    close: async () => {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
      lock.release();
    },
  };
}

function unreachable(display: string, error: unknown, variable: string): DatabaseSetupError {
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new DatabaseSetupError(`Cannot reach PostgreSQL at ${display} (${message}): check ${variable} and that the server is running`);
}

/** Applies pending migrations as the owner: one connection for the whole run (a session-level advisory lock). */
async function migratePostgres(client: pg.PoolClient | pg.Client, options: OpenOptions, where: KeyPlace): Promise<DataKeys> {
  await applyMigrations(pgExecutor(client), { log: options.log });
  return afterMigrations(pgExecutor(client), options, where);
}

/** Warns in one line when the app's role could rewrite history; refuses to go on when told to. */
async function checkLeastPrivilege(client: pg.PoolClient, options: OpenOptions, strict: boolean): Promise<void> {
  const executor = pgExecutor(client);
  const problems = await leastPrivilegeProblems(executor);
  if (problems.length === 0) return;
  const role = await currentRole(executor);
  if (strict) {
    throw new DatabaseSetupError(
      `REQUIRE_LEAST_PRIVILEGE=1 and the database role "${role}" ${problems.join(", ")}: set DATABASE_URL to a role that owns nothing (npm run db:grant -- <role>, README "PostgreSQL") and DATABASE_MIGRATION_URL to the owner`,
    );
  }
  (options.warn ?? ((line: string) => console.warn(`[db] ${line}`)))(leastPrivilegeWarning(role, problems));
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: "postgres" }>, options: OpenOptions): Promise<OpenDatabase> {
  const { url, display, migration } = config;
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000, max: 10 });
  pool.on("error", () => {}); // Idle-client errors surface on the next query instead of crashing.
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(display, error, "DATABASE_URL");
  }
  let dataKeys: DataKeys | null;
  try {
    try {
      const where = keyPlaceOf(config);
      if (options.migrate !== false && migration) {
        // The owner applies the migrations; the app's role (the pool) never needs to.
        const owner = new pg.Client({ connectionString: migration.url, connectionTimeoutMillis: 10_000 });
        try {
          await owner.connect();
        } catch (error) {
          await owner.end().catch(() => {});
          throw unreachable(migration.display, error, "DATABASE_MIGRATION_URL");
        }
        try {
          dataKeys = await migratePostgres(owner, options, where);
        } finally {
          await owner.end().catch(() => {});
        }
      } else if (options.migrate !== false) {
        dataKeys = await migratePostgres(client, options, where);
      } else dataKeys = keysWithoutMigrating(options, where);
      if (options.checkPrivilege) await checkLeastPrivilege(client, options, config.requireLeastPrivilege === true);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  // A burst of writes (twenty cases logged at once) queues for the pool's ten connections and for
  // the ladder locks: wait up to 10 s for a connection rather than Prisma's 2 s, and let a
  // transaction run 15 s, so a busy moment slows requests down instead of failing them.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  return {
    prisma,
    kind: "postgres",
    location: display,
    pool,
    dataKeys,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** Opens the configured database and, unless told otherwise, applies pending migrations first. */
export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<OpenDatabase> {
  return config.kind === "pglite"
    ? openPglite(config.dataDir, options, config.requireLeastPrivilege === true)
    : openPostgres(config, options);
}
