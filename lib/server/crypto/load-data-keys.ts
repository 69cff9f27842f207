// No "server-only" here: the database opener runs it for CLI scripts and tests outside Next too.
import { DatabaseSetupError } from "../db/config.ts";
import type { MigrationExecutor } from "../db/migrate.ts";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { readOrCreateKeyFile } from "../keys/key-files.ts";
import {
  DATA_KEY_ENV,
  DATA_KEY_FILE_NAME,
  dataKeyFileText,
  dataKeyFromBytes,
  generateDataKeyText,
  keyringOf,
  parseDataKeys,
  readDataKeyFile,
  type DataKeys,
} from "./data-keys.ts";

export const ABANDONED_KEY_ACTION = "data_key.abandoned";

export type KeyLoadOptions = {
  kind: "pglite" | "postgres";
  /** An in-memory embedded database: its key lives as long as the process. */
  inMemory?: boolean;
  /** The keys directory (lib/server/keys/key-files.ts keysDirFor), where the embedded database's key file lives. */
  keysDir: string | null;
  /** DATA_ENCRYPTION_KEY as set (blank: unset). */
  envKey?: string;
  log?: (line: string) => void;
  warn?: (line: string) => void;
  /**
   * For keys:rotate only: open even when reporters are encrypted under keys that are not
   * configured (it is how a lost key is abandoned), creating a key file if there is none.
   */
  allowMissingKeys?: boolean;
};

export type KeyUse = { keyId: string; cases: number };

/** How many cases' reporters each key id encrypts. */
export async function reporterKeyUse(db: Pick<MigrationExecutor, "query">): Promise<KeyUse[]> {
  return db.query<KeyUse>(
    `SELECT split_part("reporterEncrypted", '.', 2) AS "keyId", count(*)::int AS cases
       FROM "Case" WHERE "reporterEncrypted" IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
}

/** Key ids an admin declared lost (keys:rotate --abandon-unreadable), from the audit trail. */
export async function abandonedKeyIds(db: Pick<MigrationExecutor, "query">): Promise<Set<string>> {
  const rows = await db.query<{ keyId: string | null }>(
    `SELECT DISTINCT metadata->>'keyId' AS "keyId" FROM "AuditEvent" WHERE action = '${ABANDONED_KEY_ACTION}'`,
  );
  return new Set(rows.map((r) => r.keyId).filter((id): id is string => !!id));
}

const LOST_HINT =
  "If that key is lost for good, npm run keys:rotate -- --abandon-unreadable records it: those reporters stay unreadable, everything else works";

/** The keys as configured, without looking at the database (null when none is configured yet). */
export function configuredDataKeys(options: Pick<KeyLoadOptions, "kind" | "inMemory" | "keysDir" | "envKey" | "warn">): DataKeys | null {
  const env = options.envKey?.trim();
  if (env) return parseDataKeys(env, DATA_KEY_ENV);
  if (options.kind === "pglite" && (options.inMemory || !options.keysDir)) {
    // An in-memory database lives as long as the process: so does its key.
    return keyringOf([dataKeyFromBytes(randomBytes(32))], "a key for this in-memory database");
  }
  if (options.kind === "pglite" && options.keysDir) return readDataKeyFile(dataKeyFilePath(options.keysDir), options.warn);
  return null;
}

/** The embedded database's key file: in the keys directory, with the audit signing key (never inside the data directory). */
export function dataKeyFilePath(keysDir: string): string {
  return path.join(keysDir, DATA_KEY_FILE_NAME);
}

/**
 * The data keys for an opened, migrated database: DATA_ENCRYPTION_KEY, or the embedded
 * database's key file, created on first start. Refuses, with what to do, when the database
 * holds reporters that no configured key opens: a key file created anew then would leave
 * them unreadable without anyone noticing.
 */
export async function loadDataKeys(db: Pick<MigrationExecutor, "query">, options: KeyLoadOptions): Promise<DataKeys> {
  let keys = configuredDataKeys(options);
  const use = await reporterKeyUse(db);
  const encryptedCases = use.reduce((n, u) => n + u.cases, 0);
  if (!keys) {
    if (options.kind === "postgres") {
      throw new DatabaseSetupError(
        `Set ${DATA_KEY_ENV}: reporters are encrypted under it, outside the database. Make one with openssl rand -base64 32, give every app instance the same one and back it up (README, Backups and keys)`,
      );
    }
    const file = dataKeyFilePath(options.keysDir!);
    if (encryptedCases > 0 && !options.allowMissingKeys) {
      throw new DatabaseSetupError(
        `The embedded database holds the encrypted reporters of ${encryptedCases} case${encryptedCases === 1 ? "" : "s"}, but its key file ${file} is missing: restore it from your backup (or set ${DATA_KEY_ENV}). ${LOST_HINT}`,
      );
    }
    // Two processes starting at once: one writes the file, the other reads what it wrote.
    const made = readOrCreateKeyFile(options.keysDir!, DATA_KEY_FILE_NAME, () =>
      dataKeyFileText([dataKeyFromBytes(Buffer.from(generateDataKeyText(), "base64"))]),
    );
    if (made.created)
      options.log?.(`created the data encryption key ${file}: back it up, apart from the database (README, Backups and keys)`);
    keys = readDataKeyFile(file, options.warn)!;
  }
  const unknown = use.filter((u) => !keys.byId.has(u.keyId));
  if (unknown.length > 0) {
    const abandoned = await abandonedKeyIds(db);
    const missing = unknown.filter((u) => !abandoned.has(u.keyId));
    const lost = unknown.filter((u) => abandoned.has(u.keyId));
    if (lost.length > 0) {
      const n = lost.reduce((s, u) => s + u.cases, 0);
      options.warn?.(
        `the reporters of ${n} case${n === 1 ? "" : "s"} are under abandoned key${lost.length === 1 ? "" : "s"} ${lost.map((u) => u.keyId).join(", ")}: they cannot be read`,
      );
    }
    if (missing.length > 0 && !options.allowMissingKeys) {
      const n = missing.reduce((s, u) => s + u.cases, 0);
      throw new DatabaseSetupError(
        `The reporters of ${n} case${n === 1 ? " are" : "s are"} encrypted under key ${missing.map((u) => u.keyId).join(", ")}, which ${keys.source} does not hold: configure that key (as the only one, or after the current one, separated by a comma). ${LOST_HINT}`,
      );
    }
  }
  return keys;
}
