import "server-only";
import type { DataKeys } from "./crypto/data-keys.ts";
import { readDatabaseConfig } from "./db/config.ts";
import { openDatabase, type OpenDatabase } from "./db/open.ts";
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

export type { PrismaClient };
export type Tx = Prisma.TransactionClient;

/*
 * The one Prisma client of the app. Opened lazily (never at build time), once per process,
 * and cached on globalThis so that `next dev` hot reloads do not open the database twice.
 */
const globalForDb = globalThis as unknown as { conductDb?: Promise<OpenDatabase>; conductDbOpen?: OpenDatabase };

export function openAppDatabase(): Promise<OpenDatabase> {
  if (!globalForDb.conductDb) {
    const opening = openDatabase(readDatabaseConfig(), {
      checkPrivilege: true,
      log: (line) => console.log(`[db] ${line}`),
    });
    globalForDb.conductDb = opening;
    opening.then(
      (db) => {
        if (globalForDb.conductDb === opening) globalForDb.conductDbOpen = db;
      },
      () => {
        if (globalForDb.conductDb === opening) globalForDb.conductDb = undefined;
      },
    );
  }
  return globalForDb.conductDb;
}

/** Points the app at an already opened database (tests open a throwaway one per backend). */
export function setAppDatabase(db: OpenDatabase | undefined): void {
  globalForDb.conductDb = db ? Promise.resolve(db) : undefined;
  globalForDb.conductDbOpen = db;
}

/**
 * The keys of the app's database, synchronously: for code that has already awaited getDb()
 * (reading a case's reporter happens deep inside pure-looking helpers such as partiesOf).
 */
export function appDataKeys(): DataKeys {
  const keys = globalForDb.conductDbOpen?.dataKeys;
  if (!keys) throw new Error("The database is not open, or was opened without its data keys");
  return keys;
}

export async function getDb(): Promise<PrismaClient> {
  return (await openAppDatabase()).prisma;
}
