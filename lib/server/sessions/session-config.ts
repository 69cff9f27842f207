import "server-only";
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from "@/lib/policy/session-expiry.ts";
import { HOUR, DAY } from "@/lib/policy/durations.ts";

type Env = Record<string, string | undefined>;

/** A wrong SESSION_* setting stops the server at start (lib/server/db/start.ts) instead of being ignored. */
export class SessionConfigError extends Error {
  override name = "SessionConfigError";
}

function readNumber(env: Env, name: string, unit: string, example: number, fallbackMs: number, msPerUnit: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallbackMs;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || value <= 0) {
    throw new SessionConfigError(`${name} must be a positive number of ${unit}, e.g. ${example} (got "${raw.slice(0, 40)}")`);
  }
  return value * msPerUnit;
}

/** How long a session lasts: SESSION_IDLE_HOURS without a request (default 8), SESSION_MAX_DAYS in all (default 7). */
export function readSessionLimits(env: Env = process.env): SessionLimits {
  return {
    idleMs: readNumber(env, "SESSION_IDLE_HOURS", "hours", 8, DEFAULT_SESSION_LIMITS.idleMs, HOUR),
    maxMs: readNumber(env, "SESSION_MAX_DAYS", "days", 7, DEFAULT_SESSION_LIMITS.maxMs, DAY),
  };
}

/** Ended and expired sessions stay listed on the Sessions page this long, then go at the user's next sign-in. */
export const ENDED_SESSION_RETENTION_MS = 30 * DAY;
