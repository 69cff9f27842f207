import "server-only";

/*
 * An in-memory token bucket per API token: `capacity` requests at once, refilled at
 * `perMinute`. Per process: several app instances each allow the full rate, which is
 * fine for a brake on runaway scripts (it is not a billing meter).
 */
type Bucket = { tokens: number; updatedAt: number };
type Limits = { capacity: number; perMinute: number };

const DEFAULT_LIMITS: Limits = { capacity: 120, perMinute: 120 };
const MAX_BUCKETS = 10_000;

const state = globalThis as unknown as { conductRateLimit?: { limits: Limits; buckets: Map<string, Bucket> } };
function store() {
  state.conductRateLimit ??= { limits: { ...DEFAULT_LIMITS }, buckets: new Map() };
  return state.conductRateLimit;
}

/** Takes one request from the key's bucket: 0 when allowed, else the seconds to wait. */
export function takeRateLimit(key: string, now = Date.now()): number {
  const { limits, buckets } = store();
  const perMs = limits.perMinute / 60_000;
  const bucket = buckets.get(key) ?? { tokens: limits.capacity, updatedAt: now };
  bucket.tokens = Math.min(limits.capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
  bucket.updatedAt = now;
  if (buckets.size >= MAX_BUCKETS && !buckets.has(key)) {
    // Forget full buckets first: they hold no information.
    for (const [k, b] of buckets) if (b.tokens + (now - b.updatedAt) * perMs >= limits.capacity) buckets.delete(k);
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
  }
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
}

/** For tests: other limits (or the defaults again), with every bucket full. */
export function configureRateLimit(limits: Partial<Limits> = {}): void {
  const s = store();
  s.limits = { ...DEFAULT_LIMITS, ...limits };
  s.buckets.clear();
}
