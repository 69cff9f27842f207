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
};

/**
 * Every PGlite that opens the app's database loads the same extensions: pg_trgm backs the
 * trigram index that answers free-text case search (a migration creates both).
 */
export const PGLITE_OPTIONS = { extensions: { pg_trgm } } satisfies PGliteOptions;

type OpenOptions = {
  migrate?: boolean;
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

async function openPglite(dataDir: string, options: OpenOptions): Promise<OpenDatabase> {
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

async function openPostgres(url: string, display: string, options: OpenOptions): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000, max: 10 });
  pool.on("error", () => {}); // Idle-client errors surface on the next query instead of crashing.
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new DatabaseSetupError(`Cannot reach PostgreSQL at ${display} (${message}): check DATABASE_URL and that the server is running`);
  }
  let dataKeys: DataKeys | null;
  try {
    try {
      // A session-level advisory lock needs one connection for the whole run.
      if (options.migrate !== false) {
        await applyMigrations(pgExecutor(client), { log: options.log });
        dataKeys = await afterMigrations(pgExecutor(client), options, keyPlaceOf({ kind: "postgres", url, display }));
      } else dataKeys = keysWithoutMigrating(options, keyPlaceOf({ kind: "postgres", url, display }));
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    location: display,
    dataKeys,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** Opens the configured database and, unless told otherwise, applies pending migrations first. */
export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<OpenDatabase> {
  return config.kind === "pglite" ? openPglite(config.dataDir, options) : openPostgres(config.url, config.display, options);
}
