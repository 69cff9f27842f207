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

  it("migrations run through DATABASE_MIGRATION_URL (the owner) when it is set, the app through DATABASE_URL", () => {
    const config = readDatabaseConfig({
      DATABASE_URL: "postgresql://conduct_app:app-pw@db.internal:5432/conduct",
      DATABASE_MIGRATION_URL: " postgresql://conduct_owner:owner-pw@db.internal:5432/conduct ",
    });
    expect(config).toEqual({
      kind: "postgres",
      url: "postgresql://conduct_app:app-pw@db.internal:5432/conduct",
      display: "db.internal:5432/conduct",
      migration: { url: "postgresql://conduct_owner:owner-pw@db.internal:5432/conduct", display: "db.internal:5432/conduct" },
    });
    // The same URL twice is one role: nothing separate to migrate with.
    const same = readDatabaseConfig({ DATABASE_URL: "postgresql://a@h/db", DATABASE_MIGRATION_URL: "postgresql://a@h/db" });
    expect(same).not.toHaveProperty("migration");
    expect(() => readDatabaseConfig({ DATABASE_URL: "postgresql://a@h/db", DATABASE_MIGRATION_URL: "mysql://h/db" })).toThrow(
      /^DATABASE_MIGRATION_URL must start with postgresql:\/\//,
    );
    expect(() => readDatabaseConfig({ DATABASE_MIGRATION_URL: "postgresql://a@h/db" })).toThrow(
      new DatabaseSetupError(
        "DATABASE_MIGRATION_URL is set but DATABASE_URL is not: set DATABASE_URL to the app's own role (the embedded database needs neither)",
      ),
    );
  });

  it("REQUIRE_LEAST_PRIVILEGE=1 asks for a least-privilege role; 0 or unset does not; anything else is refused", () => {
    expect(readDatabaseConfig({ REQUIRE_LEAST_PRIVILEGE: "1", PGLITE_DATA_DIR: "/srv/c" })).toEqual({
      kind: "pglite",
      dataDir: "/srv/c",
      requireLeastPrivilege: true,
    });
    expect(readDatabaseConfig({ REQUIRE_LEAST_PRIVILEGE: " 1 ", DATABASE_URL: "postgresql://a@h/db" })).toMatchObject({
      requireLeastPrivilege: true,
    });
    for (const value of ["0", "", " "]) {
      expect(readDatabaseConfig({ REQUIRE_LEAST_PRIVILEGE: value, DATABASE_URL: "postgresql://a@h/db" })).not.toHaveProperty(
        "requireLeastPrivilege",
      );
    }
    for (const value of ["true", "yes", "\u0000"]) {
      expect(() => readDatabaseConfig({ REQUIRE_LEAST_PRIVILEGE: value })).toThrow(
        /^REQUIRE_LEAST_PRIVILEGE must be 1 \(refuse to start unless least privilege\) or 0/,
      );
    }
  });
});
