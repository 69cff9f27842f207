import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseSetupError, readDatabaseConfig } from "@/lib/server/db/config.ts";

describe("database configuration", () => {
  it("uses the embedded database under ./data/pglite when DATABASE_URL is unset", () => {
    expect(readDatabaseConfig({})).toEqual({ kind: "pglite", dataDir: path.resolve("data/pglite") });
    expect(readDatabaseConfig({ DATABASE_URL: "  ", PGLITE_DATA_DIR: "/srv/conduct" })).toEqual({
      kind: "pglite",
      dataDir: "/srv/conduct",
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and never repeats its password in messages", () => {
    const config = readDatabaseConfig({ DATABASE_URL: "postgresql://app:s3cret@db.internal:5433/conduct" });
    expect(config).toMatchObject({ kind: "postgres", display: "db.internal:5433/conduct" });
    expect(JSON.stringify((config as { display: string }).display)).not.toContain("s3cret");
  });

  it("a malformed DATABASE_URL is refused with one line saying what to fix", () => {
    expect(() => readDatabaseConfig({ DATABASE_URL: "not a url" })).toThrow(DatabaseSetupError);
    expect(() => readDatabaseConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL is not a valid URL: expected postgresql:\/\//);
    expect(() => readDatabaseConfig({ DATABASE_URL: "mysql://localhost/db" })).toThrow(/must start with postgresql:\/\//);
    expect(() => readDatabaseConfig({ DATABASE_URL: "postgresql://localhost:5432" })).toThrow(/names no database/);
  });
});
