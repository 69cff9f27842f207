import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SESSION_LIMITS, isLastSeenDue, sessionExpiresAt, sessionState } from "@/lib/policy/session-expiry.ts";
import { readSessionLimits } from "@/lib/server/sessions/session-config.ts";
import { HOUR, DAY } from "@/lib/policy/durations.ts";
const t0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("session expiry", () => {
  const limits = DEFAULT_SESSION_LIMITS;

  it("the defaults are 8 hours idle and 7 days in all", () => {
    expect(limits).toEqual({ idleMs: 8 * HOUR, maxMs: 7 * DAY });
  });

  it("a session is active until 8 hours pass without a request", () => {
    const session = { createdAt: t0, lastSeenAt: t0, revokedAt: null };
    expect(sessionState(session, limits, at(8 * HOUR - 1))).toBe("active");
    expect(sessionState(session, limits, at(8 * HOUR))).toBe("idle");
    expect(sessionExpiresAt(session, limits)).toEqual(at(8 * HOUR));
  });

  it("a request moves the idle limit, never the 7-day one", () => {
    const busy = { createdAt: t0, lastSeenAt: at(7 * DAY - HOUR), revokedAt: null };
    expect(sessionState(busy, limits, at(7 * DAY - 1))).toBe("active");
    expect(sessionState(busy, limits, at(7 * DAY))).toBe("expired");
    expect(sessionExpiresAt(busy, limits)).toEqual(at(7 * DAY));
  });

  it("a session that ended idle stays 'idle' after its 7 days have passed too", () => {
    const session = { createdAt: t0, lastSeenAt: t0, revokedAt: null };
    expect(sessionState(session, limits, at(30 * DAY))).toBe("idle");
  });

  it("an ended session stays ended whatever its times", () => {
    expect(sessionState({ createdAt: t0, lastSeenAt: t0, revokedAt: at(1) }, limits, at(2))).toBe("revoked");
  });

  it("last seen is due at most once a minute", () => {
    expect(isLastSeenDue(t0, at(59_999))).toBe(false);
    expect(isLastSeenDue(t0, at(60_000))).toBe(true);
  });
});

describe("session settings", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("SESSION_IDLE_HOURS and SESSION_MAX_DAYS change the limits; unset or empty keeps the defaults", () => {
    expect(readSessionLimits({})).toEqual(DEFAULT_SESSION_LIMITS);
    expect(readSessionLimits({ SESSION_IDLE_HOURS: "", SESSION_MAX_DAYS: " " })).toEqual(DEFAULT_SESSION_LIMITS);
    expect(readSessionLimits({ SESSION_IDLE_HOURS: "0.5", SESSION_MAX_DAYS: "1" })).toEqual({ idleMs: HOUR / 2, maxMs: DAY });
  });

  it("a setting that is not a positive number is refused by name, never ignored", () => {
    for (const bad of ["0", "-1", "eight", "Infinity", "1e400", "8h"]) {
      expect(() => readSessionLimits({ SESSION_IDLE_HOURS: bad })).toThrow(
        `SESSION_IDLE_HOURS must be a positive number of hours, e.g. 8 (got "${bad}")`,
      );
    }
    expect(() => readSessionLimits({ SESSION_MAX_DAYS: "0" })).toThrow(
      'SESSION_MAX_DAYS must be a positive number of days, e.g. 7 (got "0")',
    );
  });
});
