import path from "node:path";

export type DatabaseConfig = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; display: string };

/** A fault in the environment that stops the app, with one line saying what to fix. */
export class DatabaseSetupError extends Error {
  override name = "DatabaseSetupError";
}

/** Reads the database settings: embedded PGlite unless DATABASE_URL names a PostgreSQL server. */
export function readDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    const configured = env.PGLITE_DATA_DIR?.trim() || "./data/pglite";
    const dataDir = configured.startsWith("memory://") ? configured : path.resolve(/*turbopackIgnore: true*/ configured);
    return { kind: "pglite", dataDir };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseSetupError(
      "DATABASE_URL is not a valid URL: expected postgresql://USER:PASSWORD@HOST:5432/DATABASE (or unset it to use the embedded database)",
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new DatabaseSetupError(`DATABASE_URL must start with postgresql:// (got "${parsed.protocol}//"): only PostgreSQL is supported`);
  }
  if (!parsed.pathname || parsed.pathname === "/") {
    throw new DatabaseSetupError("DATABASE_URL names no database: add /DATABASE after the host, e.g. postgresql://localhost:5432/conduct");
  }
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const display = `${host}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
  return { kind: "postgres", url, display };
}
