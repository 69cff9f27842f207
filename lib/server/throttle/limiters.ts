import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { openAppDatabase } from "../db.ts";
import type { OpenDatabase } from "../db/open.ts";

/*
 * rate-limiter-flexible's limiters, on the store the database implies: its PostgreSQL store
 * on our pg pool when DATABASE_URL is set (every instance shares the counts), its memory
 * store on embedded PGlite (one process owns that database, so its memory is the only
 * state there is). The PostgreSQL store's table, "rate_limit", is created by a migration
 * (the store's own layout: key, points, expire), so the app never issues DDL at run time;
 * each limiter keeps its rows under its own key prefix.
 */
export type Limiter = RateLimiterAbstract;
export type LimiterSpec = { name: string; points: number; duration: number };

const TABLE = "rate_limit";
// On globalThis: Next.js bundles the sign-in route and the server actions (an admin lifting
// a throttle) separately, each with its own copy of this module, and the memory store must be
// one per process.
const shared = globalThis as unknown as { conductLimiters?: WeakMap<OpenDatabase, Map<string, Limiter>> };
const perDatabase = (shared.conductLimiters ??= new WeakMap<OpenDatabase, Map<string, Limiter>>());

export async function limiter(spec: LimiterSpec): Promise<Limiter> {
  const db = await openAppDatabase();
  let limiters = perDatabase.get(db);
  if (!limiters) perDatabase.set(db, (limiters = new Map()));
  const id = `${spec.name}/${spec.points}/${spec.duration}`;
  let found = limiters.get(id);
  if (!found) {
    const options = { keyPrefix: spec.name, points: spec.points, duration: spec.duration };
    found = db.pool
      ? new RateLimiterPostgres({ ...options, storeClient: db.pool, storeType: "pool", tableName: TABLE, tableCreated: true })
      : new RateLimiterMemory(options);
    limiters.set(id, found);
  }
  return found;
}

/** Takes points; never rejects for the limit itself: the result says how many were used and for how long. */
export async function take(l: Limiter, key: string, points = 1): Promise<RateLimiterRes> {
  try {
    return await l.consume(key, points);
  } catch (thrown) {
    if (thrown instanceof RateLimiterRes) return thrown;
    throw thrown;
  }
}

/**
 * The live entry of a key, or null. Every entry here has a duration, so one with no time
 * left is gone (the memory store returns an expired entry until its timer fires).
 */
export async function peek(l: Limiter, key: string): Promise<RateLimiterRes | null> {
  const res = await l.get(key);
  return res && res.msBeforeNext > 0 ? res : null;
}
