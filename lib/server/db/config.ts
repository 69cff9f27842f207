import path from "node:path";

/**
 * `migration` is the owner's connection (DATABASE_MIGRATION_URL), when it differs from the
 * app's: migrations run as the role that owns the tables, the app as a role that owns nothing.
 * `requireLeastPrivilege` (REQUIRE_LEAST_PRIVILEGE=1): the app refuses to start as a role that
 * could rewrite history.
 */
export type DatabaseConfig = (
  { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; display: string; migration?: { url: string; display: string } }
) & { requireLeastPrivilege?: true };

/** A fault in the environment that stops the app, with one line saying what to fix. */
export class DatabaseSetupError extends Error {
  override name = "DatabaseSetupError";
}

/** Checks a PostgreSQL URL; returns where it points, for messages (never the password). */
function parsePostgresUrl(url: string, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseSetupError(
      `${variable} is not a valid URL: expected postgresql://USER:PASSWORD@HOST:5432/DATABASE (or unset it to use the embedded database)`,
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new DatabaseSetupError(`${variable} must start with postgresql:// (got "${parsed.protocol}//"): only PostgreSQL is supported`);
  }
  if (!parsed.pathname || parsed.pathname === "/") {
    throw new DatabaseSetupError(`${variable} names no database: add /DATABASE after the host, e.g. postgresql://localhost:5432/conduct`);
  }
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  return `${host}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
}

/** Reads the database settings: embedded PGlite unless DATABASE_URL names a PostgreSQL server. */
export function readDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  const migrationUrl = env.DATABASE_MIGRATION_URL?.trim();
  const required = env.REQUIRE_LEAST_PRIVILEGE?.trim() ?? "";
  // A misspelt "true" must not leave the check off while the operator believes it on.
  if (required !== "" && required !== "0" && required !== "1") {
    throw new DatabaseSetupError(`REQUIRE_LEAST_PRIVILEGE must be 1 (refuse to start unless least privilege) or 0 (got "${required}")`);
  }
  const strict = required === "1" ? { requireLeastPrivilege: true as const } : {};
  if (!url) {
    if (migrationUrl) {
      throw new DatabaseSetupError(
        "DATABASE_MIGRATION_URL is set but DATABASE_URL is not: set DATABASE_URL to the app's own role (the embedded database needs neither)",
      );
    }
    const configured = env.PGLITE_DATA_DIR?.trim() || "./data/pglite";
    const dataDir = configured.startsWith("memory://") ? configured : path.resolve(/*turbopackIgnore: true*/ configured);
    return { kind: "pglite", dataDir, ...strict };
  }
  const display = parsePostgresUrl(url, "DATABASE_URL");
  const migration =
    migrationUrl && migrationUrl !== url
      ? { migration: { url: migrationUrl, display: parsePostgresUrl(migrationUrl, "DATABASE_MIGRATION_URL") } }
      : {};
  return { kind: "postgres", url, display, ...migration, ...strict };
}
