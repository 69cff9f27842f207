import { HOUR, DAY } from "@/lib/policy/durations.ts";
/*
 * When a signed-in session stops working. A session ends early when someone ends it (sign-out,
 * another session, an admin, a deactivation: `revokedAt`), and on its own after a stretch
 * without requests (idle) or after a fixed time since sign-in, whichever comes first.
 */
export type SessionLimits = { idleMs: number; maxMs: number };
export type SessionTimes = { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null };
export type SessionState = "active" | "revoked" | "idle" | "expired";

/** 8 hours without a request, 7 days in all: the defaults (SESSION_IDLE_HOURS, SESSION_MAX_DAYS). */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 8 * HOUR, maxMs: 7 * DAY };

/** "Last seen" is written at most this often, so a request costs one read, not a read and a write. */
export const LAST_SEEN_EVERY_MS = 60_000;

/** The moment the session expires by itself, if nobody ends it and it sees no further request. */
export function sessionExpiresAt(session: Omit<SessionTimes, "revokedAt">, limits: SessionLimits): Date {
  return new Date(Math.min(session.lastSeenAt.getTime() + limits.idleMs, session.createdAt.getTime() + limits.maxMs));
}

export function sessionState(session: SessionTimes, limits: SessionLimits, now: Date): SessionState {
  if (session.revokedAt) return "revoked";
  const idleAt = session.lastSeenAt.getTime() + limits.idleMs;
  const maxAt = session.createdAt.getTime() + limits.maxMs;
  if (now.getTime() < Math.min(idleAt, maxAt)) return "active";
  // Whichever limit came first is why it ended.
  return idleAt < maxAt ? "idle" : "expired";
}

/** True when this request should move "last seen" forward. */
export function isLastSeenDue(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS;
}
