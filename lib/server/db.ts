import "server-only";
import { readDatabaseConfig } from "./db/config.ts";
import { openDatabase, type OpenDatabase } from "./db/open.ts";
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

export type { PrismaClient };
export type Tx = Prisma.TransactionClient;

/*
 * The one Prisma client of the app. Opened lazily (never at build time), once per process,
 * and cached on globalThis so that `next dev` hot reloads do not open the database twice.
 */
const globalForDb = globalThis as unknown as { conductDb?: Promise<OpenDatabase> };

export function openAppDatabase(): Promise<OpenDatabase> {
  if (!globalForDb.conductDb) {
    globalForDb.conductDb = openDatabase(readDatabaseConfig(), {
      checkPrivilege: true,
      log: (line) => console.log(`[db] ${line}`),
    });
    globalForDb.conductDb.catch(() => {
      globalForDb.conductDb = undefined;
    });
  }
  return globalForDb.conductDb;
}

/** Points the app at an already opened database (tests open a throwaway one per backend). */
export function setAppDatabase(db: OpenDatabase | undefined): void {
  globalForDb.conductDb = db ? Promise.resolve(db) : undefined;
}

export async function getDb(): Promise<PrismaClient> {
  return (await openAppDatabase()).prisma;
}
