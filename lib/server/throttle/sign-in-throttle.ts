import "server-only";
import { addressThrottleKey } from "../client-address.ts";
import { identifierDigest } from "../security-log/identifier-digest.ts";
import { limiter, peek, take } from "./limiters.ts";

/*
 * Sign-in throttling, per account and per client address alike:
 * - 5 failures within 15 minutes (a wrong password, or a wrong code at the second step)
 *   start a wait of 1 minute;
 * - while a key has been throttled in the last 24 hours, every further failure starts a
 *   wait twice as long as the one before: 2, 4, 8, 16, 32, then 60 minutes at most;
 * - during a wait every attempt is refused before the password is even checked, the
 *   right one too, with one message whether or not the account exists;
 * - a successful sign-in clears the account's counters (never the address's: one good
 *   account must not reset the counter of an address trying many others).
 * The account key is the keyed digest of the email as typed and normalised, so unknown
 * emails are throttled exactly like real ones and no typed text reaches the store.
 */
export const FAILURES_BEFORE_THROTTLE = 5;
export const FAILURE_WINDOW_SECONDS = 15 * 60;
export const FIRST_WAIT_MINUTES = 1;
export const MAX_WAIT_MINUTES = 60;
/** How long a throttled key remembers that it was throttled (each new wait extends it). */
export const STRIKE_MEMORY_SECONDS = 24 * 60 * 60;

const FAILURES = { name: "signin_fail", points: FAILURES_BEFORE_THROTTLE, duration: FAILURE_WINDOW_SECONDS };
const STRIKES = { name: "signin_strike", points: 1_000_000, duration: STRIKE_MEMORY_SECONDS };
const WAITS = { name: "signin_wait", points: 1, duration: MAX_WAIT_MINUTES * 60 };

export type ThrottleScope = "account" | "address";
export type ThrottleKey = { scope: ThrottleScope; key: string };

export function accountKey(email: string): ThrottleKey {
  return { scope: "account", key: `acct:${identifierDigest(email)}` };
}

export function addressKey(address: string | undefined): ThrottleKey {
  return { scope: "address", key: `addr:${addressThrottleKey(address)}` };
}

export function signInKeys(email: string, address: string | undefined): ThrottleKey[] {
  return [accountKey(email), addressKey(address)];
}

export { throttleMessage } from "@/lib/schemas/sign-in.ts";

export function waitMinutesAfter(strike: number): number {
  return Math.min(MAX_WAIT_MINUTES, FIRST_WAIT_MINUTES * 2 ** Math.max(0, strike - 1));
}

/** Whole minutes (rounded up) until every key is free, or 0. */
export async function throttledFor(keys: ThrottleKey[]): Promise<number> {
  const waits = await limiter(WAITS);
  let ms = 0;
  for (const k of keys) ms = Math.max(ms, (await peek(waits, k.key))?.msBeforeNext ?? 0);
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

export type StartedWait = ThrottleKey & { minutes: number; until: Date };

/** Counts one failure against each key; returns the waits it started (none below the threshold). */
export async function recordFailure(keys: ThrottleKey[]): Promise<StartedWait[]> {
  const [failures, strikes, waits] = await Promise.all([limiter(FAILURES), limiter(STRIKES), limiter(WAITS)]);
  const started: StartedWait[] = [];
  for (const k of keys) {
    const counted = await take(failures, k.key);
    const previous = await peek(strikes, k.key);
    if (counted.consumedPoints < FAILURES_BEFORE_THROTTLE && !previous) continue;
    const strike = (previous?.consumedPoints ?? 0) + 1;
    const minutes = waitMinutesAfter(strike);
    await strikes.set(k.key, strike, STRIKE_MEMORY_SECONDS);
    await waits.block(k.key, minutes * 60);
    started.push({ ...k, minutes, until: new Date(Date.now() + minutes * 60_000) });
  }
  return started;
}

/** Forgets a key's failures, strikes and wait (a successful sign-in, or an admin lifting it). */
export async function clearKey(key: string): Promise<void> {
  const all = await Promise.all([limiter(FAILURES), limiter(STRIKES), limiter(WAITS)]);
  await Promise.all(all.map((l) => l.delete(key)));
}
