import "server-only";
import { limiter, take } from "../throttle/limiters.ts";

/*
 * The API's limits, with rate-limiter-flexible (lib/server/throttle/limiters.ts: the
 * PostgreSQL store when DATABASE_URL is set, so every instance counts the same requests):
 * - an authenticated call takes one point from its token's bucket, keyed on the token's id
 *   (never on the header sent: a made-up token cannot reach, drain or reset a real one's);
 * - a call without a valid token takes one from its client address's bucket.
 * `capacity` requests per window of capacity / perMinute minutes: 120 a minute by default.
 */
type Limits = { capacity: number; perMinute: number };

const DEFAULT_LIMITS: Limits = { capacity: 120, perMinute: 120 };

const state = globalThis as unknown as { conductApiLimits?: { limits: Limits; generation: number } };
function config() {
  state.conductApiLimits ??= { limits: { ...DEFAULT_LIMITS }, generation: 0 };
  return state.conductApiLimits;
}

async function takeFrom(kind: "token" | "address", key: string): Promise<number> {
  const { limits, generation } = config();
  const duration = Math.max(1, Math.round((60 * limits.capacity) / limits.perMinute));
  const l = await limiter({ name: `api_${kind}${generation ? `_${generation}` : ""}`, points: limits.capacity, duration });
  const res = await take(l, key);
  if (res.consumedPoints <= limits.capacity) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** One request by an authenticated token (its id): 0 when allowed, else the seconds to wait. */
export function takeTokenRateLimit(tokenId: string): Promise<number> {
  return takeFrom("token", tokenId);
}

/** One request without a valid token, by client address: 0 when allowed, else the seconds to wait. */
export function takeAddressRateLimit(address: string | undefined): Promise<number> {
  return takeFrom("address", address ?? "unknown");
}

/** For tests: other limits (or the defaults again), starting from empty buckets. */
export function configureRateLimit(limits: Partial<Limits> = {}): void {
  const s = config();
  s.limits = { ...DEFAULT_LIMITS, ...limits };
  // New key prefixes: the old buckets are simply never read again.
  s.generation += 1;
}
