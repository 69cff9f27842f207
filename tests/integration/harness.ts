import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { setAppDatabase } from "@/lib/server/db.ts";
import { openDatabase, type OpenDatabase } from "@/lib/server/db/open.ts";
import type { Actor } from "@/lib/server/permissions.ts";
import { createUser } from "@/lib/server/users/create-user.ts";
import { linkUserMember } from "@/lib/server/users/link-user-member.ts";

/*
 * Integration tests run against the real databases: an in-memory PGlite always, and a
 * PostgreSQL server when TEST_DATABASE_URL is set (.ci/run starts one). Each suite gets
 * a throwaway database of its own, with the migrations applied by the app's own runner.
 */
export type Backend = { name: "pglite" | "postgres" };
export const BACKENDS: Backend[] = [{ name: "pglite" }, ...(process.env.TEST_DATABASE_URL ? [{ name: "postgres" as const }] : [])];

export type TestDatabase = OpenDatabase & { url?: string; drop: () => Promise<void> };

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createThrowawayPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend.name === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    return { ...db, drop: async () => {} };
  }
  const throwaway = await createThrowawayPostgres();
  const db = await openDatabase({ kind: "postgres", url: throwaway.url, display: "test" });
  return { ...db, url: throwaway.url, drop: throwaway.drop };
}

/** Runs the suite once per backend, with the app pointed at that backend's fresh database. */
export function describeEachBackend(name: string, suite: (ctx: { db: () => TestDatabase; backend: Backend }) => void) {
  describe.each(BACKENDS)(`${name} [$name]`, (backend) => {
    let db: TestDatabase | undefined;
    beforeAll(async () => {
      db = await openTestDatabase(backend);
      setAppDatabase(db);
    });
    afterAll(async () => {
      setAppDatabase(undefined);
      await db?.close();
      await db?.drop();
    });
    suite({ db: () => db!, backend });
  });
}

let counter = 0;
/** A unique value per call, so tests never depend on each other's data. */
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${randomBytes(2).toString("hex")}`;
}

/** A user with this role (created through the app), as the actor the domain functions take; memberId links their member record. */
export async function createTestActor(
  db: TestDatabase,
  role: "admin" | "moderator" | "viewer",
  memberId: string | null = null,
): Promise<Actor> {
  const user = await createUser({
    actor: { system: true, label: "test" },
    input: { email: `${unique()}@example.org`, name: `${role} ${unique()}`, role },
  });
  if (memberId) await linkUserMember({ actor: { system: true, label: "test" }, input: { userId: user.id, member: { memberId } } });
  return { id: user.id, name: user.name, role, memberId };
}
